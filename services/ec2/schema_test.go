package ec2_test

import (
	"testing"

	"github.com/goto3/goto3/services/ec2"
)

// Only the operations listed in internal/codegen/ec2-operations.txt are
// generated.
func TestSchema(t *testing.T) {
	ops := ec2.OperationSchemas()
	if len(ops) != 34 || ops[0].Name != "AllocateAddress" || ops[0].Service.Protocol != "ec2" {
		t.Errorf("got %d operations, the first %s over %s", len(ops), ops[0].Name, ops[0].Service.Protocol)
	}
}
