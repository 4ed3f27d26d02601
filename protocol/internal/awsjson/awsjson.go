package awsjson

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"net/http"
	"reflect"
	"strconv"
	"strings"
	"sync"

	"github.com/goto3/goto3/protocol"
	"github.com/goto3/goto3/protocol/internal/restbind"
	"github.com/goto3/goto3/protocol/jsonutil"
)

// MaxErrorBodySize caps how much of an error response body is read.
const MaxErrorBodySize = 1 << 20

// bodyPool holds buffers for response bodies: the decoder copies every
// string and blob it keeps, so a body buffer is reused once decoded.
var bodyPool = sync.Pool{New: func() any { b := make([]byte, 0, 16<<10); return &b }}

const maxPooledBody = 8 << 20

// ReadBody reads a whole response body (sized from Content-Length when
// the response gives it) into a pooled buffer. The caller calls release
// when done with the bytes; it must not keep them.
func ReadBody(resp *http.Response, limit int64) (b []byte, release func(), err error) {
	bp := bodyPool.Get().(*[]byte)
	buf := (*bp)[:0]
	if n := resp.ContentLength; n > 0 && n <= maxPooledBody && int64(cap(buf)) < n+1 {
		buf = make([]byte, 0, n+1) // +1: ReadFrom's final read sees EOF without growing
	}
	if resp.Body != nil {
		var r io.Reader = resp.Body
		if limit > 0 {
			r = io.LimitReader(r, limit)
		}
		for {
			if len(buf) == cap(buf) {
				buf = append(buf, 0)[:len(buf)]
			}
			var n int
			n, err = r.Read(buf[len(buf):cap(buf)])
			buf = buf[:len(buf)+n]
			if err != nil {
				if err == io.EOF {
					err = nil
				}
				break
			}
		}
	}
	release = func() {
		if cap(buf) <= maxPooledBody {
			*bp = buf[:0]
			bodyPool.Put(bp)
		}
	}
	return buf, release, err
}

// SetPooledBody sets the request body to (*bp)[:n], a pooled buffer the
// body was serialized into, as a protocol.ReleasableBody: put returns the
// buffer to its pool once the body is released and no read is in
// progress. The readers never hand out the buffer, only copies of it
// (Read) or writes of it to an io.Writer, which may not keep it
// (WriteTo).
func SetPooledBody(req *http.Request, bp *[]byte, put func(*[]byte)) {
	if len(*bp) == 0 {
		put(bp)
		SetBody(req, nil)
		return
	}
	s := &sharedBody{bp: bp, put: put}
	req.Body = &bodyReader{s: s}
	req.GetBody = func() (io.ReadCloser, error) { return &bodyReader{s: s}, nil }
	req.ContentLength = int64(len(*bp))
}

// errReleased is what reading a released body gives.
var errReleased = errors.New("awsjson: reading a request body after its call is over")

// sharedBody is a pooled request body and the state of its readers.
type sharedBody struct {
	mu       sync.Mutex
	bp       *[]byte
	put      func(*[]byte)
	active   int  // reads in progress
	released bool // Release was called
}

// acquire returns the body for one read, false once released.
func (s *sharedBody) acquire() ([]byte, bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.released {
		return nil, false
	}
	s.active++
	return *s.bp, true
}

// done ends a read; the last one after Release returns the buffer.
func (s *sharedBody) done() {
	s.mu.Lock()
	s.active--
	put := s.released && s.active == 0
	s.mu.Unlock()
	if put {
		s.put(s.bp)
	}
}

func (s *sharedBody) release() {
	s.mu.Lock()
	if s.released {
		s.mu.Unlock()
		return
	}
	s.released = true
	put := s.active == 0
	s.mu.Unlock()
	if put {
		s.put(s.bp)
	}
}

// bodyReader is one reader of a shared body.
type bodyReader struct {
	s   *sharedBody
	off int
}

func (r *bodyReader) Read(p []byte) (int, error) {
	b, ok := r.s.acquire()
	if !ok {
		return 0, errReleased
	}
	n := copy(p, b[r.off:])
	r.off += n
	end := r.off == len(b)
	r.s.done()
	if n == 0 && end && len(p) > 0 {
		return 0, io.EOF
	}
	return n, nil
}

// WriteTo writes the rest of the body to w in one Write (as bytes.Reader
// does; hashing and transports use it).
func (r *bodyReader) WriteTo(w io.Writer) (int64, error) {
	b, ok := r.s.acquire()
	if !ok {
		return 0, errReleased
	}
	defer r.s.done()
	rest := b[r.off:]
	if len(rest) == 0 {
		return 0, nil
	}
	n, err := w.Write(rest)
	r.off += n
	if err == nil && n < len(rest) {
		err = io.ErrShortWrite
	}
	return int64(n), err
}

func (r *bodyReader) Close() error { return nil }

// Release ends every reader of the body (protocol.ReleasableBody).
func (r *bodyReader) Release() { r.s.release() }

// SetBody sets a serialized, rewindable request body.
func SetBody(req *http.Request, b []byte) {
	if len(b) == 0 {
		req.Body = http.NoBody
		req.GetBody = func() (io.ReadCloser, error) { return http.NoBody, nil }
		req.ContentLength = 0
		return
	}
	req.Body = io.NopCloser(bytes.NewReader(b))
	req.GetBody = func() (io.ReadCloser, error) { return io.NopCloser(bytes.NewReader(b)), nil }
	req.ContentLength = int64(len(b))
}

// SanitizeCode reduces an error type as the services send it to the code:
// everything from the first ':' on is dropped ("FooError:http://internal
// ..."), then everything up to the last '#' ("aws.protocoltests#FooError"),
// as Smithy's AWS JSON and REST-JSON protocols specify and botocore does.
func SanitizeCode(s string) string {
	if i := strings.IndexByte(s, ':'); i >= 0 {
		s = s[:i]
	}
	if i := strings.LastIndexByte(s, '#'); i >= 0 {
		s = s[i+1:]
	}
	return strings.TrimSpace(s)
}

// errorFields are the top-level members of an error document.
type errorFields struct {
	typ, code, message string
	hasType, hasCode   bool
	hasMessage         bool
	parsed             bool // the body is a JSON object
}

// scanError reads the members of an error document that name the error.
func scanError(body []byte) errorFields {
	var ef errorFields
	r := jsonutil.NewReader(body)
	if k, err := r.Peek(); err != nil || k != jsonutil.KindObject {
		return ef
	}
	if r.BeginObject() != nil {
		return ef
	}
	var msg, Msg, errMsg string
	var hasMsg, hasMsgU, hasErrMsg bool
	for {
		key, ok, err := r.NextMember()
		if err != nil {
			return ef
		}
		if !ok {
			break
		}
		k := string(key)
		var dst *string
		var has *bool
		switch k {
		case "__type":
			dst, has = &ef.typ, &ef.hasType
		case "code", "Code":
			if ef.hasCode && k == "Code" {
				// botocore prefers "code".
				dst, has = new(string), new(bool)
			} else {
				dst, has = &ef.code, &ef.hasCode
			}
		case "message":
			dst, has = &msg, &hasMsg
		case "Message":
			dst, has = &Msg, &hasMsgU
		case "errorMessage":
			dst, has = &errMsg, &hasErrMsg
		}
		if dst == nil {
			if r.Skip() != nil {
				return ef
			}
			continue
		}
		if kind, err := r.Peek(); err == nil && kind == jsonutil.KindString {
			s, err := r.ReadString()
			if err != nil {
				return ef
			}
			*dst, *has = string(s), true
		} else if r.Skip() != nil {
			return ef
		}
	}
	if r.End() != nil {
		return ef
	}
	ef.parsed = true
	switch {
	case hasMsg:
		ef.message, ef.hasMessage = msg, true
	case hasMsgU:
		ef.message, ef.hasMessage = Msg, true
	case hasErrMsg:
		ef.message, ef.hasMessage = errMsg, true
	}
	return ef
}

// Dialect is the JSON protocol an error comes from.
type Dialect uint8

// The JSON protocols.
const (
	RPC  Dialect = iota // AWS JSON 1.0 and 1.1
	REST                // REST-JSON
)

// UnmarshalError decodes an error response of a JSON protocol. The code
// comes, in order, from (AWS JSON) the body's "__type", the
// X-Amzn-Errortype header, the body's "code"; (REST-JSON) the
// X-Amzn-Errortype header, the body's "code" (or "Code"), "__type"; else
// it is the status code. It is sanitized (SanitizeCode). An
// x-amzn-query-error header ("Code;Sender") replaces the code and gives
// the fault, as botocore's _do_query_compatible_error_parse does. The
// message is the body's "message", "Message" or "errorMessage"; a body
// that is not JSON is the message itself, as in botocore, but for a
// server error (5xx) with an empty or HTML ("<html>...") body and no
// X-Amzn-Errortype header, whose code is the status and message the
// status text (botocore's _is_generic_error_response). When the code (or
// the "__type" name behind a query-compatible code) names one of op's
// modelled errors, Modeled is a new value of its Go type filled from the
// body (and, in REST-JSON, from its header and status code bindings).
func UnmarshalError(resp *http.Response, op *protocol.Operation, d Dialect) *protocol.ResponseError {
	re := &protocol.ResponseError{StatusCode: resp.StatusCode, Header: resp.Header}
	body, release, _ := ReadBody(resp, MaxErrorBodySize)
	defer release()
	trimmed := bytes.TrimSpace(body)
	headerType := resp.Header.Get("X-Amzn-Errortype")
	if resp.StatusCode >= 500 && headerType == "" && (len(trimmed) == 0 || bytes.HasPrefix(trimmed, []byte("<html>"))) {
		// A server error with an empty or HTML body (a proxy's, a load
		// balancer's) carries no error document: the status is the code
		// and its text the message, as botocore's
		// _is_generic_error_response. (With an X-Amzn-Errortype header
		// the code is the header's, as Smithy's FooErrorUsingXAmznErrorType
		// cases want, where botocore, which skips them, gives the status.)
		re.Code, re.Message = strconv.Itoa(resp.StatusCode), http.StatusText(resp.StatusCode)
		re.RequestID = requestID(resp.Header)
		re.HostID = resp.Header.Get("X-Amz-Id-2")
		return re
	}
	ef := scanError(trimmed)
	if !ef.parsed && len(trimmed) > 0 {
		ef.message, ef.hasMessage = string(trimmed), true
	}
	var code string
	switch d {
	case REST:
		switch {
		case headerType != "":
			code = headerType
		case ef.hasCode:
			code = ef.code
		case ef.hasType:
			code = ef.typ
		}
	default:
		switch {
		case ef.hasType:
			code = ef.typ
		case headerType != "":
			code = headerType
		case ef.hasCode:
			code = ef.code
		}
	}
	code = SanitizeCode(code)
	typeName := code
	if qe := resp.Header.Get("X-Amzn-Query-Error"); qe != "" {
		if c, fault, ok := strings.Cut(qe, ";"); ok && c != "" && !strings.Contains(fault, ";") {
			code, re.Fault = c, fault
		}
	}
	re.Code = code
	re.Message = ef.message
	if re.Code == "" {
		re.Code = strconv.Itoa(resp.StatusCode)
		if !ef.hasMessage {
			re.Message = http.StatusText(resp.StatusCode)
		}
	}
	re.RequestID = requestID(resp.Header)
	re.HostID = resp.Header.Get("X-Amz-Id-2")
	if sh := ModeledShape(op, re.Code, typeName); sh != nil {
		re.Modeled = decodeModeled(resp, sh, trimmed, d)
	}
	return re
}

// requestID is the request id of an answer's headers.
func requestID(h http.Header) string {
	if id := h.Get("X-Amzn-Requestid"); id != "" {
		return id
	}
	return h.Get("X-Amz-Request-Id")
}

// ModeledShape finds the modelled error named by code (its error code, then
// its shape name) among op's errors, then its service's
// (protocol.Operation.ErrorShape), or, for a query-compatible code, by the
// "__type" name typeName.
func ModeledShape(op *protocol.Operation, code, typeName string) *protocol.Shape {
	if op == nil {
		return nil
	}
	for _, name := range []string{code, typeName} {
		if s := op.ErrorShape(name); s != nil {
			return s
		}
	}
	return nil
}

func decodeModeled(resp *http.Response, sh *protocol.Shape, body []byte, d Dialect) any {
	gt := sh.ReflectType()
	if gt == nil || gt.Kind() != reflect.Struct {
		return nil
	}
	p := reflect.New(gt)
	v := p.Elem()
	if d == REST {
		_ = restbind.BindHeaders(resp, sh, v)
	}
	// A body that does not fit leaves what was decoded: the code and
	// message matter more than a failed member.
	_ = jsonutil.Decode(body, sh, v, jsonutil.DecodeOptions{BodyOnly: d == REST})
	return p.Interface()
}

// Errorf formats a codec error for operation op.
func Errorf(codec string, op *protocol.Operation, format string, a ...any) error {
	return fmt.Errorf(codec+": "+op.Name+": "+format, a...)
}
