package s3_test

import (
	"bytes"
	"context"
	"io"
	"slices"
	"testing"

	"github.com/goto3/goto3/internal/testing/testpeer"
	"github.com/goto3/goto3/services/s3"
)

// TestCustomizationsPeers runs the customizations against S3 emulators:
// keys that S3 URL-encodes in List* answers (encoding-type=url, which the
// client asks for) come back as stored through the three paginators;
// CopyObject takes the raw "bucket/key" source (the client encodes it).
// None of the three implements SSE-C (moto accepts and ignores the keys):
// the SSE-C customization is compared with botocore's requests only
// (TestCustomizationsBotocore).
func TestCustomizationsPeers(t *testing.T) {
	peers := []struct {
		name  string
		start func(t *testing.T) *testpeer.Server
		// versionPages: the peer pages ListObjectVersions of an
		// unversioned bucket (gofakes3 ends after the first page,
		// versitygw repeats the last key of each page on the next: both
		// without encoding-type too); else one page is asked.
		versionPages bool
	}{
		{"gofakes3", func(t *testing.T) *testpeer.Server { return testpeer.GoFakeS3(t, testpeer.GoFakeS3Options{}) }, false},
		{"moto", func(t *testing.T) *testpeer.Server { return testpeer.Moto(t, testpeer.MotoOptions{}) }, true},
		{"versitygw", func(t *testing.T) *testpeer.Server { return testpeer.Versitygw(t, testpeer.VersitygwOptions{}) }, false},
	}
	keys := []string{"a b", "a+b", "a%2Bb", "dir/é x", "q?x#y", "100%", "~t_u.v-w", "z"}
	for _, p := range peers {
		t.Run(p.name, func(t *testing.T) {
			srv := p.start(t)
			c := clientFor(t, srv)
			ctx := context.Background()
			bucket := testpeer.BucketName(t)
			if _, err := c.CreateBucket(ctx, &s3.CreateBucketInput{Bucket: bucket}); err != nil {
				t.Fatal(err)
			}
			for _, k := range keys {
				if _, err := c.PutObject(ctx, &s3.PutObjectInput{Bucket: bucket, Key: k, Body: bytes.NewReader([]byte(k))}); err != nil {
					t.Fatalf("PutObject %q: %v", k, err)
				}
			}
			t.Cleanup(func() {
				for _, k := range append(keys, "copy") {
					_, _ = c.DeleteObject(context.Background(), &s3.DeleteObjectInput{Bucket: bucket, Key: k})
				}
				_, _ = c.DeleteBucket(context.Background(), &s3.DeleteBucketInput{Bucket: bucket})
			})
			want := slices.Clone(keys)
			slices.Sort(want)
			page := int32(3)
			var v1, v2, vers []string
			for o, err := range c.ListObjectsItems(ctx, &s3.ListObjectsInput{Bucket: bucket, MaxKeys: &page}) {
				if err != nil {
					t.Fatal(err)
				}
				v1 = append(v1, *o.Key)
			}
			for o, err := range c.ListObjectsV2Items(ctx, &s3.ListObjectsV2Input{Bucket: bucket, MaxKeys: &page}) {
				if err != nil {
					t.Fatal(err)
				}
				v2 = append(v2, *o.Key)
			}
			vin := &s3.ListObjectVersionsInput{Bucket: bucket}
			if p.versionPages {
				vin.MaxKeys = &page
			}
			for o, err := range c.ListObjectVersionsItems(ctx, vin) {
				if err != nil {
					t.Fatal(err)
				}
				vers = append(vers, *o.Key)
			}
			for name, got := range map[string][]string{"ListObjects": v1, "ListObjectsV2": v2, "ListObjectVersions": vers} {
				if !slices.Equal(got, want) {
					t.Errorf("%s: got %q\nwant %q", name, got, want)
				}
			}

			if _, err := c.CopyObject(ctx, &s3.CopyObjectInput{Bucket: bucket, Key: "copy", CopySource: bucket + "/dir/é x"}); err != nil {
				t.Fatalf("CopyObject: %v", err)
			}
			get, err := c.GetObject(ctx, &s3.GetObjectInput{Bucket: bucket, Key: "copy"})
			if err != nil {
				t.Fatal(err)
			}
			b, _ := io.ReadAll(get.Body)
			get.Body.Close()
			if string(b) != "dir/é x" {
				t.Errorf("copy holds %q", b)
			}

		})
	}
}
