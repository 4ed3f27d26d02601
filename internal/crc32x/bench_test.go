package crc32x_test

import (
	"hash/crc32"
	"testing"

	"github.com/goto3/goto3/internal/crc32x"
)

func BenchmarkStdlib(b *testing.B) {
	buf := randomBytes(10, 64<<10)
	b.SetBytes(int64(len(buf)))
	b.ReportAllocs()
	var crc uint32
	for b.Loop() {
		crc = crc32.Update(crc, crc32.IEEETable, buf)
	}
}

func BenchmarkUpdateIEEE(b *testing.B) {
	for _, size := range []struct {
		name string
		n    int
	}{{"64KiB", 64 << 10}, {"1MiB", 1 << 20}} {
		b.Run(size.name, func(b *testing.B) {
			buf := randomBytes(11, size.n)
			b.SetBytes(int64(len(buf)))
			b.ReportAllocs()
			var crc uint32
			for b.Loop() {
				crc = crc32x.UpdateIEEE(crc, buf)
			}
		})
	}
}

// BenchmarkUpdateIEEEFallback is BenchmarkUpdateIEEE/64KiB with the
// hash/crc32 fallback forced, as on CPUs without VPCLMULQDQ.
func BenchmarkUpdateIEEEFallback(b *testing.B) {
	_, restore := crc32x.SetAccelerated(false)
	defer restore()
	buf := randomBytes(11, 64<<10)
	b.SetBytes(int64(len(buf)))
	b.ReportAllocs()
	var crc uint32
	for b.Loop() {
		crc = crc32x.UpdateIEEE(crc, buf)
	}
}
