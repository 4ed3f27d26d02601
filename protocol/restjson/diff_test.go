package restjson_test

import (
	"testing"

	ptinput "github.com/goto3/goto3/internal/testing/protocoltest/restjson/input"
	ptoutput "github.com/goto3/goto3/internal/testing/protocoltest/restjson/output"
	"github.com/goto3/goto3/protocol/internal/conformance"
)

// TestBotocoreDiff replays the REST-JSON vectors of
// testdata/protocols-diff/json-vectors.json (json_vectors.py): random
// inputs, responses and errors of the Smithy suites' operations, as
// botocore serializes and parses them.
func TestBotocoreDiff(t *testing.T) {
	conformance.RunDiff(t, conformance.LoadVectors(t), codec, map[string]conformance.LookupFunc{
		"input/rest-json.json":  ptinput.Lookup,
		"output/rest-json.json": ptoutput.Lookup,
	})
}
