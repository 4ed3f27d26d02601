package pipeline_test

import (
	"errors"
	"io"
	"net/http"
	"reflect"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/goto3/goto3"
	"github.com/goto3/goto3/credentials"
	"github.com/goto3/goto3/internal/pipeline"
	"github.com/goto3/goto3/protocol"
	"github.com/goto3/goto3/protocol/eventstream"
)

// A made-up streaming operation, Watch, in an AWS JSON and a REST-JSON
// flavour: its output's Events member is an event stream of Tick events
// (JSON payloads) with one modelled exception, Gone.
type (
	watchOutput struct {
		Session        *string // JSON-RPC: from the initial-response event
		Events         io.ReadCloser
		ResultMetadata protocol.ResponseMetadata
	}
	watchStream struct{ Tick *watchTick }
	watchTick   struct{ N *int64 }
	watchGone   struct{ Message *string }
)

func (e *watchGone) Error() string     { return "Gone" }
func (e *watchGone) ErrorCode() string { return "Gone" }

var (
	watchLong  = protocol.Shape{Name: "Long", Type: protocol.TypeLong}
	watchGoneS = protocol.Shape{Name: "Gone", Type: protocol.TypeStructure, Exception: true, ErrorCode: "Gone", Payload: -1,
		Members: []protocol.Member{{Name: "message", Field: 0, Shape: &jdemoString}}, GoType: reflect.TypeFor[watchGone]()}
	watchTickS = protocol.Shape{Name: "Tick", Type: protocol.TypeStructure, Payload: -1,
		Members: []protocol.Member{{Name: "n", Field: 0, Shape: &watchLong}}, GoType: reflect.TypeFor[watchTick]()}
	watchStreamS = protocol.Shape{Name: "WatchStream", Type: protocol.TypeStructure, Payload: -1, EventStream: true,
		Members:         []protocol.Member{{Name: "Tick", Field: 0, Shape: &watchTickS}},
		EventExceptions: []protocol.Member{{Name: "Gone", Field: -1, Shape: &watchGoneS}},
		GoType:          reflect.TypeFor[watchStream]()}
	// JSON-RPC binds no payload: the stream is a plain member.
	watchOutRPC = protocol.Shape{Name: "WatchOutput", Type: protocol.TypeStructure, Payload: -1, GoType: reflect.TypeFor[watchOutput](),
		Members: []protocol.Member{{Name: "Session", Field: 0, Shape: &jdemoString}, {Name: "Events", Field: 1, Shape: &watchStreamS}}}
	watchOutREST = protocol.Shape{Name: "WatchOutput", Type: protocol.TypeStructure, Payload: 1, GoType: reflect.TypeFor[watchOutput](),
		Members: []protocol.Member{
			{Name: "Session", Field: 0, Shape: &jdemoString, Location: protocol.LocationHeader, LocationName: "X-Session"},
			{Name: "Events", Field: 1, Shape: &watchStreamS},
		}}
)

// frame encodes event stream messages, each given as its headers (name,
// string value pairs) and payload.
func frames(t *testing.T, msgs ...[]string) []byte {
	t.Helper()
	var b []byte
	for _, m := range msgs {
		msg := &eventstream.Message{Payload: []byte(m[len(m)-1])}
		for i := 0; i+1 < len(m)-1; i += 2 {
			msg.Headers = append(msg.Headers, eventstream.Header{Name: m[i], Value: eventstream.String(m[i+1])})
		}
		var err error
		if b, err = eventstream.AppendMessage(b, msg); err != nil {
			t.Fatal(err)
		}
	}
	return b
}

func tick(n string) []string {
	return []string{":message-type", "event", ":event-type", "Tick", ":content-type", "application/json", `{"n":` + n + `}`}
}

// watchClient returns a client of svc whose transport answers with the
// body from next (one per request) and records the requests.
func watchClient(t *testing.T, svc *protocol.Service, body func() io.ReadCloser) *pipeline.Client {
	t.Helper()
	rt := roundTripFunc(func(req *http.Request) (*http.Response, error) {
		return &http.Response{StatusCode: 200, Header: http.Header{"X-Amzn-Requestid": {"rid"}, "X-Session": {"s-1"},
			"Content-Type": {"application/vnd.amazon.eventstream"}}, Body: body(), ContentLength: -1, Request: req}, nil
	})
	c, err := pipeline.New(&pipeline.Service{Schema: svc, Rules: widgetRules}, pipeline.Options{
		Region:           "us-east-1",
		EndpointParams:   endpointParams("us-east-1", "https://watch.example.com"),
		Credentials:      credentials.Static{Value: credentials.Credentials{AccessKeyID: "AKID", SecretAccessKey: "SECRET"}},
		HTTPClient:       &http.Client{Transport: rt},
		RetryMaxAttempts: 1,
	})
	if err != nil {
		t.Fatal(err)
	}
	return c
}

// TestEventStream reads a stream through a whole call in both protocols:
// the JSON-RPC initial-response event fills the other members, events
// arrive decoded and in order, an unknown event type is skipped, a
// modelled exception ends the stream as an error reaching both
// *goto3.APIError and the exception's type, and the body is closed.
func TestEventStream(t *testing.T) {
	initial := []string{":message-type", "event", ":event-type", "initial-response", `{"Session":"s-1"}`}
	unknown := []string{":message-type", "event", ":event-type", "Tock", `{"n":9}`}
	gone := []string{":message-type", "exception", ":exception-type", "Gone", `{"message":"stream deleted"}`}
	for _, tt := range []struct {
		name string
		svc  *protocol.Service
		out  *protocol.Shape
		pre  [][]string
	}{
		{"json", &jdemoSvc, &watchOutRPC, [][]string{initial}},
		{"rest-json", &jdemoRest, &watchOutREST, nil},
	} {
		t.Run(tt.name, func(t *testing.T) {
			op := &protocol.Operation{Service: tt.svc, Name: "Watch", Method: "POST", RequestURI: "/watch", Input: &jdemoIn, Output: tt.out}
			body := &closeRecorder{Reader: strings.NewReader(string(frames(t, append(tt.pre, tick("1"), unknown, tick("2"), gone, tick("3"))...)))}
			c := watchClient(t, tt.svc, func() io.ReadCloser { return body })
			out := &watchOutput{}
			if err := c.Invoke(t.Context(), op, &jdemoInput{}, out, &out.ResultMetadata); err != nil {
				t.Fatal(err)
			}
			if out.Session == nil || *out.Session != "s-1" {
				t.Errorf("Session: got %v, want s-1", out.Session)
			}
			s := pipeline.NewEventStream[watchStream](op, out.Events, out.ResultMetadata)
			var got []int64
			var err error
			for ev, e := range s.All() {
				if e != nil {
					err = e
					break
				}
				got = append(got, *ev.Tick.N)
			}
			if d := cmp.Diff([]int64{1, 2}, got); d != "" {
				t.Errorf("events (-want +got):\n%s", d)
			}
			var api *goto3.APIError
			var gone *watchGone
			var oe *goto3.OperationError
			if !errors.As(err, &api) || api.Code != "Gone" || api.Message != "stream deleted" || api.RequestID != "rid" || api.StatusCode != 200 {
				t.Fatalf("got %v, want the APIError Gone: stream deleted", err)
			}
			if !errors.As(err, &gone) || gone.Message == nil || *gone.Message != "stream deleted" {
				t.Errorf("got %v, want the modelled *watchGone", err)
			}
			if !errors.As(err, &oe) || oe.Operation != "Watch" {
				t.Errorf("got %v, want it wrapped in an OperationError naming Watch", err)
			}
			if !body.closed {
				t.Error("the body is not closed after the stream's error")
			}
			if _, err2 := s.Next(); err2 != err {
				t.Errorf("Next after the error: got %v, want the same error", err2)
			}
		})
	}
}

type closeRecorder struct {
	io.Reader
	closed bool
}

func (c *closeRecorder) Close() error { c.closed = true; return nil }

// TestEventStreamIncremental: the call returns as soon as the headers
// (and, for JSON-RPC, the initial-response event) are in, and each event
// is readable as it arrives: nothing buffers the stream.
func TestEventStreamIncremental(t *testing.T) {
	op := &protocol.Operation{Service: &jdemoSvc, Name: "Watch", Method: "POST", RequestURI: "/", Input: &jdemoIn, Output: &watchOutRPC}
	pr, pw := io.Pipe()
	c := watchClient(t, &jdemoSvc, func() io.ReadCloser { return pr })
	go pw.Write(frames(t, []string{":message-type", "event", ":event-type", "initial-response", `{}`}))
	out := &watchOutput{}
	if err := c.Invoke(t.Context(), op, &jdemoInput{}, out, &out.ResultMetadata); err != nil {
		t.Fatal(err)
	}
	s := pipeline.NewEventStream[watchStream](op, out.Events, out.ResultMetadata)
	for i, n := range []string{"10", "20"} {
		go pw.Write(frames(t, tick(n)))
		ev, err := s.Next()
		if err != nil || ev.Tick == nil || *ev.Tick.N != int64((i+1)*10) {
			t.Fatalf("event %d: got %+v, %v", i, ev, err)
		}
	}
	cut := frames(t, tick("30"))[:20] // cut inside a message
	go func() {
		pw.Write(cut)
		pw.Close()
	}()
	if _, err := s.Next(); !errors.Is(err, io.ErrUnexpectedEOF) {
		t.Errorf("truncated stream: got %v, want io.ErrUnexpectedEOF", err)
	}
}

// TestEventStreamEnd: a stream that ends between messages ends the
// events with io.EOF; Close before the end makes reads fail; a reader of
// the wrong Go type fails on its first read.
func TestEventStreamEnd(t *testing.T) {
	op := &protocol.Operation{Service: &jdemoRest, Name: "Watch", Output: &watchOutREST}
	body := &closeRecorder{Reader: strings.NewReader(string(frames(t, tick("1"))))}
	s := pipeline.NewEventStream[watchStream](op, body, protocol.ResponseMetadata{})
	if ev, err := s.Next(); err != nil || *ev.Tick.N != 1 {
		t.Fatalf("got %+v, %v", ev, err)
	}
	if _, err := s.Next(); err != io.EOF {
		t.Errorf("got %v, want io.EOF", err)
	}
	if !body.closed {
		t.Error("the body is not closed at the end of the stream")
	}

	body = &closeRecorder{Reader: strings.NewReader(string(frames(t, tick("1"))))}
	s = pipeline.NewEventStream[watchStream](op, body, protocol.ResponseMetadata{})
	if err := s.Close(); err != nil || !body.closed {
		t.Fatalf("Close: %v, closed %v", err, body.closed)
	}
	if _, err := s.Next(); err == nil || err == io.EOF {
		t.Errorf("Next after Close: got %v, want an error", err)
	}

	wrong := pipeline.NewEventStream[watchTick](op, io.NopCloser(strings.NewReader("")), protocol.ResponseMetadata{})
	if _, err := wrong.Next(); err == nil || err == io.EOF {
		t.Errorf("wrong type: got %v, want an error", err)
	}
}

// TestInputEventStreamRefused: an operation whose input is an event stream
// (bidirectional, over HTTP/2) fails validation before any I/O.
func TestInputEventStreamRefused(t *testing.T) {
	type in struct{ Events *watchStream }
	inS := protocol.Shape{Name: "In", Type: protocol.TypeStructure, Payload: 0, GoType: reflect.TypeFor[in](),
		Members: []protocol.Member{{Name: "Events", Field: 0, Shape: &watchStreamS}}}
	op := &protocol.Operation{Service: &jdemoRest, Name: "Chat", Method: "POST", RequestURI: "/", Input: &inS, Output: &watchOutREST}
	sent := false
	c := watchClient(t, &jdemoRest, func() io.ReadCloser { sent = true; return http.NoBody })
	err := c.Invoke(t.Context(), op, &in{Events: &watchStream{}}, &watchOutput{}, nil)
	var ve *goto3.ValidationError
	if !errors.As(err, &ve) || ve.Member != "Events" || sent {
		t.Errorf("got %v (sent %v), want a ValidationError naming Events before sending", err, sent)
	}
}
