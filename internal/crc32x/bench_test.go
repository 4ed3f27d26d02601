package crc32x_test

import (
	"hash/crc32"
	"runtime"
	"testing"

	"github.com/goto3/goto3/internal/crc32x"
)

// benchCRC runs update over an n-byte buffer. Besides the wall-clock MB/s it
// reports MB/cpu-s, the bytes per second of CPU time of the benchmarking
// thread (Linux only), which a machine shared with other work disturbs far
// less.
func benchCRC(b *testing.B, n int, update func(uint32, []byte) uint32) {
	buf := randomBytes(11, n)
	b.SetBytes(int64(n))
	b.ReportAllocs()
	runtime.LockOSThread()
	defer runtime.UnlockOSThread()
	c0, ok := threadCPU()
	var crc uint32
	for b.Loop() {
		crc = update(crc, buf)
	}
	if c1, ok1 := threadCPU(); ok && ok1 && c1 > c0 {
		b.ReportMetric(float64(b.N)*float64(n)/1e6/(c1-c0).Seconds(), "MB/cpu-s")
	}
}

func stdlibUpdate(crc uint32, p []byte) uint32 { return crc32.Update(crc, crc32.IEEETable, p) }

func BenchmarkStdlib(b *testing.B) { benchCRC(b, 64<<10, stdlibUpdate) }

func BenchmarkUpdateIEEE(b *testing.B) {
	b.Run("64KiB", func(b *testing.B) { benchCRC(b, 64<<10, crc32x.UpdateIEEE) })
	b.Run("1MiB", func(b *testing.B) { benchCRC(b, 1<<20, crc32x.UpdateIEEE) })
}

// BenchmarkUpdateIEEEFallback is BenchmarkUpdateIEEE/64KiB with the
// hash/crc32 fallback forced, as on CPUs without VPCLMULQDQ.
func BenchmarkUpdateIEEEFallback(b *testing.B) {
	_, restore := crc32x.SetAccelerated(false)
	defer restore()
	benchCRC(b, 64<<10, crc32x.UpdateIEEE)
}
