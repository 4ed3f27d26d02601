// Package sigv4 is a hand-written implementation of AWS Signature Version 4
// for *http.Request: header signing, presigned URLs (query signing),
// aws-chunked streaming uploads, and verification of signed requests as a
// server does it.
//
// The algorithm follows the AWS documentation of Signature Version 4
// (https://docs.aws.amazon.com/IAM/latest/UserGuide/create-signed-request.html)
// and its S3 variants in the Amazon S3 API Reference, "Authenticating
// Requests (AWS Signature Version 4)"
// (https://docs.aws.amazon.com/AmazonS3/latest/API/sig-v4-authenticating-requests.html),
// including chunked uploads (sigv4-streaming.html) and trailing checksums
// (sigv4-streaming-trailers.html). The tests run the aws-c-auth v4 signing
// suite, the AWS SigV4 test suite that botocore ships, the S3 documentation's
// worked examples, and 640 requests signed by botocore (testdata/sigv4).
//
// # Signing
//
// A Signer holds the Options (S3Options for S3, the zero Options for other
// services) and a cache of derived signing keys. SignHTTP signs a request by
// its headers; PresignHTTP returns a URL signed by its query string, valid
// for 1 second to 7 days, and the headers its user must send (every header
// present on the request is signed, so a caller enforces for example a
// Content-Type by setting it before presigning). The signing time is always
// Params.Time: nothing here reads the clock.
//
// The payload hash is Params.PayloadHash when set (a hex SHA-256,
// UnsignedPayload or a streaming constant). Otherwise SignHTTP takes an
// X-Amz-Content-Sha256 header the caller set (botocore's rule), or computes
// the SHA-256 of the body, which must then be rewindable: it is read through
// Request.GetBody (and that copy closed) or, for an io.ReadSeeker body, read
// and seeked back. The request body itself is never closed.
//
// A session token is sent as X-Amz-Security-Token and signed, unless
// Options.AddSessionTokenAfterSigning asks for it to be added after the
// signature (some services want that).
//
// # Canonicalization
//
// The canonical URI is built from the path as it is sent on the wire
// (Request.RequestURI for a request a server received, URL.Opaque when set,
// else URL.EscapedPath). For services other than S3 the path is normalized
// ("." and ".." segments applied, empty segments dropped) and URI-encoded once
// more ("double encoding"). S3 signs the wire path exactly as it is
// (Options.DisableDoubleEncoding and DisablePathNormalization), as botocore's
// S3SigV4Auth does, so S3 paths must be sent encoded the way SigV4 encodes:
// every byte but A-Z a-z 0-9 - _ . ~ and '/' percent-encoded, which is what
// setting URL.RawPath achieves.
//
// The canonical query string splits the raw query on '&' (dropping empty
// pieces) and each piece on its first '=', percent-decodes both sides ('+'
// decoding to a space, as in HTML forms and net/url; a '%' not followed by two
// hex digits is literal), encodes them again with the SigV4 rules and sorts
// the pairs by key and then value, so repeated keys are kept and ordered.
//
// Every header of the request is signed, and Host, except Authorization and
// those that clients and proxies add, change or drop on the way (botocore's
// list): Connection, Expect, Keep-Alive, Proxy-Authenticate,
// Proxy-Authorization, TE, Trailer, Transfer-Encoding, Upgrade, User-Agent and
// X-Amzn-Trace-Id, plus any named in Options.UnsignedHeaders. Header values
// are trimmed and each run of whitespace, including the line breaks of folded
// multi-line values, becomes one space; repeated headers are joined with ','
// in order.
//
// # Streaming
//
// SignChunked prepares an aws-chunked upload: it sets Content-Encoding,
// X-Amz-Decoded-Content-Length, X-Amz-Trailer and the exact Content-Length
// (ChunkedLength), signs the headers (the seed signature) and replaces the
// body with a ChunkedReader that signs each chunk as it is read, chained
// from the previous signature (STREAMING-AWS4-HMAC-SHA256-PAYLOAD), then the
// trailing checksum computed by a caller-supplied hash.Hash (CRC32, CRC32C,
// CRC64NVME, SHA-1 or SHA-256) with its own signature
// (STREAMING-AWS4-HMAC-SHA256-PAYLOAD-TRAILER), or everything unsigned
// (STREAMING-UNSIGNED-PAYLOAD-TRAILER). The reader allocates nothing per
// chunk; closing it closes its source.
//
// # Verification
//
// Verify checks a header-signed request or a presigned URL against a
// credentials lookup and a time, as an AWS service does, and returns what it
// verified or a *VerifyError with an S3-style code (SignatureDoesNotMatch,
// RequestTimeTooSkewed, ...). Verified.DecodeChunked then decodes an
// aws-chunked body, releasing each chunk only after its signature verified.
//
// # Contracts
//
// A Signer is safe for concurrent use; its zero value signs with the zero
// Options. A ChunkedReader or ChunkedDecoder is used by one goroutine.
// Secrets (the secret access key, the session token, derived keys, the
// signature a server expected) never appear in an error or in the output of
// Credentials' String and Format methods.
package sigv4
