// Package transfer is goto3's S3 transfer manager, boto3's upload_file,
// download_file, upload_fileobj, download_fileobj and copy with
// TransferConfig: multipart uploads and ranged downloads in parallel,
// checksummed, resumable, bandwidth-limited, and cleaned up on failure.
//
//	m, err := transfer.New(client, func(o *transfer.Options) { o.PartSize = 16 << 20 })
//	out, err := m.UploadFile(ctx, &transfer.UploadFileInput{
//		Bucket: "amzn-s3-demo-bucket", Key: "big.bin", Path: "/tmp/big.bin",
//		Progress: func(delta, total, size int64) { ... },
//	})
//
// # One shape
//
// A Manager is made with New(api, optFns...): api is an *s3.Client (or any
// implementation of API, such as an in-memory fake), optFns set its
// Options, the manager's configuration. Every transfer method takes the
// transfer's own arguments in an input struct (Bucket, Key, then the path,
// body or writer, then the new object's attributes, the per-request
// options and the Progress callback) and per-call optFns that change a
// copy of the manager's Options for that transfer only; it returns an
// output struct:
//
//	UploadFile(ctx, *UploadFileInput, ...func(*Options)) (*UploadOutput, error)     boto3 upload_file
//	Upload(ctx, *UploadInput, ...)                      (*UploadOutput, error)      upload_fileobj
//	DownloadFile(ctx, *DownloadFileInput, ...)          (*DownloadOutput, error)    download_file
//	Download(ctx, *DownloadInput, ...)                  (*DownloadOutput, error)    (io.WriterAt, parallel)
//	DownloadTo(ctx, *DownloadToInput, ...)              (*DownloadOutput, error)    download_fileobj (in order)
//	Copy(ctx, *CopyInput, ...)                          (*CopyOutput, error)        copy
//	UploadDir(ctx, *UploadDirInput, ...)                (*UploadDirOutput, error)
//	DownloadDir(ctx, *DownloadDirInput, ...)            (*DownloadDirOutput, error)
//
// The uploads' and copies' object attributes (boto3's ExtraArgs) are flat
// fields with the same names in each input that takes them (ContentType,
// Metadata, ACL, StorageClass, Tagging, ServerSideEncryption, ...), as in
// s3.PutObjectInput. A nil input is an error saying "nil input"; a missing
// Bucket, Key, Path, Body or writer is a *goto3.ValidationError naming the
// field; an invalid setting of Options is an error naming the setting. All
// three come back before any I/O.
//
// # Configuration (boto3's TransferConfig)
//
//	boto3 TransferConfig       transfer.Options     default
//	multipart_threshold        MultipartThreshold   8 MiB (size >= threshold is multipart)
//	multipart_chunksize        PartSize             8 MiB, 5 MiB to 5 GiB, grown to a multiple
//	                                                of 1 MiB so no upload needs over 10,000 parts
//	max_concurrency            Concurrency          10
//	use_threads=False          Concurrency: 1       parts one after another
//	num_download_attempts      DownloadAttempts     5 (per download range)
//	(max_io_queue, roughly)    InOrderBuffer        16 MiB: what DownloadTo holds ahead of its writer
//	max_bandwidth              MaxBandwidth         unlimited; bytes/s shared by all workers
//	(botocore checksums)       ChecksumAlgorithm    CRC32; any s3.ChecksumAlgorithm
//	                           DisableChecksum      false; true sends no checksum
//	                           AbortTimeout         30 s to abort a failed upload
//	(client config)            ClientOptions        none; applied to every client call
//	ExtraArgs                  input fields         ContentType, Metadata, SSEKMSKeyID, ...
//	Callback                   input Progress       see ProgressFunc
//
// Concurrency is per transfer. The manager's *s3.Client keeps at least
// Concurrency idle connections (New grows a smaller pool); an application
// running many transfers at once through one manager keeps their
// connections between requests by giving the client that many
// (goto3.Config.MaxPoolConnections or s3.Options.MaxPoolConnections):
// otherwise each burst dials again what the pool could not keep.
//
// Zero means the default; a negative value, a PartSize outside 5 MiB to
// 5 GiB, an unknown algorithm or DisableChecksum with an algorithm is an
// error from New (or from the transfer whose optFns set it).
//
// # Uploads
//
// UploadFile and Upload of an io.ReaderAt whose extent is known (an
// *os.File, *bytes.Reader, *io.SectionReader, or anything with ReadAt and
// Seek or Size) read parts in place: each part is a section of the source
// handed to UploadPart as its io.ReadSeeker body, never copied into a
// buffer. A plain io.Reader (a pipe, a network stream) is read one part at
// a time into pooled part buffers, at most Concurrency alive (the next part
// is read as soon as one is sent). On unix they are anonymous mappings
// outside the Go heap, so they do not raise the garbage collector's heap
// goal (64 MiB of heap buffers would let as much request garbage pile up
// before a collection); elsewhere they are ordinary slices. A stream is first
// read into a 32 KiB window on the heap (pooled), so a short stream makes
// no mapping at all; one that goes on continues in a part-sized buffer
// that costs only the pages written, in a window that doubles with what
// was read until a first part fills. A manager keeps up to
// Concurrency buffers for its next stream uploads and DownloadTo calls;
// others are unmapped when dropped, and the kept ones by a runtime cleanup
// once the Manager is unreachable. A stream is multipart when its first
// part fills (its threshold is min(MultipartThreshold, PartSize));
// UploadInput.Size lets parts grow for a stream longer than 10,000 parts.
//
// At most Concurrency parts are in flight; the first failure cancels the
// others. Every part carries the configured checksum. The manager
// computes it before sending the part, in one pass of 64 KiB chunks that
// also computes the part's SHA-256 when the client signs payloads (an
// *s3.Client on an http endpoint without Options.UnsignedPayload); the
// client takes that SHA-256 from the part (its PayloadSHA256 method) and
// reads the part only to send it. SHA-256 is most of an upload's CPU, and
// on CPUs with SHA instructions it is bound by their latency, not their
// throughput: so when more request slots are free, up to four parts are
// taken together and their digests computed in one interleaved pass
// (internal/sha256x2: about 2.4 times the speed of crypto/sha256 for four
// parts on an AMD Zen 3), then sent at once; each gives back its buffer
// as soon as it is done, the batch its slots when all are. CRC32 uses a 256-bit
// carry-less-multiply kernel where the CPU has one (internal/crc32x). A
// part of a file is sent with sendfile(2) from a file description of its
// own (no copy through the process; see Progress for when it is not);
// with s3.Options.UnsignedPayload, or over https, no SHA-256 is computed
// at all and the checksum guards the bytes. A checksum S3 echoes for a
// part must equal it. The part checksums go into CompleteMultipartUpload,
// and the checksum S3 returns for the object is checked against them (a
// mismatch is ErrChecksumMismatch); see Checksums.
//
// When a multipart upload fails or its context is cancelled, it is aborted
// with a context detached from the caller's (context.WithoutCancel) and a
// budget of 30 s. An abort refused with an error worth retrying
// (throttling, a 5xx, a timeout, a broken connection) is sent again, after
// the client's own attempts, with a backoff doubling from 100 ms to 2 s,
// until S3 takes it or the budget runs out; NoSuchUpload counts as done.
// The error, an *UploadFailedError, names the bucket, key and upload id
// and joins the abort's own failure if the upload may be left.
//
// # Checksums
//
// Every upload carries a checksum of Options.ChecksumAlgorithm, any of the
// ten of S3's model, unless Options.DisableChecksum: its value in the
// x-amz-checksum-<algorithm> header (base64; the CRCs and the xxHash
// digests big-endian with seed 0, XXH3-128 as its high then low 64 bits;
// SHA-1, SHA-256, SHA-512 and MD5 their standard digests), which S3 checks
// against the bytes it received (BadDigest otherwise). What the object
// gets, per S3's user guide ("Checking object integrity": full object
// checksums of multipart uploads exist only for the CRC-based algorithms,
// which S3 can combine from the parts' CRCs; the others are COMPOSITE):
//
//	algorithm          single PutObject     multipart upload (the manager's choice)
//	CRC64NVME          FULL_OBJECT          FULL_OBJECT, the only type S3 allows; the manager combines
//	                                        the part CRCs and sends the whole object's value to be checked
//	CRC32, CRC32C      FULL_OBJECT          COMPOSITE (S3 allows FULL_OBJECT too)
//	SHA1, SHA256       FULL_OBJECT          COMPOSITE, the only type S3 allows
//	SHA512, MD5,       FULL_OBJECT          COMPOSITE, the only type S3 allows (for the xxHash
//	XXHASH64, XXHASH3,                      algorithms S3 says so only by allowing full object
//	XXHASH128                               checksums to the CRCs alone)
//
// A COMPOSITE value is "<checksum of the concatenated binary part
// checksums>-<number of parts>". The manager computes the object's value
// from its parts' and compares it with the one S3 returns: in full for
// the full-object CRCs and the composites S3 documents (CRC32, CRC32C,
// SHA1, SHA256); for SHA512, MD5 and the xxHash algorithms, added to S3 in
// April 2026, S3 documents the type but not how the composite value is
// computed, so only its part count is held against the upload (each part's
// checksum was checked by S3 on UploadPart, its echo by the manager, and
// again by S3 on CompleteMultipartUpload, which lists them all); the
// manager's own value by the same rule is what the fault server
// (internal/testing/faultserver) computes. UploadOutput reports S3's value. A copy
// sends no checksums: S3 computes them from the source. Downloads are
// ranged, and S3 sends no checksum for a range, so none is validated;
// every range is pinned to the first one's ETag instead (a whole-object
// GetObject through the client validates any of the ten, see the pipeline).
//
// # Downloads
//
// The first ranged GET (bytes 0 to PartSize-1) gives the size
// (Content-Range) and the ETag; the other ranges follow in parallel, each
// pinned with If-Match to that ETag: a 412 or another ETag is
// ErrObjectChanged, never a mixed file. A body that breaks mid-range is
// asked for again from the byte reached, up to DownloadAttempts times,
// then *RetriesExceededError. Download writes to an io.WriterAt at each
// range's offset; DownloadTo writes to a plain io.Writer sequentially and
// in order (download_fileobj, for files opened for append or pipes);
// DownloadFile writes to a temporary file beside the destination and
// renames it only when every byte arrived; on failure the temporary file
// is removed and the destination untouched. Errors are
// *DownloadFailedError wrapping the cause.
//
// # Copies and directories
//
// Copy uses CopyObject below the threshold and UploadPartCopy ranges
// above it (so objects over 5 GiB copy), pinned to the source's ETag.
// UploadDir and DownloadDir move a directory tree under a key prefix,
// with a Filter, files in parallel; DownloadDir refuses keys that would
// leave the directory.
//
// # Progress
//
// A ProgressFunc gets (bytes since the last call, running total, size).
// Calls for one transfer are serialized with a mutex: never concurrent,
// so the callback needs no locking. Progress is reported as the bytes go
// out or come in, at most 256 KiB at a time (boto3's io_chunksize), on
// every path:
//
//   - a file part sent with sendfile through the SDK's own connections
//     (package transport sends it in slices of 256 KiB): each slice, as
//     the connection hands it to the kernel;
//   - a part read through Read (https, a client with an HTTPClient of its
//     own, a stream, an io.ReaderAt): every 256 KiB read, and its end.
//     With a client of its own HTTPClient the manager cannot make sendfile
//     report in steps, so a transfer with a ProgressFunc reads its file
//     parts through Read there (one copy through the process); without a
//     ProgressFunc they still go out with sendfile;
//   - downloads: every read of a body, at most 256 KiB.
//
// The client's first pass over a part, which hashes it and seeks back, is
// not counted (botocore's signal_not_transferring). A part sent again (a
// retried request) is first rewound: the running total goes back by what
// that part had reported, a negative delta as in boto3, and forward again
// as the part is resent. So the running total never exceeds the size and,
// when the transfer succeeds, ends equal to it. A part whose reads went
// unreported is counted when its request succeeds.
//
// # Bandwidth
//
// MaxBandwidth is a token bucket shared by every transfer of the manager.
// Downloads take tokens per read; uploads per part before it is sent
// (the client reads a part twice, once to hash it, so per-read pacing
// would count it twice). The bucket's clock is Options.Now and
// Options.Sleep. A transfer whose optFns set another MaxBandwidth gets a
// bucket of its own.
//
// # Contracts
//
// The zero Manager is not usable: make one with New. A Manager is safe
// for concurrent use. The manager never closes a caller's reader or
// writer; it closes every response body it gets. Inputs and Options are
// copied (Metadata and SSECustomerKey included); a caller may reuse them.
// An API implementation must not read a request body after its call
// returned (see API).
package transfer
