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

// FuzzWriteN cuts the input into up to four messages, writes a prefix of
// each with Write and the rest with WriteN, on both paths, and compares with
// crypto/sha256.
func FuzzWriteN(f *testing.F) {
	f.Add([]byte("abc"), uint8(3), uint16(1), uint16(1), uint16(1), uint16(0))
	f.Add(bytes.Repeat([]byte{1}, 1200), uint8(4), uint16(300), uint16(600), uint16(900), uint16(7))
	f.Add(bytes.Repeat([]byte{2}, 3000), uint8(2), uint16(1000), uint16(2000), uint16(2500), uint16(64))
	f.Add(bytes.Repeat([]byte{3}, 700), uint8(4), uint16(0), uint16(0), uint16(0), uint16(63))
	f.Fuzz(func(t *testing.T, data []byte, n uint8, c1, c2, c3, pre uint16) {
		// Messages are data[0:c1], data[c1:c2], data[c2:c3] and data[c3:],
		// the cuts clamped and sorted; the first n are used.
		k := int(n%4) + 1
		cuts := []int{0, int(c1) % (len(data) + 1), int(c2) % (len(data) + 1), int(c3) % (len(data) + 1), len(data)}
		for i := 1; i < 4; i++ {
			cuts[i] = max(cuts[i], cuts[i-1])
		}
		msgs := make([][]byte, k)
		for i := range msgs {
			msgs[i] = data[cuts[i]:cuts[i+1]]
		}
		for _, accel := range []bool{true, false} {
			ok, restore := sha256x2.SetAccelerated(accel)
			if ok {
				ds := make([]*sha256x2.Digest, k)
				ps := make([][]byte, k)
				for i, m := range msgs {
					ds[i] = sha256x2.New()
					p := min(int(pre)*(i+1)%97, len(m))
					ds[i].Write(m[:p])
					ps[i] = m[p:]
				}
				sha256x2.WriteN(ds, ps)
				for i, m := range msgs {
					want := sha256.Sum256(m)
					if got := ds[i].Sum(nil); !bytes.Equal(got, want[:]) {
						t.Errorf("accelerated=%v, message %d of %d: got %x, want %x", accel, i, k, got, want)
					}
				}
			}
			restore()
		}
	})
}
