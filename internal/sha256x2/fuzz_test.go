package sha256x2_test

import (
	"bytes"
	"crypto/sha256"
	"testing"

	"github.com/goto3/goto3/internal/sha256x2"
)

// FuzzWrite2 writes a prefix of each input with Write and the rest with
// Write2, on both paths, and compares with crypto/sha256.
func FuzzWrite2(f *testing.F) {
	f.Add([]byte("abc"), []byte(""), uint16(0), uint16(0))
	f.Add(bytes.Repeat([]byte{1}, 200), bytes.Repeat([]byte{2}, 300), uint16(7), uint16(64))
	f.Add(bytes.Repeat([]byte{3}, 1000), bytes.Repeat([]byte{4}, 1000), uint16(63), uint16(1))
	f.Fuzz(func(t *testing.T, a, b []byte, sa, sb uint16) {
		sa %= uint16(len(a) + 1)
		sb %= uint16(len(b) + 1)
		wantA, wantB := sha256.Sum256(a), sha256.Sum256(b)
		for _, accel := range []bool{true, false} {
			ok, restore := sha256x2.SetAccelerated(accel)
			if ok {
				d, e := sha256x2.New(), sha256x2.New()
				d.Write(a[:sa])
				e.Write(b[:sb])
				sha256x2.Write2(d, a[sa:], e, b[sb:])
				if got := d.Sum(nil); !bytes.Equal(got, wantA[:]) {
					t.Errorf("accelerated=%v, first: got %x, want %x", accel, got, wantA)
				}
				if got := e.Sum(nil); !bytes.Equal(got, wantB[:]) {
					t.Errorf("accelerated=%v, second: got %x, want %x", accel, got, wantB)
				}
			}
			restore()
		}
	})
}
