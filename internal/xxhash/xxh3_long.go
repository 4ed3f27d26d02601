package xxhash

import "encoding/binary"

// initAcc returns the eight accumulators of the long-input loop (spec
// "Large inputs", step 1).
func initAcc() [8]uint64 {
	return [8]uint64{prime32x3, prime64x1, prime64x2, prime64x3, prime64x4, prime32x2, prime64x5, prime32x1}
}

// accStripes runs the accumulation step over the stripes of p (a multiple
// of 64 bytes, at most stripesPerBlock-first stripes), the first with the
// secret at offset 8*first, each next one 8 bytes further. This is the hot
// loop: the accumulators live in locals and every read is from a fixed-size
// array, so the loop body has no bounds checks.
func accStripes(acc *[8]uint64, p []byte, s *[secretSize]byte, first int) {
	a0, a1, a2, a3 := acc[0], acc[1], acc[2], acc[3]
	a4, a5, a6, a7 := acc[4], acc[5], acc[6], acc[7]
	for off := 8 * first; len(p) >= stripeLen; off += 8 {
		d := (*[stripeLen]byte)(p)
		k := (*[stripeLen]byte)(s[off:])
		d0 := binary.LittleEndian.Uint64(d[0:])
		d1 := binary.LittleEndian.Uint64(d[8:])
		x0 := d0 ^ binary.LittleEndian.Uint64(k[0:])
		x1 := d1 ^ binary.LittleEndian.Uint64(k[8:])
		a0 += d1 + uint64(uint32(x0))*(x0>>32)
		a1 += d0 + uint64(uint32(x1))*(x1>>32)
		d2 := binary.LittleEndian.Uint64(d[16:])
		d3 := binary.LittleEndian.Uint64(d[24:])
		x2 := d2 ^ binary.LittleEndian.Uint64(k[16:])
		x3 := d3 ^ binary.LittleEndian.Uint64(k[24:])
		a2 += d3 + uint64(uint32(x2))*(x2>>32)
		a3 += d2 + uint64(uint32(x3))*(x3>>32)
		d4 := binary.LittleEndian.Uint64(d[32:])
		d5 := binary.LittleEndian.Uint64(d[40:])
		x4 := d4 ^ binary.LittleEndian.Uint64(k[32:])
		x5 := d5 ^ binary.LittleEndian.Uint64(k[40:])
		a4 += d5 + uint64(uint32(x4))*(x4>>32)
		a5 += d4 + uint64(uint32(x5))*(x5>>32)
		d6 := binary.LittleEndian.Uint64(d[48:])
		d7 := binary.LittleEndian.Uint64(d[56:])
		x6 := d6 ^ binary.LittleEndian.Uint64(k[48:])
		x7 := d7 ^ binary.LittleEndian.Uint64(k[56:])
		a6 += d7 + uint64(uint32(x6))*(x6>>32)
		a7 += d6 + uint64(uint32(x7))*(x7>>32)
		p = p[stripeLen:]
	}
	acc[0], acc[1], acc[2], acc[3] = a0, a1, a2, a3
	acc[4], acc[5], acc[6], acc[7] = a4, a5, a6, a7
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

// consume accumulates the stripes of p (a multiple of 64 bytes), the first
// being stripe *stripe of its block, scrambling after each block's 16th
// stripe, and advances *stripe. Every stripe given to it must be followed
// by at least one more input byte: the input's final bytes are the last
// stripe's, not a block's.
func consume(acc *[8]uint64, stripe *int, p []byte, s *[secretSize]byte) {
	st := *stripe
	for len(p) > 0 {
		n := min(stripesPerBlock-st, len(p)/stripeLen)
		accStripes(acc, p[:n*stripeLen], s, st)
		p = p[n*stripeLen:]
		if st += n; st == stripesPerBlock {
			scramble(acc, s)
			st = 0
		}
	}
	*stripe = st
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
	st := 0
	consume(&acc, &st, p[:(n-1)/stripeLen*stripeLen], s)
	accLastStripe(&acc, (*[stripeLen]byte)(p[n-stripeLen:]), s)
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
