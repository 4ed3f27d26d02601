package kinesis_test

import (
	"testing"

	"github.com/goto3/goto3"
	"github.com/goto3/goto3/internal/testing/difftest"
	"github.com/goto3/goto3/services/kinesis"
)

// TestBotocoreServiceDiff replays testdata/services-diff/kinesis.json: calls
// botocore's client made, through the real client
// (internal/testing/difftest).
func TestBotocoreServiceDiff(t *testing.T) {
	difftest.Run(t, "../../testdata/services-diff/kinesis.json", difftest.Service{
		Schema:     kinesis.ServiceSchema,
		Operations: kinesis.OperationSchemas(),
		New:        func(cfg goto3.Config) (any, error) { return kinesis.New(cfg) },
	})
}
