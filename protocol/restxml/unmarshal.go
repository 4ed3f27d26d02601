package restxml

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"net/http"
	"reflect"
	"strconv"
	"strings"

	"github.com/goto3/goto3/protocol"
	"github.com/goto3/goto3/protocol/internal/restbind"
	"github.com/goto3/goto3/protocol/xmlutil"
)

// MaxErrorBodySize caps how much of an error response body is read.
const MaxErrorBodySize = 1 << 20

// errorDecodeOptions are the decoder limits for error documents (which
// are read whole, at most MaxErrorBodySize bytes): the package defaults.
func errorDecodeOptions() xmlutil.DecodeOptions { return xmlutil.DecodeOptions{} }

// UnmarshalResponse binds a successful response into output, a pointer to
// op's output struct: the status code, headers and header maps, and the
// payload or the XML body. A streaming payload (a streaming blob or an event
// stream, whose messages protocol/eventstream decodes) is set to resp.Body,
// which it neither reads nor closes; otherwise it reads what it needs and the
// caller closes resp.Body. A body whose root element is <Error> (S3 returns those
// with status 200, for CompleteMultipartUpload, CopyObject and UploadPartCopy
// mostly, but any operation may) yields a *protocol.ResponseError, also when
// the output has no body members.
func UnmarshalResponse(resp *http.Response, op *protocol.Operation, output any) error {
	if resp == nil || op == nil {
		return errors.New("restxml: UnmarshalResponse needs a response and an operation")
	}
	sh := op.Output
	if sh == nil {
		return nil
	}
	v := reflect.ValueOf(output)
	if v.Kind() != reflect.Pointer || v.IsNil() || v.Elem().Kind() != reflect.Struct {
		return fmt.Errorf("restxml: %s: output must be a non-nil pointer to a struct", op.Name)
	}
	v = v.Elem()
	if err := restbind.BindHeaders(resp, sh, v); err != nil {
		return fmt.Errorf("restxml: %s: %w", op.Name, err)
	}
	body := resp.Body
	if body == nil {
		body = http.NoBody
	}
	if sh.Payload >= 0 && sh.Payload < len(sh.Members) {
		mem := &sh.Members[sh.Payload]
		f := v.Field(mem.Field)
		if mem.Shape.EventStream {
			// An event stream (S3 SelectObjectContent) is binary
			// protocol/eventstream messages, not XML: like a streaming
			// blob, the field gets the body unread.
			if f.Kind() != reflect.Interface || !reflect.TypeOf(body).AssignableTo(f.Type()) {
				return fmt.Errorf("restxml: %s: event stream member %s is not an io.ReadCloser field", op.Name, mem.Name)
			}
			f.Set(reflect.ValueOf(body))
			return nil
		}
		switch mem.Shape.Type {
		case protocol.TypeBlob, protocol.TypeString:
			if f.Kind() == reflect.Interface {
				if reflect.TypeOf(body).AssignableTo(f.Type()) {
					f.Set(reflect.ValueOf(body))
				}
				return nil
			}
			b, err := io.ReadAll(body)
			if err != nil {
				return fmt.Errorf("restxml: %s: reading body: %w", op.Name, err)
			}
			restbind.SetRaw(f, b, mem.Shape.Type == protocol.TypeString)
			return nil
		default:
			return decodeBody(resp, op, body, mem.Shape, f)
		}
	}
	hasBody := false
	for i := range sh.Members {
		switch sh.Members[i].Location {
		case protocol.LocationBody, protocol.LocationURI, protocol.LocationQuery:
			// URI and query bindings are read from the body in a response.
			hasBody = true
		}
		if hasBody {
			break
		}
	}
	if !hasBody {
		// Nothing to decode, but S3 answers some failures with 200 and an
		// <Error> document whatever the operation's output (botocore's
		// _handle_200_error looks at the body of every operation with an
		// output): report it. Any other body is left unread, as before.
		return errorDocument(resp, op, body)
	}
	return decodeBody(resp, op, body, sh, v)
}

// errorDocument returns the *protocol.ResponseError of a body whose root
// element is <Error>, and nil for any other body (empty, another
// document, not XML).
func errorDocument(resp *http.Response, op *protocol.Operation, body io.Reader) error {
	if resp.ContentLength == 0 || body == http.NoBody || (resp.Request != nil && resp.Request.Method == http.MethodHead) {
		// Nothing to look at: no decoder (and its buffer) for it.
		return nil
	}
	d := xmlutil.NewDecoder(body, xmlutil.DecodeOptions{SizeHint: resp.ContentLength})
	root, err := d.Root()
	if err != nil || root.Name != "Error" {
		return nil
	}
	return errorFromDocument(resp, op, d)
}

// decodeBody decodes the XML document in body into v (a struct or a pointer
// to one) described by sh. An empty body leaves v alone.
func decodeBody(resp *http.Response, op *protocol.Operation, body io.Reader, sh *protocol.Shape, v reflect.Value) error {
	// Keep a copy of what is read so that an <Error> document can be
	// decoded again as an error; only the first bytes matter for that.
	// Default limits (xmlutil.DefaultMaxDepth, DefaultMaxTokenSize); the
	// Content-Length lets root-level lists be sized once.
	opts := xmlutil.DecodeOptions{SizeHint: resp.ContentLength}
	d := xmlutil.NewDecoder(body, opts)
	root, err := d.Root()
	if err == io.EOF {
		// An empty body still yields an empty structure payload, as
		// botocore parses it (an empty element); a union stays unset, since
		// it has no member set (Smithy's RestXmlHttpPayloadWithUnsetUnion).
		if v.Kind() == reflect.Pointer && v.IsNil() && !sh.Union {
			v.Set(reflect.New(v.Type().Elem()))
		}
		return nil
	}
	if err != nil {
		return malformed(resp, op, err)
	}
	if root.Name == "Error" && sh.Name != "Error" {
		return errorFromDocument(resp, op, d)
	}
	if v.Kind() == reflect.Pointer && v.IsNil() {
		v.Set(reflect.New(v.Type().Elem()))
	}
	if err := xmlutil.DecodeElement(d, root, sh, v); err != nil {
		return malformed(resp, op, err)
	}
	return nil
}

// errorFromDocument reads the <Error> document d has just opened, in a 2xx
// answer, as the error it reports.
func errorFromDocument(resp *http.Response, op *protocol.Operation, d *xmlutil.Decoder) error {
	re := &protocol.ResponseError{StatusCode: resp.StatusCode, Header: resp.Header}
	if err := readErrorFields(d, re); err != nil {
		return malformed(resp, op, err)
	}
	// As botocore does (handlers._handle_200_error), report it as a 500
	// so that the retry policy treats it as a server error.
	re.StatusCode = http.StatusInternalServerError
	fillIDs(re, resp.Header)
	matchModeled(re, op, nil, resp)
	return re
}

// malformed wraps a body decoding error. For a service with
// MalformedBodyIsServerError (S3) a body that is not well-formed XML in a
// 2xx response is a 500 error, so that it is retried.
func malformed(resp *http.Response, op *protocol.Operation, err error) error {
	var se *xmlutil.SyntaxError
	if op.Service != nil && op.Service.MalformedBodyIsServerError && resp.StatusCode < 300 && errors.As(err, &se) {
		re := &protocol.ResponseError{
			StatusCode: http.StatusInternalServerError,
			Code:       "500",
			Message:    "Internal Server Error (malformed response body: " + err.Error() + ")",
			Header:     resp.Header,
		}
		fillIDs(re, resp.Header)
		return re
	}
	return fmt.Errorf("restxml: %s: decoding response: %w", op.Name, err)
}

// readErrorFields reads Code, Message, RequestId and HostId from the
// children of the <Error> element just started.
func readErrorFields(d *xmlutil.Decoder, re *protocol.ResponseError) error {
	for {
		c, ok, err := d.NextChild()
		if err != nil {
			return err
		}
		if !ok {
			return nil
		}
		switch c.Name {
		case "Code", "Message", "RequestId", "HostId":
			t, err := d.Text()
			if err != nil {
				return err
			}
			switch c.Name {
			case "Code":
				re.Code = strings.TrimSpace(t)
			case "Message":
				re.Message = t
			case "RequestId":
				re.RequestID = strings.TrimSpace(t)
			case "HostId":
				re.HostID = strings.TrimSpace(t)
			}
		default:
			if err := d.Skip(); err != nil {
				return err
			}
		}
	}
}

// fillIDs takes the request id and host id from the headers, which win over
// the body (botocore's _populate_response_metadata).
func fillIDs(re *protocol.ResponseError, h http.Header) {
	if id := h.Get("X-Amzn-Requestid"); id != "" {
		re.RequestID = id
	} else if id := h.Get("X-Amz-Request-Id"); id != "" {
		re.RequestID = id
	}
	if id := h.Get("X-Amz-Id-2"); id != "" {
		re.HostID = id
	}
}

// UnmarshalError decodes an error response: S3's bare <Error> document, the
// <ErrorResponse><Error> form of other REST-XML services, or an empty body
// (HEAD requests), whose code is the status code as a string and whose
// message is the status text, as botocore does. At most MaxErrorBodySize
// bytes of the body are read; the caller closes it.
func UnmarshalError(resp *http.Response, op *protocol.Operation) *protocol.ResponseError {
	re := &protocol.ResponseError{StatusCode: resp.StatusCode, Header: resp.Header}
	var body []byte
	if resp.Body != nil {
		body, _ = io.ReadAll(io.LimitReader(resp.Body, MaxErrorBodySize))
	}
	wrapped := false
	if len(bytes.TrimSpace(body)) > 0 {
		wrapped, _ = parseErrorBody(body, re)
	}
	bodyID := re.RequestID
	fillIDs(re, resp.Header)
	if wrapped && bodyID != "" {
		// The <ErrorResponse> form's own <RequestId> wins, as in botocore.
		re.RequestID = bodyID
	}
	if re.Code == "" {
		re.Code = strconv.Itoa(resp.StatusCode)
		if re.Message == "" {
			re.Message = http.StatusText(resp.StatusCode)
		}
	}
	matchModeled(re, op, body, resp)
	return re
}

// parseErrorBody fills re from an error document and reports whether it
// had the <ErrorResponse> wrapper.
func parseErrorBody(body []byte, re *protocol.ResponseError) (wrapped bool, err error) {
	d := xmlutil.NewDecoder(bytes.NewReader(body), errorDecodeOptions())
	root, err := d.Root()
	if err != nil {
		return false, err
	}
	if root.Name == "Error" {
		return false, readErrorFields(d, re)
	}
	for {
		c, ok, err := d.NextChild()
		if err != nil || !ok {
			return wrapped, err
		}
		switch c.Name {
		case "Error":
			wrapped = true
			if err := readErrorFields(d, re); err != nil {
				return wrapped, err
			}
		case "RequestId", "RequestID":
			t, err := d.Text()
			if err != nil {
				return wrapped, err
			}
			re.RequestID = strings.TrimSpace(t)
		default:
			if err := d.Skip(); err != nil {
				return wrapped, err
			}
		}
	}
}

// matchModeled fills re.Modeled when the code names a modelled error of op
// or its service (protocol.Operation.ErrorShape).
// body is the error document (nil when the <Error> element was already
// consumed; then only headers and status are bound).
func matchModeled(re *protocol.ResponseError, op *protocol.Operation, body []byte, resp *http.Response) {
	if op == nil || re.Code == "" {
		return
	}
	sh := op.ErrorShape(re.Code)
	if sh == nil {
		return
	}
	gt := sh.ReflectType()
	if gt == nil || gt.Kind() != reflect.Struct {
		return
	}
	p := reflect.New(gt)
	v := p.Elem()
	_ = restbind.BindHeaders(resp, sh, v)
	if len(body) > 0 {
		_ = decodeErrorElement(body, sh, v)
	}
	re.Modeled = p.Interface()
}

// decodeErrorElement decodes the <Error> element of an error document into
// v, the modelled error struct.
func decodeErrorElement(body []byte, sh *protocol.Shape, v reflect.Value) error {
	d := xmlutil.NewDecoder(bytes.NewReader(body), errorDecodeOptions())
	root, err := d.Root()
	if err != nil {
		return err
	}
	if root.Name == "Error" {
		return xmlutil.DecodeElement(d, root, sh, v)
	}
	for {
		c, ok, err := d.NextChild()
		if err != nil || !ok {
			return err
		}
		if c.Name == "Error" {
			return xmlutil.DecodeElement(d, c, sh, v)
		}
		if err := d.Skip(); err != nil {
			return err
		}
	}
}
