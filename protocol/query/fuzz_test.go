package query_test

import (
	"testing"

	"github.com/goto3/goto3/protocol/internal/querytest"
	"github.com/goto3/goto3/services/ses"
)

// FuzzDecodeSES feeds arbitrary bytes to the response decoder of every SES
// operation with an output, and to the error decoder.
func FuzzDecodeSES(f *testing.F) {
	querytest.FuzzDecoders(f, "../../testdata/protocols-diff/ses-vectors.json", querytest.Service{
		Operations: ses.OperationSchemas(),
		NewInput:   ses.NewOperationInput,
		NewOutput:  ses.NewOperationOutput,
	}, codec)
}
