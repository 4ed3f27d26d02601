package crc32x_test

import (
	"bytes"
	"fmt"
	"hash/crc32"
	"math/rand/v2"
	"testing"

	"github.com/goto3/goto3/internal/crc32x"
)

// forEachPath runs f once with the hash/crc32 fallback forced and once with
// the wide kernel, when this machine has it.
func forEachPath(t *testing.T, f func(t *testing.T)) {
	t.Helper()
	for _, accel := range []bool{false, true} {
		name := "fallback"
		if accel {
			name = "accelerated"
		}
		t.Run(name, func(t *testing.T) {
			ok, restore := crc32x.SetAccelerated(accel)
			defer restore()
			if !ok {
				t.Skip("the wide kernel needs amd64 with AVX2 and VPCLMULQDQ, without the purego tag")
			}
			if got := crc32x.Accelerated(); got != accel {
				t.Fatalf("Accelerated() = %v, want %v", got, accel)
			}
			f(t)
		})
	}
}

// randomBytes returns n bytes from a PCG seeded with seed.
func randomBytes(seed uint64, n int) []byte {
	r := rand.New(rand.NewPCG(seed, 0x9e3779b97f4a7c15))
	p := make([]byte, n)
	for i := range p {
		p[i] = byte(r.Uint32())
	}
	return p
}

func want(crc uint32, p []byte) uint32 { return crc32.Update(crc, crc32.IEEETable, p) }

func TestKnownAnswers(t *testing.T) {
	tests := []struct {
		name string
		in   string
		want uint32
	}{
		{"empty", "", 0},
		{"check", "123456789", 0xcbf43926},
		{"a", "a", 0xe8b7be43},
		{"fox", "The quick brown fox jumps over the lazy dog", 0x414fa339},
	}
	forEachPath(t, func(t *testing.T) {
		for _, tt := range tests {
			t.Run(tt.name, func(t *testing.T) {
				if got := crc32x.UpdateIEEE(0, []byte(tt.in)); got != tt.want {
					t.Errorf("got %08x, want %08x", got, tt.want)
				}
			})
		}
	})
}

func TestAllLengths(t *testing.T) {
	buf := randomBytes(1, 2048)
	forEachPath(t, func(t *testing.T) {
		for _, crc := range []uint32{0, 0xffffffff, 0x12345678} {
			for n := 0; n <= len(buf); n++ {
				if got, w := crc32x.UpdateIEEE(crc, buf[:n]), want(crc, buf[:n]); got != w {
					t.Fatalf("crc %08x, length %d: got %08x, want %08x", crc, n, got, w)
				}
			}
		}
	})
}

func TestSpecialBytes(t *testing.T) {
	forEachPath(t, func(t *testing.T) {
		for _, b := range []byte{0x00, 0xff, 0x80, 0x01} {
			t.Run(fmt.Sprintf("%#02x", b), func(t *testing.T) {
				buf := bytes.Repeat([]byte{b}, 4096+13)
				for _, n := range []int{255, 256, 257, 1024, 4096, len(buf)} {
					if got, w := crc32x.UpdateIEEE(0, buf[:n]), want(0, buf[:n]); got != w {
						t.Errorf("length %d: got %08x, want %08x", n, got, w)
					}
				}
			})
		}
	})
}

func TestRandomLengths(t *testing.T) {
	const max = 4 << 20
	buf := randomBytes(2, max)
	r := rand.New(rand.NewPCG(3, 4))
	n := 40
	if testing.Short() {
		n = 8
	}
	forEachPath(t, func(t *testing.T) {
		for range n {
			l := r.IntN(max + 1)
			off := r.IntN(max + 1 - l)
			crc := r.Uint32()
			p := buf[off : off+l]
			if got, w := crc32x.UpdateIEEE(crc, p), want(crc, p); got != w {
				t.Fatalf("crc %08x, offset %d, length %d: got %08x, want %08x", crc, off, l, got, w)
			}
		}
	})
}

func TestAlignments(t *testing.T) {
	buf := randomBytes(5, 64+3000)
	forEachPath(t, func(t *testing.T) {
		for off := range 64 {
			for _, n := range []int{0, 15, 16, 127, 128, 255, 256, 257, 383, 1000, 2047, 3000} {
				p := buf[off : off+n]
				if got, w := crc32x.UpdateIEEE(0xdeadbeef, p), want(0xdeadbeef, p); got != w {
					t.Fatalf("offset %d, length %d: got %08x, want %08x", off, n, got, w)
				}
			}
		}
	})
}

func TestChaining(t *testing.T) {
	buf := randomBytes(6, 20000)
	whole := want(0, buf)
	r := rand.New(rand.NewPCG(7, 8))
	forEachPath(t, func(t *testing.T) {
		for i := range 200 {
			var crc uint32
			rest := buf
			for len(rest) > 0 {
				n := r.IntN(min(len(rest), 1+i*20)) + 1
				crc = crc32x.UpdateIEEE(crc, rest[:n])
				rest = rest[n:]
			}
			if crc != whole {
				t.Fatalf("split %d: got %08x, want %08x", i, crc, whole)
			}
		}
	})
}

func TestAllocs(t *testing.T) {
	buf := randomBytes(9, 1<<16+5)
	forEachPath(t, func(t *testing.T) {
		var sink uint32
		if got := testing.AllocsPerRun(100, func() { sink = crc32x.UpdateIEEE(sink, buf) }); got != 0 {
			t.Errorf("got %v allocations per run, want 0", got)
		}
	})
}
