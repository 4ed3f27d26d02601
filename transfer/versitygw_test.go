package transfer_test

import (
	"bytes"
	"context"
	"crypto/sha256"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"testing"

	"github.com/goto3/goto3/internal/testing/testpeer"
	"github.com/goto3/goto3/services/s3"
	"github.com/goto3/goto3/transfer"
)

// bigSize is the size of the versitygw round trips: 100 MiB (20 parts;
// about 20 s for every checksum algorithm, file and stream, up and down),
// or 12 MiB (three parts) under -short.
func bigSize() int64 {
	if testing.Short() {
		return 12 * mib
	}
	return 100 * mib
}

// TestVersitygw round-trips objects through versitygw, which verifies
// signatures, payload hashes and checksums, with every checksum
// algorithm, from a file and from a non-seekable stream.
func TestVersitygw(t *testing.T) {
	srv := testpeer.Versitygw(t, testpeer.VersitygwOptions{})
	c := peerClient(t, srv)
	bucket := testpeer.BucketName(t)
	createBucket(t, c, bucket)
	ctx := context.Background()
	size := bigSize()
	data := pattern(size)
	want := sha256.Sum256(data)
	src := writeTemp(t, data)
	for _, alg := range []s3.ChecksumAlgorithm{s3.ChecksumAlgorithmCrc32, s3.ChecksumAlgorithmCrc32c, s3.ChecksumAlgorithmCrc64nvme, s3.ChecksumAlgorithmSha1, s3.ChecksumAlgorithmSha256, ""} {
		m := newPeerManager(t, c, transfer.Options{ChecksumAlgorithm: alg, DisableChecksum: alg == "", Concurrency: 4})
		for _, from := range []string{"file", "stream"} {
			t.Run(fmt.Sprintf("%s/%s", alg, from), func(t *testing.T) {
				key := fmt.Sprintf("big/%s/%s", alg, from)
				var res *transfer.UploadOutput
				var err error
				if from == "file" {
					res, err = m.UploadFile(ctx, &transfer.UploadFileInput{Bucket: bucket, Key: key, Path: src})
				} else {
					res, err = m.Upload(ctx, &transfer.UploadInput{Bucket: bucket, Key: key, Body: streamOnly{bytes.NewReader(data)}})
				}
				if err != nil {
					t.Fatalf("%v\n%s", err, srv.Log())
				}
				if alg != "" && res.Checksum == "" {
					t.Errorf("no %s checksum returned for the object", alg)
				}
				if alg == s3.ChecksumAlgorithmCrc64nvme && res.Checksum != checksum(alg, data) {
					t.Errorf("got CRC64NVME %q, want the full object's %q", res.Checksum, checksum(alg, data))
				}
				dst := filepath.Join(t.TempDir(), "out")
				if n, err := dsize(m.DownloadFile(ctx, &transfer.DownloadFileInput{Bucket: bucket, Key: key, Path: dst})); err != nil || n != size {
					t.Fatalf("DownloadFile: %d, %v", n, err)
				}
				f, _ := os.Open(dst)
				h := sha256.New()
				io.Copy(h, f)
				f.Close()
				if !bytes.Equal(h.Sum(nil), want[:]) {
					t.Fatal("downloaded file differs")
				}
				h.Reset()
				if _, err := m.DownloadTo(ctx, &transfer.DownloadToInput{Bucket: bucket, Key: key, Writer: h}); err != nil || !bytes.Equal(h.Sum(nil), want[:]) {
					t.Fatalf("DownloadTo: %v or content differs", err)
				}
			})
		}
	}
	t.Run("copy", func(t *testing.T) {
		m := newPeerManager(t, c, transfer.Options{Concurrency: 4, PartSize: 5 * mib, MultipartThreshold: 5 * mib})
		if _, err := m.Copy(ctx, &transfer.CopyInput{Bucket: bucket, Key: "copied", Source: transfer.Source{Bucket: bucket, Key: "big/CRC32/file"}}); err != nil {
			t.Fatal(err)
		}
		h := sha256.New()
		if _, err := m.DownloadTo(ctx, &transfer.DownloadToInput{Bucket: bucket, Key: "copied", Writer: h}); err != nil || !bytes.Equal(h.Sum(nil), want[:]) {
			t.Fatalf("copy differs (%v)", err)
		}
	})
	t.Run("no uploads left", func(t *testing.T) {
		out, err := c.ListMultipartUploads(ctx, &s3.ListMultipartUploadsInput{Bucket: bucket})
		if err != nil {
			t.Fatal(err)
		}
		if len(out.Uploads) != 0 {
			t.Errorf("got %d uploads left", len(out.Uploads))
		}
	})
}

// TestVersitygwDir moves a directory of 300 files up and down.
func TestVersitygwDir(t *testing.T) {
	srv := testpeer.Versitygw(t, testpeer.VersitygwOptions{})
	c := peerClient(t, srv)
	bucket := testpeer.BucketName(t)
	createBucket(t, c, bucket)
	ctx := context.Background()
	src := t.TempDir()
	for i := 0; i < 300; i++ {
		p := filepath.Join(src, fmt.Sprintf("d%d", i%7), fmt.Sprintf("f%03d.txt", i))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, pattern(int64(i*37)), 0o600); err != nil {
			t.Fatal(err)
		}
	}
	m := newPeerManager(t, c, transfer.Options{})
	up, err := m.UploadDir(ctx, &transfer.UploadDirInput{Bucket: bucket, KeyPrefix: "tree/", Dir: src})
	if err != nil {
		t.Fatalf("%v\n%s", err, srv.Log())
	}
	if up.Files != 300 {
		t.Errorf("uploaded %d files, want 300", up.Files)
	}
	dst := t.TempDir()
	down, err := m.DownloadDir(ctx, &transfer.DownloadDirInput{Bucket: bucket, KeyPrefix: "tree/", Dir: dst})
	if err != nil {
		t.Fatal(err)
	}
	if down.Files != 300 || down.Bytes != up.Bytes {
		t.Errorf("got %+v down, want %+v", down, up)
	}
	for i := 0; i < 300; i += 29 {
		rel := filepath.Join(fmt.Sprintf("d%d", i%7), fmt.Sprintf("f%03d.txt", i))
		got, err := os.ReadFile(filepath.Join(dst, rel))
		if err != nil || !bytes.Equal(got, pattern(int64(i*37))) {
			t.Errorf("%s differs (%v)", rel, err)
		}
	}
}
