package s3_test

import (
	"bytes"
	"context"
	"encoding/base64"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"os"
	"reflect"
	"slices"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/goto3/goto3"
	"github.com/goto3/goto3/credentials"
	"github.com/goto3/goto3/internal/testing/difftest"
	"github.com/goto3/goto3/internal/testing/servicetest"
	"github.com/goto3/goto3/protocol"
	"github.com/goto3/goto3/retry"
	"github.com/goto3/goto3/services/s3"
)

// customizationVectors is testdata/customizations/vectors.json, written by
// gen.py there with the installed botocore: sequences of calls on one
// client, each with the answers served, the requests botocore sent and
// what it returned or raised.
type customizationVectors struct {
	Botocore        string      `json:"botocore"`
	QuoteCopySource [][2]string `json:"quoteCopySource"`
	Unquote         [][2]string `json:"unquote"`
	Cases           []struct {
		ID     string `json:"id"`
		Config struct {
			Region      string `json:"region"`
			Addressing  string `json:"addressing"`
			MaxAttempts int    `json:"maxAttempts"`
		} `json:"config"`
		Calls []botocoreCall `json:"calls"`
	} `json:"cases"`
}

type botocoreCall struct {
	Operation string            `json:"operation"`
	Paginate  bool              `json:"paginate"`
	Params    map[string]any    `json:"params"`
	Answers   []botocoreAnswer  `json:"answers"`
	Requests  []botocoreRequest `json:"requests"`
	Result    any               `json:"result"`
	Error     *struct {
		Code    string      `json:"code"`
		Status  json.Number `json:"status"`
		Class   string      `json:"class"`
		Message string      `json:"message"`
	} `json:"error"`
}

type botocoreAnswer struct {
	Status  int               `json:"status"`
	Headers map[string]string `json:"headers"`
	Body    string            `json:"body"`
}

type botocoreRequest struct {
	Method        string            `json:"method"`
	URL           string            `json:"url"`
	Query         [][2]string       `json:"query"`
	Headers       map[string]string `json:"headers"`
	Body          string            `json:"body"`
	BodyBase64    string            `json:"bodyBase64"`
	SigningRegion string            `json:"signingRegion"`
	Attempt       int               `json:"attempt"`
}

// scriptTransport answers each request with the next scripted answer and
// records it with its body.
type scriptTransport struct {
	mu      sync.Mutex
	answers []botocoreAnswer
	sent    []sentRequest
}

type sentRequest struct {
	req  *http.Request
	body []byte
}

func (s *scriptTransport) RoundTrip(req *http.Request) (*http.Response, error) {
	var b []byte
	if req.Body != nil {
		var err error
		if b, err = io.ReadAll(req.Body); err != nil {
			return nil, err
		}
		req.Body.Close()
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	s.sent = append(s.sent, sentRequest{req, b})
	if len(s.answers) == 0 {
		return nil, fmt.Errorf("no answer left for %s %s", req.Method, req.URL)
	}
	a := s.answers[0]
	s.answers = s.answers[1:]
	h := http.Header{}
	for k, v := range a.Headers {
		h.Set(k, v)
	}
	n := int64(len(a.Body))
	if req.Method == http.MethodHead {
		n = -1
	}
	return &http.Response{StatusCode: a.Status, Status: fmt.Sprintf("%d %s", a.Status, http.StatusText(a.Status)),
		Proto: "HTTP/1.1", ProtoMajor: 1, ProtoMinor: 1, Header: h, ContentLength: n,
		Body: io.NopCloser(strings.NewReader(a.Body)), Request: req}, nil
}

func (s *scriptTransport) take() ([]sentRequest, int) {
	s.mu.Lock()
	defer s.mu.Unlock()
	sent, left := s.sent, len(s.answers)
	s.sent, s.answers = nil, nil
	return sent, left
}

// TestCustomizationsBotocore replays botocore's S3 customizations that
// handlers.go, validate.go and redirect.go implement (S3-5 encoding-type
// and the decoding of List* answers and their paginators, S3-6 CopySource,
// S3-7 SSE-C keys, S3-8 ASCII metadata, S3-11 escaped XML bodies with their
// checksums, S3-13 addressing, S3-R the region redirect): each request
// goto3 sends must be botocore's (method, URL, query, the customized
// headers, the body byte for byte unless botocore streamed it
// aws-chunked, the signing region and the attempt number), and the
// outcome botocore's.
func TestCustomizationsBotocore(t *testing.T) {
	vs := loadCustomizationVectors(t)
	if len(vs.Cases) == 0 {
		t.Fatal("no cases")
	}
	for _, tc := range vs.Cases {
		t.Run(tc.ID, func(t *testing.T) {
			tr := &scriptTransport{}
			attempts := tc.Config.MaxAttempts
			if attempts == 0 {
				attempts = 3
			}
			r, err := retry.New(retry.Options{MaxAttempts: attempts, Sleep: func(ctx context.Context, _ time.Duration) error { return ctx.Err() }})
			if err != nil {
				t.Fatal(err)
			}
			region := tc.Config.Region
			if region == "" {
				region = "us-east-1"
			}
			c, err := s3.New(goto3.Config{Region: region, Credentials: credentials.NewStatic("AKID", "SECRET", ""), HTTPClient: &http.Client{Transport: tr}},
				func(o *s3.Options) {
					o.Retryer = r
					o.AddressingStyle = s3.AddressingStyle(tc.Config.Addressing)
				})
			if err != nil {
				t.Fatal(err)
			}
			for i, bc := range tc.Calls {
				replayCall(t, fmt.Sprintf("call %d (%s)", i+1, bc.Operation), c, tr, &bc)
			}
		})
	}
	t.Logf("%d cases from botocore %s", len(vs.Cases), vs.Botocore)
}

func loadCustomizationVectors(t *testing.T) *customizationVectors {
	t.Helper()
	raw, err := os.ReadFile("testdata/customizations/vectors.json")
	if err != nil {
		t.Fatal(err)
	}
	d := json.NewDecoder(bytes.NewReader(raw))
	d.UseNumber()
	var vs customizationVectors
	if err := d.Decode(&vs); err != nil {
		t.Fatal(err)
	}
	return &vs
}

// TestCopySourceBotocore: CopySource values as botocore's
// _quote_source_header quotes them, line breaks and other white space
// included (which no header carries).
func TestCopySourceBotocore(t *testing.T) {
	vs := loadCustomizationVectors(t)
	if len(vs.QuoteCopySource) == 0 {
		t.Fatal("no vectors")
	}
	for _, v := range vs.QuoteCopySource {
		if got := s3.QuoteCopySource(v[0]); got != v[1] {
			t.Errorf("%q: got %q, botocore %q", v[0], got, v[1])
		}
	}
}

// TestUnquoteBotocore: the List* answers' URL-decoding as botocore's
// unquote_str (Python's unquote_plus): plus as space, malformed escapes
// kept, ill-formed UTF-8 replaced as Python replaces it.
func TestUnquoteBotocore(t *testing.T) {
	vs := loadCustomizationVectors(t)
	if len(vs.Unquote) == 0 {
		t.Fatal("no vectors")
	}
	for _, v := range vs.Unquote {
		if got := s3.UnquotePlus(v[0]); got != v[1] {
			t.Errorf("%q: got %q, botocore %q", v[0], got, v[1])
		}
	}
}

func replayCall(t *testing.T, name string, c *s3.Client, tr *scriptTransport, bc *botocoreCall) {
	t.Helper()
	op := s3op(t, bc.Operation)
	iv, err := difftest.BuildInput(op.Input, bc.Params)
	if err != nil {
		t.Fatalf("%s: params: %v", name, err)
	}
	tr.mu.Lock()
	tr.answers = append([]botocoreAnswer(nil), bc.Answers...)
	tr.mu.Unlock()
	ctx := context.Background()
	var result any
	var callErr error
	if bc.Paginate {
		var pages []any
		collect := func(page any, err error) bool {
			if err != nil {
				callErr = err
				return false
			}
			pages = append(pages, difftest.ToCanonical(op.Output, reflect.ValueOf(page)))
			return true
		}
		switch in := iv.Interface().(type) {
		case *s3.ListObjectsInput:
			for p, err := range c.ListObjectsPages(ctx, in) {
				if !collect(p, err) {
					break
				}
			}
		case *s3.ListObjectVersionsInput:
			for p, err := range c.ListObjectVersionsPages(ctx, in) {
				if !collect(p, err) {
					break
				}
			}
		default:
			t.Fatalf("%s: no paginator replay for %T", name, in)
		}
		result = pages
	} else {
		var call servicetest.Operation
		for _, o := range servicetest.Operations(c) {
			if o.Name == bc.Operation {
				call = o
			}
		}
		out, err := call.Call(ctx, iv.Interface())
		callErr = err
		if err == nil {
			result = difftest.ToCanonical(op.Output, reflect.ValueOf(out))
		}
	}
	sent, left := tr.take()
	if len(sent) != len(bc.Requests) {
		t.Errorf("%s: sent %d requests, botocore %d (error %v)", name, len(sent), len(bc.Requests), callErr)
	}
	for i := range min(len(sent), len(bc.Requests)) {
		compareBotocoreRequest(t, fmt.Sprintf("%s, request %d", name, i+1), sent[i], bc.Requests[i])
	}
	if left != 0 && len(sent) == len(bc.Requests) {
		t.Errorf("%s: %d answers left", name, left)
	}
	switch {
	case bc.Error == nil:
		if callErr != nil {
			t.Fatalf("%s: %v", name, callErr)
		}
		if diff := difftest.CompareValues(resultShape(op, bc.Paginate), bc.Result, result); diff != "" {
			t.Errorf("%s: result (-botocore +goto3):\n%s", name, diff)
		}
	case bc.Error.Class == "ParamValidationError":
		var ve *goto3.ValidationError
		if !errors.As(callErr, &ve) {
			t.Errorf("%s: got %v, want a *goto3.ValidationError (botocore: %s)", name, callErr, bc.Error.Message)
		}
	case bc.Error.Class != "":
		var api *goto3.APIError
		if callErr == nil || errors.As(callErr, &api) {
			t.Errorf("%s: got %v, want an error as botocore's %s (%s)", name, callErr, bc.Error.Class, bc.Error.Message)
		}
	default:
		var api *goto3.APIError
		if !errors.As(callErr, &api) || api.Code != bc.Error.Code || strconv.Itoa(api.StatusCode) != bc.Error.Status.String() {
			t.Errorf("%s: got %v, want %s (status %s)", name, callErr, bc.Error.Code, bc.Error.Status)
		}
	}
}

// resultShape is what a case's result is compared along: the output, or
// for a paginator a list of outputs.
func resultShape(op *protocol.Operation, pages bool) *protocol.Shape {
	if !pages {
		return op.Output
	}
	return &protocol.Shape{Name: "Pages", Type: protocol.TypeList, Member: &protocol.Member{Field: -1, Shape: op.Output}}
}

// customizedHeader reports whether a header is one the customizations
// set, compared by value both ways.
func customizedHeader(name string, bodyExact bool) bool {
	n := strings.ToLower(name)
	switch {
	case strings.HasPrefix(n, "x-amz-copy-source"), strings.HasPrefix(n, "x-amz-server-side-encryption-customer-"):
		return true
	case n == "content-md5", strings.HasPrefix(n, "x-amz-checksum-"), n == "x-amz-sdk-checksum-algorithm", n == "content-length":
		return bodyExact
	}
	return false
}

func compareBotocoreRequest(t *testing.T, name string, s sentRequest, want botocoreRequest) {
	t.Helper()
	req := s.req
	if req.Method != want.Method {
		t.Errorf("%s: method %s, botocore %s", name, req.Method, want.Method)
	}
	host := req.Host
	if host == "" {
		host = req.URL.Host
	}
	if got := req.URL.Scheme + "://" + host + req.URL.EscapedPath(); got != want.URL {
		t.Errorf("%s: URL\n got %s\nwant %s", name, got, want.URL)
	}
	q, err := url.ParseQuery(req.URL.RawQuery)
	if err != nil {
		t.Errorf("%s: query %q: %v", name, req.URL.RawQuery, err)
	}
	var gotQ, wantQ []string
	for k, vs := range q {
		for _, v := range vs {
			gotQ = append(gotQ, k+"="+v)
		}
	}
	for _, kv := range want.Query {
		wantQ = append(wantQ, kv[0]+"="+kv[1])
	}
	slices.Sort(gotQ)
	slices.Sort(wantQ)
	if !slices.Equal(gotQ, wantQ) {
		t.Errorf("%s: query %q, botocore %q", name, gotQ, wantQ)
	}
	chunked := false
	for k, v := range want.Headers {
		if strings.EqualFold(k, "Content-Encoding") && strings.Contains(v, "aws-chunked") {
			chunked = true
		}
	}
	wantHeaders := map[string]string{}
	for k, v := range want.Headers {
		if customizedHeader(k, !chunked) {
			wantHeaders[http.CanonicalHeaderKey(k)] = v
		}
	}
	gotHeaders := map[string]string{}
	for k := range req.Header {
		if customizedHeader(k, !chunked) {
			gotHeaders[k] = req.Header.Get(k)
		}
	}
	if _, ok := wantHeaders["Content-Length"]; ok {
		gotHeaders["Content-Length"] = strconv.FormatInt(req.ContentLength, 10)
	}
	for k, v := range wantHeaders {
		if g, ok := gotHeaders[k]; !ok || g != v {
			t.Errorf("%s: header %s %q (sent %v), botocore %q", name, k, g, ok, v)
		}
	}
	for k, v := range gotHeaders {
		if _, ok := wantHeaders[k]; !ok {
			t.Errorf("%s: header %s %q, botocore sends none", name, k, v)
		}
	}
	if !chunked {
		wantBody := []byte(want.Body)
		if want.BodyBase64 != "" {
			wantBody, _ = base64.StdEncoding.DecodeString(want.BodyBase64)
		}
		if !bytes.Equal(s.body, wantBody) {
			t.Errorf("%s: body\n got %q\nwant %q", name, s.body, wantBody)
		}
	}
	auth := req.Header.Get("Authorization")
	region := ""
	if _, cred, ok := strings.Cut(auth, "Credential="); ok {
		if parts := strings.Split(cred, "/"); len(parts) > 2 {
			region = parts[2]
		}
	}
	if region != want.SigningRegion {
		t.Errorf("%s: signing region %q, botocore %q", name, region, want.SigningRegion)
	}
	attempt := strings.TrimPrefix(strings.SplitN(req.Header.Get("Amz-Sdk-Request"), ";", 2)[0], "attempt=")
	if attempt != strconv.Itoa(want.Attempt) {
		t.Errorf("%s: attempt %s, botocore %d", name, attempt, want.Attempt)
	}
}
