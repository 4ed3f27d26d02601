package s3_test

import (
	"bytes"
	"context"
	"crypto/sha256"
	"errors"
	"io"
	"strings"
	"testing"

	"github.com/goto3/goto3"
	"github.com/goto3/goto3/internal/testing/testpeer"
	"github.com/goto3/goto3/services/s3"
)

// plainReader hides Seek: the client must stream it aws-chunked.
type plainReader struct{ r io.Reader }

func (p *plainReader) Read(b []byte) (int, error) { return p.r.Read(b) }

func versityBucket(t *testing.T, c *s3.Client) string {
	t.Helper()
	bucket := testpeer.BucketName(t)
	if _, err := c.CreateBucket(context.Background(), &s3.CreateBucketInput{Bucket: bucket}); err != nil {
		t.Fatal(err)
	}
	return bucket
}

func TestVersitygwObjects(t *testing.T) {
	srv := testpeer.Versitygw(t, testpeer.VersitygwOptions{})
	c := clientFor(t, srv)
	ctx := context.Background()
	bucket := versityBucket(t, c)
	data := bytes.Repeat([]byte("goto3 streams "), 30000) // 420000 bytes, 7 chunks
	sum := sha256.Sum256(data)
	n := int64(len(data))
	tests := []struct {
		name string
		body io.Reader
		alg  s3.ChecksumAlgorithm
	}{
		{"seekable", bytes.NewReader(data), ""},
		{"seekable-sha256", bytes.NewReader(data), s3.ChecksumAlgorithmSha256},
		{"chunked", &plainReader{bytes.NewReader(data)}, ""},
		{"chunked-crc32c", &plainReader{bytes.NewReader(data)}, s3.ChecksumAlgorithmCrc32c},
		{"chunked-crc64nvme", &plainReader{bytes.NewReader(data)}, s3.ChecksumAlgorithmCrc64nvme},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			in := &s3.PutObjectInput{Bucket: bucket, Key: "obj/" + tt.name, Body: tt.body, ContentLength: &n}
			if tt.alg != "" {
				in.ChecksumAlgorithm = &tt.alg
			}
			if _, err := c.PutObject(ctx, in); err != nil {
				t.Fatalf("%v\n%s", err, srv.Log())
			}
			get, err := c.GetObject(ctx, &s3.GetObjectInput{Bucket: bucket, Key: "obj/" + tt.name})
			if err != nil {
				t.Fatal(err)
			}
			got, err := io.ReadAll(get.Body)
			get.Body.Close()
			if err != nil {
				t.Fatal(err)
			}
			if sha256.Sum256(got) != sum {
				t.Errorf("got %d bytes back, want the %d put", len(got), len(data))
			}
		})
	}
}

func TestVersitygwCORS(t *testing.T) {
	srv := testpeer.Versitygw(t, testpeer.VersitygwOptions{})
	c := clientFor(t, srv)
	ctx := context.Background()
	bucket := versityBucket(t, c)
	_, err := c.GetBucketCors(ctx, &s3.GetBucketCorsInput{Bucket: bucket})
	if goto3.ErrorCode(err) != "NoSuchCORSConfiguration" {
		t.Fatalf("got %v, want NoSuchCORSConfiguration", err)
	}
	var api *goto3.APIError
	if !errors.As(err, &api) || api.StatusCode != 404 {
		t.Errorf("got %+v", api)
	}
	if want := "s3: GetBucketCors: An error occurred (NoSuchCORSConfiguration) when calling the GetBucketCors operation: "; !strings.HasPrefix(err.Error(), want) {
		t.Errorf("got %q, want prefix %q", err, want)
	}
	rules := &s3.CORSConfiguration{CORSRules: []s3.CORSRule{{
		AllowedMethods: []string{"GET", "PUT"},
		AllowedOrigins: []string{"https://example.com"},
		AllowedHeaders: []string{"*"},
		MaxAgeSeconds:  ptr(int32(3000)),
	}}}
	if _, err := c.PutBucketCors(ctx, &s3.PutBucketCorsInput{Bucket: bucket, CORSConfiguration: rules}); err != nil {
		t.Fatalf("%v\n%s", err, srv.Log())
	}
	got, err := c.GetBucketCors(ctx, &s3.GetBucketCorsInput{Bucket: bucket})
	if err != nil {
		t.Fatal(err)
	}
	if len(got.CORSRules) != 1 || strings.Join(got.CORSRules[0].AllowedMethods, ",") != "GET,PUT" {
		t.Errorf("got rules %+v", got.CORSRules)
	}
	if _, err := c.DeleteBucketCors(ctx, &s3.DeleteBucketCorsInput{Bucket: bucket}); err != nil {
		t.Fatal(err)
	}
	if _, err := c.GetBucketCors(ctx, &s3.GetBucketCorsInput{Bucket: bucket}); goto3.ErrorCode(err) != "NoSuchCORSConfiguration" {
		t.Errorf("after delete: got %v", err)
	}
}

func TestVersitygwWrongSecret(t *testing.T) {
	srv := testpeer.Versitygw(t, testpeer.VersitygwOptions{})
	good := clientFor(t, srv)
	bucket := versityBucket(t, good)
	bad := clientFor(t, srv, func(o *s3.Options) {
		o.Credentials = staticCreds(srv.AccessKeyID, srv.SecretAccessKey+"x")
	})
	ctx := context.Background()
	tests := []struct {
		name string
		call func() error
	}{
		{"ListObjectsV2", func() error {
			_, err := bad.ListObjectsV2(ctx, &s3.ListObjectsV2Input{Bucket: bucket})
			return err
		}},
		{"PutObject", func() error {
			_, err := bad.PutObject(ctx, &s3.PutObjectInput{Bucket: bucket, Key: "k", Body: strings.NewReader("data")})
			return err
		}},
		{"PutObjectChunked", func() error {
			n := int64(4)
			_, err := bad.PutObject(ctx, &s3.PutObjectInput{Bucket: bucket, Key: "k", Body: &plainReader{strings.NewReader("data")}, ContentLength: &n})
			return err
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := tt.call()
			if goto3.ErrorCode(err) != "SignatureDoesNotMatch" {
				t.Fatalf("got %v, want SignatureDoesNotMatch", err)
			}
			if strings.Contains(err.Error(), srv.SecretAccessKey) {
				t.Errorf("error reveals the secret: %v", err)
			}
		})
	}
	// The right secret still works.
	if _, err := good.ListObjectsV2(ctx, &s3.ListObjectsV2Input{Bucket: bucket}); err != nil {
		t.Fatal(err)
	}
}
