package config

import (
	"fmt"
	"strings"
	"unicode"
	"unicode/utf8"
)

// Value is one option's value.
type Value struct {
	// Text is the value as written, with continuation lines joined by "\n".
	Text string
	// Sub holds the keys of a nested sub-section ("s3 =" followed by
	// indented "key = value" lines); it is nil for a plain value.
	Sub map[string]string
}

// Section maps lower-cased option names to their values.
type Section map[string]Value

// Get returns the plain value of key, or "" when key is absent or names a
// nested sub-section.
func (s Section) Get(key string) string {
	v, _ := s.Lookup(key)
	return v
}

// Lookup returns the plain value of key and whether it is set to a plain
// value.
func (s Section) Lookup(key string) (string, bool) {
	v, ok := s[key]
	if !ok || v.Sub != nil {
		return "", false
	}
	return v.Text, true
}

// SubValue returns key from the nested sub-section named section.
func (s Section) SubValue(section, key string) (string, bool) {
	v, ok := s[section]
	if !ok || v.Sub == nil {
		return "", false
	}
	x, ok := v.Sub[key]
	return x, ok
}

// RawSection is a section of a parsed file, in file order.
type RawSection struct {
	Name   string // the text between the brackets, verbatim
	Line   int    // line number of the header
	Values Section
}

// ParseError reports a malformed file. It never quotes the offending line,
// because that line may hold a secret.
type ParseError struct {
	File string
	Line int
	Msg  string
}

func (e *ParseError) Error() string {
	return fmt.Sprintf("config: %s:%d: %s", e.File, e.Line, e.Msg)
}

type rawOpt struct {
	key     string
	lines   []string
	linenos []int
}

type rawSect struct {
	name string
	line int
	opts []*rawOpt
	keys map[string]bool
}

// Parse parses one file in the configparser dialect described in the package
// documentation. name is used in errors only.
func Parse(name string, data []byte) ([]RawSection, error) {
	if !utf8.Valid(data) {
		line := 1
		for i := 0; i < len(data); {
			r, n := utf8.DecodeRune(data[i:])
			if r == utf8.RuneError && n <= 1 {
				break
			}
			if r == '\n' {
				line++
			}
			i += n
		}
		return nil, &ParseError{name, line, "invalid UTF-8"}
	}
	text := strings.TrimPrefix(string(data), "\ufeff")
	var (
		order    []*rawSect
		byName   = map[string]*rawSect{}
		defaults *rawSect
		cur      *rawSect
		opt      *rawOpt
		indent   int
	)
	lineno := 0
	for len(text) > 0 {
		var line string
		i := strings.IndexAny(text, "\r\n")
		if i < 0 {
			line, text = text, ""
		} else {
			line = text[:i]
			if text[i] == '\r' && i+1 < len(text) && text[i+1] == '\n' {
				text = text[i+2:]
			} else {
				text = text[i+1:]
			}
		}
		lineno++
		stripped := strings.TrimSpace(line)
		if strings.HasPrefix(stripped, "#") || strings.HasPrefix(stripped, ";") {
			continue
		}
		if stripped == "" {
			if opt != nil {
				opt.lines = append(opt.lines, "")
				opt.linenos = append(opt.linenos, lineno)
			}
			continue
		}
		ind := strings.IndexFunc(line, func(r rune) bool { return !unicode.IsSpace(r) })
		if cur != nil && opt != nil && ind > indent {
			opt.lines = append(opt.lines, stripped)
			opt.linenos = append(opt.linenos, lineno)
			continue
		}
		indent = ind
		if header, ok := sectionHeader(stripped); ok {
			opt = nil
			switch {
			case header == "DEFAULT":
				if defaults == nil {
					defaults = &rawSect{name: header, line: lineno, keys: map[string]bool{}}
				}
				cur = defaults
			case byName[header] != nil:
				return nil, &ParseError{name, lineno, fmt.Sprintf("section %q already defined on line %d", header, byName[header].line)}
			default:
				cur = &rawSect{name: header, line: lineno, keys: map[string]bool{}}
				byName[header] = cur
				order = append(order, cur)
			}
			continue
		}
		if cur == nil {
			return nil, &ParseError{name, lineno, "text before the first [section] header"}
		}
		key, val, ok := splitOption(stripped)
		if !ok {
			return nil, &ParseError{name, lineno, `expected "name = value", a [section] header or a comment`}
		}
		if cur.keys[key] {
			return nil, &ParseError{name, lineno, fmt.Sprintf("option %q already set in section %q", key, cur.name)}
		}
		cur.keys[key] = true
		opt = &rawOpt{key: key, lines: []string{val}, linenos: []int{lineno}}
		cur.opts = append(cur.opts, opt)
	}

	var defVals Section
	if defaults != nil {
		var err error
		if defVals, err = finish(name, defaults); err != nil {
			return nil, err
		}
	}
	out := make([]RawSection, 0, len(order))
	for _, s := range order {
		vals, err := finish(name, s)
		if err != nil {
			return nil, err
		}
		for k, v := range defVals {
			if _, ok := vals[k]; !ok {
				vals[k] = v
			}
		}
		out = append(out, RawSection{Name: s.name, Line: s.line, Values: vals})
	}
	return out, nil
}

func finish(name string, s *rawSect) (Section, error) {
	vals := make(Section, len(s.opts))
	for _, o := range s.opts {
		text := strings.TrimRightFunc(strings.Join(o.lines, "\n"), unicode.IsSpace)
		v := Value{Text: text}
		if strings.HasPrefix(text, "\n") {
			v.Sub = map[string]string{}
			for i, l := range o.lines[1:] {
				if l == "" {
					continue
				}
				k, x, ok := strings.Cut(l, "=")
				if !ok {
					return nil, &ParseError{name, o.linenos[i+1], fmt.Sprintf("expected \"name = value\" in the nested section %q", o.key)}
				}
				v.Sub[strings.TrimSpace(k)] = strings.TrimSpace(x)
			}
		}
		vals[o.key] = v
	}
	return vals, nil
}

// sectionHeader reports whether line (already trimmed) is a section header
// and returns its name: configparser's pattern `\[(?P<header>.+)\]`, matched
// at the start of the line with a greedy name.
func sectionHeader(line string) (string, bool) {
	if !strings.HasPrefix(line, "[") {
		return "", false
	}
	j := strings.LastIndexByte(line, ']')
	if j < 2 {
		return "", false
	}
	return line[1:j], true
}

// splitOption splits "name = value" or "name : value" at the first delimiter.
func splitOption(line string) (key, val string, ok bool) {
	i := strings.IndexAny(line, "=:")
	if i < 0 {
		return "", "", false
	}
	key = strings.ToLower(strings.TrimRightFunc(line[:i], unicode.IsSpace))
	if key == "" {
		return "", "", false
	}
	return key, strings.TrimSpace(line[i+1:]), true
}
