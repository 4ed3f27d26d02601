package eks_test

import (
	"testing"

	"github.com/goto3/goto3"
	"github.com/goto3/goto3/internal/testing/difftest"
	"github.com/goto3/goto3/services/eks"
)

// TestBotocoreServiceDiff replays testdata/services-diff/eks.json: calls
// botocore's client made, through the real client
// (internal/testing/difftest).
func TestBotocoreServiceDiff(t *testing.T) {
	difftest.Run(t, "../../testdata/services-diff/eks.json", difftest.Service{
		Schema:     eks.ServiceSchema,
		Operations: eks.OperationSchemas(),
		New:        func(cfg goto3.Config) (any, error) { return eks.New(cfg) },
	})
}
