package s3_test

import (
	"testing"

	"github.com/goto3/goto3"
	"github.com/goto3/goto3/internal/testing/difftest"
	"github.com/goto3/goto3/services/s3"
)

// TestBotocoreServiceDiff replays testdata/services-diff/s3.json: calls
// botocore's client made, through the real client
// (internal/testing/difftest).
func TestBotocoreServiceDiff(t *testing.T) {
	difftest.Run(t, "../../testdata/services-diff/s3.json", difftest.Service{
		Schema:     s3.ServiceSchema,
		Operations: s3.OperationSchemas(),
		New:        func(cfg goto3.Config) (any, error) { return s3.New(cfg) },
	})
}
