package jmespath

import (
	"fmt"
	"sync/atomic"
)

// maxDepth bounds the nesting of an expression so that hostile input
// cannot exhaust the stack. The compliance suite's deepest expression (104
// chained projections) needs a little over 100.
const maxDepth = 1000

// bindingPower is jmespath.py's table, which follows the specification's
// operator precedence. Tokens that end an expression have 0.
var bindingPower = [...]int{
	tPipe: 1, tOr: 2, tAnd: 3,
	tEQ: 5, tNE: 5, tLT: 5, tLE: 5, tGT: 5, tGE: 5,
	tFlatten: 9, tStar: 20, tFilter: 21, tDot: 40, tNot: 45, tLBrace: 50, tLBracket: 55, tLParen: 60,
}

// projectionStop is the binding power under which a token ends the
// right-hand side of a projection.
const projectionStop = 10

type nodeKind uint8

const (
	nField nodeKind = iota
	nCurrent
	nLiteral
	nSub        // left.right, and left | right
	nIndex      // left[n]
	nSlice      // left[start:stop:step] (the slicing itself)
	nProject    // list projection: right over each element of left
	nValProject // object projection (left.*): right over each value of left
	nFlatten    // left[] (the flattening itself)
	nFilter     // left[?cond]right
	nOr
	nAnd
	nNot
	nCompare
	nFunc
	nMultiList
	nMultiHash
	nExpref
)

type node struct {
	kind        nodeKind
	name        string // field name, function name
	n           int    // index
	slice       [3]*int
	op          tokKind
	lit         any
	left, right *node
	cond        *node
	args        []*node  // function arguments, multi-select values
	keys        []string // multi-select hash keys
	fn          *function
	pos         int
	field       atomic.Pointer[fieldCache] // nField: the field last found
}

var current = &node{kind: nCurrent}

type parser struct {
	expr  string
	toks  []token
	i     int
	depth int
}

func (p *parser) peek() token        { return p.toks[p.i] }
func (p *parser) peekAt(k int) token { return p.toks[min(p.i+k, len(p.toks)-1)] }
func (p *parser) next() token {
	t := p.toks[p.i]
	if t.kind != tEOF {
		p.i++
	}
	return t
}

func (p *parser) errf(t token, format string, args ...any) error {
	return p.errKind(Syntax, t, format, args...)
}

func (p *parser) errKind(k Kind, t token, format string, args ...any) error {
	return &Error{Kind: k, Expr: p.expr, Pos: t.pos, Msg: fmt.Sprintf(format, args...)}
}

func (p *parser) unexpected(t token) error {
	return p.errf(t, "unexpected %s", tokNames[t.kind])
}

func (p *parser) expect(k tokKind) error {
	if t := p.next(); t.kind != k {
		return p.errf(t, "got %s, want %s", tokNames[t.kind], tokNames[k])
	}
	return nil
}

// parse is the Pratt loop of jmespath.py's parser.
func (p *parser) parse(bp int) (*node, error) {
	p.depth++
	defer func() { p.depth-- }()
	if p.depth > maxDepth {
		return nil, p.errf(p.peek(), "expression nested too deeply")
	}
	left, err := p.nud(p.next())
	if err != nil {
		return nil, err
	}
	for bp < bindingPower[p.peek().kind] {
		if left, err = p.led(p.next(), left); err != nil {
			return nil, err
		}
	}
	return left, nil
}

// nud parses an expression that starts with t.
func (p *parser) nud(t token) (*node, error) {
	switch t.kind {
	case tIdent:
		return &node{kind: nField, name: t.s, pos: t.pos}, nil
	case tQuoted:
		if p.peek().kind == tLParen {
			return nil, p.errf(p.peek(), "a function name cannot be quoted")
		}
		return &node{kind: nField, name: t.s, pos: t.pos}, nil
	case tCurrent:
		return current, nil
	case tLiteral:
		return &node{kind: nLiteral, lit: t.v, pos: t.pos}, nil
	case tStar:
		right := current
		if p.peek().kind != tRBracket {
			var err error
			if right, err = p.projectionRHS(bindingPower[tStar]); err != nil {
				return nil, err
			}
		}
		return &node{kind: nValProject, left: current, right: right}, nil
	case tFlatten:
		return p.flatten(current)
	case tFilter:
		return p.filter(current)
	case tLBrace:
		return p.multiHash()
	case tLParen:
		e, err := p.parse(0)
		if err != nil {
			return nil, err
		}
		return e, p.expect(tRParen)
	case tNot:
		e, err := p.parse(bindingPower[tNot])
		if err != nil {
			return nil, err
		}
		return &node{kind: nNot, left: e}, nil
	case tExpref:
		e, err := p.parse(0)
		if err != nil {
			return nil, err
		}
		return &node{kind: nExpref, left: e}, nil
	case tLBracket:
		switch k := p.peek().kind; {
		case k == tNumber || k == tColon:
			return p.indexOrSlice(current)
		case k == tStar && p.peekAt(1).kind == tRBracket:
			p.next()
			p.next()
			return p.projection(current, bindingPower[tStar])
		}
		return p.multiList()
	case tEOF:
		return nil, p.errf(t, "incomplete expression")
	}
	return nil, p.unexpected(t)
}

// led parses the rest of an expression whose left part is left and whose
// next token is t.
func (p *parser) led(t token, left *node) (*node, error) {
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
	case tPipe:
		right, err := p.parse(bindingPower[tPipe])
		if err != nil {
			return nil, err
		}
		return &node{kind: nSub, left: left, right: right}, nil
	case tOr, tAnd:
		right, err := p.parse(bindingPower[t.kind])
		if err != nil {
			return nil, err
		}
		k := nOr
		if t.kind == tAnd {
			k = nAnd
		}
		return &node{kind: k, left: left, right: right}, nil
	case tEQ, tNE, tLT, tLE, tGT, tGE:
		right, err := p.parse(bindingPower[t.kind])
		if err != nil {
			return nil, err
		}
		return &node{kind: nCompare, op: t.kind, left: left, right: right}, nil
	case tLParen:
		return p.call(t, left)
	case tFilter:
		return p.filter(left)
	case tFlatten:
		return p.flatten(left)
	case tLBracket:
		switch p.peek().kind {
		case tNumber, tColon:
			return p.indexOrSlice(left)
		case tStar:
			p.next()
			if err := p.expect(tRBracket); err != nil {
				return nil, err
			}
			return p.projection(left, bindingPower[tStar])
		}
		return nil, p.errf(p.peek(), "got %s after '[', want a number, ':' or '*'", tokNames[p.peek().kind])
	}
	return nil, p.unexpected(t)
}

// projection makes a list projection of left, parsing its right-hand side.
func (p *parser) projection(left *node, bp int) (*node, error) {
	right, err := p.projectionRHS(bp)
	if err != nil {
		return nil, err
	}
	return &node{kind: nProject, left: left, right: right}, nil
}

func (p *parser) flatten(left *node) (*node, error) {
	return p.projection(&node{kind: nFlatten, left: left}, bindingPower[tFlatten])
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

// indexOrSlice parses [n] or [start:stop:step] after the '['. A slice is
// a projection.
func (p *parser) indexOrSlice(left *node) (*node, error) {
	if p.peek().kind == tNumber && p.peekAt(1).kind == tRBracket {
		n := p.next().n
		p.next()
		return &node{kind: nIndex, left: left, n: n}, nil
	}
	s := &node{kind: nSlice, left: left}
	part := 0
	for t := p.peek(); t.kind != tRBracket; t = p.peek() {
		switch {
		case t.kind == tColon && part < 2:
			part++
		case t.kind == tNumber:
			if s.slice[part] != nil {
				return nil, p.errf(t, "got a second number in a slice part")
			}
			n := t.n
			s.slice[part] = &n
		case t.kind == tEOF:
			return nil, p.errf(t, "incomplete slice")
		default:
			return nil, p.errf(t, "unexpected %s in a slice", tokNames[t.kind])
		}
		p.next()
	}
	if step := s.slice[2]; step != nil && *step == 0 {
		return nil, p.errKind(InvalidValue, p.peek(), "slice step cannot be 0")
	}
	p.next() // ]
	return p.projection(s, bindingPower[tStar])
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

func (p *parser) multiHash() (*node, error) {
	m := &node{kind: nMultiHash}
	for {
		k := p.next()
		if k.kind != tIdent && k.kind != tQuoted {
			return nil, p.errf(k, "got %s, want a key", tokNames[k.kind])
		}
		if err := p.expect(tColon); err != nil {
			return nil, err
		}
		e, err := p.parse(0)
		if err != nil {
			return nil, err
		}
		m.keys = append(m.keys, k.s)
		m.args = append(m.args, e)
		t := p.next()
		if t.kind == tRBrace {
			return m, nil
		}
		if t.kind != tComma {
			return nil, p.errf(t, "got %s, want ',' or '}'", tokNames[t.kind])
		}
	}
}

// call parses the arguments of a function call; t is its '('. The
// function must exist and take that many arguments.
func (p *parser) call(t token, left *node) (*node, error) {
	if left.kind != nField {
		return nil, p.errf(t, "'(' must follow a function name")
	}
	f := &node{kind: nFunc, name: left.name, pos: left.pos}
	if p.peek().kind == tRParen {
		p.next()
	} else {
		for {
			a, err := p.parse(0)
			if err != nil {
				return nil, err
			}
			f.args = append(f.args, a)
			t := p.next()
			if t.kind == tRParen {
				break
			}
			if t.kind != tComma {
				return nil, p.errf(t, "got %s, want ',' or ')'", tokNames[t.kind])
			}
		}
	}
	fn, ok := functions[f.name]
	if !ok {
		return nil, p.errKind(UnknownFunction, token{pos: f.pos}, "unknown function %s()", f.name)
	}
	if n := len(f.args); n < len(fn.params) || n > len(fn.params) && !fn.variadic {
		want := fmt.Sprint(len(fn.params))
		if fn.variadic {
			want = "at least " + want
		}
		return nil, p.errKind(InvalidArity, token{pos: f.pos}, "%s() takes %s arguments, got %d", f.name, want, n)
	}
	f.fn = fn
	return f, nil
}

// projectionRHS parses what a projection applies to each element: nothing
// (the element itself) when the next token binds less than a projection.
func (p *parser) projectionRHS(bp int) (*node, error) {
	t := p.peek()
	switch {
	case bindingPower[t.kind] < projectionStop:
		return current, nil
	case t.kind == tLBracket || t.kind == tFilter:
		return p.parse(bp)
	case t.kind == tDot:
		p.next()
		return p.dotRHS(bp)
	}
	return nil, p.errf(t, "unexpected %s after a projection", tokNames[t.kind])
}

// dotRHS parses what may follow a '.': an identifier, '*', a multi-select
// list or a multi-select hash.
func (p *parser) dotRHS(bp int) (*node, error) {
	switch t := p.peek(); t.kind {
	case tIdent, tQuoted, tStar:
		return p.parse(bp)
	case tLBracket:
		p.next()
		return p.multiList()
	case tLBrace:
		p.next()
		return p.multiHash()
	default:
		return nil, p.errf(t, "unexpected %s after '.'", tokNames[t.kind])
	}
}
