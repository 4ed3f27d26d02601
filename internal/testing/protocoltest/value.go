package protocoltest

import (
	"bytes"
	"encoding/base64"
	"encoding/json"
	"fmt"
	"io"
	"math"
	"reflect"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/goto3/goto3/protocol"
)

var (
	readCloserType = reflect.TypeFor[io.ReadCloser]()
)

// BuildValue turns a case's "params" into a pointer to a new value of
// shape's generated Go struct (shape.ReflectType()), walking the schema: members
// are matched by their model name; timestamps are epoch seconds (numbers,
// fractions allowed); blobs are strings whose bytes are the blob; floats
// may be the strings "NaN", "Infinity" and "-Infinity"; a streaming blob
// becomes a reader over the string. Numbers may be json.Number (as Load
// returns them) or float64. A nil shape (an operation without input) gives
// the zero reflect.Value. Unknown members and mistyped values are errors.
func BuildValue(shape *protocol.Shape, params any) (reflect.Value, error) {
	return builder{}.build(shape, params)
}

// BuildValueBase64 is BuildValue for params whose blobs and streaming
// blobs are base64 strings (as botocore-generated vectors carry bytes).
func BuildValueBase64(shape *protocol.Shape, params any) (reflect.Value, error) {
	return builder{base64: true}.build(shape, params)
}

func (b builder) build(shape *protocol.Shape, params any) (reflect.Value, error) {
	if shape == nil {
		if m, ok := params.(map[string]any); params != nil && (!ok || len(m) > 0) {
			return reflect.Value{}, fmt.Errorf("protocoltest: params %v for an operation without input", params)
		}
		return reflect.Value{}, nil
	}
	gt := shape.ReflectType()
	if gt == nil {
		return reflect.Value{}, fmt.Errorf("protocoltest: shape %s has no Go type", shape.Name)
	}
	v := reflect.New(gt)
	if params == nil {
		return v, nil
	}
	if err := b.setValue(shape, v.Elem(), params, shape.Name); err != nil {
		return reflect.Value{}, err
	}
	return v, nil
}

// builder fills Go values from params; base64 says how blobs are spelled.
type builder struct{ base64 bool }

// bytes returns the bytes a blob's string stands for.
func (b builder) bytes(s string) ([]byte, error) {
	if b.base64 {
		return base64.StdEncoding.DecodeString(s)
	}
	return []byte(s), nil
}

func (b builder) setValue(shape *protocol.Shape, f reflect.Value, val any, path string) error {
	if val == nil {
		return nil
	}
	if shape.Type == protocol.TypeDocument {
		// A document takes the JSON value as decoded (numbers as
		// json.Number, so that every digit is sent).
		if f.Kind() != reflect.Interface {
			return fmt.Errorf("protocoltest: %s: document field is %s, want any", path, f.Type())
		}
		f.Set(reflect.ValueOf(&val).Elem())
		return nil
	}
	switch f.Kind() {
	case reflect.Pointer:
		p := reflect.New(f.Type().Elem())
		if err := b.setValue(shape, p.Elem(), val, path); err != nil {
			return err
		}
		f.Set(p)
		return nil
	case reflect.Interface:
		s, ok := val.(string)
		if !ok {
			return fmt.Errorf("protocoltest: %s: streaming blob %T, want string", path, val)
		}
		data, err := b.bytes(s)
		if err != nil {
			return fmt.Errorf("protocoltest: %s: %v", path, err)
		}
		var r io.Reader = bytes.NewReader(data)
		if f.Type() == readCloserType {
			r = io.NopCloser(r)
		}
		if !reflect.TypeOf(r).AssignableTo(f.Type()) {
			return fmt.Errorf("protocoltest: %s: cannot set %s", path, f.Type())
		}
		f.Set(reflect.ValueOf(r))
		return nil
	}
	mismatch := func() error {
		return fmt.Errorf("protocoltest: %s: %T does not fit %s (shape %s)", path, val, f.Type(), shape.Name)
	}
	switch shape.Type {
	case protocol.TypeStructure:
		m, ok := val.(map[string]any)
		if !ok || f.Kind() != reflect.Struct {
			return mismatch()
		}
		keys := sortedKeys(m)
		for _, k := range keys {
			mem := memberNamed(shape, k)
			if mem == nil {
				return fmt.Errorf("protocoltest: %s: shape %s has no member %q", path, shape.Name, k)
			}
			if err := b.setValue(mem.Shape, f.Field(mem.Field), m[k], path+"."+k); err != nil {
				return err
			}
		}
	case protocol.TypeList:
		l, ok := val.([]any)
		if !ok || f.Kind() != reflect.Slice {
			return mismatch()
		}
		s := reflect.MakeSlice(f.Type(), len(l), len(l))
		for i, e := range l {
			if err := b.setValue(shape.Member.Shape, s.Index(i), e, fmt.Sprintf("%s[%d]", path, i)); err != nil {
				return err
			}
		}
		f.Set(s)
	case protocol.TypeMap:
		m, ok := val.(map[string]any)
		if !ok || f.Kind() != reflect.Map {
			return mismatch()
		}
		out := reflect.MakeMapWithSize(f.Type(), len(m))
		for _, k := range sortedKeys(m) {
			e := reflect.New(f.Type().Elem()).Elem()
			if err := b.setValue(shape.Value.Shape, e, m[k], path+"["+strconv.Quote(k)+"]"); err != nil {
				return err
			}
			out.SetMapIndex(reflect.ValueOf(k).Convert(f.Type().Key()), e)
		}
		f.Set(out)
	case protocol.TypeString, protocol.TypeBigInteger, protocol.TypeBigDecimal:
		switch x := val.(type) {
		case string:
			if f.Kind() != reflect.String {
				return mismatch()
			}
			f.SetString(x)
		case json.Number:
			if f.Kind() != reflect.String || shape.Type == protocol.TypeString {
				return mismatch()
			}
			f.SetString(x.String())
		default:
			return mismatch()
		}
	case protocol.TypeBlob:
		s, ok := val.(string)
		if !ok || f.Type() != reflect.TypeFor[[]byte]() {
			return mismatch()
		}
		data, err := b.bytes(s)
		if err != nil {
			return fmt.Errorf("protocoltest: %s: %v", path, err)
		}
		f.SetBytes(data)
	case protocol.TypeBoolean:
		b, ok := val.(bool)
		if !ok || f.Kind() != reflect.Bool {
			return mismatch()
		}
		f.SetBool(b)
	case protocol.TypeByte, protocol.TypeShort, protocol.TypeInteger, protocol.TypeLong:
		n, err := intOf(val)
		if err != nil || (f.Kind() != reflect.Int32 && f.Kind() != reflect.Int64) {
			return mismatch()
		}
		if f.OverflowInt(n) {
			return fmt.Errorf("protocoltest: %s: %d overflows %s", path, n, f.Type())
		}
		f.SetInt(n)
	case protocol.TypeFloat, protocol.TypeDouble:
		x, err := floatOf(val)
		if err != nil || (f.Kind() != reflect.Float32 && f.Kind() != reflect.Float64) {
			return mismatch()
		}
		f.SetFloat(x)
	case protocol.TypeTimestamp:
		t, err := timeOf(val)
		if err != nil || f.Type() != reflect.TypeFor[time.Time]() {
			return mismatch()
		}
		f.Set(reflect.ValueOf(t))
	default:
		return mismatch()
	}
	return nil
}

func memberNamed(shape *protocol.Shape, name string) *protocol.Member {
	for i := range shape.Members {
		if shape.Members[i].Name == name {
			return &shape.Members[i]
		}
	}
	return nil
}

func sortedKeys(m map[string]any) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}

func intOf(v any) (int64, error) {
	switch x := v.(type) {
	case json.Number:
		return x.Int64()
	case float64:
		if x != math.Trunc(x) || math.Abs(x) > 1<<53 {
			return 0, fmt.Errorf("not an integer: %v", x)
		}
		return int64(x), nil
	case int:
		return int64(x), nil
	case int64:
		return x, nil
	}
	return 0, fmt.Errorf("not a number: %T", v)
}

func floatOf(v any) (float64, error) {
	switch x := v.(type) {
	case json.Number:
		return x.Float64()
	case float64:
		return x, nil
	case int:
		return float64(x), nil
	case string:
		switch x {
		case "NaN":
			return math.NaN(), nil
		case "Infinity":
			return math.Inf(1), nil
		case "-Infinity":
			return math.Inf(-1), nil
		}
	}
	return 0, fmt.Errorf("not a float: %v", v)
}

// timeOf reads epoch seconds exactly: "1398796238.123" is 1398796238 s and
// 123 ms, with no float rounding.
func timeOf(v any) (time.Time, error) {
	var s string
	switch x := v.(type) {
	case json.Number:
		s = x.String()
	case float64:
		s = strconv.FormatFloat(x, 'f', -1, 64)
	case int:
		s = strconv.Itoa(x)
	case int64:
		s = strconv.FormatInt(x, 10)
	case string:
		if t, err := time.Parse(time.RFC3339Nano, x); err == nil {
			return t.UTC(), nil
		}
		s = x
	default:
		return time.Time{}, fmt.Errorf("not a timestamp: %T", v)
	}
	intPart, frac, _ := strings.Cut(s, ".")
	sec, err := strconv.ParseInt(intPart, 10, 64)
	if err != nil {
		return time.Time{}, err
	}
	var nsec int64
	if frac != "" {
		if len(frac) > 9 {
			frac = frac[:9]
		}
		frac += strings.Repeat("0", 9-len(frac))
		nsec, err = strconv.ParseInt(frac, 10, 64)
		if err != nil {
			return time.Time{}, err
		}
		if strings.HasPrefix(intPart, "-") {
			nsec = -nsec
		}
	}
	return time.Unix(sec, nsec).UTC(), nil
}

// ToJSON turns a decoded Go value described by shape into the form of a
// case's "result" as Load returns it: a document is its value with
// json.Number turned into float64; a structure becomes a map keyed by
// model member names, with unset (nil) pointers, slices, maps and readers
// left out; numbers become float64 (a float32 through its shortest decimal
// form, so 1.1 stays 1.1); NaN and infinities the strings "NaN",
// "Infinity", "-Infinity"; timestamps epoch seconds; blobs and streams
// (read to the end) strings. ResultMetadata is not a member and never
// appears. v may be the struct or a pointer to it.
func ToJSON(shape *protocol.Shape, v reflect.Value) any {
	if !v.IsValid() {
		return nil
	}
	if shape.Type == protocol.TypeDocument {
		if v.Kind() == reflect.Interface && v.IsNil() {
			return nil
		}
		return floats(v.Interface())
	}
	for v.Kind() == reflect.Pointer || v.Kind() == reflect.Interface {
		if v.IsNil() {
			return nil
		}
		if v.Kind() == reflect.Interface {
			if r, ok := v.Interface().(io.Reader); ok {
				b, err := io.ReadAll(r)
				if err != nil {
					return fmt.Sprintf("<read error: %v>", err)
				}
				return string(b)
			}
		}
		v = v.Elem()
	}
	switch shape.Type {
	case protocol.TypeStructure:
		out := map[string]any{}
		for i := range shape.Members {
			m := &shape.Members[i]
			f := v.Field(m.Field)
			if isUnset(f) {
				continue
			}
			out[m.Name] = ToJSON(m.Shape, f)
		}
		return out
	case protocol.TypeList:
		out := make([]any, v.Len())
		for i := range out {
			out[i] = ToJSON(shape.Member.Shape, v.Index(i))
		}
		return out
	case protocol.TypeMap:
		out := make(map[string]any, v.Len())
		it := v.MapRange()
		for it.Next() {
			out[it.Key().String()] = ToJSON(shape.Value.Shape, it.Value())
		}
		return out
	case protocol.TypeBlob:
		return string(v.Bytes())
	case protocol.TypeBoolean:
		return v.Bool()
	case protocol.TypeByte, protocol.TypeShort, protocol.TypeInteger, protocol.TypeLong:
		return float64(v.Int())
	case protocol.TypeFloat, protocol.TypeDouble:
		f := v.Float()
		switch {
		case math.IsNaN(f):
			return "NaN"
		case math.IsInf(f, 1):
			return "Infinity"
		case math.IsInf(f, -1):
			return "-Infinity"
		}
		if v.Kind() == reflect.Float32 {
			f, _ = strconv.ParseFloat(strconv.FormatFloat(f, 'g', -1, 32), 64)
		}
		return f
	case protocol.TypeTimestamp:
		t := v.Interface().(time.Time)
		s := strconv.FormatInt(t.Unix(), 10)
		if ns := t.Nanosecond(); ns != 0 {
			if t.Unix() < 0 {
				// time.Unix splits negative fractions downwards; keep the
				// decimal exact by going through float for this rare case.
				return float64(t.UnixNano()) / 1e9
			}
			s += "." + strings.TrimRight(fmt.Sprintf("%09d", ns), "0")
		}
		f, _ := strconv.ParseFloat(s, 64)
		return f
	}
	if v.Kind() == reflect.String {
		return v.String()
	}
	return v.Interface()
}

func isUnset(v reflect.Value) bool {
	switch v.Kind() {
	case reflect.Pointer, reflect.Interface, reflect.Slice, reflect.Map:
		return v.IsNil()
	}
	return false
}
