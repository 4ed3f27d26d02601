// Command download-append downloads an object into a file opened for
// append, in order (boto3's download_fileobj with a file opened "ab"): the
// transfer manager's sequential mode, for writers that cannot seek such as
// append-only files and pipes. Each run adds the object to the end of the
// local file.
//
//	go run ./examples/download-append -endpoint-url http://127.0.0.1:5000 -region us-east-1 -file ./combined.log
package main

import (
	"context"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"github.com/goto3/goto3/examples/internal/cli"
	"github.com/goto3/goto3/services/s3"
	"github.com/goto3/goto3/services/s3/resource"
	"github.com/goto3/goto3/transfer"
)

func main() {
	var common cli.Flags
	common.Register(flag.CommandLine)
	bucket := flag.String("bucket", "", "bucket to create and delete (default: a random goto3-example-... name)")
	file := flag.String("file", "", "local file to append to (default: a temporary file)")
	flag.Parse()
	if err := run(context.Background(), common, *bucket, *file); err != nil {
		fmt.Fprintln(os.Stderr, "error:", err)
		os.Exit(1)
	}
}

func run(ctx context.Context, common cli.Flags, bucket, file string) error {
	sess, err := common.Session()
	if err != nil {
		return err
	}
	// Small parts, so that the 6 MiB object below arrives in several
	// ranges, written one after another in order.
	svc, err := resource.FromConfig(sess.Config(), func(o *resource.Options) {
		o.Transfer = transfer.Options{PartSize: 5 << 20, MultipartThreshold: 5 << 20, Concurrency: 4}
	})
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

	// Today's log: 6 MiB of lines.
	line := "2026-11-24T12:00:00Z GET /index.html 200\n"
	body := strings.Repeat(line, (6<<20)/len(line)+1)
	obj := b.Object("logs/today.log")
	if _, err := obj.Upload(ctx, &transfer.UploadInput{Body: strings.NewReader(body)}); err != nil {
		return err
	}
	fmt.Printf("uploaded %s (%d bytes)\n", obj.Key, len(body))

	if file == "" {
		dir, err := os.MkdirTemp("", "goto3-append-")
		if err != nil {
			return err
		}
		defer os.RemoveAll(dir)
		file = filepath.Join(dir, "combined.log")
		if err := os.WriteFile(file, []byte("# earlier entries\n"), 0o644); err != nil {
			return err
		}
	}
	before, err := size(file)
	if err != nil {
		return err
	}
	fmt.Println("local file before:", before, "bytes")

	// O_APPEND: every write goes to the end, whatever the offset, so the
	// parallel ranged download (Download, DownloadFile) cannot be used;
	// DownloadTo writes the ranges in order.
	f, err := os.OpenFile(file, os.O_WRONLY|os.O_APPEND|os.O_CREATE, 0o644)
	if err != nil {
		return err
	}
	out, err := obj.DownloadTo(ctx, &transfer.DownloadToInput{Writer: f})
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		return err
	}
	n := out.Size
	fmt.Println("appended", n, "bytes")
	after, err := size(file)
	if err != nil {
		return err
	}
	fmt.Println("local file after:", after, "bytes")
	if after != before+n {
		return fmt.Errorf("file grew by %d bytes, want %d", after-before, n)
	}
	data, err := os.ReadFile(file)
	if err != nil {
		return err
	}
	if !strings.HasSuffix(string(data), body) {
		return fmt.Errorf("the file does not end with the object")
	}
	fmt.Println("tail matches the object: true")
	return nil
}

func size(path string) (int64, error) {
	fi, err := os.Stat(path)
	if os.IsNotExist(err) {
		return 0, nil
	}
	if err != nil {
		return 0, err
	}
	return fi.Size(), nil
}
