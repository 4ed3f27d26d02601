package endpoints

import (
	"fmt"
	"slices"
)

// The values of a resolution are a []Value with one entry per parameter
// of the rule set, in the order of Parameters (sorted by name). Generated
// service packages bind their typed parameter structs to those positions
// when they are generated, and Bind checks at load time that the rule set
// declares exactly the names they were generated for; so no name is looked
// up when a request resolves its endpoint.

// String returns a string parameter value.
func String(s string) Value { return Value{k: kindString, s: s} }

// Bool returns a boolean parameter value.
func Bool(b bool) Value { return Value{k: kindBool, b: b} }

// StringPtr returns the value of s, unset when s is nil.
func StringPtr(s *string) Value {
	if s == nil {
		return Value{}
	}
	return Value{k: kindString, s: *s}
}

// BoolPtr returns the value of b, unset when b is nil.
func BoolPtr(b *bool) Value {
	if b == nil {
		return Value{}
	}
	return Value{k: kindBool, b: *b}
}

// Strings returns a stringArray parameter value (a copy of ss); nil is
// unset.
func Strings(ss []string) Value {
	if ss == nil {
		return Value{}
	}
	a := make(arrayValue, len(ss))
	for i, s := range ss {
		a[i] = String(s)
	}
	return Value{k: kindArray, obj: a}
}

// IsSet reports whether v holds a value.
func (v Value) IsSet() bool { return v.k != kindNone }

// Str returns v's string and whether v is a string.
func (v Value) Str() (string, bool) { return v.s, v.k == kindString }

// Boolean returns v's boolean and whether v is a boolean.
func (v Value) Boolean() (bool, bool) { return v.b, v.k == kindBool }

// Bind reports an error unless the rule set declares exactly the
// parameters names (in the order of Parameters). Generated code calls it
// once, when it loads its embedded rule set.
func (rs *RuleSet) Bind(names []string) error {
	have := make([]string, len(rs.params))
	for i, d := range rs.params {
		have[i] = d.name
	}
	if !slices.Equal(have, names) {
		return fmt.Errorf("endpoints: the rule set declares the parameters %v, not %v", have, names)
	}
	return nil
}

// Index returns the position of the parameter called name in a []Value,
// or -1 when the rule set has no such parameter.
func (rs *RuleSet) Index(name string) int {
	for i := range rs.params {
		if rs.params[i].name == name {
			return i
		}
	}
	return -1
}

// NumParameters returns the length of the []Value Resolve takes.
func (rs *RuleSet) NumParameters() int { return len(rs.params) }

// Values returns the []Value for parameters given by name (string, *string,
// bool, *bool, []string, []any of strings, or nil), for callers that have
// names rather than positions: tools and tests. A name the rule set does
// not declare is an error.
func (rs *RuleSet) Values(named map[string]any) ([]Value, error) {
	vals := make([]Value, len(rs.params))
	for name, x := range named {
		i := rs.Index(name)
		if i < 0 {
			return nil, fmt.Errorf("endpoints: the rule set has no parameter %q", name)
		}
		v, ok := fromAny(x)
		if !ok {
			return nil, fmt.Errorf("endpoints: parameter %q: unsupported value type %T", name, x)
		}
		vals[i] = v
	}
	return vals, nil
}
