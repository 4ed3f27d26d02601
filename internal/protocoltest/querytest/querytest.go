package querytest

import (
	"bytes"
	"compress/gzip"
	"encoding/json"
	"io"
	"mime"
	"net/http"
	"net/url"
	"os"
	"reflect"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"

	"github.com/goto3/goto3/internal/protocoltest"
	"github.com/goto3/goto3/protocol"
)

// Codec is the API of protocol/query and protocol/ec2query.
type Codec struct {
	MarshalRequest    func(*http.Request, *protocol.Operation, any, protocol.MarshalOptions) error
	UnmarshalResponse func(*http.Response, *protocol.Operation, any) error
	UnmarshalError    func(*http.Response, *protocol.Operation) *protocol.ResponseError
	// Build, when set, runs after MarshalRequest as the request pipeline's
	// build stage does (request compression).
	Build func(*http.Request, *protocol.Operation) error
}

// LookupFunc is the Lookup function of a generated protocol-test package.
type LookupFunc func(suite int, id string) (protocoltest.Entry, bool)

// Counts tallies the cases of one run.
type Counts struct {
	Passed, Failed, Skipped int
}

type suite struct {
	Description string  `json:"description"`
	Cases       []tcase `json:"cases"`
}

type tcase struct {
	ID         string         `json:"id"`
	Params     map[string]any `json:"params"`
	Serialized *struct {
		Method         string            `json:"method"`
		URI            string            `json:"uri"`
		Body           *string           `json:"body"`
		Headers        map[string]string `json:"headers"`
		ForbidHeaders  []string          `json:"forbidHeaders"`
		RequireHeaders []string          `json:"requireHeaders"`
		Host           string            `json:"host"`
	} `json:"serialized"`
	Response *struct {
		StatusCode int               `json:"status_code"`
		Headers    map[string]string `json:"headers"`
		Body       string            `json:"body"`
	} `json:"response"`
	Result       map[string]any `json:"result"`
	Error        map[string]any `json:"error"`
	ErrorCode    string         `json:"errorCode"`
	ErrorMessage *string        `json:"errorMessage"`
}

func load(t *testing.T, file string) []suite {
	t.Helper()
	data, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	var suites []suite
	if err := json.Unmarshal(data, &suites); err != nil {
		t.Fatalf("%s: %v", file, err)
	}
	return suites
}

// Token is the idempotency token the suites expect to be generated.
const Token = "00000000-0000-4000-8000-000000000000"

// RunInput runs every case of an input suite file. skips maps case ids to
// the reason they are skipped.
func RunInput(t *testing.T, file string, lookup LookupFunc, codec Codec, skips map[string]string) Counts {
	var c Counts
	for si, s := range load(t, file) {
		for _, tc := range s.Cases {
			ok := t.Run(tc.ID, func(t *testing.T) {
				if reason, skip := skips[tc.ID]; skip {
					c.Skipped++
					t.Skip(reason)
				}
				runInput(t, si, tc, lookup, codec)
			})
			if !ok {
				c.Failed++
			} else if _, skip := skips[tc.ID]; !skip {
				c.Passed++
			}
		}
	}
	return c
}

func runInput(t *testing.T, si int, tc tcase, lookup LookupFunc, codec Codec) {
	e, ok := lookup(si, tc.ID)
	if !ok {
		t.Fatalf("no generated entry for suite %d case %s", si, tc.ID)
	}
	op := e.Operation
	input := e.New()
	if op.Input != nil && len(tc.Params) > 0 {
		v, err := protocoltest.BuildValue(op.Input, tc.Params)
		if err != nil {
			t.Fatalf("BuildValue: %v", err)
		}
		input = v.Interface()
	}
	want := tc.Serialized
	endpoint := "https://example.com"
	if want.Host != "" && strings.Contains(want.Host, "/") {
		endpoint = "https://" + want.Host
	}
	u, _ := url.Parse(endpoint)
	req := &http.Request{URL: u, Header: http.Header{}}
	err := codec.MarshalRequest(req, op, input, protocol.MarshalOptions{NewIdempotencyToken: func() string { return Token }})
	if err != nil {
		t.Fatalf("MarshalRequest: %v", err)
	}
	var serialized []byte // the body before the build stage
	if codec.Build != nil {
		if req.GetBody != nil {
			rc, err := req.GetBody()
			if err != nil {
				t.Fatal(err)
			}
			serialized, _ = io.ReadAll(rc)
		}
		if err := codec.Build(req, op); err != nil {
			t.Fatalf("build stage: %v", err)
		}
	}
	if want.Method != "" && req.Method != want.Method {
		t.Errorf("got method %q, want %q", req.Method, want.Method)
	}
	gotURI := req.URL.EscapedPath()
	if req.URL.RawQuery != "" {
		gotURI += "?" + req.URL.RawQuery
	}
	if gotURI != want.URI {
		t.Errorf("got URI %q, want %q", gotURI, want.URI)
	}
	if want.Host != "" && !strings.Contains(want.Host, "/") && req.URL.Host != want.Host {
		t.Errorf("got host %q, want %q", req.URL.Host, want.Host)
	}
	for k, v := range want.Headers {
		got := req.Header.Get(k)
		if strings.EqualFold(k, "Content-Type") {
			// botocore sends "application/x-www-form-urlencoded;
			// charset=utf-8"; the suites name the media type only.
			got, _, _ = mime.ParseMediaType(got)
		}
		if got != v {
			t.Errorf("header %s: got %q, want %q", k, got, v)
		}
	}
	for _, k := range want.ForbidHeaders {
		if _, ok := req.Header[http.CanonicalHeaderKey(k)]; ok {
			t.Errorf("header %s: got %q, want it absent", k, req.Header.Get(k))
		}
	}
	var body []byte
	if req.Body != nil {
		body, err = io.ReadAll(req.Body)
		if err != nil {
			t.Fatal(err)
		}
	}
	for _, k := range want.RequireHeaders {
		if strings.EqualFold(k, "Content-Length") {
			if req.ContentLength != int64(len(body)) || req.ContentLength <= 0 {
				t.Errorf("got ContentLength %d for a %d-byte body", req.ContentLength, len(body))
			}
			continue
		}
		if req.Header.Get(k) == "" {
			t.Errorf("header %s: missing", k)
		}
	}
	if codec.Build != nil && strings.Contains(req.Header.Get("Content-Encoding"), "gzip") {
		// A compressed body must inflate to what the codec serialized.
		zr, err := gzip.NewReader(bytes.NewReader(body))
		if err != nil {
			t.Fatalf("compressed body: %v", err)
		}
		plain, err := io.ReadAll(zr)
		if err != nil {
			t.Fatalf("compressed body: %v", err)
		}
		if !bytes.Equal(plain, serialized) {
			t.Errorf("inflated body: got %d bytes, want the %d serialized bytes", len(plain), len(serialized))
		}
		if req.ContentLength != int64(len(body)) {
			t.Errorf("got ContentLength %d, want %d (the compressed size)", req.ContentLength, len(body))
		}
		body = plain
	}
	if want.Body != nil && string(body) != *want.Body {
		t.Errorf("body:\n got %s\nwant %s", body, *want.Body)
	}
}

// RunOutput runs every case of an output suite file.
func RunOutput(t *testing.T, file string, lookup LookupFunc, codec Codec, skips map[string]string) Counts {
	var c Counts
	for si, s := range load(t, file) {
		for _, tc := range s.Cases {
			ok := t.Run(tc.ID, func(t *testing.T) {
				if reason, skip := skips[tc.ID]; skip {
					c.Skipped++
					t.Skip(reason)
				}
				runOutput(t, si, tc, lookup, codec)
			})
			if !ok {
				c.Failed++
			} else if _, skip := skips[tc.ID]; !skip {
				c.Passed++
			}
		}
	}
	return c
}

func runOutput(t *testing.T, si int, tc tcase, lookup LookupFunc, codec Codec) {
	e, ok := lookup(si, tc.ID)
	if !ok {
		t.Fatalf("no generated entry for suite %d case %s", si, tc.ID)
	}
	op := e.Operation
	r := tc.Response
	resp := &http.Response{StatusCode: r.StatusCode, Header: http.Header{}, Body: io.NopCloser(strings.NewReader(r.Body))}
	for k, v := range r.Headers {
		resp.Header.Set(k, v)
	}
	if tc.ErrorCode != "" || tc.Error != nil {
		re := codec.UnmarshalError(resp, op)
		if re.Code != tc.ErrorCode {
			t.Errorf("got code %q, want %q", re.Code, tc.ErrorCode)
		}
		if tc.ErrorMessage != nil && re.Message != *tc.ErrorMessage {
			t.Errorf("got message %q, want %q", re.Message, *tc.ErrorMessage)
		}
		if re.StatusCode != r.StatusCode {
			t.Errorf("got status %d, want %d", re.StatusCode, r.StatusCode)
		}
		if tc.Error == nil {
			return
		}
		if re.Modeled == nil {
			t.Fatalf("got no modelled error for code %q", re.Code)
		}
		mv := reflect.ValueOf(re.Modeled)
		shape := errorShapeOf(op, re.Modeled)
		if shape == nil {
			t.Fatalf("got Modeled of type %T, not one of the operation's or its service's errors", re.Modeled)
		}
		compareJSON(t, tc.Error, protocoltest.ToJSON(shape, mv))
		return
	}
	out := e.New()
	if err := codec.UnmarshalResponse(resp, op, out); err != nil {
		t.Fatalf("UnmarshalResponse: %v", err)
	}
	got := any(map[string]any{})
	if op.Output != nil {
		got = protocoltest.ToJSON(op.Output, reflect.ValueOf(out))
	}
	compareJSON(t, tc.Result, got)
}

// compareJSON compares an expected JSON value with a produced one after a
// round trip through encoding/json, so that numbers are float64 on both
// sides; fractional epoch seconds compare to the microsecond.
func compareJSON(t *testing.T, want, got any) {
	t.Helper()
	w, g := normalize(t, want), normalize(t, got)
	if w == nil {
		w = map[string]any{}
	}
	if g == nil {
		g = map[string]any{}
	}
	if diff := cmp.Diff(w, g, cmpopts.EquateApprox(0, 1e-6), cmpopts.EquateNaNs()); diff != "" {
		t.Errorf("mismatch (-want +got):\n%s", diff)
	}
}

func normalize(t *testing.T, v any) any {
	t.Helper()
	b, err := json.Marshal(v)
	if err != nil {
		t.Fatalf("json: %v", err)
	}
	var out any
	if err := json.Unmarshal(b, &out); err != nil {
		t.Fatalf("json: %v", err)
	}
	return out
}

// Report logs the counts and fails the test if any case failed.
func Report(t *testing.T, name string, c Counts, skips map[string]string) {
	t.Helper()
	t.Logf("%s: %d passed, %d skipped, %d failed", name, c.Passed, c.Skipped, c.Failed)
	for id, reason := range skips {
		t.Logf("  skipped %s: %s", id, reason)
	}
}
