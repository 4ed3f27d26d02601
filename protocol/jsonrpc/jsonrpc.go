package jsonrpc

import (
	"errors"
	"fmt"
	"io"
	"net/http"
	"reflect"
	"strings"
	"sync"

	"github.com/goto3/goto3/protocol"
	"github.com/goto3/goto3/protocol/eventstream"
	"github.com/goto3/goto3/protocol/internal/awsjson"
	"github.com/goto3/goto3/protocol/internal/restbind"
	"github.com/goto3/goto3/protocol/jsonutil"
)

// MaxErrorBodySize caps how much of an error response body is read.
const MaxErrorBodySize = awsjson.MaxErrorBodySize

// bufPool holds the buffers request bodies are encoded into: a body is
// sent from its buffer, which comes back when the body is released
// (protocol.ReleasableBody).
var bufPool = sync.Pool{New: func() any { b := make([]byte, 0, 4096); return &b }}

const maxPooledBuf = 1 << 22

// MarshalRequest serializes input (a pointer to op's input struct, or nil)
// into req, whose URL holds the endpoint: method POST (or the model's),
// the request URI ("/") joined onto the endpoint's base path, the expanded
// host prefix, X-Amz-Target and Content-Type (and x-amzn-query-mode for an
// awsQueryCompatible service), and the JSON body ("{}" without input),
// rewindable through GetBody. The body is a protocol.ReleasableBody: it
// reads from a pooled buffer, which the caller hands back by calling
// Release on req.Body once the request and its retries are done (after
// which the body cannot be read); without Release the buffer is garbage
// collected. Idempotency-token members left unset are filled from opts.
// See the package documentation.
func MarshalRequest(req *http.Request, op *protocol.Operation, input any, opts protocol.MarshalOptions) error {
	if req == nil || req.URL == nil || op == nil {
		return errors.New("jsonrpc: MarshalRequest needs a request with a URL and an operation")
	}
	v, err := restbind.InputValue("jsonrpc", op, input)
	if err != nil {
		return err
	}
	prefix, err := restbind.HostPrefix("jsonrpc", op, v)
	if err != nil {
		return err
	}
	bp := bufPool.Get().(*[]byte)
	b := (*bp)[:0]
	if op.Input == nil {
		b = append(b, '{', '}')
	} else {
		var token string
		b, err = jsonutil.AppendStructure(b, op.Input, v, jsonutil.EncodeOptions{
			IdempotencyToken: func() string {
				if token == "" {
					token = restbind.NewToken(opts)
				}
				return token
			},
		})
		if err != nil {
			bufPool.Put(bp)
			return fmt.Errorf("jsonrpc: %s: %w", op.Name, err)
		}
	}
	*bp = b

	req.Method = op.Method
	if req.Method == "" {
		req.Method = http.MethodPost
	}
	uri := op.RequestURI
	if uri == "" {
		uri = "/"
	}
	joinPath(req, uri)
	if prefix != "" {
		req.URL.Host = prefix + req.URL.Host
		if req.Host != "" {
			req.Host = prefix + req.Host
		}
	}
	if req.Header == nil {
		req.Header = make(http.Header)
	}
	svc := op.Service
	if svc == nil {
		svc = &protocol.Service{}
	}
	version := svc.JSONVersion
	if version == "" {
		version = "1.0"
	}
	req.Header.Set("X-Amz-Target", svc.TargetPrefix+"."+op.Name)
	req.Header.Set("Content-Type", "application/x-amz-json-"+version)
	if svc.AWSQueryCompatible {
		req.Header.Set("X-Amzn-Query-Mode", "true")
	}
	// The body stays in the pooled buffer until the call is over
	// (protocol.ReleasableBody).
	awsjson.SetPooledBody(req, bp, putBuf)
	return nil
}

func putBuf(bp *[]byte) {
	if cap(*bp) <= maxPooledBuf {
		*bp = (*bp)[:0]
		bufPool.Put(bp)
	}
}

// joinPath appends uri to the endpoint's base path as botocore's
// _urljoin does for the RPC protocols: "https://host/custom" and "/" give
// "/custom/".
func joinPath(req *http.Request, uri string) {
	u := req.URL
	if !strings.HasPrefix(uri, "/") {
		uri = "/" + uri
	}
	rawBase := u.RawPath
	u.Path = strings.TrimSuffix(u.Path, "/") + uri
	if rawBase != "" {
		u.RawPath = strings.TrimSuffix(rawBase, "/") + uri
	}
}

// UnmarshalResponse decodes a successful response into output, a pointer
// to op's output struct: every member from the JSON body, by its JSON name
// (an empty body is an empty object). When the output has an event stream
// member, the body is an event stream instead: its first message, which
// must be an initial-response event, gives the other members, and the
// event stream member gets resp.Body, unread past that message and
// unclosed. Otherwise it reads the body, and the caller closes it.
func UnmarshalResponse(resp *http.Response, op *protocol.Operation, output any) error {
	if resp == nil || op == nil {
		return errors.New("jsonrpc: UnmarshalResponse needs a response and an operation")
	}
	sh := op.Output
	if sh == nil {
		return nil
	}
	v := reflect.ValueOf(output)
	if v.Kind() != reflect.Pointer || v.IsNil() || v.Elem().Kind() != reflect.Struct {
		return fmt.Errorf("jsonrpc: %s: output must be a non-nil pointer to a struct", op.Name)
	}
	v = v.Elem()
	for i := range sh.Members {
		if m := &sh.Members[i]; m.Shape.EventStream {
			return unmarshalEventStream(resp, op, m, v)
		}
	}
	body, release, err := awsjson.ReadBody(resp, 0)
	defer release()
	if err != nil {
		return fmt.Errorf("jsonrpc: %s: reading body: %w", op.Name, err)
	}
	if err := jsonutil.Decode(body, sh, v, jsonutil.DecodeOptions{}); err != nil {
		return fmt.Errorf("jsonrpc: %s: decoding response: %w", op.Name, err)
	}
	return nil
}

// unmarshalEventStream reads the initial-response event into v and hands
// the rest of the stream to the event stream member m.
func unmarshalEventStream(resp *http.Response, op *protocol.Operation, m *protocol.Member, v reflect.Value) error {
	f := v.Field(m.Field)
	body := resp.Body
	if body == nil {
		body = http.NoBody
	}
	if f.Kind() != reflect.Interface || !reflect.TypeOf(body).AssignableTo(f.Type()) {
		return fmt.Errorf("jsonrpc: %s: event stream member %s is not an io.ReadCloser field", op.Name, m.Name)
	}
	msg, err := eventstream.NewDecoder(body, eventstream.DecoderOptions{}).Decode()
	if err != nil {
		if err == io.EOF {
			err = io.ErrUnexpectedEOF
		}
		return fmt.Errorf("jsonrpc: %s: reading the initial-response event: %w", op.Name, err)
	}
	if t := msg.StringHeader(":event-type"); msg.StringHeader(":message-type") != "event" || t != "initial-response" {
		return fmt.Errorf("jsonrpc: %s: the first event is %q, want initial-response", op.Name, t)
	}
	if err := jsonutil.Decode(msg.Payload, op.Output, v, jsonutil.DecodeOptions{}); err != nil {
		return fmt.Errorf("jsonrpc: %s: decoding the initial-response event: %w", op.Name, err)
	}
	f.Set(reflect.ValueOf(body))
	return nil
}

// UnmarshalError decodes an error response: the code from the body's
// "__type", else the X-Amzn-Errortype header, else the body's "code",
// else the status code, without its namespace ("aws.dynamodb#") or URI
// suffix (":http://..."); for an x-amzn-query-error header the code and
// fault it gives. The message is the body's "message", "Message" or
// "errorMessage". When the code names one of op's modelled errors (by
// error code, else shape name), Modeled is a new value of its Go type
// decoded from the body. At most MaxErrorBodySize bytes are read; the
// caller closes the body.
func UnmarshalError(resp *http.Response, op *protocol.Operation) *protocol.ResponseError {
	return awsjson.UnmarshalError(resp, op, awsjson.RPC)
}
