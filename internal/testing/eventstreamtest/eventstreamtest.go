// Package eventstreamtest replays the event stream vectors of
// testdata/eventstreams (written by its make_vectors.py with the installed
// botocore) through generated clients: a case's binary answer goes out of
// a recording transport, and what the client's event reader gives (the
// output's members, the events, the error that ends the stream) is
// compared with what botocore's EventStream parsed from the same bytes.
//
// Its functions hold no state and are safe for concurrent use.
package eventstreamtest

import (
	"bytes"
	"encoding/base64"
	"encoding/json"
	"errors"
	"io"
	"net/http"
	"os"
	"reflect"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"

	"github.com/goto3/goto3"
	"github.com/goto3/goto3/internal/testing/protocoltest"
	"github.com/goto3/goto3/protocol"
)

// Case is one vector: an answer of Operation and botocore's reading of it.
type Case struct {
	Name      string            `json:"name"`
	Operation string            `json:"operation"`
	Status    int               `json:"status"`
	Headers   map[string]string `json:"headers"`
	Body      string            `json:"body"` // base64
	// Output holds the output's members other than the stream; Stream
	// names the stream member.
	Output map[string]any `json:"output"`
	Stream string         `json:"stream"`
	// Events are the events botocore yields, each {"<member>": {...}};
	// Error, when set, is the EventStreamError that ends the stream.
	Events []any `json:"events"`
	Error  *struct {
		Code    string `json:"code"`
		Message string `json:"message"`
	} `json:"error"`
}

// Load reads the cases of a vectors file.
func Load(t testing.TB, path string) []Case {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	var doc struct {
		Cases []Case `json:"cases"`
	}
	if err := json.Unmarshal(b, &doc); err != nil {
		t.Fatalf("%s: %v", path, err)
	}
	if len(doc.Cases) == 0 {
		t.Fatalf("%s: no cases", path)
	}
	return doc.Cases
}

// Transport answers every request with the case's status, headers and
// binary body.
func (c Case) Transport(t testing.TB) http.RoundTripper {
	body, err := base64.StdEncoding.DecodeString(c.Body)
	if err != nil {
		t.Fatalf("%s: body: %v", c.Name, err)
	}
	return roundTrip(func(req *http.Request) (*http.Response, error) {
		if req.Body != nil {
			io.Copy(io.Discard, req.Body)
			req.Body.Close()
		}
		h := http.Header{"Content-Type": {"application/vnd.amazon.eventstream"}, "X-Amzn-Requestid": {"req-" + c.Operation}}
		for k, v := range c.Headers {
			h.Set(k, v)
		}
		return &http.Response{StatusCode: c.Status, Header: h, Body: io.NopCloser(bytes.NewReader(body)), ContentLength: int64(len(body)), Request: req}, nil
	})
}

type roundTrip func(*http.Request) (*http.Response, error)

func (f roundTrip) RoundTrip(req *http.Request) (*http.Response, error) { return f(req) }

// Check compares what a client read with the case: out is the operation's
// output (a pointer; its stream member is cleared here), events the slice
// of events its reader yielded (pointers to the stream's Go struct), err
// the error that ended the stream (nil at its end).
func Check(t *testing.T, c Case, op *protocol.Operation, out any, events any, err error) {
	t.Helper()
	ov := reflect.ValueOf(out).Elem()
	var stream *protocol.Member
	for i := range op.Output.Members {
		if m := &op.Output.Members[i]; m.Shape.EventStream {
			stream = m
		}
	}
	if stream == nil || stream.Name != c.Stream {
		t.Fatalf("%s has no event stream member %s", op.Name, c.Stream)
	}
	ov.Field(stream.Field).SetZero()
	gotOut := protocoltest.ToJSON(op.Output, ov).(map[string]any)
	opts := []cmp.Option{cmpopts.EquateApprox(0, 1e-9), cmpopts.EquateEmpty()}
	if d := cmp.Diff(c.Output, gotOut, opts...); d != "" {
		t.Errorf("output members (-botocore +goto3):\n%s", d)
	}
	ev := reflect.ValueOf(events)
	gotEvents := []any{}
	for i := range ev.Len() {
		gotEvents = append(gotEvents, protocoltest.ToJSON(stream.Shape, ev.Index(i)))
	}
	if d := cmp.Diff(c.Events, gotEvents, opts...); d != "" {
		t.Errorf("events (-botocore +goto3):\n%s", d)
	}
	switch {
	case c.Error == nil && err != nil:
		t.Errorf("the stream ended with %v, botocore read it to its end", err)
	case c.Error != nil:
		var api *goto3.APIError
		if !errors.As(err, &api) {
			t.Fatalf("the stream ended with %v, want the APIError %s (botocore's EventStreamError)", err, c.Error.Code)
		}
		if api.Code != c.Error.Code || api.Message != c.Error.Message {
			t.Errorf("error: got %q: %q, botocore %q: %q", api.Code, api.Message, c.Error.Code, c.Error.Message)
		}
		var oe *goto3.OperationError
		if !errors.As(err, &oe) || oe.Operation != op.Name {
			t.Errorf("error %v is not an OperationError of %s", err, op.Name)
		}
	}
}
