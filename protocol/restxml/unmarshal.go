package restxml

import (
	"bytes"
	"encoding/base64"
	"errors"
	"fmt"
	"io"
	"net/http"
	"reflect"
	"strconv"
	"strings"
	"time"

	"github.com/goto3/goto3/protocol"
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
// with status 200 for CompleteMultipartUpload, CopyObject and UploadPartCopy)
// yields a *protocol.ResponseError.
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
	if err := bindHeaders(resp, sh, v); err != nil {
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
			setRaw(f, b, mem.Shape.Type == protocol.TypeString)
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
			break
		}
	}
	if !hasBody {
		return nil
	}
	return decodeBody(resp, op, body, sh, v)
}

var timeType = reflect.TypeOf(time.Time{})

// setRaw stores a raw payload in a string or []byte field (or pointer).
func setRaw(f reflect.Value, b []byte, isString bool) {
	if f.Kind() == reflect.Pointer {
		if isString && f.Type().Elem().Kind() == reflect.String {
			p := reflect.New(f.Type().Elem())
			p.Elem().SetString(string(b))
			f.Set(p)
		}
		return
	}
	switch {
	case f.Kind() == reflect.String:
		f.SetString(string(b))
	case f.Kind() == reflect.Slice && f.Type().Elem().Kind() == reflect.Uint8:
		if len(b) > 0 {
			f.SetBytes(b)
		}
	}
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
	if v.Kind() == reflect.Pointer && v.IsNil() {
		v.Set(reflect.New(v.Type().Elem()))
	}
	if err := xmlutil.DecodeElement(d, root, sh, v); err != nil {
		return malformed(resp, op, err)
	}
	return nil
}

// malformed wraps a body decoding error. For S3 a body that is not
// well-formed XML in a 2xx response is what a dropped connection looks like;
// botocore turns it into a 500 error so that it is retried, and so do we.
func malformed(resp *http.Response, op *protocol.Operation, err error) error {
	var se *xmlutil.SyntaxError
	if op.Service != nil && op.Service.ID == "S3" && resp.StatusCode < 300 && errors.As(err, &se) {
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
	_ = bindHeaders(resp, sh, v)
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

// bindHeaders sets the header, header-map and status-code members of v.
func bindHeaders(resp *http.Response, sh *protocol.Shape, v reflect.Value) error {
	plan := headerPlanOf(sh)
	for _, i := range plan.other {
		mem := &sh.Members[i]
		f := v.Field(mem.Field)
		switch mem.Location {
		case protocol.LocationStatusCode:
			setInt(f, int64(resp.StatusCode))
		case protocol.LocationHeaders:
			// A header map is set (empty) even when no header matches.
			if isStringMap(f) && f.IsNil() {
				f.Set(reflect.MakeMap(f.Type()))
			}
		}
	}
	// When the response has fewer headers than the shape has header
	// members (HeadObject's output has over 40), each response header is
	// looked up rather than each member; the first failing member in model
	// order is reported either way. Header maps take every header whose
	// name starts with their prefix, compared case-insensitively.
	byHeader := plan.byName != nil && len(resp.Header) < len(plan.header)
	first, firstErr := -1, error(nil)
	if byHeader || len(plan.maps) > 0 {
		for k, vals := range resp.Header {
			if byHeader {
				if i, ok := plan.byName[k]; ok && len(vals) > 0 && (first < 0 || i < first) {
					if err := bindHeader(&sh.Members[i], v, vals); err != nil {
						first, firstErr = i, err
					}
				}
			}
			for _, i := range plan.maps {
				mem := &sh.Members[i]
				prefix := mem.LocationName
				if len(k) < len(prefix) || !strings.EqualFold(k[:len(prefix)], prefix) {
					continue
				}
				if f := v.Field(mem.Field); isStringMap(f) {
					addHeaderMapEntry(f, strings.ToLower(k)[len(prefix):], vals)
				}
			}
		}
	}
	if byHeader {
		return firstErr
	}
	for _, i := range plan.header {
		vals, ok := resp.Header[plan.names[i]]
		if !ok || len(vals) == 0 {
			continue
		}
		if err := bindHeader(&sh.Members[i], v, vals); err != nil {
			return err
		}
	}
	return nil
}

func isStringMap(f reflect.Value) bool {
	return f.Kind() == reflect.Map && f.Type().Key().Kind() == reflect.String
}

// addHeaderMapEntry sets key in the header map f (string or *string
// values) to the header's values joined.
func addHeaderMapEntry(f reflect.Value, key string, vals []string) {
	if f.IsNil() {
		f.Set(reflect.MakeMap(f.Type()))
	}
	val := reflect.New(f.Type().Elem()).Elem()
	s := strings.Join(vals, ", ")
	if val.Kind() == reflect.Pointer {
		p := reflect.New(val.Type().Elem())
		p.Elem().SetString(s)
		val = p
	} else if val.Kind() == reflect.String {
		val.SetString(s)
	} else {
		return
	}
	f.SetMapIndex(reflect.ValueOf(key).Convert(f.Type().Key()), val)
}

// bindHeader sets a header member from the values of its header.
func bindHeader(mem *protocol.Member, v reflect.Value, vals []string) error {
	if err := setHeader(mem, v.Field(mem.Field), strings.Join(vals, ", ")); err != nil {
		name := mem.LocationName
		if name == "" {
			name = mem.Name
		}
		return fmt.Errorf("header %s: %w", name, err)
	}
	return nil
}

func setInt(f reflect.Value, n int64) {
	if f.Kind() == reflect.Pointer {
		p := reflect.New(f.Type().Elem())
		f.Set(p)
		f = p.Elem()
	}
	switch f.Kind() {
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		if !f.OverflowInt(n) {
			f.SetInt(n)
		}
	}
}

// splitHeaderList splits a comma-separated header value, honouring
// double-quoted items with backslash escapes.
func splitHeaderList(s string) []string {
	var out []string
	for {
		s = strings.TrimLeft(s, " \t")
		if strings.HasPrefix(s, `"`) {
			var b strings.Builder
			i := 1
			for ; i < len(s); i++ {
				c := s[i]
				if c == '\\' && i+1 < len(s) {
					i++
					b.WriteByte(s[i])
					continue
				}
				if c == '"' {
					i++
					break
				}
				b.WriteByte(c)
			}
			out = append(out, b.String())
			s = s[i:]
			j := strings.IndexByte(s, ',')
			if j < 0 {
				return out
			}
			s = s[j+1:]
			continue
		}
		j := strings.IndexByte(s, ',')
		if j < 0 {
			out = append(out, strings.TrimSpace(s))
			return out
		}
		out = append(out, strings.TrimSpace(s[:j]))
		s = s[j+1:]
	}
}

// setHeader parses one header value into a member.
func setHeader(mem *protocol.Member, f reflect.Value, val string) error {
	sh := mem.Shape
	if sh.Type == protocol.TypeList {
		if f.Kind() != reflect.Slice {
			return nil
		}
		items := splitHeaderList(val)
		el := sh.Member
		if el.Shape.Type == protocol.TypeTimestamp && tsFormat(el, protocol.TimestampRFC822) == protocol.TimestampRFC822 {
			// HTTP dates contain a comma: rejoin the pairs.
			var joined []string
			for i := 0; i+1 < len(items); i += 2 {
				joined = append(joined, items[i]+", "+items[i+1])
			}
			items = joined
		}
		s := reflect.MakeSlice(f.Type(), len(items), len(items))
		for i, it := range items {
			if err := setScalar(el, s.Index(i), it); err != nil {
				return err
			}
		}
		f.Set(s)
		return nil
	}
	if (mem.JSONValue || sh.JSONValue) && sh.Type == protocol.TypeString {
		dec, err := base64.StdEncoding.DecodeString(strings.TrimSpace(val))
		if err != nil {
			return fmt.Errorf("invalid base64 JSON value: %w", err)
		}
		val = string(dec)
	}
	return setScalar(mem, f, val)
}

func setScalar(mem *protocol.Member, f reflect.Value, val string) error {
	sh := mem.Shape
	if f.Kind() == reflect.Pointer {
		p := reflect.New(f.Type().Elem())
		if err := setScalar(mem, p.Elem(), val); err != nil {
			return err
		}
		f.Set(p)
		return nil
	}
	switch sh.Type {
	case protocol.TypeString:
		if f.Kind() == reflect.String {
			f.SetString(val)
		}
	case protocol.TypeBoolean:
		b, err := xmlutil.ParseBool([]byte(val))
		if err != nil {
			return err
		}
		if f.Kind() == reflect.Bool {
			f.SetBool(b)
		}
	case protocol.TypeByte, protocol.TypeShort, protocol.TypeInteger, protocol.TypeLong, protocol.TypeBigInteger:
		n, err := strconv.ParseInt(strings.TrimSpace(val), 10, 64)
		if err != nil {
			return fmt.Errorf("invalid integer %q", val)
		}
		switch f.Kind() {
		case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
			if f.OverflowInt(n) {
				return fmt.Errorf("integer %d out of range", n)
			}
			f.SetInt(n)
		}
	case protocol.TypeFloat, protocol.TypeDouble, protocol.TypeBigDecimal:
		x, err := xmlutil.ParseFloat([]byte(val))
		if err != nil {
			return err
		}
		if f.Kind() == reflect.Float32 || f.Kind() == reflect.Float64 {
			f.SetFloat(x)
		}
	case protocol.TypeTimestamp:
		// Header timestamps default to HTTP dates (RFC 822 / 7231): try
		// that form first, without allocating, then every form
		// xmlutil accepts.
		t, ok := parseIMFFixdate(val)
		if !ok {
			var err error
			if t, err = xmlutil.ParseTimestamp([]byte(val)); err != nil {
				return err
			}
		}
		if f.Type() == timeType && f.CanSet() {
			// Stored through a pointer: reflect.ValueOf(t) would box
			// (allocate) the time.
			*f.Addr().Interface().(*time.Time) = t
		} else if tv := reflect.ValueOf(t); tv.Type().AssignableTo(f.Type()) {
			f.Set(tv)
		}
	case protocol.TypeBlob:
		b, err := base64.StdEncoding.DecodeString(strings.TrimSpace(val))
		if err != nil {
			return fmt.Errorf("invalid base64 value: %w", err)
		}
		if f.Kind() == reflect.Slice && f.Type().Elem().Kind() == reflect.Uint8 {
			f.SetBytes(b)
		}
	}
	return nil
}
