package autoscaling_test

import (
	"testing"

	"github.com/goto3/goto3"
	"github.com/goto3/goto3/internal/testing/difftest"
	"github.com/goto3/goto3/services/autoscaling"
)

// TestBotocoreServiceDiff replays testdata/services-diff/autoscaling.json: calls
// botocore's client made, through the real client
// (internal/testing/difftest).
func TestBotocoreServiceDiff(t *testing.T) {
	difftest.Run(t, "../../testdata/services-diff/autoscaling.json", difftest.Service{
		Schema:     autoscaling.ServiceSchema,
		Operations: autoscaling.OperationSchemas(),
		New:        func(cfg goto3.Config) (any, error) { return autoscaling.New(cfg) },
	})
}
