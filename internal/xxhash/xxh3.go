package xxhash

import (
	"encoding/binary"
	"math/bits"
)

// The 32-bit primes and the mixing multipliers XXH3 adds to the XXH64 set.
const (
	prime32x1 = 0x9E3779B1
	prime32x2 = 0x85EBCA77
	prime32x3 = 0xC2B2AE3D
	primeMX1  = 0x165667919E3779F9
	primeMX2  = 0x9FB21C651E98DF25
)

// Size128 is the size of an XXH3-128 digest in bytes.
const Size128 = 16

const (
	secretSize      = 192                          // the default secret's length
	stripeLen       = 64                           // a stripe of the long-input loop
	stripesPerBlock = (secretSize - stripeLen) / 8 // 16 stripes
	blockLen        = stripesPerBlock * stripeLen  // 1 KiB
	midMax          = 240                          // longest input of the medium path
	scrambleOff     = secretSize - stripeLen       // 128: secret offset of the scramble
	lastStripeOff   = secretSize - stripeLen - 7   // 121: secret offset of the last stripe
	mergeOffLow     = 11                           // secret offset of the low (64-bit) merge
	mergeOffHigh    = secretSize - stripeLen - 11  // 117: secret offset of the high merge
	midStartOff     = 3                            // 129-240: secret offset past the first 128 bytes
	mid64LastOff    = 136 - 17                     // 119: XXH3-64 129-240, the last chunk
	mid128LastOff   = 136 - 17 - 16                // 103: XXH3-128 129-240, the last pair
)

// defaultSecret is the 192-byte kSecret of the specification ("Seed and
// Secret").
var defaultSecret = [secretSize]byte{
	0xb8, 0xfe, 0x6c, 0x39, 0x23, 0xa4, 0x4b, 0xbe, 0x7c, 0x01, 0x81, 0x2c, 0xf7, 0x21, 0xad, 0x1c,
	0xde, 0xd4, 0x6d, 0xe9, 0x83, 0x90, 0x97, 0xdb, 0x72, 0x40, 0xa4, 0xa4, 0xb7, 0xb3, 0x67, 0x1f,
	0xcb, 0x79, 0xe6, 0x4e, 0xcc, 0xc0, 0xe5, 0x78, 0x82, 0x5a, 0xd0, 0x7d, 0xcc, 0xff, 0x72, 0x21,
	0xb8, 0x08, 0x46, 0x74, 0xf7, 0x43, 0x24, 0x8e, 0xe0, 0x35, 0x90, 0xe6, 0x81, 0x3a, 0x26, 0x4c,
	0x3c, 0x28, 0x52, 0xbb, 0x91, 0xc3, 0x00, 0xcb, 0x88, 0xd0, 0x65, 0x8b, 0x1b, 0x53, 0x2e, 0xa3,
	0x71, 0x64, 0x48, 0x97, 0xa2, 0x0d, 0xf9, 0x4e, 0x38, 0x19, 0xef, 0x46, 0xa9, 0xde, 0xac, 0xd8,
	0xa8, 0xfa, 0x76, 0x3f, 0xe3, 0x9c, 0x34, 0x3f, 0xf9, 0xdc, 0xbb, 0xc7, 0xc7, 0x0b, 0x4f, 0x1d,
	0x8a, 0x51, 0xe0, 0x4b, 0xcd, 0xb4, 0x59, 0x31, 0xc8, 0x9f, 0x7e, 0xc9, 0xd9, 0x78, 0x73, 0x64,
	0xea, 0xc5, 0xac, 0x83, 0x34, 0xd3, 0xeb, 0xc3, 0xc5, 0x81, 0xa0, 0xff, 0xfa, 0x13, 0x63, 0xeb,
	0x17, 0x0d, 0xdd, 0x51, 0xb7, 0xf0, 0xda, 0x49, 0xd3, 0x16, 0x55, 0x26, 0x29, 0xd4, 0x68, 0x9e,
	0x2b, 0x16, 0xbe, 0x58, 0x7d, 0x47, 0xa1, 0xfc, 0x8f, 0xf8, 0xb8, 0xd1, 0x7a, 0xd0, 0x31, 0xce,
	0x45, 0xcb, 0x3a, 0x8f, 0x95, 0x16, 0x04, 0x28, 0xaf, 0xd7, 0xfb, 0xca, 0xbb, 0x4b, 0x40, 0x7e,
}

// Uint128 is an XXH3-128 digest: Hi is the spec's high64, Lo its low64.
type Uint128 struct {
	Hi, Lo uint64
}

// Bytes returns the canonical form of u: Hi then Lo, each big-endian, as
// XXH128_canonicalFromHash writes it and as S3's x-amz-checksum-xxhash128
// carries it (base64 of these 16 bytes).
func (u Uint128) Bytes() [Size128]byte {
	var b [Size128]byte
	binary.BigEndian.PutUint64(b[:8], u.Hi)
	binary.BigEndian.PutUint64(b[8:], u.Lo)
	return b
}

// Sum3 returns the XXH3-64 digest of p with seed 0 and the default secret,
// the checksum S3 calls XXHASH3.
func Sum3(p []byte) uint64 { return Sum3Seed(p, 0) }

// Sum3Seed returns the XXH3-64 digest of p with the given seed (and the
// secret derived from it for inputs over 240 bytes).
func Sum3Seed(p []byte, seed uint64) uint64 {
	n := len(p)
	switch {
	case n <= 16:
		return short64(p, seed, &defaultSecret)
	case n <= 128:
		return mid64to128(p, seed, &defaultSecret)
	case n <= midMax:
		return mid64to240(p, seed, &defaultSecret)
	}
	if seed == 0 {
		return long64(p, &defaultSecret)
	}
	var s [secretSize]byte
	deriveSecret(&s, seed)
	return long64(p, &s)
}

// Sum128 returns the XXH3-128 digest of p with seed 0 and the default
// secret, the checksum S3 calls XXHASH128.
func Sum128(p []byte) Uint128 { return Sum128Seed(p, 0) }

// Sum128Seed returns the XXH3-128 digest of p with the given seed (and the
// secret derived from it for inputs over 240 bytes).
func Sum128Seed(p []byte, seed uint64) Uint128 {
	n := len(p)
	switch {
	case n <= 16:
		return short128(p, seed, &defaultSecret)
	case n <= 128:
		return mid128to128(p, seed, &defaultSecret)
	case n <= midMax:
		return mid128to240(p, seed, &defaultSecret)
	}
	if seed == 0 {
		return long128(p, &defaultSecret)
	}
	var s [secretSize]byte
	deriveSecret(&s, seed)
	return long128(p, &s)
}

// deriveSecret writes the secret for a seeded hash of a long input: the
// default secret read as 24 little-endian words, seed added to the even
// ones and subtracted from the odd ones.
func deriveSecret(s *[secretSize]byte, seed uint64) {
	for i := 0; i < secretSize; i += 16 {
		binary.LittleEndian.PutUint64(s[i:], binary.LittleEndian.Uint64(defaultSecret[i:])+seed)
		binary.LittleEndian.PutUint64(s[i+8:], binary.LittleEndian.Uint64(defaultSecret[i+8:])-seed)
	}
}

func le64(b []byte) uint64 { return binary.LittleEndian.Uint64(b) }
func le32(b []byte) uint32 { return binary.LittleEndian.Uint32(b) }

// avalanche is the spec's XXH3 avalanche().
func avalanche(x uint64) uint64 {
	x ^= x >> 37
	x *= primeMX1
	return x ^ x>>32
}

// avalancheXXH64 is the XXH64 final mix, which XXH3 reuses for the
// shortest inputs.
func avalancheXXH64(x uint64) uint64 {
	x ^= x >> 33
	x *= prime64x2
	x ^= x >> 29
	x *= prime64x3
	return x ^ x>>32
}

// mulFold returns the xor of the two halves of the 128-bit product a*b.
func mulFold(a, b uint64) uint64 {
	hi, lo := bits.Mul64(a, b)
	return hi ^ lo
}

// short64 is XXH3-64 for inputs of 0-16 bytes.
func short64(p []byte, seed uint64, s *[secretSize]byte) uint64 {
	n := len(p)
	switch {
	case n > 8:
		lo := (le64(s[24:]) ^ le64(s[32:])) + seed
		hi := (le64(s[40:]) ^ le64(s[48:])) - seed
		lo ^= le64(p)
		hi ^= le64(p[n-8:])
		return avalanche(uint64(n) + bits.ReverseBytes64(lo) + hi + mulFold(lo, hi))
	case n >= 4:
		seed ^= uint64(bits.ReverseBytes32(uint32(seed))) << 32
		combined := uint64(le32(p[n-4:])) | uint64(le32(p))<<32
		v := ((le64(s[8:]) ^ le64(s[16:])) - seed) ^ combined
		v ^= bits.RotateLeft64(v, 49) ^ bits.RotateLeft64(v, 24)
		v *= primeMX2
		v ^= (v >> 35) + uint64(n)
		v *= primeMX2
		return v ^ v>>28
	case n > 0:
		c := uint64(combine1to3(p))
		return avalancheXXH64((uint64(le32(s[0:])^le32(s[4:])) + seed) ^ c)
	}
	return avalancheXXH64(seed ^ le64(s[56:]) ^ le64(s[64:]))
}

// combine1to3 packs an input of 1-3 bytes with its length.
func combine1to3(p []byte) uint32 {
	n := len(p)
	return uint32(p[n-1]) | uint32(n)<<8 | uint32(p[0])<<16 | uint32(p[n>>1])<<24
}

// short128 is XXH3-128 for inputs of 0-16 bytes.
func short128(p []byte, seed uint64, s *[secretSize]byte) Uint128 {
	n := len(p)
	switch {
	case n > 8:
		first, last := le64(p), le64(p[n-8:])
		v1 := ((le64(s[32:]) ^ le64(s[40:])) - seed) ^ first ^ last
		v2 := ((le64(s[48:]) ^ le64(s[56:])) + seed) ^ last
		hi, lo := bits.Mul64(v1, prime64x1)
		lo += uint64(n-1) << 54
		hi += v2 + uint64(uint32(v2))*(prime32x2-1)
		lo ^= bits.ReverseBytes64(hi)
		h2, l2 := bits.Mul64(lo, prime64x2)
		h2 += hi * prime64x2
		return Uint128{Hi: avalanche(h2), Lo: avalanche(l2)}
	case n >= 4:
		seed ^= uint64(bits.ReverseBytes32(uint32(seed))) << 32
		combined := uint64(le32(p)) | uint64(le32(p[n-4:]))<<32
		v := ((le64(s[16:]) ^ le64(s[24:])) + seed) ^ combined
		hi, lo := bits.Mul64(v, prime64x1+uint64(n)<<2)
		hi += lo << 1
		lo ^= hi >> 3
		lo ^= lo >> 35
		lo *= primeMX2
		lo ^= lo >> 28
		return Uint128{Hi: avalanche(hi), Lo: lo}
	case n > 0:
		c := combine1to3(p)
		lo := (uint64(le32(s[0:])^le32(s[4:])) + seed) ^ uint64(c)
		hi := (uint64(le32(s[8:])^le32(s[12:])) - seed) ^ uint64(bits.RotateLeft32(bits.ReverseBytes32(c), 13))
		return Uint128{Hi: avalancheXXH64(hi), Lo: avalancheXXH64(lo)}
	}
	return Uint128{
		Hi: avalancheXXH64(seed ^ le64(s[80:]) ^ le64(s[88:])),
		Lo: avalancheXXH64(seed ^ le64(s[64:]) ^ le64(s[72:])),
	}
}

// mix16 is the spec's mixStep: 16 input bytes against 16 secret bytes.
func mix16(p, s []byte, seed uint64) uint64 {
	return mulFold(le64(p)^(le64(s)+seed), le64(p[8:])^(le64(s[8:])-seed))
}

// mid64to128 is XXH3-64 for inputs of 17-128 bytes.
func mid64to128(p []byte, seed uint64, s *[secretSize]byte) uint64 {
	n := len(p)
	acc := uint64(n) * prime64x1
	for i := (n - 1) >> 5; i >= 0; i-- {
		acc += mix16(p[16*i:], s[32*i:], seed)
		acc += mix16(p[n-16*i-16:], s[32*i+16:], seed)
	}
	return avalanche(acc)
}

// mid64to240 is XXH3-64 for inputs of 129-240 bytes.
func mid64to240(p []byte, seed uint64, s *[secretSize]byte) uint64 {
	n := len(p)
	acc := uint64(n) * prime64x1
	for i := 0; i < 8; i++ {
		acc += mix16(p[16*i:], s[16*i:], seed)
	}
	acc = avalanche(acc)
	for i := 8; i < n>>4; i++ {
		acc += mix16(p[16*i:], s[16*(i-8)+midStartOff:], seed)
	}
	acc += mix16(p[n-16:], s[mid64LastOff:], seed)
	return avalanche(acc)
}

// mix32 is the spec's mixTwoChunks on the accumulator pair (a0, a1).
func mix32(a0, a1 uint64, p1, p2, s []byte, seed uint64) (uint64, uint64) {
	a0 += mix16(p1, s, seed)
	a1 += mix16(p2, s[16:], seed)
	a0 ^= le64(p2) + le64(p2[8:])
	a1 ^= le64(p1) + le64(p1[8:])
	return a0, a1
}

// final128 turns the medium-path accumulators into the XXH3-128 digest.
func final128(a0, a1, n, seed uint64) Uint128 {
	lo := a0 + a1
	hi := a0*prime64x1 + a1*prime64x4 + (n-seed)*prime64x2
	return Uint128{Hi: -avalanche(hi), Lo: avalanche(lo)}
}

// mid128to128 is XXH3-128 for inputs of 17-128 bytes.
func mid128to128(p []byte, seed uint64, s *[secretSize]byte) Uint128 {
	n := len(p)
	a0, a1 := uint64(n)*prime64x1, uint64(0)
	for i := (n - 1) >> 5; i >= 0; i-- {
		a0, a1 = mix32(a0, a1, p[16*i:], p[n-16*i-16:], s[32*i:], seed)
	}
	return final128(a0, a1, uint64(n), seed)
}

// mid128to240 is XXH3-128 for inputs of 129-240 bytes.
func mid128to240(p []byte, seed uint64, s *[secretSize]byte) Uint128 {
	n := len(p)
	a0, a1 := uint64(n)*prime64x1, uint64(0)
	for i := 0; i < 4; i++ {
		a0, a1 = mix32(a0, a1, p[32*i:], p[32*i+16:], s[32*i:], seed)
	}
	a0, a1 = avalanche(a0), avalanche(a1)
	for i := 4; i < n>>5; i++ {
		a0, a1 = mix32(a0, a1, p[32*i:], p[32*i+16:], s[32*(i-4)+midStartOff:], seed)
	}
	a0, a1 = mix32(a0, a1, p[n-16:], p[n-32:], s[mid128LastOff:], -seed)
	return final128(a0, a1, uint64(n), seed)
}
