package firehose_test

import (
	"testing"

	"github.com/goto3/goto3"
	"github.com/goto3/goto3/internal/testing/difftest"
	"github.com/goto3/goto3/services/firehose"
)

// TestBotocoreServiceDiff replays testdata/services-diff/firehose.json: calls
// botocore's client made, through the real client
// (internal/testing/difftest).
func TestBotocoreServiceDiff(t *testing.T) {
	difftest.Run(t, "../../testdata/services-diff/firehose.json", difftest.Service{
		Schema:     firehose.ServiceSchema,
		Operations: firehose.OperationSchemas(),
		New:        func(cfg goto3.Config) (any, error) { return firehose.New(cfg) },
	})
}
