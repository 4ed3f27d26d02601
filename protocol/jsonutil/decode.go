package jsonutil

import (
	"bytes"
	"encoding/base64"
	"fmt"
	"math"
	"reflect"
	"slices"
	"strconv"
	"sync"
	"time"

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
// how each type is read.
func Decode(data []byte, sh *protocol.Shape, v reflect.Value, opts DecodeOptions) error {
	if len(bytes.TrimLeft(data, " \t\r\n")) == 0 {
		return nil
	}
	d := decoder{r: &Reader{data: data, MaxDepth: opts.MaxDepth}, bodyOnly: opts.BodyOnly}
	if err := d.value(&protocol.Member{Shape: sh, Field: -1}, v, true); err != nil {
		return err
	}
	return d.r.End()
}

// DecodeValue reads the next value of r, of shape sh, into v.
func DecodeValue(r *Reader, sh *protocol.Shape, v reflect.Value) error {
	d := decoder{r: r}
	return d.value(&protocol.Member{Shape: sh, Field: -1}, v, false)
}

type decoder struct {
	r        *Reader
	bodyOnly bool
	// strs interns map keys: a response repeats the same few keys (a
	// DynamoDB item's attribute names) thousands of times.
	strs map[string]string
	// plans caches the structure plans of this document's shapes (a
	// lookup in the package memo costs more), the last one apart.
	plans    map[*protocol.Shape]*structPlan
	lastSh   *protocol.Shape
	lastPlan *structPlan
	// keys holds, per map shape, the keys of the last map of the shape in
	// their order: the maps of an answer's items tend to repeat them.
	keys map[*protocol.Shape][]string
	// sizes remembers, per list or map shape, the length of the last one
	// decoded: the next one is allocated at that size (the items of an
	// answer have much the same attributes).
	sizes map[*protocol.Shape]int
	// temps holds spare map key and value variables, by Go type: a map's
	// entries are decoded into one and copied into the map.
	temps map[reflect.Type][]reflect.Value
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

var (
	ptrStringType  = reflect.TypeFor[*string]()
	ptrBoolType    = reflect.TypeFor[*bool]()
	ptrInt32Type   = reflect.TypeFor[*int32]()
	ptrInt64Type   = reflect.TypeFor[*int64]()
	ptrFloat64Type = reflect.TypeFor[*float64]()
	ptrTimeType    = reflect.TypeFor[*time.Time]()
)

// chunk sizes the next slab: small for small documents, up to 256.
func (d *decoder) chunk() int {
	n := min(max(d.nPtrs, 8), 256)
	d.nPtrs += n
	return n
}

func slabPtr[T any](d *decoder, slab *[]T) reflect.Value {
	if len(*slab) == 0 {
		*slab = make([]T, d.chunk())
	}
	p := &(*slab)[0]
	*slab = (*slab)[1:]
	return reflect.ValueOf(p)
}

// newPointer returns a new pointer of type t (a pointer type): from a
// slab for the scalar types of generated optional members, else
// reflect.New.
func (d *decoder) newPointer(t reflect.Type) reflect.Value {
	switch t {
	case ptrStringType:
		return slabPtr(d, &d.strSlab)
	case ptrBoolType:
		return slabPtr(d, &d.bools)
	case ptrInt32Type:
		return slabPtr(d, &d.i32s)
	case ptrInt64Type:
		return slabPtr(d, &d.i64s)
	case ptrFloat64Type:
		return slabPtr(d, &d.f64s)
	case ptrTimeType:
		return slabPtr(d, &d.times)
	}
	return reflect.New(t.Elem())
}

func (d *decoder) plan(sh *protocol.Shape, bodyOnly bool) *structPlan {
	if bodyOnly {
		return planOf(sh, true) // the top level, once per document
	}
	if sh == d.lastSh {
		return d.lastPlan
	}
	p, ok := d.plans[sh]
	if !ok {
		p = planOf(sh, false)
		if d.plans == nil {
			d.plans = make(map[*protocol.Shape]*structPlan, 8)
		}
		d.plans[sh] = p
	}
	d.lastSh, d.lastPlan = sh, p
	return p
}

// temp returns a spare zero variable of type t; release gives it back.
func (d *decoder) temp(t reflect.Type) reflect.Value {
	if free := d.temps[t]; len(free) > 0 {
		v := free[len(free)-1]
		d.temps[t] = free[:len(free)-1]
		return v
	}
	return reflect.New(t).Elem()
}

func (d *decoder) release(v reflect.Value) {
	if d.temps == nil {
		d.temps = make(map[reflect.Type][]reflect.Value, 4)
	}
	v.SetZero()
	d.temps[v.Type()] = append(d.temps[v.Type()], v)
}

const (
	maxInternLen  = 64
	maxInternKeys = 4096
)

func (d *decoder) intern(b []byte) string {
	if len(b) > maxInternLen {
		return string(b)
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

// structPlan maps the JSON keys of a structure to its members: by a
// linear scan of names for a small structure (cheaper than hashing the
// key), else through byKey.
type structPlan struct {
	names []string // JSON name per member ("" for members not read)
	byKey map[string]int
}

// linearMax is the number of members up to which a key is looked up by
// scanning the names.
const linearMax = 16

func (p *structPlan) lookup(key []byte) (int, bool) {
	if p.byKey == nil {
		for i, n := range p.names {
			if len(n) == len(key) && n == string(key) {
				return i, true
			}
		}
		return 0, false
	}
	i, ok := p.byKey[string(key)]
	return i, ok
}

type planKey struct {
	sh       *protocol.Shape
	bodyOnly bool
}

// plans caches a structPlan per shape: the schema is immutable, so this
// memo only grows to the number of shapes decoded and is safe for
// concurrent use.
var plans sync.Map // planKey -> *structPlan

func planOf(sh *protocol.Shape, bodyOnly bool) *structPlan {
	k := planKey{sh, bodyOnly}
	if p, ok := plans.Load(k); ok {
		return p.(*structPlan)
	}
	p := &structPlan{names: make([]string, len(sh.Members))}
	if len(sh.Members) > linearMax {
		p.byKey = make(map[string]int, len(sh.Members))
	}
	for i := range sh.Members {
		m := &sh.Members[i]
		if bodyOnly {
			switch m.Location {
			case protocol.LocationHeader, protocol.LocationHeaders, protocol.LocationStatusCode:
				continue
			}
		}
		name := JSONName(m)
		if slices.Contains(p.names[:i], name) {
			continue // the first member of a name wins
		}
		p.names[i] = name
		if p.byKey != nil {
			p.byKey[name] = i
		}
	}
	v, _ := plans.LoadOrStore(k, p)
	return v.(*structPlan)
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

// value reads the next value, of member m's shape, into f.
func (d *decoder) value(m *protocol.Member, f reflect.Value, top bool) error {
	sh := m.Shape
	k, err := d.r.Peek()
	if err != nil {
		return err
	}
	if sh.Type == protocol.TypeDocument {
		doc, err := d.r.ReadDocument()
		if err != nil {
			return err
		}
		if f.Kind() != reflect.Interface {
			return fmt.Errorf("jsonutil: document %s: Go field is %s, want any", sh.Name, f.Type())
		}
		if doc != nil {
			f.Set(reflect.ValueOf(doc))
		}
		return nil
	}
	if k == KindNull {
		// null is no value: the field stays unset.
		return d.r.ReadNull()
	}
	for f.Kind() == reflect.Pointer {
		if f.IsNil() {
			f.Set(d.newPointer(f.Type()))
		}
		f = f.Elem()
	}
	switch sh.Type {
	case protocol.TypeStructure:
		if k != KindObject {
			return d.typeError(sh, k)
		}
		return d.structure(sh, f, top)
	case protocol.TypeList:
		if k != KindArray {
			return d.typeError(sh, k)
		}
		return d.list(sh, f)
	case protocol.TypeMap:
		if k != KindObject {
			return d.typeError(sh, k)
		}
		return d.mapValue(sh, f)
	case protocol.TypeString:
		if k != KindString {
			return d.typeError(sh, k)
		}
		b, err := d.r.ReadString()
		if err != nil {
			return err
		}
		if f.Kind() != reflect.String {
			return mismatch(sh, f)
		}
		f.SetString(string(b))
		return nil
	case protocol.TypeBoolean:
		if k != KindBool {
			return d.typeError(sh, k)
		}
		b, err := d.r.ReadBool()
		if err != nil {
			return err
		}
		if f.Kind() != reflect.Bool {
			return mismatch(sh, f)
		}
		f.SetBool(b)
		return nil
	case protocol.TypeByte, protocol.TypeShort, protocol.TypeInteger, protocol.TypeLong:
		if k != KindNumber {
			return d.typeError(sh, k)
		}
		b, err := d.r.ReadNumber()
		if err != nil {
			return err
		}
		n, ok := ParseInt(b)
		if !ok {
			return &SyntaxError{Offset: d.r.pos, Msg: fmt.Sprintf("%s is not a 64-bit integer (shape %s)", b, sh.Name)}
		}
		switch f.Kind() {
		case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
			if f.OverflowInt(n) {
				return &SyntaxError{Offset: d.r.pos, Msg: fmt.Sprintf("%d overflows %s (shape %s)", n, f.Type(), sh.Name)}
			}
			f.SetInt(n)
			return nil
		}
		return mismatch(sh, f)
	case protocol.TypeFloat, protocol.TypeDouble:
		var x float64
		switch k {
		case KindNumber:
			b, err := d.r.ReadNumber()
			if err != nil {
				return err
			}
			bits := 64
			if f.Kind() == reflect.Float32 {
				bits = 32
			}
			// Within range by the grammar; out-of-range values
			// become ±Inf, as encoding/json would reject and botocore
			// accepts.
			x, _ = strconv.ParseFloat(string(b), bits)
		case KindString:
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
		default:
			return d.typeError(sh, k)
		}
		if f.Kind() != reflect.Float32 && f.Kind() != reflect.Float64 {
			return mismatch(sh, f)
		}
		f.SetFloat(x)
		return nil
	case protocol.TypeBigInteger, protocol.TypeBigDecimal:
		var b []byte
		switch k {
		case KindNumber:
			b, err = d.r.ReadNumber()
		case KindString:
			b, err = d.r.ReadString()
		default:
			return d.typeError(sh, k)
		}
		if err != nil {
			return err
		}
		if f.Kind() != reflect.String {
			return mismatch(sh, f)
		}
		f.SetString(string(b))
		return nil
	case protocol.TypeBlob:
		if k != KindString {
			return d.typeError(sh, k)
		}
		b, err := d.r.ReadString()
		if err != nil {
			return err
		}
		if f.Kind() != reflect.Slice || f.Type().Elem().Kind() != reflect.Uint8 {
			return mismatch(sh, f)
		}
		out, err := DecodeBase64(b)
		if err != nil {
			return &SyntaxError{Offset: d.r.pos, Msg: fmt.Sprintf("blob %s: %v", sh.Name, err)}
		}
		f.SetBytes(out)
		return nil
	case protocol.TypeTimestamp:
		var t time.Time
		switch k {
		case KindNumber:
			b, err := d.r.ReadNumber()
			if err != nil {
				return err
			}
			var ok bool
			if t, ok = EpochSeconds(b); !ok {
				return &SyntaxError{Offset: d.r.pos, Msg: fmt.Sprintf("timestamp %s out of range (shape %s)", b, sh.Name)}
			}
		case KindString:
			b, err := d.r.ReadString()
			if err != nil {
				return err
			}
			if t, err = xmlutil.ParseTimestamp(b); err != nil {
				return &SyntaxError{Offset: d.r.pos, Msg: fmt.Sprintf("shape %s: %v", sh.Name, err)}
			}
		default:
			return d.typeError(sh, k)
		}
		if f.Type() != timeType {
			return mismatch(sh, f)
		}
		*f.Addr().Interface().(*time.Time) = t
		return nil
	}
	return fmt.Errorf("jsonutil: %s: unsupported shape type %d", sh.Name, sh.Type)
}

func (d *decoder) structure(sh *protocol.Shape, f reflect.Value, top bool) error {
	if f.Kind() != reflect.Struct {
		return mismatch(sh, f)
	}
	p := d.plan(sh, top && d.bodyOnly)
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
		i, found := p.lookup(key)
		if !found {
			// Unknown members (and a union's "__type") are skipped.
			if err := d.r.Skip(); err != nil {
				return err
			}
			continue
		}
		m := &sh.Members[i]
		if err := d.value(m, f.Field(m.Field), false); err != nil {
			return err
		}
	}
}

func (d *decoder) list(sh *protocol.Shape, f reflect.Value) error {
	if f.Kind() != reflect.Slice {
		return mismatch(sh, f)
	}
	if err := d.r.BeginArray(); err != nil {
		return err
	}
	// A non-nil empty slice: [] is a set, empty list. It starts at the
	// length of the last list of this shape.
	f.Set(reflect.MakeSlice(f.Type(), 0, d.sizes[sh]))
	n := 0
	for {
		ok, err := d.r.NextElement()
		if err != nil {
			return err
		}
		if !ok {
			d.setSize(sh, n)
			return nil
		}
		if !keepsNulls(sh) {
			if k, err := d.r.Peek(); err == nil && k == KindNull {
				// A dense list has no nulls: skip one.
				if err := d.r.ReadNull(); err != nil {
					return err
				}
				continue
			}
		}
		if n == f.Cap() {
			f.Grow(1)
		}
		f.SetLen(n + 1)
		if err := d.value(sh.Member, f.Index(n), false); err != nil {
			return err
		}
		n++
	}
}

// maxSizeHint bounds the length a list or map is allocated at from the
// previous one's.
const maxSizeHint = 1024

func (d *decoder) setSize(sh *protocol.Shape, n int) {
	if d.sizes == nil {
		d.sizes = make(map[*protocol.Shape]int, 8)
	}
	d.sizes[sh] = min(n, maxSizeHint)
}

func (d *decoder) mapValue(sh *protocol.Shape, f reflect.Value) error {
	if f.Kind() != reflect.Map || f.Type().Key().Kind() != reflect.String {
		return mismatch(sh, f)
	}
	if err := d.r.BeginObject(); err != nil {
		return err
	}
	t := f.Type()
	if f.IsNil() {
		f.Set(reflect.MakeMapWithSize(t, d.sizes[sh]))
	}
	var kv, ev reflect.Value
	last := d.keys[sh]
	n := 0
	defer func() {
		if kv.IsValid() {
			d.release(kv)
			d.release(ev)
		}
		if d.keys == nil {
			d.keys = make(map[*protocol.Shape][]string, 8)
		}
		d.keys[sh] = last
	}()
	for {
		key, ok, err := d.r.NextMember()
		if err != nil {
			return err
		}
		if !ok {
			d.setSize(sh, f.Len())
			return nil
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
		if k, err := d.r.Peek(); err == nil && k == KindNull && !keepsNulls(sh) {
			// A dense map has no nulls: skip the entry.
			if err := d.r.ReadNull(); err != nil {
				return err
			}
			continue
		}
		if !kv.IsValid() {
			kv = d.temp(t.Key())
			ev = d.temp(t.Elem())
		} else {
			ev.SetZero()
		}
		if err := d.value(sh.Value, ev, false); err != nil {
			return err
		}
		kv.SetString(ks)
		f.SetMapIndex(kv, ev)
	}
}

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
