package endpoints

import (
	"encoding/json"
	"fmt"
	"hash/maphash"
	"math"
	"slices"
	"strconv"
	"strings"
)

// RuleSet is a compiled endpoint rule set, made by Load or returned by S3,
// SES and EC2. It is immutable after Load and safe for concurrent use; it
// keeps a small bounded cache of recent results. The zero RuleSet has no
// parameters and no rules: Resolve returns ErrNoRule.
type RuleSet struct {
	// The compiled rule set, which MarshalBinary writes.
	params []paramDef
	nslots int // params plus assigned variables
	used   []bool
	rules  []rule

	// What resolution keeps besides (see finish).
	// atoms are the distinct conditions (at most 64) that compare a
	// parameter with a literal and assign nothing: S3's 742 conditions
	// hold 549 uses of 26 of them. A resolution decides them all first,
	// one bit each, and a rule's atoms are then one test of a mask.
	atoms []cond
	seed  maphash.Seed
	plan  *keyPlan // compact cache key layout; nil: no cache
	cache cache
	memos []memoSet // by endpoint, see endpointTmpl
	urls  []urlSlot // by endpoint
}

// Parameter describes one parameter declared by a rule set.
type Parameter struct {
	Name     string
	Type     string // "string", "boolean" or "stringArray"
	BuiltIn  string // e.g. "AWS::Region"; empty if none
	Required bool
	Default  any // string, bool, []string or nil
}

type paramType uint8

const (
	typeString paramType = iota
	typeBool
	typeStringArray
)

func (t paramType) String() string {
	switch t {
	case typeBool:
		return "boolean"
	case typeStringArray:
		return "stringArray"
	}
	return "string"
}

func (t paramType) kind() kind {
	switch t {
	case typeBool:
		return kindBool
	case typeStringArray:
		return kindArray
	}
	return kindString
}

type paramDef struct {
	name     string
	typ      paramType
	builtIn  string
	required bool
	def      Value
}

type ruleType uint8

const (
	ruleEndpoint ruleType = iota
	ruleError
	ruleTree
)

type rule struct {
	conds    []cond
	typ      ruleType
	children []rule // stored inline: siblings are walked in order
	errMsg   *expr
	ep       *endpointTmpl

	// need has a bit for each of the rule's conditions that is an atom
	// (see RuleSet.atoms): the rule holds only if all of them do, and its
	// other conditions are evaluated from conds[skip:], the atoms among
	// them skipped.
	need uint64
	skip int
}

type cond struct {
	e      *expr // shared by all identical conditions (S3: 742 conditions, 105 distinct)
	assign int   // slot, or -1

	// The most common conditions compare a parameter with a literal and
	// assign nothing; newCond copies what they read from e so that the
	// evaluator decides them without following e: op is e.op for
	// opIsSetRef, opBoolEqRef and opStrEqRef without assign, else opCall.
	op   exprOp
	neg  bool
	b    bool  // the literal of opBoolEqRef
	atom uint8 // opAtom: the atom's bit
	slot int
	s    string // the literal of opStrEqRef
}

func newCond(e *expr, assign int) cond {
	c := cond{e: e, assign: assign, op: opCall}
	if assign >= 0 {
		return c
	}
	switch e.op {
	case opIsSetRef, opStrEqRef, opBoolEqRef:
		c.op, c.neg, c.b, c.slot, c.s = e.op, e.neg, e.lit.b, e.slot, e.lit.s
	}
	return c
}

type endpointTmpl struct {
	url     *expr
	headers []headerTmpl
	props   *propNode // nil when there are no properties

	// An endpoint's headers and properties (with the AuthSchemes decoded
	// from them) are built once for the values of the slots they read
	// (deps, ascending) and kept in RuleSet.memos[id] (the last four sets
	// of values): S3's depend on the region, not on the bucket. Its URL,
	// unless a literal, is kept in RuleSet.urls[id] with the values of
	// the slots it reads (urlDeps) when the same values miss twice in a
	// row: DynamoDB's depends on the region, not on the table. id numbers
	// the endpoints in the order of their rules' lists, breadth first
	// (numberEndpoints).
	id      int
	deps    []int
	urlDeps []int
}

type headerTmpl struct {
	name string
	vals []*expr
}

// propNode is a compiled property value: a leaf expression, a list or a map.
type propNode struct {
	leaf  *expr
	list  []*propNode
	keys  []string // map keys, with vals
	vals  []*propNode
	isMap bool
}

type exprOp uint8

const (
	opLit exprOp = iota
	opRef
	opTmpl
	opCall
	opArray
	// Specialized forms of the most common conditions; neg negates.
	opIsSetRef  // isSet({ref}) / not(isSet({ref}))
	opBoolEqRef // booleanEquals({ref}, lit)
	opStrEqRef  // stringEquals({ref}, "lit") / not(...)
	opSubstrRef // substring({ref}, lit, lit, lit)
	opAttrRef   // getAttr({ref}, path)

	// opAtom marks a condition that is an atom (RuleSet.atoms), decided
	// before the rules are walked; only conditions have it.
	opAtom
)

type fnID uint8

const (
	fnIsSet fnID = iota
	fnNot
	fnBooleanEquals
	fnStringEquals
	fnGetAttr
	fnSubstring
	fnParseURL
	fnURIEncode
	fnIsValidHostLabel
	fnPartition
	fnParseArn
	fnIsVirtualHostableS3Bucket
)

var functions = map[string]struct {
	id    fnID
	arity int
}{
	"isSet":                         {fnIsSet, 1},
	"not":                           {fnNot, 1},
	"booleanEquals":                 {fnBooleanEquals, 2},
	"stringEquals":                  {fnStringEquals, 2},
	"getAttr":                       {fnGetAttr, 2},
	"substring":                     {fnSubstring, 4},
	"parseURL":                      {fnParseURL, 1},
	"uriEncode":                     {fnURIEncode, 1},
	"isValidHostLabel":              {fnIsValidHostLabel, 2},
	"aws.partition":                 {fnPartition, 1},
	"aws.parseArn":                  {fnParseArn, 1},
	"aws.isVirtualHostableS3Bucket": {fnIsVirtualHostableS3Bucket, 2},
}

// expr is a compiled expression. Variables are pre-resolved to slots,
// templates pre-split, functions interned and getAttr paths pre-parsed.
type expr struct {
	op   exprOp
	fn   fnID  // opCall
	neg  bool  // opIsSetRef, opBoolEqRef, opStrEqRef: the result is negated
	atom uint8 // a condition that is an atom: its bit + 1 (see findAtoms)
	// slot is the variable read by opRef, opIsSetRef, opBoolEqRef,
	// opStrEqRef, opSubstrRef and opAttrRef.
	slot int
	// lit is opLit's value (a boolean, string or integer), the literal of
	// opBoolEqRef and opStrEqRef, and opSubstrRef's start (n) and
	// reverse flag (b).
	lit   Value
	stop  int        // opSubstrRef
	parts []tmplPart // opTmpl
	args  []*expr    // opCall (getAttr: the record only), opArray
	path  []pathStep // getAttr, opAttrRef
}

// specialize rewrites common call shapes into single ops that read their
// variable slot directly.
func specialize(e *expr) *expr {
	if e.op != opCall {
		return e
	}
	ref := func(x *expr) bool { return x.op == opRef }
	lit := func(x *expr, k kind) bool { return x.op == opLit && x.lit.k == k }
	switch e.fn {
	case fnIsSet:
		if ref(e.args[0]) {
			return &expr{op: opIsSetRef, slot: e.args[0].slot}
		}
	case fnNot:
		a := e.args[0]
		if a.op == opIsSetRef || a.op == opStrEqRef || a.op == opBoolEqRef {
			n := *a
			n.neg = !n.neg
			return &n
		}
	case fnBooleanEquals:
		a, b := e.args[0], e.args[1]
		if lit(a, kindBool) && ref(b) {
			a, b = b, a
		}
		if ref(a) && lit(b, kindBool) {
			return &expr{op: opBoolEqRef, slot: a.slot, lit: b.lit}
		}
	case fnStringEquals:
		a, b := e.args[0], e.args[1]
		if lit(a, kindString) && ref(b) {
			a, b = b, a
		}
		if ref(a) && lit(b, kindString) {
			return &expr{op: opStrEqRef, slot: a.slot, lit: b.lit}
		}
	case fnSubstring:
		a := e.args
		if ref(a[0]) && lit(a[1], kindInt) && lit(a[2], kindInt) && lit(a[3], kindBool) {
			return &expr{op: opSubstrRef, slot: a[0].slot, lit: Value{k: kindInt, n: a[1].lit.n, b: a[3].lit.b}, stop: int(a[2].lit.n)}
		}
	case fnGetAttr:
		if ref(e.args[0]) {
			return &expr{op: opAttrRef, slot: e.args[0].slot, path: e.path}
		}
	}
	return e
}

type tmplPart struct {
	lit string
	e   *expr // nil for a literal part
}

type pathStep struct {
	attr  attrID // the record attribute; attrNone for a bare index
	index int    // -1 when the step has no index
}

// attrID names a record attribute (getAttr's "dnsSuffix", "resourceId"),
// so that evaluation compares no names.
type attrID uint8

const (
	attrNone    attrID = iota // a bare index step
	attrUnknown               // a name no record has: getAttr gives unset
	// partition (aws.partition)
	attrName
	attrDNSSuffix
	attrDualStackDNSSuffix
	attrSupportsFIPS
	attrSupportsDualStack
	attrImplicitGlobalRegion
	// URL (parseURL)
	attrScheme
	attrAuthority
	attrPath
	attrNormalizedPath
	attrIsIP
	// ARN (aws.parseArn)
	attrPartition
	attrService
	attrRegion
	attrAccountID
	attrResourceID
	numAttrs
)

var attrNames = map[string]attrID{
	"name": attrName, "dnsSuffix": attrDNSSuffix, "dualStackDnsSuffix": attrDualStackDNSSuffix,
	"supportsFIPS": attrSupportsFIPS, "supportsDualStack": attrSupportsDualStack, "implicitGlobalRegion": attrImplicitGlobalRegion,
	"scheme": attrScheme, "authority": attrAuthority, "path": attrPath, "normalizedPath": attrNormalizedPath, "isIp": attrIsIP,
	"partition": attrPartition, "service": attrService, "region": attrRegion, "accountId": attrAccountID, "resourceId": attrResourceID,
}

// Load parses and compiles a rule set (endpoint-rule-set-1.json) against the
// embedded partitions.json.
func Load(data []byte) (*RuleSet, error) {
	return load(data)
}

type ruleSetFile struct {
	Version    string
	Parameters map[string]paramFile
	Rules      []any
}

type paramFile struct {
	Type     string
	BuiltIn  string
	Required bool
	Default  any
}

// decodeRuleSetFile reads the document's top-level fields with
// encoding/json's rules for a struct: a member sets a field when its key
// equals the field's name under case folding, members apply in order (the
// last wins, and a second "parameters" object adds to the first), null
// resets an object or array field and leaves a string or boolean alone, and
// a value of the wrong type is an error. The one difference: a key repeated
// exactly is one member with its last value (see parseJSON), so a string
// or boolean followed by null under the same key reads as unset.
func decodeRuleSetFile(data []byte) (ruleSetFile, error) {
	var f ruleSetFile
	doc, err := parseJSON(data)
	if err != nil || doc == nil {
		return f, err
	}
	top, ok := doc.(jsonObject)
	if !ok {
		return f, fmt.Errorf("want an object, got %s", jsonKind(doc))
	}
	if err := fieldAs(top, "version", &f.Version); err != nil {
		return f, err
	}
	if err := fieldAs(top, "rules", &f.Rules); err != nil {
		return f, err
	}
	for _, pm := range top {
		if !strings.EqualFold(pm.key, "parameters") {
			continue
		}
		params, ok := pm.val.(jsonObject)
		if !ok {
			if pm.val == nil {
				f.Parameters = nil
				continue
			}
			return f, fmt.Errorf("parameters: want an object, got %s", jsonKind(pm.val))
		}
		if f.Parameters == nil {
			f.Parameters = make(map[string]paramFile, len(params))
		}
		for _, m := range params {
			var fp paramFile
			switch v := m.val.(type) {
			case nil:
			case jsonObject:
				for _, e := range []error{
					fieldAs(v, "type", &fp.Type),
					fieldAs(v, "builtIn", &fp.BuiltIn),
					fieldAs(v, "required", &fp.Required),
					fieldAs(v, "default", &fp.Default),
				} {
					if e != nil {
						return f, fmt.Errorf("parameters.%s: %w", m.key, e)
					}
				}
			default:
				return f, fmt.Errorf("parameters.%s: want an object, got %s", m.key, jsonKind(v))
			}
			f.Parameters[m.key] = fp
		}
	}
	return f, nil
}

// fieldAs stores in *dst, in order, the members of o that encoding/json
// stores in a struct field named key (the names of the fields decoded here
// differ under case folding, so a key matching one under folding matches
// no other exactly): null resets an array, object or any and leaves a
// string or boolean unchanged.
func fieldAs[T any](o jsonObject, key string, dst *T) error {
	for _, m := range o {
		if !strings.EqualFold(m.key, key) {
			continue
		}
		if m.val == nil {
			switch any(dst).(type) {
			case *[]any, *jsonObject, *any:
				var zero T
				*dst = zero
			}
			continue
		}
		t, ok := m.val.(T)
		if !ok {
			return fmt.Errorf("%s: want %s, got %s", key, jsonKind(*new(T)), jsonKind(m.val))
		}
		*dst = t
	}
	return nil
}

// jsonKind names the JSON type of a decoded value (or of a Go destination).
func jsonKind(v any) string {
	switch v.(type) {
	case nil:
		return "null"
	case bool:
		return "a boolean"
	case string:
		return "a string"
	case json.Number:
		return "a number"
	case []any:
		return "an array"
	case jsonObject:
		return "an object"
	}
	return fmt.Sprintf("%T", v)
}

func load(data []byte) (*RuleSet, error) {
	f, err := decodeRuleSetFile(data)
	if err != nil {
		return nil, fmt.Errorf("endpoints: rule set: %w", err)
	}
	rs := &RuleSet{}
	params := map[string]int{}
	names := make([]string, 0, len(f.Parameters))
	for n := range f.Parameters {
		names = append(names, n)
	}
	slices.Sort(names)
	for _, n := range names {
		fp := f.Parameters[n]
		d := paramDef{name: n, builtIn: fp.BuiltIn, required: fp.Required}
		switch strings.ToLower(fp.Type) {
		case "string":
			d.typ = typeString
		case "boolean":
			d.typ = typeBool
		case "stringarray":
			d.typ = typeStringArray
		default:
			return nil, fmt.Errorf("endpoints: parameter %q: unknown type %q", n, fp.Type)
		}
		if fp.Default != nil {
			v, ok := fromAny(fp.Default)
			if !ok || v.k != d.typ.kind() {
				return nil, fmt.Errorf("endpoints: parameter %q: default %v is not a %s", n, fp.Default, d.typ)
			}
			d.def = v
		}
		params[n] = len(rs.params)
		rs.params = append(rs.params, d)
	}
	c := &compiler{rs: rs, params: params, vars: map[string]int{}, nslots: len(rs.params), used: make([]bool, len(rs.params)), interned: map[string]interned{}}
	c.scope = append(c.scope, names...)
	rules, err := c.rules(f.Rules, &loc{name: "rules"})
	if err != nil {
		return nil, err
	}
	rs.rules = rules
	rs.nslots = c.nslots
	rs.used = c.used
	rs.finish(numberEndpoints(rs.rules))
	return rs, nil
}

// numberEndpoints numbers the endpoints in the order of their rules'
// lists breadth first (the order LoadCompiled reads them in) and returns
// how many there are.
func numberEndpoints(top []rule) int {
	n := 0
	for lists := [][]rule{top}; len(lists) > 0; lists = lists[1:] {
		for i := range lists[0] {
			r := &lists[0][i]
			if r.ep != nil {
				r.ep.id = n
				n++
			}
			if r.typ == ruleTree {
				lists = append(lists, r.children)
			}
		}
	}
	return n
}

// finish prepares what resolution needs beyond the compiled rules: the
// cache's seed and key layout, the memos of as many endpoints and the
// atoms.
func (rs *RuleSet) finish(endpoints int) {
	rs.seed = maphash.MakeSeed()
	rs.planKey(rs.used)
	rs.memos = make([]memoSet, endpoints)
	rs.urls = make([]urlSlot, endpoints)
	rs.findAtoms(rs.rules)
}

// findAtoms numbers the atoms (RuleSet.atoms) of rules and their children
// in the order they first appear, depth first, and prepares each rule's
// need and skip and each atom condition's op and bit.
func (rs *RuleSet) findAtoms(rules []rule) {
	for i := range rules {
		r := &rules[i]
		leading := true
		for j := range r.conds {
			c := &r.conds[j]
			isAtom := false
			switch c.op {
			case opIsSetRef, opBoolEqRef, opStrEqRef:
				isAtom = c.slot < len(rs.params) && (c.e.atom > 0 || len(rs.atoms) < 64)
			}
			if !isAtom {
				leading = false
				continue
			}
			if c.e.atom == 0 {
				if rs.atoms == nil {
					rs.atoms = make([]cond, 0, 64)
				}
				rs.atoms = append(rs.atoms, *c)
				c.e.atom = uint8(len(rs.atoms))
			}
			c.op, c.atom = opAtom, c.e.atom-1
			r.need |= 1 << c.atom
			if leading {
				r.skip = j + 1
			}
		}
		rs.findAtoms(r.children)
	}
}

// atomBits decides the atoms for the parameter values in slots, without
// a branch on their outcomes (which vary from one resolution to the next).
// Deciding all of them first costs less than deciding each when a rule
// first needs it.
func (rs *RuleSet) atomBits(slots []Value) uint64 {
	var bits uint64
	for i := range rs.atoms {
		a := &rs.atoms[i]
		v := &slots[a.slot]
		var ok bool
		switch a.op {
		case opBoolEqRef:
			ok = v.k == kindBool && v.b == a.b
		case opIsSetRef:
			ok = v.k != kindNone
		case opStrEqRef:
			ok = v.k == kindString && v.s == a.s
		}
		bits |= (b2u(ok) ^ b2u(a.neg)) << i
	}
	return bits
}

func b2u(b bool) uint64 {
	var u uint64
	if b {
		u = 1
	}
	return u
}

// Parameters lists the parameters the rule set declares, sorted by name.
func (rs *RuleSet) Parameters() []Parameter {
	out := make([]Parameter, len(rs.params))
	for i, d := range rs.params {
		out[i] = Parameter{Name: d.name, Type: d.typ.String(), BuiltIn: d.builtIn, Required: d.required, Default: d.def.toParam()}
	}
	return out
}

func (v Value) toParam() any {
	switch v.k {
	case kindString:
		return v.s
	case kindBool:
		return v.b
	case kindArray:
		a, _ := v.obj.(arrayValue)
		out := make([]string, len(a))
		for i, e := range a {
			out[i] = e.s
		}
		return out
	}
	return nil
}

// BuiltIn returns the position of the parameter the rule set binds to the
// built-in name (such as "AWS::Region" or "SDK::Endpoint"), or -1.
func (rs *RuleSet) BuiltIn(name string) int {
	for i := len(rs.params) - 1; i >= 0; i-- { // the last one, by name
		if rs.params[i].builtIn == name && name != "" {
			return i
		}
	}
	return -1
}

type compiler struct {
	rs     *RuleSet
	params map[string]int // parameter -> slot
	vars   map[string]int // assigned variable -> slot
	nslots int
	scope  []string // names visible at this point: parameters then assigns
	used   []bool   // parameters referenced by some rule

	// Identical expressions and property values (S3's 742 conditions have
	// 105 distinct ones, its 178 endpoints 10 distinct property sets) are
	// compiled once and shared: a compiled node never changes, and a name
	// always has the same slot (parameters are fixed and an assigned name
	// keeps the slot it first got), so equal source means equal node.
	// Each use still checks that the names the node reads are in scope.
	interned map[string]interned
	refs     []string // names looked up since the outermost node began
	depth    int      // nodes being compiled
	key      []byte   // scratch for appendKey
}

// interned is a shared compiled node and the names it reads.
type interned struct {
	e     *expr
	p     *propNode
	names []string
}

// loc is where a node sits in the document, such as
// rules[0].conditions[1].argv[0], for error messages. It is spelled out only
// when an error names it: a string built at every node would cost time and
// memory quadratic in the nesting.
type loc struct {
	parent  *loc
	name    string // ".name" after the parent, or
	index   int    // "[index]"
	isIndex bool
}

func (l *loc) field(name string) *loc { return &loc{parent: l, name: name} }
func (l *loc) at(i int) *loc          { return &loc{parent: l, index: i, isIndex: true} }

func (l *loc) String() string {
	var path []*loc
	for p := l; p != nil; p = p.parent {
		path = append(path, p)
	}
	var b []byte
	for i := len(path) - 1; i >= 0; i-- {
		if p := path[i]; !p.isIndex {
			if i < len(path)-1 {
				b = append(b, '.')
			}
			b = append(b, p.name...)
		} else {
			b = strconv.AppendInt(append(b, '['), int64(p.index), 10)
			b = append(b, ']')
		}
	}
	return string(b)
}

func asMap(x any, where *loc) (jsonObject, error) {
	m, ok := x.(jsonObject)
	if !ok {
		return nil, fmt.Errorf("endpoints: %s: want an object, got %T", where, x)
	}
	return m, nil
}

func (c *compiler) rules(list []any, where *loc) ([]rule, error) {
	out := make([]rule, 0, len(list))
	for i, x := range list {
		r, err := c.rule(x, where.at(i))
		if err != nil {
			return nil, err
		}
		out = append(out, *r)
	}
	return out, nil
}

func (c *compiler) rule(x any, where *loc) (*rule, error) {
	m, err := asMap(x, where)
	if err != nil {
		return nil, err
	}
	mark := len(c.scope)
	defer func() { c.scope = c.scope[:mark] }()
	r := &rule{}
	conds, _ := m.val("conditions").([]any)
	if len(conds) > 0 {
		r.conds = make([]cond, 0, len(conds))
	}
	for i, cx := range conds {
		cw := where.field("conditions").at(i)
		cm, err := asMap(cx, cw)
		if err != nil {
			return nil, err
		}
		if _, ok := cm.get("fn"); !ok {
			return nil, fmt.Errorf("endpoints: %s: a condition must call a function", cw)
		}
		e, err := c.expr(cm, cw)
		if err != nil {
			return nil, err
		}
		assign := -1
		if a, ok := cm.val("assign").(string); ok {
			if _, isParam := c.params[a]; isParam {
				return nil, fmt.Errorf("endpoints: %s: assign %q shadows a parameter", cw, a)
			}
			slot, ok := c.vars[a]
			if !ok {
				slot = c.nslots
				c.nslots++
				c.vars[a] = slot
			}
			assign = slot
			c.scope = append(c.scope, a)
		}
		r.conds = append(r.conds, newCond(e, assign))
	}
	switch t, _ := m.val("type").(string); t {
	case "endpoint":
		r.typ = ruleEndpoint
		r.ep, err = c.endpoint(m.val("endpoint"), where.field("endpoint"))
	case "error":
		r.typ = ruleError
		r.errMsg, err = c.expr(m.val("error"), where.field("error"))
	case "tree":
		r.typ = ruleTree
		sub, ok := m.val("rules").([]any)
		if !ok {
			return nil, fmt.Errorf("endpoints: %s: tree rule without rules", where)
		}
		r.children, err = c.rules(sub, where.field("rules"))
	default:
		return nil, fmt.Errorf("endpoints: %s: unknown rule type %q", where, t)
	}
	if err != nil {
		return nil, err
	}
	return r, nil
}

func (c *compiler) endpoint(x any, where *loc) (*endpointTmpl, error) {
	m, err := asMap(x, where)
	if err != nil {
		return nil, err
	}
	ep := &endpointTmpl{}
	if ep.url, err = c.expr(m.val("url"), where.field("url")); err != nil {
		return nil, err
	}
	if hx, ok := m.get("headers"); ok {
		hm, err := asMap(hx, where.field("headers"))
		if err != nil {
			return nil, err
		}
		keys := make([]string, 0, len(hm))
		for _, e := range hm {
			k := e.key
			keys = append(keys, k)
		}
		slices.Sort(keys)
		for _, k := range keys {
			vs, ok := hm.val(k).([]any)
			if !ok {
				return nil, fmt.Errorf("endpoints: %s.headers.%s: want a list", where, k)
			}
			h := headerTmpl{name: k}
			for i, v := range vs {
				e, err := c.expr(v, where.field("headers").field(k).at(i))
				if err != nil {
					return nil, err
				}
				h.vals = append(h.vals, e)
			}
			ep.headers = append(ep.headers, h)
		}
	}
	if px, ok := m.get("properties"); ok {
		pm, err := asMap(px, where.field("properties"))
		if err != nil {
			return nil, err
		}
		if len(pm) > 0 {
			if ep.props, err = c.prop(pm, where.field("properties")); err != nil {
				return nil, err
			}
		}
	}
	ep.deps = endpointDeps(ep)
	ep.urlDeps = exprDeps(nil, ep.url)
	slices.Sort(ep.urlDeps)
	return ep, nil
}

// exprDeps appends to deps the slots e reads that it does not hold.
func exprDeps(deps []int, e *expr) []int {
	switch e.op {
	case opRef, opIsSetRef, opBoolEqRef, opStrEqRef, opSubstrRef, opAttrRef:
		if !slices.Contains(deps, e.slot) {
			deps = append(deps, e.slot)
		}
	}
	for _, a := range e.args {
		deps = exprDeps(deps, a)
	}
	for _, p := range e.parts {
		if p.e != nil {
			deps = exprDeps(deps, p.e)
		}
	}
	return deps
}

// endpointDeps returns the slots that ep's headers and properties read,
// ascending.
func endpointDeps(ep *endpointTmpl) []int {
	var deps []int
	var walkProp func(n *propNode)
	walkProp = func(n *propNode) {
		if n.leaf != nil {
			deps = exprDeps(deps, n.leaf)
		}
		for _, l := range n.list {
			walkProp(l)
		}
		for _, v := range n.vals {
			walkProp(v)
		}
	}
	for _, h := range ep.headers {
		for _, v := range h.vals {
			deps = exprDeps(deps, v)
		}
	}
	if ep.props != nil {
		walkProp(ep.props)
	}
	slices.Sort(deps)
	return deps
}

func (c *compiler) prop(x any, where *loc) (*propNode, error) {
	in, key, ok := c.intern('p', x)
	if ok {
		return in.p, nil
	}
	mark := len(c.refs)
	c.depth++
	p, err := c.compileProp(x, where)
	c.depth--
	if err != nil {
		return nil, err
	}
	if key != "" {
		c.done(key, mark, interned{p: p})
	}
	return p, nil
}

func (c *compiler) compileProp(x any, where *loc) (*propNode, error) {
	switch t := x.(type) {
	case []any:
		n := &propNode{list: make([]*propNode, 0, len(t))}
		for i, e := range t {
			pe, err := c.prop(e, where.at(i))
			if err != nil {
				return nil, err
			}
			n.list = append(n.list, pe)
		}
		return n, nil
	case jsonObject:
		if _, ok := t.get("ref"); ok && len(t) == 1 {
			break
		}
		if _, ok := t.get("fn"); ok {
			break
		}
		n := &propNode{isMap: true}
		keys := make([]string, 0, len(t))
		for _, e := range t {
			keys = append(keys, e.key)
		}
		slices.Sort(keys)
		for _, k := range keys {
			pe, err := c.prop(t.val(k), where.field(k))
			if err != nil {
				return nil, err
			}
			n.keys = append(n.keys, k)
			n.vals = append(n.vals, pe)
		}
		return n, nil
	}
	e, err := c.expr(x, where)
	if err != nil {
		return nil, err
	}
	return &propNode{leaf: e}, nil
}

func (c *compiler) lookup(name string, where *loc) (int, error) {
	for i := len(c.scope) - 1; i >= 0; i-- {
		if c.scope[i] == name {
			c.refs = append(c.refs, name)
			if s, ok := c.params[name]; ok {
				c.used[s] = true
				return s, nil
			}
			return c.vars[name], nil
		}
	}
	return 0, fmt.Errorf("endpoints: %s: reference to %q, which is not in scope", where, name)
}

// maxNestedKey bounds the key of a nested node: an outermost node (a
// condition, an error message, a URL, a header value, an endpoint's
// properties) is always looked up, a node inside one only when its source
// is short. Keying every nested node by its whole source would cost time
// and memory quadratic in the nesting; the nodes worth sharing inside
// others (references, partition lookups) are small.
const maxNestedKey = 128

// intern looks the node for source x (kind says expression or property
// value) up among those compiled so far. It is a hit only when every name
// the node reads is in scope here; otherwise the caller compiles x, which
// reports the error where it is, and stores the result under key unless
// key is empty (a nested node with a long source).
func (c *compiler) intern(kind byte, x any) (in interned, key string, ok bool) {
	limit := maxNestedKey
	if c.depth == 0 {
		c.refs = c.refs[:0] // no node is being compiled: no mark points into refs
		limit = math.MaxInt
	}
	var fits bool
	c.key, fits = appendKey(append(c.key[:0], kind), x, limit)
	if !fits {
		return in, "", false
	}
	in, ok = c.interned[string(c.key)]
	if !ok {
		return in, string(c.key), false
	}
	for _, n := range in.names {
		if !slices.Contains(c.scope, n) {
			return in, string(c.key), false
		}
	}
	c.refs = append(c.refs, in.names...)
	return in, "", true
}

// done stores a node compiled after intern missed; mark is len(c.refs)
// before the compilation.
func (c *compiler) done(key string, mark int, in interned) {
	in.names = slices.Clone(c.refs[mark:])
	c.interned[key] = in
}

// appendKey appends a canonical form of a decoded JSON value: object keys
// sorted, strings quoted, numbers as written. It stops, reporting false,
// once b is longer than limit.
func appendKey(b []byte, x any, limit int) ([]byte, bool) {
	if len(b) > limit {
		return b, false
	}
	switch t := x.(type) {
	case nil:
		b = append(b, 'n')
	case bool:
		if t {
			b = append(b, 't')
		} else {
			b = append(b, 'f')
		}
	case string:
		b = strconv.AppendQuote(b, t)
	case json.Number:
		b = append(append(b, '#'), t...)
	case []any:
		b = append(b, '[')
		for _, e := range t {
			var ok bool
			if b, ok = appendKey(b, e, limit); !ok {
				return b, false
			}
			b = append(b, ',')
		}
		b = append(b, ']')
	case jsonObject:
		var buf [8]string
		keys := buf[:0]
		for _, e := range t {
			keys = append(keys, e.key)
		}
		slices.Sort(keys)
		b = append(b, '{')
		for _, k := range keys {
			b = append(strconv.AppendQuote(b, k), ':')
			var ok bool
			if b, ok = appendKey(b, t.val(k), limit); !ok {
				return b, false
			}
			b = append(b, ',')
		}
		b = append(b, '}')
	default:
		b = fmt.Appendf(b, "?%T", x) // refused by the compiler
	}
	return b, len(b) <= limit
}

func (c *compiler) expr(x any, where *loc) (*expr, error) {
	in, key, ok := c.intern('e', x)
	if ok {
		return in.e, nil
	}
	mark := len(c.refs)
	c.depth++
	e, err := c.compileExpr(x, where)
	c.depth--
	if err != nil {
		return nil, err
	}
	if key != "" {
		c.done(key, mark, interned{e: e})
	}
	return e, nil
}

func (c *compiler) compileExpr(x any, where *loc) (*expr, error) {
	switch t := x.(type) {
	case string:
		return c.template(t, where)
	case bool:
		return &expr{op: opLit, lit: boolValue(t)}, nil
	case json.Number:
		n, err := strconv.ParseInt(string(t), 10, 32)
		if err != nil {
			return nil, fmt.Errorf("endpoints: %s: number %s is not an integer", where, t)
		}
		return &expr{op: opLit, lit: Value{k: kindInt, n: int32(n)}}, nil
	case []any:
		e := &expr{op: opArray}
		for i, a := range t {
			ae, err := c.expr(a, where.at(i))
			if err != nil {
				return nil, err
			}
			e.args = append(e.args, ae)
		}
		return e, nil
	case jsonObject:
		if ref, ok := t.val("ref").(string); ok {
			slot, err := c.lookup(ref, where)
			if err != nil {
				return nil, err
			}
			return &expr{op: opRef, slot: slot}, nil
		}
		name, ok := t.val("fn").(string)
		if !ok {
			return nil, fmt.Errorf("endpoints: %s: expression is neither a ref nor a function call", where)
		}
		f, ok := functions[name]
		if !ok {
			return nil, fmt.Errorf("endpoints: %s: unknown function %q", where, name)
		}
		argv, _ := t.val("argv").([]any)
		if len(argv) != f.arity {
			return nil, fmt.Errorf("endpoints: %s: %s takes %d arguments, got %d", where, name, f.arity, len(argv))
		}
		e := &expr{op: opCall, fn: f.id}
		for i, a := range argv {
			if f.id == fnGetAttr && i == 1 {
				p, ok := a.(string)
				if !ok {
					return nil, fmt.Errorf("endpoints: %s: getAttr path must be a string", where)
				}
				path, err := parsePath(p)
				if err != nil {
					return nil, fmt.Errorf("endpoints: %s: %w", where, err)
				}
				e.path = path
				continue
			}
			ae, err := c.expr(a, where.field("argv").at(i))
			if err != nil {
				return nil, err
			}
			e.args = append(e.args, ae)
		}
		return specialize(e), nil
	}
	return nil, fmt.Errorf("endpoints: %s: unsupported expression %T", where, x)
}

// parsePath parses a getAttr path such as "resourceId[2]", "[0]" or "a.b".
func parsePath(p string) ([]pathStep, error) {
	if p == "" {
		return nil, fmt.Errorf("empty getAttr path")
	}
	var steps []pathStep
	for _, part := range strings.Split(p, ".") {
		name, idx := part, -1
		if i := strings.IndexByte(part, '['); i >= 0 {
			if !strings.HasSuffix(part, "]") {
				return nil, fmt.Errorf("bad getAttr path %q", p)
			}
			n, err := strconv.Atoi(part[i+1 : len(part)-1])
			if err != nil || n < 0 {
				return nil, fmt.Errorf("bad index in getAttr path %q", p)
			}
			name, idx = part[:i], n
		}
		if name == "" && idx < 0 {
			return nil, fmt.Errorf("bad getAttr path %q", p)
		}
		if name != "" {
			a, ok := attrNames[name]
			if !ok {
				a = attrUnknown
			}
			steps = append(steps, pathStep{attr: a, index: -1})
		}
		if idx >= 0 {
			steps = append(steps, pathStep{index: idx})
		}
	}
	return steps, nil
}

// template compiles a template string: "{name}" and "{name#path}" insert
// variables, "{{" and "}}" are literal braces.
func (c *compiler) template(s string, where *loc) (*expr, error) {
	if !strings.ContainsAny(s, "{}") {
		return &expr{op: opLit, lit: stringValue(s)}, nil
	}
	var parts []tmplPart
	var lit strings.Builder
	flush := func() {
		if lit.Len() > 0 {
			parts = append(parts, tmplPart{lit: lit.String()})
			lit.Reset()
		}
	}
	for i := 0; i < len(s); i++ {
		ch := s[i]
		switch {
		case ch == '{' && i+1 < len(s) && s[i+1] == '{':
			lit.WriteByte('{')
			i++
		case ch == '}' && i+1 < len(s) && s[i+1] == '}':
			lit.WriteByte('}')
			i++
		case ch == '{':
			j := strings.IndexByte(s[i:], '}')
			if j < 0 {
				return nil, fmt.Errorf("endpoints: %s: unterminated template variable in %q", where, s)
			}
			ref := s[i+1 : i+j]
			i += j
			name, path, hasPath := strings.Cut(ref, "#")
			slot, err := c.lookup(name, where)
			if err != nil {
				return nil, err
			}
			e := &expr{op: opRef, slot: slot}
			if hasPath {
				steps, err := parsePath(path)
				if err != nil {
					return nil, fmt.Errorf("endpoints: %s: %w", where, err)
				}
				e = specialize(&expr{op: opCall, fn: fnGetAttr, args: []*expr{e}, path: steps})
			}
			flush()
			parts = append(parts, tmplPart{e: e})
		default:
			lit.WriteByte(ch)
		}
	}
	flush()
	switch {
	case len(parts) == 0:
		return &expr{op: opLit, lit: stringValue("")}, nil
	case len(parts) == 1 && parts[0].e == nil:
		return &expr{op: opLit, lit: stringValue(parts[0].lit)}, nil
	}
	return &expr{op: opTmpl, parts: parts}, nil
}
