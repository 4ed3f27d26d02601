package difftest

import (
	"encoding/base64"
	"encoding/json"
	"fmt"
	"io"
	"math"
	"reflect"
	"strconv"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/goto3/goto3/internal/testing/protocoltest"
	"github.com/goto3/goto3/protocol"
)

// timeFormat is the canonical timestamp: RFC 3339 in UTC, the fraction's
// trailing zeros trimmed.
const timeFormat = "2006-01-02T15:04:05.999999999Z07:00"

// BuildInput turns a case's canonical params into a pointer to a new value
// of shape's Go struct: members by model name; timestamps RFC 3339
// strings; blobs base64 (a streaming blob becomes a *bytes.Reader);
// numbers json.Number, floats also "NaN", "Infinity", "-Infinity";
// documents the JSON value as decoded; jsonvalue strings their JSON text.
func BuildInput(shape *protocol.Shape, params map[string]any) (reflect.Value, error) {
	if shape.ReflectType() == nil {
		return reflect.Value{}, fmt.Errorf("shape %s has no Go type", shape.Name)
	}
	return protocoltest.BuildValueBase64(shape, params)
}

// ToCanonical turns a decoded Go value of shape (a struct or a pointer to
// one) into the vectors' canonical form: unset (nil) members left out,
// numbers json.Number, timestamps RFC 3339, blobs and streams (read to
// the end) base64, a jsonvalue header member parsed. ResultMetadata is
// not a member and never appears.
func ToCanonical(sh *protocol.Shape, v reflect.Value) any {
	return canonical(sh, v, false)
}

func canonical(sh *protocol.Shape, v reflect.Value, jsonHeader bool) any {
	if !v.IsValid() {
		return nil
	}
	if sh.Type == protocol.TypeDocument {
		if (v.Kind() == reflect.Interface || v.Kind() == reflect.Pointer) && v.IsNil() {
			return nil
		}
		return document(v.Interface())
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
				return base64.StdEncoding.EncodeToString(b)
			}
		}
		v = v.Elem()
	}
	switch sh.Type {
	case protocol.TypeStructure:
		out := map[string]any{}
		for i := range sh.Members {
			m := &sh.Members[i]
			f := v.Field(m.Field)
			switch f.Kind() {
			case reflect.Pointer, reflect.Interface, reflect.Slice, reflect.Map:
				if f.IsNil() {
					continue
				}
			}
			jh := m.Location == protocol.LocationHeader && (m.JSONValue || m.Shape.JSONValue)
			out[m.Name] = canonical(m.Shape, f, jh)
		}
		return out
	case protocol.TypeList:
		out := make([]any, v.Len())
		for i := range out {
			out[i] = canonical(sh.Member.Shape, v.Index(i), false)
		}
		return out
	case protocol.TypeMap:
		out := make(map[string]any, v.Len())
		it := v.MapRange()
		for it.Next() {
			out[it.Key().String()] = canonical(sh.Value.Shape, it.Value(), false)
		}
		return out
	case protocol.TypeBlob:
		return base64.StdEncoding.EncodeToString(v.Bytes())
	case protocol.TypeBoolean:
		return v.Bool()
	case protocol.TypeByte, protocol.TypeShort, protocol.TypeInteger, protocol.TypeLong:
		return json.Number(strconv.FormatInt(v.Int(), 10))
	case protocol.TypeFloat, protocol.TypeDouble:
		bits := 64
		if v.Kind() == reflect.Float32 {
			bits = 32
		}
		return floatNumber(v.Float(), bits)
	case protocol.TypeTimestamp:
		return v.Interface().(time.Time).UTC().Format(timeFormat)
	}
	if v.Kind() == reflect.String {
		if jsonHeader {
			x, err := protocoltest.DecodeJSON(v.String())
			if err != nil {
				return fmt.Sprintf("<not JSON: %q>", v.String())
			}
			return x
		}
		return v.String()
	}
	return v.Interface()
}

func floatNumber(f float64, bits int) any {
	switch {
	case math.IsNaN(f):
		return "NaN"
	case math.IsInf(f, 1):
		return "Infinity"
	case math.IsInf(f, -1):
		return "-Infinity"
	}
	return json.Number(strconv.FormatFloat(f, 'g', -1, bits))
}

// document normalizes a document's value: numbers json.Number.
func document(v any) any {
	switch x := v.(type) {
	case map[string]any:
		out := make(map[string]any, len(x))
		for k, e := range x {
			out[k] = document(e)
		}
		return out
	case []any:
		out := make([]any, len(x))
		for i, e := range x {
			out[i] = document(e)
		}
		return out
	case float64:
		return floatNumber(x, 64)
	case float32:
		return floatNumber(float64(x), 32)
	case int, int8, int16, int32, int64:
		return json.Number(strconv.FormatInt(reflect.ValueOf(x).Int(), 10))
	}
	return v
}

// CompareValues compares botocore's canonical value want with got
// (ToCanonical of the Go value), numbers by SameNumber; it returns a diff
// (-want +got) or "". Zero required scalars that want lacks are dropped
// from got first: Go cannot leave them unset.
func CompareValues(sh *protocol.Shape, want, got any) string {
	if want == nil {
		want = map[string]any{}
	}
	pruneRequiredZero(sh, got, want)
	return cmp.Diff(want, got, cmp.Comparer(protocoltest.SameNumber))
}

func pruneRequiredZero(sh *protocol.Shape, got, want any) {
	if sh == nil {
		return
	}
	switch sh.Type {
	case protocol.TypeStructure:
		g, ok1 := got.(map[string]any)
		w, ok2 := want.(map[string]any)
		if !ok1 || !ok2 {
			return
		}
		for i := range sh.Members {
			m := &sh.Members[i]
			gv, inGot := g[m.Name]
			wv, inWant := w[m.Name]
			if inGot && !inWant && m.Required && isZero(gv) {
				delete(g, m.Name)
				continue
			}
			if inGot && inWant {
				pruneRequiredZero(m.Shape, gv, wv)
			}
		}
	case protocol.TypeList:
		g, ok1 := got.([]any)
		w, ok2 := want.([]any)
		if ok1 && ok2 && len(g) == len(w) {
			for i := range g {
				pruneRequiredZero(sh.Member.Shape, g[i], w[i])
			}
		}
	case protocol.TypeMap:
		g, ok1 := got.(map[string]any)
		w, ok2 := want.(map[string]any)
		if ok1 && ok2 {
			for k := range g {
				if wv, ok := w[k]; ok {
					pruneRequiredZero(sh.Value.Shape, g[k], wv)
				}
			}
		}
	}
}

func isZero(v any) bool {
	switch x := v.(type) {
	case string:
		return x == "" || x == "0001-01-01T00:00:00Z"
	case bool:
		return !x
	case json.Number:
		f, err := x.Float64()
		return err == nil && f == 0
	}
	return false
}
