package xmlutil

import (
	"encoding/base64"
	"errors"
	"fmt"
	"reflect"
	"slices"
	"strconv"
	"time"
	"unicode/utf8"

	"github.com/goto3/goto3/protocol"
)

// EncodeOptions configures AppendElement. The zero value is ready to use.
type EncodeOptions struct {
	// IdempotencyToken, when set, supplies the value of idempotency-token
	// members left unset (nil pointer or empty string).
	IdempotencyToken func() string
}

// maxEncodeDepth bounds recursion through self-referencing shapes.
const maxEncodeDepth = 100

// AppendElement appends to dst the XML element called name (with the
// namespace ns declared on it when ns.URI is set) holding v, described by
// shape, and returns the extended buffer. v is the Go value (or a pointer to
// it) of the shape. For a structure, members with a location other than the
// body are left out, xmlAttribute members become attributes, nil pointers,
// nil slices and nil maps are omitted, and an empty non-nil list or map is
// written as an empty wrapper (nothing when flattened). Text is escaped.
func AppendElement(dst []byte, name string, ns protocol.XMLNamespace, shape *protocol.Shape, v reflect.Value, opts EncodeOptions) ([]byte, error) {
	e := encoder{buf: dst, opts: opts}
	if err := e.element(name, ns, shape, v, 0); err != nil {
		return dst, err
	}
	return e.buf, nil
}

type encoder struct {
	buf  []byte
	opts EncodeOptions
}

func (e *encoder) open(name string, ns protocol.XMLNamespace) {
	e.buf = append(e.buf, '<')
	e.buf = append(e.buf, name...)
	if ns.URI != "" {
		e.buf = append(e.buf, " xmlns"...)
		if ns.Prefix != "" {
			e.buf = append(e.buf, ':')
			e.buf = append(e.buf, ns.Prefix...)
		}
		e.buf = append(e.buf, `="`...)
		e.buf = appendEscaped(e.buf, ns.URI, true)
		e.buf = append(e.buf, '"')
	}
}

func (e *encoder) close(name string) {
	e.buf = append(e.buf, "</"...)
	e.buf = append(e.buf, name...)
	e.buf = append(e.buf, '>')
}

func memberNS(m *protocol.Member) protocol.XMLNamespace {
	if m.XMLNamespace.URI != "" {
		return m.XMLNamespace
	}
	if m.Shape != nil {
		return m.Shape.XMLNamespace
	}
	return protocol.XMLNamespace{}
}

func memberTSFormat(m *protocol.Member) protocol.TimestampFormat {
	if m.TimestampFormat != protocol.TimestampDefault {
		return m.TimestampFormat
	}
	if m.Shape != nil {
		return m.Shape.TimestampFormat
	}
	return protocol.TimestampDefault
}

// element writes one element for v. tsf is the timestamp format in force.
func (e *encoder) element(name string, ns protocol.XMLNamespace, sh *protocol.Shape, v reflect.Value, depth int) error {
	return e.elementTS(name, ns, sh, v, sh.TimestampFormat, depth)
}

func (e *encoder) elementTS(name string, ns protocol.XMLNamespace, sh *protocol.Shape, v reflect.Value, tsf protocol.TimestampFormat, depth int) error {
	if depth > maxEncodeDepth {
		return errors.New("xmlutil: value nested too deeply")
	}
	if v.Kind() == reflect.Pointer || v.Kind() == reflect.Interface {
		if v.IsNil() {
			return nil
		}
		v = v.Elem()
	}
	switch sh.Type {
	case protocol.TypeStructure:
		if v.Kind() != reflect.Struct {
			return fmt.Errorf("xmlutil: %s: got %s, want a struct", sh.Name, v.Type())
		}
		e.open(name, ns)
		for i := range sh.Members {
			m := &sh.Members[i]
			if !m.XMLAttribute || m.Location != protocol.LocationBody {
				continue
			}
			f := v.Field(m.Field)
			if f.Kind() == reflect.Pointer && f.IsNil() {
				continue
			}
			if f.Kind() == reflect.Pointer {
				f = f.Elem()
			}
			e.buf = append(e.buf, ' ')
			e.buf = append(e.buf, m.LocationName...)
			e.buf = append(e.buf, `="`...)
			mark := len(e.buf)
			e.buf = e.appendScalar(e.buf, m.Shape, f, memberTSFormat(m))
			e.buf = append(e.buf[:mark], escapeBytes(e.buf[mark:], true)...)
			e.buf = append(e.buf, '"')
		}
		e.buf = append(e.buf, '>')
		for i := range sh.Members {
			m := &sh.Members[i]
			if m.XMLAttribute || m.Location != protocol.LocationBody {
				continue
			}
			f := v.Field(m.Field)
			if m.IdempotencyToken && e.opts.IdempotencyToken != nil && isUnset(f) {
				tok := e.opts.IdempotencyToken()
				e.open(memberName(m), memberNS(m))
				e.buf = append(e.buf, '>')
				e.buf = appendEscaped(e.buf, tok, false)
				e.close(memberName(m))
				continue
			}
			if err := e.member(m, f, depth+1); err != nil {
				return err
			}
		}
		e.close(name)
	case protocol.TypeList:
		if v.Kind() != reflect.Slice || v.IsNil() {
			return nil
		}
		itemName := "member"
		var itemNS protocol.XMLNamespace
		if sh.Member.LocationName != "" {
			itemName = sh.Member.LocationName
		}
		itemNS = memberNS(sh.Member)
		e.open(name, ns)
		e.buf = append(e.buf, '>')
		for i := 0; i < v.Len(); i++ {
			if err := e.elementTS(itemName, itemNS, sh.Member.Shape, v.Index(i), memberTSFormat(sh.Member), depth+1); err != nil {
				return err
			}
		}
		e.close(name)
	case protocol.TypeMap:
		if v.Kind() != reflect.Map || v.IsNil() {
			return nil
		}
		e.open(name, ns)
		e.buf = append(e.buf, '>')
		if err := e.mapEntries("entry", protocol.XMLNamespace{}, sh, v, depth); err != nil {
			return err
		}
		e.close(name)
	default:
		e.open(name, ns)
		e.buf = append(e.buf, '>')
		if sh.Type == protocol.TypeString && v.Kind() == reflect.String {
			e.buf = appendText(e.buf, v.String())
		} else {
			e.buf = e.appendScalar(e.buf, sh, v, tsf)
		}
		e.close(name)
	}
	return nil
}

func memberName(m *protocol.Member) string {
	if m.LocationName != "" {
		return m.LocationName
	}
	return m.Name
}

func isUnset(f reflect.Value) bool {
	switch f.Kind() {
	case reflect.Pointer, reflect.Interface:
		return f.IsNil()
	case reflect.String:
		return f.Len() == 0
	}
	return false
}

// member writes a structure member, handling flattened lists and maps.
func (e *encoder) member(m *protocol.Member, f reflect.Value, depth int) error {
	name := memberName(m)
	ns := memberNS(m)
	if isFlattened(m) {
		switch m.Shape.Type {
		case protocol.TypeList:
			if f.Kind() != reflect.Slice {
				return nil
			}
			for i := 0; i < f.Len(); i++ {
				if err := e.elementTS(name, ns, m.Shape.Member.Shape, f.Index(i), memberTSFormat(m.Shape.Member), depth+1); err != nil {
					return err
				}
			}
			return nil
		case protocol.TypeMap:
			if f.Kind() != reflect.Map {
				return nil
			}
			return e.mapEntries(name, ns, m.Shape, f, depth)
		}
	}
	return e.elementTS(name, ns, m.Shape, f, memberTSFormat(m), depth)
}

func (e *encoder) mapEntries(entry string, ns protocol.XMLNamespace, sh *protocol.Shape, v reflect.Value, depth int) error {
	keyName, valName := "key", "value"
	if sh.Key.LocationName != "" {
		keyName = sh.Key.LocationName
	}
	if sh.Value.LocationName != "" {
		valName = sh.Value.LocationName
	}
	keys := v.MapKeys()
	slices.SortFunc(keys, func(a, b reflect.Value) int {
		switch {
		case a.String() < b.String():
			return -1
		case a.String() > b.String():
			return 1
		}
		return 0
	})
	for _, k := range keys {
		e.open(entry, ns)
		e.buf = append(e.buf, '>')
		if err := e.elementTS(keyName, memberNS(sh.Key), sh.Key.Shape, k, memberTSFormat(sh.Key), depth+1); err != nil {
			return err
		}
		if err := e.elementTS(valName, memberNS(sh.Value), sh.Value.Shape, v.MapIndex(k), memberTSFormat(sh.Value), depth+1); err != nil {
			return err
		}
		e.close(entry)
	}
	return nil
}

// appendScalar appends the unescaped text form of a scalar.
func (e *encoder) appendScalar(dst []byte, sh *protocol.Shape, v reflect.Value, tsf protocol.TimestampFormat) []byte {
	if v.Kind() == reflect.Pointer {
		if v.IsNil() {
			return dst
		}
		v = v.Elem()
	}
	switch sh.Type {
	case protocol.TypeString:
		if v.Kind() == reflect.String {
			return append(dst, v.String()...)
		}
	case protocol.TypeBoolean:
		if v.Kind() == reflect.Bool {
			return strconv.AppendBool(dst, v.Bool())
		}
	case protocol.TypeByte, protocol.TypeShort, protocol.TypeInteger, protocol.TypeLong, protocol.TypeBigInteger:
		switch v.Kind() {
		case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
			return strconv.AppendInt(dst, v.Int(), 10)
		}
	case protocol.TypeFloat, protocol.TypeDouble, protocol.TypeBigDecimal:
		switch v.Kind() {
		case reflect.Float32:
			return append(dst, FormatFloat(v.Float(), 32)...)
		case reflect.Float64:
			return append(dst, FormatFloat(v.Float(), 64)...)
		}
	case protocol.TypeTimestamp:
		if t, ok := v.Interface().(time.Time); ok {
			return AppendTimestamp(dst, t, tsf)
		}
	case protocol.TypeBlob:
		if v.Kind() == reflect.Slice && v.Type().Elem().Kind() == reflect.Uint8 {
			return base64.StdEncoding.AppendEncode(dst, v.Bytes())
		}
	}
	return dst
}

// appendText appends s escaped as element text.
func appendText(dst []byte, s string) []byte {
	for i := 0; i < len(s); i++ {
		switch s[i] {
		case '&', '<', '>', '\r':
			return appendEscaped(dst, s, false)
		}
	}
	return append(dst, s...)
}

func appendEscaped(dst []byte, s string, attr bool) []byte {
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
			dst = appendEscByte(dst, c, attr)
			i++
			continue
		}
		_, n := utf8.DecodeRuneInString(s[i:])
		dst = append(dst, s[i:i+n]...)
		i += n
	}
	return dst
}

func appendEscByte(dst []byte, c byte, attr bool) []byte {
	switch c {
	case '&':
		return append(dst, "&amp;"...)
	case '<':
		return append(dst, "&lt;"...)
	case '>':
		return append(dst, "&gt;"...)
	case '\r':
		return append(dst, "&#13;"...)
	case '"':
		if attr {
			return append(dst, "&quot;"...)
		}
	case '\n':
		if attr {
			return append(dst, "&#10;"...)
		}
	case '\t':
		if attr {
			return append(dst, "&#9;"...)
		}
	}
	return append(dst, c)
}

func escapeBytes(b []byte, attr bool) []byte {
	out := make([]byte, 0, len(b)+16)
	for _, c := range b {
		out = appendEscByte(out, c, attr)
	}
	return out
}
