package ec2_test

import (
	"testing"

	"github.com/goto3/goto3/internal/testing/protocoltest/querytest"
	"github.com/goto3/goto3/services/ec2"
)

// TestServiceSchemas walks the schema of every generated operation of the
// package (moved here from internal/codegen, which cannot reach it) and
// checks it against the generated Go types, the endpoint rule set's
// parameter positions and the service's error list
// (querytest.CheckService).
func TestServiceSchemas(t *testing.T) {
	querytest.CheckService(t, ec2.ServiceSchema, ec2Service(), ec2.Service.Rules(), 765)
}
