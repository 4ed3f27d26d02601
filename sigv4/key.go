package sigv4

import (
	"crypto/sha256"
	"hash"
	"sync"
)

// hmacSHA256 computes HMAC-SHA256 (RFC 2104) with reusable digests, so that a
// signature costs no allocation once the value is pooled.
type hmacSHA256 struct {
	inner, outer hash.Hash
	ipad, opad   [sha256.BlockSize]byte
	sum          [sha256.Size]byte
}

func newHMAC() *hmacSHA256 {
	return &hmacSHA256{inner: sha256.New(), outer: sha256.New()}
}

// setKey prepares the pads for key.
func (h *hmacSHA256) setKey(key []byte) {
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
	h.inner.Reset()
	h.inner.Write(h.ipad[:])
}

// finish completes the MAC started by start and returns it (valid until the
// next use of h).
func (h *hmacSHA256) finish() []byte {
	in := h.inner.Sum(h.sum[:0])
	h.outer.Reset()
	h.outer.Write(h.opad[:])
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

// keyCache maps (secret, date, region, service) to the derived signing key.
// Its zero value is ready to use and it is safe for concurrent use.
type keyCache struct {
	mu sync.RWMutex
	m  map[cacheKey][sha256.Size]byte
}

func (c *keyCache) get(h *hmacSHA256, secret string, date [8]byte, region, service string) [sha256.Size]byte {
	ck := cacheKey{secret: secret, region: region, service: service, date: date}
	c.mu.RLock()
	k, ok := c.m[ck]
	c.mu.RUnlock()
	if ok {
		return k
	}
	k = deriveKey(h, secret, date, region, service)
	c.mu.Lock()
	if c.m == nil || len(c.m) >= keyCacheLimit {
		c.m = make(map[cacheKey][sha256.Size]byte)
	}
	c.m[ck] = k
	c.mu.Unlock()
	return k
}

// len reports the number of cached keys (for tests).
func (c *keyCache) len() int {
	c.mu.RLock()
	defer c.mu.RUnlock()
	return len(c.m)
}
