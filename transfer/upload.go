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
	"strings"
	"sync"
	"time"

	"golang.org/x/sync/errgroup"
	"golang.org/x/sync/semaphore"

	"github.com/goto3/goto3"
	"github.com/goto3/goto3/internal/sha256x2"
	"github.com/goto3/goto3/retry"
	"github.com/goto3/goto3/services/s3"
)

// UploadFile uploads the file in.Path to in.Bucket/in.Key (boto3's
// upload_file). The file is read in place, part by part, with no copy;
// the content type is guessed from the file name unless set. optFns change
// the manager's Options for this upload.
func (m *Manager) UploadFile(ctx context.Context, in *UploadFileInput, optFns ...func(*Options)) (*UploadOutput, error) {
	const op = "UploadFile"
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
	return m.uploadFile(ctx, c, in, nil)
}

// uploadFile uploads a file; prog is a directory's progress, or nil.
func (m *Manager) uploadFile(ctx context.Context, c *config, in *UploadFileInput, prog *progress) (*UploadOutput, error) {
	a := in.attrs()
	a.guessContentType(in.Path)
	f, err := os.Open(in.Path)
	if err != nil {
		return nil, &UploadFailedError{Bucket: in.Bucket, Key: in.Key, Err: err}
	}
	defer f.Close()
	st, err := f.Stat()
	if err != nil {
		return nil, &UploadFailedError{Bucket: in.Bucket, Key: in.Key, Err: err}
	}
	u := upload{c: c, bucket: in.Bucket, key: in.Key, a: a, progress: in.Progress}
	if !st.Mode().IsRegular() {
		u.r, u.size = f, -1
	} else {
		u.ra, u.size = f, st.Size()
	}
	return m.upload(ctx, &u, prog)
}

// Upload uploads in.Body to in.Bucket/in.Key (boto3's upload_fileobj). A
// Body that is an io.ReaderAt and an io.Seeker (or has a Size method) is
// read in place from its current offset, in parallel sections; any other
// reader is read sequentially into at most Concurrency pooled part
// buffers, each costing only the pages the stream filled (see the package
// doc). The Body is not closed.
func (m *Manager) Upload(ctx context.Context, in *UploadInput, optFns ...func(*Options)) (*UploadOutput, error) {
	const op = "Upload"
	switch {
	case in == nil:
		return nil, errNilInput(op)
	case in.Bucket == "":
		return nil, errMissing(op, "Bucket")
	case in.Key == "":
		return nil, errMissing(op, "Key")
	case in.Body == nil:
		return nil, errMissing(op, "Body")
	case in.Size < 0:
		return nil, fmt.Errorf("transfer: %s: %w", op, &goto3.ValidationError{Member: "Size", Reason: "negative"})
	}
	c, err := m.config(optFns)
	if err != nil {
		return nil, err
	}
	u := upload{c: c, bucket: in.Bucket, key: in.Key, a: in.attrs(), progress: in.Progress, r: in.Body, size: -1, sizeHint: in.Size}
	if ra, ok := in.Body.(io.ReaderAt); ok {
		if start, size, ok := readerAtExtent(in.Body); ok {
			u.ra, u.r, u.start, u.size = ra, nil, start, size
		}
	}
	return m.upload(ctx, &u, nil)
}

// upload is one upload's arguments: a ReaderAt (ra, from start, size
// bytes) or a stream (r, of sizeHint bytes when known).
type upload struct {
	c           *config
	bucket, key string
	a           *attrs
	progress    ProgressFunc
	ra          io.ReaderAt
	r           io.Reader
	start, size int64
	sizeHint    int64
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

// upload sends u. prog, when not nil, is the progress to report to (a
// directory's), else u.progress is.
func (m *Manager) upload(ctx context.Context, u *upload, prog *progress) (*UploadOutput, error) {
	bucket, key, c := u.bucket, u.key, u.c
	if err := ctx.Err(); err != nil {
		return nil, &UploadFailedError{Bucket: bucket, Key: key, Err: err}
	}
	ps := c.PartSize
	threshold := c.MultipartThreshold
	progSize := u.size
	if u.ra == nil {
		progSize = -1
		if u.sizeHint > 0 {
			ps = partSizeFor(u.sizeHint, ps)
			progSize = u.sizeHint
		}
		// A stream is measured one part at a time: it is multipart when
		// its first part fills.
		if threshold > ps {
			threshold = ps
		}
	} else if u.size < threshold && u.size <= MaxPartSize {
		// Below the threshold a sized source is one PutObject whatever
		// the part size (boto3 compares the size with the threshold
		// only): one chunk of the whole source.
		ps = max(ps, u.size)
	} else {
		ps = partSizeFor(u.size, ps)
	}
	if ps > MaxPartSize {
		return nil, &UploadFailedError{Bucket: bucket, Key: key, Err: fmt.Errorf("transfer: %d bytes need parts over S3's 5 GiB maximum", u.size)}
	}
	if ps > math.MaxInt32 && strconv.IntSize == 32 {
		return nil, &UploadFailedError{Bucket: bucket, Key: key, Err: fmt.Errorf("transfer: %d bytes need parts over 2 GiB, which need a 64-bit platform", u.size)}
	}
	if prog == nil {
		prog = newProgress(u.progress, progSize)
	}
	// A file's parts go out with sendfile unless that would report
	// progress only per part (see config.slices).
	sendfile := c.slices || prog == nil
	// At most Concurrency parts are out: for a stream, Concurrency part
	// buffers, the peak memory of a stream upload.
	ck := newChunker(u.ra, u.r, u.start, u.size, ps, c.Concurrency, m.bufs, prog, sendfile)
	defer ck.close()

	first, err := ck.next()
	if err != nil {
		return nil, &UploadFailedError{Bucket: bucket, Key: key, Err: err}
	}
	if first.size < threshold && ck.eof {
		res, err := m.putObject(ctx, u, first)
		ck.release(first)
		if err != nil {
			return nil, &UploadFailedError{Bucket: bucket, Key: key, Err: err}
		}
		return res, nil
	}
	return m.multipart(ctx, u, ck, first)
}

func (m *Manager) putObject(ctx context.Context, u *upload, p *part) (*UploadOutput, error) {
	c := u.c
	if err := c.lim.wait(ctx, int(p.size)); err != nil {
		return nil, err
	}
	in := u.a.putInput(u.bucket, u.key)
	in.Body = p
	in.ContentLength = &p.size
	alg := c.alg
	if alg != "" || c.signs {
		sum, sha, err := partSums(p, alg, c.signs)
		if err != nil {
			return nil, err
		}
		p.sha = sha
		if alg != "" {
			in.ChecksumAlgorithm = &alg
			setPutInputChecksum(alg, in, &sum)
		}
	}
	out, err := m.api.PutObject(ctx, in, c.callOpts...)
	if err != nil {
		return nil, err
	}
	p.done()
	res := &UploadOutput{Bucket: u.bucket, Key: u.key, ETag: deref(out.ETag), VersionID: deref(out.VersionId), Size: p.size}
	if v := putChecksum(alg, out); v != nil && *v != "" {
		res.ChecksumAlgorithm, res.Checksum = alg, *v
		res.ChecksumType = s3.ChecksumTypeFullObject
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
func (m *Manager) multipart(ctx context.Context, up *upload, ck *chunker, first *part) (*UploadOutput, error) {
	bucket, key, c := up.bucket, up.key, up.c
	alg := c.alg
	cin := up.a.createInput(bucket, key)
	if alg != "" {
		cin.ChecksumAlgorithm = &alg
		t := checksumType(alg)
		cin.ChecksumType = &t
	}
	cout, err := m.api.CreateMultipartUpload(ctx, cin, c.callOpts...)
	if err != nil {
		ck.release(first)
		return nil, &UploadFailedError{Bucket: bucket, Key: key, Err: err}
	}
	uploadID := deref(cout.UploadId)
	if uploadID == "" {
		ck.release(first)
		return nil, &UploadFailedError{Bucket: bucket, Key: key, Err: errors.New("transfer: CreateMultipartUpload returned no upload id")}
	}

	u := &mpu{m: m, cfg: c, alg: alg, bucket: bucket, key: key, id: uploadID, a: up.a, c: up.a.ssec()}
	if up.ra != nil {
		u.parts = make([]s3.CompletedPart, 0, numParts(up.size, ck.ps))
		u.sizes = make([]int64, 0, cap(u.parts))
	}
	// Concurrency slots, each one request in flight. When payloads are
	// signed and more slots are free, up to four parts go together: their
	// SHA-256 digests are computed in one interleaved pass (sumBatch),
	// then all are sent at once.
	g, gctx := errgroup.WithContext(ctx)
	slots := semaphore.NewWeighted(int64(c.Concurrency))
	batch := 1
	if (c.signs || alg == s3.ChecksumAlgorithmSha256) && sha256x2.Accelerated() {
		batch = min(maxBatch, c.Concurrency)
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
	var res *UploadOutput
	if err == nil {
		res, err = u.complete(ctx)
	}
	if err != nil {
		return nil, u.fail(ctx, err)
	}
	return res, nil
}

// mpu is the state of one multipart upload or copy.
type mpu struct {
	m           *Manager
	cfg         *config
	alg         s3.ChecksumAlgorithm // "": no checksums (a copy, or DisableChecksum)
	bucket, key string
	id          string
	a           *attrs
	c           sse

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
	r, err := sumBatch(parts, u.alg, u.cfg.signs)
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
	if err := u.cfg.lim.wait(ctx, int(p.size)); err != nil {
		return err
	}
	in := &s3.UploadPartInput{
		Bucket: u.bucket, Key: u.key, UploadId: u.id, PartNumber: p.num,
		Body: p, ContentLength: &p.size,
		SSECustomerAlgorithm: u.c.alg, SSECustomerKey: u.c.key, SSECustomerKeyMD5: u.c.keyMD5,
		ExpectedBucketOwner: u.a.owner(), RequestPayer: u.a.payer(),
	}
	// The part's checksum and, when the client signs payloads, its
	// SHA-256, computed here in one pass unless given: the checksum goes
	// in the request (the client then computes none) and into the
	// completion, the SHA-256 to the client through part.PayloadSHA256.
	alg := u.alg
	if sum == nil && (alg != "" || u.cfg.signs) {
		s, sha, err := partSums(p, alg, u.cfg.signs)
		if err != nil {
			return fmt.Errorf("part %d: reading the source: %w", p.num, err)
		}
		p.sha = sha
		sum = &s
	}
	if alg != "" {
		in.ChecksumAlgorithm = &alg
		setPartInputChecksum(alg, in, sum)
	}
	out, err := u.m.api.UploadPart(ctx, in, u.cfg.callOpts...)
	if err != nil {
		return fmt.Errorf("part %d: %w", p.num, err)
	}
	p.done()
	num := p.num
	cp := s3.CompletedPart{ETag: out.ETag, PartNumber: &num}
	if alg != "" {
		if v := partChecksum(alg, out); v != nil && *v != "" && *v != *sum {
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

func (u *mpu) complete(ctx context.Context) (*UploadOutput, error) {
	alg := u.alg
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
		ExpectedBucketOwner: u.a.owner(), RequestPayer: u.a.payer(),
	}
	var sums []string
	if alg != "" {
		sums = make([]string, len(parts))
		for i := range parts {
			sums[i] = *completedChecksum(alg, &parts[i])
		}
		if checksumType(alg) == s3.ChecksumTypeFullObject {
			full, err := fullChecksum(alg, sums, sizes)
			if err != nil {
				return nil, err
			}
			t := s3.ChecksumTypeFullObject
			in.ChecksumType = &t
			setCompleteChecksum(alg, in, &full)
		}
	}
	out, err := u.m.api.CompleteMultipartUpload(ctx, in, u.cfg.callOpts...)
	if err != nil {
		return nil, err
	}
	res := &UploadOutput{Bucket: u.bucket, Key: u.key, ETag: deref(out.ETag), VersionID: deref(out.VersionId),
		UploadID: u.id, Parts: len(parts), Size: u.total}
	if alg != "" {
		res.Checksum = deref(objectChecksum(alg, out))
		if res.Checksum != "" {
			res.ChecksumAlgorithm = alg
			res.ChecksumType = s3.ChecksumTypeFullObject
			if strings.LastIndexByte(res.Checksum, '-') >= 0 {
				res.ChecksumType = s3.ChecksumTypeComposite
			}
		}
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
// the budget (Options.AbortTimeout) runs out. NoSuchUpload means nothing is left (an earlier
// attempt got through).
// It returns the last error when the upload may be left.
func (u *mpu) abort(ctx context.Context) error {
	actx, cancel := u.cfg.cleanupContext(ctx)
	defer cancel()
	in := &s3.AbortMultipartUploadInput{
		Bucket: u.bucket, Key: u.key, UploadId: u.id,
		ExpectedBucketOwner: u.a.owner(), RequestPayer: u.a.payer(),
	}
	wait := abortBackoff
	for calls := 1; ; calls++ {
		_, err := u.m.api.AbortMultipartUpload(actx, in, u.cfg.callOpts...)
		if err == nil || goto3.ErrorCode(err) == "NoSuchUpload" {
			return nil
		}
		retryable := abortClassifier.Classify(actx, nil, err).Retry
		if retryable && actx.Err() == nil {
			if serr := u.cfg.Sleep(actx, wait); serr == nil {
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
