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

	"github.com/goto3/goto3/internal/crc32x"
	"github.com/goto3/goto3/internal/sha256x2"
	"github.com/goto3/goto3/services/s3"
)

// readChunk is how much of a part is hashed at a time: small enough that
// a batch's chunks stay in a core's L2 cache from the read through the
// checksum pass to the SHA-256 pass over them.
const readChunk = 64 << 10

// readBufs are the buffers ReaderAt parts are hashed through.
var readBufs = sync.Pool{New: func() any { b := make([]byte, readChunk); return &b }}

// partHash is the running checksum of alg and, when the payload is
// signed or the checksum is SHA-256, the SHA-256 of one part. SHA-256 is
// the costly one: parts hashed together (sumBatch) run two to four times
// as fast as one after the other on CPUs whose SHA instructions are
// latency bound (sha256x2).
type partHash struct {
	alg     s3.ChecksumAlgorithm
	withSHA bool
	crc     uint64
	h       hash.Hash        // the other algorithms': SHA-1, SHA-512, MD5, xxHash
	sh      *sha256x2.Digest // SHA-256: the payload hash, the checksum, or both
}

var partHashes = sync.Pool{New: func() any { return &partHash{sh: sha256x2.New()} }}

func getPartHash(alg s3.ChecksumAlgorithm, withSHA bool) *partHash {
	s := partHashes.Get().(*partHash)
	switch alg {
	case algCRC32, algCRC32C, algCRC64NVME, "", algSHA256:
	default:
		if s.h = newHash(alg); s.h == nil {
			alg = ""
		}
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
func (s *partHash) needSHA() bool { return s.withSHA || s.alg == algSHA256 }

// others updates everything but the SHA-256 digest.
func (s *partHash) others(b []byte) {
	switch s.alg {
	case algCRC32:
		s.crc = uint64(crc32x.UpdateIEEE(uint32(s.crc), b))
	case algCRC32C:
		s.crc = uint64(crc32.Update(uint32(s.crc), tableCRC32C(), b))
	case algCRC64NVME:
		s.crc = crc64.Update(s.crc, tableCRC64NVME(), b)
	case "", algSHA256:
	default:
		s.h.Write(b)
	}
}

func (s *partHash) update(b []byte) {
	s.others(b)
	if s.needSHA() {
		s.sh.Write(b)
	}
}

// updateAll updates hs[i] with cs[i] for every i, their SHA-256 digests
// together.
func updateAll(hs []*partHash, cs [][]byte, ds []*sha256x2.Digest, ps [][]byte) {
	ds, ps = ds[:0], ps[:0]
	for i, h := range hs {
		h.others(cs[i])
		if h.needSHA() {
			ds = append(ds, h.sh)
			ps = append(ps, cs[i])
		}
	}
	sha256x2.WriteN(ds, ps)
}

// result returns the checksum of alg (base64, as S3 carries it; "" for
// none) and, when withSHA is set, the SHA-256 (lower-case hex,
// the SigV4 payload hash; "" otherwise).
func (s *partHash) result() (sum, sha string) {
	var out [64]byte
	switch s.alg {
	case algCRC32, algCRC32C:
		binary.BigEndian.PutUint32(out[:4], uint32(s.crc))
		sum = base64.StdEncoding.EncodeToString(out[:4])
	case algCRC64NVME:
		binary.BigEndian.PutUint64(out[:8], s.crc)
		sum = base64.StdEncoding.EncodeToString(out[:8])
	case "", algSHA256:
	default:
		sum = base64.StdEncoding.EncodeToString(s.h.Sum(out[:0]))
	}
	if s.needSHA() {
		d := s.sh.Sum(out[:0])
		if s.alg == algSHA256 {
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
func partSums(p *part, alg s3.ChecksumAlgorithm, withSHA bool) (sum, sha string, err error) {
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

// maxBatch is the most parts hashed together.
const maxBatch = 4

// batchSums is what sumBatch computed for each part of a batch.
type batchSums struct{ sum, sha [maxBatch]string }

// batchState is sumBatch's working state, pooled.
type batchState struct {
	hs   [maxBatch]*partHash
	bufs [maxBatch]*[]byte
	offs [maxBatch]int64
	cs   [maxBatch][]byte
	ds   [maxBatch]*sha256x2.Digest
	ps   [maxBatch][]byte
}

var batchStates = sync.Pool{New: func() any { return new(batchState) }}

// sumBatch is partSums for up to maxBatch parts at once: their SHA-256
// digests are computed together, chunk by chunk.
func sumBatch(parts []*part, alg s3.ChecksumAlgorithm, withSHA bool) (r batchSums, err error) {
	st := batchStates.Get().(*batchState)
	n := len(parts)
	defer func() {
		for i := range n {
			st.hs[i].put()
			if st.bufs[i] != nil {
				readBufs.Put(st.bufs[i])
			}
		}
		*st = batchState{}
		batchStates.Put(st)
	}()
	for i, p := range parts {
		st.hs[i] = getPartHash(alg, withSHA)
		if p.ra != nil {
			st.bufs[i] = readBufs.Get().(*[]byte)
		}
	}
	for {
		more := false
		for i, p := range parts {
			st.cs[i] = nil
			if st.offs[i] >= p.size {
				continue
			}
			var buf []byte
			if st.bufs[i] != nil {
				buf = *st.bufs[i]
			}
			if st.cs[i], err = readChunkAt(p, st.offs[i], buf); err != nil {
				return r, err
			}
			st.offs[i] += int64(len(st.cs[i]))
			more = true
		}
		if !more {
			break
		}
		updateAll(st.hs[:n], st.cs[:n], st.ds[:], st.ps[:])
	}
	for i := range n {
		r.sum[i], r.sha[i] = st.hs[i].result()
	}
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
