package cloudwatch_test

import (
	"testing"

	"github.com/goto3/goto3"
	"github.com/goto3/goto3/internal/testing/difftest"
	"github.com/goto3/goto3/services/cloudwatch"
)

// TestBotocoreServiceDiff replays testdata/services-diff/cloudwatch.json: calls
// botocore's client made, through the real client
// (internal/testing/difftest).
func TestBotocoreServiceDiff(t *testing.T) {
	difftest.Run(t, "../../testdata/services-diff/cloudwatch.json", difftest.Service{
		Schema:     cloudwatch.ServiceSchema,
		Operations: cloudwatch.OperationSchemas(),
		New:        func(cfg goto3.Config) (any, error) { return cloudwatch.New(cfg) },
	})
}
