package sesv2_test

import (
	"testing"

	"github.com/goto3/goto3"
	"github.com/goto3/goto3/internal/testing/difftest"
	"github.com/goto3/goto3/services/sesv2"
)

// TestBotocoreServiceDiff replays testdata/services-diff/sesv2.json: calls
// botocore's client made, through the real client
// (internal/testing/difftest).
func TestBotocoreServiceDiff(t *testing.T) {
	difftest.Run(t, "../../testdata/services-diff/sesv2.json", difftest.Service{
		Schema:     sesv2.ServiceSchema,
		Operations: sesv2.OperationSchemas(),
		New:        func(cfg goto3.Config) (any, error) { return sesv2.New(cfg) },
	})
}
