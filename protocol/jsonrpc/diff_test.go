package jsonrpc_test

import (
	"testing"

	json11in "github.com/goto3/goto3/internal/testing/protocoltest/json/input"
	json11out "github.com/goto3/goto3/internal/testing/protocoltest/json/output"
	json10in "github.com/goto3/goto3/internal/testing/protocoltest/json10/input"
	json10out "github.com/goto3/goto3/internal/testing/protocoltest/json10/output"
	qcin "github.com/goto3/goto3/internal/testing/protocoltest/json10querycompat/input"
	qcout "github.com/goto3/goto3/internal/testing/protocoltest/json10querycompat/output"
	"github.com/goto3/goto3/protocol/internal/conformance"
)

// TestBotocoreDiff replays the AWS JSON vectors of
// testdata/protocols-diff/json-vectors.json (json_vectors.py): random
// inputs, responses and errors of the Smithy suites' operations, as
// botocore serializes and parses them.
func TestBotocoreDiff(t *testing.T) {
	conformance.RunDiff(t, conformance.LoadVectors(t), codec, map[string]conformance.LookupFunc{
		"input/json.json":                       json11in.Lookup,
		"output/json.json":                      json11out.Lookup,
		"input/json_1_0.json":                   json10in.Lookup,
		"output/json_1_0.json":                  json10out.Lookup,
		"input/json_1_0-query-compatible.json":  qcin.Lookup,
		"output/json_1_0-query-compatible.json": qcout.Lookup,
	})
}
