package athena_test

import (
	"testing"

	"github.com/goto3/goto3"
	"github.com/goto3/goto3/internal/testing/difftest"
	"github.com/goto3/goto3/services/athena"
)

// TestBotocoreServiceDiff replays testdata/services-diff/athena.json: calls
// botocore's client made, through the real client
// (internal/testing/difftest).
func TestBotocoreServiceDiff(t *testing.T) {
	difftest.Run(t, "../../testdata/services-diff/athena.json", difftest.Service{
		Schema:     athena.ServiceSchema,
		Operations: athena.OperationSchemas(),
		New:        func(cfg goto3.Config) (any, error) { return athena.New(cfg) },
	})
}
