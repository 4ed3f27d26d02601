package xxhash_test

import (
	"bytes"
	"encoding/binary"
	"hash"
	"math/rand/v2"
	"testing"

	"github.com/goto3/goto3/internal/xxhash"
)

// randomBytes returns n bytes from a PCG seeded with seed.
func randomBytes(seed uint64, n int) []byte {
	r := rand.New(rand.NewPCG(seed, 0x9e3779b97f4a7c15))
	p := make([]byte, n)
	for i := range p {
		p[i] = byte(r.Uint32())
	}
	return p
}

// testSeeds are the seeds the differential tests use: 0 (S3's), small,
// xxHash's PRIME32 and PRIME64, and ones with the top or all bits set.
var testSeeds = []uint64{0, 1, 31, 0x9E3779B1, 0x9E3779B185EBCA8D, 1 << 63, ^uint64(0)}

// algo is one of the three hashes seen through a common shape: a one-shot
// function, a reference result, and a streaming constructor. Digests are
// compared in their canonical byte form.
type algo struct {
	name    string
	oneShot func(p []byte, seed uint64) []byte
	ref     func(p []byte, seed uint64) []byte
	stream  func(seed uint64) hash.Hash
}

func be64(u uint64) []byte { return binary.BigEndian.AppendUint64(nil, u) }

var algos = []algo{
	{
		name:    "XXH64",
		oneShot: func(p []byte, seed uint64) []byte { return be64(xxhash.Sum64Seed(p, seed)) },
		ref:     func(p []byte, seed uint64) []byte { return be64(refXXH64(p, seed)) },
		stream:  func(seed uint64) hash.Hash { return xxhash.New64Seed(seed) },
	},
	{
		name:    "XXH3-64",
		oneShot: func(p []byte, seed uint64) []byte { return be64(xxhash.Sum3Seed(p, seed)) },
		ref:     func(p []byte, seed uint64) []byte { return be64(refXXH3_64(p, seed)) },
		stream:  func(seed uint64) hash.Hash { return xxhash.New3Seed(seed) },
	},
	{
		name: "XXH3-128",
		oneShot: func(p []byte, seed uint64) []byte {
			b := xxhash.Sum128Seed(p, seed).Bytes()
			return b[:]
		},
		ref: func(p []byte, seed uint64) []byte {
			lo, hi := refXXH3_128(p, seed)
			return append(be64(hi), be64(lo)...)
		},
		stream: func(seed uint64) hash.Hash { return xxhash.New128Seed(seed) },
	},
}

// TestAllLengths compares every length 0..2048 with the reference model,
// for every test seed, one-shot and streamed in two pieces split at a
// length-dependent point.
func TestAllLengths(t *testing.T) {
	buf := randomBytes(1, 2048)
	for _, a := range algos {
		t.Run(a.name, func(t *testing.T) {
			for _, seed := range testSeeds {
				h := a.stream(seed)
				for n := 0; n <= len(buf); n++ {
					p := buf[:n]
					want := a.ref(p, seed)
					if got := a.oneShot(p, seed); !bytes.Equal(got, want) {
						t.Fatalf("seed %#x, length %d: one-shot %x, want %x", seed, n, got, want)
					}
					s := (n * 7919) % (n + 1)
					h.Reset()
					h.Write(p[:s])
					h.Write(p[s:])
					if got := h.Sum(nil); !bytes.Equal(got, want) {
						t.Fatalf("seed %#x, length %d, split at %d: streaming %x, want %x", seed, n, s, got, want)
					}
				}
			}
		})
	}
}

// TestEverySplit streams lengths around the stripe, block and buffer
// boundaries (XXH64's 32-byte stripe, XXH3's 64-byte stripe, the 240-byte
// end of the medium path, XXH3's 1 KiB block, which is also its stream
// buffer) in two pieces split at every point, and in three pieces at a
// grid of points.
func TestEverySplit(t *testing.T) {
	lengths := []int{0, 1, 31, 32, 33, 63, 64, 65, 240, 241, 255, 256, 257, 319, 320, 321, 1023, 1024, 1025, 1087, 1088, 1089, 2047, 2048, 2049, 2113, 3071, 3072, 3073}
	buf := randomBytes(2, 3073)
	for _, a := range algos {
		t.Run(a.name, func(t *testing.T) {
			for _, seed := range []uint64{0, 0x9E3779B185EBCA8D} {
				h := a.stream(seed)
				for _, n := range lengths {
					p := buf[:n]
					want := a.oneShot(p, seed)
					for i := 0; i <= n; i++ {
						h.Reset()
						h.Write(p[:i])
						h.Write(p[i:])
						if got := h.Sum(nil); !bytes.Equal(got, want) {
							t.Fatalf("seed %#x, length %d, split at %d: %x, want %x", seed, n, i, got, want)
						}
					}
					for i := 0; i <= n; i += 37 {
						for j := i; j <= n; j += 61 {
							h.Reset()
							h.Write(p[:i])
							h.Write(p[i:j])
							h.Write(p[j:])
							if got := h.Sum(nil); !bytes.Equal(got, want) {
								t.Fatalf("seed %#x, length %d, splits at %d and %d: %x, want %x", seed, n, i, j, got, want)
							}
						}
					}
				}
			}
		})
	}
}

// TestLarge compares large inputs (many blocks, lengths on and off the
// stripe and block grid) with the reference model, streamed in pieces of
// assorted sizes.
func TestLarge(t *testing.T) {
	sizes := []int{64 << 10, 1<<20 + 1, 1<<20 + 63, 3<<20 + 1024, 8 << 20}
	if testing.Short() {
		sizes = sizes[:2]
	}
	buf := randomBytes(3, sizes[len(sizes)-1])
	pieces := []int{1, 7, 64, 100, 255, 256, 257, 1000, 1024, 4096, 65537}
	for _, a := range algos {
		t.Run(a.name, func(t *testing.T) {
			for i, n := range sizes {
				p := buf[:n]
				seed := testSeeds[i%len(testSeeds)]
				want := a.ref(p, seed)
				if got := a.oneShot(p, seed); !bytes.Equal(got, want) {
					t.Fatalf("seed %#x, length %d: one-shot %x, want %x", seed, n, got, want)
				}
				h := a.stream(seed)
				k := 0
				for rest := p; len(rest) > 0; k++ {
					m := min(pieces[k%len(pieces)], len(rest))
					h.Write(rest[:m])
					rest = rest[m:]
				}
				if got := h.Sum(nil); !bytes.Equal(got, want) {
					t.Fatalf("seed %#x, length %d, in pieces: %x, want %x", seed, n, got, want)
				}
			}
		})
	}
}

// TestXXH3LowHalf checks the spec's remark that XXH3-64 is the low half of
// XXH3-128 for 1-3 byte and long inputs, the two cases where it holds.
func TestXXH3LowHalf(t *testing.T) {
	buf := randomBytes(4, 5000)
	for _, n := range []int{1, 2, 3, 241, 1024, 4999} {
		for _, seed := range testSeeds {
			if got, want := xxhash.Sum3Seed(buf[:n], seed), xxhash.Sum128Seed(buf[:n], seed).Lo; got != want {
				t.Errorf("seed %#x, length %d: XXH3-64 %016x, XXH3-128 low half %016x", seed, n, got, want)
			}
		}
	}
}

// TestDigestContract covers what hash.Hash promises beyond the digest:
// Sum appends and leaves the state alone, Reset restarts with the seed,
// the zero value hashes with seed 0, and Size and BlockSize.
func TestDigestContract(t *testing.T) {
	p := randomBytes(5, 3000)
	tests := []struct {
		name      string
		h         hash.Hash
		zero      hash.Hash
		size, blk int
		want      []byte // of p with seed 7
		want0     []byte // of p with seed 0
	}{
		{"XXH64", xxhash.New64Seed(7), new(xxhash.Digest64), 8, 32, be64(xxhash.Sum64Seed(p, 7)), be64(xxhash.Sum64(p))},
		{"XXH3-64", xxhash.New3Seed(7), new(xxhash.Digest3), 8, 64, be64(xxhash.Sum3Seed(p, 7)), be64(xxhash.Sum3(p))},
		{"XXH3-128", xxhash.New128Seed(7), new(xxhash.Digest128), 16, 64, sl(xxhash.Sum128Seed(p, 7).Bytes()), sl(xxhash.Sum128(p).Bytes())},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := tt.h.Size(); got != tt.size {
				t.Errorf("Size: got %d, want %d", got, tt.size)
			}
			if got := tt.h.BlockSize(); got != tt.blk {
				t.Errorf("BlockSize: got %d, want %d", got, tt.blk)
			}
			if n, err := tt.h.Write(p[:1000]); n != 1000 || err != nil {
				t.Fatalf("Write: got %d, %v", n, err)
			}
			mid := tt.h.Sum(nil)
			if again := tt.h.Sum(nil); !bytes.Equal(again, mid) {
				t.Errorf("Sum changed the state: %x then %x", mid, again)
			}
			tt.h.Write(p[1000:])
			prefix := []byte("prefix")
			if got := tt.h.Sum(prefix); !bytes.Equal(got, append([]byte("prefix"), tt.want...)) {
				t.Errorf("Sum(prefix): got %x, want prefix+%x", got, tt.want)
			}
			tt.h.Reset()
			tt.h.Write(p)
			if got := tt.h.Sum(nil); !bytes.Equal(got, tt.want) {
				t.Errorf("after Reset: got %x, want %x", got, tt.want)
			}
			if got := tt.zero.Sum(nil); !bytes.Equal(got, emptyDigest(tt.name)) {
				t.Errorf("zero value, nothing written: got %x, want %x", got, emptyDigest(tt.name))
			}
			tt.zero.Write(p)
			if got := tt.zero.Sum(nil); !bytes.Equal(got, tt.want0) {
				t.Errorf("zero value: got %x, want %x", got, tt.want0)
			}
		})
	}
}

func sl(b [16]byte) []byte { return b[:] }

func emptyDigest(name string) []byte {
	switch name {
	case "XXH64":
		return be64(xxhash.Sum64(nil))
	case "XXH3-64":
		return be64(xxhash.Sum3(nil))
	}
	return sl(xxhash.Sum128(nil).Bytes())
}

// TestNoAllocs checks that one-shot hashing, Write, Reset and Sum into a
// buffer with room do not allocate, including seeded long inputs (whose
// derived secret lives on the stack or in the Digest).
func TestNoAllocs(t *testing.T) {
	p := randomBytes(6, 10000)
	out := make([]byte, 0, 16)
	var sink uint64
	checks := map[string]func(){
		"Sum64Seed":  func() { sink += xxhash.Sum64Seed(p, 9) },
		"Sum3Seed":   func() { sink += xxhash.Sum3Seed(p, 9) },
		"Sum128Seed": func() { sink += xxhash.Sum128Seed(p, 9).Lo },
	}
	for _, a := range algos {
		h := a.stream(9)
		checks[a.name+" stream"] = func() {
			h.Reset()
			h.Write(p[:100])
			h.Write(p[100:])
			out = h.Sum(out[:0])
		}
	}
	for name, f := range checks {
		if n := testing.AllocsPerRun(20, f); n != 0 {
			t.Errorf("%s: %v allocations per run, want 0", name, n)
		}
	}
	_ = sink
}
