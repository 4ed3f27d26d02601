package awsquery

import (
	"bytes"
	"crypto/rand"
	"encoding/base64"
	"errors"
	"fmt"
	"math"
	"reflect"
	"slices"
	"strconv"
	"time"

	"github.com/goto3/goto3/protocol"
)

// Dialect selects the Query flavour: the naming and list rules differ.
type Dialect uint8

// The two dialects.
const (
	Query Dialect = iota // awsQuery: SES, STS, SNS, SQS (XML era), ...
	EC2                  // ec2Query: EC2 only
)

// ContentType is the request Content-Type botocore sends for both dialects.
const ContentType = "application/x-www-form-urlencoded; charset=utf-8"

var timeType = reflect.TypeFor[time.Time]()

// AppendBody appends the form body of op with input (a pointer to the
// input struct, or nil) to dst and returns it: Action, Version, then the
// members in model order.
func AppendBody(dst []byte, op *protocol.Operation, input any, d Dialect, opts protocol.MarshalOptions) ([]byte, error) {
	e := encoder{buf: dst, key: make([]byte, 0, 128), dialect: d, opts: opts}
	e.buf = append(e.buf, "Action="...)
	e.buf = appendEscaped(e.buf, op.Name)
	e.buf = append(e.buf, "&Version="...)
	if op.Service != nil {
		e.buf = appendEscaped(e.buf, op.Service.APIVersion)
	}
	if op.Input == nil {
		return e.buf, nil
	}
	v, ok := structValue(input)
	if !ok {
		// No input value: only idempotency tokens can still be due.
		v = reflect.Value{}
	}
	if err := e.structure(op.Input, v); err != nil {
		return nil, err
	}
	return e.buf, nil
}

// structValue returns the struct input points to.
func structValue(input any) (reflect.Value, bool) {
	if input == nil {
		return reflect.Value{}, false
	}
	v := reflect.ValueOf(input)
	for v.Kind() == reflect.Pointer || v.Kind() == reflect.Interface {
		if v.IsNil() {
			return reflect.Value{}, false
		}
		v = v.Elem()
	}
	if v.Kind() != reflect.Struct {
		return reflect.Value{}, false
	}
	return v, true
}

type encoder struct {
	buf     []byte
	key     []byte // the current key, unescaped (Foo.member.1.Bar)
	dialect Dialect
	opts    protocol.MarshalOptions
	depth   int
}

// maxDepth bounds recursion through self-referencing shapes; Go values
// cannot nest deeper than their pointers allow, but a cyclic value could.
const maxDepth = 64

var errDepth = errors.New("awsquery: input nested too deeply (cyclic value?)")

// pushMember appends the wire name of structure member m to the key.
func (e *encoder) pushMember(m *protocol.Member) int {
	if e.dialect == EC2 {
		// botocore's EC2Serializer: queryName, else the locationName
		// capitalised. The Smithy ec2Query tests (Ec2TimestampsInput,
		// Ec2QueryEndpointTraitWithHostLabel) also capitalise a bare member
		// name, which botocore does not; real EC2 member names are already
		// capitalised, so both agree on the real service.
		switch {
		case m.QueryName != "":
			return e.push(m.QueryName, false)
		case m.LocationName != "":
			return e.push(m.LocationName, true)
		}
		return e.push(m.Name, true)
	}
	if m.LocationName != "" {
		return e.push(m.LocationName, false)
	}
	return e.push(m.Name, false)
}

// pushElement appends the name of a list element or map key/value to the
// key: its locationName (EC2: queryName, else capitalised locationName),
// else def.
func (e *encoder) pushElement(m *protocol.Member, def string) int {
	if e.dialect == EC2 {
		switch {
		case m.QueryName != "":
			return e.push(m.QueryName, false)
		case m.LocationName != "":
			return e.push(m.LocationName, true)
		}
		return e.push(def, false)
	}
	if m.LocationName != "" {
		return e.push(m.LocationName, false)
	}
	return e.push(def, false)
}

// push appends "."+seg (or seg at the start) to the key, with its first
// letter upper-cased when capital is set, and returns the previous length.
func (e *encoder) push(seg string, capital bool) int {
	n := len(e.key)
	if n > 0 {
		e.key = append(e.key, '.')
	}
	if capital && seg != "" && 'a' <= seg[0] && seg[0] <= 'z' {
		e.key = append(e.key, seg[0]-'a'+'A')
		seg = seg[1:]
	}
	e.key = append(e.key, seg...)
	return n
}

func (e *encoder) pushIndex(i int) int {
	n := len(e.key)
	e.key = append(e.key, '.')
	e.key = strconv.AppendInt(e.key, int64(i), 10)
	return n
}

// pair appends "&key=" and leaves the buffer ready for the escaped value.
func (e *encoder) pair() {
	e.buf = append(e.buf, '&')
	e.buf = appendEscapedBytes(e.buf, e.key)
	e.buf = append(e.buf, '=')
}

func (e *encoder) structure(s *protocol.Shape, v reflect.Value) error {
	e.depth++
	defer func() { e.depth-- }()
	if e.depth > maxDepth {
		return errDepth
	}
	var deferred []*protocol.Member
	for i := range s.Members {
		m := &s.Members[i]
		if m.Location != protocol.LocationBody {
			continue
		}
		var f reflect.Value
		if v.IsValid() && m.Field >= 0 && m.Field < v.NumField() {
			f = v.Field(m.Field)
		}
		if m.IdempotencyToken && isUnset(f) {
			if e.depth == 1 {
				// botocore's generate_idempotent_uuid handler adds unset
				// tokens to the parameters before serialization, so they
				// come after the caller's members: do the same.
				deferred = append(deferred, m)
				continue
			}
			n := e.pushMember(m)
			e.pair()
			e.buf = appendEscaped(e.buf, e.token())
			e.key = e.key[:n]
			continue
		}
		n := e.pushMember(m)
		if f.IsValid() {
			if err := e.value(m, m.Shape, f); err != nil {
				return err
			}
		}
		e.key = e.key[:n]
	}
	for _, m := range deferred {
		n := e.pushMember(m)
		e.pair()
		e.buf = appendEscaped(e.buf, e.token())
		e.key = e.key[:n]
	}
	return nil
}

func isUnset(v reflect.Value) bool {
	if !v.IsValid() {
		return true
	}
	switch v.Kind() {
	case reflect.Pointer, reflect.Interface:
		return v.IsNil()
	case reflect.String:
		return v.Len() == 0
	}
	return false
}

func (e *encoder) token() string {
	if e.opts.NewIdempotencyToken != nil {
		return e.opts.NewIdempotencyToken()
	}
	return newUUID()
}

// newUUID returns a random version-4 UUID (RFC 9562), the token botocore
// generates with uuid.uuid4().
func newUUID() string {
	var b [16]byte
	_, _ = rand.Read(b[:]) // crypto/rand.Read never fails (Go 1.24+)
	b[6] = b[6]&0x0f | 0x40
	b[8] = b[8]&0x3f | 0x80
	const hexd = "0123456789abcdef"
	out := make([]byte, 0, 36)
	for i, c := range b {
		if i == 4 || i == 6 || i == 8 || i == 10 {
			out = append(out, '-')
		}
		out = append(out, hexd[c>>4], hexd[c&15])
	}
	return string(out)
}

// value encodes v, described by shape s and reached through member m (whose
// traits, such as flattened and timestampFormat, apply), under e.key.
func (e *encoder) value(m *protocol.Member, s *protocol.Shape, v reflect.Value) error {
	for v.Kind() == reflect.Pointer || v.Kind() == reflect.Interface {
		if v.IsNil() {
			return nil
		}
		v = v.Elem()
	}
	if s == nil {
		return nil
	}
	switch s.Type {
	case protocol.TypeStructure:
		if v.Kind() != reflect.Struct {
			return fmt.Errorf("awsquery: %s: got Go kind %s for structure %s", e.key, v.Kind(), s.Name)
		}
		return e.structure(s, v)
	case protocol.TypeList:
		return e.list(m, s, v)
	case protocol.TypeMap:
		return e.mapValue(m, s, v)
	}
	return e.scalar(m, s, v)
}

func (e *encoder) list(m *protocol.Member, s *protocol.Shape, v reflect.Value) error {
	if v.Kind() != reflect.Slice && v.Kind() != reflect.Array {
		return fmt.Errorf("awsquery: %s: got Go kind %s for list %s", e.key, v.Kind(), s.Name)
	}
	if v.Kind() == reflect.Slice && v.IsNil() {
		return nil // unset
	}
	if s.Member == nil {
		return nil
	}
	if v.Len() == 0 {
		// The query protocol sends an explicitly empty list as "Name=";
		// EC2 sends nothing (botocore's serializers; Smithy's EmptyQueryLists
		// and Ec2EmptyQueryLists).
		if e.dialect == Query {
			e.pair()
		}
		return nil
	}
	n0 := len(e.key)
	if e.dialect == Query && !(m.Flattened || s.Flattened) {
		e.pushElement(s.Member, "member")
	}
	// A flattened list repeats under its own (member) name, or, when the
	// element has a locationName, under that name instead of the key's last
	// segment, as botocore's QuerySerializer._serialize_type_list does
	// (Smithy's QueryFlattenedListArgWithXmlName keeps the member's name;
	// botocore's ignore list skips it, and its legacy suite asks for the
	// element name). The caller truncates the key after the list. EC2 lists
	// are always flattened and ignore element names.
	if e.dialect == Query && (m.Flattened || s.Flattened) && s.Member.LocationName != "" {
		last := bytes.LastIndexByte(e.key, '.') + 1
		e.key = append(e.key[:last], s.Member.LocationName...)
	}
	e.depth++
	defer func() { e.depth-- }()
	if e.depth > maxDepth {
		return errDepth
	}
	for i := 0; i < v.Len(); i++ {
		n := e.pushIndex(i + 1)
		if err := e.value(s.Member, s.Member.Shape, v.Index(i)); err != nil {
			return err
		}
		e.key = e.key[:n]
	}
	e.key = e.key[:n0]
	return nil
}

func (e *encoder) mapValue(m *protocol.Member, s *protocol.Shape, v reflect.Value) error {
	if v.Kind() != reflect.Map {
		return fmt.Errorf("awsquery: %s: got Go kind %s for map %s", e.key, v.Kind(), s.Name)
	}
	if v.Len() == 0 || s.Key == nil || s.Value == nil {
		return nil
	}
	keys := v.MapKeys()
	// Go maps have no order; botocore follows the caller's dict order. Sort
	// by key so that the body is deterministic (and matches sorted dicts).
	slices.SortFunc(keys, func(a, b reflect.Value) int {
		as, bs := a.String(), b.String()
		switch {
		case as < bs:
			return -1
		case as > bs:
			return 1
		}
		return 0
	})
	n0 := len(e.key)
	if !(m.Flattened || s.Flattened) {
		e.push("entry", false)
	}
	e.depth++
	defer func() { e.depth-- }()
	if e.depth > maxDepth {
		return errDepth
	}
	for i, k := range keys {
		n := e.pushIndex(i + 1)
		n2 := e.pushElement(s.Key, "key")
		if err := e.value(s.Key, s.Key.Shape, k); err != nil {
			return err
		}
		e.key = e.key[:n2]
		e.pushElement(s.Value, "value")
		if err := e.value(s.Value, s.Value.Shape, v.MapIndex(k)); err != nil {
			return err
		}
		e.key = e.key[:n]
	}
	e.key = e.key[:n0]
	return nil
}

func (e *encoder) scalar(m *protocol.Member, s *protocol.Shape, v reflect.Value) error {
	switch s.Type {
	case protocol.TypeTimestamp:
		if v.Type() != timeType {
			break
		}
		t := v.Interface().(time.Time)
		f := m.TimestampFormat
		if f == protocol.TimestampDefault {
			f = s.TimestampFormat
		}
		e.pair()
		e.buf = appendTimestamp(e.buf, t, f)
		return nil
	case protocol.TypeBlob:
		if v.Kind() != reflect.Slice || v.Type().Elem().Kind() != reflect.Uint8 {
			break
		}
		if v.IsNil() {
			return nil // unset; an empty non-nil blob is sent as "Name="
		}
		e.pair()
		e.buf = appendBase64(e.buf, v.Bytes())
		return nil
	}
	switch v.Kind() {
	case reflect.String:
		e.pair()
		e.buf = appendEscaped(e.buf, v.String())
	case reflect.Bool:
		e.pair()
		if v.Bool() {
			e.buf = append(e.buf, "true"...)
		} else {
			e.buf = append(e.buf, "false"...)
		}
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		e.pair()
		e.buf = strconv.AppendInt(e.buf, v.Int(), 10)
	case reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64:
		e.pair()
		e.buf = strconv.AppendUint(e.buf, v.Uint(), 10)
	case reflect.Float32:
		e.pair()
		e.buf = appendFloat(e.buf, v.Float(), 32)
	case reflect.Float64:
		e.pair()
		e.buf = appendFloat(e.buf, v.Float(), 64)
	default:
		return fmt.Errorf("awsquery: %s: cannot encode Go type %s for %s shape %s", e.key, v.Type(), typeName(s.Type), s.Name)
	}
	return nil
}

func typeName(t protocol.Type) string {
	switch t {
	case protocol.TypeTimestamp:
		return "timestamp"
	case protocol.TypeBlob:
		return "blob"
	}
	return "scalar"
}

// appendTimestamp formats t as botocore's query serializer does. The default
// is ISO 8601 in UTC with microseconds only when they are non-zero
// (botocore's "%Y-%m-%dT%H:%M:%S.%fZ"); unixTimestamp is whole seconds;
// rfc822 is the HTTP date. The result needs no escaping beyond ':' and ','.
func appendTimestamp(dst []byte, t time.Time, f protocol.TimestampFormat) []byte {
	t = t.UTC()
	switch f {
	case protocol.TimestampUnix:
		return strconv.AppendInt(dst, t.Unix(), 10)
	case protocol.TimestampRFC822:
		var tmp [40]byte
		return appendEscapedBytes(dst, t.AppendFormat(tmp[:0], "Mon, 02 Jan 2006 15:04:05 GMT"))
	}
	var tmp [40]byte
	b := t.AppendFormat(tmp[:0], "2006-01-02T15:04:05")
	if us := t.Nanosecond() / 1000; us > 0 {
		b = append(b, '.')
		b = appendPadded(b, us, 6)
	}
	b = append(b, 'Z')
	return appendEscapedBytes(dst, b)
}

func appendPadded(dst []byte, n, width int) []byte {
	var tmp [20]byte
	s := strconv.AppendInt(tmp[:0], int64(n), 10)
	for i := len(s); i < width; i++ {
		dst = append(dst, '0')
	}
	return append(dst, s...)
}

// appendFloat formats f as Python's repr does (botocore leaves floats to
// urlencode, which calls str()): shortest round-trip digits, a ".0" on
// integral values, exponent form below 1e-4 and from 1e16, and botocore's
// spellings NaN, Infinity and -Infinity.
func appendFloat(dst []byte, f float64, bits int) []byte {
	switch {
	case math.IsNaN(f):
		return append(dst, "NaN"...)
	case math.IsInf(f, 1):
		return append(dst, "Infinity"...)
	case math.IsInf(f, -1):
		return append(dst, "-Infinity"...)
	}
	if a := math.Abs(f); a != 0 && (a < 1e-4 || a >= 1e16) {
		// Python: 1e-05, 1.5e+16; Go's 'e' format agrees, except that '+'
		// must be escaped in a form value.
		var tmp [32]byte
		return appendEscapedBytes(dst, strconv.AppendFloat(tmp[:0], f, 'e', -1, bits))
	}
	start := len(dst)
	dst = strconv.AppendFloat(dst, f, 'f', -1, bits)
	if !slices.Contains(dst[start:], '.') {
		dst = append(dst, ".0"...)
	}
	return dst
}

func appendBase64(dst []byte, b []byte) []byte {
	n := base64.StdEncoding.EncodedLen(len(b))
	start := len(dst)
	dst = slices.Grow(dst, n)[:start+n]
	base64.StdEncoding.Encode(dst[start:], b)
	// '+', '/' and '=' need escaping; escape in place via a copy only
	// when one occurs.
	enc := dst[start:]
	clean := true
	for _, c := range enc {
		if !unreserved(c) {
			clean = false
			break
		}
	}
	if clean {
		return dst
	}
	tmp := slices.Clone(enc)
	return appendEscapedBytes(dst[:start], tmp)
}
