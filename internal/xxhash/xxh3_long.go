package xxhash

import "encoding/binary"

// initAcc returns the eight accumulators of the long-input loop (spec
// "Large inputs", step 1).
func initAcc() [8]uint64 {
	return [8]uint64{prime32x3, prime64x1, prime64x2, prime64x3, prime64x4, prime32x2, prime64x5, prime32x1}
}

// lanePair runs the accumulation step for two adjacent lanes, 2i and
// 2i+1, of one stripe: lane 2i feeds acc[2i] through the secret and
// acc[2i+1] raw, and the other way round. It is small enough to inline.
func lanePair(a0, a1 uint64, d, k *[16]byte) (uint64, uint64) {
	d0 := binary.LittleEndian.Uint64(d[0:])
	d1 := binary.LittleEndian.Uint64(d[8:])
	x0 := d0 ^ binary.LittleEndian.Uint64(k[0:])
	x1 := d1 ^ binary.LittleEndian.Uint64(k[8:])
	return a0 + d1 + uint64(uint32(x0))*(x0>>32), a1 + d0 + uint64(uint32(x1))*(x1>>32)
}

// accStripes runs the accumulation step over the stripes of p (a multiple
// of 64 bytes, at most 15 stripes: the last block's full stripes), with
// the secret at offsets 0, 8, 16, ... It runs once per hash, so it is a
// plain loop; the bulk of the input goes through accBlock.
func accStripes(acc *[8]uint64, p []byte, s *[secretSize]byte) {
	for i := 0; len(p) >= stripeLen; i++ {
		d := (*[stripeLen]byte)(p)
		k := (*[stripeLen]byte)(s[8*i:])
		for j := 0; j < 8; j += 2 {
			acc[j], acc[j+1] = lanePair(acc[j], acc[j+1], (*[16]byte)(d[8*j:]), (*[16]byte)(k[8*j:]))
		}
		p = p[stripeLen:]
	}
}

// accBlock runs the accumulation step over the 16 stripes of a full block,
// with the secret at offsets 0, 8, ..., 120: accStripes for the common
// case, fully unrolled so that every offset is a constant.
func accBlock(acc *[8]uint64, b *[blockLen]byte, s *[secretSize]byte) {
	acc[0], acc[1], acc[2], acc[3] = blockHalf(acc[0], acc[1], acc[2], acc[3],
		(*[blockLen - 32]byte)(b[0:]), (*[secretSize - 32]byte)(s[0:]))
	acc[4], acc[5], acc[6], acc[7] = blockHalf(acc[4], acc[5], acc[6], acc[7],
		(*[blockLen - 32]byte)(b[32:]), (*[secretSize - 32]byte)(s[32:]))
}

// blockHalf is one pass of accBlock: b and s start at the pass's first
// lane, and stripe j's four lanes are b[64j:64j+32] against s[8j:8j+32].
func blockHalf(a0, a1, a2, a3 uint64, b *[blockLen - 32]byte, s *[secretSize - 32]byte) (uint64, uint64, uint64, uint64) {
	a0, a1 = lanePair(a0, a1, (*[16]byte)(b[0:]), (*[16]byte)(s[0:]))
	a2, a3 = lanePair(a2, a3, (*[16]byte)(b[16:]), (*[16]byte)(s[16:]))
	a0, a1 = lanePair(a0, a1, (*[16]byte)(b[64:]), (*[16]byte)(s[8:]))
	a2, a3 = lanePair(a2, a3, (*[16]byte)(b[80:]), (*[16]byte)(s[24:]))
	a0, a1 = lanePair(a0, a1, (*[16]byte)(b[128:]), (*[16]byte)(s[16:]))
	a2, a3 = lanePair(a2, a3, (*[16]byte)(b[144:]), (*[16]byte)(s[32:]))
	a0, a1 = lanePair(a0, a1, (*[16]byte)(b[192:]), (*[16]byte)(s[24:]))
	a2, a3 = lanePair(a2, a3, (*[16]byte)(b[208:]), (*[16]byte)(s[40:]))
	a0, a1 = lanePair(a0, a1, (*[16]byte)(b[256:]), (*[16]byte)(s[32:]))
	a2, a3 = lanePair(a2, a3, (*[16]byte)(b[272:]), (*[16]byte)(s[48:]))
	a0, a1 = lanePair(a0, a1, (*[16]byte)(b[320:]), (*[16]byte)(s[40:]))
	a2, a3 = lanePair(a2, a3, (*[16]byte)(b[336:]), (*[16]byte)(s[56:]))
	a0, a1 = lanePair(a0, a1, (*[16]byte)(b[384:]), (*[16]byte)(s[48:]))
	a2, a3 = lanePair(a2, a3, (*[16]byte)(b[400:]), (*[16]byte)(s[64:]))
	a0, a1 = lanePair(a0, a1, (*[16]byte)(b[448:]), (*[16]byte)(s[56:]))
	a2, a3 = lanePair(a2, a3, (*[16]byte)(b[464:]), (*[16]byte)(s[72:]))
	a0, a1 = lanePair(a0, a1, (*[16]byte)(b[512:]), (*[16]byte)(s[64:]))
	a2, a3 = lanePair(a2, a3, (*[16]byte)(b[528:]), (*[16]byte)(s[80:]))
	a0, a1 = lanePair(a0, a1, (*[16]byte)(b[576:]), (*[16]byte)(s[72:]))
	a2, a3 = lanePair(a2, a3, (*[16]byte)(b[592:]), (*[16]byte)(s[88:]))
	a0, a1 = lanePair(a0, a1, (*[16]byte)(b[640:]), (*[16]byte)(s[80:]))
	a2, a3 = lanePair(a2, a3, (*[16]byte)(b[656:]), (*[16]byte)(s[96:]))
	a0, a1 = lanePair(a0, a1, (*[16]byte)(b[704:]), (*[16]byte)(s[88:]))
	a2, a3 = lanePair(a2, a3, (*[16]byte)(b[720:]), (*[16]byte)(s[104:]))
	a0, a1 = lanePair(a0, a1, (*[16]byte)(b[768:]), (*[16]byte)(s[96:]))
	a2, a3 = lanePair(a2, a3, (*[16]byte)(b[784:]), (*[16]byte)(s[112:]))
	a0, a1 = lanePair(a0, a1, (*[16]byte)(b[832:]), (*[16]byte)(s[104:]))
	a2, a3 = lanePair(a2, a3, (*[16]byte)(b[848:]), (*[16]byte)(s[120:]))
	a0, a1 = lanePair(a0, a1, (*[16]byte)(b[896:]), (*[16]byte)(s[112:]))
	a2, a3 = lanePair(a2, a3, (*[16]byte)(b[912:]), (*[16]byte)(s[128:]))
	a0, a1 = lanePair(a0, a1, (*[16]byte)(b[960:]), (*[16]byte)(s[120:]))
	a2, a3 = lanePair(a2, a3, (*[16]byte)(b[976:]), (*[16]byte)(s[136:]))
	return a0, a1, a2, a3
}

// accLastStripe runs the accumulation step over the input's last 64 bytes
// with the secret at offset 121.
func accLastStripe(acc *[8]uint64, last *[stripeLen]byte, s *[secretSize]byte) {
	k := (*[stripeLen]byte)(s[lastStripeOff:])
	for i := 0; i < 8; i++ {
		d := binary.LittleEndian.Uint64(last[8*i:])
		x := d ^ binary.LittleEndian.Uint64(k[8*i:])
		acc[i^1] += d
		acc[i] += uint64(uint32(x)) * (x >> 32)
	}
}

// scramble is the spec's round_scramble, run after each full block.
func scramble(acc *[8]uint64, s *[secretSize]byte) {
	k := (*[stripeLen]byte)(s[scrambleOff:])
	for i := range acc {
		a := acc[i]
		a ^= a >> 47
		a ^= binary.LittleEndian.Uint64(k[8*i:])
		acc[i] = a * prime32x1
	}
}

// accBlocks accumulates and scrambles the whole blocks of p (a multiple
// of 1 KiB). Every block given to it must be followed by at least one more
// input byte: the input's final bytes belong to the last block, which is
// never scrambled, and to the last stripe.
func accBlocks(acc *[8]uint64, p []byte, s *[secretSize]byte) {
	for ; len(p) >= blockLen; p = p[blockLen:] {
		accBlock(acc, (*[blockLen]byte)(p), s)
		scramble(acc, s)
	}
}

// accTail runs step 3 of the long-input algorithm: the full stripes of the
// last block (its 1 to 1024 bytes in p), then the last stripe.
func accTail(acc *[8]uint64, p []byte, last *[stripeLen]byte, s *[secretSize]byte) {
	accStripes(acc, p[:(len(p)-1)/stripeLen*stripeLen], s)
	accLastStripe(acc, last, s)
}

// mergeAccs is the spec's finalMerge.
func mergeAccs(acc *[8]uint64, s []byte, init uint64) uint64 {
	k := (*[stripeLen]byte)(s)
	r := init
	for i := 0; i < 8; i += 2 {
		r += mulFold(acc[i]^binary.LittleEndian.Uint64(k[8*i:]), acc[i+1]^binary.LittleEndian.Uint64(k[8*i+8:]))
	}
	return avalanche(r)
}

// longAcc runs steps 1-3 of the long-input algorithm over p (more than 240
// bytes) and returns the accumulators.
func longAcc(p []byte, s *[secretSize]byte) [8]uint64 {
	acc := initAcc()
	n := len(p)
	m := (n - 1) / blockLen * blockLen
	accBlocks(&acc, p[:m], s)
	accTail(&acc, p[m:], (*[stripeLen]byte)(p[n-stripeLen:]), s)
	return acc
}

// long64 is XXH3-64 for inputs over 240 bytes.
func long64(p []byte, s *[secretSize]byte) uint64 {
	acc := longAcc(p, s)
	return mergeAccs(&acc, s[mergeOffLow:], uint64(len(p))*prime64x1)
}

// long128 is XXH3-128 for inputs over 240 bytes.
func long128(p []byte, s *[secretSize]byte) Uint128 {
	acc := longAcc(p, s)
	n := uint64(len(p))
	return Uint128{
		Hi: mergeAccs(&acc, s[mergeOffHigh:], ^(n * prime64x2)),
		Lo: mergeAccs(&acc, s[mergeOffLow:], n*prime64x1),
	}
}
