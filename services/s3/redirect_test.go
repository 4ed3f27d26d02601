package s3_test

import (
	"bytes"
	"context"
	"errors"
	"io"
	"net/http"
	"net/url"
	"strings"
	"sync"
	"testing"

	"github.com/goto3/goto3"
	"github.com/goto3/goto3/credentials"
	"github.com/goto3/goto3/internal/testing/faultserver"
	"github.com/goto3/goto3/services/s3"
)

// regionServer is a fault server in us-east-1 whose bucket "far" lives in
// eu-west-1, and a client of it in us-east-1.
func regionServer(t *testing.T, malformed bool) (*faultserver.Server, *s3.Client) {
	t.Helper()
	clock := newFakeClock()
	srv := faultserver.Start(t, faultserver.Options{Now: clock.Now, Buckets: []string{"far", "near"},
		BucketRegions: map[string]string{"far": "eu-west-1"}, WrongRegionMalformed: malformed})
	return srv, faultS3Client(t, srv, clock)
}

// wrongRegionAnswers counts the requests the server refused for their
// region.
func wrongRegionAnswers(srv *faultserver.Server) (n int) {
	for _, r := range srv.Requests() {
		if r.Status == http.StatusMovedPermanently || r.Status == http.StatusBadRequest {
			n++
		}
	}
	return n
}

// TestRegionRedirect: a call for a bucket of another region is redirected
// once to the bucket's region (named by x-amz-bucket-region with a 301, by
// <Region> with a 400 AuthorizationHeaderMalformed, by the header of a
// HEAD's bare answer), its signature verified by the server; the client
// remembers the region for the bucket (per-call clients and presigned URLs
// too) and leaves other buckets in its own region.
func TestRegionRedirect(t *testing.T) {
	ctx := context.Background()
	for _, malformed := range []bool{false, true} {
		name := map[bool]string{false: "301", true: "400"}[malformed]
		t.Run(name, func(t *testing.T) {
			srv, c := regionServer(t, malformed)
			data := []byte("far away")
			out, err := c.PutObject(ctx, &s3.PutObjectInput{Bucket: "far", Key: "a b", Body: bytes.NewReader(data)})
			if err != nil {
				t.Fatal(err)
			}
			if out.ResultMetadata.Attempts != 2 {
				t.Errorf("PutObject: %d attempts, want 2 (the redirect)", out.ResultMetadata.Attempts)
			}
			reqs := srv.Requests()
			if len(reqs) != 2 || reqs[0].Status != map[bool]int{false: 301, true: 400}[malformed] || reqs[1].Status != 200 || reqs[1].BodyLen != int64(len(data)) {
				t.Fatalf("requests %+v", reqs)
			}
			if r, ok := s3.CachedRegion(c, "far"); !ok || r != "eu-west-1" {
				t.Errorf("cached region %q %v", r, ok)
			}
			// Later calls go to eu-west-1 at once: a per-call client, a
			// HEAD (whose error answer has no body), a presigned URL.
			get, err := c.GetObject(ctx, &s3.GetObjectInput{Bucket: "far", Key: "a b"}, func(o *s3.Options) { o.RetryMaxAttempts = 1 })
			if err != nil {
				t.Fatal(err)
			}
			got, _ := io.ReadAll(get.Body)
			get.Body.Close()
			if !bytes.Equal(got, data) || get.ResultMetadata.Attempts != 1 {
				t.Errorf("GetObject: %q in %d attempts", got, get.ResultMetadata.Attempts)
			}
			if _, err := c.HeadObject(ctx, &s3.HeadObjectInput{Bucket: "far", Key: "a b"}); err != nil {
				t.Fatal(err)
			}
			pr, err := s3.NewPresignClient(c).PresignGetObject(ctx, &s3.GetObjectInput{Bucket: "far", Key: "a b"})
			if err != nil {
				t.Fatal(err)
			}
			if u, _ := url.Parse(pr.URL); !strings.Contains(u.Query().Get("X-Amz-Credential"), "/eu-west-1/s3/") {
				t.Errorf("presigned for %s", u.Query().Get("X-Amz-Credential"))
			}
			resp, err := http.Get(pr.URL)
			if err != nil {
				t.Fatal(err)
			}
			resp.Body.Close()
			if resp.StatusCode != 200 {
				t.Errorf("presigned GET: %d", resp.StatusCode)
			}
			// Another bucket stays in the client's region.
			if _, err := c.HeadBucket(ctx, &s3.HeadBucketInput{Bucket: "near"}); err != nil {
				t.Fatal(err)
			}
			if n := wrongRegionAnswers(srv); n != 1 {
				t.Errorf("%d requests refused for their region, want only the first", n)
			}
			checkVerifiedBut(t, srv, 1)
		})
	}
}

// TestRegionRedirectHead: HeadObject and HeadBucket, whose error answers
// have no body, are redirected by the x-amz-bucket-region header.
func TestRegionRedirectHead(t *testing.T) {
	ctx := context.Background()
	srv, c := regionServer(t, true)
	srv.PutObject("far", "k", []byte("x"))
	if _, err := c.HeadObject(ctx, &s3.HeadObjectInput{Bucket: "far", Key: "k"}); err != nil {
		t.Fatal(err)
	}
	_, c2 := regionServer(t, false)
	if _, err := c2.HeadBucket(ctx, &s3.HeadBucketInput{Bucket: "far"}); err != nil {
		t.Fatal(err)
	}
	checkVerifiedBut(t, srv, 1)
}

// checkVerifiedBut checks the signatures of the requests after the first
// n, which were refused for their region.
func checkVerifiedBut(t *testing.T, srv *faultserver.Server, n int) {
	t.Helper()
	for _, r := range srv.Requests()[n:] {
		if r.Status >= 300 {
			t.Errorf("request %d (%s attempt %d) rejected: %d %s", r.Seq, r.Op, r.Attempt, r.Status, r.ErrorCode)
		}
	}
}

// TestRegionRedirectHeadBucket: when the answer names no region
// (IllegalLocationConstraintException here), the client asks HeadBucket
// for it, and sends the call again with what it says, even the client's
// own region (as botocore does).
func TestRegionRedirectHeadBucket(t *testing.T) {
	ctx := context.Background()
	srv, c := regionServer(t, false)
	srv.AddFault(faultserver.Fault{Op: faultserver.OpPutObject, Times: 1, Action: faultserver.Error(400, "IllegalLocationConstraintException", "The unspecified location constraint is incompatible for the region specific endpoint this request was sent to.")})
	if _, err := c.PutObject(ctx, &s3.PutObjectInput{Bucket: "near", Key: "k", Body: strings.NewReader("x")}); err != nil {
		t.Fatal(err)
	}
	var ops []string
	for _, r := range srv.Requests() {
		ops = append(ops, r.Op+" "+http.StatusText(r.Status))
	}
	want := "PutObject Bad Request, HeadBucket OK, PutObject OK"
	if got := strings.Join(ops, ", "); got != want {
		t.Errorf("got %s\nwant %s", got, want)
	}
	if r, _ := s3.CachedRegion(c, "near"); r != "us-east-1" {
		t.Errorf("cached %q", r)
	}
	checkVerified(t, srv)
}

// TestRegionRedirectNot: no redirect for CreateBucket's
// IllegalLocationConstraintException, an access point ARN, an answer that
// is no redirect, a body that cannot be sent twice; a region that is no
// region name is an error.
func TestRegionRedirectNot(t *testing.T) {
	ctx := context.Background()
	t.Run("CreateBucket", func(t *testing.T) {
		srv, c := regionServer(t, false)
		srv.AddFault(faultserver.Fault{Op: faultserver.OpCreateBucket, Action: faultserver.Error(400, "IllegalLocationConstraintException", "no")})
		_, err := c.CreateBucket(ctx, &s3.CreateBucketInput{Bucket: "new-bucket"})
		var api *goto3.APIError
		if !errors.As(err, &api) || api.Code != "IllegalLocationConstraintException" || len(srv.Requests()) != 1 {
			t.Errorf("got %v after %d requests", err, len(srv.Requests()))
		}
	})
	t.Run("not a redirect", func(t *testing.T) {
		srv, c := regionServer(t, false)
		_, err := c.GetObject(ctx, &s3.GetObjectInput{Bucket: "near", Key: "missing"})
		var nsk *s3.NoSuchKey
		if !errors.As(err, &nsk) || len(srv.Requests()) != 1 {
			t.Errorf("got %v after %d requests", err, len(srv.Requests()))
		}
	})
	t.Run("streamed body", func(t *testing.T) {
		srv, c := regionServer(t, false)
		body := io.MultiReader(strings.NewReader("streamed")) // not an io.Seeker
		_, err := c.PutObject(ctx, &s3.PutObjectInput{Bucket: "far", Key: "k", Body: body, ContentLength: goto3.Ptr(int64(8))})
		var api *goto3.APIError
		if !errors.As(err, &api) || api.StatusCode != 301 || len(srv.Requests()) != 1 {
			t.Errorf("got %v after %d requests, want the 301", err, len(srv.Requests()))
		}
		// The region is not learned either: nothing asked.
		if _, ok := s3.CachedRegion(c, "far"); ok {
			t.Error("region cached")
		}
	})
	t.Run("invalid region", func(t *testing.T) {
		var n int
		c := scriptedClient(t, func(r *http.Request) (*http.Response, error) {
			n++
			h := http.Header{"X-Amz-Bucket-Region": {"-bad-"}}
			return &http.Response{StatusCode: 301, Header: h, Body: io.NopCloser(strings.NewReader("<Error><Code>PermanentRedirect</Code></Error>")), Request: r}, nil
		})
		_, err := c.HeadBucket(ctx, &s3.HeadBucketInput{Bucket: "b"})
		var api *goto3.APIError
		if err == nil || errors.As(err, &api) || !strings.Contains(err.Error(), `"-bad-"`) || n != 1 {
			t.Errorf("got %v after %d requests, want an invalid region error", err, n)
		}
	})
	t.Run("access point", func(t *testing.T) {
		var n int
		c := scriptedClient(t, func(r *http.Request) (*http.Response, error) {
			n++
			h := http.Header{"X-Amz-Bucket-Region": {"eu-west-1"}}
			return &http.Response{StatusCode: 301, Header: h, Body: http.NoBody, Request: r}, nil
		})
		_, err := c.HeadObject(ctx, &s3.HeadObjectInput{Bucket: "arn:aws:s3:us-east-1:123456789012:accesspoint/ap", Key: "k"})
		if err == nil || n != 1 {
			t.Errorf("got %v after %d requests", err, n)
		}
	})
}

// TestRegionRedirectHeadBucketFails: a HeadBucket that fails without an
// answer ends the call with its error.
func TestRegionRedirectHeadBucketFails(t *testing.T) {
	var n int
	errDown := errors.New("network down")
	c := scriptedClient(t, func(r *http.Request) (*http.Response, error) {
		n++
		if r.Method == http.MethodHead {
			return nil, errDown
		}
		return &http.Response{StatusCode: 301, Header: http.Header{}, Body: io.NopCloser(strings.NewReader("<Error><Code>PermanentRedirect</Code></Error>")), Request: r}, nil
	})
	_, err := c.DeleteObject(context.Background(), &s3.DeleteObjectInput{Bucket: "b", Key: "k"})
	if !errors.Is(err, errDown) || !strings.Contains(err.Error(), "finding the region of bucket") {
		t.Errorf("got %v", err)
	}
}

// scriptedClient returns a client in us-east-1 whose requests rt answers,
// without retries.
func scriptedClient(t *testing.T, rt roundTripFunc) *s3.Client {
	t.Helper()
	c, err := s3.New(goto3.Config{Region: "us-east-1", Credentials: credentials.NewStatic("AKID", "SECRET", ""),
		HTTPClient: &http.Client{Transport: rt}, RetryMaxAttempts: 1})
	if err != nil {
		t.Fatal(err)
	}
	return c
}

// TestRegionRedirectConcurrent: concurrent calls for a bucket of another
// region all succeed, each redirected at most once.
func TestRegionRedirectConcurrent(t *testing.T) {
	srv, c := regionServer(t, false)
	srv.PutObject("far", "k", []byte("x"))
	var wg sync.WaitGroup
	errs := make(chan error, 16)
	for range 16 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			out, err := c.HeadObject(context.Background(), &s3.HeadObjectInput{Bucket: "far", Key: "k"})
			if err == nil && out.ResultMetadata.Attempts > 2 {
				err = errors.New("more than one redirect")
			}
			errs <- err
		}()
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		if err != nil {
			t.Error(err)
		}
	}
	checkVerified(t, srv)
}
