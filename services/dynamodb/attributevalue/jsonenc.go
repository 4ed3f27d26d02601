package attributevalue

import (
	"encoding/base64"
	"fmt"
	"math"
	"reflect"
	"slices"
	"strconv"
	"strings"
	"sync"

	"github.com/goto3/goto3/protocol/jsonutil"
	"github.com/goto3/goto3/services/dynamodb"
)

// AppendItemJSON appends the item v (a struct, a map with string keys, or
// a pointer to one) to dst in DynamoDB's JSON wire form: the bytes the
// client's codec writes for MarshalMap(v)'s attributes (keys sorted), by
// the same rules and with the same errors, without building the item's
// attribute values. On an error dst is returned as it was.
func AppendItemJSON(dst []byte, v any) ([]byte, error) {
	e := jsonEncoders.Get().(*jsonEncoder)
	defer e.release()
	out, err := e.item(dst, reflect.ValueOf(v))
	if err != nil {
		if ae, ok := err.(*Error); ok {
			return dst, ae
		}
		return dst, finish("marshal", err)
	}
	return out, nil
}

// jsonEncoder writes Go values as attribute values in JSON. Structs, maps,
// lists, pointers and interfaces are walked here; every other value (a
// scalar, a set, a Marshaler, a TextMarshaler, a Number, an
// AttributeValue) is converted by Marshal's own encoder and its attribute
// value written, so the two agree by construction.
type jsonEncoder struct {
	enc   encodeState
	pairs []mapPair // map entries being sorted: a stack, nested maps on top
	// types caches walkType and structPlanOf (a sync.Map each) for the
	// types met lately, replaced in turn; kept with the pooled encoder.
	types [16]encType
	next  int
}

type encType struct {
	t    reflect.Type
	walk walk
	plan *structPlan // for a struct
}

type mapPair struct {
	key string
	v   reflect.Value
}

var jsonEncoders = sync.Pool{New: func() any { return new(jsonEncoder) }}

// A structPlan is what writing a struct type needs: its fields and how
// each is walked.
type structPlan struct {
	fields *structFields
	walks  []walk // per fields.list index
}

var structPlans sync.Map // reflect.Type -> *structPlan

func structPlanOf(t reflect.Type) *structPlan {
	if p, ok := structPlans.Load(t); ok {
		return p.(*structPlan)
	}
	fields := cachedFields(t)
	p := &structPlan{fields: fields, walks: make([]walk, len(fields.list))}
	for i, f := range fields.list {
		p.walks[i] = walkType(f.typ)
	}
	structPlans.Store(t, p)
	return p
}

// typeOf returns what the cache knows of t (a copy: entries are reused).
func (e *jsonEncoder) typeOf(t reflect.Type) encType {
	for i := range e.types {
		if e.types[i].t == t {
			return e.types[i]
		}
	}
	c := encType{t: t, walk: walkType(t)}
	if c.walk == walkStruct {
		c.plan = structPlanOf(t)
	}
	e.types[e.next] = c
	e.next = (e.next + 1) % len(e.types)
	return c
}

func (e *jsonEncoder) release() {
	clear(e.pairs[:cap(e.pairs)])
	*e = jsonEncoder{pairs: e.pairs[:0], types: e.types}
	jsonEncoders.Put(e)
}

func (e *jsonEncoder) item(dst []byte, v reflect.Value) ([]byte, error) {
	w := v
	for w.IsValid() && walkType(w.Type()) == walkFollow && !w.IsNil() {
		w = w.Elem()
	}
	if w.IsValid() {
		switch walkType(w.Type()) {
		case walkStruct:
			return e.structure(dst, w, structPlanOf(w.Type()))
		case walkMap:
			if !w.IsNil() {
				return e.mapping(dst, w)
			}
		}
	}
	// As MarshalMap: whatever v marshals to, which must be an M.
	av, err := e.enc.marshal(v)
	if err != nil {
		return dst, err
	}
	if av.M == nil {
		name := "nil"
		if v.IsValid() {
			name = v.Type().String()
		}
		return dst, &Error{Op: "marshal", Err: fmt.Errorf("%s is %s, not a map", name, Type(av))}
	}
	return appendAVMap(dst, av.M), nil
}

// walk is how the encoder treats a type: through newTypeEncoder's choice.
type walk uint8

const (
	walkLeaf walk = iota // Marshal's encoder converts it
	walkFollow
	walkStruct
	walkMap
	walkList
	// Scalars written here as their encoders write them.
	walkString
	walkInt
	walkUint
	walkBool
	walkFloat
)

var walks sync.Map // reflect.Type -> walk

func walkType(t reflect.Type) walk {
	if w, ok := walks.Load(t); ok {
		return w.(walk)
	}
	w := computeWalk(t)
	walks.Store(t, w)
	return w
}

// computeWalk follows newTypeEncoder's order of decisions: the types it
// gives an encoder of their own are leaves.
func computeWalk(t reflect.Type) walk {
	switch t {
	case attributeValueType, avMapType, numberType, stringSetType, numberSetType, binarySetType,
		bigIntType, reflect.PointerTo(bigIntType):
		return walkLeaf
	}
	if t.Implements(marshalerType) || t.Implements(textMarshalerType) {
		return walkLeaf
	}
	if t.Kind() != reflect.Pointer {
		pt := reflect.PointerTo(t)
		if pt.Implements(marshalerType) || pt.Implements(textMarshalerType) {
			return walkLeaf
		}
	}
	switch t.Kind() {
	case reflect.String:
		return walkString
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		return walkInt
	case reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64, reflect.Uintptr:
		return walkUint
	case reflect.Bool:
		return walkBool
	case reflect.Float32, reflect.Float64:
		return walkFloat
	case reflect.Interface, reflect.Pointer:
		return walkFollow
	case reflect.Struct:
		return walkStruct
	case reflect.Map:
		if _, err := mapKeyText(t.Key()); err != nil {
			return walkLeaf // its encoder reports the error
		}
		return walkMap
	case reflect.Slice, reflect.Array:
		if t.Elem().Kind() == reflect.Uint8 {
			return walkLeaf
		}
		return walkList
	}
	return walkLeaf
}

// value appends v as an attribute value; w is walkType(v.Type()).
func (e *jsonEncoder) value(dst []byte, v reflect.Value, w walk) ([]byte, error) {
	for w == walkFollow {
		if v.IsNil() {
			return append(dst, `{"NULL":true}`...), nil
		}
		v = v.Elem()
		w = e.typeOf(v.Type()).walk
	}
	switch w {
	case walkStruct:
		dst = append(dst, `{"M":`...)
		dst, err := e.structure(dst, v, e.typeOf(v.Type()).plan)
		return append(dst, '}'), err
	case walkMap:
		if v.IsNil() {
			return append(dst, `{"NULL":true}`...), nil
		}
		dst = append(dst, `{"M":`...)
		dst, err := e.mapping(dst, v)
		return append(dst, '}'), err
	case walkList:
		return e.list(dst, v)
	case walkString:
		dst = append(dst, `{"S":`...)
		return append(jsonutil.AppendString(dst, v.String()), '}'), nil
	case walkInt:
		dst = append(dst, `{"N":"`...)
		return append(strconv.AppendInt(dst, v.Int(), 10), `"}`...), nil
	case walkUint:
		dst = append(dst, `{"N":"`...)
		return append(strconv.AppendUint(dst, v.Uint(), 10), `"}`...), nil
	case walkBool:
		if v.Bool() {
			return append(dst, `{"BOOL":true}`...), nil
		}
		return append(dst, `{"BOOL":false}`...), nil
	case walkFloat:
		f, bits := v.Float(), v.Type().Bits()
		if a := math.Abs(f); a >= 1e-6 && a < 1e21 { // floatText's common case
			dst = append(dst, `{"N":"`...)
			return append(strconv.AppendFloat(dst, f, 'f', -1, bits), `"}`...), nil
		}
		num, err := floatText(f, bits)
		if err != nil {
			return dst, err
		}
		dst = append(dst, `{"N":`...)
		return append(jsonutil.AppendString(dst, num), '}'), nil
	}
	av, err := typeEncoder(v.Type())(&e.enc, v)
	if err != nil {
		return dst, err
	}
	return appendAV(dst, av), nil
}

// structure appends struct v's attributes as a JSON object, sorted by
// name, as structEncoder chooses them.
func (e *jsonEncoder) structure(dst []byte, v reflect.Value, plan *structPlan) ([]byte, error) {
	fields := plan.fields
	if fields.err != nil {
		return dst, fields.err
	}
	if err := e.enc.enter(); err != nil {
		return dst, err
	}
	defer e.enc.leave()
	dst = append(dst, '{')
	n := 0
	for _, i := range fields.sorted {
		f := &fields.list[i]
		fv, ok := fieldOf(v, f)
		if !ok || (f.omitEmpty && isEmpty(fv)) || (f.omitZero && isZero(fv)) {
			continue
		}
		if n > 0 {
			dst = append(dst, ',')
		}
		n++
		dst = jsonutil.AppendString(dst, f.name)
		dst = append(dst, ':')
		var err error
		if f.set != noSet {
			var av dynamodb.AttributeValue
			if av, err = e.enc.set(fv, f.set); err == nil {
				dst = appendAV(dst, av)
			}
		} else {
			dst, err = e.value(dst, fv, plan.walks[i])
		}
		if err != nil {
			return dst, atKey(err, f.name)
		}
	}
	return append(dst, '}'), nil
}

// mapping appends map v (not nil) as a JSON object, its keys sorted.
func (e *jsonEncoder) mapping(dst []byte, v reflect.Value) ([]byte, error) {
	key, err := mapKeyText(v.Type().Key())
	if err != nil {
		return dst, err
	}
	if err := e.enc.enter(); err != nil {
		return dst, err
	}
	defer e.enc.leave()
	base := len(e.pairs)
	defer func() {
		clear(e.pairs[base:])
		e.pairs = e.pairs[:base]
	}()
	it := v.MapRange()
	for it.Next() {
		k, err := key(it.Key())
		if err != nil {
			return dst, err
		}
		e.pairs = append(e.pairs, mapPair{k, it.Value()})
	}
	pairs := e.pairs[base:]
	ew := e.typeOf(v.Type().Elem()).walk
	slices.SortFunc(pairs, func(a, b mapPair) int { return strings.Compare(a.key, b.key) })
	dst = append(dst, '{')
	for i := range pairs {
		if i > 0 {
			dst = append(dst, ',')
		}
		p := &e.pairs[base+i] // the stack may have grown under nested maps
		dst = jsonutil.AppendString(dst, p.key)
		dst = append(dst, ':')
		if dst, err = e.value(dst, p.v, ew); err != nil {
			return dst, atKey(err, e.pairs[base+i].key)
		}
	}
	return append(dst, '}'), nil
}

// list appends slice or array v as an L.
func (e *jsonEncoder) list(dst []byte, v reflect.Value) ([]byte, error) {
	if v.Kind() == reflect.Slice && v.IsNil() {
		return append(dst, `{"NULL":true}`...), nil
	}
	if err := e.enc.enter(); err != nil {
		return dst, err
	}
	defer e.enc.leave()
	dst = append(dst, `{"L":[`...)
	ew := e.typeOf(v.Type().Elem()).walk
	for i := range v.Len() {
		if i > 0 {
			dst = append(dst, ',')
		}
		var err error
		if dst, err = e.value(dst, v.Index(i), ew); err != nil {
			return dst, atIndex(err, i)
		}
	}
	return append(dst, "]}"...), nil
}

// appendAV appends av in JSON as the codec writes it: every member set
// (the model does not make AttributeValue a union), in the model's order,
// map keys sorted, blobs in padded base64.
func appendAV(dst []byte, av dynamodb.AttributeValue) []byte {
	dst = append(dst, '{')
	n := 0
	member := func(name string) {
		if n > 0 {
			dst = append(dst, ',')
		}
		n++
		dst = append(dst, '"')
		dst = append(dst, name...)
		dst = append(dst, `":`...)
	}
	if av.S != nil {
		member("S")
		dst = jsonutil.AppendString(dst, *av.S)
	}
	if av.N != nil {
		member("N")
		dst = jsonutil.AppendString(dst, *av.N)
	}
	if av.B != nil {
		member("B")
		dst = appendBlob(dst, av.B)
	}
	if av.SS != nil {
		member("SS")
		dst = appendArray(dst, av.SS, jsonutil.AppendString)
	}
	if av.NS != nil {
		member("NS")
		dst = appendArray(dst, av.NS, jsonutil.AppendString)
	}
	if av.BS != nil {
		member("BS")
		dst = appendArray(dst, av.BS, appendBlob)
	}
	if av.M != nil {
		member("M")
		dst = appendAVMap(dst, av.M)
	}
	if av.L != nil {
		member("L")
		dst = appendArray(dst, av.L, appendAV)
	}
	if av.NULL != nil {
		member("NULL")
		dst = appendBool(dst, *av.NULL)
	}
	if av.BOOL != nil {
		member("BOOL")
		dst = appendBool(dst, *av.BOOL)
	}
	return append(dst, '}')
}

// appendArray appends xs as a JSON array, each element written by elem.
func appendArray[T any](dst []byte, xs []T, elem func([]byte, T) []byte) []byte {
	dst = append(dst, '[')
	for i, x := range xs {
		if i > 0 {
			dst = append(dst, ',')
		}
		dst = elem(dst, x)
	}
	return append(dst, ']')
}

func appendBool(dst []byte, b bool) []byte {
	if b {
		return append(dst, "true"...)
	}
	return append(dst, "false"...)
}

func appendBlob(dst []byte, b []byte) []byte {
	dst = append(dst, '"')
	dst = base64.StdEncoding.AppendEncode(dst, b)
	return append(dst, '"')
}

// appendAVMap appends m as a JSON object, its keys sorted.
func appendAVMap(dst []byte, m map[string]dynamodb.AttributeValue) []byte {
	dst, _ = jsonutil.AppendSortedMap(dst, m, func(dst []byte, av dynamodb.AttributeValue) ([]byte, error) {
		return appendAV(dst, av), nil
	})
	return dst
}
