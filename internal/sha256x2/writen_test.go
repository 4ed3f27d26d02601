package sha256x2_test

import (
	"bytes"
	"crypto/sha256"
	"fmt"
	"math/rand/v2"
	"testing"

	"github.com/goto3/goto3/internal/sha256x2"
)

func newDigests(n int) []*sha256x2.Digest {
	ds := make([]*sha256x2.Digest, n)
	for i := range ds {
		ds[i] = sha256x2.New()
	}
	return ds
}

func TestWriteNVectors(t *testing.T) {
	in := []byte("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq")
	in = bytes.Repeat(in, 40) // 2240 bytes: 35 blocks
	wantSum := want(in)
	forEachPath(t, func(t *testing.T) {
		// The same message in all four, after different amounts written
		// with Write.
		for _, pre := range [][4]int{{0, 0, 0, 0}, {0, 1, 63, 64}, {65, 200, 7, 0}, {2240, 0, 2239, 1}} {
			t.Run(fmt.Sprint(pre), func(t *testing.T) {
				ds := newDigests(4)
				ps := make([][]byte, 4)
				for i, d := range ds {
					d.Write(in[:pre[i]])
					ps[i] = in[pre[i]:]
				}
				sha256x2.WriteN(ds, ps)
				for i, d := range ds {
					if got := sum(d); got != wantSum {
						t.Errorf("message %d: got %s, want %s", i, got, wantSum)
					}
				}
			})
		}
	})
}

func TestWriteN(t *testing.T) {
	r := rand.New(rand.NewPCG(9, 10))
	src := randBytes(r, 1<<18)
	prefixes := [][4]int{{0, 0, 0, 0}, {1, 13, 63, 0}, {64, 0, 5, 100}, {55, 56, 63, 1}}
	lengths := [][4]int{
		{0, 0, 0, 0}, {1, 0, 63, 64}, {64, 64, 64, 64}, {128, 128, 128, 128},
		{192, 200, 255, 193}, {1000, 1000, 1000, 1000}, {4101, 4096, 4099, 4160},
		{6400, 64, 6400, 6400}, {20000, 7, 300, 12000}, {65, 127, 129, 200},
		{1 << 14, 1<<14 + 64, 1<<14 + 128, 1<<14 + 192}, {3000, 9000, 6000, 12000},
	}
	forEachPath(t, func(t *testing.T) {
		for n := 1; n <= 4; n++ {
			for _, pre := range prefixes {
				for _, ln := range lengths {
					for _, off := range [][4]int{{0, 0, 0, 0}, {1, 3, 5, 7}} {
						name := fmt.Sprintf("n=%d/prefix=%v/len=%v/offset=%v", n, pre[:n], ln[:n], off[:n])
						t.Run(name, func(t *testing.T) {
							// Prefixes and bodies are distinct slices of
							// src, starting at odd addresses when off is odd.
							ds := newDigests(n)
							pres, ps := make([][]byte, n), make([][]byte, n)
							for i := range n {
								pres[i] = src[1000*i+off[i]:][:pre[i]]
								ps[i] = src[5000+50000*i+off[i]:][:ln[i]]
								ds[i].Write(pres[i])
							}
							sha256x2.WriteN(ds, ps)
							for i, d := range ds {
								if got, want := sum(d), want(pres[i], ps[i]); got != want {
									t.Errorf("message %d: got %s, want %s", i, got, want)
								}
							}
							// Keep going after Sum: a second WriteN with the
							// bodies rotated.
							qs := append(ps[1:n:n], ps[0])
							sha256x2.WriteN(ds, qs)
							for i, d := range ds {
								if got, want := sum(d), want(pres[i], ps[i], qs[i]); got != want {
									t.Errorf("message %d after second WriteN: got %s, want %s", i, got, want)
								}
							}
						})
					}
				}
			}
		}
	})
}

func TestWriteNRandom(t *testing.T) {
	forEachPath(t, func(t *testing.T) {
		r := rand.New(rand.NewPCG(11, 12))
		src := randBytes(r, 3<<20)
		for range 200 {
			n := r.IntN(5)
			ds := newDigests(n)
			hs := make([]hashWriter, n)
			for i := range hs {
				hs[i] = sha256.New()
			}
			for range 1 + r.IntN(4) {
				ps := make([][]byte, n)
				big := r.IntN(20) == 0
				for i := range ps {
					p := src[r.IntN(len(src)/2):]
					p = p[:r.IntN(min(len(p), 5000))]
					if big {
						p = src[r.IntN(64):][:1<<20+r.IntN(1000)]
					}
					ps[i] = p
					hs[i].Write(p)
				}
				sha256x2.WriteN(ds, ps)
			}
			for i, d := range ds {
				if got, want := d.Sum(nil), hs[i].Sum(nil); !bytes.Equal(got, want) {
					t.Fatalf("message %d of %d: got %x, want %x", i, n, got, want)
				}
			}
		}
	})
}

type hashWriter interface {
	Write([]byte) (int, error)
	Sum([]byte) []byte
}

func TestWriteNSame(t *testing.T) {
	forEachPath(t, func(t *testing.T) {
		p, q, s := bytes.Repeat([]byte("p"), 200), bytes.Repeat([]byte("q"), 300), bytes.Repeat([]byte("s"), 700)
		d, e := sha256x2.New(), sha256x2.New()
		sha256x2.WriteN([]*sha256x2.Digest{d, e, d, e}, [][]byte{p, q, s, p})
		if got, want := sum(d), want(p, s); got != want {
			t.Errorf("first: got %s, want %s", got, want)
		}
		if got, want := sum(e), want(q, p); got != want {
			t.Errorf("second: got %s, want %s", got, want)
		}
	})
}

func TestWriteNZeroValue(t *testing.T) {
	forEachPath(t, func(t *testing.T) {
		msg := bytes.Repeat([]byte("0123456789"), 50)
		var a, b, c, d sha256x2.Digest
		sha256x2.WriteN([]*sha256x2.Digest{&a, &b, &c, &d}, [][]byte{msg, msg[:100], msg[1:], nil})
		for i, tt := range []struct {
			d    *sha256x2.Digest
			want string
		}{{&a, want(msg)}, {&b, want(msg[:100])}, {&c, want(msg[1:])}, {&d, want()}} {
			if got := sum(tt.d); got != tt.want {
				t.Errorf("digest %d: got %s, want %s", i, got, tt.want)
			}
		}
	})
}

func TestWriteNPanics(t *testing.T) {
	tests := []struct {
		name string
		ds   []*sha256x2.Digest
		ps   [][]byte
	}{
		{"fewer messages", newDigests(2), [][]byte{nil}},
		{"more messages", newDigests(1), [][]byte{nil, nil}},
		{"five", newDigests(5), make([][]byte, 5)},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			defer func() {
				if r := recover(); r == nil {
					t.Errorf("WriteN(%d digests, %d messages) did not panic", len(tt.ds), len(tt.ps))
				}
			}()
			sha256x2.WriteN(tt.ds, tt.ps)
		})
	}
}

// TestWriteNLong covers messages longer than WriteN hashes in one kernel
// call, including three equally long ones that take turns in pairs.
func TestWriteNLong(t *testing.T) {
	r := rand.New(rand.NewPCG(13, 14))
	src := randBytes(r, 1<<20)
	tests := [][]int{
		{200000, 200000, 200000, 200000},
		{200000, 200000, 200000},
		{300001, 131072 + 64, 65537, 196615},
		{65536, 65536 + 64, 65536 + 128, 65536 + 192},
		{1, 250000, 250000, 250000},
	}
	forEachPath(t, func(t *testing.T) {
		for _, lens := range tests {
			t.Run(fmt.Sprint(lens), func(t *testing.T) {
				ds := newDigests(len(lens))
				ps := make([][]byte, len(lens))
				for i, n := range lens {
					ps[i] = src[i*250001:][:n]
				}
				sha256x2.WriteN(ds, ps)
				for i, d := range ds {
					if got, want := sum(d), want(ps[i]); got != want {
						t.Errorf("message %d (%d bytes): got %s, want %s", i, lens[i], got, want)
					}
				}
			})
		}
	})
}
