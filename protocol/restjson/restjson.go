package restjson

import (
	"errors"
	"fmt"
	"io"
	"net/http"
	"reflect"
	"sync"

	"github.com/goto3/goto3/protocol"
	"github.com/goto3/goto3/protocol/internal/awsjson"
	"github.com/goto3/goto3/protocol/internal/restbind"
	"github.com/goto3/goto3/protocol/jsonutil"
)

// MaxErrorBodySize caps how much of an error response body is read.
const MaxErrorBodySize = awsjson.MaxErrorBodySize

// bufPool holds the buffers JSON bodies are encoded into and sent from.
var bufPool = sync.Pool{New: func() any { b := make([]byte, 0, 4096); return &b }}

const maxPooledBuf = 1 << 22

// MarshalRequest serializes input (a pointer to op's input struct, or nil)
// into req following op's HTTP bindings. req arrives with req.URL set to
// the endpoint (possibly with a base path) and gets its method, path,
// query, headers, host prefix and body. A JSON body (the input's body
// members, or a structure, union or document payload) is a
// protocol.ReleasableBody read from a pooled buffer, which the caller
// hands back by calling Release on req.Body once the request and its
// retries are done (without Release it is garbage collected). See the
// package documentation for the rules.
func MarshalRequest(req *http.Request, op *protocol.Operation, input any, opts protocol.MarshalOptions) error {
	if req == nil || req.URL == nil || op == nil {
		return errors.New("restjson: MarshalRequest needs a request with a URL and an operation")
	}
	m := restbind.Request{Codec: "restjson", Req: req, Op: op, Opts: opts, ContentLength: -1}
	v, err := restbind.InputValue("restjson", op, input)
	if err != nil {
		return err
	}
	if err := m.Bind(v); err != nil {
		return err
	}
	sh := op.Input
	if sh == nil {
		awsjson.SetBody(req, nil)
		return nil
	}
	if sh.Payload >= 0 && sh.Payload < len(sh.Members) {
		return payloadBody(&m, &sh.Members[sh.Payload], v.Field(sh.Members[sh.Payload].Field))
	}
	// The body members, when any is set; "{}" when the input has body
	// members but none is set (botocore's _requires_empty_body); nothing
	// when every member is bound elsewhere.
	hasBody, anySet := false, false
	for i := range sh.Members {
		mem := &sh.Members[i]
		if mem.Location != protocol.LocationBody {
			continue
		}
		hasBody = true
		if _, set := restbind.DerefUnset(v.Field(mem.Field)); set || mem.IdempotencyToken {
			anySet = true
			break
		}
	}
	if !hasBody {
		awsjson.SetBody(req, nil)
		return nil
	}
	if !anySet {
		setJSONBody(req, []byte("{}"))
		return nil
	}
	if err := encodeBody(req, func(dst []byte) ([]byte, error) {
		return jsonutil.AppendStructure(dst, sh, v, jsonutil.EncodeOptions{BodyOnly: true, IdempotencyToken: m.IdempotencyToken})
	}); err != nil {
		return fmt.Errorf("restjson: %s: %w", op.Name, err)
	}
	return nil
}

// encodeBody runs fn on a pooled buffer and sends what it wrote as the
// JSON body, from that buffer, until the body is released
// (protocol.ReleasableBody).
func encodeBody(req *http.Request, fn func([]byte) ([]byte, error)) error {
	bp := bufPool.Get().(*[]byte)
	b, err := fn((*bp)[:0])
	if err != nil {
		putBuf(bp)
		return err
	}
	*bp = b
	awsjson.SetPooledBody(req, bp, putBuf)
	if len(b) > 0 && req.Header.Get("Content-Type") == "" {
		req.Header.Set("Content-Type", "application/json")
	}
	return nil
}

func putBuf(bp *[]byte) {
	if cap(*bp) <= maxPooledBuf {
		*bp = (*bp)[:0]
		bufPool.Put(bp)
	}
}

func setJSONBody(req *http.Request, b []byte) {
	awsjson.SetBody(req, b)
	if len(b) > 0 && req.Header.Get("Content-Type") == "" {
		req.Header.Set("Content-Type", "application/json")
	}
}

// payloadBody sends the payload member mem (field f) as the body.
func payloadBody(m *restbind.Request, mem *protocol.Member, f reflect.Value) error {
	req := m.Req
	switch mem.Shape.Type {
	case protocol.TypeBlob, protocol.TypeString:
		if f.Kind() == reflect.Interface {
			// A streaming payload: the caller's reader, unread.
			if f.IsNil() {
				awsjson.SetBody(req, nil)
				return nil
			}
			r, ok := f.Interface().(io.Reader)
			if !ok {
				return fmt.Errorf("restjson: %s: payload %s is not an io.Reader", m.Op.Name, mem.Name)
			}
			req.ContentLength = m.ContentLength
			if rc, ok := r.(io.ReadCloser); ok {
				req.Body = rc
			} else {
				req.Body = io.NopCloser(r)
			}
			req.GetBody = nil
			if req.Header.Get("Content-Type") == "" {
				req.Header.Set("Content-Type", "application/octet-stream")
			}
			return nil
		}
		// A blob payload is application/octet-stream, even when empty
		// (as botocore's legacy suite expects); a string one text/plain.
		if mem.Shape.Type == protocol.TypeBlob && req.Header.Get("Content-Type") == "" {
			req.Header.Set("Content-Type", "application/octet-stream")
		}
		fv, set := restbind.DerefUnset(f)
		if !set {
			awsjson.SetBody(req, nil)
			return nil
		}
		var b []byte
		switch {
		case fv.Kind() == reflect.String:
			b = []byte(fv.String())
			if len(b) > 0 && req.Header.Get("Content-Type") == "" {
				req.Header.Set("Content-Type", "text/plain")
			}
		case fv.Kind() == reflect.Slice && fv.Type().Elem().Kind() == reflect.Uint8:
			b = fv.Bytes()
		default:
			return fmt.Errorf("restjson: %s: payload %s has Go type %s", m.Op.Name, mem.Name, f.Type())
		}
		awsjson.SetBody(req, b)
		return nil
	}
	// A structure, union or document payload is the body's JSON value;
	// unset, botocore sends "{}" (_serialize_empty_body).
	if _, set := restbind.DerefUnset(f); !set {
		setJSONBody(req, []byte("{}"))
		return nil
	}
	if err := encodeBody(req, func(dst []byte) ([]byte, error) {
		return jsonutil.AppendValue(dst, mem.Shape, f)
	}); err != nil {
		return fmt.Errorf("restjson: %s: %w", m.Op.Name, err)
	}
	return nil
}

// UnmarshalResponse binds a successful response into output, a pointer to
// op's output struct: the status code, headers and header maps, and the
// payload or the JSON body. A streaming payload (a streaming blob or an
// event stream) is set to resp.Body, which it neither reads nor closes;
// otherwise it reads what it needs and the caller closes resp.Body.
func UnmarshalResponse(resp *http.Response, op *protocol.Operation, output any) error {
	if resp == nil || op == nil {
		return errors.New("restjson: UnmarshalResponse needs a response and an operation")
	}
	sh := op.Output
	if sh == nil {
		return nil
	}
	v := reflect.ValueOf(output)
	if v.Kind() != reflect.Pointer || v.IsNil() || v.Elem().Kind() != reflect.Struct {
		return fmt.Errorf("restjson: %s: output must be a non-nil pointer to a struct", op.Name)
	}
	v = v.Elem()
	if err := restbind.BindHeaders(resp, sh, v); err != nil {
		return fmt.Errorf("restjson: %s: %w", op.Name, err)
	}
	body := resp.Body
	if body == nil {
		body = http.NoBody
	}
	if sh.Payload >= 0 && sh.Payload < len(sh.Members) {
		mem := &sh.Members[sh.Payload]
		f := v.Field(mem.Field)
		if mem.Shape.EventStream || (mem.Shape.Type == protocol.TypeBlob || mem.Shape.Type == protocol.TypeString) && f.Kind() == reflect.Interface {
			// An event stream or a streaming blob: the body, unread.
			if f.Kind() != reflect.Interface || !reflect.TypeOf(body).AssignableTo(f.Type()) {
				return fmt.Errorf("restjson: %s: streaming member %s is not an io.ReadCloser field", op.Name, mem.Name)
			}
			f.Set(reflect.ValueOf(body))
			return nil
		}
		b, release, err := awsjson.ReadBody(resp, 0)
		defer release()
		if err != nil {
			return fmt.Errorf("restjson: %s: reading body: %w", op.Name, err)
		}
		switch mem.Shape.Type {
		case protocol.TypeBlob, protocol.TypeString:
			restbind.SetRaw(f, append([]byte(nil), b...), mem.Shape.Type == protocol.TypeString)
			return nil
		case protocol.TypeStructure:
			if len(b) == 0 && f.Kind() == reflect.Pointer && f.IsNil() && !mem.Shape.Union {
				// An empty body is an empty structure, as botocore
				// parses it; a union stays unset.
				f.Set(reflect.New(f.Type().Elem()))
				return nil
			}
		}
		if err := jsonutil.Decode(b, mem.Shape, f, jsonutil.DecodeOptions{}); err != nil {
			return fmt.Errorf("restjson: %s: decoding response: %w", op.Name, err)
		}
		return nil
	}
	hasBody := false
	for i := range sh.Members {
		switch sh.Members[i].Location {
		case protocol.LocationBody, protocol.LocationURI, protocol.LocationQuery:
			hasBody = true
		}
	}
	if !hasBody {
		return nil
	}
	b, release, err := awsjson.ReadBody(resp, 0)
	defer release()
	if err != nil {
		return fmt.Errorf("restjson: %s: reading body: %w", op.Name, err)
	}
	if err := jsonutil.Decode(b, sh, v, jsonutil.DecodeOptions{BodyOnly: true}); err != nil {
		return fmt.Errorf("restjson: %s: decoding response: %w", op.Name, err)
	}
	return nil
}

// UnmarshalError decodes an error response: the code from the
// X-Amzn-Errortype header, else the body's "code" (or "Code"), else its
// "__type", else the status code, without namespace or URI suffix; for an
// x-amzn-query-error header the code and fault it gives. The message is
// the body's "message", "Message" or "errorMessage". When the code names
// one of op's modelled errors (by error code, else shape name), Modeled is
// a new value of its Go type filled from the body, the headers and the
// status code. At most MaxErrorBodySize bytes are read; the caller closes
// the body.
func UnmarshalError(resp *http.Response, op *protocol.Operation) *protocol.ResponseError {
	return awsjson.UnmarshalError(resp, op, awsjson.REST)
}
