package s3_test

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"hash/crc32"
	"io"
	"os"
	"path/filepath"
	"runtime"
	"sync/atomic"
	"syscall"
	"testing"

	"github.com/goto3/goto3"
	"github.com/goto3/goto3/internal/testing/faultserver"
	"github.com/goto3/goto3/services/s3"
)

// TestUnsignedPayloadOverHTTP: with Options.UnsignedPayload, uploads that
// carry a checksum go UNSIGNED-PAYLOAD over plain http as they do over
// https; without a checksum the payload is still signed.
func TestUnsignedPayloadOverHTTP(t *testing.T) {
	data := bytes.Repeat([]byte("http body "), 10000)
	n := int64(len(data))
	tests := []struct {
		name        string
		in          *s3.PutObjectInput
		whenReq     bool // RequestChecksumCalculation when_required
		wantHash    string
		wantTrailer string
		wantHeader  string
	}{
		{"seekable", &s3.PutObjectInput{Body: bytes.NewReader(data)}, false, "UNSIGNED-PAYLOAD", "", "X-Amz-Checksum-Crc32"},
		{"seekable-crc32c", &s3.PutObjectInput{Body: bytes.NewReader(data), ChecksumAlgorithm: ptrTo(s3.ChecksumAlgorithmCrc32c)}, false, "UNSIGNED-PAYLOAD", "", "X-Amz-Checksum-Crc32c"},
		{"chunked", &s3.PutObjectInput{Body: &onlyReader{bytes.NewReader(data)}, ContentLength: &n}, false, "STREAMING-UNSIGNED-PAYLOAD-TRAILER", "x-amz-checksum-crc32", ""},
		{"no-checksum-still-signed", &s3.PutObjectInput{Body: bytes.NewReader(data)}, true, sha(data), "", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			clock := newFakeClock()
			srv := faultserver.Start(t, faultserver.Options{Now: clock.Now, Buckets: []string{"bkt"}})
			c := faultClient(t, srv, clock, func(o *s3.Options) {
				o.UnsignedPayload = true
				if tt.whenReq {
					o.RequestChecksumCalculation = goto3.RequestChecksumWhenRequired
				}
			})
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

// hashedReader is a seekable body that knows its SHA-256 and counts the
// bytes read from it.
type hashedReader struct {
	*bytes.Reader
	sum  string
	read int
}

func (h *hashedReader) PayloadSHA256() string { return h.sum }

func (h *hashedReader) Read(p []byte) (int, error) {
	n, err := h.Reader.Read(p)
	h.read += n
	return n, err
}

// TestPayloadHasher: a body's own SHA-256 is signed as it is, and with the
// checksum given too the body is read once, to send it.
func TestPayloadHasher(t *testing.T) {
	data := bytes.Repeat([]byte("pre-hashed "), 20000)
	crc := make([]byte, 4)
	v := crc32.ChecksumIEEE(data)
	crc[0], crc[1], crc[2], crc[3] = byte(v>>24), byte(v>>16), byte(v>>8), byte(v)
	tests := []struct {
		name     string
		sum      string
		wantCode string
		wantRead int
	}{
		{"right", sha(data), "", len(data)},
		{"wrong", sha([]byte("other")), "XAmzContentSHA256Mismatch", len(data)},
		{"unknown", "", "", 2 * len(data)}, // hashed by the pipeline, then sent
		{"not-hex", "Z" + sha(data)[1:], "", 2 * len(data)},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			clock := newFakeClock()
			srv := faultserver.Start(t, faultserver.Options{Now: clock.Now, Buckets: []string{"bkt"}})
			c := faultClient(t, srv, clock, func(o *s3.Options) { o.RetryMaxAttempts = 1 })
			body := &hashedReader{Reader: bytes.NewReader(data), sum: tt.sum}
			in := &s3.PutObjectInput{Bucket: "bkt", Key: "obj", Body: body, ChecksumCRC32: ptrTo(base64Std(crc))}
			out := &s3.PutObjectOutput{}
			err := c.Invoke(context.Background(), s3op(t, "PutObject"), in, out, &out.ResultMetadata)
			var api *goto3.APIError
			switch {
			case tt.wantCode == "" && err != nil:
				t.Fatal(err)
			case tt.wantCode != "" && (!errors.As(err, &api) || api.Code != tt.wantCode):
				t.Fatalf("got %v, want %s", err, tt.wantCode)
			}
			if body.read != tt.wantRead {
				t.Errorf("got %d bytes read from the body, want %d", body.read, tt.wantRead)
			}
			if tt.wantCode == "" {
				if obj, ok := srv.Object("bkt", "obj"); !ok || !bytes.Equal(obj.Data, data) {
					t.Errorf("stored %d bytes, want the body's %d", len(obj.Data), len(data))
				}
			}
		})
	}
}

// countingFile is an *os.File whose SyscallConn calls are counted.
type countingFile struct {
	*os.File
	conns atomic.Int32
}

func (f *countingFile) SyscallConn() (syscall.RawConn, error) {
	f.conns.Add(1)
	return f.File.SyscallConn()
}

// TestFileBody: a file body is sent from its current offset, through its
// descriptor (sendfile) on Linux, and sent again whole when retried.
func TestFileBody(t *testing.T) {
	data := make([]byte, 3<<20+7)
	for i := range data {
		data[i] = byte(i * 7)
	}
	path := filepath.Join(t.TempDir(), "body")
	if err := os.WriteFile(path, data, 0o600); err != nil {
		t.Fatal(err)
	}
	for _, tt := range []struct {
		name   string
		faults []faultserver.Fault
		tries  int
	}{
		{"once", nil, 1},
		{"retried", []faultserver.Fault{{Op: faultserver.OpPutObject, Times: 1, Action: faultserver.InternalError()}}, 2},
		{"reset-retried", []faultserver.Fault{{Op: faultserver.OpPutObject, Times: 1, Action: faultserver.ResetAfterBody()}}, 2},
	} {
		t.Run(tt.name, func(t *testing.T) {
			f, err := os.Open(path)
			if err != nil {
				t.Fatal(err)
			}
			defer f.Close()
			const skip = 5
			if _, err := f.Seek(skip, io.SeekStart); err != nil {
				t.Fatal(err)
			}
			body := &countingFile{File: f}
			clock := newFakeClock()
			srv := faultserver.Start(t, faultserver.Options{Now: clock.Now, Buckets: []string{"bkt"}, Faults: tt.faults})
			c := faultClient(t, srv, clock)
			out := &s3.PutObjectOutput{}
			if err := c.Invoke(context.Background(), s3op(t, "PutObject"), &s3.PutObjectInput{Bucket: "bkt", Key: "obj", Body: body}, out, &out.ResultMetadata); err != nil {
				t.Fatal(err)
			}
			if out.ResultMetadata.Attempts != tt.tries {
				t.Errorf("got %d attempts, want %d", out.ResultMetadata.Attempts, tt.tries)
			}
			if obj, ok := srv.Object("bkt", "obj"); !ok || !bytes.Equal(obj.Data, data[skip:]) {
				t.Errorf("stored %d bytes, want the file's %d from offset %d", len(obj.Data), len(data)-skip, skip)
			}
			want := sha256.Sum256(data[skip:])
			for _, r := range srv.RequestsFor(faultserver.OpPutObject) {
				if r.BodyLen != 0 && r.BodySHA256 != hex.EncodeToString(want[:]) {
					t.Errorf("attempt %d: got a different body (%d bytes)", r.Attempt, r.BodyLen)
				}
			}
			checkVerified(t, srv)
			if runtime.GOOS == "linux" && body.conns.Load() == 0 {
				t.Errorf("got no SyscallConn call, want the body sent from its descriptor")
			}
		})
	}
}

// TestSerializedBodyHashedInPlace checks that a body the codec serialized
// (CreateBucket's XML) is hashed without taking a 256 KiB copy buffer: a
// small request must not allocate one.
func TestSerializedBodyHashedInPlace(t *testing.T) {
	clock := newFakeClock()
	srv := faultserver.Start(t, faultserver.Options{Now: clock.Now})
	c := faultClient(t, srv, clock)
	create := func(bucket string) {
		in := &s3.CreateBucketInput{Bucket: bucket, CreateBucketConfiguration: &s3.CreateBucketConfiguration{LocationConstraint: ptrTo(s3.BucketLocationConstraintEuWest1)}}
		out := &s3.CreateBucketOutput{}
		if err := c.Invoke(context.Background(), s3op(t, "CreateBucket"), in, out, &out.ResultMetadata); err != nil {
			t.Fatal(err)
		}
	}
	create("warm-up") // connections, lazily built tables
	if got := srv.RequestsFor(faultserver.OpCreateBucket); len(got) != 1 || got[0].Header.Get("Content-Length") == "0" {
		t.Fatalf("got %d requests, want one with a body", len(got))
	}
	// Two collections empty the buffer pools, so a buffer taken now is
	// a new allocation.
	runtime.GC()
	runtime.GC()
	var m0, m1 runtime.MemStats
	runtime.ReadMemStats(&m0)
	create("measured")
	runtime.ReadMemStats(&m1)
	if got := m1.TotalAlloc - m0.TotalAlloc; got >= 224<<10 {
		t.Errorf("got %d bytes allocated by a small CreateBucket, want under 224 KiB (the whole call, server included, takes about 100 KiB; a copy buffer is 256 KiB)", got)
	}
}

// TestSerializedBodyRetried checks that every attempt of a call whose body
// the codec serialized (CreateBucket's XML, hashed in place) sends the same
// bytes under a payload hash the server accepts.
func TestSerializedBodyRetried(t *testing.T) {
	for _, tt := range []struct {
		name   string
		action faultserver.Action
	}{{"InternalError", faultserver.InternalError()}, {"ResetAfterBody", faultserver.ResetAfterBody()}} {
		t.Run(tt.name, func(t *testing.T) {
			clock := newFakeClock()
			srv := faultserver.Start(t, faultserver.Options{Now: clock.Now,
				Faults: []faultserver.Fault{{Op: faultserver.OpCreateBucket, Times: 2, Action: tt.action}}})
			c := faultClient(t, srv, clock)
			in := &s3.CreateBucketInput{Bucket: "bkt", CreateBucketConfiguration: &s3.CreateBucketConfiguration{LocationConstraint: ptrTo(s3.BucketLocationConstraintEuWest1)}}
			out := &s3.CreateBucketOutput{}
			if err := c.Invoke(context.Background(), s3op(t, "CreateBucket"), in, out, &out.ResultMetadata); err != nil {
				t.Fatalf("got %v, want success after retries", err)
			}
			reqs := srv.RequestsFor(faultserver.OpCreateBucket)
			if len(reqs) != 3 {
				t.Fatalf("server saw %d requests, want 3", len(reqs))
			}
			for _, r := range reqs {
				if r.BodyLen == 0 || r.BodySHA256 != reqs[2].BodySHA256 {
					t.Errorf("attempt %d: got %d body bytes with SHA-256 %s, want those of the last attempt (%s)", r.Attempt, r.BodyLen, r.BodySHA256, reqs[2].BodySHA256)
				}
				if got := r.Header.Get("X-Amz-Content-Sha256"); got != reqs[2].BodySHA256 && r.BodyLen != 0 {
					t.Errorf("attempt %d: got payload hash %s, want %s", r.Attempt, got, reqs[2].BodySHA256)
				}
			}
			checkVerified(t, srv)
		})
	}
}
