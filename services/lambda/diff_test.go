package lambda_test

import (
	"testing"

	"github.com/goto3/goto3"
	"github.com/goto3/goto3/internal/testing/difftest"
	"github.com/goto3/goto3/services/lambda"
)

// TestBotocoreServiceDiff replays testdata/services-diff/lambda.json: calls
// botocore's client made, through the real client
// (internal/testing/difftest).
func TestBotocoreServiceDiff(t *testing.T) {
	difftest.Run(t, "../../testdata/services-diff/lambda.json", difftest.Service{
		Schema:     lambda.ServiceSchema,
		Operations: lambda.OperationSchemas(),
		New:        func(cfg goto3.Config) (any, error) { return lambda.New(cfg) },
	})
}
