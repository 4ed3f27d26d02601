package sigv4

// WithTrace returns p set to record its intermediate values in t.
func WithTrace(p Params, t *Trace) Params {
	p.trace = t
	return p
}

// CachedKeys reports how many signing keys s has cached.
func (s *Signer) CachedKeys() int { return s.cache.len() }
