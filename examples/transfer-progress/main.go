// Command transfer-progress uploads and downloads a file with the transfer
// manager (boto3's upload_file / download_file with a TransferConfig and a
// Callback), drawing a progress bar, and checks the round trip.
//
//	go run ./examples/transfer-progress -endpoint-url http://127.0.0.1:5000 -region us-east-1 \
//	    -size 64 -part-size 8 -concurrency 4
//
// The progress bar goes to stderr; stdout gets one line per fact.
package main

import (
	"context"
	"crypto/rand"
	"crypto/sha256"
	"encoding/hex"
	"flag"
	"fmt"
	"io"
	mrand "math/rand/v2"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/goto3/goto3"
	"github.com/goto3/goto3/services/s3/resource"
	"github.com/goto3/goto3/transfer"
)

func main() {
	endpoint := flag.String("endpoint-url", "", "endpoint URL (default: AWS_ENDPOINT_URL, the profile's endpoint_url, or AWS)")
	region := flag.String("region", "", "region (default: AWS_REGION, AWS_DEFAULT_REGION or the profile's region)")
	bucket := flag.String("bucket", "", "bucket to create and delete (default: a random goto3-example-... name)")
	sizeMiB := flag.Int("size", 64, "size of the generated file in MiB")
	partMiB := flag.Int("part-size", 8, "multipart part size and threshold in MiB (at least 5)")
	concurrency := flag.Int("concurrency", 4, "parts in flight")
	flag.Parse()
	cfg := transfer.Config{ // boto3's TransferConfig
		MultipartThreshold: int64(*partMiB) << 20,
		PartSize:           int64(*partMiB) << 20,
		Concurrency:        *concurrency,
		Checksum:           transfer.ChecksumCRC32,
	}
	if err := run(context.Background(), *endpoint, *region, *bucket, int64(*sizeMiB)<<20, cfg); err != nil {
		fmt.Fprintln(os.Stderr, "error:", err)
		os.Exit(1)
	}
}

func run(ctx context.Context, endpoint, region, bucket string, size int64, cfg transfer.Config) error {
	var opts []func(*goto3.Options)
	if region != "" {
		opts = append(opts, goto3.WithRegion(region))
	}
	if endpoint != "" {
		opts = append(opts, goto3.WithEndpointURL(endpoint))
	}
	sess, err := goto3.NewSession(opts...)
	if err != nil {
		return err
	}
	svc, err := resource.FromSession(sess, func(o *resource.Options) { o.Transfer = cfg })
	if err != nil {
		return err
	}
	if bucket == "" {
		bucket = randomName("goto3-example-")
	}
	b, err := svc.CreateBucket(ctx, bucket)
	if err != nil {
		return err
	}
	fmt.Println("created bucket", bucket)
	defer func() {
		ctx := context.WithoutCancel(ctx)
		b.Objects().Delete(ctx)
		b.Delete(ctx)
	}()

	dir, err := os.MkdirTemp("", "goto3-transfer-")
	if err != nil {
		return err
	}
	defer os.RemoveAll(dir)
	src := filepath.Join(dir, "data.bin")
	want, err := writeFile(src, size)
	if err != nil {
		return err
	}
	fmt.Printf("generated %s (%d bytes)\n", filepath.Base(src), size)

	start := time.Now()
	res, err := b.UploadFile(ctx, src, "data.bin", transfer.WithProgress(bar("upload  ")))
	if err != nil {
		return err
	}
	up := time.Since(start)
	fmt.Printf("uploaded %d bytes in %d parts\n", res.Size, res.Parts)

	dst := filepath.Join(dir, "copy.bin")
	start = time.Now()
	n, err := b.DownloadFile(ctx, "data.bin", dst, transfer.WithProgress(bar("download")))
	if err != nil {
		return err
	}
	down := time.Since(start)
	fmt.Printf("downloaded %d bytes\n", n)
	got, err := fileSum(dst)
	if err != nil {
		return err
	}
	if got != want {
		return fmt.Errorf("sha256 of the download is %s, of the upload %s", got, want)
	}
	fmt.Println("sha256 match:", got)
	fmt.Printf("throughput: upload %.1f MB/s, download %.1f MB/s\n", mbps(size, up), mbps(n, down))
	return nil
}

// bar returns a progress callback drawing a bar on stderr. Calls for one
// transfer never overlap, so it needs no lock.
func bar(label string) transfer.ProgressFunc {
	last := -1
	return func(_, total, size int64) {
		if size <= 0 {
			return
		}
		// Draw the furthest point reached: a part sent again after a
		// rewind reports a negative delta (as in boto3).
		pct := int(total * 100 / size)
		if pct <= last {
			return
		}
		last = pct
		n := pct / 4
		fmt.Fprintf(os.Stderr, "\r%s [%s%s] %3d%% %6.1f/%.1f MiB", label, strings.Repeat("#", n), strings.Repeat(" ", 25-n),
			pct, float64(total)/(1<<20), float64(size)/(1<<20))
		if total >= size {
			fmt.Fprintln(os.Stderr)
		}
	}
}

// writeFile writes size pseudo-random bytes to path and returns their
// sha256 in hex.
func writeFile(path string, size int64) (string, error) {
	f, err := os.Create(path)
	if err != nil {
		return "", err
	}
	h := sha256.New()
	r := mrand.NewChaCha8([32]byte{'g', 'o', 't', 'o', '3'})
	if _, err := io.CopyN(io.MultiWriter(f, h), r, size); err != nil {
		f.Close()
		return "", err
	}
	if err := f.Close(); err != nil {
		return "", err
	}
	return hex.EncodeToString(h.Sum(nil)), nil
}

func fileSum(path string) (string, error) {
	f, err := os.Open(path)
	if err != nil {
		return "", err
	}
	defer f.Close()
	h := sha256.New()
	if _, err := io.Copy(h, f); err != nil {
		return "", err
	}
	return hex.EncodeToString(h.Sum(nil)), nil
}

func mbps(n int64, d time.Duration) float64 { return float64(n) / 1e6 / d.Seconds() }

func randomName(prefix string) string {
	b := make([]byte, 6)
	rand.Read(b)
	return prefix + hex.EncodeToString(b)
}
