// Command goto3-downloadto is goto3's side of minio-downloadto: the same
// program on goto3's transfer manager (DownloadTo, in order to io.Discard,
// with its default options unless -inorder, -part or -conc say otherwise),
// printing the same lines, so the two can be run alternately:
//
//	go run ./peers/goto3-downloadto -url http://127.0.0.1:PORT
package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"os"
	"runtime"
	"runtime/pprof"
	"time"

	"github.com/goto3/goto3"
	"github.com/goto3/goto3/bench/internal/proc"
	"github.com/goto3/goto3/credentials"
	"github.com/goto3/goto3/services/s3"
	"github.com/goto3/goto3/transfer"
)

func main() {
	if os.Getenv("BENCH_MEM") != "" {
		runtime.MemProfileRate = 4096
	}
	u := flag.String("url", "", "discardserver URL (required)")
	runs := flag.Int("runs", 3, "runs")
	inOrder := flag.Int64("inorder", 0, "transfer.Options.InOrderBuffer (0: the default)")
	part := flag.Int64("part", 0, "transfer.Options.PartSize (0: the default)")
	conc := flag.Int("conc", 0, "transfer.Options.Concurrency (0: the default)")
	cpuprof := flag.String("cpuprofile", "", "write a CPU profile of the runs here")
	flag.Parse()
	if *cpuprof != "" {
		f, err := os.Create(*cpuprof)
		if err == nil {
			pprof.StartCPUProfile(f)
			defer pprof.StopCPUProfile()
		}
	}
	if err := run(*u, *runs, *inOrder, *part, *conc); err != nil {
		pprof.StopCPUProfile()
		fmt.Fprintln(os.Stderr, "goto3-downloadto:", err)
		os.Exit(1)
	}
}

func run(url string, runs int, inOrder, part int64, conc int) error {
	if url == "" {
		return fmt.Errorf("-url is required")
	}
	c, err := s3.New(goto3.Config{Region: "us-east-1", Credentials: credentials.NewStatic("AKID", "SECRET", "")},
		func(o *s3.Options) { o.EndpointURL, o.AddressingStyle = url, s3.AddressingStylePath })
	if err != nil {
		return err
	}
	m, err := transfer.New(c, func(o *transfer.Options) { o.InOrderBuffer, o.PartSize, o.Concurrency = inOrder, part, conc })
	if err != nil {
		return err
	}
	for i := 1; i <= runs; i++ {
		cpu0 := proc.CPUTime().Seconds()
		start := time.Now()
		out, err := m.DownloadTo(context.Background(), &transfer.DownloadToInput{Bucket: "bucket", Key: fmt.Sprintf("key-%d", i), Writer: io.Discard})
		if err != nil {
			return err
		}
		el := time.Since(start).Seconds()
		fmt.Printf("goto3 downloadto run %d: %d bytes in %.3f s (%.0f MB/s), %.3f CPU-s\n", i, out.Size, el, float64(out.Size)/el/1e6, proc.CPUTime().Seconds()-cpu0)
	}
	fmt.Printf("peak RSS %.1f MiB\n", proc.PeakRSSMiB())
	proc.PrintMem(os.Stdout)
	if os.Getenv("BENCH_MEM") != "" {
		if f, err := os.Create("/tmp/g3-dl.heap"); err == nil {
			pprof.Lookup("heap").WriteTo(f, 0)
			f.Close()
		}
		var ms runtime.MemStats
		runtime.ReadMemStats(&ms)
		fmt.Printf("heap sys %d inuse %d idle %d released %d; stacks %d; other %d; gc %d; numgc %d\n", ms.HeapSys>>10, ms.HeapInuse>>10, ms.HeapIdle>>10, ms.HeapReleased>>10, ms.StackSys>>10, ms.OtherSys>>10, ms.GCSys>>10, ms.NumGC)
	}
	return nil
}
