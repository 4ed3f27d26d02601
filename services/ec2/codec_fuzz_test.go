package ec2_test

import (
	"testing"

	"github.com/goto3/goto3/internal/testing/protocoltest/querytest"
)

// FuzzDecodeEC2 feeds arbitrary bytes to protocol/ec2query's response
// decoder for every EC2 operation with an output, and to its error decoder.
func FuzzDecodeEC2(f *testing.F) {
	querytest.FuzzDecoders(f, "../../testdata/protocols-diff/ec2-vectors.json", ec2Service(), ec2Codec)
}
