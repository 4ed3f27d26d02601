// Package sigv4 is a hand-written implementation of AWS Signature Version 4
// for *http.Request: header signing, presigned URLs (query signing),
// aws-chunked streaming uploads, and verification of signed requests as a
// server does it.
//
// The algorithm follows the AWS General Reference, "Signature Version 4
// signing process" (https://docs.aws.amazon.com/IAM/latest/UserGuide/create-signed-request.html),
// and the S3 variants in the Amazon S3 API Reference, "Authenticating Requests
// (AWS Signature Version 4)"
// (https://docs.aws.amazon.com/AmazonS3/latest/API/sig-v4-authenticating-requests.html).
// It passes the aws-c-auth v4 signing test suite and the AWS SigV4 test suite
// that botocore ships (see testdata/sigv4).
//
// # Canonicalization
//
// The canonical URI is built from the path as it is sent on the wire
// (Request.RequestURI for a request a server received, URL.Opaque when set,
// else URL.EscapedPath). For services other than S3 the path is normalized
// ("." and ".." segments applied, empty segments dropped) and URI-encoded once
// more ("double encoding"). S3 signs the wire path as it is
// (Options.DisableDoubleEncoding, Options.DisablePathNormalization, or
// S3Options), so callers must send S3 paths encoded the way SigV4 encodes
// (every byte but A-Z a-z 0-9 - _ . ~ and '/' percent-encoded).
//
// The canonical query string splits the raw query on '&' (dropping empty
// pieces) and each piece on its first '=', percent-decodes both sides ('+'
// decoding to a space, as in HTML forms and net/url), encodes them again with
// the SigV4 rules and sorts the pairs by key and then value, so repeated keys
// are kept and ordered.
//
// Every header of the request is signed, and Host, except Authorization and
// those that clients and proxies add, change or drop on the way (botocore's
// list): Connection, Expect, Keep-Alive, Proxy-Authenticate,
// Proxy-Authorization, TE, Trailer, Transfer-Encoding, Upgrade, User-Agent and
// X-Amzn-Trace-Id, plus any named in Options.UnsignedHeaders. Header values are trimmed and each run of
// whitespace, including the line breaks of folded multi-line values, becomes
// one space; repeated headers are joined with ','.
//
// # Contracts
//
// A Signer is safe for concurrent use; its zero value signs with the zero
// Options. It caches derived signing keys per (secret, date, region, service).
// Nothing here reads the clock: the signing time is Params.Time, and Verify
// takes the current time as an argument.
//
// Signing never closes a request body. When the payload hash must be computed
// the body is read through Request.GetBody (whose copy is closed) or, for an
// io.ReadSeeker body, read and seeked back to where it was.
//
// Secrets (the secret access key, the session token, derived keys) never
// appear in an error or in the output of Credentials' String and Format
// methods.
package sigv4
