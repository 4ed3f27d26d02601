package difftest

import (
	"bytes"
	"context"
	"encoding/base64"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"os"
	"reflect"
	"strconv"
	"sync"
	"testing"
	"time"

	"github.com/goto3/goto3"
	"github.com/goto3/goto3/credentials"
	"github.com/goto3/goto3/internal/testing/servicetest"
	"github.com/goto3/goto3/protocol"
)

// Service is one generated service package, as its tests reach it.
type Service struct {
	// Schema is the package's ServiceSchema; Operations its
	// OperationSchemas().
	Schema     *protocol.Service
	Operations []*protocol.Operation
	// New returns the package's client made from cfg (<pkg>.New(cfg),
	// plus any option the service's vectors need).
	New func(cfg goto3.Config) (any, error)
	// Skip maps a case id to the reason it is skipped.
	Skip map[string]string
}

// now is gen_vectors.py's NOW.
var now = time.Date(2026, 1, 15, 12, 30, 45, 0, time.UTC)

// Now is the clock botocore's client ran at when it made the vectors (the
// generator freezes it; a file's "now"). A service whose requests carry
// something signed at the current time (RDS's and EC2's cross-region
// PresignedUrl) gives it to its client in Service.New, as its Options.Now.
func Now() time.Time { return now }

// Vectors is a file written by testdata/services-diff/gen_vectors.py.
type Vectors struct {
	Generator  string `json:"generator"`
	Botocore   string `json:"botocore"`
	Service    string `json:"service"`
	Protocol   string `json:"protocol"`
	Region     string `json:"region"`
	Now        string `json:"now"` // botocore's frozen clock, RFC 3339 (see Now)
	Operations struct {
		Total       int               `json:"total"`
		Called      int               `json:"called"` // operations with cases
		EventStream []string          `json:"eventStream"`
		Skipped     map[string]string `json:"skipped"` // operation -> reason
		Refused     map[string]string `json:"refused"` // botocore refused every input
	} `json:"operations"`
	NotImplemented []string `json:"notImplemented"`
	Cases          []Case   `json:"cases"`
}

// Case is one call: an input, the request botocore sent for it, the
// answer, and what botocore made of it (Result or Error).
type Case struct {
	ID        string         `json:"id"`
	Operation string         `json:"operation"`
	Params    map[string]any `json:"params"`
	Request   Request        `json:"request"`
	Response  Response       `json:"response"`
	Result    any            `json:"result"`
	RequestID string         `json:"requestId"`
	Error     *Error         `json:"error"`
}

// Request is the request botocore's client sent.
type Request struct {
	Method     string            `json:"method"`
	URL        string            `json:"url"` // scheme://host/raw-path
	Query      [][2]string       `json:"query"`
	Headers    map[string]string `json:"headers"`
	Body       string            `json:"body"`
	BodyBase64 string            `json:"bodyBase64"`
}

// Response is the answer served.
type Response struct {
	Status     int               `json:"status"`
	Headers    map[string]string `json:"headers"`
	Body       string            `json:"body"`
	BodyBase64 string            `json:"bodyBase64"`
}

// Error is what botocore's client raised.
type Error struct {
	Code      string  `json:"code"`
	Message   string  `json:"message"`
	RequestID string  `json:"requestId"`
	HostID    string  `json:"hostId"`
	Status    int     `json:"status"`  // botocore's HTTPStatusCode (a 200 with an S3 <Error> is a 500)
	Modeled   *string `json:"modeled"` // the exception class, nil for ClientError
	Members   any     `json:"members"`
}

func bodyBytes(s, b64 string) ([]byte, error) {
	if b64 != "" {
		return base64.StdEncoding.DecodeString(b64)
	}
	return []byte(s), nil
}

// Load reads a vectors file, numbers as json.Number.
func Load(t testing.TB, file string) *Vectors {
	t.Helper()
	data, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	d := json.NewDecoder(bytes.NewReader(data))
	d.UseNumber()
	var v Vectors
	if err := d.Decode(&v); err != nil {
		t.Fatalf("%s: %v", file, err)
	}
	return &v
}

// Run replays every case of vectorsFile through svc's client, each as a
// subtest named by the case's id.
func Run(t *testing.T, vectorsFile string, svc Service) {
	v := Load(t, vectorsFile)
	if len(v.Cases) == 0 {
		t.Fatalf("%s: no cases", vectorsFile)
	}
	if v.Now != "" && v.Now != now.Format(time.RFC3339) {
		t.Fatalf("%s: made at %s, difftest.Now is %s: update one of them", vectorsFile, v.Now, now.Format(time.RFC3339))
	}
	if svc.Schema != nil && v.Protocol != svc.Schema.Protocol {
		t.Fatalf("vectors are %s, the client speaks %s", v.Protocol, svc.Schema.Protocol)
	}
	tr := &transport{}
	client, err := svc.New(goto3.Config{
		Region:           v.Region,
		Credentials:      credentials.NewStatic("AKID", "SECRET", ""),
		HTTPClient:       &http.Client{Transport: tr},
		RetryMaxAttempts: 1,
	})
	if err != nil {
		t.Fatalf("New: %v", err)
	}
	calls := map[string]servicetest.Operation{}
	for _, op := range servicetest.Operations(client) {
		calls[op.Name] = op
	}
	schemas := map[string]*protocol.Operation{}
	for _, op := range svc.Operations {
		schemas[op.Name] = op
	}
	errShapes := map[string]*protocol.Shape{}
	if svc.Schema != nil {
		for _, e := range svc.Schema.Errors {
			errShapes[e.Name] = e
		}
	}
	for _, op := range svc.Operations {
		for _, e := range op.Errors {
			errShapes[e.Name] = e
		}
	}
	var ran, skipped int
	for i := range v.Cases {
		c := &v.Cases[i]
		t.Run(c.ID, func(t *testing.T) {
			if why, ok := svc.Skip[c.ID]; ok {
				skipped++
				t.Skip(why)
			}
			ran++
			op, call := schemas[c.Operation], calls[c.Operation]
			if op == nil || call.Name == "" {
				t.Fatalf("operation %s not generated", c.Operation)
			}
			runCase(t, v.Protocol, op, call, tr, c, errShapes)
		})
	}
	t.Logf("%s: %d cases from botocore %s (%d of %d operations), %d skipped", v.Service, ran+skipped, v.Botocore, v.Operations.Called, v.Operations.Total, skipped)
}

func runCase(t *testing.T, proto string, op *protocol.Operation, call servicetest.Operation, tr *transport, c *Case, errShapes map[string]*protocol.Shape) {
	var in any
	if op.Input != nil {
		iv, err := BuildInput(op.Input, c.Params)
		if err != nil {
			t.Fatalf("params: %v", err)
		}
		in = iv.Interface()
	}
	body, err := bodyBytes(c.Response.Body, c.Response.BodyBase64)
	if err != nil {
		t.Fatal(err)
	}
	tr.set(c.Response, body)
	out, callErr := call.Call(context.Background(), in)
	sent := tr.take()
	if len(sent) != 1 {
		t.Fatalf("%d requests sent, want 1 (error %v)", len(sent), callErr)
	}
	compareRequest(t, proto, op, sent[0], c.Request)
	if c.Error != nil {
		compareError(t, callErr, c, errShapes)
		return
	}
	if callErr != nil {
		t.Fatalf("call: %v", callErr)
	}
	if op.Output == nil {
		return
	}
	got := ToCanonical(op.Output, reflect.ValueOf(out))
	if diff := CompareValues(op.Output, c.Result, got); diff != "" {
		t.Errorf("result (-botocore +goto3):\n%s", diff)
	}
	if c.RequestID != "" {
		md := reflect.ValueOf(out).Elem().FieldByName("ResultMetadata")
		if md.IsValid() {
			if id := md.Interface().(protocol.ResponseMetadata).RequestID; id != c.RequestID {
				t.Errorf("request id: got %q, want %q", id, c.RequestID)
			}
		}
	}
}

func compareError(t *testing.T, err error, c *Case, errShapes map[string]*protocol.Shape) {
	t.Helper()
	want := c.Error
	if err == nil {
		t.Fatalf("got no error, want %s", want.Code)
	}
	var api *goto3.APIError
	if !errors.As(err, &api) {
		t.Fatalf("got %v (%T), want a *goto3.APIError", err, err)
	}
	if api.Code != want.Code || api.Message != want.Message {
		t.Errorf("got code %q message %q, want %q %q", api.Code, api.Message, want.Code, want.Message)
	}
	if api.StatusCode != want.Status {
		t.Errorf("status: got %d, want %d", api.StatusCode, want.Status)
	}
	if want.RequestID != "" && api.RequestID != want.RequestID {
		t.Errorf("request id: got %q, want %q", api.RequestID, want.RequestID)
	}
	if want.HostID != "" && api.HostID != want.HostID {
		t.Errorf("host id: got %q, want %q", api.HostID, want.HostID)
	}
	if want.Modeled == nil {
		if api.Modeled != nil {
			t.Errorf("modelled error: got %T, botocore raised a plain ClientError", api.Modeled)
		}
		return
	}
	sh := errShapes[*want.Modeled]
	if sh == nil {
		t.Fatalf("modelled error %s: no such error shape in the service", *want.Modeled)
	}
	target := reflect.New(reflect.PointerTo(sh.ReflectType()))
	if !errors.As(err, target.Interface()) {
		t.Fatalf("errors.As(err, *%v) failed: got modelled %T, want %s", sh.ReflectType(), api.Modeled, *want.Modeled)
	}
	got := ToCanonical(sh, target.Elem())
	if diff := CompareValues(sh, want.Members, got); diff != "" {
		t.Errorf("members of %s (-botocore +goto3):\n%s", sh.Name, diff)
	}
}

// sent is a request as the transport received it.
type sent struct {
	req  *http.Request
	body []byte
}

// transport records requests and answers with the response set for the
// case.
type transport struct {
	mu   sync.Mutex
	resp Response
	body []byte
	reqs []sent
}

func (tr *transport) set(r Response, body []byte) {
	tr.mu.Lock()
	defer tr.mu.Unlock()
	tr.resp, tr.body, tr.reqs = r, body, nil
}

func (tr *transport) take() []sent {
	tr.mu.Lock()
	defer tr.mu.Unlock()
	s := tr.reqs
	tr.reqs = nil
	return s
}

func (tr *transport) RoundTrip(req *http.Request) (*http.Response, error) {
	var b []byte
	if req.Body != nil {
		var err error
		b, err = io.ReadAll(req.Body)
		req.Body.Close()
		if err != nil {
			return nil, err
		}
	}
	tr.mu.Lock()
	defer tr.mu.Unlock()
	tr.reqs = append(tr.reqs, sent{req: req, body: b})
	h := http.Header{}
	for k, v := range tr.resp.Headers {
		h.Add(k, v)
	}
	n := int64(len(tr.body))
	if req.Method == http.MethodHead {
		// A HEAD answer's Content-Length is the object's, with no body.
		n = -1
		if cl, err := strconv.ParseInt(h.Get("Content-Length"), 10, 64); err == nil {
			n = cl
		}
	}
	return &http.Response{
		Status:        fmt.Sprintf("%d %s", tr.resp.Status, http.StatusText(tr.resp.Status)),
		StatusCode:    tr.resp.Status,
		Proto:         "HTTP/1.1",
		ProtoMajor:    1,
		ProtoMinor:    1,
		Header:        h,
		Body:          io.NopCloser(bytes.NewReader(tr.body)),
		ContentLength: n,
		Request:       req,
	}, nil
}
