package s3_test

import (
	"bytes"
	"context"
	"io"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/goto3/goto3/internal/testing/faultserver"
	"github.com/goto3/goto3/services/s3"
)

func TestPresignedURLs(t *testing.T) {
	clock := newFakeClock()
	srv := faultserver.Start(t, faultserver.Options{Now: clock.Now, Buckets: []string{"bkt"}})
	c := faultClient(t, srv, clock)
	ctx := context.Background()
	data := []byte("uploaded with a presigned URL")

	put, err := c.Presign(ctx, s3op(t, "PutObject"), &s3.PutObjectInput{Bucket: "bkt", Key: "dir/pre signed.txt", ContentType: ptrTo("text/plain")}, 15*time.Minute)
	if err != nil {
		t.Fatal(err)
	}
	if put.Method != "PUT" || !strings.Contains(put.URL, "X-Amz-Signature=") || put.Header.Get("Content-Type") != "text/plain" {
		t.Errorf("got %+v", put)
	}
	if !put.Expires.Equal(clock.Now().Add(15 * time.Minute)) {
		t.Errorf("expires %v", put.Expires)
	}
	req, _ := http.NewRequest(put.Method, put.URL, bytes.NewReader(data))
	for k, v := range put.Header {
		if k != "Host" {
			req.Header[k] = v
		}
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != 200 {
		t.Fatalf("presigned PUT: status %d", resp.StatusCode)
	}

	get, err := c.Presign(ctx, s3op(t, "GetObject"), &s3.GetObjectInput{Bucket: "bkt", Key: "dir/pre signed.txt"}, time.Hour)
	if err != nil {
		t.Fatal(err)
	}
	resp, err = http.Get(get.URL)
	if err != nil {
		t.Fatal(err)
	}
	got, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	if resp.StatusCode != 200 || !bytes.Equal(got, data) {
		t.Errorf("presigned GET: status %d, body %q", resp.StatusCode, got)
	}
	checkVerified(t, srv)
	if n := len(srv.Requests()); n != 2 {
		t.Errorf("server saw %d requests", n)
	}

	// A tampered URL fails.
	resp, err = http.Get(strings.Replace(get.URL, "pre%20signed", "other", 1))
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != 403 {
		t.Errorf("tampered URL: status %d, want 403", resp.StatusCode)
	}
	// Validation still runs first.
	if _, err := c.Presign(ctx, s3op(t, "GetObject"), &s3.GetObjectInput{Bucket: "bkt"}, time.Hour); err == nil {
		t.Errorf("presigned a GetObject without a Key")
	}
}
