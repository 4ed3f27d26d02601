package s3_test

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"slices"
	"strings"
	"testing"
	"time"

	"golang.org/x/sync/errgroup"

	"github.com/goto3/goto3/internal/testpeer"
	"github.com/goto3/goto3/services/s3"
)

// putKeys creates n empty objects named k0000, k0001, ... in bucket.
func putKeys(t *testing.T, c *s3.Client, bucket string, n int) []string {
	t.Helper()
	keys := make([]string, n)
	g, ctx := errgroup.WithContext(context.Background())
	g.SetLimit(8)
	for i := range keys {
		keys[i] = fmt.Sprintf("k%04d", i)
		g.Go(func() error {
			_, err := c.PutObject(ctx, &s3.PutObjectInput{Bucket: bucket, Key: keys[i], Body: bytes.NewReader(nil)})
			return err
		})
	}
	if err := g.Wait(); err != nil {
		t.Fatal(err)
	}
	return keys
}

func TestGoFakeS3Pagination(t *testing.T) {
	srv := testpeer.GoFakeS3(t, testpeer.GoFakeS3Options{})
	c := clientFor(t, srv)
	ctx := context.Background()
	bucket := testpeer.BucketName(t)
	if _, err := c.CreateBucket(ctx, &s3.CreateBucketInput{Bucket: bucket}); err != nil {
		t.Fatal(err)
	}
	want := putKeys(t, c, bucket, 2500)

	t.Run("ListObjectsV2Pages", func(t *testing.T) {
		in := &s3.ListObjectsV2Input{Bucket: bucket, MaxKeys: ptr[int32](1000)}
		var got []string
		var sizes []int
		for page, err := range c.ListObjectsV2Pages(ctx, in) {
			if err != nil {
				t.Fatal(err)
			}
			sizes = append(sizes, len(page.Contents))
			for _, o := range page.Contents {
				got = append(got, *o.Key)
			}
		}
		if !slices.Equal(sizes, []int{1000, 1000, 500}) {
			t.Errorf("got page sizes %v, want [1000 1000 500]", sizes)
		}
		if !slices.Equal(got, want) {
			t.Errorf("got %d keys (first %v), want the 2500 keys in order", len(got), got[:min(3, len(got))])
		}
		if in.ContinuationToken != nil {
			t.Errorf("got the caller's input changed (ContinuationToken %q)", *in.ContinuationToken)
		}
	})
	t.Run("ListObjectsV2Contents", func(t *testing.T) {
		var got []string
		for o, err := range c.ListObjectsV2Contents(ctx, &s3.ListObjectsV2Input{Bucket: bucket, MaxKeys: ptr[int32](700)}) {
			if err != nil {
				t.Fatal(err)
			}
			got = append(got, *o.Key)
		}
		if !slices.Equal(got, want) {
			t.Errorf("got %d keys, want the 2500 keys in order", len(got))
		}
	})
	t.Run("ListObjectsPages", func(t *testing.T) {
		// ListObjects without a delimiter gives no NextMarker: the next
		// marker is the last key, "NextMarker || Contents[-1].Key".
		var got []string
		pages := 0
		for page, err := range c.ListObjectsPages(ctx, &s3.ListObjectsInput{Bucket: bucket, MaxKeys: ptr[int32](1000)}) {
			if err != nil {
				t.Fatal(err)
			}
			pages++
			for _, o := range page.Contents {
				got = append(got, *o.Key)
			}
		}
		if pages != 3 || !slices.Equal(got, want) {
			t.Errorf("got %d pages and %d keys, want 3 pages and the 2500 keys in order", pages, len(got))
		}
	})
	t.Run("break stops the calls", func(t *testing.T) {
		n := 0
		for _, err := range c.ListObjectsV2Contents(ctx, &s3.ListObjectsV2Input{Bucket: bucket, MaxKeys: ptr[int32](10)}) {
			if err != nil {
				t.Fatal(err)
			}
			if n++; n == 15 {
				break
			}
		}
		if n != 15 {
			t.Errorf("got %d items, want 15", n)
		}
	})
	t.Run("error", func(t *testing.T) {
		var errs int
		for page, err := range c.ListObjectsV2Pages(ctx, &s3.ListObjectsV2Input{Bucket: bucket + "-missing"}) {
			if err == nil || page != nil {
				t.Fatalf("got page %v, error %v; want only an error", page, err)
			}
			var nsb *s3.NoSuchBucket
			if !errors.As(err, &nsb) && !strings.Contains(err.Error(), "NoSuchBucket") {
				t.Errorf("got %v, want NoSuchBucket", err)
			}
			errs++
		}
		if errs != 1 {
			t.Errorf("got %d errors, want 1", errs)
		}
	})
}

// fastWaiter makes a waiter poll without sleeping and counts the sleeps;
// onSleep, when set, runs at each sleep.
func fastWaiter(sleeps *int, onSleep func()) func(*s3.WaiterOptions) {
	return func(o *s3.WaiterOptions) {
		o.Sleep = func(ctx context.Context, d time.Duration) error {
			*sleeps++
			if onSleep != nil {
				onSleep()
			}
			return ctx.Err()
		}
	}
}

func TestGoFakeS3Waiters(t *testing.T) {
	srv := testpeer.GoFakeS3(t, testpeer.GoFakeS3Options{})
	c := clientFor(t, srv)
	ctx := context.Background()
	bucket := testpeer.BucketName(t)

	var sleeps int
	// The bucket appears while the waiter sleeps: one 404, then 200.
	err := c.WaitUntilBucketExists(ctx, &s3.HeadBucketInput{Bucket: bucket}, fastWaiter(&sleeps, func() {
		if _, err := c.CreateBucket(ctx, &s3.CreateBucketInput{Bucket: bucket}); err != nil {
			t.Error(err)
		}
	}))
	if err != nil || sleeps != 1 {
		t.Fatalf("BucketExists: got %v after %d sleeps, want nil after 1", err, sleeps)
	}

	if _, err := c.PutObject(ctx, &s3.PutObjectInput{Bucket: bucket, Key: "a", Body: strings.NewReader("x")}); err != nil {
		t.Fatal(err)
	}
	sleeps = 0
	if err := c.WaitUntilObjectExists(ctx, &s3.HeadObjectInput{Bucket: bucket, Key: "a"}, fastWaiter(&sleeps, nil)); err != nil || sleeps != 0 {
		t.Errorf("ObjectExists after put: got %v after %d sleeps, want nil at once", err, sleeps)
	}

	sleeps = 0
	err = c.WaitUntilObjectExists(ctx, &s3.HeadObjectInput{Bucket: bucket, Key: "missing"}, fastWaiter(&sleeps, nil), func(o *s3.WaiterOptions) { o.MaxAttempts = 3 })
	var te *s3.WaiterTimeoutError
	if !errors.As(err, &te) || te.Attempts != 3 || sleeps != 2 {
		t.Errorf("ObjectExists on a missing key: got %v after %d sleeps, want a WaiterTimeoutError after 3 attempts", err, sleeps)
	}

	if _, err := c.DeleteObject(ctx, &s3.DeleteObjectInput{Bucket: bucket, Key: "a"}); err != nil {
		t.Fatal(err)
	}
	sleeps = 0
	if err := c.WaitUntilObjectNotExists(ctx, &s3.HeadObjectInput{Bucket: bucket, Key: "a"}, fastWaiter(&sleeps, nil)); err != nil || sleeps != 0 {
		t.Errorf("ObjectNotExists after delete: got %v after %d sleeps, want nil at once", err, sleeps)
	}

	if _, err := c.DeleteBucket(ctx, &s3.DeleteBucketInput{Bucket: bucket}); err != nil {
		t.Fatal(err)
	}
	sleeps = 0
	if err := c.WaitUntilBucketNotExists(ctx, &s3.HeadBucketInput{Bucket: bucket}, fastWaiter(&sleeps, nil)); err != nil || sleeps != 0 {
		t.Errorf("BucketNotExists after delete: got %v after %d sleeps, want nil at once", err, sleeps)
	}

	// Context cancellation ends the wait during the sleep.
	cctx, cancel := context.WithCancel(ctx)
	err = c.WaitUntilBucketExists(cctx, &s3.HeadBucketInput{Bucket: bucket}, func(o *s3.WaiterOptions) {
		o.Sleep = func(ctx context.Context, d time.Duration) error {
			cancel()
			return ctx.Err()
		}
	})
	if !errors.Is(err, context.Canceled) {
		t.Errorf("canceled wait: got %v, want context.Canceled", err)
	}
}
