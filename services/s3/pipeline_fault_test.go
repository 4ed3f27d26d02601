package s3_test

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"io"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/goto3/goto3"
	"github.com/goto3/goto3/internal/testing/faultserver"
	"github.com/goto3/goto3/retry"
	"github.com/goto3/goto3/services/s3"
)

func sha(b []byte) string {
	s := sha256.Sum256(b)
	return hex.EncodeToString(s[:])
}

// checkVerified fails when the server rejected a signature.
func checkVerified(t *testing.T, srv *faultserver.Server) {
	t.Helper()
	for _, r := range srv.Requests() {
		switch r.ErrorCode {
		case "SignatureDoesNotMatch", "AccessDenied", "InvalidAccessKeyId", "IncompleteSignature", "XAmzContentSHA256Mismatch", "AuthorizationHeaderMalformed":
			t.Errorf("request %d (%s attempt %d) rejected: %s", r.Seq, r.Op, r.Attempt, r.ErrorCode)
		}
	}
}

func TestRetriedFaults(t *testing.T) {
	data := []byte("retry me, please")
	tests := []struct {
		name   string
		action faultserver.Action
	}{
		{"InternalError", faultserver.InternalError()},
		{"ServiceUnavailable", faultserver.ServiceUnavailable()},
		{"SlowDown", faultserver.SlowDown()},
		{"Throttling", faultserver.Throttle("Throttling")},
		{"RequestTimeout", faultserver.Error(400, "RequestTimeout", "Your socket connection to the server was not read from or written to within the timeout period.")},
		{"Reset", faultserver.ResetConnection()},
		{"ResetAfterBody", faultserver.ResetAfterBody()},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			clock := newFakeClock()
			srv := faultserver.Start(t, faultserver.Options{Now: clock.Now, Buckets: []string{"bkt"},
				Faults: []faultserver.Fault{{Op: faultserver.OpPutObject, Times: 2, Action: tt.action}}})
			c := faultClient(t, srv, clock)
			out := &s3.PutObjectOutput{}
			err := c.Invoke(context.Background(), s3op(t, "PutObject"),
				&s3.PutObjectInput{Bucket: "bkt", Key: "k", Body: bytes.NewReader(data)}, out, &out.ResultMetadata)
			if err != nil {
				t.Fatalf("got %v, want success after retries", err)
			}
			if out.ResultMetadata.Attempts != 3 {
				t.Errorf("got %d attempts, want 3", out.ResultMetadata.Attempts)
			}
			if diff := cmp.Diff([]time.Duration{500 * time.Millisecond, time.Second}, clock.Sleeps()); diff != "" {
				t.Errorf("backoff delays (-want +got):\n%s", diff)
			}
			reqs := srv.RequestsFor(faultserver.OpPutObject)
			if len(reqs) != 3 {
				t.Fatalf("server saw %d requests, want 3", len(reqs))
			}
			for _, r := range reqs {
				if r.BodyLen != 0 && r.BodySHA256 != sha(data) {
					t.Errorf("attempt %d: body sha %s, want %s", r.Attempt, r.BodySHA256, sha(data))
				}
				if got, want := r.Header.Get("Amz-Sdk-Request"), "max=3"; !strings.HasSuffix(got, want) {
					t.Errorf("amz-sdk-request %q", got)
				}
			}
			if got := reqs[2].Header.Get("Amz-Sdk-Request"); got != "attempt=3; max=3" {
				t.Errorf("got amz-sdk-request %q, want attempt=3; max=3", got)
			}
			if reqs[0].Header.Get("Amz-Sdk-Invocation-Id") != reqs[2].Header.Get("Amz-Sdk-Invocation-Id") {
				t.Errorf("invocation id changed between attempts")
			}
			obj, ok := srv.Object("bkt", "k")
			if !ok || !bytes.Equal(obj.Data, data) {
				t.Errorf("stored object %q, want %q", obj.Data, data)
			}
			checkVerified(t, srv)
			if got, want := c.Retryer().QuotaAvailable(), 500-10+5; got != want {
				t.Errorf("quota %d, want %d", got, want)
			}
		})
	}
}

func TestRetriesExhausted(t *testing.T) {
	clock := newFakeClock()
	srv := faultserver.Start(t, faultserver.Options{Now: clock.Now, Buckets: []string{"bkt"},
		Faults: []faultserver.Fault{{Op: faultserver.OpHeadBucket, Action: faultserver.SlowDown()}}})
	c := faultClient(t, srv, clock)
	out := &s3.HeadBucketOutput{}
	err := c.Invoke(context.Background(), s3op(t, "HeadBucket"), &s3.HeadBucketInput{Bucket: "bkt"}, out, &out.ResultMetadata)
	var api *goto3.APIError
	if !errors.As(err, &api) {
		t.Fatalf("got %v, want an APIError", err)
	}
	// HEAD answers have no body: the code is the status, as in botocore.
	if api.Code != "503" || api.StatusCode != 503 || api.Attempts != 3 || !api.RetriesExhausted {
		t.Errorf("got %+v", api)
	}
	var ex *retry.ExhaustedError
	if !errors.As(err, &ex) || ex.Attempts != 3 {
		t.Errorf("got %v, want a retry.ExhaustedError after 3 attempts", err)
	}
	var oe *goto3.OperationError
	if !errors.As(err, &oe) || oe.Operation != "HeadBucket" || oe.Service != "S3" {
		t.Errorf("got %v, want an OperationError", err)
	}
	want := "s3: HeadBucket: An error occurred (503) when calling the HeadBucket operation: Service Unavailable (status 503, request id FS00000000000003, retries exhausted after 3 attempts)"
	if err.Error() != want {
		t.Errorf("got message\n%s\nwant\n%s", err, want)
	}
	if got := c.Retryer().QuotaAvailable(); got != 490 {
		t.Errorf("quota %d, want 490", got)
	}
}

func TestSlowDownMessage(t *testing.T) {
	clock := newFakeClock()
	srv := faultserver.Start(t, faultserver.Options{Now: clock.Now, Buckets: []string{"bkt"},
		Faults: []faultserver.Fault{{Method: "GET", Action: faultserver.SlowDown()}}})
	c := faultClient(t, srv, clock, func(o *s3.Options) { o.RetryMaxAttempts = 2 })
	out := &s3.GetBucketCorsOutput{}
	err := c.Invoke(context.Background(), s3op(t, "GetBucketCors"), &s3.GetBucketCorsInput{Bucket: "bkt"}, out, &out.ResultMetadata)
	want := "s3: GetBucketCors: An error occurred (SlowDown) when calling the GetBucketCors operation: Please reduce your request rate. (status 503, request id FS00000000000002, retries exhausted after 2 attempts)"
	if err == nil || err.Error() != want {
		t.Errorf("got message\n%v\nwant\n%s", err, want)
	}
	if got := goto3.ErrorCode(err); got != "SlowDown" {
		t.Errorf("ErrorCode: got %q, want SlowDown", got)
	}
}

func TestClockSkewCorrected(t *testing.T) {
	clock := newFakeClock()
	srv := faultserver.Start(t, faultserver.Options{Now: clock.Now, Buckets: []string{"bkt"},
		Faults: []faultserver.Fault{{Op: faultserver.OpListObjectsV2, Times: 1, Action: faultserver.SkewedTime(20 * time.Minute)}}})
	c := faultClient(t, srv, clock)
	list := func() *s3.ListObjectsV2Output {
		out := &s3.ListObjectsV2Output{}
		err := c.Invoke(context.Background(), s3op(t, "ListObjectsV2"), &s3.ListObjectsV2Input{Bucket: "bkt"}, out, &out.ResultMetadata)
		if err != nil {
			t.Fatal(err)
		}
		return out
	}
	out := list()
	if out.ResultMetadata.Attempts != 2 {
		t.Errorf("got %d attempts, want 2", out.ResultMetadata.Attempts)
	}
	if len(clock.Sleeps()) != 0 {
		t.Errorf("got sleeps %v, want none for a clock-skew retry", clock.Sleeps())
	}
	if got := c.Retryer().ClockOffset(); got != 20*time.Minute {
		t.Errorf("clock offset %v, want 20m", got)
	}
	reqs := srv.Requests()
	if got, want := reqs[1].Header.Get("X-Amz-Date"), clock.Now().Add(20*time.Minute).Format("20060102T150405Z"); got != want {
		t.Errorf("second attempt signed at %s, want %s", got, want)
	}
	checkVerified(t, srv)
	// Later calls keep the offset and pass at once.
	if out := list(); out.ResultMetadata.Attempts != 1 {
		t.Errorf("got %d attempts, want 1", out.ResultMetadata.Attempts)
	}
}

func TestTruncatedBodyRetried(t *testing.T) {
	clock := newFakeClock()
	body := []byte(`<?xml version="1.0" encoding="UTF-8"?><ListBucketResult><Name>bkt</Name><KeyCount>0</KeyCount><IsTruncated>false</IsTruncated></ListBucketResult>`)
	truncated := func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Length", "5000")
		w.WriteHeader(200)
		w.Write(body[:40])
		// The handler returns: the server closes the connection short.
		if hj, ok := w.(http.Hijacker); ok {
			conn, _, err := hj.Hijack()
			if err == nil {
				conn.Close()
			}
		}
	}
	srv := faultserver.Start(t, faultserver.Options{Now: clock.Now, Buckets: []string{"bkt"},
		Faults: []faultserver.Fault{{Op: faultserver.OpListObjectsV2, Times: 1, Action: faultserver.Handler(truncated)}}})
	c := faultClient(t, srv, clock)
	out := &s3.ListObjectsV2Output{}
	err := c.Invoke(context.Background(), s3op(t, "ListObjectsV2"), &s3.ListObjectsV2Input{Bucket: "bkt"}, out, &out.ResultMetadata)
	if err != nil {
		t.Fatal(err)
	}
	if out.ResultMetadata.Attempts != 2 || out.Name == nil || *out.Name != "bkt" {
		t.Errorf("got %d attempts, name %v", out.ResultMetadata.Attempts, out.Name)
	}
}

func TestSlowBodyTimesOut(t *testing.T) {
	clock := newFakeClock()
	slow := func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Length", "5000")
		w.WriteHeader(200)
		w.Write([]byte("<?xml"))
		_ = http.NewResponseController(w).Flush()
		<-r.Context().Done()
	}
	srv := faultserver.Start(t, faultserver.Options{Now: clock.Now, Buckets: []string{"bkt"},
		Faults: []faultserver.Fault{{Op: faultserver.OpListObjectsV2, Times: 1, Action: faultserver.Handler(slow)}}})
	hc := &http.Client{Timeout: time.Second}
	c := faultClient(t, srv, clock, func(o *s3.Options) { o.HTTPClient = hc })
	out := &s3.ListObjectsV2Output{}
	err := c.Invoke(context.Background(), s3op(t, "ListObjectsV2"), &s3.ListObjectsV2Input{Bucket: "bkt"}, out, &out.ResultMetadata)
	if err != nil {
		t.Fatal(err)
	}
	if out.ResultMetadata.Attempts != 2 {
		t.Errorf("got %d attempts, want 2", out.ResultMetadata.Attempts)
	}
	// A timeout costs 10 quota tokens; the success refunds 10.
	if got := c.Retryer().QuotaAvailable(); got != 500 {
		t.Errorf("quota %d, want 500", got)
	}
}

func TestCancelDuringBackoff(t *testing.T) {
	clock := newFakeClock()
	srv := faultserver.Start(t, faultserver.Options{Now: clock.Now, Buckets: []string{"bkt"},
		Faults: []faultserver.Fault{{Op: faultserver.OpHeadBucket, Action: faultserver.InternalError()}}})
	// A real sleep of an hour: only cancellation can end it.
	r, err := retry.New(retry.Options{Now: clock.Now, BaseDelay: time.Hour, Rand: func() float64 { return 1 }})
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	c := faultClient(t, srv, clock, func(o *s3.Options) {
		o.Retryer = r
		o.Hooks.AfterResponse = func(context.Context, *http.Response) error {
			time.AfterFunc(50*time.Millisecond, cancel)
			return nil
		}
	})
	start := time.Now()
	out := &s3.HeadBucketOutput{}
	err = c.Invoke(ctx, s3op(t, "HeadBucket"), &s3.HeadBucketInput{Bucket: "bkt"}, out, &out.ResultMetadata)
	if !errors.Is(err, context.Canceled) {
		t.Fatalf("got %v, want context.Canceled", err)
	}
	if d := time.Since(start); d > 10*time.Second {
		t.Errorf("took %v to stop", d)
	}
	var api *goto3.APIError
	if !errors.As(err, &api) || api.StatusCode != 500 {
		t.Errorf("got %v, want the last attempt's API error reachable", err)
	}
	if n := len(srv.Requests()); n != 1 {
		t.Errorf("server saw %d requests, want 1", n)
	}
}

func TestDeadlineBeforeCall(t *testing.T) {
	clock := newFakeClock()
	srv := faultserver.Start(t, faultserver.Options{Now: clock.Now, Buckets: []string{"bkt"}})
	c := faultClient(t, srv, clock)
	ctx, cancel := context.WithDeadline(context.Background(), time.Now().Add(-time.Second))
	defer cancel()
	out := &s3.HeadBucketOutput{}
	err := c.Invoke(ctx, s3op(t, "HeadBucket"), &s3.HeadBucketInput{Bucket: "bkt"}, out, &out.ResultMetadata)
	if !errors.Is(err, context.DeadlineExceeded) {
		t.Errorf("got %v, want DeadlineExceeded", err)
	}
	if n := len(srv.Requests()); n != 0 {
		t.Errorf("server saw %d requests, want 0", n)
	}
}

// onlyReader hides Seek, so the body must be streamed aws-chunked.
type onlyReader struct{ r io.Reader }

func (o *onlyReader) Read(p []byte) (int, error) { return o.r.Read(p) }

func TestStreamingPutNotSeekable(t *testing.T) {
	data := bytes.Repeat([]byte("0123456789abcdef"), 20000) // 320000 bytes: 5 chunks
	clock := newFakeClock()
	srv := faultserver.Start(t, faultserver.Options{Now: clock.Now, Buckets: []string{"bkt"}})
	c := faultClient(t, srv, clock)
	n := int64(len(data))
	out := &s3.PutObjectOutput{}
	err := c.Invoke(context.Background(), s3op(t, "PutObject"),
		&s3.PutObjectInput{Bucket: "bkt", Key: "stream", Body: &onlyReader{bytes.NewReader(data)}, ContentLength: &n}, out, &out.ResultMetadata)
	if err != nil {
		t.Fatal(err)
	}
	reqs := srv.RequestsFor(faultserver.OpPutObject)
	if len(reqs) != 1 {
		t.Fatalf("got %d requests", len(reqs))
	}
	r := reqs[0]
	if got := r.Header.Get("X-Amz-Content-Sha256"); got != "STREAMING-AWS4-HMAC-SHA256-PAYLOAD-TRAILER" {
		t.Errorf("payload hash %q, want the signed streaming trailer form (http)", got)
	}
	if got := r.Header.Get("X-Amz-Trailer"); got != "x-amz-checksum-crc32" {
		t.Errorf("trailer %q", got)
	}
	if r.BodySHA256 != sha(data) || r.BodyLen != n {
		t.Errorf("server decoded %d bytes (sha %s), want %d", r.BodyLen, r.BodySHA256, n)
	}
	checkVerified(t, srv)
	if out.ChecksumCRC32 == nil {
		t.Errorf("no CRC32 in the answer")
	}
}

func TestStreamingPutNotRetried(t *testing.T) {
	clock := newFakeClock()
	srv := faultserver.Start(t, faultserver.Options{Now: clock.Now, Buckets: []string{"bkt"},
		Faults: []faultserver.Fault{{Op: faultserver.OpPutObject, Times: 1, Action: faultserver.InternalError()}}})
	c := faultClient(t, srv, clock)
	n := int64(5)
	out := &s3.PutObjectOutput{}
	err := c.Invoke(context.Background(), s3op(t, "PutObject"),
		&s3.PutObjectInput{Bucket: "bkt", Key: "stream", Body: &onlyReader{strings.NewReader("hello")}, ContentLength: &n}, out, &out.ResultMetadata)
	if !errors.Is(err, retry.ErrNotRewindable) {
		t.Fatalf("got %v, want ErrNotRewindable", err)
	}
	if !strings.Contains(err.Error(), "cannot be rewound") || !strings.Contains(err.Error(), "InternalError") {
		t.Errorf("message %q", err)
	}
	if n := len(srv.Requests()); n != 1 {
		t.Errorf("server saw %d requests, want 1", n)
	}
}

func TestStreamingPutNeedsLength(t *testing.T) {
	clock := newFakeClock()
	srv := faultserver.Start(t, faultserver.Options{Now: clock.Now, Buckets: []string{"bkt"}})
	c := faultClient(t, srv, clock)
	out := &s3.PutObjectOutput{}
	err := c.Invoke(context.Background(), s3op(t, "PutObject"),
		&s3.PutObjectInput{Bucket: "bkt", Key: "stream", Body: &onlyReader{strings.NewReader("hello")}}, out, &out.ResultMetadata)
	var ve *goto3.ValidationError
	if !errors.As(err, &ve) || ve.Member != "ContentLength" {
		t.Fatalf("got %v, want a ValidationError for ContentLength", err)
	}
	if n := len(srv.Requests()); n != 0 {
		t.Errorf("server saw %d requests, want 0", n)
	}
}

func TestErrorIn200Retried(t *testing.T) {
	clock := newFakeClock()
	errDoc := faultserver.Handler(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/xml")
		w.WriteHeader(200)
		w.Write([]byte(`<?xml version="1.0" encoding="UTF-8"?>` + "\n" + `<Error><Code>InternalError</Code><Message>We encountered an internal error. Please try again.</Message><RequestId>R1</RequestId><HostId>H1</HostId></Error>`))
	})
	srv := faultserver.Start(t, faultserver.Options{Now: clock.Now, Buckets: []string{"bkt"}, MinPartSize: -1,
		Faults: []faultserver.Fault{{Op: faultserver.OpCompleteMultipartUpload, Times: 1, Action: errDoc}}})
	c := faultClient(t, srv, clock)
	ctx := context.Background()
	create := &s3.CreateMultipartUploadOutput{}
	if err := c.Invoke(ctx, s3op(t, "CreateMultipartUpload"), &s3.CreateMultipartUploadInput{Bucket: "bkt", Key: "mp"}, create, &create.ResultMetadata); err != nil {
		t.Fatal(err)
	}
	part := &s3.UploadPartOutput{}
	if err := c.Invoke(ctx, s3op(t, "UploadPart"), &s3.UploadPartInput{Bucket: "bkt", Key: "mp", UploadId: *create.UploadId, PartNumber: 1, Body: strings.NewReader("part one")}, part, &part.ResultMetadata); err != nil {
		t.Fatal(err)
	}
	n := int32(1)
	done := &s3.CompleteMultipartUploadOutput{}
	err := c.Invoke(ctx, s3op(t, "CompleteMultipartUpload"), &s3.CompleteMultipartUploadInput{Bucket: "bkt", Key: "mp", UploadId: *create.UploadId,
		MultipartUpload: &s3.CompletedMultipartUpload{Parts: []s3.CompletedPart{{ETag: part.ETag, PartNumber: &n}}}}, done, &done.ResultMetadata)
	if err != nil {
		t.Fatal(err)
	}
	if done.ResultMetadata.Attempts != 2 || done.ETag == nil {
		t.Errorf("got %d attempts, ETag %v; want success on the second", done.ResultMetadata.Attempts, done.ETag)
	}
	obj, ok := srv.Object("bkt", "mp")
	if !ok || string(obj.Data) != "part one" {
		t.Errorf("object %q", obj.Data)
	}
	checkVerified(t, srv)
}

func TestGetObjectTruncatedBody(t *testing.T) {
	clock := newFakeClock()
	srv := faultserver.Start(t, faultserver.Options{Now: clock.Now, Buckets: []string{"bkt"},
		Faults: []faultserver.Fault{{Op: faultserver.OpGetObject, Action: faultserver.Truncate(10)}}})
	srv.PutObject("bkt", "k", bytes.Repeat([]byte("z"), 1000))
	c := faultClient(t, srv, clock)
	out := &s3.GetObjectOutput{}
	if err := c.Invoke(context.Background(), s3op(t, "GetObject"), &s3.GetObjectInput{Bucket: "bkt", Key: "k"}, out, &out.ResultMetadata); err != nil {
		t.Fatal(err)
	}
	defer out.Body.Close()
	b, err := io.ReadAll(out.Body)
	if !errors.Is(err, io.ErrUnexpectedEOF) {
		t.Errorf("got %d bytes and %v, want io.ErrUnexpectedEOF (the caller reads the stream)", len(b), err)
	}
	var ce *goto3.ChecksumMismatchError
	if errors.As(err, &ce) {
		t.Errorf("a truncated body reported as a checksum mismatch: %v", err)
	}
}

func TestExpectContinue(t *testing.T) {
	clock := newFakeClock()
	srv := faultserver.Start(t, faultserver.Options{Now: clock.Now, Buckets: []string{"bkt"}})
	c := faultClient(t, srv, clock)
	for _, size := range []int{1<<20 - 1, 1 << 20} {
		out := &s3.PutObjectOutput{}
		if err := c.Invoke(context.Background(), s3op(t, "PutObject"), &s3.PutObjectInput{Bucket: "bkt", Key: "k", Body: bytes.NewReader(make([]byte, size))}, out, &out.ResultMetadata); err != nil {
			t.Fatal(err)
		}
	}
	reqs := srv.Requests()
	if got := reqs[0].Header.Get("Expect"); got != "" {
		t.Errorf("body under 1 MiB: Expect %q", got)
	}
	if got := reqs[1].Header.Get("Expect"); got != "100-continue" {
		t.Errorf("1 MiB body: Expect %q, want 100-continue", got)
	}
	checkVerified(t, srv)
}
