package sha256x2_test

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"math/rand/v2"
	"strings"
	"testing"

	"github.com/goto3/goto3/internal/sha256x2"
)

// forEachPath runs f once with the SHA-NI kernel ("shani") and once with the
// crypto/sha256 fallback ("fallback").
func forEachPath(t *testing.T, f func(t *testing.T)) {
	t.Helper()
	for _, accel := range []bool{true, false} {
		name := "fallback"
		if accel {
			name = "shani"
		}
		t.Run(name, func(t *testing.T) {
			ok, restore := sha256x2.SetAccelerated(accel)
			defer restore()
			if !ok {
				t.Skip("the SHA-NI kernel is not available on this CPU or architecture")
			}
			if got := sha256x2.Accelerated(); got != accel {
				t.Fatalf("Accelerated() = %v, want %v", got, accel)
			}
			if got := sha256x2.UsesFallback(sha256x2.New()); got == accel {
				t.Fatalf("UsesFallback(New()) = %v, want %v", got, !accel)
			}
			f(t)
		})
	}
}

// randBytes returns n deterministic pseudo-random bytes.
func randBytes(r *rand.Rand, n int) []byte {
	b := make([]byte, n)
	for i := range b {
		b[i] = byte(r.Uint32())
	}
	return b
}

func want(parts ...[]byte) string {
	h := sha256.New()
	for _, p := range parts {
		h.Write(p)
	}
	return hex.EncodeToString(h.Sum(nil))
}

func sum(d *sha256x2.Digest) string { return hex.EncodeToString(d.Sum(nil)) }

func TestVectors(t *testing.T) {
	tests := []struct {
		name, in, want string
	}{
		{"empty", "", "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"},
		{"abc", "abc", "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"},
		{"448 bits", "abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq", "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1"},
		{"million a", strings.Repeat("a", 1_000_000), "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0"},
	}
	forEachPath(t, func(t *testing.T) {
		for _, tt := range tests {
			t.Run(tt.name, func(t *testing.T) {
				d := sha256x2.New()
				d.Write([]byte(tt.in))
				if got := sum(d); got != tt.want {
					t.Errorf("Write: got %s, want %s", got, tt.want)
				}
				// The same message on both sides of Write2, after different
				// amounts written with Write, and as the second of two Sums.
				for _, pre := range []int{0, 1, 63, 64, 65} {
					pre = min(pre, len(tt.in))
					a, b := sha256x2.New(), sha256x2.New()
					b.Write([]byte(tt.in[:pre]))
					sha256x2.Write2(a, []byte(tt.in), b, []byte(tt.in[pre:]))
					if got := sum(a); got != tt.want {
						t.Errorf("Write2 first, prefix %d: got %s, want %s", pre, got, tt.want)
					}
					if got := sum(b); got != tt.want {
						t.Errorf("Write2 second, prefix %d: got %s, want %s", pre, got, tt.want)
					}
				}
			})
		}
	})
}

func TestRandomLengths(t *testing.T) {
	forEachPath(t, func(t *testing.T) {
		r := rand.New(rand.NewPCG(1, 2))
		data := randBytes(r, 5<<20+37)
		lengths := []int{2 << 20, 3<<20 + 1, 5<<20 + 37}
		for n := 0; n <= 1000; n++ {
			lengths = append(lengths, n)
		}
		for _, n := range lengths {
			d := sha256x2.New()
			d.Write(data[:n])
			if got, want := sum(d), want(data[:n]); got != want {
				t.Errorf("length %d: got %s, want %s", n, got, want)
			}
		}
	})
}

func TestWriteSplits(t *testing.T) {
	forEachPath(t, func(t *testing.T) {
		r := rand.New(rand.NewPCG(3, 4))
		for i := range 300 {
			n := r.IntN(5000)
			if i%50 == 0 {
				n = 1<<20 + r.IntN(1000)
			}
			data := randBytes(r, n)
			d := sha256x2.New()
			var splits []int
			for p := data; len(p) > 0; {
				k := r.IntN(min(len(p), 200) + 1)
				if r.IntN(10) == 0 {
					k = r.IntN(len(p) + 1)
				}
				splits = append(splits, k)
				d.Write(p[:k])
				p = p[k:]
			}
			if got, want := sum(d), want(data); got != want {
				t.Errorf("length %d split as %v: got %s, want %s", n, splits, got, want)
			}
		}
	})
}

func TestWrite2(t *testing.T) {
	r := rand.New(rand.NewPCG(5, 6))
	src := randBytes(r, 1<<16)
	prefixes := [][2]int{{0, 0}, {0, 5}, {1, 0}, {13, 63}, {63, 1}, {64, 128}, {100, 37}, {55, 56}}
	lengths := [][2]int{
		{0, 0}, {0, 1}, {1, 0}, {63, 63}, {64, 64}, {65, 64}, {64, 65}, {127, 129},
		{128, 64}, {1000, 1000}, {1000, 3000}, {4099, 4096}, {6400, 6400}, {20000, 7},
	}
	forEachPath(t, func(t *testing.T) {
		for _, pre := range prefixes {
			for _, n := range lengths {
				for _, off := range [][2]int{{0, 0}, {1, 3}} {
					name := fmt.Sprintf("prefix=%v/len=%v/offset=%v", pre, n, off)
					t.Run(name, func(t *testing.T) {
						// Prefixes and bodies are distinct slices of src,
						// starting at odd addresses when off is odd.
						pa, pb := src[off[0]:][:pre[0]], src[1000+off[1]:][:pre[1]]
						a, b := src[2000+off[0]:][:n[0]], src[30000+off[1]:][:n[1]]
						d, e := sha256x2.New(), sha256x2.New()
						d.Write(pa)
						e.Write(pb)
						sha256x2.Write2(d, a, e, b)
						if got, want := sum(d), want(pa, a); got != want {
							t.Errorf("first: got %s, want %s", got, want)
						}
						if got, want := sum(e), want(pb, b); got != want {
							t.Errorf("second: got %s, want %s", got, want)
						}
						// Keep going after Sum: a second Write2 with the
						// halves swapped.
						sha256x2.Write2(d, b, e, a)
						if got, want := sum(d), want(pa, a, b); got != want {
							t.Errorf("first after second Write2: got %s, want %s", got, want)
						}
						if got, want := sum(e), want(pb, b, a); got != want {
							t.Errorf("second after second Write2: got %s, want %s", got, want)
						}
					})
				}
			}
		}
	})
}

func TestWrite2Random(t *testing.T) {
	forEachPath(t, func(t *testing.T) {
		r := rand.New(rand.NewPCG(7, 8))
		src := randBytes(r, 3<<20)
		for range 200 {
			d, e := sha256x2.New(), sha256x2.New()
			hd, he := sha256.New(), sha256.New()
			for range 1 + r.IntN(4) {
				a := src[r.IntN(len(src)/2):]
				a = a[:r.IntN(min(len(a), 3000))]
				b := src[r.IntN(len(src)/2):]
				b = b[:r.IntN(min(len(b), 3000))]
				if r.IntN(20) == 0 {
					a = src[r.IntN(64):][:1<<20+r.IntN(200)]
					b = src[r.IntN(64):][:1<<20+r.IntN(200)]
				}
				sha256x2.Write2(d, a, e, b)
				hd.Write(a)
				he.Write(b)
			}
			if got, want := d.Sum(nil), hd.Sum(nil); !bytes.Equal(got, want) {
				t.Fatalf("first: got %x, want %x", got, want)
			}
			if got, want := e.Sum(nil), he.Sum(nil); !bytes.Equal(got, want) {
				t.Fatalf("second: got %x, want %x", got, want)
			}
		}
	})
}

func TestWrite2Same(t *testing.T) {
	forEachPath(t, func(t *testing.T) {
		p, q := bytes.Repeat([]byte("p"), 200), bytes.Repeat([]byte("q"), 300)
		d := sha256x2.New()
		sha256x2.Write2(d, p, d, q)
		if got, want := sum(d), want(p, q); got != want {
			t.Errorf("got %s, want %s", got, want)
		}
	})
}

func TestSumResetZero(t *testing.T) {
	forEachPath(t, func(t *testing.T) {
		msg := bytes.Repeat([]byte("0123456789"), 50)
		d := sha256x2.New()
		d.Write(msg)
		first := d.Sum([]byte("prefix"))
		if got, want := string(first[:6]), "prefix"; got != want {
			t.Errorf("Sum(prefix) starts with %q, want %q", got, want)
		}
		if got, want := hex.EncodeToString(first[6:]), want(msg); got != want {
			t.Errorf("first Sum: got %s, want %s", got, want)
		}
		if got, want := sum(d), want(msg); got != want {
			t.Errorf("second Sum: got %s, want %s", got, want)
		}
		d.Write(msg)
		if got, want := sum(d), want(msg, msg); got != want {
			t.Errorf("Write after Sum: got %s, want %s", got, want)
		}
		d.Reset()
		if got, want := sum(d), want(); got != want {
			t.Errorf("after Reset: got %s, want %s", got, want)
		}
		d.Write(msg[:77])
		if got, want := sum(d), want(msg[:77]); got != want {
			t.Errorf("reused after Reset: got %s, want %s", got, want)
		}

		var z1, z2, z3 sha256x2.Digest
		if got, want := sum(&z1), want(); got != want {
			t.Errorf("zero value Sum: got %s, want %s", got, want)
		}
		z2.Write(msg)
		if got, want := sum(&z2), want(msg); got != want {
			t.Errorf("zero value Write: got %s, want %s", got, want)
		}
		var z4 sha256x2.Digest
		sha256x2.Write2(&z3, msg, &z4, msg[:100])
		if got, want := sum(&z3), want(msg); got != want {
			t.Errorf("zero value Write2 first: got %s, want %s", got, want)
		}
		if got, want := sum(&z4), want(msg[:100]); got != want {
			t.Errorf("zero value Write2 second: got %s, want %s", got, want)
		}
		if got, want := d.Size(), 32; got != want {
			t.Errorf("Size() = %d, want %d", got, want)
		}
		if got, want := d.BlockSize(), 64; got != want {
			t.Errorf("BlockSize() = %d, want %d", got, want)
		}
		if n, err := d.Write(msg); n != len(msg) || err != nil {
			t.Errorf("Write = %d, %v, want %d, nil", n, err, len(msg))
		}
	})
}

func TestAllocs(t *testing.T) {
	forEachPath(t, func(t *testing.T) {
		p, q := make([]byte, 4096+17), make([]byte, 4096+33)
		d, e := sha256x2.New(), sha256x2.New()
		buf := make([]byte, 0, 64)
		ds := []*sha256x2.Digest{sha256x2.New(), sha256x2.New(), sha256x2.New(), sha256x2.New()}
		ps := [][]byte{p, q, make([]byte, 8192+1), make([]byte, 64*3+5)}
		tests := []struct {
			name string
			f    func()
		}{
			{"Write", func() { d.Write(p) }},
			{"Write2", func() { sha256x2.Write2(d, p, e, q) }},
			{"WriteN4", func() { sha256x2.WriteN(ds, ps) }},
			{"WriteN3", func() { sha256x2.WriteN(ds[:3], ps[1:]) }},
			{"Sum", func() { buf = d.Sum(buf[:0]) }},
			{"Reset", func() { d.Reset() }},
		}
		for _, tt := range tests {
			t.Run(tt.name, func(t *testing.T) {
				if got := testing.AllocsPerRun(100, tt.f); got != 0 {
					t.Errorf("got %v allocations per run, want 0", got)
				}
			})
		}
	})
}
