package sigv4

// Trace receives the canonical request, string to sign and signature.
type Trace = trace

// WithTrace returns p set to record its intermediate values in t.
func WithTrace(p Params, t *Trace) Params {
	p.trace = t
	return p
}

// CachedKeys reports how many signing keys s has cached.
func (s *Signer) CachedKeys() int { return s.cache.len() }

// NormalizePath, CanonicalQuery, HeaderValue and URIEncode expose the
// canonicalization steps.
func NormalizePath(p string) string { return string(appendNormalizedPath(nil, p)) }

func CanonicalQuery(raw string) string {
	sc := getScratch()
	defer putScratch(sc)
	return string(appendCanonicalQuery(nil, raw, sc, nil))
}

func HeaderValue(v string) string { return string(appendHeaderValue(nil, v)) }

func URIEncode(s string, keepSlash bool) string { return string(appendURIEncode(nil, s, keepSlash)) }

// HasByteAtMost exposes the word-at-a-time byte scan.
func HasByteAtMost(s string, c byte) bool { return hasByteAtMost(s, c) }

// Lower exposes the word-at-a-time ASCII lower-casing.
func Lower(s string) string { return string(appendLower(nil, s)) }

// EncodeHex exposes the word-at-a-time hex encoder.
func EncodeHex(src []byte) string { return string(appendHex(nil, src)) }

// KnownLower exposes the lower-case table of common header names: the
// lower-case name, whether its prefix8 is right, and whether it is known.
func KnownLower(name string) (lower string, pfxOK, ok bool) {
	l, pfx, ok := knownLower(name)
	return l, pfx == prefix8([]byte(l)), ok
}

// WirePath exposes the path the signer takes from a request.
var WirePath = wirePath

// CachedKeysV4a reports how many SigV4a keys s has cached.
func (s *Signer) CachedKeysV4a() int { return s.v4aKeys.len() }

// LessOrEqual and AddOne expose the constant-time big-endian helpers of the
// SigV4a key derivation.
func LessOrEqual(a, b [32]byte) bool { return lessOrEqual(&a, &b) }

func AddOne(a [32]byte) [32]byte {
	addOne(&a)
	return a
}

// V4aKeyCacheLimit is the bound of the SigV4a key cache.
const V4aKeyCacheLimit = v4aKeyCacheLimit
