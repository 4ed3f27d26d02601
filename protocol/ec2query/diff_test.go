package ec2query_test

import (
	"testing"

	"github.com/goto3/goto3/protocol/internal/querytest"
	"github.com/goto3/goto3/services/ec2"
)

// TestBotocoreDiff replays the vectors botocore produced for EC2
// (testdata/protocols-diff/ses_ec2_vectors.py) through the generated
// services/ec2 schema: request bodies pair by pair, parsed responses and
// error documents field by field.
func TestBotocoreDiff(t *testing.T) {
	v := querytest.LoadVectors(t, "../../testdata/protocols-diff/ec2-vectors.json")
	if len(v.Requests) < 100 || len(v.Responses) < 100 {
		t.Fatalf("got %d requests and %d responses, want at least 100 of each", len(v.Requests), len(v.Responses))
	}
	querytest.RunDiff(t, v, querytest.Service{
		Operations: ec2.OperationSchemas(),
		NewInput:   ec2.NewOperationInput,
		NewOutput:  ec2.NewOperationOutput,
	}, codec)
}
