package jsonutil

import (
	"encoding/base64"
	"fmt"
	"reflect"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/goto3/goto3/protocol"
	"github.com/goto3/goto3/protocol/xmlutil"
)

// EncodeOptions says how AppendStructure writes an operation's input.
type EncodeOptions struct {
	// BodyOnly leaves out the members bound to the URI, query string or
	// headers (REST-JSON); without it every member is written
	// (AWS JSON 1.0/1.1, where botocore ignores locations). It applies to
	// the top-level structure only: nested structures are written whole.
	BodyOnly bool
	// IdempotencyToken, when set, fills top-level idempotency-token
	// members left unset (a nil pointer or an empty string), as botocore's
	// generate_idempotent_uuid does for the input's own members.
	IdempotencyToken func() string
}

// AppendStructure appends the JSON object of the structure v (a struct,
// or a pointer to one; a nil pointer is an empty object) described by sh:
// each set member under its locationName (the model's jsonName) or member
// name, unset members (nil pointers, slices, maps and interfaces) left
// out. See the package documentation for how each type is written.
func AppendStructure(dst []byte, sh *protocol.Shape, v reflect.Value, opts EncodeOptions) ([]byte, error) {
	e := encoder{opts: opts}
	return e.structure(dst, sh, v, true)
}

// AppendValue appends the JSON form of v, described by sh, which may be of
// any type (a structure member, a payload, a list element).
func AppendValue(dst []byte, sh *protocol.Shape, v reflect.Value) ([]byte, error) {
	var e encoder
	return e.value(dst, &protocol.Member{Shape: sh, Field: -1}, v)
}

type encoder struct {
	opts  EncodeOptions
	depth int
	// entries is scratch for sorting map entries (a stack: nested maps
	// use the part after their parent's).
	entries []mapEntry
	// vals holds spare slices of map values, by map type: the entries'
	// values are copied into one, without an allocation per entry.
	vals map[reflect.Type][]reflect.Value
	// keyVars holds a variable per map key type (the key is copied out
	// of it at once, so nested maps can share it).
	keyVars map[reflect.Type]reflect.Value
}

type mapEntry struct {
	key string
	i   int // index into the values slice
}

// maxEncodeDepth bounds the nesting of the value written: a cycle of
// pointers in the caller's data would otherwise recurse forever.
const maxEncodeDepth = 1000

// JSONName is the key of a structure member in a JSON body: its
// locationName when the model gives one (botocore's serialization name,
// which is how Smithy's jsonName reaches the botocore model), else its
// name.
func JSONName(m *protocol.Member) string {
	if m.LocationName != "" {
		return m.LocationName
	}
	return m.Name
}

func isBodyMember(m *protocol.Member) bool {
	switch m.Location {
	case protocol.LocationURI, protocol.LocationQuery, protocol.LocationHeader, protocol.LocationHeaders, protocol.LocationStatusCode:
		return false
	}
	return true
}

// keepsNulls reports whether the list or map sh has null elements: a
// sparse one, or one of documents, whose null (a nil any) is a document
// value, not an absence (botocore keeps them, in both directions).
func keepsNulls(sh *protocol.Shape) bool {
	el := sh.Member
	if sh.Type == protocol.TypeMap {
		el = sh.Value
	}
	return sh.Sparse || (el != nil && el.Shape != nil && el.Shape.Type == protocol.TypeDocument)
}

// unset reports whether a field holds no value.
func unset(f reflect.Value) bool {
	switch f.Kind() {
	case reflect.Pointer, reflect.Interface, reflect.Slice, reflect.Map:
		return f.IsNil()
	}
	return false
}

func (e *encoder) structure(dst []byte, sh *protocol.Shape, v reflect.Value, top bool) ([]byte, error) {
	for v.Kind() == reflect.Pointer || v.Kind() == reflect.Interface {
		if v.IsNil() {
			return append(dst, '{', '}'), nil
		}
		v = v.Elem()
	}
	if v.Kind() != reflect.Struct {
		return dst, fmt.Errorf("jsonutil: %s: Go value is %s, want a struct", sh.Name, v.Type())
	}
	e.depth++
	if e.depth > maxEncodeDepth {
		return dst, fmt.Errorf("jsonutil: %s: value nested more than %d levels", sh.Name, maxEncodeDepth)
	}
	defer func() { e.depth-- }()
	if sh.Union {
		n := 0
		for i := range sh.Members {
			if !unset(v.Field(sh.Members[i].Field)) {
				n++
			}
		}
		if n > 1 {
			return dst, fmt.Errorf("jsonutil: union %s has %d members set, want one", sh.Name, n)
		}
	}
	dst = append(dst, '{')
	n := 0
	for i := range sh.Members {
		m := &sh.Members[i]
		if top && e.opts.BodyOnly && !isBodyMember(m) {
			continue
		}
		f := v.Field(m.Field)
		if top && m.IdempotencyToken && e.opts.IdempotencyToken != nil &&
			(unset(f) || f.Kind() == reflect.String && f.Len() == 0) {
			if n > 0 {
				dst = append(dst, ',')
			}
			n++
			dst = AppendString(dst, JSONName(m))
			dst = append(dst, ':')
			dst = AppendString(dst, e.opts.IdempotencyToken())
			continue
		}
		if unset(f) {
			continue
		}
		if n > 0 {
			dst = append(dst, ',')
		}
		n++
		dst = AppendString(dst, JSONName(m))
		dst = append(dst, ':')
		var err error
		if dst, err = e.value(dst, m, f); err != nil {
			return dst, err
		}
	}
	return append(dst, '}'), nil
}

// value appends f, the value of member m (or of a list element or map
// value, with Field -1).
func (e *encoder) value(dst []byte, m *protocol.Member, f reflect.Value) ([]byte, error) {
	sh := m.Shape
	if sh.Type == protocol.TypeDocument {
		if (f.Kind() == reflect.Interface || f.Kind() == reflect.Pointer) && f.IsNil() {
			return append(dst, "null"...), nil
		}
		return AppendDocument(dst, f.Interface())
	}
	if f.Kind() == reflect.Pointer || f.Kind() == reflect.Interface {
		if f.IsNil() {
			return append(dst, "null"...), nil
		}
		if sh.Type != protocol.TypeStructure {
			f = f.Elem()
		}
	}
	switch sh.Type {
	case protocol.TypeStructure:
		return e.structure(dst, sh, f, false)
	case protocol.TypeList:
		if f.Kind() != reflect.Slice && f.Kind() != reflect.Array {
			return dst, mismatch(sh, f)
		}
		e.depth++
		if e.depth > maxEncodeDepth {
			return dst, fmt.Errorf("jsonutil: %s: value nested more than %d levels", sh.Name, maxEncodeDepth)
		}
		dst = append(dst, '[')
		n := 0
		for i := 0; i < f.Len(); i++ {
			el := f.Index(i)
			if !keepsNulls(sh) && unset(el) {
				continue // a dense list has no nulls
			}
			if n > 0 {
				dst = append(dst, ',')
			}
			n++
			var err error
			if dst, err = e.value(dst, sh.Member, el); err != nil {
				return dst, err
			}
		}
		e.depth--
		return append(dst, ']'), nil
	case protocol.TypeMap:
		return e.mapValue(dst, sh, f)
	case protocol.TypeString:
		if f.Kind() != reflect.String {
			return dst, mismatch(sh, f)
		}
		return AppendString(dst, f.String()), nil
	case protocol.TypeBoolean:
		if f.Kind() != reflect.Bool {
			return dst, mismatch(sh, f)
		}
		return strconv.AppendBool(dst, f.Bool()), nil
	case protocol.TypeByte, protocol.TypeShort, protocol.TypeInteger, protocol.TypeLong:
		switch f.Kind() {
		case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
			return strconv.AppendInt(dst, f.Int(), 10), nil
		case reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64:
			return strconv.AppendUint(dst, f.Uint(), 10), nil
		}
		return dst, mismatch(sh, f)
	case protocol.TypeFloat, protocol.TypeDouble:
		switch f.Kind() {
		case reflect.Float32:
			return AppendFloat(dst, f.Float(), 32), nil
		case reflect.Float64:
			return AppendFloat(dst, f.Float(), 64), nil
		}
		return dst, mismatch(sh, f)
	case protocol.TypeBigInteger, protocol.TypeBigDecimal:
		// Arbitrary precision numbers are strings in Go and bare numbers
		// on the wire, every digit kept.
		switch f.Kind() {
		case reflect.String:
			s := strings.TrimSpace(f.String())
			if !ValidNumber(s) {
				return dst, fmt.Errorf("jsonutil: %s: %q is not a number", sh.Name, f.String())
			}
			return append(dst, s...), nil
		case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
			return strconv.AppendInt(dst, f.Int(), 10), nil
		case reflect.Float32, reflect.Float64:
			return AppendFloat(dst, f.Float(), 64), nil
		}
		return dst, mismatch(sh, f)
	case protocol.TypeBlob:
		if f.Kind() != reflect.Slice || f.Type().Elem().Kind() != reflect.Uint8 {
			return dst, mismatch(sh, f)
		}
		b := f.Bytes()
		dst = append(dst, '"')
		dst = base64.StdEncoding.AppendEncode(dst, b)
		return append(dst, '"'), nil
	case protocol.TypeTimestamp:
		t, ok := timeOf(f)
		if !ok {
			return dst, mismatch(sh, f)
		}
		return AppendTimestamp(dst, t, timestampFormat(m)), nil
	}
	return dst, fmt.Errorf("jsonutil: %s: unsupported shape type %d", sh.Name, sh.Type)
}

func (e *encoder) keyVar(t reflect.Type) reflect.Value {
	if v, ok := e.keyVars[t]; ok {
		return v
	}
	if e.keyVars == nil {
		e.keyVars = make(map[reflect.Type]reflect.Value, 2)
	}
	v := reflect.New(t).Elem()
	e.keyVars[t] = v
	return v
}

// valueSlice returns a slice of at least n values of map type t's element
// type, a spare one when there is one big enough (slicing a
// reflect.Value allocates, so the slice keeps its length).
func (e *encoder) valueSlice(t reflect.Type, n int) reflect.Value {
	if free := e.vals[t]; len(free) > 0 {
		v := free[len(free)-1]
		if v.Len() >= n {
			e.vals[t] = free[:len(free)-1]
			return v
		}
	}
	return reflect.MakeSlice(reflect.SliceOf(t.Elem()), max(n, 16), max(n, 16))
}

// releaseValues zeroes the first n values of v (dropping their
// references) and keeps v for the next map of type t.
func (e *encoder) releaseValues(t reflect.Type, v reflect.Value, n int) {
	if e.vals == nil {
		e.vals = make(map[reflect.Type][]reflect.Value, 2)
	}
	for i := 0; i < n; i++ {
		v.Index(i).SetZero()
	}
	e.vals[t] = append(e.vals[t], v)
}

func mismatch(sh *protocol.Shape, f reflect.Value) error {
	return fmt.Errorf("jsonutil: %s: Go value of type %s does not fit the shape", sh.Name, f.Type())
}

var timeType = reflect.TypeFor[time.Time]()

func timeOf(f reflect.Value) (time.Time, bool) {
	if f.Type() == timeType {
		if f.CanAddr() {
			return *f.Addr().Interface().(*time.Time), true
		}
		return f.Interface().(time.Time), true
	}
	return time.Time{}, false
}

// timestampFormat is a member's timestampFormat, else its shape's, else
// the body default (epoch seconds).
func timestampFormat(m *protocol.Member) protocol.TimestampFormat {
	if m.TimestampFormat != protocol.TimestampDefault {
		return m.TimestampFormat
	}
	if m.Shape.TimestampFormat != protocol.TimestampDefault {
		return m.Shape.TimestampFormat
	}
	return protocol.TimestampUnix
}

// AppendTimestamp appends t in format f: epoch seconds as a number (with
// a fraction of at most millisecond precision when t has one, as Smithy's
// epoch-seconds format allows), ISO 8601 or an HTTP date as a string
// (xmlutil.FormatTimestamp).
func AppendTimestamp(dst []byte, t time.Time, f protocol.TimestampFormat) []byte {
	if f == protocol.TimestampUnix || f == protocol.TimestampDefault {
		sec := t.Unix()
		ms := t.Nanosecond() / 1e6
		if ms == 0 {
			return strconv.AppendInt(dst, sec, 10)
		}
		if sec < 0 {
			// t.Unix() floors: -1.5 s is sec -2 and 500 ms.
			sec++
			ms = 1000 - ms
			if sec == 0 {
				dst = append(dst, '-')
			}
		}
		dst = strconv.AppendInt(dst, sec, 10)
		dst = append(dst, '.', byte('0'+ms/100), byte('0'+ms/10%10), byte('0'+ms%10))
		for dst[len(dst)-1] == '0' {
			dst = dst[:len(dst)-1]
		}
		return dst
	}
	dst = append(dst, '"')
	dst = xmlutil.AppendTimestamp(dst, t, f)
	return append(dst, '"')
}

func (e *encoder) mapValue(dst []byte, sh *protocol.Shape, f reflect.Value) ([]byte, error) {
	if f.Kind() != reflect.Map || f.Type().Key().Kind() != reflect.String {
		return dst, mismatch(sh, f)
	}
	e.depth++
	if e.depth > maxEncodeDepth {
		return dst, fmt.Errorf("jsonutil: %s: value nested more than %d levels", sh.Name, maxEncodeDepth)
	}
	defer func() { e.depth-- }()
	// Keys are written sorted, so that a body is the same bytes every
	// time (as encoding/json does). The entries are copied out once, the
	// keys into the scratch stack and the values into a spare slice.
	t := f.Type()
	n := f.Len()
	vals := e.valueSlice(t, n)
	defer e.releaseValues(t, vals, n)
	kv := e.keyVar(t.Key())
	mark := len(e.entries)
	var it reflect.MapIter
	it.Reset(f)
	for i := 0; it.Next(); i++ {
		kv.SetIterKey(&it)
		vals.Index(i).SetIterValue(&it)
		e.entries = append(e.entries, mapEntry{kv.String(), i})
	}
	defer func() { e.entries = e.entries[:mark] }()
	entries := e.entries[mark:]
	slices.SortFunc(entries, func(a, b mapEntry) int { return strings.Compare(a.key, b.key) })
	dst = append(dst, '{')
	written := 0
	for _, en := range entries {
		el := vals.Index(en.i)
		if !keepsNulls(sh) && unset(el) {
			continue
		}
		if written > 0 {
			dst = append(dst, ',')
		}
		written++
		dst = AppendString(dst, en.key)
		dst = append(dst, ':')
		var err error
		if dst, err = e.value(dst, sh.Value, el); err != nil {
			return dst, err
		}
	}
	return append(dst, '}'), nil
}
