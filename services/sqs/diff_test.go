package sqs_test

import (
	"testing"

	"github.com/goto3/goto3"
	"github.com/goto3/goto3/internal/testing/difftest"
	"github.com/goto3/goto3/services/sqs"
)

// TestBotocoreServiceDiff replays testdata/services-diff/sqs.json: calls
// botocore's client made, through the real client
// (internal/testing/difftest).
func TestBotocoreServiceDiff(t *testing.T) {
	difftest.Run(t, "../../testdata/services-diff/sqs.json", difftest.Service{
		Schema:     sqs.ServiceSchema,
		Operations: sqs.OperationSchemas(),
		New:        func(cfg goto3.Config) (any, error) { return sqs.New(cfg) },
	})
}
