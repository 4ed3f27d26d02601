// Command uploads200 measures many small uploads at once through each
// SDK's transfer manager: -n uploads of -size bytes, all started together,
// each from a reader that cannot seek, against a running discardserver,
// with goto3's transfer.Manager or aws-sdk-go-v2's feature/s3/manager
// Uploader (-sdk), each with its defaults (-pool sets both HTTP clients'
// idle pools alike). It prints the wall time of the
// batch, the process's CPU time and its peak RSS; run the SDKs alternately,
// each in a process of its own:
//
//	go build -o /tmp/uploads200 ./uploads200
//	for i in 1 2 3; do for s in goto3 v2; do /tmp/uploads200 -sdk $s -url http://127.0.0.1:PORT; done; done
package main

import (
	"bytes"
	"context"
	"flag"
	"fmt"
	"io"
	"net/http"
	"os"
	"runtime/pprof"
	"strconv"
	"sync"
	"time"

	v2aws "github.com/aws/aws-sdk-go-v2/aws"
	v2http "github.com/aws/aws-sdk-go-v2/aws/transport/http"
	v2creds "github.com/aws/aws-sdk-go-v2/credentials"
	v2manager "github.com/aws/aws-sdk-go-v2/feature/s3/manager"
	v2s3 "github.com/aws/aws-sdk-go-v2/service/s3"

	"github.com/goto3/goto3"
	"github.com/goto3/goto3/bench/internal/proc"
	"github.com/goto3/goto3/credentials"
	"github.com/goto3/goto3/services/s3"
	"github.com/goto3/goto3/transfer"
)

// stream hides a reader's other methods (Seek, WriteTo, Len): the
// managers see a stream they cannot rewind or measure.
type stream struct{ r io.Reader }

func (s stream) Read(p []byte) (int, error) { return s.r.Read(p) }

func main() {
	sdk := flag.String("sdk", "goto3", "goto3 or v2")
	url := flag.String("url", "", "discardserver URL (required)")
	n := flag.Int("n", 200, "uploads, all started at once")
	size := flag.Int("size", 10_000, "bytes per upload")
	rounds := flag.Int("rounds", 5, "batches, timed together after one warm-up batch")
	pool := flag.Int("pool", 0, "the idle connections each SDK's HTTP client keeps (goto3: MaxPoolConnections; v2: MaxIdleConnsPerHost); 0: the SDK's default")
	profile := flag.String("cpuprofile", "", "write a CPU profile of the timed batches to this file")
	flag.Parse()
	if *profile != "" {
		f, err := os.Create(*profile)
		if err != nil {
			fmt.Fprintln(os.Stderr, "uploads200:", err)
			os.Exit(1)
		}
		pprof.StartCPUProfile(f)
		defer pprof.StopCPUProfile()
	}
	if err := run(*sdk, *url, *n, *size, *rounds, *pool); err != nil {
		fmt.Fprintln(os.Stderr, "uploads200:", err)
		pprof.StopCPUProfile()
		os.Exit(1)
	}
}

func run(sdk, url string, n, size, rounds, pool int) error {
	if url == "" {
		return fmt.Errorf("-url is required")
	}
	data := bytes.Repeat([]byte("y"), size)
	var upload func(ctx context.Context, key string, r io.Reader) error
	switch sdk {
	case "goto3":
		c, err := s3.New(goto3.Config{Region: "us-east-1", Credentials: credentials.NewStatic("AKID", "SECRET", ""), MaxPoolConnections: pool},
			func(o *s3.Options) { o.EndpointURL, o.AddressingStyle = url, s3.AddressingStylePath })
		if err != nil {
			return err
		}
		m, err := transfer.New(c)
		if err != nil {
			return err
		}
		upload = func(ctx context.Context, key string, r io.Reader) error {
			_, err := m.Upload(ctx, &transfer.UploadInput{Bucket: "bucket", Key: key, Body: r})
			return err
		}
	case "v2":
		o := v2s3.Options{Region: "us-east-1", Credentials: v2creds.NewStaticCredentialsProvider("AKID", "SECRET", ""),
			BaseEndpoint: v2aws.String(url), UsePathStyle: true}
		if pool > 0 {
			o.HTTPClient = v2http.NewBuildableClient().WithTransportOptions(func(t *http.Transport) {
				t.MaxIdleConns, t.MaxIdleConnsPerHost = max(t.MaxIdleConns, pool), pool
			})
		}
		c := v2s3.New(o)
		u := v2manager.NewUploader(c)
		upload = func(ctx context.Context, key string, r io.Reader) error {
			_, err := u.Upload(ctx, &v2s3.PutObjectInput{Bucket: v2aws.String("bucket"), Key: v2aws.String(key), Body: r})
			return err
		}
	default:
		return fmt.Errorf("unknown -sdk %q", sdk)
	}
	batch := func() error {
		var wg sync.WaitGroup
		errs := make(chan error, n)
		for i := range n {
			wg.Add(1)
			go func() {
				defer wg.Done()
				if err := upload(context.Background(), "key-"+strconv.Itoa(i), stream{bytes.NewReader(data)}); err != nil {
					errs <- err
				}
			}()
		}
		wg.Wait()
		select {
		case err := <-errs:
			return err
		default:
			return nil
		}
	}
	if err := batch(); err != nil { // warm-up: connections, lazy state
		return err
	}
	cpu0 := proc.CPUTime()
	start := time.Now()
	for range rounds {
		if err := batch(); err != nil {
			return err
		}
	}
	el := time.Since(start) / time.Duration(rounds)
	cpu := (proc.CPUTime() - cpu0) / time.Duration(rounds)
	fmt.Printf("%-5s %d concurrent uploads of %d B from streams: %.2f ms per batch, %.2f ms CPU per batch, peak RSS %.1f MiB\n",
		sdk, n, size, float64(el.Microseconds())/1000, float64(cpu.Microseconds())/1000, proc.PeakRSSMiB())
	return nil
}
