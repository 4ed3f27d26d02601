package kinesis

import (
	"github.com/goto3/goto3"
	"github.com/goto3/goto3/internal/pipeline"
	"github.com/goto3/goto3/protocol"
)

// Kinesis's customizations:
//
//   - SubscribeToShard goes over HTTP/2, the only protocol AWS serves it
//     over (the model's protocolSettings {"h2": "eventstream"}): through a
//     transport of the client's settings that offers h2 besides HTTP/1.1
//     (pipeline.Customizations.HTTP2). Every other operation keeps the
//     SDK's HTTP/1.1 transport; a client given its own HTTPClient sends
//     everything through it. botocore sends it over HTTP/1.1 (urllib3 has
//     no HTTP/2).
//
// What botocore does beyond that needs no code here: the rule set's
// context parameters (StreamARN, ConsumerARN, ResourceARN, StreamId and
// the static OperationType) give the account-based control and data
// endpoints, filled from the model like every context parameter; the
// legacy retry rule for LimitExceededException is part of the standard
// retry mode's throttling codes.

// clientState is Kinesis's state shared with per-call clients: none.
type clientState struct{}

func newClientState() clientState { return clientState{} }

// fromConfig reads Kinesis's own settings: none beyond goto3.Config's.
func (o *Options) fromConfig(*goto3.Config) error { return nil }

// customize sets Kinesis's customizations in po.
func (c *Client) customize(_ *Options, po *pipeline.Options, _ *EndpointParameters) error {
	po.Custom.HTTP2 = overHTTP2
	return nil
}

// overHTTP2 reports whether op is sent over HTTP/2.
func overHTTP2(op *protocol.Operation) bool { return op == &opSubscribeToShard }
