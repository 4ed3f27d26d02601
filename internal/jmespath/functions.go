package jmespath

import (
	"bytes"
	"encoding/json"
	"fmt"
	"math"
	"slices"
	"strings"
	"unicode/utf8"
)

// function is a built-in function of the specification: its parameter
// types (checked before impl runs) and whether the last one repeats.
type function struct {
	params   []jtype
	variadic bool
	impl     func(args []any) (any, error)
}

// functions are the specification's built-in functions
// (https://jmespath.org/specification.html#built-in-functions).
var functions = map[string]*function{
	"abs":         {params: []jtype{jNumber}, impl: fnAbs},
	"avg":         {params: []jtype{jArrayNumber}, impl: fnAvg},
	"ceil":        {params: []jtype{jNumber}, impl: rounder(math.Ceil)},
	"contains":    {params: []jtype{jArray | jString, jAny}, impl: fnContains},
	"ends_with":   {params: []jtype{jString, jString}, impl: fnEndsWith},
	"floor":       {params: []jtype{jNumber}, impl: rounder(math.Floor)},
	"join":        {params: []jtype{jString, jArrayString}, impl: fnJoin},
	"keys":        {params: []jtype{jObject}, impl: fnKeys},
	"length":      {params: []jtype{jString | jArray | jObject}, impl: fnLength},
	"map":         {params: []jtype{jExpref, jArray}, impl: fnMap},
	"max":         {params: []jtype{jArrayNumber | jArrayString}, impl: extreme(1)},
	"max_by":      {params: []jtype{jArray, jExpref}, impl: extremeBy(1)},
	"merge":       {params: []jtype{jObject}, variadic: true, impl: fnMerge},
	"min":         {params: []jtype{jArrayNumber | jArrayString}, impl: extreme(-1)},
	"min_by":      {params: []jtype{jArray, jExpref}, impl: extremeBy(-1)},
	"not_null":    {params: []jtype{jAny}, variadic: true, impl: fnNotNull},
	"reverse":     {params: []jtype{jString | jArray}, impl: fnReverse},
	"sort":        {params: []jtype{jArrayNumber | jArrayString}, impl: fnSort},
	"sort_by":     {params: []jtype{jArray, jExpref}, impl: fnSortBy},
	"starts_with": {params: []jtype{jString, jString}, impl: fnStartsWith},
	"sum":         {params: []jtype{jArrayNumber}, impl: fnSum},
	"to_array":    {params: []jtype{jAny}, impl: fnToArray},
	"to_number":   {params: []jtype{jAny}, impl: fnToNumber},
	"to_string":   {params: []jtype{jAny}, impl: fnToString},
	"type":        {params: []jtype{jAny &^ jOpaque}, impl: fnType},
	"values":      {params: []jtype{jObject}, impl: fnValues},
}

// call checks the arguments' types and calls the function; the parser has
// checked their number.
func (f *function) call(n *node, args []any) (any, error) {
	for i, a := range args {
		want := f.params[min(i, len(f.params)-1)]
		if !accepts(want, a) {
			return nil, &Error{Kind: InvalidType, Pos: n.pos, Msg: fmt.Sprintf("%s() argument %d: got %s, want %s", n.name, i+1, typeOf(a), want)}
		}
	}
	v, err := f.impl(args)
	if e, ok := err.(*Error); ok {
		e.Pos, e.Msg = n.pos, n.name+"(): "+e.Msg
	}
	return v, err
}

func accepts(want jtype, v any) bool {
	t := typeOf(v)
	if want&t != 0 {
		return true
	}
	if t != jArray || want&(jArrayNumber|jArrayString) == 0 {
		return false
	}
	l, _ := asList(v)
	for _, elem := range []jtype{jArrayNumber, jArrayString} {
		if want&elem == 0 {
			continue
		}
		et := jNumber
		if elem == jArrayString {
			et = jString
		}
		all := true
		for i := 0; i < l.len() && all; i++ {
			all = typeOf(l.at(i)) == et
		}
		if all {
			return true
		}
	}
	return false
}

func typeErr(format string, args ...any) error {
	return &Error{Kind: InvalidType, Msg: fmt.Sprintf(format, args...)}
}

func items(v any) []any {
	l, _ := asList(v)
	out := make([]any, l.len())
	for i := range out {
		out[i] = l.at(i)
	}
	return out
}

func fnAbs(args []any) (any, error) {
	f, i, isInt, _ := num(args[0])
	if isInt && i != math.MinInt64 {
		if i < 0 {
			i = -i
		}
		return i, nil
	}
	return math.Abs(f), nil
}

func fnAvg(args []any) (any, error) {
	l := items(args[0])
	if len(l) == 0 {
		return nil, nil
	}
	sum := 0.0
	for _, e := range l {
		f, _, _, _ := num(e)
		sum += f
	}
	return sum / float64(len(l)), nil
}

// rounder makes ceil and floor: an integer is its own result.
func rounder(round func(float64) float64) func([]any) (any, error) {
	return func(args []any) (any, error) {
		f, i, isInt, _ := num(args[0])
		if isInt {
			return i, nil
		}
		return round(f), nil
	}
}

func fnContains(args []any) (any, error) {
	if s, ok := args[0].(string); ok {
		t, ok := args[1].(string)
		return ok && strings.Contains(s, t), nil
	}
	for _, e := range items(args[0]) {
		if equal(e, args[1]) {
			return true, nil
		}
	}
	return false, nil
}

func fnEndsWith(args []any) (any, error) {
	return strings.HasSuffix(args[0].(string), args[1].(string)), nil
}

func fnStartsWith(args []any) (any, error) {
	return strings.HasPrefix(args[0].(string), args[1].(string)), nil
}

func fnJoin(args []any) (any, error) {
	l := items(args[1])
	s := make([]string, len(l))
	for i, e := range l {
		s[i] = e.(string)
	}
	return strings.Join(s, args[0].(string)), nil
}

func fnKeys(args []any) (any, error) {
	o, _ := asObject(args[0])
	out := []any{}
	o.each(func(k string, _ any) bool {
		out = append(out, k)
		return true
	})
	return out, nil
}

func fnValues(args []any) (any, error) {
	o, _ := asObject(args[0])
	out := []any{}
	o.each(func(_ string, v any) bool {
		out = append(out, v)
		return true
	})
	return out, nil
}

// fnLength counts the code points of a string, the elements of an array
// or the members of an object.
func fnLength(args []any) (any, error) {
	if s, ok := args[0].(string); ok {
		return int64(utf8.RuneCountInString(s)), nil
	}
	if l, ok := asList(args[0]); ok {
		return int64(l.len()), nil
	}
	o, _ := asObject(args[0])
	return int64(o.len()), nil
}

func fnMap(args []any) (any, error) {
	e := args[0].(*expref)
	l := items(args[1])
	out := make([]any, len(l))
	for i, elem := range l {
		v, err := eval(e.n, elem)
		if err != nil {
			return nil, err
		}
		out[i] = v
	}
	return out, nil
}

// compareSame orders two numbers or two strings.
func compareSame(a, b any) int {
	if s, ok := a.(string); ok {
		return strings.Compare(s, b.(string))
	}
	return compareNumbers(a, b)
}

// extreme makes max (sign 1) and min (sign -1) of an array of numbers or
// of strings; the first of equal elements wins.
func extreme(sign int) func([]any) (any, error) {
	return func(args []any) (any, error) {
		var best any
		for i, e := range items(args[0]) {
			if i == 0 || compareSame(e, best)*sign > 0 {
				best = e
			}
		}
		return best, nil
	}
}

// sortKeys evaluates e on each element of l; the keys must be all numbers
// or all strings.
func sortKeys(l []any, e *expref) ([]any, error) {
	keys := make([]any, len(l))
	var first jtype
	for i, elem := range l {
		k, err := eval(e.n, elem)
		if err != nil {
			return nil, err
		}
		t := typeOf(k)
		if i == 0 {
			first = t
		}
		if t != jNumber && t != jString || t != first {
			return nil, typeErr("the expression gives element %d %s, want a number or a string (as for every element)", i, t)
		}
		keys[i] = k
	}
	return keys, nil
}

func extremeBy(sign int) func([]any) (any, error) {
	return func(args []any) (any, error) {
		l := items(args[0])
		keys, err := sortKeys(l, args[1].(*expref))
		if err != nil {
			return nil, err
		}
		best := -1
		for i := range l {
			if best < 0 || compareSame(keys[i], keys[best])*sign > 0 {
				best = i
			}
		}
		if best < 0 {
			return nil, nil
		}
		return l[best], nil
	}
}

func fnMerge(args []any) (any, error) {
	out := map[string]any{}
	for _, a := range args {
		o, _ := asObject(a)
		o.each(func(k string, v any) bool {
			out[k] = v
			return true
		})
	}
	return out, nil
}

func fnNotNull(args []any) (any, error) {
	for _, a := range args {
		if a != nil {
			return a, nil
		}
	}
	return nil, nil
}

// fnReverse reverses an array, or a string by code points.
func fnReverse(args []any) (any, error) {
	if s, ok := args[0].(string); ok {
		r := []rune(s)
		slices.Reverse(r)
		return string(r), nil
	}
	l := items(args[0])
	slices.Reverse(l)
	return l, nil
}

func fnSort(args []any) (any, error) {
	l := items(args[0])
	slices.SortStableFunc(l, compareSame)
	return l, nil
}

// fnSortBy sorts stably by the keys the expression gives.
func fnSortBy(args []any) (any, error) {
	l := items(args[0])
	keys, err := sortKeys(l, args[1].(*expref))
	if err != nil {
		return nil, err
	}
	idx := make([]int, len(l))
	for i := range idx {
		idx[i] = i
	}
	slices.SortStableFunc(idx, func(a, b int) int { return compareSame(keys[a], keys[b]) })
	out := make([]any, len(l))
	for i, j := range idx {
		out[i] = l[j]
	}
	return out, nil
}

// fnSum adds exactly while the numbers are integers and the sum fits an
// int64, in float64 otherwise.
func fnSum(args []any) (any, error) {
	var isum int64
	fsum, exact := 0.0, true
	for _, e := range items(args[0]) {
		f, i, isInt, _ := num(e)
		fsum += f
		if exact = exact && isInt; exact {
			s := isum + i
			if (s > isum) != (i > 0) {
				exact = false // overflow
			}
			isum = s
		}
	}
	if exact {
		return isum, nil
	}
	return fsum, nil
}

func fnToArray(args []any) (any, error) {
	if typeOf(args[0]) == jArray {
		return args[0], nil
	}
	return []any{args[0]}, nil
}

// fnToNumber converts a string in JSON number syntax; a number is itself,
// anything else null.
func fnToNumber(args []any) (any, error) {
	switch x := args[0].(type) {
	case string:
		if !isJSONNumber(x) {
			return nil, nil
		}
		return numberLiteral(x), nil
	default:
		if typeOf(x) == jNumber {
			return x, nil
		}
	}
	return nil, nil
}

// isJSONNumber reports whether s matches -?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?.
func isJSONNumber(s string) bool {
	i := 0
	digits := func() int {
		j := i
		for i < len(s) && isDigit(s[i]) {
			i++
		}
		return i - j
	}
	if i < len(s) && s[i] == '-' {
		i++
	}
	if n := digits(); n == 0 || n > 1 && s[i-n] == '0' {
		return false
	}
	if i < len(s) && s[i] == '.' {
		i++
		if digits() == 0 {
			return false
		}
	}
	if i < len(s) && (s[i] == 'e' || s[i] == 'E') {
		i++
		if i < len(s) && (s[i] == '+' || s[i] == '-') {
			i++
		}
		if digits() == 0 {
			return false
		}
	}
	return i == len(s)
}

// fnToString returns a string as is and anything else encoded as compact
// JSON.
func fnToString(args []any) (any, error) {
	if s, ok := args[0].(string); ok {
		return s, nil
	}
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(Plain(args[0])); err != nil {
		return nil, &Error{Kind: InvalidValue, Msg: err.Error()}
	}
	return strings.TrimSuffix(b.String(), "\n"), nil
}

func fnType(args []any) (any, error) {
	return typeOf(args[0]).String(), nil
}
