package protocoltest_test

import (
	"encoding/json"
	"reflect"
)

func reflectType(v any) reflect.Type { return reflect.TypeOf(v) }

// normalize turns json.Number into float64, as ToJSON reports numbers,
// and drops null members, which mean unset.
func normalize(v any) any {
	switch x := v.(type) {
	case json.Number:
		f, err := x.Float64()
		if err != nil {
			return x.String()
		}
		return f
	case map[string]any:
		out := make(map[string]any, len(x))
		for k, e := range x {
			if e != nil { // null means unset
				out[k] = normalize(e)
			}
		}
		return out
	case []any:
		out := make([]any, len(x))
		for i, e := range x {
			out[i] = normalize(e)
		}
		return out
	}
	return v
}
