package s3_test

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"testing"

	"golang.org/x/sync/errgroup"

	"github.com/goto3/goto3/internal/testing/faultserver"
	"github.com/goto3/goto3/services/s3"
)

// TestConcurrentCalls shares one client among goroutines (run with -race),
// with faults forcing retries on some of them.
func TestConcurrentCalls(t *testing.T) {
	clock := newFakeClock()
	srv := faultserver.Start(t, faultserver.Options{Now: clock.Now, Buckets: []string{"bkt"},
		Faults: []faultserver.Fault{{Op: faultserver.OpPutObject, Times: 5, Action: faultserver.InternalError()}}})
	// Up to all 5 faults can hit one call: leave it attempts enough.
	c := faultClient(t, srv, clock, func(o *s3.Options) { o.RetryMaxAttempts = 6 })
	var g errgroup.Group
	g.SetLimit(8)
	for i := range 32 {
		g.Go(func() error {
			key := fmt.Sprintf("k%02d", i)
			data := bytes.Repeat([]byte{byte('a' + i%26)}, 1000+i)
			put := &s3.PutObjectOutput{}
			if err := c.Invoke(context.Background(), s3op(t, "PutObject"), &s3.PutObjectInput{Bucket: "bkt", Key: key, Body: bytes.NewReader(data)}, put, &put.ResultMetadata); err != nil {
				return err
			}
			get := &s3.GetObjectOutput{}
			if err := c.Invoke(context.Background(), s3op(t, "GetObject"), &s3.GetObjectInput{Bucket: "bkt", Key: key}, get, &get.ResultMetadata); err != nil {
				return err
			}
			defer get.Body.Close()
			b, err := io.ReadAll(get.Body)
			if err != nil {
				return err
			}
			if !bytes.Equal(b, data) {
				return fmt.Errorf("%s: got %d bytes back, want %d", key, len(b), len(data))
			}
			return nil
		})
	}
	if err := g.Wait(); err != nil {
		t.Fatal(err)
	}
	checkVerified(t, srv)
	if got := len(srv.RequestsFor(faultserver.OpPutObject)); got != 32+5 {
		t.Errorf("server saw %d PutObject requests, want 37", got)
	}
}
