package xxhash

import (
	"encoding/binary"
	"hash"
	"math/bits"
)

// The 64-bit primes of the xxHash specification (XXH64 and XXH3).
const (
	prime64x1 = 0x9E3779B185EBCA87
	prime64x2 = 0xC2B2AE3D27D4EB4F
	prime64x3 = 0x165667B19E3779F9
	prime64x4 = 0x85EBCA77C2B2AE63
	prime64x5 = 0x27D4EB2F165667C5
)

// Size64 is the size of an XXH64 or XXH3-64 digest in bytes.
const Size64 = 8

// blockSize64 is the XXH64 stripe: four 8-byte lanes.
const blockSize64 = 32

// Sum64 returns the XXH64 digest of p with seed 0, the checksum S3 calls
// XXHASH64.
func Sum64(p []byte) uint64 { return Sum64Seed(p, 0) }

// Sum64Seed returns the XXH64 digest of p with the given seed.
func Sum64Seed(p []byte, seed uint64) uint64 {
	n := len(p)
	var h uint64
	if n >= blockSize64 {
		v := init64(seed)
		m := n &^ (blockSize64 - 1)
		stripes64(&v, p[:m])
		p = p[m:]
		h = converge64(&v)
	} else {
		h = seed + prime64x5
	}
	return finish64(h, uint64(n), p)
}

// init64 returns the four XXH64 lane accumulators for seed (spec step 1).
func init64(seed uint64) [4]uint64 {
	return [4]uint64{seed + prime64x1 + prime64x2, seed + prime64x2, seed, seed - prime64x1}
}

// round64 is the spec's round(acc, lane).
func round64(acc, lane uint64) uint64 {
	acc += lane * prime64x2
	acc = bits.RotateLeft64(acc, 31)
	return acc * prime64x1
}

// stripes64 runs step 2 over p, whose length is a multiple of 32.
func stripes64(v *[4]uint64, p []byte) {
	v1, v2, v3, v4 := v[0], v[1], v[2], v[3]
	for len(p) >= blockSize64 {
		s := p[:blockSize64:blockSize64]
		v1 = round64(v1, binary.LittleEndian.Uint64(s[0:8]))
		v2 = round64(v2, binary.LittleEndian.Uint64(s[8:16]))
		v3 = round64(v3, binary.LittleEndian.Uint64(s[16:24]))
		v4 = round64(v4, binary.LittleEndian.Uint64(s[24:32]))
		p = p[blockSize64:]
	}
	v[0], v[1], v[2], v[3] = v1, v2, v3, v4
}

// converge64 merges the four accumulators (spec step 3).
func converge64(v *[4]uint64) uint64 {
	h := bits.RotateLeft64(v[0], 1) + bits.RotateLeft64(v[1], 7) +
		bits.RotateLeft64(v[2], 12) + bits.RotateLeft64(v[3], 18)
	for _, x := range v {
		h ^= round64(0, x)
		h = h*prime64x1 + prime64x4
	}
	return h
}

// finish64 adds the length, consumes the last 0-31 bytes in tail and
// avalanches (spec steps 4-6).
func finish64(h, n uint64, tail []byte) uint64 {
	h += n
	for ; len(tail) >= 8; tail = tail[8:] {
		h ^= round64(0, binary.LittleEndian.Uint64(tail))
		h = bits.RotateLeft64(h, 27)*prime64x1 + prime64x4
	}
	if len(tail) >= 4 {
		h ^= uint64(binary.LittleEndian.Uint32(tail)) * prime64x1
		h = bits.RotateLeft64(h, 23)*prime64x2 + prime64x3
		tail = tail[4:]
	}
	for _, b := range tail {
		h ^= uint64(b) * prime64x5
		h = bits.RotateLeft64(h, 11) * prime64x1
	}
	h ^= h >> 33
	h *= prime64x2
	h ^= h >> 29
	h *= prime64x3
	h ^= h >> 32
	return h
}

// Digest64 is a streaming XXH64 hash. It implements [hash.Hash64]; Sum
// appends the digest in the canonical (big-endian) byte order. The zero
// value hashes with seed 0 and is ready to use.
type Digest64 struct {
	v     [4]uint64         // lane accumulators, valid once ready
	buf   [blockSize64]byte // a partial stripe
	nbuf  int               // bytes in buf
	total uint64            // bytes written since Reset
	seed  uint64
	ready bool // v holds init64(seed)
}

var _ hash.Hash64 = (*Digest64)(nil)

// New64 returns a Digest64 computing XXH64 with seed 0.
func New64() *Digest64 { return New64Seed(0) }

// New64Seed returns a Digest64 computing XXH64 with the given seed.
func New64Seed(seed uint64) *Digest64 {
	d := &Digest64{seed: seed}
	d.Reset()
	return d
}

// Reset returns d to the state it had after New64Seed with its seed.
func (d *Digest64) Reset() {
	d.v = init64(d.seed)
	d.nbuf = 0
	d.total = 0
	d.ready = true
}

// Size returns 8.
func (d *Digest64) Size() int { return Size64 }

// BlockSize returns 32, the XXH64 stripe.
func (d *Digest64) BlockSize() int { return blockSize64 }

// Write adds p to the running hash. It never returns an error.
func (d *Digest64) Write(p []byte) (int, error) {
	if !d.ready {
		d.Reset()
	}
	n := len(p)
	d.total += uint64(n)
	if d.nbuf > 0 {
		c := copy(d.buf[d.nbuf:], p)
		d.nbuf += c
		p = p[c:]
		if d.nbuf < blockSize64 {
			return n, nil
		}
		stripes64(&d.v, d.buf[:])
		d.nbuf = 0
	}
	if m := len(p) &^ (blockSize64 - 1); m > 0 {
		stripes64(&d.v, p[:m])
		p = p[m:]
	}
	d.nbuf = copy(d.buf[:], p)
	return n, nil
}

// Sum64 returns the digest of what was written so far. It does not change
// the state.
func (d *Digest64) Sum64() uint64 {
	var h uint64
	if d.total >= blockSize64 {
		v := d.v
		h = converge64(&v)
	} else {
		h = d.seed + prime64x5
	}
	return finish64(h, d.total, d.buf[:d.nbuf])
}

// Sum appends the big-endian digest to b and returns the result. It does
// not change the state.
func (d *Digest64) Sum(b []byte) []byte {
	return binary.BigEndian.AppendUint64(b, d.Sum64())
}
