package transfer

import (
	"encoding/base64"
	"encoding/binary"
	"encoding/hex"
	"hash"
	"hash/crc32"
	"hash/crc64"
	"io"
	"sync"

	"github.com/goto3/goto3/internal/sha256x2"
)

// readChunk is how much of a ReaderAt part is read at a time to be
// hashed: small enough that a pair of chunks stays in a core's L2 cache
// for the checksum pass and the SHA-256 pass over them.
const readChunk = 128 << 10

// readBufs are the buffers ReaderAt parts are hashed through.
var readBufs = sync.Pool{New: func() any { b := make([]byte, readChunk); return &b }}

// partHash is the running checksum of alg and, when the payload is
// signed or the checksum is SHA-256, the SHA-256 of one part. SHA-256 is
// the costly one: two parts hashed together (sumPair) run about twice as
// fast as one after the other on CPUs whose SHA instructions are latency
// bound (sha256x2).
type partHash struct {
	alg     Checksum
	withSHA bool
	crc     uint64
	h       hash.Hash        // SHA-1
	sh      *sha256x2.Digest // SHA-256: the payload hash, the checksum, or both
}

var partHashes = sync.Pool{New: func() any { return &partHash{sh: sha256x2.New()} }}

func getPartHash(alg Checksum, withSHA bool) *partHash {
	s := partHashes.Get().(*partHash)
	switch alg {
	case ChecksumCRC32, ChecksumCRC32C, ChecksumCRC64NVME, ChecksumNone, ChecksumSHA256:
	case ChecksumSHA1:
		s.h = newHash(alg)
	default:
		alg = ChecksumNone
	}
	s.alg, s.withSHA, s.crc = alg, withSHA, 0
	s.sh.Reset()
	return s
}

func (s *partHash) put() {
	s.h = nil
	partHashes.Put(s)
}

// needSHA reports whether the SHA-256 digest is in use.
func (s *partHash) needSHA() bool { return s.withSHA || s.alg == ChecksumSHA256 }

// others updates everything but the SHA-256 digest.
func (s *partHash) others(b []byte) {
	switch s.alg {
	case ChecksumCRC32:
		s.crc = uint64(crc32.Update(uint32(s.crc), crc32.IEEETable, b))
	case ChecksumCRC32C:
		s.crc = uint64(crc32.Update(uint32(s.crc), tableCRC32C, b))
	case ChecksumCRC64NVME:
		s.crc = crc64.Update(s.crc, tableCRC64NVME, b)
	case ChecksumSHA1:
		s.h.Write(b)
	}
}

func (s *partHash) update(b []byte) {
	s.others(b)
	if s.needSHA() {
		s.sh.Write(b)
	}
}

// update2 updates s with b and t with c, their SHA-256 digests together.
func update2(s *partHash, b []byte, t *partHash, c []byte) {
	s.others(b)
	t.others(c)
	switch {
	case s.needSHA() && t.needSHA():
		sha256x2.Write2(s.sh, b, t.sh, c)
	case s.needSHA():
		s.sh.Write(b)
	case t.needSHA():
		t.sh.Write(c)
	}
}

// result returns the checksum of alg (base64, as S3 carries it; "" for
// ChecksumNone) and, when withSHA is set, the SHA-256 (lower-case hex,
// the SigV4 payload hash; "" otherwise).
func (s *partHash) result() (sum, sha string) {
	var out [32]byte
	switch s.alg {
	case ChecksumCRC32, ChecksumCRC32C:
		binary.BigEndian.PutUint32(out[:4], uint32(s.crc))
		sum = base64.StdEncoding.EncodeToString(out[:4])
	case ChecksumCRC64NVME:
		binary.BigEndian.PutUint64(out[:8], s.crc)
		sum = base64.StdEncoding.EncodeToString(out[:8])
	case ChecksumSHA1:
		sum = base64.StdEncoding.EncodeToString(s.h.Sum(out[:0]))
	}
	if s.needSHA() {
		d := s.sh.Sum(out[:0])
		if s.alg == ChecksumSHA256 {
			sum = base64.StdEncoding.EncodeToString(d)
		}
		if s.withSHA {
			sha = hex.EncodeToString(d)
		}
	}
	return sum, sha
}

// partSums computes, in one pass over a part's bytes, its checksum of alg
// and, when withSHA is set, its SHA-256 (see partHash.result): a stream
// part's buffer in place, a ReaderAt part through a pooled buffer. It
// reports no progress.
func partSums(p *part, alg Checksum, withSHA bool) (sum, sha string, err error) {
	s := getPartHash(alg, withSHA)
	defer s.put()
	var buf []byte
	if p.ra != nil {
		bp := readBufs.Get().(*[]byte)
		defer readBufs.Put(bp)
		buf = *bp
	}
	for off := int64(0); off < p.size; {
		b, err := readChunkAt(p, off, buf)
		if err != nil {
			return "", "", err
		}
		s.update(b)
		off += int64(len(b))
	}
	sum, sha = s.result()
	return sum, sha, nil
}

// pairSums is partSums for two parts at once: their SHA-256 digests are
// computed together, chunk by chunk.
type pairSums struct{ sum, sha [2]string }

func sumPair(p, q *part, alg Checksum, withSHA bool) (r pairSums, err error) {
	s, t := getPartHash(alg, withSHA), getPartHash(alg, withSHA)
	defer s.put()
	defer t.put()
	var bufP, bufQ []byte
	if p.ra != nil {
		bp := readBufs.Get().(*[]byte)
		defer readBufs.Put(bp)
		bufP = *bp
	}
	if q.ra != nil {
		bq := readBufs.Get().(*[]byte)
		defer readBufs.Put(bq)
		bufQ = *bq
	}
	var offP, offQ int64
	for offP < p.size || offQ < q.size {
		var b, c []byte
		if offP < p.size {
			if b, err = readChunkAt(p, offP, bufP); err != nil {
				return r, err
			}
		}
		if offQ < q.size {
			if c, err = readChunkAt(q, offQ, bufQ); err != nil {
				return r, err
			}
		}
		update2(s, b, t, c)
		offP += int64(len(b))
		offQ += int64(len(c))
	}
	r.sum[0], r.sha[0] = s.result()
	r.sum[1], r.sha[1] = t.result()
	return r, nil
}

// readChunkAt returns the part's next chunk from off: at most readChunk
// bytes of a stream part's buffer in place, or at most len(buf) bytes of
// a ReaderAt part read into buf.
func readChunkAt(p *part, off int64, buf []byte) ([]byte, error) {
	if p.ra == nil {
		return p.buf[off:min(p.size, off+readChunk)], nil
	}
	n := min(int64(len(buf)), p.size-off)
	m, err := p.ra.ReadAt(buf[:n], p.off+off)
	if int64(m) < n {
		if err == nil || err == io.EOF {
			err = io.ErrUnexpectedEOF
		}
		return nil, err
	}
	return buf[:n], nil
}
