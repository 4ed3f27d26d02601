package cloudfront_test

import (
	"testing"

	"github.com/goto3/goto3"
	"github.com/goto3/goto3/internal/testing/difftest"
	"github.com/goto3/goto3/services/cloudfront"
)

// TestBotocoreServiceDiff replays testdata/services-diff/cloudfront.json: calls
// botocore's client made, through the real client
// (internal/testing/difftest).
func TestBotocoreServiceDiff(t *testing.T) {
	difftest.Run(t, "../../testdata/services-diff/cloudfront.json", difftest.Service{
		Schema:     cloudfront.ServiceSchema,
		Operations: cloudfront.OperationSchemas(),
		New:        func(cfg goto3.Config) (any, error) { return cloudfront.New(cfg) },
	})
}
