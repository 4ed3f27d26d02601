package ses_test

import (
	"testing"

	"github.com/goto3/goto3"
	"github.com/goto3/goto3/internal/testing/difftest"
	"github.com/goto3/goto3/services/ses"
)

// TestBotocoreServiceDiff replays testdata/services-diff/ses.json: calls
// botocore's client made, through the real client
// (internal/testing/difftest).
func TestBotocoreServiceDiff(t *testing.T) {
	difftest.Run(t, "../../testdata/services-diff/ses.json", difftest.Service{
		Schema:     ses.ServiceSchema,
		Operations: ses.OperationSchemas(),
		New:        func(cfg goto3.Config) (any, error) { return ses.New(cfg) },
	})
}
