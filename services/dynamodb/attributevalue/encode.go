package attributevalue

import (
	"encoding"
	"errors"
	"fmt"
	"math/big"
	"reflect"
	"strconv"
	"sync"

	"github.com/goto3/goto3/services/dynamodb"
)

// A Marshaler writes itself as an attribute value.
type Marshaler interface {
	MarshalAttributeValue() (dynamodb.AttributeValue, error)
}

// Marshal returns the attribute value of v, as boto3's TypeSerializer
// does for the Python value; the package documentation gives the rules.
// Errors are *Error, naming the path of the value that failed.
func Marshal(v any) (dynamodb.AttributeValue, error) {
	var e encodeState
	av, err := e.marshal(reflect.ValueOf(v))
	return av, finish("marshal", err)
}

// MarshalMap returns the attributes of v, which must marshal to a map (M):
// a struct, a map with string keys, or a pointer to one; a DynamoDB item
// or key.
func MarshalMap(v any) (map[string]dynamodb.AttributeValue, error) {
	var e encodeState
	av, err := e.marshal(reflect.ValueOf(v))
	if err != nil {
		return nil, finish("marshal", err)
	}
	if av.M == nil {
		return nil, &Error{Op: "marshal", Err: fmt.Errorf("%s is %s, not a map", typeName(v), Type(av))}
	}
	return av.M, nil
}

func typeName(v any) string {
	if v == nil {
		return "nil"
	}
	return reflect.TypeOf(v).String()
}

// maxDepth is how deeply DynamoDB nests maps and lists within an item
// ("up to 32 levels"): with the item's own map, at most maxDepth+1
// containers nest. It also stops a cycle of pointers.
const maxDepth = 32

var errTooDeep = fmt.Errorf("nested more than %d levels (DynamoDB's limit)", maxDepth)

// encodeState is one Marshal call's scratch: the nesting depth and slabs
// from which the *string and *bool of the attribute values are cut, so
// that each does not cost an allocation of its own.
type encodeState struct {
	depth int
	strs  []string
	bools []bool
}

func (e *encodeState) str(s string) *string {
	if len(e.strs) == cap(e.strs) {
		e.strs = make([]string, 0, 16)
	}
	e.strs = append(e.strs, s)
	return &e.strs[len(e.strs)-1]
}

func (e *encodeState) bool(b bool) *bool {
	if len(e.bools) == cap(e.bools) {
		e.bools = make([]bool, 0, 16)
	}
	e.bools = append(e.bools, b)
	return &e.bools[len(e.bools)-1]
}

func (e *encodeState) null() dynamodb.AttributeValue {
	return dynamodb.AttributeValue{NULL: e.bool(true)}
}

func (e *encodeState) marshal(v reflect.Value) (dynamodb.AttributeValue, error) {
	if !v.IsValid() {
		return e.null(), nil
	}
	return typeEncoder(v.Type())(e, v)
}

// enter counts one more level of nesting; leave undoes it.
func (e *encodeState) enter() error {
	e.depth++
	if e.depth > maxDepth+1 {
		return errTooDeep
	}
	return nil
}

func (e *encodeState) leave() { e.depth-- }

type encoderFunc func(e *encodeState, v reflect.Value) (dynamodb.AttributeValue, error)

var encoderCache sync.Map // reflect.Type -> encoderFunc

// typeEncoder returns the encoder of t, built once per type.
func typeEncoder(t reflect.Type) encoderFunc {
	if f, ok := encoderCache.Load(t); ok {
		return f.(encoderFunc)
	}
	// A recursive type reaches itself while its encoder is being built:
	// it then finds this stand-in, which waits for the real one.
	var (
		wg sync.WaitGroup
		f  encoderFunc
	)
	wg.Add(1)
	stub := encoderFunc(func(e *encodeState, v reflect.Value) (dynamodb.AttributeValue, error) {
		wg.Wait()
		return f(e, v)
	})
	if got, loaded := encoderCache.LoadOrStore(t, stub); loaded {
		return got.(encoderFunc)
	}
	f = newTypeEncoder(t, true)
	wg.Done()
	encoderCache.Store(t, f)
	return f
}

var (
	attributeValueType  = reflect.TypeFor[dynamodb.AttributeValue]()
	anyType             = reflect.TypeFor[any]()
	marshalerType       = reflect.TypeFor[Marshaler]()
	textMarshalerType   = reflect.TypeFor[encoding.TextMarshaler]()
	numberType          = reflect.TypeFor[Number]()
	stringSetType       = reflect.TypeFor[StringSet]()
	numberSetType       = reflect.TypeFor[NumberSet]()
	binarySetType       = reflect.TypeFor[BinarySet]()
	bigIntType          = reflect.TypeFor[big.Int]()
	avMapType           = reflect.TypeFor[map[string]dynamodb.AttributeValue]()
	textUnmarshalerType = reflect.TypeFor[encoding.TextUnmarshaler]()
)

// newTypeEncoder builds the encoder of t. With allowAddr, a type whose
// pointer (but not itself) implements Marshaler or TextMarshaler uses the
// pointer's method when the value is addressable.
func newTypeEncoder(t reflect.Type, allowAddr bool) encoderFunc {
	switch t {
	case attributeValueType:
		return func(_ *encodeState, v reflect.Value) (dynamodb.AttributeValue, error) {
			av := v.Interface().(dynamodb.AttributeValue)
			if Type(av) == "" {
				return av, errors.New("an empty dynamodb.AttributeValue (no member set)")
			}
			return av, nil
		}
	case avMapType:
		return func(e *encodeState, v reflect.Value) (dynamodb.AttributeValue, error) {
			if v.IsNil() {
				return e.null(), nil
			}
			m := v.Interface().(map[string]dynamodb.AttributeValue)
			for k, av := range m {
				if Type(av) == "" {
					return av, atKey(errors.New("an empty dynamodb.AttributeValue (no member set)"), k)
				}
			}
			return dynamodb.AttributeValue{M: m}, nil
		}
	}
	if t.Kind() != reflect.Pointer && allowAddr && reflect.PointerTo(t).Implements(marshalerType) && !t.Implements(marshalerType) {
		return addrEncoder(newTypeEncoder(t, false), marshalerEncoder)
	}
	if t.Implements(marshalerType) {
		return marshalerEncoder
	}
	switch t {
	case numberType:
		return numberEncoder
	case stringSetType:
		return func(e *encodeState, v reflect.Value) (dynamodb.AttributeValue, error) { return e.set(v, stringSet) }
	case numberSetType:
		return func(e *encodeState, v reflect.Value) (dynamodb.AttributeValue, error) { return e.set(v, numberSet) }
	case binarySetType:
		return func(e *encodeState, v reflect.Value) (dynamodb.AttributeValue, error) { return e.set(v, binarySet) }
	case bigIntType:
		return func(e *encodeState, v reflect.Value) (dynamodb.AttributeValue, error) {
			if v.CanAddr() {
				return bigIntValue(e, v.Addr().Interface().(*big.Int))
			}
			b := v.Interface().(big.Int) // a copy sharing the digits: only read
			return bigIntValue(e, &b)
		}
	case reflect.PointerTo(bigIntType):
		return func(e *encodeState, v reflect.Value) (dynamodb.AttributeValue, error) {
			if v.IsNil() {
				return e.null(), nil
			}
			return bigIntValue(e, v.Interface().(*big.Int))
		}
	}
	if t.Kind() != reflect.Pointer && allowAddr && reflect.PointerTo(t).Implements(textMarshalerType) && !t.Implements(textMarshalerType) {
		return addrEncoder(newTypeEncoder(t, false), textEncoder)
	}
	if t.Implements(textMarshalerType) {
		return textEncoder
	}
	switch t.Kind() {
	case reflect.Bool:
		return func(e *encodeState, v reflect.Value) (dynamodb.AttributeValue, error) {
			return dynamodb.AttributeValue{BOOL: e.bool(v.Bool())}, nil
		}
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		return func(e *encodeState, v reflect.Value) (dynamodb.AttributeValue, error) {
			return dynamodb.AttributeValue{N: e.str(strconv.FormatInt(v.Int(), 10))}, nil
		}
	case reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64, reflect.Uintptr:
		return func(e *encodeState, v reflect.Value) (dynamodb.AttributeValue, error) {
			return dynamodb.AttributeValue{N: e.str(strconv.FormatUint(v.Uint(), 10))}, nil
		}
	case reflect.Float32, reflect.Float64:
		bits := t.Bits()
		return func(e *encodeState, v reflect.Value) (dynamodb.AttributeValue, error) {
			num, err := floatText(v.Float(), bits)
			if err != nil {
				return dynamodb.AttributeValue{}, err
			}
			return dynamodb.AttributeValue{N: e.str(num)}, nil
		}
	case reflect.String:
		return func(e *encodeState, v reflect.Value) (dynamodb.AttributeValue, error) {
			return dynamodb.AttributeValue{S: e.str(v.String())}, nil
		}
	case reflect.Interface:
		return func(e *encodeState, v reflect.Value) (dynamodb.AttributeValue, error) {
			if v.IsNil() {
				return e.null(), nil
			}
			return e.marshal(v.Elem())
		}
	case reflect.Pointer:
		elem := typeEncoder(t.Elem())
		return func(e *encodeState, v reflect.Value) (dynamodb.AttributeValue, error) {
			if v.IsNil() {
				return e.null(), nil
			}
			return elem(e, v.Elem())
		}
	case reflect.Struct:
		return structEncoder(t)
	case reflect.Map:
		return mapEncoder(t)
	case reflect.Slice:
		if t.Elem().Kind() == reflect.Uint8 {
			return func(e *encodeState, v reflect.Value) (dynamodb.AttributeValue, error) {
				if v.IsNil() {
					return e.null(), nil
				}
				return dynamodb.AttributeValue{B: append([]byte{}, v.Bytes()...)}, nil
			}
		}
		return listEncoder(t)
	case reflect.Array:
		if t.Elem().Kind() == reflect.Uint8 {
			return func(_ *encodeState, v reflect.Value) (dynamodb.AttributeValue, error) {
				b := make([]byte, v.Len())
				reflect.Copy(reflect.ValueOf(b), v)
				return dynamodb.AttributeValue{B: b}, nil
			}
		}
		return listEncoder(t)
	}
	return func(*encodeState, reflect.Value) (dynamodb.AttributeValue, error) {
		return dynamodb.AttributeValue{}, fmt.Errorf("cannot marshal a %s: DynamoDB has no such type", t)
	}
}

// addrEncoder uses withAddr on the address of an addressable value, else
// plain.
func addrEncoder(plain, withAddr encoderFunc) encoderFunc {
	return func(e *encodeState, v reflect.Value) (dynamodb.AttributeValue, error) {
		if v.CanAddr() {
			return withAddr(e, v.Addr())
		}
		return plain(e, v)
	}
}

func marshalerEncoder(e *encodeState, v reflect.Value) (dynamodb.AttributeValue, error) {
	if v.Kind() == reflect.Pointer && v.IsNil() {
		return e.null(), nil
	}
	av, err := v.Interface().(Marshaler).MarshalAttributeValue()
	if err != nil {
		return av, fmt.Errorf("%s.MarshalAttributeValue: %w", v.Type(), err)
	}
	if Type(av) == "" {
		return av, fmt.Errorf("%s.MarshalAttributeValue returned an empty attribute value", v.Type())
	}
	return av, nil
}

func textEncoder(e *encodeState, v reflect.Value) (dynamodb.AttributeValue, error) {
	if v.Kind() == reflect.Pointer && v.IsNil() {
		return e.null(), nil
	}
	b, err := v.Interface().(encoding.TextMarshaler).MarshalText()
	if err != nil {
		return dynamodb.AttributeValue{}, fmt.Errorf("%s.MarshalText: %w", v.Type(), err)
	}
	return dynamodb.AttributeValue{S: e.str(string(b))}, nil
}

func numberEncoder(e *encodeState, v reflect.Value) (dynamodb.AttributeValue, error) {
	s := v.String()
	if s == "" {
		s = "0"
	} else if _, err := parseDecimal(s); err != nil {
		return dynamodb.AttributeValue{}, err
	}
	return dynamodb.AttributeValue{N: e.str(s)}, nil
}

func bigIntValue(e *encodeState, b *big.Int) (dynamodb.AttributeValue, error) {
	s := b.String()
	if _, err := parseDecimal(s); err != nil {
		return dynamodb.AttributeValue{}, err
	}
	return dynamodb.AttributeValue{N: e.str(s)}, nil
}

func listEncoder(t reflect.Type) encoderFunc {
	elem := typeEncoder(t.Elem())
	return func(e *encodeState, v reflect.Value) (dynamodb.AttributeValue, error) {
		if v.Kind() == reflect.Slice && v.IsNil() {
			return e.null(), nil
		}
		if err := e.enter(); err != nil {
			return dynamodb.AttributeValue{}, err
		}
		defer e.leave()
		n := v.Len()
		l := make([]dynamodb.AttributeValue, n)
		for i := range n {
			av, err := elem(e, v.Index(i))
			if err != nil {
				return dynamodb.AttributeValue{}, atIndex(err, i)
			}
			l[i] = av
		}
		return dynamodb.AttributeValue{L: l}, nil
	}
}

func mapEncoder(t reflect.Type) encoderFunc {
	key, err := mapKeyText(t.Key())
	if err != nil {
		return func(*encodeState, reflect.Value) (dynamodb.AttributeValue, error) {
			return dynamodb.AttributeValue{}, err
		}
	}
	elem := typeEncoder(t.Elem())
	return func(e *encodeState, v reflect.Value) (dynamodb.AttributeValue, error) {
		if v.IsNil() {
			return e.null(), nil
		}
		if err := e.enter(); err != nil {
			return dynamodb.AttributeValue{}, err
		}
		defer e.leave()
		m := make(map[string]dynamodb.AttributeValue, v.Len())
		it := v.MapRange()
		for it.Next() {
			k, err := key(it.Key())
			if err != nil {
				return dynamodb.AttributeValue{}, err
			}
			av, err := elem(e, it.Value())
			if err != nil {
				return dynamodb.AttributeValue{}, atKey(err, k)
			}
			m[k] = av
		}
		return dynamodb.AttributeValue{M: m}, nil
	}
}

// mapKeyText returns how keys of type t become attribute names: strings
// as they are, encoding.TextMarshalers by their text, integers in
// decimal (encoding/json's rules).
func mapKeyText(t reflect.Type) (func(reflect.Value) (string, error), error) {
	if t.Kind() == reflect.String {
		return func(v reflect.Value) (string, error) { return v.String(), nil }, nil
	}
	if t.Implements(textMarshalerType) {
		return func(v reflect.Value) (string, error) {
			if v.Kind() == reflect.Pointer && v.IsNil() {
				return "", fmt.Errorf("a nil %s map key", t)
			}
			b, err := v.Interface().(encoding.TextMarshaler).MarshalText()
			if err != nil {
				return "", fmt.Errorf("map key %s.MarshalText: %w", t, err)
			}
			return string(b), nil
		}, nil
	}
	switch t.Kind() {
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		return func(v reflect.Value) (string, error) { return strconv.FormatInt(v.Int(), 10), nil }, nil
	case reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64, reflect.Uintptr:
		return func(v reflect.Value) (string, error) { return strconv.FormatUint(v.Uint(), 10), nil }, nil
	}
	return nil, fmt.Errorf("cannot marshal a map with %s keys: attribute names are strings", t)
}

func structEncoder(t reflect.Type) encoderFunc {
	fields := cachedFields(t)
	encs := make([]encoderFunc, len(fields.list))
	for i, f := range fields.list {
		encs[i] = typeEncoder(f.typ)
	}
	return func(e *encodeState, v reflect.Value) (dynamodb.AttributeValue, error) {
		if fields.err != nil {
			return dynamodb.AttributeValue{}, fields.err
		}
		if err := e.enter(); err != nil {
			return dynamodb.AttributeValue{}, err
		}
		defer e.leave()
		m := make(map[string]dynamodb.AttributeValue, len(fields.list))
		for i := range fields.list {
			f := &fields.list[i]
			fv, ok := fieldOf(v, f)
			if !ok || (f.omitEmpty && isEmpty(fv)) || (f.omitZero && isZero(fv)) {
				continue
			}
			var av dynamodb.AttributeValue
			var err error
			if f.set != noSet {
				av, err = e.set(fv, f.set)
			} else {
				av, err = encs[i](e, fv)
			}
			if err != nil {
				return dynamodb.AttributeValue{}, atKey(err, f.name)
			}
			m[f.name] = av
		}
		return dynamodb.AttributeValue{M: m}, nil
	}
}

// fieldOf returns field f of struct v, and false when an embedded nil
// pointer on the way to it hides it (an embedded nil pointer has no
// fields).
func fieldOf(v reflect.Value, f *field) (reflect.Value, bool) {
	for _, x := range f.index[:len(f.index)-1] {
		v = v.Field(x)
		if v.Kind() == reflect.Pointer {
			if v.IsNil() {
				return reflect.Value{}, false
			}
			v = v.Elem()
		}
	}
	return v.Field(f.index[len(f.index)-1]), true
}

// isEmpty is encoding/json's omitempty test.
func isEmpty(v reflect.Value) bool {
	switch v.Kind() {
	case reflect.Array, reflect.Map, reflect.Slice, reflect.String:
		return v.Len() == 0
	case reflect.Bool, reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64,
		reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64, reflect.Uintptr,
		reflect.Float32, reflect.Float64, reflect.Interface, reflect.Pointer:
		return v.IsZero()
	}
	return false
}

// isZero is encoding/json's omitzero test: IsZero() when the type has it,
// else the zero value.
func isZero(v reflect.Value) bool {
	type zeroer interface{ IsZero() bool }
	if z, ok := v.Interface().(zeroer); ok {
		if v.Kind() == reflect.Pointer && v.IsNil() {
			return true
		}
		return z.IsZero()
	}
	if v.CanAddr() {
		if z, ok := v.Addr().Interface().(zeroer); ok {
			return z.IsZero()
		}
	}
	return v.IsZero()
}

// set writes v, a slice or array (or a pointer to one), as a set of kind
// k: a nil slice or pointer is NULL; an empty set or one with duplicates
// is an error, as DynamoDB refuses them.
func (e *encodeState) set(v reflect.Value, k setKind) (dynamodb.AttributeValue, error) {
	for v.Kind() == reflect.Pointer || v.Kind() == reflect.Interface {
		if v.IsNil() {
			return e.null(), nil
		}
		v = v.Elem()
	}
	if v.Kind() != reflect.Slice && v.Kind() != reflect.Array {
		return dynamodb.AttributeValue{}, fmt.Errorf("%s: a %s is not a slice or array", k, v.Type())
	}
	if v.Kind() == reflect.Slice && v.IsNil() {
		return e.null(), nil
	}
	n := v.Len()
	if n == 0 {
		return dynamodb.AttributeValue{}, fmt.Errorf("an empty %s: DynamoDB refuses empty sets (omitempty leaves it out)", k)
	}
	et := v.Type().Elem()
	switch k {
	case stringSet:
		if et.Kind() != reflect.String {
			return dynamodb.AttributeValue{}, fmt.Errorf("stringset: elements of type %s, want strings", et)
		}
		ss := make([]string, n)
		seen := make(map[string]struct{}, n)
		for i := range n {
			s := v.Index(i).String()
			if _, dup := seen[s]; dup {
				return dynamodb.AttributeValue{}, atIndex(fmt.Errorf("%q is in the stringset twice: DynamoDB refuses duplicates", s), i)
			}
			seen[s] = struct{}{}
			ss[i] = s
		}
		return dynamodb.AttributeValue{SS: ss}, nil
	case numberSet:
		ns := make([]string, n)
		seen := make(map[decimal]struct{}, n)
		for i := range n {
			s, d, err := numberText(v.Index(i))
			if err != nil {
				return dynamodb.AttributeValue{}, atIndex(err, i)
			}
			if _, dup := seen[d]; dup {
				return dynamodb.AttributeValue{}, atIndex(fmt.Errorf("%s is in the numberset twice: DynamoDB refuses duplicates", s), i)
			}
			seen[d] = struct{}{}
			ns[i] = s
		}
		return dynamodb.AttributeValue{NS: ns}, nil
	default:
		if (et.Kind() != reflect.Slice && et.Kind() != reflect.Array) || et.Elem().Kind() != reflect.Uint8 {
			return dynamodb.AttributeValue{}, fmt.Errorf("binaryset: elements of type %s, want byte slices", et)
		}
		bs := make([][]byte, n)
		seen := make(map[string]struct{}, n)
		for i := range n {
			ev := v.Index(i)
			b := make([]byte, ev.Len())
			reflect.Copy(reflect.ValueOf(b), ev)
			if _, dup := seen[string(b)]; dup {
				return dynamodb.AttributeValue{}, atIndex(fmt.Errorf("%x is in the binaryset twice: DynamoDB refuses duplicates", b), i)
			}
			seen[string(b)] = struct{}{}
			bs[i] = b
		}
		return dynamodb.AttributeValue{BS: bs}, nil
	}
}

// numberText returns the N text of v, an element of a number set: an
// integer, a float, a Number or a string holding one, a *big.Int.
func numberText(v reflect.Value) (string, decimal, error) {
	for v.Kind() == reflect.Pointer || v.Kind() == reflect.Interface {
		if v.IsNil() {
			return "", decimal{}, errors.New("a nil number in a numberset")
		}
		if v.Type() == reflect.PointerTo(bigIntType) {
			s := v.Interface().(*big.Int).String()
			d, err := parseDecimal(s)
			return s, d, err
		}
		v = v.Elem()
	}
	var s string
	switch v.Kind() {
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		s = strconv.FormatInt(v.Int(), 10)
	case reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64, reflect.Uintptr:
		s = strconv.FormatUint(v.Uint(), 10)
	case reflect.Float32, reflect.Float64:
		d, err := floatDecimal(v.Float(), v.Type().Bits())
		if err != nil {
			return "", decimal{}, err
		}
		return d.text(), d, nil
	case reflect.String:
		s = v.String()
		if s == "" && v.Type() == numberType {
			s = "0"
		}
	default:
		if v.Type() == bigIntType {
			b := v.Interface().(big.Int)
			s = b.String()
			break
		}
		return "", decimal{}, fmt.Errorf("numberset: an element of type %s, want numbers", v.Type())
	}
	d, err := parseDecimal(s)
	return s, d, err
}

// Type returns the DynamoDB type of av, the name of its member that is
// set ("S", "N", "B", "SS", "NS", "BS", "M", "L", "NULL" or "BOOL"), or ""
// when none is.
func Type(av dynamodb.AttributeValue) string {
	switch {
	case av.S != nil:
		return "S"
	case av.N != nil:
		return "N"
	case av.B != nil:
		return "B"
	case av.SS != nil:
		return "SS"
	case av.NS != nil:
		return "NS"
	case av.BS != nil:
		return "BS"
	case av.M != nil:
		return "M"
	case av.L != nil:
		return "L"
	case av.NULL != nil:
		return "NULL"
	case av.BOOL != nil:
		return "BOOL"
	}
	return ""
}
