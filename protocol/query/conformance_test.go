package query_test

import (
	"net/http"
	"testing"

	"github.com/goto3/goto3/internal/pipeline"
	"github.com/goto3/goto3/protocol"

	"github.com/goto3/goto3/internal/protocoltest/query/input"
	"github.com/goto3/goto3/internal/protocoltest/query/output"
	"github.com/goto3/goto3/internal/protocoltest/querytest"
	"github.com/goto3/goto3/protocol/query"
)

var codec = querytest.Codec{
	MarshalRequest:    query.MarshalRequest,
	UnmarshalResponse: query.UnmarshalResponse,
	UnmarshalError:    query.UnmarshalError,
	// Request compression runs after serialization, as in the client.
	Build: func(req *http.Request, op *protocol.Operation) error {
		return pipeline.CompressRequest(req, op, pipeline.Compression{})
	},
}

// inputSkips lists the input cases not run, with the reason. botocore's own
// ignore list for query (QueryFlattenedListArgWithXmlName) passes here.
var inputSkips = map[string]string{}

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
