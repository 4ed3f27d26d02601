// Package faultserver is a fault-injecting, signature-verifying S3 server for
// tests: an httptest server on 127.0.0.1 over a small in-memory S3 that
// checks every request's SigV4 signature with package sigv4, records every
// request, and follows a script of faults (error answers, throttling, reset
// connections, truncated and slow bodies, clock skew, objects that change
// mid-download, parts that fail once or always).
//
// # What it serves
//
// Path-style requests (http://127.0.0.1:PORT/bucket/key), and virtual-hosted
// ones whose Host is bucket.localhost[:PORT] (send them to Server.URL with
// that Host header, or resolve *.localhost to 127.0.0.1): ListBuckets,
// CreateBucket, HeadBucket, DeleteBucket, ListObjectsV2 (prefix, delimiter,
// max-keys, continuation-token, start-after, encoding-type=url), PutObject, CopyObject,
// GetObject and HeadObject (single Range, If-Match, If-None-Match,
// If-Unmodified-Since, response-* overrides, checksum mode), DeleteObject,
// CreateMultipartUpload, UploadPart, UploadPartCopy, CompleteMultipartUpload
// (part order, ETags, EntityTooSmall under Options.MinPartSize), AbortMultipartUpload,
// ListMultipartUploads and ListParts. Anything else, including subresources
// such as ?cors, answers 501 NotImplemented. ETags are S3's: the MD5 of the
// data, or the MD5 of the parts' MD5s with "-N". Checksums of all ten of
// S3's algorithms (CRC32, CRC32C, CRC64NVME, SHA1, SHA256, SHA512, MD5,
// XXHASH64, XXHASH3, XXHASH128; base64 of the big-endian CRC or xxHash
// digest, or of the standard digest) in headers or aws-chunked trailers
// are checked (BadDigest), stored, and returned on whole-object GETs with
// x-amz-checksum-mode: ENABLED, never on ranged GETs (S3's behaviour, which
// gofakes3 gets wrong); multipart objects get the composite checksum
// "<checksum of the part checksums>-N", or with FULL_OBJECT (the CRCs
// only: CRC64NVME always, CRC32 and CRC32C when asked) the whole object's
// CRC. x-amz-checksum-md5 is such a checksum; Content-MD5 is checked apart.
//
// # Verification
//
// Unless Options.DisableVerify, each request must be signed (Authorization
// header or presigned query) for service "s3" and Options.Region (or its
// bucket's region in Options.BucketRegions: one signed for another region
// gets S3's 301 PermanentRedirect or 400 AuthorizationHeaderMalformed,
// which name the bucket's region) with one of
// Options.Credentials, within Options.MaxSkew of Options.Now, as sigv4.Verify
// decides, with every X-Amz-* header signed (unless
// Options.AllowUnsignedAmzHeaders); a signed payload hash must equal the SHA-256 of the body
// (XAmzContentSHA256Mismatch), and aws-chunked bodies are decoded with
// sigv4's ChunkedDecoder, which checks each chunk and trailer signature. With
// DisableVerify the package's own decoder, written apart from sigv4's, only
// unframes the body. Rejections are S3 XML errors with S3's codes and
// statuses (SignatureDoesNotMatch 403 with StringToSign and
// CanonicalRequest, RequestTimeTooSkewed 403 with ServerTime, AccessDenied
// 403 for an unsigned request, InvalidAccessKeyId 403, ...).
//
// Every answer, error or not, carries x-amz-request-id ("FS" and the request's
// sequence number in hex, so deterministic), x-amz-id-2 and a Date header from
// Options.Now. Error bodies are S3's
// <Error><Code/><Message/>...<RequestId/><HostId/></Error>.
//
// # Faults
//
// A Fault matches requests by operation, method, bucket, key, part number,
// attempt number and a predicate, and fires on the matching requests
// Skip+1 to Skip+Times (Times 0: all after Skip); see Fault. Actions:
// Error, InternalError, ServiceUnavailable, SlowDown, Throttle,
// ResetConnection (RST before the body is read), ResetAfterBody (the
// operation takes effect, the answer is lost), Truncate (short body, then
// close), SlowBody and Delay (bounded by Options.MaxDelay), SkewedTime
// (RequestTimeTooSkewed with a shifted Date), ChangeObject (new ETag before
// the request is served) and Handler. Matching runs under one lock in
// arrival order, so a script is deterministic.
//
// # Records
//
// Requests returns a Request per request whose answer is complete, in
// arrival order: sequence number, Options.Now at arrival, method, escaped
// path, raw query, a copy of the headers, the operation with its bucket,
// key, part number and upload id, the attempt number of that logical
// request, the decoded body's length and SHA-256, the status and error code
// answered and the fault that fired. A record is published before the last
// byte of its answer is written, so a client holding a complete response
// always finds it.
//
// # Contracts
//
// A Server is safe for concurrent use; all its methods may be called while
// requests are in flight. Start closes the server at t.Cleanup; New returns
// one without a listener for in-memory use as an http.Handler (faults that
// hijack the connection then abort the handler instead). The store keeps
// every object in memory (Options.MaxBodySize bounds one body): it is for
// correctness tests, not throughput (see internal/testing/discardserver). Response
// bodies belong to the client, which closes them. Secrets never appear in
// answers or records.
package faultserver
