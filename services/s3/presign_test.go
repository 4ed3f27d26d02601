package s3_test

import (
	"bytes"
	"context"
	"errors"
	"io"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/goto3/goto3"
	"github.com/goto3/goto3/credentials"
	"github.com/goto3/goto3/internal/testing/faultserver"
	"github.com/goto3/goto3/internal/testing/testpeer"
	"github.com/goto3/goto3/services/s3"
	"github.com/goto3/goto3/sigv4"
)

var presignNow = time.Date(2026, 1, 2, 3, 4, 5, 0, time.UTC)

func presignClient(t *testing.T, token string, optFns ...func(*s3.PresignOptions)) *s3.PresignClient {
	t.Helper()
	c, err := newFromOptions(s3.Options{
		Region:      "us-west-2",
		Credentials: credentials.NewStatic("AKIDEXAMPLE", "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY", token),
		Now:         func() time.Time { return presignNow },
	})
	if err != nil {
		t.Fatal(err)
	}
	return s3.NewPresignClient(c, optFns...)
}

func TestPresignRequests(t *testing.T) {
	ctx := context.Background()
	base := url.Values{
		"X-Amz-Algorithm":     {"AWS4-HMAC-SHA256"},
		"X-Amz-Credential":    {"AKIDEXAMPLE/20260102/us-west-2/s3/aws4_request"},
		"X-Amz-Date":          {"20260102T030405Z"},
		"X-Amz-Expires":       {"900"},
		"X-Amz-SignedHeaders": {"host"},
	}
	with := func(kv ...string) url.Values {
		v := url.Values{}
		for k, vs := range base {
			v[k] = vs
		}
		for i := 0; i < len(kv); i += 2 {
			v.Set(kv[i], kv[i+1])
		}
		return v
	}
	tests := []struct {
		name       string
		token      string
		opts       []func(*s3.PresignOptions)
		presign    func(p *s3.PresignClient) (*s3.PresignedRequest, error)
		wantMethod string
		wantHost   string
		wantPath   string
		wantQuery  url.Values
		wantHeader http.Header
	}{
		{
			name: "GetObject virtual-hosted, default 15 minutes",
			presign: func(p *s3.PresignClient) (*s3.PresignedRequest, error) {
				return p.PresignGetObject(ctx, &s3.GetObjectInput{Bucket: "bkt", Key: "dir/a b+c.txt"})
			},
			wantMethod: "GET", wantHost: "bkt.s3.us-west-2.amazonaws.com", wantPath: "/dir/a%20b%2Bc.txt",
			wantQuery: base,
		},
		{
			name: "GetObject response overrides and an hour",
			presign: func(p *s3.PresignClient) (*s3.PresignedRequest, error) {
				return p.PresignGetObject(ctx, &s3.GetObjectInput{Bucket: "bkt", Key: "k", ResponseContentType: ptr("text/plain")}, expiresIn(time.Hour))
			},
			wantMethod: "GET", wantHost: "bkt.s3.us-west-2.amazonaws.com", wantPath: "/k",
			wantQuery: with("X-Amz-Expires", "3600", "response-content-type", "text/plain"),
		},
		{
			name: "PutObject signs Content-Type",
			opts: []func(*s3.PresignOptions){func(o *s3.PresignOptions) { o.Expires = 5 * time.Minute }},
			presign: func(p *s3.PresignClient) (*s3.PresignedRequest, error) {
				return p.PresignPutObject(ctx, &s3.PutObjectInput{Bucket: "bkt", Key: "k", ContentType: ptr("image/png"), Body: strings.NewReader("ignored")})
			},
			wantMethod: "PUT", wantHost: "bkt.s3.us-west-2.amazonaws.com", wantPath: "/k",
			wantQuery:  with("X-Amz-Expires", "300", "X-Amz-SignedHeaders", "content-type;host"),
			wantHeader: http.Header{"Content-Type": {"image/png"}},
		},
		{
			name: "UploadPart path style per call",
			presign: func(p *s3.PresignClient) (*s3.PresignedRequest, error) {
				return p.PresignUploadPart(ctx, &s3.UploadPartInput{Bucket: "bkt", Key: "k", PartNumber: 3, UploadId: "up/1"},
					func(o *s3.PresignOptions) {
						o.ClientOptions = append(o.ClientOptions, func(o *s3.Options) { o.AddressingStyle = s3.AddressingStylePath })
					})
			},
			wantMethod: "PUT", wantHost: "s3.us-west-2.amazonaws.com", wantPath: "/bkt/k",
			wantQuery: with("partNumber", "3", "uploadId", "up/1"),
		},
		{
			name: "HeadObject",
			presign: func(p *s3.PresignClient) (*s3.PresignedRequest, error) {
				return p.PresignHeadObject(ctx, &s3.HeadObjectInput{Bucket: "bkt", Key: "k"})
			},
			wantMethod: "HEAD", wantHost: "bkt.s3.us-west-2.amazonaws.com", wantPath: "/k", wantQuery: base,
		},
		{
			name: "DeleteObject with a version and a session token", token: "TOKEN/+=",
			presign: func(p *s3.PresignClient) (*s3.PresignedRequest, error) {
				return p.PresignDeleteObject(ctx, &s3.DeleteObjectInput{Bucket: "bkt", Key: "k", VersionId: ptr("v1")})
			},
			wantMethod: "DELETE", wantHost: "bkt.s3.us-west-2.amazonaws.com", wantPath: "/k",
			wantQuery: with("versionId", "v1", "X-Amz-Security-Token", "TOKEN/+="),
		},
		{
			name: "other region per call",
			presign: func(p *s3.PresignClient) (*s3.PresignedRequest, error) {
				return p.PresignGetObject(ctx, &s3.GetObjectInput{Bucket: "bkt", Key: "k"}, func(o *s3.PresignOptions) {
					o.ClientOptions = append(o.ClientOptions, func(o *s3.Options) { o.Region = "eu-west-1" })
				})
			},
			wantMethod: "GET", wantHost: "bkt.s3.eu-west-1.amazonaws.com", wantPath: "/k",
			wantQuery: with("X-Amz-Credential", "AKIDEXAMPLE/20260102/eu-west-1/s3/aws4_request"),
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p := presignClient(t, tt.token, tt.opts...)
			pr, err := tt.presign(p)
			if err != nil {
				t.Fatal(err)
			}
			u, err := url.Parse(pr.URL)
			if err != nil {
				t.Fatal(err)
			}
			if pr.Method != tt.wantMethod || u.Scheme != "https" || u.Host != tt.wantHost || u.EscapedPath() != tt.wantPath {
				t.Errorf("got %s %s://%s%s, want %s https://%s%s", pr.Method, u.Scheme, u.Host, u.EscapedPath(), tt.wantMethod, tt.wantHost, tt.wantPath)
			}
			q := u.Query()
			sig := q.Get("X-Amz-Signature")
			q.Del("X-Amz-Signature")
			if len(sig) != 64 || strings.Trim(sig, "0123456789abcdef") != "" {
				t.Errorf("got signature %q, want 64 lower-case hex digits", sig)
			}
			if diff := cmp.Diff(tt.wantQuery, q); diff != "" {
				t.Errorf("query mismatch (-want +got):\n%s", diff)
			}
			wantHeader := http.Header{"Host": {tt.wantHost}}
			for k, v := range tt.wantHeader {
				wantHeader[k] = v
			}
			if diff := cmp.Diff(wantHeader, pr.SignedHeader); diff != "" {
				t.Errorf("signed headers mismatch (-want +got):\n%s", diff)
			}
			var wantExpires time.Duration
			if d, err := time.ParseDuration(tt.wantQuery.Get("X-Amz-Expires") + "s"); err == nil {
				wantExpires = d
			}
			if !pr.Expires.Equal(presignNow.Add(wantExpires)) {
				t.Errorf("got Expires %v, want %v", pr.Expires, presignNow.Add(wantExpires))
			}

			// The server's verifier accepts it, and rejects it once tampered.
			req, err := http.NewRequest(pr.Method, pr.URL, nil)
			if err != nil {
				t.Fatal(err)
			}
			for k, v := range pr.SignedHeader {
				req.Header[k] = v
			}
			vo := sigv4.VerifyOptions{
				Lookup: func(id string) (sigv4.Credentials, bool) {
					return sigv4.Credentials{AccessKeyID: id, SecretAccessKey: "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY", SessionToken: tt.token}, id == "AKIDEXAMPLE"
				},
				Now: presignNow.Add(time.Minute), Signer: sigv4.NewSigner(sigv4.S3Options),
			}
			if _, err := sigv4.Verify(req, vo); err != nil {
				t.Errorf("Verify: %v", err)
			}
			req.URL.Path += "x"
			if _, err := sigv4.Verify(req, vo); err == nil {
				t.Error("Verify accepted a changed path")
			}
		})
	}
}

func TestPresignErrors(t *testing.T) {
	ctx := context.Background()
	p := presignClient(t, "")
	_, err := p.PresignGetObject(ctx, &s3.GetObjectInput{Bucket: "bkt"})
	var ve *goto3.ValidationError
	var oe *goto3.OperationError
	if !errors.As(err, &ve) || ve.Member != "Key" || !errors.As(err, &oe) || oe.Operation != "GetObject" {
		t.Errorf("missing key: got %v, want a ValidationError for Key in an OperationError", err)
	}
	if _, err := p.PresignPutObject(ctx, &s3.PutObjectInput{Bucket: "bkt", Key: "k"}, expiresIn(8*24*time.Hour)); err == nil {
		t.Error("8 days: got nil, want an error (at most 7 days)")
	}
	if _, err := p.PresignGetObject(ctx, nil); err == nil {
		t.Error("nil input: got nil, want a validation error")
	}
}

// send sends a presigned request with plain net/http, with the signed
// headers and body.
func send(t *testing.T, pr *s3.PresignedRequest, body []byte) (*http.Response, []byte) {
	t.Helper()
	var r io.Reader
	if body != nil {
		r = bytes.NewReader(body)
	}
	req, err := http.NewRequest(pr.Method, pr.URL, r)
	if err != nil {
		t.Fatal(err)
	}
	for k, v := range pr.SignedHeader {
		if k != "Host" {
			req.Header[k] = v
		}
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatal(err)
	}
	return resp, b
}

// presignRoundTrip puts an object through a presigned PUT, reads it with a
// presigned GET and HEAD, checks it with the client, and deletes it with a
// presigned DELETE.
func presignRoundTrip(t *testing.T, c *s3.Client, bucket string) {
	ctx := context.Background()
	p := s3.NewPresignClient(c)
	data := []byte("presigned goto3 data")

	put, err := p.PresignPutObject(ctx, &s3.PutObjectInput{Bucket: bucket, Key: "pre/signed.txt", ContentType: ptr("text/plain")}, expiresIn(time.Minute))
	if err != nil {
		t.Fatal(err)
	}
	if resp, b := send(t, put, data); resp.StatusCode != 200 {
		t.Fatalf("presigned PUT: got %s %s", resp.Status, b)
	}
	get, err := p.PresignGetObject(ctx, &s3.GetObjectInput{Bucket: bucket, Key: "pre/signed.txt"})
	if err != nil {
		t.Fatal(err)
	}
	resp, b := send(t, get, nil)
	if resp.StatusCode != 200 || !bytes.Equal(b, data) {
		t.Fatalf("presigned GET: got %s %q, want 200 %q", resp.Status, b, data)
	}
	head, err := c.HeadObject(ctx, &s3.HeadObjectInput{Bucket: bucket, Key: "pre/signed.txt"})
	if err != nil {
		t.Fatal(err)
	}
	if head.ContentType == nil || *head.ContentType != "text/plain" {
		t.Errorf("got Content-Type %v, want text/plain", head.ContentType)
	}
	ph, err := p.PresignHeadObject(ctx, &s3.HeadObjectInput{Bucket: bucket, Key: "pre/signed.txt"})
	if err != nil {
		t.Fatal(err)
	}
	if resp, _ := send(t, ph, nil); resp.StatusCode != 200 || resp.ContentLength != int64(len(data)) {
		t.Errorf("presigned HEAD: got %s, length %d", resp.Status, resp.ContentLength)
	}
	del, err := p.PresignDeleteObject(ctx, &s3.DeleteObjectInput{Bucket: bucket, Key: "pre/signed.txt"})
	if err != nil {
		t.Fatal(err)
	}
	if resp, b := send(t, del, nil); resp.StatusCode != 204 && resp.StatusCode != 200 {
		t.Fatalf("presigned DELETE: got %s %s", resp.Status, b)
	}
	_, err = c.HeadObject(ctx, &s3.HeadObjectInput{Bucket: bucket, Key: "pre/signed.txt"})
	if api := (*goto3.APIError)(nil); !errors.As(err, &api) || api.StatusCode != 404 {
		t.Errorf("after the presigned DELETE: got %v, want a 404", err)
	}
}

func TestPresignGoFakeS3(t *testing.T) {
	srv := testpeer.GoFakeS3(t, testpeer.GoFakeS3Options{})
	c := clientFor(t, srv)
	bucket := testpeer.BucketName(t)
	if _, err := c.CreateBucket(context.Background(), &s3.CreateBucketInput{Bucket: bucket}); err != nil {
		t.Fatal(err)
	}
	presignRoundTrip(t, c, bucket)
}

// TestPresignVersitygw uses versitygw, which verifies presigned signatures:
// good URLs work, tampered, expired and wrongly keyed ones do not, and a
// multipart upload goes through presigned UploadPart URLs.
func TestPresignVersitygw(t *testing.T) {
	srv := testpeer.Versitygw(t, testpeer.VersitygwOptions{})
	c := clientFor(t, srv)
	ctx := context.Background()
	bucket := versityBucket(t, c)
	presignRoundTrip(t, c, bucket)

	if _, err := c.PutObject(ctx, &s3.PutObjectInput{Bucket: bucket, Key: "k", Body: strings.NewReader("v")}); err != nil {
		t.Fatal(err)
	}
	p := s3.NewPresignClient(c)
	get, err := p.PresignGetObject(ctx, &s3.GetObjectInput{Bucket: bucket, Key: "k"})
	if err != nil {
		t.Fatal(err)
	}
	tampered := *get
	tampered.URL = strings.Replace(get.URL, "/k?", "/k2?", 1)
	if resp, b := send(t, &tampered, nil); resp.StatusCode != 403 || !bytes.Contains(b, []byte("SignatureDoesNotMatch")) {
		t.Errorf("tampered URL: got %s %s, want 403 SignatureDoesNotMatch", resp.Status, b)
	}
	// A URL signed an hour ago for a minute. (The clock is a client
	// option: per-call options share the client's retryer and its clock.)
	past := s3.NewPresignClient(clientFor(t, srv, func(o *s3.Options) { o.Now = func() time.Time { return time.Now().Add(-time.Hour) } }))
	old, err := past.PresignGetObject(ctx, &s3.GetObjectInput{Bucket: bucket, Key: "k"}, expiresIn(time.Minute))
	if err != nil {
		t.Fatal(err)
	}
	if resp, b := send(t, old, nil); resp.StatusCode != 403 {
		t.Errorf("expired URL: got %s %s, want 403", resp.Status, b)
	}
	wrong, err := p.PresignGetObject(ctx, &s3.GetObjectInput{Bucket: bucket, Key: "k"}, func(o *s3.PresignOptions) {
		o.ClientOptions = append(o.ClientOptions, func(o *s3.Options) {
			o.Credentials = credentials.NewStatic(srv.AccessKeyID, "wrong-secret", "")
		})
	})
	if err != nil {
		t.Fatal(err)
	}
	if resp, b := send(t, wrong, nil); resp.StatusCode != 403 || !bytes.Contains(b, []byte("SignatureDoesNotMatch")) {
		t.Errorf("wrong secret: got %s %s, want 403 SignatureDoesNotMatch", resp.Status, b)
	}

	// Multipart upload through presigned UploadPart URLs.
	mpu, err := c.CreateMultipartUpload(ctx, &s3.CreateMultipartUploadInput{Bucket: bucket, Key: "mp"})
	if err != nil {
		t.Fatal(err)
	}
	parts := [][]byte{bytes.Repeat([]byte("a"), 5<<20), []byte("tail")}
	var done []s3.CompletedPart
	for i, data := range parts {
		n := int32(i + 1)
		pr, err := p.PresignUploadPart(ctx, &s3.UploadPartInput{Bucket: bucket, Key: "mp", UploadId: *mpu.UploadId, PartNumber: n})
		if err != nil {
			t.Fatal(err)
		}
		resp, b := send(t, pr, data)
		if resp.StatusCode != 200 {
			t.Fatalf("presigned UploadPart %d: got %s %s", n, resp.Status, b)
		}
		done = append(done, s3.CompletedPart{PartNumber: &n, ETag: ptr(resp.Header.Get("ETag"))})
	}
	if _, err := c.CompleteMultipartUpload(ctx, &s3.CompleteMultipartUploadInput{Bucket: bucket, Key: "mp", UploadId: *mpu.UploadId, MultipartUpload: &s3.CompletedMultipartUpload{Parts: done}}); err != nil {
		t.Fatal(err)
	}
	head, err := c.HeadObject(ctx, &s3.HeadObjectInput{Bucket: bucket, Key: "mp"})
	if err != nil {
		t.Fatal(err)
	}
	if want := int64(5<<20 + 4); head.ContentLength == nil || *head.ContentLength != want {
		t.Errorf("got length %v, want %d", head.ContentLength, want)
	}
}

// TestPresignFaultServer uses the repository's verifying fault server.
func TestPresignFaultServer(t *testing.T) {
	srv := faultserver.Start(t, faultserver.Options{Buckets: []string{"bkt"}})
	cr := srv.Credentials()
	c, err := newFromOptions(s3.Options{
		Region:      srv.Region(),
		Credentials: credentials.NewStatic(cr.AccessKeyID, cr.SecretAccessKey, cr.SessionToken),
		EndpointURL: srv.URL,
	})
	if err != nil {
		t.Fatal(err)
	}
	presignRoundTrip(t, c, "bkt")
	var presigned int
	for _, r := range srv.Requests() {
		if strings.Contains(r.RawQuery, "X-Amz-Signature=") {
			presigned++
			if r.Status >= 300 {
				t.Errorf("presigned %s %s: got status %d (%s)", r.Method, r.Path, r.Status, r.ErrorCode)
			}
		}
	}
	if presigned != 4 {
		t.Errorf("got %d presigned requests, want 4", presigned)
	}
	wrong := s3.NewPresignClient(c, func(o *s3.PresignOptions) {
		o.ClientOptions = []func(*s3.Options){func(o *s3.Options) { o.Credentials = credentials.NewStatic(cr.AccessKeyID, "wrong", "") }}
	})
	pr, err := wrong.PresignGetObject(context.Background(), &s3.GetObjectInput{Bucket: "bkt", Key: "k"})
	if err != nil {
		t.Fatal(err)
	}
	if resp, b := send(t, pr, nil); resp.StatusCode != 403 || !bytes.Contains(b, []byte("SignatureDoesNotMatch")) {
		t.Errorf("wrong secret: got %s %s, want 403 SignatureDoesNotMatch", resp.Status, b)
	}
}
