package s3_test

import (
	"github.com/google/go-cmp/cmp"

	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"
	"os"
	"strings"
	"testing"

	"github.com/goto3/goto3"
	"github.com/goto3/goto3/credentials"
	"github.com/goto3/goto3/internal/testing/testpeer"
	"github.com/goto3/goto3/retry"
	"github.com/goto3/goto3/services/s3"
	"github.com/goto3/goto3/session"
)

func TestMain(m *testing.M) {
	code := m.Run()
	testpeer.StopShared()
	os.Exit(code)
}

func ptr[T any](v T) *T { return &v }

// clientFor returns a client for a test peer.
func clientFor(t *testing.T, srv *testpeer.Server, optFns ...func(*s3.Options)) *s3.Client {
	t.Helper()
	o := s3.Options{
		Region:      srv.Region,
		Credentials: credentials.NewStatic(srv.AccessKeyID, srv.SecretAccessKey, ""),
		EndpointURL: srv.URL,
	}
	for _, f := range optFns {
		f(&o)
	}
	c, err := newFromOptions(o)
	if err != nil {
		t.Fatal(err)
	}
	return c
}

func TestGoFakeS3Objects(t *testing.T) {
	srv := testpeer.GoFakeS3(t, testpeer.GoFakeS3Options{})
	c := clientFor(t, srv)
	ctx := context.Background()
	bucket := testpeer.BucketName(t)
	if _, err := c.CreateBucket(ctx, &s3.CreateBucketInput{Bucket: bucket}); err != nil {
		t.Fatal(err)
	}
	if _, err := c.HeadBucket(ctx, &s3.HeadBucketInput{Bucket: bucket}); err != nil {
		t.Fatal(err)
	}
	data := []byte("hello, goto3")
	put, err := c.PutObject(ctx, &s3.PutObjectInput{Bucket: bucket, Key: "dir/hello world+%.txt", Body: bytes.NewReader(data), ContentType: ptr("text/plain"), Metadata: map[string]string{"color": "blue"}})
	if err != nil {
		t.Fatal(err)
	}
	if put.ETag == nil || put.ResultMetadata.StatusCode != 200 || put.ResultMetadata.Attempts != 1 || put.ResultMetadata.RequestID == "" {
		t.Errorf("got ETag %v, metadata %+v", put.ETag, put.ResultMetadata)
	}
	head, err := c.HeadObject(ctx, &s3.HeadObjectInput{Bucket: bucket, Key: "dir/hello world+%.txt"})
	if err != nil {
		t.Fatal(err)
	}
	if head.ContentLength == nil || *head.ContentLength != int64(len(data)) || head.Metadata["color"] != "blue" {
		t.Errorf("got length %v, metadata %v", head.ContentLength, head.Metadata)
	}
	get, err := c.GetObject(ctx, &s3.GetObjectInput{Bucket: bucket, Key: "dir/hello world+%.txt"})
	if err != nil {
		t.Fatal(err)
	}
	got, err := io.ReadAll(get.Body)
	get.Body.Close()
	if err != nil || !bytes.Equal(got, data) {
		t.Errorf("got %q, %v; want %q", got, err, data)
	}
	if _, err := c.CopyObject(ctx, &s3.CopyObjectInput{Bucket: bucket, Key: "copy", CopySource: bucket + "/dir/hello world+%.txt"}); err != nil {
		t.Fatal(err)
	}
	for i := range 25 {
		if _, err := c.PutObject(ctx, &s3.PutObjectInput{Bucket: bucket, Key: fmt.Sprintf("list/%02d", i), Body: strings.NewReader("x")}); err != nil {
			t.Fatal(err)
		}
	}
	var keys []string
	var token *string
	for pages := 0; ; pages++ {
		out, err := c.ListObjectsV2(ctx, &s3.ListObjectsV2Input{Bucket: bucket, Prefix: ptr("list/"), MaxKeys: ptr(int32(10)), ContinuationToken: token})
		if err != nil {
			t.Fatal(err)
		}
		for _, o := range out.Contents {
			keys = append(keys, *o.Key)
		}
		if out.IsTruncated == nil || !*out.IsTruncated {
			break
		}
		token = out.NextContinuationToken
		if pages > 10 {
			t.Fatal("too many pages")
		}
	}
	if len(keys) != 25 || keys[0] != "list/00" || keys[24] != "list/24" {
		t.Errorf("got keys %v", keys)
	}
	del, err := c.DeleteObjects(ctx, &s3.DeleteObjectsInput{Bucket: bucket, Delete: &s3.Delete{Objects: []s3.ObjectIdentifier{{Key: "list/00"}, {Key: "list/01"}}}})
	if err != nil {
		t.Fatal(err)
	}
	if len(del.Deleted) != 2 {
		t.Errorf("deleted %d, want 2", len(del.Deleted))
	}
	if _, err := c.DeleteObject(ctx, &s3.DeleteObjectInput{Bucket: bucket, Key: "copy"}); err != nil {
		t.Fatal(err)
	}

	// Errors: the modelled type, the API error, the code helper.
	_, err = c.GetObject(ctx, &s3.GetObjectInput{Bucket: bucket, Key: "copy"})
	var nsk *s3.NoSuchKey
	if !errors.As(err, &nsk) {
		t.Errorf("got %v, want *s3.NoSuchKey", err)
	}
	var api *goto3.APIError
	if !errors.As(err, &api) || api.Code != "NoSuchKey" || api.StatusCode != 404 || api.Attempts != 1 || api.RetriesExhausted {
		t.Errorf("got %+v", api)
	}
	if api.Header.Get("Content-Type") == "" || api.RequestID == "" {
		t.Errorf("error response header %v, request id %q", api.Header, api.RequestID)
	}
	if goto3.ErrorCode(err) != "NoSuchKey" {
		t.Errorf("ErrorCode: got %q", goto3.ErrorCode(err))
	}
	if !strings.HasPrefix(err.Error(), "s3: GetObject: An error occurred (NoSuchKey) when calling the GetObject operation: ") {
		t.Errorf("message %q", err)
	}
	// HEAD has no body: the code is the status, as botocore reports it.
	_, err = c.HeadObject(ctx, &s3.HeadObjectInput{Bucket: bucket, Key: "copy"})
	if goto3.ErrorCode(err) != "404" {
		t.Errorf("got %v, want code 404", err)
	}
}

func TestGoFakeS3Multipart(t *testing.T) {
	srv := testpeer.GoFakeS3(t, testpeer.GoFakeS3Options{AutoBucket: true})
	c := clientFor(t, srv)
	ctx := context.Background()
	bucket := testpeer.BucketName(t)
	create, err := c.CreateMultipartUpload(ctx, &s3.CreateMultipartUploadInput{Bucket: bucket, Key: "big"})
	if err != nil {
		t.Fatal(err)
	}
	parts := [][]byte{bytes.Repeat([]byte("a"), 5<<20), []byte("tail")}
	var done []s3.CompletedPart
	for i, p := range parts {
		n := int32(i + 1)
		up, err := c.UploadPart(ctx, &s3.UploadPartInput{Bucket: bucket, Key: "big", UploadId: *create.UploadId, PartNumber: n, Body: bytes.NewReader(p)})
		if err != nil {
			t.Fatal(err)
		}
		done = append(done, s3.CompletedPart{ETag: up.ETag, PartNumber: &n})
	}
	if _, err := c.CompleteMultipartUpload(ctx, &s3.CompleteMultipartUploadInput{Bucket: bucket, Key: "big", UploadId: *create.UploadId, MultipartUpload: &s3.CompletedMultipartUpload{Parts: done}}); err != nil {
		t.Fatal(err)
	}
	head, err := c.HeadObject(ctx, &s3.HeadObjectInput{Bucket: bucket, Key: "big"})
	if err != nil {
		t.Fatal(err)
	}
	if want := int64(5<<20 + 4); head.ContentLength == nil || *head.ContentLength != want {
		t.Errorf("got length %v, want %d", head.ContentLength, want)
	}
}

func TestValidationBeforeIO(t *testing.T) {
	var sent int
	c, err := newFromOptions(s3.Options{
		Region:      "us-east-1",
		Credentials: credentials.NewStatic("AKID", "SECRET", ""),
		Hooks: goto3.Hooks{BeforeSend: func(context.Context, *http.Request) error {
			sent++
			return errors.New("must not send")
		}},
	})
	if err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	tests := []struct {
		name   string
		call   func() error
		member string
	}{
		{"empty key", func() error { _, err := c.GetObject(ctx, &s3.GetObjectInput{Bucket: "b"}); return err }, "Key"},
		{"no bucket", func() error { _, err := c.HeadObject(ctx, &s3.HeadObjectInput{Key: "k"}); return err }, "Bucket"},
		{"nested", func() error {
			_, err := c.PutBucketCors(ctx, &s3.PutBucketCorsInput{Bucket: "b", CORSConfiguration: &s3.CORSConfiguration{CORSRules: []s3.CORSRule{{AllowedMethods: []string{"GET"}, AllowedOrigins: []string{"*"}}, {AllowedOrigins: []string{"*"}}}}})
			return err
		}, "CORSConfiguration.CORSRules[1].AllowedMethods"},
		{"missing struct", func() error { _, err := c.PutBucketCors(ctx, &s3.PutBucketCorsInput{Bucket: "b"}); return err }, "CORSConfiguration"},
		{"bucket with slash", func() error { _, err := c.HeadBucket(ctx, &s3.HeadBucketInput{Bucket: "a/b"}); return err }, "Bucket"},
		{"bucket with space", func() error {
			_, err := c.GetObject(ctx, &s3.GetObjectInput{Bucket: "my bucket", Key: "k"})
			return err
		}, "Bucket"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := tt.call()
			var ve *goto3.ValidationError
			if !errors.As(err, &ve) || ve.Member != tt.member {
				t.Fatalf("got %v, want a ValidationError for %s", err, tt.member)
			}
		})
	}
	// A nil input says so, rather than naming the first required member.
	if _, err := c.ListObjectsV2(ctx, nil); err == nil || !strings.Contains(err.Error(), "nil input") {
		t.Errorf("nil input: got %v, want an error saying nil input", err)
	}
	if sent != 0 {
		t.Errorf("%d requests sent", sent)
	}
}

func TestNewFromSessionConfig(t *testing.T) {
	srv := testpeer.GoFakeS3(t, testpeer.GoFakeS3Options{AutoBucket: true})
	env := map[string]string{"AWS_CONFIG_FILE": "/nonexistent/config", "AWS_SHARED_CREDENTIALS_FILE": "/nonexistent/credentials"}
	lookup := func(k string) (string, bool) { v, ok := env[k]; return v, ok }
	sess, err := session.New(func(o *session.Options) {
		o.LookupEnv = lookup
		o.HomeDir = t.TempDir()
		o.AccessKeyID, o.SecretAccessKey = srv.AccessKeyID, srv.SecretAccessKey
		o.EndpointURL = srv.URL
	})
	if err != nil {
		t.Fatal(err)
	}
	var nr *goto3.NoRegionError
	if _, err := s3.New(sess.Config()); !errors.As(err, &nr) {
		t.Fatalf("got %v, want NoRegionError", err)
	}
	sess, err = session.New(func(o *session.Options) {
		o.LookupEnv = lookup
		o.HomeDir = t.TempDir()
		o.AccessKeyID, o.SecretAccessKey = srv.AccessKeyID, srv.SecretAccessKey
		o.EndpointURL = srv.URL
		o.Region = "us-east-1"
	})
	if err != nil {
		t.Fatal(err)
	}
	c, err := s3.New(sess.Config(), func(o *s3.Options) { o.RetryMaxAttempts = 5 })
	if err != nil {
		t.Fatal(err)
	}
	if got := c.Options().RetryMaxAttempts; got != 5 {
		t.Errorf("got RetryMaxAttempts %d, want 5", got)
	}
	bucket := testpeer.BucketName(t)
	out, err := c.PutObject(context.Background(), &s3.PutObjectInput{Bucket: bucket, Key: "k", Body: strings.NewReader("v")})
	if err != nil {
		t.Fatal(err)
	}
	if out.ResultMetadata.Attempts != 1 {
		t.Errorf("attempts %d", out.ResultMetadata.Attempts)
	}
	// Per-call options apply to a copy.
	_, err = c.GetObject(context.Background(), &s3.GetObjectInput{Bucket: bucket, Key: "missing"}, func(o *s3.Options) { o.RetryMaxAttempts = 1 })
	var api *goto3.APIError
	if !errors.As(err, &api) || api.Attempts != 1 {
		t.Errorf("got %v", err)
	}
	if got := c.Options().RetryMaxAttempts; got != 5 {
		t.Errorf("per-call option leaked: RetryMaxAttempts %d", got)
	}
	var _ = retry.Standard
}

func staticCreds(id, secret string) credentials.Provider {
	return credentials.NewStatic(id, secret, "")
}

// The schema the codecs walk: S3 request URIs have the bucket removed (the
// endpoint resolver puts it in the host name or the path).
func TestSchemaStripsBucket(t *testing.T) {
	got := map[string]string{}
	for _, op := range s3.OperationSchemas() {
		switch op.Name {
		case "GetObject", "PutBucketCors", "ListBuckets":
			got[op.Name] = op.Method + " " + op.RequestURI + " " + op.Input.Name
		}
	}
	want := map[string]string{
		"GetObject":     "GET /{Key+} GetObjectRequest",
		"ListBuckets":   "GET / ListBucketsRequest",
		"PutBucketCors": "PUT /?cors PutBucketCorsRequest",
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("(-want +got):\n%s", diff)
	}
	if s3.ServiceSchema.Protocol != "rest-xml" {
		t.Errorf("got protocol %q", s3.ServiceSchema.Protocol)
	}
}
