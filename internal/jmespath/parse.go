package jmespath

import (
	"encoding/json"
	"errors"
	"fmt"
	"strconv"
	"strings"
)

// maxDepth bounds the nesting of an expression so that hostile input
// cannot exhaust the stack.
const maxDepth = 100

type tokKind uint8

const (
	tEOF tokKind = iota
	tIdent
	tQuoted
	tNumber
	tLiteral // `json` or 'raw'
	tDot
	tStar
	tLBracket
	tRBracket
	tFlatten // []
	tFilter  // [?
	tLParen
	tRParen
	tComma
	tPipe
	tOr
	tAnd
	tNot
	tCurrent
	tEQ
	tNE
	tLT
	tLE
	tGT
	tGE
)

var tokNames = [...]string{"end of expression", "identifier", "quoted identifier", "number", "literal", "'.'", "'*'", "'['", "']'", "'[]'", "'[?'", "'('", "')'", "','", "'|'", "'||'", "'&&'", "'!'", "'@'", "'=='", "'!='", "'<'", "'<='", "'>'", "'>='"}

// bindingPower follows the JMESPath specification's operator precedence.
var bindingPower = [...]int{
	tPipe: 1, tOr: 2, tAnd: 3,
	tEQ: 5, tNE: 5, tLT: 5, tLE: 5, tGT: 5, tGE: 5,
	tFlatten: 9, tStar: 20, tFilter: 21, tDot: 40, tNot: 45, tLBracket: 55, tLParen: 60,
}

type token struct {
	kind tokKind
	s    string // identifier text
	n    int    // number
	v    any    // literal value
	pos  int
}

// SyntaxError is an expression that does not parse.
type SyntaxError struct {
	Expr string
	Pos  int
	Msg  string
}

func (e *SyntaxError) Error() string {
	return fmt.Sprintf("jmespath: %s at offset %d of %q", e.Msg, e.Pos, e.Expr)
}

func lex(expr string) ([]token, error) {
	var toks []token
	fail := func(pos int, format string, args ...any) ([]token, error) {
		return nil, &SyntaxError{Expr: expr, Pos: pos, Msg: fmt.Sprintf(format, args...)}
	}
	i := 0
	for i < len(expr) {
		c := expr[i]
		start := i
		two := func(k2 tokKind, second byte, k1 tokKind) {
			if i+1 < len(expr) && expr[i+1] == second {
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
		case c == '_' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z':
			for i < len(expr) && (expr[i] == '_' || expr[i] >= 'a' && expr[i] <= 'z' || expr[i] >= 'A' && expr[i] <= 'Z' || expr[i] >= '0' && expr[i] <= '9') {
				i++
			}
			toks = append(toks, token{kind: tIdent, s: expr[start:i], pos: start})
		case c == '-' || c >= '0' && c <= '9':
			i++
			for i < len(expr) && expr[i] >= '0' && expr[i] <= '9' {
				i++
			}
			n, err := strconv.Atoi(expr[start:i])
			if err != nil {
				return fail(start, "bad number %q", expr[start:i])
			}
			toks = append(toks, token{kind: tNumber, n: n, pos: start})
		case c == '"':
			end, err := scanQuoted(expr, i, '"')
			if err != nil {
				return fail(start, "%v", err)
			}
			var s string
			if err := json.Unmarshal([]byte(expr[i:end]), &s); err != nil {
				return fail(start, "bad quoted identifier")
			}
			toks = append(toks, token{kind: tQuoted, s: s, pos: start})
			i = end
		case c == '\'':
			end, err := scanQuoted(expr, i, '\'')
			if err != nil {
				return fail(start, "%v", err)
			}
			raw := expr[i+1 : end-1]
			raw = strings.ReplaceAll(raw, `\'`, `'`)
			toks = append(toks, token{kind: tLiteral, v: raw, pos: start})
			i = end
		case c == '`':
			end, err := scanQuoted(expr, i, '`')
			if err != nil {
				return fail(start, "%v", err)
			}
			raw := strings.ReplaceAll(expr[i+1:end-1], "\\`", "`")
			var v any
			if err := json.Unmarshal([]byte(raw), &v); err != nil {
				return fail(start, "bad JSON literal %q", raw)
			}
			toks = append(toks, token{kind: tLiteral, v: v, pos: start})
			i = end
		case c == '.':
			toks = append(toks, token{kind: tDot, pos: start})
			i++
		case c == '*':
			toks = append(toks, token{kind: tStar, pos: start})
			i++
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
		case c == ']':
			toks = append(toks, token{kind: tRBracket, pos: start})
			i++
		case c == '(':
			toks = append(toks, token{kind: tLParen, pos: start})
			i++
		case c == ')':
			toks = append(toks, token{kind: tRParen, pos: start})
			i++
		case c == ',':
			toks = append(toks, token{kind: tComma, pos: start})
			i++
		case c == '@':
			toks = append(toks, token{kind: tCurrent, pos: start})
			i++
		case c == '|':
			two(tOr, '|', tPipe)
		case c == '&':
			if i+1 < len(expr) && expr[i+1] == '&' {
				toks = append(toks, token{kind: tAnd, pos: start})
				i += 2
				break
			}
			return fail(start, "expression references (&) are not supported")
		case c == '!':
			two(tNE, '=', tNot)
		case c == '<':
			two(tLE, '=', tLT)
		case c == '>':
			two(tGE, '=', tGT)
		case c == '=':
			if i+1 < len(expr) && expr[i+1] == '=' {
				toks = append(toks, token{kind: tEQ, pos: start})
				i += 2
				break
			}
			return fail(start, "'=' must be '=='")
		default:
			return fail(start, "unexpected character %q", c)
		}
	}
	toks = append(toks, token{kind: tEOF, pos: len(expr)})
	return toks, nil
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
	return 0, errors.New("unterminated quote")
}

type nodeKind uint8

const (
	nField nodeKind = iota
	nCurrent
	nLiteral
	nSub        // a.b: left, right
	nIndex      // left[n]
	nProject    // list projection: left, right
	nValProject // object projection (a.*): left, right
	nFlatten    // left[] (the flattening itself)
	nFilter     // left[?cond]right
	nPipe
	nOr
	nAnd
	nNot
	nCompare
	nFunc
	nMultiList
)

type node struct {
	kind        nodeKind
	name        string // field name, function name
	n           int    // index
	op          tokKind
	lit         any
	left, right *node
	cond        *node
	args        []*node
}

type parser struct {
	expr  string
	toks  []token
	i     int
	depth int
}

func (p *parser) peek() token { return p.toks[p.i] }
func (p *parser) next() token { t := p.toks[p.i]; p.i++; return t }

func (p *parser) errf(t token, format string, args ...any) error {
	return &SyntaxError{Expr: p.expr, Pos: t.pos, Msg: fmt.Sprintf(format, args...)}
}

func (p *parser) expect(k tokKind) error {
	t := p.next()
	if t.kind != k {
		return p.errf(t, "got %s, want %s", tokNames[t.kind], tokNames[k])
	}
	return nil
}

func (p *parser) parse(bp int) (*node, error) {
	p.depth++
	defer func() { p.depth-- }()
	if p.depth > maxDepth {
		return nil, p.errf(p.peek(), "expression nested too deeply")
	}
	left, err := p.nud()
	if err != nil {
		return nil, err
	}
	for bp < bindingPower[p.peek().kind] {
		if left, err = p.led(left); err != nil {
			return nil, err
		}
	}
	return left, nil
}

func (p *parser) nud() (*node, error) {
	t := p.next()
	switch t.kind {
	case tIdent, tQuoted:
		return &node{kind: nField, name: t.s}, nil
	case tCurrent:
		return &node{kind: nCurrent}, nil
	case tLiteral:
		return &node{kind: nLiteral, lit: t.v}, nil
	case tStar:
		right, err := p.projectionRHS(bindingPower[tStar])
		if err != nil {
			return nil, err
		}
		return &node{kind: nValProject, left: &node{kind: nCurrent}, right: right}, nil
	case tFlatten:
		return p.flatten(&node{kind: nCurrent})
	case tFilter:
		return p.filter(&node{kind: nCurrent})
	case tLBracket:
		switch p.peek().kind {
		case tNumber:
			return p.index(&node{kind: nCurrent})
		case tStar:
			return p.listStar(&node{kind: nCurrent})
		}
		return p.multiList()
	case tNot:
		e, err := p.parse(bindingPower[tNot])
		if err != nil {
			return nil, err
		}
		return &node{kind: nNot, left: e}, nil
	case tLParen:
		e, err := p.parse(0)
		if err != nil {
			return nil, err
		}
		return e, p.expect(tRParen)
	}
	return nil, p.errf(t, "unexpected %s", tokNames[t.kind])
}

func (p *parser) led(left *node) (*node, error) {
	t := p.next()
	switch t.kind {
	case tDot:
		if p.peek().kind == tStar {
			p.next()
			right, err := p.projectionRHS(bindingPower[tStar])
			if err != nil {
				return nil, err
			}
			return &node{kind: nValProject, left: left, right: right}, nil
		}
		right, err := p.dotRHS(bindingPower[tDot])
		if err != nil {
			return nil, err
		}
		return &node{kind: nSub, left: left, right: right}, nil
	case tLBracket:
		switch p.peek().kind {
		case tNumber:
			return p.index(left)
		case tStar:
			return p.listStar(left)
		}
		return nil, p.errf(p.peek(), "slices and multi-select after an expression are not supported")
	case tFlatten:
		return p.flatten(left)
	case tFilter:
		return p.filter(left)
	case tPipe, tOr, tAnd:
		right, err := p.parse(bindingPower[t.kind])
		if err != nil {
			return nil, err
		}
		k := map[tokKind]nodeKind{tPipe: nPipe, tOr: nOr, tAnd: nAnd}[t.kind]
		return &node{kind: k, left: left, right: right}, nil
	case tEQ, tNE, tLT, tLE, tGT, tGE:
		right, err := p.parse(bindingPower[t.kind])
		if err != nil {
			return nil, err
		}
		return &node{kind: nCompare, op: t.kind, left: left, right: right}, nil
	case tLParen:
		if left.kind != nField {
			return nil, p.errf(t, "function call on a non-name")
		}
		f := &node{kind: nFunc, name: left.name}
		for p.peek().kind != tRParen {
			if len(f.args) > 0 {
				if err := p.expect(tComma); err != nil {
					return nil, err
				}
			}
			a, err := p.parse(0)
			if err != nil {
				return nil, err
			}
			f.args = append(f.args, a)
		}
		p.next()
		if err := checkFunc(f); err != nil {
			return nil, p.errf(t, "%v", err)
		}
		return f, nil
	}
	return nil, p.errf(t, "unexpected %s", tokNames[t.kind])
}

func (p *parser) index(left *node) (*node, error) {
	n := p.next().n
	if err := p.expect(tRBracket); err != nil {
		return nil, err
	}
	return &node{kind: nIndex, left: left, n: n}, nil
}

func (p *parser) listStar(left *node) (*node, error) {
	p.next() // *
	if err := p.expect(tRBracket); err != nil {
		return nil, err
	}
	right, err := p.projectionRHS(bindingPower[tStar])
	if err != nil {
		return nil, err
	}
	return &node{kind: nProject, left: left, right: right}, nil
}

func (p *parser) flatten(left *node) (*node, error) {
	right, err := p.projectionRHS(bindingPower[tFlatten])
	if err != nil {
		return nil, err
	}
	return &node{kind: nProject, left: &node{kind: nFlatten, left: left}, right: right}, nil
}

func (p *parser) filter(left *node) (*node, error) {
	cond, err := p.parse(0)
	if err != nil {
		return nil, err
	}
	if err := p.expect(tRBracket); err != nil {
		return nil, err
	}
	right, err := p.projectionRHS(bindingPower[tFilter])
	if err != nil {
		return nil, err
	}
	return &node{kind: nFilter, left: left, cond: cond, right: right}, nil
}

func (p *parser) multiList() (*node, error) {
	m := &node{kind: nMultiList}
	for {
		e, err := p.parse(0)
		if err != nil {
			return nil, err
		}
		m.args = append(m.args, e)
		t := p.next()
		if t.kind == tRBracket {
			return m, nil
		}
		if t.kind != tComma {
			return nil, p.errf(t, "got %s, want ',' or ']'", tokNames[t.kind])
		}
	}
}

// projectionRHS parses what a projection applies to each element.
func (p *parser) projectionRHS(bp int) (*node, error) {
	t := p.peek()
	switch {
	case bindingPower[t.kind] < 10:
		return &node{kind: nCurrent}, nil
	case t.kind == tLBracket || t.kind == tFilter || t.kind == tFlatten:
		return p.parse(bp)
	case t.kind == tDot:
		p.next()
		return p.dotRHS(bp)
	}
	return nil, p.errf(t, "unexpected %s after a projection", tokNames[t.kind])
}

func (p *parser) dotRHS(bp int) (*node, error) {
	t := p.peek()
	switch t.kind {
	case tIdent, tQuoted, tStar:
		return p.parse(bp)
	case tLBracket:
		p.next()
		return p.multiList()
	}
	return nil, p.errf(t, "unexpected %s after '.'", tokNames[t.kind])
}

func checkFunc(f *node) error {
	want, ok := map[string]int{"length": 1, "contains": 2}[f.name]
	if !ok {
		return fmt.Errorf("unknown function %s()", f.name)
	}
	if len(f.args) != want {
		return fmt.Errorf("%s() takes %d arguments, got %d", f.name, want, len(f.args))
	}
	return nil
}
