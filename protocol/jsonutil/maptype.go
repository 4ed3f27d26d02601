package jsonutil

import (
	"reflect"
	"unsafe"
)

// A map's reflect.Value from its runtime type.
//
// The encoder reaches a map through a pointer to it (plan offsets); making
// its reflect.Value with reflect.NewAt costs a sync.Map look-up of the
// pointer type per map. mapOf builds it instead from an interface of the
// map's runtime type (the pointer a reflect.Type holds: reflect's rtype is
// the runtime's type) and the map pointer, which is what an interface
// holding a map is. checkRtype checks both on a live map once (checkMaps); if it fails
// (another Go version), maps are reached through reflect.NewAt as before.
//
// Maps are filled through reflect (SetMapIndex), not in place: storing
// into a map's slot needs the runtime's mapassign through go:linkname, a
// link-time dependency on the runtime that no check can fall back from
// (a Go release that dropped it would break every build of goto3), for
// 10-15% of decoding a DynamoDB Query answer.

// rtypeOf is the runtime type t holds.
func rtypeOf(t reflect.Type) unsafe.Pointer {
	return (*[2]unsafe.Pointer)(unsafe.Pointer(&t))[1]
}

// mapOf returns the map m (a map pointer) of runtime type rt as a
// reflect.Value: an interface holding a map holds the map pointer itself,
// so the Value comes from the interface of (rt, m), without the look-up
// of the pointer type reflect.NewAt does (a sync.Map per call). Only with
// rtypeKnown, whose check covers it.
func mapOf(rt, m unsafe.Pointer) reflect.Value {
	var x any
	w := (*[2]unsafe.Pointer)(unsafe.Pointer(&x))
	w[0], w[1] = rt, m
	return reflect.ValueOf(x)
}

func checkRtype() bool {
	// A reflect.Type holds the runtime's type, the one an interface
	// holding a value of the type carries; mapOf gives the map back.
	m := map[string]int{"a": 1}
	var x any = m
	if reflect.TypeOf(reflect.TypeOf(x)).String() != "*reflect.rtype" ||
		(*[2]unsafe.Pointer)(unsafe.Pointer(&x))[0] != rtypeOf(reflect.TypeOf(x)) {
		return false
	}
	v := reflect.ValueOf(m)
	mv := mapOf(rtypeOf(v.Type()), v.UnsafePointer())
	return mv.Type() == v.Type() && mv.UnsafePointer() == v.UnsafePointer() && mv.Len() == 1 &&
		mv.MapIndex(reflect.ValueOf("a")).Int() == 1
}
