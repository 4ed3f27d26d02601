package pipeline_test

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"io"
	"math/rand/v2"
	"net/http"
	"net/http/httptest"
	"net/url"
	"reflect"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/goto3/goto3/credentials"
	"github.com/goto3/goto3/endpoints"
	"github.com/goto3/goto3/internal/pipeline"
	"github.com/goto3/goto3/protocol"
	"github.com/goto3/goto3/retry"
	"github.com/goto3/goto3/sigv4"
)

// The pipeline's own tests run two small services declared here, which
// have no customizations: Widgets (REST-XML) and Gadgets (Query), with one
// endpoint rule set (widgetRules) and a test server (widgetServer) that
// verifies every signature with sigv4.Verify. Nothing here knows S3: the
// tests of S3's customizations live in services/s3 (pipeline_*_test.go).

// Widgets' Go types, as a generated package would declare them.
type (
	GetWidgetInput struct {
		Name  string
		Color *string
	}
	GetWidgetOutput struct {
		Name           *string
		Size           *int64
		ResultMetadata protocol.ResponseMetadata
	}
	PutWidgetInput struct {
		Name   string
		Config *WidgetConfig
	}
	WidgetConfig struct {
		Label string
		Size  *int64
	}
	PutWidgetOutput struct {
		ETag           *string
		ResultMetadata protocol.ResponseMetadata
	}
	ListWidgetsInput struct {
		Prefix string
		Names  []string
	}
	ListWidgetsOutput struct {
		Count          *int64
		ResultMetadata protocol.ResponseMetadata
	}
	GetWidgetDataInput struct {
		Name string
	}
	GetWidgetDataOutput struct {
		Body           io.ReadCloser
		ResultMetadata protocol.ResponseMetadata
	}
	PutWidgetDataInput struct {
		Name          string
		Body          io.Reader
		ContentLength *int64
	}
	PutWidgetDataOutput struct {
		ResultMetadata protocol.ResponseMetadata
	}
	// WidgetNotFound is Widgets' modelled error; no operation lists it,
	// it is in the service's Errors only.
	WidgetNotFound struct {
		Message *string
		Widget  *string
	}

	SendGadgetInput struct {
		Name string
		Note *string
	}
	SendGadgetOutput struct {
		ID             *string
		ResultMetadata protocol.ResponseMetadata
	}
)

func (e *WidgetNotFound) Error() string {
	msg := ""
	if e.Message != nil {
		msg = *e.Message
	}
	return "WidgetNotFound: " + msg
}

// Positions of the rule set's parameters (sorted by name), as a generated
// package fixes them; widgetRules checks them with Bind.
const (
	paramAuthMode = iota
	paramEndpoint
	paramNames
	paramPrefix
	paramRegion
	paramStage
	paramUseFIPS
	paramUseV4a
	numParams
)

var widgetParamNames = []string{"AuthMode", "Endpoint", "Names", "Prefix", "Region", "Stage", "UseFIPS", "UseV4a"}

// widgetRuleSet is a minimal endpoint rule set: an error rule, a custom
// endpoint (SDK::Endpoint) with auth schemes chosen by parameters and
// headers echoing the context parameters, and the service's own hosts.
const widgetRuleSet = `{
 "version": "1.0",
 "parameters": {
  "AuthMode": {"type": "string"},
  "Endpoint": {"type": "string", "builtIn": "SDK::Endpoint"},
  "Names": {"type": "stringArray"},
  "Prefix": {"type": "string"},
  "Region": {"type": "string", "builtIn": "AWS::Region", "required": true},
  "Stage": {"type": "string"},
  "UseFIPS": {"type": "boolean", "builtIn": "AWS::UseFIPS", "required": true, "default": false},
  "UseV4a": {"type": "boolean"}
 },
 "rules": [
  {"conditions": [{"fn": "isSet", "argv": [{"ref": "Prefix"}]}, {"fn": "stringEquals", "argv": [{"ref": "Prefix"}, "forbidden"]}],
   "error": "Prefix forbidden is not allowed", "type": "error"},
  {"conditions": [{"fn": "isSet", "argv": [{"ref": "Endpoint"}]}], "type": "tree", "rules": [
   {"conditions": [{"fn": "booleanEquals", "argv": [{"ref": "UseV4a"}, true]}],
    "endpoint": {"url": {"ref": "Endpoint"}, "properties": {"authSchemes": [{"name": "sigv4a", "signingName": "widgets", "signingRegionSet": ["*"]}]}, "headers": {}},
    "type": "endpoint"},
   {"conditions": [{"fn": "isSet", "argv": [{"ref": "AuthMode"}]}, {"fn": "stringEquals", "argv": [{"ref": "AuthMode"}, "token"]}],
    "endpoint": {"url": {"ref": "Endpoint"}, "properties": {"authSchemes": [
      {"name": "widget-token", "signingName": "widgettoken", "signingRegion": "{Region}"},
      {"name": "sigv4", "signingName": "widgets", "signingRegion": "{Region}"}]}, "headers": {}},
    "type": "endpoint"},
   {"conditions": [{"fn": "isSet", "argv": [{"ref": "AuthMode"}]}, {"fn": "stringEquals", "argv": [{"ref": "AuthMode"}, "unsupported"]}],
    "endpoint": {"url": {"ref": "Endpoint"}, "properties": {"authSchemes": [{"name": "no-such-scheme", "signingName": "widgets"}]}, "headers": {}},
    "type": "endpoint"},
   {"conditions": [{"fn": "isSet", "argv": [{"ref": "Stage"}]}, {"fn": "isSet", "argv": [{"ref": "Prefix"}]},
     {"fn": "getAttr", "argv": [{"ref": "Names"}, "[0]"], "assign": "FirstName"}],
    "endpoint": {"url": {"ref": "Endpoint"}, "properties": {}, "headers": {
      "x-widget-stage": ["{Stage}"], "x-widget-prefix": ["{Prefix}"], "x-widget-first-name": ["{FirstName}"]}},
    "type": "endpoint"},
   {"conditions": [], "endpoint": {"url": {"ref": "Endpoint"}, "properties": {}, "headers": {}}, "type": "endpoint"}
  ]},
  {"conditions": [{"fn": "booleanEquals", "argv": [{"ref": "UseFIPS"}, true]}],
   "endpoint": {"url": "https://widgets-fips.{Region}.example.com", "properties": {}, "headers": {}}, "type": "endpoint"},
  {"conditions": [], "endpoint": {"url": "https://widgets.{Region}.example.com", "properties": {}, "headers": {}}, "type": "endpoint"}
 ]
}`

// widgetRules loads widgetRuleSet once and checks the parameter positions.
var widgetRules = sync.OnceValue(func() *endpoints.RuleSet {
	rs, err := endpoints.Load([]byte(widgetRuleSet))
	if err != nil {
		panic(err)
	}
	if err := rs.Bind(widgetParamNames); err != nil {
		panic(err)
	}
	return rs
})

// Widgets' schema.
var (
	shString = protocol.Shape{Name: "String", Type: protocol.TypeString}
	shLong   = protocol.Shape{Name: "Long", Type: protocol.TypeLong}
	shNames  = protocol.Shape{Name: "Names", Type: protocol.TypeList, Member: &protocol.Member{Field: -1, Shape: &shString}}
	shStream = protocol.Shape{Name: "Stream", Type: protocol.TypeBlob, Streaming: true}

	shGetWidgetInput = protocol.Shape{Name: "GetWidgetInput", Type: protocol.TypeStructure, Payload: -1, GoType: reflect.TypeFor[GetWidgetInput](), Members: []protocol.Member{
		{Name: "Name", Field: 0, Shape: &shString, Location: protocol.LocationURI, LocationName: "Name", Required: true},
		{Name: "Color", Field: 1, Shape: &shString, Location: protocol.LocationQuery, LocationName: "color"},
	}}
	shGetWidgetOutput = protocol.Shape{Name: "GetWidgetOutput", Type: protocol.TypeStructure, Payload: -1, GoType: reflect.TypeFor[GetWidgetOutput](), Members: []protocol.Member{
		{Name: "Name", Field: 0, Shape: &shString},
		{Name: "Size", Field: 1, Shape: &shLong},
	}}
	shWidgetConfig = protocol.Shape{Name: "WidgetConfig", Type: protocol.TypeStructure, Payload: -1, GoType: reflect.TypeFor[WidgetConfig](), Members: []protocol.Member{
		{Name: "Label", Field: 0, Shape: &shString, Required: true},
		{Name: "Size", Field: 1, Shape: &shLong},
	}}
	shPutWidgetInput = protocol.Shape{Name: "PutWidgetInput", Type: protocol.TypeStructure, Payload: 1, GoType: reflect.TypeFor[PutWidgetInput](), Members: []protocol.Member{
		{Name: "Name", Field: 0, Shape: &shString, Location: protocol.LocationURI, LocationName: "Name", Required: true},
		{Name: "Config", Field: 1, Shape: &shWidgetConfig, LocationName: "WidgetConfig", Required: true},
	}}
	shPutWidgetOutput = protocol.Shape{Name: "PutWidgetOutput", Type: protocol.TypeStructure, Payload: -1, GoType: reflect.TypeFor[PutWidgetOutput](), Members: []protocol.Member{
		{Name: "ETag", Field: 0, Shape: &shString, Location: protocol.LocationHeader, LocationName: "ETag"},
	}}
	shListWidgetsInput = protocol.Shape{Name: "ListWidgetsInput", Type: protocol.TypeStructure, Payload: -1, GoType: reflect.TypeFor[ListWidgetsInput](), Members: []protocol.Member{
		{Name: "Prefix", Field: 0, Shape: &shString, Location: protocol.LocationQuery, LocationName: "prefix", Required: true},
		{Name: "Names", Field: 1, Shape: &shNames, Location: protocol.LocationQuery, LocationName: "name"},
	}}
	shListWidgetsOutput = protocol.Shape{Name: "ListWidgetsOutput", Type: protocol.TypeStructure, Payload: -1, GoType: reflect.TypeFor[ListWidgetsOutput](), Members: []protocol.Member{
		{Name: "Count", Field: 0, Shape: &shLong},
	}}
	shGetWidgetDataInput = protocol.Shape{Name: "GetWidgetDataInput", Type: protocol.TypeStructure, Payload: -1, GoType: reflect.TypeFor[GetWidgetDataInput](), Members: []protocol.Member{
		{Name: "Name", Field: 0, Shape: &shString, Location: protocol.LocationURI, LocationName: "Name", Required: true},
	}}
	shGetWidgetDataOutput = protocol.Shape{Name: "GetWidgetDataOutput", Type: protocol.TypeStructure, Payload: 0, GoType: reflect.TypeFor[GetWidgetDataOutput](), Members: []protocol.Member{
		{Name: "Body", Field: 0, Shape: &shStream, Streaming: true},
	}}
	shPutWidgetDataInput = protocol.Shape{Name: "PutWidgetDataInput", Type: protocol.TypeStructure, Payload: 1, GoType: reflect.TypeFor[PutWidgetDataInput](), Members: []protocol.Member{
		{Name: "Name", Field: 0, Shape: &shString, Location: protocol.LocationURI, LocationName: "Name", Required: true},
		{Name: "Body", Field: 1, Shape: &shStream, Streaming: true},
		{Name: "ContentLength", Field: 2, Shape: &shLong, Location: protocol.LocationHeader, LocationName: "Content-Length"},
	}}
	shPutWidgetDataOutput = protocol.Shape{Name: "PutWidgetDataOutput", Type: protocol.TypeStructure, Payload: -1, GoType: reflect.TypeFor[PutWidgetDataOutput]()}
	shWidgetNotFound      = protocol.Shape{Name: "WidgetNotFound", Type: protocol.TypeStructure, Payload: -1, Exception: true, ErrorCode: "WidgetNotFound", HTTPStatus: 404,
		GoType: reflect.TypeFor[WidgetNotFound](), Members: []protocol.Member{
			{Name: "Message", Field: 0, Shape: &shString},
			{Name: "Widget", Field: 1, Shape: &shString},
		}}

	widgetsSchema = protocol.Service{ID: "Widgets", APIVersion: "2026-01-01", Protocol: "rest-xml", EndpointPrefix: "widgets", SigningName: "widgets",
		Errors: []*protocol.Shape{&shWidgetNotFound}}

	opGetWidget = protocol.Operation{Service: &widgetsSchema, Name: "GetWidget", Method: "GET", RequestURI: "/widgets/{Name}",
		Input: &shGetWidgetInput, Output: &shGetWidgetOutput}
	opPutWidget = protocol.Operation{Service: &widgetsSchema, Name: "PutWidget", Method: "PUT", RequestURI: "/widgets/{Name}",
		Input: &shPutWidgetInput, Output: &shPutWidgetOutput}
	opListWidgets = protocol.Operation{Service: &widgetsSchema, Name: "ListWidgets", Method: "GET", RequestURI: "/widgets",
		Input: &shListWidgetsInput, Output: &shListWidgetsOutput,
		ContextParams:          []protocol.ContextParam{{Name: "Prefix", Param: paramPrefix, Member: 0}},
		StaticContextParams:    []protocol.StaticContextParam{{Name: "Stage", Param: paramStage, Value: "beta"}},
		OperationContextParams: []protocol.OperationContextParam{{Name: "Names", Param: paramNames, Path: "Names[*]"}}}
	opGetWidgetData = protocol.Operation{Service: &widgetsSchema, Name: "GetWidgetData", Method: "GET", RequestURI: "/widgets/{Name}/data",
		Input: &shGetWidgetDataInput, Output: &shGetWidgetDataOutput}

	opPutWidgetData = protocol.Operation{Service: &widgetsSchema, Name: "PutWidgetData", Method: "PUT", RequestURI: "/widgets/{Name}/data",
		Input: &shPutWidgetDataInput, Output: &shPutWidgetDataOutput}

	widgetsService = pipeline.Service{Schema: &widgetsSchema, Rules: widgetRules}
)

// Gadgets' schema: a Query service.
var (
	shSendGadgetInput = protocol.Shape{Name: "SendGadgetInput", Type: protocol.TypeStructure, Payload: -1, GoType: reflect.TypeFor[SendGadgetInput](), Members: []protocol.Member{
		{Name: "Name", Field: 0, Shape: &shString, Required: true},
		{Name: "Note", Field: 1, Shape: &shString},
	}}
	shSendGadgetOutput = protocol.Shape{Name: "SendGadgetOutput", Type: protocol.TypeStructure, Payload: -1, GoType: reflect.TypeFor[SendGadgetOutput](), Members: []protocol.Member{
		{Name: "ID", Field: 0, Shape: &shString, LocationName: "Id"},
	}}

	gadgetsSchema = protocol.Service{ID: "Gadgets", APIVersion: "2026-02-02", Protocol: "query", EndpointPrefix: "gadgets", SigningName: "gadgets",
		XMLNamespace: "https://gadgets.example.com/doc/2026-02-02/"}
	opSendGadget = protocol.Operation{Service: &gadgetsSchema, Name: "SendGadget", Method: "POST", RequestURI: "/",
		Input: &shSendGadgetInput, Output: &shSendGadgetOutput, ResultWrapper: "SendGadgetResult"}

	gadgetsService = pipeline.Service{Schema: &gadgetsSchema, Rules: widgetRules}
)

// The base credentials the test server knows.
const (
	testAKID   = "AKIDWIDGET"
	testSecret = "widget-secret"
	otherAKID  = "AKIDOTHER"
	otherKey   = "other-secret"
	testRegion = "us-west-2"
)

var testSecrets = map[string]string{testAKID: testSecret, otherAKID: otherKey}

// fakeClock is a clock that only moves when a retry sleeps.
type fakeClock struct {
	mu     sync.Mutex
	t      time.Time
	sleeps []time.Duration
}

func newFakeClock() *fakeClock {
	return &fakeClock{t: time.Date(2026, 11, 24, 12, 0, 0, 0, time.UTC)}
}

func (c *fakeClock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.t
}

func (c *fakeClock) Sleep(ctx context.Context, d time.Duration) error {
	if err := ctx.Err(); err != nil {
		return err
	}
	c.mu.Lock()
	c.t = c.t.Add(d)
	c.sleeps = append(c.sleeps, d)
	c.mu.Unlock()
	return nil
}

func (c *fakeClock) Sleeps() []time.Duration {
	c.mu.Lock()
	defer c.mu.Unlock()
	return append([]time.Duration(nil), c.sleeps...)
}

// endpointParams returns the client's endpoint parameter values as a
// generated client fills them: Region, Endpoint (when url is set) and
// UseFIPS, by position.
func endpointParams(region, url string) []endpoints.Value {
	vals := make([]endpoints.Value, numParams)
	vals[paramRegion] = endpoints.String(region)
	if url != "" {
		vals[paramEndpoint] = endpoints.String(url)
	}
	vals[paramUseFIPS] = endpoints.Bool(false)
	return vals
}

// testOptions returns the options of a client on url ("": the rule set's
// hosts) with the base credentials and a retryer on clock (Rand 0.5: each
// backoff is half its cap).
func testOptions(t testing.TB, url string, clock *fakeClock) pipeline.Options {
	t.Helper()
	r, err := retry.New(retry.Options{Now: clock.Now, Sleep: clock.Sleep, Rand: func() float64 { return 0.5 }})
	if err != nil {
		t.Fatal(err)
	}
	return pipeline.Options{
		Region:         testRegion,
		Credentials:    credentials.NewStatic(testAKID, testSecret, ""),
		Retryer:        r,
		Now:            clock.Now,
		Rand:           rand.NewChaCha8([32]byte{7}),
		EndpointParams: endpointParams(testRegion, url),
	}
}

// newClient returns a client of svc (Widgets when nil) with testOptions
// and then optFns applied.
func newClient(t testing.TB, svc *pipeline.Service, url string, clock *fakeClock, optFns ...func(*pipeline.Options)) *pipeline.Client {
	t.Helper()
	if svc == nil {
		svc = &widgetsService
	}
	o := testOptions(t, url, clock)
	for _, f := range optFns {
		f(&o)
	}
	c, err := pipeline.New(svc, o)
	if err != nil {
		t.Fatal(err)
	}
	return c
}

// seen is one request the test server received.
type seen struct {
	Method   string
	URL      *url.URL
	Header   http.Header
	Body     []byte
	Verified *sigv4.Verified // nil when unsigned or rejected
	Err      error           // the verification error of a signed request
}

// widgetServer answers Widgets and Gadgets requests and verifies every
// signed one with sigv4.Verify (against verify's options, by default the
// base credentials, signing name widgets or gadgets and the test region).
type widgetServer struct {
	URL   string
	clock *fakeClock

	mu   sync.Mutex
	reqs []seen
	// verify gives the verification options of a request; nil: the
	// defaults.
	verify func(r *http.Request) sigv4.VerifyOptions
	// respond, when set, answers request n (from 1) instead of the
	// default answers; returning false falls back to them.
	respond func(n int, w http.ResponseWriter, r *http.Request) bool
}

func newWidgetServer(t testing.TB, clock *fakeClock) *widgetServer {
	ws := &widgetServer{clock: clock}
	srv := httptest.NewServer(ws)
	t.Cleanup(srv.Close)
	ws.URL = srv.URL
	return ws
}

// defaultVerify are the verification options of requests signed with the
// base credentials for the test region.
func (ws *widgetServer) defaultVerify(r *http.Request) sigv4.VerifyOptions {
	service := "widgets"
	if r.Method == http.MethodPost {
		service = "gadgets"
	}
	return sigv4.VerifyOptions{
		Lookup: func(id string) (sigv4.Credentials, bool) {
			s, ok := testSecrets[id]
			return sigv4.Credentials{AccessKeyID: id, SecretAccessKey: s}, ok
		},
		Now: ws.clock.Now(), Service: service, Region: testRegion, RequireSignedAmzHeaders: true,
	}
}

func (ws *widgetServer) setVerify(f func(r *http.Request) sigv4.VerifyOptions) {
	ws.mu.Lock()
	ws.verify = f
	ws.mu.Unlock()
}

func (ws *widgetServer) setRespond(f func(n int, w http.ResponseWriter, r *http.Request) bool) {
	ws.mu.Lock()
	ws.respond = f
	ws.mu.Unlock()
}

func (ws *widgetServer) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	s := seen{Method: r.Method, URL: r.URL, Header: r.Header.Clone()}
	ws.mu.Lock()
	verify, respond := ws.verify, ws.respond
	ws.mu.Unlock()
	if verify == nil {
		verify = ws.defaultVerify
	}
	if r.Header.Get("Authorization") != "" || r.URL.Query().Get("X-Amz-Signature") != "" {
		// Verify reads the body (when no X-Amz-Content-Sha256 names its
		// hash) and puts it back.
		v, err := sigv4.Verify(r, verify(r))
		s.Verified, s.Err = v, err
	}
	s.Body, _ = io.ReadAll(r.Body)
	ws.mu.Lock()
	ws.reqs = append(ws.reqs, s)
	n := len(ws.reqs)
	ws.mu.Unlock()
	w.Header().Set("X-Amz-Request-Id", fmt.Sprintf("REQ%d", n))
	if respond != nil && respond(n, w, r) {
		return
	}
	switch {
	case r.Method == http.MethodPost:
		fmt.Fprintf(w, `<SendGadgetResponse xmlns="%s"><SendGadgetResult><Id>gadget-%d</Id></SendGadgetResult><ResponseMetadata><RequestId>REQ%d</RequestId></ResponseMetadata></SendGadgetResponse>`, gadgetsSchema.XMLNamespace, n, n)
	case r.Method == http.MethodPut:
		w.Header().Set("ETag", `"etag"`)
	case r.URL.Path == "/widgets":
		io.WriteString(w, `<ListWidgetsOutput><Count>2</Count></ListWidgetsOutput>`)
	case strings.HasSuffix(r.URL.Path, "/data"):
		io.WriteString(w, "widget data")
	default:
		name := strings.TrimPrefix(r.URL.Path, "/widgets/")
		fmt.Fprintf(w, `<GetWidgetOutput><Name>%s</Name><Size>42</Size></GetWidgetOutput>`, name)
	}
}

// requests returns what the server received.
func (ws *widgetServer) requests() []seen {
	ws.mu.Lock()
	defer ws.mu.Unlock()
	return append([]seen(nil), ws.reqs...)
}

// checkSigned fails unless every request the server received was signed
// and verified.
func checkSigned(t *testing.T, ws *widgetServer) {
	t.Helper()
	for i, r := range ws.requests() {
		if r.Verified == nil {
			t.Errorf("request %d (%s %s): signature not verified: %v", i+1, r.Method, r.URL, r.Err)
		}
	}
}

// failWith answers with an XML error document.
func failWith(w http.ResponseWriter, status int, code, message string) {
	w.Header().Set("Content-Type", "application/xml")
	w.WriteHeader(status)
	fmt.Fprintf(w, `<Error><Code>%s</Code><Message>%s</Message></Error>`, code, message)
}

// memTransport answers every request in memory with a fixed response.
type memTransport struct {
	status int
	header http.Header
	body   []byte
}

func (m *memTransport) RoundTrip(req *http.Request) (*http.Response, error) {
	if req.Body != nil {
		io.Copy(io.Discard, req.Body)
		req.Body.Close()
	}
	var body io.ReadCloser = http.NoBody
	if len(m.body) > 0 {
		body = io.NopCloser(bytes.NewReader(m.body))
	}
	return &http.Response{StatusCode: m.status, Header: m.header, Body: body, ContentLength: int64(len(m.body)), Request: req}, nil
}

// captureTransport records the request and answers 200 with body.
type captureTransport struct {
	mu   sync.Mutex
	req  *http.Request
	body []byte
	resp string
}

func (c *captureTransport) RoundTrip(req *http.Request) (*http.Response, error) {
	var b []byte
	if req.Body != nil {
		b, _ = io.ReadAll(req.Body)
		req.Body.Close()
	}
	c.mu.Lock()
	c.req, c.body = req, b
	c.mu.Unlock()
	return (&memTransport{status: 200, header: http.Header{}, body: []byte(c.resp)}).RoundTrip(req)
}

type roundTripFunc func(*http.Request) (*http.Response, error)

func (f roundTripFunc) RoundTrip(r *http.Request) (*http.Response, error) { return f(r) }

func ptrTo[T any](v T) *T { return &v }

func sha256Hex(b []byte) string {
	s := sha256.Sum256(b)
	return hex.EncodeToString(s[:])
}

// countingProvider hands out fixed credentials and counts Retrieve calls.
type countingProvider struct {
	mu    sync.Mutex
	n     int
	creds credentials.Credentials
}

func (p *countingProvider) Retrieve(context.Context) (credentials.Credentials, error) {
	p.mu.Lock()
	p.n++
	p.mu.Unlock()
	return p.creds, nil
}

func (p *countingProvider) calls() int {
	p.mu.Lock()
	defer p.mu.Unlock()
	return p.n
}
