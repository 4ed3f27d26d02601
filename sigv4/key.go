package sigv4

import (
	"crypto/sha256"
	"encoding"
	"hash"
	"sync"
	"sync/atomic"
)

// hmacSHA256 computes HMAC-SHA256 (RFC 2104) with reusable digests, so that a
// signature costs no allocation once the value is pooled.
type hmacSHA256 struct {
	inner, outer hash.Hash
	ipad, opad   [sha256.BlockSize]byte
	sum          [sha256.Size]byte

	// When set, the digest states after the ipad and opad blocks of the
	// current key, restored instead of hashing the pads again.
	istate, ostate []byte
}

func newHMAC() *hmacSHA256 {
	return &hmacSHA256{inner: sha256.New(), outer: sha256.New()}
}

// setKey prepares the pads for key.
func (h *hmacSHA256) setKey(key []byte) {
	h.istate, h.ostate = nil, nil
	if len(key) > sha256.BlockSize {
		h.sum = sha256.Sum256(key)
		key = h.sum[:]
	}
	h.ipad = [sha256.BlockSize]byte{}
	copy(h.ipad[:], key)
	h.opad = h.ipad
	for i := range h.ipad {
		h.ipad[i] ^= 0x36
		h.opad[i] ^= 0x5c
	}
}

// start begins a MAC under the current key; write the message to h.inner.
func (h *hmacSHA256) start() {
	if h.istate != nil && restore(h.inner, h.istate) {
		return
	}
	h.inner.Reset()
	h.inner.Write(h.ipad[:])
}

// restore sets d to a state saved by MarshalBinary.
func restore(d hash.Hash, state []byte) bool {
	u, ok := d.(encoding.BinaryUnmarshaler)
	return ok && u.UnmarshalBinary(state) == nil
}

// useKey sets h to MAC with the key of st, from its saved digest states.
func (h *hmacSHA256) useKey(st *keyState) {
	if st.istate == nil {
		h.setKey(st.key[:])
		return
	}
	h.istate, h.ostate = st.istate, st.ostate
}

// finish completes the MAC started by start and returns it (valid until the
// next use of h).
func (h *hmacSHA256) finish() []byte {
	in := h.inner.Sum(h.sum[:0])
	if h.ostate == nil || !restore(h.outer, h.ostate) {
		h.outer.Reset()
		h.outer.Write(h.opad[:])
	}
	h.outer.Write(in)
	return h.outer.Sum(h.sum[:0])
}

// mac returns HMAC(key, msg) (valid until the next use of h).
func (h *hmacSHA256) mac(key []byte, msg string) []byte {
	h.setKey(key)
	h.start()
	writeString(h.inner, msg)
	return h.finish()
}

func writeString(w hash.Hash, s string) {
	if hw, ok := w.(interface{ WriteString(string) (int, error) }); ok {
		hw.WriteString(s)
		return
	}
	w.Write([]byte(s))
}

// deriveKey computes the SigV4 signing key:
// HMAC(HMAC(HMAC(HMAC("AWS4"+secret, date), region), service), "aws4_request").
func deriveKey(h *hmacSHA256, secret string, date [8]byte, region, service string) [sha256.Size]byte {
	var k [sha256.Size]byte
	buf := make([]byte, 0, 4+len(secret))
	buf = append(buf, "AWS4"...)
	buf = append(buf, secret...)
	h.setKey(buf)
	clear(buf)
	h.start()
	h.inner.Write(date[:])
	copy(k[:], h.finish())
	copy(k[:], h.mac(k[:], region))
	copy(k[:], h.mac(k[:], service))
	copy(k[:], h.mac(k[:], "aws4_request"))
	return k
}

// keyCacheLimit bounds the cache: when it is full it is emptied, which at worst
// costs four HMACs per distinct scope.
const keyCacheLimit = 256

type cacheKey struct {
	secret, region, service string
	date                    [8]byte
}

// keyState is a derived signing key and the HMAC digest states after its
// ipad and opad blocks (nil when the digest cannot save its state).
type keyState struct {
	ck             cacheKey
	key            [sha256.Size]byte
	istate, ostate []byte
}

func newKeyState(h *hmacSHA256, key [sha256.Size]byte) *keyState {
	st := &keyState{key: key}
	h.setKey(key[:])
	h.inner.Reset()
	h.inner.Write(h.ipad[:])
	h.outer.Reset()
	h.outer.Write(h.opad[:])
	mi, ok1 := h.inner.(encoding.BinaryMarshaler)
	mo, ok2 := h.outer.(encoding.BinaryMarshaler)
	if ok1 && ok2 {
		i, err1 := mi.MarshalBinary()
		o, err2 := mo.MarshalBinary()
		if err1 == nil && err2 == nil {
			st.istate, st.ostate = i, o
		}
	}
	return st
}

// keyCache maps (secret, date, region, service) to the derived signing key.
// Its zero value is ready to use and it is safe for concurrent use.
type keyCache struct {
	last atomic.Pointer[keyState] // the most recent scope: no lock, no hashing
	mu   sync.RWMutex
	m    map[cacheKey]*keyState
}

// get returns the signing key state of the scope; h is scratch space.
func (c *keyCache) get(h *hmacSHA256, secret string, date [8]byte, region, service string) (st *keyState) {
	if l := c.last.Load(); l != nil && l.ck.date == date && l.ck.secret == secret && l.ck.region == region && l.ck.service == service {
		return l
	}
	ck := cacheKey{secret: secret, region: region, service: service, date: date}
	defer func() { c.last.Store(st) }()
	c.mu.RLock()
	st, ok := c.m[ck]
	c.mu.RUnlock()
	if ok {
		return st
	}
	st = newKeyState(h, deriveKey(h, secret, date, region, service))
	st.ck = ck
	c.mu.Lock()
	if c.m == nil || len(c.m) >= keyCacheLimit {
		c.m = make(map[cacheKey]*keyState)
	}
	c.m[ck] = st
	c.mu.Unlock()
	return st
}

// len reports the number of cached keys (for tests).
func (c *keyCache) len() int {
	c.mu.RLock()
	defer c.mu.RUnlock()
	return len(c.m)
}
