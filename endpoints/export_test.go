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
