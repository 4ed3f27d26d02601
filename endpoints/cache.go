package endpoints

import (
	"fmt"
	"hash/maphash"
	"sync/atomic"
)

// cacheSize is the number of results a rule set remembers. The cache is
// direct-mapped: an entry is replaced when another parameter set hashes to
// the same place, so memory stays bounded whatever the callers do.
const cacheSize = 256

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

// keyBind says where parameter i's value comes from and goes.
type keyBind struct {
	field int  // Params field, or -1
	str   int  // index in key.strs for string parameters, or -1 for booleans
	clash bool // the field's Go type does not match the parameter type
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
// rule set cannot use the cache.
func (rs *RuleSet) planKey() {
	if len(rs.params) > 64 {
		return
	}
	plan := make([]keyBind, len(rs.params))
	nstr := 0
	for i, d := range rs.params {
		b := keyBind{field: fieldIndex(d.name), str: -1}
		switch d.typ {
		case typeStringArray:
			return
		case typeString:
			if nstr == maxKeyStrings {
				return
			}
			b.str = nstr
			nstr++
		}
		if b.field >= 0 {
			b.clash = fieldIsBool(b.field) != (d.typ == typeBool)
		}
		plan[i] = b
	}
	rs.plan = plan
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

// makeKey fills k from p and the defaults. ok is false when p holds values
// the key cannot represent (arrays in Other); the caller then takes the
// generic path, which reports any error.
func (rs *RuleSet) makeKey(p *Params, k *key) (ok bool, err error) {
	if p != nil {
		for i := range rs.plan {
			b := &rs.plan[i]
			if b.field < 0 {
				continue
			}
			bit := uint64(1) << i
			if fieldIsBoolFast(b) {
				if bp := p.boolField(b.field); bp != nil {
					if b.clash {
						return false, fmt.Errorf("endpoints: parameter %q must be a %s", rs.params[i].name, rs.params[i].typ)
					}
					k.set |= bit
					if *bp {
						k.bools |= bit
					}
				}
			} else if sp := p.stringField(b.field); sp != nil {
				if b.clash {
					return false, fmt.Errorf("endpoints: parameter %q must be a %s", rs.params[i].name, rs.params[i].typ)
				}
				k.set |= bit
				k.strs[b.str] = *sp
			}
		}
		for name, x := range p.Other {
			i, found := rs.paramIndex[name]
			if !found {
				continue
			}
			v, conv := fromAny(x)
			if !conv || (v.k != kindNone && v.k != rs.params[i].typ.kind()) {
				return false, nil
			}
			bit := uint64(1) << i
			k.set &^= bit
			k.bools &^= bit
			switch v.k {
			case kindBool:
				k.set |= bit
				if v.b {
					k.bools |= bit
				}
			case kindString:
				k.set |= bit
				k.strs[rs.plan[i].str] = v.s
			}
		}
	}
	for i := range rs.params {
		bit := uint64(1) << i
		if k.set&bit != 0 {
			continue
		}
		d := &rs.params[i]
		switch d.def.k {
		case kindBool:
			k.set |= bit
			if d.def.b {
				k.bools |= bit
			}
		case kindString:
			k.set |= bit
			k.strs[rs.plan[i].str] = d.def.s
		default:
			if d.required {
				return false, fmt.Errorf("endpoints: parameter %q is required", d.name)
			}
		}
	}
	return true, nil
}

// fieldIsBoolFast reports whether the field bound by b holds a *bool: a
// string parameter bound to a string field, or a clash, tells which.
func fieldIsBoolFast(b *keyBind) bool {
	return (b.str < 0) != b.clash
}

// keyValues expands k into one value per parameter.
func (rs *RuleSet) keyValues(k *key, vals []value) {
	for i := range rs.params {
		bit := uint64(1) << i
		switch {
		case k.set&bit == 0:
			vals[i] = value{}
		case rs.plan[i].str >= 0:
			vals[i] = stringValue(k.strs[rs.plan[i].str])
		default:
			vals[i] = boolValue(k.bools&bit != 0)
		}
	}
}

func (rs *RuleSet) hashKey(k *key) uint64 {
	const prime = 1099511628211
	h := (k.set*prime ^ k.bools) * prime
	for i := range rs.plan {
		if s := rs.plan[i].str; s >= 0 && k.set&(1<<i) != 0 {
			h = (h ^ maphash.String(rs.seed, k.strs[s])) * prime
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

func (c *cache) get(h uint64, k *key) *cacheEntry {
	e := c.entries[h%cacheSize].Load()
	if e == nil || e.hash != h || e.key != *k {
		return nil
	}
	return e
}

func (c *cache) put(h uint64, k *key, ep Endpoint, err error) {
	c.entries[h%cacheSize].Store(&cacheEntry{hash: h, key: *k, ep: ep, err: err})
}
