// Package discardserver is a loopback S3 endpoint for throughput
// benchmarks: it accepts PutObject, UploadPart, CreateMultipartUpload,
// CompleteMultipartUpload, AbortMultipartUpload and ListMultipartUploads,
// reads every upload body as fast as it can and throws it away, and serves
// GetObject and HeadObject (with Range and If-Match) from deterministic data
// without storing anything. A disk-backed or storing server measures the
// server, not the client (see PEERS.md); this one costs as little as a
// server can.
//
// Bodies are read with plain Read calls into a pooled buffer
// (Options.ReadBuffer, 256 KiB), which net/http's bufio layer passes straight
// to the socket. aws-chunked bodies are unframed (signatures not checked)
// and their trailing checksum echoed. Options.VerifyPayloadHash hashes every
// body and checks X-Amz-Content-Sha256, so that a benchmark can be honest
// about the hashing a real S3 does. Checksum headers are echoed, never
// recomputed; CompleteMultipartUpload returns an ETag of S3's "-N" form and
// a composite checksum computed from the part checksums the client lists.
//
// Served objects: every key has the size Options.ObjectSize gives (1 GiB by
// default; a negative size is NoSuchKey) and the ETag ETag(size); the byte
// at offset i is the same for every key and is what Data(i, ...) returns,
// repeating every 1 MiB + 3 bytes so parts placed at the wrong offset are
// detected.
//
// # In-process or separate process
//
// Start runs the server in the test's process (httptest, closed at
// cleanup); that is right for throughput. For CPU-seconds and peak RSS of
// the client alone, StartProcess re-executes the running test binary as the
// server (this package's init recognises the child and runs Main, the
// body of cmd/discardserver), so nothing is built or left on disk; the
// child exits when the test binary does, and Process.Stop returns the
// server's own CPU time and peak RSS.
//
// # Contracts
//
// A Server is safe for concurrent use; its counters (Stats) are atomic.
// New's zero-value Options are usable. It never closes or keeps a client's
// body beyond the request.
package discardserver
