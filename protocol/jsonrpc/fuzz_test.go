package jsonrpc_test

import (
	"bytes"
	"io"
	"net/http"
	"reflect"
	"strings"
	"testing"

	"github.com/goto3/goto3/internal/testing/protocoltest"
	ptoutput "github.com/goto3/goto3/internal/testing/protocoltest/json/output"
	"github.com/goto3/goto3/protocol/jsonrpc"
	"github.com/goto3/goto3/protocol/jsonutil"
)

func fuzzResp(status int, header string, body []byte) *http.Response {
	h := http.Header{}
	for _, line := range strings.Split(header, "\n") {
		if k, v, ok := strings.Cut(line, ":"); ok {
			h.Add(k, v)
		}
	}
	return &http.Response{StatusCode: status, Header: h, Body: io.NopCloser(bytes.NewReader(body)), ContentLength: -1}
}

// FuzzUnmarshalResponse decodes any body into the Smithy suites'
// KitchenSink (every type, nested and recursive): no panic, and a decoded
// value, encoded and decoded again, encodes to the same bytes.
func FuzzUnmarshalResponse(f *testing.F) {
	e, ok := ptoutput.Lookup(9, "parses_string_shapes")
	if !ok {
		f.Fatal("no KitchenSink case")
	}
	op := e.Operation
	for _, s := range []string{
		`{"String":"s","Integer":1,"Long":9007199254740993,"Float":1.5,"Double":"NaN","Boolean":true,"Blob":"YmluYXJ5"}`,
		`{"Timestamp":946845296.123,"Iso8601Timestamp":"2000-01-02T20:34:56.123Z","HttpdateTimestamp":"Sun, 02 Jan 2000 20:34:56 GMT"}`,
		`{"ListOfStrings":["a",null],"MapOfStrings":{"a":"b","c":null},"ListOfMapsOfStrings":[{"a":"b"}],"MapOfListsOfStrings":{"a":["b"]}}`,
		`{"RecursiveStruct":{"RecursiveList":[{"RecursiveMap":{"a":{"String":"x"}}}]},"EmptyStruct":{},"UnknownMember":[1,{"a":null}]}`,
		``, `null`, `[]`, `{"String":1}`, `{"Long":1e400}`,
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, body []byte) {
		out := e.New()
		if err := jsonrpc.UnmarshalResponse(fuzzResp(200, "", body), op, out); err != nil {
			return
		}
		b1, err := jsonutil.AppendStructure(nil, op.Output, reflect.ValueOf(out), jsonutil.EncodeOptions{})
		if err != nil {
			return
		}
		out2 := e.New()
		if err := jsonrpc.UnmarshalResponse(fuzzResp(200, "", b1), op, out2); err != nil {
			t.Fatalf("decoding %s (from %q): %v", b1, body, err)
		}
		b2, err := jsonutil.AppendStructure(nil, op.Output, reflect.ValueOf(out2), jsonutil.EncodeOptions{})
		if err != nil || !bytes.Equal(b1, b2) {
			t.Fatalf("re-encoding: %v\n%s\n%s", err, b1, b2)
		}
		_ = protocoltest.ToJSON(op.Output, reflect.ValueOf(out2))
	})
}

// FuzzUnmarshalError decodes any error response: no panic, a code always.
func FuzzUnmarshalError(f *testing.F) {
	e, ok := ptoutput.Lookup(4, "AwsJson11ComplexError")
	if !ok {
		f.Fatal("no ComplexError case")
	}
	f.Add(400, "X-Amzn-Errortype:ComplexError", []byte(`{"TopLevel":"Top level","Nested":{"Fooooo":"bar"}}`))
	f.Add(400, "", []byte(`{"__type":"aws.protocoltests.json#ComplexError:http://x","message":"m"}`))
	f.Add(400, "x-amzn-query-error:Custom;Sender", []byte(`{"code":"FooError"}`))
	f.Add(500, "", []byte(`<html>`))
	f.Fuzz(func(t *testing.T, status int, header string, body []byte) {
		re := jsonrpc.UnmarshalError(fuzzResp(status, header, body), e.Operation)
		if re == nil || re.Code == "" {
			t.Fatalf("got %+v, want an error with a code", re)
		}
	})
}
