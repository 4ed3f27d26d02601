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

// value is one value of the rules language. It is small and passed by
// value; records and arrays live behind obj.
type value struct {
	s   string
	obj object
	n   int32
	k   kind
	b   bool
}

// object is a record or array value reachable through getAttr.
type object interface {
	attr(name string) value
	index(i int) value
}

func boolValue(b bool) value     { return value{k: kindBool, b: b} }
func stringValue(s string) value { return value{k: kindString, s: s} }

// truthy reports whether a condition result lets its rule continue: every
// value except unset and false.
func (v value) truthy() bool {
	return v.k != kindNone && !(v.k == kindBool && !v.b)
}

// equal reports whether two parameter values are the same; used by the cache.
func (v value) equal(w value) bool {
	if v.k != w.k || v.b != w.b || v.n != w.n || v.s != w.s {
		return false
	}
	if v.k == kindArray {
		a, _ := v.obj.(arrayValue)
		b, _ := w.obj.(arrayValue)
		if len(a) != len(b) {
			return false
		}
		for i := range a {
			if !a[i].equal(b[i]) {
				return false
			}
		}
	}
	return true
}

// arrayValue is an array of values.
type arrayValue []value

func (arrayValue) attr(string) value { return value{} }

func (a arrayValue) index(i int) value {
	if i < 0 || i >= len(a) {
		return value{}
	}
	return a[i]
}

// toAny converts a value to the Go form used in Endpoint.Properties
// (string, bool, float64, []any); unset and records become nil.
func (v value) toAny() any {
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
func fromAny(x any) (value, bool) {
	switch t := x.(type) {
	case nil:
		return value{}, true
	case string:
		return stringValue(t), true
	case *string:
		if t == nil {
			return value{}, true
		}
		return stringValue(*t), true
	case bool:
		return boolValue(t), true
	case *bool:
		if t == nil {
			return value{}, true
		}
		return boolValue(*t), true
	case []string:
		a := make(arrayValue, len(t))
		for i, s := range t {
			a[i] = stringValue(s)
		}
		return value{k: kindArray, obj: a}, true
	case []any:
		a := make(arrayValue, len(t))
		for i, e := range t {
			s, ok := e.(string)
			if !ok {
				return value{}, false
			}
			a[i] = stringValue(s)
		}
		return value{k: kindArray, obj: a}, true
	}
	return value{}, false
}
