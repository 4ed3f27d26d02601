package endpoints

// ResolveUncached resolves p without reading or filling the cache.
func (rs *RuleSet) ResolveUncached(p *Params) (Endpoint, error) {
	vals := make([]value, len(rs.params))
	if err := rs.bind(p, vals); err != nil {
		return Endpoint{}, err
	}
	return rs.evaluate(vals)
}

// Cacheable reports whether rs resolves through the cache.
func Cacheable(rs *RuleSet) bool { return rs.plan != nil }

// S3JSON returns the embedded S3 rule set.
func S3JSON() []byte { return s3JSON }

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
