package transfer_test

import (
	"bytes"
	"context"
	"errors"
	"io"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/goto3/goto3/services/s3"
	"github.com/goto3/goto3/transfer"
)

const mib = 1 << 20

// pattern returns n bytes that differ with their offset.
func pattern(n int64) []byte {
	b := make([]byte, n)
	for i := range b {
		b[i] = byte(i*7 + i>>13)
	}
	return b
}

// streamOnly hides every method but Read.
type streamOnly struct{ r io.Reader }

func (s streamOnly) Read(p []byte) (int, error) { return s.r.Read(p) }

// newManager returns a manager over api configured with o.
func newManager(t testing.TB, api transfer.API, o transfer.Options) *transfer.Manager {
	t.Helper()
	m, err := transfer.New(api, func(p *transfer.Options) { *p = o })
	if err != nil {
		t.Fatal(err)
	}
	return m
}

// algName names an algorithm in test names, "none" for "".
func algName(alg s3.ChecksumAlgorithm) string {
	if alg == "" {
		return "none"
	}
	return string(alg)
}

// smallConfig has 5 MiB parts and threshold, the smallest S3 allows.
func smallConfig() transfer.Options {
	return transfer.Options{MultipartThreshold: 5 * mib, PartSize: 5 * mib, Concurrency: 4}
}

// recorder checks progress calls: never concurrent, totals consistent.
type recorder struct {
	mu       sync.Mutex
	calls    int
	total    int64
	size     int64
	negative int
	err      error
}

func (r *recorder) fn(delta, total, size int64) {
	if !r.mu.TryLock() {
		r.err = errors.New("progress called concurrently")
		return
	}
	defer r.mu.Unlock()
	r.calls++
	if delta < 0 {
		r.negative++
	}
	r.total += delta
	if r.total != total && r.err == nil {
		r.err = errors.New("running total does not add up")
	}
	r.size = size
}

func TestUploadSizes(t *testing.T) {
	threshold := int64(5 * mib)
	sizes := []struct {
		name  string
		size  int64
		parts int
	}{
		{"empty", 0, 0},
		{"one byte", 1, 0},
		{"threshold-1", threshold - 1, 0},
		{"threshold", threshold, 1},
		{"threshold+1", threshold + 1, 2},
		{"5 parts+1", 5*threshold + 1, 6},
	}
	sources := []struct {
		name string
		up   func(m *transfer.Manager, data []byte, progress transfer.ProgressFunc) (*transfer.UploadOutput, error)
	}{
		{"ReaderAt", func(m *transfer.Manager, data []byte, progress transfer.ProgressFunc) (*transfer.UploadOutput, error) {
			return m.Upload(context.Background(), &transfer.UploadInput{Bucket: "b", Key: "k", Body: bytes.NewReader(data), Progress: progress})
		}},
		{"stream", func(m *transfer.Manager, data []byte, progress transfer.ProgressFunc) (*transfer.UploadOutput, error) {
			return m.Upload(context.Background(), &transfer.UploadInput{Bucket: "b", Key: "k", Body: streamOnly{bytes.NewReader(data)}, Progress: progress})
		}},
		{"file", func(m *transfer.Manager, data []byte, progress transfer.ProgressFunc) (*transfer.UploadOutput, error) {
			p := filepath.Join(t.TempDir(), "f.txt")
			if err := os.WriteFile(p, data, 0o600); err != nil {
				return nil, err
			}
			return m.UploadFile(context.Background(), &transfer.UploadFileInput{Bucket: "b", Key: "k", Path: p, Progress: progress})
		}},
	}
	// "" is DisableChecksum.
	for _, alg := range []s3.ChecksumAlgorithm{s3.ChecksumAlgorithmCrc32, s3.ChecksumAlgorithmCrc64nvme, ""} {
		for _, src := range sources {
			for _, sz := range sizes {
				if alg != s3.ChecksumAlgorithmCrc32 && sz.parts < 2 {
					continue // the other algorithms only where parts combine
				}
				t.Run(algName(alg)+"/"+src.name+"/"+sz.name, func(t *testing.T) {
					f := newFake()
					f.rewindParts = true
					cfg := smallConfig()
					cfg.ChecksumAlgorithm, cfg.DisableChecksum = alg, alg == ""
					m := newManager(t, f, cfg)
					data := pattern(sz.size)
					rec := &recorder{}
					res, err := src.up(m, data, rec.fn)
					if err != nil {
						t.Fatal(err)
					}
					o, ok := f.get("b", "k")
					if !ok {
						t.Fatal("no object stored")
					}
					if !bytes.Equal(o.data, data) {
						t.Fatalf("stored %d bytes, want the %d sent", len(o.data), len(data))
					}
					if res.Parts != sz.parts || res.Size != sz.size {
						t.Errorf("got %d parts, %d bytes, want %d, %d", res.Parts, res.Size, sz.parts, sz.size)
					}
					if alg != "" && res.Checksum != o.sum {
						t.Errorf("got checksum %q, want %q", res.Checksum, o.sum)
					}
					if alg == s3.ChecksumAlgorithmCrc64nvme && sz.parts > 0 && res.Checksum != checksum(alg, data) {
						t.Errorf("got CRC64NVME %q, want the whole object's %q", res.Checksum, checksum(alg, data))
					}
					if rec.err != nil {
						t.Fatal(rec.err)
					}
					if rec.total != sz.size {
						t.Errorf("progress total %d, want %d", rec.total, sz.size)
					}
					if sz.parts > 0 && rec.negative == 0 {
						t.Errorf("no negative progress, want some for rewound parts")
					}
					if got := f.openUploads(); got != 0 {
						t.Errorf("%d uploads left open", got)
					}
					if src.name == "file" && deref(o.in.ContentType) != "text/plain; charset=utf-8" {
						t.Errorf("got content type %q, want the guess for .txt", deref(o.in.ContentType))
					}
				})
			}
		}
	}
}

// TestUploadThresholdAbovePartSize: with MultipartThreshold above PartSize,
// a sized source below the threshold is one PutObject, as in boto3, and
// one at the threshold goes in parts of PartSize. A stream is multipart
// as soon as its first part fills (it is measured one part at a time).
func TestUploadThresholdAbovePartSize(t *testing.T) {
	cfg := transfer.Options{PartSize: 5 * mib, MultipartThreshold: 16 * mib, Concurrency: 2}
	for _, tt := range []struct {
		name   string
		size   int64
		stream bool
		parts  int
	}{
		{"between part size and threshold", 12 * mib, false, 0},
		{"threshold-1", 16*mib - 1, false, 0},
		{"threshold", 16 * mib, false, 4},
		{"stream between part size and threshold", 12 * mib, true, 3},
	} {
		t.Run(tt.name, func(t *testing.T) {
			f := newFake()
			m := newManager(t, f, cfg)
			data := pattern(tt.size)
			var body io.Reader = bytes.NewReader(data)
			if tt.stream {
				body = streamOnly{bytes.NewReader(data)}
			}
			res, err := m.Upload(context.Background(), &transfer.UploadInput{Bucket: "b", Key: "k", Body: body})
			if err != nil {
				t.Fatal(err)
			}
			if res.Parts != tt.parts {
				t.Errorf("got %d parts, want %d", res.Parts, tt.parts)
			}
			if o, ok := f.get("b", "k"); !ok || !bytes.Equal(o.data, data) {
				t.Errorf("stored object differs from the %d bytes sent", len(data))
			}
		})
	}
}

// sparse is a large synthetic source that costs no memory.
type sparse struct{ size int64 }

func (s sparse) Size() int64 { return s.size }
func (s sparse) Read(p []byte) (int, error) {
	return 0, errors.New("sparse: Read not expected")
}
func (s sparse) ReadAt(p []byte, off int64) (int, error) {
	if off >= s.size {
		return 0, io.EOF
	}
	n := min(int64(len(p)), s.size-off)
	clear(p[:n])
	if n < int64(len(p)) {
		return int(n), io.EOF
	}
	return int(n), nil
}

func TestUploadGrowsPartSize(t *testing.T) {
	f := newFake()
	f.discard = true
	// No checksum: it would read the 84 GB.
	m := newManager(t, f, transfer.Options{Concurrency: 16, DisableChecksum: true})
	size := int64(10001) * 8 * mib
	res, err := m.Upload(context.Background(), &transfer.UploadInput{Bucket: "b", Key: "big", Body: sparse{size}})
	if err != nil {
		t.Fatal(err)
	}
	if res.Parts > transfer.MaxParts {
		t.Fatalf("got %d parts, want at most %d", res.Parts, transfer.MaxParts)
	}
	if res.Size != size {
		t.Errorf("got %d bytes, want %d", res.Size, size)
	}
	ps := transfer.PartSizeFor(size, 8*mib)
	if ps != 9*mib || res.Parts != int((size+ps-1)/ps) {
		t.Errorf("got part size %d and %d parts, want 9 MiB and %d", ps, res.Parts, (size+ps-1)/ps)
	}
}

func TestPartSizeFor(t *testing.T) {
	for _, tc := range []struct{ size, ps, want int64 }{
		{0, 8 * mib, 8 * mib},
		{10000 * 8 * mib, 8 * mib, 8 * mib},
		{10000*8*mib + 1, 8 * mib, 9 * mib},
		{5 << 40, 8 * mib, 525 * mib},
	} {
		if got := transfer.PartSizeFor(tc.size, tc.ps); got != tc.want {
			t.Errorf("PartSizeFor(%d, %d) = %d, want %d", tc.size, tc.ps, got, tc.want)
		}
	}
}

func TestUploadPartFailsAborts(t *testing.T) {
	for _, tc := range []struct {
		name       string
		abortFails bool
	}{{"abort ok", false}, {"abort fails", true}} {
		t.Run(tc.name, func(t *testing.T) {
			f := newFake()
			f.partFault = func(ctx context.Context, num int32, n int) error {
				if num == 3 {
					return internalError()
				}
				return nil
			}
			if tc.abortFails {
				f.abortFault = func(context.Context) error { return errorf("AccessDenied", 403) }
			}
			m := newManager(t, f, smallConfig())
			_, err := m.Upload(context.Background(), &transfer.UploadInput{Bucket: "bkt", Key: "the/key", Body: bytes.NewReader(pattern(6 * 5 * mib))})
			var ue *transfer.UploadFailedError
			if !errors.As(err, &ue) {
				t.Fatalf("got %v, want an *UploadFailedError", err)
			}
			if ue.UploadID == "" || !strings.Contains(err.Error(), ue.UploadID) || !strings.Contains(err.Error(), "s3://bkt/the/key") {
				t.Errorf("got %q, want bucket, key and upload id named", err)
			}
			if f.count("AbortMultipartUpload") != 1 {
				t.Errorf("got %d aborts, want 1", f.count("AbortMultipartUpload"))
			}
			var ae *apiError
			if !errors.As(err, &ae) || ae.code != "InternalError" {
				t.Errorf("got %v, want the part's InternalError inside", err)
			}
			if tc.abortFails {
				if !strings.Contains(err.Error(), "AccessDenied") {
					t.Errorf("got %q, want the abort failure joined", err)
				}
				return
			}
			if n := f.openUploads(); n != 0 {
				t.Errorf("%d uploads left, want none", n)
			}
			if _, ok := f.get("bkt", "the/key"); ok {
				t.Errorf("an object was created")
			}
		})
	}
}

func TestUploadCancelAborts(t *testing.T) {
	f := newFake()
	started := make(chan struct{})
	var once sync.Once
	f.partFault = func(ctx context.Context, num int32, n int) error {
		if num == 2 {
			once.Do(func() { close(started) })
			<-ctx.Done()
			return ctx.Err()
		}
		return nil
	}
	m := newManager(t, f, smallConfig())
	ctx, cancel := context.WithCancel(context.Background())
	go func() { <-started; cancel() }()
	t0 := time.Now()
	_, err := m.Upload(ctx, &transfer.UploadInput{Bucket: "b", Key: "k", Body: streamOnly{bytes.NewReader(pattern(8 * 5 * mib))}})
	if !errors.Is(err, context.Canceled) {
		t.Fatalf("got %v, want context.Canceled", err)
	}
	if d := time.Since(t0); d > 5*time.Second {
		t.Errorf("took %v to return", d)
	}
	if f.openUploads() != 0 || len(f.abortCtx) != 1 || f.abortCtx[0] != nil {
		t.Errorf("got %d open uploads, abort contexts %v; want the upload aborted with a live context", f.openUploads(), f.abortCtx)
	}
}

func TestUploadConcurrency(t *testing.T) {
	for _, c := range []int{1, 3} {
		f := newFake()
		f.partFault = func(ctx context.Context, num int32, n int) error { time.Sleep(2 * time.Millisecond); return nil }
		cfg := smallConfig()
		cfg.Concurrency = c
		m := newManager(t, f, cfg)
		if _, err := m.Upload(context.Background(), &transfer.UploadInput{Bucket: "b", Key: "k", Body: bytes.NewReader(pattern(8 * 5 * mib))}); err != nil {
			t.Fatal(err)
		}
		if f.peakParts > c {
			t.Errorf("concurrency %d: got %d parts in flight", c, f.peakParts)
		}
	}
}

func TestUploadOptions(t *testing.T) {
	f := newFake()
	m := newManager(t, f, transfer.Options{DisableChecksum: true})
	key := []byte("0123456789abcdef0123456789abcdef")
	_, err := m.Upload(context.Background(), &transfer.UploadInput{Bucket: "b", Key: "k.json", Body: strings.NewReader("{}"), ContentType: "application/json", CacheControl: "no-cache", ContentDisposition: "attachment", Metadata: map[string]string{"a": "1"}, ACL: s3.ObjectCannedACLPrivate, StorageClass: s3.StorageClassStandard, Tagging: "t=1", SSECustomerKey: key, ExpectedBucketOwner: "111122223333", RequestPayer: s3.RequestPayerRequester})
	if err != nil {
		t.Fatal(err)
	}
	o, _ := f.get("b", "k.json")
	got := *o.in
	got.ContentLength = nil
	s := func(v string) *string { return &v }
	acl, sc, rp := s3.ObjectCannedACLPrivate, s3.StorageClassStandard, s3.RequestPayerRequester
	want := s3.PutObjectInput{
		Bucket: "b", Key: "k.json", ContentType: s("application/json"), CacheControl: s("no-cache"),
		ContentDisposition: s("attachment"), Metadata: map[string]string{"a": "1"}, ACL: &acl, StorageClass: &sc,
		Tagging: s("t=1"), SSECustomerAlgorithm: s("AES256"), SSECustomerKey: s("MDEyMzQ1Njc4OWFiY2RlZjAxMjM0NTY3ODlhYmNkZWY="),
		SSECustomerKeyMD5: s("hRasmdxgYDKV3nvbahU1MA=="), ExpectedBucketOwner: s("111122223333"), RequestPayer: &rp,
	}
	if d := cmp.Diff(want, got); d != "" {
		t.Errorf("PutObjectInput (-want +got):\n%s", d)
	}
}

func TestUploadDetectsBadCompletedChecksum(t *testing.T) {
	f := &lyingFake{fakeS3: newFake()}
	m := newManager(t, f, smallConfig())
	_, err := m.Upload(context.Background(), &transfer.UploadInput{Bucket: "b", Key: "k", Body: bytes.NewReader(pattern(11 * mib))})
	if !errors.Is(err, transfer.ErrChecksumMismatch) {
		t.Fatalf("got %v, want ErrChecksumMismatch", err)
	}
}

// lyingFake returns a wrong composite checksum.
type lyingFake struct{ *fakeS3 }

func (l *lyingFake) CompleteMultipartUpload(ctx context.Context, in *s3.CompleteMultipartUploadInput, o ...func(*s3.Options)) (*s3.CompleteMultipartUploadOutput, error) {
	out, err := l.fakeS3.CompleteMultipartUpload(ctx, in, o...)
	if err == nil {
		bad := "AAAAAA==-3"
		out.ChecksumCRC32 = &bad
	}
	return out, err
}

// failingReader gives n bytes, then an error.
type failingReader struct{ n int }

func (f *failingReader) Read(p []byte) (int, error) {
	if f.n <= 0 {
		return 0, errors.New("disk on fire")
	}
	n := min(len(p), f.n)
	f.n -= n
	return n, nil
}

func TestUploadStreamReadFails(t *testing.T) {
	f := newFake()
	m := newManager(t, f, smallConfig())
	_, err := m.Upload(context.Background(), &transfer.UploadInput{Bucket: "b", Key: "k", Body: &failingReader{n: 12 * mib}})
	var ue *transfer.UploadFailedError
	if !errors.As(err, &ue) || ue.UploadID == "" || !strings.Contains(err.Error(), "disk on fire") {
		t.Fatalf("got %v, want an *UploadFailedError with the read error and the upload id", err)
	}
	if f.openUploads() != 0 {
		t.Errorf("upload left open")
	}
}
