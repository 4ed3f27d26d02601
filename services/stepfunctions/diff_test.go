package stepfunctions_test

import (
	"testing"

	"github.com/goto3/goto3"
	"github.com/goto3/goto3/internal/testing/difftest"
	"github.com/goto3/goto3/services/stepfunctions"
)

// TestBotocoreServiceDiff replays testdata/services-diff/stepfunctions.json: calls
// botocore's client made, through the real client
// (internal/testing/difftest).
func TestBotocoreServiceDiff(t *testing.T) {
	difftest.Run(t, "../../testdata/services-diff/stepfunctions.json", difftest.Service{
		Schema:     stepfunctions.ServiceSchema,
		Operations: stepfunctions.OperationSchemas(),
		New:        func(cfg goto3.Config) (any, error) { return stepfunctions.New(cfg) },
	})
}
