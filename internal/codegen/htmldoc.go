package codegen

import (
	"html"
	"strings"
)

// docBlock is one block of converted documentation.
type docBlock struct {
	kind blockKind
	text string
}

type blockKind uint8

const (
	blockPara blockKind = iota
	blockItem
	blockCode
)

// blockTags end the current paragraph when they open or close.
var blockTags = map[string]bool{
	"p": true, "div": true, "note": true, "important": true, "dl": true,
	"dt": true, "dd": true, "h1": true, "h2": true, "h3": true, "h4": true,
	"h5": true, "h6": true, "br": true, "table": true, "tr": true, "td": true,
	"th": true, "ul": true, "ol": true, "section": true, "fullname": true,
	"para": true, "title": true, "example": true, "examples": true,
}

// DocText converts a model's HTML documentation into Go doc comment text:
// paragraphs separated by blank lines, list items as "  - item", <pre>
// blocks as tab-indented code, links written as "text (URL)", other markup
// dropped, entities decoded, and text wrapped at width columns. It returns
// the lines without the comment marker; nil when there is no text.
func DocText(doc string, width int) []string {
	return renderDoc(parseDoc(doc), width)
}

// sanitize makes text safe for a Go comment: valid UTF-8, no control
// characters other than tab and newline, no byte order marks.
func sanitize(s string) string {
	s = strings.ToValidUTF8(s, "\uFFFD")
	return strings.Map(func(r rune) rune {
		switch {
		case r == '\t' || r == '\n':
			return r
		case r == '\r':
			return '\n'
		case r < 0x20 || r == 0x7f || r == 0xfeff || (r >= 0x80 && r < 0xa0):
			return -1
		}
		return r
	}, s)
}

func parseDoc(doc string) []docBlock {
	doc = sanitize(doc)
	var (
		blocks  []docBlock
		inline  strings.Builder
		pre     strings.Builder
		inPre   int
		inLi    int
		liFresh bool
		links   []linkState
	)
	flush := func() {
		text := strings.Join(strings.Fields(inline.String()), " ")
		inline.Reset()
		if text == "" {
			return
		}
		switch {
		case inLi > 0 && !liFresh && len(blocks) > 0 && blocks[len(blocks)-1].kind == blockItem:
			blocks[len(blocks)-1].text += " " + text
		case inLi > 0:
			blocks = append(blocks, docBlock{kind: blockItem, text: text})
			liFresh = false
		default:
			blocks = append(blocks, docBlock{kind: blockPara, text: text})
		}
	}
	for len(doc) > 0 {
		lt := strings.IndexByte(doc, '<')
		if lt != 0 {
			text := doc
			if lt > 0 {
				text = doc[:lt]
			}
			doc = doc[len(text):]
			// Entities can spell what sanitize removed (&#17;, &#xFEFF;).
			text = sanitize(html.UnescapeString(text))
			if inPre > 0 {
				pre.WriteString(text)
			} else {
				inline.WriteString(text)
			}
			continue
		}
		if strings.HasPrefix(doc, "<!--") {
			end := strings.Index(doc, "-->")
			if end < 0 {
				break
			}
			doc = doc[end+3:]
			continue
		}
		gt := strings.IndexByte(doc, '>')
		if gt < 0 || !isTagStart(doc[1:]) {
			// A lone '<': keep it as text.
			if inPre > 0 {
				pre.WriteByte('<')
			} else {
				inline.WriteByte('<')
			}
			doc = doc[1:]
			continue
		}
		tag := doc[1:gt]
		doc = doc[gt+1:]
		closing := strings.HasPrefix(tag, "/")
		tag = strings.TrimPrefix(tag, "/")
		selfClosing := strings.HasSuffix(tag, "/")
		tag = strings.TrimSuffix(tag, "/")
		name, attrs, _ := strings.Cut(tag, " ")
		name = strings.ToLower(strings.TrimSpace(name))
		switch {
		case name == "pre":
			if !closing {
				flush()
				inPre++
				continue
			}
			if inPre > 0 {
				inPre--
			}
			if inPre == 0 {
				if code := codeText(pre.String()); code != "" {
					blocks = append(blocks, docBlock{kind: blockCode, text: code})
				}
				pre.Reset()
			}
		case inPre > 0:
			// Markup inside <pre> is dropped; its text is kept.
		case name == "li":
			flush()
			if closing {
				if inLi > 0 {
					inLi--
				}
			} else if !selfClosing {
				inLi++
				liFresh = true
			}
		case name == "a":
			if !closing {
				links = append(links, linkState{href: attrValue(attrs, "href"), start: inline.Len()})
				continue
			}
			if len(links) == 0 {
				continue
			}
			l := links[len(links)-1]
			links = links[:len(links)-1]
			text := inline.String()[min(l.start, inline.Len()):]
			if l.href != "" && !strings.Contains(text, l.href) {
				if strings.TrimSpace(text) == "" {
					inline.WriteString(l.href)
				} else {
					inline.WriteString(" (" + l.href + ")")
				}
			}
		case blockTags[name]:
			flush()
		}
	}
	flush()
	if inPre > 0 {
		if code := codeText(pre.String()); code != "" {
			blocks = append(blocks, docBlock{kind: blockCode, text: code})
		}
	}
	return blocks
}

type linkState struct {
	href  string
	start int
}

func isTagStart(s string) bool {
	if s == "" {
		return false
	}
	c := s[0]
	return c == '/' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z'
}

// attrValue returns the value of attribute name in a tag's attribute text.
func attrValue(attrs, name string) string {
	for attrs != "" {
		attrs = strings.TrimLeft(attrs, " \t\n")
		eq := strings.IndexByte(attrs, '=')
		if eq < 0 {
			return ""
		}
		key := strings.ToLower(strings.TrimSpace(attrs[:eq]))
		rest := strings.TrimLeft(attrs[eq+1:], " ")
		var val string
		if rest != "" && (rest[0] == '"' || rest[0] == '\'') {
			end := strings.IndexByte(rest[1:], rest[0])
			if end < 0 {
				val, attrs = rest[1:], ""
			} else {
				val, attrs = rest[1:1+end], rest[end+2:]
			}
		} else {
			val, attrs, _ = strings.Cut(rest, " ")
		}
		if key == name {
			return sanitize(html.UnescapeString(strings.TrimSpace(val)))
		}
	}
	return ""
}

// codeText trims a <pre> block: no trailing spaces, no blank first or last
// lines, tabs kept.
func codeText(s string) string {
	lines := strings.Split(strings.ReplaceAll(s, "\r\n", "\n"), "\n")
	for i, l := range lines {
		lines[i] = strings.TrimRight(l, " \t\r")
	}
	for len(lines) > 0 && lines[0] == "" {
		lines = lines[1:]
	}
	for len(lines) > 0 && lines[len(lines)-1] == "" {
		lines = lines[:len(lines)-1]
	}
	return strings.Join(lines, "\n")
}

func renderDoc(blocks []docBlock, width int) []string {
	var out []string
	for i, b := range blocks {
		if i > 0 && !(b.kind == blockItem && blocks[i-1].kind == blockItem) {
			out = append(out, "")
		}
		switch b.kind {
		case blockPara:
			out = append(out, wrap(b.text, width, "", "")...)
		case blockItem:
			out = append(out, wrap(b.text, width, "  - ", "    ")...)
		case blockCode:
			for _, l := range strings.Split(b.text, "\n") {
				if l == "" {
					out = append(out, "")
				} else {
					out = append(out, "\t"+l)
				}
			}
		}
	}
	return out
}

// wrap breaks text into lines of at most width columns (a longer word stays
// whole), the first line prefixed with first and the others with rest.
func wrap(text string, width int, first, rest string) []string {
	var (
		lines []string
		line  strings.Builder
	)
	line.WriteString(first)
	empty := true
	for _, w := range strings.Fields(text) {
		if !empty && line.Len()+1+len(w) > width {
			lines = append(lines, line.String())
			line.Reset()
			line.WriteString(rest)
			empty = true
		}
		if !empty {
			line.WriteByte(' ')
		}
		line.WriteString(w)
		empty = false
	}
	if !empty {
		lines = append(lines, line.String())
	}
	return lines
}
