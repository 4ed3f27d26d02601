package iam_test

import (
	"testing"

	"github.com/goto3/goto3"
	"github.com/goto3/goto3/internal/testing/difftest"
	"github.com/goto3/goto3/services/iam"
)

// TestBotocoreServiceDiff replays testdata/services-diff/iam.json: calls
// botocore's client made, through the real client
// (internal/testing/difftest).
func TestBotocoreServiceDiff(t *testing.T) {
	difftest.Run(t, "../../testdata/services-diff/iam.json", difftest.Service{
		Schema:     iam.ServiceSchema,
		Operations: iam.OperationSchemas(),
		New:        func(cfg goto3.Config) (any, error) { return iam.New(cfg) },
	})
}
