package conformance

import (
	"bytes"
	"compress/gzip"
	"encoding/json"
	"fmt"
	"io"
	"mime"
	"net/http"
	"net/url"
	"path/filepath"
	"reflect"
	"runtime"
	"slices"
	"sort"
	"strconv"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"

	"github.com/goto3/goto3/internal/testing/protocoltest"
	"github.com/goto3/goto3/protocol"
)

// Codec is a protocol codec's API, and what the runner needs to know of
// its wire format.
type Codec struct {
	// Protocol is "json", "rest-json", "rest-xml", "query" or "ec2": it
	// says how bodies are compared.
	Protocol          string
	MarshalRequest    func(*http.Request, *protocol.Operation, any, protocol.MarshalOptions) error
	UnmarshalResponse func(*http.Response, *protocol.Operation, any) error
	UnmarshalError    func(*http.Response, *protocol.Operation) *protocol.ResponseError
	// Build, when set, runs after MarshalRequest as the request
	// pipeline's build stage does (request compression).
	Build func(*http.Request, *protocol.Operation) error
	// DecodeEventPayload decodes an event message's payload (the
	// protocol's body format) into v, of shape sh; needed for the output
	// cases with event streams.
	DecodeEventPayload func(sh *protocol.Shape, payload []byte, v reflect.Value) error
}

// LookupFunc is the Lookup function of a generated protocol-test package.
type LookupFunc func(suite int, id string) (protocoltest.Entry, bool)

// Override makes a case check something other than what the file says:
// what botocore sends or returns where its ignore list marks the case
// (Botocore), a part the codec does not own, or nothing at all (Skip).
// Reason is logged with the case and is required.
type Override struct {
	Reason string
	// Skip skips the case.
	Skip bool
	// Input cases: headers expected instead of the file's (nil: the
	// file's), headers to ignore, headers that must be absent, and the
	// expected body and URI (nil: the file's).
	Headers       map[string]string
	IgnoreHeaders []string
	ForbidHeaders []string
	Body          *string
	URI           *string
	// Output cases: the expected result instead of the file's, and,
	// for an error case, that no modelled error is expected (the code
	// names a shape that is not one of the operation's errors).
	Result     any
	NotModeled bool
}

// Counts tallies one file's cases.
type Counts struct {
	Passed, Skipped, Failed int
	// Overridden counts the passed cases checked against an Override.
	Overridden int
	// Ignored counts the passed cases that botocore's ignore list skips.
	Ignored int
}

func (c Counts) String() string {
	return fmt.Sprintf("%d passed (%d of them on botocore's ignore list, %d checked against an override), %d skipped, %d failed",
		c.Passed, c.Ignored, c.Overridden, c.Skipped, c.Failed)
}

// TestdataPath is the repository's testdata folder joined with parts.
func TestdataPath(parts ...string) string {
	_, file, _, _ := runtime.Caller(0)
	return filepath.Join(append([]string{filepath.Dir(file), "..", "..", "..", "testdata"}, parts...)...)
}

// Token is the idempotency token the suites expect to be generated.
const Token = "00000000-0000-4000-8000-000000000000"

// File names one protocol-test file for Run.
type File struct {
	// Path relative to testdata/protocols, e.g. "input/json_1_0.json" or
	// "legacy/output/rest-json.json".
	Path   string
	Lookup LookupFunc
	// Overrides are keyed by subtest name (a case id, or
	// legacy/<stem>/<dir>/<n>).
	Overrides map[string]Override
}

// Legacy reports whether the file is one of botocore's legacy files.
func (f File) Legacy() bool { return strings.HasPrefix(f.Path, "legacy/") }

// name is the subtest name of a case: its id, or, in a legacy file,
// legacy/<file stem>/<input|output>/<n>.
func (f File) name(c protocoltest.Case, s protocoltest.Suite) string {
	if f.Legacy() {
		return "legacy/" + s.Protocol + "/" + s.Direction + "/" + c.ID
	}
	return c.ID
}

// Run runs every case of a file as a subtest and returns the counts. It
// fails when an override names no case of the file.
func Run(t *testing.T, f File, codec Codec) Counts {
	overrides := f.Overrides
	t.Helper()
	suites, err := protocoltest.Load(TestdataPath("protocols", filepath.FromSlash(f.Path)))
	if err != nil {
		t.Fatal(err)
	}
	var c Counts
	names := map[string]bool{}
	for si, s := range suites {
		for _, tc := range s.Cases {
			name := f.name(tc, s)
			names[name] = true
			ov, hasOv := overrides[name]
			if hasOv && ov.Reason == "" {
				t.Errorf("override of %s has no reason", name)
			}
			ignoreReason, ignored := s.Ignored(tc.ID)
			if f.Legacy() && s.Description == "Idempotency token auto fill" {
				// botocore's test runner skips this legacy suite
				// (PROTOCOL_TEST_BLACKLIST); it passes here.
				ignored, ignoreReason = true, "botocore's test runner skips the suite (PROTOCOL_TEST_BLACKLIST)"
			}
			ok := t.Run(name, func(t *testing.T) {
				if hasOv && ov.Skip {
					t.Skip(ov.Reason)
				}
				e, found := f.Lookup(si, tc.ID)
				if !found {
					t.Fatalf("no generated entry for suite %d case %s", si, tc.ID)
				}
				if ignored {
					t.Logf("on botocore's ignore list: %s", ignoreReason)
				}
				var o *Override
				if hasOv {
					o = &ov
					t.Logf("checked against an override: %s", ov.Reason)
				}
				if tc.Serialized != nil {
					runInput(t, s, tc, e, codec, o)
				} else {
					runOutput(t, tc, e, codec, o)
				}
			})
			switch {
			case hasOv && ov.Skip:
				c.Skipped++
			case !ok:
				c.Failed++
			default:
				c.Passed++
				if hasOv {
					c.Overridden++
				}
				if ignored {
					c.Ignored++
				}
			}
		}
	}
	for k := range overrides {
		if !names[k] {
			t.Errorf("override %s names no case of %s", k, f.Path)
		}
	}
	t.Logf("%s: %s", f.Path, c)
	return c
}

func runInput(t *testing.T, s protocoltest.Suite, tc protocoltest.Case, e protocoltest.Entry, codec Codec, o *Override) {
	op := e.Operation
	input := e.New()
	if op.Input != nil {
		v, err := protocoltest.BuildValue(op.Input, jsonValueParams(op.Input, tc.Params))
		if err != nil {
			t.Fatalf("BuildValue: %v", err)
		}
		input = v.Interface()
	}
	endpoint := s.ClientEndpoint
	if endpoint == "" {
		endpoint = "https://example.com"
	}
	u, err := url.Parse(endpoint)
	if err != nil {
		t.Fatal(err)
	}
	req := &http.Request{URL: u, Header: http.Header{}}
	err = codec.MarshalRequest(req, op, input, protocol.MarshalOptions{NewIdempotencyToken: func() string { return Token }})
	if err != nil {
		t.Fatalf("MarshalRequest: %v", err)
	}
	var serialized []byte // the body before the build stage
	if req.GetBody != nil {
		rc, err := req.GetBody()
		if err != nil {
			t.Fatal(err)
		}
		serialized, _ = io.ReadAll(rc)
	}
	if codec.Build != nil {
		if err := codec.Build(req, op); err != nil {
			t.Fatalf("build stage: %v", err)
		}
	}
	want := *tc.Serialized
	if o != nil {
		if o.Headers != nil {
			want.Headers = o.Headers
		}
		want.ForbidHeaders = append(slices.Clone(want.ForbidHeaders), o.ForbidHeaders...)
		if o.Body != nil {
			want.Body, want.HasBody = *o.Body, true
		}
		if o.URI != nil {
			want.URI = *o.URI
		}
	}
	ignore := map[string]bool{}
	if o != nil {
		for _, h := range o.IgnoreHeaders {
			ignore[http.CanonicalHeaderKey(h)] = true
		}
	}
	if want.Method != "" && req.Method != want.Method {
		t.Errorf("method: got %s, want %s", req.Method, want.Method)
	}
	if diff := compareURI(req.URL, want.URI); diff != "" {
		t.Errorf("uri: %s", diff)
	}
	if want.Host != "" {
		host, _, _ := strings.Cut(want.Host, "/")
		if req.URL.Host != host {
			t.Errorf("host: got %s, want %s", req.URL.Host, host)
		}
	}
	body := readBody(t, req)
	compressed := strings.Contains(req.Header.Get("Content-Encoding"), "gzip") && codec.Build != nil
	if compressed {
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
		body = plain
	}
	for k, v := range want.Headers {
		if ignore[http.CanonicalHeaderKey(k)] {
			continue
		}
		got, present := headerValue(req, k, body)
		if !present || !sameHeader(codec.Protocol, k, got, v) {
			t.Errorf("header %s: got %q (present %v), want %q", k, got, present, v)
		}
	}
	for _, k := range want.RequireHeaders {
		if _, present := headerValue(req, k, body); !present {
			t.Errorf("header %s: missing, want present", k)
		}
	}
	for _, k := range want.ForbidHeaders {
		if strings.EqualFold(k, "Content-Length") {
			// The suites forbid it in the serializer's headers:
			// net/http writes it from the body's length.
			if got := req.Header.Get(k); got != "" {
				t.Errorf("header %s: got %q set by the codec, want it left to net/http", k, got)
			}
			continue
		}
		if got, present := headerValue(req, k, body); present {
			t.Errorf("header %s: got %q, want absent", k, got)
		}
	}
	if !want.HasBody {
		return // botocore checks the body only when the case gives one
	}
	if diff := compareBody(codec.Protocol, op, req.Header.Get("Content-Type"), want.Body, body); diff != "" {
		t.Errorf("body: %s\ngot body: %s", diff, body)
	}
}

// jsonValueParams turns the values the suites give jsonvalue members
// (botocore takes any JSON value) into the JSON text the Go string field
// holds.
func jsonValueParams(sh *protocol.Shape, params any) any {
	m, ok := params.(map[string]any)
	if !ok {
		return params
	}
	out := make(map[string]any, len(m))
	for k, v := range m {
		out[k] = v
		for i := range sh.Members {
			mem := &sh.Members[i]
			if mem.Name != k || !(mem.JSONValue || mem.Shape.JSONValue) {
				continue
			}
			if _, isString := v.(string); !isString && v != nil {
				b, err := json.Marshal(v)
				if err == nil {
					out[k] = string(b)
				}
			}
		}
	}
	return out
}

func readBody(t *testing.T, req *http.Request) []byte {
	t.Helper()
	if req.Body == nil {
		return nil
	}
	b, err := io.ReadAll(req.Body)
	if err != nil {
		t.Fatalf("reading body: %v", err)
	}
	if req.ContentLength >= 0 && int64(len(b)) != req.ContentLength {
		t.Errorf("ContentLength: got %d, body has %d bytes", req.ContentLength, len(b))
	}
	if req.GetBody != nil {
		rb, err := req.GetBody()
		if err != nil {
			t.Fatalf("GetBody: %v", err)
		}
		again, _ := io.ReadAll(rb)
		if !bytes.Equal(again, b) && !strings.Contains(req.Header.Get("Content-Encoding"), "gzip") {
			t.Errorf("GetBody: got %q, want %q", again, b)
		}
	}
	return b
}

// headerValue looks a header up the way it goes on the wire:
// Content-Length comes from req.ContentLength (net/http writes it for a
// body, and for an empty one on methods that carry one).
func headerValue(req *http.Request, name string, body []byte) (string, bool) {
	if strings.EqualFold(name, "Content-Length") {
		if req.ContentLength > 0 || req.ContentLength == 0 && len(body) == 0 && req.Method != "GET" && req.Method != "HEAD" {
			return strconv.FormatInt(req.ContentLength, 10), true
		}
		return "", false
	}
	vals, ok := req.Header[http.CanonicalHeaderKey(name)]
	if !ok {
		return "", false
	}
	return strings.Join(vals, ", "), true
}

// sameHeader compares header values: exactly, or as comma-separated lists
// with the whitespace around the commas ignored ("a, b" and "a,b" are the
// same list: botocore joins with "," and the Smithy suites write ", ");
// the query and EC2 suites give Content-Type without the "; charset=utf-8"
// botocore adds.
func sameHeader(proto, name, got, want string) bool {
	if got == want {
		return true
	}
	if strings.EqualFold(name, "Content-Type") && (proto == "query" || proto == "ec2") {
		mt, _, _ := mime.ParseMediaType(got)
		return mt == want
	}
	norm := func(s string) string {
		parts := strings.Split(s, ",")
		for i := range parts {
			parts[i] = strings.TrimSpace(parts[i])
		}
		return strings.Join(parts, ",")
	}
	return norm(got) == norm(want)
}

// compareURI compares the request's path exactly and its query string as
// a multiset of parameters (the order of parameters does not matter, as
// botocore's test runner compares them).
func compareURI(u *url.URL, want string) string {
	gotPath := u.EscapedPath()
	wantPath, wantQuery, _ := strings.Cut(want, "?")
	var diffs []string
	if gotPath != wantPath {
		diffs = append(diffs, fmt.Sprintf("path: got %s, want %s", gotPath, wantPath))
	}
	split := func(q string) []string {
		if q == "" {
			return nil
		}
		ps := strings.Split(q, "&")
		sort.Strings(ps)
		return ps
	}
	if g, w := split(u.RawQuery), split(wantQuery); !slices.Equal(g, w) {
		diffs = append(diffs, fmt.Sprintf("query: got %q, want %q", u.RawQuery, wantQuery))
	}
	return strings.Join(diffs, "; ")
}

// compareBody compares a serialized body with the expected one: JSON as
// JSON values, XML as canonical XML, other bodies (forms, whose parameter
// order the codecs keep as botocore's, and raw payloads) byte for byte.
func compareBody(proto string, op *protocol.Operation, contentType, want string, got []byte) string {
	switch {
	case want == "" || len(got) == 0:
		if want != string(got) {
			return fmt.Sprintf("got %q, want %q", got, want)
		}
		return ""
	case (proto == "json" || proto == "rest-json") && strings.Contains(contentType, "json"):
		return protocoltest.JSONDiff(want, string(got))
	case proto == "rest-xml" && strings.HasPrefix(strings.TrimSpace(want), "<"):
		return protocoltest.XMLDiff(want, string(got), protocoltest.HasMap(op.Input))
	}
	if want != string(got) {
		return fmt.Sprintf("got %q, want %q", got, want)
	}
	return ""
}

func runOutput(t *testing.T, tc protocoltest.Case, e protocoltest.Entry, codec Codec, o *Override) {
	op := e.Operation
	r := tc.Response
	h := http.Header{}
	for k, v := range r.Headers {
		h.Add(k, v)
	}
	body := r.Body
	if hasEventStream(op.Output) && body != "" {
		// The suites give an event stream's binary body in base64.
		b, err := decodeBase64(body)
		if err != nil {
			t.Fatalf("event stream body: %v", err)
		}
		body = string(b)
	}
	resp := &http.Response{StatusCode: r.StatusCode, Header: h, Body: io.NopCloser(strings.NewReader(body)), ContentLength: -1}
	if tc.ErrorCode != "" || tc.Error != nil {
		re := codec.UnmarshalError(resp, op)
		if re.Code != tc.ErrorCode {
			t.Errorf("code: got %q, want %q", re.Code, tc.ErrorCode)
		}
		if tc.ErrorMessage != "" && re.Message != tc.ErrorMessage {
			t.Errorf("message: got %q, want %q", re.Message, tc.ErrorMessage)
		}
		if re.StatusCode != r.StatusCode {
			t.Errorf("status: got %d, want %d", re.StatusCode, r.StatusCode)
		}
		var sh *protocol.Shape
		for _, es := range op.Errors {
			if es.ErrorCode == tc.ErrorCode || es.Name == tc.ErrorCode {
				sh = es
				break
			}
		}
		if o != nil && o.NotModeled {
			if re.Modeled != nil {
				t.Errorf("modelled error: got %T, want none", re.Modeled)
			}
			return
		}
		if sh == nil {
			if re.Modeled != nil {
				t.Errorf("modelled error: got %T, want none (no error shape is coded %s)", re.Modeled, tc.ErrorCode)
			}
			if len(tc.Error) > 0 {
				t.Errorf("the case expects members %v of an error the operation does not model", tc.Error)
			}
			return
		}
		if re.Modeled == nil {
			t.Fatalf("modelled error: got none, want a %s", sh.Name)
		}
		got := protocoltest.ToJSON(sh, reflect.ValueOf(re.Modeled))
		want := any(tc.Error)
		if tc.Error == nil {
			want = map[string]any{}
		}
		if diff := cmp.Diff(want, got, cmpopts.EquateApprox(0, 1e-6), cmpopts.EquateNaNs()); diff != "" {
			t.Errorf("modelled error (-want +got):\n%s", diff)
		}
		return
	}
	out := e.New()
	if err := codec.UnmarshalResponse(resp, op, out); err != nil {
		t.Fatalf("UnmarshalResponse: %v", err)
	}
	var got any = map[string]any{}
	if op.Output != nil {
		events := takeEvents(t, op.Output, reflect.ValueOf(out).Elem(), codec)
		m := protocoltest.ToJSON(op.Output, reflect.ValueOf(out)).(map[string]any)
		for k, v := range events {
			m[k] = v
		}
		got = m
	}
	want := tc.Result
	if o != nil && o.Result != nil {
		want = o.Result
	}
	if m, ok := got.(map[string]any); ok && op.Output != nil {
		got = expandJSONValues(t, op.Output, m, want)
	}
	if want == nil {
		want = map[string]any{}
	}
	if diff := cmp.Diff(want, got, cmpopts.EquateApprox(0, 1e-6), cmpopts.EquateNaNs()); diff != "" {
		t.Errorf("result (-want +got):\n%s", diff)
	}
}

func hasEventStream(sh *protocol.Shape) bool {
	if sh == nil {
		return false
	}
	for i := range sh.Members {
		if sh.Members[i].Shape.EventStream {
			return true
		}
	}
	return false
}

// takeEvents decodes the event stream members of v (the raw body, which
// the Go types keep unread) into the lists of events botocore returns and
// the suites expect, and clears them.
func takeEvents(t *testing.T, sh *protocol.Shape, v reflect.Value, codec Codec) map[string]any {
	out := map[string]any{}
	for i := range sh.Members {
		m := &sh.Members[i]
		if !m.Shape.EventStream {
			continue
		}
		f := v.Field(m.Field)
		rc, ok := f.Interface().(io.ReadCloser)
		if !ok || rc == nil {
			continue
		}
		events, err := DecodeEvents(rc, m.Shape, codec.DecodeEventPayload)
		if err != nil {
			t.Errorf("event stream %s: %v", m.Name, err)
		}
		out[m.Name] = events
		f.SetZero()
	}
	return out
}

// expandJSONValues turns a jsonvalue header member's JSON text, which the
// Go types keep as a string, into its value, as botocore returns it and
// the legacy suites expect it; the current suites expect the text (want
// says which).
func expandJSONValues(t *testing.T, sh *protocol.Shape, got map[string]any, want any) map[string]any {
	wm, _ := want.(map[string]any)
	for i := range sh.Members {
		m := &sh.Members[i]
		if !(m.JSONValue || m.Shape.JSONValue) || m.Location != protocol.LocationHeader {
			continue
		}
		if _, text := wm[m.Name].(string); text {
			continue
		}
		s, ok := got[m.Name].(string)
		if !ok {
			continue
		}
		var x any
		if err := json.Unmarshal([]byte(s), &x); err != nil {
			t.Errorf("jsonvalue member %s: %v", m.Name, err)
			continue
		}
		got[m.Name] = x
	}
	return got
}
