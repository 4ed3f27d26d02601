package attributevalue

import (
	"encoding/base64"
	"errors"
	"fmt"
	"reflect"
	"sync"
	"unsafe"

	"github.com/goto3/goto3/protocol/jsonutil"
	"github.com/goto3/goto3/services/dynamodb"
)

// UnmarshalItemJSON stores an item written in DynamoDB's JSON wire form
// (an object of attribute values such as {"pk":{"S":"a"},"n":{"N":"1"}},
// the form of a DynamoDB Streams record's NewImage in a Lambda event) in
// the value v points to, as UnmarshalMap stores the same item: the same
// rules, the same results. It reads the JSON straight into v, without
// building the item's attribute values first.
//
// An attribute value written with more than one member is refused (the
// wire form never has one); JSON null for an item or a value is read as
// the service's codec reads it: no item, no attribute.
func UnmarshalItemJSON(data []byte, v any) error {
	rv := reflect.ValueOf(v)
	if rv.Kind() != reflect.Pointer || rv.IsNil() {
		return &Error{Op: "unmarshal", Err: fmt.Errorf("the target is %s, want a non-nil pointer", typeName(v))}
	}
	j := newJSONDecoder(data)
	defer j.release()
	err := j.item(rv.Elem())
	if err == nil {
		err = j.r.End()
	}
	return finish("unmarshal", err)
}

// UnmarshalItemsJSON stores a JSON array of items in DynamoDB's wire form
// (the "Items" of a Query or Scan answer) in the slice v points to, one
// element per item, each as UnmarshalItemJSON stores it into a zero
// value. As encoding/json does, the slice's length is reset to zero and
// the items appended (in its array while it has room); null reads as a
// nil slice. On an error the slice holds the items before the one that
// failed, and the error's path starts with that item's index.
func UnmarshalItemsJSON(data []byte, v any) error {
	_, err := unmarshalItems(data, v, true)
	return err
}

// UnmarshalItemsJSONPrefix is UnmarshalItemsJSON for an array of items
// at the start of data that data continues after (the Items of a whole
// Query answer, say): it returns the number of bytes the array took, and
// leaves the rest of data unread.
func UnmarshalItemsJSONPrefix(data []byte, v any) (int, error) {
	return unmarshalItems(data, v, false)
}

// unmarshalItems reads the array of items at the start of data into the
// slice v points to; whole: data holds nothing after it.
func unmarshalItems(data []byte, v any, whole bool) (int, error) {
	rv := reflect.ValueOf(v)
	if rv.Kind() != reflect.Pointer || rv.IsNil() || rv.Elem().Kind() != reflect.Slice {
		return 0, &Error{Op: "unmarshal", Err: fmt.Errorf("the target is %s, want a non-nil pointer to a slice", typeName(v))}
	}
	j := newJSONDecoder(data)
	defer j.release()
	err := j.items(rv.Elem())
	if err == nil && whole {
		err = j.r.End()
	}
	if err != nil {
		return 0, finish("unmarshal", err)
	}
	return j.r.Offset(), nil
}

// jsonDecoder reads attribute values from their JSON wire form into Go
// values, by the rules of decodeState.value. Strings are cut from shared
// chunks (as the service's codec cuts them), so that an item costs few
// allocations; a chunk stays alive while any string cut from it does.
type jsonDecoder struct {
	r      jsonutil.Reader
	n      int // the document's length
	d      decodeState
	chunks jsonutil.Chunks
	// free are slices to read lists into before they are copied to
	// slices of their exact length, one per slice type not in use.
	free []reflect.Value
	// anys is the stack the elements of lists read into any wait on.
	anys []any
	// types caches the look-ups of fieldCache and typeInfos (a sync.Map
	// each) for the types met lately, replaced in turn; kept with the
	// pooled decoder.
	types [8]typeCache
	next  int
}

type typeCache struct {
	t      reflect.Type
	fields *structFields
	info   *typeInfo
}

// cached returns the cache entry of t, filled with what the package
// caches know of it.
func (j *jsonDecoder) cached(t reflect.Type) *typeCache {
	for i := range j.types {
		if j.types[i].t == t {
			return &j.types[i]
		}
	}
	c := &j.types[j.next]
	j.next = (j.next + 1) % len(j.types)
	*c = typeCache{t: t, info: infoOf(t)}
	if t.Kind() == reflect.Struct {
		c.fields = cachedFields(t)
	}
	return c
}

var jsonDecoders = sync.Pool{New: func() any { return new(jsonDecoder) }}

func newJSONDecoder(data []byte) *jsonDecoder {
	j := jsonDecoders.Get().(*jsonDecoder)
	j.r = jsonutil.Reader{}
	j.r.Reset(data)
	j.n = len(data)
	return j
}

// release returns j to the pool without its chunks, which the decoded
// values may share, keeping its scratch slices (emptied) and type cache.
func (j *jsonDecoder) release() {
	*j = jsonDecoder{free: j.free, anys: j.anys[:0], types: j.types}
	jsonDecoders.Put(j)
}

// str returns b as a string of its own, cut from the document's chunks.
func (j *jsonDecoder) str(b []byte) string { return j.chunks.String(b, j.left()) }

// left is the number of bytes of the document still to read.
func (j *jsonDecoder) left() int { return j.n - j.r.Offset() }

// blob decodes the base64 text b as the service's codec does (padded, or
// unpadded when its length says so), into a slice of its own.
func (j *jsonDecoder) blob(b []byte) ([]byte, error) { return j.chunks.Blob(b, j.left()) }

// typeInfo is what the decoder needs to know of a target type, cached.
type typeInfo struct {
	// direct: values of the type are read straight from JSON. Otherwise
	// (an Unmarshaler, a TextUnmarshaler, an interface other than any,
	// an AttributeValue, a big.Int) the attribute value is built and
	// handed to decodeState.value.
	direct bool
}

var typeInfos sync.Map // reflect.Type -> *typeInfo

func infoOf(t reflect.Type) *typeInfo {
	if ti, ok := typeInfos.Load(t); ok {
		return ti.(*typeInfo)
	}
	ti, _ := typeInfos.LoadOrStore(t, &typeInfo{direct: directType(t)})
	return ti.(*typeInfo)
}

var unmarshalerType = reflect.TypeFor[Unmarshaler]()

// directType reports whether values of t (and of what t points to) hold
// no Unmarshaler and no TextUnmarshaler, and are not among the types
// decodeState.value treats apart.
func directType(t reflect.Type) bool {
	for {
		if t.Implements(unmarshalerType) || t.Implements(textUnmarshalerType) {
			return false
		}
		if t.Kind() != reflect.Pointer {
			break
		}
		t = t.Elem()
	}
	pt := reflect.PointerTo(t)
	if pt.Implements(unmarshalerType) || pt.Implements(textUnmarshalerType) {
		return false
	}
	switch {
	case t == attributeValueType, t == bigIntType:
		return false
	case t.Kind() == reflect.Interface:
		return t == anyType
	}
	return true
}

var errEmptyAV = errors.New("an empty attribute value (no member set)")

// items reads a JSON array of items into slice v.
func (j *jsonDecoder) items(v reflect.Value) error {
	k, err := j.r.Peek()
	if err != nil {
		return err
	}
	if k == jsonutil.KindNull {
		v.SetZero()
		return j.r.ReadNull()
	}
	if err := j.r.BeginArray(); err != nil {
		return err
	}
	v.SetLen(0)
	n := 0
	for {
		more, err := j.nextElement()
		if err != nil || !more {
			return err
		}
		if n == v.Cap() {
			v.Grow(max(n, 8))
		}
		v.SetLen(n + 1)
		v.Index(n).SetZero() // what an earlier use of the array left
		if err := j.item(v.Index(n)); err != nil {
			v.SetLen(n)
			return atIndex(err, n)
		}
		n++
	}
}

// item reads an item (an object of attribute values, or null for none)
// into v, as decodeState.value reads an M into it.
func (j *jsonDecoder) item(v reflect.Value) error {
	k, err := j.r.Peek()
	if err != nil {
		return err
	}
	if k == jsonutil.KindNull {
		if err := j.r.ReadNull(); err != nil {
			return err
		}
		return j.d.value(dynamodb.AttributeValue{M: map[string]dynamodb.AttributeValue{}}, v)
	}
	return j.members("M", v)
}

// value reads one attribute value ({"S":"x"} and the like) into v;
// direct is infoOf(v.Type()).direct.
func (j *jsonDecoder) value(v reflect.Value, direct bool) error {
	if err := j.r.BeginObject(); err != nil {
		return err
	}
	key, ok, err := j.r.NextMember()
	if err != nil {
		return err
	}
	if !ok {
		return errEmptyAV
	}
	kind := avKind(key)
	if kind == "" || !direct || j.nextIsNull() {
		// Built, then stored as Unmarshal stores it.
		var av dynamodb.AttributeValue
		if err := j.avRest(&av, key); err != nil {
			return err
		}
		return j.d.value(av, v)
	}
	if err := j.direct(kind, v); err != nil {
		return err
	}
	_, ok, err = j.r.NextMember()
	if err != nil {
		return err
	}
	if ok {
		return errors.New("an attribute value with more than one member")
	}
	return nil
}

// avKind returns the member name key as one of Type's results, or "".
func avKind(key []byte) string {
	switch string(key) {
	case "S":
		return "S"
	case "N":
		return "N"
	case "B":
		return "B"
	case "SS":
		return "SS"
	case "NS":
		return "NS"
	case "BS":
		return "BS"
	case "M":
		return "M"
	case "L":
		return "L"
	case "NULL":
		return "NULL"
	case "BOOL":
		return "BOOL"
	}
	return ""
}

// direct reads the member value of kind k into v, of a direct type: what
// decodeState.value does with the same attribute value.
func (j *jsonDecoder) direct(k string, v reflect.Value) error {
	if k == "NULL" {
		if _, err := j.r.ReadBool(); err != nil {
			return err
		}
		v.SetZero()
		return nil
	}
	// Through pointers (allocated as needed) and interfaces holding
	// pointers.
	for {
		if v.Kind() == reflect.Interface && !v.IsNil() {
			if e := v.Elem(); e.Kind() == reflect.Pointer && !e.IsNil() {
				if !infoOf(e.Type()).direct {
					return j.viaAV(k, v)
				}
				v = e
				continue
			}
		}
		if v.Kind() != reflect.Pointer {
			break
		}
		if v.IsNil() {
			v.Set(reflect.New(v.Type().Elem()))
		}
		v = v.Elem()
	}
	t := v.Type()
	if v.Kind() == reflect.Interface {
		x, err := j.any(k)
		if err != nil {
			return err
		}
		setAny(v, x)
		return nil
	}
	switch k {
	case "S":
		b, err := j.r.ReadString()
		if err != nil {
			return err
		}
		if v.Kind() != reflect.String || t == numberType {
			return fmt.Errorf("cannot unmarshal S into %s", t)
		}
		v.SetString(j.str(b))
	case "N":
		b, err := j.r.ReadString()
		if err != nil {
			return err
		}
		if t == numberType {
			v.SetString(j.str(b))
			return nil
		}
		// number keeps nothing of its text (an error copies it).
		return number(unsafe.String(unsafe.SliceData(b), len(b)), v)
	case "BOOL":
		x, err := j.r.ReadBool()
		if err != nil {
			return err
		}
		if v.Kind() != reflect.Bool {
			return fmt.Errorf("cannot unmarshal BOOL into %s", t)
		}
		v.SetBool(x)
	case "B":
		b, err := j.readBlob()
		if err != nil {
			return err
		}
		return bytesInto(b, v, k)
	case "SS", "NS", "BS", "L":
		return j.list(k, v)
	case "M":
		return j.members(k, v)
	}
	return nil
}

// viaAV reads the member value of kind k into an attribute value and
// stores it in v through decodeState.value.
func (j *jsonDecoder) viaAV(k string, v reflect.Value) error {
	var av dynamodb.AttributeValue
	if err := j.member(&av, k); err != nil {
		return err
	}
	return j.d.value(av, v)
}

func (j *jsonDecoder) readBlob() ([]byte, error) {
	b, err := j.r.ReadString()
	if err != nil {
		return nil, err
	}
	out, err := j.blob(b)
	if err != nil {
		return nil, fmt.Errorf("a B that is not base64: %w", err)
	}
	return out, nil
}

// list reads the elements of a set or a list into v, a slice or an array.
func (j *jsonDecoder) list(k string, v reflect.Value) error {
	if v.Kind() != reflect.Slice && v.Kind() != reflect.Array {
		if err := j.skipMember(k); err != nil {
			return err
		}
		return fmt.Errorf("cannot unmarshal %s into %s", k, v.Type())
	}
	if err := j.d.enter(); err != nil {
		return err
	}
	defer j.d.leave()
	if err := j.r.BeginArray(); err != nil {
		return err
	}
	direct := j.cached(v.Type().Elem()).info.direct
	isSlice := v.Kind() == reflect.Slice
	dst := v // where the elements go: for a slice, a scratch one first
	if isSlice {
		dst = j.scratch(v.Type())
		defer j.putScratch(dst)
	}
	n := 0
	for {
		more, err := j.nextElement()
		if err != nil {
			return err
		}
		if !more {
			break
		}
		if isSlice {
			if n == dst.Cap() {
				dst.Grow(max(n, 4))
			}
			dst.SetLen(n + 1)
			dst.Index(n).SetZero()
		} else if n >= v.Len() { // an array shorter than the list
			if k == "L" {
				err = j.skipAV()
			} else {
				err = j.skipScalar(k[:1])
			}
			if err != nil {
				return err
			}
			n++
			continue
		}
		if k == "L" {
			err = j.value(dst.Index(n), direct)
		} else {
			err = j.setElement(k, dst.Index(n), direct)
		}
		if err != nil {
			return atIndex(err, n)
		}
		n++
	}
	if !isSlice {
		for i := n; i < v.Len(); i++ {
			v.Index(i).SetZero()
		}
		return nil
	}
	setExact(v, dst)
	return nil
}

// setExact sets slice v to a copy of s with no capacity to spare, as
// Unmarshal makes (a non-nil empty slice for an empty list).
func setExact(v, s reflect.Value) {
	n := s.Len()
	v.SetZero()
	if n == 0 {
		v.Set(reflect.MakeSlice(v.Type(), 0, 0))
		return
	}
	v.Grow(n)
	v.SetLen(n)
	v.SetCap(n)
	reflect.Copy(v, s)
}

// scratch returns a slice of type t to read a list into: empty, with the
// capacity an earlier list left.
func (j *jsonDecoder) scratch(t reflect.Type) reflect.Value {
	for i, f := range j.free {
		if f.Type() == t {
			j.free[i] = j.free[len(j.free)-1]
			j.free = j.free[:len(j.free)-1]
			f.SetLen(0)
			return f
		}
	}
	return reflect.New(t).Elem()
}

// putScratch empties v and keeps it for the next list of its type (in
// this document or a later one) unless it grew large.
func (j *jsonDecoder) putScratch(v reflect.Value) {
	for i := range v.Len() {
		v.Index(i).SetZero() // the scratch keeps nothing alive
	}
	if v.Cap() <= maxScratch && len(j.free) < 16 {
		j.free = append(j.free, v)
	}
}

const maxScratch = 1024

// setElement reads an element of a set of kind k (a bare string) into v;
// direct is infoOf(v.Type()).direct.
func (j *jsonDecoder) setElement(k string, v reflect.Value, direct bool) error {
	ek := k[:1] // SS: S, NS: N, BS: B
	if direct {
		return j.direct(ek, v)
	}
	var av dynamodb.AttributeValue
	if err := j.member(&av, ek); err != nil {
		return err
	}
	return j.d.value(av, v)
}

// members reads an M (or an item) into v: a struct, a map, or anything
// decodeState.value takes an M into.
func (j *jsonDecoder) members(k string, v reflect.Value) error {
	for v.Kind() == reflect.Pointer && j.cached(v.Type()).info.direct {
		if v.IsNil() {
			v.Set(reflect.New(v.Type().Elem()))
		}
		v = v.Elem()
	}
	c := j.cached(v.Type())
	switch {
	case !c.info.direct, v.Kind() == reflect.Interface:
		var av dynamodb.AttributeValue
		if err := j.member(&av, "M"); err != nil {
			return err
		}
		return j.d.value(av, v)
	case v.Kind() == reflect.Struct:
		return j.structure(v, c.fields)
	case v.Kind() == reflect.Map:
		return j.mapping(v)
	}
	if err := j.skipMember(k); err != nil {
		return err
	}
	return fmt.Errorf("cannot unmarshal %s into %s", k, v.Type())
}

// structure reads an M into v, a struct of fields.
//
// Items mostly list their attributes in one order: the fields the first
// M read into the type had, in their order, are tried first (a comparison
// of names) before the look-up by name.
func (j *jsonDecoder) structure(v reflect.Value, fields *structFields) error {
	if fields.err != nil {
		return fields.err
	}
	if err := j.d.enter(); err != nil {
		return err
	}
	defer j.d.leave()
	if err := j.r.BeginObject(); err != nil {
		return err
	}
	var order []int
	if p := fields.order.Load(); p != nil {
		order = *p
	}
	learn := order == nil
	for pos := 0; ; pos++ {
		key, ok, err := j.r.NextMember()
		if err != nil || !ok {
			if learn && err == nil && order != nil {
				learned := order // its own variable: order stays on the stack
				fields.order.CompareAndSwap(nil, &learned)
			}
			return err
		}
		var i int
		var found bool
		if !learn && pos < len(order) && order[pos] >= 0 && fields.list[order[pos]].name == string(key) {
			i, found = order[pos], true
		} else {
			i, found = fields.byName[string(key)]
			if !found {
				i = -1
			}
			if learn && len(order) < 64 {
				order = append(order, i)
			}
		}
		if !found || j.nextIsNull() {
			if err := j.skipAV(); err != nil {
				return err
			}
			continue
		}
		f := &fields.list[i]
		fv, err := fieldAlloc(v, f.index)
		if err != nil {
			return atKey(err, f.name)
		}
		if err := j.value(fv, f.direct); err != nil {
			return atKey(err, f.name)
		}
	}
}

// nextElement reports whether the array has another element that is not
// null, consuming the null ones before it (the codec drops them).
func (j *jsonDecoder) nextElement() (bool, error) {
	for {
		more, err := j.r.NextElement()
		if err != nil || !more {
			return false, err
		}
		if !j.nextIsNull() {
			return true, nil
		}
		if err := j.r.ReadNull(); err != nil {
			return false, err
		}
	}
}

// nextMember returns the key of the object's next member whose value is
// not null, consuming the null ones before it (the codec drops them), or
// reports the object's end.
func (j *jsonDecoder) nextMember() ([]byte, bool, error) {
	for {
		key, ok, err := j.r.NextMember()
		if err != nil || !ok {
			return nil, false, err
		}
		if !j.nextIsNull() {
			return key, true, nil
		}
		if err := j.r.ReadNull(); err != nil {
			return nil, false, err
		}
	}
}

// nextIsNull reports whether the next value is JSON null (a map entry
// the codec drops).
func (j *jsonDecoder) nextIsNull() bool {
	k, err := j.r.Peek()
	return err == nil && k == jsonutil.KindNull
}

func (j *jsonDecoder) mapping(v reflect.Value) error {
	t := v.Type()
	key, err := mapKeyParser(t.Key())
	if err != nil {
		if err := j.skipMember("M"); err != nil {
			return err
		}
		return err
	}
	if err := j.d.enter(); err != nil {
		return err
	}
	defer j.d.leave()
	if err := j.r.BeginObject(); err != nil {
		return err
	}
	if v.IsNil() {
		v.Set(reflect.MakeMap(t))
	}
	elem := reflect.New(t.Elem()).Elem()
	direct := j.cached(t.Elem()).info.direct
	for {
		name, ok, err := j.nextMember()
		if err != nil || !ok {
			return err
		}
		if err := setEntry(v, key, j.str(name), elem, func(elem reflect.Value) error { return j.value(elem, direct) }); err != nil {
			return err
		}
	}
}

// any reads the member value of kind k as decodeState.any shapes it.
func (j *jsonDecoder) any(k string) (any, error) {
	switch k {
	case "S":
		b, err := j.r.ReadString()
		if err != nil {
			return nil, err
		}
		return j.str(b), nil
	case "N":
		b, err := j.r.ReadString()
		if err != nil {
			return nil, err
		}
		return Number(j.str(b)), nil
	case "B":
		return j.readBlob()
	case "BOOL":
		return j.r.ReadBool()
	case "NULL":
		_, err := j.r.ReadBool()
		return nil, err
	case "SS", "NS", "BS":
		return j.anySet(k)
	}
	if err := j.d.enter(); err != nil {
		return nil, err
	}
	defer j.d.leave()
	if k == "M" {
		if err := j.r.BeginObject(); err != nil {
			return nil, err
		}
		m := map[string]any{}
		for {
			name, ok, err := j.nextMember()
			if err != nil {
				return nil, err
			}
			if !ok {
				return m, nil
			}
			s := j.str(name)
			x, err := j.anyValue()
			if err != nil {
				return nil, atKey(err, s)
			}
			m[s] = x
		}
	}
	// L: the elements go onto a stack shared with the lists inside it,
	// then into a slice of their number.
	if err := j.r.BeginArray(); err != nil {
		return nil, err
	}
	base := len(j.anys)
	defer func() {
		clear(j.anys[base:])
		j.anys = j.anys[:base]
	}()
	for {
		more, err := j.nextElement()
		if err != nil {
			return nil, err
		}
		if !more {
			return append(make([]any, 0, len(j.anys)-base), j.anys[base:]...), nil
		}
		x, err := j.anyValue()
		if err != nil {
			return nil, atIndex(err, len(j.anys)-base)
		}
		j.anys = append(j.anys, x)
	}
}

// anySet reads a set of kind k as decodeState.any shapes it.
func (j *jsonDecoder) anySet(k string) (any, error) {
	if err := j.r.BeginArray(); err != nil {
		return nil, err
	}
	var ss []string
	var bs BinarySet
	for {
		more, err := j.nextElement()
		if err != nil {
			return nil, err
		}
		if !more {
			break
		}
		if k == "BS" {
			b, err := j.readBlob()
			if err != nil {
				return nil, err
			}
			bs = append(bs, b)
			continue
		}
		b, err := j.r.ReadString()
		if err != nil {
			return nil, err
		}
		ss = append(ss, j.str(b))
	}
	switch k {
	case "SS":
		return append(StringSet{}, ss...), nil
	case "NS":
		ns := make(NumberSet, len(ss))
		for i, s := range ss {
			ns[i] = Number(s)
		}
		return ns, nil
	}
	return append(BinarySet{}, bs...), nil
}

// anyValue reads a whole attribute value as decodeState.any shapes it.
func (j *jsonDecoder) anyValue() (any, error) {
	if err := j.r.BeginObject(); err != nil {
		return nil, err
	}
	key, ok, err := j.r.NextMember()
	if err != nil {
		return nil, err
	}
	if !ok {
		return nil, errEmptyAV
	}
	k := avKind(key)
	if k == "" || j.nextIsNull() {
		var av dynamodb.AttributeValue
		if err := j.avRest(&av, key); err != nil {
			return nil, err
		}
		if k = Type(av); k == "" {
			return nil, errEmptyAV
		}
		return j.d.any(av, k)
	}
	x, err := j.any(k)
	if err != nil {
		return nil, err
	}
	if _, ok, err = j.r.NextMember(); err != nil {
		return nil, err
	}
	if ok {
		return nil, errors.New("an attribute value with more than one member")
	}
	return x, nil
}

// avRest reads the rest of an attribute value whose first member key has
// been read: that member's value, then the others, as the codec decodes
// them.
func (j *jsonDecoder) avRest(av *dynamodb.AttributeValue, key []byte) error {
	for {
		if k := avKind(key); k != "" {
			if err := j.member(av, k); err != nil {
				return err
			}
		} else if err := j.r.Skip(); err != nil {
			return err
		}
		var ok bool
		var err error
		if key, ok, err = j.r.NextMember(); err != nil || !ok {
			return err
		}
	}
}

// av reads a whole attribute value object.
func (j *jsonDecoder) av(av *dynamodb.AttributeValue) error {
	if err := j.r.BeginObject(); err != nil {
		return err
	}
	key, ok, err := j.r.NextMember()
	if err != nil || !ok {
		return err
	}
	return j.avRest(av, key)
}

// member reads the value of av's member k (null leaves it unset).
func (j *jsonDecoder) member(av *dynamodb.AttributeValue, k string) error {
	if j.nextIsNull() {
		return j.r.ReadNull()
	}
	switch k {
	case "S", "N":
		b, err := j.r.ReadString()
		if err != nil {
			return err
		}
		s := j.str(b)
		if k == "S" {
			av.S = &s
		} else {
			av.N = &s
		}
	case "B":
		b, err := j.readBlob()
		if err != nil {
			return err
		}
		av.B = b
	case "BOOL", "NULL":
		x, err := j.r.ReadBool()
		if err != nil {
			return err
		}
		if k == "BOOL" {
			av.BOOL = &x
		} else {
			av.NULL = &x
		}
	case "SS", "NS", "BS", "L":
		if err := j.r.BeginArray(); err != nil {
			return err
		}
		ss, bs, l := []string{}, [][]byte{}, []dynamodb.AttributeValue{}
		for {
			more, err := j.nextElement()
			if err != nil {
				return err
			}
			if !more {
				break
			}
			switch k {
			case "L":
				var el dynamodb.AttributeValue
				if err := j.av(&el); err != nil {
					return err
				}
				l = append(l, el)
			case "BS":
				b, err := j.readBlob()
				if err != nil {
					return err
				}
				bs = append(bs, b)
			default:
				b, err := j.r.ReadString()
				if err != nil {
					return err
				}
				ss = append(ss, j.str(b))
			}
		}
		switch k {
		case "SS":
			av.SS = ss
		case "NS":
			av.NS = ss
		case "BS":
			av.BS = bs
		case "L":
			av.L = l
		}
	case "M":
		if err := j.r.BeginObject(); err != nil {
			return err
		}
		m := map[string]dynamodb.AttributeValue{}
		for {
			name, ok, err := j.nextMember()
			if err != nil {
				return err
			}
			if !ok {
				break
			}
			s := j.str(name)
			var el dynamodb.AttributeValue
			if err := j.av(&el); err != nil {
				return err
			}
			m[s] = el
		}
		av.M = m
	}
	return nil
}

// skipAV consumes an attribute value (or null) as the codec checks it,
// keeping nothing: what the codec would refuse is refused.
func (j *jsonDecoder) skipAV() error {
	if j.nextIsNull() {
		return j.r.ReadNull()
	}
	if err := j.r.BeginObject(); err != nil {
		return err
	}
	for {
		key, ok, err := j.r.NextMember()
		if err != nil || !ok {
			return err
		}
		k := avKind(key)
		if k == "" {
			err = j.r.Skip()
		} else {
			err = j.skipMember(k)
		}
		if err != nil {
			return err
		}
	}
}

// skipMember consumes the value of a member of kind k (or null).
func (j *jsonDecoder) skipMember(k string) error {
	if j.nextIsNull() {
		return j.r.ReadNull()
	}
	switch k {
	case "S", "N", "B":
		return j.skipScalar(k)
	case "BOOL", "NULL":
		_, err := j.r.ReadBool()
		return err
	case "M":
		if err := j.r.BeginObject(); err != nil {
			return err
		}
		for {
			_, ok, err := j.r.NextMember()
			if err != nil || !ok {
				return err
			}
			if err := j.skipAV(); err != nil {
				return err
			}
		}
	}
	if err := j.r.BeginArray(); err != nil {
		return err
	}
	for {
		more, err := j.r.NextElement()
		if err != nil || !more {
			return err
		}
		if k == "L" {
			err = j.skipAV()
		} else {
			err = j.skipScalar(k[:1])
		}
		if err != nil {
			return err
		}
	}
}

// skipScalar consumes an S, an N or a B (k), a value's or a set
// element's, or null.
func (j *jsonDecoder) skipScalar(k string) error {
	if j.nextIsNull() {
		return j.r.ReadNull()
	}
	b, err := j.r.ReadString()
	if err != nil || k != "B" {
		return err
	}
	enc := base64.StdEncoding
	if len(b)%4 != 0 {
		enc = base64.RawStdEncoding
	}
	var buf [63]byte
	for len(b) > 0 { // checked in pieces of 84 characters, kept nowhere
		n := min(len(b), 84)
		if _, err := enc.Decode(buf[:], b[:n]); err != nil {
			return fmt.Errorf("a B that is not base64: %w", err)
		}
		b = b[n:]
	}
	return nil
}
