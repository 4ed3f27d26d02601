package ec2_test

import (
	"net/http"
	"testing"

	"github.com/goto3/goto3/internal/pipeline"
	"github.com/goto3/goto3/internal/testing/protocoltest/querytest"
	"github.com/goto3/goto3/protocol"
	"github.com/goto3/goto3/protocol/ec2query"
	"github.com/goto3/goto3/services/ec2"
)

// ec2Codec is protocol/ec2query as the querytest runners take it, with the
// request pipeline's build stage (request compression) after it, as in
// protocol/ec2query's conformance test.
var ec2Codec = querytest.Codec{
	MarshalRequest:    ec2query.MarshalRequest,
	UnmarshalResponse: ec2query.UnmarshalResponse,
	UnmarshalError:    ec2query.UnmarshalError,
	Build: func(req *http.Request, op *protocol.Operation) error {
		return pipeline.CompressRequest(req, op, pipeline.Compression{})
	},
}

// ec2Service is the generated EC2 schema as the querytest runners take it.
func ec2Service() querytest.Service {
	return querytest.Service{
		Operations: ec2.OperationSchemas(),
		NewInput:   ec2.NewOperationInput,
		NewOutput:  ec2.NewOperationOutput,
	}
}

// TestBotocoreDiff replays the vectors botocore produced for EC2
// (testdata/protocols-diff/ses_ec2_vectors.py) through the generated
// services/ec2 schema and protocol/ec2query: request bodies pair by pair,
// parsed responses and error documents field by field.
func TestBotocoreDiff(t *testing.T) {
	v := querytest.LoadVectors(t, "../../testdata/protocols-diff/ec2-vectors.json")
	if len(v.Requests) < 100 || len(v.Responses) < 100 {
		t.Fatalf("got %d requests and %d responses, want at least 100 of each", len(v.Requests), len(v.Responses))
	}
	querytest.RunDiff(t, v, ec2Service(), ec2Codec)
}
