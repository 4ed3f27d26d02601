package kms_test

import (
	"testing"

	"github.com/goto3/goto3"
	"github.com/goto3/goto3/internal/testing/difftest"
	"github.com/goto3/goto3/services/kms"
)

// TestBotocoreServiceDiff replays testdata/services-diff/kms.json: calls
// botocore's client made, through the real client
// (internal/testing/difftest).
func TestBotocoreServiceDiff(t *testing.T) {
	difftest.Run(t, "../../testdata/services-diff/kms.json", difftest.Service{
		Schema:     kms.ServiceSchema,
		Operations: kms.OperationSchemas(),
		New:        func(cfg goto3.Config) (any, error) { return kms.New(cfg) },
	})
}
