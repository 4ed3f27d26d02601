package cognitoidp_test

import (
	"testing"

	"github.com/goto3/goto3"
	"github.com/goto3/goto3/internal/testing/difftest"
	"github.com/goto3/goto3/services/cognitoidp"
)

// TestBotocoreServiceDiff replays testdata/services-diff/cognito-idp.json: calls
// botocore's client made, through the real client
// (internal/testing/difftest).
func TestBotocoreServiceDiff(t *testing.T) {
	difftest.Run(t, "../../testdata/services-diff/cognito-idp.json", difftest.Service{
		Schema:     cognitoidp.ServiceSchema,
		Operations: cognitoidp.OperationSchemas(),
		New:        func(cfg goto3.Config) (any, error) { return cognitoidp.New(cfg) },
	})
}
