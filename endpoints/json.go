package endpoints

import (
	"encoding/json"
	"errors"
	"fmt"
	"slices"
	"strings"
	"unicode"
	"unicode/utf16"
	"unicode/utf8"
)

// jsonObject is a decoded JSON object: its members in the order they first
// appear, each key once (a repeated key keeps its last value, as
// encoding/json does).
type jsonObject []member

type member struct {
	key string
	val any
}

// get returns the value of key.
func (o jsonObject) get(key string) (any, bool) {
	for i := range o {
		if o[i].key == key {
			return o[i].val, true
		}
	}
	return nil, false
}

// val returns the value of key, nil when absent.
func (o jsonObject) val(key string) any {
	v, _ := o.get(key)
	return v
}

// maxDepth bounds the nesting of a decoded document, as encoding/json's
// does, so a hostile rule set cannot exhaust the stack.
const maxDepth = 10000

var errJSONDepth = errors.New("exceeded max depth")

// parseJSON decodes the first JSON value of data into nil, bool, string,
// json.Number, []any and jsonObject: what encoding/json's Decoder with
// UseNumber gives, with objects as slices instead of maps, which costs a
// rule set's thousands of small objects a quarter of the memory. Strings
// are interned: the rule sets repeat a few hundred distinct strings
// thousands of times. Like Decoder.Decode it ignores what follows the
// value.
func parseJSON(data []byte) (any, error) {
	p := &jsonParser{data: data, strs: map[string]string{}}
	v, err := p.parseValue(0)
	if err != nil {
		return nil, fmt.Errorf("%w (at byte %d)", err, p.pos)
	}
	return v, nil
}

type jsonParser struct {
	data []byte
	pos  int
	strs map[string]string
	buf  []byte // scratch for strings with escapes

	members []member // the open objects' members
	elems   []any    // the open arrays' elements
}

func (p *jsonParser) skipSpace() {
	for p.pos < len(p.data) {
		switch p.data[p.pos] {
		case ' ', '\t', '\n', '\r':
			p.pos++
		default:
			return
		}
	}
}

func (p *jsonParser) errorf(format string, args ...any) error {
	return fmt.Errorf("invalid JSON: "+format, args...)
}

func (p *jsonParser) parseValue(depth int) (any, error) {
	p.skipSpace()
	if p.pos >= len(p.data) {
		return nil, p.errorf("unexpected end of input")
	}
	switch c := p.data[p.pos]; {
	case c == '{':
		if depth >= maxDepth {
			return nil, errJSONDepth
		}
		return p.object(depth + 1)
	case c == '[':
		if depth >= maxDepth {
			return nil, errJSONDepth
		}
		return p.array(depth + 1)
	case c == '"':
		return p.str()
	case c == '-' || '0' <= c && c <= '9':
		return p.number()
	case c == 't':
		return true, p.literal("true")
	case c == 'f':
		return false, p.literal("false")
	case c == 'n':
		return nil, p.literal("null")
	default:
		return nil, p.errorf("unexpected character %q", c)
	}
}

func (p *jsonParser) literal(word string) error {
	if !strings.HasPrefix(string(p.data[p.pos:min(len(p.data), p.pos+len(word))]), word) {
		return p.errorf("bad literal, want %s", word)
	}
	p.pos += len(word)
	return nil
}

// object and array gather their elements on a stack shared by all levels
// (a nested value is complete, and popped, before its parent's next
// element is pushed) and copy them out at the exact size.
func (p *jsonParser) object(depth int) (any, error) {
	p.pos++ // {
	base := len(p.members)
	defer func() { p.members = p.members[:base] }()
	p.skipSpace()
	if p.pos < len(p.data) && p.data[p.pos] == '}' {
		p.pos++
		return jsonObject{}, nil
	}
	for {
		p.skipSpace()
		if p.pos >= len(p.data) || p.data[p.pos] != '"' {
			return nil, p.errorf("want an object key")
		}
		k, err := p.str()
		if err != nil {
			return nil, err
		}
		p.skipSpace()
		if p.pos >= len(p.data) || p.data[p.pos] != ':' {
			return nil, p.errorf("want ':' after an object key")
		}
		p.pos++
		v, err := p.parseValue(depth)
		if err != nil {
			return nil, err
		}
		dup := false
		for i := base; i < len(p.members); i++ {
			if p.members[i].key == k {
				p.members[i].val, dup = v, true
				break
			}
		}
		if !dup {
			p.members = append(p.members, member{k, v})
		}
		p.skipSpace()
		if p.pos >= len(p.data) {
			return nil, p.errorf("unexpected end of input in an object")
		}
		switch p.data[p.pos] {
		case ',':
			p.pos++
		case '}':
			p.pos++
			return jsonObject(slices.Clone(p.members[base:])), nil
		default:
			return nil, p.errorf("want ',' or '}' in an object")
		}
	}
}

func (p *jsonParser) array(depth int) (any, error) {
	p.pos++ // [
	base := len(p.elems)
	defer func() { p.elems = p.elems[:base] }()
	p.skipSpace()
	if p.pos < len(p.data) && p.data[p.pos] == ']' {
		p.pos++
		return []any{}, nil
	}
	for {
		v, err := p.parseValue(depth)
		if err != nil {
			return nil, err
		}
		p.elems = append(p.elems, v)
		p.skipSpace()
		if p.pos >= len(p.data) {
			return nil, p.errorf("unexpected end of input in an array")
		}
		switch p.data[p.pos] {
		case ',':
			p.pos++
		case ']':
			p.pos++
			return slices.Clone(p.elems[base:]), nil
		default:
			return nil, p.errorf("want ',' or ']' in an array")
		}
	}
}

// number scans a number by the JSON grammar and returns its text.
func (p *jsonParser) number() (any, error) {
	start := p.pos
	d := p.data
	digits := func() int {
		n := 0
		for p.pos < len(d) && '0' <= d[p.pos] && d[p.pos] <= '9' {
			p.pos++
			n++
		}
		return n
	}
	if d[p.pos] == '-' {
		p.pos++
	}
	switch {
	case p.pos < len(d) && d[p.pos] == '0':
		p.pos++
	case digits() == 0:
		return nil, p.errorf("bad number")
	}
	if p.pos < len(d) && d[p.pos] == '.' {
		p.pos++
		if digits() == 0 {
			return nil, p.errorf("bad number")
		}
	}
	if p.pos < len(d) && (d[p.pos] == 'e' || d[p.pos] == 'E') {
		p.pos++
		if p.pos < len(d) && (d[p.pos] == '+' || d[p.pos] == '-') {
			p.pos++
		}
		if digits() == 0 {
			return nil, p.errorf("bad number")
		}
	}
	return json.Number(p.intern(d[start:p.pos])), nil
}

func (p *jsonParser) intern(b []byte) string {
	if s, ok := p.strs[string(b)]; ok {
		return s
	}
	s := string(b)
	p.strs[s] = s
	return s
}

// str decodes a string as encoding/json does: escapes resolved, a lone
// or malformed surrogate and each invalid UTF-8 byte replaced by U+FFFD,
// control characters refused.
func (p *jsonParser) str() (string, error) {
	p.pos++ // "
	d := p.data
	start := p.pos
	// The common case: no escapes, valid UTF-8.
	for p.pos < len(d) {
		c := d[p.pos]
		if c == '"' {
			s := d[start:p.pos]
			p.pos++
			return p.intern(s), nil
		}
		if c == '\\' || c < 0x20 || c >= utf8.RuneSelf {
			break
		}
		p.pos++
	}
	b := append(p.buf[:0], d[start:p.pos]...)
	for p.pos < len(d) {
		c := d[p.pos]
		switch {
		case c == '"':
			p.pos++
			p.buf = b
			return p.intern(b), nil
		case c < 0x20:
			return "", p.errorf("control character in a string")
		case c == '\\':
			if p.pos+1 >= len(d) {
				return "", p.errorf("unexpected end of input in a string")
			}
			e := d[p.pos+1]
			p.pos += 2
			switch e {
			case '"', '\\', '/':
				b = append(b, e)
			case 'b':
				b = append(b, '\b')
			case 'f':
				b = append(b, '\f')
			case 'n':
				b = append(b, '\n')
			case 'r':
				b = append(b, '\r')
			case 't':
				b = append(b, '\t')
			case 'u':
				r, ok := p.hex4()
				if !ok {
					return "", p.errorf("bad \\u escape")
				}
				if utf16.IsSurrogate(r) {
					r2 := unicode.ReplacementChar
					if p.pos+1 < len(d) && d[p.pos] == '\\' && d[p.pos+1] == 'u' {
						save := p.pos
						p.pos += 2
						if lo, ok := p.hex4(); ok {
							if dec := utf16.DecodeRune(r, lo); dec != unicode.ReplacementChar {
								r2 = dec
							} else {
								p.pos = save // the second escape stands on its own
							}
						} else {
							return "", p.errorf("bad \\u escape")
						}
					}
					r = r2
				}
				b = utf8.AppendRune(b, r)
			default:
				return "", p.errorf("bad escape \\%c", e)
			}
		case c < utf8.RuneSelf:
			b = append(b, c)
			p.pos++
		default:
			r, size := utf8.DecodeRune(d[p.pos:])
			if r == utf8.RuneError && size == 1 {
				b = utf8.AppendRune(b, unicode.ReplacementChar)
			} else {
				b = append(b, d[p.pos:p.pos+size]...)
			}
			p.pos += size
		}
	}
	return "", p.errorf("unexpected end of input in a string")
}

// hex4 reads the four hex digits of a \u escape.
func (p *jsonParser) hex4() (rune, bool) {
	if p.pos+4 > len(p.data) {
		return 0, false
	}
	var r rune
	for _, c := range p.data[p.pos : p.pos+4] {
		switch {
		case '0' <= c && c <= '9':
			c -= '0'
		case 'a' <= c && c <= 'f':
			c = c - 'a' + 10
		case 'A' <= c && c <= 'F':
			c = c - 'A' + 10
		default:
			return 0, false
		}
		r = r<<4 | rune(c)
	}
	p.pos += 4
	return r, true
}
