package transfer_test

import (
	"context"
	"io"
	"os"
	"path/filepath"
	"sync"
	"testing"

	"github.com/goto3/goto3/internal/testing/discardserver"
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
// concurrency 8 to a loopback server in a separate process that discards
// bodies (so CPU and RSS are the client's), over http: "signed" with the
// SigV4 payload hash and the CRC32 header; "unsigned-crc" with
// s3.Options.UnsignedPayload (UNSIGNED-PAYLOAD, the CRC32 header guards
// the bytes). The test binary's own peak RSS is about 15 MiB more than a
// small program's: internal/testing/transferbench measures the same
// uploads in a process of their own.
func BenchmarkUploadFile(b *testing.B) {
	defer removeBenchFile()
	path := benchFile(b)
	cfg := transfer.Options{PartSize: 8 * mib, Concurrency: 8}
	for _, bc := range []struct {
		name     string
		unsigned bool
	}{{"signed", false}, {"unsigned-crc", true}} {
		b.Run(bc.name, func(b *testing.B) {
			p := discardserver.StartProcess(b, discardserver.ProcessOptions{})
			c := newClient(b, p.URL, "us-east-1", "AKID", "SECRET", func(o *s3.Options) { o.UnsignedPayload = bc.unsigned })
			m := newPeerManager(b, c, cfg)
			measure(b, func() error {
				_, err := m.UploadFile(context.Background(), &transfer.UploadFileInput{Bucket: "bkt", Key: "key", Path: path})
				return err
			})
		})
	}
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
	m := newPeerManager(b, c, transfer.Options{PartSize: 8 * mib, Concurrency: 8})
	measure(b, func() error {
		_, err := m.Upload(context.Background(), &transfer.UploadInput{Bucket: "bkt", Key: "key", Body: &dataReader{size: benchSize}})
		return err
	})
}

type discardWriterAt struct{}

func (discardWriterAt) WriteAt(p []byte, off int64) (int, error) { return len(p), nil }

// BenchmarkDownload downloads a 1 GiB object from the separate-process
// loopback server, to a discarding io.WriterAt and to a file.
func BenchmarkDownload(b *testing.B) {
	cfg := transfer.Options{PartSize: 8 * mib, Concurrency: 8}
	p := discardserver.StartProcess(b, discardserver.ProcessOptions{})
	c := newClient(b, p.URL, "us-east-1", "AKID", "SECRET")
	m := newPeerManager(b, c, cfg)
	b.Run("discard", func(b *testing.B) {
		measure(b, func() error {
			_, err := m.Download(context.Background(), &transfer.DownloadInput{Bucket: "bkt", Key: "key", WriterAt: discardWriterAt{}})
			return err
		})
	})
	b.Run("writer", func(b *testing.B) {
		measure(b, func() error {
			_, err := m.DownloadTo(context.Background(), &transfer.DownloadToInput{Bucket: "bkt", Key: "key", Writer: io.Discard})
			return err
		})
	})
	b.Run("file", func(b *testing.B) {
		dst := filepath.Join(b.TempDir(), "out.bin")
		measure(b, func() error {
			_, err := m.DownloadFile(context.Background(), &transfer.DownloadFileInput{Bucket: "bkt", Key: "key", Path: dst})
			return err
		})
	})
}
