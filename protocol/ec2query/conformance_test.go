package ec2query_test

import (
	"net/http"
	"testing"

	"github.com/goto3/goto3/internal/pipeline"
	"github.com/goto3/goto3/protocol"

	"github.com/goto3/goto3/internal/protocoltest/ec2/input"
	"github.com/goto3/goto3/internal/protocoltest/ec2/output"
	"github.com/goto3/goto3/internal/protocoltest/querytest"
	"github.com/goto3/goto3/protocol/ec2query"
)

var codec = querytest.Codec{
	MarshalRequest:    ec2query.MarshalRequest,
	UnmarshalResponse: ec2query.UnmarshalResponse,
	UnmarshalError:    ec2query.UnmarshalError,
	// Request compression runs after serialization, as in the client.
	Build: func(req *http.Request, op *protocol.Operation) error {
		return pipeline.CompressRequest(req, op, pipeline.Compression{})
	},
}

// inputSkips lists the input cases not run, with the reason. botocore's own
// ignore list for ec2 (Ec2QueryEndpointTraitWithHostLabel, Ec2Lists,
// Ec2TimestampsInput) passes here.
var inputSkips = map[string]string{}

// outputSkips lists the output cases not run, with the reason. botocore
// ignores Ec2XmlLists and Ec2ComplexError; both pass here.
var outputSkips = map[string]string{}

func TestConformanceInput(t *testing.T) {
	c := querytest.RunInput(t, "../../testdata/protocols/input/ec2.json", input.Lookup, codec, inputSkips)
	querytest.Report(t, "ec2 input", c, inputSkips)
}

func TestConformanceOutput(t *testing.T) {
	c := querytest.RunOutput(t, "../../testdata/protocols/output/ec2.json", output.Lookup, codec, outputSkips)
	querytest.Report(t, "ec2 output", c, outputSkips)
}
