package jsonutil

import (
	"encoding/json"
	"fmt"
	"math"
	"slices"
	"strconv"
)

// AppendDocument appends a document value (a "document" shape, Go type
// any): nil, bool, string, float64, float32, any Go integer, json.Number
// (written as it is, every digit kept, after a check that it is a
// number), []any and map[string]any (keys sorted), nested to any depth up
// to DefaultMaxDepth. NaN and the infinities have no JSON form in a
// document and are an error, as is any other Go type.
func AppendDocument(dst []byte, v any) ([]byte, error) {
	return appendDocument(dst, v, 0)
}

func appendDocument(dst []byte, v any, depth int) ([]byte, error) {
	if depth > DefaultMaxDepth {
		return dst, fmt.Errorf("jsonutil: document nested more than %d levels", DefaultMaxDepth)
	}
	switch x := v.(type) {
	case nil:
		return append(dst, "null"...), nil
	case bool:
		return strconv.AppendBool(dst, x), nil
	case string:
		return AppendString(dst, x), nil
	case json.Number:
		if !ValidNumber(string(x)) {
			return dst, fmt.Errorf("jsonutil: document number %q is not a JSON number", string(x))
		}
		return append(dst, x...), nil
	case float64:
		if math.IsNaN(x) || math.IsInf(x, 0) {
			return dst, fmt.Errorf("jsonutil: document number %v has no JSON form", x)
		}
		return AppendFloat(dst, x, 64), nil
	case float32:
		if math.IsNaN(float64(x)) || math.IsInf(float64(x), 0) {
			return dst, fmt.Errorf("jsonutil: document number %v has no JSON form", x)
		}
		return AppendFloat(dst, float64(x), 32), nil
	case int:
		return strconv.AppendInt(dst, int64(x), 10), nil
	case int8:
		return strconv.AppendInt(dst, int64(x), 10), nil
	case int16:
		return strconv.AppendInt(dst, int64(x), 10), nil
	case int32:
		return strconv.AppendInt(dst, int64(x), 10), nil
	case int64:
		return strconv.AppendInt(dst, x, 10), nil
	case uint:
		return strconv.AppendUint(dst, uint64(x), 10), nil
	case uint8:
		return strconv.AppendUint(dst, uint64(x), 10), nil
	case uint16:
		return strconv.AppendUint(dst, uint64(x), 10), nil
	case uint32:
		return strconv.AppendUint(dst, uint64(x), 10), nil
	case uint64:
		return strconv.AppendUint(dst, x, 10), nil
	case []any:
		dst = append(dst, '[')
		for i, e := range x {
			if i > 0 {
				dst = append(dst, ',')
			}
			var err error
			if dst, err = appendDocument(dst, e, depth+1); err != nil {
				return dst, err
			}
		}
		return append(dst, ']'), nil
	case map[string]any:
		return AppendSortedMap(dst, x, func(dst []byte, e any) ([]byte, error) { return appendDocument(dst, e, depth+1) })
	}
	return dst, fmt.Errorf("jsonutil: a document cannot hold a %T (want nil, bool, string, a number, json.Number, []any or map[string]any)", v)
}

// ReadDocument reads the next value as a document: an object becomes
// map[string]any, an array []any, a string string, a number json.Number
// (its exact text), true and false bool, null nil.
func (r *Reader) ReadDocument() (any, error) {
	k, err := r.Peek()
	if err != nil {
		return nil, err
	}
	switch k {
	case KindNull:
		return nil, r.ReadNull()
	case KindBool:
		return r.ReadBool()
	case KindNumber:
		b, err := r.ReadNumber()
		return json.Number(b), err
	case KindString:
		b, err := r.ReadString()
		return string(b), err
	case KindObject:
		if err := r.BeginObject(); err != nil {
			return nil, err
		}
		m := map[string]any{}
		for {
			key, ok, err := r.NextMember()
			if err != nil {
				return nil, err
			}
			if !ok {
				return m, nil
			}
			k := string(key)
			v, err := r.ReadDocument()
			if err != nil {
				return nil, err
			}
			m[k] = v
		}
	default:
		if err := r.BeginArray(); err != nil {
			return nil, err
		}
		l := []any{}
		for {
			ok, err := r.NextElement()
			if err != nil {
				return nil, err
			}
			if !ok {
				return l, nil
			}
			v, err := r.ReadDocument()
			if err != nil {
				return nil, err
			}
			l = append(l, v)
		}
	}
}

// AppendSortedMap appends m as a JSON object, its keys sorted (so that the
// same map is the same bytes every time), each value written by value;
// the first error value returns ends it.
func AppendSortedMap[V any](dst []byte, m map[string]V, value func([]byte, V) ([]byte, error)) ([]byte, error) {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	dst = append(dst, '{')
	for i, k := range keys {
		if i > 0 {
			dst = append(dst, ',')
		}
		dst = AppendString(dst, k)
		dst = append(dst, ':')
		var err error
		if dst, err = value(dst, m[k]); err != nil {
			return dst, err
		}
	}
	return append(dst, '}'), nil
}
