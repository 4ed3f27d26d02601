package endpoints

// kind is the dynamic type of a value in the rules language.
type kind uint8

const (
	kindNone   kind = iota // unset (the language's "None")
	kindBool               // boolean
	kindString             // string
	kindInt                // integer literal (substring indexes)
	kindArray              // array of values
	kindObject             // record: ARN, URL or partition
)

// Value is one value of the rules language: a parameter's value (unset, a
// string, a boolean or a string array; make one with String, Bool,
// StringPtr, BoolPtr or Strings) or, inside the engine, an ARN, URL or
// partition record. It is small and passed by value; records and arrays
// live behind obj. The zero Value is unset.
type Value struct {
	s   string
	obj object
	n   int32
	k   kind
	b   bool
}

// object is a record or array value reachable through getAttr.
type object interface {
	attr(a attrID) Value
	// attrString is attr for a string attribute (ok false otherwise),
	// without building a Value.
	attrString(a attrID) (s string, ok bool)
	index(i int) Value
	// same reports whether o holds the same value (o is of any type).
	same(o object) bool
}

// same reports whether v and w are the same value.
func (v *Value) same(w *Value) bool {
	if v.k != w.k || v.s != w.s || v.b != w.b || v.n != w.n {
		return false
	}
	if v.obj == nil || w.obj == nil {
		return v.obj == w.obj
	}
	return v.obj.same(w.obj)
}

func boolValue(b bool) Value     { return Value{k: kindBool, b: b} }
func stringValue(s string) Value { return Value{k: kindString, s: s} }

// truthy reports whether a condition result lets its rule continue: every
// value except unset and false.
func (v Value) truthy() bool {
	return v.k != kindNone && !(v.k == kindBool && !v.b)
}

// arrayValue is an array of values.
type arrayValue []Value

func (arrayValue) attr(attrID) Value { return Value{} }

func (arrayValue) attrString(attrID) (string, bool) { return "", false }

func (a arrayValue) same(o object) bool {
	b, ok := o.(arrayValue)
	if !ok || len(a) != len(b) {
		return false
	}
	for i := range a {
		if !a[i].same(&b[i]) {
			return false
		}
	}
	return true
}

func (a arrayValue) index(i int) Value {
	if i < 0 || i >= len(a) {
		return Value{}
	}
	return a[i]
}

// toAny converts a value to the Go form used in Endpoint.Properties
// (string, bool, float64, []any); unset and records become nil.
func (v Value) toAny() any {
	switch v.k {
	case kindBool:
		return v.b
	case kindString:
		return v.s
	case kindInt:
		return float64(v.n)
	case kindArray:
		a, _ := v.obj.(arrayValue)
		out := make([]any, len(a))
		for i, e := range a {
			out[i] = e.toAny()
		}
		return out
	}
	return nil
}

// fromAny converts a Go parameter value (string, bool, []string or []any of
// strings) to a value.
func fromAny(x any) (Value, bool) {
	switch t := x.(type) {
	case nil:
		return Value{}, true
	case string:
		return stringValue(t), true
	case *string:
		if t == nil {
			return Value{}, true
		}
		return stringValue(*t), true
	case bool:
		return boolValue(t), true
	case *bool:
		if t == nil {
			return Value{}, true
		}
		return boolValue(*t), true
	case []string:
		a := make(arrayValue, len(t))
		for i, s := range t {
			a[i] = stringValue(s)
		}
		return Value{k: kindArray, obj: a}, true
	case []any:
		a := make(arrayValue, len(t))
		for i, e := range t {
			s, ok := e.(string)
			if !ok {
				return Value{}, false
			}
			a[i] = stringValue(s)
		}
		return Value{k: kindArray, obj: a}, true
	}
	return Value{}, false
}
