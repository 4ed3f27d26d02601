package xmlutil

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"unicode/utf8"
)

// Limits applied when DecodeOptions leaves them zero.
const (
	DefaultMaxDepth     = 64
	DefaultMaxTokenSize = 16 << 20
	maxAttrs            = 64
	initialBufSize      = 16 << 10
)

// ErrLimit is wrapped by the error a Decoder returns when a document goes
// beyond DecodeOptions.MaxDepth or MaxTokenSize.
var ErrLimit = errors.New("xmlutil: document exceeds decoder limits")

// SyntaxError reports malformed XML.
type SyntaxError struct {
	Offset int64 // byte offset in the input where the problem was found
	Msg    string
}

func (e *SyntaxError) Error() string {
	return fmt.Sprintf("xmlutil: syntax error at offset %d: %s", e.Offset, e.Msg)
}

type tokKind uint8

const (
	tokStart tokKind = iota + 1
	tokEnd
	tokText
)

type rawAttr struct {
	prefix, local []byte // into attrBuf
	value         []byte // into attrBuf, unescaped
}

// scanner is a pull tokenizer over an io.Reader with its own growable buffer.
// Byte slices it hands out (names) are valid until the next call to next.
type scanner struct {
	r      io.Reader
	buf    []byte
	pos    int
	end    int
	off    int64 // input offset of buf[0]
	rerr   error
	maxTok int
	maxDep int

	kind       tokKind
	name       []byte // local name of the current start/end element
	prefix     []byte
	attrs      []rawAttr
	attrBuf    []byte
	pendingEnd bool // the current start element was self-closing
	text       []byte

	// open element names, for well-formedness checks
	stack    []byte
	stackIdx []int
}

func (s *scanner) init(r io.Reader, maxDepth, maxTok int) {
	if maxDepth <= 0 {
		maxDepth = DefaultMaxDepth
	}
	if maxTok <= 0 {
		maxTok = DefaultMaxTokenSize
	}
	s.r = r
	s.maxDep = maxDepth
	s.maxTok = maxTok
	n := initialBufSize
	if n > maxTok {
		n = maxTok
	}
	s.buf = make([]byte, n)
}

func (s *scanner) errorf(format string, args ...any) error {
	return &SyntaxError{Offset: s.off + int64(s.pos), Msg: fmt.Sprintf(format, args...)}
}

// fill reads more input, compacting and growing the buffer as needed. It
// reports whether any byte was added.
func (s *scanner) fill() (bool, error) {
	if s.rerr != nil {
		return false, nil
	}
	if s.pos > 0 {
		n := copy(s.buf, s.buf[s.pos:s.end])
		s.off += int64(s.pos)
		s.end = n
		s.pos = 0
	}
	if s.end == len(s.buf) {
		if len(s.buf) >= s.maxTok {
			return false, fmt.Errorf("%w: token longer than %d bytes", ErrLimit, s.maxTok)
		}
		n := 2 * len(s.buf)
		if n > s.maxTok {
			n = s.maxTok
		}
		nb := make([]byte, n)
		copy(nb, s.buf[:s.end])
		s.buf = nb
	}
	for tries := 0; tries < 100; tries++ {
		n, err := s.r.Read(s.buf[s.end:])
		s.end += n
		if err != nil {
			s.rerr = err
			if n > 0 {
				return true, nil
			}
			if err == io.EOF {
				return false, nil
			}
			return false, err
		}
		if n > 0 {
			return true, nil
		}
	}
	s.rerr = io.ErrNoProgress
	return false, io.ErrNoProgress
}

// ensure makes sure at least n bytes are buffered from pos. It reports false
// at the end of input.
func (s *scanner) ensure(n int) (bool, error) {
	for s.end-s.pos < n {
		ok, err := s.fill()
		if err != nil {
			return false, err
		}
		if !ok {
			return false, nil
		}
	}
	return true, nil
}

// index finds sep at or after pos+from, filling as needed; it returns the
// offset relative to pos, or -1 at the end of input.
func (s *scanner) index(from int, sep []byte) (int, error) {
	first := from
	for {
		if i := bytes.Index(s.buf[s.pos+from:s.end], sep); i >= 0 {
			return from + i, nil
		}
		// Search again from where sep may begin across the new bytes, but
		// never before the first offset asked for ("<?>" has no "?>").
		from = s.end - s.pos - len(sep) + 1
		if from < first {
			from = first
		}
		ok, err := s.fill()
		if err != nil {
			return -1, err
		}
		if !ok {
			return -1, nil
		}
	}
}

func (s *scanner) depth() int { return len(s.stackIdx) }

func (s *scanner) push(name []byte) error {
	if len(s.stackIdx) >= s.maxDep {
		return fmt.Errorf("%w: elements nested deeper than %d", ErrLimit, s.maxDep)
	}
	s.stackIdx = append(s.stackIdx, len(s.stack))
	s.stack = append(s.stack, name...)
	return nil
}

// next reads the next token: a start element, an end element, or text
// (with entities and CDATA resolved; comments and processing instructions
// are skipped). It returns io.EOF at the end of input.
func (s *scanner) next() (tokKind, error) {
	if s.pendingEnd {
		s.pendingEnd = false
		return s.popEnd()
	}
	for {
		ok, err := s.ensure(1)
		if err != nil {
			return 0, err
		}
		if !ok {
			if s.rerr != nil && s.rerr != io.EOF {
				return 0, s.rerr
			}
			return 0, io.EOF
		}
		if s.buf[s.pos] != '<' {
			return s.readText()
		}
		if ok, err := s.ensure(2); err != nil {
			return 0, err
		} else if !ok {
			return 0, s.errorf("unexpected end of input after '<'")
		}
		switch s.buf[s.pos+1] {
		case '/':
			return s.readEnd()
		case '?':
			i, err := s.index(2, []byte("?>"))
			if err != nil {
				return 0, err
			}
			if i < 0 {
				return 0, s.errorf("unterminated processing instruction")
			}
			s.pos += i + 2
			continue
		case '!':
			k, err := s.readBang()
			if err != nil || k != 0 {
				return k, err
			}
			continue
		default:
			return s.readStart()
		}
	}
}

func (s *scanner) popEnd() (tokKind, error) {
	n := len(s.stackIdx)
	if n == 0 {
		return 0, s.errorf("unexpected end element")
	}
	start := s.stackIdx[n-1]
	s.name = s.stack[start:]
	s.prefix = nil
	if i := bytes.IndexByte(s.name, ':'); i >= 0 {
		s.prefix, s.name = s.name[:i], s.name[i+1:]
	}
	s.stack = s.stack[:start]
	s.stackIdx = s.stackIdx[:n-1]
	s.kind = tokEnd
	return tokEnd, nil
}

// readBang handles "<!": comments, CDATA and DOCTYPE.
func (s *scanner) readBang() (tokKind, error) {
	ok, err := s.ensure(4)
	if err != nil {
		return 0, err
	}
	if ok && bytes.HasPrefix(s.buf[s.pos:s.end], []byte("<!--")) {
		i, err := s.index(4, []byte("-->"))
		if err != nil {
			return 0, err
		}
		if i < 0 {
			return 0, s.errorf("unterminated comment")
		}
		s.pos += i + 3
		return 0, nil
	}
	if ok, err := s.ensure(9); err != nil {
		return 0, err
	} else if ok && bytes.HasPrefix(s.buf[s.pos:s.end], []byte("<![CDATA[")) {
		if s.depth() == 0 {
			return 0, s.errorf("CDATA outside the root element")
		}
		i, err := s.index(9, []byte("]]>"))
		if err != nil {
			return 0, err
		}
		if i < 0 {
			return 0, s.errorf("unterminated CDATA section")
		}
		s.text = append(s.text[:0], s.buf[s.pos+9:s.pos+i]...)
		s.pos += i + 3
		s.kind = tokText
		return tokText, nil
	}
	if ok, err := s.ensure(9); err != nil {
		return 0, err
	} else if ok && bytes.HasPrefix(s.buf[s.pos:s.end], []byte("<!DOCTYPE")) && s.depth() == 0 {
		// Skip the declaration, including an internal subset in brackets.
		// Entities it declares are not expanded (references to them fail).
		depth := 0
		for i := 9; ; i++ {
			if ok, err := s.ensure(i + 1); err != nil {
				return 0, err
			} else if !ok {
				return 0, s.errorf("unterminated DOCTYPE")
			}
			switch s.buf[s.pos+i] {
			case '[':
				depth++
			case ']':
				depth--
			case '>':
				if depth <= 0 {
					s.pos += i + 1
					return 0, nil
				}
			}
		}
	}
	return 0, s.errorf("unexpected '<!'")
}

var nameBytes = func() (t [256]bool) {
	for c := 0; c < 256; c++ {
		t[c] = c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' ||
			c == '_' || c == '-' || c == '.' || c == ':' || c >= 0x80
	}
	return t
}()

func isNameByte(c byte) bool { return nameBytes[c] }

func isSpace(c byte) bool { return c == ' ' || c == '\t' || c == '\n' || c == '\r' }

// readName reads a name starting at pos+i and returns its end offset.
func (s *scanner) readName(i int) (int, error) {
	j := i
	for {
		if ok, err := s.ensure(j + 1); err != nil {
			return 0, err
		} else if !ok {
			return 0, s.errorf("unexpected end of input in a name")
		}
		if !isNameByte(s.buf[s.pos+j]) {
			break
		}
		j++
	}
	if j == i || s.buf[s.pos+i] >= '0' && s.buf[s.pos+i] <= '9' || s.buf[s.pos+i] == '-' || s.buf[s.pos+i] == '.' {
		return 0, s.errorf("invalid name")
	}
	return j, nil
}

func (s *scanner) skipSpace(i int) (int, error) {
	for {
		if ok, err := s.ensure(i + 1); err != nil {
			return 0, err
		} else if !ok {
			return 0, s.errorf("unexpected end of input in a tag")
		}
		if !isSpace(s.buf[s.pos+i]) {
			return i, nil
		}
		i++
	}
}

func (s *scanner) readEnd() (tokKind, error) {
	if s.fastEnd() {
		return s.popEnd()
	}
	j, err := s.readName(2)
	if err != nil {
		return 0, err
	}
	k, err := s.skipSpace(j)
	if err != nil {
		return 0, err
	}
	if s.buf[s.pos+k] != '>' {
		return 0, s.errorf("invalid end element")
	}
	got := s.buf[s.pos+2 : s.pos+j]
	n := len(s.stackIdx)
	if n == 0 || !bytes.Equal(s.stack[s.stackIdx[n-1]:], got) {
		return 0, s.errorf("end element </%s> does not match the open element", truncate(got))
	}
	s.pos += k + 1
	return s.popEnd()
}

func truncate(b []byte) string {
	if len(b) > 64 {
		b = b[:64]
	}
	return string(b)
}

// fastStart handles a start tag that is wholly buffered and has no
// attributes: "<name>", "<name >", "<name/>". It reports false to defer to
// readStart.
func (s *scanner) fastStart() bool {
	b := s.buf[s.pos+1 : s.end]
	gt := bytes.IndexByte(b, '>')
	if gt <= 0 {
		return false
	}
	tag := b[:gt]
	selfClose := false
	if tag[len(tag)-1] == '/' {
		selfClose = true
		tag = tag[:len(tag)-1]
	}
	n := 0
	for n < len(tag) && isNameByte(tag[n]) {
		n++
	}
	if n == 0 {
		return false
	}
	for _, c := range tag[n:] {
		if !isSpace(c) {
			return false
		}
	}
	c0 := tag[0]
	if c0 >= '0' && c0 <= '9' || c0 == '-' || c0 == '.' {
		return false
	}
	if len(s.stackIdx) >= s.maxDep {
		return false
	}
	s.stackIdx = append(s.stackIdx, len(s.stack))
	s.stack = append(s.stack, tag[:n]...)
	s.name = s.stack[s.stackIdx[len(s.stackIdx)-1]:]
	s.prefix = nil
	if c := bytes.IndexByte(s.name, ':'); c >= 0 {
		s.prefix, s.name = s.name[:c], s.name[c+1:]
	}
	s.attrs = s.attrs[:0]
	s.pendingEnd = selfClose
	s.pos += 1 + gt + 1
	s.kind = tokStart
	return true
}

// fastEnd handles a wholly buffered "</name>" matching the open element.
func (s *scanner) fastEnd() bool {
	b := s.buf[s.pos+2 : s.end]
	gt := bytes.IndexByte(b, '>')
	if gt <= 0 {
		return false
	}
	name := b[:gt]
	for len(name) > 0 && isSpace(name[len(name)-1]) {
		name = name[:len(name)-1]
	}
	n := len(s.stackIdx)
	if n == 0 || string(s.stack[s.stackIdx[n-1]:]) != string(name) {
		return false
	}
	s.pos += 2 + gt + 1
	return true
}

func (s *scanner) readStart() (tokKind, error) {
	if s.fastStart() {
		return tokStart, nil
	}
	j, err := s.readName(1)
	if err != nil {
		return 0, err
	}
	if err := s.push(s.buf[s.pos+1 : s.pos+j]); err != nil {
		return 0, err
	}
	s.attrs = s.attrs[:0]
	s.attrBuf = s.attrBuf[:0]
	type span struct{ nameStart, nameEnd, valStart, valEnd int }
	var spans [8]span
	sp := spans[:0]
	i := j
	for {
		k, err := s.skipSpace(i)
		if err != nil {
			return 0, err
		}
		c := s.buf[s.pos+k]
		if c == '>' {
			i = k + 1
			break
		}
		if c == '/' {
			if ok, err := s.ensure(k + 2); err != nil {
				return 0, err
			} else if !ok || s.buf[s.pos+k+1] != '>' {
				return 0, s.errorf("invalid empty element tag")
			}
			s.pendingEnd = true
			i = k + 2
			break
		}
		if k == i {
			return 0, s.errorf("missing space before attribute")
		}
		ne, err := s.readName(k)
		if err != nil {
			return 0, err
		}
		q, err := s.skipSpace(ne)
		if err != nil {
			return 0, err
		}
		if s.buf[s.pos+q] != '=' {
			return 0, s.errorf("attribute without value")
		}
		q, err = s.skipSpace(q + 1)
		if err != nil {
			return 0, err
		}
		quote := s.buf[s.pos+q]
		if quote != '"' && quote != '\'' {
			return 0, s.errorf("unquoted attribute value")
		}
		ve, err := s.index(q+1, []byte{quote})
		if err != nil {
			return 0, err
		}
		if ve < 0 {
			return 0, s.errorf("unterminated attribute value")
		}
		if len(sp) >= maxAttrs {
			return 0, fmt.Errorf("%w: more than %d attributes", ErrLimit, maxAttrs)
		}
		sp = append(sp, span{k, ne, q + 1, ve})
		i = ve + 1
	}
	// Element name: the copy on the stack (stable until the end element).
	n := len(s.stackIdx)
	s.name = s.stack[s.stackIdx[n-1]:]
	s.prefix = nil
	if c := bytes.IndexByte(s.name, ':'); c >= 0 {
		s.prefix, s.name = s.name[:c], s.name[c+1:]
	}
	for _, a := range sp {
		nb := len(s.attrBuf)
		s.attrBuf = append(s.attrBuf, s.buf[s.pos+a.nameStart:s.pos+a.nameEnd]...)
		ne := len(s.attrBuf)
		var err error
		s.attrBuf, err = unescape(s.attrBuf, s.buf[s.pos+a.valStart:s.pos+a.valEnd])
		if err != nil {
			return 0, s.errorf("%v", err)
		}
		s.attrs = append(s.attrs, rawAttr{local: s.attrBuf[nb:ne:ne], value: s.attrBuf[ne:len(s.attrBuf):len(s.attrBuf)]})
	}
	// attrBuf may have moved while growing: recompute the slices.
	if len(s.attrs) > 0 {
		off := 0
		for idx, a := range sp {
			nlen := a.nameEnd - a.nameStart
			name := s.attrBuf[off : off+nlen]
			off += nlen
			vlen := len(s.attrs[idx].value)
			val := s.attrBuf[off : off+vlen]
			off += vlen
			var prefix []byte
			if c := bytes.IndexByte(name, ':'); c >= 0 {
				prefix, name = name[:c], name[c+1:]
			}
			s.attrs[idx] = rawAttr{prefix: prefix, local: name, value: val}
		}
	}
	s.pos += i
	s.kind = tokStart
	return tokStart, nil
}

func (s *scanner) readText() (tokKind, error) {
	i, err := s.index(0, []byte{'<'})
	if err != nil {
		return 0, err
	}
	if i < 0 {
		i = s.end - s.pos
	}
	raw := s.buf[s.pos : s.pos+i]
	if s.depth() == 0 {
		for _, c := range raw {
			if !isSpace(c) {
				return 0, s.errorf("text outside the root element")
			}
		}
		s.pos += i
		s.text = s.text[:0]
		s.kind = tokText
		return tokText, nil
	}
	s.text, err = unescape(s.text[:0], raw)
	if err != nil {
		return 0, s.errorf("%v", err)
	}
	s.pos += i
	s.kind = tokText
	return tokText, nil
}

// unescape appends raw to dst with character and entity references resolved.
func unescape(dst, raw []byte) ([]byte, error) {
	for {
		i := bytes.IndexByte(raw, '&')
		if i < 0 {
			return append(dst, raw...), nil
		}
		dst = append(dst, raw[:i]...)
		raw = raw[i:]
		j := bytes.IndexByte(raw, ';')
		if j < 0 || j > 12 {
			return dst, errors.New("invalid entity reference")
		}
		ent := raw[1:j]
		raw = raw[j+1:]
		switch string(ent) {
		case "lt":
			dst = append(dst, '<')
		case "gt":
			dst = append(dst, '>')
		case "amp":
			dst = append(dst, '&')
		case "quot":
			dst = append(dst, '"')
		case "apos":
			dst = append(dst, '\'')
		default:
			if len(ent) < 2 || ent[0] != '#' {
				return dst, errors.New("unknown entity reference")
			}
			var r rune
			digits := ent[1:]
			base := rune(10)
			if digits[0] == 'x' {
				base = 16
				digits = digits[1:]
				if len(digits) == 0 {
					return dst, errors.New("invalid character reference")
				}
			}
			for _, c := range digits {
				var d rune
				switch {
				case c >= '0' && c <= '9':
					d = rune(c - '0')
				case base == 16 && c >= 'a' && c <= 'f':
					d = rune(c-'a') + 10
				case base == 16 && c >= 'A' && c <= 'F':
					d = rune(c-'A') + 10
				default:
					return dst, errors.New("invalid character reference")
				}
				r = r*base + d
				if r > utf8.MaxRune {
					return dst, errors.New("invalid character reference")
				}
			}
			if !utf8.ValidRune(r) || r == 0 {
				return dst, errors.New("invalid character reference")
			}
			dst = utf8.AppendRune(dst, r)
		}
	}
}
