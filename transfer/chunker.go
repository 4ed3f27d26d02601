package transfer

import (
	"errors"
	"io"
	"os"
	"syscall"
)

// part is one part of an upload and the request body that sends it: a
// section of the caller's io.ReaderAt (no copy), or a pooled buffer filled
// from a plain io.Reader. It is an io.ReadSeeker and io.ReaderAt over the
// part's bytes; Read, Seek and the descriptor hook of SyscallConn report
// progress, so that bytes read again after a rewind (a retried request)
// show as a negative delta.
type part struct {
	num  int32
	off  int64 // offset of the part in the source
	size int64

	ra  io.ReaderAt // the source, for ReaderAt parts
	buf []byte      // the stream part's bytes: the start of pb's buffer (len: bytes held)
	// pb is the stream part's buffer, which stays with the part when it
	// is released and pooled (see membuf.go).
	pb partBuffer
	// file is the slot's own open description of a file source, for
	// sendfile (see sendfile.go), and rc its raw connection, made once;
	// nil otherwise.
	file *os.File
	rc   syscall.RawConn
	// sha is the part's hex SHA-256 when the manager computed it, for
	// the client's payload hash; "" otherwise.
	sha string

	pos      int64 // read position within the part
	reported int64 // bytes of this part reported to prog
	prog     *progress
	// quiet is set until the first Seek: the client reads a seekable body
	// once to hash it and seeks back before sending it (botocore's
	// signal_not_transferring), and that pass is not progress.
	quiet bool
}

// done reports whatever of the part was not reported yet (all of it when
// the client sent it without a hashing pass).
func (p *part) done() {
	if p.size > p.reported {
		p.prog.add(p.size - p.reported)
		p.reported = p.size
	}
}

func (p *part) Read(b []byte) (int, error) {
	if p.pos >= p.size {
		return 0, io.EOF
	}
	if rem := p.size - p.pos; int64(len(b)) > rem {
		b = b[:rem]
	}
	var n int
	var err error
	if p.ra != nil {
		n, err = p.ra.ReadAt(b, p.off+p.pos)
		if err == io.EOF && n == len(b) {
			err = nil
		}
		if err == io.EOF {
			err = io.ErrUnexpectedEOF // the source shrank
		}
	} else {
		n = copy(b, p.buf[p.pos:])
	}
	p.advance(int64(n), false)
	return n, err
}

// progressStep is how many bytes read through Read may pile up before the
// part reports them: boto3's io_chunksize (its transfers report progress
// per 256 KiB read). net/http reads a body through Read 32 KiB at a time
// (https, a client of its own); a sendfile slice is at most 256 KiB and is
// reported at once (see partConn.Read).
const progressStep = 256 << 10

// advance moves the read position by n bytes that were sent and reports
// what went past the reported mark: at once when now is set, else once
// progressStep bytes piled up or the part's end is reached.
func (p *part) advance(n int64, now bool) {
	p.pos += n
	if p.quiet || p.pos <= p.reported {
		return
	}
	if now || p.pos-p.reported >= progressStep || p.pos >= p.size {
		p.prog.add(p.pos - p.reported)
		p.reported = p.pos
	}
}

var errSeek = errors.New("transfer: seek outside the part")

func (p *part) Seek(offset int64, whence int) (int64, error) {
	switch whence {
	case io.SeekStart:
	case io.SeekCurrent:
		offset += p.pos
	case io.SeekEnd:
		offset += p.size
	default:
		return 0, errSeek
	}
	if offset < 0 {
		return 0, errSeek
	}
	p.pos = offset
	p.quiet = false
	if p.pos < p.reported {
		p.prog.add(p.pos - p.reported)
		p.reported = p.pos
	}
	return offset, nil
}

// PayloadSHA256 returns the part's hex SHA-256 when the manager computed
// it with the part's checksum, or "" (the client then hashes the part
// itself). The client's pipeline signs it as the payload hash.
func (p *part) PayloadSHA256() string { return p.sha }

// ReadAt reads the part's bytes at off; it reports no progress.
func (p *part) ReadAt(b []byte, off int64) (int, error) {
	if off < 0 {
		return 0, errSeek
	}
	if off >= p.size {
		return 0, io.EOF
	}
	want := len(b)
	if rem := p.size - off; int64(want) > rem {
		b = b[:rem]
	}
	var n int
	var err error
	if p.ra != nil {
		n, err = p.ra.ReadAt(b, p.off+off)
		if err == io.EOF && n == len(b) {
			err = nil
		}
	} else {
		n = copy(b, p.buf[off:])
	}
	if err == nil && n < want {
		err = io.EOF
	}
	return n, err
}

// minBuffer is the first window of a stream part's buffer that the
// stream is read into; the window doubles up to the part size as the
// stream proves long enough, so that a short stream touches (and makes
// resident) a short buffer, whatever its reader does with the space it is
// given.
const minBuffer = 32 << 10

// bufferPool keeps stream part buffers across uploads of one manager: a
// bounded free list (not a sync.Pool, which would drop buffers at every
// collection, so that each upload would map its buffers again). It holds
// at most its capacity of parts; the buffers of more are freed at once.
// Parts still pooled when the pool becomes unreachable free their buffers
// through their cleanups. The zero value keeps nothing.
type bufferPool struct{ free chan *part }

func newBufferPool(n int) *bufferPool { return &bufferPool{free: make(chan *part, n)} }

// get returns a pooled part with its buffer, or a new part without one.
func (bp *bufferPool) get() *part {
	select {
	case p := <-bp.free:
		return p
	default:
		return &part{}
	}
}

// put takes back a part that nothing uses any more, keeping its buffer
// for a later get or freeing it when the pool is full.
func (bp *bufferPool) put(p *part) {
	*p = part{pb: p.pb}
	select {
	case bp.free <- p:
	default:
		p.freeBuffer()
	}
}

// chunker cuts a source into parts. A ReaderAt source yields sections of
// itself; a plain reader fills pooled buffers, of which at most max are
// out at a time (next blocks until release returns one). In the steady
// state next and release allocate nothing.
type chunker struct {
	ra    io.ReaderAt
	r     io.Reader
	start int64 // offset of the first byte in ra
	size  int64 // ReaderAt: bytes to send; stream: -1
	ps    int64 // part size

	off  int64 // offset reached, relative to start
	num  int32
	eof  bool
	long bool // a stream part filled: new buffers get the part size at once
	prog *progress

	// file is a file source, whose parts get their own descriptors for
	// sendfile; noFile is set once one could not be opened.
	file   *os.File
	noFile bool

	free  chan *part
	made  int
	max   int
	pool  *bufferPool
	owned []*part // every part made, for close
}

// newChunker returns a chunker over ra or r. With sendfile set, the parts
// of a file big enough for multipart get descriptors of their own, so that
// the client's connections send them with sendfile(2).
func newChunker(ra io.ReaderAt, r io.Reader, start, size, ps int64, max int, pool *bufferPool, prog *progress, sendfile bool) *chunker {
	c := &chunker{ra: ra, r: r, start: start, size: size, ps: ps, max: max, pool: pool, prog: prog,
		free: make(chan *part, max), owned: make([]*part, 0, max)}
	if f, ok := ra.(*os.File); ok && sendfile && size > ps {
		c.file = f
	}
	return c
}

// get returns a free part, making one while fewer than max exist.
func (c *chunker) get() *part {
	select {
	case p := <-c.free:
		return p
	default:
	}
	if c.made < c.max {
		c.made++
		var p *part
		if c.pool != nil && c.ra == nil {
			p = c.pool.get()
		} else {
			p = &part{}
		}
		if c.file != nil && !c.noFile {
			if p.file = reopen(c.file); p.file == nil {
				c.noFile = true
			} else if p.rc, _ = p.file.SyscallConn(); p.rc == nil {
				p.file.Close()
				p.file, c.noFile = nil, true
			}
		}
		c.owned = append(c.owned, p)
		return p
	}
	return <-c.free
}

// next returns the next part, or io.EOF when the source is exhausted. The
// first part of an empty source is a part of size 0. The part is the
// caller's until release.
func (c *chunker) next() (*part, error) {
	if c.eof {
		return nil, io.EOF
	}
	if c.ra != nil {
		if c.off >= c.size && c.num > 0 {
			c.eof = true
			return nil, io.EOF
		}
		n := c.size - c.off
		if n > c.ps {
			n = c.ps
		}
		p := c.get()
		c.num++
		p.num, p.off, p.size, p.ra, p.pos, p.reported, p.prog, p.quiet, p.sha = c.num, c.start+c.off, n, c.ra, 0, 0, c.prog, true, ""
		c.off += n
		if c.off >= c.size {
			c.eof = true
		}
		return p, nil
	}
	p := c.get()
	n, err := c.fill(p)
	if err != nil {
		c.release(p)
		return nil, err
	}
	if n == 0 && c.num > 0 {
		c.release(p)
		return nil, io.EOF
	}
	c.num++
	p.num, p.off, p.size, p.ra, p.pos, p.reported, p.prog, p.quiet, p.sha = c.num, c.off, int64(n), nil, 0, 0, c.prog, true, ""
	c.off += int64(n)
	return p, nil
}

// fill reads up to a part's worth of the stream into p's buffer. Until a
// first part has filled, the stream is read into a heap window of
// minBuffer bytes (allocSmall), then, when it goes on, into a part-sized
// buffer (of which only what is touched costs memory) in a window that
// doubles with what was read, so that a short stream touches at most
// twice what it gave and a stream shorter than minBuffer no mapping at all;
// then parts are read whole.
func (c *chunker) fill(p *part) (int, error) {
	ps := int(c.ps)
	switch {
	case c.long:
		p.ensureBuffer(ps)
	case p.pb.mem.b == nil:
		// Not known to be long yet: start in a heap window.
		p.setBuffer(allocSmall())
	}
	buf := p.pb.mem.b[:0:min(ps, len(p.pb.mem.b))]
	for len(buf) < ps {
		if len(buf) == cap(buf) {
			// The window is full and the stream goes on: a part-sized
			// buffer takes over what was read.
			m := allocBuffer(ps)
			n := copy(m.b, buf)
			p.setBuffer(m)
			p.pb.touched = n
			buf = m.b[:n:ps]
		}
		end := cap(buf)
		if !c.long {
			end = min(cap(buf), max(minBuffer, 2*len(buf), p.pb.touched))
		}
		p.pb.touched = max(p.pb.touched, end)
		n, err := c.r.Read(buf[len(buf):end])
		buf = buf[:len(buf)+n]
		if err == io.EOF {
			c.eof = true
			break
		}
		if err != nil {
			p.buf = nil
			return 0, err
		}
	}
	p.buf = buf
	if len(buf) == ps {
		c.long = true
	}
	return len(buf), nil
}

// release gives a part back for reuse.
func (c *chunker) release(p *part) {
	p.prog = nil
	p.ra = nil
	c.free <- p
}

// close returns the stream buffers to the manager's pool (or frees them,
// without one); no part may be in use.
func (c *chunker) close() {
	for _, p := range c.owned {
		if p.file != nil {
			p.file.Close()
			p.file, p.rc = nil, nil
		}
	}
	if c.ra == nil {
		for _, p := range c.owned {
			if c.pool != nil {
				c.pool.put(p)
			} else {
				p.freeBuffer()
			}
		}
	}
	c.owned = nil
}
