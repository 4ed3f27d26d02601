package query_test

import (
	"testing"

	"github.com/goto3/goto3/internal/protocoltest/query/input"
	"github.com/goto3/goto3/internal/protocoltest/query/output"
	"github.com/goto3/goto3/protocol/internal/querytest"
	"github.com/goto3/goto3/protocol/query"
)

var codec = querytest.Codec{
	MarshalRequest:    query.MarshalRequest,
	UnmarshalResponse: query.UnmarshalResponse,
	UnmarshalError:    query.UnmarshalError,
}

// inputSkips lists the input cases not run, with the reason. botocore's own
// ignore list for query (QueryFlattenedListArgWithXmlName) passes here.
var inputSkips = map[string]string{
	"SDKAppliedContentEncoding_awsQuery": "request compression (requestcompression trait) is a pipeline stage after " +
		"serialization, as botocore's RequestCompressor is; the codec's body is the uncompressed form",
	"SDKAppendsGzipAndIgnoresHttpProvidedEncoding_awsQuery": "request compression is a pipeline stage after serialization " +
		"(see SDKAppliedContentEncoding_awsQuery)",
}

// outputSkips lists the output cases not run, with the reason. botocore
// ignores QueryXmlLists and QueryComplexError; both pass here.
var outputSkips = map[string]string{}

func TestConformanceInput(t *testing.T) {
	c := querytest.RunInput(t, "../../testdata/protocols/input/query.json", input.Lookup, codec, inputSkips)
	querytest.Report(t, "query input", c, inputSkips)
}

func TestConformanceOutput(t *testing.T) {
	c := querytest.RunOutput(t, "../../testdata/protocols/output/query.json", output.Lookup, codec, outputSkips)
	querytest.Report(t, "query output", c, outputSkips)
}
