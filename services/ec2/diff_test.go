package ec2_test

import (
	"testing"

	"github.com/goto3/goto3"
	"github.com/goto3/goto3/internal/testing/difftest"
	"github.com/goto3/goto3/services/ec2"
)

// TestBotocoreServiceDiff replays testdata/services-diff/ec2.json: calls
// botocore's client made, through the real client
// (internal/testing/difftest).
func TestBotocoreServiceDiff(t *testing.T) {
	difftest.Run(t, "../../testdata/services-diff/ec2.json", difftest.Service{
		Schema:     ec2.ServiceSchema,
		Operations: ec2.OperationSchemas(),
		// The clock botocore presigned the cross-region PresignedUrl at.
		New: func(cfg goto3.Config) (any, error) {
			return ec2.New(cfg, func(o *ec2.Options) { o.Now = difftest.Now })
		},
	})
}
