package transfer

import (
	"context"
	"fmt"
	"math"
	"strconv"
	"time"
)

// Sizes S3 imposes on multipart uploads.
const (
	MiB = 1 << 20
	GiB = 1 << 30

	// MinPartSize is the smallest part S3 accepts (except the last).
	MinPartSize = 5 * MiB
	// MaxPartSize is the largest part S3 accepts.
	MaxPartSize = 5 * GiB
	// MaxParts is the largest number of parts of one upload.
	MaxParts = 10000
	// MaxCopyObjectSize is the largest object CopyObject copies in one call.
	MaxCopyObjectSize = 5 * GiB
)

// Defaults, as boto3's TransferConfig.
const (
	DefaultMultipartThreshold = 8 * MiB
	DefaultPartSize           = 8 * MiB
	DefaultConcurrency        = 10
	DefaultDownloadAttempts   = 5
)

// Checksum is the checksum algorithm a manager asks S3 to compute and
// check for every uploaded part: ChecksumCRC32 (the default, as
// botocore's when_supported), ChecksumCRC32C, ChecksumCRC64NVME,
// ChecksumSHA1, ChecksumSHA256, or ChecksumNone for stores that reject
// checksum headers.
type Checksum string

// The checksum algorithms.
const (
	ChecksumCRC32     Checksum = "CRC32"
	ChecksumCRC32C    Checksum = "CRC32C"
	ChecksumCRC64NVME Checksum = "CRC64NVME"
	ChecksumSHA1      Checksum = "SHA1"
	ChecksumSHA256    Checksum = "SHA256"
	ChecksumNone      Checksum = "none"
)

// Config is a manager's settings, boto3's TransferConfig. The zero value
// means every default; see the package documentation for the mapping.
type Config struct {
	// MultipartThreshold is the size from which uploads and copies are
	// multipart (boto3 multipart_threshold; 8 MiB). An upload of exactly
	// the threshold is multipart.
	MultipartThreshold int64
	// PartSize is the size of a part and of a download range (boto3
	// multipart_chunksize; 8 MiB). An upload whose size would need more
	// than 10,000 parts gets larger parts; parts are at least 5 MiB.
	PartSize int64
	// Concurrency is the number of parts or ranges in flight (boto3
	// max_concurrency; 10). 1 transfers sequentially (use_threads=False).
	Concurrency int
	// DownloadAttempts is how many times a download range is requested
	// before the download fails with a *RetriesExceededError (boto3
	// num_download_attempts; 5). A body that breaks is resumed from the
	// byte reached.
	DownloadAttempts int
	// MaxBandwidth caps the bytes per second of one manager, shared by all
	// its workers and transfers (boto3 max_bandwidth); 0 is unlimited.
	MaxBandwidth int64
	// Checksum is the algorithm of the per-part checksums ("" means
	// ChecksumCRC32).
	Checksum Checksum

	// Now and Sleep are the clock of the bandwidth limiter; nil means
	// time.Now and a timer that stops when ctx is done.
	Now   func() time.Time
	Sleep func(ctx context.Context, d time.Duration) error
}

// withDefaults returns c with every zero field set to its default.
func (c Config) withDefaults() (Config, error) {
	if c.MultipartThreshold <= 0 {
		c.MultipartThreshold = DefaultMultipartThreshold
	}
	if c.PartSize <= 0 {
		c.PartSize = DefaultPartSize
	}
	if c.PartSize < MinPartSize {
		c.PartSize = MinPartSize
	}
	if c.PartSize > MaxPartSize {
		return c, fmt.Errorf("transfer: part size %d is over S3's maximum of 5 GiB", c.PartSize)
	}
	if c.PartSize > math.MaxInt32 && strconv.IntSize == 32 {
		return c, fmt.Errorf("transfer: part size %d needs a 64-bit platform (parts and buffers are at most 2 GiB here)", c.PartSize)
	}
	if c.Concurrency <= 0 {
		c.Concurrency = DefaultConcurrency
	}
	if c.DownloadAttempts <= 0 {
		c.DownloadAttempts = DefaultDownloadAttempts
	}
	if c.MaxBandwidth < 0 {
		return c, fmt.Errorf("transfer: negative MaxBandwidth %d", c.MaxBandwidth)
	}
	switch c.Checksum {
	case "":
		c.Checksum = ChecksumCRC32
	case ChecksumCRC32, ChecksumCRC32C, ChecksumCRC64NVME, ChecksumSHA1, ChecksumSHA256, ChecksumNone:
	default:
		return c, fmt.Errorf("transfer: unknown checksum algorithm %q", c.Checksum)
	}
	if c.Now == nil {
		c.Now = time.Now
	}
	if c.Sleep == nil {
		c.Sleep = sleep
	}
	return c, nil
}

func sleep(ctx context.Context, d time.Duration) error {
	if d <= 0 {
		return ctx.Err()
	}
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-t.C:
		return nil
	case <-ctx.Done():
		return ctx.Err()
	}
}

// partSizeFor returns the part size for an object of size bytes: the
// configured size, grown to a multiple of 1 MiB so that no more than
// MaxParts parts are needed.
func partSizeFor(size, configured int64) int64 {
	ps := configured
	if size > ps*MaxParts {
		ps = (size + MaxParts - 1) / MaxParts
		ps = (ps + MiB - 1) / MiB * MiB
	}
	return ps
}

// numParts is the number of parts of size ps an object of size bytes has
// (at least 1).
func numParts(size, ps int64) int64 {
	if size <= 0 {
		return 1
	}
	return (size + ps - 1) / ps
}
