package transfer_test

import (
	"github.com/goto3/goto3"

	"bytes"
	"context"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/goto3/goto3/credentials"
	"github.com/goto3/goto3/internal/testing/faultserver"
	"github.com/goto3/goto3/retry"
	"github.com/goto3/goto3/services/s3"
	"github.com/goto3/goto3/transfer"
)

// defaultClient is a client on the SDK's default HTTP transport (no
// HTTPClient), as a user gets from s3.New.
func defaultClient(t *testing.T, fs *faultserver.Server, opts ...func(*s3.Options)) *s3.Client {
	t.Helper()
	r, err := retry.New(retry.Options{BaseDelay: time.Millisecond, MaxBackoff: 5 * time.Millisecond, DisableQuota: true})
	if err != nil {
		t.Fatal(err)
	}
	cr := fs.Credentials()
	o := s3.Options{
		Region:          fs.Region(),
		Credentials:     credentials.NewStatic(cr.AccessKeyID, cr.SecretAccessKey, ""),
		EndpointURL:     fs.URL,
		AddressingStyle: s3.AddressingStylePath,
		Retryer:         r,
	}
	for _, f := range opts {
		f(&o)
	}
	c, err := s3.New(goto3.Config{}, func(co *s3.Options) { *co = o })
	if err != nil {
		t.Fatal(err)
	}
	return c
}

// An upload of 20 parts keeps one connection per concurrent part: the
// default pool (10 idle connections per host) serves Concurrency 10, and a
// client with a smaller pool gets one grown to Concurrency. With net/http's
// default of 2 idle connections per host this upload opened 17, and a
// 1 GiB upload at Concurrency 10 opened 50-88.
func TestUploadConnectionsBoundedByConcurrency(t *testing.T) {
	if testing.Short() {
		t.Skip("uploads 100 MiB")
	}
	data := pattern(100 * mib) // 20 parts of 5 MiB
	path := writeTemp(t, data)
	for _, tc := range []struct {
		name        string
		pool        int
		concurrency int
	}{
		{"default pool", 0, 10},
		{"pool 2", 2, 10},
	} {
		t.Run(tc.name, func(t *testing.T) {
			// Each part waits 30ms at the server, so that Concurrency parts
			// are in flight at once and finish in batches.
			fs := faultserver.Start(t, faultserver.Options{Buckets: []string{"bkt"},
				Faults: []faultserver.Fault{{Op: faultserver.OpUploadPart, Action: faultserver.Delay(30 * time.Millisecond)}}})
			c := defaultClient(t, fs, func(o *s3.Options) { o.MaxPoolConnections = tc.pool })
			m, err := transfer.New(c, func(o *transfer.Options) {
				*o = transfer.Options{PartSize: 5 * mib, MultipartThreshold: 5 * mib, Concurrency: tc.concurrency}
			})
			if err != nil {
				t.Fatal(err)
			}
			res, err := m.UploadFile(context.Background(), &transfer.UploadFileInput{Bucket: "bkt", Key: "big", Path: path})
			if err != nil {
				t.Fatal(err)
			}
			if res.Parts != 20 {
				t.Fatalf("got %d parts, want 20", res.Parts)
			}
			if n := fs.Connections(); n > tc.concurrency {
				t.Errorf("the server saw %d connections, want at most %d", n, tc.concurrency)
			}
			if got := c.Options().MaxPoolConnections; got != tc.pool {
				t.Errorf("transfer.New changed the caller's client: MaxPoolConnections %d, want %d", got, tc.pool)
			}
		})
	}
}

// A download whose body stalls half way times out on the client's read
// timeout and is resumed by the manager's download attempts.
func TestDownloadStalledBodyResumed(t *testing.T) {
	data := pattern(12 * mib) // ranges of 5, 5, 2 MiB
	fs := faultserver.Start(t, faultserver.Options{Buckets: []string{"bkt"}})
	fs.PutObject("bkt", "k", data)
	fs.AddFault(faultserver.Fault{Op: faultserver.OpGetObject, Times: 1, Action: faultserver.Stall(1 << 20)})
	c := defaultClient(t, fs, func(o *s3.Options) { o.ReadTimeout = 300 * time.Millisecond })
	m, err := transfer.New(c, func(o *transfer.Options) { *o = transfer.Options{PartSize: 5 * mib, Concurrency: 3} })
	if err != nil {
		t.Fatal(err)
	}
	dst := filepath.Join(t.TempDir(), "out")
	start := time.Now()
	if _, err := m.DownloadFile(context.Background(), &transfer.DownloadFileInput{Bucket: "bkt", Key: "k", Path: dst}); err != nil {
		t.Fatalf("got %v, want the stalled range resumed", err)
	}
	if d := time.Since(start); d > 20*time.Second {
		t.Errorf("took %v, want about one 300ms timeout", d)
	}
	got, err := os.ReadFile(dst)
	if err != nil || !bytes.Equal(got, data) {
		t.Fatalf("downloaded %d bytes (%v), want the %d bytes uploaded", len(got), err, len(data))
	}
	if n := fs.Fired("stall"); n != 1 {
		t.Errorf("the stall fired %d times, want 1", n)
	}
}
