package transfer

import (
	"crypto/sha256"
	"encoding/base64"
	"encoding/binary"
	"encoding/hex"
	"hash"
	"hash/crc32"
	"hash/crc64"
	"io"
	"sync"
)

// readBufs are the buffers a part of a ReaderAt source is hashed through:
// 256 KiB reads, 32 per 8 MiB part.
var readBufs = sync.Pool{New: func() any { b := make([]byte, 256<<10); return &b }}

// partSums computes, in one pass over a part's bytes, its checksum of alg
// (base64, as S3 carries it; "" for ChecksumNone) and, when withSHA is
// set, its SHA-256 (lower-case hex, the SigV4 payload hash; ""
// otherwise): a stream part's buffer in place, a ReaderAt part through a
// pooled buffer. It reports no progress.
func partSums(p *part, alg Checksum, withSHA bool) (sum, sha string, err error) {
	var crc uint64
	var h, sh hash.Hash
	switch alg {
	case ChecksumCRC32, ChecksumCRC32C, ChecksumCRC64NVME, ChecksumNone:
	case ChecksumSHA1, ChecksumSHA256:
		h = newHash(alg)
	default:
		alg = ChecksumNone
	}
	if withSHA {
		if alg == ChecksumSHA256 {
			sh = h // one digest serves both
		} else {
			sh = sha256.New()
		}
	}
	update := func(b []byte) {
		switch alg {
		case ChecksumCRC32:
			crc = uint64(crc32.Update(uint32(crc), crc32.IEEETable, b))
		case ChecksumCRC32C:
			crc = uint64(crc32.Update(uint32(crc), tableCRC32C, b))
		case ChecksumCRC64NVME:
			crc = crc64.Update(crc, tableCRC64NVME, b)
		case ChecksumSHA1, ChecksumSHA256:
			h.Write(b)
		}
		if sh != nil && sh != h {
			sh.Write(b)
		}
	}
	if p.ra == nil {
		update(p.buf[:p.size])
	} else {
		bp := readBufs.Get().(*[]byte)
		buf := *bp
		for off := int64(0); off < p.size; {
			n := min(int64(len(buf)), p.size-off)
			m, err := p.ra.ReadAt(buf[:n], p.off+off)
			if int64(m) < n {
				readBufs.Put(bp)
				if err == nil || err == io.EOF {
					err = io.ErrUnexpectedEOF
				}
				return "", "", err
			}
			update(buf[:n])
			off += n
		}
		readBufs.Put(bp)
	}
	var out [32]byte
	switch alg {
	case ChecksumCRC32, ChecksumCRC32C:
		binary.BigEndian.PutUint32(out[:4], uint32(crc))
		sum = base64.StdEncoding.EncodeToString(out[:4])
	case ChecksumCRC64NVME:
		binary.BigEndian.PutUint64(out[:8], crc)
		sum = base64.StdEncoding.EncodeToString(out[:8])
	case ChecksumSHA1, ChecksumSHA256:
		sum = base64.StdEncoding.EncodeToString(h.Sum(out[:0]))
	}
	if sh != nil {
		sha = hex.EncodeToString(sh.Sum(out[:0]))
	}
	return sum, sha, nil
}
