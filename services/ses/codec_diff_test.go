package ses_test

import (
	"net/http"
	"testing"

	"github.com/goto3/goto3/internal/pipeline"
	"github.com/goto3/goto3/internal/testing/protocoltest/querytest"
	"github.com/goto3/goto3/protocol"
	"github.com/goto3/goto3/protocol/query"
	"github.com/goto3/goto3/services/ses"
)

// queryCodec is protocol/query as the querytest runners take it, with the
// request pipeline's build stage (request compression) after it, as in
// protocol/query's conformance test.
var queryCodec = querytest.Codec{
	MarshalRequest:    query.MarshalRequest,
	UnmarshalResponse: query.UnmarshalResponse,
	UnmarshalError:    query.UnmarshalError,
	Build: func(req *http.Request, op *protocol.Operation) error {
		return pipeline.CompressRequest(req, op, pipeline.Compression{})
	},
}

// sesService is the generated SES schema as the querytest runners take it.
func sesService() querytest.Service {
	return querytest.Service{
		Operations: ses.OperationSchemas(),
		NewInput:   ses.NewOperationInput,
		NewOutput:  ses.NewOperationOutput,
	}
}

// TestBotocoreDiff replays the vectors botocore produced for SES
// (testdata/protocols-diff/ses_ec2_vectors.py) through the generated
// services/ses schema and protocol/query: request bodies pair by pair,
// parsed responses and error documents field by field.
func TestBotocoreDiff(t *testing.T) {
	v := querytest.LoadVectors(t, "../../testdata/protocols-diff/ses-vectors.json")
	if len(v.Requests) < 100 || len(v.Responses) < 100 {
		t.Fatalf("got %d requests and %d responses, want at least 100 of each", len(v.Requests), len(v.Responses))
	}
	querytest.RunDiff(t, v, sesService(), queryCodec)
}
