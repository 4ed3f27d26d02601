package ec2query_test

import (
	"testing"

	"github.com/goto3/goto3/protocol/internal/querytest"
	"github.com/goto3/goto3/services/ec2"
)

// FuzzDecodeEC2 feeds arbitrary bytes to the response decoder of every EC2
// operation with an output, and to the error decoder.
func FuzzDecodeEC2(f *testing.F) {
	querytest.FuzzDecoders(f, "../../testdata/protocols-diff/ec2-vectors.json", querytest.Service{
		Operations: ec2.OperationSchemas(),
		NewInput:   ec2.NewOperationInput,
		NewOutput:  ec2.NewOperationOutput,
	}, codec)
}
