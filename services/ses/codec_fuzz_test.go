package ses_test

import (
	"testing"

	"github.com/goto3/goto3/internal/testing/protocoltest/querytest"
)

// FuzzDecodeSES feeds arbitrary bytes to protocol/query's response decoder
// for every SES operation with an output, and to its error decoder.
func FuzzDecodeSES(f *testing.F) {
	querytest.FuzzDecoders(f, "../../testdata/protocols-diff/ses-vectors.json", sesService(), queryCodec)
}
