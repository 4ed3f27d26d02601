// Package cloudfront signs Amazon CloudFront URLs and cookies for private
// content: the hand-written counterpart of boto3's CloudFrontSigner
// (botocore.signers.CloudFrontSigner), plus the signed cookies that boto3
// has no helper for. The CloudFront API client is generated separately by
// internal/codegen, into the api_*.go files of this package; the signer
// lives in the signer*.go files and needs no client, no credentials and no
// network.
//
// # Signed URLs
//
// NewURLSigner takes the ID of a CloudFront public key (of a trusted key
// group, such as "K2JCJMDEHXQW5F", or a legacy key pair, "APKA...") and its
// private key. SignURL signs with a canned policy: the URL, exactly as given
// with its query string, until an expiry time; it appends
//
//	Expires=<Unix seconds>&Signature=<signature>&Key-Pair-Id=<ID>
//
// SignURLWithPolicy signs with a custom Policy (a resource that may contain
// the wildcards '*' and '?', an expiry, an optional start time and an
// optional IPv4 address or range) and appends
//
//	Policy=<policy statement>&Signature=<signature>&Key-Pair-Id=<ID>
//
// Both append after the URL's own query parameters, with '&' when the URL
// contains a '?' and '?' otherwise, and never re-encode the URL: the result
// is byte for byte what botocore's generate_presigned_url returns. The
// policy statement (Policy.JSON) is the compact JSON of botocore's
// build_policy, in its key order and with Python's string escaping, because
// the signature covers those bytes; it and the signature are encoded in
// CloudFront's URL-safe base64 ('+' -> '-', '=' -> '_', '/' -> '~').
// testdata/gen_vectors.py has botocore sign 179 URLs (canned and custom
// policies, query strings, wildcards, IP ranges, start times, fractional and
// offset times, JSON escapes) with committed test keys, and the tests
// reproduce every one byte for byte, except that the signatures of the 6
// ECDSA cases, being randomized, are verified instead (8 of the cases sign
// SHA-256 digests, the script appending the Hash-Algorithm parameter that
// botocore lacks).
//
// Before signing, the URL must be an absolute http or https URL without a
// fragment, with spaces, control characters and non-ASCII bytes
// percent-encoded, and without the parameters the signature adds (Expires,
// Policy, Signature, Key-Pair-Id, Hash-Algorithm). Times are truncated to
// whole seconds, as botocore does, and may not precede 1970. Errors wrap
// ErrInvalidKey, ErrInvalidURL, ErrInvalidPolicy or ErrInvalidCookie.
//
// # Signed cookies
//
// SignCookies and SignCookiesWithPolicy return the same values as
// *http.Cookie: CloudFront-Expires (canned) or CloudFront-Policy (custom),
// CloudFront-Signature and CloudFront-Key-Pair-Id, following the Developer
// Guide's "Set signed cookies using a canned policy" and "... using a custom
// policy". They are Secure and HttpOnly for Path "/", host-only, without
// Expires or Max-Age (the Developer Guide recommends leaving those out);
// CookieOptions set Domain, Path, SameSite, or drop Secure. Browsers keep a
// cookie only for the host that set it or a parent domain of it, so the
// cookies reach the distribution only when it serves that host, or a name
// under the Domain given (an alternate domain name such as
// media.example.com for a site at www.example.com).
//
// # Keys and algorithms
//
// CloudFront verifies signed URLs and cookies made with RSA 2048 or ECDSA
// P-256 keys (CloudFront API Reference, PublicKey: "CloudFront supports
// signed URLs and signed cookies with RSA 2048 or ECDSA 256 key
// signatures"), so NewURLSigner accepts any crypto.Signer whose public key
// is one of those and rejects others (Ed25519, RSA of other sizes, other
// curves) before anything is signed. ParsePrivateKey reads PKCS #8, PKCS #1
// and SEC 1 PEM keys. RSA keys sign with PKCS #1 v1.5, which is
// deterministic; ECDSA keys produce the ASN.1 DER signature that OpenSSL
// writes in the Developer Guide's example ("openssl sha1 -sign
// private_key.pem"; "The private key signature can be either RSA 2048 or
// ECDSA 256"), randomized, from crypto/rand.
//
// The hash is SHA-1, as botocore and CloudFront's original scheme use.
// The Developer Guide also documents SHA-256, marked by a
// Hash-Algorithm=SHA256 query parameter or CloudFront-Hash-Algorithm=SHA256
// cookie: set URLSignerOptions.Hash to crypto.SHA256 for it. In Go's FIPS
// 140-only mode (GODEBUG=fips140=only) SHA-1 is refused and NewURLSigner
// says so; use SHA-256 there.
//
// # Differences from botocore
//
// botocore signs whatever it is given. Here the inputs are checked first,
// and three of botocore's behaviours are not reproduced: a bare IPv6
// address, to which botocore appends "/32" (making it a 2^96-address IPv6
// range), is rejected, as is every IPv6 value, because the Developer Guide
// states that CloudFront policies do not support IPv6 addresses; an empty
// Resource, which botocore writes as "Resource":"", is rejected (write "*"
// to grant every file the key may sign for); and an expiry before 1970 is
// rejected.
//
// # Contracts
//
// A URLSigner is immutable and safe for concurrent use when its key is (the
// standard library's RSA and ECDSA keys are); its zero value signs nothing
// and reports ErrInvalidKey. Nothing here reads the clock: the caller
// passes every time. Policy and CookieOptions are plain data.
//
// Signing one URL costs one private-key operation: 1 to 2 ms with RSA 2048
// and 35 to 80 µs with ECDSA P-256, 9 and 66 allocations (BenchmarkSignURL
// and BenchmarkSignURLECDSA on a shared 2-core AMD EPYC virtual machine,
// whose load made the range); the policy statement takes 0.5 to 1 µs.
package cloudfront

// Maintainer note: internal/codegen writes a doc.go of its own into each
// service package. When CloudFront joins codegen.Services, move this text
// into a hand-written file such as signer_doc.go (the generated package
// comment and this one are then shown together), or teach the generator to
// keep it.
