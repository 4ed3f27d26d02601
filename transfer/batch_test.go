package transfer_test

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/goto3/goto3/internal/sha256x2"
	"github.com/goto3/goto3/services/s3"
	"github.com/goto3/goto3/transfer"
)

// TestBatchPartFailureCancelsSiblings: parts hashed together (a SHA-256
// checksum, Concurrency 4) are sent together; when one of them fails, the
// others of its batch must be cancelled at once, as every other part is
// (the first failure cancels the rest), and the error must be the
// failure, not a sibling's cancellation. The other parts here hang until
// their context ends, as a part does on a stalled connection.
func TestBatchPartFailureCancelsSiblings(t *testing.T) {
	if !sha256x2.Accelerated() {
		t.Skip("parts are hashed and sent in batches only with the SHA-NI kernel")
	}
	for _, failing := range []int32{1, 2, 4} {
		for _, stream := range []bool{false, true} {
			t.Run(fmt.Sprintf("part%d/stream=%v", failing, stream), func(t *testing.T) {
				f := newFake()
				f.partFault = func(ctx context.Context, num int32, n int) error {
					if num == failing {
						return internalError()
					}
					select {
					case <-ctx.Done():
						return ctx.Err()
					case <-time.After(3 * time.Second):
						return nil
					}
				}
				cfg := smallConfig()
				cfg.ChecksumAlgorithm = s3.ChecksumAlgorithmSha256
				m := newManager(t, f, cfg)
				var src io.Reader = bytes.NewReader(pattern(4 * 5 * mib))
				if stream {
					src = streamOnly{src}
				}
				t0 := time.Now()
				_, err := m.Upload(context.Background(), &transfer.UploadInput{Bucket: "bkt", Key: "key", Body: src})
				if d := time.Since(t0); d > 2*time.Second {
					t.Errorf("took %v to fail, want the failing part's siblings cancelled at once", d)
				}
				var ae *apiError
				if !errors.As(err, &ae) || ae.code != "InternalError" {
					t.Errorf("got %v, want the failing part's InternalError", err)
				}
				if errors.Is(err, context.Canceled) {
					t.Errorf("got %v, want the failure, not a sibling's cancellation", err)
				}
				if n := f.openUploads(); n != 0 || f.count("AbortMultipartUpload") != 1 {
					t.Errorf("got %d uploads open after %d aborts, want none after 1", n, f.count("AbortMultipartUpload"))
				}
			})
		}
	}
}

// TestUploadFailuresEveryConcurrency fails uploads of six parts and a byte
// (parts hashed in batches: a SHA-256 checksum) at part 1, 3 and 7, by a
// refused part, a source that fails, and a cancellation, with Concurrency
// 1 to 5, from a file and from a stream: each returns the failure naming
// the upload, aborts it once, never has more than Concurrency parts in
// flight, and leaves no part buffer behind but those the manager keeps.
func TestUploadFailuresEveryConcurrency(t *testing.T) {
	const size = 6*5*mib + 1
	data := pattern(size)
	path := writeTemp(t, data)
	for conc := 1; conc <= 5; conc++ {
		for _, at := range []int32{1, 3, 7} {
			for _, mode := range []string{"refused", "source", "cancelled"} {
				for _, stream := range []bool{false, true} {
					if mode == "source" && !stream && at != 1 {
						continue // a file that fails is tested once
					}
					t.Run(fmt.Sprintf("conc=%d/part%d/%s/stream=%v", conc, at, mode, stream), func(t *testing.T) {
						base, _ := settledBuffers(t, -1)
						f := newFake()
						cfg := smallConfig()
						cfg.Concurrency = conc
						cfg.ChecksumAlgorithm = s3.ChecksumAlgorithmSha256
						m := newManager(t, f, cfg)
						ctx, cancel := context.WithCancel(context.Background())
						defer cancel()
						f.partFault = func(ctx context.Context, num int32, n int) error {
							switch {
							case num != at:
								return nil
							case mode == "refused":
								return internalError()
							case mode == "cancelled":
								cancel()
								<-ctx.Done()
								return ctx.Err()
							}
							return nil
						}
						var src io.Reader
						if stream {
							src = streamOnly{bytes.NewReader(data)}
							if mode == "source" {
								src = &failingReader{n: int(at-1)*5*mib + 100}
							}
						} else {
							file, err := os.Open(path)
							if err != nil {
								t.Fatal(err)
							}
							defer file.Close()
							src = file
							if mode == "source" {
								src = io.NewSectionReader(&failingReaderAt{file, int64(at-1)*5*mib + 100}, 0, size)
							}
						}
						// A stream that fails in its first part fails before
						// the multipart upload is created.
						created := !(stream && mode == "source" && at == 1)
						_, err := m.Upload(ctx, &transfer.UploadInput{Bucket: "bkt", Key: "key", Body: src})
						var ue *transfer.UploadFailedError
						if !errors.As(err, &ue) || (ue.UploadID != "") != created || !strings.Contains(err.Error(), ue.UploadID) {
							t.Fatalf("got %v, want an *UploadFailedError naming the upload id (if created: %v)", err, created)
						}
						switch mode {
						case "refused":
							var ae *apiError
							if !errors.As(err, &ae) || ae.code != "InternalError" {
								t.Errorf("got %v, want the part's InternalError", err)
							}
						case "source":
							if !strings.Contains(err.Error(), "disk on fire") {
								t.Errorf("got %v, want the source's error", err)
							}
						case "cancelled":
							if !errors.Is(err, context.Canceled) {
								t.Errorf("got %v, want context.Canceled", err)
							}
						}
						if n, a := f.openUploads(), f.count("AbortMultipartUpload"); n != 0 || (a == 1) != created {
							t.Errorf("got %d uploads open after %d aborts, want none after %d", n, a, f.count("CreateMultipartUpload"))
						}
						if f.peakParts > conc {
							t.Errorf("got %d parts in flight, want at most %d", f.peakParts, conc)
						}
						if n, _ := transfer.LiveBuffers(); n-base > int64(m.Pooled()) {
							t.Errorf("got %d part buffers alive, want the %d the manager keeps", n-base, m.Pooled())
						}
					})
				}
			}
		}
	}
}

// failingReaderAt fails reads that reach past n bytes.
type failingReaderAt struct {
	r io.ReaderAt
	n int64
}

func (f *failingReaderAt) ReadAt(p []byte, off int64) (int, error) {
	if off+int64(len(p)) > f.n {
		return 0, errors.New("disk on fire")
	}
	return f.r.ReadAt(p, off)
}

// countingReader counts the bytes read from r and closes reached once n
// have been.
type countingReader struct {
	r       io.Reader
	read, n int64
	reached chan struct{}
	once    sync.Once
}

func (c *countingReader) Read(p []byte) (int, error) {
	k, err := c.r.Read(p)
	if c.read += int64(k); c.read > c.n {
		c.once.Do(func() { close(c.reached) })
	}
	return k, err
}

// TestBatchReleasesFinishedParts: a part of a hashing batch that is done
// gives back its stream buffer at once, as a part sent alone does, so
// that the next part is read while a slow sibling (a retried part, a slow
// connection) is still out. Here part 1 finishes only once the stream has
// been read past the four parts of its batch: that needs the buffer of a
// finished sibling (with Concurrency 4 the batch held every buffer until
// its slowest part finished, so that reading and sending took turns).
func TestBatchReleasesFinishedParts(t *testing.T) {
	if !sha256x2.Accelerated() {
		t.Skip("parts are hashed and sent in batches only with the SHA-NI kernel")
	}
	src := &countingReader{r: bytes.NewReader(pattern(8 * 5 * mib)), n: 4 * 5 * mib, reached: make(chan struct{})}
	f := newFake()
	waited := make(chan bool, 1)
	f.partFault = func(ctx context.Context, num int32, n int) error {
		if num == 1 {
			select {
			case <-src.reached:
				waited <- true
			case <-time.After(3 * time.Second):
				waited <- false
			}
		}
		return nil
	}
	cfg := smallConfig() // Concurrency 4: one batch holds every buffer
	cfg.ChecksumAlgorithm = s3.ChecksumAlgorithmSha256
	m := newManager(t, f, cfg)
	if _, err := m.Upload(context.Background(), &transfer.UploadInput{Bucket: "bkt", Key: "key", Body: streamOnly{src}}); err != nil {
		t.Fatal(err)
	}
	if !<-waited {
		t.Errorf("part 5 was not read while part 1 was out, want its buffer from a finished part of part 1's batch")
	}
	if f.peakParts > cfg.Concurrency {
		t.Errorf("got %d parts in flight, want at most %d", f.peakParts, cfg.Concurrency)
	}
}

// TestDownloadToFailuresFreeBuffers: DownloadTo through range buffers
// that fails (a range refused, a body that always breaks, the writer
// failing, a cancellation) returns the failure and leaves no range buffer
// behind but those the manager keeps, with Concurrency 2 to 5.
func TestDownloadToFailuresFreeBuffers(t *testing.T) {
	const size = 6*5*mib + 1
	for conc := 2; conc <= 5; conc++ {
		for _, mode := range []string{"refused", "broken", "writer", "cancelled"} {
			t.Run(fmt.Sprintf("conc=%d/%s", conc, mode), func(t *testing.T) {
				base, _ := settledBuffers(t, -1)
				f := newFake()
				f.put("bkt", "obj", pattern(size))
				cfg := smallConfig()
				cfg.Concurrency = conc
				cfg.DownloadAttempts = 2
				cfg.InOrderBuffer = int64(conc) * cfg.PartSize // part-sized ranges
				m := newManager(t, f, cfg)
				ctx, cancel := context.WithCancel(context.Background())
				defer cancel()
				// The third range, and what is asked again of it.
				third := fmt.Sprintf("-%d", 3*5*mib-1)
				f.getFault = func(in *s3.GetObjectInput, n int) (int64, error) {
					if !strings.HasSuffix(deref(in.Range), third) {
						return -1, nil
					}
					switch mode {
					case "refused":
						return -1, internalError()
					case "broken":
						return 1000, nil
					case "cancelled":
						cancel()
					}
					return -1, nil
				}
				var w io.Writer = io.Discard
				if mode == "writer" {
					w = &failingWriter{n: 2*5*mib + 7}
				}
				_, err := m.DownloadTo(ctx, &transfer.DownloadToInput{Bucket: "bkt", Key: "obj", Writer: w})
				if err == nil {
					t.Fatal("got no error")
				}
				if mode == "cancelled" && !errors.Is(err, context.Canceled) {
					t.Errorf("got %v, want context.Canceled", err)
				}
				if n, _ := transfer.LiveBuffers(); n-base > int64(m.Pooled()) {
					t.Errorf("got %d range buffers alive, want the %d the manager keeps", n-base, m.Pooled())
				}
			})
		}
	}
}

// failingWriter fails once n bytes were written.
type failingWriter struct{ n int }

func (f *failingWriter) Write(p []byte) (int, error) {
	if len(p) > f.n {
		n := f.n
		f.n = 0
		return n, errors.New("disk full")
	}
	f.n -= len(p)
	return len(p), nil
}
