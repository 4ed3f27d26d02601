package endpoints

import (
	"hash/maphash"
	"sync/atomic"
)

// cacheSize is the number of results a rule set remembers. The cache is
// direct-mapped: an entry is replaced when another parameter set hashes to
// the same place, so memory stays bounded whatever the callers do.
const cacheSize = 256

type cacheEntry struct {
	hash uint64
	key  []value // parameter values, after defaults
	ep   Endpoint
	err  error
}

// cache is a lock-free, fixed-size map from parameter values to results.
type cache struct {
	entries [cacheSize]atomic.Pointer[cacheEntry]
}

// hash hashes the parameter values. It reports false for parameter sets
// holding arrays, which are not cached.
func (rs *RuleSet) hash(vals []value) (uint64, bool) {
	h := uint64(14695981039346656037)
	for _, v := range vals {
		switch v.k {
		case kindArray, kindObject:
			return 0, false
		case kindString:
			h = (h ^ maphash.String(rs.seed, v.s)) * 1099511628211
		case kindBool:
			if v.b {
				h = (h ^ 3) * 1099511628211
			} else {
				h = (h ^ 2) * 1099511628211
			}
		default:
			h = (h ^ 1) * 1099511628211
		}
	}
	return h, true
}

func (c *cache) get(h uint64, vals []value) *cacheEntry {
	e := c.entries[h%cacheSize].Load()
	if e == nil || e.hash != h || len(e.key) != len(vals) {
		return nil
	}
	for i := range vals {
		if !e.key[i].equal(vals[i]) {
			return nil
		}
	}
	return e
}

func (c *cache) put(h uint64, vals []value, ep Endpoint, err error) {
	e := &cacheEntry{hash: h, key: append([]value(nil), vals...), ep: ep, err: err}
	c.entries[h%cacheSize].Store(e)
}
