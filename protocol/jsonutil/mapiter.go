package jsonutil

import (
	"reflect"
	"sync"
	"unsafe"
)

// Iterating maps in place.
//
// Writing a map needs each entry's key and value. reflect.MapIter hands
// them out as copies (Key, Value: a new allocation for a value larger than
// a pointer; SetIterKey, SetIterValue: a typed copy into a variable, with
// a write barrier per pointer while the garbage collector runs), which for
// a map of large values (a map[string]AttributeValue holds 160-byte
// structures) was a quarter of the time of writing it. The encoder reads
// them where they are instead: a reflect.MapIter holds the runtime's map
// iterator, whose first two words point at the current entry's key and
// value (the compiler's own range loops read them there; see
// cmd/compile/internal/walk/range.go and internal/runtime/maps.Iter), the
// value already dereferenced when the map stores it out of line.
//
// That layout is the runtime's, not an API: iterInPlace checks it, by
// name, type and offset through reflect, and then on a live map, once at
// start-up; if it does not hold (another Go version) the encoder copies
// the entries out through reflect as before (mapValueCopy). The pointers
// are only read, while the encoder holds the map (the caller's value,
// which it does not modify), and are dropped when the map is written.

// hiterOffset is the offset of the runtime iterator in reflect.MapIter.
var hiterOffset uintptr

// iterInPlace says whether maps are iterated in place (the layout check
// passed); rtypeKnown (maptype.go) whether mapOf may be used. Both are
// decided by checkMaps when the first map is written, not at package
// init: every program imports this package, few write a map.
var (
	iterInPlace, rtypeKnown bool
	mapChecks               sync.Once
)

// checkMaps runs the start-up checks once.
func checkMaps() {
	mapChecks.Do(func() {
		iterInPlace = checkIterLayout()
		rtypeKnown = checkRtype()
	})
}

// iterPtrs is the head of the runtime's map iterator.
type iterPtrs struct {
	key  unsafe.Pointer
	elem unsafe.Pointer
}

// iterAt returns the key and value pointers of it's current entry.
func iterAt(it *reflect.MapIter) *iterPtrs {
	return (*iterPtrs)(unsafe.Add(unsafe.Pointer(it), hiterOffset))
}

func checkIterLayout() bool {
	t := reflect.TypeFor[reflect.MapIter]()
	if t.Kind() != reflect.Struct || t.NumField() != 2 {
		return false
	}
	m, h := t.Field(0), t.Field(1)
	if m.Type != reflect.TypeFor[reflect.Value]() || h.Type.Kind() != reflect.Struct || h.Type.NumField() < 2 {
		return false
	}
	up := reflect.TypeFor[unsafe.Pointer]()
	k, e := h.Type.Field(0), h.Type.Field(1)
	if k.Name != "key" || e.Name != "elem" || k.Type != up || e.Type != up ||
		k.Offset != 0 || e.Offset != unsafe.Sizeof(uintptr(0)) || h.Offset+h.Type.Size() > t.Size() {
		return false
	}
	hiterOffset = h.Offset
	// On live maps, with values stored in line and out of line: every
	// entry seen through the pointers is the one reflect gives.
	type big struct {
		s string
		b [200]byte
	}
	small := map[string]string{"a": "x", "bb": "yy", "ccc": "zzz"}
	large := map[string]big{"a": {s: "x", b: [200]byte{1}}, "bb": {s: "yy", b: [200]byte{199: 2}}}
	return sameEntries(reflect.ValueOf(small), func(p unsafe.Pointer, v reflect.Value) bool {
		return *(*string)(p) == v.String()
	}) && sameEntries(reflect.ValueOf(large), func(p unsafe.Pointer, v reflect.Value) bool {
		return *(*big)(p) == v.Interface().(big)
	})
}

func sameEntries(m reflect.Value, same func(unsafe.Pointer, reflect.Value) bool) bool {
	var it reflect.MapIter
	it.Reset(m)
	n := 0
	for it.Next() {
		ip := iterAt(&it)
		if ip.key == nil || ip.elem == nil || *(*string)(ip.key) != it.Key().String() || !same(ip.elem, it.Value()) {
			return false
		}
		n++
	}
	return n == m.Len()
}
