package transfer_test

import (
	"context"
	"crypto/tls"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"sync"
	"testing"

	"github.com/goto3/goto3/internal/discardserver"
	"github.com/goto3/goto3/services/s3"
	"github.com/goto3/goto3/transfer"
)

const benchSize = 1 << 30

var bigFile struct {
	once sync.Once
	path string
	err  error
}

// benchFile writes a 1 GiB file once per test binary (in 1 MiB writes, so
// it costs no resident memory) and removes it when the binary's
// benchmarks end.
func benchFile(b *testing.B) string {
	bigFile.once.Do(func() {
		dir, err := os.MkdirTemp("", "goto3-transfer-bench-")
		if err != nil {
			bigFile.err = err
			return
		}
		bigFile.path = filepath.Join(dir, "1GiB.bin")
		f, err := os.Create(bigFile.path)
		if err != nil {
			bigFile.err = err
			return
		}
		buf := make([]byte, 1<<20)
		for off := int64(0); off < benchSize; off += int64(len(buf)) {
			discardserver.Data(off, buf)
			if _, err := f.Write(buf); err != nil {
				bigFile.err = err
				break
			}
		}
		if err := f.Close(); err != nil && bigFile.err == nil {
			bigFile.err = err
		}
	})
	if bigFile.err != nil {
		b.Fatal(bigFile.err)
	}
	return bigFile.path
}

func removeBenchFile() {
	if bigFile.path != "" {
		os.RemoveAll(filepath.Dir(bigFile.path))
	}
}

// measure runs f b.N times and reports seconds, CPU-seconds per op and
// the process's peak RSS (ru_maxrss: the peak of the whole test binary, so
// run one benchmark alone with -run '^$' for a figure that is its own;
// peakRSS-before-MiB is the peak reached before the measured runs).
func measure(b *testing.B, f func() error) {
	b.SetBytes(benchSize)
	b.ReportAllocs()
	cpu0, rss0 := usage()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		if err := f(); err != nil {
			b.Fatal(err)
		}
	}
	b.StopTimer()
	cpu1, rss := usage()
	b.ReportMetric((cpu1-cpu0).Seconds()/float64(b.N), "cpu-s/op")
	b.ReportMetric(rss, "peakRSS-MiB")
	b.ReportMetric(rss0, "peakRSS-before-MiB")
}

// BenchmarkUploadFile uploads a 1 GiB file with 8 MiB parts and
// concurrency 8 to a loopback server that discards bodies: the server in
// a separate process for "signed" (SigV4 payload hash over http, CRC32
// checksum), so CPU and RSS are the client's; in-process over TLS for
// "unsigned-crc" (UNSIGNED-PAYLOAD with the CRC32 header, which the
// client sends only over https; CPU includes the server and TLS).
func BenchmarkUploadFile(b *testing.B) {
	defer removeBenchFile()
	path := benchFile(b)
	cfg := transfer.Config{PartSize: 8 * mib, Concurrency: 8}
	b.Run("signed", func(b *testing.B) {
		p := discardserver.StartProcess(b, discardserver.ProcessOptions{})
		c := newClient(b, p.URL, "us-east-1", "AKID", "SECRET")
		m := newPeerManager(b, c, cfg)
		measure(b, func() error {
			_, err := m.UploadFile(context.Background(), "bkt", "key", path)
			return err
		})
	})
	b.Run("unsigned-crc", func(b *testing.B) {
		ts := httptest.NewTLSServer(discardserver.New(discardserver.Options{}))
		defer ts.Close()
		tr := ts.Client().Transport.(*http.Transport).Clone()
		tr.MaxIdleConnsPerHost = 64
		tr.TLSClientConfig = &tls.Config{InsecureSkipVerify: true}
		c := newClient(b, ts.URL, "us-east-1", "AKID", "SECRET", func(o *s3.Options) { o.HTTPClient = &http.Client{Transport: tr} })
		m := newPeerManager(b, c, cfg)
		measure(b, func() error {
			_, err := m.UploadFile(context.Background(), "bkt", "key", path)
			return err
		})
	})
}

// dataReader is a non-seekable stream of the discard server's data.
type dataReader struct{ off, size int64 }

func (d *dataReader) Read(p []byte) (int, error) {
	if d.off >= d.size {
		return 0, io.EOF
	}
	p = p[:min(int64(len(p)), d.size-d.off)]
	discardserver.Data(d.off, p)
	d.off += int64(len(p))
	return len(p), nil
}

// BenchmarkUploadStream uploads 1 GiB from a non-seekable reader (pooled
// part buffers, at most Concurrency+1 of 8 MiB) to the separate-process
// discard server, signed over http. Run it alone (-bench UploadStream) for
// a peak RSS that is its own.
func BenchmarkUploadStream(b *testing.B) {
	p := discardserver.StartProcess(b, discardserver.ProcessOptions{})
	c := newClient(b, p.URL, "us-east-1", "AKID", "SECRET")
	m := newPeerManager(b, c, transfer.Config{PartSize: 8 * mib, Concurrency: 8})
	measure(b, func() error {
		_, err := m.Upload(context.Background(), "bkt", "key", &dataReader{size: benchSize})
		return err
	})
}

type discardWriterAt struct{}

func (discardWriterAt) WriteAt(p []byte, off int64) (int, error) { return len(p), nil }

// BenchmarkDownload downloads a 1 GiB object from the separate-process
// loopback server, to a discarding io.WriterAt and to a file.
func BenchmarkDownload(b *testing.B) {
	cfg := transfer.Config{PartSize: 8 * mib, Concurrency: 8}
	p := discardserver.StartProcess(b, discardserver.ProcessOptions{})
	c := newClient(b, p.URL, "us-east-1", "AKID", "SECRET")
	m := newPeerManager(b, c, cfg)
	b.Run("discard", func(b *testing.B) {
		measure(b, func() error {
			_, err := m.Download(context.Background(), "bkt", "key", discardWriterAt{})
			return err
		})
	})
	b.Run("writer", func(b *testing.B) {
		measure(b, func() error {
			_, err := m.DownloadTo(context.Background(), "bkt", "key", io.Discard)
			return err
		})
	})
	b.Run("file", func(b *testing.B) {
		dst := filepath.Join(b.TempDir(), "out.bin")
		measure(b, func() error {
			_, err := m.DownloadFile(context.Background(), "bkt", "key", dst)
			return err
		})
	})
}
