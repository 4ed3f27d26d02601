package endpoints

import (
	"encoding/binary"
	"errors"
	"fmt"
	"math"
)

// The compiled form of a rule set: what Load makes of the JSON, written by
// MarshalBinary when a service package is generated and read back by
// LoadCompiled (through EmbeddedCompiled) with no JSON, no gzip and a
// fixed number of allocations, one per kind of node (all expressions in
// one slice, all rules in another, ...). Strings are substrings of the
// data, which a generated package embeds as a string: they stay in the
// binary's read-only data.
//
// Layout (every integer an unsigned varint unless said otherwise):
//
//	magic "g3ep", format version
//	counts: strings, parameters, slots, expressions, expression
//	references, template parts, path steps, property nodes, property
//	references, property keys, endpoints, headers, dependencies, rules,
//	conditions, top-level rules, array values
//	strings: length, bytes
//	parameters: name, type, built-in (string+1, 0 for none), required,
//	default (kind byte, then a string, a boolean, or a count of strings)
//	used: one bit per parameter, in bytes
//	expressions, each after those it refers to: op byte (bit 7: neg),
//	then per op: opLit a value; opRef a slot; opTmpl parts (string<<1 or
//	expression<<1|1); opCall a function, arguments and path steps;
//	opArray arguments; opIsSetRef a slot; opBoolEqRef a slot and a
//	boolean; opStrEqRef a slot and a string; opSubstrRef a slot, start,
//	stop (zigzag) and reverse; opAttrRef a slot and path steps (a step:
//	attribute, index+1)
//	property nodes, each after those it refers to: kind (leaf, list,
//	map), then an expression, nodes, or (key string, node) pairs
//	rules, lists breadth first (a tree's rules follow all lists before
//	them): type, conditions (expression, assign+1), then an endpoint
//	(URL expression, headers (name, expressions), properties node+1,
//	the slots headers and properties read, the slots the URL reads), an
//	error expression, or a tree's rule count
//
// The version changes whenever the layout or the numbering of ops,
// functions or attributes does: data of another version is refused, and
// go generate rewrites the service packages' files.
const (
	compiledMagic   = "g3ep"
	compiledVersion = 1
)

// MarshalBinary returns the compiled form of the rule set, which
// LoadCompiled reads back into an equal rule set.
func (rs *RuleSet) MarshalBinary() ([]byte, error) {
	w := &encoder{strIndex: map[string]int{}, exprIndex: map[*expr]int{}, propIndex: map[*propNode]int{}}
	// Rules first, breadth first: they number the nodes they reach.
	var rules []byte
	lists := [][]rule{rs.rules}
	for len(lists) > 0 {
		list := lists[0]
		lists = lists[1:]
		for i := range list {
			r := &list[i]
			w.nrules++
			rules = append(rules, byte(r.typ))
			rules = binary.AppendUvarint(rules, uint64(len(r.conds)))
			for _, c := range r.conds {
				w.nconds++
				rules = binary.AppendUvarint(rules, uint64(w.expr(c.e)))
				rules = binary.AppendUvarint(rules, uint64(c.assign+1))
			}
			switch r.typ {
			case ruleEndpoint:
				rules = w.endpoint(rules, r.ep)
			case ruleError:
				rules = binary.AppendUvarint(rules, uint64(w.expr(r.errMsg)))
			case ruleTree:
				rules = binary.AppendUvarint(rules, uint64(len(r.children)))
				lists = append(lists, r.children)
			}
		}
	}
	var params []byte
	for _, p := range rs.params {
		params = binary.AppendUvarint(params, uint64(w.str(p.name)))
		params = append(params, byte(p.typ))
		builtIn := 0
		if p.builtIn != "" {
			builtIn = w.str(p.builtIn) + 1
		}
		params = binary.AppendUvarint(params, uint64(builtIn))
		params = appendBool(params, p.required)
		params = append(params, byte(p.def.k))
		switch p.def.k {
		case kindString:
			params = binary.AppendUvarint(params, uint64(w.str(p.def.s)))
		case kindBool:
			params = appendBool(params, p.def.b)
		case kindArray:
			a, _ := p.def.obj.(arrayValue)
			params = binary.AppendUvarint(params, uint64(len(a)))
			for _, v := range a {
				params = binary.AppendUvarint(params, uint64(w.str(v.s)))
			}
			w.narray += len(a)
		case kindNone:
		default:
			return nil, fmt.Errorf("endpoints: parameter %q: default of kind %d", p.name, p.def.k)
		}
	}
	used := make([]byte, (len(rs.params)+7)/8)
	for i := range rs.params {
		if i < len(rs.used) && rs.used[i] {
			used[i/8] |= 1 << (i % 8)
		}
	}
	if w.err != nil {
		return nil, w.err
	}

	out := append([]byte(compiledMagic), compiledVersion)
	for _, n := range []int{len(w.strs), len(rs.params), rs.nslots, len(w.exprIndex), w.nexprRefs, w.nparts, w.npath,
		len(w.propIndex), w.npropRefs, w.nkeys, w.neps, w.nheaders, w.ndeps, w.nrules, w.nconds, len(rs.rules), w.narray} {
		out = binary.AppendUvarint(out, uint64(n))
	}
	for _, s := range w.strs {
		out = binary.AppendUvarint(out, uint64(len(s)))
		out = append(out, s...)
	}
	out = append(out, params...)
	out = append(out, used...)
	out = append(out, w.exprs...)
	out = append(out, w.props...)
	return append(out, rules...), nil
}

func appendBool(b []byte, v bool) []byte {
	if v {
		return append(b, 1)
	}
	return append(b, 0)
}

// encoder numbers strings, expressions and property nodes as MarshalBinary
// meets them and counts what the decoder's slices hold.
type encoder struct {
	strs      []string
	strIndex  map[string]int
	exprs     []byte // the expressions section
	exprIndex map[*expr]int
	props     []byte // the property nodes section
	propIndex map[*propNode]int

	nexprRefs, nparts, npath, npropRefs, nkeys    int
	neps, nheaders, ndeps, nrules, nconds, narray int
	err                                           error
}

func (w *encoder) str(s string) int {
	i, ok := w.strIndex[s]
	if !ok {
		i = len(w.strs)
		w.strs = append(w.strs, s)
		w.strIndex[s] = i
	}
	return i
}

// expr returns e's number, writing e after the expressions it refers to
// the first time.
func (w *encoder) expr(e *expr) int {
	if i, ok := w.exprIndex[e]; ok {
		return i
	}
	// Children first, so that every reference points backwards.
	args := make([]int, len(e.args))
	for i, a := range e.args {
		args[i] = w.expr(a)
	}
	parts := make([]int, len(e.parts))
	for i, p := range e.parts {
		if p.e != nil {
			parts[i] = w.expr(p.e)<<1 | 1
		} else {
			parts[i] = w.str(p.lit) << 1
		}
	}
	b := w.exprs
	op := byte(e.op)
	if e.neg {
		op |= 0x80
	}
	b = append(b, op)
	refs := func() {
		b = binary.AppendUvarint(b, uint64(len(args)))
		for _, a := range args {
			b = binary.AppendUvarint(b, uint64(a))
		}
		w.nexprRefs += len(args)
	}
	path := func() {
		b = binary.AppendUvarint(b, uint64(len(e.path)))
		for _, st := range e.path {
			b = append(b, byte(st.attr))
			b = binary.AppendUvarint(b, uint64(st.index+1))
		}
		w.npath += len(e.path)
	}
	switch e.op {
	case opLit:
		b = append(b, byte(e.lit.k))
		switch e.lit.k {
		case kindString:
			b = binary.AppendUvarint(b, uint64(w.str(e.lit.s)))
		case kindBool:
			b = appendBool(b, e.lit.b)
		case kindInt:
			b = binary.AppendVarint(b, int64(e.lit.n))
		default:
			w.err = fmt.Errorf("endpoints: a literal of kind %d", e.lit.k)
		}
	case opRef, opIsSetRef:
		b = binary.AppendUvarint(b, uint64(e.slot))
	case opTmpl:
		b = binary.AppendUvarint(b, uint64(len(parts)))
		for _, p := range parts {
			b = binary.AppendUvarint(b, uint64(p))
		}
		w.nparts += len(parts)
	case opCall:
		b = append(b, byte(e.fn))
		refs()
		path()
	case opArray:
		refs()
	case opBoolEqRef:
		b = binary.AppendUvarint(b, uint64(e.slot))
		b = appendBool(b, e.lit.b)
	case opStrEqRef:
		b = binary.AppendUvarint(b, uint64(e.slot))
		b = binary.AppendUvarint(b, uint64(w.str(e.lit.s)))
	case opSubstrRef:
		b = binary.AppendUvarint(b, uint64(e.slot))
		b = binary.AppendVarint(b, int64(e.lit.n))
		b = binary.AppendVarint(b, int64(e.stop))
		b = appendBool(b, e.lit.b)
	case opAttrRef:
		b = binary.AppendUvarint(b, uint64(e.slot))
		path()
	default:
		w.err = fmt.Errorf("endpoints: an expression with op %d", e.op)
	}
	w.exprs = b
	i := len(w.exprIndex)
	w.exprIndex[e] = i
	return i
}

const (
	propLeaf = iota
	propList
	propMap
)

func (w *encoder) prop(n *propNode) int {
	if i, ok := w.propIndex[n]; ok {
		return i
	}
	var kind, leaf int
	var refs []int
	switch {
	case n.leaf != nil:
		kind, leaf = propLeaf, w.expr(n.leaf)
	case n.isMap:
		kind = propMap
		for _, v := range n.vals {
			refs = append(refs, w.prop(v))
		}
	default:
		kind = propList
		for _, v := range n.list {
			refs = append(refs, w.prop(v))
		}
	}
	b := append(w.props, byte(kind))
	switch kind {
	case propLeaf:
		b = binary.AppendUvarint(b, uint64(leaf))
	case propList:
		b = binary.AppendUvarint(b, uint64(len(refs)))
		for _, r := range refs {
			b = binary.AppendUvarint(b, uint64(r))
		}
	case propMap:
		b = binary.AppendUvarint(b, uint64(len(refs)))
		for i, r := range refs {
			b = binary.AppendUvarint(b, uint64(w.str(n.keys[i])))
			b = binary.AppendUvarint(b, uint64(r))
		}
		w.nkeys += len(refs)
	}
	w.npropRefs += len(refs)
	w.props = b
	i := len(w.propIndex)
	w.propIndex[n] = i
	return i
}

func (w *encoder) endpoint(b []byte, ep *endpointTmpl) []byte {
	w.neps++
	b = binary.AppendUvarint(b, uint64(w.expr(ep.url)))
	b = binary.AppendUvarint(b, uint64(len(ep.headers)))
	for _, h := range ep.headers {
		b = binary.AppendUvarint(b, uint64(w.str(h.name)))
		b = binary.AppendUvarint(b, uint64(len(h.vals)))
		for _, v := range h.vals {
			b = binary.AppendUvarint(b, uint64(w.expr(v)))
		}
		w.nexprRefs += len(h.vals)
	}
	w.nheaders += len(ep.headers)
	props := 0
	if ep.props != nil {
		props = w.prop(ep.props) + 1
	}
	b = binary.AppendUvarint(b, uint64(props))
	for _, deps := range [][]int{ep.deps, ep.urlDeps} {
		b = binary.AppendUvarint(b, uint64(len(deps)))
		for _, d := range deps {
			b = binary.AppendUvarint(b, uint64(d))
		}
		w.ndeps += len(deps)
	}
	return b
}

// LoadCompiled reads a rule set in the compiled form MarshalBinary writes.
// The rule set's strings are substrings of data. Data written by another
// version of this package, or damaged, is refused with an error; nothing
// in it can make LoadCompiled or the rule set's resolutions panic.
func LoadCompiled(data string) (*RuleSet, error) {
	rs, err := decodeCompiled(data)
	if err != nil {
		return nil, fmt.Errorf("endpoints: compiled rule set: %w", err)
	}
	return rs, nil
}

var errCompiled = errors.New("malformed")

// maxTreeSize bounds the size of an expression or a property value
// unshared (the largest of the vendored rule sets' are a few dozen nodes).
const maxTreeSize = 1 << 14

var errTreeSize = fmt.Errorf("%w: an expression or property of more than %d nodes", errCompiled, maxTreeSize)

// decoder reads the compiled form into slices made once each, handing out
// consecutive parts of them (next*).
type decoder struct {
	data string
	pos  int

	strs      []string
	exprs     []expr
	exprRefs  []*expr
	parts     []tmplPart
	path      []pathStep
	props     []propNode
	propRefs  []*propNode
	keys      []string
	eps       []endpointTmpl
	headers   []headerTmpl
	deps      []int
	rules     []rule
	conds     []cond
	arrayVals []Value

	// The size of each expression and property node as a tree, which
	// the compiled form's sharing hides: maxTreeSize bounds the work of
	// evaluating one (a chain of nodes referring twice to the one before
	// would double it at each step). size sums the node being read.
	exprSizes, propSizes []int
	size                 int

	nextExprRef, nextPart, nextPath, nextPropRef, nextKey int
	nextEp, nextHeader, nextDep, nextRule, nextCond       int
	nextArray, nslots, nparams                            int
}

// uint reads a varint no larger than max (none when max is negative).
func (d *decoder) uint(max int) (int, error) {
	v, n := uvarintString(d.data[d.pos:])
	if n <= 0 || max < 0 || v > uint64(max) {
		return 0, fmt.Errorf("%w at byte %d", errCompiled, d.pos)
	}
	d.pos += n
	return int(v), nil
}

// int reads a zigzag varint in int32's range.
func (d *decoder) int32() (int32, error) {
	u, err := d.uint(math.MaxUint32)
	v := int64(u>>1) ^ -int64(u&1)
	return int32(v), err
}

func (d *decoder) byte() (byte, error) {
	if d.pos >= len(d.data) {
		return 0, fmt.Errorf("%w: cut at byte %d", errCompiled, d.pos)
	}
	d.pos++
	return d.data[d.pos-1], nil
}

func (d *decoder) bool() (bool, error) {
	b, err := d.byte()
	if err == nil && b > 1 {
		err = fmt.Errorf("%w: boolean %d at byte %d", errCompiled, b, d.pos-1)
	}
	return b == 1, err
}

func (d *decoder) str() (string, error) {
	i, err := d.uint(len(d.strs) - 1)
	if err != nil {
		return "", err
	}
	return d.strs[i], nil
}

func (d *decoder) slot() (int, error) { return d.uint(d.nslots - 1) }

// uvarintString is binary.Uvarint over a string.
func uvarintString(s string) (uint64, int) {
	var x uint64
	var shift uint
	for i := 0; i < len(s) && i < binary.MaxVarintLen64; i++ {
		b := s[i]
		if b < 0x80 {
			if i == binary.MaxVarintLen64-1 && b > 1 {
				return 0, -1
			}
			return x | uint64(b)<<shift, i + 1
		}
		x |= uint64(b&0x7f) << shift
		shift += 7
	}
	return 0, 0
}

// take returns the next n elements of a slice that next counts into, or
// nil when n is 0 and keepEmpty is false (as the compiler leaves them).
func take[T any](slab []T, next *int, n int, keepEmpty bool) ([]T, error) {
	if n > len(slab)-*next {
		return nil, fmt.Errorf("%w: more elements than counted", errCompiled)
	}
	if n == 0 && !keepEmpty {
		return nil, nil
	}
	s := slab[*next : *next+n : *next+n]
	*next += n
	return s, nil
}

func decodeCompiled(data string) (*RuleSet, error) {
	if len(data) < len(compiledMagic)+1 || data[:len(compiledMagic)] != compiledMagic {
		return nil, fmt.Errorf("%w: not a compiled rule set", errCompiled)
	}
	if v := data[len(compiledMagic)]; v != compiledVersion {
		return nil, fmt.Errorf("format version %d, this package reads version %d: regenerate it (go generate ./internal/codegen)", v, compiledVersion)
	}
	d := &decoder{data: data, pos: len(compiledMagic) + 1}
	// Every counted element takes at least one byte, except slots, which
	// are parameters and assigned variables (each assigned by a condition).
	var counts [17]int
	for i := range counts {
		n, err := d.uint(len(data))
		if err != nil {
			return nil, err
		}
		counts[i] = n
	}
	nstrs, nparams, nslots, nexprs, nexprRefs, nparts, npath, nprops, npropRefs, nkeys, neps, nheaders, ndeps, nrules, nconds, ntop, narray :=
		counts[0], counts[1], counts[2], counts[3], counts[4], counts[5], counts[6], counts[7], counts[8], counts[9], counts[10], counts[11], counts[12], counts[13], counts[14], counts[15], counts[16]
	if nslots < nparams || nslots > nparams+nconds || ntop > nrules || nparams > 1<<16 {
		return nil, fmt.Errorf("%w: %d slots for %d parameters and %d conditions", errCompiled, nslots, nparams, nconds)
	}
	d.nslots, d.nparams = nslots, nparams
	d.strs = make([]string, nstrs)
	for i := range d.strs {
		n, err := d.uint(len(data) - d.pos)
		if err != nil {
			return nil, err
		}
		if n > len(data)-d.pos {
			return nil, fmt.Errorf("%w: string cut", errCompiled)
		}
		d.strs[i] = data[d.pos : d.pos+n]
		d.pos += n
	}
	rs := &RuleSet{nslots: nslots, used: make([]bool, nparams)}
	if nparams > 0 {
		rs.params = make([]paramDef, nparams)
	}
	d.arrayVals = make([]Value, narray)
	for i := range rs.params {
		if err := d.param(&rs.params[i]); err != nil {
			return nil, err
		}
	}
	for i := range rs.used {
		if d.pos+i/8 >= len(data) {
			return nil, fmt.Errorf("%w: cut", errCompiled)
		}
		rs.used[i] = data[d.pos+i/8]&(1<<(i%8)) != 0
	}
	d.pos += (nparams + 7) / 8

	d.exprs = make([]expr, nexprs)
	d.exprRefs = make([]*expr, nexprRefs)
	d.parts = make([]tmplPart, nparts)
	d.path = make([]pathStep, npath)
	d.exprSizes = make([]int, nexprs)
	for i := range d.exprs {
		d.size = 1
		if err := d.expr(i); err != nil {
			return nil, err
		}
		if d.size > maxTreeSize {
			return nil, errTreeSize
		}
		d.exprSizes[i] = d.size
	}
	d.props = make([]propNode, nprops)
	d.propRefs = make([]*propNode, npropRefs)
	d.keys = make([]string, nkeys)
	d.propSizes = make([]int, nprops)
	for i := range d.props {
		d.size = 1
		if err := d.prop(i); err != nil {
			return nil, err
		}
		if d.size > maxTreeSize {
			return nil, errTreeSize
		}
		d.propSizes[i] = d.size
	}
	d.eps = make([]endpointTmpl, neps)
	d.headers = make([]headerTmpl, nheaders)
	d.deps = make([]int, ndeps)
	d.rules = make([]rule, nrules)
	d.conds = make([]cond, nconds)
	var err error
	if rs.rules, err = take(d.rules, &d.nextRule, ntop, true); err != nil {
		return nil, err
	}
	endpoints := 0
	for i := range d.rules {
		if i >= d.nextRule {
			return nil, fmt.Errorf("%w: rule %d is in no list", errCompiled, i)
		}
		if err := d.rule(&d.rules[i], &endpoints); err != nil {
			return nil, err
		}
	}
	if d.pos != len(data) || d.nextExprRef != nexprRefs || d.nextPart != nparts || d.nextPath != npath ||
		d.nextPropRef != npropRefs || d.nextKey != nkeys || d.nextEp != neps || d.nextHeader != nheaders ||
		d.nextDep != ndeps || d.nextCond != nconds || d.nextArray != narray {
		return nil, fmt.Errorf("%w: the counts do not match the contents", errCompiled)
	}
	rs.finish(endpoints)
	return rs, nil
}

func (d *decoder) param(p *paramDef) error {
	var err error
	if p.name, err = d.str(); err != nil {
		return err
	}
	t, err := d.byte()
	if err != nil {
		return err
	}
	if t > byte(typeStringArray) {
		return fmt.Errorf("%w: parameter type %d", errCompiled, t)
	}
	p.typ = paramType(t)
	builtIn, err := d.uint(len(d.strs))
	if err != nil {
		return err
	}
	if builtIn > 0 {
		p.builtIn = d.strs[builtIn-1]
	}
	if p.required, err = d.bool(); err != nil {
		return err
	}
	k, err := d.byte()
	if err != nil {
		return err
	}
	switch kind(k) {
	case kindNone:
		return nil
	case kindString:
		p.def.s, err = d.str()
	case kindBool:
		p.def.b, err = d.bool()
	case kindArray:
		var n int
		if n, err = d.uint(len(d.data)); err != nil {
			return err
		}
		var a []Value
		if a, err = take(d.arrayVals, &d.nextArray, n, true); err != nil {
			return err
		}
		for i := range a {
			var s string
			if s, err = d.str(); err != nil {
				return err
			}
			a[i] = stringValue(s)
		}
		p.def.obj = arrayValue(a)
	default:
		return fmt.Errorf("%w: default of kind %d", errCompiled, k)
	}
	p.def.k = kind(k)
	if p.def.k != p.typ.kind() {
		return fmt.Errorf("%w: parameter %q: default of another type", errCompiled, p.name)
	}
	return err
}

// exprRefs reads a count and as many references to expressions before
// expression i.
func (d *decoder) exprList(i int) ([]*expr, error) {
	n, err := d.uint(len(d.data))
	if err != nil {
		return nil, err
	}
	refs, err := take(d.exprRefs, &d.nextExprRef, n, false)
	if err != nil {
		return nil, err
	}
	for j := range refs {
		if refs[j], err = d.exprRef(i); err != nil {
			return nil, err
		}
	}
	return refs, nil
}

// exprRef reads a reference to one of the first n expressions.
func (d *decoder) exprRef(n int) (*expr, error) {
	if n == 0 {
		return nil, fmt.Errorf("%w: a reference to no expression", errCompiled)
	}
	j, err := d.uint(n - 1)
	if err != nil {
		return nil, err
	}
	d.size += d.exprSizes[j]
	return &d.exprs[j], nil
}

func (d *decoder) pathSteps() ([]pathStep, error) {
	n, err := d.uint(len(d.data))
	if err != nil {
		return nil, err
	}
	steps, err := take(d.path, &d.nextPath, n, false)
	if err != nil {
		return nil, err
	}
	for j := range steps {
		a, err := d.byte()
		if err != nil {
			return nil, err
		}
		if a >= byte(numAttrs) {
			return nil, fmt.Errorf("%w: attribute %d", errCompiled, a)
		}
		idx, err := d.uint(math.MaxInt32)
		if err != nil {
			return nil, err
		}
		steps[j] = pathStep{attr: attrID(a), index: idx - 1}
	}
	return steps, nil
}

func (d *decoder) expr(i int) error {
	e := &d.exprs[i]
	op, err := d.byte()
	if err != nil {
		return err
	}
	e.op, e.neg = exprOp(op&0x7f), op&0x80 != 0
	switch e.op {
	case opLit:
		k, err := d.byte()
		if err != nil {
			return err
		}
		e.lit.k = kind(k)
		switch e.lit.k {
		case kindString:
			e.lit.s, err = d.str()
		case kindBool:
			e.lit.b, err = d.bool()
		case kindInt:
			e.lit.n, err = d.int32()
		default:
			return fmt.Errorf("%w: a literal of kind %d", errCompiled, k)
		}
		return err
	case opRef, opIsSetRef:
		e.slot, err = d.slot()
		return err
	case opTmpl:
		n, err := d.uint(len(d.data))
		if err != nil {
			return err
		}
		if e.parts, err = take(d.parts, &d.nextPart, n, false); err != nil {
			return err
		}
		for j := range e.parts {
			p, err := d.uint(math.MaxInt32)
			if err != nil {
				return err
			}
			if p&1 == 0 {
				if p>>1 >= len(d.strs) {
					return fmt.Errorf("%w: string %d", errCompiled, p>>1)
				}
				e.parts[j].lit = d.strs[p>>1]
			} else {
				if p>>1 >= i {
					return fmt.Errorf("%w: expression %d refers forward", errCompiled, i)
				}
				e.parts[j].e = &d.exprs[p>>1]
				d.size += d.exprSizes[p>>1]
			}
		}
		return nil
	case opCall:
		fn, err := d.byte()
		if err != nil {
			return err
		}
		e.fn = fnID(fn)
		if fn >= byte(len(arities)) {
			return fmt.Errorf("%w: function %d", errCompiled, fn)
		}
		if e.args, err = d.exprList(i); err != nil {
			return err
		}
		if e.path, err = d.pathSteps(); err != nil {
			return err
		}
		nargs := arities[fn]
		if e.fn == fnGetAttr {
			nargs--
			if len(e.path) == 0 {
				return fmt.Errorf("%w: getAttr without path", errCompiled)
			}
		} else if e.path != nil {
			return fmt.Errorf("%w: a path for function %d", errCompiled, fn)
		}
		if len(e.args) != nargs {
			return fmt.Errorf("%w: function %d with %d arguments", errCompiled, fn, len(e.args))
		}
		return nil
	case opArray:
		e.args, err = d.exprList(i)
		return err
	case opBoolEqRef:
		if e.slot, err = d.slot(); err != nil {
			return err
		}
		e.lit.k = kindBool
		e.lit.b, err = d.bool()
		return err
	case opStrEqRef:
		if e.slot, err = d.slot(); err != nil {
			return err
		}
		e.lit.k = kindString
		e.lit.s, err = d.str()
		return err
	case opSubstrRef:
		if e.slot, err = d.slot(); err != nil {
			return err
		}
		e.lit.k = kindInt
		if e.lit.n, err = d.int32(); err != nil {
			return err
		}
		stop, err := d.int32()
		if err != nil {
			return err
		}
		e.stop = int(stop)
		e.lit.b, err = d.bool()
		return err
	case opAttrRef:
		if e.slot, err = d.slot(); err != nil {
			return err
		}
		e.path, err = d.pathSteps()
		return err
	}
	return fmt.Errorf("%w: op %d", errCompiled, e.op)
}

// arities is each function's argument count, by fnID.
var arities = [...]int{
	fnIsSet: 1, fnNot: 1, fnBooleanEquals: 2, fnStringEquals: 2, fnGetAttr: 2, fnSubstring: 4, fnParseURL: 1,
	fnURIEncode: 1, fnIsValidHostLabel: 2, fnPartition: 1, fnParseArn: 1, fnIsVirtualHostableS3Bucket: 2,
}

func (d *decoder) prop(i int) error {
	n := &d.props[i]
	k, err := d.byte()
	if err != nil {
		return err
	}
	switch k {
	case propLeaf:
		n.leaf, err = d.exprRef(len(d.exprs))
		return err
	case propList, propMap:
		cnt, err := d.uint(len(d.data))
		if err != nil {
			return err
		}
		refs, err := take(d.propRefs, &d.nextPropRef, cnt, k == propList)
		if err != nil {
			return err
		}
		if k == propMap {
			n.isMap = true
			n.vals = refs
			if n.keys, err = take(d.keys, &d.nextKey, cnt, false); err != nil {
				return err
			}
		} else {
			n.list = refs
		}
		for j := range refs {
			if k == propMap {
				if n.keys[j], err = d.str(); err != nil {
					return err
				}
			}
			if i == 0 {
				return fmt.Errorf("%w: property node %d refers forward", errCompiled, i)
			}
			r, err := d.uint(i - 1)
			if err != nil {
				return err
			}
			refs[j] = &d.props[r]
			d.size += d.propSizes[r]
			if d.size > maxTreeSize {
				return errTreeSize
			}
		}
		return nil
	}
	return fmt.Errorf("%w: property node kind %d", errCompiled, k)
}

func (d *decoder) rule(r *rule, endpoints *int) error {
	t, err := d.byte()
	if err != nil {
		return err
	}
	if t > byte(ruleTree) {
		return fmt.Errorf("%w: rule type %d", errCompiled, t)
	}
	r.typ = ruleType(t)
	n, err := d.uint(len(d.data))
	if err != nil {
		return err
	}
	if r.conds, err = take(d.conds, &d.nextCond, n, false); err != nil {
		return err
	}
	for j := range r.conds {
		e, err := d.exprRef(len(d.exprs))
		if err != nil {
			return err
		}
		assign, err := d.uint(d.nslots)
		if err != nil {
			return err
		}
		if assign > 0 && assign <= d.nparams {
			return fmt.Errorf("%w: a condition assigns parameter %d", errCompiled, assign-1)
		}
		r.conds[j] = newCond(e, assign-1)
	}
	switch r.typ {
	case ruleEndpoint:
		if d.nextEp >= len(d.eps) {
			return fmt.Errorf("%w: more endpoints than counted", errCompiled)
		}
		r.ep = &d.eps[d.nextEp]
		d.nextEp++
		return d.endpoint(r.ep, endpoints)
	case ruleError:
		r.errMsg, err = d.exprRef(len(d.exprs))
		return err
	}
	n, err = d.uint(len(d.data))
	if err != nil {
		return err
	}
	r.children, err = take(d.rules, &d.nextRule, n, true)
	return err
}

func (d *decoder) endpoint(ep *endpointTmpl, endpoints *int) error {
	var err error
	if ep.url, err = d.exprRef(len(d.exprs)); err != nil {
		return err
	}
	n, err := d.uint(len(d.data))
	if err != nil {
		return err
	}
	if ep.headers, err = take(d.headers, &d.nextHeader, n, false); err != nil {
		return err
	}
	for j := range ep.headers {
		h := &ep.headers[j]
		if h.name, err = d.str(); err != nil {
			return err
		}
		if h.vals, err = d.exprList(len(d.exprs)); err != nil {
			return err
		}
	}
	p, err := d.uint(len(d.props))
	if err != nil {
		return err
	}
	if p > 0 {
		ep.props = &d.props[p-1]
	}
	for _, deps := range []*[]int{&ep.deps, &ep.urlDeps} {
		if n, err = d.uint(len(d.data)); err != nil {
			return err
		}
		if *deps, err = take(d.deps, &d.nextDep, n, false); err != nil {
			return err
		}
		for j := range *deps {
			if (*deps)[j], err = d.slot(); err != nil {
				return err
			}
		}
	}
	ep.id = *endpoints
	*endpoints++
	return nil
}
