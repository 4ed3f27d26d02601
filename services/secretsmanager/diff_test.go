package secretsmanager_test

import (
	"testing"

	"github.com/goto3/goto3"
	"github.com/goto3/goto3/internal/testing/difftest"
	"github.com/goto3/goto3/services/secretsmanager"
)

// TestBotocoreServiceDiff replays testdata/services-diff/secretsmanager.json: calls
// botocore's client made, through the real client
// (internal/testing/difftest).
func TestBotocoreServiceDiff(t *testing.T) {
	difftest.Run(t, "../../testdata/services-diff/secretsmanager.json", difftest.Service{
		Schema:     secretsmanager.ServiceSchema,
		Operations: secretsmanager.OperationSchemas(),
		New:        func(cfg goto3.Config) (any, error) { return secretsmanager.New(cfg) },
	})
}
