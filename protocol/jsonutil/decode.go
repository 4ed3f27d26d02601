package jsonutil

import (
	"bytes"
	"encoding/base64"
	"fmt"
	"math"
	"reflect"
	"strconv"
	"strings"
	"sync"
	"time"
	"unsafe"

	"github.com/goto3/goto3/protocol"
	"github.com/goto3/goto3/protocol/xmlutil"
)

// DecodeOptions says how Decode reads a response body.
type DecodeOptions struct {
	// BodyOnly skips, in the top-level structure, the members bound to
	// headers or the status code (REST-JSON, where they are not read from
	// the body); other members, those bound to the URI or query string
	// included, are read from the body as botocore does.
	BodyOnly bool
	// MaxDepth limits the nesting of the document; 0 means
	// DefaultMaxDepth.
	MaxDepth int
}

// Decode reads the JSON document data, one value of shape sh, into v (an
// addressable value of sh's Go type, or a pointer to one). An empty or
// all-whitespace document, or a top-level null, leaves v alone, as
// botocore treats an empty body as {}. Members the shape does not have
// ("__type" among them) are skipped; see the package documentation for
// how each type is read, and for the memory the decoded values share.
// Decode keeps no reference to data.
func Decode(data []byte, sh *protocol.Shape, v reflect.Value, opts DecodeOptions) error {
	if len(bytes.TrimLeft(data, " \t\r\n")) == 0 {
		return nil
	}
	d := newDecoder()
	defer d.release()
	d.rd.Reset(data)
	d.rd.MaxDepth = opts.MaxDepth
	d.r = &d.rd
	d.bodyOnly = opts.BodyOnly
	if err := d.top(sh, v); err != nil {
		return err
	}
	return d.r.End()
}

// DecodeValue reads the next value of r, of shape sh, into v.
func DecodeValue(r *Reader, sh *protocol.Shape, v reflect.Value) error {
	d := newDecoder()
	defer d.release()
	d.r = r
	return d.top(sh, v)
}

// top reads the value of shape sh into v, which is addressable or a
// pointer (whose target is then addressable).
func (d *decoder) top(sh *protocol.Shape, v reflect.Value) error {
	k, err := d.r.Peek()
	if err != nil {
		return err
	}
	if k == KindNull && sh.Type != protocol.TypeDocument {
		return d.r.ReadNull()
	}
	var p unsafe.Pointer
	t := v.Type()
	switch {
	case v.CanAddr():
		p = v.Addr().UnsafePointer()
	case v.Kind() == reflect.Pointer && !v.IsNil():
		p, t = v.UnsafePointer(), t.Elem()
	default:
		return fmt.Errorf("jsonutil: decoding %s: want an addressable value or a non-nil pointer, got %s", sh.Name, t)
	}
	return d.value(planFor(sh, t, timestampFormat(&protocol.Member{Shape: sh})), p, true)
}

// A decoder reads one document into Go values through their plans.
//
// The values it creates for one document share allocations (see the
// package documentation): strings are cut from string chunks, blobs from
// byte chunks, optional scalars point into typed slabs, and the backing
// arrays of lists are cut from typed chunks, each list with its capacity
// equal to its length (appending to one reallocates; it never writes into
// a neighbour). The chunks are never reused for another document.
type decoder struct {
	r        *Reader
	rd       Reader
	bodyOnly bool
	// strs interns map keys: a response repeats the same few keys (a
	// DynamoDB item's attribute names) thousands of times.
	strs map[string]string
	// states holds per list or map plan what the decoder keeps between
	// values of the plan (size hints, key orders, chunks, spare values),
	// looked up by a scan (few plans take part in one document), or
	// through stateOf once there are many.
	states  []*planState
	stateOf map[*plan]*planState
	// The string and blob chunks.
	chunks Chunks
	// Slabs of the pointed-to values of optional scalar members: one
	// allocation serves many fields.
	nPtrs   int
	strSlab []string
	bools   []bool
	i32s    []int32
	i64s    []int64
	f64s    []float64
	times   []time.Time
}

var decoderPool = sync.Pool{New: func() any { return new(decoder) }}

func newDecoder() *decoder { return decoderPool.Get().(*decoder) }

// Bounds on what a pooled decoder keeps.
const (
	maxPooledStates = 64
	maxPooledKeys   = 512
)

// release drops everything the decoded values use (chunks and slabs
// belong to them now) and returns d to the pool.
func (d *decoder) release() {
	d.r = nil
	d.rd.Reset(nil)
	d.chunks = Chunks{}
	d.nPtrs = 0
	d.strSlab, d.bools, d.i32s, d.i64s, d.f64s, d.times = nil, nil, nil, nil, nil, nil
	if len(d.strs) > maxPooledKeys {
		d.strs = nil
	}
	if len(d.states) > maxPooledStates {
		d.states, d.stateOf = nil, nil
	}
	for _, s := range d.states {
		s.reset()
	}
	decoderPool.Put(d)
}

// planState is what a decoder keeps for one list or map plan.
type planState struct {
	pl *plan
	// depth is the number of values of the plan being decoded, one
	// inside the other (recursive shapes); levels[depth-1] is the
	// innermost one's.
	depth  int
	levels []*level
	kv     reflect.Value // a map key variable
}

// level is a planState's storage for one nesting level.
type level struct {
	// Lists: the chunk their backing arrays are cut from, and how much
	// of it is used; next is the length of the next chunk.
	chunk     reflect.Value
	base      unsafe.Pointer
	used, cap int
	next      int
	// Maps: a variable each value is decoded into, then copied into the
	// map, and its address.
	ev reflect.Value
	ep unsafe.Pointer
	// size is the length of the last map of the plan at this level: the
	// next one is allocated at that size (the items of an answer have
	// much the same attributes).
	size int
	// keys holds the keys of the last map of the plan at this level in
	// their order: the maps of an answer's items tend to repeat them.
	keys []string
}

func (s *planState) enter() *level {
	if s.depth == len(s.levels) {
		s.levels = append(s.levels, new(level))
	}
	s.depth++
	return s.levels[s.depth-1]
}

func (s *planState) leave() { s.depth-- }

// reset drops the chunks (the decoded lists use them) and clears the
// spare values.
func (s *planState) reset() {
	s.depth = 0
	for _, lv := range s.levels {
		lv.chunk, lv.base, lv.used, lv.cap, lv.next = reflect.Value{}, nil, 0, 0, 0
		if lv.ev.IsValid() {
			lv.ev.SetZero()
		}
	}
}

// linearStates is the number of plan states up to which they are found
// by a scan.
const linearStates = 12

func (d *decoder) state(pl *plan) *planState {
	if d.stateOf != nil {
		if s := d.stateOf[pl]; s != nil {
			return s
		}
	} else {
		for _, s := range d.states {
			if s.pl == pl {
				return s
			}
		}
	}
	s := &planState{pl: pl}
	d.states = append(d.states, s)
	if d.stateOf != nil || len(d.states) > linearStates {
		if d.stateOf == nil {
			d.stateOf = make(map[*plan]*planState, 2*len(d.states))
			for _, s := range d.states {
				d.stateOf[s.pl] = s
			}
		}
		d.stateOf[pl] = s
	}
	return s
}

// Chunk sizes.
const (
	// maxChunkBytes bounds the string, blob and list chunks (a list
	// longer than that gets an array of its own): a decoded value kept
	// alive keeps at most that much of the others alive with it.
	maxChunkBytes = 16 << 10
	// maxChunkString is the longest string or blob cut from a chunk;
	// longer ones have their own allocation.
	maxChunkString = 1 << 10
	minChunkElems  = 8
)

// str returns b as a string cut from the decoder's chunks.
func (d *decoder) str(b []byte) string { return d.chunks.String(b, len(d.r.data)-d.r.pos) }

// blob decodes the base64 text b into a slice cut from the decoder's
// chunks.
func (d *decoder) blob(b []byte) ([]byte, error) { return d.chunks.Blob(b, len(d.r.data)-d.r.pos) }

// Chunks hands out the strings and decoded blobs of a document cut from
// shared chunks, so that many short ones cost few allocations. A chunk is
// only appended to: what it has handed out is never written again, and it
// lives as long as any of that does. The zero Chunks is ready to use; it
// is not safe for concurrent use, and must not be copied once used.
type Chunks struct {
	sb    strings.Builder
	blobs []byte
}

// String returns b as a string of its own, cut from the current chunk.
// left is how much of the document is still to be read: a new chunk is no
// larger than what can still come.
func (c *Chunks) String(b []byte, left int) string {
	n := len(b)
	if n == 0 {
		return ""
	}
	if n > maxChunkString {
		return string(b)
	}
	if c.sb.Cap()-c.sb.Len() < n {
		c.sb = strings.Builder{}
		c.sb.Grow(min(max(left, n, 64), maxChunkBytes))
	}
	start := c.sb.Len()
	c.sb.Write(b)
	return c.sb.String()[start:]
}

var emptyBlob = []byte{}

// Blob decodes the base64 text b (padded, or unpadded when its length
// says so) into a slice of its own (capacity equal to its length), cut
// from the current chunk; left is as for String.
func (c *Chunks) Blob(b []byte, left int) ([]byte, error) {
	enc := base64.StdEncoding
	if len(b)%4 != 0 {
		enc = base64.RawStdEncoding
	}
	n := enc.DecodedLen(len(b))
	if n == 0 {
		if _, err := enc.Decode(nil, b); err != nil {
			return nil, err
		}
		return emptyBlob, nil
	}
	var out []byte
	if n > maxChunkString {
		out = make([]byte, n)
	} else {
		if len(c.blobs) < n {
			c.blobs = make([]byte, min(max(left, n, 64), maxChunkBytes))
		}
		out = c.blobs[:n:n]
	}
	m, err := enc.Decode(out, b)
	if err != nil {
		return nil, err
	}
	if n <= maxChunkString {
		c.blobs = c.blobs[m:]
	}
	return out[:m:m], nil
}

// chunk sizes the next pointer slab: small for small documents, up to
// 256.
func (d *decoder) chunk() int {
	n := min(max(d.nPtrs, 8), 256)
	d.nPtrs += n
	return n
}

func slabPtr[T any](d *decoder, slab *[]T) unsafe.Pointer {
	if len(*slab) == 0 {
		*slab = make([]T, d.chunk())
	}
	p := &(*slab)[0]
	*slab = (*slab)[1:]
	return unsafe.Pointer(p)
}

// newTarget returns a new zero value for pointer plan pl to point to: from
// a slab for the scalar types of generated optional members, else its own
// allocation.
func (d *decoder) newTarget(pl *plan) unsafe.Pointer {
	switch pl.slab {
	case slabString:
		return slabPtr(d, &d.strSlab)
	case slabBool:
		return slabPtr(d, &d.bools)
	case slabInt32:
		return slabPtr(d, &d.i32s)
	case slabInt64:
		return slabPtr(d, &d.i64s)
	case slabFloat64:
		return slabPtr(d, &d.f64s)
	case slabTime:
		return slabPtr(d, &d.times)
	case slabChunk:
		lv := d.state(pl).level0()
		if lv.used == lv.cap {
			lv.newChunk(pl.sliceT, pl.elem.size, 1)
		}
		lv.used++
		return unsafe.Add(lv.base, uintptr(lv.used-1)*pl.elem.size)
	}
	return reflect.New(pl.elemT).UnsafePointer()
}

const (
	maxInternLen  = 64
	maxInternKeys = 4096
)

func (d *decoder) intern(b []byte) string {
	if len(b) > maxInternLen {
		return d.str(b)
	}
	if s, ok := d.strs[string(b)]; ok {
		return s
	}
	s := string(b)
	if d.strs == nil {
		d.strs = make(map[string]string, 16)
	}
	if len(d.strs) < maxInternKeys {
		d.strs[s] = s
	}
	return s
}

func (d *decoder) typeError(sh *protocol.Shape, got Kind) error {
	return &SyntaxError{Offset: d.r.pos, Msg: fmt.Sprintf("%s value where shape %s (%s) wants %s", got, sh.Name, typeName(sh.Type), wantKind(sh.Type))}
}

func typeName(t protocol.Type) string {
	names := [...]string{"invalid", "structure", "list", "map", "string", "blob", "boolean", "byte", "short", "integer", "long", "float", "double", "bigInteger", "bigDecimal", "timestamp", "document"}
	if int(t) < len(names) {
		return names[t]
	}
	return "invalid"
}

func wantKind(t protocol.Type) string {
	switch t {
	case protocol.TypeStructure, protocol.TypeMap:
		return "an object"
	case protocol.TypeList:
		return "an array"
	case protocol.TypeBoolean:
		return "a boolean"
	case protocol.TypeString, protocol.TypeBlob:
		return "a string"
	case protocol.TypeTimestamp:
		return "a number or a string"
	}
	return "a number"
}

// kindFits reports whether a JSON value of kind k may hold a value of
// shape type t.
func kindFits(t protocol.Type, k Kind) bool {
	switch t {
	case protocol.TypeStructure, protocol.TypeMap:
		return k == KindObject
	case protocol.TypeList:
		return k == KindArray
	case protocol.TypeString, protocol.TypeBlob:
		return k == KindString
	case protocol.TypeBoolean:
		return k == KindBool
	case protocol.TypeByte, protocol.TypeShort, protocol.TypeInteger, protocol.TypeLong:
		return k == KindNumber
	case protocol.TypeFloat, protocol.TypeDouble, protocol.TypeBigInteger, protocol.TypeBigDecimal, protocol.TypeTimestamp:
		return k == KindNumber || k == KindString
	}
	return false
}

// value reads the next value into the Go value of plan pl at p.
func (d *decoder) value(pl *plan, p unsafe.Pointer, top bool) error {
	k, err := d.r.Peek()
	if err != nil {
		return err
	}
	if pl.op == opDocument {
		doc, err := d.r.ReadDocument()
		if err != nil {
			return err
		}
		if pl.bad != nil {
			return pl.bad
		}
		if doc != nil {
			valueAt(pl.t, p).Set(reflect.ValueOf(doc))
		}
		return nil
	}
	if k == KindNull {
		// null is no value: the field stays unset.
		return d.r.ReadNull()
	}
	for pl.op == opPtr {
		pp := (*unsafe.Pointer)(p)
		if *pp == nil {
			*pp = d.newTarget(pl)
		}
		p, pl = *pp, pl.elem
	}
	sh := pl.sh
	if !kindFits(sh.Type, k) {
		return d.typeError(sh, k)
	}
	switch pl.op {
	case opStruct:
		return d.structure(pl, p, top)
	case opList:
		return d.list(pl, p)
	case opMap:
		return d.mapValue(pl, p)
	case opString:
		b, err := d.r.ReadString()
		if err != nil {
			return err
		}
		*(*string)(p) = d.str(b)
		return nil
	case opBool:
		b, err := d.r.ReadBool()
		if err != nil {
			return err
		}
		*(*bool)(p) = b
		return nil
	case opInt, opUint:
		b, err := d.r.ReadNumber()
		if err != nil {
			return err
		}
		n, ok := ParseInt(b)
		if !ok {
			return &SyntaxError{Offset: d.r.pos, Msg: fmt.Sprintf("%s is not a 64-bit integer (shape %s)", b, sh.Name)}
		}
		if pl.op == opUint {
			return pl.mismatch()
		}
		if bits := pl.size * 8; bits < 64 && (n < -1<<(bits-1) || n >= 1<<(bits-1)) {
			return &SyntaxError{Offset: d.r.pos, Msg: fmt.Sprintf("%d overflows %s (shape %s)", n, pl.t, sh.Name)}
		}
		storeInt(p, pl.size, n)
		return nil
	case opFloat:
		var x float64
		if k == KindNumber {
			b, err := d.r.ReadNumber()
			if err != nil {
				return err
			}
			bits := 64
			if pl.kind == reflect.Float32 {
				bits = 32
			}
			// Within range by the grammar; out-of-range values
			// become ±Inf, as encoding/json would reject and botocore
			// accepts. The string is only read (strconv copies the
			// text into any error), so it may alias the document.
			x, _ = strconv.ParseFloat(unsafe.String(unsafe.SliceData(b), len(b)), bits)
		} else {
			b, err := d.r.ReadString()
			if err != nil {
				return err
			}
			switch string(b) {
			case "NaN":
				x = math.NaN()
			case "Infinity":
				x = math.Inf(1)
			case "-Infinity":
				x = math.Inf(-1)
			default:
				return &SyntaxError{Offset: d.r.pos, Msg: fmt.Sprintf("string %q where shape %s wants a number", b, sh.Name)}
			}
		}
		if pl.kind == reflect.Float32 {
			*(*float32)(p) = float32(x)
		} else {
			*(*float64)(p) = x
		}
		return nil
	case opBigString:
		var b []byte
		if k == KindNumber {
			b, err = d.r.ReadNumber()
		} else {
			b, err = d.r.ReadString()
		}
		if err != nil {
			return err
		}
		*(*string)(p) = d.str(b)
		return nil
	case opBlob:
		b, err := d.r.ReadString()
		if err != nil {
			return err
		}
		out, err := d.blob(b)
		if err != nil {
			return &SyntaxError{Offset: d.r.pos, Msg: fmt.Sprintf("blob %s: %v", sh.Name, err)}
		}
		*(*[]byte)(p) = out
		return nil
	case opTime:
		var t time.Time
		if k == KindNumber {
			b, err := d.r.ReadNumber()
			if err != nil {
				return err
			}
			var ok bool
			if t, ok = EpochSeconds(b); !ok {
				return &SyntaxError{Offset: d.r.pos, Msg: fmt.Sprintf("timestamp %s out of range (shape %s)", b, sh.Name)}
			}
		} else {
			b, err := d.r.ReadString()
			if err != nil {
				return err
			}
			if t, err = xmlutil.ParseTimestamp(b); err != nil {
				return &SyntaxError{Offset: d.r.pos, Msg: fmt.Sprintf("shape %s: %v", sh.Name, err)}
			}
		}
		*(*time.Time)(p) = t
		return nil
	}
	if sh.Type == protocol.TypeStructure && pl.kind != reflect.Struct {
		return fmt.Errorf("jsonutil: %s: Go value is %s, want a struct", sh.Name, pl.t)
	}
	return pl.mismatch()
}

// storeInt stores n, in range, into the signed integer of size bytes at p.
func storeInt(p unsafe.Pointer, size uintptr, n int64) {
	switch size {
	case 1:
		*(*int8)(p) = int8(n)
	case 2:
		*(*int16)(p) = int16(n)
	case 4:
		*(*int32)(p) = int32(n)
	default:
		*(*int64)(p) = n
	}
}

func (d *decoder) structure(pl *plan, p unsafe.Pointer, top bool) error {
	names := &pl.names
	if top && d.bodyOnly {
		names = &pl.body
	}
	if err := d.r.BeginObject(); err != nil {
		return err
	}
	for {
		key, ok, err := d.r.NextMember()
		if err != nil {
			return err
		}
		if !ok {
			return nil
		}
		i, found := names.find(key)
		if !found || pl.fields[i].off == ^uintptr(0) {
			// Unknown members (and a union's "__type") are skipped.
			if err := d.r.Skip(); err != nil {
				return err
			}
			continue
		}
		f := &pl.fields[i]
		if f.str && d.r.nextIsString() {
			// An optional string, as value reads it, without its
			// dispatch.
			b, err := d.r.ReadString()
			if err != nil {
				return err
			}
			pp := (*unsafe.Pointer)(unsafe.Add(p, f.off))
			if *pp == nil {
				*pp = d.newTarget(f.p)
			}
			*(*string)(*pp) = d.str(b)
			continue
		}
		if err := d.value(f.p, unsafe.Add(p, f.off), false); err != nil {
			return err
		}
	}
}

// zeroBase is where the empty lists decoded point: a list that is set,
// with no elements and no capacity.
var zeroBase uintptr

// list reads an array into the slice at p. The elements are decoded in
// place at the end of the plan's current chunk for the nesting level; a
// nested list of the same plan uses the next level's chunk.
func (d *decoder) list(pl *plan, p unsafe.Pointer) error {
	if err := d.r.BeginArray(); err != nil {
		return err
	}
	st := d.state(pl)
	lv := st.enter()
	size := pl.elem.size
	start, n := lv.used, 0
	for {
		ok, err := d.r.NextElement()
		if err != nil {
			st.leave()
			return err
		}
		if !ok {
			break
		}
		if !pl.sparse && d.r.nextIsNull() {
			// A dense list has no nulls: skip one.
			if err := d.r.ReadNull(); err != nil {
				st.leave()
				return err
			}
			continue
		}
		if start+n == lv.cap {
			start = lv.grow(pl, start, n)
		}
		if err := d.value(pl.elem, unsafe.Add(lv.base, uintptr(start+n)*size), false); err != nil {
			st.leave()
			return err
		}
		n++
	}
	st.leave()
	h := (*sliceHeader)(p)
	if n == 0 {
		// [] is a set, empty list.
		*h = sliceHeader{data: unsafe.Pointer(&zeroBase)}
		return nil
	}
	lv.used = start + n
	*h = sliceHeader{data: unsafe.Add(lv.base, uintptr(start)*size), len: n, cap: n}
	return nil
}

// grow gives the list of plan pl being decoded, n elements so far from
// start in lv's chunk, a new chunk with room for more, and returns its
// new start (0).
func (lv *level) grow(pl *plan, start, n int) int {
	old := lv.chunk
	lv.newChunk(pl.t, pl.elem.size, 2*(n+1))
	if n > 0 {
		o := old.Slice(start, start+n)
		reflect.Copy(lv.chunk, o)
		o.Clear()
	}
	return 0
}

// newChunk gives lv a new chunk of slice type t (elements of size bytes),
// of at least atLeast elements: chunks double from minChunkElems up to
// maxChunkBytes.
func (lv *level) newChunk(t reflect.Type, size uintptr, atLeast int) {
	if lv.next == 0 {
		lv.next = minChunkElems
	}
	length := max(lv.next, atLeast)
	if size > 0 {
		lv.next = max(minChunkElems, min(2*lv.next, maxChunkBytes/int(size)))
	}
	chunk := reflect.MakeSlice(t, length, length)
	lv.chunk, lv.base, lv.used, lv.cap = chunk, chunk.UnsafePointer(), 0, length
}

// level0 is the state's level for values that do not nest (pointer
// targets).
func (s *planState) level0() *level {
	if len(s.levels) == 0 {
		s.levels = append(s.levels, new(level))
	}
	return s.levels[0]
}

func (d *decoder) mapValue(pl *plan, p unsafe.Pointer) error {
	if err := d.r.BeginObject(); err != nil {
		return err
	}
	st := d.state(pl)
	lv := st.enter()
	var mv reflect.Value
	if isNil(p) {
		mv = reflect.MakeMapWithSize(pl.t, lv.size)
		// A map variable is one pointer, which is what a map Value's
		// UnsafePointer is.
		*(*unsafe.Pointer)(p) = mv.UnsafePointer()
	} else {
		mv = valueAt(pl.t, p)
	}
	if !st.kv.IsValid() {
		st.kv = reflect.New(pl.t.Key()).Elem()
	}
	if !lv.ev.IsValid() {
		lv.ev = reflect.New(pl.elemT).Elem()
		lv.ep = lv.ev.Addr().UnsafePointer()
	}
	last := lv.keys
	n := 0
	for {
		key, ok, err := d.r.NextMember()
		if err != nil {
			st.leave()
			return err
		}
		if !ok {
			break
		}
		var ks string
		switch {
		case n < len(last) && last[n] == string(key):
			ks = last[n]
		case n < len(last):
			ks = d.intern(key)
			last[n] = ks
		case n < maxSizeHint:
			ks = d.intern(key)
			last = append(last, ks)
		default:
			ks = d.intern(key)
		}
		n++
		if !pl.sparse && d.r.nextIsNull() {
			// A dense map has no nulls: skip the entry.
			if err := d.r.ReadNull(); err != nil {
				st.leave()
				return err
			}
			continue
		}
		if err := d.value(pl.elem, lv.ep, false); err != nil {
			lv.ev.SetZero()
			st.leave()
			return err
		}
		st.kv.SetString(ks)
		mv.SetMapIndex(st.kv, lv.ev)
		clearValue(pl.elem, lv.ev, lv.ep)
	}
	st.leave()
	lv.keys = last
	lv.size = min(mv.Len(), maxSizeHint)
	return nil
}

// clearValue zeroes ev, of plan pl, at p: for a structure of nilable
// fields, only those set (most of a union's are not, and a typed clear of
// the whole value costs a write barrier per pointer while the garbage
// collector runs).
func clearValue(pl *plan, ev reflect.Value, p unsafe.Pointer) {
	if pl.op != opStruct || !pl.nilFields {
		ev.SetZero()
		return
	}
	for i := range pl.fields {
		f := &pl.fields[i]
		if f.off == ^uintptr(0) {
			continue
		}
		if fp := unsafe.Add(p, f.off); !isNil(fp) {
			clearNilable(fp, f.p.kind)
		}
	}
}

// maxSizeHint bounds the size a map is allocated at from the previous
// one's, and the keys remembered.
const maxSizeHint = 1024

// ParseInt parses a JSON number that is an integer: digits with an
// optional minus sign, or a fraction or exponent whose value is integral
// and exactly representable ("1.0", "1e3"). It reports false for anything
// else, and for values outside int64.
func ParseInt(b []byte) (int64, bool) {
	i := 0
	neg := false
	if len(b) > 0 && b[0] == '-' {
		neg = true
		i = 1
	}
	if i == len(b) {
		return 0, false
	}
	var u uint64
	for ; i < len(b); i++ {
		c := b[i]
		if c < '0' || c > '9' {
			return parseIntSlow(b)
		}
		if u > (math.MaxUint64-9)/10 {
			return 0, false
		}
		u = u*10 + uint64(c-'0')
	}
	if neg {
		if u > 1<<63 {
			return 0, false
		}
		return -int64(u), true
	}
	if u > math.MaxInt64 {
		return 0, false
	}
	return int64(u), true
}

func parseIntSlow(b []byte) (int64, bool) {
	x, err := strconv.ParseFloat(string(b), 64)
	if err != nil || x != math.Trunc(x) || math.Abs(x) > 1<<53 {
		return 0, false
	}
	return int64(x), true
}

// EpochSeconds reads a JSON number of seconds since the epoch exactly:
// "1398796238.123" is 1398796238 s and 123 ms with no float rounding (to
// the nanosecond; further digits are dropped). An exponent goes through
// float64. It reports false for values beyond what time.Time holds.
func EpochSeconds(b []byte) (time.Time, bool) {
	if bytes.ContainsAny(b, "eE") {
		x, err := strconv.ParseFloat(string(b), 64)
		if err != nil || math.IsInf(x, 0) || math.Abs(x) > 1e15 {
			return time.Time{}, false
		}
		sec, frac := math.Modf(x)
		return time.Unix(int64(sec), int64(math.Round(frac*1e9))).UTC(), true
	}
	intPart, frac, _ := bytes.Cut(b, []byte{'.'})
	sec, ok := ParseInt(intPart)
	if !ok || sec > 1e15 || sec < -1e15 {
		return time.Time{}, false
	}
	var ns int64
	for i := 0; i < 9; i++ {
		ns *= 10
		if i < len(frac) {
			ns += int64(frac[i] - '0')
		}
	}
	if len(intPart) > 0 && intPart[0] == '-' {
		ns = -ns
	}
	return time.Unix(sec, ns).UTC(), true
}

// DecodeBase64 decodes standard base64, with or without padding, as
// botocore's blob parser accepts it.
func DecodeBase64(b []byte) ([]byte, error) {
	enc := base64.StdEncoding
	if len(b)%4 != 0 {
		enc = base64.RawStdEncoding
	}
	out := make([]byte, enc.DecodedLen(len(b)))
	n, err := enc.Decode(out, b)
	if err != nil {
		return nil, err
	}
	return out[:n], nil
}
