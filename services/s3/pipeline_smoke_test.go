package s3_test

import (
	"bytes"
	"context"
	"io"
	"testing"

	"github.com/goto3/goto3/internal/testing/faultserver"
	"github.com/goto3/goto3/services/s3"
)

func TestSmoke(t *testing.T) {
	clock := newFakeClock()
	srv := faultserver.Start(t, faultserver.Options{Now: clock.Now, Buckets: []string{"bkt"}})
	c := faultClient(t, srv, clock)
	ctx := context.Background()
	put := &s3.PutObjectOutput{}
	err := c.Invoke(ctx, s3op(t, "PutObject"), &s3.PutObjectInput{Bucket: "bkt", Key: "a/b c.txt", Body: bytes.NewReader([]byte("hello"))}, put, &put.ResultMetadata)
	if err != nil {
		t.Fatal(err)
	}
	get := &s3.GetObjectOutput{}
	err = c.Invoke(ctx, s3op(t, "GetObject"), &s3.GetObjectInput{Bucket: "bkt", Key: "a/b c.txt"}, get, &get.ResultMetadata)
	if err != nil {
		t.Fatal(err)
	}
	b, err := io.ReadAll(get.Body)
	get.Body.Close()
	if err != nil || string(b) != "hello" {
		t.Fatalf("got %q, %v", b, err)
	}
	head := &s3.HeadObjectOutput{}
	err = c.Invoke(ctx, s3op(t, "HeadObject"), &s3.HeadObjectInput{Bucket: "bkt", Key: "nope"}, head, &head.ResultMetadata)
	t.Log(err)
	for _, r := range srv.Requests() {
		t.Logf("%+v", r)
	}
}
