package cloudformation_test

import (
	"testing"

	"github.com/goto3/goto3"
	"github.com/goto3/goto3/internal/testing/difftest"
	"github.com/goto3/goto3/services/cloudformation"
)

// TestBotocoreServiceDiff replays testdata/services-diff/cloudformation.json: calls
// botocore's client made, through the real client
// (internal/testing/difftest).
func TestBotocoreServiceDiff(t *testing.T) {
	difftest.Run(t, "../../testdata/services-diff/cloudformation.json", difftest.Service{
		Schema:     cloudformation.ServiceSchema,
		Operations: cloudformation.OperationSchemas(),
		New:        func(cfg goto3.Config) (any, error) { return cloudformation.New(cfg) },
	})
}
