package dynamodb_test

import (
	"testing"

	"github.com/goto3/goto3"
	"github.com/goto3/goto3/internal/testing/difftest"
	"github.com/goto3/goto3/services/dynamodb"
)

// TestBotocoreServiceDiff replays testdata/services-diff/dynamodb.json:
// calls botocore's client made, through the real client
// (internal/testing/difftest).
func TestBotocoreServiceDiff(t *testing.T) {
	difftest.Run(t, "../../testdata/services-diff/dynamodb.json", difftest.Service{
		Schema:     dynamodb.ServiceSchema,
		Operations: dynamodb.OperationSchemas(),
		New:        func(cfg goto3.Config) (any, error) { return dynamodb.New(cfg) },
	})
}
