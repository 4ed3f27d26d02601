package transfer_test

import (
	"context"
	"fmt"
	"strings"

	"github.com/goto3/goto3/services/s3"
	"github.com/goto3/goto3/transfer"
)

// A manager's configuration is its Options, boto3's TransferConfig; zero
// fields take their defaults.
func ExampleNew() {
	api := newFake() // an *s3.Client in a program
	m, err := transfer.New(api, func(o *transfer.Options) {
		o.MultipartThreshold = 16 << 20
		o.PartSize = 16 << 20
		o.Concurrency = 8
		o.MaxBandwidth = 100 << 20 // 100 MiB/s shared by all workers
		o.ChecksumAlgorithm = s3.ChecksumAlgorithmCrc32c
	})
	if err != nil {
		panic(err)
	}
	o := m.Options()
	fmt.Println(o.DownloadAttempts, o.ChecksumAlgorithm, o.AbortTimeout)
	// Output: 5 CRC32C 30s
}

// An invalid setting is an error naming it, never a silent default.
func ExampleNew_invalid() {
	_, err := transfer.New(newFake(), func(o *transfer.Options) { o.PartSize = 1 << 20 })
	fmt.Println(err)
	_, err = transfer.New(nil)
	fmt.Println(err)
	// Output:
	// transfer: invalid Options: PartSize 1048576 is below S3's minimum part size of 5 MiB (5242880)
	// transfer: New: nil API
}

// A progress bar: the callback is never called concurrently, so it keeps
// its state without a lock.
func ExampleManager_Upload() {
	m, err := transfer.New(newFake())
	if err != nil {
		panic(err)
	}
	bar := func(delta, total, size int64) {
		if size <= 0 {
			return
		}
		pct := int(total * 100 / size)
		// A terminal would redraw with "\r" on every call.
		if pct == 100 {
			fmt.Printf("[%-20s] %3d%%\n", strings.Repeat("#", pct/5), pct)
		}
	}
	out, err := m.Upload(context.Background(), &transfer.UploadInput{
		Bucket:      "amzn-s3-demo-bucket",
		Key:         "notes.txt",
		Body:        strings.NewReader(strings.Repeat("goto3 ", 1000)),
		ContentType: "text/plain",
		Progress:    bar,
	})
	if err != nil {
		panic(err)
	}
	fmt.Println(out.Size, "bytes,", out.Parts, "parts,", out.ChecksumAlgorithm, out.Checksum)
	// Output:
	// [####################] 100%
	// 6000 bytes, 0 parts, CRC32 PERN9w==
}

// Per-call options change the manager's Options for one transfer only.
func ExampleManager_Upload_perCall() {
	m, err := transfer.New(newFake())
	if err != nil {
		panic(err)
	}
	in := &transfer.UploadInput{Bucket: "amzn-s3-demo-bucket", Key: "k", Body: strings.NewReader("hello")}
	out, err := m.Upload(context.Background(), in, func(o *transfer.Options) { o.ChecksumAlgorithm = s3.ChecksumAlgorithmSha256 })
	if err != nil {
		panic(err)
	}
	fmt.Println(out.ChecksumAlgorithm, out.Checksum)
	_, err = m.Upload(context.Background(), &transfer.UploadInput{Key: "k", Body: strings.NewReader("hello")})
	fmt.Println(err)
	// Output:
	// SHA256 LPJNul+wow4m6DsqxbninhsWHlwfp0JecwQzYpOLmCQ=
	// transfer: Upload: invalid input: Bucket: required
}
