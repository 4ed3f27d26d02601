package query_test

import (
	"testing"

	"github.com/goto3/goto3/protocol/internal/querytest"
	"github.com/goto3/goto3/services/ses"
)

// TestBotocoreDiff replays the vectors botocore produced for SES
// (testdata/protocols-diff/ses_ec2_vectors.py) through the generated
// services/ses schema: request bodies pair by pair, parsed responses and
// error documents field by field.
func TestBotocoreDiff(t *testing.T) {
	v := querytest.LoadVectors(t, "../../testdata/protocols-diff/ses-vectors.json")
	if len(v.Requests) < 100 || len(v.Responses) < 100 {
		t.Fatalf("got %d requests and %d responses, want at least 100 of each", len(v.Requests), len(v.Responses))
	}
	querytest.RunDiff(t, v, querytest.Service{
		Operations: ses.OperationSchemas(),
		NewInput:   ses.NewOperationInput,
		NewOutput:  ses.NewOperationOutput,
	}, codec)
}
