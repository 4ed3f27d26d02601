package transfer_test

import (
	"bytes"
	"context"
	"crypto/md5"
	"crypto/sha1"
	"crypto/sha256"
	"crypto/sha512"
	"encoding/base64"
	"errors"
	"fmt"
	"hash"
	"hash/crc32"
	"hash/crc64"
	"io"
	"os"
	"path/filepath"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/goto3/goto3/internal/testing/faultserver"
	"github.com/goto3/goto3/internal/xxhash"
	"github.com/goto3/goto3/retry"
	"github.com/goto3/goto3/services/s3"
	"github.com/goto3/goto3/transfer"
)

// faultSetup starts a signature-verifying fault server with bucket "bkt"
// and returns it with a manager (5 MiB parts) whose client retries
// quickly.
func faultSetup(t *testing.T, cfg transfer.Options) (*faultserver.Server, *s3.Client, *transfer.Manager) {
	t.Helper()
	fs := faultserver.Start(t, faultserver.Options{Buckets: []string{"bkt"}})
	r, err := retry.New(retry.Options{BaseDelay: time.Millisecond, MaxBackoff: 5 * time.Millisecond, DisableQuota: true})
	if err != nil {
		t.Fatal(err)
	}
	cr := fs.Credentials()
	c := newClient(t, fs.URL, fs.Region(), cr.AccessKeyID, cr.SecretAccessKey, func(o *s3.Options) { o.Retryer = r })
	if cfg.PartSize == 0 {
		cfg.PartSize, cfg.MultipartThreshold = 5*mib, 5*mib
	}
	if cfg.Concurrency == 0 {
		cfg.Concurrency = 3
	}
	return fs, c, newPeerManager(t, c, cfg)
}

func writeTemp(t *testing.T, data []byte) string {
	t.Helper()
	p := filepath.Join(t.TempDir(), "src.bin")
	if err := os.WriteFile(p, data, 0o600); err != nil {
		t.Fatal(err)
	}
	return p
}

func noUploadsLeft(t *testing.T, fs *faultserver.Server, c *s3.Client) {
	t.Helper()
	if u := fs.Uploads(); len(u) != 0 {
		t.Errorf("got %d multipart uploads left, want none: %+v", len(u), u)
	}
	out, err := c.ListMultipartUploads(context.Background(), &s3.ListMultipartUploadsInput{Bucket: "bkt"})
	if err != nil {
		t.Fatal(err)
	}
	if len(out.Uploads) != 0 {
		t.Errorf("ListMultipartUploads lists %d uploads, want none", len(out.Uploads))
	}
}

func TestFaultServerUpload(t *testing.T) {
	data := pattern(12 * mib) // parts of 5, 5, 2 MiB
	for _, alg := range append(s3.ChecksumAlgorithm("").Values(), "") {
		t.Run(algName(alg), func(t *testing.T) {
			fs, c, m := faultSetup(t, transfer.Options{ChecksumAlgorithm: alg, DisableChecksum: alg == ""})
			fs.AddFault(faultserver.Fault{Op: faultserver.OpUploadPart, PartNumber: 2, Times: 1, Action: faultserver.InternalError()})
			res, err := m.UploadFile(context.Background(), &transfer.UploadFileInput{Bucket: "bkt", Key: "part-fails-once", Path: writeTemp(t, data)})
			if err != nil {
				t.Fatal(err)
			}
			if res.Parts != 3 {
				t.Errorf("got %d parts, want 3", res.Parts)
			}
			var buf bytes.Buffer
			if _, err := m.DownloadTo(context.Background(), &transfer.DownloadToInput{Bucket: "bkt", Key: "part-fails-once", Writer: &buf}); err != nil || !bytes.Equal(buf.Bytes(), data) {
				t.Fatalf("round trip: %d bytes, %v", buf.Len(), err)
			}
			if n := len(fs.RequestsFor(faultserver.OpUploadPart)); n != 4 {
				t.Errorf("got %d UploadPart requests, want 4 (one retried)", n)
			}
			noUploadsLeft(t, fs, c)
		})
	}
}

func TestFaultServerPartAlwaysFails(t *testing.T) {
	fs, c, m := faultSetup(t, transfer.Options{})
	fs.AddFault(faultserver.Fault{Op: faultserver.OpUploadPart, PartNumber: 2, Action: faultserver.InternalError()})
	for _, src := range []string{"file", "stream"} {
		t.Run(src, func(t *testing.T) {
			data := pattern(12 * mib)
			var err error
			if src == "file" {
				_, err = m.UploadFile(context.Background(), &transfer.UploadFileInput{Bucket: "bkt", Key: "always", Path: writeTemp(t, data)})
			} else {
				_, err = m.Upload(context.Background(), &transfer.UploadInput{Bucket: "bkt", Key: "always", Body: streamOnly{bytes.NewReader(data)}})
			}
			var ue *transfer.UploadFailedError
			if !errors.As(err, &ue) || ue.UploadID == "" || !strings.Contains(err.Error(), ue.UploadID) || !strings.Contains(err.Error(), "s3://bkt/always") {
				t.Fatalf("got %v, want an *UploadFailedError naming bucket, key and upload id", err)
			}
			noUploadsLeft(t, fs, c)
			if _, ok := fs.Object("bkt", "always"); ok {
				t.Error("an object was created")
			}
		})
	}
}

func TestFaultServerCancel(t *testing.T) {
	fs, c, m := faultSetup(t, transfer.Options{})
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	var t0 atomic.Int64
	fs.AddFault(faultserver.Fault{Op: faultserver.OpUploadPart, PartNumber: 2, Action: faultserver.Delay(2 * time.Second),
		Match: func(*faultserver.Request) bool {
			t0.Store(time.Now().UnixNano())
			go cancel() // mid-transfer: part 2 has arrived and hangs
			return true
		}})
	_, err := m.UploadFile(ctx, &transfer.UploadFileInput{Bucket: "bkt", Key: "cancelled", Path: writeTemp(t, pattern(12*mib))})
	if !errors.Is(err, context.Canceled) {
		t.Fatalf("got %v, want context.Canceled", err)
	}
	if d := time.Since(time.Unix(0, t0.Load())); d > 1500*time.Millisecond {
		t.Errorf("returned after %v, want promptly", d)
	}
	var ue *transfer.UploadFailedError
	if !errors.As(err, &ue) || ue.UploadID == "" {
		t.Fatalf("got %v, want the upload id named", err)
	}
	noUploadsLeft(t, fs, c)
}

func TestFaultServerDownload(t *testing.T) {
	data := pattern(12 * mib)
	t.Run("body cut mid-range", func(t *testing.T) {
		fs, _, m := faultSetup(t, transfer.Options{})
		fs.PutObject("bkt", "k", data)
		fs.AddFault(faultserver.Fault{Op: faultserver.OpGetObject, Skip: 1, Times: 2, Action: faultserver.Truncate(100_000)})
		p := filepath.Join(t.TempDir(), "out")
		if _, err := m.DownloadFile(context.Background(), &transfer.DownloadFileInput{Bucket: "bkt", Key: "k", Path: p}); err != nil {
			t.Fatal(err)
		}
		if got, _ := os.ReadFile(p); !bytes.Equal(got, data) {
			t.Fatal("downloaded bytes differ")
		}
		var resumed int
		for _, r := range fs.RequestsFor(faultserver.OpGetObject) {
			var first, last int64
			if _, err := fmt.Sscanf(r.Header.Get("Range"), "bytes=%d-%d", &first, &last); err == nil && first%(5*mib) != 0 {
				resumed++
			}
		}
		if resumed < 2 {
			t.Errorf("got %d resumed ranges, want 2", resumed)
		}
	})
	t.Run("body always cut", func(t *testing.T) {
		fs, _, m := faultSetup(t, transfer.Options{DownloadAttempts: 3})
		fs.PutObject("bkt", "k", data)
		fs.AddFault(faultserver.Fault{Op: faultserver.OpGetObject, Skip: 1, Action: faultserver.Truncate(1000)})
		dir := t.TempDir()
		_, err := m.DownloadFile(context.Background(), &transfer.DownloadFileInput{Bucket: "bkt", Key: "k", Path: filepath.Join(dir, "out")})
		var re *transfer.RetriesExceededError
		if !errors.As(err, &re) {
			t.Fatalf("got %v, want a *RetriesExceededError", err)
		}
		if ents, _ := os.ReadDir(dir); len(ents) != 0 {
			t.Errorf("got %d files left, want none", len(ents))
		}
	})
	t.Run("ETag changes", func(t *testing.T) {
		fs, _, m := faultSetup(t, transfer.Options{Concurrency: 1})
		fs.PutObject("bkt", "k", data)
		fs.AddFault(faultserver.Fault{Op: faultserver.OpGetObject, Skip: 1, Times: 1, Action: faultserver.ChangeObject(pattern(13 * mib))})
		dir := t.TempDir()
		p := filepath.Join(dir, "out")
		if err := os.WriteFile(p, []byte("before"), 0o600); err != nil {
			t.Fatal(err)
		}
		_, err := m.DownloadFile(context.Background(), &transfer.DownloadFileInput{Bucket: "bkt", Key: "k", Path: p})
		if !errors.Is(err, transfer.ErrObjectChanged) {
			t.Fatalf("got %v, want ErrObjectChanged", err)
		}
		if got, _ := os.ReadFile(p); string(got) != "before" {
			t.Errorf("destination changed")
		}
		if ents, _ := os.ReadDir(dir); len(ents) != 1 {
			t.Errorf("got %d entries, want the destination only", len(ents))
		}
	})
}

func TestFaultServerCopy(t *testing.T) {
	fs, c, m := faultSetup(t, transfer.Options{})
	for _, size := range []int64{1, 12 * mib} {
		data := pattern(size)
		fs.PutObject("bkt", "src key+100%/é", data)
		res, err := m.Copy(context.Background(), &transfer.CopyInput{Bucket: "bkt", Key: "dst", Source: transfer.Source{Bucket: "bkt", Key: "src key+100%/é"}})
		if err != nil {
			t.Fatalf("size %d: %v", size, err)
		}
		var buf bytes.Buffer
		if _, err := m.DownloadTo(context.Background(), &transfer.DownloadToInput{Bucket: "bkt", Key: "dst", Writer: &buf}); err != nil || !bytes.Equal(buf.Bytes(), data) {
			t.Fatalf("size %d: copy differs (%v)", size, err)
		}
		if size > 5*mib && res.Parts != 3 {
			t.Errorf("got %d parts, want 3", res.Parts)
		}
	}
	noUploadsLeft(t, fs, c)
}

// TestFaultServerPayloadSigning uploads a file and a stream to the
// signature-verifying fault server over http: signed, every part's
// x-amz-content-sha256 is the SHA-256 the manager computed (the server
// checks it against the body); with s3.Options.UnsignedPayload, parts go
// UNSIGNED-PAYLOAD with their CRC32 header, and the object is intact
// either way.
func TestFaultServerPayloadSigning(t *testing.T) {
	data := pattern(12*mib + 3)
	for _, tc := range []struct {
		name     string
		unsigned bool
		stream   bool
	}{
		{"signed-file", false, false},
		{"signed-stream", false, true},
		{"unsigned-file", true, false},
		{"unsigned-stream", true, true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			fs := faultserver.Start(t, faultserver.Options{Buckets: []string{"bkt"}})
			cr := fs.Credentials()
			c := newClient(t, fs.URL, fs.Region(), cr.AccessKeyID, cr.SecretAccessKey, func(o *s3.Options) { o.UnsignedPayload = tc.unsigned })
			m := newPeerManager(t, c, transfer.Options{PartSize: 5 * mib, MultipartThreshold: 5 * mib, Concurrency: 2})
			var err error
			if tc.stream {
				_, err = m.Upload(context.Background(), &transfer.UploadInput{Bucket: "bkt", Key: "obj", Body: struct{ io.Reader }{bytes.NewReader(data)}})
			} else {
				_, err = m.UploadFile(context.Background(), &transfer.UploadFileInput{Bucket: "bkt", Key: "obj", Path: writeTemp(t, data)})
			}
			if err != nil {
				t.Fatal(err)
			}
			parts := fs.RequestsFor(faultserver.OpUploadPart)
			if len(parts) != 3 {
				t.Fatalf("got %d UploadPart requests, want 3", len(parts))
			}
			for _, r := range parts {
				got := r.Header.Get("X-Amz-Content-Sha256")
				want := r.BodySHA256
				if tc.unsigned {
					want = "UNSIGNED-PAYLOAD"
				}
				if got != want {
					t.Errorf("part request: got payload hash %q, want %q", got, want)
				}
				if r.Header.Get("X-Amz-Checksum-Crc32") == "" {
					t.Errorf("part request: got no x-amz-checksum-crc32 header")
				}
			}
			if obj, ok := fs.Object("bkt", "obj"); !ok || !bytes.Equal(obj.Data, data) {
				t.Errorf("stored %d bytes, want the %d uploaded, equal", len(obj.Data), len(data))
			}
		})
	}
}

// TestFaultServerAbortRetried fails an upload whose aborts the server
// refuses for a while: the manager keeps aborting, with backoff, within its
// cleanup budget, until the server takes the abort and nothing is left in
// ListMultipartUploads; an abort still refused when the budget runs out is
// joined to the cause.
func TestFaultServerAbortRetried(t *testing.T) {
	var first atomic.Int64
	for _, tc := range []struct {
		name   string
		fault  faultserver.Fault
		budget time.Duration
		gone   bool // the abort gets through within the budget
	}{
		{"first 8 aborts refused", faultserver.Fault{Op: faultserver.OpAbortMultipartUpload, Times: 8, Action: faultserver.InternalError()}, 30 * time.Second, true},
		{"aborts throttled for 1.5 s", faultserver.Fault{Op: faultserver.OpAbortMultipartUpload, Action: faultserver.SlowDown(), Match: func(*faultserver.Request) bool {
			now := time.Now().UnixNano()
			first.CompareAndSwap(0, now)
			return now-first.Load() < int64(1500*time.Millisecond)
		}}, 30 * time.Second, true},
		{"aborts refused beyond the budget", faultserver.Fault{Op: faultserver.OpAbortMultipartUpload, Action: faultserver.ServiceUnavailable()}, time.Second, false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			fs, c, m := faultSetup(t, transfer.Options{AbortTimeout: tc.budget})
			fs.AddFault(faultserver.Fault{Op: faultserver.OpUploadPart, PartNumber: 2, Action: faultserver.Error(400, "InvalidRequest", "part refused")})
			fs.AddFault(tc.fault)
			t0 := time.Now()
			_, err := m.UploadFile(context.Background(), &transfer.UploadFileInput{Bucket: "bkt", Key: "k", Path: writeTemp(t, pattern(12*mib))})
			var ue *transfer.UploadFailedError
			if !errors.As(err, &ue) || !strings.Contains(err.Error(), "part refused") {
				t.Fatalf("got %v, want an *UploadFailedError with the part's error", err)
			}
			aborts := len(fs.RequestsFor(faultserver.OpAbortMultipartUpload))
			if tc.gone {
				if strings.Contains(err.Error(), "abort") {
					t.Errorf("got %q, want no abort failure joined", err)
				}
				if aborts < 4 {
					t.Errorf("got %d abort requests, want the refused ones and one more", aborts)
				}
				noUploadsLeft(t, fs, c)
				return
			}
			if !strings.Contains(err.Error(), "aborting multipart upload") || !strings.Contains(err.Error(), "ServiceUnavailable") {
				t.Errorf("got %q, want the abort's failure joined", err)
			}
			if d := time.Since(t0); d < tc.budget || d > tc.budget+5*time.Second {
				t.Errorf("gave up after %v, want about the %v budget", d, tc.budget)
			}
			if aborts <= 3 {
				t.Errorf("got %d abort requests, want more than the client's 3 attempts", aborts)
			}
			if len(fs.Uploads()) != 1 {
				t.Errorf("got %d uploads left, want the one the server would not abort", len(fs.Uploads()))
			}
		})
	}
}

// refHash is each algorithm's hash, written apart from the manager's: the
// standard library's, and internal/xxhash's (checked there against the
// published xxHash and AWS vectors).
func refHash(alg s3.ChecksumAlgorithm) hash.Hash {
	switch alg {
	case s3.ChecksumAlgorithmCrc32:
		return crc32.NewIEEE()
	case s3.ChecksumAlgorithmCrc32c:
		return crc32.New(crc32.MakeTable(crc32.Castagnoli))
	case s3.ChecksumAlgorithmCrc64nvme:
		return crc64.New(crc64.MakeTable(0x9a6c9329ac4bc9b5))
	case s3.ChecksumAlgorithmSha1:
		return sha1.New()
	case s3.ChecksumAlgorithmSha256:
		return sha256.New()
	case s3.ChecksumAlgorithmSha512:
		return sha512.New()
	case s3.ChecksumAlgorithmMd5:
		return md5.New()
	case s3.ChecksumAlgorithmXxhash64:
		return xxhash.New64()
	case s3.ChecksumAlgorithmXxhash3:
		return xxhash.New3()
	case s3.ChecksumAlgorithmXxhash128:
		return xxhash.New128()
	}
	panic("no algorithm " + alg)
}

func refSum(alg s3.ChecksumAlgorithm, b []byte) []byte {
	h := refHash(alg)
	h.Write(b)
	return h.Sum(nil)
}

// TestFaultServerChecksums uploads with each of the ten algorithms of S3's
// model through the signature- and checksum-verifying fault server: a
// single PutObject, a file in parts (sent with sendfile) and a stream in
// parts. Every request carries the algorithm's checksum; the object gets
// the whole object's value (a single request; CRC64NVME's FULL_OBJECT
// multipart value, combined from the part CRCs) or the COMPOSITE
// "<checksum of the part checksums>-N", as the test computes them with
// hashes of its own; the bytes round-trip.
func TestFaultServerChecksums(t *testing.T) {
	const ps = 5 * mib
	big := pattern(2*ps + 12345)
	small := pattern(1000)
	for _, alg := range s3.ChecksumAlgorithm("").Values() {
		for _, src := range []string{"single", "file", "stream"} {
			t.Run(string(alg)+"/"+src, func(t *testing.T) {
				fs, c, m := faultSetup(t, transfer.Options{ChecksumAlgorithm: alg})
				data := big
				var out *transfer.UploadOutput
				var err error
				switch src {
				case "single":
					data = small
					out, err = m.UploadFile(context.Background(), &transfer.UploadFileInput{Bucket: "bkt", Key: "k", Path: writeTemp(t, data)})
				case "file":
					out, err = m.UploadFile(context.Background(), &transfer.UploadFileInput{Bucket: "bkt", Key: "k", Path: writeTemp(t, data)})
				case "stream":
					out, err = m.Upload(context.Background(), &transfer.UploadInput{Bucket: "bkt", Key: "k", Body: streamOnly{bytes.NewReader(data)}})
				}
				if err != nil {
					t.Fatal(err)
				}
				want, typ := base64.StdEncoding.EncodeToString(refSum(alg, data)), s3.ChecksumTypeFullObject
				if src != "single" && alg != s3.ChecksumAlgorithmCrc64nvme {
					var raw []byte
					for off := 0; off < len(data); off += ps {
						raw = append(raw, refSum(alg, data[off:min(off+ps, len(data))])...)
					}
					want, typ = base64.StdEncoding.EncodeToString(refSum(alg, raw))+"-3", s3.ChecksumTypeComposite
				}
				if out.ChecksumAlgorithm != alg || out.ChecksumType != typ || out.Checksum != want {
					t.Errorf("got %s %s %q, want %s %s %q", out.ChecksumAlgorithm, out.ChecksumType, out.Checksum, alg, typ, want)
				}
				header := "X-Amz-Checksum-" + string(alg)
				op := faultserver.OpUploadPart
				if src == "single" {
					op = faultserver.OpPutObject
				}
				reqs := fs.RequestsFor(op)
				for _, r := range reqs {
					if r.Header.Get(header) == "" || r.Header.Get("X-Amz-Sdk-Checksum-Algorithm") != string(alg) {
						t.Errorf("%s request: got %s %q, algorithm %q, want both", op, header, r.Header.Get(header), r.Header.Get("X-Amz-Sdk-Checksum-Algorithm"))
					}
				}
				if obj, ok := fs.Object("bkt", "k"); !ok || obj.ChecksumAlgorithm != string(alg) || obj.Checksum != want {
					t.Errorf("server stored %s %q, want %s %q", obj.ChecksumAlgorithm, obj.Checksum, alg, want)
				}
				var buf bytes.Buffer
				if _, err := m.DownloadTo(context.Background(), &transfer.DownloadToInput{Bucket: "bkt", Key: "k", Writer: &buf}); err != nil || !bytes.Equal(buf.Bytes(), data) {
					t.Fatalf("round trip: %d bytes, %v", buf.Len(), err)
				}
				noUploadsLeft(t, fs, c)
			})
		}
	}
}
