package pipeline_test

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"reflect"
	"strings"
	"sync"
	"testing"

	"github.com/goto3/goto3"
	"github.com/goto3/goto3/credentials"
	"github.com/goto3/goto3/internal/pipeline"
	"github.com/goto3/goto3/protocol"
)

type jdemoInput struct{ Name *string }

type jdemoOutput struct {
	Greeting       *string
	ResultMetadata protocol.ResponseMetadata
}

type jdemoNotFound struct{ Message *string }

func (e *jdemoNotFound) Error() string     { return "NotFound" }
func (e *jdemoNotFound) ErrorCode() string { return "NotFound" }

var (
	jdemoString = protocol.Shape{Name: "String", Type: protocol.TypeString}
	jdemoSvc    = protocol.Service{ID: "JDemo", Protocol: "json", JSONVersion: "1.0", TargetPrefix: "JDemo_20240101", EndpointPrefix: "jdemo", SigningName: "jdemo"}
	jdemoRest   = protocol.Service{ID: "JRest", Protocol: "rest-json", EndpointPrefix: "jrest", SigningName: "jrest"}
	jdemoErr    = protocol.Shape{Name: "NotFound", Type: protocol.TypeStructure, Exception: true, ErrorCode: "NotFound", Payload: -1,
		Members: []protocol.Member{{Name: "message", Field: 0, Shape: &jdemoString}}, GoType: reflect.TypeFor[jdemoNotFound]()}
	jdemoIn = protocol.Shape{Name: "In", Type: protocol.TypeStructure, Payload: -1,
		Members: []protocol.Member{{Name: "Name", Field: 0, Shape: &jdemoString}}, GoType: reflect.TypeFor[jdemoInput]()}
	jdemoOut = protocol.Shape{Name: "Out", Type: protocol.TypeStructure, Payload: -1,
		Members: []protocol.Member{{Name: "Greeting", Field: 0, Shape: &jdemoString}}, GoType: reflect.TypeFor[jdemoOutput]()}
)

// TestJSONProtocols sends an AWS JSON and a REST-JSON operation through the
// client: the codecs are registered for "json" and "rest-json", the
// request is signed and answered, and an error response becomes an
// APIError with the modelled error.
func TestJSONProtocols(t *testing.T) {
	tests := []struct {
		name       string
		svc        *protocol.Service
		method     string
		uri        string
		wantPath   string
		wantHeader [2]string
	}{
		{"json", &jdemoSvc, "POST", "/", "/", [2]string{"X-Amz-Target", "JDemo_20240101.Greet"}},
		{"rest-json", &jdemoRest, "POST", "/greet", "/greet", [2]string{"Content-Type", "application/json"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			op := &protocol.Operation{Service: tt.svc, Name: "Greet", Method: tt.method, RequestURI: tt.uri,
				Input: &jdemoIn, Output: &jdemoOut, Errors: []*protocol.Shape{&jdemoErr}}
			var gotReq *http.Request
			var gotBody string
			status, respBody := 200, `{"Greeting":"hello"}`
			rt := roundTripFunc(func(req *http.Request) (*http.Response, error) {
				gotReq = req
				b, _ := io.ReadAll(req.Body)
				gotBody = string(b)
				return &http.Response{StatusCode: status, Header: http.Header{"X-Amzn-Requestid": {"rid"}},
					Body: io.NopCloser(strings.NewReader(respBody)), ContentLength: -1, Request: req}, nil
			})
			c, err := pipeline.New(&pipeline.Service{Schema: tt.svc, Rules: widgetRules}, pipeline.Options{
				Region:           "us-east-1",
				EndpointParams:   endpointParams("us-east-1", "https://jdemo.example.com"),
				Credentials:      credentials.Static{Value: credentials.Credentials{AccessKeyID: "AKID", SecretAccessKey: "SECRET"}},
				HTTPClient:       &http.Client{Transport: rt},
				RetryMaxAttempts: 1,
			})
			if err != nil {
				t.Fatal(err)
			}
			name := "world"
			out := &jdemoOutput{}
			if err := c.Invoke(t.Context(), op, &jdemoInput{Name: &name}, out, &out.ResultMetadata); err != nil {
				t.Fatal(err)
			}
			if out.Greeting == nil || *out.Greeting != "hello" {
				t.Errorf("Greeting: got %v, want hello", out.Greeting)
			}
			if gotReq.URL.Path != tt.wantPath || gotReq.Header.Get(tt.wantHeader[0]) != tt.wantHeader[1] {
				t.Errorf("request: got %s %s, %s %q; want %s, %q", gotReq.Method, gotReq.URL.Path, tt.wantHeader[0], gotReq.Header.Get(tt.wantHeader[0]), tt.wantPath, tt.wantHeader[1])
			}
			if gotBody != `{"Name":"world"}` {
				t.Errorf("body: got %s, want {\"Name\":\"world\"}", gotBody)
			}
			if !strings.HasPrefix(gotReq.Header.Get("Authorization"), "AWS4-HMAC-SHA256 ") {
				t.Errorf("Authorization: got %q, want a SigV4 signature", gotReq.Header.Get("Authorization"))
			}

			status, respBody = 404, `{"__type":"com.example#NotFound","message":"no such name"}`
			err = c.Invoke(t.Context(), op, &jdemoInput{Name: &name}, &jdemoOutput{}, nil)
			var api *goto3.APIError
			if !errors.As(err, &api) || api.Code != "NotFound" || api.Message != "no such name" || api.RequestID != "rid" {
				t.Fatalf("got error %v, want APIError NotFound: no such name (request id rid)", err)
			}
			var nf *jdemoNotFound
			if !errors.As(err, &nf) || nf.Message == nil || *nf.Message != "no such name" {
				t.Errorf("got error %v, want the modelled NotFound with its message", err)
			}
		})
	}
}

type jtokenInput struct{ Token string }

// TestRequiredIdempotencyToken: a required top-level idempotency token left
// empty passes validation and is filled with a UUID, as botocore's
// autofill runs before its validation (Athena's StopQueryExecution marks
// its required QueryExecutionId so).
func TestRequiredIdempotencyToken(t *testing.T) {
	in := protocol.Shape{Name: "TokIn", Type: protocol.TypeStructure, Payload: -1,
		Members: []protocol.Member{{Name: "Token", Field: 0, Shape: &jdemoString, Required: true, IdempotencyToken: true}},
		GoType:  reflect.TypeFor[jtokenInput]()}
	op := &protocol.Operation{Service: &jdemoSvc, Name: "Stop", Method: "POST", RequestURI: "/", Input: &in, Output: &jdemoOut}
	var gotBody string
	rt := roundTripFunc(func(req *http.Request) (*http.Response, error) {
		b, _ := io.ReadAll(req.Body)
		gotBody = string(b)
		return &http.Response{StatusCode: 200, Header: http.Header{}, Body: io.NopCloser(strings.NewReader(`{}`)), ContentLength: -1, Request: req}, nil
	})
	c, err := pipeline.New(&pipeline.Service{Schema: &jdemoSvc, Rules: widgetRules}, pipeline.Options{
		Region:           "us-east-1",
		EndpointParams:   endpointParams("us-east-1", "https://jdemo.example.com"),
		Credentials:      credentials.Static{Value: credentials.Credentials{AccessKeyID: "AKID", SecretAccessKey: "SECRET"}},
		HTTPClient:       &http.Client{Transport: rt},
		RetryMaxAttempts: 1,
		Rand:             strings.NewReader(strings.Repeat("\x01", 64)),
	})
	if err != nil {
		t.Fatal(err)
	}
	if err := c.Invoke(t.Context(), op, &jtokenInput{}, &jdemoOutput{}, nil); err != nil {
		t.Fatalf("got %v, want the token filled", err)
	}
	if want := `{"Token":"01010101-0101-4101-8101-010101010101"}`; gotBody != want {
		t.Errorf("body: got %s, want %s", gotBody, want)
	}
	if err := c.Invoke(t.Context(), op, &jtokenInput{Token: "mine"}, &jdemoOutput{}, nil); err != nil || gotBody != `{"Token":"mine"}` {
		t.Errorf("got %v, body %s; want the caller's token", err, gotBody)
	}
}

// TestJSONBodyReleased: a JSON body lives in the codec's pooled buffer for
// the call, retries included, and is released when the call is over: a
// transport (or hook) still holding the body, or calling GetBody, reads
// nothing more.
func TestJSONBodyReleased(t *testing.T) {
	op := &protocol.Operation{Service: &jdemoSvc, Name: "Greet", Method: "POST", RequestURI: "/", Input: &jdemoIn, Output: &jdemoOut}
	var bodies []string
	var held io.ReadCloser
	var getBody func() (io.ReadCloser, error)
	rt := roundTripFunc(func(req *http.Request) (*http.Response, error) {
		b, err := io.ReadAll(req.Body)
		if err != nil {
			t.Errorf("reading the body: %v", err)
		}
		bodies = append(bodies, string(b))
		held, getBody = req.Body, req.GetBody
		status := 500
		if len(bodies) > 1 {
			status = 200
		}
		return &http.Response{StatusCode: status, Header: http.Header{}, Body: io.NopCloser(strings.NewReader(`{"Greeting":"hi"}`)), ContentLength: -1, Request: req}, nil
	})
	c, err := pipeline.New(&pipeline.Service{Schema: &jdemoSvc, Rules: widgetRules}, pipeline.Options{
		Region:           "us-east-1",
		EndpointParams:   endpointParams("us-east-1", "https://jdemo.example.com"),
		Credentials:      credentials.Static{Value: credentials.Credentials{AccessKeyID: "AKID", SecretAccessKey: "SECRET"}},
		HTTPClient:       &http.Client{Transport: rt},
		RetryMaxAttempts: 2,
	})
	if err != nil {
		t.Fatal(err)
	}
	name := "world"
	if err := c.Invoke(t.Context(), op, &jdemoInput{Name: &name}, &jdemoOutput{}, nil); err != nil {
		t.Fatal(err)
	}
	if want := []string{`{"Name":"world"}`, `{"Name":"world"}`}; !reflect.DeepEqual(bodies, want) {
		t.Errorf("got bodies %q, want %q", bodies, want)
	}
	if _, ok := held.(protocol.ReleasableBody); !ok {
		t.Fatalf("got a body of type %T, want a protocol.ReleasableBody", held)
	}
	if b, err := io.ReadAll(held); err == nil {
		t.Errorf("reading the body after the call: got %q, want an error", b)
	}
	rc, err := getBody()
	if err != nil {
		t.Fatal(err)
	}
	if b, err := io.ReadAll(rc); err == nil {
		t.Errorf("reading GetBody's body after the call: got %q, want an error", b)
	}
}

// TestJSONBodiesConcurrent sends JSON calls from several goroutines over a
// real HTTP transport (kept-alive connections, pooled bodies reused from
// call to call): each answer names the body its request carried, and the
// body matches the signed payload hash. Run with -race.
func TestJSONBodiesConcurrent(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		b, err := io.ReadAll(r.Body)
		var in struct{ Name string }
		if err != nil || json.Unmarshal(b, &in) != nil {
			http.Error(w, "bad body", http.StatusBadRequest)
			return
		}
		if sum := sha256.Sum256(b); r.Header.Get("X-Amz-Content-Sha256") != "" && r.Header.Get("X-Amz-Content-Sha256") != hex.EncodeToString(sum[:]) {
			http.Error(w, "payload hash mismatch", http.StatusBadRequest)
			return
		}
		out, _ := json.Marshal(map[string]string{"Greeting": in.Name})
		w.Write(out)
	}))
	defer srv.Close()
	op := &protocol.Operation{Service: &jdemoSvc, Name: "Greet", Method: "POST", RequestURI: "/", Input: &jdemoIn, Output: &jdemoOut}
	c, err := pipeline.New(&pipeline.Service{Schema: &jdemoSvc, Rules: widgetRules}, pipeline.Options{
		Region:         "us-east-1",
		EndpointParams: endpointParams("us-east-1", srv.URL),
		Credentials:    credentials.Static{Value: credentials.Credentials{AccessKeyID: "AKID", SecretAccessKey: "SECRET"}},
		HTTPClient:     srv.Client(),
	})
	if err != nil {
		t.Fatal(err)
	}
	var wg sync.WaitGroup
	for g := range 4 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range 50 {
				name := fmt.Sprintf("g%d-%d-%s", g, i, strings.Repeat("x", (g*50+i)*37%3000))
				out := &jdemoOutput{}
				if err := c.Invoke(t.Context(), op, &jdemoInput{Name: &name}, out, nil); err != nil {
					t.Errorf("call %d/%d: %v", g, i, err)
					return
				}
				if out.Greeting == nil || *out.Greeting != name {
					t.Errorf("call %d/%d: got greeting for %.20q, want %.20q", g, i, *out.Greeting, name)
					return
				}
			}
		}()
	}
	wg.Wait()
}
