package bedrockruntime_test

import (
	"testing"

	"github.com/goto3/goto3"
	"github.com/goto3/goto3/internal/testing/difftest"
	"github.com/goto3/goto3/services/bedrockruntime"
)

// TestBotocoreServiceDiff replays testdata/services-diff/bedrock-runtime.json: calls
// botocore's client made, through the real client
// (internal/testing/difftest).
func TestBotocoreServiceDiff(t *testing.T) {
	difftest.Run(t, "../../testdata/services-diff/bedrock-runtime.json", difftest.Service{
		Schema:     bedrockruntime.ServiceSchema,
		Operations: bedrockruntime.OperationSchemas(),
		New:        func(cfg goto3.Config) (any, error) { return bedrockruntime.New(cfg) },
	})
}
