package ec2_test

import (
	"testing"

	"github.com/goto3/goto3/services/ec2"
)

// Every operation of the model is generated, over the EC2 protocol.
func TestSchema(t *testing.T) {
	ops := ec2.OperationSchemas()
	if len(ops) != 765 || ops[0].Name != "AcceptAddressTransfer" || ops[0].Service.Protocol != "ec2" {
		t.Errorf("got %d operations, the first %s over %s", len(ops), ops[0].Name, ops[0].Service.Protocol)
	}
}
