package transfer

import (
	"context"
	"errors"
	"fmt"
	"io"
	"math"
	"os"
	"slices"
	"strconv"
	"sync"
	"time"

	"golang.org/x/sync/errgroup"
	"golang.org/x/sync/semaphore"

	"github.com/goto3/goto3"
	"github.com/goto3/goto3/internal/sha256x2"
	"github.com/goto3/goto3/retry"
	"github.com/goto3/goto3/services/s3"
)

// UploadResult describes a completed upload or copy.
type UploadResult struct {
	Bucket    string
	Key       string
	ETag      string
	VersionID string
	// UploadID is the multipart upload's id; "" for a single request.
	UploadID string
	// Parts is the number of parts (0 for a single request).
	Parts int
	// Size is the number of bytes sent.
	Size int64
	// Checksum is the object's checksum as S3 returned it ("" if none),
	// "<base64>-N" for a composite multipart checksum.
	Checksum string
}

// UploadFile uploads the file at path to bucket/key (boto3's
// upload_file). The file is read in place, part by part, with no copy;
// the content type is guessed from the file name unless set.
func (m *Manager) UploadFile(ctx context.Context, bucket, key, path string, opts ...Option) (*UploadResult, error) {
	o := applyOptions(opts)
	o.guessContentType(path)
	f, err := os.Open(path)
	if err != nil {
		return nil, &UploadFailedError{Bucket: bucket, Key: key, Err: err}
	}
	defer f.Close()
	st, err := f.Stat()
	if err != nil {
		return nil, &UploadFailedError{Bucket: bucket, Key: key, Err: err}
	}
	if !st.Mode().IsRegular() {
		return m.upload(ctx, bucket, key, nil, f, 0, -1, o)
	}
	return m.upload(ctx, bucket, key, f, nil, 0, st.Size(), o)
}

// Upload uploads what r gives to bucket/key (boto3's upload_fileobj). An r
// that is an io.ReaderAt and an io.Seeker (or has a Size method) is read
// in place from its current offset, in parallel sections; any other reader
// is read sequentially into at most Concurrency pooled part buffers,
// each costing only the pages the stream filled (see the package doc).
// r is not closed.
func (m *Manager) Upload(ctx context.Context, bucket, key string, r io.Reader, opts ...Option) (*UploadResult, error) {
	o := applyOptions(opts)
	if ra, ok := r.(io.ReaderAt); ok {
		if start, size, ok := readerAtExtent(r); ok {
			return m.upload(ctx, bucket, key, ra, nil, start, size, o)
		}
	}
	return m.upload(ctx, bucket, key, nil, r, 0, -1, o)
}

// readerAtExtent returns where r's unread bytes start and how many there
// are, when that can be known without reading.
func readerAtExtent(r io.Reader) (start, size int64, ok bool) {
	if f, isFile := r.(*os.File); isFile {
		st, err := f.Stat()
		if err != nil || !st.Mode().IsRegular() {
			return 0, 0, false
		}
	}
	if s, isSeeker := r.(io.Seeker); isSeeker {
		cur, err := s.Seek(0, io.SeekCurrent)
		if err != nil {
			return 0, 0, false
		}
		end, err := s.Seek(0, io.SeekEnd)
		if err != nil {
			return 0, 0, false
		}
		if _, err := s.Seek(cur, io.SeekStart); err != nil {
			return 0, 0, false
		}
		if end < cur {
			end = cur
		}
		return cur, end - cur, true
	}
	if s, hasSize := r.(interface{ Size() int64 }); hasSize {
		return 0, s.Size(), true
	}
	return 0, 0, false
}

// upload sends a ReaderAt (ra, from start, size bytes) or a stream (r).
func (m *Manager) upload(ctx context.Context, bucket, key string, ra io.ReaderAt, r io.Reader, start, size int64, o *Options) (*UploadResult, error) {
	if err := ctx.Err(); err != nil {
		return nil, &UploadFailedError{Bucket: bucket, Key: key, Err: err}
	}
	ps := m.cfg.PartSize
	threshold := m.cfg.MultipartThreshold
	progSize := size
	if ra == nil {
		progSize = -1
		if o.Size > 0 {
			ps = partSizeFor(o.Size, ps)
			progSize = o.Size
		}
		// A stream is measured one part at a time: it is multipart when
		// its first part fills.
		if threshold > ps {
			threshold = ps
		}
	} else {
		ps = partSizeFor(size, ps)
	}
	if ps > MaxPartSize {
		return nil, &UploadFailedError{Bucket: bucket, Key: key, Err: fmt.Errorf("transfer: %d bytes need parts over S3's 5 GiB maximum", size)}
	}
	if ps > math.MaxInt32 && strconv.IntSize == 32 {
		return nil, &UploadFailedError{Bucket: bucket, Key: key, Err: fmt.Errorf("transfer: %d bytes need parts over 2 GiB, which need a 64-bit platform", size)}
	}
	prog := newProgress(o.Progress, progSize)
	// At most Concurrency parts are out: for a stream, Concurrency part
	// buffers, the peak memory of a stream upload.
	// A file's parts go out with sendfile unless that would report
	// progress only per part (see Manager.slices).
	sendfile := m.slices || prog == nil
	ck := newChunker(ra, r, start, size, ps, m.cfg.Concurrency, m.bufs, prog, sendfile)
	defer ck.close()

	first, err := ck.next()
	if err != nil {
		return nil, &UploadFailedError{Bucket: bucket, Key: key, Err: err}
	}
	if first.size < threshold && ck.eof {
		res, err := m.putObject(ctx, bucket, key, first, o)
		ck.release(first)
		if err != nil {
			return nil, &UploadFailedError{Bucket: bucket, Key: key, Err: err}
		}
		return res, nil
	}
	return m.multipart(ctx, bucket, key, ck, first, size, o)
}

func (m *Manager) checksumAlg() *s3.ChecksumAlgorithm {
	if m.cfg.Checksum == ChecksumNone {
		return nil
	}
	a := s3.ChecksumAlgorithm(m.cfg.Checksum)
	return &a
}

func (m *Manager) putObject(ctx context.Context, bucket, key string, p *part, o *Options) (*UploadResult, error) {
	if err := m.lim.wait(ctx, int(p.size)); err != nil {
		return nil, err
	}
	in := o.putInput(bucket, key)
	in.Body = p
	in.ContentLength = &p.size
	alg := m.cfg.Checksum
	if alg != ChecksumNone || m.signs {
		sum, sha, err := partSums(p, alg, m.signs)
		if err != nil {
			return nil, err
		}
		p.sha = sha
		if alg != ChecksumNone {
			in.ChecksumAlgorithm = m.checksumAlg()
			setPutInputChecksum(alg, in, &sum)
		}
	}
	out, err := m.api.PutObject(ctx, in, m.callOpts...)
	if err != nil {
		return nil, err
	}
	p.done()
	res := &UploadResult{Bucket: bucket, Key: key, ETag: deref(out.ETag), VersionID: deref(out.VersionId), Size: p.size}
	if v := putChecksum(m.cfg.Checksum, out); v != nil {
		res.Checksum = *v
	}
	return res, nil
}

func deref(s *string) string {
	if s == nil {
		return ""
	}
	return *s
}

// multipart runs a multipart upload whose first part is already cut.
func (m *Manager) multipart(ctx context.Context, bucket, key string, ck *chunker, first *part, size int64, o *Options) (*UploadResult, error) {
	alg := m.cfg.Checksum
	cin := o.createInput(bucket, key)
	cin.ChecksumAlgorithm = m.checksumAlg()
	if cin.ChecksumAlgorithm != nil {
		t := s3.ChecksumTypeComposite
		if fullObject(alg) {
			t = s3.ChecksumTypeFullObject
		}
		cin.ChecksumType = &t
	}
	cout, err := m.api.CreateMultipartUpload(ctx, cin, m.callOpts...)
	if err != nil {
		ck.release(first)
		return nil, &UploadFailedError{Bucket: bucket, Key: key, Err: err}
	}
	uploadID := deref(cout.UploadId)
	if uploadID == "" {
		ck.release(first)
		return nil, &UploadFailedError{Bucket: bucket, Key: key, Err: errors.New("transfer: CreateMultipartUpload returned no upload id")}
	}

	u := &mpu{m: m, bucket: bucket, key: key, id: uploadID, o: o, c: o.ssec()}
	if size >= 0 {
		u.parts = make([]s3.CompletedPart, 0, numParts(size, ck.ps))
		u.sizes = make([]int64, 0, cap(u.parts))
	}
	// Concurrency slots, each one request in flight. When payloads are
	// signed and more slots are free, up to four parts go together: their
	// SHA-256 digests are computed in one interleaved pass (sumBatch),
	// then all are sent at once.
	g, gctx := errgroup.WithContext(ctx)
	slots := semaphore.NewWeighted(int64(m.cfg.Concurrency))
	batch := 1
	if (m.signs || alg == ChecksumSHA256) && sha256x2.Accelerated() {
		batch = min(maxBatch, m.cfg.Concurrency)
	}
	p := first
	for {
		if err := slots.Acquire(gctx, 1); err != nil {
			ck.release(p)
			break
		}
		var b [maxBatch]*part
		b[0] = p
		n := 1
		for n < batch && slots.TryAcquire(1) {
			if p, err = ck.next(); err != nil {
				slots.Release(1)
				break
			}
			b[n] = p
			n++
		}
		g.Go(func() error {
			defer slots.Release(int64(n))
			return u.uploadBatch(gctx, ck, b[:n])
		})
		if err == nil {
			p, err = ck.next()
		}
		if err == io.EOF {
			break
		}
		if err != nil {
			rerr := fmt.Errorf("reading the source: %w", err)
			g.Go(func() error { return rerr })
			break
		}
	}
	err = g.Wait()
	if err == nil {
		err = ctx.Err()
	}
	var res *UploadResult
	if err == nil {
		res, err = u.complete(ctx)
	}
	if err != nil {
		return nil, u.fail(ctx, err)
	}
	return res, nil
}

// mpu is the state of one multipart upload.
type mpu struct {
	m           *Manager
	bucket, key string
	id          string
	o           *Options
	c           sse

	noChecksum bool // a copy: parts carry no checksums

	mu    sync.Mutex
	parts []s3.CompletedPart
	sizes []int64
	total int64
}

// uploadBatch uploads parts, at the same time, hashed together, and
// releases each as soon as it is done, so that the next part can be read
// into its buffer while a slow sibling is still out. The batch's request
// slots are given back together when it returns (the caller's): the next
// batch then finds as many free slots to hash its parts together.
func (u *mpu) uploadBatch(ctx context.Context, ck *chunker, parts []*part) error {
	if len(parts) == 1 {
		defer ck.release(parts[0])
		return u.uploadPart(ctx, parts[0], nil)
	}
	r, err := sumBatch(parts, u.m.cfg.Checksum, u.m.signs)
	if err != nil {
		err = fmt.Errorf("parts %d-%d: reading the source: %w", parts[0].num, parts[len(parts)-1].num, err)
		for _, p := range parts {
			ck.release(p)
		}
		return err
	}
	// The first failure cancels the batch's other parts at once (they
	// may hang on a stalled connection, and the upload's errgroup learns
	// of the failure only when the batch returns) and is the batch's
	// error, not a sibling's cancellation.
	bg, bctx := errgroup.WithContext(ctx)
	for i, p := range parts {
		p.sha = r.sha[i]
	}
	for i, p := range parts {
		bg.Go(func() error {
			defer ck.release(p)
			return u.uploadPart(bctx, p, &r.sum[i])
		})
	}
	return bg.Wait()
}

// uploadPart uploads p. sum is the part's checksum when its sums were
// computed already (with p.sha), or nil.
func (u *mpu) uploadPart(ctx context.Context, p *part, sum *string) error {
	if err := u.m.lim.wait(ctx, int(p.size)); err != nil {
		return err
	}
	in := &s3.UploadPartInput{
		Bucket: u.bucket, Key: u.key, UploadId: u.id, PartNumber: p.num,
		Body: p, ContentLength: &p.size,
		SSECustomerAlgorithm: u.c.alg, SSECustomerKey: u.c.key, SSECustomerKeyMD5: u.c.keyMD5,
		ExpectedBucketOwner: strp(u.o.ExpectedBucketOwner), RequestPayer: u.o.payer(),
	}
	// The part's checksum and, when the client signs payloads, its
	// SHA-256, computed here in one pass unless given: the checksum goes
	// in the request (the client then computes none) and into the
	// completion, the SHA-256 to the client through part.PayloadSHA256.
	alg := u.m.cfg.Checksum
	if sum == nil && (alg != ChecksumNone || u.m.signs) {
		s, sha, err := partSums(p, alg, u.m.signs)
		if err != nil {
			return fmt.Errorf("part %d: reading the source: %w", p.num, err)
		}
		p.sha = sha
		sum = &s
	}
	if alg != ChecksumNone {
		in.ChecksumAlgorithm = u.m.checksumAlg()
		setPartInputChecksum(alg, in, sum)
	}
	out, err := u.m.api.UploadPart(ctx, in, u.m.callOpts...)
	if err != nil {
		return fmt.Errorf("part %d: %w", p.num, err)
	}
	p.done()
	num := p.num
	cp := s3.CompletedPart{ETag: out.ETag, PartNumber: &num}
	if alg != ChecksumNone {
		if v := partChecksum(alg, out); v != nil && *v != *sum {
			return fmt.Errorf("part %d: S3 stored %s %s, the part's is %s: %w", p.num, alg, *v, *sum, ErrChecksumMismatch)
		}
		setCompletedChecksum(alg, &cp, sum)
	}
	u.add(cp, p.size)
	return nil
}

// add records a finished part.
func (u *mpu) add(cp s3.CompletedPart, size int64) {
	u.mu.Lock()
	u.parts = append(u.parts, cp)
	u.sizes = append(u.sizes, size)
	u.total += size
	u.mu.Unlock()
}

func (u *mpu) complete(ctx context.Context) (*UploadResult, error) {
	alg := u.m.cfg.Checksum
	if u.noChecksum {
		alg = ChecksumNone
	}
	// Parts finish in any order; S3 wants them in order.
	idx := make([]int, len(u.parts))
	for i := range idx {
		idx[i] = i
	}
	slices.SortFunc(idx, func(a, b int) int { return int(*u.parts[a].PartNumber) - int(*u.parts[b].PartNumber) })
	parts := make([]s3.CompletedPart, len(idx))
	sizes := make([]int64, len(idx))
	for i, j := range idx {
		parts[i], sizes[i] = u.parts[j], u.sizes[j]
	}
	in := &s3.CompleteMultipartUploadInput{
		Bucket: u.bucket, Key: u.key, UploadId: u.id,
		MultipartUpload:      &s3.CompletedMultipartUpload{Parts: parts},
		SSECustomerAlgorithm: u.c.alg, SSECustomerKey: u.c.key, SSECustomerKeyMD5: u.c.keyMD5,
		ExpectedBucketOwner: strp(u.o.ExpectedBucketOwner), RequestPayer: u.o.payer(),
	}
	var sums []string
	if alg != ChecksumNone {
		sums = make([]string, len(parts))
		for i := range parts {
			sums[i] = *completedChecksum(alg, &parts[i])
		}
		if fullObject(alg) {
			full, err := fullChecksum(alg, sums, sizes)
			if err != nil {
				return nil, err
			}
			t := s3.ChecksumTypeFullObject
			in.ChecksumType = &t
			setCompleteChecksum(alg, in, &full)
		}
	}
	out, err := u.m.api.CompleteMultipartUpload(ctx, in, u.m.callOpts...)
	if err != nil {
		return nil, err
	}
	res := &UploadResult{Bucket: u.bucket, Key: u.key, ETag: deref(out.ETag), VersionID: deref(out.VersionId),
		UploadID: u.id, Parts: len(parts), Size: u.total}
	if alg != ChecksumNone {
		res.Checksum = deref(objectChecksum(alg, out))
		if err := checkCompleted(alg, res.Checksum, sums, sizes); err != nil {
			// The object exists; say so rather than abort.
			return nil, &UploadFailedError{Bucket: u.bucket, Key: u.key, UploadID: u.id, Err: err}
		}
	}
	return res, nil
}

// fail aborts the upload with a context that outlives ctx and returns the
// error naming the upload; a failed abort is joined.
func (u *mpu) fail(ctx context.Context, cause error) error {
	var done *UploadFailedError
	if errors.As(cause, &done) {
		return cause // completed, nothing to abort
	}
	err := cause
	if aerr := u.abort(ctx); aerr != nil {
		err = errors.Join(cause, aerr)
	}
	return &UploadFailedError{Bucket: u.bucket, Key: u.key, UploadID: u.id, Err: err}
}

// Abort backoff: the first wait, and the longest.
const (
	abortBackoff    = 100 * time.Millisecond
	abortMaxBackoff = 2 * time.Second
)

// abort aborts the upload within the manager's cleanup budget, with a
// context that outlives ctx. Each call already makes the client's own
// attempts; while the answer is an error worth retrying (throttling, a 5xx,
// a timeout, a broken connection: the retry package's classification) the
// call is made again after a backoff that doubles from 100 ms to 2 s, until
// the budget runs out. NoSuchUpload means nothing is left (an earlier
// attempt got through).
// It returns the last error when the upload may be left.
func (u *mpu) abort(ctx context.Context) error {
	actx, cancel := u.m.cleanupContext(ctx)
	defer cancel()
	in := &s3.AbortMultipartUploadInput{
		Bucket: u.bucket, Key: u.key, UploadId: u.id,
		ExpectedBucketOwner: strp(u.o.ExpectedBucketOwner), RequestPayer: u.o.payer(),
	}
	wait := abortBackoff
	for calls := 1; ; calls++ {
		_, err := u.m.api.AbortMultipartUpload(actx, in, u.m.callOpts...)
		if err == nil || goto3.ErrorCode(err) == "NoSuchUpload" {
			return nil
		}
		retryable := abortClassifier.Classify(actx, nil, err).Retry
		if retryable && actx.Err() == nil {
			if serr := u.m.cfg.Sleep(actx, wait); serr == nil {
				wait = min(2*wait, abortMaxBackoff)
				continue
			}
		}
		return fmt.Errorf("transfer: aborting multipart upload %s also failed (%d calls): %w", u.id, calls, err)
	}
}

// abortClassifier tells the abort errors worth another call.
var abortClassifier = func() *retry.Retryer {
	r, err := retry.New(retry.Options{})
	if err != nil {
		panic(err)
	}
	return r
}()
