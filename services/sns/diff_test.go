package sns_test

import (
	"testing"

	"github.com/goto3/goto3"
	"github.com/goto3/goto3/internal/testing/difftest"
	"github.com/goto3/goto3/services/sns"
)

// TestBotocoreServiceDiff replays testdata/services-diff/sns.json: calls
// botocore's client made, through the real client
// (internal/testing/difftest).
func TestBotocoreServiceDiff(t *testing.T) {
	difftest.Run(t, "../../testdata/services-diff/sns.json", difftest.Service{
		Schema:     sns.ServiceSchema,
		Operations: sns.OperationSchemas(),
		New:        func(cfg goto3.Config) (any, error) { return sns.New(cfg) },
	})
}
