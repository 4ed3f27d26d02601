package route53_test

import (
	"testing"

	"github.com/goto3/goto3"
	"github.com/goto3/goto3/internal/testing/difftest"
	"github.com/goto3/goto3/services/route53"
)

// TestBotocoreServiceDiff replays testdata/services-diff/route53.json: calls
// botocore's client made, through the real client
// (internal/testing/difftest).
func TestBotocoreServiceDiff(t *testing.T) {
	difftest.Run(t, "../../testdata/services-diff/route53.json", difftest.Service{
		Schema:     route53.ServiceSchema,
		Operations: route53.OperationSchemas(),
		New:        func(cfg goto3.Config) (any, error) { return route53.New(cfg) },
	})
}
