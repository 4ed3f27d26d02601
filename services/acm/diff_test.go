package acm_test

import (
	"testing"

	"github.com/goto3/goto3"
	"github.com/goto3/goto3/internal/testing/difftest"
	"github.com/goto3/goto3/services/acm"
)

// TestBotocoreServiceDiff replays testdata/services-diff/acm.json: calls
// botocore's client made, through the real client
// (internal/testing/difftest).
func TestBotocoreServiceDiff(t *testing.T) {
	difftest.Run(t, "../../testdata/services-diff/acm.json", difftest.Service{
		Schema:     acm.ServiceSchema,
		Operations: acm.OperationSchemas(),
		New:        func(cfg goto3.Config) (any, error) { return acm.New(cfg) },
	})
}
