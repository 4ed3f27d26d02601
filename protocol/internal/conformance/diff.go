package conformance

import (
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"os"
	"reflect"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"

	"github.com/goto3/goto3/internal/testing/protocoltest"
	"github.com/goto3/goto3/protocol"
)

// Vectors is testdata/protocols-diff/json-vectors.json, written by
// json_vectors.py from botocore.
type Vectors struct {
	Botocore  string           `json:"botocore"`
	Requests  []RequestVector  `json:"requests"`
	Responses []ResponseVector `json:"responses"`
	Errors    []ErrorVector    `json:"errors"`
}

// Where names the protocol-test case whose operation a vector uses.
type Where struct {
	File      string `json:"file"` // relative to testdata/protocols
	Suite     int    `json:"suite"`
	Case      string `json:"case"`
	Operation string `json:"operation"`
}

// RequestVector is an input and the request botocore serialized.
type RequestVector struct {
	Where
	Params  any `json:"params"`
	Request struct {
		Method     string            `json:"method"`
		Path       string            `json:"path"`
		Query      string            `json:"query"`
		Headers    map[string]string `json:"headers"`
		Body       string            `json:"body"`
		HostPrefix string            `json:"hostPrefix"`
	} `json:"request"`
}

// ResponseVector is a response and what botocore parsed from it.
type ResponseVector struct {
	Where
	Status  int               `json:"status"`
	Headers map[string]string `json:"headers"`
	Body    string            `json:"body"`
	Result  any               `json:"result"`
}

// ErrorVector is an error response and the code, message and modelled
// error botocore found.
type ErrorVector struct {
	Where
	Status  int               `json:"status"`
	Headers map[string]string `json:"headers"`
	Body    string            `json:"body"`
	Code    string            `json:"code"`
	Message string            `json:"message"`
	Modeled *string           `json:"modeled"`
	Members any               `json:"members"`
}

// LoadVectors reads the vectors file.
func LoadVectors(t *testing.T) *Vectors {
	t.Helper()
	b, err := os.ReadFile(TestdataPath("protocols-diff", "json-vectors.json"))
	if err != nil {
		t.Fatal(err)
	}
	d := json.NewDecoder(strings.NewReader(string(b)))
	d.UseNumber()
	var v Vectors
	if err := d.Decode(&v); err != nil {
		t.Fatal(err)
	}
	return &v
}

// RunDiff replays the vectors of the files lookups names (file ->
// generated Lookup) through codec: the request serialized from each input
// must be botocore's (method, path, query parameters in any order, every
// header botocore sets, with lists compared item by item, the host prefix,
// the body as JSON or bytes), each response must decode to what botocore
// parsed (a jsonvalue header parsed, as botocore returns it), and each
// error must give botocore's code, message and modelled error.
func RunDiff(t *testing.T, v *Vectors, codec Codec, lookups map[string]LookupFunc) {
	entry := func(t *testing.T, w Where) protocoltest.Entry {
		t.Helper()
		lookup := lookups[w.File]
		e, ok := lookup(w.Suite, w.Case)
		if !ok {
			t.Fatalf("no generated entry for %s suite %d case %s", w.File, w.Suite, w.Case)
		}
		if e.Operation.Name != w.Operation {
			t.Fatalf("case %s is operation %s, want %s", w.Case, e.Operation.Name, w.Operation)
		}
		return e
	}
	var n int
	for i, rv := range v.Requests {
		if lookups[rv.File] == nil {
			continue
		}
		n++
		t.Run(fmt.Sprintf("request/%d/%s", i, rv.Operation), func(t *testing.T) {
			e := entry(t, rv.Where)
			diffRequest(t, e.Operation, rv, codec)
		})
	}
	for i, rv := range v.Responses {
		if lookups[rv.File] == nil {
			continue
		}
		n++
		t.Run(fmt.Sprintf("response/%d/%s", i, rv.Operation), func(t *testing.T) {
			e := entry(t, rv.Where)
			diffResponse(t, e, rv, codec)
		})
	}
	for i, ev := range v.Errors {
		if lookups[ev.File] == nil {
			continue
		}
		n++
		t.Run(fmt.Sprintf("error/%d/%s", i, ev.Operation), func(t *testing.T) {
			e := entry(t, ev.Where)
			diffError(t, e.Operation, ev, codec)
		})
	}
	if n == 0 {
		t.Fatal("no vectors for these files")
	}
	t.Logf("%d vectors from botocore %s", n, v.Botocore)
}

func diffRequest(t *testing.T, op *protocol.Operation, rv RequestVector, codec Codec) {
	var input any
	if op.Input != nil {
		in, err := protocoltest.BuildValue(op.Input, rv.Params)
		if err != nil {
			t.Fatalf("BuildValue: %v", err)
		}
		input = in.Interface()
	}
	u, _ := url.Parse("https://example.com")
	req := &http.Request{URL: u, Header: http.Header{}}
	if err := codec.MarshalRequest(req, op, input, protocol.MarshalOptions{NewIdempotencyToken: func() string { return Token }}); err != nil {
		t.Fatalf("MarshalRequest: %v", err)
	}
	want := rv.Request
	if req.Method != want.Method {
		t.Errorf("method: got %s, want %s", req.Method, want.Method)
	}
	wantURI := want.Path
	if want.Query != "" {
		wantURI += "?" + want.Query
	}
	if diff := compareURI(req.URL, wantURI); diff != "" {
		t.Errorf("uri: %s", diff)
	}
	if host := want.HostPrefix + "example.com"; req.URL.Host != host {
		t.Errorf("host: got %s, want %s", req.URL.Host, host)
	}
	for k, v := range want.Headers {
		got := req.Header.Values(k)
		if len(got) == 0 || !sameHeader(codec.Protocol, k, strings.Join(got, ", "), v) {
			t.Errorf("header %s: got %q, want %q", k, got, v)
		}
	}
	var body []byte
	if req.Body != nil {
		body, _ = io.ReadAll(req.Body)
	}
	switch {
	case want.Body == "" || len(body) == 0:
		if string(body) != want.Body {
			t.Errorf("body: got %q, want %q", body, want.Body)
		}
	case json.Valid([]byte(want.Body)) && strings.Contains(req.Header.Get("Content-Type"), "json"):
		if diff := protocoltest.JSONDiff(want.Body, string(body)); diff != "" {
			t.Errorf("body (-botocore +goto3):\n%s\ngot %s", diff, body)
		}
	case string(body) != want.Body:
		t.Errorf("body: got %q, want %q", body, want.Body)
	}
}

func diffResponse(t *testing.T, e protocoltest.Entry, rv ResponseVector, codec Codec) {
	op := e.Operation
	h := http.Header{}
	for k, v := range rv.Headers {
		h.Set(k, v)
	}
	resp := &http.Response{StatusCode: rv.Status, Header: h, Body: io.NopCloser(strings.NewReader(rv.Body)), ContentLength: int64(len(rv.Body))}
	out := e.New()
	if err := codec.UnmarshalResponse(resp, op, out); err != nil {
		t.Fatalf("UnmarshalResponse: %v", err)
	}
	got := protocoltest.ToJSON(op.Output, reflect.ValueOf(out)).(map[string]any)
	got = expandJSONValues(t, op.Output, got, nil)
	want := numbers(rv.Result)
	if diff := cmp.Diff(want, numbers(got), cmpopts.EquateApprox(0, 1e-6), cmpopts.EquateNaNs()); diff != "" {
		t.Errorf("result (-botocore +goto3):\n%s\nbody %s", diff, rv.Body)
	}
}

func diffError(t *testing.T, op *protocol.Operation, ev ErrorVector, codec Codec) {
	h := http.Header{}
	for k, v := range ev.Headers {
		h.Set(k, v)
	}
	resp := &http.Response{StatusCode: ev.Status, Header: h, Body: io.NopCloser(strings.NewReader(ev.Body)), ContentLength: int64(len(ev.Body))}
	re := codec.UnmarshalError(resp, op)
	if re.Code != ev.Code || re.Message != ev.Message {
		t.Errorf("got code %q message %q, want %q %q", re.Code, re.Message, ev.Code, ev.Message)
	}
	var sh *protocol.Shape
	if re.Modeled != nil {
		for _, s := range op.Errors {
			if s.ReflectType() == reflect.TypeOf(re.Modeled).Elem() {
				sh = s
			}
		}
	}
	switch {
	case ev.Modeled == nil && sh != nil:
		t.Errorf("modelled error: got %s, want none", sh.Name)
	case ev.Modeled != nil && sh == nil:
		t.Errorf("modelled error: got none, want %s", *ev.Modeled)
	case sh != nil:
		if sh.Name != *ev.Modeled {
			t.Errorf("modelled error: got %s, want %s", sh.Name, *ev.Modeled)
		}
		got := protocoltest.ToJSON(sh, reflect.ValueOf(re.Modeled))
		if diff := cmp.Diff(numbers(ev.Members), numbers(got)); diff != "" {
			t.Errorf("members (-botocore +goto3):\n%s", diff)
		}
	}
}

// numbers turns json.Number into float64, recursively.
func numbers(v any) any {
	switch x := v.(type) {
	case json.Number:
		f, err := x.Float64()
		if err != nil {
			return x.String()
		}
		return f
	case map[string]any:
		out := make(map[string]any, len(x))
		for k, e := range x {
			out[k] = numbers(e)
		}
		return out
	case []any:
		out := make([]any, len(x))
		for i, e := range x {
			out[i] = numbers(e)
		}
		return out
	}
	return v
}
