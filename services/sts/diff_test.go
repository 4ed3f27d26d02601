package sts_test

import (
	"testing"

	"github.com/goto3/goto3"
	"github.com/goto3/goto3/internal/testing/difftest"
	"github.com/goto3/goto3/services/sts"
)

// TestBotocoreServiceDiff replays testdata/services-diff/sts.json: calls
// botocore's client made, through the real client (internal/testing/difftest).
func TestBotocoreServiceDiff(t *testing.T) {
	difftest.Run(t, "../../testdata/services-diff/sts.json", difftest.Service{
		Schema:     sts.ServiceSchema,
		Operations: sts.OperationSchemas(),
		New:        func(cfg goto3.Config) (any, error) { return sts.New(cfg) },
	})
}
