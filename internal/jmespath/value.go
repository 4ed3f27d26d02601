package jmespath

import (
	"cmp"
	"encoding/json"
	"math"
	"reflect"
	"slices"
	"strconv"
	"strings"
	"sync/atomic"
	"time"
)

// The evaluator's values are nil, bool, string, the numbers float64, int64
// and json.Number, []any and map[string]any, reflect.Values of Go structs,
// maps with string keys, slices and arrays, reflect.Values of the opaque
// time.Time and []byte, and *expref. norm makes them.

// expref is the value of an expression reference (&expr).
type expref struct{ n *node }

var (
	timeType     = reflect.TypeFor[time.Time]()
	numberType   = reflect.TypeFor[json.Number]()
	anySliceType = reflect.TypeFor[[]any]()
	anyMapType   = reflect.TypeFor[map[string]any]()
)

// norm turns a Go value into an evaluator value.
func norm(v any) any {
	switch x := v.(type) {
	case nil, bool, string, float64, int64, json.Number, []any, map[string]any, *expref:
		return v
	case int:
		return int64(x)
	case int32:
		return int64(x)
	case float32:
		return float64(x)
	case *string:
		if x == nil {
			return nil
		}
		return *x
	case reflect.Value:
		return normValue(x)
	}
	return normValue(reflect.ValueOf(v))
}

// normValue turns a reflect.Value into an evaluator value: pointers and
// interfaces are followed, scalars become bool/int64/float64/string, and
// structs, slices and maps stay reflect.Values.
func normValue(v reflect.Value) any {
	for v.Kind() == reflect.Pointer || v.Kind() == reflect.Interface {
		if v.IsNil() {
			return nil
		}
		v = v.Elem()
	}
	switch v.Kind() {
	case reflect.Invalid:
		return nil
	case reflect.String:
		if v.Type() == numberType {
			return json.Number(v.String())
		}
		return v.String()
	case reflect.Bool:
		return v.Bool()
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		return v.Int()
	case reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64, reflect.Uintptr:
		if u := v.Uint(); u <= math.MaxInt64 {
			return int64(u)
		}
		return float64(v.Uint())
	case reflect.Float32, reflect.Float64:
		return v.Float()
	case reflect.Struct, reflect.Map, reflect.Slice, reflect.Array:
		switch {
		case !v.CanInterface():
			return nil
		case v.Type() == anySliceType, v.Type() == anyMapType:
			return v.Interface()
		case v.Kind() == reflect.Map && v.Type().Key().Kind() != reflect.String:
			return nil // no JMESPath type
		}
		return v
	}
	return nil // complex numbers, channels, funcs: no JMESPath type
}

// A list is a []any or a reflect.Value of a slice or array.
type list struct {
	s []any
	r reflect.Value
}

// asList returns v as a list ([]byte is a blob, not a list).
func asList(v any) (list, bool) {
	switch x := v.(type) {
	case []any:
		return list{s: x}, true
	case reflect.Value:
		if (x.Kind() == reflect.Slice || x.Kind() == reflect.Array) && x.Type().Elem().Kind() != reflect.Uint8 {
			return list{r: x}, true
		}
	}
	return list{}, false
}

func (l list) len() int {
	if l.r.IsValid() {
		return l.r.Len()
	}
	return len(l.s)
}

func (l list) at(i int) any {
	if l.r.IsValid() {
		return normValue(l.r.Index(i))
	}
	return norm(l.s[i])
}

// An object is a map[string]any or a reflect.Value of a struct (but
// time.Time) or of a map with string keys. A struct's members are its
// exported fields that are not null, in field order; a map's members are
// its entries, in key order.
type object struct {
	m map[string]any
	r reflect.Value
}

func asObject(v any) (object, bool) {
	switch x := v.(type) {
	case map[string]any:
		return object{m: x}, true
	case reflect.Value:
		switch x.Kind() {
		case reflect.Struct:
			return object{r: x}, x.Type() != timeType
		case reflect.Map:
			return object{r: x}, x.Type().Key().Kind() == reflect.String
		}
	}
	return object{}, false
}

// get returns the member name, or nil. A struct field is found by name or,
// since generated field names are the model's member names made exported,
// by the name with its first letter upper-cased. cache, when not nil,
// remembers the field of the last struct type seen (an identifier is
// usually applied to one type).
func (o object) get(name string, cache *atomic.Pointer[fieldCache]) any {
	switch {
	case !o.r.IsValid():
		return norm(o.m[name])
	case o.r.Kind() == reflect.Map:
		return normValue(o.r.MapIndex(reflect.ValueOf(name).Convert(o.r.Type().Key())))
	}
	t := o.r.Type()
	var fc *fieldCache
	if cache != nil {
		fc = cache.Load()
	}
	if fc == nil || fc.t != t {
		fc = &fieldCache{t: t}
		sf, ok := t.FieldByName(name)
		if !ok && name != "" && name[0] >= 'a' && name[0] <= 'z' {
			sf, ok = t.FieldByName(strings.ToUpper(name[:1]) + name[1:])
		}
		if ok && sf.IsExported() {
			fc.index = sf.Index
		}
		if cache != nil {
			cache.Store(fc)
		}
	}
	if fc.index == nil {
		return nil
	}
	f, err := o.r.FieldByIndexErr(fc.index)
	if err != nil {
		return nil // through a nil embedded pointer
	}
	return normValue(f)
}

// fieldCache is the index of a field of struct type t (nil: none).
type fieldCache struct {
	t     reflect.Type
	index []int
}

// each calls fn for each member in order until fn returns false.
func (o object) each(fn func(k string, v any) bool) {
	switch {
	case !o.r.IsValid():
		keys := make([]string, 0, len(o.m))
		for k := range o.m {
			keys = append(keys, k)
		}
		slices.Sort(keys)
		for _, k := range keys {
			if !fn(k, norm(o.m[k])) {
				return
			}
		}
	case o.r.Kind() == reflect.Map:
		keys := o.r.MapKeys()
		slices.SortFunc(keys, func(a, b reflect.Value) int { return cmp.Compare(a.String(), b.String()) })
		for _, k := range keys {
			if !fn(k.String(), normValue(o.r.MapIndex(k))) {
				return
			}
		}
	default:
		t := o.r.Type()
		for i := range t.NumField() {
			if !t.Field(i).IsExported() {
				continue
			}
			if v := normValue(o.r.Field(i)); v != nil {
				if !fn(t.Field(i).Name, v) {
					return
				}
			}
		}
	}
}

func (o object) len() int {
	if !o.r.IsValid() {
		return len(o.m)
	}
	if o.r.Kind() == reflect.Map {
		return o.r.Len()
	}
	n := 0
	o.each(func(string, any) bool { n++; return true })
	return n
}

// jtype is a set of JMESPath types, for function signatures.
type jtype uint16

const (
	jNull jtype = 1 << iota
	jBoolean
	jNumber
	jString
	jArray
	jObject
	jExpref
	jArrayNumber // an array of numbers (in signatures only)
	jArrayString // an array of strings (in signatures only)
	jOpaque      // time.Time, []byte: no JMESPath type
	jAny         = jNull | jBoolean | jNumber | jString | jArray | jObject | jOpaque
)

var typeNames = map[jtype]string{
	jNull: "null", jBoolean: "boolean", jNumber: "number", jString: "string", jArray: "array",
	jObject: "object", jExpref: "expref", jArrayNumber: "array[number]", jArrayString: "array[string]",
	jOpaque: "a value of no JMESPath type",
}

func (t jtype) String() string {
	var names []string
	for b := jtype(1); b <= t; b <<= 1 {
		if t&b != 0 {
			names = append(names, typeNames[b])
		}
	}
	return strings.Join(names, " or ")
}

func typeOf(v any) jtype {
	switch v.(type) {
	case nil:
		return jNull
	case bool:
		return jBoolean
	case float64, int64, json.Number:
		return jNumber
	case string:
		return jString
	case []any:
		return jArray
	case map[string]any:
		return jObject
	case *expref:
		return jExpref
	}
	if _, ok := asList(v); ok {
		return jArray
	}
	if _, ok := asObject(v); ok {
		return jObject
	}
	return jOpaque
}

// truthy is JMESPath's truth: false, null, "", [] and {} are false; every
// number is true.
func truthy(v any) bool {
	switch x := v.(type) {
	case nil:
		return false
	case bool:
		return x
	case string:
		return x != ""
	case []any:
		return len(x) > 0
	case map[string]any:
		return len(x) > 0
	case reflect.Value:
		if l, ok := asList(x); ok {
			return l.len() > 0
		}
		if o, ok := asObject(x); ok {
			return o.len() > 0
		}
	}
	return true
}

// num returns a number as a float64 and, when it is an integer that fits,
// as an int64 (isInt).
func num(v any) (f float64, i int64, isInt, ok bool) {
	switch x := v.(type) {
	case float64:
		return x, 0, false, true
	case int64:
		return float64(x), x, true, true
	case json.Number:
		if i, err := strconv.ParseInt(string(x), 10, 64); err == nil {
			return float64(i), i, true, true
		}
		f, err := strconv.ParseFloat(string(x), 64)
		if err != nil && f == 0 {
			f = math.NaN() // not a number: equal to nothing
		}
		return f, 0, false, true
	}
	return 0, 0, false, false
}

// compareNumbers orders two numbers by their exact values (as Python
// compares int and float), so that an int64 beyond 2^53 is not rounded to
// the nearest float64 first.
func compareNumbers(a, b any) int {
	fa, ia, aInt, _ := num(a)
	fb, ib, bInt, _ := num(b)
	switch {
	case aInt && bInt:
		return cmp.Compare(ia, ib)
	case aInt:
		return compareIntFloat(ia, fb)
	case bInt:
		return -compareIntFloat(ib, fa)
	}
	return cmp.Compare(fa, fb)
}

func compareIntFloat(i int64, f float64) int {
	switch {
	case math.IsNaN(f):
		return 1 // as cmp.Compare: NaN is less than any number
	case f >= 1<<63:
		return -1
	case f < -(1 << 63):
		return 1
	}
	t := math.Trunc(f)
	if c := cmp.Compare(i, int64(t)); c != 0 {
		return c
	}
	return cmp.Compare(0, f-t)
}

// equal is JMESPath's equality: same type and value, numbers compared as
// numbers (1 == 1.0), lists element by element, objects member by member.
func equal(a, b any) bool {
	ta, tb := typeOf(a), typeOf(b)
	if ta != tb {
		return false
	}
	switch ta {
	case jNull:
		return true
	case jBoolean:
		return a.(bool) == b.(bool)
	case jString:
		return a.(string) == b.(string)
	case jNumber:
		fa, _, _, _ := num(a)
		fb, _, _, _ := num(b)
		if math.IsNaN(fa) || math.IsNaN(fb) {
			return false
		}
		return compareNumbers(a, b) == 0
	case jArray:
		la, _ := asList(a)
		lb, _ := asList(b)
		if la.len() != lb.len() {
			return false
		}
		for i := range la.len() {
			if !equal(la.at(i), lb.at(i)) {
				return false
			}
		}
		return true
	case jObject:
		oa, _ := asObject(a)
		ob, _ := asObject(b)
		if oa.len() != ob.len() {
			return false
		}
		eq := true
		oa.each(func(k string, v any) bool {
			w, ok := ob.lookup(k)
			eq = ok && equal(v, w)
			return eq
		})
		return eq
	case jExpref:
		return a.(*expref) == b.(*expref)
	}
	ra, ok1 := a.(reflect.Value)
	rb, ok2 := b.(reflect.Value)
	if !ok1 || !ok2 || !ra.CanInterface() || !rb.CanInterface() {
		return false
	}
	return reflect.DeepEqual(ra.Interface(), rb.Interface())
}

// lookup returns the member k and whether o has it (a struct has only its
// fields that are not null).
func (o object) lookup(k string) (any, bool) {
	switch {
	case !o.r.IsValid():
		v, ok := o.m[k]
		return norm(v), ok
	case o.r.Kind() == reflect.Map:
		v := o.r.MapIndex(reflect.ValueOf(k).Convert(o.r.Type().Key()))
		return normValue(v), v.IsValid()
	}
	f := o.r.FieldByName(k)
	if !f.IsValid() {
		return nil, false
	}
	sf, _ := o.r.Type().FieldByName(k)
	if !sf.IsExported() {
		return nil, false
	}
	v := normValue(f)
	return v, v != nil
}

// Plain converts a Search result to plain JSON-like data: nil, bool,
// string, a number (float64, int64 or json.Number, as Search gave it),
// []any and map[string]any (a struct's fields that are not null, keyed by
// field name). time.Time and []byte are kept as they are; an expression
// reference (&expr) becomes nil.
func Plain(v any) any {
	v = norm(v)
	switch typeOf(v) {
	case jArray:
		l, _ := asList(v)
		out := make([]any, l.len())
		for i := range out {
			out[i] = Plain(l.at(i))
		}
		return out
	case jObject:
		o, _ := asObject(v)
		out := make(map[string]any, o.len())
		o.each(func(k string, e any) bool {
			out[k] = Plain(e)
			return true
		})
		return out
	case jExpref:
		return nil
	case jOpaque:
		if r, ok := v.(reflect.Value); ok && r.CanInterface() {
			return r.Interface()
		}
	}
	return v
}

// Equal reports whether two values (Search results, Go values or plain
// JSON-like values, as from encoding/json) are equal in JMESPath's sense:
// same type and value, numbers compared as numbers (1 == 1.0), objects
// without regard to member order.
func Equal(a, b any) bool { return equal(norm(a), norm(b)) }
