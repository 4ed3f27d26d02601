package transfer_test

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/goto3/goto3/services/s3"
	"github.com/goto3/goto3/transfer"
)

// writerAt is an in-memory io.WriterAt.
type writerAt struct {
	mu sync.Mutex
	b  []byte
}

func (w *writerAt) WriteAt(p []byte, off int64) (int, error) {
	w.mu.Lock()
	defer w.mu.Unlock()
	if need := off + int64(len(p)); need > int64(len(w.b)) {
		w.b = append(w.b, make([]byte, need-int64(len(w.b)))...)
	}
	return copy(w.b[off:], p), nil
}

func TestDownloadSizes(t *testing.T) {
	threshold := int64(5 * mib)
	for _, sz := range []struct {
		name string
		size int64
	}{{"empty", 0}, {"one byte", 1}, {"threshold-1", threshold - 1}, {"threshold", threshold}, {"threshold+1", threshold + 1}, {"5 parts+1", 5*threshold + 1}} {
		data := pattern(sz.size)
		dests := []struct {
			name string
			get  func(m *transfer.Manager) ([]byte, int64, error)
		}{
			{"WriterAt", func(m *transfer.Manager) ([]byte, int64, error) {
				w := &writerAt{}
				n, err := dsize(m.Download(context.Background(), &transfer.DownloadInput{Bucket: "b", Key: "k", WriterAt: w}))
				return w.b, n, err
			}},
			{"Writer", func(m *transfer.Manager) ([]byte, int64, error) {
				var w bytes.Buffer
				n, err := dsize(m.DownloadTo(context.Background(), &transfer.DownloadToInput{Bucket: "b", Key: "k", Writer: &w}))
				return w.Bytes(), n, err
			}},
			{"file", func(m *transfer.Manager) ([]byte, int64, error) {
				dir := t.TempDir()
				p := filepath.Join(dir, "out")
				n, err := dsize(m.DownloadFile(context.Background(), &transfer.DownloadFileInput{Bucket: "b", Key: "k", Path: p}))
				if err != nil {
					return nil, n, err
				}
				if ents, _ := os.ReadDir(dir); len(ents) != 1 {
					t.Errorf("got %d entries in the directory, want 1", len(ents))
				}
				b, err := os.ReadFile(p)
				return b, n, err
			}},
		}
		for _, d := range dests {
			t.Run(d.name+"/"+sz.name, func(t *testing.T) {
				f := newFake()
				f.put("b", "k", data)
				m := newManager(t, f, smallConfig())
				got, n, err := d.get(m)
				if err != nil {
					t.Fatal(err)
				}
				if n != sz.size || !bytes.Equal(got, data) {
					t.Fatalf("got %d bytes (n=%d), want the %d stored", len(got), n, sz.size)
				}
				wantGets := max(1, int((sz.size+threshold-1)/threshold))
				if sz.size == 0 {
					wantGets = 2 // a range of an empty object is 416; then a plain GET
				}
				if got := f.count("GetObject"); got != wantGets {
					t.Errorf("got %d GetObject calls, want %d", got, wantGets)
				}
			})
		}
	}
}

func TestDownloadResumesBrokenBody(t *testing.T) {
	data := pattern(12 * mib)
	for _, tc := range []struct {
		name     string
		breaks   int // the range bytes=5242880-10485759 breaks on this many attempts
		wantErr  bool
		attempts int
	}{{"once", 1, false, 5}, {"always", 100, true, 3}} {
		t.Run(tc.name, func(t *testing.T) {
			f := newFake()
			f.put("b", "k", data)
			var resumed []string
			f.getFault = func(in *s3.GetObjectInput, n int) (int64, error) {
				r := deref(in.Range)
				if strings.HasPrefix(r, "bytes=5242880-") || strings.HasSuffix(r, "-10485759") && r != "bytes=0-5242879" {
					resumed = append(resumed, r)
					if len(resumed) <= tc.breaks {
						return 1000, nil
					}
				}
				return -1, nil
			}
			cfg := smallConfig()
			cfg.DownloadAttempts = tc.attempts
			cfg.Concurrency = 1
			m := newManager(t, f, cfg)
			dir := t.TempDir()
			p := filepath.Join(dir, "out")
			rec := &recorder{}
			_, err := m.DownloadFile(context.Background(), &transfer.DownloadFileInput{Bucket: "b", Key: "k", Path: p, Progress: rec.fn})
			if tc.wantErr {
				var re *transfer.RetriesExceededError
				if !errors.As(err, &re) || re.Attempts != tc.attempts {
					t.Fatalf("got %v, want a *RetriesExceededError after %d attempts", err, tc.attempts)
				}
				if ents, _ := os.ReadDir(dir); len(ents) != 0 {
					t.Errorf("got %d files left, want none", len(ents))
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			got, _ := os.ReadFile(p)
			if !bytes.Equal(got, data) {
				t.Fatal("downloaded bytes differ")
			}
			if want := []string{"bytes=5242880-10485759", "bytes=5243880-10485759"}; strings.Join(resumed, ",") != strings.Join(want, ",") {
				t.Errorf("got ranges %q, want %q", resumed, want)
			}
			if rec.total != int64(len(data)) || rec.size != int64(len(data)) || rec.err != nil {
				t.Errorf("progress total %d size %d (%v), want %d", rec.total, rec.size, rec.err, len(data))
			}
		})
	}
}

func TestDownloadObjectChanged(t *testing.T) {
	f := newFake()
	f.put("b", "k", pattern(12*mib))
	f.getFault = func(in *s3.GetObjectInput, n int) (int64, error) {
		if deref(in.Range) == "bytes=10485760-12582911" {
			f.put("b", "k", pattern(12*mib)) // a new ETag
		}
		return -1, nil
	}
	cfg := smallConfig()
	cfg.Concurrency = 1
	m := newManager(t, f, cfg)
	dir := t.TempDir()
	p := filepath.Join(dir, "out")
	if err := os.WriteFile(p, []byte("old"), 0o600); err != nil {
		t.Fatal(err)
	}
	_, err := m.DownloadFile(context.Background(), &transfer.DownloadFileInput{Bucket: "b", Key: "k", Path: p})
	if !errors.Is(err, transfer.ErrObjectChanged) {
		t.Fatalf("got %v, want ErrObjectChanged", err)
	}
	if b, _ := os.ReadFile(p); string(b) != "old" {
		t.Errorf("destination changed to %d bytes", len(b))
	}
	if ents, _ := os.ReadDir(dir); len(ents) != 1 {
		t.Errorf("got %d entries, want only the destination", len(ents))
	}
}

func TestDownloadNoSuchKey(t *testing.T) {
	m := newManager(t, newFake(), smallConfig())
	dir := t.TempDir()
	_, err := m.DownloadFile(context.Background(), &transfer.DownloadFileInput{Bucket: "b", Key: "missing", Path: filepath.Join(dir, "x")})
	var de *transfer.DownloadFailedError
	if !errors.As(err, &de) || de.Key != "missing" {
		t.Fatalf("got %v, want a *DownloadFailedError naming the key", err)
	}
	if ents, _ := os.ReadDir(dir); len(ents) != 0 {
		t.Errorf("got %d entries, want none", len(ents))
	}
}

func TestCopy(t *testing.T) {
	for _, sz := range []int64{0, 1, 5*mib - 1, 5 * mib, 11 * mib} {
		f := newFake()
		data := pattern(sz)
		f.put("src", "a b/c+d", data)
		m := newManager(t, f, smallConfig())
		res, err := m.Copy(context.Background(), &transfer.CopyInput{Bucket: "dst", Key: "k", Source: transfer.Source{Bucket: "src", Key: "a b/c+d"}, Progress: (&recorder{}).fn})
		if err != nil {
			t.Fatalf("size %d: %v", sz, err)
		}
		o, _ := f.get("dst", "k")
		if !bytes.Equal(o.data, data) {
			t.Errorf("size %d: copy differs", sz)
		}
		wantParts := 0
		if sz >= 5*mib {
			wantParts = int((sz + 5*mib - 1) / (5 * mib))
		}
		if res.Parts != wantParts {
			t.Errorf("size %d: got %d parts, want %d", sz, res.Parts, wantParts)
		}
	}
}

// TestCopySource: the transfer manager hands the S3 client the copy source
// unencoded (the client percent-encodes CopySource, as botocore's
// handle_copy_source_param), in the form of botocore's dict source.
func TestCopySource(t *testing.T) {
	for _, tc := range []struct {
		src  transfer.Source
		want string
	}{
		{transfer.Source{Bucket: "b", Key: "a b/c+d~é", VersionID: "v1"}, "b/a b/c+d~é?versionId=v1"},
		{transfer.Source{Bucket: "b", Key: "100%"}, "b/100%"},
		{transfer.Source{Bucket: "arn:aws:s3:us-west-2:123456789012:accesspoint/my-ap", Key: "k"}, "arn:aws:s3:us-west-2:123456789012:accesspoint/my-ap/object/k"},
		{transfer.Source{Bucket: "arn:aws:s3-outposts:us-west-2:123456789012:outpost/op-01234567890123456/accesspoint/ap", Key: "k"}, "arn:aws:s3-outposts:us-west-2:123456789012:outpost/op-01234567890123456/accesspoint/ap/object/k"},
	} {
		if got := transfer.CopySourceOf(tc.src); got != tc.want {
			t.Errorf("%+v: got %q, want %q", tc.src, got, tc.want)
		}
	}
}

func TestDownloadToFailures(t *testing.T) {
	data := pattern(30 * mib) // six ranges
	for _, tc := range []struct {
		name string
		rng  string // the range that always breaks
	}{{"first", "bytes=0-5242879"}, {"middle", "bytes=15728640-20971519"}, {"last", "bytes=26214400-31457279"}} {
		t.Run(tc.name, func(t *testing.T) {
			f := newFake()
			f.put("b", "k", data)
			f.getFault = func(in *s3.GetObjectInput, n int) (int64, error) {
				if strings.HasSuffix(deref(in.Range), strings.SplitN(tc.rng, "-", 2)[1]) {
					return 10, nil
				}
				return -1, nil
			}
			m := newManager(t, f, smallConfig())
			var buf bytes.Buffer
			n, err := dsize(m.DownloadTo(context.Background(), &transfer.DownloadToInput{Bucket: "b", Key: "k", Writer: &buf}))
			var re *transfer.RetriesExceededError
			if !errors.As(err, &re) {
				t.Fatalf("got %v, want a *RetriesExceededError", err)
			}
			if int64(buf.Len()) != n || !bytes.Equal(buf.Bytes(), data[:n]) {
				t.Errorf("got %d bytes (n=%d) that are not the object's first bytes", buf.Len(), n)
			}
		})
	}
	t.Run("cancelled", func(t *testing.T) {
		f := newFake()
		f.put("b", "k", data)
		ctx, cancel := context.WithCancel(context.Background())
		f.getFault = func(in *s3.GetObjectInput, n int) (int64, error) {
			if deref(in.Range) == "bytes=10485760-15728639" {
				cancel()
				return -1, context.Canceled
			}
			return -1, nil
		}
		m := newManager(t, f, smallConfig())
		if _, err := m.DownloadTo(ctx, &transfer.DownloadToInput{Bucket: "b", Key: "k", Writer: io.Discard}); !errors.Is(err, context.Canceled) {
			t.Fatalf("got %v, want context.Canceled", err)
		}
	})
}

// blockedWriter blocks its first Write until release is closed.
type blockedWriter struct {
	release chan struct{}
	once    sync.Once
	buf     bytes.Buffer
}

func (w *blockedWriter) Write(p []byte) (int, error) {
	w.once.Do(func() { <-w.release })
	return w.buf.Write(p)
}

// TestDownloadToMemoryBound: while DownloadTo's writer is stuck on the
// first range, the ranges fetched ahead of it hold at most InOrderBuffer
// bytes together, whatever PartSize and Concurrency are; the download is
// whole once the writer moves.
func TestDownloadToMemoryBound(t *testing.T) {
	const size = 40*mib + 12345
	data := pattern(size)
	for _, tc := range []struct {
		name        string
		bound       int64
		concurrency int
		// wantAhead ranges fit the bound and are read into buffers;
		// with the writer stuck, each of the Concurrency-1 fetchers has
		// asked for one more (its answer held in its connection, not
		// read), so 1+wantRequests ranges are asked for in all.
		wantAhead, wantRequests int
	}{
		{"default", 0, 8, 7, 14},
		{"1 MiB", 1 * mib, 8, 1, 8},
		{"4 MiB", 4 * mib, 10, 4, 13},
		{"256 KiB", 256 << 10, 10, 1, 10},
		{"3 MiB, 4", 3 * mib, 4, 3, 6},
		{"large", 200 * mib, 4, 3, 5}, // 8 MiB ranges: only 5 after the first
	} {
		t.Run(tc.name, func(t *testing.T) {
			bound := tc.bound
			if bound == 0 {
				bound = transfer.DefaultInOrderBuffer
			}
			f := newFake()
			f.put("b", "k", data)
			var mu sync.Mutex
			var ranges []string
			f.getFault = func(in *s3.GetObjectInput, n int) (int64, error) {
				mu.Lock()
				ranges = append(ranges, deref(in.Range))
				mu.Unlock()
				return -1, nil
			}
			m := newManager(t, f, transfer.Options{PartSize: 8 * mib, Concurrency: tc.concurrency, InOrderBuffer: tc.bound})
			w := &blockedWriter{release: make(chan struct{})}
			done := make(chan error, 1)
			go func() {
				_, err := m.DownloadTo(context.Background(), &transfer.DownloadToInput{Bucket: "b", Key: "k", Writer: w})
				done <- err
			}()
			launched := func() []string {
				mu.Lock()
				defer mu.Unlock()
				return append([]string(nil), ranges...)
			}
			_, base := transfer.LiveBuffers()
			deadline := time.Now().Add(5 * time.Second)
			for len(launched()) < 1+tc.wantRequests && time.Now().Before(deadline) {
				time.Sleep(time.Millisecond)
			}
			time.Sleep(50 * time.Millisecond) // room for a range too many
			got := launched()
			_, bufBytes := transfer.LiveBuffers()
			close(w.release)
			if err := <-done; err != nil {
				t.Fatal(err)
			}
			if !bytes.Equal(w.buf.Bytes(), data) {
				t.Fatal("the downloaded bytes differ")
			}
			if len(got) != 1+tc.wantRequests {
				t.Fatalf("with the writer stuck, %d ranges were requested (%q), want the first and %d more", len(got), got, tc.wantRequests)
			}
			if held := bufBytes - base; held > bound {
				t.Fatalf("with the writer stuck, range buffers hold %d bytes, over InOrderBuffer %d", held, bound)
			}
			var held int64
			for _, r := range got[1 : 1+tc.wantAhead] {
				var first, last int64
				if _, err := fmt.Sscanf(r, "bytes=%d-%d", &first, &last); err != nil {
					t.Fatalf("range %q: %v", r, err)
				}
				held += last - first + 1
			}
			if held > bound {
				t.Fatalf("the ranges ahead hold %d bytes, over InOrderBuffer %d", held, bound)
			}
		})
	}
}

func TestInOrderBufferInvalid(t *testing.T) {
	for _, v := range []int64{-1, 1000} {
		if _, err := transfer.New(newFake(), func(o *transfer.Options) { o.InOrderBuffer = v }); err == nil || !strings.Contains(err.Error(), "InOrderBuffer") {
			t.Errorf("InOrderBuffer %d: got %v, want an error naming it", v, err)
		}
	}
}
