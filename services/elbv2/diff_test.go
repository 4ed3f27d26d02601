package elbv2_test

import (
	"testing"

	"github.com/goto3/goto3"
	"github.com/goto3/goto3/internal/testing/difftest"
	"github.com/goto3/goto3/services/elbv2"
)

// TestBotocoreServiceDiff replays testdata/services-diff/elbv2.json: calls
// botocore's client made, through the real client
// (internal/testing/difftest).
func TestBotocoreServiceDiff(t *testing.T) {
	difftest.Run(t, "../../testdata/services-diff/elbv2.json", difftest.Service{
		Schema:     elbv2.ServiceSchema,
		Operations: elbv2.OperationSchemas(),
		New:        func(cfg goto3.Config) (any, error) { return elbv2.New(cfg) },
	})
}
