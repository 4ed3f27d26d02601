package protocoltest

import "github.com/goto3/goto3/protocol"

// Key names one case: the index of its suite in the test file and its id.
type Key struct {
	Suite int
	ID    string
}

// Entry is what a generated test package knows about one case: the
// operation its "given" describes, and a constructor of a new, empty input
// (input files) or output (output files) struct of the generated Go type.
// New returns nil for an input case whose operation takes no input; for an
// output case whose operation has no output shape it returns *NoOutput.
type Entry struct {
	Operation *protocol.Operation
	New       func() any
}

// NoOutput is the output value of a case whose operation has no output
// shape (Operation.Output is nil).
type NoOutput struct {
	ResultMetadata protocol.ResponseMetadata
}
