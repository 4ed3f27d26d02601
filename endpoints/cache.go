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
// cache (S3 has 6); rule sets with more, with more than 64 parameters or
// with a stringArray parameter that has a default, are resolved without the
// cache, and so is a resolution that sets a stringArray parameter.
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

// keyPlan is the compact key layout of a cacheable rule set.
type keyPlan struct {
	binds          []keyBind // per parameter
	base           key       // the defaults
	required       uint64    // read parameters that must be set after defaults
	requiredUnused []int     // required parameters without default that no rule reads
	strBits        [maxKeyStrings]uint64
	nstr           int
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
			// Cached only while unset (makeKey goes the uncached way for
			// a set one): DynamoDB's ResourceArnList is set by a few
			// operations only.
			if d.def.k != kindNone {
				return
			}
		case typeString:
			if kp.nstr == maxKeyStrings {
				return
			}
			b.str = kp.nstr
			kp.strBits[b.str] = bit
			kp.nstr++
		}
		kp.binds[i] = b
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

func (rs *RuleSet) typeError(i int) error {
	return fmt.Errorf("endpoints: parameter %q must be a %s", rs.params[i].name, rs.params[i].typ)
}

// makeKey fills k from vals and the defaults. ok is false when vals hold
// values the key cannot represent (arrays); the caller then takes the
// generic path, which reports any error.
func (rs *RuleSet) makeKey(vals []Value, k *key) (ok bool, err error) {
	kp := rs.plan
	*k = kp.base
	for i := range vals {
		v := &vals[i]
		if v.k == kindNone {
			continue
		}
		d := &rs.params[i]
		if v.k == kindArray || d.typ == typeStringArray {
			return false, nil // arrays are not in the key
		}
		if v.k != d.typ.kind() {
			return false, rs.typeError(i)
		}
		b := kp.binds[i]
		if b.unused {
			continue
		}
		bit := uint64(1) << i
		k.set |= bit
		if v.k == kindBool {
			if v.b {
				k.bools |= bit
			} else {
				k.bools &^= bit
			}
			continue
		}
		k.strs[b.str] = v.s
	}
	if missing := kp.required &^ k.set; missing != 0 {
		for i := range rs.params {
			if missing&(1<<i) != 0 {
				return false, fmt.Errorf("endpoints: parameter %q is required", rs.params[i].name)
			}
		}
	}
	for _, i := range kp.requiredUnused {
		if i >= len(vals) || vals[i].k == kindNone {
			return false, fmt.Errorf("endpoints: parameter %q is required", rs.params[i].name)
		}
	}
	return true, nil
}

// keyValues expands k into one value per parameter.
func (rs *RuleSet) keyValues(k *key, vals []Value) {
	for i, b := range rs.plan.binds {
		bit := uint64(1) << i
		switch {
		case k.set&bit == 0:
			vals[i] = Value{}
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
// A result is stored the second time its parameters miss (seen holds the
// hashes of parameter sets that missed once): a stream of parameter sets
// that never repeat, such as a new table or object per call, costs no
// allocation and evicts no repeated one.
type cache struct {
	entries [cacheSize]atomic.Pointer[cacheEntry]
	seen    [cacheSize]atomic.Uint64
}

// admit reports whether the parameter set of hash h missed before, and
// remembers that it did.
func (c *cache) admit(h uint64) bool {
	s := &c.seen[(h>>16)%cacheSize]
	if s.Load() == h {
		return true
	}
	s.Store(h)
	return false
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
