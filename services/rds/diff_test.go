package rds_test

import (
	"testing"

	"github.com/goto3/goto3"
	"github.com/goto3/goto3/internal/testing/difftest"
	"github.com/goto3/goto3/services/rds"
)

// TestBotocoreServiceDiff replays testdata/services-diff/rds.json: calls
// botocore's client made, through the real client
// (internal/testing/difftest).
func TestBotocoreServiceDiff(t *testing.T) {
	difftest.Run(t, "../../testdata/services-diff/rds.json", difftest.Service{
		Schema:     rds.ServiceSchema,
		Operations: rds.OperationSchemas(),
		// The clock botocore presigned the cross-region PresignedUrl at.
		New: func(cfg goto3.Config) (any, error) {
			return rds.New(cfg, func(o *rds.Options) { o.Now = difftest.Now })
		},
	})
}
