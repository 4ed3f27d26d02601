// Command transferbench measures the transfer manager against a running
// discardserver (cmd/discardserver) the way the peer SDKs were measured: a
// small process of its own, so the peak RSS and CPU time it prints are the
// client's alone, not a test binary's. Each run prints its wall time and
// CPU-seconds (user+system, getrusage); the last line gives the peak RSS.
//
//	discardserver & # prints its URL
//	transferbench -url http://127.0.0.1:PORT -mode upload -file /tmp/1GiB.bin [-unsigned] [-runs 3]
//
// Modes: upload (a file, by path), stream (-size bytes from a reader that
// cannot seek), download (to a discarding io.WriterAt), downloadfile (to
// -file, temp file and rename), downloadto (in order to io.Discard). A
// missing -file for upload is created with the server's data. -mem prints
// where the resident memory is after the runs (mappings from
// /proc/self/smaps, the Go runtime's classes from runtime/metrics).
//
// The client is what s3.New gives a user: the SDK's default HTTP transport
// (package transport: a pool of 10 idle connections per host, grown by the
// manager to its concurrency). -client stdlib uses net/http's
// DefaultTransport instead (2 idle connections per host), and -client tuned
// a transport keeping 64. Each run prints how many connections the server
// accepted during it.
package main

import (
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"net/http"
	"os"
	"runtime"
	"runtime/pprof"
	"syscall"
	"time"

	"github.com/goto3/goto3"
	"github.com/goto3/goto3/credentials"
	"github.com/goto3/goto3/internal/testing/discardserver"
	"github.com/goto3/goto3/services/s3"
	"github.com/goto3/goto3/transfer"
)

func main() {
	url := flag.String("url", "", "discardserver URL (required)")
	mode := flag.String("mode", "upload", "upload, stream, download, downloadfile or downloadto")
	file := flag.String("file", "", "the file to upload or download to")
	size := flag.Int64("size", 1<<30, "bytes of a stream upload, or of a created -file")
	part := flag.Int64("part", 8<<20, "part size")
	conc := flag.Int("conc", 8, "concurrency")
	runs := flag.Int("runs", 3, "runs")
	unsigned := flag.Bool("unsigned", false, "s3.Options.UnsignedPayload (UNSIGNED-PAYLOAD with the CRC32 over http)")
	profile := flag.String("cpuprofile", "", "write a CPU profile of the runs to this file")
	memprofile := flag.String("memprofile", "", "write a heap profile (all allocations, MemProfileRate 1) to this file after the runs")
	mem := flag.Bool("mem", false, "print a breakdown of resident memory (smaps, runtime/metrics) after the runs")
	client := flag.String("client", "default", "HTTP client: default (the SDK's transport), stdlib (http.DefaultTransport) or tuned (64 idle connections per host)")
	inOrder := flag.Int64("inorder", 0, "transfer.Options.InOrderBuffer: the bytes downloadto may hold (0: the default)")
	progress := flag.Bool("progress", false, "give the transfer a progress callback that counts its calls")
	flag.Parse()
	if *memprofile != "" {
		runtime.MemProfileRate = 1
	}
	if *profile != "" {
		f, err := os.Create(*profile)
		if err != nil {
			fmt.Fprintln(os.Stderr, "transferbench:", err)
			os.Exit(1)
		}
		pprof.StartCPUProfile(f)
		defer pprof.StopCPUProfile()
	}
	if *url == "" {
		fmt.Fprintln(os.Stderr, "transferbench: -url is required")
		os.Exit(2)
	}
	if *mem {
		defer printMemory(os.Stdout)
	}
	if *memprofile != "" {
		defer writeHeapProfile(*memprofile)
	}
	if err := run(*url, *mode, *file, *size, *part, *conc, *runs, *unsigned, *client, *progress, *inOrder); err != nil {
		fmt.Fprintln(os.Stderr, "transferbench:", err)
		pprof.StopCPUProfile()
		os.Exit(1)
	}
}

func run(url, mode, file string, size, part int64, conc, runs int, unsigned bool, client string, progress bool, inOrder int64) error {
	o := s3.Options{
		Region:          "us-east-1",
		Credentials:     credentials.NewStatic("AKID", "SECRET", ""),
		EndpointURL:     url,
		AddressingStyle: s3.AddressingStylePath,
		UnsignedPayload: unsigned,
	}
	switch client {
	case "default":
	case "stdlib":
		o.HTTPClient = &http.Client{}
	case "tuned":
		o.HTTPClient = &http.Client{Transport: &http.Transport{MaxIdleConnsPerHost: 64, DisableCompression: true}}
	default:
		return fmt.Errorf("unknown -client %q", client)
	}
	c, err := s3.New(goto3.Config{}, func(co *s3.Options) { *co = o })
	if err != nil {
		return err
	}
	m, err := transfer.New(c, func(o *transfer.Options) { o.PartSize, o.Concurrency, o.InOrderBuffer = part, conc, inOrder })
	if err != nil {
		return err
	}
	if mode == "upload" {
		if _, err := os.Stat(file); err != nil {
			if err := create(file, size); err != nil {
				return err
			}
		}
	}
	ctx := context.Background()
	var prog transfer.ProgressFunc
	var calls int64
	if progress {
		prog = func(delta, total, size int64) { calls++ }
	}
	var op func() (int64, error)
	switch mode {
	case "upload":
		op = func() (int64, error) {
			r, err := m.UploadFile(ctx, &transfer.UploadFileInput{Bucket: "bkt", Key: "key", Path: file, Progress: prog})
			if err != nil {
				return 0, err
			}
			return r.Size, nil
		}
	case "stream":
		op = func() (int64, error) {
			r, err := m.Upload(ctx, &transfer.UploadInput{Bucket: "bkt", Key: "key", Body: &dataReader{size: size}, Progress: prog})
			if err != nil {
				return 0, err
			}
			return r.Size, nil
		}
	case "download":
		op = func() (int64, error) {
			return written(m.Download(ctx, &transfer.DownloadInput{Bucket: "bkt", Key: "key", WriterAt: discardAt{}, Progress: prog}))
		}
	case "downloadfile":
		op = func() (int64, error) {
			return written(m.DownloadFile(ctx, &transfer.DownloadFileInput{Bucket: "bkt", Key: "key", Path: file, Progress: prog}))
		}
	case "downloadto":
		op = func() (int64, error) {
			return written(m.DownloadTo(ctx, &transfer.DownloadToInput{Bucket: "bkt", Key: "key", Writer: io.Discard, Progress: prog}))
		}
	default:
		return fmt.Errorf("unknown mode %q", mode)
	}
	for i := 0; i < runs; i++ {
		calls = 0
		conns0 := connections(url)
		cpu0 := cpu()
		t0 := time.Now()
		n, err := op()
		if err != nil {
			return err
		}
		wall := time.Since(t0)
		cpu1 := cpu()
		fmt.Printf("%s run %d: %d bytes in %.3f s (%.0f MB/s), %.3f CPU-s (user %.3f, sys %.3f), %d new connections\n", mode, i+1, n, wall.Seconds(), float64(n)/wall.Seconds()/1e6,
			(cpu1.user + cpu1.sys - cpu0.user - cpu0.sys).Seconds(), (cpu1.user - cpu0.user).Seconds(), (cpu1.sys - cpu0.sys).Seconds(), connections(url)-conns0)
		if progress {
			fmt.Printf("%s run %d: %d progress calls\n", mode, i+1, calls)
		}
	}
	var ru syscall.Rusage
	syscall.Getrusage(syscall.RUSAGE_SELF, &ru)
	fmt.Printf("peak RSS %.1f MiB\n", float64(ru.Maxrss)/1024)
	return nil
}

// written returns the bytes a download wrote.
func written(out *transfer.DownloadOutput, err error) (int64, error) {
	if err != nil {
		return 0, err
	}
	return out.Size, nil
}

// connections returns the number of connections the server has accepted
// (its stats endpoint, on a connection of its own), or -1.
func connections(url string) int64 {
	resp, err := http.Get(url + discardserver.StatsPath)
	if err != nil {
		return -1
	}
	defer resp.Body.Close()
	var st discardserver.Stats
	if err := json.NewDecoder(resp.Body).Decode(&st); err != nil {
		return -1
	}
	// The stats request's own connection is not the client's.
	return st.Connections - 1
}

type cpuTime struct{ user, sys time.Duration }

func cpu() cpuTime {
	var ru syscall.Rusage
	syscall.Getrusage(syscall.RUSAGE_SELF, &ru)
	return cpuTime{time.Duration(ru.Utime.Nano()), time.Duration(ru.Stime.Nano())}
}

func create(path string, size int64) error {
	f, err := os.Create(path)
	if err != nil {
		return err
	}
	buf := make([]byte, 1<<20)
	for off := int64(0); off < size; off += int64(len(buf)) {
		b := buf[:min(int64(len(buf)), size-off)]
		discardserver.Data(off, b)
		if _, err := f.Write(b); err != nil {
			f.Close()
			return err
		}
	}
	return f.Close()
}

// dataReader is a stream of the server's data that cannot seek.
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

type discardAt struct{}

func (discardAt) WriteAt(p []byte, off int64) (int, error) { return len(p), nil }
