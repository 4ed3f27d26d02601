// Command smallreq measures many small requests in parallel: -n PutObject
// calls of -size bytes from -g goroutines against a running discardserver,
// with goto3 or aws-sdk-go-v2 (-sdk), each SDK's default HTTP client set to
// a pool of -g connections. It prints requests per second, CPU time per
// request (user+system, getrusage, the whole process), the connections
// the server accepted during the calls and the process's peak RSS. Run the
// two SDKs alternately, each in a process of its own:
//
//	sleep 3600 | go run ../internal/testing/discardserver/cmd/discardserver &   # from the repo root; prints its URL
//	go build -o /tmp/smallreq ./smallreq
//	for i in 1 2 3; do for s in goto3 v2; do /tmp/smallreq -sdk $s -url http://127.0.0.1:PORT; done; done
package main

import (
	"bytes"
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"net/http"
	"os"
	"strconv"
	"sync"
	"sync/atomic"
	"time"

	v2aws "github.com/aws/aws-sdk-go-v2/aws"
	v2http "github.com/aws/aws-sdk-go-v2/aws/transport/http"
	v2creds "github.com/aws/aws-sdk-go-v2/credentials"
	v2s3 "github.com/aws/aws-sdk-go-v2/service/s3"

	"github.com/goto3/goto3"
	"github.com/goto3/goto3/bench/internal/proc"
	"github.com/goto3/goto3/credentials"
	"github.com/goto3/goto3/services/s3"
)

func main() {
	sdk := flag.String("sdk", "goto3", "goto3 or v2")
	url := flag.String("url", "", "discardserver URL (required)")
	n := flag.Int("n", 10000, "PutObject calls")
	g := flag.Int("g", 64, "goroutines, and connections in the pool")
	size := flag.Int("size", 4096, "bytes per object")
	flag.Parse()
	if err := run(*sdk, *url, *n, *g, *size); err != nil {
		fmt.Fprintln(os.Stderr, "smallreq:", err)
		os.Exit(1)
	}
}

func run(sdk, url string, n, g, size int) error {
	if url == "" {
		return fmt.Errorf("-url is required")
	}
	body := bytes.Repeat([]byte("x"), size)
	var put func(ctx context.Context, key string) error
	switch sdk {
	case "goto3":
		c, err := s3.New(goto3.Config{Region: "us-east-1", Credentials: credentials.NewStatic("AKID", "SECRET", ""), MaxPoolConnections: g},
			func(o *s3.Options) { o.EndpointURL, o.AddressingStyle = url, s3.AddressingStylePath })
		if err != nil {
			return err
		}
		put = func(ctx context.Context, key string) error {
			_, err := c.PutObject(ctx, &s3.PutObjectInput{Bucket: "bucket", Key: key, Body: bytes.NewReader(body)})
			return err
		}
	case "v2":
		hc := v2http.NewBuildableClient().WithTransportOptions(func(t *http.Transport) {
			t.MaxIdleConns, t.MaxIdleConnsPerHost = g, g
		})
		c := v2s3.New(v2s3.Options{Region: "us-east-1", Credentials: v2creds.NewStaticCredentialsProvider("AKID", "SECRET", ""),
			BaseEndpoint: v2aws.String(url), UsePathStyle: true, HTTPClient: hc})
		put = func(ctx context.Context, key string) error {
			_, err := c.PutObject(ctx, &v2s3.PutObjectInput{Bucket: v2aws.String("bucket"), Key: v2aws.String(key), Body: bytes.NewReader(body)})
			return err
		}
	default:
		return fmt.Errorf("unknown -sdk %q", sdk)
	}
	ctx := context.Background()
	conns0 := connections(url)
	cpu0 := proc.CPUTime()
	start := time.Now()
	var next atomic.Int64
	var wg sync.WaitGroup
	errs := make(chan error, g)
	for range g {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for {
				i := next.Add(1) - 1
				if i >= int64(n) {
					return
				}
				if err := put(ctx, "key-"+strconv.FormatInt(i, 10)); err != nil {
					errs <- err
					return
				}
			}
		}()
	}
	wg.Wait()
	el := time.Since(start)
	cpu := proc.CPUTime() - cpu0
	conns := connections(url) - conns0
	select {
	case err := <-errs:
		return err
	default:
	}
	fmt.Printf("%-5s %d PutObject of %d B from %d goroutines: %.3f s, %.0f req/s, %.1f us CPU/req, %d new connections, peak RSS %.1f MiB\n",
		sdk, n, size, g, el.Seconds(), float64(n)/el.Seconds(), float64(cpu.Microseconds())/float64(n), conns, proc.PeakRSSMiB())
	return nil
}

// connections returns the connections the discardserver has accepted, its
// stats request's own included.
func connections(url string) int64 {
	resp, err := http.Get(url + "/__discardserver/stats")
	if err != nil {
		return -1
	}
	defer resp.Body.Close()
	var st struct{ Connections int64 }
	if err := json.NewDecoder(resp.Body).Decode(&st); err != nil {
		return -1
	}
	return st.Connections
}
