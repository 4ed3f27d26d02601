package crc32x_test

import (
	"bytes"
	"testing"

	"github.com/goto3/goto3/internal/crc32x"
)

// FuzzUpdateIEEE splits each input in two, chains UpdateIEEE over the pieces
// on both paths, and compares with hash/crc32.
func FuzzUpdateIEEE(f *testing.F) {
	f.Add([]byte("123456789"), uint32(0), uint16(3))
	f.Add(bytes.Repeat([]byte{0xff}, 300), uint32(0xffffffff), uint16(17))
	f.Add(bytes.Repeat([]byte{0x5a}, 1000), uint32(1), uint16(512))
	f.Fuzz(func(t *testing.T, p []byte, crc uint32, split uint16) {
		s := int(split) % (len(p) + 1)
		w := want(crc, p)
		for _, accel := range []bool{false, true} {
			ok, restore := crc32x.SetAccelerated(accel)
			if ok {
				if got := crc32x.UpdateIEEE(crc, p); got != w {
					t.Errorf("accelerated=%v, whole: got %08x, want %08x", accel, got, w)
				}
				if got := crc32x.UpdateIEEE(crc32x.UpdateIEEE(crc, p[:s]), p[s:]); got != w {
					t.Errorf("accelerated=%v, split at %d: got %08x, want %08x", accel, s, got, w)
				}
			}
			restore()
		}
	})
}
