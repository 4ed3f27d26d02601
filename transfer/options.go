package transfer

import (
	"context"
	"fmt"
	"math"
	"strconv"
	"time"

	"github.com/goto3/goto3/services/s3"
)

// Options is a Manager's configuration: boto3's TransferConfig, the
// checksum every upload carries, the cleanup budget and the options of the
// client calls the manager makes. The zero value of every field means its
// default; a value outside what S3 or the manager allows is an error
// naming the field (from New, or from the call it was given to), never
// silently replaced. A transfer method's optFns apply to a copy, for that
// transfer only.
type Options struct {
	// MultipartThreshold is the size from which uploads and copies are
	// multipart (boto3 multipart_threshold; 8 MiB). An upload of exactly
	// the threshold is multipart. Negative is an error.
	MultipartThreshold int64
	// PartSize is the size of a part and of a download range (boto3
	// multipart_chunksize; 8 MiB), from MinPartSize (5 MiB) to MaxPartSize
	// (5 GiB). An upload whose size would need more than MaxParts parts
	// gets larger parts, a multiple of 1 MiB.
	PartSize int64
	// Concurrency is the number of parts or ranges in flight (boto3
	// max_concurrency; 10). 1 transfers sequentially (use_threads=False).
	Concurrency int
	// InOrderBuffer bounds the memory DownloadTo holds, in bytes: the
	// buffers of the ranges it reads ahead of its writer while the
	// writer's own range streams (DefaultInOrderBuffer, 16 MiB; at least
	// 256 KiB). There are Concurrency-1 of them, InOrderBuffer/
	// (Concurrency-1) bytes each (at most PartSize), or fewer when that
	// would be under 1 MiB. Requests are not bound by it: Concurrency-1
	// ranges are asked for at once, and one whose answer comes before a
	// buffer is free waits in its connection, so a small bound keeps the
	// throughput of many requests on a service with a long time to first
	// byte. On a fast local link 4 MiB is as fast as 16 (its buffers stay
	// in the CPU's cache), the faster with fewer requests (Concurrency
	// 4-5). Download and DownloadFile write ranges where they belong and
	// hold no such buffers.
	InOrderBuffer int64
	// DownloadAttempts is how many times a download range is requested
	// before the download fails with a *RetriesExceededError (boto3
	// num_download_attempts; 5). A body that breaks is resumed from the
	// byte reached.
	DownloadAttempts int
	// MaxBandwidth caps the bytes per second of the manager, shared by all
	// its workers and transfers (boto3 max_bandwidth); 0 is unlimited. A
	// transfer given another value has a limit of its own.
	MaxBandwidth int64

	// ChecksumAlgorithm is the algorithm of the checksum every upload
	// carries, per part and for the object ("" means
	// s3.ChecksumAlgorithmCrc32, as botocore's when_supported). Every
	// algorithm of s3.ChecksumAlgorithm is supported; see the package
	// documentation for what each gives a multipart object.
	ChecksumAlgorithm s3.ChecksumAlgorithm
	// DisableChecksum sends no checksum at all, for stores that reject
	// checksum headers: the client's own request checksums are turned
	// down to when_required too. Setting it with ChecksumAlgorithm is an
	// error, except in a transfer's optFns, where the one the call changes
	// wins over the manager's.
	DisableChecksum bool

	// AbortTimeout is the budget for aborting a failed multipart upload
	// (30 s), measured from the failure, detached from the caller's
	// context; refused aborts are retried within it.
	AbortTimeout time.Duration

	// ClientOptions apply to every call the manager makes to the client
	// (the optFns of each s3.Client method), after the manager's own.
	ClientOptions []func(*s3.Options)

	// Now and Sleep are the clock of the bandwidth limiter and of the
	// abort backoff; nil means time.Now and a timer that stops when ctx is
	// done.
	Now   func() time.Time
	Sleep func(ctx context.Context, d time.Duration) error
}

// Defaults, as boto3's TransferConfig.
const (
	DefaultMultipartThreshold = 8 << 20
	DefaultPartSize           = 8 << 20
	DefaultConcurrency        = 10
	DefaultDownloadAttempts   = 5
	DefaultInOrderBuffer      = 16 << 20
	// DefaultAbortTimeout is the budget for aborting a failed upload.
	DefaultAbortTimeout = 30 * time.Second
)

// resolve checks o and returns it with every zero field set to its
// default.
func (o Options) resolve() (Options, error) {
	bad := func(format string, args ...any) (Options, error) {
		return o, fmt.Errorf("transfer: invalid Options: "+format, args...)
	}
	switch {
	case o.MultipartThreshold < 0:
		return bad("MultipartThreshold %d is negative", o.MultipartThreshold)
	case o.PartSize < 0:
		return bad("PartSize %d is negative", o.PartSize)
	case o.PartSize > 0 && o.PartSize < MinPartSize:
		return bad("PartSize %d is below S3's minimum part size of 5 MiB (%d)", o.PartSize, int64(MinPartSize))
	case o.PartSize > MaxPartSize:
		return bad("PartSize %d is over S3's maximum part size of 5 GiB (%d)", o.PartSize, int64(MaxPartSize))
	case o.PartSize > math.MaxInt32 && strconv.IntSize == 32:
		return bad("PartSize %d needs a 64-bit platform (parts and buffers are at most 2 GiB here)", o.PartSize)
	case o.Concurrency < 0:
		return bad("Concurrency %d is negative", o.Concurrency)
	case o.InOrderBuffer < 0:
		return bad("InOrderBuffer %d is negative", o.InOrderBuffer)
	case o.InOrderBuffer > 0 && o.InOrderBuffer < minInOrderBuffer:
		return bad("InOrderBuffer %d is below its minimum of 256 KiB (%d)", o.InOrderBuffer, minInOrderBuffer)
	case o.DownloadAttempts < 0:
		return bad("DownloadAttempts %d is negative", o.DownloadAttempts)
	case o.MaxBandwidth < 0:
		return bad("MaxBandwidth %d is negative", o.MaxBandwidth)
	case o.AbortTimeout < 0:
		return bad("AbortTimeout %v is negative", o.AbortTimeout)
	case o.DisableChecksum && o.ChecksumAlgorithm != "":
		return bad("DisableChecksum is set with ChecksumAlgorithm %s; set one of them", o.ChecksumAlgorithm)
	}
	if o.ChecksumAlgorithm != "" && !supported(o.ChecksumAlgorithm) {
		return bad("unknown ChecksumAlgorithm %q (want one of %v)", o.ChecksumAlgorithm, supportedAlgorithms)
	}
	if o.MultipartThreshold == 0 {
		o.MultipartThreshold = DefaultMultipartThreshold
	}
	if o.PartSize == 0 {
		o.PartSize = DefaultPartSize
	}
	if o.Concurrency == 0 {
		o.Concurrency = DefaultConcurrency
	}
	if o.InOrderBuffer == 0 {
		o.InOrderBuffer = DefaultInOrderBuffer
	}
	if o.DownloadAttempts == 0 {
		o.DownloadAttempts = DefaultDownloadAttempts
	}
	if o.ChecksumAlgorithm == "" && !o.DisableChecksum {
		o.ChecksumAlgorithm = s3.ChecksumAlgorithmCrc32
	}
	if o.AbortTimeout == 0 {
		o.AbortTimeout = DefaultAbortTimeout
	}
	if o.Now == nil {
		o.Now = time.Now
	}
	if o.Sleep == nil {
		o.Sleep = sleep
	}
	return o, nil
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
