package restbind

import (
	"bytes"
	"crypto/rand"
	"encoding/base64"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"reflect"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/goto3/goto3/protocol"
	"github.com/goto3/goto3/protocol/xmlutil"
)

// Request binds an operation's input to the parts of an HTTP request that
// every REST protocol shares: method, path, query string, headers and host
// prefix. The codec writes the body. Create one per call; it is not safe
// for concurrent use.
type Request struct {
	// Codec names the codec in errors ("restxml", "restjson").
	Codec string
	Req   *http.Request
	Op    *protocol.Operation
	Opts  protocol.MarshalOptions
	// Token is the call's idempotency token once one was needed: every
	// unset idempotency-token member of the call gets the same one.
	Token string
	// ContentLength is the value of a Content-Length header member, -1
	// when the input has none set.
	ContentLength int64
	query         []byte
}

// IdempotencyToken returns the call's token, creating it on first use.
func (m *Request) IdempotencyToken() string {
	if m.Token == "" {
		m.Token = NewToken(m.Opts)
	}
	return m.Token
}

// NewToken returns a new idempotency token: opts.NewIdempotencyToken's,
// else a random version-4 UUID.
func NewToken(opts protocol.MarshalOptions) string {
	if opts.NewIdempotencyToken != nil {
		return opts.NewIdempotencyToken()
	}
	return RandomUUID()
}

// RandomUUID returns a version-4 UUID from crypto/rand.
func RandomUUID() string {
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

// InputValue resolves input (a pointer to op's input struct, or nil) to
// the struct value the bindings read: a new zero struct when input is
// nil, the zero Value when the operation takes no input.
func InputValue(codec string, op *protocol.Operation, input any) (reflect.Value, error) {
	sh := op.Input
	if sh == nil {
		return reflect.Value{}, nil
	}
	var v reflect.Value
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
			return v, fmt.Errorf("%s: %s: nil input and no Go type for %s", codec, op.Name, sh.Name)
		}
		v = reflect.New(gt).Elem()
	}
	if v.Kind() != reflect.Struct {
		return v, fmt.Errorf("%s: %s: input is %s, want a struct", codec, op.Name, v.Type())
	}
	return v, nil
}

// Bind sets the request's method (the operation's, else POST), path
// (the request URI's labels expanded, joined onto the endpoint's base
// path), query string (the request URI's static query, then the query
// members), headers and host prefix from v, the input struct (the zero
// Value when the operation takes no input). It leaves the body alone.
func (m *Request) Bind(v reflect.Value) error {
	op := m.Op
	req := m.Req
	if req == nil || req.URL == nil || op == nil {
		return errors.New(m.Codec + ": a request with a URL and an operation are needed")
	}
	req.Method = op.Method
	if req.Method == "" {
		req.Method = http.MethodPost
	}
	if req.Header == nil {
		req.Header = make(http.Header)
	}
	sh := op.Input
	tmplPath, staticQuery, _ := strings.Cut(op.RequestURI, "?")
	path, err := m.expandURI(tmplPath, sh, v)
	if err != nil {
		return err
	}
	JoinPath(req.URL, path)

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
	return nil
}

// JoinPath joins the escaped request path onto the endpoint's base path the
// way botocore's _urljoin does: an empty or "/" path keeps the base path
// (or "/"), and a base ending in "/" does not double the slash.
func JoinPath(u *url.URL, path string) {
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
func (m *Request) expandURI(tmpl string, sh *protocol.Shape, v reflect.Value) (string, error) {
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
			return "", fmt.Errorf("%s: %s: malformed request URI %q", m.Codec, m.Op.Name, m.Op.RequestURI)
		}
		b = append(b, tmpl[:i]...)
		label := tmpl[i+1 : i+j]
		tmpl = tmpl[i+j+1:]
		greedy := strings.HasSuffix(label, "+")
		label = strings.TrimSuffix(label, "+")
		mem := findMember(sh, protocol.LocationURI, label)
		if mem == nil {
			return "", fmt.Errorf("%s: %s: no member for URI label %q", m.Codec, m.Op.Name, label)
		}
		f := v.Field(mem.Field)
		s, ok := ScalarString(mem, f, protocol.TimestampISO8601)
		if !ok || s == "" {
			return "", fmt.Errorf("%s: %s: URI label %s (%s) is not set", m.Codec, m.Op.Name, label, mem.Name)
		}
		b = AppendEscaped(b, s, greedy)
	}
}

// EscapePath percent-encodes a URI label value: every byte except the
// unreserved characters A-Z a-z 0-9 - . _ ~ (and '/' when greedy, as for
// S3's {Key+}), as botocore's percent_encode does.
func EscapePath(s string, greedy bool) string {
	return string(AppendEscaped(nil, s, greedy))
}

func isUnreserved(c byte) bool {
	return c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z' || c >= '0' && c <= '9' ||
		c == '-' || c == '.' || c == '_' || c == '~'
}

// AppendEscaped appends s percent-encoded as EscapePath does.
func AppendEscaped(dst []byte, s string, keepSlash bool) []byte {
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

func (m *Request) addQuery(k, v string) {
	if len(m.query) > 0 {
		m.query = append(m.query, '&')
	}
	m.query = AppendEscaped(m.query, k, false)
	m.query = append(m.query, '=')
	m.query = AppendEscaped(m.query, v, false)
}

// DerefUnset dereferences a pointer or interface field, reporting false
// when the field holds no value (a nil pointer, interface, slice or map).
func DerefUnset(f reflect.Value) (reflect.Value, bool) {
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

func (m *Request) queryAndHeaders(sh *protocol.Shape, v reflect.Value) error {
	named := map[string]bool{}
	var maps []*protocol.Member
	for i := range sh.Members {
		mem := &sh.Members[i]
		if mem.Location != protocol.LocationQuery && mem.Location != protocol.LocationHeader && mem.Location != protocol.LocationHeaders {
			continue
		}
		f := v.Field(mem.Field)
		fv, set := DerefUnset(f)
		name := mem.LocationName
		if name == "" {
			name = mem.Name
		}
		// botocore's generate_idempotent_uuid fills a token only when the
		// member is absent: a nil pointer, or an empty required string.
		if !set || (mem.IdempotencyToken && f.Kind() == reflect.String && f.Len() == 0) {
			if mem.IdempotencyToken {
				fv, set = reflect.ValueOf(m.IdempotencyToken()), true
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
					s, ok := ScalarString(mem.Shape.Member, fv.Index(j), protocol.TimestampISO8601)
					if ok {
						m.addQuery(name, s)
					}
				}
			default:
				s, ok := ScalarString(mem, fv, protocol.TimestampISO8601)
				if ok {
					named[name] = true
					m.addQuery(name, s)
				}
			}
		case protocol.LocationHeader:
			s, ok, err := HeaderString(mem, fv)
			if err != nil {
				return fmt.Errorf("%s: %s: header %s: %w", m.Codec, m.Op.Name, name, err)
			}
			if !ok {
				continue
			}
			if m.isContentLength(mem) {
				if n, err := strconv.ParseInt(s, 10, 64); err == nil && n >= 0 {
					m.ContentLength = n
				}
				continue
			}
			m.Req.Header.Set(name, s)
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
				m.Req.Header.Set(prefix+iter.Key().String(), val.String())
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

func (m *Request) isContentLength(mem *protocol.Member) bool {
	return strings.EqualFold(mem.LocationName, "Content-Length")
}

// ScalarString formats a scalar for a URI label or query string. def is the
// timestamp format when neither member nor shape overrides it.
func ScalarString(mem *protocol.Member, f reflect.Value, def protocol.TimestampFormat) (string, bool) {
	f, set := DerefUnset(f)
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
			return xmlutil.FormatTimestamp(t, TimestampFormat(mem, def)), true
		}
	case protocol.TypeBlob:
		if f.Kind() == reflect.Slice && f.Type().Elem().Kind() == reflect.Uint8 {
			return base64.StdEncoding.EncodeToString(f.Bytes()), true
		}
	}
	return "", false
}

// TimestampFormat is the member's timestampFormat, else its shape's, else
// def.
func TimestampFormat(mem *protocol.Member, def protocol.TimestampFormat) protocol.TimestampFormat {
	if mem.TimestampFormat != protocol.TimestampDefault {
		return mem.TimestampFormat
	}
	if mem.Shape != nil && mem.Shape.TimestampFormat != protocol.TimestampDefault {
		return mem.Shape.TimestampFormat
	}
	return def
}

// HeaderString formats a header member: timestamps as HTTP dates unless
// overridden, lists comma-joined (strings quoted when they hold a comma or
// a double quote), JSON values base64-encoded.
func HeaderString(mem *protocol.Member, f reflect.Value) (string, bool, error) {
	sh := mem.Shape
	if sh.Type == protocol.TypeList {
		// An empty list sends no header, as botocore's
		// _partition_parameters skips it (Smithy would send an empty
		// one).
		if f.Kind() != reflect.Slice || f.Len() == 0 {
			return "", false, nil
		}
		parts := make([]string, 0, f.Len())
		for i := 0; i < f.Len(); i++ {
			s, ok := ScalarString(sh.Member, f.Index(i), protocol.TimestampRFC822)
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
		if fv, set := DerefUnset(f); set {
			if t, ok := fv.Interface().(time.Time); ok {
				return xmlutil.FormatTimestamp(t.Truncate(time.Second), TimestampFormat(mem, protocol.TimestampRFC822)), true, nil
			}
		}
	}
	s, ok := ScalarString(mem, f, protocol.TimestampRFC822)
	return s, ok, nil
}

// HostLabelOK reports whether s may be a host label value: non-empty,
// only A-Z a-z 0-9 - and . (botocore's HOST_PREFIX_RE).
func HostLabelOK(s string) bool {
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
func (m *Request) hostPrefix(sh *protocol.Shape, v reflect.Value) (string, error) {
	return HostPrefix(m.Codec, m.Op, v)
}

// HostPrefix expands op.HostPrefix with the hostLabel members of v (the
// input struct), each of which must match botocore's ^[A-Za-z0-9.-]+$. It
// returns "" when the operation has no host prefix.
func HostPrefix(codec string, op *protocol.Operation, v reflect.Value) (string, error) {
	if op.HostPrefix == "" {
		return "", nil
	}
	sh := op.Input
	m := struct {
		Codec string
		Op    *protocol.Operation
	}{codec, op}
	tmpl := m.Op.HostPrefix
	var b strings.Builder
	for {
		i := strings.IndexByte(tmpl, '{')
		if i < 0 {
			b.WriteString(tmpl)
			break
		}
		j := strings.IndexByte(tmpl[i:], '}')
		if j < 0 {
			return "", fmt.Errorf("%s: %s: malformed host prefix %q", m.Codec, m.Op.Name, m.Op.HostPrefix)
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
			return "", fmt.Errorf("%s: %s: no member for host label %q", m.Codec, m.Op.Name, label)
		}
		s, ok := ScalarString(mem, v.Field(mem.Field), protocol.TimestampISO8601)
		if !ok || !HostLabelOK(s) {
			return "", fmt.Errorf("%s: %s: host label %s is not a valid host name part: %q", m.Codec, m.Op.Name, label, s)
		}
		b.WriteString(s)
	}
	prefix := b.String()
	if !HostLabelOK(strings.TrimSuffix(prefix, ".")) {
		return "", fmt.Errorf("%s: %s: invalid host prefix %q", m.Codec, m.Op.Name, prefix)
	}
	return prefix, nil
}
