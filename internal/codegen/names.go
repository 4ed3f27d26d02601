package codegen

import (
	"sort"
	"strconv"
	"strings"
	"unicode"
)

// exportedName turns a model name into an exported Go identifier: the first
// letter is upper-cased, characters that cannot appear in an identifier
// become '_', and a leading digit gets an 'X' in front.
func exportedName(s string) string {
	var b strings.Builder
	for i, r := range s {
		switch {
		case unicode.IsLetter(r) && r < unicode.MaxASCII, r == '_':
			if i == 0 {
				r = unicode.ToUpper(r)
			}
			b.WriteRune(r)
		case unicode.IsDigit(r) && r < unicode.MaxASCII:
			if i == 0 {
				b.WriteByte('X')
			}
			b.WriteRune(r)
		default:
			if i == 0 {
				b.WriteByte('X')
			}
			b.WriteByte('_')
		}
	}
	if b.Len() == 0 {
		return "X"
	}
	return b.String()
}

// enumValueName turns an enum value such as "public-read", "STANDARD_IA"
// or "t2.micro" into the CamelCase suffix of its constant: "PublicRead",
// "StandardIa", "T2Micro". Words are split at every character that is not a
// letter or digit; a word in all capitals keeps only its first capital.
func enumValueName(v string) string {
	var b strings.Builder
	words := strings.FieldsFunc(v, func(r rune) bool {
		return r >= unicode.MaxASCII || !(unicode.IsLetter(r) || unicode.IsDigit(r))
	})
	for _, w := range words {
		if isUpperWord(w) {
			w = w[:1] + strings.ToLower(w[1:])
		}
		b.WriteString(strings.ToUpper(w[:1]))
		b.WriteString(w[1:])
	}
	return b.String()
}

func isUpperWord(w string) bool {
	for _, r := range w {
		if unicode.IsLower(r) {
			return false
		}
	}
	return true
}

// namer hands out unique identifiers: the first request for a name gets it,
// later ones get the name with "_2", "_3", ... appended.
type namer struct {
	used map[string]bool
}

func newNamer(reserved ...string) *namer {
	n := &namer{used: map[string]bool{}}
	for _, r := range reserved {
		n.used[r] = true
	}
	return n
}

func (n *namer) take(name string) string {
	if !n.used[name] {
		n.used[name] = true
		return name
	}
	for i := 2; ; i++ {
		c := name + "_" + strconv.Itoa(i)
		if !n.used[c] {
			n.used[c] = true
			return c
		}
	}
}

func sortStrings(s []string) { sort.Strings(s) }
