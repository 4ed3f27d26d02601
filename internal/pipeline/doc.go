// Package pipeline is the request path every generated service client
// runs: one call of Client.Invoke validates the input, resolves the
// endpoint, serializes, builds, signs and sends with retries, and decodes
// the output. invoke.go reads top to bottom in the order of
// ../../../shared/DESIGN.md ("The path of a request"):
//
//  1. validate (validate.go): required members, before any I/O. A required
//     string that is "", a nil blob, a zero time, a nil structure pointer,
//     list or map is missing (*goto3.ValidationError naming the member
//     path, e.g. "CORSConfiguration.CORSRules[0].AllowedMethods"); required
//     numbers and booleans are always present. An empty S3 Key is missing.
//     A bucket name must be 1 to 255 of a-z A-Z 0-9 . - _ or an ARN
//     (botocore's validate_bucket_name); whether it suits virtual hosting
//     is the endpoint rules' decision (path style otherwise).
//  2. resolve the endpoint (endpoint.go): the service's rule set with the
//     built-ins from the options (region, FIPS, dual-stack, endpoint URL,
//     S3 path style, accelerate, ARN region, MRAP), the operation's static
//     context parameters and the input members bound to context
//     parameters. The first "sigv4" or "sigv4-s3express" auth scheme gives
//     the signing name, region and double-encoding; an endpoint that only
//     offers sigv4a (multi-region access points) is an *EndpointError
//     saying so. sigv4-s3express (S3 Express One Zone directory buckets,
//     s3express.go) signs with session credentials for the bucket, which
//     the service's registered CreateSession operation (services/s3's
//     init: RegisterCreateSession) creates with the client's credentials
//     before the retry loop, as botocore's S3ExpressIdentityResolver: cached
//     per bucket and access key id (the last 100), shared with clients made
//     by With, one CreateSession at a time per bucket (concurrent callers
//     wait for it), refreshed 45 seconds before expiry (a failed refresh
//     keeps a session with more than 10 seconds left), dropped after an
//     expired-token answer. The session token is sent as the signed
//     x-amz-s3session-token header (X-Amz-S3session-Token in a presigned
//     URL), never X-Amz-Security-Token (botocore's S3ExpressAuth,
//     S3ExpressQueryAuth). A CreateSession failure is a *SessionError
//     wrapping CreateSession's *goto3.OperationError, not retried again.
//     Options.DisableS3ExpressSessionAuth (botocore's s3
//     disable_s3_express_session_auth) sets the rules' parameter of that
//     name: plain sigv4 with the client's credentials, as CreateSession,
//     CopyObject and UploadPartCopy always are.
//     S3 in us-east-1 uses the global endpoint (s3.amazonaws.com), as
//     botocore's default us_east_1_regional_endpoint=legacy does.
//  3. serialize with the codec of the service's protocol (protocol/restxml,
//     protocol/query, protocol/ec2query).
//  4. build (compress.go, body.go, checksum.go): request compression
//     (CompressRequest: gzip for operations with the requestcompression
//     trait, bodies of at least request_min_compression_size_bytes,
//     unless disable_request_compression), User-Agent, amz-sdk-invocation-id,
//     the request checksum as botocore's
//     resolve_request_checksum_algorithm (the caller's algorithm member;
//     else CRC32 when the operation requires a checksum or supports one
//     with request_checksum_calculation=when_supported; nothing when the
//     caller gave a checksum value; Content-MD5 for an operation that
//     requires a checksum and has no algorithm member), and the payload
//     hash as botocore's S3SigV4Auth (signed over http; UNSIGNED-PAYLOAD
//     over https when a checksum header accompanies a streaming input, and
//     over http too with Options.UnsignedPayload; other services always
//     sign the payload). A seekable body with a PayloadSHA256 method
//     (PayloadHasher) gives its own payload hash and is not read to hash.
//  5. the retry loop (retry.Retryer.Do): per attempt refresh credentials
//     after an expired-token error, rewind the body, set amz-sdk-request,
//     run Hooks.BeforeSign, sign at the retryer's Now plus its clock
//     offset, run Hooks.BeforeSend, send with the http.Client, run
//     Hooks.AfterResponse, decode an error answer (status >= 300) into a
//     *goto3.APIError, or read and decode the output. A body that fails
//     mid-read is a network error and retried; an error document in a 2xx
//     answer (CompleteMultipartUpload) is an API error with status 500.
//     An operation the model cannot describe gets a post-decode hook
//     (postdecode.go): S3 GetBucketLocation, whose root element is the
//     LocationConstraint member itself (botocore's
//     parse_get_bucket_location; empty stays nil, as botocore's None).
//  6. deserialize: the output was decoded by the successful attempt; the
//     metadata (request id, extended request id, status, attempts, header)
//     is filled, and a streaming output body is handed over unread,
//     wrapped to validate the response checksum when asked. An event
//     stream payload (S3 SelectObjectContent) is handed over the same way,
//     raw, for protocol/eventstream to decode (the codec sets the field
//     to the body, as for a streaming blob).
//
// # Sending
//
// Without Options.HTTPClient a client sends through the SDK's shared
// transport for its settings (package transport: connect and read timeouts
// of 60 s, 10 idle connections per host, TCP keep-alive, the session's CA
// bundle); a read timeout is a retryable timeout error, as in botocore.
// An http.Client without Timeout, Jar or CheckRedirect is bypassed for its
// Transport (http.DefaultTransport when nil): Client.Do copies every
// request's headers and URL to follow redirects, which the SDK must not
// follow anyway (a redirected request would carry a signature for the wrong
// host); a 301/307 answer is the API error it names (PermanentRedirect,
// TemporaryRedirect), as in botocore. Otherwise Client.Do is used, so a
// Client.Timeout bounds each attempt, body included, and a timeout is
// retried.
//
// # Bodies
//
// A serialized body ([]byte, from the codec) is rewound through GetBody.
// A streaming input (S3 PutObject, UploadPart) that is an io.ReadSeeker is
// used in place from its current offset: hashed by reading and seeking
// back, rewound by seeking for each retry, and fenced per attempt (a
// transport still holding an old attempt's body cannot read it once the
// next attempt starts). A body with a file descriptor (an *os.File, or any
// io.ReadSeeker with a SyscallConn method whose descriptor reads from the
// body's position) keeps it visible through the fence, so net/http sends
// it with sendfile(2). Any other io.Reader is sent aws-chunked, never
// buffered: STREAMING-UNSIGNED-PAYLOAD-TRAILER with the checksum in a
// trailer over https (and over http with Options.UnsignedPayload), STREAMING-AWS4-HMAC-SHA256-PAYLOAD-TRAILER (signed
// chunks and trailer) over http; its length must be given (ContentLength)
// and it is never retried (retry.Call.Rewindable false). The caller's
// reader is never closed. Streaming bodies of 1 MiB or more are sent with
// "Expect: 100-continue", as botocore does.
//
// A streaming output is requested with "Accept-Encoding: identity", so the
// transport never inflates an object stored with Content-Encoding: gzip:
// the caller gets the stored bytes, as from botocore.
//
// # Response checksums
//
// For operations with response checksum algorithms (S3 GetObject), with
// response_checksum_validation=when_supported the validation mode member is
// set to ENABLED unless the caller set it; the body of a full-object answer
// is then checked at EOF against the first checksum header it carries that
// goto3 implements (CRC64NVME, CRC32, CRC32C, SHA256, SHA1), and Read
// returns a *goto3.ChecksumMismatchError instead of io.EOF on a mismatch.
// Ranged (206) answers and composite multipart checksums ("...-N") are not
// checked.
//
// # Errors
//
// Invoke returns only *goto3.OperationError, wrapping a
// *goto3.ValidationError, an *EndpointError, a *SessionError, a context error, a network
// error, a *DecodeError, or a *goto3.APIError (inside a
// *retry.ExhaustedError or *retry.NotRewindableError when retries were cut
// short), whose Unwrap is the modelled error value when the code is one of
// the operation's errors.
//
// # Contracts
//
// A Client is immutable after New and safe for concurrent use; the zero
// Client is not usable. Clients made with With share the retryer (quota,
// clock offset, rate limiter) and credential cache of their base. Response
// bodies of non-streaming outputs are read and closed here; a streaming
// output body is the caller's to read and close. Nothing reads the clock or
// randomness except through Options.Now / the retryer and Options.Rand.
package pipeline
