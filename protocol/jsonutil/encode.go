package jsonutil

import (
	"cmp"
	"encoding/base64"
	"fmt"
	"reflect"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"
	"unsafe"

	"github.com/goto3/goto3/protocol"
	"github.com/goto3/goto3/protocol/xmlutil"
)

// EncodeOptions says how AppendStructure writes an operation's input.
type EncodeOptions struct {
	// BodyOnly leaves out the members bound to the URI, query string or
	// headers (REST-JSON); without it every member is written
	// (AWS JSON 1.0/1.1, where botocore ignores locations). It applies to
	// the top-level structure only: nested structures are written whole.
	BodyOnly bool
	// IdempotencyToken, when set, fills top-level idempotency-token
	// members left unset (a nil pointer or an empty string), as botocore's
	// generate_idempotent_uuid does for the input's own members.
	IdempotencyToken func() string
}

// AppendStructure appends the JSON object of the structure v (a struct,
// or a pointer to one; a nil pointer is an empty object) described by sh:
// each set member under its locationName (the model's jsonName) or member
// name, unset members (nil pointers, slices, maps and interfaces) left
// out. See the package documentation for how each type is written.
func AppendStructure(dst []byte, sh *protocol.Shape, v reflect.Value, opts EncodeOptions) ([]byte, error) {
	for v.Kind() == reflect.Pointer || v.Kind() == reflect.Interface {
		if v.IsNil() {
			return append(dst, '{', '}'), nil
		}
		v = v.Elem()
	}
	if v.Kind() != reflect.Struct {
		return dst, fmt.Errorf("jsonutil: %s: Go value is %s, want a struct", sh.Name, v.Type())
	}
	pl := planFor(sh, v.Type(), 0)
	if pl.op != opStruct {
		return dst, pl.mismatch()
	}
	e := newEncoder(opts)
	defer e.release()
	return e.topStructure(dst, pl, addressOf(v))
}

// AppendValue appends the JSON form of v, described by sh, which may be of
// any type (a structure member, a payload, a list element).
func AppendValue(dst []byte, sh *protocol.Shape, v reflect.Value) ([]byte, error) {
	if !v.IsValid() {
		return append(dst, "null"...), nil
	}
	pl := planFor(sh, v.Type(), timestampFormat(&protocol.Member{Shape: sh}))
	e := newEncoder(EncodeOptions{})
	defer e.release()
	return e.value(dst, pl, addressOf(v))
}

// An encoder writes Go values through their plans.
type encoder struct {
	opts  EncodeOptions
	depth int
	// entries is scratch for sorting map entries (a stack: nested maps
	// use the part after their parent's).
	entries []mapEntry
	// states holds, per map plan and nesting level, a slice the map's
	// values are copied into (without an allocation per entry) and a
	// key variable.
	states []*encState
}

type encState struct {
	pl     *plan
	kv     reflect.Value
	depth  int
	levels []*encLevel
}

type encLevel struct {
	vals reflect.Value // a slice of the map's value type
	base unsafe.Pointer
	// used is how many of vals have held a value (they are cleared when
	// the encoder is released, not after each map: the next map's
	// values overwrite them).
	used int
}

type mapEntry struct {
	pre uint64 // the key's first 8 bytes, big-endian: most keys sort by them alone
	key string
	val unsafe.Pointer // the entry's value
}

func keyPrefix(s string) uint64 {
	n := len(s)
	switch {
	case n >= 8:
		_ = s[7]
		return uint64(s[0])<<56 | uint64(s[1])<<48 | uint64(s[2])<<40 | uint64(s[3])<<32 |
			uint64(s[4])<<24 | uint64(s[5])<<16 | uint64(s[6])<<8 | uint64(s[7])
	case n >= 4:
		// Two overlapping 4-byte words, the second shifted into place.
		hi := uint64(s[0])<<24 | uint64(s[1])<<16 | uint64(s[2])<<8 | uint64(s[3])
		lo := uint64(s[n-4])<<24 | uint64(s[n-3])<<16 | uint64(s[n-2])<<8 | uint64(s[n-1])
		return hi<<32 | lo<<(64-8*n)
	case n > 0:
		// The first, middle and last bytes cover them.
		return uint64(s[0])<<56 | uint64(s[n/2])<<(56-8*(n/2)) | uint64(s[n-1])<<(56-8*(n-1))
	}
	return 0
}

func (a *mapEntry) less(b *mapEntry) bool {
	if a.pre != b.pre {
		return a.pre < b.pre
	}
	return a.key < b.key
}

var encoderPool = sync.Pool{New: func() any { return new(encoder) }}

func newEncoder(opts EncodeOptions) *encoder {
	e := encoderPool.Get().(*encoder)
	e.opts = opts
	return e
}

func (e *encoder) release() {
	e.opts, e.depth = EncodeOptions{}, 0
	clear(e.entries)
	e.entries = e.entries[:0]
	if len(e.states) > maxPooledStates {
		e.states = nil
	}
	for _, s := range e.states {
		s.depth = 0
		for _, lv := range s.levels {
			// Drop the references to the caller's values.
			for i := 0; i < lv.used; i++ {
				lv.vals.Index(i).SetZero()
			}
			lv.used = 0
		}
	}
	encoderPool.Put(e)
}

func (e *encoder) state(pl *plan) *encState {
	for _, s := range e.states {
		if s.pl == pl {
			return s
		}
	}
	s := &encState{pl: pl, kv: reflect.New(pl.t.Key()).Elem()}
	e.states = append(e.states, s)
	return s
}

// maxEncodeDepth bounds the nesting of the value written: a cycle of
// pointers in the caller's data would otherwise recurse forever.
const maxEncodeDepth = 1000

func (e *encoder) deeper(sh *protocol.Shape) error {
	e.depth++
	if e.depth > maxEncodeDepth {
		return fmt.Errorf("jsonutil: %s: value nested more than %d levels", sh.Name, maxEncodeDepth)
	}
	return nil
}

func (e *encoder) structure(dst []byte, pl *plan, p unsafe.Pointer) ([]byte, error) {
	if err := e.deeper(pl.sh); err != nil {
		return dst, err
	}
	dst = append(dst, '{')
	n := 0
	for i := range pl.enc {
		f := &pl.enc[i]
		fp := unsafe.Add(p, f.off)
		if f.nilable && isNil(fp) {
			continue
		}
		if n > 0 {
			dst = append(dst, ',')
		}
		n++
		dst = append(dst, f.quoted...)
		if f.str {
			// An optional string, set.
			dst = AppendString(dst, **(**string)(fp))
			continue
		}
		var err error
		if dst, err = e.value(dst, f.p, fp); err != nil {
			return dst, err
		}
	}
	if pl.union && n > 1 {
		return dst, fmt.Errorf("jsonutil: union %s has %d members set, want one", pl.sh.Name, n)
	}
	e.depth--
	return append(dst, '}'), nil
}

// topStructure writes an operation's input: without the members bound
// elsewhere than the body when BodyOnly, with idempotency tokens filled.
func (e *encoder) topStructure(dst []byte, pl *plan, p unsafe.Pointer) ([]byte, error) {
	if err := e.deeper(pl.sh); err != nil {
		return dst, err
	}
	dst = append(dst, '{')
	n := 0
	for i := range pl.enc {
		f := &pl.enc[i]
		if e.opts.BodyOnly && f.notBody {
			continue
		}
		fp := unsafe.Add(p, f.off)
		unset := f.nilable && isNil(fp)
		if f.m.IdempotencyToken && e.opts.IdempotencyToken != nil && (unset || f.p.kind == reflect.String && *(*string)(fp) == "") {
			if n > 0 {
				dst = append(dst, ',')
			}
			n++
			dst = append(dst, f.quoted...)
			dst = AppendString(dst, e.opts.IdempotencyToken())
			continue
		}
		if unset {
			continue
		}
		if n > 0 {
			dst = append(dst, ',')
		}
		n++
		dst = append(dst, f.quoted...)
		var err error
		if dst, err = e.value(dst, f.p, fp); err != nil {
			return dst, err
		}
	}
	if pl.union && n > 1 {
		return dst, fmt.Errorf("jsonutil: union %s has %d members set, want one", pl.sh.Name, n)
	}
	e.depth--
	return append(dst, '}'), nil
}

// value appends the Go value of plan pl at p.
func (e *encoder) value(dst []byte, pl *plan, p unsafe.Pointer) ([]byte, error) {
	switch pl.op {
	case opDocument:
		if (pl.kind == reflect.Interface || pl.kind == reflect.Pointer) && isNil(p) {
			return append(dst, "null"...), nil
		}
		return AppendDocument(dst, valueAt(pl.t, p).Interface())
	case opPtr:
		q := *(*unsafe.Pointer)(p)
		if q == nil {
			return append(dst, "null"...), nil
		}
		if pl.elem.op == opString {
			return AppendString(dst, *(*string)(q)), nil
		}
		// A structure may sit behind any number of pointers; other
		// values behind one.
		if pl.sh.Type != protocol.TypeStructure && (pl.elem.op == opPtr || pl.elem.op == opIface) {
			return dst, pl.elem.mismatch()
		}
		return e.value(dst, pl.elem, q)
	case opIface:
		v := valueAt(pl.t, p)
		if v.IsNil() {
			return append(dst, "null"...), nil
		}
		x := v.Elem()
		return e.value(dst, planFor(pl.sh, x.Type(), pl.ts), addressOf(x))
	case opStruct:
		return e.structure(dst, pl, p)
	case opList:
		h := (*sliceHeader)(p)
		return e.list(dst, pl, h.data, h.len)
	case opArray:
		return e.list(dst, pl, p, pl.n)
	case opMap:
		return e.mapValue(dst, pl, p)
	case opString:
		return AppendString(dst, *(*string)(p)), nil
	case opBool:
		return strconv.AppendBool(dst, *(*bool)(p)), nil
	case opInt, opBigInt:
		return strconv.AppendInt(dst, loadInt(p, pl.size), 10), nil
	case opUint:
		return strconv.AppendUint(dst, loadUint(p, pl.size), 10), nil
	case opFloat:
		if pl.kind == reflect.Float32 {
			return AppendFloat(dst, float64(*(*float32)(p)), 32), nil
		}
		return AppendFloat(dst, *(*float64)(p), 64), nil
	case opBigFloat:
		x := *(*float64)(p)
		if pl.kind == reflect.Float32 {
			x = float64(*(*float32)(p))
		}
		return AppendFloat(dst, x, 64), nil
	case opBigString:
		// Arbitrary precision numbers are strings in Go and bare numbers
		// on the wire, every digit kept.
		s := strings.TrimSpace(*(*string)(p))
		if !ValidNumber(s) {
			return dst, fmt.Errorf("jsonutil: %s: %q is not a number", pl.sh.Name, *(*string)(p))
		}
		return append(dst, s...), nil
	case opBlob:
		dst = append(dst, '"')
		dst = base64.StdEncoding.AppendEncode(dst, *(*[]byte)(p))
		return append(dst, '"'), nil
	case opTime:
		return AppendTimestamp(dst, *(*time.Time)(p), pl.ts), nil
	}
	if pl.sh.Type == protocol.TypeStructure && pl.kind != reflect.Struct {
		return dst, fmt.Errorf("jsonutil: %s: Go value is %s, want a struct", pl.sh.Name, pl.t)
	}
	return dst, pl.mismatch()
}

func loadInt(p unsafe.Pointer, size uintptr) int64 {
	switch size {
	case 1:
		return int64(*(*int8)(p))
	case 2:
		return int64(*(*int16)(p))
	case 4:
		return int64(*(*int32)(p))
	}
	return *(*int64)(p)
}

func loadUint(p unsafe.Pointer, size uintptr) uint64 {
	switch size {
	case 1:
		return uint64(*(*uint8)(p))
	case 2:
		return uint64(*(*uint16)(p))
	case 4:
		return uint64(*(*uint32)(p))
	}
	return *(*uint64)(p)
}

// list appends the n elements at base of list (or array) plan pl.
func (e *encoder) list(dst []byte, pl *plan, base unsafe.Pointer, n int) ([]byte, error) {
	if err := e.deeper(pl.sh); err != nil {
		return dst, err
	}
	el := pl.elem
	skipNil := !pl.sparse && nilable(el.kind)
	dst = append(dst, '[')
	written := 0
	for i := 0; i < n; i++ {
		ep := unsafe.Add(base, uintptr(i)*el.size)
		if skipNil && isNil(ep) {
			continue // a dense list has no nulls
		}
		if written > 0 {
			dst = append(dst, ',')
		}
		written++
		var err error
		if el.op == opStruct {
			// Straight to the structure, without value's dispatch.
			dst, err = e.structure(dst, el, ep)
		} else {
			dst, err = e.value(dst, el, ep)
		}
		if err != nil {
			return dst, err
		}
	}
	e.depth--
	return append(dst, ']'), nil
}

func nilable(k reflect.Kind) bool {
	switch k {
	case reflect.Pointer, reflect.Interface, reflect.Slice, reflect.Map:
		return true
	}
	return false
}

// AppendTimestamp appends t in format f: epoch seconds as a number (with
// a fraction of at most millisecond precision when t has one, as Smithy's
// epoch-seconds format allows), ISO 8601 or an HTTP date as a string
// (xmlutil.FormatTimestamp).
func AppendTimestamp(dst []byte, t time.Time, f protocol.TimestampFormat) []byte {
	if f == protocol.TimestampUnix || f == protocol.TimestampDefault {
		sec := t.Unix()
		ms := t.Nanosecond() / 1e6
		if ms == 0 {
			return strconv.AppendInt(dst, sec, 10)
		}
		if sec < 0 {
			// t.Unix() floors: -1.5 s is sec -2 and 500 ms.
			sec++
			ms = 1000 - ms
			if sec == 0 {
				dst = append(dst, '-')
			}
		}
		dst = strconv.AppendInt(dst, sec, 10)
		dst = append(dst, '.', byte('0'+ms/100), byte('0'+ms/10%10), byte('0'+ms%10))
		for dst[len(dst)-1] == '0' {
			dst = dst[:len(dst)-1]
		}
		return dst
	}
	dst = append(dst, '"')
	dst = xmlutil.AppendTimestamp(dst, t, f)
	return append(dst, '"')
}

// mapValue appends the map at p. Keys are written sorted, so that a body
// is the same bytes every time (as encoding/json does): each entry's key
// and a pointer to its value go onto the scratch stack, sorted by key.
// The values are read where the map holds them (mapiter.go), or, when the
// runtime's iterator does not have the layout checked for, copied out into
// the plan's spare slice for the nesting level (mapValueCopy).
func (e *encoder) mapValue(dst []byte, pl *plan, p unsafe.Pointer) ([]byte, error) {
	if err := e.deeper(pl.sh); err != nil {
		return dst, err
	}
	checkMaps()
	var mv reflect.Value
	if rtypeKnown {
		if isNil(p) {
			e.depth--
			return append(dst, '{', '}'), nil
		}
		mv = mapOf(pl.rt, *(*unsafe.Pointer)(p))
	} else {
		mv = valueAt(pl.t, p)
	}
	n := mv.Len()
	if n == 0 {
		e.depth--
		return append(dst, '{', '}'), nil
	}
	mark := len(e.entries)
	var st *encState
	if iterInPlace {
		var it reflect.MapIter
		it.Reset(mv)
		ip := iterAt(&it)
		for it.Next() {
			k := *(*string)(ip.key)
			e.entries = append(e.entries, mapEntry{keyPrefix(k), k, ip.elem})
		}
	} else {
		st = e.mapValueCopy(pl, mv, n)
	}
	entries := e.entries[mark:]
	sortEntries(entries)
	el := pl.elem
	skipNil := !pl.sparse && nilable(el.kind)
	dst = append(dst, '{')
	written := 0
	var err error
	for i := range entries {
		en := &entries[i]
		if skipNil && isNil(en.val) {
			continue
		}
		if written > 0 {
			dst = append(dst, ',')
		}
		written++
		dst = AppendString(dst, en.key)
		dst = append(dst, ':')
		if el.op == opStruct {
			dst, err = e.structure(dst, el, en.val)
		} else {
			dst, err = e.value(dst, el, en.val)
		}
		if err != nil {
			break
		}
	}
	clear(entries)
	e.entries = e.entries[:mark]
	if st != nil {
		st.depth--
	}
	if err != nil {
		return dst, err
	}
	e.depth--
	return append(dst, '}'), nil
}

// mapValueCopy puts the n entries of the map mv of plan pl on the scratch
// stack, their values copied into the plan's spare slice for the nesting
// level (the caller leaves the level when done).
func (e *encoder) mapValueCopy(pl *plan, mv reflect.Value, n int) *encState {
	st := e.state(pl)
	if st.depth == len(st.levels) {
		st.levels = append(st.levels, new(encLevel))
	}
	lv := st.levels[st.depth]
	st.depth++
	if !lv.vals.IsValid() || lv.vals.Len() < n {
		for i := 0; i < lv.used; i++ {
			lv.vals.Index(i).SetZero()
		}
		lv.vals = reflect.MakeSlice(reflect.SliceOf(pl.elemT), max(n, 16), max(n, 16))
		lv.base, lv.used = lv.vals.UnsafePointer(), 0
	}
	lv.used = max(lv.used, n)
	var it reflect.MapIter
	it.Reset(mv)
	for i := 0; it.Next(); i++ {
		st.kv.SetIterKey(&it)
		lv.vals.Index(i).SetIterValue(&it)
		k := st.kv.String()
		e.entries = append(e.entries, mapEntry{keyPrefix(k), k, unsafe.Add(lv.base, uintptr(i)*pl.elem.size)})
	}
	return st
}

// sortEntries sorts map entries by key: by insertion for the few keys of
// most maps.
func sortEntries(es []mapEntry) {
	if len(es) > 16 {
		slices.SortFunc(es, func(a, b mapEntry) int {
			if a.pre != b.pre {
				return cmp.Compare(a.pre, b.pre)
			}
			return strings.Compare(a.key, b.key)
		})
		return
	}
	for i := 1; i < len(es); i++ {
		for j := i; j > 0 && es[j].less(&es[j-1]); j-- {
			es[j], es[j-1] = es[j-1], es[j]
		}
	}
}
