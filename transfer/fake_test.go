package transfer_test

import (
	"bytes"
	"context"
	"encoding/base64"
	"errors"
	"fmt"
	"io"
	"net/http"
	"reflect"
	"strconv"
	"strings"
	"sync"

	"github.com/goto3/goto3/services/s3"
	"github.com/goto3/goto3/transfer"
)

// apiError is the fake's service error.
type apiError struct {
	code   string
	status int
}

func (e *apiError) Error() string       { return fmt.Sprintf("api error %s (%d)", e.code, e.status) }
func (e *apiError) ErrorCode() string   { return e.code }
func (e *apiError) HTTPStatusCode() int { return e.status }
func notFound() error                   { return &apiError{"NoSuchKey", 404} }
func internalError() error              { return &apiError{"InternalError", 500} }
func errorf(code string, st int) error  { return &apiError{code, st} }

type object struct {
	data []byte
	etag string
	in   *s3.PutObjectInput // the metadata it was created with (Body nil)
	sum  string             // checksum as stored
	size int64              // for discard mode
}

type upload struct {
	bucket, key string
	in          *s3.CreateMultipartUploadInput
	parts       map[int32][]byte
	sizes       map[int32]int64
	sums        map[int32]string
}

// fakeS3 is an in-memory S3 for unit tests. It reads a seekable body
// twice (a hashing pass, a rewind, the sending pass) as the client does.
type fakeS3 struct {
	mu      sync.Mutex
	objects map[string]*object
	uploads map[string]*upload
	seq     int
	calls   []string

	discard bool // keep sizes only, read no body
	drain   bool // with discard: read the body once and drop it

	// Faults; nil means none. n is the 1-based count of calls so far for
	// that part or range.
	partFault  func(ctx context.Context, num int32, n int) error
	getFault   func(in *s3.GetObjectInput, n int) (cut int64, err error) // cut >= 0: body breaks after cut bytes
	abortFault func(ctx context.Context) error
	// rewindParts makes UploadPart read a part a third time after a
	// rewind, as a retried request does.
	rewindParts bool

	partCalls map[int32]int
	getCalls  map[string]int
	abortCtx  []error // ctx.Err() seen by each abort
	peakParts int     // most UploadPart calls in flight
	inFlight  int
}

func newFake() *fakeS3 {
	return &fakeS3{objects: map[string]*object{}, uploads: map[string]*upload{}, partCalls: map[int32]int{}, getCalls: map[string]int{}}
}

func (f *fakeS3) call(op string) {
	f.mu.Lock()
	f.calls = append(f.calls, op)
	f.mu.Unlock()
}

func (f *fakeS3) count(op string) int {
	f.mu.Lock()
	defer f.mu.Unlock()
	n := 0
	for _, c := range f.calls {
		if c == op {
			n++
		}
	}
	return n
}

func (f *fakeS3) get(bucket, key string) (*object, bool) {
	f.mu.Lock()
	defer f.mu.Unlock()
	o, ok := f.objects[bucket+"/"+key]
	return o, ok
}

func (f *fakeS3) put(bucket, key string, data []byte) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.seq++
	f.objects[bucket+"/"+key] = &object{data: data, etag: fmt.Sprintf(`"etag-%d"`, f.seq), in: &s3.PutObjectInput{}, size: int64(len(data))}
}

func (f *fakeS3) openUploads() int {
	f.mu.Lock()
	defer f.mu.Unlock()
	return len(f.uploads)
}

// readBody reads a request body as the client does: a seekable body is
// read, rewound and read again.
func readBody(r io.Reader, n int64, rewind bool) ([]byte, error) {
	if r == nil {
		return nil, nil
	}
	if rs, ok := r.(io.ReadSeeker); ok {
		passes := 1
		if rewind {
			passes = 2
		}
		for i := 0; i < passes; i++ {
			if _, err := io.Copy(io.Discard, rs); err != nil {
				return nil, err
			}
			if _, err := rs.Seek(0, io.SeekStart); err != nil {
				return nil, err
			}
		}
	}
	b, err := io.ReadAll(r)
	if err != nil {
		return nil, err
	}
	if int64(len(b)) != n {
		return nil, fmt.Errorf("body has %d bytes, ContentLength %d", len(b), n)
	}
	return b, nil
}

func sumOf(alg *s3.ChecksumAlgorithm, b []byte) *string {
	if alg == nil {
		return nil
	}
	s := checksum(*alg, b)
	return &s
}

func (f *fakeS3) PutObject(ctx context.Context, in *s3.PutObjectInput, _ ...func(*s3.Options)) (*s3.PutObjectOutput, error) {
	f.call("PutObject")
	b, err := readBody(in.Body, *in.ContentLength, false)
	if err != nil {
		return nil, err
	}
	meta := *in
	meta.Body = nil
	f.mu.Lock()
	defer f.mu.Unlock()
	f.seq++
	o := &object{data: b, etag: fmt.Sprintf(`"etag-%d"`, f.seq), in: &meta, size: int64(len(b))}
	out := &s3.PutObjectOutput{ETag: &o.etag}
	if s := sumOf(in.ChecksumAlgorithm, b); s != nil {
		o.sum = *s
		setPutSum(out, *in.ChecksumAlgorithm, s)
	}
	f.objects[in.Bucket+"/"+in.Key] = o
	return out, nil
}

func setPutSum(out *s3.PutObjectOutput, alg s3.ChecksumAlgorithm, s *string) { setSum(out, alg, s) }

// setSum sets the Checksum<alg> member of the struct v points to (the
// generated types name them so for all ten algorithms).
func setSum(v any, alg s3.ChecksumAlgorithm, s *string) {
	reflect.ValueOf(v).Elem().FieldByName("Checksum" + string(alg)).Set(reflect.ValueOf(s))
}

// getSum returns the Checksum<alg> member of the struct v points to.
func getSum(v any, alg s3.ChecksumAlgorithm) string {
	f := reflect.ValueOf(v).Elem().FieldByName("Checksum" + string(alg))
	if !f.IsValid() || f.IsNil() {
		return ""
	}
	return f.Elem().String()
}

func (f *fakeS3) CreateMultipartUpload(ctx context.Context, in *s3.CreateMultipartUploadInput, _ ...func(*s3.Options)) (*s3.CreateMultipartUploadOutput, error) {
	f.call("CreateMultipartUpload")
	f.mu.Lock()
	defer f.mu.Unlock()
	f.seq++
	id := "upload-" + strconv.Itoa(f.seq)
	cp := *in
	f.uploads[id] = &upload{bucket: in.Bucket, key: in.Key, in: &cp, parts: map[int32][]byte{}, sizes: map[int32]int64{}, sums: map[int32]string{}}
	return &s3.CreateMultipartUploadOutput{UploadId: &id}, nil
}

func (f *fakeS3) UploadPart(ctx context.Context, in *s3.UploadPartInput, _ ...func(*s3.Options)) (*s3.UploadPartOutput, error) {
	f.call("UploadPart")
	f.mu.Lock()
	f.partCalls[in.PartNumber]++
	n := f.partCalls[in.PartNumber]
	f.inFlight++
	if f.inFlight > f.peakParts {
		f.peakParts = f.inFlight
	}
	f.mu.Unlock()
	defer func() {
		f.mu.Lock()
		f.inFlight--
		f.mu.Unlock()
	}()
	if f.partFault != nil {
		if err := f.partFault(ctx, in.PartNumber, n); err != nil {
			return nil, err
		}
	}
	var b []byte
	var err error
	if !f.discard {
		b, err = readBody(in.Body, *in.ContentLength, f.rewindParts)
		if err != nil {
			return nil, err
		}
	} else if f.drain {
		if _, err := io.Copy(io.Discard, in.Body); err != nil {
			return nil, err
		}
	}
	f.mu.Lock()
	defer f.mu.Unlock()
	u, ok := f.uploads[in.UploadId]
	if !ok {
		return nil, errorf("NoSuchUpload", 404)
	}
	u.parts[in.PartNumber] = b
	u.sizes[in.PartNumber] = *in.ContentLength
	etag := fmt.Sprintf(`"part-%d"`, in.PartNumber)
	out := &s3.UploadPartOutput{ETag: &etag}
	if in.ChecksumAlgorithm != nil {
		var s string
		if f.discard {
			s = getSum(in, *in.ChecksumAlgorithm)
		} else {
			s = checksum(*in.ChecksumAlgorithm, b)
		}
		u.sums[in.PartNumber] = s
		setSum(out, *in.ChecksumAlgorithm, &s)
	}
	return out, nil
}

func (f *fakeS3) UploadPartCopy(ctx context.Context, in *s3.UploadPartCopyInput, _ ...func(*s3.Options)) (*s3.UploadPartCopyOutput, error) {
	f.call("UploadPartCopy")
	src, _, _ := strings.Cut(in.CopySource, "?")
	f.mu.Lock()
	defer f.mu.Unlock()
	o, ok := f.objects[src]
	if !ok {
		return nil, notFound()
	}
	if in.CopySourceIfMatch != nil && *in.CopySourceIfMatch != o.etag {
		return nil, errorf("PreconditionFailed", 412)
	}
	first, last, err := parseRange(deref(in.CopySourceRange), int64(len(o.data)))
	if err != nil {
		return nil, err
	}
	u, ok := f.uploads[in.UploadId]
	if !ok {
		return nil, errorf("NoSuchUpload", 404)
	}
	u.parts[in.PartNumber] = o.data[first : last+1]
	u.sizes[in.PartNumber] = last + 1 - first
	etag := fmt.Sprintf(`"part-%d"`, in.PartNumber)
	return &s3.UploadPartCopyOutput{CopyPartResult: &s3.CopyPartResult{ETag: &etag}}, nil
}

func deref(s *string) string {
	if s == nil {
		return ""
	}
	return *s
}

func (f *fakeS3) CompleteMultipartUpload(ctx context.Context, in *s3.CompleteMultipartUploadInput, _ ...func(*s3.Options)) (*s3.CompleteMultipartUploadOutput, error) {
	f.call("CompleteMultipartUpload")
	f.mu.Lock()
	defer f.mu.Unlock()
	u, ok := f.uploads[in.UploadId]
	if !ok {
		return nil, errorf("NoSuchUpload", 404)
	}
	var data []byte
	var sums []string
	var size int64
	for i, p := range in.MultipartUpload.Parts {
		if int(*p.PartNumber) != i+1 {
			return nil, errorf("InvalidPartOrder", 400)
		}
		b, ok := u.parts[*p.PartNumber]
		if !ok {
			return nil, errorf("InvalidPart", 400)
		}
		if i < len(in.MultipartUpload.Parts)-1 && u.sizes[*p.PartNumber] < transfer.MinPartSize {
			return nil, errorf("EntityTooSmall", 400)
		}
		data = append(data, b...)
		size += u.sizes[*p.PartNumber]
		if s, ok := u.sums[*p.PartNumber]; ok {
			sums = append(sums, s)
		}
	}
	f.seq++
	meta := &s3.PutObjectInput{ContentType: u.in.ContentType, CacheControl: u.in.CacheControl, Metadata: u.in.Metadata,
		ContentDisposition: u.in.ContentDisposition, StorageClass: u.in.StorageClass}
	o := &object{data: data, etag: fmt.Sprintf(`"etag-%d-%d"`, f.seq, len(in.MultipartUpload.Parts)), in: meta, size: size}
	out := &s3.CompleteMultipartUploadOutput{ETag: &o.etag}
	if u.in.ChecksumAlgorithm != nil {
		alg := *u.in.ChecksumAlgorithm
		var s string
		var err error
		if u.in.ChecksumType != nil && *u.in.ChecksumType == s3.ChecksumTypeFullObject {
			s = checksum(alg, data)
		} else {
			s, err = transfer.CompositeSum(alg, sums)
			if err != nil {
				return nil, err
			}
		}
		o.sum = s
		setSum(out, alg, &s)
	}
	f.objects[u.bucket+"/"+u.key] = o
	delete(f.uploads, in.UploadId)
	return out, nil
}

func (f *fakeS3) AbortMultipartUpload(ctx context.Context, in *s3.AbortMultipartUploadInput, _ ...func(*s3.Options)) (*s3.AbortMultipartUploadOutput, error) {
	f.call("AbortMultipartUpload")
	f.mu.Lock()
	f.abortCtx = append(f.abortCtx, ctx.Err())
	f.mu.Unlock()
	if f.abortFault != nil {
		if err := f.abortFault(ctx); err != nil {
			return nil, err
		}
	}
	f.mu.Lock()
	defer f.mu.Unlock()
	if _, ok := f.uploads[in.UploadId]; !ok {
		return nil, errorf("NoSuchUpload", 404)
	}
	delete(f.uploads, in.UploadId)
	return &s3.AbortMultipartUploadOutput{}, nil
}

func (f *fakeS3) HeadObject(ctx context.Context, in *s3.HeadObjectInput, _ ...func(*s3.Options)) (*s3.HeadObjectOutput, error) {
	f.call("HeadObject")
	o, ok := f.get(in.Bucket, in.Key)
	if !ok {
		return nil, notFound()
	}
	n := int64(len(o.data))
	return &s3.HeadObjectOutput{ContentLength: &n, ETag: &o.etag, ContentType: o.in.ContentType, Metadata: o.in.Metadata}, nil
}

func parseRange(r string, size int64) (int64, int64, error) {
	spec, ok := strings.CutPrefix(r, "bytes=")
	a, b, ok2 := strings.Cut(spec, "-")
	first, err1 := strconv.ParseInt(a, 10, 64)
	last, err2 := strconv.ParseInt(b, 10, 64)
	if !ok || !ok2 || err1 != nil || err2 != nil || first > last {
		return 0, 0, fmt.Errorf("bad range %q", r)
	}
	if first >= size {
		return 0, 0, errorf("InvalidRange", 416)
	}
	return first, min(last, size-1), nil
}

// brokenReader gives n bytes of r, then fails.
type brokenReader struct {
	r io.Reader
	n int64
}

func (b *brokenReader) Read(p []byte) (int, error) {
	if b.n <= 0 {
		return 0, io.ErrUnexpectedEOF
	}
	if int64(len(p)) > b.n {
		p = p[:b.n]
	}
	n, err := b.r.Read(p)
	b.n -= int64(n)
	return n, err
}

func (f *fakeS3) GetObject(ctx context.Context, in *s3.GetObjectInput, _ ...func(*s3.Options)) (*s3.GetObjectOutput, error) {
	f.call("GetObject")
	f.mu.Lock()
	f.getCalls[deref(in.Range)]++
	n := f.getCalls[deref(in.Range)]
	f.mu.Unlock()
	cut := int64(-1)
	if f.getFault != nil {
		c, err := f.getFault(in, n)
		if err != nil {
			return nil, err
		}
		cut = c
	}
	o, ok := f.get(in.Bucket, in.Key)
	if !ok {
		return nil, notFound()
	}
	if in.IfMatch != nil && *in.IfMatch != o.etag {
		return nil, errorf("PreconditionFailed", http.StatusPreconditionFailed)
	}
	size := int64(len(o.data))
	out := &s3.GetObjectOutput{ETag: &o.etag, ContentType: o.in.ContentType}
	data := o.data
	if in.Range != nil {
		first, last, err := parseRange(*in.Range, size)
		if err != nil {
			return nil, err
		}
		data = data[first : last+1]
		cr := fmt.Sprintf("bytes %d-%d/%d", first, last, size)
		out.ContentRange = &cr
	}
	l := int64(len(data))
	out.ContentLength = &l
	var body io.Reader = bytes.NewReader(data)
	if cut >= 0 {
		body = &brokenReader{body, cut}
	}
	out.Body = io.NopCloser(body)
	return out, nil
}

func (f *fakeS3) CopyObject(ctx context.Context, in *s3.CopyObjectInput, _ ...func(*s3.Options)) (*s3.CopyObjectOutput, error) {
	f.call("CopyObject")
	src, _, _ := strings.Cut(in.CopySource, "?")
	f.mu.Lock()
	defer f.mu.Unlock()
	o, ok := f.objects[src]
	if !ok {
		return nil, notFound()
	}
	if in.CopySourceIfMatch != nil && *in.CopySourceIfMatch != o.etag {
		return nil, errorf("PreconditionFailed", 412)
	}
	f.seq++
	meta := o.in
	if in.MetadataDirective != nil {
		meta = &s3.PutObjectInput{ContentType: in.ContentType, Metadata: in.Metadata}
	}
	c := &object{data: o.data, etag: fmt.Sprintf(`"etag-%d"`, f.seq), in: meta, size: o.size}
	f.objects[in.Bucket+"/"+in.Key] = c
	return &s3.CopyObjectOutput{CopyObjectResult: &s3.CopyObjectResult{ETag: &c.etag}}, nil
}

func (f *fakeS3) ListObjectsV2(ctx context.Context, in *s3.ListObjectsV2Input, _ ...func(*s3.Options)) (*s3.ListObjectsV2Output, error) {
	f.call("ListObjectsV2")
	f.mu.Lock()
	defer f.mu.Unlock()
	var keys []string
	for k := range f.objects {
		b, key, _ := strings.Cut(k, "/")
		if b == in.Bucket && strings.HasPrefix(key, deref(in.Prefix)) {
			keys = append(keys, key)
		}
	}
	sortStrings(keys)
	start := 0
	if in.ContinuationToken != nil {
		start, _ = strconv.Atoi(*in.ContinuationToken)
	}
	const page = 7 // small pages, to test pagination
	end := min(start+page, len(keys))
	out := &s3.ListObjectsV2Output{}
	for _, k := range keys[start:end] {
		size := int64(len(f.objects[in.Bucket+"/"+k].data))
		out.Contents = append(out.Contents, s3.Object{Key: &k, Size: &size})
	}
	if end < len(keys) {
		t := true
		tok := strconv.Itoa(end)
		out.IsTruncated, out.NextContinuationToken = &t, &tok
	}
	return out, nil
}

// checksum is the base64 checksum of b.
func checksum(alg s3.ChecksumAlgorithm, b []byte) string {
	h := transfer.NewHash(alg)
	h.Write(b)
	return base64.StdEncoding.EncodeToString(h.Sum(nil))
}

var _ = errors.New
