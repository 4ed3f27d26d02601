package sha256x2

import (
	"crypto/sha256"
	"encoding/binary"
	"hash"
)

// Size is the size of a SHA-256 checksum in bytes.
const Size = 32

// BlockSize is the block size of SHA-256 in bytes.
const BlockSize = 64

// iv is the SHA-256 initial hash value (FIPS 180-4, section 5.3.3).
var iv = [8]uint32{
	0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a,
	0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19,
}

// useAccel is set once at package initialization from CPU detection and
// read-only afterwards, except by the test hook in export_test.go.
var useAccel = hasAccel()

// Digest is a SHA-256 hash state. It implements [hash.Hash]. The zero value
// is ready to use; a Digest is usable after [New] or [Digest.Reset] too.
type Digest struct {
	h    [8]uint32       // chaining value, H0..H7 (accelerated path)
	x    [BlockSize]byte // buffered partial block (accelerated path)
	nx   int             // bytes buffered in x
	len  uint64          // total bytes written (accelerated path)
	init bool            // Reset has run
	std  hash.Hash       // non-nil: this Digest delegates to crypto/sha256
	sum  [Size]byte      // scratch for std.Sum, so that Sum does not allocate
}

var _ hash.Hash = (*Digest)(nil)

// New returns a new Digest computing the SHA-256 checksum.
func New() *Digest {
	d := new(Digest)
	d.Reset()
	return d
}

// Accelerated reports whether the interleaved SHA-NI kernel is in use, that
// is whether [Write2] hashes two messages faster than two [Digest.Write]
// calls would.
func Accelerated() bool { return useAccel }

// Reset resets the Digest to its initial state.
func (d *Digest) Reset() {
	d.init = true
	if useAccel {
		d.std = nil
		d.h = iv
		d.nx = 0
		d.len = 0
		return
	}
	if d.std == nil {
		d.std = sha256.New()
	} else {
		d.std.Reset()
	}
}

// Size returns the number of bytes Sum appends: 32.
func (d *Digest) Size() int { return Size }

// BlockSize returns the SHA-256 block size: 64.
func (d *Digest) BlockSize() int { return BlockSize }

// Write adds p to the running hash. It never returns an error.
func (d *Digest) Write(p []byte) (int, error) {
	if !d.init {
		d.Reset()
	}
	if d.std != nil {
		return d.std.Write(p)
	}
	n := len(p)
	d.len += uint64(n)
	p = d.fill(p)
	d.write(p)
	return n, nil
}

// fill tops up a partially filled buffer from p, hashes it once full, and
// returns what is left of p. It does not count the length.
func (d *Digest) fill(p []byte) []byte {
	if d.nx == 0 {
		return p
	}
	c := copy(d.x[d.nx:], p)
	d.nx += c
	if d.nx == BlockSize {
		block(&d.h, d.x[:])
		d.nx = 0
	}
	return p[c:]
}

// write hashes the whole blocks of p and buffers the rest; the buffer must be
// empty unless p is. It does not count the length.
func (d *Digest) write(p []byte) {
	if m := len(p) &^ (BlockSize - 1); m > 0 {
		block(&d.h, p[:m])
		p = p[m:]
	}
	if len(p) > 0 {
		d.nx = copy(d.x[:], p)
	}
}

// Sum appends the SHA-256 checksum of the data written so far to b and
// returns the result. It does not change the state.
func (d *Digest) Sum(b []byte) []byte {
	if !d.init {
		d.Reset()
	}
	if d.std != nil {
		return append(b, d.std.Sum(d.sum[:0])...)
	}
	c := *d
	c.std = nil
	var pad [BlockSize + 8]byte
	pad[0] = 0x80
	n := BlockSize - int(c.len%BlockSize) // 1..64 bytes of 0x80 and zeros
	if n < 9 {
		n += BlockSize
	}
	binary.BigEndian.PutUint64(pad[n-8:], c.len<<3)
	p := c.fill(pad[:n])
	c.write(p)
	var out [Size]byte
	for i, v := range c.h {
		binary.BigEndian.PutUint32(out[4*i:], v)
	}
	return append(b, out[:]...)
}

// Write2 writes p to d and q to e, with the same results as
// d.Write(p); e.Write(q). The whole 64-byte blocks the two have in common,
// after each digest's buffered partial block has been completed on its own,
// are hashed together with interleaved instruction streams; the rest one
// message at a time. Write2 is meant for d != e; if d == e it writes p and
// then q to d.
func Write2(d *Digest, p []byte, e *Digest, q []byte) {
	if !d.init {
		d.Reset()
	}
	if !e.init {
		e.Reset()
	}
	if d == e || d.std != nil || e.std != nil {
		d.Write(p)
		e.Write(q)
		return
	}
	d.len += uint64(len(p))
	e.len += uint64(len(q))
	p = d.fill(p)
	q = e.fill(q)
	if d.nx == 0 && e.nx == 0 {
		m := min(len(p), len(q)) &^ (BlockSize - 1)
		if m > 0 {
			block2(&d.h, &e.h, p[:m], q[:m])
			p, q = p[m:], q[m:]
		}
	}
	d.write(p)
	e.write(q)
}

// chunk is the most WriteN hashes of each message in one kernel call. An
// assembly loop cannot be preempted, so this bounds how long a goroutine in
// WriteN can hold off a stop-the-world pause (four lanes of 64 KiB take
// about 70 µs on Zen 3), at a cost per call that does not show in the
// benchmarks. It is also the length of a turn when three messages take
// turns in pairs.
const chunk = 64 << 10

// WriteN writes ps[i] to ds[i] for every i, with the same results as
// ds[i].Write(ps[i]) for each i in turn. len(ds) must equal len(ps) and be
// at most 4, or WriteN panics.
//
// Each digest's buffered partial block is completed on its own first; then
// the whole 64-byte blocks that all the messages have in common are hashed
// four at a time with interleaved instruction streams, and what remains of
// the longer messages two at a time (taking turns when three are left) or
// alone. WriteN is meant for distinct digests; if a digest appears twice,
// the writes are done one after another in order. It does not allocate.
func WriteN(ds []*Digest, ps [][]byte) {
	if len(ds) != len(ps) || len(ds) > 4 {
		panic("sha256x2: WriteN needs len(ds) == len(ps) <= 4")
	}
	fast := true
	for i, d := range ds {
		if !d.init {
			d.Reset()
		}
		if d.std != nil {
			fast = false
		}
		for _, e := range ds[:i] {
			if e == d {
				fast = false
			}
		}
	}
	if !fast {
		for i, d := range ds {
			d.Write(ps[i])
		}
		return
	}
	var rest [4][]byte
	for i, d := range ds {
		d.len += uint64(len(ps[i]))
		rest[i] = d.fill(ps[i])
	}
	// A message with a whole block left has an empty buffer: fill leaves
	// bytes buffered only when it used up all of the message.
	for {
		// The messages with whole blocks left, shortest first.
		var idx [4]int
		k := 0
		for i := range ds {
			if len(rest[i]) < BlockSize {
				continue
			}
			j := k
			for ; j > 0 && len(rest[idx[j-1]]) > len(rest[i]); j-- {
				idx[j] = idx[j-1]
			}
			idx[j] = i
			k++
		}
		if k == 0 {
			break
		}
		m := min(len(rest[idx[0]])&^(BlockSize-1), chunk)
		a := idx[0]
		switch k {
		case 4:
			b, c, d := idx[1], idx[2], idx[3]
			block4(&ds[a].h, &ds[b].h, &ds[c].h, &ds[d].h, rest[a][:m], rest[b], rest[c], rest[d])
			rest[a], rest[b], rest[c], rest[d] = rest[a][m:], rest[b][m:], rest[c][m:], rest[d][m:]
		case 3:
			// Pairs, each time the two with the most left, which
			// measured faster than the four-way kernel with a lane
			// wasted: first bring the middle one down to the shortest,
			// then take turns a chunk at a time.
			b, c := idx[1], idx[2]
			m = len(rest[b])&^(BlockSize-1) - len(rest[a])&^(BlockSize-1)
			if m == 0 {
				m = len(rest[b]) &^ (BlockSize - 1)
			}
			m = min(m, chunk)
			block2(&ds[b].h, &ds[c].h, rest[b][:m], rest[c])
			rest[b], rest[c] = rest[b][m:], rest[c][m:]
		case 2:
			b := idx[1]
			block2(&ds[a].h, &ds[b].h, rest[a][:m], rest[b])
			rest[a], rest[b] = rest[a][m:], rest[b][m:]
		case 1:
			block(&ds[a].h, rest[a][:m])
			rest[a] = rest[a][m:]
		}
	}
	for i, d := range ds {
		d.write(rest[i])
	}
}
