package pipeline

import (
	"reflect"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/goto3/goto3"
	"github.com/goto3/goto3/protocol"
)

// maxValidateDepth bounds the walk into nested structures (models have no
// deeper inputs; recursive shapes stop here).
const maxValidateDepth = 32

var timeType = reflect.TypeOf(time.Time{})

// validateStruct checks the required members of the struct v of shape sh,
// and of the structures set inside it. Go has no "unset" for plain values,
// so a required member is missing when it is:
//
//   - a string (or enum) that is "", a blob that is nil, a zero time.Time;
//   - a nil pointer (a structure member);
//   - a nil list or map (an empty but non-nil one is sent as empty).
//
// Required numbers and booleans are always present. A required key or
// name that is "" is thus an error too, except a top-level idempotency
// token, which the codec fills. Checks beyond the model are the
// service's (Customizations.Validate).
func validateStruct(sh *protocol.Shape, v reflect.Value, depth int) error {
	if depth > maxValidateDepth {
		return nil
	}
	n := v.NumField()
	for i := range sh.Members {
		m := &sh.Members[i]
		// Only required members and containers of structures with
		// required members need a look (without reflection for the
		// rest: most of an input's members, and the whole of a
		// DynamoDB item, whose AttributeValues require nothing).
		if !m.Required && !checked(m.Shape) || m.Field < 0 || m.Field >= n {
			continue
		}
		f := v.Field(m.Field)
		// A top-level idempotency token left unset is not missing: the
		// codec fills it, as botocore's before-parameter-build autofill
		// does before validating (a required token included).
		if m.Required && protocol.Missing(f) && !(depth == 0 && m.IdempotencyToken) {
			return &goto3.ValidationError{Member: m.Name, Reason: "missing required member"}
		}
		if err := validateValue(m.Shape, f, depth); err != nil {
			return prefix(m.Name, err)
		}
	}
	return nil
}

// validateValue descends into structures and lists or maps of structures.
func validateValue(sh *protocol.Shape, f reflect.Value, depth int) error {
	if sh == nil {
		return nil
	}
	switch sh.Type {
	case protocol.TypeStructure:
		if f.Kind() == reflect.Pointer {
			if f.IsNil() {
				return nil
			}
			f = f.Elem()
		}
		if f.Kind() != reflect.Struct || f.Type() == timeType {
			return nil
		}
		return validateStruct(sh, f, depth+1)
	case protocol.TypeList:
		if sh.Member == nil || !checked(sh.Member.Shape) || f.Kind() != reflect.Slice {
			return nil
		}
		for i := 0; i < f.Len(); i++ {
			if err := validateValue(sh.Member.Shape, f.Index(i), depth+1); err != nil {
				return prefixIndex(i, err)
			}
		}
	case protocol.TypeMap:
		if sh.Value == nil || !checked(sh.Value.Shape) || f.Kind() != reflect.Map || f.Len() == 0 {
			return nil
		}
		// One variable the values are copied into (MapIter.Value would
		// allocate a copy of each).
		val := reflect.New(f.Type().Elem()).Elem()
		it := f.MapRange()
		for it.Next() {
			val.SetIterValue(it)
			if err := validateValue(sh.Value.Shape, val, depth+1); err != nil {
				return prefixKey(it.Key().String(), err)
			}
		}
	}
	return nil
}

// checkedShapes memoizes checked: the schema is immutable.
var checkedShapes sync.Map // *protocol.Shape -> bool

// checked reports whether a value of shape sh may hold a required member:
// whether sh is, or holds (through members, list elements and map values,
// to any depth), a structure with a required member. Other values need no
// walk.
func checked(sh *protocol.Shape) bool {
	if sh == nil || sh.Type != protocol.TypeStructure && sh.Type != protocol.TypeList && sh.Type != protocol.TypeMap {
		return false
	}
	if v, ok := checkedShapes.Load(sh); ok {
		return v.(bool)
	}
	r := reachesRequired(sh, map[*protocol.Shape]bool{})
	checkedShapes.Store(sh, r)
	return r
}

func reachesRequired(sh *protocol.Shape, seen map[*protocol.Shape]bool) bool {
	if sh == nil || seen[sh] {
		return false
	}
	seen[sh] = true
	switch sh.Type {
	case protocol.TypeStructure:
		for i := range sh.Members {
			if m := &sh.Members[i]; m.Required || reachesRequired(m.Shape, seen) {
				return true
			}
		}
	case protocol.TypeList:
		return sh.Member != nil && reachesRequired(sh.Member.Shape, seen)
	case protocol.TypeMap:
		return sh.Value != nil && reachesRequired(sh.Value.Shape, seen)
	}
	return false
}

func prefix(name string, err error) error {
	if ve, ok := err.(*goto3.ValidationError); ok {
		return &goto3.ValidationError{Member: name + sep(ve.Member) + ve.Member, Reason: ve.Reason}
	}
	return err
}

// sep is what joins a member path to the path inside it: a dot, or
// nothing before an index or key ("Items[0]", not "Items.[0]").
func sep(inner string) string {
	if strings.HasPrefix(inner, "[") {
		return ""
	}
	return "."
}

func prefixIndex(i int, err error) error {
	if ve, ok := err.(*goto3.ValidationError); ok {
		return &goto3.ValidationError{Member: "[" + strconv.Itoa(i) + "]" + sep(ve.Member) + ve.Member, Reason: ve.Reason}
	}
	return err
}

func prefixKey(k string, err error) error {
	if ve, ok := err.(*goto3.ValidationError); ok {
		return &goto3.ValidationError{Member: "[" + strconv.Quote(k) + "]" + sep(ve.Member) + ve.Member, Reason: ve.Reason}
	}
	return err
}
