package protocol

import (
	"reflect"
	"time"
)

var timeType = reflect.TypeFor[time.Time]()

// Missing reports whether a member's value counts as unset for the
// model's required-member rule, which the pipeline applies to inputs and
// a stubber to queued responses. Go has no "unset" for plain values, so
// a value is missing when it is a "" string (or enum), a nil pointer,
// interface, blob, list or map (an empty but non-nil one is set), or a
// zero time.Time; numbers and booleans are always set.
func Missing(v reflect.Value) bool {
	switch v.Kind() {
	case reflect.String:
		return v.Len() == 0
	case reflect.Pointer, reflect.Interface, reflect.Map, reflect.Slice:
		return v.IsNil()
	case reflect.Struct:
		if v.Type() == timeType {
			return v.Interface().(time.Time).IsZero()
		}
	}
	return false
}
