package lambda_test

import (
	"bytes"
	"context"
	"io"
	"net/http"
	"testing"

	"github.com/goto3/goto3/internal/testing/eventstreamtest"
	"github.com/goto3/goto3/protocol"
	"github.com/goto3/goto3/protocol/eventstream"
	"github.com/goto3/goto3/services/lambda"
)

func operation(t *testing.T, name string) *protocol.Operation {
	t.Helper()
	for _, op := range lambda.OperationSchemas() {
		if op.Name == name {
			return op
		}
	}
	t.Fatalf("no operation %s", name)
	return nil
}

// TestInvokeWithResponseStreamBotocore replays the answers of
// testdata/eventstreams/lambda.json (make_vectors.py) through the client:
// the REST output members from the headers and status, and the events,
// as botocore reads the same bytes.
func TestInvokeWithResponseStreamBotocore(t *testing.T) {
	for _, tc := range eventstreamtest.Load(t, "../../testdata/eventstreams/lambda.json") {
		t.Run(tc.Name, func(t *testing.T) {
			c := testClient(t, tc.Transport(t))
			out, err := c.InvokeWithResponseStream(context.Background(), &lambda.InvokeWithResponseStreamInput{FunctionName: "f", Payload: []byte(`{}`)})
			if err != nil {
				t.Fatal(err)
			}
			var events []*lambda.InvokeWithResponseStreamResponseEvent
			var serr error
			for ev, err := range out.Events().All() {
				if err != nil {
					serr = err
					break
				}
				events = append(events, ev)
			}
			eventstreamtest.Check(t, tc, operation(t, "InvokeWithResponseStream"), out, events, serr)
		})
	}
}

// TestInvokeWithResponseStreamBytes: a PayloadChunk event's payload is
// the chunk, byte for byte (its eventpayload blob member), whatever the
// bytes; the request is botocore's POST to the 2021-11-15 path.
func TestInvokeWithResponseStreamBytes(t *testing.T) {
	chunk := []byte{0, 0xff, 0xfe, '\n', 0x80}
	var body bytes.Buffer
	eventstream.Encode(&body, &eventstream.Message{Headers: []eventstream.Header{
		{Name: ":message-type", Value: eventstream.String("event")},
		{Name: ":event-type", Value: eventstream.String("PayloadChunk")},
		{Name: ":content-type", Value: eventstream.String("application/octet-stream")},
	}, Payload: chunk})
	var req *http.Request
	rt := roundTrip(func(r *http.Request) (*http.Response, error) {
		req = r
		return &http.Response{StatusCode: 200, Header: http.Header{"Content-Type": {"application/vnd.amazon.eventstream"}},
			Body: io.NopCloser(&body), ContentLength: int64(body.Len()), Request: r}, nil
	})
	out, err := testClient(t, rt).InvokeWithResponseStream(context.Background(), &lambda.InvokeWithResponseStreamInput{FunctionName: "f"})
	if err != nil {
		t.Fatal(err)
	}
	r := out.Events()
	ev, err := r.Next()
	if err != nil || ev.PayloadChunk == nil || !bytes.Equal(ev.PayloadChunk.Payload, chunk) {
		t.Fatalf("got %+v, %v; want the chunk %x", ev, err, chunk)
	}
	if _, err := r.Next(); err != io.EOF {
		t.Errorf("after the last event: got %v, want io.EOF", err)
	}
	if req.Method != http.MethodPost || req.URL.Path != "/2021-11-15/functions/f/response-streaming-invocations" {
		t.Errorf("request: got %s %s", req.Method, req.URL.Path)
	}
}

type roundTrip func(*http.Request) (*http.Response, error)

func (f roundTrip) RoundTrip(req *http.Request) (*http.Response, error) { return f(req) }
