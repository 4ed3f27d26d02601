package transfer

import (
	"context"
	"net/http"

	"encoding/base64"
	"encoding/binary"
	"github.com/goto3/goto3/services/s3"
	"hash"
	"hash/crc32"
	"hash/crc64"
	"io"
	"sync"
)

// readBufs are the buffers a part of a ReaderAt source is hashed through.
var readBufs = sync.Pool{New: func() any { b := make([]byte, 256<<10); return &b }}

// partSum computes the checksum of a part in one pass over its bytes: a
// stream part's buffer in place, a ReaderAt part through a pooled buffer.
// It reports no progress. The result is base64, as S3 carries it.
func partSum(p *part, alg Checksum) (string, error) {
	var crc uint64
	var h hash.Hash
	switch alg {
	case ChecksumCRC32, ChecksumCRC32C, ChecksumCRC64NVME:
	case ChecksumSHA1, ChecksumSHA256:
		h = newHash(alg)
	default:
		return "", nil
	}
	update := func(b []byte) {
		switch alg {
		case ChecksumCRC32:
			crc = uint64(crc32.Update(uint32(crc), crc32.IEEETable, b))
		case ChecksumCRC32C:
			crc = uint64(crc32.Update(uint32(crc), tableCRC32C, b))
		case ChecksumCRC64NVME:
			crc = crc64.Update(crc, tableCRC64NVME, b)
		default:
			h.Write(b)
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
				return "", err
			}
			update(buf[:n])
			off += n
		}
		readBufs.Put(bp)
	}
	var out [32]byte
	var sum []byte
	switch alg {
	case ChecksumCRC32, ChecksumCRC32C:
		binary.BigEndian.PutUint32(out[:4], uint32(crc))
		sum = out[:4]
	case ChecksumCRC64NVME:
		binary.BigEndian.PutUint64(out[:8], crc)
		sum = out[:8]
	default:
		sum = h.Sum(out[:0])
	}
	return base64.StdEncoding.EncodeToString(sum), nil
}

// sumCapture records the checksum header the client computed for one
// request. The client hashes a seekable body once for both the SigV4
// payload hash and the flexible checksum, so letting it compute the part
// checksum and reading it back from the signed request costs no extra
// pass over the part; a BeforeSend hook added for this call (chained to
// the client's own) reads it.
type sumCapture struct {
	header string
	value  string
}

func (c *sumCapture) option(alg Checksum) func(*s3.Options) {
	c.header = "X-Amz-Checksum-" + string(alg)
	return func(o *s3.Options) {
		prev := o.Hooks.BeforeSend
		o.Hooks.BeforeSend = func(ctx context.Context, req *http.Request) error {
			c.value = req.Header.Get(c.header)
			if prev != nil {
				return prev(ctx, req)
			}
			return nil
		}
	}
}
