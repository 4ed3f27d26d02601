package crc32x_test

import (
	"encoding/binary"
	"math/bits"
	"testing"

	"github.com/goto3/goto3/internal/crc32x"
)

// ieeePoly is the IEEE CRC-32 generator polynomial with its x^32 term; bit k
// is the coefficient of x^k.
const ieeePoly = 0x104C11DB7

// xPowMod returns x^k mod P, bit m the coefficient of x^m.
func xPowMod(k int) uint64 {
	r := uint64(1)
	for range k {
		r <<= 1
		if r&(1<<32) != 0 {
			r ^= ieeePoly
		}
	}
	return r
}

// barrettMu returns floor(x^64 / P) by long division.
func barrettMu() uint64 {
	var q, lo, hi uint64 = 0, 0, 1 // remainder hi:lo starts as x^64
	for d := 64; d >= 32; d-- {
		var bit uint64
		if d == 64 {
			bit = hi & 1
		} else {
			bit = lo >> d & 1
		}
		if bit == 0 {
			continue
		}
		q |= 1 << (d - 32)
		s := d - 32
		lo ^= ieeePoly << s
		if s > 0 {
			hi ^= ieeePoly >> (64 - s)
		}
	}
	return q
}

// TestFoldConstants derives the kernel's constants from the polynomial (the
// comments on foldConstants say what each one is) and compares them with
// the table in the code.
func TestFoldConstants(t *testing.T) {
	rev := bits.Reverse64
	fold := func(bytes int) []uint64 {
		t := 8 * bytes
		return []uint64{rev(xPowMod(t + 63)), rev(xPowMod(t - 1))}
	}
	var want []uint64
	want = append(want, fold(128)...)
	want = append(want, fold(32)...)
	want = append(want, fold(16)...)
	want = append(want, fold(4)...)
	want = append(want, rev(xPowMod(63)), rev(barrettMu()<<31))
	want = append(want, rev(ieeePoly<<31), 0)
	if mu := barrettMu(); mu != 0x104d101df {
		t.Errorf("floor(x^64/P): got %#x, want 0x104d101df", mu)
	}
	got := crc32x.FoldConstants
	if len(got) != len(want) {
		t.Fatalf("got %d constants, want %d", len(got), len(want))
	}
	for i := range want {
		if got[i] != want[i] {
			t.Errorf("constant %d: got %#016x, want %#016x", i, got[i], want[i])
		}
	}
}

// reg is a 128-bit vector register: lo holds bytes 0-7, hi bytes 8-15.
type reg struct{ lo, hi uint64 }

func clmul(a, b uint64) reg {
	var r reg
	for i := range 64 {
		if b>>i&1 != 0 {
			r.lo ^= a << i
			if i > 0 {
				r.hi ^= a >> (64 - i)
			}
		}
	}
	return r
}

func (r reg) xor(s reg) reg { return reg{r.lo ^ s.lo, r.hi ^ s.hi} }

func load(p []byte) reg {
	return reg{binary.LittleEndian.Uint64(p), binary.LittleEndian.Uint64(p[8:])}
}

// fold multiplies the low and high quadwords of x by those of k.
func fold(x, k reg) reg { return clmul(x.lo, k.lo).xor(clmul(x.hi, k.hi)) }

// modelKernel is the assembly kernel's algorithm written out in Go, with
// each YMM register as two reg lanes: it returns the CRC register (not
// inverted) after the len(p)&^15 leading bytes of p, starting from state s,
// and how many bytes that is. len(p) must be at least 128.
func modelKernel(s uint32, p []byte) (uint32, int) {
	k := crc32x.FoldConstants
	k128, k32, k16, k4 := reg{k[0], k[1]}, reg{k[2], k[3]}, reg{k[4], k[5]}, reg{k[6], k[7]}
	n := len(p) &^ 15
	q := p[:n]
	var y [8]reg
	for i := range y {
		y[i] = load(q[16*i:])
	}
	y[0].lo ^= uint64(s)
	q = q[128:]
	for len(q) >= 128 {
		for i := range y {
			y[i] = fold(y[i], k128).xor(load(q[16*i:]))
		}
		q = q[128:]
	}
	a0, a1 := y[0], y[1]
	for i := 2; i < 8; i += 2 {
		a0, a1 = fold(a0, k32).xor(y[i]), fold(a1, k32).xor(y[i+1])
	}
	for len(q) >= 32 {
		a0, a1 = fold(a0, k32).xor(load(q)), fold(a1, k32).xor(load(q[16:]))
		q = q[32:]
	}
	x := fold(a0, k16).xor(a1)
	if len(q) >= 16 {
		x = fold(x, k16).xor(load(q))
	}
	// x*x^32 mod P: multiply by x^32, leaving 96 bits, fold the top 32 bits
	// into the low 64, and reduce those with Barrett's method.
	tt := fold(x, k4)
	u := clmul(tt.lo, k[8]).xor(tt)
	q1 := clmul(u.hi<<32, k[9])
	r := clmul(q1.lo, k[10])
	return uint32(r.hi) ^ uint32(u.hi>>32), n
}

// TestModelKernel checks the algorithm and constants of the assembly kernel
// on every architecture, through a Go transcription of it.
func TestModelKernel(t *testing.T) {
	buf := randomBytes(12, 1500)
	for _, s := range []uint32{0, 0xffffffff, 0x89abcdef} {
		for n := 128; n <= len(buf); n += 7 {
			st, done := modelKernel(s, buf[:n])
			crc := want(^st, buf[done:n])
			if w := want(^s, buf[:n]); crc != w {
				t.Fatalf("state %08x, length %d: got %08x, want %08x", s, n, crc, w)
			}
		}
	}
}
