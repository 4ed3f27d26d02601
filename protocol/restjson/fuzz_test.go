package restjson_test

import (
	"bytes"
	"io"
	"net/http"
	"reflect"
	"strings"
	"testing"

	ptoutput "github.com/goto3/goto3/internal/testing/protocoltest/restjson/output"
	"github.com/goto3/goto3/protocol/jsonutil"
	"github.com/goto3/goto3/protocol/restjson"
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

// FuzzUnmarshalResponse decodes any headers and body into the Smithy
// suites' header bindings (every header type), maps, unions and documents:
// no panic, and a decoded body, encoded and decoded again, encodes to the
// same bytes.
func FuzzUnmarshalResponse(f *testing.F) {
	var cases []struct {
		suite int
		id    string
	}
	for _, c := range []struct {
		suite int
		id    string
	}{{19, "RestJsonInputAndOutputWithStringHeaders"}, {24, "RestJsonJsonMaps"}, {26, "RestJsonDeserializeStringUnionValue"}, {1, "DocumentOutput"}, {12, "RestJsonHttpPayloadWithStructure"}} {
		if _, ok := ptoutput.Lookup(c.suite, c.id); !ok {
			f.Fatalf("no case %s", c.id)
		}
		cases = append(cases, c)
	}
	f.Add(uint8(0), "X-String:Hello\nX-StringList:a, \"b,c\"\nX-Integer:1\nX-Boolean1:true\nX-TimestampList:Mon, 16 Dec 2019 23:48:18 GMT, Mon, 16 Dec 2019 23:48:18 GMT", []byte(``))
	f.Add(uint8(1), "", []byte(`{"denseStructMap":{"a":{"hi":"x"}},"denseSetMap":{"x":[],"y":null},"denseNumberMap":{"n":1}}`))
	f.Add(uint8(2), "", []byte(`{"contents":{"__type":"x","structureValue":{"hi":"hello"}}}`))
	f.Add(uint8(3), "", []byte(`{"stringValue":"s","documentValue":{"a":[1,2.5,{"b":null}]}}`))
	f.Add(uint8(4), "", []byte(`{"greeting":"hi","name":"Phreddy"}`))
	f.Fuzz(func(t *testing.T, which uint8, header string, body []byte) {
		c := cases[int(which)%len(cases)]
		e, _ := ptoutput.Lookup(c.suite, c.id)
		op := e.Operation
		out := e.New()
		if err := restjson.UnmarshalResponse(fuzzResp(200, header, body), op, out); err != nil {
			return
		}
		opts := jsonutil.EncodeOptions{BodyOnly: true}
		b1, err := jsonutil.AppendStructure(nil, op.Output, reflect.ValueOf(out), opts)
		if err != nil {
			return
		}
		out2 := reflect.New(reflect.TypeOf(out).Elem())
		if err := jsonutil.Decode(b1, op.Output, out2, jsonutil.DecodeOptions{BodyOnly: true}); err != nil {
			t.Fatalf("decoding %s: %v", b1, err)
		}
		b2, err := jsonutil.AppendStructure(nil, op.Output, out2, opts)
		if err != nil || !bytes.Equal(b1, b2) {
			t.Fatalf("re-encoding: %v\n%s\n%s", err, b1, b2)
		}
	})
}

// FuzzUnmarshalError decodes any error response: no panic, a code always.
func FuzzUnmarshalError(f *testing.F) {
	e, ok := ptoutput.Lookup(8, "RestJsonComplexErrorWithNoMessage")
	if !ok {
		f.Fatal("no ComplexError case")
	}
	f.Add(403, "X-Amzn-Errortype:ComplexError\nX-Header:Header", []byte(`{"TopLevel":"Top level","Nested":{"Fooooo":"bar"}}`))
	f.Add(400, "", []byte(`{"code":"aws.protocoltests.restjson#ComplexError:http://x","Message":"m"}`))
	f.Add(500, "", []byte(`not json`))
	f.Fuzz(func(t *testing.T, status int, header string, body []byte) {
		re := restjson.UnmarshalError(fuzzResp(status, header, body), e.Operation)
		if re == nil || re.Code == "" {
			t.Fatalf("got %+v, want an error with a code", re)
		}
	})
}
