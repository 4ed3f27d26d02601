// Command minio-downloadto is the minio-go peer of transferbench's
// downloadto mode: it downloads one object of a running discardserver in
// order to io.Discard with minio-go's GetObject (one streamed request),
// -runs times, and prints each run's wall and CPU time and the process's
// peak RSS, in transferbench's format, so the two can be run alternately:
//
//	go run ./peers/minio-downloadto -url http://127.0.0.1:PORT
package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"net/url"
	"os"
	"time"

	"github.com/minio/minio-go/v7"
	"github.com/minio/minio-go/v7/pkg/credentials"

	"github.com/goto3/goto3/bench/internal/proc"
)

func main() {
	u := flag.String("url", "", "discardserver URL (required)")
	runs := flag.Int("runs", 3, "runs")
	flag.Parse()
	if err := run(*u, *runs); err != nil {
		fmt.Fprintln(os.Stderr, "minio-downloadto:", err)
		os.Exit(1)
	}
}

func run(raw string, runs int) error {
	pu, err := url.Parse(raw)
	if err != nil || pu.Host == "" {
		return fmt.Errorf("-url %q: want the discardserver's URL", raw)
	}
	c, err := minio.New(pu.Host, &minio.Options{Creds: credentials.NewStaticV4("AKID", "SECRET", ""), Region: "us-east-1", BucketLookup: minio.BucketLookupPath})
	if err != nil {
		return err
	}
	for i := 1; i <= runs; i++ {
		cpu0 := proc.CPUTime().Seconds()
		start := time.Now()
		obj, err := c.GetObject(context.Background(), "bucket", fmt.Sprintf("key-%d", i), minio.GetObjectOptions{})
		if err != nil {
			return err
		}
		n, err := io.Copy(io.Discard, obj)
		obj.Close()
		if err != nil {
			return err
		}
		el := time.Since(start).Seconds()
		fmt.Printf("minio-go downloadto run %d: %d bytes in %.3f s (%.0f MB/s), %.3f CPU-s\n", i, n, el, float64(n)/el/1e6, proc.CPUTime().Seconds()-cpu0)
	}
	fmt.Printf("peak RSS %.1f MiB\n", proc.PeakRSSMiB())
	proc.PrintMem(os.Stdout)
	return nil
}
