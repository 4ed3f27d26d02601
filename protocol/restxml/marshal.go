package restxml

import (
	"bytes"
	"crypto/rand"
	"encoding/base64"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"reflect"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/goto3/goto3/protocol"
	"github.com/goto3/goto3/protocol/xmlutil"
)

// MarshalRequest serializes input (a pointer to op's input struct, or nil)
// into req following op's HTTP bindings. req arrives with req.URL set to the
// endpoint (possibly with a base path such as S3's path-style "/bucket") and
// gets its method, path, query, headers, host prefix and body. See the
// package documentation for the rules.
func MarshalRequest(req *http.Request, op *protocol.Operation, input any, opts protocol.MarshalOptions) error {
	if req == nil || req.URL == nil || op == nil {
		return errors.New("restxml: MarshalRequest needs a request with a URL and an operation")
	}
	m := marshaler{req: req, op: op, opts: opts, contentLength: -1}
	return m.marshal(input)
}

type marshaler struct {
	req   *http.Request
	op    *protocol.Operation
	opts  protocol.MarshalOptions
	token string
	query []byte
	// contentLength is the Content-Length header member's value, -1 if unset.
	contentLength int64
}

func (m *marshaler) idempotencyToken() string {
	if m.token == "" {
		m.token = newToken(m.opts)
	}
	return m.token
}

func newToken(opts protocol.MarshalOptions) string {
	if opts.NewIdempotencyToken != nil {
		return opts.NewIdempotencyToken()
	}
	return randomUUID()
}

// tokenSource hands the XML encoder the call's idempotency token. It is
// separate from the marshaler so that a request without an XML body
// allocates neither it nor the marshaler (a method value of the marshaler
// would move it to the heap).
type tokenSource struct {
	opts  protocol.MarshalOptions
	token string
}

func (t *tokenSource) get() string {
	if t.token == "" {
		t.token = newToken(t.opts)
	}
	return t.token
}

// encodeXML encodes an XML body with the call's idempotency token.
func (m *marshaler) encodeXML(name string, ns protocol.XMLNamespace, sh *protocol.Shape, v reflect.Value) ([]byte, error) {
	ts := &tokenSource{opts: m.opts, token: m.token}
	b, err := encodeXML(name, ns, sh, v, xmlutil.EncodeOptions{IdempotencyToken: ts.get})
	m.token = ts.token
	return b, err
}

// randomUUID returns a version-4 UUID from crypto/rand.
func randomUUID() string {
	var b [16]byte
	_, _ = rand.Read(b[:])
	b[6] = b[6]&0x0f | 0x40
	b[8] = b[8]&0x3f | 0x80
	const hexd = "0123456789abcdef"
	out := make([]byte, 0, 36)
	for i, c := range b {
		if i == 4 || i == 6 || i == 8 || i == 10 {
			out = append(out, '-')
		}
		out = append(out, hexd[c>>4], hexd[c&0xf])
	}
	return string(out)
}

func (m *marshaler) marshal(input any) error {
	op := m.op
	req := m.req
	req.Method = op.Method
	if req.Method == "" {
		req.Method = http.MethodPost
	}
	if req.Header == nil {
		req.Header = make(http.Header)
	}

	var v reflect.Value
	sh := op.Input
	if sh != nil {
		if input != nil {
			v = reflect.ValueOf(input)
			for v.Kind() == reflect.Pointer || v.Kind() == reflect.Interface {
				if v.IsNil() {
					v = reflect.Value{}
					break
				}
				v = v.Elem()
			}
		}
		if !v.IsValid() {
			gt := sh.ReflectType()
			if gt == nil {
				return fmt.Errorf("restxml: %s: nil input and no Go type for %s", op.Name, sh.Name)
			}
			v = reflect.New(gt).Elem()
		}
		if v.Kind() != reflect.Struct {
			return fmt.Errorf("restxml: %s: input is %s, want a struct", op.Name, v.Type())
		}
	}

	tmplPath, staticQuery, _ := strings.Cut(op.RequestURI, "?")
	path, err := m.expandURI(tmplPath, sh, v)
	if err != nil {
		return err
	}
	joinPath(req.URL, path)

	if sh != nil {
		if err := m.queryAndHeaders(sh, v); err != nil {
			return err
		}
	}
	rq := req.URL.RawQuery
	for _, part := range []string{staticQuery, string(m.query)} {
		if part == "" {
			continue
		}
		if rq != "" {
			rq += "&"
		}
		rq += part
	}
	req.URL.RawQuery = rq

	if op.HostPrefix != "" {
		prefix, err := m.hostPrefix(sh, v)
		if err != nil {
			return err
		}
		req.URL.Host = prefix + req.URL.Host
		if req.Host != "" {
			req.Host = prefix + req.Host
		}
	}
	if sh == nil {
		setBody(req, nil)
		return nil
	}
	return m.body(sh, v)
}

// joinPath joins the escaped request path onto the endpoint's base path the
// way botocore's _urljoin does: an empty or "/" path keeps the base path
// (or "/"), and a base ending in "/" does not double the slash.
func joinPath(u *url.URL, path string) {
	base := u.EscapedPath()
	var joined string
	switch {
	case path == "" || path == "/":
		joined = base
		if joined == "" {
			joined = "/"
		}
	case strings.HasSuffix(base, "/") && strings.HasPrefix(path, "/"):
		joined = base[:len(base)-1] + path
	default:
		joined = base + path
	}
	p, err := url.PathUnescape(joined)
	if err != nil {
		p = joined
	}
	u.Path = p
	u.RawPath = joined
}

func findMember(sh *protocol.Shape, loc protocol.Location, name string) *protocol.Member {
	if sh == nil {
		return nil
	}
	for i := range sh.Members {
		m := &sh.Members[i]
		if m.Location == loc && (m.LocationName == name || m.LocationName == "" && m.Name == name) {
			return m
		}
	}
	return nil
}

// expandURI replaces {Label} and {Label+} in the request URI path.
func (m *marshaler) expandURI(tmpl string, sh *protocol.Shape, v reflect.Value) (string, error) {
	if !strings.Contains(tmpl, "{") {
		return tmpl, nil
	}
	// One allocation for the result when the path fits the stack buffer.
	var stack [256]byte
	b := stack[:0]
	for {
		i := strings.IndexByte(tmpl, '{')
		if i < 0 {
			b = append(b, tmpl...)
			return string(b), nil
		}
		j := strings.IndexByte(tmpl[i:], '}')
		if j < 0 {
			return "", fmt.Errorf("restxml: %s: malformed request URI %q", m.op.Name, m.op.RequestURI)
		}
		b = append(b, tmpl[:i]...)
		label := tmpl[i+1 : i+j]
		tmpl = tmpl[i+j+1:]
		greedy := strings.HasSuffix(label, "+")
		label = strings.TrimSuffix(label, "+")
		mem := findMember(sh, protocol.LocationURI, label)
		if mem == nil {
			return "", fmt.Errorf("restxml: %s: no member for URI label %q", m.op.Name, label)
		}
		f := v.Field(mem.Field)
		s, ok := scalarString(mem, f, protocol.TimestampISO8601)
		if !ok || s == "" {
			return "", fmt.Errorf("restxml: %s: URI label %s (%s) is not set", m.op.Name, label, mem.Name)
		}
		b = appendEscaped(b, s, greedy)
	}
}

// EscapePath percent-encodes a URI label value: every byte except the
// unreserved characters A-Z a-z 0-9 - . _ ~ (and '/' when greedy, as for
// S3's {Key+}), as botocore's percent_encode does.
func EscapePath(s string, greedy bool) string {
	return string(appendEscaped(nil, s, greedy))
}

func isUnreserved(c byte) bool {
	return c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z' || c >= '0' && c <= '9' ||
		c == '-' || c == '.' || c == '_' || c == '~'
}

func appendEscaped(dst []byte, s string, keepSlash bool) []byte {
	const hexd = "0123456789ABCDEF"
	for i := 0; i < len(s); i++ {
		c := s[i]
		if isUnreserved(c) || keepSlash && c == '/' {
			dst = append(dst, c)
			continue
		}
		dst = append(dst, '%', hexd[c>>4], hexd[c&0xf])
	}
	return dst
}

func (m *marshaler) addQuery(k, v string) {
	if len(m.query) > 0 {
		m.query = append(m.query, '&')
	}
	m.query = appendEscaped(m.query, k, false)
	m.query = append(m.query, '=')
	m.query = appendEscaped(m.query, v, false)
}

func derefUnset(f reflect.Value) (reflect.Value, bool) {
	switch f.Kind() {
	case reflect.Pointer, reflect.Interface:
		if f.IsNil() {
			return f, false
		}
		return f.Elem(), true
	case reflect.Slice, reflect.Map:
		return f, !f.IsNil()
	}
	return f, true
}

func (m *marshaler) queryAndHeaders(sh *protocol.Shape, v reflect.Value) error {
	named := map[string]bool{}
	var maps []*protocol.Member
	for i := range sh.Members {
		mem := &sh.Members[i]
		if mem.Location != protocol.LocationQuery && mem.Location != protocol.LocationHeader && mem.Location != protocol.LocationHeaders {
			continue
		}
		f := v.Field(mem.Field)
		fv, set := derefUnset(f)
		name := mem.LocationName
		if name == "" {
			name = mem.Name
		}
		// botocore's generate_idempotent_uuid fills a token only when the
		// member is absent: a nil pointer, or an empty required string.
		if !set || (mem.IdempotencyToken && f.Kind() == reflect.String && f.Len() == 0) {
			if mem.IdempotencyToken {
				fv, set = reflect.ValueOf(m.idempotencyToken()), true
			} else {
				continue
			}
		}
		switch mem.Location {
		case protocol.LocationQuery:
			switch mem.Shape.Type {
			case protocol.TypeMap:
				maps = append(maps, mem)
			case protocol.TypeList:
				named[name] = true
				for j := 0; j < fv.Len(); j++ {
					s, ok := scalarString(mem.Shape.Member, fv.Index(j), protocol.TimestampISO8601)
					if ok {
						m.addQuery(name, s)
					}
				}
			default:
				s, ok := scalarString(mem, fv, protocol.TimestampISO8601)
				if ok {
					named[name] = true
					m.addQuery(name, s)
				}
			}
		case protocol.LocationHeader:
			s, ok, err := headerString(mem, fv)
			if err != nil {
				return fmt.Errorf("restxml: %s: header %s: %w", m.op.Name, name, err)
			}
			if !ok {
				continue
			}
			if m.isContentLength(mem) {
				if n, err := strconv.ParseInt(s, 10, 64); err == nil && n >= 0 {
					m.contentLength = n
				}
				continue
			}
			m.req.Header.Set(name, s)
		case protocol.LocationHeaders:
			if fv.Kind() != reflect.Map {
				continue
			}
			prefix := mem.LocationName
			iter := fv.MapRange()
			for iter.Next() {
				val := iter.Value()
				if val.Kind() == reflect.Pointer {
					if val.IsNil() {
						continue
					}
					val = val.Elem()
				}
				m.req.Header.Set(prefix+iter.Key().String(), val.String())
			}
		}
	}
	// Map members add their keys after the named parameters, which take
	// precedence on a clash (Smithy's httpQueryParams rule).
	for _, mem := range maps {
		fv := v.Field(mem.Field)
		keys := fv.MapKeys()
		slices.SortFunc(keys, func(a, b reflect.Value) int { return strings.Compare(a.String(), b.String()) })
		for _, k := range keys {
			if named[k.String()] {
				continue
			}
			val := fv.MapIndex(k)
			if val.Kind() == reflect.Pointer {
				if val.IsNil() {
					continue
				}
				val = val.Elem()
			}
			if val.Kind() == reflect.Slice {
				for j := 0; j < val.Len(); j++ {
					m.addQuery(k.String(), val.Index(j).String())
				}
				continue
			}
			m.addQuery(k.String(), val.String())
		}
	}
	return nil
}

func (m *marshaler) isContentLength(mem *protocol.Member) bool {
	return strings.EqualFold(mem.LocationName, "Content-Length")
}

// scalarString formats a scalar for a URI label or query string. def is the
// timestamp format when neither member nor shape overrides it.
func scalarString(mem *protocol.Member, f reflect.Value, def protocol.TimestampFormat) (string, bool) {
	f, set := derefUnset(f)
	if !set {
		return "", false
	}
	sh := mem.Shape
	switch sh.Type {
	case protocol.TypeString:
		if f.Kind() == reflect.String {
			return f.String(), true
		}
	case protocol.TypeBoolean:
		if f.Kind() == reflect.Bool {
			return strconv.FormatBool(f.Bool()), true
		}
	case protocol.TypeByte, protocol.TypeShort, protocol.TypeInteger, protocol.TypeLong, protocol.TypeBigInteger:
		switch f.Kind() {
		case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
			return strconv.FormatInt(f.Int(), 10), true
		}
	case protocol.TypeFloat, protocol.TypeDouble, protocol.TypeBigDecimal:
		switch f.Kind() {
		case reflect.Float32:
			return xmlutil.FormatFloat(f.Float(), 32), true
		case reflect.Float64:
			return xmlutil.FormatFloat(f.Float(), 64), true
		}
	case protocol.TypeTimestamp:
		if t, ok := f.Interface().(time.Time); ok {
			return xmlutil.FormatTimestamp(t, tsFormat(mem, def)), true
		}
	case protocol.TypeBlob:
		if f.Kind() == reflect.Slice && f.Type().Elem().Kind() == reflect.Uint8 {
			return base64.StdEncoding.EncodeToString(f.Bytes()), true
		}
	}
	return "", false
}

func tsFormat(mem *protocol.Member, def protocol.TimestampFormat) protocol.TimestampFormat {
	if mem.TimestampFormat != protocol.TimestampDefault {
		return mem.TimestampFormat
	}
	if mem.Shape != nil && mem.Shape.TimestampFormat != protocol.TimestampDefault {
		return mem.Shape.TimestampFormat
	}
	return def
}

// headerString formats a header member: timestamps as HTTP dates unless
// overridden, lists comma-joined (strings quoted when they hold a comma or
// a double quote), JSON values base64-encoded.
func headerString(mem *protocol.Member, f reflect.Value) (string, bool, error) {
	sh := mem.Shape
	if sh.Type == protocol.TypeList {
		// A nil list is unset; an empty one is an empty header (Smithy).
		if f.Kind() != reflect.Slice || f.IsNil() {
			return "", false, nil
		}
		parts := make([]string, 0, f.Len())
		for i := 0; i < f.Len(); i++ {
			s, ok := scalarString(sh.Member, f.Index(i), protocol.TimestampRFC822)
			if !ok {
				continue
			}
			if sh.Member.Shape.Type == protocol.TypeString && strings.ContainsAny(s, `",`) {
				s = `"` + strings.ReplaceAll(s, `"`, `\"`) + `"`
			}
			parts = append(parts, s)
		}
		return strings.Join(parts, ", "), true, nil
	}
	if (mem.JSONValue || sh.JSONValue) && f.Kind() == reflect.String {
		raw := []byte(f.String())
		var buf bytes.Buffer
		if err := json.Compact(&buf, raw); err == nil {
			raw = buf.Bytes()
		}
		return base64.StdEncoding.EncodeToString(raw), true, nil
	}
	if sh.Type == protocol.TypeTimestamp {
		// botocore converts header timestamps through whole epoch
		// seconds (calendar.timegm), whatever the format.
		if fv, set := derefUnset(f); set {
			if t, ok := fv.Interface().(time.Time); ok {
				return xmlutil.FormatTimestamp(t.Truncate(time.Second), tsFormat(mem, protocol.TimestampRFC822)), true, nil
			}
		}
	}
	s, ok := scalarString(mem, f, protocol.TimestampRFC822)
	return s, ok, nil
}

func hostLabelOK(s string) bool {
	if s == "" {
		return false
	}
	for i := 0; i < len(s); i++ {
		c := s[i]
		if !(c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '-' || c == '.') {
			return false
		}
	}
	return true
}

// hostPrefix expands the operation's hostPrefix template with hostLabel
// members, each of which must match botocore's ^[A-Za-z0-9.-]+$.
func (m *marshaler) hostPrefix(sh *protocol.Shape, v reflect.Value) (string, error) {
	tmpl := m.op.HostPrefix
	var b strings.Builder
	for {
		i := strings.IndexByte(tmpl, '{')
		if i < 0 {
			b.WriteString(tmpl)
			break
		}
		j := strings.IndexByte(tmpl[i:], '}')
		if j < 0 {
			return "", fmt.Errorf("restxml: %s: malformed host prefix %q", m.op.Name, m.op.HostPrefix)
		}
		b.WriteString(tmpl[:i])
		label := tmpl[i+1 : i+j]
		tmpl = tmpl[i+j+1:]
		var mem *protocol.Member
		if sh != nil {
			for k := range sh.Members {
				if sh.Members[k].Name == label {
					mem = &sh.Members[k]
					break
				}
			}
		}
		if mem == nil {
			return "", fmt.Errorf("restxml: %s: no member for host label %q", m.op.Name, label)
		}
		s, ok := scalarString(mem, v.Field(mem.Field), protocol.TimestampISO8601)
		if !ok || !hostLabelOK(s) {
			return "", fmt.Errorf("restxml: %s: host label %s is not a valid host name part: %q", m.op.Name, label, s)
		}
		b.WriteString(s)
	}
	prefix := b.String()
	if !hostLabelOK(strings.TrimSuffix(prefix, ".")) {
		return "", fmt.Errorf("restxml: %s: invalid host prefix %q", m.op.Name, prefix)
	}
	return prefix, nil
}

// bufPool holds scratch buffers for XML bodies: a document is encoded into
// one and copied out at its exact size, instead of growing a fresh slice
// through a series of doublings.
var bufPool = sync.Pool{New: func() any { b := make([]byte, 0, 4096); return &b }}

const maxPooledBuf = 1 << 22

func encodeXML(name string, ns protocol.XMLNamespace, sh *protocol.Shape, v reflect.Value, opts xmlutil.EncodeOptions) ([]byte, error) {
	bp := bufPool.Get().(*[]byte)
	b, err := xmlutil.AppendElement((*bp)[:0], name, ns, sh, v, opts)
	out := bytes.Clone(b)
	if cap(b) <= maxPooledBuf {
		*bp = b[:0]
		bufPool.Put(bp)
	}
	return out, err
}

func setBody(req *http.Request, b []byte) {
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

func (m *marshaler) body(sh *protocol.Shape, v reflect.Value) error {
	req := m.req
	if sh.Payload >= 0 && sh.Payload < len(sh.Members) {
		mem := &sh.Members[sh.Payload]
		f := v.Field(mem.Field)
		switch mem.Shape.Type {
		case protocol.TypeBlob, protocol.TypeString:
			if f.Kind() == reflect.Interface {
				// A streaming payload: hand the caller's reader over as is.
				if f.IsNil() {
					setBody(req, nil)
					return nil
				}
				r, ok := f.Interface().(io.Reader)
				if !ok {
					return fmt.Errorf("restxml: %s: payload %s is not an io.Reader", m.op.Name, mem.Name)
				}
				req.ContentLength = m.contentLength
				if rc, ok := r.(io.ReadCloser); ok {
					req.Body = rc
				} else {
					req.Body = io.NopCloser(r)
				}
				req.GetBody = nil
				return nil
			}
			fv, set := derefUnset(f)
			if !set {
				setBody(req, nil)
				return nil
			}
			switch {
			case fv.Kind() == reflect.String:
				setBody(req, []byte(fv.String()))
				if req.Header.Get("Content-Type") == "" {
					req.Header.Set("Content-Type", "text/plain")
				}
			case fv.Kind() == reflect.Slice && fv.Type().Elem().Kind() == reflect.Uint8:
				setBody(req, fv.Bytes())
			default:
				return fmt.Errorf("restxml: %s: payload %s has Go type %s", m.op.Name, mem.Name, f.Type())
			}
			return nil
		default:
			if _, set := derefUnset(f); !set {
				setBody(req, nil)
				return nil
			}
			name := payloadRootName(mem)
			ns := mem.XMLNamespace
			if ns.URI == "" {
				ns = mem.Shape.XMLNamespace
			}
			b, err := m.encodeXML(name, ns, mem.Shape, f)
			if err != nil {
				return fmt.Errorf("restxml: %s: %w", m.op.Name, err)
			}
			m.setXMLBody(b)
			return nil
		}
	}
	// No payload member: the body members, if any is set, wrapped in the
	// input's locationName.
	anySet := false
	for i := range sh.Members {
		mem := &sh.Members[i]
		if mem.Location != protocol.LocationBody {
			continue
		}
		if _, set := derefUnset(v.Field(mem.Field)); set {
			anySet = true
			break
		}
	}
	if !anySet {
		setBody(req, nil)
		return nil
	}
	name := sh.LocationName
	if name == "" {
		name = m.op.InputLocationName
	}
	if name == "" {
		name = sh.Name
	}
	ns := m.op.InputXMLNamespace
	if ns.URI == "" {
		ns = sh.XMLNamespace
	}
	b, err := m.encodeXML(name, ns, sh, v)
	if err != nil {
		return fmt.Errorf("restxml: %s: %w", m.op.Name, err)
	}
	m.setXMLBody(b)
	return nil
}

// payloadRootName names the root element of a structure payload: the
// member's locationName, unless it merely repeats the member name and the
// shape has its own locationName (Smithy's xmlName on the structure, which
// the botocore-format model cannot otherwise tell apart); else the shape's
// name. S3's payload members always carry a locationName, which may differ
// from the shape name (LifecycleConfiguration targets
// BucketLifecycleConfiguration), so the member's name wins over the shape's.
func payloadRootName(mem *protocol.Member) string {
	if mem.LocationName != "" && (mem.LocationName != mem.Name || mem.Shape.LocationName == "") {
		return mem.LocationName
	}
	if mem.Shape.LocationName != "" {
		return mem.Shape.LocationName
	}
	return mem.Shape.Name
}

func (m *marshaler) setXMLBody(b []byte) {
	setBody(m.req, b)
	if m.req.Header.Get("Content-Type") == "" {
		m.req.Header.Set("Content-Type", "application/xml")
	}
}
