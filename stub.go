package goto3

import (
	"context"

	"github.com/goto3/goto3/protocol"
)

// Stubber answers a client's calls in place of the service, for unit tests,
// as botocore's Stubber does: package stubber's *Stubber is one, answering
// from a queue of expected calls. A client whose Options (or the Config it
// is made from) have a Stubber validates each input against the model, as
// every call does before any I/O, then hands the call to the Stubber instead
// of resolving an endpoint, signing and sending it: nothing goes to the
// network, no credentials are needed, nothing is retried, and the client's
// waiters do not sleep. Presigning is not stubbed (as in botocore): it
// still presigns, with the client's credentials.
type Stubber interface {
	// StubCall answers call: it fills call.Output and returns nil, or
	// returns the error the call fails with (a *APIError for an error
	// answer of the service), which the client wraps in its
	// *OperationError. It may be called by several goroutines at once.
	StubCall(ctx context.Context, call *StubCall) error
}

// StubCall is one call a Stubber answers.
type StubCall struct {
	// Operation is the operation's schema (Operation.Service the
	// service's).
	Operation *protocol.Operation
	// Input is a pointer to the input struct as the caller gave it (a new
	// empty one when the caller gave nil); the Stubber must not change it.
	Input any
	// Output is a pointer to the operation's output struct, zero, which
	// the caller receives when StubCall returns nil; Metadata points to
	// its ResultMetadata.
	Output   any
	Metadata *protocol.ResponseMetadata
}
