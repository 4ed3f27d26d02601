package glue_test

import (
	"testing"

	"github.com/goto3/goto3"
	"github.com/goto3/goto3/internal/testing/difftest"
	"github.com/goto3/goto3/services/glue"
)

// TestBotocoreServiceDiff replays testdata/services-diff/glue.json: calls
// botocore's client made, through the real client
// (internal/testing/difftest).
func TestBotocoreServiceDiff(t *testing.T) {
	difftest.Run(t, "../../testdata/services-diff/glue.json", difftest.Service{
		Schema:     glue.ServiceSchema,
		Operations: glue.OperationSchemas(),
		New:        func(cfg goto3.Config) (any, error) { return glue.New(cfg) },
	})
}
