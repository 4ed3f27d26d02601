package jsonrpc_test

import (
	"bytes"
	"io"
	"net/http"
	"net/url"
	"reflect"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/goto3/goto3/protocol"
	"github.com/goto3/goto3/protocol/eventstream"
	"github.com/goto3/goto3/protocol/jsonrpc"
)

// A small service as internal/codegen generates it.
type getItemInput struct {
	TableName *string
	Account   *string
	Token     *string
}

type getItemOutput struct {
	Item           map[string]string
	ResultMetadata protocol.ResponseMetadata
}

type streamOutput struct {
	Events         io.ReadCloser
	Initial        *string
	ResultMetadata protocol.ResponseMetadata
}

type notFound struct{ Message *string }

func (e *notFound) Error() string     { return "ResourceNotFoundException" }
func (e *notFound) ErrorCode() string { return "ResourceNotFoundException" }

type queueMissing struct{ Message *string }

func (e *queueMissing) Error() string     { return "AWS.SimpleQueueService.NonExistentQueue" }
func (e *queueMissing) ErrorCode() string { return "AWS.SimpleQueueService.NonExistentQueue" }

var (
	svc          = protocol.Service{ID: "DemoDB", Protocol: "json", JSONVersion: "1.0", TargetPrefix: "DemoDB_20120810", EndpointPrefix: "demodb"}
	querySvc     = protocol.Service{ID: "DemoQueue", Protocol: "json", JSONVersion: "1.0", TargetPrefix: "AmazonSQS", AWSQueryCompatible: true}
	shString     = protocol.Shape{Name: "String", Type: protocol.TypeString}
	shItem       = protocol.Shape{Name: "Item", Type: protocol.TypeMap, Key: &protocol.Member{Field: -1, Shape: &shString}, Value: &protocol.Member{Field: -1, Shape: &shString}}
	shStream     = protocol.Shape{Name: "Stream", Type: protocol.TypeStructure, EventStream: true, Payload: -1}
	shGetItemIn  = protocol.Shape{Name: "GetItemInput", Type: protocol.TypeStructure, Payload: -1, GoType: reflect.TypeFor[getItemInput](), Members: []protocol.Member{{Name: "TableName", Field: 0, Shape: &shString}, {Name: "Account", Field: 1, Shape: &shString, HostLabel: true}, {Name: "Token", Field: 2, Shape: &shString, IdempotencyToken: true}}}
	shGetItemOut = protocol.Shape{Name: "GetItemOutput", Type: protocol.TypeStructure, Payload: -1, GoType: reflect.TypeFor[getItemOutput](), Members: []protocol.Member{{Name: "Item", Field: 0, Shape: &shItem}}}
	shStreamOut  = protocol.Shape{Name: "StreamOutput", Type: protocol.TypeStructure, Payload: -1, GoType: reflect.TypeFor[streamOutput](), Members: []protocol.Member{{Name: "Events", Field: 0, Shape: &shStream}, {Name: "Initial", Field: 1, Shape: &shString}}}
	shNotFound   = protocol.Shape{Name: "ResourceNotFoundException", Type: protocol.TypeStructure, Exception: true, ErrorCode: "ResourceNotFoundException", Payload: -1, GoType: reflect.TypeFor[notFound](), Members: []protocol.Member{{Name: "message", Field: 0, Shape: &shString}}}
	shQueue      = protocol.Shape{Name: "QueueDoesNotExist", Type: protocol.TypeStructure, Exception: true, ErrorCode: "AWS.SimpleQueueService.NonExistentQueue", Payload: -1, GoType: reflect.TypeFor[queueMissing](), Members: []protocol.Member{{Name: "message", Field: 0, Shape: &shString}}}
	opGetItem    = protocol.Operation{Service: &svc, Name: "GetItem", Method: "POST", RequestURI: "/", Input: &shGetItemIn, Output: &shGetItemOut, Errors: []*protocol.Shape{&shNotFound}}
	opHosted     = protocol.Operation{Service: &svc, Name: "GetItem", Method: "POST", RequestURI: "/", Input: &shGetItemIn, HostPrefix: "{Account}."}
	opNoInput    = protocol.Operation{Service: &svc, Name: "ListTables", Method: "POST", RequestURI: "/"}
	opQueue      = protocol.Operation{Service: &querySvc, Name: "GetQueueUrl", Method: "POST", RequestURI: "/", Errors: []*protocol.Shape{&shQueue}}
	opStream     = protocol.Operation{Service: &svc, Name: "Subscribe", Method: "POST", RequestURI: "/", Output: &shStreamOut}
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

func body(t *testing.T, req *http.Request) string {
	t.Helper()
	b, err := io.ReadAll(req.Body)
	if err != nil {
		t.Fatal(err)
	}
	rc, err := req.GetBody()
	if err != nil {
		t.Fatal(err)
	}
	again, _ := io.ReadAll(rc)
	if !bytes.Equal(b, again) {
		t.Errorf("GetBody: got %q, want %q", again, b)
	}
	if req.ContentLength != int64(len(b)) {
		t.Errorf("ContentLength: got %d, want %d", req.ContentLength, len(b))
	}
	return string(b)
}

func TestMarshalRequest(t *testing.T) {
	tok := protocol.MarshalOptions{NewIdempotencyToken: func() string { return "tok" }}
	tests := []struct {
		name     string
		endpoint string
		op       *protocol.Operation
		in       any
		wantURL  string
		wantBody string
		headers  map[string]string
	}{
		{"input", "https://demodb.us-east-1.amazonaws.com", &opGetItem, &getItemInput{TableName: ptr("T")},
			"https://demodb.us-east-1.amazonaws.com/", `{"TableName":"T","Token":"tok"}`,
			map[string]string{"X-Amz-Target": "DemoDB_20120810.GetItem", "Content-Type": "application/x-amz-json-1.0", "X-Amzn-Query-Mode": ""}},
		{"nil input", "https://h", &opGetItem, nil, "https://h/", `{"Token":"tok"}`, nil},
		{"no input shape", "https://h", &opNoInput, nil, "https://h/", `{}`, map[string]string{"X-Amz-Target": "DemoDB_20120810.ListTables"}},
		{"endpoint with a path", "https://h/custom", &opNoInput, nil, "https://h/custom/", `{}`, nil},
		{"host prefix", "https://h", &opHosted, &getItemInput{Account: ptr("123")}, "https://123.h/", `{"Account":"123","Token":"tok"}`, nil},
		{"query compatible", "https://h", &opQueue, nil, "https://h/", `{}`,
			map[string]string{"X-Amzn-Query-Mode": "true", "X-Amz-Target": "AmazonSQS.GetQueueUrl"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			req := newRequest(t, tt.endpoint)
			if err := jsonrpc.MarshalRequest(req, tt.op, tt.in, tok); err != nil {
				t.Fatal(err)
			}
			if req.Method != "POST" || req.URL.String() != tt.wantURL {
				t.Errorf("got %s %s, want POST %s", req.Method, req.URL, tt.wantURL)
			}
			if got := body(t, req); got != tt.wantBody {
				t.Errorf("body: got %s, want %s", got, tt.wantBody)
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
		{"bad host label", &opHosted, &getItemInput{Account: ptr("a/b")}, "not a valid host name part"},
		{"unset host label", &opHosted, &getItemInput{}, "not a valid host name part"},
		{"wrong input type", &opGetItem, ptr(3), "want a struct"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := jsonrpc.MarshalRequest(newRequest(t, "https://h"), tt.op, tt.in, protocol.MarshalOptions{})
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Errorf("got error %v, want one containing %q", err, tt.want)
			}
		})
	}
	if err := jsonrpc.MarshalRequest(&http.Request{}, &opGetItem, nil, protocol.MarshalOptions{}); err == nil {
		t.Errorf("a request without a URL: got no error")
	}
}

func response(status int, header http.Header, b string) *http.Response {
	if header == nil {
		header = http.Header{}
	}
	return &http.Response{StatusCode: status, Header: header, Body: io.NopCloser(strings.NewReader(b)), ContentLength: int64(len(b))}
}

func TestUnmarshalResponse(t *testing.T) {
	out := &getItemOutput{}
	err := jsonrpc.UnmarshalResponse(response(200, nil, `{"Item":{"a":"1","b":null},"ConsumedCapacity":{"x":1}}`), &opGetItem, out)
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(map[string]string{"a": "1"}, out.Item); diff != "" {
		t.Errorf("Item (-want +got):\n%s", diff)
	}
	if err := jsonrpc.UnmarshalResponse(response(200, nil, `{"Item":[]}`), &opGetItem, &getItemOutput{}); err == nil || !strings.Contains(err.Error(), "GetItem: decoding response") {
		t.Errorf("mistyped body: got %v, want a decoding error naming the operation", err)
	}
	if err := jsonrpc.UnmarshalResponse(response(200, nil, `{}`), &opGetItem, getItemOutput{}); err == nil {
		t.Errorf("output not a pointer: got no error")
	}
	// No output shape: nothing is read.
	if err := jsonrpc.UnmarshalResponse(response(200, nil, `not json`), &opNoInput, nil); err != nil {
		t.Errorf("no output shape: got %v", err)
	}
}

func eventMessage(t *testing.T, eventType, payload string) []byte {
	t.Helper()
	b, err := eventstream.AppendMessage(nil, &eventstream.Message{
		Headers: []eventstream.Header{
			{Name: ":message-type", Value: eventstream.String("event")},
			{Name: ":event-type", Value: eventstream.String(eventType)},
		},
		Payload: []byte(payload),
	})
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func TestUnmarshalEventStream(t *testing.T) {
	stream := append(eventMessage(t, "initial-response", `{"Initial":"hi"}`), eventMessage(t, "Record", `{"n":1}`)...)
	out := &streamOutput{}
	if err := jsonrpc.UnmarshalResponse(response(200, nil, string(stream)), &opStream, out); err != nil {
		t.Fatal(err)
	}
	if out.Initial == nil || *out.Initial != "hi" {
		t.Errorf("Initial: got %v, want hi", out.Initial)
	}
	m, err := eventstream.NewDecoder(out.Events, eventstream.DecoderOptions{}).Decode()
	if err != nil {
		t.Fatal(err)
	}
	if got := m.StringHeader(":event-type"); got != "Record" || string(m.Payload) != `{"n":1}` {
		t.Errorf("next event: got %s %s, want Record {\"n\":1}", got, m.Payload)
	}
	for _, tt := range []struct{ name, body, want string }{
		{"empty", "", "initial-response"},
		{"other first event", string(eventMessage(t, "Record", `{}`)), `the first event is "Record"`},
	} {
		err := jsonrpc.UnmarshalResponse(response(200, nil, tt.body), &opStream, &streamOutput{})
		if err == nil || !strings.Contains(err.Error(), tt.want) {
			t.Errorf("%s: got %v, want an error containing %q", tt.name, err, tt.want)
		}
	}
}

func TestUnmarshalError(t *testing.T) {
	tests := []struct {
		name      string
		op        *protocol.Operation
		status    int
		header    http.Header
		body      string
		code, msg string
		fault     string
		requestID string
		modeled   any
	}{
		{"__type with namespace", &opGetItem, 400, nil, `{"__type":"com.amazonaws.dynamodb.v20120810#ResourceNotFoundException","message":"gone"}`,
			"ResourceNotFoundException", "gone", "", "", &notFound{Message: ptr("gone")}},
		{"__type with URI", &opGetItem, 400, nil, `{"__type":"Throttling:http://internal.amazon.com/coral/"}`, "Throttling", "", "", "", nil},
		{"header", &opGetItem, 400, http.Header{"X-Amzn-Errortype": {"ns#ResourceNotFoundException:http://x/"}}, ``, "ResourceNotFoundException", "", "", "", &notFound{}},
		{"__type wins over the header", &opGetItem, 400, http.Header{"X-Amzn-Errortype": {"Other"}}, `{"__type":"Mine"}`, "Mine", "", "", "", nil},
		{"code member", &opGetItem, 500, nil, `{"code":"ns#Busy","Message":"later"}`, "Busy", "later", "", "", nil},
		{"message before Message", &opGetItem, 400, nil, `{"__type":"X","Message":"B","message":"a"}`, "X", "a", "", "", nil},
		{"errorMessage", &opGetItem, 400, nil, `{"__type":"X","errorMessage":"c"}`, "X", "c", "", "", nil},
		{"request id", &opGetItem, 400, http.Header{"X-Amzn-Requestid": {"rid"}}, `{"__type":"X"}`, "X", "", "", "rid", nil},
		{"empty body", &opGetItem, 503, nil, ``, "503", "Service Unavailable", "", "", nil},
		{"not JSON", &opGetItem, 500, nil, `not json`, "500", "not json", "", "", nil},
		// A proxy's HTML page for a server error is no error document
		// (botocore's _is_generic_error_response; services-diff
		// dynamodb DescribeBackup/html500).
		{"HTML server error", &opGetItem, 502, http.Header{"X-Amzn-Requestid": {"rid"}}, " <html>bad gateway</html>", "502", "Bad Gateway", "", "rid", nil},
		{"HTML client error", &opGetItem, 400, nil, `<html>bad</html>`, "400", "<html>bad</html>", "", "", nil},
		{"uppercase HTML server error", &opGetItem, 500, nil, `<HTML>x</HTML>`, "500", "<HTML>x</HTML>", "", "", nil},
		{"query compatible", &opQueue, 400, http.Header{"X-Amzn-Query-Error": {"AWS.SimpleQueueService.NonExistentQueue;Sender"}},
			`{"__type":"com.amazonaws.sqs#QueueDoesNotExist","message":"no queue"}`, "AWS.SimpleQueueService.NonExistentQueue", "no queue", "Sender", "", &queueMissing{Message: ptr("no queue")}},
		{"query compatible, found by __type", &opQueue, 400, http.Header{"X-Amzn-Query-Error": {"Other.Code;Receiver"}},
			`{"__type":"QueueDoesNotExist"}`, "Other.Code", "", "Receiver", "", &queueMissing{}},
		{"malformed query error header", &opQueue, 400, http.Header{"X-Amzn-Query-Error": {"NoSemicolon"}}, `{"__type":"X"}`, "X", "", "", "", nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			re := jsonrpc.UnmarshalError(response(tt.status, tt.header, tt.body), tt.op)
			got := [5]any{re.Code, re.Message, re.Fault, re.RequestID, re.StatusCode}
			want := [5]any{tt.code, tt.msg, tt.fault, tt.requestID, tt.status}
			if got != want {
				t.Errorf("got code, message, fault, request id, status %q, want %q", got, want)
			}
			if diff := cmp.Diff(tt.modeled, re.Modeled); diff != "" {
				t.Errorf("Modeled (-want +got):\n%s", diff)
			}
		})
	}
}
