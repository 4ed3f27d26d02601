package jsonutil

import (
	"reflect"
	"unsafe"
)

// Filling maps in place.
//
// reflect can only store a map entry by copying it in (SetMapIndex): a
// decoder would read each value into a variable, copy it into the map (a
// typed copy of the whole value, with a write barrier per pointer while the
// garbage collector runs: 160 bytes for each of a DynamoDB item's
// attributes) and clear the variable for the next one; that was a sixth of
// the time of decoding a Query answer. The decoder asks the runtime for the
// entry's slot instead, as the compiler's own m[k] = v does, and decodes
// the value straight into it: runtime.mapassign, which the runtime keeps
// for packages outside the standard library (its signature is frozen, see
// go.dev/issue/67401). It returns the address of the entry's value, zeroed
// when the key is new (for a value stored out of line, the value itself,
// newly allocated).
//
// mapassign takes the runtime's type of the map, which is the pointer a
// reflect.Type holds (reflect's rtype is the runtime's type). Both are
// checked once at start-up (checkRtype, checkMapAssign) on live maps; if a
// check fails, maps are filled through SetMapIndex as before.
//
// A slot is only written until the next assignment to the same map (which
// may move the entries stored in line): the decoder fills an entry's value
// completely before it reads the next key of that map, and a value's own
// maps are other maps.

//go:linkname mapassign runtime.mapassign
//go:noescape
func mapassign(t unsafe.Pointer, m unsafe.Pointer, key unsafe.Pointer) unsafe.Pointer

// rtypeKnown says whether a reflect.Type holds the runtime's type, as
// checked at start-up (mapOf, mapassign rely on it).
var rtypeKnown = checkRtype()

// assignInPlace says whether maps are filled in place.
var assignInPlace = rtypeKnown && checkMapAssign()

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

// mapSlot returns the address of the value of the entry of key k in the
// map m of type t (a runtime type, rtypeOf), adding the entry if there is
// none.
func mapSlot(t, m unsafe.Pointer, k string) unsafe.Pointer {
	return mapassign(t, m, unsafe.Pointer(&k))
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

func checkMapAssign() bool {
	// Values in line and out of line (over 128 bytes) are stored where
	// the slot says, and read back through reflect.
	type big struct {
		s string
		b [200]byte
	}
	small := reflect.MakeMap(reflect.TypeFor[map[string]string]())
	large := reflect.MakeMap(reflect.TypeFor[map[string]big]())
	for i, k := range []string{"a", "bb", "ccc", "a"} {
		*(*string)(mapSlot(rtypeOf(small.Type()), small.UnsafePointer(), k)) = k + "!"
		*(*big)(mapSlot(rtypeOf(large.Type()), large.UnsafePointer(), k)) = big{s: k, b: [200]byte{199: byte(i)}}
	}
	if small.Len() != 3 || large.Len() != 3 {
		return false
	}
	for i, k := range []string{"a", "bb", "ccc"} {
		kv := reflect.ValueOf(k)
		want := big{s: k, b: [200]byte{199: byte(i)}}
		if i == 0 {
			want.b[199] = 3
		}
		if s := small.MapIndex(kv); !s.IsValid() || s.String() != k+"!" {
			return false
		}
		if b := large.MapIndex(kv); !b.IsValid() || b.Interface().(big) != want {
			return false
		}
	}
	return true
}
