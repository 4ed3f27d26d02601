package apigateway_test

import (
	"testing"

	"github.com/goto3/goto3"
	"github.com/goto3/goto3/internal/testing/difftest"
	"github.com/goto3/goto3/services/apigateway"
)

// TestBotocoreServiceDiff replays testdata/services-diff/apigateway.json: calls
// botocore's client made, through the real client
// (internal/testing/difftest).
func TestBotocoreServiceDiff(t *testing.T) {
	difftest.Run(t, "../../testdata/services-diff/apigateway.json", difftest.Service{
		Schema:     apigateway.ServiceSchema,
		Operations: apigateway.OperationSchemas(),
		New:        func(cfg goto3.Config) (any, error) { return apigateway.New(cfg) },
	})
}
