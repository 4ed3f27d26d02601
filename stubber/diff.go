package stubber

import (
	"bytes"
	"encoding/hex"
	"fmt"
	"io"
	"math"
	"reflect"
	"sort"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"
)

// The differ: a small deep comparison of generated input structs that says
// where they differ, one line per difference ("Key: got "b", want "a""),
// paths spelled as Go would reach the member.

const (
	maxDiffLines = 30  // lines reported; the rest are counted
	maxValueLen  = 160 // characters of one formatted value
	maxDepth     = 64  // nesting followed (models are not deeper; recursive shapes stop)
)

var timeType = reflect.TypeOf(time.Time{})

// diffInputs returns the differences of the call's input got from the
// expected want (each a pointer to a struct, or a struct), one per line,
// "" when there are none. Members at the paths of ignore are skipped.
func diffInputs(want, got any, ignore map[string]bool) string {
	wv, gv := deref(reflect.ValueOf(want)), deref(reflect.ValueOf(got))
	switch {
	case !gv.IsValid() && !wv.IsValid():
		return ""
	case !gv.IsValid() || !wv.IsValid() || wv.Type() != gv.Type():
		return fmt.Sprintf("the input is %T, the expected input is %T", got, want)
	}
	d := &differ{ignore: ignore}
	d.diff("", wv, gv, 0)
	return d.String()
}

func deref(v reflect.Value) reflect.Value {
	if v.IsValid() && v.Kind() == reflect.Pointer {
		if v.IsNil() {
			return reflect.Value{}
		}
		return v.Elem()
	}
	return v
}

type differ struct {
	ignore map[string]bool
	lines  []string
	more   int
}

func (d *differ) String() string {
	s := strings.Join(d.lines, "\n")
	if d.more > 0 {
		s += fmt.Sprintf("\n... and %d more", d.more)
	}
	return s
}

func (d *differ) add(path, got, want string) {
	if len(d.lines) >= maxDiffLines {
		d.more++
		return
	}
	if path == "" {
		path = "(input)"
	}
	d.lines = append(d.lines, path+": got "+got+", want "+want)
}

func (d *differ) addValues(path string, got, want reflect.Value) {
	d.add(path, format(got), format(want))
}

// diff compares w and g, of the same type.
func (d *differ) diff(path string, w, g reflect.Value, depth int) {
	if d.ignore[path] || depth > maxDepth {
		return
	}
	switch w.Kind() {
	case reflect.Pointer:
		if w.IsNil() || g.IsNil() {
			if w.IsNil() != g.IsNil() {
				d.addValues(path, g, w)
			}
			return
		}
		d.diff(path, w.Elem(), g.Elem(), depth+1)
	case reflect.Interface:
		if w.IsNil() || g.IsNil() {
			if w.IsNil() != g.IsNil() {
				d.addValues(path, g, w)
			}
			return
		}
		d.diffDynamic(path, w.Elem(), g.Elem(), depth)
	case reflect.Struct:
		if w.Type() == timeType {
			if !w.Interface().(time.Time).Equal(g.Interface().(time.Time)) {
				d.addValues(path, g, w)
			}
			return
		}
		t := w.Type()
		for i := 0; i < t.NumField(); i++ {
			if f := t.Field(i); f.IsExported() {
				d.diff(join(path, f.Name), w.Field(i), g.Field(i), depth+1)
			}
		}
	case reflect.Slice:
		if w.IsNil() != g.IsNil() {
			d.addValues(path, g, w)
			return
		}
		if w.Type().Elem().Kind() == reflect.Uint8 {
			if !bytes.Equal(w.Bytes(), g.Bytes()) {
				d.addValues(path, g, w)
			}
			return
		}
		d.diffElems(path, w, g, depth)
	case reflect.Array:
		d.diffElems(path, w, g, depth)
	case reflect.Map:
		if w.IsNil() != g.IsNil() {
			d.addValues(path, g, w)
			return
		}
		d.diffMaps(path, w, g, depth)
	default:
		if !equalScalar(w, g) {
			d.addValues(path, g, w)
		}
	}
}

func (d *differ) diffElems(path string, w, g reflect.Value, depth int) {
	for i := 0; i < max(w.Len(), g.Len()); i++ {
		p := path + "[" + strconv.Itoa(i) + "]"
		switch {
		case i >= w.Len():
			if !d.ignore[p] {
				d.add(p, format(g.Index(i)), "(none)")
			}
		case i >= g.Len():
			if !d.ignore[p] {
				d.add(p, "(none)", format(w.Index(i)))
			}
		default:
			d.diff(p, w.Index(i), g.Index(i), depth+1)
		}
	}
}

func (d *differ) diffMaps(path string, w, g reflect.Value, depth int) {
	keys := map[string]reflect.Value{}
	for _, k := range append(w.MapKeys(), g.MapKeys()...) {
		keys[formatKey(k)] = k
	}
	names := make([]string, 0, len(keys))
	for n := range keys {
		names = append(names, n)
	}
	sort.Strings(names)
	for _, n := range names {
		k := keys[n]
		p := path + "[" + n + "]"
		wv, gv := w.MapIndex(k), g.MapIndex(k)
		switch {
		case d.ignore[p]:
		case !wv.IsValid():
			d.add(p, format(gv), "(none)")
		case !gv.IsValid():
			d.add(p, "(none)", format(wv))
		default:
			d.diff(p, wv, gv, depth+1)
		}
	}
}

// diffDynamic compares the dynamic values of two interfaces (a document
// member, a streaming body).
func (d *differ) diffDynamic(path string, w, g reflect.Value, depth int) {
	wr, wok := w.Interface().(io.Reader)
	gr, gok := g.Interface().(io.Reader)
	if wok && gok {
		if w.Type() == g.Type() && w.Type().Comparable() && w.Interface() == g.Interface() {
			return // the same reader
		}
		wb, werr := peek(wr)
		gb, gerr := peek(gr)
		if werr != nil || gerr != nil {
			d.add(path, readerText(g, gb, gerr), readerText(w, wb, werr)+" (a reader that cannot seek is compared by identity: use Ignore or Match)")
			return
		}
		if !bytes.Equal(wb, gb) {
			d.add(path, readerText(g, gb, nil), readerText(w, wb, nil))
		}
		return
	}
	if w.Type() != g.Type() {
		d.add(path, format(g)+" ("+g.Type().String()+")", format(w)+" ("+w.Type().String()+")")
		return
	}
	d.diff(path, w, g, depth+1)
}

// peek reads what is left of a seekable reader and seeks back.
func peek(r io.Reader) ([]byte, error) {
	rs, ok := r.(io.ReadSeeker)
	if !ok {
		return nil, errNotSeeker
	}
	pos, err := rs.Seek(0, io.SeekCurrent)
	if err != nil {
		return nil, err
	}
	b, err := io.ReadAll(rs)
	if _, serr := rs.Seek(pos, io.SeekStart); err == nil {
		err = serr
	}
	return b, err
}

var errNotSeeker = fmt.Errorf("not an io.Seeker")

func readerText(v reflect.Value, b []byte, err error) string {
	if err != nil {
		return v.Type().String()
	}
	return v.Type().String() + " reading " + formatBytes(b)
}

func equalScalar(w, g reflect.Value) bool {
	switch w.Kind() {
	case reflect.Bool:
		return w.Bool() == g.Bool()
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		return w.Int() == g.Int()
	case reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64, reflect.Uintptr:
		return w.Uint() == g.Uint()
	case reflect.Float32, reflect.Float64:
		a, b := w.Float(), g.Float()
		return a == b || math.IsNaN(a) && math.IsNaN(b)
	case reflect.Complex64, reflect.Complex128:
		return w.Complex() == g.Complex()
	case reflect.String:
		return w.String() == g.String()
	case reflect.Chan, reflect.Func, reflect.UnsafePointer:
		return w.Pointer() == g.Pointer()
	}
	return true
}

func join(path, name string) string {
	if path == "" {
		return name
	}
	return path + "." + name
}

// format renders a value briefly, as Go source would spell it: strings
// quoted, pointers followed, structs with their set members only.
func format(v reflect.Value) string {
	var b strings.Builder
	writeValue(&b, v, 0)
	s := b.String()
	if len(s) > maxValueLen {
		cut := maxValueLen
		for cut > 0 && !utf8.RuneStart(s[cut]) {
			cut--
		}
		s = s[:cut] + "..."
	}
	return s
}

func writeValue(b *strings.Builder, v reflect.Value, depth int) {
	if b.Len() > maxValueLen || depth > 8 {
		b.WriteString("...")
		return
	}
	if !v.IsValid() {
		b.WriteString("nil")
		return
	}
	switch v.Kind() {
	case reflect.Pointer, reflect.Interface:
		if v.IsNil() {
			b.WriteString("nil")
			return
		}
		if v.Kind() == reflect.Interface {
			if _, ok := v.Elem().Interface().(io.Reader); ok {
				b.WriteString(v.Elem().Type().String())
				return
			}
		}
		writeValue(b, v.Elem(), depth+1)
	case reflect.String:
		b.WriteString(strconv.Quote(v.String()))
	case reflect.Bool:
		b.WriteString(strconv.FormatBool(v.Bool()))
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		b.WriteString(strconv.FormatInt(v.Int(), 10))
	case reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64, reflect.Uintptr:
		b.WriteString(strconv.FormatUint(v.Uint(), 10))
	case reflect.Float32:
		b.WriteString(strconv.FormatFloat(v.Float(), 'g', -1, 32))
	case reflect.Float64:
		b.WriteString(strconv.FormatFloat(v.Float(), 'g', -1, 64))
	case reflect.Struct:
		if v.Type() == timeType {
			b.WriteString(v.Interface().(time.Time).Format(time.RFC3339Nano))
			return
		}
		b.WriteByte('{')
		n := 0
		t := v.Type()
		for i := 0; i < t.NumField(); i++ {
			f := t.Field(i)
			if !f.IsExported() || v.Field(i).IsZero() {
				continue
			}
			if n > 0 {
				b.WriteString(", ")
			}
			n++
			b.WriteString(f.Name + ": ")
			writeValue(b, v.Field(i), depth+1)
		}
		b.WriteByte('}')
	case reflect.Slice, reflect.Array:
		if v.Kind() == reflect.Slice && v.IsNil() {
			b.WriteString("nil")
			return
		}
		if v.Type().Elem().Kind() == reflect.Uint8 && v.Kind() == reflect.Slice {
			b.WriteString(formatBytes(v.Bytes()))
			return
		}
		b.WriteByte('[')
		for i := 0; i < v.Len(); i++ {
			if i > 0 {
				b.WriteString(", ")
			}
			writeValue(b, v.Index(i), depth+1)
		}
		b.WriteByte(']')
	case reflect.Map:
		if v.IsNil() {
			b.WriteString("nil")
			return
		}
		keys := v.MapKeys()
		sort.Slice(keys, func(i, j int) bool { return formatKey(keys[i]) < formatKey(keys[j]) })
		b.WriteByte('{')
		for i, k := range keys {
			if i > 0 {
				b.WriteString(", ")
			}
			b.WriteString(formatKey(k) + ": ")
			writeValue(b, v.MapIndex(k), depth+1)
		}
		b.WriteByte('}')
	default:
		b.WriteString(v.Type().String())
	}
}

func formatKey(k reflect.Value) string {
	if k.Kind() == reflect.String {
		return strconv.Quote(k.String())
	}
	return format(k)
}

// formatBytes renders a blob: as a quoted string when it is text, else in
// hex.
func formatBytes(p []byte) string {
	if utf8.Valid(p) && !bytes.ContainsFunc(p, func(r rune) bool { return r < ' ' && r != '\n' && r != '\t' && r != '\r' }) {
		return "[]byte(" + strconv.Quote(string(p)) + ")"
	}
	if len(p) > 32 {
		return fmt.Sprintf("%d bytes 0x%s...", len(p), hex.EncodeToString(p[:32]))
	}
	return "0x" + hex.EncodeToString(p)
}
