package xxhash_test

import "encoding/hex"

// This file is a second, deliberately plain implementation of XXH64 and
// XXH3, written line by line from doc/xxhash_spec.md of Cyan4973/xxHash and
// sharing no code with the package: its own secret (transcribed again from
// the spec), byte-by-byte little-endian reads, a 32-bit-limb 128-bit
// multiply instead of math/bits, the spec's block/last-round structure for
// long inputs, and any secret length (so the spec's custom-secret vectors
// check it too). It is slow and only serves as the model the fast code is
// compared with.

const (
	rP32_1 = uint64(0x9E3779B1)
	rP32_2 = uint64(0x85EBCA77)
	rP32_3 = uint64(0xC2B2AE3D)
	rP64_1 = uint64(0x9E3779B185EBCA87)
	rP64_2 = uint64(0xC2B2AE3D27D4EB4F)
	rP64_3 = uint64(0x165667B19E3779F9)
	rP64_4 = uint64(0x85EBCA77C2B2AE63)
	rP64_5 = uint64(0x27D4EB2F165667C5)
	rMX1   = uint64(0x165667919E3779F9)
	rMX2   = uint64(0x9FB21C651E98DF25)
)

var refSecret = mustHex("" +
	"b8fe6c3923a44bbe7c01812cf721ad1cded46de9839097db7240a4a4b7b3671f" +
	"cb79e64eccc0e578825ad07dccff7221b8084674f743248ee03590e6813a264c" +
	"3c2852bb91c300cb88d0658b1b532ea371644897a20df94e3819ef46a9deacd8" +
	"a8fa763fe39c343ff9dcbbc7c70b4f1d8a51e04bcdb45931c89f7ec9d9787364" +
	"eac5ac8334d3ebc3c581a0fffa1363eb170ddd51b7f0da49d316552629d4689e" +
	"2b16be587d47a1fc8ff8b8d17ad031ce45cb3a8f95160428afd7fbcabb4b407e")

func mustHex(s string) []byte {
	b, err := hex.DecodeString(s)
	if err != nil {
		panic(err)
	}
	return b
}

func rRead64(b []byte, off int) uint64 {
	var v uint64
	for i := 7; i >= 0; i-- {
		v = v<<8 | uint64(b[off+i])
	}
	return v
}

func rRead32(b []byte, off int) uint64 {
	var v uint64
	for i := 3; i >= 0; i-- {
		v = v<<8 | uint64(b[off+i])
	}
	return v
}

func rRotl64(x uint64, r uint) uint64 { return x<<r | x>>(64-r) }

func rRotl32(x uint32, r uint) uint32 { return x<<r | x>>(32-r) }

func rSwap64(x uint64) uint64 {
	var v uint64
	for i := 0; i < 8; i++ {
		v = v<<8 | x&0xff
		x >>= 8
	}
	return v
}

func rSwap32(x uint32) uint32 {
	return x>>24 | x>>8&0xff00 | x<<8&0xff0000 | x<<24
}

// rMul128 returns the 128-bit product of a and b from four 32x32 products.
func rMul128(a, b uint64) (hi, lo uint64) {
	a0, a1 := a&0xffffffff, a>>32
	b0, b1 := b&0xffffffff, b>>32
	p00, p01, p10, p11 := a0*b0, a0*b1, a1*b0, a1*b1
	mid := p00>>32 + p01&0xffffffff + p10&0xffffffff
	lo = p00&0xffffffff | mid<<32
	hi = p11 + p01>>32 + p10>>32 + mid>>32
	return hi, lo
}

// ---- XXH64 ----

func rRound(acc, lane uint64) uint64 {
	acc = acc + lane*rP64_2
	acc = rRotl64(acc, 31)
	return acc * rP64_1
}

func rMergeAcc(acc, accN uint64) uint64 {
	acc = acc ^ rRound(0, accN)
	acc = acc * rP64_1
	return acc + rP64_4
}

func refXXH64(in []byte, seed uint64) uint64 {
	L := len(in)
	pos := 0
	var acc uint64
	if L < 32 {
		acc = seed + rP64_5
	} else {
		acc1 := seed + rP64_1 + rP64_2
		acc2 := seed + rP64_2
		acc3 := seed + 0
		acc4 := seed - rP64_1
		for L-pos >= 32 {
			acc1 = rRound(acc1, rRead64(in, pos))
			acc2 = rRound(acc2, rRead64(in, pos+8))
			acc3 = rRound(acc3, rRead64(in, pos+16))
			acc4 = rRound(acc4, rRead64(in, pos+24))
			pos += 32
		}
		acc = rRotl64(acc1, 1) + rRotl64(acc2, 7) + rRotl64(acc3, 12) + rRotl64(acc4, 18)
		acc = rMergeAcc(acc, acc1)
		acc = rMergeAcc(acc, acc2)
		acc = rMergeAcc(acc, acc3)
		acc = rMergeAcc(acc, acc4)
	}
	acc = acc + uint64(L)
	for L-pos >= 8 {
		acc = acc ^ rRound(0, rRead64(in, pos))
		acc = rRotl64(acc, 27) * rP64_1
		acc = acc + rP64_4
		pos += 8
	}
	if L-pos >= 4 {
		acc = acc ^ (rRead32(in, pos) * rP64_1)
		acc = rRotl64(acc, 23) * rP64_2
		acc = acc + rP64_3
		pos += 4
	}
	for L-pos >= 1 {
		acc = acc ^ (uint64(in[pos]) * rP64_5)
		acc = rRotl64(acc, 11) * rP64_1
		pos++
	}
	acc = acc ^ (acc >> 33)
	acc = acc * rP64_2
	acc = acc ^ (acc >> 29)
	acc = acc * rP64_3
	acc = acc ^ (acc >> 32)
	return acc
}

// ---- XXH3 ----

func rAvalanche(x uint64) uint64 {
	x = x ^ (x >> 37)
	x = x * rMX1
	x = x ^ (x >> 32)
	return x
}

func rAvalancheXXH64(x uint64) uint64 {
	x = x ^ (x >> 33)
	x = x * rP64_2
	x = x ^ (x >> 29)
	x = x * rP64_3
	x = x ^ (x >> 32)
	return x
}

// refDeriveSecret is the spec's deriveSecret(seed).
func refDeriveSecret(seed uint64) []byte {
	out := make([]byte, 192)
	for i := 0; i < 24; i++ {
		w := rRead64(refSecret, 8*i)
		if i%2 == 0 {
			w += seed
		} else {
			w -= seed
		}
		for j := 0; j < 8; j++ {
			out[8*i+j] = byte(w >> (8 * j))
		}
	}
	return out
}

// refXXH3 computes XXH3-128 of in with the given secret and seed used as
// given for every length (the C library's *_withSecretandSeed semantics;
// the long-input path uses no seed). XXH3-64 results come from the
// separate 64-bit code paths the spec describes, returned as lo64 (hi64 is
// 0) when want64 is set.
func refXXH3(in []byte, secret []byte, seed uint64, want64 bool) (lo, hi uint64) {
	L := len(in)
	switch {
	case L == 0:
		if want64 {
			return rAvalancheXXH64(seed ^ rRead64(secret, 56) ^ rRead64(secret, 64)), 0
		}
		return rAvalancheXXH64(seed ^ rRead64(secret, 64) ^ rRead64(secret, 72)),
			rAvalancheXXH64(seed ^ rRead64(secret, 80) ^ rRead64(secret, 88))
	case L <= 3:
		combined := uint32(in[L-1]) | uint32(L)<<8 | uint32(in[0])<<16 | uint32(in[L>>1])<<24
		low := ((rRead32(secret, 0) ^ rRead32(secret, 4)) + seed) ^ uint64(combined)
		if want64 {
			return rAvalancheXXH64(low), 0
		}
		high := ((rRead32(secret, 8) ^ rRead32(secret, 12)) - seed) ^ uint64(rRotl32(rSwap32(combined), 13))
		return rAvalancheXXH64(low), rAvalancheXXH64(high)
	case L <= 8:
		inputFirst := rRead32(in, 0)
		inputLast := rRead32(in, L-4)
		modifiedSeed := seed ^ uint64(rSwap32(uint32(seed)))<<32
		if want64 {
			combined := inputLast | inputFirst<<32
			value := ((rRead64(secret, 8) ^ rRead64(secret, 16)) - modifiedSeed) ^ combined
			value = value ^ rRotl64(value, 49) ^ rRotl64(value, 24)
			value = value * rMX2
			value = value ^ ((value >> 35) + uint64(L))
			value = value * rMX2
			value = value ^ (value >> 28)
			return value, 0
		}
		combined := inputFirst | inputLast<<32
		value := ((rRead64(secret, 16) ^ rRead64(secret, 24)) + modifiedSeed) ^ combined
		high, low := rMul128(value, rP64_1+uint64(L)<<2)
		high = high + (low << 1)
		low = low ^ (high >> 3)
		low = low ^ (low >> 35)
		low = low * rMX2
		low = low ^ (low >> 28)
		high = rAvalanche(high)
		return low, high
	case L <= 16:
		inputFirst := rRead64(in, 0)
		inputLast := rRead64(in, L-8)
		if want64 {
			low := ((rRead64(secret, 24) ^ rRead64(secret, 32)) + seed) ^ inputFirst
			high := ((rRead64(secret, 40) ^ rRead64(secret, 48)) - seed) ^ inputLast
			mh, ml := rMul128(low, high)
			value := uint64(L) + rSwap64(low) + high + (ml ^ mh)
			return rAvalanche(value), 0
		}
		val1 := ((rRead64(secret, 32) ^ rRead64(secret, 40)) - seed) ^ inputFirst ^ inputLast
		val2 := ((rRead64(secret, 48) ^ rRead64(secret, 56)) + seed) ^ inputLast
		mh, ml := rMul128(val1, rP64_1)
		low := ml + (uint64(L-1) << 54)
		high := mh + (val2>>32)<<32 + (val2&0xffffffff)*rP32_2
		low = low ^ rSwap64(high)
		h2, l2 := rMul128(low, rP64_2)
		low = l2
		high = h2 + high*rP64_2
		return rAvalanche(low), rAvalanche(high)
	case L <= 240:
		return refMedium(in, secret, seed, want64)
	}
	return refLong(in, secret, want64)
}

func rMixStep(data []byte, secret []byte, secretOffset int, seed uint64) uint64 {
	h, l := rMul128(rRead64(data, 0)^(rRead64(secret, secretOffset)+seed),
		rRead64(data, 8)^(rRead64(secret, secretOffset+8)-seed))
	return l ^ h
}

func refMedium(in, secret []byte, seed uint64, want64 bool) (uint64, uint64) {
	L := len(in)
	if want64 {
		acc := uint64(L) * rP64_1
		if L <= 128 {
			numRounds := ((L - 1) >> 5) + 1
			for i := numRounds - 1; i >= 0; i-- {
				offsetStart := i * 16
				offsetEnd := L - i*16 - 16
				acc += rMixStep(in[offsetStart:offsetStart+16], secret, i*32, seed)
				acc += rMixStep(in[offsetEnd:offsetEnd+16], secret, i*32+16, seed)
			}
		} else {
			numChunks := L >> 4
			for i := 0; i < 8; i++ {
				acc += rMixStep(in[i*16:i*16+16], secret, i*16, seed)
			}
			acc = rAvalanche(acc)
			for i := 8; i < numChunks; i++ {
				acc += rMixStep(in[i*16:i*16+16], secret, (i-8)*16+3, seed)
			}
			acc += rMixStep(in[L-16:L], secret, 119, seed)
		}
		return rAvalanche(acc), 0
	}
	acc := [2]uint64{uint64(L) * rP64_1, 0}
	mixTwoChunks := func(data1, data2 []byte, secretOffset int, seed uint64) {
		acc[0] = acc[0] + rMixStep(data1, secret, secretOffset, seed)
		acc[1] = acc[1] + rMixStep(data2, secret, secretOffset+16, seed)
		acc[0] = acc[0] ^ (rRead64(data2, 0) + rRead64(data2, 8))
		acc[1] = acc[1] ^ (rRead64(data1, 0) + rRead64(data1, 8))
	}
	if L <= 128 {
		numRounds := ((L - 1) >> 5) + 1
		for i := numRounds - 1; i >= 0; i-- {
			offsetStart := i * 16
			offsetEnd := L - i*16 - 16
			mixTwoChunks(in[offsetStart:offsetStart+16], in[offsetEnd:offsetEnd+16], i*32, seed)
		}
	} else {
		numChunks := L >> 5
		for i := 0; i < 4; i++ {
			mixTwoChunks(in[i*32:i*32+16], in[i*32+16:i*32+32], i*32, seed)
		}
		acc[0] = rAvalanche(acc[0])
		acc[1] = rAvalanche(acc[1])
		for i := 4; i < numChunks; i++ {
			mixTwoChunks(in[i*32:i*32+16], in[i*32+16:i*32+32], (i-4)*32+3, seed)
		}
		mixTwoChunks(in[L-16:L], in[L-32:L-16], 103, 0-seed)
	}
	low := acc[0] + acc[1]
	high := acc[0]*rP64_1 + acc[1]*rP64_4 + (uint64(L)-seed)*rP64_2
	return rAvalanche(low), 0 - rAvalanche(high)
}

func refLong(in, secret []byte, want64 bool) (uint64, uint64) {
	L := len(in)
	secretLength := len(secret)
	stripesPerBlock := (secretLength - 64) / 8
	blockSize := 64 * stripesPerBlock
	acc := [8]uint64{rP32_3, rP64_1, rP64_2, rP64_3, rP64_4, rP32_2, rP64_5, rP32_1}

	accumulate := func(stripe []byte, secretOffset int) {
		for i := 0; i < 8; i++ {
			lane := rRead64(stripe, 8*i)
			value := lane ^ rRead64(secret, secretOffset+8*i)
			acc[i^1] = acc[i^1] + lane
			acc[i] = acc[i] + (value&0xFFFFFFFF)*(value>>32)
		}
	}
	// Step 2: every block but the last, even if the last is full.
	pos := 0
	for L-pos > blockSize {
		for n := 0; n < stripesPerBlock; n++ {
			accumulate(in[pos+n*64:pos+n*64+64], n*8)
		}
		for i := 0; i < 8; i++ {
			acc[i] = acc[i] ^ (acc[i] >> 47)
			acc[i] = acc[i] ^ rRead64(secret, secretLength-64+8*i)
			acc[i] = acc[i] * rP32_1
		}
		pos += blockSize
	}
	// Step 3: the last block, then the last 64 bytes.
	lastLen := L - pos
	nFullStripes := (lastLen - 1) / 64
	for n := 0; n < nFullStripes; n++ {
		accumulate(in[pos+n*64:pos+n*64+64], n*8)
	}
	accumulate(in[L-64:], secretLength-71)
	// Step 4.
	finalMerge := func(initValue uint64, secretOffset int) uint64 {
		result := initValue
		for i := 0; i < 4; i++ {
			h, l := rMul128(acc[i*2]^rRead64(secret, secretOffset+16*i), acc[i*2+1]^rRead64(secret, secretOffset+16*i+8))
			result = result + (l ^ h)
		}
		return rAvalanche(result)
	}
	low := finalMerge(uint64(L)*rP64_1, 11)
	if want64 {
		return low, 0
	}
	return low, finalMerge(^(uint64(L) * rP64_2), secretLength-75)
}

// refSecretFor returns the secret XXH3_*_withSeed uses: the default one up
// to 240 bytes, the derived one beyond.
func refSecretFor(n int, seed uint64) []byte {
	if n <= 240 {
		return refSecret
	}
	return refDeriveSecret(seed)
}

func refXXH3_64(in []byte, seed uint64) uint64 {
	lo, _ := refXXH3(in, refSecretFor(len(in), seed), seed, true)
	return lo
}

func refXXH3_128(in []byte, seed uint64) (lo, hi uint64) {
	return refXXH3(in, refSecretFor(len(in), seed), seed, false)
}
