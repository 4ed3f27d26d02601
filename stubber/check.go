package stubber

import (
	"fmt"
	"reflect"
	"strconv"

	"github.com/goto3/goto3/protocol"
)

// checkStruct checks a response (or a modelled error's fields) against its
// shape sh, as botocore's stubber validates them against the model: the
// required members are set (as the pipeline checks inputs: a "" string, a
// nil blob, pointer, list or map, a zero time is missing; numbers and
// booleans are always set), and a union has exactly one member set,
// through nested structures, lists and maps. The Go types are the compiler's
// to check. The model's lengths, ranges and enums are not in the schema, and
// are not checked.
func checkStruct(sh *protocol.Shape, v reflect.Value, path string, depth int) error {
	if depth > maxDepth || sh == nil {
		return nil
	}
	set := 0
	for i := range sh.Members {
		m := &sh.Members[i]
		if m.Field < 0 || m.Field >= v.NumField() {
			continue
		}
		f := v.Field(m.Field)
		p := join(path, v.Type().Field(m.Field).Name) // the Go name
		if protocol.Missing(f) {
			if m.Required {
				return fmt.Errorf("%s: missing required member", p)
			}
			continue
		}
		set++
		if err := checkValue(m.Shape, f, p, depth); err != nil {
			return err
		}
	}
	if sh.Union && set != 1 {
		if path == "" {
			path = "(response)"
		}
		return fmt.Errorf("%s: a union (%s) has exactly one member set, not %d", path, v.Type().Name(), set)
	}
	return nil
}

func checkValue(sh *protocol.Shape, f reflect.Value, path string, depth int) error {
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
		return checkStruct(sh, f, path, depth+1)
	case protocol.TypeList:
		if sh.Member == nil || f.Kind() != reflect.Slice {
			return nil
		}
		for i := 0; i < f.Len(); i++ {
			if err := checkValue(sh.Member.Shape, f.Index(i), path+"["+strconv.Itoa(i)+"]", depth+1); err != nil {
				return err
			}
		}
	case protocol.TypeMap:
		if sh.Value == nil || f.Kind() != reflect.Map {
			return nil
		}
		it := f.MapRange()
		for it.Next() {
			if err := checkValue(sh.Value.Shape, it.Value(), path+"["+formatKey(it.Key())+"]", depth+1); err != nil {
				return err
			}
		}
	}
	return nil
}
