package sigv4

import (
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/hmac"
	"crypto/sha256"
	"encoding/binary"
	"errors"
	"fmt"
	"math/big"
	"sync"
	"sync/atomic"
)

// ErrKeyDerivation is returned in the (astronomically unlikely) case that no
// SigV4a key can be derived from the credentials: every counter value from 1
// to 254 gave a candidate outside the curve's order.
var ErrKeyDerivation = errors.New("sigv4: no SigV4a key could be derived from the credentials")

// maxKeyDerivationCounter is the last counter value the derivation tries.
const maxKeyDerivationCounter = 254

// p256NMinus2 returns n-2, n the order of P-256, as 32 big-endian bytes: the
// largest candidate the derivation accepts.
func p256NMinus2() (b [32]byte) {
	n := new(big.Int).Sub(elliptic.P256().Params().N, big.NewInt(2))
	n.FillBytes(b[:])
	return b
}

// DeriveKeyV4a derives the SigV4a ECDSA P-256 key pair of the credentials'
// access key id and secret access key. Signers and verifiers that hold the
// secret derive the same key; a verifier that holds only the public key
// checks signatures with VerifyOptions.PublicKey. The session token plays no
// part. The Signer caches derived keys; this function does not.
//
// The derivation (the SigV4a specification, as aws-c-auth implements it) is
// NIST SP 800-108 in counter mode with HMAC-SHA256, keyed with
// "AWS4A" + secret, one 256-bit block of fixed input
//
//	[1]32 || "AWS4-ECDSA-P256-SHA256" || 0x00 || access key id || counter || [256]32
//
// ([x]32: x as 4 big-endian bytes; counter: one byte, from 1). The output c,
// read as a big-endian number, is taken when c <= n-2 (n the order of P-256),
// and the private key is c+1; otherwise the counter is incremented, up to
// 254.
func DeriveKeyV4a(creds Credentials) (*ecdsa.PrivateKey, error) {
	if !creds.HasKeys() {
		return nil, ErrMissingCredentials
	}
	return deriveKeyV4a(creds.AccessKeyID, creds.SecretAccessKey)
}

func deriveKeyV4a(accessKeyID, secret string) (*ecdsa.PrivateKey, error) {
	hk := make([]byte, 0, 5+len(secret))
	hk = append(hk, "AWS4A"...)
	hk = append(hk, secret...)
	mac := hmac.New(sha256.New, hk)
	clear(hk)

	in := make([]byte, 0, 4+len(AlgorithmV4a)+1+len(accessKeyID)+1+4)
	in = binary.BigEndian.AppendUint32(in, 1) // the block counter i: one block is enough
	in = append(in, AlgorithmV4a...)          // the label
	in = append(in, 0)
	in = append(in, accessKeyID...) // the context: access key id and counter byte
	in = append(in, 0)
	at := len(in) - 1
	in = binary.BigEndian.AppendUint32(in, 256) // L, the output length in bits

	nMinus2 := p256NMinus2()
	var c [sha256.Size]byte
	defer clear(c[:])
	for counter := 1; counter <= maxKeyDerivationCounter; counter++ {
		in[at] = byte(counter)
		mac.Reset()
		mac.Write(in)
		mac.Sum(c[:0])
		if !lessOrEqual(&c, &nMinus2) {
			continue
		}
		addOne(&c) // c <= n-2, so c+1 is in [1, n-1]: a valid private key
		key, err := ecdsa.ParseRawPrivateKey(elliptic.P256(), c[:])
		if err != nil {
			return nil, fmt.Errorf("sigv4: SigV4a key derivation: %w", err)
		}
		return key, nil
	}
	return nil, ErrKeyDerivation
}

// lessOrEqual reports whether a <= b, both big-endian, in time independent
// of their values.
func lessOrEqual(a, b *[32]byte) bool {
	// b - a borrows exactly when a > b.
	var borrow uint32
	for i := len(a) - 1; i >= 0; i-- {
		d := uint32(b[i]) - uint32(a[i]) - borrow
		borrow = d >> 31
	}
	return borrow == 0
}

// addOne adds one to the big-endian number a (which must not be all ones),
// in time independent of its value.
func addOne(a *[32]byte) {
	carry := uint16(1)
	for i := len(a) - 1; i >= 0; i-- {
		v := uint16(a[i]) + carry
		a[i] = byte(v)
		carry = v >> 8
	}
}

// v4aKeyCacheLimit bounds the SigV4a key cache. When it is full, one entry
// (an arbitrary one) makes room for the next.
const v4aKeyCacheLimit = 64

type v4aCacheKey struct{ accessKeyID, secret string }

type v4aEntry struct {
	ck  v4aCacheKey
	key *ecdsa.PrivateKey
}

// v4aKeyCache maps (access key id, secret) to the derived SigV4a key. Its
// zero value is ready to use and it is safe for concurrent use. Goroutines
// that miss the same key at once may each derive it; one result is kept.
type v4aKeyCache struct {
	last atomic.Pointer[v4aEntry] // the most recent key: no lock, no hashing
	mu   sync.RWMutex
	m    map[v4aCacheKey]*v4aEntry
}

// get returns the key of the credentials, deriving it on a miss.
func (c *v4aKeyCache) get(accessKeyID, secret string) (*ecdsa.PrivateKey, error) {
	if l := c.last.Load(); l != nil && l.ck.accessKeyID == accessKeyID && l.ck.secret == secret {
		return l.key, nil
	}
	ck := v4aCacheKey{accessKeyID: accessKeyID, secret: secret}
	c.mu.RLock()
	e, ok := c.m[ck]
	c.mu.RUnlock()
	if !ok {
		key, err := deriveKeyV4a(accessKeyID, secret)
		if err != nil {
			return nil, err
		}
		c.mu.Lock()
		if e, ok = c.m[ck]; !ok {
			if c.m == nil {
				c.m = make(map[v4aCacheKey]*v4aEntry)
			}
			if len(c.m) >= v4aKeyCacheLimit {
				for k := range c.m {
					delete(c.m, k)
					break
				}
			}
			e = &v4aEntry{ck: ck, key: key}
			c.m[ck] = e
		}
		c.mu.Unlock()
	}
	c.last.Store(e)
	return e.key, nil
}

// len reports the number of cached keys (for tests).
func (c *v4aKeyCache) len() int {
	c.mu.RLock()
	defer c.mu.RUnlock()
	return len(c.m)
}
