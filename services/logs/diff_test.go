package logs_test

import (
	"testing"

	"github.com/goto3/goto3"
	"github.com/goto3/goto3/internal/testing/difftest"
	"github.com/goto3/goto3/services/logs"
)

// TestBotocoreServiceDiff replays testdata/services-diff/logs.json: calls
// botocore's client made, through the real client
// (internal/testing/difftest).
func TestBotocoreServiceDiff(t *testing.T) {
	difftest.Run(t, "../../testdata/services-diff/logs.json", difftest.Service{
		Schema:     logs.ServiceSchema,
		Operations: logs.OperationSchemas(),
		New:        func(cfg goto3.Config) (any, error) { return logs.New(cfg) },
	})
}
