package ecr_test

import (
	"testing"

	"github.com/goto3/goto3"
	"github.com/goto3/goto3/internal/testing/difftest"
	"github.com/goto3/goto3/services/ecr"
)

// TestBotocoreServiceDiff replays testdata/services-diff/ecr.json: calls
// botocore's client made, through the real client
// (internal/testing/difftest).
func TestBotocoreServiceDiff(t *testing.T) {
	difftest.Run(t, "../../testdata/services-diff/ecr.json", difftest.Service{
		Schema:     ecr.ServiceSchema,
		Operations: ecr.OperationSchemas(),
		New:        func(cfg goto3.Config) (any, error) { return ecr.New(cfg) },
	})
}
