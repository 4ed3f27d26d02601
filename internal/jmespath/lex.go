package jmespath

import (
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"math"
	"strconv"
	"strings"
	"unicode/utf8"
)

type tokKind uint8

const (
	tEOF tokKind = iota
	tIdent
	tQuoted
	tNumber
	tLiteral // `json` or 'raw string'
	tDot
	tStar
	tLBracket
	tRBracket
	tFlatten // []
	tFilter  // [?
	tLParen
	tRParen
	tLBrace
	tRBrace
	tComma
	tColon
	tPipe
	tOr
	tAnd
	tNot
	tCurrent
	tExpref
	tEQ
	tNE
	tLT
	tLE
	tGT
	tGE
)

var tokNames = [...]string{
	tEOF: "end of expression", tIdent: "identifier", tQuoted: "quoted identifier",
	tNumber: "number", tLiteral: "literal", tDot: "'.'", tStar: "'*'", tLBracket: "'['",
	tRBracket: "']'", tFlatten: "'[]'", tFilter: "'[?'", tLParen: "'('", tRParen: "')'",
	tLBrace: "'{'", tRBrace: "'}'", tComma: "','", tColon: "':'", tPipe: "'|'", tOr: "'||'",
	tAnd: "'&&'", tNot: "'!'", tCurrent: "'@'", tExpref: "'&'", tEQ: "'=='", tNE: "'!='",
	tLT: "'<'", tLE: "'<='", tGT: "'>'", tGE: "'>='",
}

type token struct {
	kind tokKind
	s    string // identifier text
	n    int    // number
	v    any    // literal value
	pos  int
}

// lex splits expr into tokens, as the specification's grammar and
// jmespath.py's lexer do.
func lex(expr string) ([]token, error) {
	toks := make([]token, 0, len(expr)/2+1)
	fail := func(pos int, format string, args ...any) ([]token, error) {
		return nil, &Error{Kind: Syntax, Expr: expr, Pos: pos, Msg: fmt.Sprintf(format, args...)}
	}
	i := 0
	for i < len(expr) {
		c := expr[i]
		start := i
		// one emits a one-byte token, or the two-byte token k2 when
		// second follows.
		one := func(k1 tokKind, second byte, k2 tokKind) {
			if second != 0 && i+1 < len(expr) && expr[i+1] == second {
				toks = append(toks, token{kind: k2, pos: start})
				i += 2
				return
			}
			toks = append(toks, token{kind: k1, pos: start})
			i++
		}
		switch {
		case c == ' ' || c == '\t' || c == '\n' || c == '\r':
			i++
		case isIdentStart(c):
			for i < len(expr) && (isIdentStart(expr[i]) || isDigit(expr[i])) {
				i++
			}
			toks = append(toks, token{kind: tIdent, s: expr[start:i], pos: start})
		case c == '-' || isDigit(c):
			i++
			for i < len(expr) && isDigit(expr[i]) {
				i++
			}
			if expr[start:i] == "-" {
				return fail(start, "'-' must start a number")
			}
			toks = append(toks, token{kind: tNumber, n: atoiClamped(expr[start:i]), pos: start})
		case c == '"':
			end, err := scanQuoted(expr, i, '"')
			if err != nil {
				return fail(start, "%v", err)
			}
			// A quoted identifier is a JSON string (the specification's
			// quoted-string has JSON's escapes).
			var s string
			if err := json.Unmarshal([]byte(expr[i:end]), &s); err != nil {
				return fail(start, "bad quoted identifier %s", expr[i:end])
			}
			toks = append(toks, token{kind: tQuoted, s: s, pos: start})
			i = end
		case c == '\'':
			end, err := scanQuoted(expr, i, '\'')
			if err != nil {
				return fail(start, "%v", err)
			}
			// In a raw string only \' is an escape; any other backslash
			// is kept (JEP 12, as jmespath.py and the compliance suite).
			raw := strings.ReplaceAll(expr[i+1:end-1], `\'`, `'`)
			toks = append(toks, token{kind: tLiteral, v: raw, pos: start})
			i = end
		case c == '`':
			end, err := scanQuoted(expr, i, '`')
			if err != nil {
				return fail(start, "%v", err)
			}
			raw := strings.ReplaceAll(expr[i+1:end-1], "\\`", "`")
			v, err := parseJSON(raw)
			if err != nil {
				return fail(start, "bad JSON literal `%s`: %v", raw, err)
			}
			toks = append(toks, token{kind: tLiteral, v: v, pos: start})
			i = end
		case c == '[':
			switch {
			case i+1 < len(expr) && expr[i+1] == ']':
				toks = append(toks, token{kind: tFlatten, pos: start})
				i += 2
			case i+1 < len(expr) && expr[i+1] == '?':
				toks = append(toks, token{kind: tFilter, pos: start})
				i += 2
			default:
				toks = append(toks, token{kind: tLBracket, pos: start})
				i++
			}
		case c == '.':
			one(tDot, 0, 0)
		case c == '*':
			one(tStar, 0, 0)
		case c == ']':
			one(tRBracket, 0, 0)
		case c == '(':
			one(tLParen, 0, 0)
		case c == ')':
			one(tRParen, 0, 0)
		case c == '{':
			one(tLBrace, 0, 0)
		case c == '}':
			one(tRBrace, 0, 0)
		case c == ',':
			one(tComma, 0, 0)
		case c == ':':
			one(tColon, 0, 0)
		case c == '@':
			one(tCurrent, 0, 0)
		case c == '|':
			one(tPipe, '|', tOr)
		case c == '&':
			one(tExpref, '&', tAnd)
		case c == '!':
			one(tNot, '=', tNE)
		case c == '<':
			one(tLT, '=', tLE)
		case c == '>':
			one(tGT, '=', tGE)
		case c == '=':
			if i+1 < len(expr) && expr[i+1] == '=' {
				one(0, '=', tEQ)
				break
			}
			return fail(start, "'=' must be '=='")
		default:
			r, _ := utf8.DecodeRuneInString(expr[i:])
			return fail(start, "unexpected character %q", r)
		}
	}
	toks = append(toks, token{kind: tEOF, pos: len(expr)})
	return toks, nil
}

func isIdentStart(c byte) bool { return c == '_' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' }
func isDigit(c byte) bool      { return c >= '0' && c <= '9' }

// maxIndex bounds the numbers of indexes and slices, so that index
// arithmetic cannot overflow; no list is that long.
const maxIndex = math.MaxInt32

// atoiClamped parses a run of digits with an optional '-', clamping it to
// ±maxIndex.
func atoiClamped(s string) int {
	n, err := strconv.Atoi(s)
	if err != nil || n > maxIndex || n < -maxIndex {
		if s[0] == '-' {
			return -maxIndex
		}
		return maxIndex
	}
	return n
}

// scanQuoted returns the offset just past the closing quote of the quoted
// text starting at expr[i]; a backslash escapes the next byte.
func scanQuoted(expr string, i int, q byte) (int, error) {
	for j := i + 1; j < len(expr); j++ {
		switch expr[j] {
		case '\\':
			j++
		case q:
			return j + 1, nil
		}
	}
	return 0, fmt.Errorf("unterminated %c", q)
}

// parseJSON decodes one JSON value. Integers that fit become int64 and
// other numbers float64, so that a large integer literal keeps its
// precision.
func parseJSON(raw string) (any, error) {
	dec := json.NewDecoder(strings.NewReader(raw))
	dec.UseNumber()
	var v any
	if err := dec.Decode(&v); err != nil {
		return nil, err
	}
	if _, err := dec.Token(); !errors.Is(err, io.EOF) {
		return nil, errors.New("text after the value")
	}
	return literalNumbers(v), nil
}

func literalNumbers(v any) any {
	switch x := v.(type) {
	case json.Number:
		return numberLiteral(string(x))
	case []any:
		for i, e := range x {
			x[i] = literalNumbers(e)
		}
	case map[string]any:
		for k, e := range x {
			x[k] = literalNumbers(e)
		}
	}
	return v
}

// numberLiteral converts text in JSON number syntax: an int64 when it is
// an integer that fits, a float64 when it is in range, else the text as a
// json.Number (so that it stays a valid JSON number rather than ±Inf).
func numberLiteral(s string) any {
	if i, err := strconv.ParseInt(s, 10, 64); err == nil {
		return i
	}
	f, err := strconv.ParseFloat(s, 64)
	if err != nil {
		return json.Number(s)
	}
	return f
}
