package transfer_test

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"net/http"
	"path/filepath"
	"sync"
	"testing"

	"github.com/goto3/goto3/internal/testing/faultserver"
	"github.com/goto3/goto3/services/s3"
	"github.com/goto3/goto3/transfer"
)

// ioChunk is boto3's io_chunksize, the coarsest progress step allowed.
const ioChunk = 256 << 10

// stepRecorder records progress calls and checks the contract: never
// concurrent, the running total adds up, stays within [0, size] and never
// moves forward by more than ioChunk at once.
type stepRecorder struct {
	mu        sync.Mutex
	calls     int
	negatives int
	maxStep   int64
	total     int64
	size      int64
	err       error
}

func (r *stepRecorder) fn(delta, total, size int64) {
	if !r.mu.TryLock() {
		r.err = fmt.Errorf("progress called concurrently")
		return
	}
	defer r.mu.Unlock()
	r.calls++
	r.total += delta
	r.size = size
	switch {
	case r.err != nil:
	case r.total != total:
		r.err = fmt.Errorf("call %d: got running total %d, the deltas add up to %d", r.calls, total, r.total)
	case total < 0 || size >= 0 && total > size:
		r.err = fmt.Errorf("call %d: got running total %d, want it within [0, %d]", r.calls, total, size)
	}
	if delta < 0 {
		r.negatives++
	}
	r.maxStep = max(r.maxStep, delta)
}

func (r *stepRecorder) check(t *testing.T, size int64, wantRewind bool) {
	t.Helper()
	if r.err != nil {
		t.Fatal(r.err)
	}
	if r.total != size || r.size != size {
		t.Errorf("got running total %d of %d, want %d of %d", r.total, r.size, size, size)
	}
	if r.maxStep > ioChunk {
		t.Errorf("got a progress step of %d bytes, want at most %d (boto3's io_chunksize)", r.maxStep, ioChunk)
	}
	if wantRewind && r.negatives == 0 {
		t.Errorf("got no negative step, want one for the part sent again")
	}
	if !wantRewind && r.negatives != 0 {
		t.Errorf("got %d negative steps, want none", r.negatives)
	}
}

// TestProgressSteps uploads and downloads over http through the fault
// server with 8 MiB parts and asks for progress at boto3's io_chunksize or
// finer on every path: file parts sent with sendfile through the SDK's
// connections, file parts read through Read (a client with its own
// HTTPClient), streams, a part sent twice, and downloads of each kind.
func TestProgressSteps(t *testing.T) {
	const size = 3*8*mib + 12345
	data := pattern(size)
	cfg := transfer.Options{PartSize: 8 * mib, MultipartThreshold: 8 * mib, Concurrency: 2}
	setup := func(t *testing.T, opts ...func(*s3.Options)) (*faultserver.Server, *transfer.Manager) {
		fs := faultserver.Start(t, faultserver.Options{Buckets: []string{"bkt"}})
		cr := fs.Credentials()
		c := newClient(t, fs.URL, fs.Region(), cr.AccessKeyID, cr.SecretAccessKey, opts...)
		return fs, newPeerManager(t, c, cfg)
	}
	ownHTTP := func(o *s3.Options) { o.HTTPClient = &http.Client{Transport: &http.Transport{}} }
	noTimeout := func(o *s3.Options) { o.ReadTimeout = -1 }
	uploads := []struct {
		name   string
		opts   []func(*s3.Options)
		stream bool
		fault  *faultserver.Fault
	}{
		{"file/sendfile", nil, false, nil},
		{"file/sendfile/no read timeout", []func(*s3.Options){noTimeout}, false, nil},
		{"file/own HTTPClient", []func(*s3.Options){ownHTTP}, false, nil},
		{"stream", nil, true, nil},
		{"stream/own HTTPClient", []func(*s3.Options){ownHTTP}, true, nil},
		{"file/sendfile/part sent twice", nil, false, &faultserver.Fault{Op: faultserver.OpUploadPart, PartNumber: 2, Times: 1, Action: faultserver.ResetAfterBody()}},
		{"stream/part sent twice", nil, true, &faultserver.Fault{Op: faultserver.OpUploadPart, PartNumber: 2, Times: 1, Action: faultserver.ResetAfterBody()}},
	}
	for _, tc := range uploads {
		t.Run("upload/"+tc.name, func(t *testing.T) {
			fs, m := setup(t, tc.opts...)
			if tc.fault != nil {
				fs.AddFault(*tc.fault)
			}
			rec := &stepRecorder{}
			var err error
			if tc.stream {
				_, err = m.Upload(context.Background(), &transfer.UploadInput{Bucket: "bkt", Key: "k", Body: struct{ io.Reader }{bytes.NewReader(data)}, Progress: rec.fn, Size: size})
			} else {
				_, err = m.UploadFile(context.Background(), &transfer.UploadFileInput{Bucket: "bkt", Key: "k", Path: writeTemp(t, data), Progress: rec.fn})
			}
			if err != nil {
				t.Fatal(err)
			}
			rec.check(t, size, tc.fault != nil)
		})
	}
	downloads := []struct {
		name string
		get  func(m *transfer.Manager, p transfer.ProgressFunc) error
	}{
		{"DownloadFile", func(m *transfer.Manager, p transfer.ProgressFunc) error {
			_, err := m.DownloadFile(context.Background(), &transfer.DownloadFileInput{Bucket: "bkt", Key: "k", Path: filepath.Join(t.TempDir(), "out"), Progress: p})
			return err
		}},
		{"Download", func(m *transfer.Manager, p transfer.ProgressFunc) error {
			_, err := m.Download(context.Background(), &transfer.DownloadInput{Bucket: "bkt", Key: "k", WriterAt: &writerAt{}, Progress: p})
			return err
		}},
		{"DownloadTo", func(m *transfer.Manager, p transfer.ProgressFunc) error {
			_, err := m.DownloadTo(context.Background(), &transfer.DownloadToInput{Bucket: "bkt", Key: "k", Writer: io.Discard, Progress: p})
			return err
		}},
	}
	for _, tc := range downloads {
		t.Run("download/"+tc.name, func(t *testing.T) {
			fs, m := setup(t)
			fs.PutObject("bkt", "k", data)
			rec := &stepRecorder{}
			if err := tc.get(m, rec.fn); err != nil {
				t.Fatal(err)
			}
			rec.check(t, size, false)
		})
	}
}
