package jsonutil

import (
	"errors"
	"fmt"
	"unicode/utf16"
	"unicode/utf8"
)

// Kind is the kind of the next JSON value, as Reader.Peek reports it.
type Kind uint8

// The kinds of JSON values.
const (
	KindInvalid Kind = iota
	KindNull
	KindBool
	KindNumber
	KindString
	KindObject
	KindArray
)

var kindNames = [...]string{"invalid", "null", "boolean", "number", "string", "object", "array"}

func (k Kind) String() string {
	if int(k) < len(kindNames) {
		return kindNames[k]
	}
	return "invalid"
}

// DefaultMaxDepth is the nesting depth of objects and arrays a Reader
// accepts unless told otherwise.
const DefaultMaxDepth = 1000

// ErrDepth is wrapped by the error a Reader returns for a document nested
// deeper than its MaxDepth.
var ErrDepth = errors.New("jsonutil: document nested too deeply")

// SyntaxError is a malformed JSON document: what was wrong and the byte
// offset where it was found.
type SyntaxError struct {
	Offset int
	Msg    string
}

func (e *SyntaxError) Error() string {
	return fmt.Sprintf("jsonutil: invalid JSON at offset %d: %s", e.Offset, e.Msg)
}

// Reader reads the values of one JSON document held in memory, token by
// token, without building a tree: the schema-driven decoder walks a shape
// and asks for the value it expects next. Strings and numbers are returned
// as byte slices that alias the document (or, for a string with escapes,
// a scratch buffer) and stay valid only until the next call.
//
// A Reader checks the document as it goes (RFC 8259: literals, number
// grammar, string escapes and control characters, separators, nesting up
// to MaxDepth); invalid UTF-8 in strings is replaced by U+FFFD as
// encoding/json does. After an error the Reader is unusable. It is not
// safe for concurrent use.
type Reader struct {
	data []byte
	pos  int
	// MaxDepth limits the nesting of objects and arrays; 0 means
	// DefaultMaxDepth.
	MaxDepth int
	depth    int
	// first is set by BeginObject and BeginArray and cleared once the
	// container has yielded an element: it says whether a comma must
	// come before the next one.
	first   bool
	scratch []byte
}

// NewReader returns a Reader of data.
func NewReader(data []byte) *Reader { return &Reader{data: data} }

// Reset makes r read data from the start, keeping its scratch buffer.
func (r *Reader) Reset(data []byte) {
	r.data, r.pos, r.depth, r.first = data, 0, 0, false
}

// Offset is the position of the next unread byte.
func (r *Reader) Offset() int { return r.pos }

func (r *Reader) errorf(format string, a ...any) error {
	return &SyntaxError{Offset: r.pos, Msg: fmt.Sprintf(format, a...)}
}

func (r *Reader) skipSpace() {
	for r.pos < len(r.data) {
		switch r.data[r.pos] {
		case ' ', '\t', '\n', '\r':
			r.pos++
		default:
			return
		}
	}
}

// Peek reports the kind of the next value without consuming it.
func (r *Reader) Peek() (Kind, error) {
	r.skipSpace()
	if r.pos >= len(r.data) {
		return KindInvalid, r.errorf("unexpected end of input")
	}
	switch c := r.data[r.pos]; {
	case c == '{':
		return KindObject, nil
	case c == '[':
		return KindArray, nil
	case c == '"':
		return KindString, nil
	case c == 't' || c == 'f':
		return KindBool, nil
	case c == 'n':
		return KindNull, nil
	case c == '-' || c >= '0' && c <= '9':
		return KindNumber, nil
	default:
		return KindInvalid, r.errorf("unexpected character %q", c)
	}
}

func (r *Reader) literal(lit string) error {
	if len(r.data)-r.pos < len(lit) || string(r.data[r.pos:r.pos+len(lit)]) != lit {
		return r.errorf("invalid literal, want %s", lit)
	}
	r.pos += len(lit)
	return nil
}

// ReadNull consumes a null.
func (r *Reader) ReadNull() error {
	r.skipSpace()
	return r.literal("null")
}

// ReadBool consumes true or false.
func (r *Reader) ReadBool() (bool, error) {
	r.skipSpace()
	if r.pos < len(r.data) && r.data[r.pos] == 't' {
		return true, r.literal("true")
	}
	return false, r.literal("false")
}

// ReadNumber consumes a number and returns its literal text, checked
// against the JSON number grammar.
func (r *Reader) ReadNumber() ([]byte, error) {
	r.skipSpace()
	start := r.pos
	d := r.data
	i := r.pos
	if i < len(d) && d[i] == '-' {
		i++
	}
	switch {
	case i < len(d) && d[i] == '0':
		i++
	case i < len(d) && d[i] >= '1' && d[i] <= '9':
		for i++; i < len(d) && d[i] >= '0' && d[i] <= '9'; i++ {
		}
	default:
		r.pos = i
		return nil, r.errorf("invalid number")
	}
	if i < len(d) && d[i] == '.' {
		i++
		j := i
		for ; i < len(d) && d[i] >= '0' && d[i] <= '9'; i++ {
		}
		if i == j {
			r.pos = i
			return nil, r.errorf("invalid number: no digits after the decimal point")
		}
	}
	if i < len(d) && (d[i] == 'e' || d[i] == 'E') {
		i++
		if i < len(d) && (d[i] == '+' || d[i] == '-') {
			i++
		}
		j := i
		for ; i < len(d) && d[i] >= '0' && d[i] <= '9'; i++ {
		}
		if i == j {
			r.pos = i
			return nil, r.errorf("invalid number: no digits in the exponent")
		}
	}
	r.pos = i
	return d[start:i], nil
}

// ReadString consumes a string and returns its unescaped bytes. The slice
// aliases the document when the string has no escapes and is valid UTF-8,
// else the Reader's scratch buffer; either way it is valid only until the
// next call.
func (r *Reader) ReadString() ([]byte, error) {
	r.skipSpace()
	if r.pos >= len(r.data) || r.data[r.pos] != '"' {
		return nil, r.errorf("want a string")
	}
	d := r.data
	i := r.pos + 1
	start := i
	ascii := true
	for i < len(d) {
		c := d[i]
		switch {
		case c == '"':
			r.pos = i + 1
			s := d[start:i]
			if !ascii && !utf8.Valid(s) {
				r.scratch = appendValidUTF8(r.scratch[:0], s)
				return r.scratch, nil
			}
			return s, nil
		case c == '\\':
			return r.readEscaped(start, i)
		case c < 0x20:
			r.pos = i
			return nil, r.errorf("control character %#x in a string", c)
		case c >= 0x80:
			ascii = false
		}
		i++
	}
	r.pos = i
	return nil, r.errorf("unterminated string")
}

// appendValidUTF8 appends s with each invalid UTF-8 sequence replaced by
// U+FFFD.
func appendValidUTF8(dst, s []byte) []byte {
	for len(s) > 0 {
		c, size := utf8.DecodeRune(s)
		if c == utf8.RuneError && size == 1 {
			dst = utf8.AppendRune(dst, utf8.RuneError)
		} else {
			dst = append(dst, s[:size]...)
		}
		s = s[size:]
	}
	return dst
}

// readEscaped finishes a string starting at start (after the quote) whose
// first escape is at i.
func (r *Reader) readEscaped(start, i int) ([]byte, error) {
	d := r.data
	b := append(r.scratch[:0], d[start:i]...)
	for i < len(d) {
		c := d[i]
		switch {
		case c == '"':
			r.pos = i + 1
			if !utf8.Valid(b) {
				b = appendValidUTF8(nil, b)
			}
			r.scratch = b
			return b, nil
		case c < 0x20:
			r.pos = i
			return nil, r.errorf("control character %#x in a string", c)
		case c != '\\':
			// Copy the run up to the next quote or backslash.
			j := i + 1
			for j < len(d) && d[j] != '"' && d[j] != '\\' && d[j] >= 0x20 {
				j++
			}
			b = append(b, d[i:j]...)
			i = j
			continue
		}
		if i+1 >= len(d) {
			break
		}
		switch e := d[i+1]; e {
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
			r1, ok := hex4(d, i+2)
			if !ok {
				r.pos = i
				return nil, r.errorf("invalid \\u escape")
			}
			i += 6
			if utf16.IsSurrogate(r1) {
				// A surrogate pair is two escapes; a lone half is
				// replaced, as encoding/json does.
				if i+1 < len(d) && d[i] == '\\' && d[i+1] == 'u' {
					if r2, ok := hex4(d, i+2); ok {
						if dec := utf16.DecodeRune(r1, r2); dec != utf8.RuneError {
							i += 6
							b = utf8.AppendRune(b, dec)
							continue
						}
					}
				}
				r1 = utf8.RuneError
			}
			b = utf8.AppendRune(b, r1)
			continue
		default:
			r.pos = i
			return nil, r.errorf("invalid escape \\%c", e)
		}
		i += 2
	}
	r.pos = len(d)
	r.scratch = b
	return nil, r.errorf("unterminated string")
}

func hex4(d []byte, i int) (rune, bool) {
	if i+4 > len(d) {
		return 0, false
	}
	var v rune
	for _, c := range d[i : i+4] {
		switch {
		case c >= '0' && c <= '9':
			c -= '0'
		case c >= 'a' && c <= 'f':
			c = c - 'a' + 10
		case c >= 'A' && c <= 'F':
			c = c - 'A' + 10
		default:
			return 0, false
		}
		v = v<<4 | rune(c)
	}
	return v, true
}

func (r *Reader) begin(open byte) error {
	r.skipSpace()
	if r.pos >= len(r.data) || r.data[r.pos] != open {
		return r.errorf("want %q", open)
	}
	max := r.MaxDepth
	if max <= 0 {
		max = DefaultMaxDepth
	}
	if r.depth >= max {
		return fmt.Errorf("%w (more than %d levels) at offset %d", ErrDepth, max, r.pos)
	}
	r.depth++
	r.pos++
	r.first = true
	return nil
}

// BeginObject consumes the '{' of an object; NextMember then yields its
// members.
func (r *Reader) BeginObject() error { return r.begin('{') }

// BeginArray consumes the '[' of an array; NextElement then yields its
// elements.
func (r *Reader) BeginArray() error { return r.begin('[') }

// NextMember reads the next member's key and the colon after it, or the
// closing '}' (ok false). The caller must then consume the member's
// value (Read*, Skip, or Begin* and its elements). The key aliases the
// document or the scratch buffer: it is valid until the next call.
func (r *Reader) NextMember() (key []byte, ok bool, err error) {
	r.skipSpace()
	if r.pos >= len(r.data) {
		return nil, false, r.errorf("unterminated object")
	}
	if r.data[r.pos] == '}' {
		r.pos++
		r.depth--
		r.first = false
		return nil, false, nil
	}
	if !r.first {
		if r.data[r.pos] != ',' {
			return nil, false, r.errorf("want ',' or '}' in an object")
		}
		r.pos++
		r.skipSpace()
	}
	r.first = false
	key, err = r.ReadString()
	if err != nil {
		return nil, false, err
	}
	r.skipSpace()
	if r.pos >= len(r.data) || r.data[r.pos] != ':' {
		return nil, false, r.errorf("want ':' after an object key")
	}
	r.pos++
	return key, true, nil
}

// NextElement reports whether the array has another element (consuming
// the comma before it) or ends (consuming the ']').
func (r *Reader) NextElement() (bool, error) {
	r.skipSpace()
	if r.pos >= len(r.data) {
		return false, r.errorf("unterminated array")
	}
	if r.data[r.pos] == ']' {
		r.pos++
		r.depth--
		r.first = false
		return false, nil
	}
	if !r.first {
		if r.data[r.pos] != ',' {
			return false, r.errorf("want ',' or ']' in an array")
		}
		r.pos++
	}
	r.first = false
	return true, nil
}

// Skip consumes the next value, whatever it is, checking it.
func (r *Reader) Skip() error {
	k, err := r.Peek()
	if err != nil {
		return err
	}
	switch k {
	case KindNull:
		return r.ReadNull()
	case KindBool:
		_, err := r.ReadBool()
		return err
	case KindNumber:
		_, err := r.ReadNumber()
		return err
	case KindString:
		return r.skipString()
	case KindObject:
		if err := r.BeginObject(); err != nil {
			return err
		}
		for {
			_, ok, err := r.NextMember()
			if err != nil || !ok {
				return err
			}
			if err := r.Skip(); err != nil {
				return err
			}
		}
	default: // KindArray
		if err := r.BeginArray(); err != nil {
			return err
		}
		for {
			ok, err := r.NextElement()
			if err != nil || !ok {
				return err
			}
			if err := r.Skip(); err != nil {
				return err
			}
		}
	}
}

// skipString checks and passes a string without unescaping it.
func (r *Reader) skipString() error {
	d := r.data
	i := r.pos + 1
	for i < len(d) {
		c := d[i]
		switch {
		case c == '"':
			r.pos = i + 1
			return nil
		case c < 0x20:
			r.pos = i
			return r.errorf("control character %#x in a string", c)
		case c == '\\':
			if i+1 >= len(d) {
				r.pos = i
				return r.errorf("unterminated string")
			}
			switch d[i+1] {
			case '"', '\\', '/', 'b', 'f', 'n', 'r', 't':
				i += 2
			case 'u':
				if _, ok := hex4(d, i+2); !ok {
					r.pos = i
					return r.errorf("invalid \\u escape")
				}
				i += 6
			default:
				r.pos = i
				return r.errorf("invalid escape \\%c", d[i+1])
			}
			continue
		}
		i++
	}
	r.pos = i
	return r.errorf("unterminated string")
}

// End checks that nothing but whitespace follows the value just read.
func (r *Reader) End() error {
	r.skipSpace()
	if r.pos < len(r.data) {
		return r.errorf("unexpected data after the top-level value")
	}
	return nil
}

// nextIsNull reports whether the next value is a null (or looks like
// one: ReadNull checks it).
func (r *Reader) nextIsNull() bool {
	r.skipSpace()
	return r.pos < len(r.data) && r.data[r.pos] == 'n'
}

// nextIsString reports whether the next value is a string.
func (r *Reader) nextIsString() bool {
	r.skipSpace()
	return r.pos < len(r.data) && r.data[r.pos] == '"'
}
