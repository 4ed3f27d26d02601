package jsonutil

import (
	"fmt"
	"reflect"
	"sync"
	"time"
	"unsafe"

	"github.com/goto3/goto3/protocol"
)

// A plan is how one shape is read and written for one Go type: what to do
// (op), and for a structure where each member's field is (its offset) and
// its own plan; for a pointer, list or map the plan of what it holds. Plans
// are built once per (shape, Go type, timestamp format), at first use, from
// the schema and reflect.Type: they are data, not generated code. The codec
// then reads and writes Go values through the field offsets the plan
// records, with no reflect.Value per scalar; reflect remains for creating
// and iterating maps and for typed copies (map entries are written from
// where the map holds them: mapiter.go).
//
// Every offset and type in a plan comes from reflect on the very type the
// plan is built for, and a value is only ever accessed through the plan of
// its own type (Decode and AppendStructure check the type of the value they
// are given), so each unsafe access reads or writes a field of the type it
// was compiled for.
type plan struct {
	op   opcode
	sh   *protocol.Shape
	t    reflect.Type
	kind reflect.Kind // of t
	size uintptr      // of t
	// elem is the plan of a pointer's target, a list's or array's
	// element, a map's value.
	elem *plan
	// elemT is the type elem describes (t.Elem()).
	elemT reflect.Type
	// sliceT is []elemT, for a pointer's slabChunk.
	sliceT reflect.Type
	// rt is a map's runtime type (maptype.go).
	rt unsafe.Pointer
	// n is an array's length.
	n int
	// ts is a timestamp's format when written.
	ts protocol.TimestampFormat
	// sparse: a list or map whose elements may be null (keepsNulls).
	sparse bool
	// slab says which typed slab a pointer's target comes from when
	// decoding.
	slab slabKind
	// Structures.
	fields []field
	enc    []field // the fields written: those of the Go type
	names  lookup  // JSON name to field, the first member of a name winning
	body   lookup  // the same without the members bound to headers or the status code (BodyOnly)
	union  bool
	// nilFields: every field is a pointer, slice, map or interface (a
	// value is cleared by clearing its set fields).
	nilFields bool
	// bad is the error of a document member whose Go field is not an
	// interface.
	bad error
}

type opcode uint8

const (
	opMismatch opcode = iota // the Go type does not fit the shape
	opStruct
	opList  // a slice
	opArray // an array (written only)
	opMap
	opString
	opBool
	opInt  // signed integer kinds
	opUint // unsigned integer kinds (written only)
	opFloat
	opBigString // bigInteger or bigDecimal held in a string
	opBigInt    // ... in a signed integer (written only)
	opBigFloat  // ... in a float (written only)
	opBlob
	opTime
	opDocument
	opPtr
	opIface // an interface holding a value of a non-document shape (written only)
)

// slabKind names the typed slabs a decoder allocates optional scalars
// from.
type slabKind uint8

const (
	slabNone slabKind = iota
	slabString
	slabBool
	slabInt32
	slabInt64
	slabFloat64
	slabTime
	slabChunk // a typed chunk of the plan's own (structures)
)

type field struct {
	name   string // JSON name
	quoted string // `"name":`, written before the value
	off    uintptr
	p      *plan
	m      *protocol.Member
	// nilable: a pointer, slice, map or interface field, unset when
	// nil (its first word is zero).
	nilable bool
	// notBody: bound to the URI, query string, a header or the status
	// code (left out of a BodyOnly encoding).
	notBody bool
	// str: a *string field holding a string shape (written without
	// value's dispatch).
	str bool
}

// lookup finds a structure's field by JSON name: a linear scan of names
// for a small structure (cheaper than hashing the key), else through a
// map.
type lookup struct {
	names []string // per field; "" for fields not looked up
	byKey map[string]int
}

// linearMax is the number of members up to which a key is looked up by
// scanning the names.
const linearMax = 16

func (l *lookup) find(key []byte) (int, bool) {
	if l.byKey == nil {
		for i, n := range l.names {
			if len(n) == len(key) && n == string(key) {
				return i, true
			}
		}
		return 0, false
	}
	i, ok := l.byKey[string(key)]
	return i, ok
}

type planKey struct {
	sh *protocol.Shape
	t  reflect.Type
	ts protocol.TimestampFormat
}

// plans holds every plan built: the schema and Go types are immutable, so
// it only grows to the number of (shape, type) pairs used and is safe for
// concurrent use. A plan is stored once complete, with every plan it
// refers to (recursive shapes such as DynamoDB's AttributeValue refer to
// themselves).
var (
	plans     sync.Map // planKey -> *plan
	compileMu sync.Mutex
)

// planFor returns the plan of shape sh for Go type t; ts is the member's
// timestamp format (timestampFormat), which only timestamps use.
func planFor(sh *protocol.Shape, t reflect.Type, ts protocol.TimestampFormat) *plan {
	if sh.Type != protocol.TypeTimestamp {
		ts = 0
	}
	if p, ok := plans.Load(planKey{sh, t, ts}); ok {
		return p.(*plan)
	}
	compileMu.Lock()
	defer compileMu.Unlock()
	c := compiler{pending: make(map[planKey]*plan)}
	p := c.plan(sh, t, ts)
	for k, v := range c.pending {
		plans.Store(k, v)
	}
	return p
}

type compiler struct {
	pending map[planKey]*plan
}

var (
	timeType     = reflect.TypeFor[time.Time]()
	stringType   = reflect.TypeFor[string]()
	boolType     = reflect.TypeFor[bool]()
	int32Type    = reflect.TypeFor[int32]()
	int64Type    = reflect.TypeFor[int64]()
	float64Type  = reflect.TypeFor[float64]()
	emptyIfaceTy = reflect.TypeFor[any]()
)

func (c *compiler) plan(sh *protocol.Shape, t reflect.Type, ts protocol.TimestampFormat) *plan {
	if sh.Type != protocol.TypeTimestamp {
		ts = 0
	}
	k := planKey{sh, t, ts}
	if p, ok := plans.Load(k); ok {
		return p.(*plan)
	}
	if p, ok := c.pending[k]; ok {
		return p
	}
	p := &plan{sh: sh, t: t, kind: t.Kind(), size: t.Size(), ts: ts, sparse: keepsNulls(sh)}
	c.pending[k] = p
	c.fill(p)
	return p
}

func (c *compiler) fill(p *plan) {
	sh, t := p.sh, p.t
	if sh.Type == protocol.TypeDocument {
		p.op = opDocument
		if t.Kind() != reflect.Interface {
			p.bad = fmt.Errorf("jsonutil: document %s: Go field is %s, want any", sh.Name, t)
		}
		return
	}
	switch t.Kind() {
	case reflect.Pointer:
		p.op = opPtr
		p.elemT = t.Elem()
		p.elem = c.plan(sh, t.Elem(), p.ts)
		switch t.Elem() {
		case stringType:
			p.slab = slabString
		case boolType:
			p.slab = slabBool
		case int32Type:
			p.slab = slabInt32
		case int64Type:
			p.slab = slabInt64
		case float64Type:
			p.slab = slabFloat64
		case timeType:
			p.slab = slabTime
		default:
			if t.Elem().Kind() == reflect.Struct {
				p.slab = slabChunk
				p.sliceT = reflect.SliceOf(t.Elem())
			}
		}
		return
	case reflect.Interface:
		p.op = opIface
		return
	}
	k := t.Kind()
	switch sh.Type {
	case protocol.TypeStructure:
		if k == reflect.Struct {
			p.op = opStruct
			c.structure(p)
		}
	case protocol.TypeList:
		switch k {
		case reflect.Slice:
			p.op = opList
		case reflect.Array:
			p.op, p.n = opArray, t.Len()
		default:
			return
		}
		p.elemT = t.Elem()
		p.elem = c.plan(sh.Member.Shape, t.Elem(), timestampFormat(sh.Member))
	case protocol.TypeMap:
		if k == reflect.Map && t.Key().Kind() == reflect.String {
			p.op = opMap
			p.rt = rtypeOf(t)
			p.elemT = t.Elem()
			p.elem = c.plan(sh.Value.Shape, t.Elem(), timestampFormat(sh.Value))
		}
	case protocol.TypeString:
		if k == reflect.String {
			p.op = opString
		}
	case protocol.TypeBoolean:
		if k == reflect.Bool {
			p.op = opBool
		}
	case protocol.TypeByte, protocol.TypeShort, protocol.TypeInteger, protocol.TypeLong:
		switch k {
		case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
			p.op = opInt
		case reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64, reflect.Uintptr:
			p.op = opUint
		}
	case protocol.TypeFloat, protocol.TypeDouble:
		if k == reflect.Float32 || k == reflect.Float64 {
			p.op = opFloat
		}
	case protocol.TypeBigInteger, protocol.TypeBigDecimal:
		switch k {
		case reflect.String:
			p.op = opBigString
		case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
			p.op = opBigInt
		case reflect.Float32, reflect.Float64:
			p.op = opBigFloat
		}
	case protocol.TypeBlob:
		if k == reflect.Slice && t.Elem().Kind() == reflect.Uint8 {
			p.op = opBlob
		}
	case protocol.TypeTimestamp:
		if t == timeType {
			p.op = opTime
		}
	}
}

func (c *compiler) structure(p *plan) {
	sh, t := p.sh, p.t
	p.union = sh.Union
	p.fields = make([]field, len(sh.Members))
	all := make([]string, len(sh.Members))
	body := make([]string, len(sh.Members))
	for i := range sh.Members {
		m := &sh.Members[i]
		f := &p.fields[i]
		f.m = m
		f.name = JSONName(m)
		f.quoted = string(AppendString(nil, f.name)) + ":"
		f.notBody = !isBodyMember(m)
		if m.Field < 0 || m.Field >= t.NumField() {
			// A schema that does not fit its type: the member is
			// neither read nor written.
			f.p = &plan{op: opMismatch, sh: m.Shape, t: emptyIfaceTy, kind: reflect.Interface}
			f.off = ^uintptr(0)
			continue
		}
		sf := t.Field(m.Field)
		f.off = sf.Offset
		f.p = c.plan(m.Shape, sf.Type, timestampFormat(m))
		f.str = sf.Type.Kind() == reflect.Pointer && sf.Type.Elem().Kind() == reflect.String && m.Shape.Type == protocol.TypeString
		switch sf.Type.Kind() {
		case reflect.Pointer, reflect.Slice, reflect.Map, reflect.Interface:
			f.nilable = true
		}
		if !contains(all[:i], f.name) {
			all[i] = f.name
		}
		switch m.Location {
		case protocol.LocationHeader, protocol.LocationHeaders, protocol.LocationStatusCode:
		default:
			if !contains(body[:i], f.name) {
				body[i] = f.name
			}
		}
	}
	p.names = newLookup(all)
	p.body = newLookup(body)
	p.nilFields = true
	for i := range p.fields {
		if f := &p.fields[i]; f.off != ^uintptr(0) {
			p.enc = append(p.enc, *f)
			p.nilFields = p.nilFields && f.nilable
		}
	}
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

func newLookup(names []string) lookup {
	l := lookup{names: names}
	if len(names) > linearMax {
		l.byKey = make(map[string]int, len(names))
		for i, n := range names {
			if n != "" {
				l.byKey[n] = i
			}
		}
	}
	return l
}

// JSONName is the key of a structure member in a JSON body: its
// locationName when the model gives one (botocore's serialization name,
// which is how Smithy's jsonName reaches the botocore model), else its
// name.
func JSONName(m *protocol.Member) string {
	if m.LocationName != "" {
		return m.LocationName
	}
	return m.Name
}

// keepsNulls reports whether the list or map sh has null elements: a
// sparse one, or one of documents, whose null (a nil any) is a document
// value, not an absence (botocore keeps them, in both directions).
func keepsNulls(sh *protocol.Shape) bool {
	if sh.Type != protocol.TypeList && sh.Type != protocol.TypeMap {
		return false
	}
	el := sh.Member
	if sh.Type == protocol.TypeMap {
		el = sh.Value
	}
	return sh.Sparse || (el != nil && el.Shape != nil && el.Shape.Type == protocol.TypeDocument)
}

func isBodyMember(m *protocol.Member) bool {
	switch m.Location {
	case protocol.LocationURI, protocol.LocationQuery, protocol.LocationHeader, protocol.LocationHeaders, protocol.LocationStatusCode:
		return false
	}
	return true
}

// timestampFormat is a member's timestampFormat, else its shape's, else
// the body default (epoch seconds).
func timestampFormat(m *protocol.Member) protocol.TimestampFormat {
	if m.TimestampFormat != protocol.TimestampDefault {
		return m.TimestampFormat
	}
	if m.Shape.TimestampFormat != protocol.TimestampDefault {
		return m.Shape.TimestampFormat
	}
	return protocol.TimestampUnix
}

func (p *plan) mismatch() error {
	return fmt.Errorf("jsonutil: %s: Go value of type %s does not fit the shape", p.sh.Name, p.t)
}

// sliceHeader is the memory layout of a Go slice.
type sliceHeader struct {
	data unsafe.Pointer
	len  int
	cap  int
}

// clearNilable sets the pointer, slice, map or interface field of kind k
// at p to nil.
func clearNilable(p unsafe.Pointer, k reflect.Kind) {
	switch k {
	case reflect.Slice:
		*(*sliceHeader)(p) = sliceHeader{}
	case reflect.Interface:
		*(*[2]unsafe.Pointer)(p) = [2]unsafe.Pointer{}
	default:
		*(*unsafe.Pointer)(p) = nil
	}
}

// isNil reports whether a pointer, slice, map or interface at p is nil:
// each has a zero first word exactly when it is.
func isNil(p unsafe.Pointer) bool { return *(*unsafe.Pointer)(p) == nil }

// valueAt is the value of type t at p, as a settable reflect.Value.
func valueAt(t reflect.Type, p unsafe.Pointer) reflect.Value {
	return reflect.NewAt(t, p).Elem()
}

// addressOf returns the address of v's value (a pointer to a value of
// v's type): v's own when addressable, else a copy's.
func addressOf(v reflect.Value) unsafe.Pointer {
	if v.CanAddr() {
		return v.Addr().UnsafePointer()
	}
	c := reflect.New(v.Type())
	c.Elem().Set(v)
	return c.UnsafePointer()
}
