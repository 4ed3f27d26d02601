package xxhash

import (
	"encoding/binary"
	"hash"
)

// bufLen is the streaming buffer: one block, which is more than the 240
// bytes of the short and medium paths, so that an input the stream never
// had to consume is still whole in the buffer when Sum runs.
const bufLen = blockLen

// state3 is the streaming state XXH3-64 and XXH3-128 share: they differ
// only in their final step.
//
// The stream consumes whole blocks only, and only once a later byte is
// known to exist (the long-input algorithm keeps the input's final bytes
// for its last block and stripe): the buffer holds 1 to 1024 unconsumed
// bytes once anything was written, the consumed bytes are a whole number
// of blocks, and prev holds the last 64 of them, which the last stripe may
// reach back into.
type state3 struct {
	acc    [8]uint64
	secret [secretSize]byte // default, or derived from seed
	buf    [bufLen]byte
	prev   [stripeLen]byte
	nbuf   int    // unconsumed bytes in buf
	total  uint64 // bytes written since reset
	seed   uint64
	ready  bool // acc and secret are initialized for seed
}

func (st *state3) reset() {
	st.acc = initAcc()
	if st.seed == 0 {
		st.secret = defaultSecret
	} else {
		deriveSecret(&st.secret, st.seed)
	}
	st.nbuf = 0
	st.total = 0
	st.ready = true
}

func (st *state3) write(p []byte) {
	if !st.ready {
		st.reset()
	}
	st.total += uint64(len(p))
	if len(p) <= bufLen-st.nbuf {
		st.nbuf += copy(st.buf[st.nbuf:], p)
		return
	}
	// More bytes follow what fits in the buffer: fill it and consume it.
	c := copy(st.buf[st.nbuf:], p)
	p = p[c:]
	accBlocks(&st.acc, st.buf[:], &st.secret)
	st.prev = [stripeLen]byte(st.buf[bufLen-stripeLen:])
	if len(p) > bufLen {
		// Consume whole blocks straight from p, keeping 1-1024 bytes.
		m := (len(p) - 1) / blockLen * blockLen
		accBlocks(&st.acc, p[:m], &st.secret)
		st.prev = [stripeLen]byte(p[m-stripeLen : m])
		p = p[m:]
	}
	st.nbuf = copy(st.buf[:], p)
}

// longAcc returns the accumulators for the input written so far, which is
// over 240 bytes, as longAcc would compute them for the whole input.
func (st *state3) longAcc() [8]uint64 {
	acc := st.acc
	n := st.nbuf
	var last [stripeLen]byte
	if n >= stripeLen {
		last = [stripeLen]byte(st.buf[n-stripeLen : n])
	} else {
		copy(last[:], st.prev[n:])
		copy(last[stripeLen-n:], st.buf[:n])
	}
	accTail(&acc, st.buf[:n], &last, &st.secret)
	return acc
}

func (st *state3) sum64() uint64 {
	if st.total <= midMax {
		return Sum3Seed(st.buf[:st.nbuf], st.seed)
	}
	acc := st.longAcc()
	return mergeAccs(&acc, st.secret[mergeOffLow:], st.total*prime64x1)
}

func (st *state3) sum128() Uint128 {
	if st.total <= midMax {
		return Sum128Seed(st.buf[:st.nbuf], st.seed)
	}
	acc := st.longAcc()
	return Uint128{
		Hi: mergeAccs(&acc, st.secret[mergeOffHigh:], ^(st.total * prime64x2)),
		Lo: mergeAccs(&acc, st.secret[mergeOffLow:], st.total*prime64x1),
	}
}

// Digest3 is a streaming XXH3-64 hash. It implements [hash.Hash64]; Sum
// appends the digest in the canonical (big-endian) byte order. The zero
// value hashes with seed 0 and is ready to use.
type Digest3 struct{ st state3 }

var _ hash.Hash64 = (*Digest3)(nil)

// New3 returns a Digest3 computing XXH3-64 with seed 0.
func New3() *Digest3 { return New3Seed(0) }

// New3Seed returns a Digest3 computing XXH3-64 with the given seed.
func New3Seed(seed uint64) *Digest3 {
	d := &Digest3{st: state3{seed: seed}}
	d.st.reset()
	return d
}

// Reset returns d to the state it had after New3Seed with its seed.
func (d *Digest3) Reset() { d.st.reset() }

// Size returns 8.
func (d *Digest3) Size() int { return Size64 }

// BlockSize returns 64, the stripe of XXH3's long-input loop.
func (d *Digest3) BlockSize() int { return stripeLen }

// Write adds p to the running hash. It never returns an error.
func (d *Digest3) Write(p []byte) (int, error) {
	d.st.write(p)
	return len(p), nil
}

// Sum64 returns the digest of what was written so far. It does not change
// the state.
func (d *Digest3) Sum64() uint64 { return d.st.sum64() }

// Sum appends the big-endian digest to b and returns the result. It does
// not change the state.
func (d *Digest3) Sum(b []byte) []byte {
	return binary.BigEndian.AppendUint64(b, d.st.sum64())
}

// Digest128 is a streaming XXH3-128 hash. It implements [hash.Hash]; Sum
// appends the canonical digest (see [Uint128.Bytes]). The zero value
// hashes with seed 0 and is ready to use.
type Digest128 struct{ st state3 }

var _ hash.Hash = (*Digest128)(nil)

// New128 returns a Digest128 computing XXH3-128 with seed 0.
func New128() *Digest128 { return New128Seed(0) }

// New128Seed returns a Digest128 computing XXH3-128 with the given seed.
func New128Seed(seed uint64) *Digest128 {
	d := &Digest128{st: state3{seed: seed}}
	d.st.reset()
	return d
}

// Reset returns d to the state it had after New128Seed with its seed.
func (d *Digest128) Reset() { d.st.reset() }

// Size returns 16.
func (d *Digest128) Size() int { return Size128 }

// BlockSize returns 64, the stripe of XXH3's long-input loop.
func (d *Digest128) BlockSize() int { return stripeLen }

// Write adds p to the running hash. It never returns an error.
func (d *Digest128) Write(p []byte) (int, error) {
	d.st.write(p)
	return len(p), nil
}

// Sum128 returns the digest of what was written so far. It does not change
// the state.
func (d *Digest128) Sum128() Uint128 { return d.st.sum128() }

// Sum appends the canonical digest to b and returns the result. It does not
// change the state.
func (d *Digest128) Sum(b []byte) []byte {
	u := d.st.sum128()
	b = binary.BigEndian.AppendUint64(b, u.Hi)
	return binary.BigEndian.AppendUint64(b, u.Lo)
}
