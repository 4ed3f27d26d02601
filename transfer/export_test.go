package transfer

import (
	"context"
	"io"
	"time"

	"github.com/goto3/goto3/services/s3"
)

// Internals reached by the external tests.

var (
	PartSizeFor    = partSizeFor
	CompositeSum   = compositeChecksum
	CheckCompleted = checkCompleted
	FullSum        = fullChecksum
	LocalPath      = localPath
	ReaderAtExtent = readerAtExtent
)

// CRCCombine exposes crcCombine for the CRCs by name.
func CRCCombine(alg s3.ChecksumAlgorithm, crc1, crc2 uint64, len2 int64) uint64 {
	switch alg {
	case algCRC32:
		return crcCombine(polyCRC32, 32, crc1, crc2, len2)
	case algCRC32C:
		return crcCombine(polyCRC32C, 32, crc1, crc2, len2)
	}
	return crcCombine(polyCRC64NVME, 64, crc1, crc2, len2)
}

// Chunker wraps the chunker for tests and benchmarks.
type Chunker struct{ c *chunker }

// NewChunker cuts ra (size bytes) or r into parts of ps bytes with at most
// max parts out.
func NewChunker(ra io.ReaderAt, r io.Reader, size, ps int64, max int) *Chunker {
	var pool *bufferPool
	if ra == nil {
		pool = newBufferPool(max)
	}
	return &Chunker{newChunker(ra, r, 0, size, ps, max, pool, nil, true)}
}

// Part is a part handed out by Chunker.Next.
type Part = part

func (p *part) Num() int32    { return p.num }
func (p *part) Size() int64   { return p.size }
func (p *part) Offset() int64 { return p.off }

// BufCap is the most of the part's buffer that can be resident: the bytes
// of it ever handed to the source's Read (the buffer itself is part-sized
// memory of which only touched pages cost).
func (p *part) BufCap() int { return p.pb.touched }

// BufferMapped reports whether the part's buffer lives off the Go heap.
func (p *part) BufferMapped() bool { return p.pb.mem.mapped }

// Buffer returns the part's whole buffer.
func (p *part) Buffer() []byte { return p.pb.mem.b }

// LiveBuffers returns how many part buffers exist (pooled or in use) and
// their bytes.
func LiveBuffers() (n, bytes int64) { return liveBuffers.Load(), liveBufferBytes.Load() }

// Pooled returns how many parts the manager keeps for its next streams.
func (m *Manager) Pooled() int { return len(m.bufs.free) }

func (c *Chunker) Next() (*Part, error) { return c.c.next() }
func (c *Chunker) Release(p *Part)      { c.c.release(p) }
func (c *Chunker) Close()               { c.c.close() }

// Limiter exposes the bandwidth limiter.
type Limiter struct{ l *limiter }

func NewLimiter(rate int64, now func() time.Time, sleep func(context.Context, time.Duration) error) *Limiter {
	return &Limiter{newLimiter(rate, now, sleep)}
}

func (l *Limiter) Wait(ctx context.Context, n int) error { return l.l.wait(ctx, n) }

// NewHash returns the hash of alg.
var NewHash = newHash

// CopySourceOf returns the x-amz-copy-source of s.
func CopySourceOf(s Source) string { return s.copySource() }

// HasDescriptor reports whether the part can be sent with sendfile.
func (p *part) HasDescriptor() bool { return p.file != nil }
