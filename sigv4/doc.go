// Package sigv4 is a hand-written implementation of AWS Signature Version 4
// for *http.Request: header signing, presigned URLs (query signing),
// aws-chunked streaming uploads, its asymmetric variant SigV4a, and
// verification of signed requests as a server does it.
//
// The algorithm follows the AWS documentation of Signature Version 4
// (https://docs.aws.amazon.com/IAM/latest/UserGuide/create-signed-request.html)
// and its S3 variants in the Amazon S3 API Reference, "Authenticating
// Requests (AWS Signature Version 4)"
// (https://docs.aws.amazon.com/AmazonS3/latest/API/sig-v4-authenticating-requests.html),
// including chunked uploads (sigv4-streaming.html) and trailing checksums
// (sigv4-streaming-trailers.html). The tests run the aws-c-auth v4 signing
// suite, the AWS SigV4 test suite that botocore ships, the S3 documentation's
// worked examples, and 640 requests signed by botocore (testdata/sigv4). For
// SigV4a they run the aws-c-auth v4a suite.
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
// # SigV4a
//
// SigV4a (AWS4-ECDSA-P256-SHA256, "Signature Version 4a" in the IAM User
// Guide, https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_sigv.html)
// signs with an ECDSA P-256 key derived from the access key pair, so that one
// signature is valid in a set of regions: S3 Multi-Region Access Points ask
// for it (their endpoint's auth scheme is sigv4a with a signingRegionSet such
// as ["*"]). SignHTTPV4a and PresignHTTPV4a are SignHTTP and PresignHTTP for
// it, over the same canonicalization, Options and payload hash rules; they
// differ only where SigV4a does (as aws-c-auth and its v4a test suite define
// it, which botocore's CRT signer uses):
//
//   - the region set, Params.RegionSet joined by ',' (or Params.Region), is
//     sent and signed as the X-Amz-Region-Set header, or the X-Amz-Region-Set
//     query parameter of a presigned URL;
//   - the credential scope has no region: <yyyymmdd>/<service>/aws4_request;
//   - the string to sign is "AWS4-ECDSA-P256-SHA256", X-Amz-Date, the scope
//     and the hex SHA-256 of the canonical request, one per line;
//   - the signature is the lower-case hex of the ASN.1 DER ECDSA signature
//     of the SHA-256 of the string to sign (70 to 72 bytes, usually).
//
// DeriveKeyV4a derives the key pair (NIST SP 800-108 counter-mode KDF with
// HMAC-SHA256 keyed by "AWS4A" + secret; see its documentation). Deriving
// (a scalar multiplication for the public key) costs about half as much as a
// signature, so a Signer keeps the keys of up to 64 (access key id, secret)
// pairs, safe for concurrent use.
//
// ECDSA signatures are randomized: two signatures of the same request differ,
// and both verify. The randomness is Options.Rand, crypto/rand.Reader when
// nil. crypto/ecdsa mixes the private key and the message into the nonce, so
// a poor Rand does not leak the key; and since Go 1.26 it uses its own secure
// source and ignores any other Reader unless GODEBUG=cryptocustomrand=1 (the
// default of a main module that declares go 1.25 or older). For repeatable
// output (tests, golden files) set Options.DeterministicECDSA: RFC 6979
// signatures, a function of the key and the string to sign alone.
//
// SignChunked signs aws-chunked streams with SigV4 only
// (STREAMING-AWS4-ECDSA-P256-SHA256-PAYLOAD is not implemented).
//
// # Verification
//
// Verify checks a header-signed request or a presigned URL, SigV4 or SigV4a,
// against a credentials lookup (or, for SigV4a, a public key lookup) and a
// time, as an AWS service does, and returns what it verified or a
// *VerifyError with an S3-style code (SignatureDoesNotMatch,
// RequestTimeTooSkewed, ...). For SigV4a it also requires the region set
// (signed, for a header-signed request) and checks VerifyOptions.Region
// against it. Verified.DecodeChunked then decodes an aws-chunked body,
// releasing each chunk only after its signature verified.
//
// # Contracts
//
// A Signer is safe for concurrent use; its zero value signs with the zero
// Options. A ChunkedReader or ChunkedDecoder is used by one goroutine.
// Secrets (the secret access key, the session token, derived keys, the
// signature a server expected) never appear in an error or in the output of
// Credentials' String and Format methods.
package sigv4
