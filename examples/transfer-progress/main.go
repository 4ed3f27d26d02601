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
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"time"

	"github.com/goto3/goto3/examples/internal/cli"
	"github.com/goto3/goto3/services/s3"
	"github.com/goto3/goto3/services/s3/resource"
	"github.com/goto3/goto3/transfer"
)

func main() {
	var common cli.Flags
	common.Register(flag.CommandLine)
	bucket := flag.String("bucket", "", "bucket to create and delete (default: a random goto3-example-... name)")
	sizeMiB := flag.Int("size", 64, "size of the generated file in MiB")
	partMiB := flag.Int("part-size", 8, "multipart part size and threshold in MiB (at least 5)")
	concurrency := flag.Int("concurrency", 4, "parts in flight")
	flag.Parse()
	cfg := transfer.Options{ // boto3's TransferConfig
		MultipartThreshold: int64(*partMiB) << 20,
		PartSize:           int64(*partMiB) << 20,
		Concurrency:        *concurrency,
		ChecksumAlgorithm:  s3.ChecksumAlgorithmCrc32,
	}
	if err := run(context.Background(), common, *bucket, int64(*sizeMiB)<<20, cfg); err != nil {
		fmt.Fprintln(os.Stderr, "error:", err)
		os.Exit(1)
	}
}

func run(ctx context.Context, common cli.Flags, bucket string, size int64, cfg transfer.Options) error {
	sess, err := common.Session()
	if err != nil {
		return err
	}
	svc, err := resource.FromConfig(sess.Config(), func(o *resource.Options) { o.Transfer = cfg })
	if err != nil {
		return err
	}
	if bucket == "" {
		bucket = cli.RandomName("goto3-example-")
	}
	b, err := svc.CreateBucket(ctx, &s3.CreateBucketInput{Bucket: bucket})
	if err != nil {
		return err
	}
	fmt.Println("created bucket", bucket)
	defer func() {
		ctx := context.WithoutCancel(ctx)
		b.Objects().Delete(ctx)
		b.Delete(ctx, nil)
	}()

	dir, err := os.MkdirTemp("", "goto3-transfer-")
	if err != nil {
		return err
	}
	defer os.RemoveAll(dir)
	src := filepath.Join(dir, "data.bin")
	want, err := cli.WriteRandomFile(src, size, [32]byte{'g', 'o', 't', 'o', '3'})
	if err != nil {
		return err
	}
	fmt.Printf("generated %s (%d bytes)\n", filepath.Base(src), size)

	start := time.Now()
	res, err := b.UploadFile(ctx, &transfer.UploadFileInput{Key: "data.bin", Path: src, Progress: cli.ProgressBar(os.Stderr, "upload  ")})
	if err != nil {
		return err
	}
	up := time.Since(start)
	fmt.Printf("uploaded %d bytes in %d parts\n", res.Size, res.Parts)

	dst := filepath.Join(dir, "copy.bin")
	start = time.Now()
	dl, err := b.DownloadFile(ctx, &transfer.DownloadFileInput{Key: "data.bin", Path: dst, Progress: cli.ProgressBar(os.Stderr, "download")})
	if err != nil {
		return err
	}
	n := dl.Size
	down := time.Since(start)
	fmt.Printf("downloaded %d bytes\n", n)
	got, err := cli.FileSHA256(dst)
	if err != nil {
		return err
	}
	if got != want {
		return fmt.Errorf("sha256 of the download is %s, of the upload %s", got, want)
	}
	fmt.Println("sha256 match:", got)
	fmt.Printf("throughput: upload %.1f MB/s, download %.1f MB/s\n", cli.MBps(size, up), cli.MBps(n, down))
	return nil
}
