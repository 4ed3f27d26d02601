package endpoints

import (
	"errors"
	"fmt"
	"hash/maphash"
	"strings"
	"sync/atomic"
)

// Endpoint is the result of a resolution. The maps and slices of the
// Endpoints Resolve returns are shared with other results (see the
// package documentation): treat them as read-only, and use Clone for a
// copy to change.
type Endpoint struct {
	// URL is the endpoint URL, for example "https://mybucket.s3.us-west-2.amazonaws.com".
	URL string
	// Headers are headers the request must carry, keyed as the rule set
	// writes them; nil when there are none.
	Headers map[string][]string
	// Properties holds the endpoint properties as JSON-like values
	// (map[string]any, []any, string, bool, float64): authSchemes, backend
	// and any other property. Nil when there are none.
	Properties map[string]any
	// AuthSchemes is Properties["authSchemes"] decoded, in preference order.
	AuthSchemes []AuthScheme
}

// AuthScheme is one entry of the authSchemes endpoint property.
type AuthScheme struct {
	Name                  string   // "sigv4", "sigv4a", "sigv4-s3express", ...
	SigningName           string   // e.g. "s3"
	SigningRegion         string   // sigv4: the region to sign for
	SigningRegionSet      []string // sigv4a: the regions to sign for
	DisableDoubleEncoding bool     // do not double-encode the path when signing
}

// RuleError is an error rule of the rule set that matched. Its message is
// the rule set's text, verbatim, for example
// "Invalid region: region was not a valid DNS name.".
type RuleError struct {
	Message string
}

func (e *RuleError) Error() string { return e.Message }

// ErrNoRule is returned when no rule matches the parameters. A tree rule
// whose conditions hold is terminal (Smithy rules-engine semantics), so this
// happens when its rules are exhausted: S3 with an Endpoint that is not a
// URL and no Bucket, for example.
var ErrNoRule = errors.New("endpoints: no rule matched the parameters")

// evaluator holds the variable slots of one resolution.
type evaluator struct {
	rs    *RuleSet
	slots []Value
	fresh bool   // build headers and properties without the memos (tests)
	atoms uint64 // RuleSet.atoms decided, a bit each
}

// Resolve evaluates the rule set for vals, one per parameter in the order
// of Parameters (shorter is padded with unset values; longer is an error),
// and returns the endpoint, or the matching error rule as a *RuleError.
// Unset parameters take their defaults; a required parameter without value
// or a value of the wrong type is an error. Results are cached by parameter
// values; Resolve does not retain vals, and does not allocate for a cached
// result.
func (rs *RuleSet) Resolve(vals []Value) (Endpoint, error) {
	if len(rs.rules) == 0 {
		return Endpoint{}, ErrNoRule
	}
	if len(vals) > len(rs.params) {
		return Endpoint{}, fmt.Errorf("endpoints: %d parameter values for a rule set of %d parameters", len(vals), len(rs.params))
	}
	if rs.plan != nil {
		var k key
		ok, err := rs.makeKey(vals, &k)
		if err != nil {
			return Endpoint{}, err
		}
		if ok {
			h := rs.hashKey(&k)
			if e := rs.cache.get(h, &k); e != nil {
				return e.ep, e.err
			}
			var ep Endpoint
			err := rs.exec(nil, &k, false, &ep)
			if rs.cache.admit(h) {
				rs.cache.put(h, &k, ep, err)
			}
			return ep, err
		}
	}
	var ep Endpoint
	err := rs.exec(vals, nil, false, &ep)
	return ep, err
}

// ResolveUncached is Resolve without the cache: it neither reads nor fills
// it, for callers whose parameter sets do not repeat (a tool resolving
// every region once) and for measuring what a first resolution costs.
func (rs *RuleSet) ResolveUncached(vals []Value) (Endpoint, error) {
	if len(rs.rules) == 0 {
		return Endpoint{}, ErrNoRule
	}
	if len(vals) > len(rs.params) {
		return Endpoint{}, fmt.Errorf("endpoints: %d parameter values for a rule set of %d parameters", len(vals), len(rs.params))
	}
	var ep Endpoint
	err := rs.exec(vals, nil, false, &ep)
	return ep, err
}

// bind applies defaults to vals (one per parameter) and checks required
// parameters and types.
func (rs *RuleSet) bind(vals []Value) error {
	for i := range rs.params {
		d := &rs.params[i]
		v := &vals[i]
		if v.k == kindNone {
			*v = d.def
			if v.k == kindNone && d.required {
				return fmt.Errorf("endpoints: parameter %q is required", d.name)
			}
			continue
		}
		if v.k != d.typ.kind() {
			return fmt.Errorf("endpoints: parameter %q must be a %s", d.name, d.typ)
		}
	}
	return nil
}

// exec evaluates the rules for the parameter values of k, or else for
// vals with defaults applied and checked, into *ep; fresh builds headers
// and properties without the endpoint memos. The variables of a rule set
// with up to 48 (S3 has 36) live on the stack: no pool, and no write
// barriers while the garbage collector runs. The endpoint is written in
// place rather than returned through each call.
func (rs *RuleSet) exec(vals []Value, k *key, fresh bool, ep *Endpoint) error {
	switch n := rs.nslots; {
	case n <= 16:
		var buf [16]Value
		return rs.execIn(buf[:n], vals, k, fresh, ep)
	case n <= 48:
		var buf [48]Value
		return rs.execIn(buf[:n], vals, k, fresh, ep)
	default:
		return rs.execIn(make([]Value, n), vals, k, fresh, ep)
	}
}

func (rs *RuleSet) execIn(slots, vals []Value, k *key, fresh bool, ep *Endpoint) error {
	if k != nil {
		rs.keyValues(k, slots)
	} else {
		copy(slots, vals)
		if err := rs.bind(slots[:len(rs.params)]); err != nil {
			return err
		}
	}
	ev := evaluator{rs: rs, slots: slots, fresh: fresh, atoms: rs.atomBits(slots)}
	r := ev.match(rs.rules)
	if r == nil {
		return ErrNoRule
	}
	if r.typ == ruleError {
		return &RuleError{Message: ev.str(ev.eval(r.errMsg))}
	}
	ev.endpoint(r.ep, ep)
	return nil
}

// match returns the first endpoint or error rule whose conditions, and those
// of the tree rules above it, hold. A tree rule whose conditions hold is
// terminal: if none of its rules match, nothing matches.
func (ev *evaluator) match(rules []rule) *rule {
	for i := range rules {
		r := &rules[i]
		if r.need&^ev.atoms != 0 || !ev.conds(r.conds[r.skip:]) {
			continue
		}
		if r.typ == ruleTree {
			return ev.match(r.children)
		}
		return r
	}
	return nil
}

func (ev *evaluator) conds(cs []cond) bool {
	for i := range cs {
		c := &cs[i]
		var ok bool
		// The forms newCond prepared are decided here, without a call:
		// returning the 40-byte Value through memory costs more than the
		// comparison.
		switch c.op {
		case opAtom:
			continue // decided by the rule's need
		case opBoolEqRef:
			v := &ev.slots[c.slot]
			ok = (v.k == kindBool && v.b == c.b) != c.neg
		case opIsSetRef:
			ok = (ev.slots[c.slot].k != kindNone) != c.neg
		case opStrEqRef:
			v := &ev.slots[c.slot]
			ok = (v.k == kindString && v.s == c.s) != c.neg
		default:
			ok = ev.test(c)
		}
		if !ok {
			// Variables assigned by this rule go out of scope.
			for _, d := range cs[:i] {
				if d.assign >= 0 {
					ev.slots[d.assign] = Value{}
				}
			}
			return false
		}
	}
	return true
}

// test evaluates a condition that newCond did not prepare, stores its value
// in its variable if it assigns one, and reports whether it holds.
func (ev *evaluator) test(c *cond) bool {
	if c.assign >= 0 {
		v := &ev.slots[c.assign]
		ev.evalInto(c.e, v)
		return v.truthy()
	}
	return ev.holds(c.e)
}

// holds reports whether e's value lets a condition hold (Value.truthy),
// computing the usual boolean functions without building a Value: a
// Value returned through memory is written field by field and read back
// whole, which stalls the processor's store forwarding.
func (ev *evaluator) holds(e *expr) bool {
	switch e.op {
	case opBoolEqRef:
		v := &ev.slots[e.slot]
		return (v.k == kindBool && v.b == e.lit.b) != e.neg
	case opIsSetRef:
		return (ev.slots[e.slot].k != kindNone) != e.neg
	case opStrEqRef:
		v := &ev.slots[e.slot]
		return (v.k == kindString && v.s == e.lit.s) != e.neg
	case opCall:
		switch e.fn {
		case fnNot:
			return !ev.holds(e.args[0])
		case fnBooleanEquals:
			a, aok := ev.boolArg(e.args[0])
			b, bok := ev.boolArg(e.args[1])
			return aok && bok && a == b
		case fnStringEquals:
			a, aok := ev.strArg(e.args[0])
			b, bok := ev.strArg(e.args[1])
			return aok && bok && a == b
		case fnIsValidHostLabel:
			s, ok := ev.strArg(e.args[0])
			sub, subOK := ev.boolArg(e.args[1])
			return ok && IsValidHostLabel(s, sub && subOK)
		case fnIsVirtualHostableS3Bucket:
			s, ok := ev.strArg(e.args[0])
			sub, subOK := ev.boolArg(e.args[1])
			return ok && IsVirtualHostableS3Bucket(s, sub && subOK)
		}
	}
	var v Value
	ev.evalInto(e, &v)
	return v.truthy()
}

// strArg returns e's value if it is a string, reading a variable or a
// record's attribute in place.
func (ev *evaluator) strArg(e *expr) (string, bool) {
	switch e.op {
	case opRef:
		v := &ev.slots[e.slot]
		return v.s, v.k == kindString
	case opLit:
		return e.lit.s, e.lit.k == kindString
	case opAttrRef:
		if len(e.path) == 1 {
			if v := &ev.slots[e.slot]; v.k == kindObject || v.k == kindArray {
				return v.obj.attrString(e.path[0].attr)
			}
			return "", false
		}
	}
	var v Value
	ev.evalInto(e, &v)
	return v.s, v.k == kindString
}

// boolArg returns e's value if it is a boolean.
func (ev *evaluator) boolArg(e *expr) (bool, bool) {
	switch e.op {
	case opRef:
		v := &ev.slots[e.slot]
		return v.b, v.k == kindBool
	case opLit:
		return e.lit.b, e.lit.k == kindBool
	}
	var v Value
	ev.evalInto(e, &v)
	return v.b, v.k == kindBool
}

// evalInto stores e's value in *dst, building the results of the usual
// assignments (a substring, a partition) in place.
func (ev *evaluator) evalInto(e *expr, dst *Value) {
	switch e.op {
	case opSubstrRef:
		v := &ev.slots[e.slot]
		*dst = Value{}
		if v.k == kindString {
			if out, ok := substring(v.s, int(e.lit.n), e.stop, e.lit.b); ok {
				dst.k, dst.s = kindString, out
			}
		}
		return
	case opCall:
		if e.fn == fnPartition {
			*dst = Value{}
			if s, ok := ev.strArg(e.args[0]); ok {
				dst.k, dst.obj = kindObject, lookupPartition(s)
			}
			return
		}
	}
	*dst = ev.eval(e)
}

// str returns v as a string; non-strings (which valid rule sets never put
// where a string is needed) render as "".
func (ev *evaluator) str(v Value) string {
	if v.k == kindString {
		return v.s
	}
	return ""
}

func (ev *evaluator) eval(e *expr) Value {
	switch e.op {
	case opBoolEqRef:
		v := &ev.slots[e.slot]
		return boolValue((v.k == kindBool && v.b == e.lit.b) != e.neg)
	case opIsSetRef:
		return boolValue((ev.slots[e.slot].k != kindNone) != e.neg)
	case opStrEqRef:
		v := &ev.slots[e.slot]
		return boolValue((v.k == kindString && v.s == e.lit.s) != e.neg)
	case opSubstrRef:
		v := &ev.slots[e.slot]
		if v.k != kindString {
			return Value{}
		}
		if out, ok := substring(v.s, int(e.lit.n), e.stop, e.lit.b); ok {
			return stringValue(out)
		}
		return Value{}
	case opLit:
		return e.lit
	case opRef:
		return ev.slots[e.slot]
	case opAttrRef:
		return getAttr(ev.slots[e.slot], e.path)
	case opTmpl:
		return stringValue(ev.template(e.parts))
	case opArray:
		a := make(arrayValue, len(e.args))
		for i, x := range e.args {
			a[i] = ev.eval(x)
		}
		return Value{k: kindArray, obj: a}
	}
	return ev.call(e)
}

func (ev *evaluator) template(parts []tmplPart) string {
	if len(parts) == 1 && parts[0].e != nil {
		return ev.strOf(parts[0].e)
	}
	var strs [16]string
	var ss []string
	if len(parts) <= len(strs) {
		ss = strs[:len(parts)]
	} else {
		ss = make([]string, len(parts))
	}
	n := 0
	for i, p := range parts {
		if p.e == nil {
			ss[i] = p.lit
		} else {
			ss[i] = ev.strOf(p.e)
		}
		n += len(ss[i])
	}
	var b strings.Builder
	b.Grow(n)
	for _, s := range ss {
		b.WriteString(s)
	}
	return b.String()
}

// strOf is ev.str(ev.eval(e)), without a Value for the usual template
// variables: a string variable or a record's string attribute.
func (ev *evaluator) strOf(e *expr) string {
	switch e.op {
	case opRef:
		if v := &ev.slots[e.slot]; v.k == kindString {
			return v.s
		}
		return ""
	case opAttrRef:
		if v := &ev.slots[e.slot]; v.k == kindObject && len(e.path) == 1 {
			s, _ := v.obj.attrString(e.path[0].attr)
			return s
		}
	}
	return ev.str(ev.eval(e))
}

func (ev *evaluator) call(e *expr) Value {
	switch e.fn {
	case fnIsSet:
		return boolValue(ev.eval(e.args[0]).k != kindNone)
	case fnNot:
		return boolValue(!ev.eval(e.args[0]).truthy())
	case fnBooleanEquals:
		a, b := ev.eval(e.args[0]), ev.eval(e.args[1])
		return boolValue(a.k == kindBool && b.k == kindBool && a.b == b.b)
	case fnStringEquals:
		a, b := ev.eval(e.args[0]), ev.eval(e.args[1])
		return boolValue(a.k == kindString && b.k == kindString && a.s == b.s)
	case fnGetAttr:
		return getAttr(ev.eval(e.args[0]), e.path)
	case fnSubstring:
		s, start, stop, rev := ev.eval(e.args[0]), ev.eval(e.args[1]), ev.eval(e.args[2]), ev.eval(e.args[3])
		if s.k != kindString || start.k != kindInt || stop.k != kindInt || rev.k != kindBool {
			return Value{}
		}
		if out, ok := substring(s.s, int(start.n), int(stop.n), rev.b); ok {
			return stringValue(out)
		}
		return Value{}
	case fnParseURL:
		s := ev.eval(e.args[0])
		if s.k != kindString {
			return Value{}
		}
		if u, ok := ParseURL(s.s); ok {
			return Value{k: kindObject, obj: &urlObject{u: u}}
		}
		return Value{}
	case fnURIEncode:
		s := ev.eval(e.args[0])
		if s.k != kindString {
			return Value{}
		}
		return stringValue(URIEncode(s.s))
	case fnIsValidHostLabel:
		s, sub := ev.eval(e.args[0]), ev.eval(e.args[1])
		return boolValue(s.k == kindString && IsValidHostLabel(s.s, sub.k == kindBool && sub.b))
	case fnPartition:
		s := ev.eval(e.args[0])
		if s.k != kindString {
			return Value{}
		}
		return Value{k: kindObject, obj: lookupPartition(s.s)}
	case fnParseArn:
		s := ev.eval(e.args[0])
		if s.k != kindString {
			return Value{}
		}
		a, err := ParseARN(s.s)
		if err != nil {
			return Value{}
		}
		return Value{k: kindObject, obj: newARNObject(a)}
	case fnIsVirtualHostableS3Bucket:
		s, sub := ev.eval(e.args[0]), ev.eval(e.args[1])
		return boolValue(s.k == kindString && IsVirtualHostableS3Bucket(s.s, sub.k == kindBool && sub.b))
	}
	return Value{}
}

// getAttr follows path from v.
func getAttr(v Value, path []pathStep) Value {
	for _, st := range path {
		if v.k != kindObject && v.k != kindArray {
			return Value{}
		}
		if st.attr != attrNone {
			v = v.obj.attr(st.attr)
		} else {
			v = v.obj.index(st.index)
		}
	}
	return v
}

// endpoint fills *ep from t.
func (ev *evaluator) endpoint(t *endpointTmpl, ep *Endpoint) {
	if t.url.op == opLit || ev.fresh {
		ep.URL = ev.strOf(t.url)
	} else {
		slot := &ev.rs.urls[t.id]
		m := slot.memo.Load()
		if m != nil && ev.sameDeps(t.urlDeps, m.key) {
			ep.URL = m.url
		} else {
			ep.URL = ev.strOf(t.url)
			// Kept when the same values miss twice in a row: a new
			// bucket per call does not replace the URL kept.
			if h := ev.hashDeps(t.urlDeps); slot.seen.Swap(h) == h {
				slot.memo.Store(&urlMemo{key: ev.depValues(t.urlDeps), url: ep.URL})
			}
		}
	}
	if t.headers == nil && t.props == nil {
		return
	}
	if ev.fresh {
		m := ev.buildMemo(t)
		ep.Headers, ep.Properties, ep.AuthSchemes = m.headers, m.props, m.auth
		return
	}
	set := &ev.rs.memos[t.id]
	var m *epMemo
	for i := range set.e {
		if c := set.e[i].Load(); c != nil && ev.sameDeps(t.deps, c.key) {
			m = c
			break
		}
	}
	if m == nil {
		m = ev.buildMemo(t)
		set.e[set.next.Add(1)%uint32(len(set.e))].Store(m)
	}
	ep.Headers, ep.Properties, ep.AuthSchemes = m.headers, m.props, m.auth
}

// memoSet holds an endpoint's last headers and properties for up to four
// sets of values (a client using a few regions), replaced in turn.
type memoSet struct {
	e    [4]atomic.Pointer[epMemo]
	next atomic.Uint32
}

// urlMemo is an endpoint's URL built for the values key of the slots it
// reads.
type urlMemo struct {
	key []Value
	url string
}

// urlSlot holds an endpoint's URL memo, and the hash of the values the
// last URL not found in it was built for.
type urlSlot struct {
	memo atomic.Pointer[urlMemo]
	seen atomic.Uint64
}

// hashDeps hashes the values of the slots deps (records by kind only: a
// collision only lets a URL be kept early).
func (ev *evaluator) hashDeps(deps []int) uint64 {
	const prime = 1099511628211
	h := uint64(len(deps))
	for _, d := range deps {
		v := &ev.slots[d]
		h = (h ^ uint64(v.k) ^ uint64(b2u(v.b))<<8 ^ uint64(uint32(v.n))<<16) * prime
		if v.k == kindString {
			h = (h ^ maphash.String(ev.rs.seed, v.s)) * prime
		}
	}
	return h
}

// depValues copies the values of the slots deps.
func (ev *evaluator) depValues(deps []int) []Value {
	key := make([]Value, len(deps))
	for i, d := range deps {
		key[i] = ev.slots[d]
	}
	return key
}

// epMemo is an endpoint's headers and properties built for the values
// key of the slots they read. It is never changed once stored.
type epMemo struct {
	key     []Value
	headers map[string][]string
	props   map[string]any
	auth    []AuthScheme
}

// sameDeps reports whether the slots deps hold the values key.
func (ev *evaluator) sameDeps(deps []int, key []Value) bool {
	for i, d := range deps {
		if !ev.slots[d].same(&key[i]) {
			return false
		}
	}
	return true
}

func (ev *evaluator) buildMemo(t *endpointTmpl) *epMemo {
	m := &epMemo{key: ev.depValues(t.deps)}
	if len(t.headers) > 0 {
		m.headers = make(map[string][]string, len(t.headers))
		for _, h := range t.headers {
			vs := make([]string, len(h.vals))
			for i, x := range h.vals {
				vs[i] = ev.str(ev.eval(x))
			}
			m.headers[h.name] = vs
		}
	}
	if t.props != nil {
		m.props, _ = ev.prop(t.props).(map[string]any)
		m.auth = authSchemes(m.props)
	}
	return m
}

func (ev *evaluator) prop(n *propNode) any {
	switch {
	case n.leaf != nil:
		return ev.eval(n.leaf).toAny()
	case n.isMap:
		m := make(map[string]any, len(n.keys))
		for i, k := range n.keys {
			m[k] = ev.prop(n.vals[i])
		}
		return m
	}
	l := make([]any, len(n.list))
	for i, e := range n.list {
		l[i] = ev.prop(e)
	}
	return l
}

// authSchemes decodes the authSchemes property; entries that are not
// objects are skipped.
func authSchemes(props map[string]any) []AuthScheme {
	list, _ := props["authSchemes"].([]any)
	if len(list) == 0 {
		return nil
	}
	out := make([]AuthScheme, 0, len(list))
	for _, x := range list {
		m, ok := x.(map[string]any)
		if !ok {
			continue
		}
		var a AuthScheme
		a.Name, _ = m["name"].(string)
		a.SigningName, _ = m["signingName"].(string)
		a.SigningRegion, _ = m["signingRegion"].(string)
		a.DisableDoubleEncoding, _ = m["disableDoubleEncoding"].(bool)
		if set, ok := m["signingRegionSet"].([]any); ok {
			a.SigningRegionSet = make([]string, 0, len(set))
			for _, r := range set {
				if s, ok := r.(string); ok {
					a.SigningRegionSet = append(a.SigningRegionSet, s)
				}
			}
		}
		out = append(out, a)
	}
	return out
}

// Clone returns a deep copy of e that the caller may modify.
func (e Endpoint) Clone() Endpoint {
	out := Endpoint{URL: e.URL}
	if e.Headers != nil {
		out.Headers = make(map[string][]string, len(e.Headers))
		for k, v := range e.Headers {
			out.Headers[k] = append([]string(nil), v...)
		}
	}
	if e.Properties != nil {
		out.Properties, _ = cloneJSON(e.Properties).(map[string]any)
	}
	if e.AuthSchemes != nil {
		out.AuthSchemes = make([]AuthScheme, len(e.AuthSchemes))
		for i, a := range e.AuthSchemes {
			if a.SigningRegionSet != nil {
				a.SigningRegionSet = append([]string(nil), a.SigningRegionSet...)
			}
			out.AuthSchemes[i] = a
		}
	}
	return out
}

func cloneJSON(x any) any {
	switch t := x.(type) {
	case map[string]any:
		m := make(map[string]any, len(t))
		for k, v := range t {
			m[k] = cloneJSON(v)
		}
		return m
	case []any:
		l := make([]any, len(t))
		for i, v := range t {
			l[i] = cloneJSON(v)
		}
		return l
	}
	return x
}
