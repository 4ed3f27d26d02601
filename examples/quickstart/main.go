// Command quickstart is a short tour of goto3 that needs no AWS account:
//
//	go run ./examples/quickstart
//
// With no endpoint configured it starts an S3 server in-process (gofakes3
// over memory, behind net/http/httptest) with throwaway credentials, then:
// creates a bucket, uploads a generated 64 MiB file with a progress bar
// (a multipart upload through the transfer manager), lists the bucket,
// downloads the file and verifies its SHA-256, presigns a GET URL and
// fetches it with plain net/http, shows an API error matched with
// errors.As, and cleans up, printing what it did and the throughput seen.
//
// With -endpoint-url (or AWS_ENDPOINT_URL, or a profile's endpoint_url)
// it runs the same tour against that endpoint, with the credentials and
// region the session finds (environment, profile, ...):
//
//	go run ./examples/quickstart -endpoint-url http://127.0.0.1:9000 -region us-east-1
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/johannesboyne/gofakes3"
	"github.com/johannesboyne/gofakes3/backend/s3mem"

	"github.com/goto3/goto3"
	"github.com/goto3/goto3/examples/internal/cli"
	"github.com/goto3/goto3/services/s3"
	"github.com/goto3/goto3/services/s3/resource"
	"github.com/goto3/goto3/session"
	"github.com/goto3/goto3/transfer"
)

func main() {
	endpoint := flag.String("endpoint-url", "", "S3 endpoint URL (default: AWS_ENDPOINT_URL or the profile's endpoint_url; with none, an embedded S3)")
	region := flag.String("region", "", "region (default: AWS_REGION, AWS_DEFAULT_REGION or the profile's region; us-east-1 for the embedded S3)")
	bucket := flag.String("bucket", "", "bucket to create and delete (default: a random goto3-quickstart-... name)")
	sizeMiB := flag.Int("size", 64, "size of the generated file in MiB")
	debug := flag.Bool("debug", false, "log every request and retry decision to stderr (boto3.set_stream_logger)")
	flag.Parse()
	var logger *slog.Logger
	if *debug {
		logger = goto3.NewStreamLogger(os.Stderr, slog.LevelDebug)
	}
	if err := run(context.Background(), *endpoint, *region, *bucket, int64(*sizeMiB)<<20, logger); err != nil {
		fmt.Fprintln(os.Stderr, "error:", err)
		os.Exit(1)
	}
}

// session returns the session of the tour and a function to stop the
// embedded server, if one was started.
func newSession(endpoint, region string) (*session.Session, func(), error) {
	var opts []func(*session.Options)
	if region != "" {
		opts = append(opts, session.WithRegion(region))
	}
	if endpoint != "" {
		sess, err := session.New(append(opts, session.WithEndpointURL(endpoint))...)
		if err == nil {
			fmt.Println("endpoint:", endpoint)
		}
		return sess, func() {}, err
	}
	// An endpoint configured in the environment or the profile wins over
	// the embedded server, as it would for any goto3 program.
	if sess, err := session.New(opts...); err == nil && sess.Config().ServiceEndpointURL(s3.ServiceID) != "" {
		fmt.Println("endpoint:", sess.Config().ServiceEndpointURL(s3.ServiceID), "(configured)")
		return sess, func() {}, nil
	}

	// The embedded S3: gofakes3 keeps everything in memory and checks no
	// signature, so any credentials do. The session reads nothing of the
	// machine's AWS setup.
	ts := httptest.NewServer(gofakes3.New(s3mem.New()).Server())
	if region == "" {
		region = "us-east-1"
	}
	sess, err := session.New(
		session.WithRegion(region),
		session.WithCredentials("AKIDQUICKSTART", "quickstart-secret-not-used", ""),
		session.WithEndpointURL(ts.URL),
		func(o *session.Options) {
			o.LookupEnv = func(string) (string, bool) { return "", false }
			o.HomeDir = filepath.Join(os.TempDir(), "goto3-quickstart-no-home")
		},
	)
	if err != nil {
		ts.Close()
		return nil, nil, err
	}
	fmt.Println("endpoint: embedded S3 (gofakes3 in memory) at", ts.URL)
	return sess, ts.Close, nil
}

func run(ctx context.Context, endpoint, region, bucket string, size int64, logger *slog.Logger) error {
	began := time.Now()
	sess, stop, err := newSession(endpoint, region)
	if err != nil {
		return err
	}
	defer stop()

	// boto3.resource("s3") with a TransferConfig: 8 MiB parts, 8 at a time.
	svc, err := resource.FromConfig(sess.Config(), func(o *resource.Options) {
		o.Transfer = transfer.Options{PartSize: 8 << 20, MultipartThreshold: 8 << 20, Concurrency: 8}
		o.ClientOptions = append(o.ClientOptions, func(o *s3.Options) { o.Logger = logger })
	})
	if err != nil {
		return err
	}

	// 1. A bucket.
	if bucket == "" {
		bucket = cli.RandomName("goto3-quickstart-")
	}
	b, err := svc.CreateBucket(ctx, &s3.CreateBucketInput{Bucket: bucket})
	if err != nil {
		return err
	}
	fmt.Println("created bucket", bucket)
	cleaned := false
	defer func() {
		if !cleaned { // on failure, still leave nothing behind
			ctx := context.WithoutCancel(ctx)
			b.Objects().Delete(ctx)
			b.Delete(ctx, nil)
		}
	}()

	// 2. Upload a generated file with a progress bar.
	dir, err := os.MkdirTemp("", "goto3-quickstart-")
	if err != nil {
		return err
	}
	defer os.RemoveAll(dir)
	src := filepath.Join(dir, "quickstart.bin")
	sum, err := cli.WriteRandomFile(src, size, [32]byte{'q', 'u', 'i', 'c', 'k'})
	if err != nil {
		return err
	}
	fmt.Printf("generated %s: %d bytes, sha256 %s\n", filepath.Base(src), size, sum)
	start := time.Now()
	up, err := b.UploadFile(ctx, &transfer.UploadFileInput{Key: "data/quickstart.bin", Path: src, Progress: cli.ProgressBar(os.Stderr, "upload  ")})
	if err != nil {
		return err
	}
	upTime := time.Since(start)
	fmt.Printf("uploaded data/quickstart.bin: %d bytes in %d parts\n", up.Size, up.Parts)
	hello := b.Object("hello.txt")
	if _, err := hello.Put(ctx, &s3.PutObjectInput{Body: strings.NewReader("Hello, goto3!"), ContentType: ptr("text/plain")}); err != nil {
		return err
	}
	fmt.Println("put hello.txt")

	// 3. List.
	for o, err := range b.Objects().All(ctx) {
		if err != nil {
			return err
		}
		fmt.Printf("listed %s: %d bytes\n", o.Key, o.Size)
	}

	// 4. Download and verify.
	dst := filepath.Join(dir, "downloaded.bin")
	start = time.Now()
	dl, err := b.DownloadFile(ctx, &transfer.DownloadFileInput{Key: "data/quickstart.bin", Path: dst, Progress: cli.ProgressBar(os.Stderr, "download")})
	if err != nil {
		return err
	}
	n := dl.Size
	downTime := time.Since(start)
	got, err := cli.FileSHA256(dst)
	if err != nil {
		return err
	}
	if got != sum {
		return fmt.Errorf("downloaded %d bytes with sha256 %s, want %s", n, got, sum)
	}
	fmt.Printf("downloaded %d bytes: sha256 verified\n", n)

	// 5. A presigned URL, fetched by plain net/http with no credentials.
	pr, err := hello.Presign(ctx, nil, func(o *resource.Options) { o.Presign.Expires = 15 * time.Minute })
	if err != nil {
		return err
	}
	resp, err := http.Get(pr.URL)
	if err != nil {
		return err
	}
	body, err := io.ReadAll(resp.Body)
	resp.Body.Close()
	if err != nil {
		return err
	}
	fmt.Printf("presigned GET (expires in 15m): status %d, body %q\n", resp.StatusCode, body)

	// 6. An API error, matched with errors.As.
	_, err = b.Object("no/such/key.txt").Get(ctx, nil)
	var nsk *s3.NoSuchKey
	var api *goto3.APIError
	if !errors.As(err, &nsk) || !errors.As(err, &api) {
		return fmt.Errorf("want NoSuchKey, got %w", err)
	}
	fmt.Printf("caught *s3.NoSuchKey: code %s, status %d\n", api.Code, api.StatusCode)

	// 7. Clean up.
	res, err := b.Objects().Delete(ctx)
	if err != nil {
		return err
	}
	if _, err := b.Delete(ctx, nil); err != nil {
		return err
	}
	cleaned = true
	fmt.Printf("deleted %d objects and bucket %s\n", len(res.Deleted), bucket)

	fmt.Printf("throughput: upload %.0f MB/s, download %.0f MB/s (%d MiB, %d parts of 8 MiB, 8 at a time)\n",
		cli.MBps(size, upTime), cli.MBps(n, downTime), size>>20, up.Parts)
	fmt.Printf("done in %.1fs\n", time.Since(began).Seconds())
	return nil
}

func ptr[T any](v T) *T { return &v }
