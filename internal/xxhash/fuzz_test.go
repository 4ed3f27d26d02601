package xxhash_test

import (
	"bytes"
	"testing"
)

// fuzzAlgo compares, for one algorithm, the one-shot function, the
// reference model, and the streaming Digest fed in three pieces cut at the
// two fuzzed split points (taken modulo len(p)+1, in either order).
func fuzzAlgo(f *testing.F, a algo) {
	f.Add([]byte(""), uint64(0), uint16(0), uint16(0))
	f.Add([]byte("Hello world"), uint64(0), uint16(3), uint16(8))
	f.Add(bytes.Repeat([]byte{0x5a}, 241), uint64(0x9E3779B185EBCA8D), uint16(17), uint16(240))
	f.Add(bytes.Repeat([]byte{0xff}, 1025), ^uint64(0), uint16(256), uint16(1024))
	f.Add(randomBytes(7, 3000), uint64(31), uint16(257), uint16(2049))
	f.Fuzz(func(t *testing.T, p []byte, seed uint64, s1, s2 uint16) {
		want := a.ref(p, seed)
		if got := a.oneShot(p, seed); !bytes.Equal(got, want) {
			t.Fatalf("len %d, seed %#x: one-shot %x, reference %x", len(p), seed, got, want)
		}
		i, j := int(s1)%(len(p)+1), int(s2)%(len(p)+1)
		if i > j {
			i, j = j, i
		}
		h := a.stream(seed)
		h.Write(p[:i])
		h.Write(p[i:j])
		h.Write(p[j:])
		if got := h.Sum(nil); !bytes.Equal(got, want) {
			t.Fatalf("len %d, seed %#x, pieces at %d and %d: streaming %x, reference %x", len(p), seed, i, j, got, want)
		}
	})
}

func FuzzXXH64(f *testing.F)   { fuzzAlgo(f, algos[0]) }
func FuzzXXH3(f *testing.F)    { fuzzAlgo(f, algos[1]) }
func FuzzXXH3128(f *testing.F) { fuzzAlgo(f, algos[2]) }
