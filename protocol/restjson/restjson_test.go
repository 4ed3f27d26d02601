package restjson_test

import (
	"io"
	"net/http"
	"net/url"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/goto3/goto3/protocol"
	"github.com/goto3/goto3/protocol/restjson"
)

// A small service as internal/codegen generates it: Lambda-like.
type invokeInput struct {
	FunctionName   string
	InvocationType *string
	Qualifier      *string
	Payload        []byte
}

type invokeOutput struct {
	StatusCode     *int32
	FunctionError  *string
	Payload        []byte
	ResultMetadata protocol.ResponseMetadata
}

type tagInput struct {
	Resource string
	Tags     map[string]string
	Since    *time.Time
	Labels   []string
	Config   *config
	Doc      any
}

type config struct {
	Memory *int32
	Role   *string
}

type configOutput struct {
	Config         *config
	RequestID      *string
	ResultMetadata protocol.ResponseMetadata
}

type tooMany struct {
	Message    *string
	RetryAfter *string
	Reason     *string
}

func (e *tooMany) Error() string     { return "TooManyRequestsException" }
func (e *tooMany) ErrorCode() string { return "TooManyRequestsException" }

var (
	svc      = protocol.Service{ID: "Demo", Protocol: "rest-json", EndpointPrefix: "demo"}
	shString = protocol.Shape{Name: "String", Type: protocol.TypeString}
	shInt    = protocol.Shape{Name: "Integer", Type: protocol.TypeInteger}
	shBlob   = protocol.Shape{Name: "Blob", Type: protocol.TypeBlob}
	shTime   = protocol.Shape{Name: "Timestamp", Type: protocol.TypeTimestamp}
	shDoc    = protocol.Shape{Name: "Document", Type: protocol.TypeDocument}
	shTags   = protocol.Shape{Name: "Tags", Type: protocol.TypeMap, Key: &protocol.Member{Field: -1, Shape: &shString}, Value: &protocol.Member{Field: -1, Shape: &shString}}
	shLabels = protocol.Shape{Name: "Labels", Type: protocol.TypeList, Member: &protocol.Member{Field: -1, Shape: &shString}}
	shConfig = protocol.Shape{Name: "Config", Type: protocol.TypeStructure, Payload: -1, GoType: reflect.TypeFor[config](),
		Members: []protocol.Member{{Name: "Memory", Field: 0, Shape: &shInt, LocationName: "memory_size"}, {Name: "Role", Field: 1, Shape: &shString}}}
	shInvokeIn = protocol.Shape{Name: "InvokeRequest", Type: protocol.TypeStructure, Payload: 3, GoType: reflect.TypeFor[invokeInput](), Members: []protocol.Member{
		{Name: "FunctionName", Field: 0, Shape: &shString, Location: protocol.LocationURI, LocationName: "FunctionName", Required: true},
		{Name: "InvocationType", Field: 1, Shape: &shString, Location: protocol.LocationHeader, LocationName: "X-Amz-Invocation-Type"},
		{Name: "Qualifier", Field: 2, Shape: &shString, Location: protocol.LocationQuery, LocationName: "Qualifier"},
		{Name: "Payload", Field: 3, Shape: &shBlob},
	}}
	shInvokeOut = protocol.Shape{Name: "InvokeResponse", Type: protocol.TypeStructure, Payload: 2, GoType: reflect.TypeFor[invokeOutput](), Members: []protocol.Member{
		{Name: "StatusCode", Field: 0, Shape: &shInt, Location: protocol.LocationStatusCode},
		{Name: "FunctionError", Field: 1, Shape: &shString, Location: protocol.LocationHeader, LocationName: "X-Amz-Function-Error"},
		{Name: "Payload", Field: 2, Shape: &shBlob},
	}}
	shTagIn = protocol.Shape{Name: "TagRequest", Type: protocol.TypeStructure, Payload: -1, GoType: reflect.TypeFor[tagInput](), Members: []protocol.Member{
		{Name: "Resource", Field: 0, Shape: &shString, Location: protocol.LocationURI, LocationName: "ARN", Required: true},
		{Name: "Tags", Field: 1, Shape: &shTags},
		{Name: "Since", Field: 2, Shape: &shTime, Location: protocol.LocationQuery, LocationName: "since"},
		{Name: "Labels", Field: 3, Shape: &shLabels, Location: protocol.LocationHeader, LocationName: "X-Labels"},
		{Name: "Config", Field: 4, Shape: &shConfig},
		{Name: "Doc", Field: 5, Shape: &shDoc},
	}}
	shConfigOut = protocol.Shape{Name: "ConfigOutput", Type: protocol.TypeStructure, Payload: 0, GoType: reflect.TypeFor[configOutput](), Members: []protocol.Member{
		{Name: "Config", Field: 0, Shape: &shConfig},
		{Name: "RequestID", Field: 1, Shape: &shString, Location: protocol.LocationHeader, LocationName: "X-Request"},
	}}
	shTooMany = protocol.Shape{Name: "TooManyRequestsException", Type: protocol.TypeStructure, Exception: true, ErrorCode: "TooManyRequestsException", Payload: -1, GoType: reflect.TypeFor[tooMany](), Members: []protocol.Member{
		{Name: "message", Field: 0, Shape: &shString},
		{Name: "RetryAfter", Field: 1, Shape: &shString, Location: protocol.LocationHeader, LocationName: "Retry-After"},
		{Name: "Reason", Field: 2, Shape: &shString},
	}}
	opInvoke    = protocol.Operation{Service: &svc, Name: "Invoke", Method: "POST", RequestURI: "/2015-03-31/functions/{FunctionName}/invocations", Input: &shInvokeIn, Output: &shInvokeOut, Errors: []*protocol.Shape{&shTooMany}}
	opTag       = protocol.Operation{Service: &svc, Name: "Tag", Method: "POST", RequestURI: "/tags/{ARN}", Input: &shTagIn}
	opGetConfig = protocol.Operation{Service: &svc, Name: "GetConfig", Method: "GET", RequestURI: "/config", Output: &shConfigOut}
)

func ptr[T any](v T) *T { return &v }

func newRequest(t *testing.T, endpoint string) *http.Request {
	t.Helper()
	u, err := url.Parse(endpoint)
	if err != nil {
		t.Fatal(err)
	}
	return &http.Request{URL: u, Header: http.Header{}}
}

func TestMarshalRequest(t *testing.T) {
	since := time.Date(2024, 1, 2, 3, 4, 5, 0, time.UTC)
	tests := []struct {
		name     string
		op       *protocol.Operation
		in       any
		wantURL  string
		wantBody string
		headers  map[string]string
	}{
		{"blob payload", &opInvoke, &invokeInput{FunctionName: "my fn", InvocationType: ptr("Event"), Qualifier: ptr("$LATEST"), Payload: []byte(`{"k":1}`)},
			"https://h/2015-03-31/functions/my%20fn/invocations?Qualifier=%24LATEST", `{"k":1}`,
			map[string]string{"X-Amz-Invocation-Type": "Event", "Content-Type": "application/octet-stream"}},
		{"unset blob payload", &opInvoke, &invokeInput{FunctionName: "f"}, "https://h/2015-03-31/functions/f/invocations", ``,
			map[string]string{"Content-Type": "application/octet-stream"}},
		{"body members", &opTag, &tagInput{Resource: "arn:aws:x", Tags: map[string]string{"b": "2", "a": "1"}, Since: &since, Labels: []string{"x", "y,z"},
			Config: &config{Memory: ptr[int32](128)}, Doc: map[string]any{"any": []any{1, "two"}}},
			"https://h/tags/arn%3Aaws%3Ax?since=2024-01-02T03%3A04%3A05Z", `{"Tags":{"a":"1","b":"2"},"Config":{"memory_size":128},"Doc":{"any":[1,"two"]}}`,
			map[string]string{"Content-Type": "application/json", "X-Labels": `x, "y,z"`}},
		{"no body member set", &opTag, &tagInput{Resource: "r", Labels: []string{}}, "https://h/tags/r", `{}`,
			map[string]string{"Content-Type": "application/json", "X-Labels": ""}},
		{"no input shape", &opGetConfig, nil, "https://h/config", ``, map[string]string{"Content-Type": ""}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			req := newRequest(t, "https://h")
			if err := restjson.MarshalRequest(req, tt.op, tt.in, protocol.MarshalOptions{}); err != nil {
				t.Fatal(err)
			}
			if req.URL.String() != tt.wantURL {
				t.Errorf("URL: got %s, want %s", req.URL, tt.wantURL)
			}
			b, _ := io.ReadAll(req.Body)
			if string(b) != tt.wantBody {
				t.Errorf("body: got %s, want %s", b, tt.wantBody)
			}
			for k, v := range tt.headers {
				if got := req.Header.Get(k); got != v {
					t.Errorf("header %s: got %q, want %q", k, got, v)
				}
			}
		})
	}
}

func TestMarshalRequestErrors(t *testing.T) {
	tests := []struct {
		name string
		op   *protocol.Operation
		in   any
		want string
	}{
		{"unset label", &opInvoke, &invokeInput{}, "URI label FunctionName (FunctionName) is not set"},
		{"bad document", &opTag, &tagInput{Resource: "r", Doc: make(chan int)}, "cannot hold a chan int"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := restjson.MarshalRequest(newRequest(t, "https://h"), tt.op, tt.in, protocol.MarshalOptions{})
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Errorf("got error %v, want one containing %q", err, tt.want)
			}
		})
	}
}

func response(status int, header http.Header, b string) *http.Response {
	if header == nil {
		header = http.Header{}
	}
	return &http.Response{StatusCode: status, Header: header, Body: io.NopCloser(strings.NewReader(b)), ContentLength: -1}
}

func TestUnmarshalResponse(t *testing.T) {
	out := &invokeOutput{}
	if err := restjson.UnmarshalResponse(response(202, http.Header{"X-Amz-Function-Error": {"Unhandled"}}, `{"errorMessage":"boom"}`), &opInvoke, out); err != nil {
		t.Fatal(err)
	}
	want := &invokeOutput{StatusCode: ptr[int32](202), FunctionError: ptr("Unhandled"), Payload: []byte(`{"errorMessage":"boom"}`)}
	if diff := cmp.Diff(want, out); diff != "" {
		t.Errorf("(-want +got):\n%s", diff)
	}

	tests := []struct {
		name   string
		header http.Header
		body   string
		want   *configOutput
	}{
		{"structure payload", http.Header{"X-Request": {"r1"}}, `{"memory_size":256,"Role":"admin","Other":1}`,
			&configOutput{Config: &config{Memory: ptr[int32](256), Role: ptr("admin")}, RequestID: ptr("r1")}},
		{"empty body is an empty structure", nil, ``, &configOutput{Config: &config{}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := &configOutput{}
			if err := restjson.UnmarshalResponse(response(200, tt.header, tt.body), &opGetConfig, got); err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(tt.want, got, cmp.FilterPath(func(p cmp.Path) bool { return p.Last().String() == ".ResultMetadata" }, cmp.Ignore())); diff != "" {
				t.Errorf("(-want +got):\n%s", diff)
			}
		})
	}
	if err := restjson.UnmarshalResponse(response(200, nil, `{"memory_size":"x"}`), &opGetConfig, &configOutput{}); err == nil || !strings.Contains(err.Error(), "GetConfig: decoding response") {
		t.Errorf("mistyped body: got %v, want a decoding error naming the operation", err)
	}
}

func TestUnmarshalError(t *testing.T) {
	tests := []struct {
		name      string
		header    http.Header
		body      string
		code, msg string
		modeled   any
	}{
		{"header wins", http.Header{"X-Amzn-Errortype": {"TooManyRequestsException:http://internal.amazon.com/"}, "Retry-After": {"3"}},
			`{"code":"Other","message":"slow down","Reason":"ConcurrentInvocationLimitExceeded"}`,
			"TooManyRequestsException", "slow down", &tooMany{Message: ptr("slow down"), RetryAfter: ptr("3"), Reason: ptr("ConcurrentInvocationLimitExceeded")}},
		{"code before __type", nil, `{"__type":"A","code":"ns#B","Message":"m"}`, "B", "m", nil},
		{"Code", nil, `{"Code":"C"}`, "C", "", nil},
		{"__type", nil, `{"__type":"ns#TooManyRequestsException"}`, "TooManyRequestsException", "", &tooMany{}},
		{"nothing", nil, `{}`, "429", "Too Many Requests", nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			re := restjson.UnmarshalError(response(429, tt.header, tt.body), &opInvoke)
			if re.Code != tt.code || re.Message != tt.msg || re.StatusCode != 429 {
				t.Errorf("got %q %q %d, want %q %q 429", re.Code, re.Message, re.StatusCode, tt.code, tt.msg)
			}
			if diff := cmp.Diff(tt.modeled, re.Modeled); diff != "" {
				t.Errorf("Modeled (-want +got):\n%s", diff)
			}
		})
	}
}
