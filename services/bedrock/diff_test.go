package bedrock_test

import (
	"testing"

	"github.com/goto3/goto3"
	"github.com/goto3/goto3/internal/testing/difftest"
	"github.com/goto3/goto3/services/bedrock"
)

// TestBotocoreServiceDiff replays testdata/services-diff/bedrock.json: calls
// botocore's client made, through the real client
// (internal/testing/difftest).
func TestBotocoreServiceDiff(t *testing.T) {
	difftest.Run(t, "../../testdata/services-diff/bedrock.json", difftest.Service{
		Schema:     bedrock.ServiceSchema,
		Operations: bedrock.OperationSchemas(),
		New:        func(cfg goto3.Config) (any, error) { return bedrock.New(cfg) },
	})
}
