package endpoints

import (
	"fmt"
	"hash/maphash"
	"sync/atomic"
)

// cacheSize is the number of results a rule set remembers. Each parameter
// set has two candidate places (two independent parts of its hash); a new
// result takes a free or stale one of them and otherwise evicts one, so
// memory stays bounded whatever the callers do, and a few hot parameter
// sets rarely evict each other.
const cacheSize = 512

// maxKeyStrings bounds the string parameters of a rule set that uses the
// cache (S3 has 6); rule sets with more, or with more than 64 parameters or
// any stringArray parameter, are resolved without the cache.
const maxKeyStrings = 8

// key is the compact form of a parameter set of a cacheable rule set, after
// defaults: a bit per parameter for "set", a bit per boolean parameter for
// its value, and the string values.
type key struct {
	set, bools uint64
	strs       [maxKeyStrings]string
}

// keyBind says where parameter i's value goes in the key.
type keyBind struct {
	str    int  // index in key.strs for string parameters, or -1 for booleans
	unused bool // no rule reads the parameter: it stays out of the key
}

// fieldBind binds a Params field to a parameter of the rule set.
type fieldBind struct {
	field  int    // Params field
	param  int    // parameter index
	bit    uint64 // 1 << param
	str    int    // index in key.strs, or -1
	isBool bool   // the field is a *bool
	clash  bool   // the field's Go type does not match the parameter type
	unused bool
}

// keyPlan is the compact key layout of a cacheable rule set.
type keyPlan struct {
	binds          []keyBind   // per parameter
	fields         []fieldBind // parameters that have a Params field
	base           key         // the defaults
	required       uint64      // read parameters that must be set after defaults
	requiredUnused []int       // required parameters without default that no rule reads
	strBits        [maxKeyStrings]uint64
	nstr           int
}

// fieldIsBool reports whether Params field f is a *bool.
func fieldIsBool(f int) bool {
	switch fieldNames[f] {
	case "Region", "Endpoint", "Bucket", "Key", "Prefix", "CopySource":
		return false
	}
	return true
}

// planKey prepares the compact key layout; it leaves rs.plan nil when the
// rule set cannot use the cache. Parameters that no rule reads (S3's Key,
// Prefix and CopySource) are left out of the key, so that resolving for many
// object keys of one bucket hits the cache.
func (rs *RuleSet) planKey(used []bool) {
	if len(rs.params) > 64 {
		return
	}
	kp := &keyPlan{binds: make([]keyBind, len(rs.params))}
	for i, d := range rs.params {
		bit := uint64(1) << i
		b := keyBind{str: -1, unused: !used[i]}
		switch d.typ {
		case typeStringArray:
			return
		case typeString:
			if kp.nstr == maxKeyStrings {
				return
			}
			b.str = kp.nstr
			kp.strBits[b.str] = bit
			kp.nstr++
		}
		kp.binds[i] = b
		if f := fieldIndex(d.name); f >= 0 {
			isBool := fieldIsBool(f)
			kp.fields = append(kp.fields, fieldBind{
				field: f, param: i, bit: bit, str: b.str, isBool: isBool,
				clash: isBool != (d.typ == typeBool), unused: b.unused,
			})
		}
		switch {
		case b.unused && d.required && d.def.k == kindNone:
			kp.requiredUnused = append(kp.requiredUnused, i)
		case b.unused:
		case d.def.k == kindBool:
			kp.base.set |= bit
			if d.def.b {
				kp.base.bools |= bit
			}
		case d.def.k == kindString:
			kp.base.set |= bit
			kp.base.strs[b.str] = d.def.s
		case d.required:
			kp.required |= bit
		}
	}
	rs.plan = kp
}

func (p *Params) stringField(f int) *string {
	switch f {
	case 0:
		return p.Region
	case 3:
		return p.Endpoint
	case 4:
		return p.Bucket
	case 9:
		return p.Key
	case 10:
		return p.Prefix
	case 11:
		return p.CopySource
	}
	return nil
}

func (p *Params) boolField(f int) *bool {
	switch f {
	case 1:
		return p.UseFIPS
	case 2:
		return p.UseDualStack
	case 5:
		return p.ForcePathStyle
	case 6:
		return p.Accelerate
	case 7:
		return p.UseGlobalEndpoint
	case 8:
		return p.UseObjectLambdaEndpoint
	case 12:
		return p.DisableAccessPoints
	case 13:
		return p.DisableMultiRegionAccessPoints
	case 14:
		return p.UseArnRegion
	case 15:
		return p.UseS3ExpressControlEndpoint
	case 16:
		return p.DisableS3ExpressSessionAuth
	}
	return nil
}

func (rs *RuleSet) typeError(i int) error {
	return fmt.Errorf("endpoints: parameter %q must be a %s", rs.params[i].name, rs.params[i].typ)
}

// makeKey fills k from p and the defaults. ok is false when p holds values
// the key cannot represent (arrays in Other); the caller then takes the
// generic path, which reports any error.
func (rs *RuleSet) makeKey(p *Params, k *key) (ok bool, err error) {
	kp := rs.plan
	*k = kp.base
	if p != nil {
		for i := range kp.fields {
			fb := &kp.fields[i]
			if fb.isBool {
				bp := p.boolField(fb.field)
				switch {
				case bp == nil || fb.unused && !fb.clash:
				case fb.clash:
					return false, rs.typeError(fb.param)
				case *bp:
					k.set |= fb.bit
					k.bools |= fb.bit
				default:
					k.set |= fb.bit
					k.bools &^= fb.bit
				}
				continue
			}
			sp := p.stringField(fb.field)
			switch {
			case sp == nil || fb.unused && !fb.clash:
			case fb.clash:
				return false, rs.typeError(fb.param)
			default:
				k.set |= fb.bit
				k.strs[fb.str] = *sp
			}
		}
		if len(p.Other) > 0 && !rs.otherIntoKey(p.Other, k) {
			return false, nil
		}
	}
	if missing := kp.required &^ k.set; missing != 0 {
		for i := range rs.params {
			if missing&(1<<i) != 0 {
				return false, fmt.Errorf("endpoints: parameter %q is required", rs.params[i].name)
			}
		}
	}
	for _, i := range kp.requiredUnused {
		if !rs.isSetIn(p, i) {
			return false, fmt.Errorf("endpoints: parameter %q is required", rs.params[i].name)
		}
	}
	return true, nil
}

// otherIntoKey adds Params.Other to k; false means a value the key cannot
// hold (an array, or a type that does not match).
func (rs *RuleSet) otherIntoKey(other map[string]any, k *key) bool {
	kp := rs.plan
	for name, x := range other {
		i, found := rs.paramIndex[name]
		if !found {
			continue
		}
		v, conv := fromAny(x)
		if !conv || (v.k != kindNone && v.k != rs.params[i].typ.kind()) {
			return false
		}
		b := kp.binds[i]
		if b.unused {
			continue
		}
		bit := uint64(1) << i
		switch v.k {
		case kindBool:
			k.set |= bit
			if v.b {
				k.bools |= bit
			} else {
				k.bools &^= bit
			}
		case kindString:
			k.set |= bit
			k.strs[b.str] = v.s
		default: // unset: back to the default
			k.set = k.set&^bit | kp.base.set&bit
			k.bools = k.bools&^bit | kp.base.bools&bit
			if b.str >= 0 {
				k.strs[b.str] = kp.base.strs[b.str]
			}
		}
	}
	return true
}

// isSetIn reports whether p sets parameter i; used only for required
// parameters that no rule reads.
func (rs *RuleSet) isSetIn(p *Params, i int) bool {
	if p == nil {
		return false
	}
	name := rs.params[i].name
	if x, ok := p.Other[name]; ok {
		return x != nil
	}
	f := fieldIndex(name)
	return f >= 0 && p.field(f).k != kindNone
}

// keyValues expands k into one value per parameter.
func (rs *RuleSet) keyValues(k *key, vals []value) {
	for i, b := range rs.plan.binds {
		bit := uint64(1) << i
		switch {
		case k.set&bit == 0:
			vals[i] = value{}
		case b.str >= 0:
			vals[i] = stringValue(k.strs[b.str])
		default:
			vals[i] = boolValue(k.bools&bit != 0)
		}
	}
}

func (rs *RuleSet) hashKey(k *key) uint64 {
	const prime = 1099511628211
	kp := rs.plan
	h := (k.set*prime ^ k.bools) * prime
	for j := 0; j < kp.nstr; j++ {
		if k.set&kp.strBits[j] != 0 {
			h = (h ^ maphash.String(rs.seed, k.strs[j])) * prime
		}
	}
	return h
}

type cacheEntry struct {
	hash uint64
	key  key
	ep   Endpoint
	err  error
}

// cache is a lock-free, fixed-size map from parameter keys to results.
type cache struct {
	entries [cacheSize]atomic.Pointer[cacheEntry]
}

func (c *cache) slots(h uint64) (a, b *atomic.Pointer[cacheEntry]) {
	return &c.entries[h%cacheSize], &c.entries[(h>>32)%cacheSize]
}

func (c *cache) get(h uint64, k *key) *cacheEntry {
	a, b := c.slots(h)
	if e := a.Load(); e != nil && e.hash == h && e.key == *k {
		return e
	}
	if e := b.Load(); e != nil && e.hash == h && e.key == *k {
		return e
	}
	return nil
}

func (c *cache) put(h uint64, k *key, ep Endpoint, err error) {
	a, b := c.slots(h)
	slot := a
	if ea := a.Load(); ea != nil && ea.hash != h {
		// a holds another parameter set: use b if it is free or ours,
		// else evict one of the two, chosen by the hash.
		if eb := b.Load(); eb == nil || eb.hash == h || h&(1<<20) != 0 {
			slot = b
		}
	}
	slot.Store(&cacheEntry{hash: h, key: *k, ep: ep, err: err})
}
