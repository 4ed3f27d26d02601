package s3_test

import (
	"context"
	"errors"
	"io"
	"net/http"
	"runtime"
	"strings"
	"testing"
	"time"

	"github.com/goto3/goto3/internal/testing/faultserver"
	"github.com/goto3/goto3/retry"
	"github.com/goto3/goto3/services/s3"
	"github.com/goto3/goto3/transport"
)

// The default client (no Options.HTTPClient) times out on a server that
// accepts and never answers, after every attempt the retry mode allows.
func TestReadTimeoutNoAnswerRetried(t *testing.T) {
	clock := newFakeClock()
	srv := faultserver.Start(t, faultserver.Options{Now: clock.Now, Buckets: []string{"bkt"},
		Faults: []faultserver.Fault{{Op: faultserver.OpHeadObject, Action: faultserver.Stall(-1)}}})
	srv.PutObject("bkt", "k", []byte("data"))
	c := faultClient(t, srv, clock, func(o *s3.Options) { o.ReadTimeout = 200 * time.Millisecond })
	start := time.Now()
	out := &s3.HeadObjectOutput{}
	err := c.Invoke(context.Background(), s3op(t, "HeadObject"), &s3.HeadObjectInput{Bucket: "bkt", Key: "k"}, out, &out.ResultMetadata)
	elapsed := time.Since(start)
	if err == nil {
		t.Fatal("HeadObject succeeded against a server that never answers")
	}
	var te *transport.TimeoutError
	if !errors.As(err, &te) || te.Op != "read" {
		t.Fatalf("got %v, want a read *transport.TimeoutError", err)
	}
	var ex *retry.ExhaustedError
	if !errors.As(err, &ex) {
		t.Errorf("got %v, want the retries exhausted", err)
	}
	if n := len(srv.RequestsFor(faultserver.OpHeadObject)); n != 3 {
		t.Errorf("the server saw %d HeadObject requests, want 3 (the standard mode's attempts)", n)
	}
	// Three 200ms timeouts (the fake clock skips the backoff).
	if elapsed > 15*time.Second {
		t.Errorf("took %v, want about 3 x 200ms", elapsed)
	}
	if !strings.Contains(err.Error(), "timeout") {
		t.Errorf("error %q does not say timeout", err)
	}
}

// A response body that stalls half way is a timeout, retried for an
// operation whose body the pipeline reads, and a Read error for a
// streaming body handed to the caller.
func TestReadTimeoutStalledBody(t *testing.T) {
	t.Run("ListObjectsV2", func(t *testing.T) {
		clock := newFakeClock()
		srv := faultserver.Start(t, faultserver.Options{Now: clock.Now, Buckets: []string{"bkt"}})
		srv.PutObject("bkt", "a", []byte("1"))
		stall := faultserver.Handler(func(w http.ResponseWriter, r *http.Request) {
			w.Header().Set("Content-Type", "application/xml")
			w.Header().Set("Content-Length", "4000")
			w.WriteHeader(http.StatusOK)
			io.WriteString(w, `<?xml version="1.0" encoding="UTF-8"?><ListBucketResult><Name>bkt</Name>`)
			w.(http.Flusher).Flush()
			<-r.Context().Done()
		})
		srv.AddFault(faultserver.Fault{Op: faultserver.OpListObjectsV2, Times: 2, Action: stall})
		c := faultClient(t, srv, clock, func(o *s3.Options) { o.ReadTimeout = 200 * time.Millisecond })
		out := &s3.ListObjectsV2Output{}
		start := time.Now()
		if err := c.Invoke(context.Background(), s3op(t, "ListObjectsV2"), &s3.ListObjectsV2Input{Bucket: "bkt"}, out, &out.ResultMetadata); err != nil {
			t.Fatalf("got %v, want success on the third attempt", err)
		}
		if out.ResultMetadata.Attempts != 3 || len(out.Contents) != 1 {
			t.Errorf("got %d attempts and %d keys, want 3 and 1", out.ResultMetadata.Attempts, len(out.Contents))
		}
		// The first two attempts ended by the read timeout (which never
		// fires before 15/16 of it), not by anything faster.
		if d := time.Since(start); d < 2*180*time.Millisecond || d > 15*time.Second {
			t.Errorf("took %v, want two read timeouts of 200ms", d)
		}
	})
	t.Run("GetObject", func(t *testing.T) {
		clock := newFakeClock()
		srv := faultserver.Start(t, faultserver.Options{Now: clock.Now, Buckets: []string{"bkt"},
			Faults: []faultserver.Fault{{Op: faultserver.OpGetObject, Action: faultserver.Stall(1000)}}})
		srv.PutObject("bkt", "k", make([]byte, 100000))
		c := faultClient(t, srv, clock, func(o *s3.Options) { o.ReadTimeout = 200 * time.Millisecond })
		out := &s3.GetObjectOutput{}
		if err := c.Invoke(context.Background(), s3op(t, "GetObject"), &s3.GetObjectInput{Bucket: "bkt", Key: "k"}, out, &out.ResultMetadata); err != nil {
			t.Fatal(err)
		}
		defer out.Body.Close()
		start := time.Now()
		n, err := io.Copy(io.Discard, out.Body)
		if n != 1000 {
			t.Errorf("read %d bytes, want the 1000 sent before the stall", n)
		}
		var te *transport.TimeoutError
		if !errors.As(err, &te) {
			t.Fatalf("got %v, want a *transport.TimeoutError", err)
		}
		if d := time.Since(start); d > 10*time.Second {
			t.Errorf("took %v, want about 200ms", d)
		}
	})
}

// A call cancelled while the server hangs returns at once and leaves no
// goroutine behind.
func TestCancelledCallLeavesNothing(t *testing.T) {
	clock := newFakeClock()
	srv := faultserver.Start(t, faultserver.Options{Now: clock.Now, Buckets: []string{"bkt"},
		Faults: []faultserver.Fault{{Op: faultserver.OpHeadObject, Action: faultserver.Stall(-1)}}})
	c := faultClient(t, srv, clock)
	before := runtime.NumGoroutine()
	for i := 0; i < 3; i++ {
		ctx, cancel := context.WithCancel(context.Background())
		time.AfterFunc(50*time.Millisecond, cancel)
		out := &s3.HeadObjectOutput{}
		err := c.Invoke(ctx, s3op(t, "HeadObject"), &s3.HeadObjectInput{Bucket: "bkt", Key: "k"}, out, &out.ResultMetadata)
		cancel()
		if !errors.Is(err, context.Canceled) {
			t.Fatalf("got %v, want context.Canceled", err)
		}
	}
	deadline := time.Now().Add(5 * time.Second)
	for time.Now().Before(deadline) && runtime.NumGoroutine() > before {
		time.Sleep(20 * time.Millisecond)
	}
	if n := runtime.NumGoroutine(); n > before {
		t.Errorf("%d goroutines after the cancelled calls, %d before", n, before)
	}
}
