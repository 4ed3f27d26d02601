package xxhash_test

import (
	"crypto/sha256"
	"hash"
	"hash/crc32"
	"runtime"
	"testing"

	"github.com/goto3/goto3/internal/xxhash"
)

// The benchmark sizes: 64 KiB (a typical streaming write) and 8 MiB (an
// upload part, larger than the caches).
var benchSizes = []struct {
	name string
	n    int
}{{"64KiB", 64 << 10}, {"8MiB", 8 << 20}}

// benchBytes runs f over an n-byte buffer of pseudo-random bytes. Besides
// the wall-clock MB/s it reports MB/cpu-s, the bytes per second of CPU time
// of the benchmarking thread (Linux only), which a machine shared with
// other work disturbs far less.
func benchBytes(b *testing.B, n int, f func(p []byte)) {
	p := randomBytes(8, n)
	b.SetBytes(int64(n))
	b.ReportAllocs()
	runtime.LockOSThread()
	defer runtime.UnlockOSThread()
	c0, ok := threadCPU()
	for b.Loop() {
		f(p)
	}
	if c1, ok1 := threadCPU(); ok && ok1 && c1 > c0 {
		b.ReportMetric(float64(b.N)*float64(n)/1e6/(c1-c0).Seconds(), "MB/cpu-s")
	}
}

// benchHash runs a streaming hash over the buffer in one Write, then Sum
// into a reused slice, as an upload part's checksum is computed.
func benchHash(b *testing.B, n int, h hash.Hash) {
	out := make([]byte, 0, 32)
	benchBytes(b, n, func(p []byte) {
		h.Reset()
		h.Write(p)
		out = h.Sum(out[:0])
	})
}

func BenchmarkXXH64(b *testing.B) {
	for _, s := range benchSizes {
		b.Run(s.name, func(b *testing.B) { benchHash(b, s.n, xxhash.New64()) })
	}
}

func BenchmarkXXH3(b *testing.B) {
	for _, s := range benchSizes {
		b.Run(s.name, func(b *testing.B) { benchHash(b, s.n, xxhash.New3()) })
	}
}

func BenchmarkXXH3128(b *testing.B) {
	for _, s := range benchSizes {
		b.Run(s.name, func(b *testing.B) { benchHash(b, s.n, xxhash.New128()) })
	}
}

// BenchmarkXXH3OneShot is Sum3 without the Digest's buffering.
func BenchmarkXXH3OneShot(b *testing.B) {
	var sink uint64
	for _, s := range benchSizes {
		b.Run(s.name, func(b *testing.B) { benchBytes(b, s.n, func(p []byte) { sink += xxhash.Sum3(p) }) })
	}
	_ = sink
}

// BenchmarkXXH3Pieces writes the 64 KiB buffer in 1000-byte pieces, which
// go through the Digest's buffer rather than straight to the loop.
func BenchmarkXXH3Pieces(b *testing.B) {
	h := xxhash.New3()
	out := make([]byte, 0, 8)
	benchBytes(b, 64<<10, func(p []byte) {
		h.Reset()
		for len(p) > 0 {
			k := min(1000, len(p))
			h.Write(p[:k])
			p = p[k:]
		}
		out = h.Sum(out[:0])
	})
}

// BenchmarkShort hashes a 100-byte input (a medium-path length) one-shot.
func BenchmarkShort(b *testing.B) {
	var sink uint64
	b.Run("XXH64", func(b *testing.B) { benchBytes(b, 100, func(p []byte) { sink += xxhash.Sum64(p) }) })
	b.Run("XXH3", func(b *testing.B) { benchBytes(b, 100, func(p []byte) { sink += xxhash.Sum3(p) }) })
	b.Run("XXH3128", func(b *testing.B) { benchBytes(b, 100, func(p []byte) { sink += xxhash.Sum128(p).Lo }) })
	_ = sink
}

// BenchmarkSHA256Stdlib and BenchmarkCRC32Stdlib measure crypto/sha256 and
// hash/crc32 (IEEE, S3's CRC32) the same way, for comparison in one run.
func BenchmarkSHA256Stdlib(b *testing.B) {
	for _, s := range benchSizes {
		b.Run(s.name, func(b *testing.B) { benchHash(b, s.n, sha256.New()) })
	}
}

func BenchmarkCRC32Stdlib(b *testing.B) {
	for _, s := range benchSizes {
		b.Run(s.name, func(b *testing.B) { benchHash(b, s.n, crc32.NewIEEE()) })
	}
}
