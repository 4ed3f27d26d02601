package restbind

import (
	"encoding/base64"
	"fmt"
	"net/http"
	"reflect"
	"strconv"
	"strings"
	"time"

	"github.com/goto3/goto3/protocol"
	"github.com/goto3/goto3/protocol/xmlutil"
)

var timeType = reflect.TypeOf(time.Time{})

// SetRaw stores a raw payload in a string or []byte field (or pointer).
func SetRaw(f reflect.Value, b []byte, isString bool) {
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

// BindHeaders sets the header, header-map and status-code members of v.
func BindHeaders(resp *http.Response, sh *protocol.Shape, v reflect.Value) error {
	plan := headerPlanOf(sh)
	for _, i := range plan.other {
		mem := &sh.Members[i]
		f := v.Field(mem.Field)
		switch mem.Location {
		case protocol.LocationStatusCode:
			SetInt(f, int64(resp.StatusCode))
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
	if err := SetHeader(mem, v.Field(mem.Field), strings.Join(vals, ", ")); err != nil {
		name := mem.LocationName
		if name == "" {
			name = mem.Name
		}
		return fmt.Errorf("header %s: %w", name, err)
	}
	return nil
}

// SetInt stores n in an integer field or pointer to one.
func SetInt(f reflect.Value, n int64) {
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

// SplitHeaderList splits a comma-separated header value, honouring
// double-quoted items with backslash escapes.
func SplitHeaderList(s string) []string {
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

// SetHeader parses one header value into a member.
func SetHeader(mem *protocol.Member, f reflect.Value, val string) error {
	sh := mem.Shape
	if sh.Type == protocol.TypeList {
		if f.Kind() != reflect.Slice {
			return nil
		}
		items := SplitHeaderList(val)
		el := sh.Member
		if el.Shape.Type == protocol.TypeTimestamp && TimestampFormat(el, protocol.TimestampRFC822) == protocol.TimestampRFC822 {
			// HTTP dates contain a comma: rejoin the pairs.
			var joined []string
			for i := 0; i+1 < len(items); i += 2 {
				joined = append(joined, items[i]+", "+items[i+1])
			}
			items = joined
		}
		s := reflect.MakeSlice(f.Type(), len(items), len(items))
		for i, it := range items {
			if err := SetScalar(el, s.Index(i), it); err != nil {
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
	return SetScalar(mem, f, val)
}

// SetScalar parses a header value into a scalar member.
func SetScalar(mem *protocol.Member, f reflect.Value, val string) error {
	sh := mem.Shape
	if f.Kind() == reflect.Pointer {
		p := reflect.New(f.Type().Elem())
		if err := SetScalar(mem, p.Elem(), val); err != nil {
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
		t, ok := ParseIMFFixdate(val)
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
