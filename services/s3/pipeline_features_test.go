package s3_test

import (
	"bytes"
	"compress/gzip"
	"context"
	"errors"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync/atomic"
	"testing"

	"github.com/goto3/goto3"
	"github.com/goto3/goto3/credentials"
	"github.com/goto3/goto3/internal/pipeline"
	"github.com/goto3/goto3/internal/testing/faultserver"
	"github.com/goto3/goto3/retry"
	"github.com/goto3/goto3/services/s3"
)

// helloWorld is each algorithm's value of "hello world" as the service
// carries it: the xxHash values published in aws/aws-sdk-go-v2#3404 (also
// in internal/xxhash's vectors), the others as Python's hashlib and zlib
// give them.
var helloWorld = []struct{ alg, header, value string }{
	{"CRC32", "X-Amz-Checksum-Crc32", "DUoRhQ=="},
	{"CRC32C", "X-Amz-Checksum-Crc32c", "yZRlqg=="},
	{"CRC64NVME", "X-Amz-Checksum-Crc64nvme", "jSnVw/bqjr4="},
	{"SHA1", "X-Amz-Checksum-Sha1", "Kq5sNclPz7QV2+lfQIuc6R7oRu0="},
	{"SHA256", "X-Amz-Checksum-Sha256", "uU0nuZNNPgilLlLX2n2r+sSE7+N6U4DukIj3rOLvzek="},
	{"SHA512", "X-Amz-Checksum-Sha512", "MJ7MSJwS1utMxA9QyQLytNDtd+5RGnx6m808qG1M2G+YndNbxf9JlnDaNCVbRbDP2DDoH2Bdz33FVC6TrpzXbw=="},
	{"MD5", "X-Amz-Checksum-Md5", "XrY7u+Ae7tCTyyK7j1rNww=="},
	{"XXHASH64", "X-Amz-Checksum-Xxhash64", "RatnNLIeaWg="},
	{"XXHASH3", "X-Amz-Checksum-Xxhash3", "1Eex6kDmmIs="},
	{"XXHASH128", "X-Amz-Checksum-Xxhash128", "340J6T+HSQCpm4d1zBW2xw=="},
}

func TestChecksumVectors(t *testing.T) {
	for _, v := range helloWorld {
		for _, name := range []string{v.alg, strings.ToLower(v.alg)} {
			h := pipeline.NewChecksum(name)
			if h == nil {
				t.Errorf("NewChecksum(%q): got nil, want a hash", name)
				continue
			}
			h.Write([]byte("hello "))
			h.Write([]byte("world"))
			if got := base64Std(h.Sum(nil)); got != v.value {
				t.Errorf("%s of \"hello world\": got %s, want %s", name, got, v.value)
			}
		}
	}
	if pipeline.NewChecksum("CRC16") != nil {
		t.Errorf("NewChecksum(CRC16): got a hash, want nil")
	}
}

// TestRequestChecksumAlgorithms puts "hello world" with each algorithm
// through the fault server, which checks the value: in a header over http
// and in an aws-chunked trailer over https.
func TestRequestChecksumAlgorithms(t *testing.T) {
	data := []byte("hello world")
	n := int64(len(data))
	for _, v := range helloWorld {
		for _, mode := range []string{"header", "trailer"} {
			t.Run(v.alg+"/"+mode, func(t *testing.T) {
				clock := newFakeClock()
				in := &s3.PutObjectInput{Bucket: "bkt", Key: "obj", ChecksumAlgorithm: ptrTo(s3.ChecksumAlgorithm(v.alg))}
				var srv *faultserver.Server
				var c *pipeline.Client
				if mode == "header" {
					srv = faultserver.Start(t, faultserver.Options{Now: clock.Now, Buckets: []string{"bkt"}})
					c = faultClient(t, srv, clock)
					in.Body = bytes.NewReader(data)
				} else {
					var url string
					var hc *http.Client
					srv, url, hc = tlsFaultServer(t, clock)
					c = faultClient(t, srv, clock, func(o *s3.Options) { o.EndpointURL, o.HTTPClient = url, hc })
					in.Body, in.ContentLength = &onlyReader{bytes.NewReader(data)}, &n
				}
				out := &s3.PutObjectOutput{}
				if err := c.Invoke(context.Background(), s3op(t, "PutObject"), in, out, &out.ResultMetadata); err != nil {
					t.Fatal(err)
				}
				r := srv.RequestsFor(faultserver.OpPutObject)[0]
				if mode == "header" && r.Header.Get(v.header) != v.value {
					t.Errorf("got %s %q, want %q", v.header, r.Header.Get(v.header), v.value)
				}
				if mode == "trailer" && r.Header.Get("X-Amz-Trailer") != strings.ToLower(v.header) {
					t.Errorf("got X-Amz-Trailer %q, want %q", r.Header.Get("X-Amz-Trailer"), strings.ToLower(v.header))
				}
				if obj, _ := srv.Object("bkt", "obj"); obj.ChecksumAlgorithm != v.alg || obj.Checksum != v.value {
					t.Errorf("stored %s %q, want %s %q", obj.ChecksumAlgorithm, obj.Checksum, v.alg, v.value)
				}
				checkVerified(t, srv)
			})
		}
	}
}

// TestResponseChecksumAlgorithms reads "hello world" with each algorithm's
// value in the answer, right and wrong; and answers with several values:
// the first of botocore's priority order (XXHASH128, XXHASH3, CRC64NVME,
// XXHASH64, CRC32C, CRC32, SHA1, SHA256, SHA512, then MD5) is the one
// checked, and a composite value ("...-N") is passed over for the next.
func TestResponseChecksumAlgorithms(t *testing.T) {
	data := []byte("hello world")
	get := func(t *testing.T, hdr map[string]string) ([]byte, error) {
		t.Helper()
		clock := newFakeClock()
		serve := faultserver.Handler(func(w http.ResponseWriter, r *http.Request) {
			for k, v := range hdr {
				w.Header().Set(k, v)
			}
			w.Write(data)
		})
		srv := faultserver.Start(t, faultserver.Options{Now: clock.Now, Buckets: []string{"bkt"},
			Faults: []faultserver.Fault{{Op: faultserver.OpGetObject, Action: serve}}})
		c := faultClient(t, srv, clock)
		out := &s3.GetObjectOutput{}
		if err := c.Invoke(context.Background(), s3op(t, "GetObject"), &s3.GetObjectInput{Bucket: "bkt", Key: "k"}, out, &out.ResultMetadata); err != nil {
			t.Fatal(err)
		}
		defer out.Body.Close()
		return io.ReadAll(out.Body)
	}
	wrong := map[string]string{}
	for _, v := range helloWorld {
		h := pipeline.NewChecksum(v.alg)
		h.Write([]byte("hello worle"))
		wrong[v.alg] = base64Std(h.Sum(nil))
		t.Run(v.alg, func(t *testing.T) {
			if got, err := get(t, map[string]string{v.header: v.value}); err != nil || !bytes.Equal(got, data) {
				t.Errorf("right value: got %q, %v, want the body", got, err)
			}
			_, err := get(t, map[string]string{v.header: wrong[v.alg]})
			var ce *goto3.ChecksumMismatchError
			if !errors.As(err, &ce) || ce.Algorithm != v.alg || ce.Actual != v.value {
				t.Errorf("wrong value: got %v, want a %s mismatch computing %s", err, v.alg, v.value)
			}
		})
	}
	value := map[string]string{}
	header := map[string]string{}
	for _, v := range helloWorld {
		value[v.alg], header[v.alg] = v.value, v.header
	}
	for _, tc := range []struct {
		name    string
		hdr     map[string]string
		wantAlg string // the algorithm whose mismatch is reported; "" for none
	}{
		{"XXHASH128 before CRC32", map[string]string{header["XXHASH128"]: wrong["XXHASH128"], header["CRC32"]: value["CRC32"]}, "XXHASH128"},
		{"XXHASH128 right, CRC32 not checked", map[string]string{header["XXHASH128"]: value["XXHASH128"], header["CRC32"]: wrong["CRC32"]}, ""},
		{"CRC64NVME before XXHASH64", map[string]string{header["XXHASH64"]: value["XXHASH64"], header["CRC64NVME"]: wrong["CRC64NVME"]}, "CRC64NVME"},
		{"SHA512 before MD5", map[string]string{header["MD5"]: value["MD5"], header["SHA512"]: wrong["SHA512"]}, "SHA512"},
		{"composite passed over", map[string]string{header["CRC32C"]: "AAAAAA==-2", header["SHA256"]: wrong["SHA256"]}, "SHA256"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, err := get(t, tc.hdr)
			var ce *goto3.ChecksumMismatchError
			if tc.wantAlg == "" && err != nil || tc.wantAlg != "" && (!errors.As(err, &ce) || ce.Algorithm != tc.wantAlg) {
				t.Errorf("got %v, want a mismatch of %q", err, tc.wantAlg)
			}
		})
	}
}

// tlsFaultServer serves a fault server over https.
func tlsFaultServer(t *testing.T, clock *fakeClock, faults ...faultserver.Fault) (*faultserver.Server, string, *http.Client) {
	srv := faultserver.New(faultserver.Options{Now: clock.Now, Buckets: []string{"bkt"}, Faults: faults})
	ts := httptest.NewTLSServer(srv)
	t.Cleanup(ts.Close)
	return srv, ts.URL, ts.Client()
}

func TestHTTPSPayloads(t *testing.T) {
	data := bytes.Repeat([]byte("https body "), 10000)
	n := int64(len(data))
	tests := []struct {
		name        string
		in          *s3.PutObjectInput
		wantHash    string
		wantTrailer string
		wantHeader  string
	}{
		{"seekable", &s3.PutObjectInput{Body: bytes.NewReader(data)}, "UNSIGNED-PAYLOAD", "", "X-Amz-Checksum-Crc32"},
		{"seekable-sha1", &s3.PutObjectInput{Body: bytes.NewReader(data), ChecksumAlgorithm: ptrTo(s3.ChecksumAlgorithmSha1)}, "UNSIGNED-PAYLOAD", "", "X-Amz-Checksum-Sha1"},
		{"chunked", &s3.PutObjectInput{Body: &onlyReader{bytes.NewReader(data)}, ContentLength: &n}, "STREAMING-UNSIGNED-PAYLOAD-TRAILER", "x-amz-checksum-crc32", ""},
		{"chunked-crc64nvme", &s3.PutObjectInput{Body: &onlyReader{bytes.NewReader(data)}, ContentLength: &n, ChecksumAlgorithm: ptrTo(s3.ChecksumAlgorithmCrc64nvme)}, "STREAMING-UNSIGNED-PAYLOAD-TRAILER", "x-amz-checksum-crc64nvme", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			clock := newFakeClock()
			srv, url, hc := tlsFaultServer(t, clock)
			c := faultClient(t, srv, clock, func(o *s3.Options) { o.EndpointURL, o.HTTPClient = url, hc })
			tt.in.Bucket, tt.in.Key = "bkt", "obj"
			out := &s3.PutObjectOutput{}
			if err := c.Invoke(context.Background(), s3op(t, "PutObject"), tt.in, out, &out.ResultMetadata); err != nil {
				t.Fatal(err)
			}
			r := srv.RequestsFor(faultserver.OpPutObject)[0]
			if got := r.Header.Get("X-Amz-Content-Sha256"); got != tt.wantHash {
				t.Errorf("payload hash %q, want %q", got, tt.wantHash)
			}
			if got := r.Header.Get("X-Amz-Trailer"); got != tt.wantTrailer {
				t.Errorf("trailer %q, want %q", got, tt.wantTrailer)
			}
			if tt.wantHeader != "" && r.Header.Get(tt.wantHeader) == "" {
				t.Errorf("no %s header", tt.wantHeader)
			}
			if r.BodySHA256 != sha(data) {
				t.Errorf("server got a different body (%d bytes)", r.BodyLen)
			}
			checkVerified(t, srv)
		})
	}
}

func ptrTo[T any](v T) *T { return &v }

func TestResponseChecksum(t *testing.T) {
	data := []byte("checked content")
	h := pipeline.NewChecksum("CRC32")
	h.Write(data)
	good := base64Std(h.Sum(nil))
	serve := func(status int, sum string) faultserver.Action {
		return faultserver.Handler(func(w http.ResponseWriter, r *http.Request) {
			if r.Header.Get("X-Amz-Checksum-Mode") != "ENABLED" {
				w.WriteHeader(400)
				return
			}
			w.Header().Set("X-Amz-Checksum-Crc32", sum)
			if status == 206 {
				w.Header().Set("Content-Range", "bytes 0-14/100")
			}
			w.WriteHeader(status)
			w.Write(data)
		})
	}
	tests := []struct {
		name    string
		action  faultserver.Action
		wantErr bool
	}{
		{"match", serve(200, good), false},
		{"mismatch", serve(200, "AAAAAA=="), true},
		{"ranged", serve(206, "AAAAAA=="), false},
		{"composite", serve(200, "AAAAAA==-3"), false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			clock := newFakeClock()
			srv := faultserver.Start(t, faultserver.Options{Now: clock.Now, Buckets: []string{"bkt"},
				Faults: []faultserver.Fault{{Op: faultserver.OpGetObject, Action: tt.action}}})
			c := faultClient(t, srv, clock)
			out := &s3.GetObjectOutput{}
			if err := c.Invoke(context.Background(), s3op(t, "GetObject"), &s3.GetObjectInput{Bucket: "bkt", Key: "k"}, out, &out.ResultMetadata); err != nil {
				t.Fatal(err)
			}
			got, err := io.ReadAll(out.Body)
			out.Body.Close()
			var ce *goto3.ChecksumMismatchError
			if tt.wantErr != errors.As(err, &ce) {
				t.Fatalf("got %v, want checksum error %v", err, tt.wantErr)
			}
			if !tt.wantErr && !bytes.Equal(got, data) {
				t.Errorf("got %q", got)
			}
			if tt.wantErr && (ce.Algorithm != "CRC32" || ce.Actual != good) {
				t.Errorf("got %+v", ce)
			}
		})
	}
	t.Run("when_required", func(t *testing.T) {
		clock := newFakeClock()
		srv := faultserver.Start(t, faultserver.Options{Now: clock.Now, Buckets: []string{"bkt"}})
		srv.PutObject("bkt", "k", data)
		c := faultClient(t, srv, clock, func(o *s3.Options) { o.ResponseChecksumValidation = goto3.ResponseChecksumWhenRequired })
		out := &s3.GetObjectOutput{}
		if err := c.Invoke(context.Background(), s3op(t, "GetObject"), &s3.GetObjectInput{Bucket: "bkt", Key: "k"}, out, &out.ResultMetadata); err != nil {
			t.Fatal(err)
		}
		out.Body.Close()
		if got := srv.Requests()[0].Header.Get("X-Amz-Checksum-Mode"); got != "" {
			t.Errorf("checksum mode %q sent with when_required", got)
		}
	})
}

func TestRequestChecksumWhenRequired(t *testing.T) {
	clock := newFakeClock()
	deleted := faultserver.Handler(func(w http.ResponseWriter, r *http.Request) {
		w.Write([]byte(`<DeleteResult><Deleted><Key>k</Key></Deleted></DeleteResult>`))
	})
	srv := faultserver.Start(t, faultserver.Options{Now: clock.Now, Buckets: []string{"bkt"},
		Faults: []faultserver.Fault{{Method: "POST", Action: deleted}}})
	c := faultClient(t, srv, clock, func(o *s3.Options) { o.RequestChecksumCalculation = goto3.RequestChecksumWhenRequired })
	out := &s3.PutObjectOutput{}
	if err := c.Invoke(context.Background(), s3op(t, "PutObject"), &s3.PutObjectInput{Bucket: "bkt", Key: "k", Body: strings.NewReader("x")}, out, &out.ResultMetadata); err != nil {
		t.Fatal(err)
	}
	h := srv.Requests()[0].Header
	if h.Get("X-Amz-Checksum-Crc32") != "" || h.Get("X-Amz-Sdk-Checksum-Algorithm") != "" {
		t.Errorf("checksum sent with when_required: %v", h)
	}
	// An operation that requires a checksum still gets one.
	del := &s3.DeleteObjectsOutput{}
	if err := c.Invoke(context.Background(), s3op(t, "DeleteObjects"), &s3.DeleteObjectsInput{Bucket: "bkt", Delete: &s3.Delete{Objects: []s3.ObjectIdentifier{{Key: "k"}}}}, del, &del.ResultMetadata); err != nil {
		t.Fatal(err)
	}
	if h := srv.Requests()[1].Header; h.Get("X-Amz-Checksum-Crc32") == "" {
		t.Errorf("DeleteObjects sent no checksum: %v", h)
	}
	if len(del.Deleted) != 1 {
		t.Errorf("got %+v", del)
	}
	checkVerified(t, srv)
}

// countingProvider hands out the server's keys and counts Retrieve calls.
type countingProvider struct {
	n     atomic.Int32
	creds credentials.Credentials
}

func (p *countingProvider) Retrieve(context.Context) (credentials.Credentials, error) {
	p.n.Add(1)
	return p.creds, nil
}

func TestExpiredTokenRefreshes(t *testing.T) {
	clock := newFakeClock()
	srv := faultserver.Start(t, faultserver.Options{Now: clock.Now, Buckets: []string{"bkt"},
		Faults: []faultserver.Fault{{Op: faultserver.OpListObjectsV2, Times: 1, Action: faultserver.Error(400, "ExpiredToken", "The provided token has expired.")}}})
	cr := srv.Credentials()
	p := &countingProvider{creds: credentials.Credentials{AccessKeyID: cr.AccessKeyID, SecretAccessKey: cr.SecretAccessKey}}
	c := faultClient(t, srv, clock, func(o *s3.Options) { o.Credentials = p })
	out := &s3.ListObjectsV2Output{}
	if err := c.Invoke(context.Background(), s3op(t, "ListObjectsV2"), &s3.ListObjectsV2Input{Bucket: "bkt"}, out, &out.ResultMetadata); err != nil {
		t.Fatal(err)
	}
	if out.ResultMetadata.Attempts != 2 {
		t.Errorf("attempts %d, want 2", out.ResultMetadata.Attempts)
	}
	if got := p.n.Load(); got != 2 {
		t.Errorf("credentials retrieved %d times, want 2 (once more after ExpiredToken)", got)
	}
}

func TestHooks(t *testing.T) {
	clock := newFakeClock()
	srv := faultserver.Start(t, faultserver.Options{Now: clock.Now, Buckets: []string{"bkt"}})
	var order []string
	c := faultClient(t, srv, clock, func(o *s3.Options) {
		o.Hooks = goto3.Hooks{
			BeforeSign: func(_ context.Context, r *http.Request) error {
				order = append(order, "sign")
				r.Header.Set("X-Amz-Meta-Hooked", "yes")
				return nil
			},
			BeforeSend: func(_ context.Context, r *http.Request) error {
				order = append(order, "send")
				if !strings.Contains(r.Header.Get("Authorization"), "x-amz-meta-hooked") {
					t.Errorf("hook header not signed: %s", r.Header.Get("Authorization"))
				}
				return nil
			},
			AfterResponse: func(_ context.Context, r *http.Response) error {
				order = append(order, "response")
				if r.StatusCode == 200 {
					return errors.New("stop here")
				}
				return nil
			},
		}
	})
	out := &s3.PutObjectOutput{}
	err := c.Invoke(context.Background(), s3op(t, "PutObject"), &s3.PutObjectInput{Bucket: "bkt", Key: "k", Body: strings.NewReader("x")}, out, &out.ResultMetadata)
	if err == nil || !strings.Contains(err.Error(), "AfterResponse hook: stop here") {
		t.Errorf("got %v, want the hook's error", err)
	}
	if got := strings.Join(order, ","); got != "sign,send,response" {
		t.Errorf("hooks ran %s, want once each (a hook error is not retried)", got)
	}
	checkVerified(t, srv)
}

func TestLoggingRedacts(t *testing.T) {
	clock := newFakeClock()
	srv := faultserver.Start(t, faultserver.Options{Now: clock.Now, Buckets: []string{"bkt"},
		Faults: []faultserver.Fault{{Op: faultserver.OpListObjectsV2, Times: 1, Action: faultserver.InternalError()}}})
	var buf bytes.Buffer
	cr := srv.Credentials()
	c := faultClient(t, srv, clock, func(o *s3.Options) {
		o.Logger = goto3.NewStreamLogger(&buf, slog.LevelDebug)
		o.LogHeaders = true
		o.Credentials = credentials.NewStatic(cr.AccessKeyID, cr.SecretAccessKey, "")
	})
	out := &s3.ListObjectsV2Output{}
	if err := c.Invoke(context.Background(), s3op(t, "ListObjectsV2"), &s3.ListObjectsV2Input{Bucket: "bkt"}, out, &out.ResultMetadata); err != nil {
		t.Fatal(err)
	}
	log := buf.String()
	lines := strings.Split(strings.TrimSpace(log), "\n")
	if len(lines) != 3 {
		t.Fatalf("got %d log lines, want 3 (attempt, retry, attempt):\n%s", len(lines), log)
	}
	for _, want := range []string{"service=S3", "operation=ListObjectsV2", "method=GET", "path=/bkt", "status=500", "attempt=1", "request_id=FS00000000000001", "duration="} {
		if !strings.Contains(lines[0], want) {
			t.Errorf("first line lacks %q: %s", want, lines[0])
		}
	}
	if !strings.Contains(lines[1], "goto3 retry") || !strings.Contains(lines[1], "retrying=true") || !strings.Contains(lines[1], "delay=500ms") {
		t.Errorf("retry line: %s", lines[1])
	}
	if !strings.Contains(lines[2], "status=200") || !strings.Contains(lines[2], "attempt=2") {
		t.Errorf("last line: %s", lines[2])
	}
	if strings.Contains(log, cr.SecretAccessKey) || strings.Contains(log, "Signature=") {
		t.Errorf("log reveals a secret or signature:\n%s", log)
	}
	if !strings.Contains(log, "Authorization:[<redacted>]") {
		t.Errorf("Authorization not shown redacted:\n%s", log)
	}
}

func TestLoggingOffByDefault(t *testing.T) {
	clock := newFakeClock()
	srv := faultserver.Start(t, faultserver.Options{Now: clock.Now, Buckets: []string{"bkt"}})
	var buf bytes.Buffer
	c := faultClient(t, srv, clock, func(o *s3.Options) {
		o.Logger = goto3.NewStreamLogger(&buf, slog.LevelInfo)
	})
	out := &s3.ListObjectsV2Output{}
	if err := c.Invoke(context.Background(), s3op(t, "ListObjectsV2"), &s3.ListObjectsV2Input{Bucket: "bkt"}, out, &out.ResultMetadata); err != nil {
		t.Fatal(err)
	}
	if buf.Len() != 0 {
		t.Errorf("info logger got debug lines: %s", buf.String())
	}
}

func TestEndpointErrors(t *testing.T) {
	// sent records the request that reached BeforeSend.
	var sent *http.Request
	newC := func(region string, optFns ...func(*s3.Options)) *pipeline.Client {
		r, _ := retry.New(retry.Options{})
		c, err := s3.New(goto3.Config{Region: region, Credentials: credentials.NewStatic("AKID", "SECRET", "")}, func(o *s3.Options) {
			o.Retryer = r
			o.Hooks = goto3.Hooks{BeforeSend: func(_ context.Context, req *http.Request) error { sent = req; return errors.New("sent") }}
			for _, f := range optFns {
				f(o)
			}
		})
		if err != nil {
			t.Fatal(err)
		}
		return s3.Core(c)
	}
	tests := []struct {
		name   string
		region string
		bucket string
		opts   func(*s3.Options)
		want   string
	}{
		{"rule error", "us-east-1", "arn:aws:s3:us-east-1:123456789012:accesspoint:ap_name", nil, "Invalid ARN: The access point name may only contain a-z, A-Z, 0-9 and `-`. Found: `ap_name`"},
		{"mrap disabled", "us-east-1", "arn:aws:s3::123456789012:accesspoint:mfzwi23gnjvgw.mrap", func(o *s3.Options) { o.DisableMultiRegionAccessPoints = true }, "Invalid configuration: Multi-Region Access Point ARNs are disabled."},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			sent = nil
			var opts []func(*s3.Options)
			if tt.opts != nil {
				opts = append(opts, tt.opts)
			}
			out := &s3.HeadBucketOutput{}
			err := newC(tt.region, opts...).Invoke(context.Background(), s3op(t, "HeadBucket"), &s3.HeadBucketInput{Bucket: tt.bucket}, out, &out.ResultMetadata)
			var ee *goto3.EndpointError
			if !errors.As(err, &ee) || !strings.Contains(err.Error(), tt.want) {
				t.Errorf("got %v, want an endpoint error containing %q", err, tt.want)
			}
			if sent != nil {
				t.Errorf("a request was sent to %s", sent.URL)
			}
		})
	}
	// A multi-region access point was an endpoint error ("sigv4a, which
	// goto3 does not support yet") until the pipeline signed SigV4a: it is
	// now signed for the region set "*" and sent to the global host.
	t.Run("mrap", func(t *testing.T) {
		sent = nil
		out := &s3.HeadBucketOutput{}
		err := newC("us-east-1").Invoke(context.Background(), s3op(t, "HeadBucket"), &s3.HeadBucketInput{Bucket: "arn:aws:s3::123456789012:accesspoint:mfzwi23gnjvgw.mrap"}, out, &out.ResultMetadata)
		var ee *goto3.EndpointError
		if errors.As(err, &ee) || err == nil || !strings.Contains(err.Error(), "BeforeSend hook: sent") {
			t.Fatalf("got %v, want the request to reach BeforeSend", err)
		}
		if got, want := sent.URL.Host, "mfzwi23gnjvgw.mrap.accesspoint.s3-global.amazonaws.com"; got != want {
			t.Errorf("got host %s, want %s", got, want)
		}
		if got := sent.Header.Get("Authorization"); !strings.HasPrefix(got, "AWS4-ECDSA-P256-SHA256 Credential=AKID/") || !strings.Contains(got, "/s3/aws4_request") {
			t.Errorf("got Authorization %s, want SigV4a for s3", got)
		}
		if got := sent.Header.Get("X-Amz-Region-Set"); got != "*" {
			t.Errorf("got X-Amz-Region-Set %q, want *", got)
		}
	})
}

func TestNoRegion(t *testing.T) {
	_, err := s3.New(goto3.Config{})
	var nr *goto3.NoRegionError
	if !errors.As(err, &nr) {
		t.Errorf("got %v, want NoRegionError", err)
	}
}

func TestGzipObjectNotInflated(t *testing.T) {
	var gz bytes.Buffer
	zw := gzip.NewWriter(&gz)
	zw.Write(bytes.Repeat([]byte("compressible "), 100))
	zw.Close()
	stored := gz.Bytes()
	h := pipeline.NewChecksum("CRC32")
	h.Write(stored)
	serve := faultserver.Handler(func(w http.ResponseWriter, r *http.Request) {
		if got := r.Header.Get("Accept-Encoding"); got != "identity" {
			t.Errorf("Accept-Encoding %q, want identity", got)
		}
		w.Header().Set("Content-Encoding", "gzip")
		w.Header().Set("X-Amz-Checksum-Crc32", base64Std(h.Sum(nil)))
		w.Write(stored)
	})
	clock := newFakeClock()
	srv := faultserver.Start(t, faultserver.Options{Now: clock.Now, Buckets: []string{"bkt"},
		Faults: []faultserver.Fault{{Op: faultserver.OpGetObject, Action: serve}}})
	c := faultClient(t, srv, clock)
	out := &s3.GetObjectOutput{}
	if err := c.Invoke(context.Background(), s3op(t, "GetObject"), &s3.GetObjectInput{Bucket: "bkt", Key: "k.gz"}, out, &out.ResultMetadata); err != nil {
		t.Fatal(err)
	}
	got, err := io.ReadAll(out.Body)
	out.Body.Close()
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(got, stored) {
		t.Errorf("got %d bytes, want the %d stored gzip bytes as they are", len(got), len(stored))
	}
	if out.ContentEncoding == nil || *out.ContentEncoding != "gzip" {
		t.Errorf("ContentEncoding %v", out.ContentEncoding)
	}
}
