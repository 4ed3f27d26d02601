package xmlutil

import (
	"bytes"
	"encoding/base64"
	"errors"
	"fmt"
	"io"
	"math"
	"reflect"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/goto3/goto3/protocol"
)

// DecodeOptions configures a Decoder. The zero value is ready to use.
type DecodeOptions struct {
	// EC2 selects EC2's naming conventions. The decoder matches elements by
	// each member's locationName (falling back to the member name) and takes
	// every child of a non-flattened list as an element whatever its name
	// ("member" for Query, "item" for EC2), so today the flag changes
	// nothing; it is kept so callers state which dialect they decode.
	EC2 bool
	// MaxDepth caps element nesting (default DefaultMaxDepth).
	MaxDepth int
	// MaxTokenSize caps the size of one tag or text run (default
	// DefaultMaxTokenSize). The decoder's buffer never grows beyond it.
	MaxTokenSize int
	// SizeHint, when positive, is the document's expected size in bytes
	// (an HTTP Content-Length). Lists directly under the root element are
	// then given, after their first item, the capacity the rest of the
	// document would fill (at most 16384 items), instead of doubling.
	SizeHint int64
}

// Attr is an XML attribute of a StartElement.
type Attr struct {
	Prefix string // namespace prefix as written ("xsi"), empty if none
	Name   string // local name
	Value  string
}

// StartElement is an element's start tag as returned by Root and NextChild.
type StartElement struct {
	Prefix string // namespace prefix as written, empty if none
	Name   string // local name
	Attr   []Attr
}

// Decoder reads one XML document from a stream. It is not safe for
// concurrent use. It never reads beyond what it needs: after the root
// element's end tag it stops.
type Decoder struct {
	s    scanner
	opts DecodeOptions

	acc    []byte // text() scratch
	intern map[string]string
	slabs  map[reflect.Type]*slab

	slabCache [8]slabRef
	slabNext  int
	// hint, when >= 0, is the type id of the pointer the member being
	// decoded needs, and strHint the member's id for lastStr; both are set
	// by structure and consumed by the next value or scalar call.
	hint     int
	strHint  int
	kindHint fieldKind
	byID     []*slab
	lastStr  []string // per member id: the last string decoded
	strMiss  []uint8  // per member id: how often the value changed

	infoCache [8]infoRef
	infoNext  int

	arena     strings.Builder // see newStr
	arenaUsed int

	strs  []string
	i64s  []int64
	times []time.Time
	nPtrs int
}

// fieldKind classifies a member's Go field type for the typed fast paths.
type fieldKind uint8

const (
	kindOther fieldKind = iota
	kindPtrString
	kindPtrInt64
	kindPtrTime
)

var (
	ptrStringType = reflect.TypeOf((*string)(nil))
	ptrInt64Type  = reflect.TypeOf((*int64)(nil))
	ptrTimeType   = reflect.TypeOf((*time.Time)(nil))
)

func kindOf(t reflect.Type) fieldKind {
	switch t {
	case ptrStringType:
		return kindPtrString
	case ptrInt64Type:
		return kindPtrInt64
	case ptrTimeType:
		return kindPtrTime
	}
	return kindOther
}

// chunk sizes the next typed slab: small for small documents, up to 256.
func (d *Decoder) chunk() int {
	n := d.nPtrs
	if n < 8 {
		n = 8
	}
	if n > 256 {
		n = 256
	}
	d.nPtrs += n
	return n
}

func (d *Decoder) newString(s string) *string {
	if len(d.strs) == 0 {
		d.strs = make([]string, d.chunk())
	}
	p := &d.strs[0]
	d.strs = d.strs[1:]
	*p = s
	return p
}

func (d *Decoder) newInt64(n int64) *int64 {
	if len(d.i64s) == 0 {
		d.i64s = make([]int64, d.chunk())
	}
	p := &d.i64s[0]
	d.i64s = d.i64s[1:]
	*p = n
	return p
}

func (d *Decoder) newTime(t time.Time) *time.Time {
	if len(d.times) == 0 {
		d.times = make([]time.Time, d.chunk())
	}
	p := &d.times[0]
	d.times = d.times[1:]
	*p = t
	return p
}

// memberStr converts text to a string, reusing the member's previous value
// when it repeats (owner ids, storage classes across list items).
func (d *Decoder) memberStr(text []byte, id int) string {
	if id < 0 {
		return d.str(text)
	}
	if id < len(d.lastStr) {
		if last := d.lastStr[id]; last == string(text) {
			return last
		}
	} else {
		d.lastStr = append(d.lastStr, make([]string, id+1-len(d.lastStr))...)
		d.strMiss = append(d.strMiss, make([]uint8, id+1-len(d.strMiss))...)
	}
	// A member whose values keep changing (object keys, ETags) is not
	// worth interning.
	var s string
	if d.strMiss[id] < 16 {
		d.strMiss[id]++
		s = d.str(text)
	} else {
		s = d.newStr(text)
	}
	d.lastStr[id] = s
	return s
}

type slabRef struct {
	t reflect.Type
	s *slab
}

// NewDecoder returns a Decoder reading from r.
func NewDecoder(r io.Reader, opts DecodeOptions) *Decoder {
	d := &Decoder{opts: opts, hint: -1, strHint: -1}
	d.s.init(r, opts.MaxDepth, opts.MaxTokenSize)
	return d
}

func (d *Decoder) startElement() StartElement {
	st := StartElement{Prefix: string(d.s.prefix), Name: string(d.s.name)}
	if len(d.s.attrs) > 0 {
		st.Attr = make([]Attr, len(d.s.attrs))
		for i, a := range d.s.attrs {
			st.Attr[i] = Attr{Prefix: string(a.prefix), Name: string(a.local), Value: string(a.value)}
		}
	}
	return st
}

// Root skips the prolog (XML declaration, comments, DOCTYPE) and returns the
// document's root element. It returns io.EOF for an empty or blank document.
func (d *Decoder) Root() (StartElement, error) {
	if err := d.root(); err != nil {
		return StartElement{}, err
	}
	return d.startElement(), nil
}

func (d *Decoder) root() error {
	if d.s.depth() != 0 {
		return errors.New("xmlutil: Root called inside the document")
	}
	for {
		k, err := d.s.next()
		if err != nil {
			return err
		}
		switch k {
		case tokStart:
			return nil
		case tokText:
			continue
		default:
			return d.s.errorf("unexpected end element")
		}
	}
}

// NextChild returns the next child element of the element most recently
// started (by Root or NextChild) and not yet finished, skipping text. It
// returns ok == false once that element's end tag has been consumed.
func (d *Decoder) NextChild() (start StartElement, ok bool, err error) {
	ok, err = d.nextChild()
	if !ok || err != nil {
		return StartElement{}, false, err
	}
	return d.startElement(), true, nil
}

func (d *Decoder) nextChild() (bool, error) {
	// Skip blank text between elements without making a token of it.
	s := &d.s
	for s.pos < s.end && !s.pendingEnd && isSpace(s.buf[s.pos]) {
		s.pos++
	}
	for {
		k, err := d.s.next()
		if err != nil {
			if err == io.EOF {
				return false, d.s.errorf("unexpected end of input")
			}
			return false, err
		}
		switch k {
		case tokStart:
			return true, nil
		case tokEnd:
			return false, nil
		}
	}
}

// Skip consumes the rest of the element most recently started, including
// its end tag.
func (d *Decoder) Skip() error {
	depth := 1
	for {
		k, err := d.s.next()
		if err != nil {
			if err == io.EOF {
				return d.s.errorf("unexpected end of input")
			}
			return err
		}
		switch k {
		case tokStart:
			depth++
		case tokEnd:
			depth--
			if depth == 0 {
				return nil
			}
		}
	}
}

// Text consumes the rest of the element most recently started and returns
// its character data (entities and CDATA resolved). Text inside nested
// elements is ignored.
func (d *Decoder) Text() (string, error) {
	b, err := d.text()
	return string(b), err
}

// text returns the element's character data in a scratch buffer valid until
// the next call.
func (d *Decoder) text() ([]byte, error) {
	// Fast path: plain text followed by the element's own end tag, all
	// buffered. The result then aliases the read buffer, which stays valid
	// until the next read: callers convert it at once.
	s := &d.s
	if !s.pendingEnd && len(s.stackIdx) > 0 {
		b := s.buf[s.pos:s.end]
		if i := bytes.IndexByte(b, '<'); i >= 0 {
			top := s.stackIdx[len(s.stackIdx)-1]
			name := s.stack[top:]
			rest := b[i:]
			if len(rest) >= len(name)+3 && rest[1] == '/' && rest[2+len(name)] == '>' &&
				string(rest[2:2+len(name)]) == string(name) && bytes.IndexByte(b[:i], '&') < 0 {
				s.pos += i + 3 + len(name)
				s.stack = s.stack[:top]
				s.stackIdx = s.stackIdx[:len(s.stackIdx)-1]
				s.kind = tokEnd
				return b[:i:i], nil
			}
		}
	}
	d.acc = d.acc[:0]
	for {
		k, err := d.s.next()
		if err != nil {
			if err == io.EOF {
				return nil, d.s.errorf("unexpected end of input")
			}
			return nil, err
		}
		switch k {
		case tokText:
			d.acc = append(d.acc, d.s.text...)
		case tokStart:
			if err := d.Skip(); err != nil {
				return nil, err
			}
		case tokEnd:
			return d.acc, nil
		}
	}
}

// Decode reads one XML document from r and decodes the children (and
// attributes) of its root element into v, described by shape (a structure,
// normally an operation's output shape). v is an addressable struct value or
// a non-nil pointer to one. Unknown elements are skipped. It returns io.EOF
// when the document is empty.
func Decode(r io.Reader, shape *protocol.Shape, v reflect.Value, opts DecodeOptions) error {
	d := NewDecoder(r, opts)
	if err := d.root(); err != nil {
		return err
	}
	return d.decodeCurrent(shape, v)
}

// DecodeElement decodes the element start, just returned by d.Root or
// d.NextChild, into v as described by shape, consuming it through its end
// tag. v is addressable (or a non-nil pointer); for a structure shape the
// element's children and attributes fill its members.
func DecodeElement(d *Decoder, start StartElement, shape *protocol.Shape, v reflect.Value) error {
	// The scanner's current attributes are those of start when called right
	// after Root/NextChild; rebuild them from start in any case so callers may
	// hold start across other calls.
	d.s.attrs = d.s.attrs[:0]
	for _, a := range start.Attr {
		d.s.attrs = append(d.s.attrs, rawAttr{prefix: []byte(a.Prefix), local: []byte(a.Name), value: []byte(a.Value)})
	}
	return d.decodeCurrent(shape, v)
}

// DecodeCurrent is DecodeElement for the element most recently started,
// without building a StartElement.
func (d *Decoder) decodeCurrent(shape *protocol.Shape, v reflect.Value) error {
	if v.Kind() == reflect.Pointer {
		if v.IsNil() {
			if !v.CanSet() {
				return errors.New("xmlutil: decode into a nil pointer")
			}
			v.Set(reflect.New(v.Type().Elem()))
		}
		v = v.Elem()
	}
	if !v.CanSet() {
		return errors.New("xmlutil: decode into an unaddressable value")
	}
	return d.value(shape, v)
}

// structInfo indexes a structure's body members by element name.
type structInfo struct {
	memIDs []int // process-wide id of each member, for Decoder.lastStr
	kinds  []fieldKind
	ptrIDs []int  // slab id of each member's pointer type, -1 if none
	scalar []bool // the member is a scalar element (not attribute)
	inl    []bool // scalar, or a flattened list of scalars
	anyInl bool
	names  []string // element name per member ("" for non-body members)
	byName map[string]int
	own    []bool // byName[names[i]] == i: the name finds member i
	attrs  []int  // members with xmlAttribute
}

var structInfos sync.Map // *protocol.Shape -> *structInfo

// Pointer types get small integer ids so that a Decoder finds the slab for a
// member's pointer type by index rather than by hashing the type.
var (
	typeIDs     sync.Map // reflect.Type -> int
	typeIDMu    sync.Mutex
	typeIDSeq   int
	memberIDSeq int
)

func typeID(t reflect.Type) int {
	if v, ok := typeIDs.Load(t); ok {
		return v.(int)
	}
	typeIDMu.Lock()
	defer typeIDMu.Unlock()
	if v, ok := typeIDs.Load(t); ok {
		return v.(int)
	}
	id := typeIDSeq
	typeIDSeq++
	typeIDs.Store(t, id)
	return id
}

func infoFor(sh *protocol.Shape) *structInfo {
	if v, ok := structInfos.Load(sh); ok {
		return v.(*structInfo)
	}
	si := &structInfo{names: make([]string, len(sh.Members)), byName: map[string]int{}, ptrIDs: make([]int, len(sh.Members)), scalar: make([]bool, len(sh.Members)), inl: make([]bool, len(sh.Members))}
	si.memIDs = make([]int, len(sh.Members))
	si.kinds = make([]fieldKind, len(sh.Members))
	typeIDMu.Lock()
	for i := range si.memIDs {
		si.memIDs[i] = memberIDSeq
		memberIDSeq++
	}
	typeIDMu.Unlock()
	gt := sh.ReflectType()
	for i := range sh.Members {
		si.ptrIDs[i] = -1
		if f := sh.Members[i].Field; gt != nil && gt.Kind() == reflect.Struct && f >= 0 && f < gt.NumField() {
			if ft := gt.Field(f).Type; ft.Kind() == reflect.Pointer {
				si.ptrIDs[i] = typeID(ft)
				si.kinds[i] = kindOf(ft)
			}
		}
	}
	var aliases [][2]any
	for i := range sh.Members {
		m := &sh.Members[i]
		switch m.Location {
		case protocol.LocationBody, protocol.LocationURI, protocol.LocationQuery:
			// URI and query-string bindings mean nothing in a response:
			// such members are read from the body, as botocore does.
		default:
			continue
		}
		if m.XMLAttribute {
			si.attrs = append(si.attrs, i)
			continue
		}
		name := MemberElementName(m)
		si.names[i] = name
		switch m.Shape.Type {
		case protocol.TypeStructure, protocol.TypeMap:
		case protocol.TypeList:
			if isFlattened(m) && m.Shape.Member != nil && m.Shape.Member.Shape != nil {
				switch m.Shape.Member.Shape.Type {
				case protocol.TypeStructure, protocol.TypeList, protocol.TypeMap:
				default:
					si.inl[i] = name != "" && gt != nil
				}
			}
		default:
			si.scalar[i] = name != "" && !m.Shape.Streaming
			si.inl[i] = si.scalar[i]
		}
		si.anyInl = si.anyInl || si.inl[i]
		if _, dup := si.byName[name]; !dup {
			si.byName[name] = i
		}
		// botocore also names a flattened list's elements by the list
		// member's locationName; accept that spelling when it is free.
		if m.Shape != nil && m.Shape.Type == protocol.TypeList && isFlattened(m) &&
			m.Shape.Member != nil && m.Shape.Member.LocationName != "" && m.Shape.Member.LocationName != name {
			aliases = append(aliases, [2]any{m.Shape.Member.LocationName, i})
		}
	}
	for _, a := range aliases {
		if _, used := si.byName[a[0].(string)]; !used {
			si.byName[a[0].(string)] = a[1].(int)
		}
	}
	si.own = make([]bool, len(sh.Members))
	for i, name := range si.names {
		j, ok := si.byName[name]
		si.own[i] = name != "" && ok && j == i
	}
	v, _ := structInfos.LoadOrStore(sh, si)
	return v.(*structInfo)
}

// info is infoFor with a small per-Decoder cache in front of the shared
// sync.Map, which costs a hash of an interface per lookup. It also returns
// the Decoder's own successor table for the structure: succ[i] is the
// member whose element last followed member i's (-1 if none yet), a better
// guess than the model order where documents differ from it (S3 writes an
// object's Owner before its StorageClass).
func (d *Decoder) info(sh *protocol.Shape) (*structInfo, []int) {
	for i := range d.infoCache {
		if d.infoCache[i].sh == sh {
			return d.infoCache[i].si, d.infoCache[i].succ
		}
	}
	si := infoFor(sh)
	succ := make([]int, len(sh.Members))
	for i := range succ {
		succ[i] = -1
	}
	d.infoCache[d.infoNext%len(d.infoCache)] = infoRef{sh, si, succ}
	d.infoNext++
	return si, succ
}

type infoRef struct {
	sh   *protocol.Shape
	si   *structInfo
	succ []int
}

// MemberElementName is the element name a structure member's value appears
// under in XML: the member's locationName, else its name. For a flattened
// list that is the name of each repeated element (Smithy's rule; the
// decoder also accepts the list member's locationName, as botocore's
// _member_key_name prefers it).
func MemberElementName(m *protocol.Member) string {
	if m.LocationName != "" {
		return m.LocationName
	}
	return m.Name
}

func isFlattened(m *protocol.Member) bool {
	return m.Flattened || m.Shape != nil && m.Shape.Flattened
}

func (si *structInfo) lookup(name []byte) int {
	if i, ok := si.byName[string(name)]; ok {
		return i
	}
	return -1
}

// value decodes the current element (just started) into v, a settable
// value of the Go type shape describes (or a pointer to it).
func (d *Decoder) value(sh *protocol.Shape, v reflect.Value) error {
	if sh == nil {
		return d.Skip()
	}
	switch sh.Type {
	case protocol.TypeStructure, protocol.TypeList, protocol.TypeMap:
		hint := d.hint
		d.hint, d.strHint, d.kindHint = -1, -1, kindOther
		if v.Kind() == reflect.Pointer {
			if v.IsNil() {
				v.Set(d.newPtr(v.Type(), hint))
			}
			v = v.Elem()
		}
	}
	switch sh.Type {
	case protocol.TypeStructure:
		return d.structure(sh, v)
	case protocol.TypeList:
		// A non-flattened list: every child element is one item.
		if v.Kind() != reflect.Slice {
			return d.Skip()
		}
		if v.IsNil() {
			v.Set(reflect.MakeSlice(v.Type(), 0, 0))
		}
		for {
			ok, err := d.nextChild()
			if err != nil {
				return err
			}
			if !ok {
				return nil
			}
			d.hint, d.strHint, d.kindHint = -1, -1, kindOther
			first := v.Len() == 0 && d.s.depth() == 3 && d.opts.SizeHint > 0
			start := d.offset()
			if err := d.value(sh.Member.Shape, d.appendElem(v)); err != nil {
				return err
			}
			if first {
				d.presize(v, start)
			}
		}
	case protocol.TypeMap:
		if v.Kind() != reflect.Map {
			return d.Skip()
		}
		if v.IsNil() {
			v.Set(reflect.MakeMap(v.Type()))
		}
		for {
			ok, err := d.nextChild()
			if err != nil {
				return err
			}
			if !ok {
				return nil
			}
			if err := d.mapEntry(sh, v); err != nil {
				return err
			}
		}
	default:
		text, err := d.text()
		if err != nil {
			return err
		}
		return d.scalar(sh, text, v)
	}
}

func (d *Decoder) structure(sh *protocol.Shape, v reflect.Value) error {
	if v.Kind() != reflect.Struct {
		return d.Skip()
	}
	si, succ := d.info(sh)
	for _, i := range si.attrs {
		m := &sh.Members[i]
		for _, a := range d.s.attrs {
			if attrMatches(a, m.LocationName) {
				if err := d.scalar(m.Shape, a.value, v.Field(m.Field)); err != nil {
					return err
				}
				break
			}
		}
	}
	last := -1
	for {
		// Fast path: a scalar child written as <Name>text</Name>, all
		// buffered, is decoded without tokens.
		if si.anyInl {
			n, ok, err := d.inline(sh, si, succ, last, v)
			if err != nil {
				return err
			}
			if ok {
				if last >= 0 {
					succ[last] = n
				}
				last = n
				continue
			}
		}
		ok, err := d.nextChild()
		if err != nil {
			return err
		}
		if !ok {
			return nil
		}
		// Elements usually come in model order: try the member after the
		// last one matched before hashing.
		i := -1
		if n := last + 1; n < len(si.names) && si.names[n] != "" && si.names[n] == string(d.s.name) {
			i = n
		} else if last >= 0 && si.names[last] == string(d.s.name) {
			i = last
		} else if g := guess(succ, last); g >= 0 && si.own[g] && si.names[g] == string(d.s.name) {
			i = g
		} else {
			i = si.lookup(d.s.name)
		}
		if last >= 0 && i >= 0 {
			succ[last] = i
		}
		last = i
		if i < 0 {
			if err := d.Skip(); err != nil {
				return err
			}
			continue
		}
		m := &sh.Members[i]
		f := v.Field(m.Field)
		d.hint, d.strHint, d.kindHint = si.ptrIDs[i], si.memIDs[i], si.kinds[i]
		switch {
		case m.Shape.Type == protocol.TypeList && isFlattened(m):
			if f.Kind() != reflect.Slice {
				err = d.Skip()
				break
			}
			d.hint, d.strHint, d.kindHint = -1, -1, kindOther
			first := f.Len() == 0 && d.s.depth() == 2 && d.opts.SizeHint > 0
			start := d.offset()
			err = d.value(m.Shape.Member.Shape, d.appendElem(f))
			if first && err == nil {
				d.presize(f, start)
			}
		case m.Shape.Type == protocol.TypeMap && isFlattened(m):
			if f.Kind() != reflect.Map {
				err = d.Skip()
				break
			}
			if f.IsNil() {
				f.Set(reflect.MakeMap(f.Type()))
			}
			err = d.mapEntry(m.Shape, f)
		default:
			err = d.value(m.Shape, f)
		}
		if err != nil {
			return err
		}
	}
}

// inline decodes the next child when the buffer holds it whole as
// <Name>text</Name> and Name is a scalar member or a flattened list of
// scalars, trying the member after last first. It reports which member it
// decoded, or ok == false having consumed nothing.
func (d *Decoder) inline(sh *protocol.Shape, si *structInfo, succ []int, last int, v reflect.Value) (n int, ok bool, err error) {
	sc := &d.s
	if sc.pendingEnd {
		return 0, false, nil
	}
	b := sc.buf[sc.pos:sc.end]
	for len(b) > 0 && b[0] <= ' ' && isSpace(b[0]) {
		b = b[1:]
		sc.pos++
	}
	if len(b) < 4 || b[0] != '<' || !nameBytes[b[1]] {
		return 0, false, nil
	}
	// The name: the expected member's, or whatever precedes '>'.
	n = -1
	ln := 0
	if e := last + 1; e < len(si.inl) && si.inl[e] {
		name := si.names[e]
		ln = len(name)
		if ln+1 < len(b) && b[ln+1] == '>' && string(b[1:ln+1]) == name {
			n = e
		}
	}
	if g := guess(succ, last); n < 0 && g >= 0 && g != last+1 && si.own[g] {
		// The member that followed last before; a match that is no
		// scalar is left to the token path, which guesses the same.
		name := si.names[g]
		if l := len(name); l+1 < len(b) && b[l+1] == '>' && string(b[1:l+1]) == name {
			if !si.inl[g] {
				return 0, false, nil
			}
			n, ln = g, l
		}
	}
	if n < 0 {
		ln = 1
		for ln < len(b) && ln < 128 && nameBytes[b[ln]] && b[ln] != ':' {
			ln++
		}
		if ln >= len(b) || b[ln] != '>' {
			return 0, false, nil
		}
		ln-- // length of the name
		i, found := si.byName[string(b[1:ln+1])]
		if !found || !si.inl[i] {
			return 0, false, nil
		}
		n = i
	}
	// b = "<name>text</name>..."
	rest := b[ln+2:]
	i := bytes.IndexByte(rest, '<')
	if i < 0 || i+ln+3 > len(rest) {
		return 0, false, nil
	}
	tail := rest[i : i+ln+3]
	if tail[1] != '/' || tail[ln+2] != '>' || string(tail[2:ln+2]) != string(b[1:ln+1]) {
		return 0, false, nil
	}
	text := rest[:i:i]
	if bytes.IndexByte(text, '&') >= 0 {
		d.acc, err = unescape(d.acc[:0], text)
		if err != nil {
			return 0, false, sc.errorf("%v", err)
		}
		text = d.acc
	}
	sc.pos += 2*ln + 5 + i
	m := &sh.Members[n]
	f := v.Field(m.Field)
	if si.scalar[n] {
		d.hint, d.strHint, d.kindHint = si.ptrIDs[n], si.memIDs[n], si.kinds[n]
		return n, true, d.scalar(m.Shape, text, f)
	}
	// A flattened list of scalars: one more item.
	d.hint, d.strHint, d.kindHint = -1, si.memIDs[n], kindOther
	return n, true, d.scalar(m.Shape.Member.Shape, text, d.appendElem(f))
}

// guess returns the member that followed member last before, or -1.
func guess(succ []int, last int) int {
	if last < 0 || last >= len(succ) {
		return -1
	}
	return succ[last]
}

// attrMatches reports whether a matches the locationName of an xmlAttribute
// member ("xsi:type" matches any prefix bound for "type", as botocore does by
// rewriting namespaces to the prefix of the locationName).
func attrMatches(a rawAttr, locationName string) bool {
	prefix, local := "", locationName
	for i := 0; i < len(locationName); i++ {
		if locationName[i] == ':' {
			prefix, local = locationName[:i], locationName[i+1:]
			break
		}
	}
	if string(a.local) != local {
		return false
	}
	return (prefix == "") == (len(a.prefix) == 0)
}

// mapEntry decodes one entry element (<entry><key/><value/></entry>, or the
// flattened form's repeated element) into the map m.
func (d *Decoder) mapEntry(sh *protocol.Shape, m reflect.Value) error {
	keyName, valName := "key", "value"
	if sh.Key != nil && sh.Key.LocationName != "" {
		keyName = sh.Key.LocationName
	}
	if sh.Value != nil && sh.Value.LocationName != "" {
		valName = sh.Value.LocationName
	}
	kt, vt := m.Type().Key(), m.Type().Elem()
	key := reflect.New(kt).Elem()
	val := reflect.New(vt).Elem()
	haveKey := false
	for {
		ok, err := d.nextChild()
		if err != nil {
			return err
		}
		if !ok {
			break
		}
		switch string(d.s.name) {
		case keyName:
			text, err := d.text()
			if err != nil {
				return err
			}
			if kt.Kind() != reflect.String {
				return errors.New("xmlutil: map key is not a string")
			}
			key.SetString(d.str(text))
			haveKey = true
		case valName:
			if sh.Value == nil {
				if err := d.Skip(); err != nil {
					return err
				}
				continue
			}
			d.hint, d.strHint, d.kindHint = -1, -1, kindOther
			if err := d.value(sh.Value.Shape, val); err != nil {
				return err
			}
		default:
			if err := d.Skip(); err != nil {
				return err
			}
		}
	}
	if haveKey {
		m.SetMapIndex(key, val)
	}
	return nil
}

// offset is the input offset of the next unread byte.
func (d *Decoder) offset() int64 { return d.s.off + int64(d.s.pos) }

// maxPresize caps the capacity presize gives a list.
const maxPresize = 1 << 14

// presize gives a list of the root element, whose first item has just been
// decoded from input offset start on, the capacity that the rest of the
// document (DecodeOptions.SizeHint) would fill with items of that size, so
// that a page of 1000 keys is not copied through ten doublings. The guess
// is capped, so a false hint costs a bounded allocation.
func (d *Decoder) presize(v reflect.Value, start int64) {
	per := d.offset() - start
	rest := d.opts.SizeHint - d.offset()
	if per <= 0 || rest <= 0 || v.Len() != 1 {
		return
	}
	n := rest/per + 2
	if n > maxPresize {
		n = maxPresize
	}
	if int(n) <= v.Cap() {
		return
	}
	ns := reflect.MakeSlice(v.Type(), 1, int(n))
	reflect.Copy(ns, v)
	v.Set(ns)
}

// appendElem grows the slice v by one zero element and returns it.
func (d *Decoder) appendElem(v reflect.Value) reflect.Value {
	n := v.Len()
	if n < v.Cap() {
		v.SetLen(n + 1)
		e := v.Index(n)
		e.SetZero()
		return e
	}
	// Grow reallocates the array in place of v's own header (MakeSlice
	// would allocate a header too); a nil slice gets room for one element,
	// as most lists inside list items hold one, and a full one doubles.
	v.Grow(max(n, 1))
	v.SetLen(n + 1)
	return v.Index(n)
}

// slab hands out pointers to elements of one large slice, turning one
// allocation per pointer field into one per batch.
type slab struct {
	st   reflect.Type // slice type
	s    reflect.Value
	next int
	size int
}

func (d *Decoder) newPtr(pt reflect.Type, id int) reflect.Value {
	var sl *slab
	if id >= 0 {
		if id < len(d.byID) {
			sl = d.byID[id]
		} else {
			d.byID = append(d.byID, make([]*slab, id+1-len(d.byID))...)
		}
		if sl == nil {
			sl = &slab{st: reflect.SliceOf(pt.Elem())}
			d.byID[id] = sl
		}
		return sl.take()
	}
	for i := range d.slabCache {
		if d.slabCache[i].t == pt {
			sl = d.slabCache[i].s
			break
		}
	}
	if sl == nil {
		if d.slabs == nil {
			d.slabs = make(map[reflect.Type]*slab)
		}
		sl = d.slabs[pt]
		if sl == nil {
			sl = &slab{st: reflect.SliceOf(pt.Elem())}
			d.slabs[pt] = sl
		}
		d.slabCache[d.slabNext%len(d.slabCache)] = slabRef{pt, sl}
		d.slabNext++
	}
	return sl.take()
}

func (sl *slab) take() reflect.Value {
	if sl.next >= sl.size {
		n := sl.size * 2
		if n < 4 {
			n = 4
		}
		if n > 256 {
			n = 256
		}
		sl.s = reflect.MakeSlice(sl.st, n, n)
		sl.size = n
		sl.next = 0
	}
	p := sl.s.Index(sl.next).Addr()
	sl.next++
	return p
}

const (
	maxInternLen     = 24
	maxInternEntries = 1024
)

// str converts b to a string, sharing short repeated values (storage
// classes, owner ids, enum values) within one document.
func (d *Decoder) str(b []byte) string {
	if len(b) == 0 {
		return ""
	}
	if len(b) > maxInternLen {
		return d.newStr(b)
	}
	if s, ok := d.intern[string(b)]; ok {
		return s
	}
	s := d.newStr(b)
	if d.intern == nil {
		d.intern = make(map[string]string)
	}
	if len(d.intern) < maxInternEntries {
		d.intern[s] = s
	}
	return s
}

// Strings of member values share backing arrays: arenaMaxStr is the longest
// string that goes in one, arenaMinChunk and arenaMaxChunk bound the
// arrays' sizes (they grow with the document, so a small response holds
// little memory and a page of keys costs one allocation per few dozen).
const (
	arenaMaxStr   = 256
	arenaMinChunk = 256
	arenaMaxChunk = 8 << 10
)

// newStr returns b as a string. Short strings are copied into the current
// chunk of d.arena, which only ever appends, so the strings handed out
// before stay as they are; a chunk that is full is left to the strings
// that point into it and a new one begun.
func (d *Decoder) newStr(b []byte) string {
	if len(b) == 0 {
		return ""
	}
	if len(b) > arenaMaxStr {
		return string(b)
	}
	if d.arena.Cap()-d.arena.Len() < len(b) {
		n := min(max(2*d.arenaUsed, arenaMinChunk), arenaMaxChunk)
		d.arenaUsed += n
		d.arena = strings.Builder{}
		d.arena.Grow(n)
	}
	start := d.arena.Len()
	d.arena.Write(b)
	return d.arena.String()[start:]
}

// scalar converts text into v according to shape.
func (d *Decoder) scalar(sh *protocol.Shape, text []byte, v reflect.Value) error {
	hint, strHint, kind := d.hint, d.strHint, d.kindHint
	d.hint, d.strHint, d.kindHint = -1, -1, kindOther
	if v.Kind() == reflect.Pointer {
		if sh.Type == protocol.TypeBlob && sh.Streaming {
			return nil
		}
		if sh.Type != protocol.TypeString && sh.Type != protocol.TypeBlob && len(bytes.TrimSpace(text)) == 0 {
			// An empty element of a number, boolean or timestamp member
			// leaves it unset.
			return nil
		}
		if v.IsNil() {
			// Typed fast paths for the common pointer types (known from
			// the member's Go field type): pointers come from typed slabs
			// and are assigned without reflect's type conversion.
			switch kind {
			case kindPtrString:
				if sh.Type == protocol.TypeString {
					v.Set(reflect.ValueOf(d.newString(d.memberStr(text, strHint))))
					return nil
				}
			case kindPtrInt64:
				if sh.Type == protocol.TypeLong || sh.Type == protocol.TypeInteger {
					n, err := parseInt(bytes.TrimSpace(text))
					if err != nil {
						return err
					}
					v.Set(reflect.ValueOf(d.newInt64(n)))
					return nil
				}
			case kindPtrTime:
				if sh.Type == protocol.TypeTimestamp {
					t, err := ParseTimestamp(text)
					if err != nil {
						return err
					}
					v.Set(reflect.ValueOf(d.newTime(t)))
					return nil
				}
			}
		}
		if v.IsNil() {
			v.Set(d.newPtr(v.Type(), hint))
		}
		v = v.Elem()
	}
	switch sh.Type {
	case protocol.TypeString:
		if v.Kind() != reflect.String {
			return nil
		}
		v.SetString(d.memberStr(text, strHint))
	case protocol.TypeBoolean:
		b, err := ParseBool(text)
		if err != nil {
			return err
		}
		if v.Kind() == reflect.Bool {
			v.SetBool(b)
		}
	case protocol.TypeByte, protocol.TypeShort, protocol.TypeInteger, protocol.TypeLong, protocol.TypeBigInteger:
		n, err := parseInt(bytes.TrimSpace(text))
		if err != nil {
			return err
		}
		switch v.Kind() {
		case reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64, reflect.Int:
			if v.OverflowInt(n) {
				return fmt.Errorf("xmlutil: integer %d out of range", n)
			}
			v.SetInt(n)
		}
	case protocol.TypeFloat, protocol.TypeDouble, protocol.TypeBigDecimal:
		f, err := ParseFloat(text)
		if err != nil {
			return err
		}
		if v.Kind() == reflect.Float32 || v.Kind() == reflect.Float64 {
			v.SetFloat(f)
		}
	case protocol.TypeTimestamp:
		t, err := ParseTimestamp(text)
		if err != nil {
			return err
		}
		if v.Type() == timeType {
			v.Set(reflect.ValueOf(t))
		}
	case protocol.TypeBlob:
		if v.Kind() != reflect.Slice || v.Type().Elem().Kind() != reflect.Uint8 {
			return nil
		}
		text = bytes.TrimSpace(text)
		out := make([]byte, base64.StdEncoding.DecodedLen(len(text)))
		n, err := base64.StdEncoding.Decode(out, text)
		if err != nil {
			return fmt.Errorf("xmlutil: invalid base64 blob: %w", err)
		}
		v.SetBytes(out[:n])
	}
	return nil
}

var (
	timeType = reflect.TypeOf(time.Time{})
)

func parseInt(b []byte) (int64, error) {
	if len(b) == 0 || len(b) > 20 {
		return 0, fmt.Errorf("xmlutil: invalid integer %q", truncate(b))
	}
	neg := false
	i := 0
	if b[0] == '-' || b[0] == '+' {
		neg = b[0] == '-'
		i = 1
		if len(b) == 1 {
			return 0, fmt.Errorf("xmlutil: invalid integer %q", truncate(b))
		}
	}
	var n uint64
	for ; i < len(b); i++ {
		c := b[i]
		if c < '0' || c > '9' {
			return 0, fmt.Errorf("xmlutil: invalid integer %q", truncate(b))
		}
		if n > (math.MaxUint64-9)/10 {
			return 0, fmt.Errorf("xmlutil: integer %q out of range", truncate(b))
		}
		n = n*10 + uint64(c-'0')
	}
	if neg {
		if n > 1<<63 {
			return 0, fmt.Errorf("xmlutil: integer %q out of range", truncate(b))
		}
		return -int64(n), nil
	}
	if n > math.MaxInt64 {
		return 0, fmt.Errorf("xmlutil: integer %q out of range", truncate(b))
	}
	return int64(n), nil
}

// ParseBool parses "true" or "false" (surrounding space allowed).
func ParseBool(b []byte) (bool, error) {
	switch string(bytes.TrimSpace(b)) {
	case "true":
		return true, nil
	case "false":
		return false, nil
	}
	return false, fmt.Errorf("xmlutil: invalid boolean %q", truncate(b))
}

// ParseFloat parses a decimal number or "NaN", "Infinity", "-Infinity".
func ParseFloat(b []byte) (float64, error) {
	b = bytes.TrimSpace(b)
	switch string(b) {
	case "NaN":
		return math.NaN(), nil
	case "Infinity":
		return math.Inf(1), nil
	case "-Infinity":
		return math.Inf(-1), nil
	}
	if len(b) > 64 {
		return 0, fmt.Errorf("xmlutil: invalid number %q", truncate(b))
	}
	f, err := strconv.ParseFloat(string(b), 64)
	if err != nil {
		return 0, fmt.Errorf("xmlutil: invalid number %q", truncate(b))
	}
	return f, nil
}
