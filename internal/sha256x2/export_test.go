package sha256x2

// SetAccelerated chooses the accelerated SHA-NI path (on) or the
// crypto/sha256 fallback (off) for Digests reset from now on. It reports
// whether the requested path is available here and returns a func that
// restores the previous choice. Tests that call it must not run in parallel.
func SetAccelerated(on bool) (ok bool, restore func()) {
	prev := useAccel
	restore = func() { useAccel = prev }
	if on && !hasAccel() {
		return false, restore
	}
	useAccel = on
	return true, restore
}

// UsesFallback reports whether d delegates to crypto/sha256.
func UsesFallback(d *Digest) bool { return d.std != nil }
