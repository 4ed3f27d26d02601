package jmespath

import (
	"reflect"
	"strings"
	"time"
	"unicode/utf8"
)

// Expr is a compiled expression. It is immutable and safe for concurrent
// use.
type Expr struct {
	src  string
	root *node
}

// Compile parses expr.
func Compile(expr string) (*Expr, error) {
	toks, err := lex(expr)
	if err != nil {
		return nil, err
	}
	p := &parser{expr: expr, toks: toks}
	root, err := p.parse(0)
	if err != nil {
		return nil, err
	}
	if t := p.peek(); t.kind != tEOF {
		return nil, p.errf(t, "unexpected %s", tokNames[t.kind])
	}
	return &Expr{src: expr, root: root}, nil
}

// MustCompile is Compile for expressions known to be valid; it panics on a
// syntax error.
func MustCompile(expr string) *Expr {
	e, err := Compile(expr)
	if err != nil {
		panic(err)
	}
	return e
}

// String returns the source of the expression.
func (e *Expr) String() string { return e.src }

// Search evaluates the expression against data (a Go value: usually a
// pointer to a generated output struct) and returns the result in plain
// form: nil, bool, float64, string, []any, or, for a structure, a map or a
// list that was selected whole, a reflect.Value of it (use Plain to
// convert). Values that JMESPath has no type for (time.Time, []byte) are
// returned as reflect.Value too.
func (e *Expr) Search(data any) any {
	return eval(e.root, norm(reflect.ValueOf(data)))
}

// norm turns a Go value into the evaluator's value: pointers and
// interfaces are followed, scalars become bool/float64/string, and
// structs, slices and maps stay reflect.Values.
func norm(v reflect.Value) any {
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
		return v.String()
	case reflect.Bool:
		return v.Bool()
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		return float64(v.Int())
	case reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64:
		return float64(v.Uint())
	case reflect.Float32, reflect.Float64:
		return v.Float()
	}
	if !v.CanInterface() {
		return nil
	}
	if a, ok := v.Interface().([]any); ok {
		return a
	}
	return v
}

var timeType = reflect.TypeFor[time.Time]()

func isObject(v any) (reflect.Value, bool) {
	r, ok := v.(reflect.Value)
	if !ok {
		return r, false
	}
	switch r.Kind() {
	case reflect.Struct:
		return r, r.Type() != timeType
	case reflect.Map:
		return r, r.Type().Key().Kind() == reflect.String
	}
	return r, false
}

// list returns v as a list and whether it is one ([]byte is a blob, not a
// list).
func list(v any) (n int, at func(int) any, ok bool) {
	switch x := v.(type) {
	case []any:
		return len(x), func(i int) any { return x[i] }, true
	case reflect.Value:
		if (x.Kind() == reflect.Slice || x.Kind() == reflect.Array) && x.Type().Elem().Kind() != reflect.Uint8 {
			return x.Len(), func(i int) any { return norm(x.Index(i)) }, true
		}
	}
	return 0, nil, false
}

func field(v any, name string) any {
	r, ok := isObject(v)
	if !ok {
		return nil
	}
	if r.Kind() == reflect.Map {
		k := reflect.ValueOf(name).Convert(r.Type().Key())
		return norm(r.MapIndex(k))
	}
	sf, ok := r.Type().FieldByName(name)
	if !ok && name != "" {
		// Go field names are the model's member names with the first
		// letter upper-cased.
		sf, ok = r.Type().FieldByName(strings.ToUpper(name[:1]) + name[1:])
	}
	if !ok || !sf.IsExported() {
		return nil
	}
	return norm(r.FieldByIndex(sf.Index))
}

// objectValues returns the values of an object's members (a struct's
// exported fields, a map's values in key order).
func objectValues(r reflect.Value) []any {
	var out []any
	if r.Kind() == reflect.Map {
		keys := r.MapKeys()
		sortValues(keys)
		for _, k := range keys {
			out = append(out, norm(r.MapIndex(k)))
		}
		return out
	}
	t := r.Type()
	for i := range t.NumField() {
		if t.Field(i).IsExported() {
			out = append(out, norm(r.Field(i)))
		}
	}
	return out
}

func sortValues(keys []reflect.Value) {
	for i := 1; i < len(keys); i++ {
		for j := i; j > 0 && keys[j].String() < keys[j-1].String(); j-- {
			keys[j], keys[j-1] = keys[j-1], keys[j]
		}
	}
}

func eval(n *node, cur any) any {
	switch n.kind {
	case nField:
		return field(cur, n.name)
	case nCurrent:
		return cur
	case nLiteral:
		return n.lit
	case nSub:
		return eval(n.right, eval(n.left, cur))
	case nPipe:
		return eval(n.right, eval(n.left, cur))
	case nIndex:
		l, at, ok := list(eval(n.left, cur))
		if !ok {
			return nil
		}
		i := n.n
		if i < 0 {
			i += l
		}
		if i < 0 || i >= l {
			return nil
		}
		return at(i)
	case nFlatten:
		l, at, ok := list(eval(n.left, cur))
		if !ok {
			return nil
		}
		out := make([]any, 0, l)
		for i := range l {
			e := at(i)
			if m, at2, ok := list(e); ok {
				for j := range m {
					out = append(out, at2(j))
				}
			} else {
				out = append(out, e)
			}
		}
		return out
	case nProject:
		l, at, ok := list(eval(n.left, cur))
		if !ok {
			return nil
		}
		out := make([]any, 0, l)
		for i := range l {
			if r := eval(n.right, at(i)); r != nil {
				out = append(out, r)
			}
		}
		return out
	case nValProject:
		r, ok := isObject(eval(n.left, cur))
		if !ok {
			return nil
		}
		out := []any{}
		for _, e := range objectValues(r) {
			if x := eval(n.right, e); x != nil {
				out = append(out, x)
			}
		}
		return out
	case nFilter:
		l, at, ok := list(eval(n.left, cur))
		if !ok {
			return nil
		}
		out := []any{}
		for i := range l {
			e := at(i)
			if truthy(eval(n.cond, e)) {
				if r := eval(n.right, e); r != nil {
					out = append(out, r)
				}
			}
		}
		return out
	case nOr:
		if l := eval(n.left, cur); truthy(l) {
			return l
		}
		return eval(n.right, cur)
	case nAnd:
		if l := eval(n.left, cur); !truthy(l) {
			return l
		}
		return eval(n.right, cur)
	case nNot:
		return !truthy(eval(n.left, cur))
	case nCompare:
		return compare(n.op, eval(n.left, cur), eval(n.right, cur))
	case nMultiList:
		if cur == nil {
			return nil
		}
		out := make([]any, len(n.args))
		for i, a := range n.args {
			out[i] = eval(a, cur)
		}
		return out
	case nFunc:
		return call(n, cur)
	}
	return nil
}

func call(n *node, cur any) any {
	switch n.name {
	case "length":
		v := eval(n.args[0], cur)
		if s, ok := v.(string); ok {
			return float64(utf8.RuneCountInString(s))
		}
		if l, _, ok := list(v); ok {
			return float64(l)
		}
		if r, ok := isObject(v); ok {
			if r.Kind() == reflect.Map {
				return float64(r.Len())
			}
			return float64(len(objectValues(r)))
		}
		return nil
	case "contains":
		subject, search := eval(n.args[0], cur), eval(n.args[1], cur)
		if s, ok := subject.(string); ok {
			t, ok := search.(string)
			return ok && strings.Contains(s, t)
		}
		l, at, ok := list(subject)
		if !ok {
			return nil
		}
		for i := range l {
			if equal(at(i), search) {
				return true
			}
		}
		return false
	}
	return nil
}

// truthy is JMESPath's truth: false, null, "", [] and {} are false.
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
		switch x.Kind() {
		case reflect.Slice, reflect.Map, reflect.Array:
			return x.Len() > 0
		}
	}
	return true
}

func compare(op tokKind, a, b any) any {
	switch op {
	case tEQ:
		return equal(a, b)
	case tNE:
		return !equal(a, b)
	}
	x, ok1 := a.(float64)
	y, ok2 := b.(float64)
	if !ok1 || !ok2 {
		return nil
	}
	switch op {
	case tLT:
		return x < y
	case tLE:
		return x <= y
	case tGT:
		return x > y
	default:
		return x >= y
	}
}

// Plain converts a Search result to plain JSON-like data: nil, bool,
// float64, string, []any and map[string]any (a struct's set fields keyed
// by field name). time.Time and []byte are kept as they are.
func Plain(v any) any {
	switch x := v.(type) {
	case []any:
		out := make([]any, len(x))
		for i, e := range x {
			out[i] = Plain(e)
		}
		return out
	case reflect.Value:
		if l, at, ok := list(x); ok {
			out := make([]any, l)
			for i := range l {
				out[i] = Plain(at(i))
			}
			return out
		}
		if r, ok := isObject(x); ok {
			out := map[string]any{}
			if r.Kind() == reflect.Map {
				for _, k := range r.MapKeys() {
					out[k.String()] = Plain(norm(r.MapIndex(k)))
				}
				return out
			}
			t := r.Type()
			for i := range t.NumField() {
				if !t.Field(i).IsExported() {
					continue
				}
				if e := norm(r.Field(i)); e != nil {
					out[t.Field(i).Name] = Plain(e)
				}
			}
			return out
		}
		if x.CanInterface() {
			return x.Interface()
		}
		return nil
	}
	return v
}

// Equal reports whether two values (Search results or plain JSON-like
// values, as from encoding/json) are equal in JMESPath's sense.
func Equal(a, b any) bool { return equal(a, b) }

func equal(a, b any) bool {
	return deepEqual(Plain(a), Plain(b))
}

func deepEqual(a, b any) bool {
	switch x := a.(type) {
	case nil:
		return b == nil
	case bool:
		y, ok := b.(bool)
		return ok && x == y
	case float64:
		y, ok := b.(float64)
		return ok && x == y
	case int:
		y, ok := b.(float64)
		return ok && float64(x) == y
	case string:
		y, ok := b.(string)
		return ok && x == y
	case []any:
		y, ok := b.([]any)
		if !ok || len(x) != len(y) {
			return false
		}
		for i := range x {
			if !deepEqual(x[i], y[i]) {
				return false
			}
		}
		return true
	case map[string]any:
		y, ok := b.(map[string]any)
		if !ok || len(x) != len(y) {
			return false
		}
		for k, v := range x {
			w, ok := y[k]
			if !ok || !deepEqual(v, w) {
				return false
			}
		}
		return true
	}
	if _, ok := b.(int); ok {
		return deepEqual(b, a)
	}
	return reflect.DeepEqual(a, b)
}
