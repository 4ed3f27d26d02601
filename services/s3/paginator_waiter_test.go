package s3_test

import (
	"github.com/goto3/goto3"

	"bytes"
	"context"
	"errors"
	"fmt"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"golang.org/x/sync/errgroup"

	"github.com/goto3/goto3/internal/testing/testpeer"
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
	t.Run("ListObjectsV2Items", func(t *testing.T) {
		var got []string
		for o, err := range c.ListObjectsV2Items(ctx, &s3.ListObjectsV2Input{Bucket: bucket, MaxKeys: ptr[int32](700)}) {
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
		for _, err := range c.ListObjectsV2Items(ctx, &s3.ListObjectsV2Input{Bucket: bucket, MaxKeys: ptr[int32](10)}) {
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

// fast makes w poll without sleeping and count the sleeps; onSleep, when
// set, runs at each sleep.
func fast[In any](w *goto3.Waiter[In], sleeps *int, onSleep func()) *goto3.Waiter[In] {
	w.Sleep = func(ctx context.Context, d time.Duration) error {
		*sleeps++
		if onSleep != nil {
			onSleep()
		}
		return ctx.Err()
	}
	return w
}

func TestGoFakeS3Waiters(t *testing.T) {
	srv := testpeer.GoFakeS3(t, testpeer.GoFakeS3Options{})
	c := clientFor(t, srv)
	ctx := context.Background()
	bucket := testpeer.BucketName(t)

	var sleeps int
	// The bucket appears while the waiter sleeps: one 404, then 200.
	err := fast(c.BucketExistsWaiter(), &sleeps, func() {
		if _, err := c.CreateBucket(ctx, &s3.CreateBucketInput{Bucket: bucket}); err != nil {
			t.Error(err)
		}
	}).Wait(ctx, &s3.HeadBucketInput{Bucket: bucket})
	if err != nil || sleeps != 1 {
		t.Fatalf("BucketExists: got %v after %d sleeps, want nil after 1", err, sleeps)
	}

	if _, err := c.PutObject(ctx, &s3.PutObjectInput{Bucket: bucket, Key: "a", Body: strings.NewReader("x")}); err != nil {
		t.Fatal(err)
	}
	sleeps = 0
	if err := fast(c.ObjectExistsWaiter(), &sleeps, nil).Wait(ctx, &s3.HeadObjectInput{Bucket: bucket, Key: "a"}); err != nil || sleeps != 0 {
		t.Errorf("ObjectExists after put: got %v after %d sleeps, want nil at once", err, sleeps)
	}

	sleeps = 0
	w := fast(c.ObjectExistsWaiter(), &sleeps, nil)
	w.MaxAttempts = 3
	err = w.Wait(ctx, &s3.HeadObjectInput{Bucket: bucket, Key: "missing"})
	var te *goto3.WaiterTimeoutError
	if !errors.As(err, &te) || te.Attempts != 3 || sleeps != 2 {
		t.Errorf("ObjectExists on a missing key: got %v after %d sleeps, want a WaiterTimeoutError after 3 attempts", err, sleeps)
	}

	if _, err := c.DeleteObject(ctx, &s3.DeleteObjectInput{Bucket: bucket, Key: "a"}); err != nil {
		t.Fatal(err)
	}
	sleeps = 0
	if err := fast(c.ObjectNotExistsWaiter(), &sleeps, nil).Wait(ctx, &s3.HeadObjectInput{Bucket: bucket, Key: "a"}); err != nil || sleeps != 0 {
		t.Errorf("ObjectNotExists after delete: got %v after %d sleeps, want nil at once", err, sleeps)
	}

	if _, err := c.DeleteBucket(ctx, &s3.DeleteBucketInput{Bucket: bucket}); err != nil {
		t.Fatal(err)
	}
	sleeps = 0
	if err := fast(c.BucketNotExistsWaiter(), &sleeps, nil).Wait(ctx, &s3.HeadBucketInput{Bucket: bucket}); err != nil || sleeps != 0 {
		t.Errorf("BucketNotExists after delete: got %v after %d sleeps, want nil at once", err, sleeps)
	}

	// Context cancellation ends the wait during the sleep.
	cctx, cancel := context.WithCancel(ctx)
	cw := c.BucketExistsWaiter()
	cw.Sleep = func(ctx context.Context, d time.Duration) error {
		cancel()
		return ctx.Err()
	}
	err = cw.Wait(cctx, &s3.HeadBucketInput{Bucket: bucket})
	if !errors.Is(err, context.Canceled) {
		t.Errorf("canceled wait: got %v, want context.Canceled", err)
	}
}

// TestVersitygwListObjectVersionsPages follows the two tokens of
// ListObjectVersions (KeyMarker and VersionIdMarker) on a versioned
// bucket, with pages that end between two versions of one key.
func TestVersitygwListObjectVersionsPages(t *testing.T) {
	srv := testpeer.Versitygw(t, testpeer.VersitygwOptions{})
	c := clientFor(t, srv)
	ctx := context.Background()
	bucket := versityBucket(t, c)
	enabled := s3.BucketVersioningStatusEnabled
	if _, err := c.PutBucketVersioning(ctx, &s3.PutBucketVersioningInput{Bucket: bucket, VersioningConfiguration: &s3.VersioningConfiguration{Status: &enabled}}); err != nil {
		t.Fatal(err)
	}
	want := map[string]bool{}
	for _, k := range []string{"a", "b", "c"} {
		for v := range 3 {
			out, err := c.PutObject(ctx, &s3.PutObjectInput{Bucket: bucket, Key: k, Body: strings.NewReader(fmt.Sprint(v))})
			if err != nil {
				t.Fatal(err)
			}
			if out.VersionId == nil {
				t.Fatal("got no version id: versioning is off")
			}
			want[k+"/"+*out.VersionId] = true
		}
	}
	got := map[string]bool{}
	pages := 0
	marker := ""
	for page, err := range c.ListObjectVersionsPages(ctx, &s3.ListObjectVersionsInput{Bucket: bucket, MaxKeys: ptr[int32](2)}) {
		if err != nil {
			t.Fatal(err)
		}
		if pages++; pages > 20 {
			t.Fatal("got more than 20 pages, want at most 6")
		}
		// The paginator sent both markers of the previous page.
		if sent := deref(page.KeyMarker) + "/" + deref(page.VersionIdMarker); pages > 1 && sent != marker {
			t.Errorf("page %d: got markers %s, want %s", pages, sent, marker)
		}
		for _, v := range page.Versions {
			id := *v.Key + "/" + *v.VersionId
			switch {
			case !got[id]:
				got[id] = true
			case id == marker:
				// versitygw v1.8.0 starts a page at the version-id-marker
				// (not after it, as S3 does) when that version is the
				// key's latest; the paginator sent the right markers.
			default:
				t.Errorf("got version %s twice", id)
			}
		}
		marker = deref(page.NextKeyMarker) + "/" + deref(page.NextVersionIdMarker)
	}
	if pages < 5 {
		t.Errorf("got %d pages, want at least 5", pages)
	}
	if len(got) != len(want) {
		t.Errorf("got %d versions, want %d", len(got), len(want))
	}
	for id := range want {
		if !got[id] {
			t.Errorf("missing version %s", id)
		}
	}
}

func deref(p *string) string {
	if p == nil {
		return ""
	}
	return *p
}

// TestGoFakeS3ListMultipartUploadsPages follows KeyMarker and
// UploadIdMarker through ListMultipartUploads, several uploads per key.
// (versitygw v1.8.0 rejects the upload-id-marker it returned itself with
// InvalidArgument "Invalid uploadId marker".)
func TestGoFakeS3ListMultipartUploadsPages(t *testing.T) {
	srv := testpeer.GoFakeS3(t, testpeer.GoFakeS3Options{})
	c := clientFor(t, srv)
	ctx := context.Background()
	bucket := testpeer.BucketName(t)
	if _, err := c.CreateBucket(ctx, &s3.CreateBucketInput{Bucket: bucket}); err != nil {
		t.Fatal(err)
	}
	want := map[string]bool{}
	for _, k := range []string{"a", "a", "a", "b", "c", "c"} {
		out, err := c.CreateMultipartUpload(ctx, &s3.CreateMultipartUploadInput{Bucket: bucket, Key: k})
		if err != nil {
			t.Fatal(err)
		}
		want[k+"/"+*out.UploadId] = true
	}
	got := map[string]bool{}
	pages := 0
	marker := "/"
	for page, err := range c.ListMultipartUploadsPages(ctx, &s3.ListMultipartUploadsInput{Bucket: bucket, MaxUploads: ptr[int32](2)}) {
		if err != nil {
			t.Fatal(err)
		}
		if pages++; pages > 10 {
			t.Fatal("got more than 10 pages, want 3")
		}
		if sent := deref(page.KeyMarker) + "/" + deref(page.UploadIdMarker); sent != marker {
			t.Errorf("page %d: got markers %s, want %s", pages, sent, marker)
		}
		for _, u := range page.Uploads {
			id := *u.Key + "/" + *u.UploadId
			if got[id] {
				t.Errorf("got upload %s twice", id)
			}
			got[id] = true
		}
		marker = deref(page.NextKeyMarker) + "/" + deref(page.NextUploadIdMarker)
	}
	if pages != 3 {
		t.Errorf("got %d pages, want 3", pages)
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("uploads mismatch (-want +got):\n%s", diff)
	}
}
