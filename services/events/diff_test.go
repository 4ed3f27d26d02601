package events_test

import (
	"testing"

	"github.com/goto3/goto3"
	"github.com/goto3/goto3/internal/testing/difftest"
	"github.com/goto3/goto3/services/events"
)

// TestBotocoreServiceDiff replays testdata/services-diff/events.json: calls
// botocore's client made, through the real client
// (internal/testing/difftest).
func TestBotocoreServiceDiff(t *testing.T) {
	difftest.Run(t, "../../testdata/services-diff/events.json", difftest.Service{
		Schema:     events.ServiceSchema,
		Operations: events.OperationSchemas(),
		New:        func(cfg goto3.Config) (any, error) { return events.New(cfg) },
	})
}
