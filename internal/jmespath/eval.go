package jmespath

// Expr is a compiled expression. It is immutable and safe for concurrent
// use.
type Expr struct {
	src  string
	root *node
}

// Compile parses expr. Its errors are *Error, of kind Syntax,
// UnknownFunction, InvalidArity or InvalidValue (a slice step of 0).
func Compile(expr string) (*Expr, error) {
	toks, err := lex(expr)
	if err != nil {
		return nil, err
	}
	p := &parser{expr: expr, toks: toks}
	root, err := p.parse(0)
	if err != nil {
		return nil, err
	}
	if t := p.peek(); t.kind != tEOF {
		return nil, p.unexpected(t)
	}
	return &Expr{src: expr, root: root}, nil
}

// MustCompile is Compile for expressions known to be valid; it panics on an
// error.
func MustCompile(expr string) *Expr {
	e, err := Compile(expr)
	if err != nil {
		panic(err)
	}
	return e
}

// String returns the source of the expression.
func (e *Expr) String() string { return e.src }

// Search evaluates the expression against data (a Go value: usually a
// pointer to a generated output struct, or JSON decoded by encoding/json)
// and returns the result: nil, bool, string, a number (float64, int64 or
// json.Number), []any, map[string]any, or, for a struct, map or list of
// data that was selected whole, a reflect.Value of it (Plain converts
// every result to plain data). Values that JMESPath has no type for
// (time.Time, []byte) are returned as reflect.Values too.
//
// The error is an *Error of kind InvalidType when a function is given an
// argument of the wrong type, or InvalidValue when to_string is given an
// infinite number.
func (e *Expr) Search(data any) (any, error) {
	v, err := eval(e.root, norm(data))
	if err != nil {
		if je, ok := err.(*Error); ok {
			je.Expr = e.src
		}
		return nil, err
	}
	return v, nil
}

func eval(n *node, cur any) (any, error) {
	switch n.kind {
	case nField:
		if o, ok := asObject(cur); ok {
			return o.get(n.name, &n.field), nil
		}
		return nil, nil
	case nCurrent:
		return cur, nil
	case nLiteral:
		return n.lit, nil
	case nSub:
		l, err := eval(n.left, cur)
		if err != nil {
			return nil, err
		}
		return eval(n.right, l)
	case nIndex:
		v, err := eval(n.left, cur)
		if err != nil {
			return nil, err
		}
		l, ok := asList(v)
		if !ok {
			return nil, nil
		}
		i := n.n
		if i < 0 {
			i += l.len()
		}
		if i < 0 || i >= l.len() {
			return nil, nil
		}
		return l.at(i), nil
	case nSlice:
		v, err := eval(n.left, cur)
		if err != nil {
			return nil, err
		}
		l, ok := asList(v)
		if !ok {
			return nil, nil
		}
		return slice(l, n.slice), nil
	case nFlatten:
		v, err := eval(n.left, cur)
		if err != nil {
			return nil, err
		}
		l, ok := asList(v)
		if !ok {
			return nil, nil
		}
		out := make([]any, 0, l.len())
		for i := range l.len() {
			e := l.at(i)
			if inner, ok := asList(e); ok {
				for j := range inner.len() {
					out = append(out, inner.at(j))
				}
			} else {
				out = append(out, e)
			}
		}
		return out, nil
	case nProject:
		v, err := eval(n.left, cur)
		if err != nil {
			return nil, err
		}
		l, ok := asList(v)
		if !ok {
			return nil, nil
		}
		out := make([]any, 0, l.len())
		for i := range l.len() {
			r, err := eval(n.right, l.at(i))
			if err != nil {
				return nil, err
			}
			if r != nil {
				out = append(out, r)
			}
		}
		return out, nil
	case nValProject:
		v, err := eval(n.left, cur)
		if err != nil {
			return nil, err
		}
		o, ok := asObject(v)
		if !ok {
			return nil, nil
		}
		out := []any{}
		o.each(func(_ string, e any) bool {
			var r any
			if r, err = eval(n.right, e); r != nil {
				out = append(out, r)
			}
			return err == nil
		})
		if err != nil {
			return nil, err
		}
		return out, nil
	case nFilter:
		v, err := eval(n.left, cur)
		if err != nil {
			return nil, err
		}
		l, ok := asList(v)
		if !ok {
			return nil, nil
		}
		out := []any{}
		for i := range l.len() {
			e := l.at(i)
			c, err := eval(n.cond, e)
			if err != nil {
				return nil, err
			}
			if !truthy(c) {
				continue
			}
			r, err := eval(n.right, e)
			if err != nil {
				return nil, err
			}
			if r != nil {
				out = append(out, r)
			}
		}
		return out, nil
	case nOr:
		l, err := eval(n.left, cur)
		if err != nil || truthy(l) {
			return l, err
		}
		return eval(n.right, cur)
	case nAnd:
		l, err := eval(n.left, cur)
		if err != nil || !truthy(l) {
			return l, err
		}
		return eval(n.right, cur)
	case nNot:
		v, err := eval(n.left, cur)
		return !truthy(v), err
	case nCompare:
		a, err := eval(n.left, cur)
		if err != nil {
			return nil, err
		}
		b, err := eval(n.right, cur)
		if err != nil {
			return nil, err
		}
		return compare(n.op, a, b), nil
	case nMultiList:
		if cur == nil {
			return nil, nil
		}
		out := make([]any, len(n.args))
		for i, a := range n.args {
			v, err := eval(a, cur)
			if err != nil {
				return nil, err
			}
			out[i] = v
		}
		return out, nil
	case nMultiHash:
		if cur == nil {
			return nil, nil
		}
		out := make(map[string]any, len(n.args))
		for i, a := range n.args {
			v, err := eval(a, cur)
			if err != nil {
				return nil, err
			}
			out[n.keys[i]] = v
		}
		return out, nil
	case nExpref:
		return &expref{n: n.left}, nil
	case nFunc:
		args := make([]any, len(n.args))
		for i, a := range n.args {
			v, err := eval(a, cur)
			if err != nil {
				return nil, err
			}
			args[i] = v
		}
		return n.fn.call(n, args)
	}
	return nil, nil
}

// slice selects l[start:stop:step] as the specification says (and as
// Python slices a list). The parser rejects a step of 0.
func slice(l list, parts [3]*int) []any {
	n := l.len()
	step := 1
	if parts[2] != nil {
		step = *parts[2]
	}
	bound := func(p *int, def int) int {
		if p == nil {
			return def
		}
		i := *p
		switch {
		case i < 0:
			i += n
			if i < 0 {
				i = 0
				if step < 0 {
					i = -1
				}
			}
		case i >= n:
			i = n
			if step < 0 {
				i = n - 1
			}
		}
		return i
	}
	var start, stop int
	if step > 0 {
		start, stop = bound(parts[0], 0), bound(parts[1], n)
	} else {
		start, stop = bound(parts[0], n-1), bound(parts[1], -1)
	}
	out := []any{}
	for i := start; step > 0 && i < stop || step < 0 && i > stop; i += step {
		out = append(out, l.at(i))
	}
	return out
}

// compare applies a comparator: == and != to any values, the orderings to
// numbers only (null otherwise, as the specification says).
func compare(op tokKind, a, b any) any {
	switch op {
	case tEQ:
		return equal(a, b)
	case tNE:
		return !equal(a, b)
	}
	if typeOf(a) != jNumber || typeOf(b) != jNumber {
		return nil
	}
	c := compareNumbers(a, b)
	switch op {
	case tLT:
		return c < 0
	case tLE:
		return c <= 0
	case tGT:
		return c > 0
	default:
		return c >= 0
	}
}
