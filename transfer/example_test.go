package transfer_test

import (
	"context"
	"fmt"
	"strings"

	"github.com/goto3/goto3/transfer"
)

// A progress bar: the callback is never called concurrently, so it keeps
// its state without a lock.
func ExampleWithProgress() {
	f := newFake() // stands in for an *s3.Client
	m, err := transfer.NewWithAPI(f, transfer.Config{Concurrency: 1})
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
	res, err := m.Upload(context.Background(), "bucket", "notes.txt",
		strings.NewReader(strings.Repeat("goto3 ", 1000)),
		transfer.WithContentType("text/plain"), transfer.WithProgress(bar))
	if err != nil {
		panic(err)
	}
	fmt.Println(res.Size, "bytes,", res.Parts, "parts")
	// Output:
	// [####################] 100%
	// 6000 bytes, 0 parts
}

func ExampleConfig() {
	cfg := transfer.Config{
		MultipartThreshold: 16 * transfer.MiB,
		PartSize:           16 * transfer.MiB,
		Concurrency:        8,
		MaxBandwidth:       100 << 20, // 100 MiB/s shared by all workers
		Checksum:           transfer.ChecksumCRC32C,
	}
	m, err := transfer.NewWithAPI(newFake(), cfg)
	if err != nil {
		panic(err)
	}
	fmt.Println(m.Config().DownloadAttempts, m.Config().Checksum)
	// Output: 5 CRC32C
}
