package ecs_test

import (
	"testing"

	"github.com/goto3/goto3"
	"github.com/goto3/goto3/internal/testing/difftest"
	"github.com/goto3/goto3/services/ecs"
)

// TestBotocoreServiceDiff replays testdata/services-diff/ecs.json: calls
// botocore's client made, through the real client
// (internal/testing/difftest).
func TestBotocoreServiceDiff(t *testing.T) {
	difftest.Run(t, "../../testdata/services-diff/ecs.json", difftest.Service{
		Schema:     ecs.ServiceSchema,
		Operations: ecs.OperationSchemas(),
		New:        func(cfg goto3.Config) (any, error) { return ecs.New(cfg) },
	})
}
