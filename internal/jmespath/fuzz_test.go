package jmespath_test

import (
	"encoding/json"
	"errors"
	"testing"

	"github.com/goto3/goto3/internal/jmespath"
)

// compileKinds are the error kinds Compile may return.
var compileKinds = []jmespath.Kind{jmespath.Syntax, jmespath.UnknownFunction, jmespath.InvalidArity, jmespath.InvalidValue}

// FuzzParse compiles fuzzed expressions (seeded with every expression of
// the compliance suite): no panic, every error is an *Error of a compile
// kind, and a compiled expression evaluates without panicking.
func FuzzParse(f *testing.F) {
	for _, s := range []string{"NextMarker || Contents[-1].Key", "length(Reservations[]) > `0`", "Reservations[].Instances[].State.Name", "VerificationAttributes.*.VerificationStatus", "a[?b == 'c'].d | [0]", "!(a && b) || contains(c, `1`)", "[a, b][-1]", `"quoted\"x".y`} {
		f.Add(s)
	}
	for _, c := range loadCompliance(f) {
		f.Add(c.Expression)
	}
	f.Fuzz(func(t *testing.T, expr string) {
		e, err := jmespath.Compile(expr)
		if err != nil {
			var je *jmespath.Error
			if !errors.As(err, &je) || !isKind(err, compileKinds...) || je.Expr != expr || je.Pos < 0 || je.Pos > len(expr) {
				t.Fatalf("Compile(%q): got %T %v, want an *Error of a compile kind", expr, err, err)
			}
			return
		}
		if e.String() != expr {
			t.Fatalf("String() = %q, want %q", e.String(), expr)
		}
		for _, data := range []any{fixture(), nil} {
			if _, err := e.Search(data); err != nil && !isKind(err, jmespath.InvalidType, jmespath.InvalidValue) {
				t.Fatalf("Search(%q): got %v, want nil or an invalid-type error", expr, err)
			}
		}
	})
}

func isKind(err error, kinds ...jmespath.Kind) bool {
	for _, k := range kinds {
		if errors.Is(err, k) {
			return true
		}
	}
	return false
}

// FuzzSearch evaluates fuzzed expressions over fuzzed JSON documents (maps,
// lists and scalars as encoding/json decodes them): no panic, errors are
// typed, and the result is plain data equal to itself.
func FuzzSearch(f *testing.F) {
	f.Add("a.b[0].c", `{"a": {"b": [{"c": 1}]}}`)
	f.Add("a[?x > `1`].y | length(@)", `{"a": [{"x": 1, "y": "p"}, {"x": 2, "y": "q"}]}`)
	f.Add("*.s || `null`", `{"k": {"s": "v"}, "l": {"s": ""}}`)
	f.Add("contains(a, 'x') && !b", `{"a": "xyz", "b": false}`)
	f.Add("a[][].b[-1]", `{"a": [[{"b": [1, 2]}], [{"b": []}]]}`)
	f.Add("sort_by(a, &b)[::-1].{k: b, t: type(@)}", `{"a": [{"b": 2}, {"b": 1.5}]}`)
	f.Add("merge(@, `{\"z\": 1}`) | to_string(@)", `{"a": [true, null, "s"]}`)
	f.Add("[`1e999`, to_number('-1e999'), abs(`-1e999`), sum([`1e308`, `1e308`]), to_string(`1e999`)]", `{}`)
	f.Fuzz(func(t *testing.T, expr, doc string) {
		e, err := jmespath.Compile(expr)
		if err != nil {
			return
		}
		var data any
		if json.Unmarshal([]byte(doc), &data) != nil {
			return
		}
		v, err := e.Search(data)
		if err != nil {
			if !isKind(err, jmespath.InvalidType, jmespath.InvalidValue) {
				t.Fatalf("Search(%q) on %s: got %v, want an invalid-type error", expr, doc, err)
			}
			return
		}
		got := jmespath.Plain(v)
		if !isPlain(got) {
			t.Fatalf("Search(%q) on %s = %#v, not plain data", expr, doc, got)
		}
		if !jmespath.Equal(got, got) || !jmespath.Equal(v, v) {
			t.Fatalf("result %#v is not equal to itself", got)
		}
	})
}

// isPlain reports whether v is plain JSON-like data as Plain documents it
// (a number may be ±Inf, computed by sum or abs).
func isPlain(v any) bool {
	switch x := v.(type) {
	case nil, bool, string, float64, int64, json.Number:
		return true
	case []any:
		for _, e := range x {
			if !isPlain(e) {
				return false
			}
		}
		return true
	case map[string]any:
		for _, e := range x {
			if !isPlain(e) {
				return false
			}
		}
		return true
	}
	return false
}
