package sha256x2_test

import (
	"crypto/sha256"
	"math/rand/v2"
	"testing"

	"github.com/goto3/goto3/internal/sha256x2"
)

const benchSize = 256 << 10

// benchBuf returns a benchSize buffer of pseudo-random bytes. Written
// buffers, not fresh zero pages: reading four untouched buffers that all map
// the kernel's zero page measured 7% slower in the four-way kernel, and
// upload parts are real data.
func benchBuf() []byte {
	r := rand.New(rand.NewPCG(uint64(benchSize), 1))
	return randBytes(r, benchSize)
}

func BenchmarkSHA256Stdlib(b *testing.B) {
	buf := benchBuf()
	h := sha256.New()
	b.SetBytes(benchSize)
	b.ReportAllocs()
	for b.Loop() {
		h.Write(buf)
	}
}

func BenchmarkWrite(b *testing.B) {
	buf := benchBuf()
	d := sha256x2.New()
	b.SetBytes(benchSize)
	b.ReportAllocs()
	for b.Loop() {
		d.Write(buf)
	}
}

// BenchmarkWrite2 hashes two 256 KiB messages per op; the bytes per op count
// both.
func BenchmarkWrite2(b *testing.B) {
	p, q := benchBuf(), benchBuf()
	d, e := sha256x2.New(), sha256x2.New()
	b.SetBytes(2 * benchSize)
	b.ReportAllocs()
	for b.Loop() {
		sha256x2.Write2(d, p, e, q)
	}
}

// BenchmarkWrite2Fallback is BenchmarkWrite2 with the crypto/sha256 fallback
// forced, as on CPUs without SHA-NI.
func BenchmarkWrite2Fallback(b *testing.B) {
	_, restore := sha256x2.SetAccelerated(false)
	defer restore()
	p, q := benchBuf(), benchBuf()
	d, e := sha256x2.New(), sha256x2.New()
	b.SetBytes(2 * benchSize)
	b.ReportAllocs()
	for b.Loop() {
		sha256x2.Write2(d, p, e, q)
	}
}

// BenchmarkWriteN4 hashes four 256 KiB messages per op with WriteN; the
// bytes per op count all four.
func BenchmarkWriteN4(b *testing.B) {
	ds := []*sha256x2.Digest{sha256x2.New(), sha256x2.New(), sha256x2.New(), sha256x2.New()}
	ps := [][]byte{benchBuf(), benchBuf(), benchBuf(), benchBuf()}
	b.SetBytes(4 * benchSize)
	b.ReportAllocs()
	for b.Loop() {
		sha256x2.WriteN(ds, ps)
	}
}

// BenchmarkWriteN3 hashes three 256 KiB messages per op with WriteN (pairs
// taking turns).
func BenchmarkWriteN3(b *testing.B) {
	ds := []*sha256x2.Digest{sha256x2.New(), sha256x2.New(), sha256x2.New()}
	ps := [][]byte{benchBuf(), benchBuf(), benchBuf()}
	b.SetBytes(3 * benchSize)
	b.ReportAllocs()
	for b.Loop() {
		sha256x2.WriteN(ds, ps)
	}
}
