package transfer

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"sync"

	"golang.org/x/sync/errgroup"

	"github.com/goto3/goto3/services/s3"
)

// DownloadFile downloads in.Bucket/in.Key to the file in.Path (boto3's
// download_file). The bytes go to a temporary file beside the path, which
// is renamed to it only when every range arrived from the same version of
// the object; on failure it is removed and the path is left untouched.
// optFns change the manager's Options for this download.
func (m *Manager) DownloadFile(ctx context.Context, in *DownloadFileInput, optFns ...func(*Options)) (*DownloadOutput, error) {
	const op = "DownloadFile"
	switch {
	case in == nil:
		return nil, errNilInput(op)
	case in.Bucket == "":
		return nil, errMissing(op, "Bucket")
	case in.Key == "":
		return nil, errMissing(op, "Key")
	case in.Path == "":
		return nil, errMissing(op, "Path")
	}
	c, err := m.config(optFns)
	if err != nil {
		return nil, err
	}
	d := m.newDownload(c, in.Bucket, in.Key, in.VersionID, requestAttrs(in.SSECustomerKey, in.ExpectedBucketOwner, in.RequestPayer), newProgress(in.Progress, -1))
	return d.toFile(ctx, in.Path)
}

// toFile downloads to the file at path through a temporary file beside it.
func (d *download) toFile(ctx context.Context, path string) (*DownloadOutput, error) {
	dir, base := filepath.Split(path)
	if dir == "" {
		dir = "."
	}
	f, err := os.CreateTemp(dir, "."+base+".*.goto3tmp")
	if err != nil {
		return nil, d.failed(err)
	}
	tmp := f.Name()
	// Once the size is known, the file's blocks are reserved in one go.
	d.prealloc = func(size int64) { preallocate(f, size) }
	n, err := d.run(ctx, f, nil)
	if err != nil {
		err = d.failed(err)
	}
	if cerr := f.Close(); err == nil && cerr != nil {
		err = d.failed(cerr)
	}
	if err == nil {
		if cerr := os.Chmod(tmp, 0o644); cerr != nil {
			err = d.failed(cerr)
		}
	}
	if err == nil {
		if rerr := os.Rename(tmp, path); rerr != nil {
			err = d.failed(rerr)
		}
	}
	if err != nil {
		os.Remove(tmp)
		return nil, err
	}
	return d.output(n), nil
}

// Download downloads in.Bucket/in.Key into in.WriterAt, ranges in
// parallel, each written at its offset.
func (m *Manager) Download(ctx context.Context, in *DownloadInput, optFns ...func(*Options)) (*DownloadOutput, error) {
	const op = "Download"
	switch {
	case in == nil:
		return nil, errNilInput(op)
	case in.Bucket == "":
		return nil, errMissing(op, "Bucket")
	case in.Key == "":
		return nil, errMissing(op, "Key")
	case in.WriterAt == nil:
		return nil, errMissing(op, "WriterAt")
	}
	c, err := m.config(optFns)
	if err != nil {
		return nil, err
	}
	d := m.newDownload(c, in.Bucket, in.Key, in.VersionID, requestAttrs(in.SSECustomerKey, in.ExpectedBucketOwner, in.RequestPayer), newProgress(in.Progress, -1))
	n, err := d.run(ctx, in.WriterAt, nil)
	if err != nil {
		return nil, d.failed(err)
	}
	return d.output(n), nil
}

// DownloadTo downloads in.Bucket/in.Key into in.Writer sequentially, in
// order (boto3's download_fileobj; right for a file opened for append, a
// pipe or a hash). The first range (PartSize) streams into the writer; the
// next ones are asked for in parallel (Concurrency-1 at once) and read
// into range buffers (off the Go heap on unix, shared with stream uploads
// through the manager's buffer pool) holding at most
// Options.InOrderBuffer bytes together (16 MiB by default), and written
// in turn (Concurrency 1: each range streamed, no buffer). On failure the
// error is returned with the bytes written so far in DownloadOutput.Size.
func (m *Manager) DownloadTo(ctx context.Context, in *DownloadToInput, optFns ...func(*Options)) (*DownloadOutput, error) {
	const op = "DownloadTo"
	switch {
	case in == nil:
		return nil, errNilInput(op)
	case in.Bucket == "":
		return nil, errMissing(op, "Bucket")
	case in.Key == "":
		return nil, errMissing(op, "Key")
	case in.Writer == nil:
		return nil, errMissing(op, "Writer")
	}
	c, err := m.config(optFns)
	if err != nil {
		return nil, err
	}
	d := m.newDownload(c, in.Bucket, in.Key, in.VersionID, requestAttrs(in.SSECustomerKey, in.ExpectedBucketOwner, in.RequestPayer), newProgress(in.Progress, -1))
	n, err := d.run(ctx, nil, in.Writer)
	if err != nil {
		return d.output(n), d.failed(err)
	}
	return d.output(n), nil
}

type download struct {
	m           *Manager
	c           *config
	bucket, key string
	versionID   string
	a           *attrs
	sse         sse
	prog        *progress
	etag        string
	gotVersion  string
	// shared is set when prog is a directory's: the object's size is not
	// the progress size.
	shared bool
	// prealloc, when set, is told the object's size before the ranges are
	// written.
	prealloc func(size int64)
}

func (m *Manager) newDownload(c *config, bucket, key, versionID string, a *attrs, prog *progress) *download {
	return &download{m: m, c: c, bucket: bucket, key: key, versionID: versionID, a: a, sse: a.ssec(), prog: prog}
}

func (d *download) failed(err error) error {
	return &DownloadFailedError{Bucket: d.bucket, Key: d.key, Err: err}
}

func (d *download) output(n int64) *DownloadOutput {
	return &DownloadOutput{Bucket: d.bucket, Key: d.key, Size: n, ETag: d.etag, VersionID: d.gotVersion}
}

func (d *download) input(rng string) *s3.GetObjectInput {
	in := &s3.GetObjectInput{
		Bucket: d.bucket, Key: d.key, VersionId: strp(d.versionID),
		SSECustomerAlgorithm: d.sse.alg, SSECustomerKey: d.sse.key, SSECustomerKeyMD5: d.sse.keyMD5,
		ExpectedBucketOwner: d.a.owner(), RequestPayer: d.a.payer(),
	}
	if rng != "" {
		in.Range = &rng
	}
	if d.etag != "" {
		in.IfMatch = &d.etag
	}
	return in
}

func rangeHeader(first, last int64) string {
	return "bytes=" + strconv.FormatInt(first, 10) + "-" + strconv.FormatInt(last, 10)
}

// totalSize reads the object size from a Content-Range "bytes a-b/total".
func totalSize(out *s3.GetObjectOutput) (int64, error) {
	if cr := deref(out.ContentRange); cr != "" {
		if i := strings.LastIndexByte(cr, '/'); i >= 0 {
			if n, err := strconv.ParseInt(cr[i+1:], 10, 64); err == nil && n >= 0 {
				return n, nil
			}
		}
		return 0, fmt.Errorf("transfer: cannot read the object size from Content-Range %q", cr)
	}
	if out.ContentLength != nil {
		return *out.ContentLength, nil
	}
	return 0, errors.New("transfer: the answer gives no object size")
}

// run downloads into wa (in parallel) or w (in order).
func (d *download) run(ctx context.Context, wa io.WriterAt, w io.Writer) (int64, error) {
	if err := ctx.Err(); err != nil {
		return 0, err
	}
	ps := d.c.PartSize
	// The first range tells the size and the ETag every other range is
	// pinned to.
	out, err := d.m.api.GetObject(ctx, d.input(rangeHeader(0, ps-1)), d.c.callOpts...)
	if err != nil && isInvalidRange(err) {
		// An empty object has no byte 0.
		out, err = d.m.api.GetObject(ctx, d.input(""), d.c.callOpts...)
	}
	if err != nil {
		return 0, err
	}
	size, err := totalSize(out)
	if err != nil {
		out.Body.Close()
		return 0, err
	}
	d.etag = deref(out.ETag)
	d.gotVersion = deref(out.VersionId)
	if !d.shared {
		d.prog.setSize(size)
	}
	if d.prealloc != nil {
		d.prealloc(size)
	}
	firstLast := min(ps, size) - 1

	if w != nil {
		return d.ordered(ctx, out, size, ps, w)
	}

	g, gctx := errgroup.WithContext(ctx)
	g.SetLimit(d.c.Concurrency)
	g.Go(func() error { return d.fetch(gctx, out, 0, firstLast, offsetWriter{wa}) })
	for off := firstLast + 1; off < size; off += ps {
		if gctx.Err() != nil {
			break
		}
		g.Go(func() error { return d.fetch(gctx, nil, off, min(off+ps, size)-1, offsetWriter{wa}) })
	}
	if err := g.Wait(); err != nil {
		return 0, err
	}
	if err := ctx.Err(); err != nil {
		return 0, err
	}
	return size, nil
}

// ordered writes the object to w in order. The first range streams
// straight from its answer; the following ones are fetched in parallel
// into range buffers and written as their turn comes. Those buffers hold
// at most InOrderBuffer bytes together: ranges of
// InOrderBuffer/(Concurrency-1) bytes (at most PartSize, at least
// minInOrderRange, with fewer of them in flight when the bound is small),
// launched in order, so the range w needs next always has one.
func (d *download) ordered(ctx context.Context, first *s3.GetObjectOutput, size, ps int64, w io.Writer) (int64, error) {
	var written int64
	sw := &seqWriter{w: w, n: &written}
	firstLast := min(ps, size) - 1
	if size <= ps || d.c.Concurrency == 1 {
		// One range at a time, each streamed.
		if err := d.fetch(ctx, first, 0, firstLast, sw); err != nil {
			return written, err
		}
		for off := firstLast + 1; off < size; off += ps {
			if err := d.fetch(ctx, nil, off, min(off+ps, size)-1, sw); err != nil {
				return written, err
			}
		}
		return written, nil
	}
	ahead, rs := inOrderRanges(d.c.InOrderBuffer, d.c.Concurrency, ps)
	// Range k (k >= 1) starts at start(k).
	start := func(k int) int64 { return firstLast + 1 + int64(k-1)*rs }
	n := 1 + int((size-firstLast-1+rs-1)/rs)

	// Concurrency-1 workers (at least ahead) fetch the ranges, each
	// claiming the next one in order (queued for the writer then) and
	// asking for it at once, before any buffer is free: requests hold no
	// memory of the bound until they are read, so more of them than
	// buffers are in flight, their times to first byte overlapping, and a
	// small bound keeps its throughput on a remote service. Once its
	// answer is in, a range takes a buffer, in range order (a later range
	// never takes the buffer an earlier one waits for, so the range the
	// writer needs always gets one), and is read into it; until then its
	// bytes wait in its connection. The writer writes the ranges in order
	// and hands each buffer back. The ahead buffers come from the
	// manager's stream buffer pool and go back to it once every fetch has
	// returned; at most workers+ahead ranges are claimed and not written
	// (one per worker, one per buffer).
	workers := max(ahead, d.c.Concurrency-1)
	type rangeAhead struct {
		k         int
		off, last int64
		p         *part
		buf       []byte
		err       error
		done      chan struct{}
	}
	queue := make(chan *rangeAhead, workers+ahead)
	gctx, cancel := context.WithCancel(ctx)
	defer cancel()
	var firstErr error
	var once sync.Once
	fail := func(err error) {
		once.Do(func() { firstErr = err })
		cancel()
	}

	var (
		mu   sync.Mutex // next
		next = 1

		bmu     sync.Mutex // free, handed, owned
		bcond   = sync.NewCond(&bmu)
		free    = make([]*part, ahead) // nil: not allocated yet
		handed  = 1                    // the range whose turn it is to take a buffer
		owned   []*part
		wakeAll = func() { bmu.Lock(); bcond.Broadcast(); bmu.Unlock() }
	)
	defer context.AfterFunc(gctx, wakeAll)()
	// takeBuffer waits for range k's turn and a free buffer.
	takeBuffer := func(k int) (*part, error) {
		bmu.Lock()
		defer bmu.Unlock()
		for (handed != k || len(free) == 0) && gctx.Err() == nil {
			bcond.Wait()
		}
		if err := gctx.Err(); err != nil {
			return nil, err
		}
		p := free[len(free)-1]
		free = free[:len(free)-1]
		handed++
		bcond.Broadcast()
		if p == nil {
			p = d.m.bufs.get()
			owned = append(owned, p)
		}
		return p, nil
	}
	giveBuffer := func(p *part) {
		bmu.Lock()
		free = append(free, p)
		bcond.Broadcast()
		bmu.Unlock()
	}
	claim := func() *rangeAhead {
		mu.Lock()
		defer mu.Unlock()
		if next >= n || gctx.Err() != nil {
			return nil
		}
		k := next
		next++
		r := &rangeAhead{k: k, off: start(k), done: make(chan struct{})}
		r.last = min(r.off+rs, size) - 1
		queue <- r // room for every range claimed and not written: never waits
		return r
	}
	fetchAhead := func(r *rangeAhead) error {
		out, err := d.getRange(gctx, r.off, r.last)
		if err != nil {
			return err
		}
		p, err := takeBuffer(r.k)
		if err != nil {
			out.Body.Close()
			return err
		}
		// A buffer off the heap (see membuf.go), of which only what a
		// range needs is ever touched.
		need := int(r.last - r.off + 1)
		p.ensureBuffer(int(rs))
		p.pb.touched = max(p.pb.touched, need)
		r.p, r.buf = p, p.pb.mem.b[:need]
		return d.fetch(gctx, out, r.off, r.last, bufferWriter{r.buf, r.off})
	}
	var wg sync.WaitGroup
	for range min(workers, n-1) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for {
				r := claim()
				if r == nil {
					return
				}
				if err := fetchAhead(r); err != nil {
					r.err = err
					fail(err)
				}
				close(r.done)
			}
		}()
	}
	err := d.fetch(gctx, first, 0, firstLast, sw)
	if err != nil {
		fail(err)
	}
	for k := 1; k < n && err == nil; k++ {
		var r *rangeAhead
		select {
		case r = <-queue:
		case <-gctx.Done():
			err = gctx.Err()
			continue
		}
		select {
		case <-r.done:
		case <-gctx.Done():
		}
		select {
		case <-r.done:
		default:
			err = gctx.Err()
			continue
		}
		if r.err != nil {
			err = r.err
			continue
		}
		if _, werr := sw.writeAt(r.buf, r.off); werr != nil {
			err = werr
			fail(err)
			continue
		}
		r.buf = nil
		giveBuffer(r.p)
	}
	cancel()
	wg.Wait()
	for _, p := range owned {
		d.m.bufs.put(p)
	}
	if err != nil {
		if firstErr != nil {
			err = firstErr
		}
		if cerr := ctx.Err(); cerr != nil {
			err = cerr
		}
		return written, err
	}
	return written, nil
}

// minInOrderRange is the smallest range DownloadTo fetches ahead of its
// writer while the bound allows: fewer, larger ranges cost fewer requests
// (each one's round trip and CPU) for the same bytes held.
const minInOrderRange = 1 << 20

// minInOrderBuffer is the smallest InOrderBuffer: one range of 256 KiB.
const minInOrderBuffer = 256 << 10

// inOrderRanges returns how many ranges DownloadTo fetches ahead of its
// writer and their size, so that together they hold at most bound bytes:
// concurrency-1 of them (the writer's own range streams), fewer when the
// bound cannot give each minInOrderRange, each at most partSize.
func inOrderRanges(bound int64, concurrency int, partSize int64) (ahead int, size int64) {
	ahead = max(1, concurrency-1)
	ahead = int(min(int64(ahead), max(1, bound/minInOrderRange)))
	size = min(partSize, bound/int64(ahead))
	return ahead, size
}

// bufferWriter writes a range into its buffer.
type bufferWriter struct {
	buf  []byte
	base int64
}

func (b bufferWriter) writeAt(p []byte, off int64) (int, error) {
	return copy(b.buf[off-b.base:], p), nil
}

// rangeWriter receives a range's bytes at their offset in the object.
type rangeWriter interface {
	writeAt(p []byte, off int64) (int, error)
}

type offsetWriter struct{ w io.WriterAt }

func (o offsetWriter) writeAt(p []byte, off int64) (int, error) { return o.w.WriteAt(p, off) }

type seqWriter struct {
	w io.Writer
	n *int64
}

func (s *seqWriter) writeAt(p []byte, off int64) (int, error) {
	if off != *s.n {
		return 0, fmt.Errorf("transfer: internal error: write at %d, %d written", off, *s.n)
	}
	n, err := s.w.Write(p)
	*s.n += int64(n)
	return n, err
}

var copyBufs = sync.Pool{New: func() any { b := make([]byte, 256<<10); return &b }}

// fetch writes bytes first..last (inclusive) of the object to dst. out,
// when not nil, is an answer already received for that range. A body that
// breaks is asked for again from the byte reached, up to the download
// attempts; an answer for another ETag, or 412, is ErrObjectChanged.
func (d *download) fetch(ctx context.Context, out *s3.GetObjectOutput, first, last int64, dst rangeWriter) error {
	if last < first {
		if out != nil {
			out.Body.Close()
		}
		return nil
	}
	var buf []byte
	if _, direct := dst.(bufferWriter); !direct {
		// A range buffer is read into directly: only other destinations
		// need a copy buffer (ten idle ones would be 2.5 MiB of heap).
		bp := copyBufs.Get().(*[]byte)
		defer copyBufs.Put(bp)
		buf = *bp
	}
	pos := first
	var lastErr error
	for attempt := 1; ; attempt++ {
		if out == nil {
			var err error
			if out, err = d.getRange(ctx, pos, last); err != nil {
				return err
			}
		}
		err := d.copyBody(ctx, out.Body, buf, &pos, last, dst)
		out.Body.Close()
		out = nil
		if err == nil {
			return nil
		}
		var we *writeError
		if errors.As(err, &we) || ctx.Err() != nil {
			if ctx.Err() != nil {
				return ctx.Err()
			}
			return we.err
		}
		lastErr = err
		if attempt >= d.c.DownloadAttempts {
			return &RetriesExceededError{Attempts: attempt, Offset: pos, Err: lastErr}
		}
	}
}

// getRange asks for bytes first..last of the object, as the download's
// ETag (412 or another ETag: ErrObjectChanged).
func (d *download) getRange(ctx context.Context, first, last int64) (*s3.GetObjectOutput, error) {
	out, err := d.m.api.GetObject(ctx, d.input(rangeHeader(first, last)), d.c.callOpts...)
	if err != nil {
		if isPreconditionFailed(err) {
			return nil, fmt.Errorf("%w: s3://%s/%s no longer has ETag %s: %w", ErrObjectChanged, d.bucket, d.key, d.etag, err)
		}
		return nil, err
	}
	if got := deref(out.ETag); d.etag != "" && got != "" && got != d.etag {
		out.Body.Close()
		return nil, fmt.Errorf("%w: s3://%s/%s has ETag %s, was %s", ErrObjectChanged, d.bucket, d.key, got, d.etag)
	}
	return out, nil
}

// writeError is a failure of the destination, which no retry mends.
type writeError struct{ err error }

func (e *writeError) Error() string { return e.err.Error() }

// copyBody copies body to dst from *pos up to last, advancing *pos and
// reporting progress per read (at most 256 KiB, boto3's io_chunksize, when
// progress is reported). A range buffer is read into directly; other
// destinations through buf (256 KiB).
func (d *download) copyBody(ctx context.Context, body io.Reader, buf []byte, pos *int64, last int64, dst rangeWriter) error {
	bw, direct := dst.(bufferWriter)
	for *pos <= last {
		want := last - *pos + 1
		b := buf
		if direct {
			// A range buffer is read into as far as a read goes; with a
			// progress callback, in steps of at most 256 KiB, so that each
			// is reported as it arrives (smaller reads cost system calls:
			// about 10% of DownloadTo's CPU time).
			b = bw.buf[*pos-bw.base:]
			if d.prog != nil && len(b) > progressStep {
				b = b[:progressStep]
			}
		}
		if int64(len(b)) > want {
			b = b[:want]
		}
		n, err := body.Read(b)
		if n > 0 {
			if werr := d.c.lim.wait(ctx, n); werr != nil {
				return werr
			}
			if !direct {
				if _, werr := dst.writeAt(b[:n], *pos); werr != nil {
					return &writeError{werr}
				}
			}
			*pos += int64(n)
			d.prog.add(int64(n))
		}
		if err == io.EOF {
			if *pos <= last {
				return io.ErrUnexpectedEOF
			}
			return nil
		}
		if err != nil {
			return err
		}
	}
	return nil
}
