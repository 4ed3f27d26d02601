package attributevalue

import (
	"encoding"
	"errors"
	"fmt"
	"math/big"
	"reflect"
	"strconv"

	"github.com/goto3/goto3/services/dynamodb"
)

// An Unmarshaler reads itself from an attribute value (NULL included).
type Unmarshaler interface {
	UnmarshalAttributeValue(dynamodb.AttributeValue) error
}

// Unmarshal stores av in the value v points to, as boto3's
// TypeDeserializer reads it into Python values; the package documentation
// gives the rules. Errors are *Error, naming the path of the value that
// failed.
func Unmarshal(av dynamodb.AttributeValue, v any) error {
	rv := reflect.ValueOf(v)
	if rv.Kind() != reflect.Pointer || rv.IsNil() {
		return &Error{Op: "unmarshal", Err: fmt.Errorf("the target is %s, want a non-nil pointer", typeName(v))}
	}
	var d decodeState
	return finish("unmarshal", d.value(av, rv.Elem()))
}

// UnmarshalMap stores the attributes m (an item or a key; nil is an empty
// map) in the value v points to: a struct, a map, an interface.
func UnmarshalMap(m map[string]dynamodb.AttributeValue, v any) error {
	if m == nil {
		m = map[string]dynamodb.AttributeValue{}
	}
	return Unmarshal(dynamodb.AttributeValue{M: m}, v)
}

type decodeState struct {
	depth int
}

func (d *decodeState) enter() error {
	d.depth++
	if d.depth > maxDepth+1 {
		return errTooDeep
	}
	return nil
}

func (d *decodeState) leave() { d.depth-- }

func mismatch(k string, av dynamodb.AttributeValue, t reflect.Type) error {
	if k == "N" {
		return fmt.Errorf("cannot unmarshal N %s into %s", *av.N, t)
	}
	return fmt.Errorf("cannot unmarshal %s into %s", k, t)
}

// value stores av, of type k, in v (settable).
func (d *decodeState) value(av dynamodb.AttributeValue, v reflect.Value) error {
	k := Type(av)
	if k == "" {
		return errors.New("an empty attribute value (no member set)")
	}
	// Through pointers (allocated as needed) and interfaces holding
	// pointers, to the first Unmarshaler or the value itself.
	for {
		if v.Kind() != reflect.Pointer && v.CanAddr() {
			if u, ok := v.Addr().Interface().(Unmarshaler); ok {
				return unmarshaler(u, av)
			}
			if tu, ok := v.Addr().Interface().(encoding.TextUnmarshaler); ok && k == "S" {
				return text(tu, *av.S)
			}
		}
		if v.Kind() == reflect.Interface && !v.IsNil() && k != "NULL" {
			if e := v.Elem(); e.Kind() == reflect.Pointer && !e.IsNil() {
				v = e
				continue
			}
		}
		if v.Kind() != reflect.Pointer || k == "NULL" {
			break
		}
		if v.IsNil() {
			v.Set(reflect.New(v.Type().Elem()))
		}
		if u, ok := v.Interface().(Unmarshaler); ok {
			return unmarshaler(u, av)
		}
		if tu, ok := v.Interface().(encoding.TextUnmarshaler); ok && k == "S" {
			return text(tu, *av.S)
		}
		v = v.Elem()
	}
	t := v.Type()
	if t == attributeValueType {
		v.Set(reflect.ValueOf(av))
		return nil
	}
	if k == "NULL" {
		v.SetZero()
		return nil
	}
	if v.Kind() == reflect.Interface {
		if v.NumMethod() != 0 {
			return fmt.Errorf("cannot unmarshal %s into a nil %s", k, t)
		}
		x, err := d.any(av, k)
		if err != nil {
			return err
		}
		setAny(v, x)
		return nil
	}
	switch k {
	case "S":
		if v.Kind() != reflect.String || t == numberType {
			return mismatch(k, av, t)
		}
		v.SetString(*av.S)
	case "N":
		return number(*av.N, v)
	case "BOOL":
		if v.Kind() != reflect.Bool {
			return mismatch(k, av, t)
		}
		v.SetBool(*av.BOOL)
	case "B":
		return bytesInto(av.B, v, k)
	case "SS", "NS", "BS", "L":
		return d.list(av, k, v)
	case "M":
		switch v.Kind() {
		case reflect.Struct:
			return d.structure(av.M, v)
		case reflect.Map:
			return d.mapping(av.M, v)
		}
		return mismatch(k, av, t)
	}
	return nil
}

// setAny stores x in v, an empty interface (of type any, or one of the
// same method set).
func setAny(v reflect.Value, x any) {
	switch {
	case v.Type() == anyType && v.CanAddr():
		*v.Addr().Interface().(*any) = x // no copy of x to the heap
	case x == nil:
		v.SetZero()
	default:
		v.Set(reflect.ValueOf(x))
	}
}

func unmarshaler(u Unmarshaler, av dynamodb.AttributeValue) error {
	if err := u.UnmarshalAttributeValue(av); err != nil {
		return fmt.Errorf("%T.UnmarshalAttributeValue: %w", u, err)
	}
	return nil
}

func text(tu encoding.TextUnmarshaler, s string) error {
	if err := tu.UnmarshalText([]byte(s)); err != nil {
		return fmt.Errorf("%T.UnmarshalText: %w", tu, err)
	}
	return nil
}

// number stores the N text s in v: a Number as it is, an integer when s
// is one in range, a float when exact (Number.Float64), a big.Int.
func number(s string, v reflect.Value) error {
	if numberFast(s, v) {
		return nil
	}
	return numberSlow(s, v)
}

// numberFast stores the commonest N texts in an integer or a float
// without building a decimal (which allocates): a plain integer of at
// most 18 digits that fits, and a plain decimal (no exponent, at most 40
// bytes) of at most 15 significant digits for a float64 or 6 for a
// float32. A float parsed from such a text reads back as the same
// decimal (the float's guaranteed decimal digits, DBL_DIG and FLT_DIG,
// within its normal range), so it is exact in numberSlow's sense and
// parsing it is the whole work. It reports false, having stored
// nothing, for anything else, which numberSlow decides.
func numberFast(s string, v reflect.Value) bool {
	if v.Type() == numberType {
		return false
	}
	switch k := v.Kind(); k {
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		i, ok := plainInt(s)
		if !ok || v.OverflowInt(i) {
			return false
		}
		v.SetInt(i)
		return true
	case reflect.Float32, reflect.Float64:
		bits, maxDigits, maxLen := 64, 15, 40
		if k == reflect.Float32 {
			bits, maxDigits, maxLen = 32, 6, 30
		}
		if len(s) > maxLen || !plainDecimal(s, maxDigits) {
			return false
		}
		f, err := strconv.ParseFloat(s, bits)
		if err != nil {
			return false
		}
		if f == 0 {
			f = 0 // "-0": DynamoDB's zero has no sign
		}
		v.SetFloat(f)
		return true
	}
	return false
}

// plainInt parses an optional '-' and 1 to 18 digits.
func plainInt(s string) (int64, bool) {
	neg := len(s) > 0 && s[0] == '-'
	if neg {
		s = s[1:]
	}
	if len(s) == 0 || len(s) > 18 {
		return 0, false
	}
	var n int64
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c < '0' || c > '9' {
			return 0, false
		}
		n = n*10 + int64(c-'0')
	}
	if neg {
		n = -n
	}
	return n, true
}

// plainDecimal reports whether s is an optional '-', digits and an
// optional '.' followed by digits, with at most maxDigits digits after
// its leading zeros.
func plainDecimal(s string, maxDigits int) bool {
	if len(s) > 0 && s[0] == '-' {
		s = s[1:]
	}
	digits, sig, point := 0, 0, -1
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case c == '.':
			if point >= 0 || digits == 0 {
				return false
			}
			point = i
		case c >= '0' && c <= '9':
			digits++
			if sig > 0 || c != '0' {
				sig++
			}
		default:
			return false
		}
	}
	return digits > 0 && point != len(s)-1 && sig <= maxDigits
}

// numberSlow is number for every text: DynamoDB's syntax and limits
// checked, big integers, exactness of floats decided.
func numberSlow(s string, v reflect.Value) error {
	t := v.Type()
	if t == numberType {
		v.SetString(s)
		return nil
	}
	fail := func(err error) error { return fmt.Errorf("cannot unmarshal N %s into %s: %w", s, t, err) }
	dec, err := parseDecimal(s)
	if err != nil {
		return fail(err)
	}
	if t == bigIntType {
		if dec.exp < 0 {
			return fail(fmt.Errorf("%s is not an integer", dec.text()))
		}
		b, _ := new(big.Int).SetString(dec.text(), 10)
		if b == nil { // written in exponent form: build it
			b = new(big.Int).Exp(big.NewInt(10), big.NewInt(int64(dec.exp)), nil)
			m, _ := new(big.Int).SetString(dec.digits, 10)
			b.Mul(b, m)
			if dec.neg {
				b.Neg(b)
			}
		}
		v.Set(reflect.ValueOf(b).Elem())
		return nil
	}
	switch v.Kind() {
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		i, err := dec.int64(t.Bits())
		if err != nil {
			return fail(err)
		}
		v.SetInt(i)
	case reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64, reflect.Uintptr:
		u, err := dec.uint64(t.Bits())
		if err != nil {
			return fail(err)
		}
		v.SetUint(u)
	case reflect.Float32, reflect.Float64:
		f, err := dec.float(t.Bits())
		if err != nil {
			return fail(err)
		}
		v.SetFloat(f)
	default:
		return fmt.Errorf("cannot unmarshal N %s into %s", s, t)
	}
	return nil
}

// bytesInto stores b in v: a byte slice (a copy) or a byte array of its
// length.
func bytesInto(b []byte, v reflect.Value, k string) error {
	t := v.Type()
	switch {
	case v.Kind() == reflect.Slice && t.Elem().Kind() == reflect.Uint8:
		c := reflect.MakeSlice(t, len(b), len(b))
		reflect.Copy(c, reflect.ValueOf(b))
		v.Set(c)
		return nil
	case v.Kind() == reflect.Array && t.Elem().Kind() == reflect.Uint8:
		if v.Len() != len(b) {
			return fmt.Errorf("cannot unmarshal %d bytes into %s", len(b), t)
		}
		reflect.Copy(v, reflect.ValueOf(b))
		return nil
	}
	return fmt.Errorf("cannot unmarshal %s into %s", k, t)
}

// list stores the elements of a list or set in a slice or array.
func (d *decodeState) list(av dynamodb.AttributeValue, k string, v reflect.Value) error {
	if v.Kind() != reflect.Slice && v.Kind() != reflect.Array {
		return mismatch(k, av, v.Type())
	}
	n := 0
	switch k {
	case "SS":
		n = len(av.SS)
	case "NS":
		n = len(av.NS)
	case "BS":
		n = len(av.BS)
	case "L":
		n = len(av.L)
	}
	if err := d.enter(); err != nil {
		return err
	}
	defer d.leave()
	if v.Kind() == reflect.Slice {
		v.Set(reflect.MakeSlice(v.Type(), n, n))
	}
	for i := range min(n, v.Len()) {
		var el dynamodb.AttributeValue
		switch k {
		case "SS":
			el.S = &av.SS[i]
		case "NS":
			el.N = &av.NS[i]
		case "BS":
			el.B = av.BS[i]
		case "L":
			el = av.L[i]
		}
		if err := d.value(el, v.Index(i)); err != nil {
			return atIndex(err, i)
		}
	}
	for i := n; i < v.Len(); i++ { // an array longer than the list
		v.Index(i).SetZero()
	}
	return nil
}

func (d *decodeState) structure(m map[string]dynamodb.AttributeValue, v reflect.Value) error {
	fields := cachedFields(v.Type())
	if fields.err != nil {
		return fields.err
	}
	if err := d.enter(); err != nil {
		return err
	}
	defer d.leave()
	for i := range fields.list {
		f := &fields.list[i]
		av, ok := m[f.name]
		if !ok {
			continue
		}
		fv, err := fieldAlloc(v, f.index)
		if err != nil {
			return atKey(err, f.name)
		}
		if err := d.value(av, fv); err != nil {
			return atKey(err, f.name)
		}
	}
	return nil
}

// fieldAlloc returns the field of v at index, allocating the embedded
// struct pointers on the way.
func fieldAlloc(v reflect.Value, index []int) (reflect.Value, error) {
	for _, x := range index[:len(index)-1] {
		v = v.Field(x)
		if v.Kind() == reflect.Pointer {
			if v.IsNil() {
				if !v.CanSet() {
					return reflect.Value{}, fmt.Errorf("cannot set the nil embedded pointer to the unexported %s", v.Type().Elem())
				}
				v.Set(reflect.New(v.Type().Elem()))
			}
			v = v.Elem()
		}
	}
	return v.Field(index[len(index)-1]), nil
}

func (d *decodeState) mapping(m map[string]dynamodb.AttributeValue, v reflect.Value) error {
	t := v.Type()
	key, err := mapKeyParser(t.Key())
	if err != nil {
		return err
	}
	if err := d.enter(); err != nil {
		return err
	}
	defer d.leave()
	if v.IsNil() {
		v.Set(reflect.MakeMapWithSize(t, len(m)))
	}
	elem := reflect.New(t.Elem()).Elem()
	for name, av := range m {
		if err := setEntry(v, key, name, elem, func(elem reflect.Value) error { return d.value(av, elem) }); err != nil {
			return err
		}
	}
	return nil
}

// setEntry stores in map v the entry of attribute name, its value read by
// decode into elem (zeroed first, then copied into the map).
func setEntry(v reflect.Value, key func(string) (reflect.Value, error), name string, elem reflect.Value, decode func(reflect.Value) error) error {
	kv, err := key(name)
	if err != nil {
		return atKey(err, name)
	}
	elem.SetZero()
	if err := decode(elem); err != nil {
		return atKey(err, name)
	}
	v.SetMapIndex(kv, elem)
	return nil
}

// mapKeyParser returns how attribute names become keys of type t (the
// reverse of mapKeyText).
func mapKeyParser(t reflect.Type) (func(string) (reflect.Value, error), error) {
	if reflect.PointerTo(t).Implements(textUnmarshalerType) && t.Kind() != reflect.Pointer {
		return func(s string) (reflect.Value, error) {
			k := reflect.New(t)
			if err := k.Interface().(encoding.TextUnmarshaler).UnmarshalText([]byte(s)); err != nil {
				return reflect.Value{}, fmt.Errorf("map key %s.UnmarshalText: %w", t, err)
			}
			return k.Elem(), nil
		}, nil
	}
	switch t.Kind() {
	case reflect.String:
		return func(s string) (reflect.Value, error) { return reflect.ValueOf(s).Convert(t), nil }, nil
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		return func(s string) (reflect.Value, error) {
			i, err := strconv.ParseInt(s, 10, t.Bits())
			if err != nil {
				return reflect.Value{}, fmt.Errorf("attribute name %q does not parse as %s", s, t)
			}
			return reflect.ValueOf(i).Convert(t), nil
		}, nil
	case reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64, reflect.Uintptr:
		return func(s string) (reflect.Value, error) {
			u, err := strconv.ParseUint(s, 10, t.Bits())
			if err != nil {
				return reflect.Value{}, fmt.Errorf("attribute name %q does not parse as %s", s, t)
			}
			return reflect.ValueOf(u).Convert(t), nil
		}, nil
	}
	return nil, fmt.Errorf("cannot unmarshal a map into a map with %s keys", t)
}

// any returns av as boto3's TypeDeserializer shapes it, in Go: S string,
// N Number, B []byte, BOOL bool, NULL nil, SS StringSet, NS NumberSet,
// BS BinarySet, L []any, M map[string]any.
func (d *decodeState) any(av dynamodb.AttributeValue, k string) (any, error) {
	switch k {
	case "S":
		return *av.S, nil
	case "N":
		return Number(*av.N), nil
	case "B":
		return append([]byte{}, av.B...), nil
	case "BOOL":
		return *av.BOOL, nil
	case "NULL":
		return nil, nil
	case "SS":
		return StringSet(append([]string{}, av.SS...)), nil
	case "NS":
		ns := make(NumberSet, len(av.NS))
		for i, s := range av.NS {
			ns[i] = Number(s)
		}
		return ns, nil
	case "BS":
		bs := make(BinarySet, len(av.BS))
		for i, b := range av.BS {
			bs[i] = append([]byte{}, b...)
		}
		return bs, nil
	}
	if err := d.enter(); err != nil {
		return nil, err
	}
	defer d.leave()
	if k == "L" {
		l := make([]any, len(av.L))
		for i, el := range av.L {
			ek := Type(el)
			if ek == "" {
				return nil, atIndex(errors.New("an empty attribute value (no member set)"), i)
			}
			x, err := d.any(el, ek)
			if err != nil {
				return nil, atIndex(err, i)
			}
			l[i] = x
		}
		return l, nil
	}
	m := make(map[string]any, len(av.M))
	for name, el := range av.M {
		ek := Type(el)
		if ek == "" {
			return nil, atKey(errors.New("an empty attribute value (no member set)"), name)
		}
		x, err := d.any(el, ek)
		if err != nil {
			return nil, atKey(err, name)
		}
		m[name] = x
	}
	return m, nil
}
