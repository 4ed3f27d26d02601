package ssm_test

import (
	"testing"

	"github.com/goto3/goto3"
	"github.com/goto3/goto3/internal/testing/difftest"
	"github.com/goto3/goto3/services/ssm"
)

// TestBotocoreServiceDiff replays testdata/services-diff/ssm.json: calls
// botocore's client made, through the real client
// (internal/testing/difftest).
func TestBotocoreServiceDiff(t *testing.T) {
	difftest.Run(t, "../../testdata/services-diff/ssm.json", difftest.Service{
		Schema:     ssm.ServiceSchema,
		Operations: ssm.OperationSchemas(),
		New:        func(cfg goto3.Config) (any, error) { return ssm.New(cfg) },
	})
}
