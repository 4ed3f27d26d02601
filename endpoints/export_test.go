package endpoints

import (
	"fmt"
	"reflect"
)

// ResolveFresh resolves vals without the cache and builds the headers and
// properties without the endpoint memos.
func (rs *RuleSet) ResolveFresh(vals []Value) (Endpoint, error) {
	if len(vals) > len(rs.params) {
		return Endpoint{}, fmt.Errorf("endpoints: %d parameter values for a rule set of %d parameters", len(vals), len(rs.params))
	}
	var ep Endpoint
	err := rs.exec(vals, nil, true, &ep)
	return ep, err
}

// Cacheable reports whether rs resolves through the cache.
func Cacheable(rs *RuleSet) bool { return rs.plan != nil }

// CacheKeeps stores one result per hash in an empty cache and reports
// which of them can be found afterwards.
func CacheKeeps(hashes []uint64) []bool {
	var c cache
	keys := make([]key, len(hashes))
	for i, h := range hashes {
		keys[i].strs[0] = string(rune('a' + i))
		c.put(h, &keys[i], Endpoint{URL: keys[i].strs[0]}, nil)
	}
	out := make([]bool, len(hashes))
	for i, h := range hashes {
		e := c.get(h, &keys[i])
		out[i] = e != nil && e.ep.URL == keys[i].strs[0]
	}
	return out
}

// CacheHolds reports whether the cache holds the result for vals.
func CacheHolds(rs *RuleSet, vals []Value) bool {
	var k key
	ok, err := rs.makeKey(vals, &k)
	return ok && err == nil && rs.cache.get(rs.hashKey(&k), &k) != nil
}

// Conditions counts the conditions of rs and the distinct compiled
// expressions behind them.
func Conditions(rs *RuleSet) (n, distinct int) {
	seen := map[*expr]bool{}
	var walk func([]rule)
	walk = func(rules []rule) {
		for i := range rules {
			for _, c := range rules[i].conds {
				n++
				seen[c.e] = true
			}
			walk(rules[i].children)
		}
	}
	walk(rs.rules)
	return n, len(seen)
}

// SameCompiled reports whether a and b hold deeply equal compiled rule sets
// (parameters, slots, the parameters rules read, the rules with every
// expression, endpoint and property they reach) and prepare the same
// cache key layout and number of endpoint memos.
func SameCompiled(a, b *RuleSet) bool {
	type core struct {
		params []paramDef
		nslots int
		used   []bool
		rules  []rule
		plan   *keyPlan
		memos  int
		atoms  []cond
	}
	return reflect.DeepEqual(core{a.params, a.nslots, a.used, a.rules, a.plan, len(a.memos), a.atoms},
		core{b.params, b.nslots, b.used, b.rules, b.plan, len(b.memos), b.atoms}) && len(a.urls) == len(b.urls)
}

// ParseJSON is parseJSON with objects turned into maps, to compare with
// encoding/json.
func ParseJSON(data []byte) (any, error) {
	v, err := parseJSON(data)
	return toStd(v), err
}

func toStd(v any) any {
	switch t := v.(type) {
	case jsonObject:
		m := make(map[string]any, len(t))
		for _, e := range t {
			m[e.key] = toStd(e.val)
		}
		return m
	case []any:
		out := make([]any, len(t))
		for i, e := range t {
			out[i] = toStd(e)
		}
		return out
	}
	return v
}

// RuleSetFile is what decodeRuleSetFile reads, with objects as maps, to
// compare with encoding/json decoding the same document into a struct.
type RuleSetFile struct {
	Version    string
	Parameters map[string]ParamFile
	Rules      []any
}

// ParamFile is one parameter of a RuleSetFile.
type ParamFile struct {
	Type     string
	BuiltIn  string
	Required bool
	Default  any
}

// DecodeRuleSetFile is decodeRuleSetFile.
func DecodeRuleSetFile(data []byte) (RuleSetFile, error) {
	f, err := decodeRuleSetFile(data)
	out := RuleSetFile{Version: f.Version}
	if f.Rules != nil {
		out.Rules = toStd(f.Rules).([]any)
	}
	if f.Parameters != nil {
		out.Parameters = map[string]ParamFile{}
	}
	for k, p := range f.Parameters {
		out.Parameters[k] = ParamFile{p.Type, p.BuiltIn, p.Required, toStd(p.Default)}
	}
	return out, err
}
