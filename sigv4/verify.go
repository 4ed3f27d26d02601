package sigv4

import (
	"bytes"
	"crypto/ecdsa"
	"crypto/hmac"
	"crypto/sha256"
	"crypto/subtle"
	"encoding/hex"
	"fmt"
	"hash"
	"io"
	"net/http"
	"strconv"
	"strings"
	"time"
)

// Error codes of VerifyError, as S3 names them.
const (
	CodeAccessDenied                = "AccessDenied"
	CodeSignatureDoesNotMatch       = "SignatureDoesNotMatch"
	CodeInvalidAccessKeyID          = "InvalidAccessKeyId"
	CodeRequestTimeTooSkewed        = "RequestTimeTooSkewed"
	CodeAuthorizationHeaderMalform  = "AuthorizationHeaderMalformed"
	CodeAuthorizationQueryError     = "AuthorizationQueryParametersError"
	CodeInvalidToken                = "InvalidToken"
	CodeMissingSecurityHeader       = "MissingSecurityHeader"
	CodeIncompleteBody              = "IncompleteBody"
	CodeInvalidChunkSizeError       = "InvalidChunkSizeError"
	CodeBadDigest                   = "BadDigest"
	CodeMalformedTrailerError       = "MalformedTrailerError"
	CodeXAmzContentSHA256Mismatch   = "XAmzContentSHA256Mismatch"
	CodeMissingAuthenticationHeader = "MissingAuthenticationToken"
)

// VerifyError is why Verify (or a ChunkedDecoder) rejected a request. It never
// holds a secret or the signature the server computed; like S3 it carries the
// canonical request and string to sign the server computed, so that a client
// can see where it differs.
type VerifyError struct {
	Code             string
	Message          string
	CanonicalRequest string
	StringToSign     string
}

// Error implements error.
func (e *VerifyError) Error() string { return "sigv4: " + e.Code + ": " + e.Message }

// ErrorCode returns the S3-style error code.
func (e *VerifyError) ErrorCode() string { return e.Code }

// HTTPStatusCode is the status a server answers the error with.
func (e *VerifyError) HTTPStatusCode() int {
	switch e.Code {
	case CodeAuthorizationHeaderMalform, CodeAuthorizationQueryError, CodeIncompleteBody,
		CodeInvalidChunkSizeError, CodeBadDigest, CodeMalformedTrailerError,
		CodeXAmzContentSHA256Mismatch, CodeMissingSecurityHeader, CodeInvalidToken:
		return http.StatusBadRequest
	}
	return http.StatusForbidden
}

func verr(code, format string, args ...any) *VerifyError {
	return &VerifyError{Code: code, Message: fmt.Sprintf(format, args...)}
}

// VerifyOptions are the server's inputs to Verify.
type VerifyOptions struct {
	// Lookup returns the credentials of an access key id, and false when the
	// key is unknown. When the credentials have a SessionToken, the request
	// must carry the same X-Amz-Security-Token. Required to verify SigV4; for
	// SigV4a, the public key is derived from the secret it returns unless
	// PublicKey is set.
	Lookup func(accessKeyID string) (Credentials, bool)
	// PublicKey returns the SigV4a public key of an access key id, and false
	// when the key is unknown: a verifier that holds no secret checks SigV4a
	// signatures with it. When Lookup is set too, the access key id must be
	// known to both, and the session token is checked against Lookup's
	// credentials (whose secret may then be empty); when Lookup is nil, a
	// request carrying a session token is rejected (InvalidToken), since
	// there is nothing to check it against.
	PublicKey func(accessKeyID string) (*ecdsa.PublicKey, bool)
	// Now is the server's current time. Required.
	Now time.Time
	// MaxSkew is how far the X-Amz-Date of a header-signed request (and the
	// start of a presigned URL's validity) may be from Now; 0 means 15 minutes.
	MaxSkew time.Duration
	// Service and Region, when set, must match the credential scope. For
	// SigV4a, Region must be in the signed region set: one of its regions is
	// Region or "*", or ends in '*' and is a prefix of Region before it
	// ("us-*").
	Service, Region string
	// Signer gives the canonicalization Options (use one made with S3Options
	// for S3) and its key caches. Nil means NewSigner().
	Signer *Signer
	// PayloadHash, when set, is the payload hash to verify against. Otherwise
	// it is X-Amz-Content-Sha256 when present; UnsignedPayload for a presigned
	// URL when the signer's options add the payload hash header (S3); else the
	// SHA-256 of the body, which Verify reads (through GetBody, by seeking, or
	// by reading it into memory and replacing req.Body).
	PayloadHash string
	// RequireSignedAmzHeaders rejects requests carrying an X-Amz-* header that
	// is not signed (S3 does this).
	RequireSignedAmzHeaders bool
}

// Verified describes a request whose signature Verify accepted.
type Verified struct {
	// Algorithm is Algorithm (SigV4) or AlgorithmV4a (SigV4a).
	Algorithm   string
	AccessKeyID string
	Service     string
	// Region is the region of a SigV4 credential scope ("" for SigV4a).
	Region string
	// RegionSet is the signed SigV4a region set (nil for SigV4).
	RegionSet     []string
	Time          time.Time
	Presigned     bool
	Expires       time.Duration // presigned URLs only
	SignedHeaders []string
	PayloadHash   string
	Signature     string

	stream *streamKey
}

// streamKey is what decoding a signed aws-chunked body needs. It is held by
// pointer so that printing a Verified never shows the key.
type streamKey struct {
	key   *keyState
	date  [16]byte
	scope string
}

// Verify checks the SigV4 or SigV4a signature of req, signed by its
// Authorization header or presigned by its query string, as an AWS service
// does: the credential scope (and SigV4a's region set), the time (skew, or
// the presigned URL's validity), the session token, and the signature:
// SigV4's recomputed with the secret that vo.Lookup returns, SigV4a's
// checked with the public key that vo.PublicKey returns or that is derived
// from that secret. On success it returns what it verified; otherwise a
// *VerifyError.
//
// Verify reads the body only when it must compute the payload hash (see
// VerifyOptions.PayloadHash). To check an aws-chunked body, pass req.Body to
// Verified.DecodeChunked (signed chunks: SigV4 only).
func Verify(req *http.Request, vo VerifyOptions) (*Verified, error) {
	if req == nil || req.URL == nil {
		return nil, ErrNilRequest
	}
	if vo.Lookup == nil && vo.PublicKey == nil || vo.Now.IsZero() {
		return nil, fmt.Errorf("sigv4: VerifyOptions.Now and Lookup (or, for SigV4a, PublicKey) are required")
	}
	s := vo.Signer
	if s == nil {
		s = NewSigner()
	}
	skew := vo.MaxSkew
	if skew <= 0 {
		skew = defaultVerifyClockSkew
	}
	o := s.opts

	q := req.URL.Query()
	auth := req.Header.Get(HeaderAuthorization)
	presigned := q.Has(QueryAlgorithm) || q.Has(QuerySignature)
	switch {
	case auth != "" && presigned:
		return nil, verr(CodeAuthorizationQueryError, "only one auth mechanism allowed; the query string and the Authorization header both authenticate")
	case auth == "" && !presigned:
		return nil, verr(CodeAccessDenied, "the request is not signed (no Authorization header and no X-Amz-Signature)")
	}

	v := &Verified{Presigned: presigned}
	var credential, signedList, signature, date, token, regionSet string
	if presigned {
		for _, k := range []string{QueryAlgorithm, QueryCredential, QueryDate, QueryExpires, QuerySignedHeaders, QuerySignature} {
			if len(q[k]) != 1 {
				return nil, verr(CodeAuthorizationQueryError, "query parameter %s must appear exactly once", k)
			}
		}
		switch a := q.Get(QueryAlgorithm); a {
		case Algorithm, AlgorithmV4a:
			v.Algorithm = a
		default:
			return nil, verr(CodeAuthorizationQueryError, "X-Amz-Algorithm %q is neither %s nor %s", truncate(a, 64), Algorithm, AlgorithmV4a)
		}
		if v.Algorithm == AlgorithmV4a {
			if len(q[QueryRegionSet]) != 1 {
				return nil, verr(CodeAuthorizationQueryError, "query parameter %s must appear exactly once", QueryRegionSet)
			}
			regionSet = q.Get(QueryRegionSet)
		}
		credential, signedList, signature, date = q.Get(QueryCredential), q.Get(QuerySignedHeaders), q.Get(QuerySignature), q.Get(QueryDate)
		secs, err := strconv.ParseInt(q.Get(QueryExpires), 10, 64)
		if err != nil || secs < 1 || secs > int64(MaxPresignExpiry/time.Second) {
			return nil, verr(CodeAuthorizationQueryError, "X-Amz-Expires must be a number of seconds between 1 and 604800")
		}
		v.Expires = time.Duration(secs) * time.Second
		token = q.Get(QuerySecurityToken)
	} else {
		var err *VerifyError
		v.Algorithm, credential, signedList, signature, err = parseAuthorization(auth)
		if err != nil {
			return nil, err
		}
		date = req.Header.Get(HeaderDate)
		if date == "" {
			// SigV4 accepts the Date header when X-Amz-Date is absent.
			if d, perr := http.ParseTime(req.Header.Get("Date")); perr == nil {
				date = d.UTC().Format(timeFormat)
			}
		}
		token = req.Header.Get(HeaderSecurityToken)
		if v.Algorithm == AlgorithmV4a {
			vals := req.Header.Values(HeaderRegionSet)
			if len(vals) != 1 {
				return nil, verr(CodeAuthorizationHeaderMalform, "a SigV4a request needs exactly one X-Amz-Region-Set header")
			}
			regionSet = vals[0]
		}
	}
	v4a := v.Algorithm == AlgorithmV4a

	// Credential: <key>/<yyyymmdd>/<region>/<service>/aws4_request, without
	// the region for SigV4a.
	parts := strings.Split(credential, "/")
	if v4a && len(parts) == 4 {
		parts = []string{parts[0], parts[1], "", parts[2], parts[3]}
	} else if v4a {
		parts = nil
	}
	if len(parts) != 5 || parts[4] != scopeTerminator || parts[0] == "" {
		return nil, malformed(presigned, "malformed credential %q", redactCredential(credential))
	}
	v.AccessKeyID, v.Region, v.Service = parts[0], parts[2], parts[3]
	t, err := time.Parse(timeFormat, date)
	if err != nil {
		return nil, malformed(presigned, "missing or malformed X-Amz-Date %q", date)
	}
	v.Time = t
	if parts[1] != date[:8] {
		return nil, malformed(presigned, "credential date %q does not match X-Amz-Date %q", parts[1], date)
	}
	if v4a {
		v.RegionSet = strings.Split(regionSet, ",")
		for _, r := range v.RegionSet {
			if r == "" {
				return nil, malformed(presigned, "malformed region set %q", truncate(regionSet, 128))
			}
		}
		if vo.Region != "" && !inRegionSet(v.RegionSet, vo.Region) {
			return nil, malformed(presigned, "the region set %q does not include %q", truncate(regionSet, 128), vo.Region)
		}
	} else if vo.Region != "" && v.Region != vo.Region {
		return nil, malformed(presigned, "the region %q is wrong; expecting %q", v.Region, vo.Region)
	}
	if vo.Service != "" && v.Service != vo.Service {
		return nil, malformed(presigned, "the service %q is wrong; expecting %q", v.Service, vo.Service)
	}
	if presigned {
		if vo.Now.Before(t.Add(-skew)) {
			return nil, verr(CodeAccessDenied, "request is not valid yet")
		}
		if vo.Now.After(t.Add(v.Expires)) {
			return nil, verr(CodeAccessDenied, "request has expired")
		}
	} else if d := vo.Now.Sub(t); d > skew || d < -skew {
		return nil, verr(CodeRequestTimeTooSkewed, "the difference between the request time and the server's time is too large")
	}
	if v4a {
		if len(signature) < 16 || len(signature) > 2*maxDERSignatureLen || len(signature)%2 != 0 || !isLowerHex(signature) {
			return nil, malformed(presigned, "the signature must be the lower-case hex of an ASN.1 DER ECDSA signature")
		}
	} else if len(signature) != 64 || !isLowerHex(signature) {
		return nil, malformed(presigned, "the signature must be 64 lower-case hex digits")
	}

	// The key: SigV4's secret, or SigV4a's public key.
	var creds Credentials
	var pub *ecdsa.PublicKey
	switch {
	case !v4a && vo.Lookup == nil:
		return nil, fmt.Errorf("sigv4: VerifyOptions.Lookup is required to verify SigV4 (%s)", Algorithm)
	case v4a && vo.PublicKey != nil:
		var ok bool
		if pub, ok = vo.PublicKey(v.AccessKeyID); !ok || pub == nil {
			return nil, verr(CodeInvalidAccessKeyID, "the access key id %q does not exist in our records", v.AccessKeyID)
		}
		if vo.Lookup != nil {
			if creds, ok = vo.Lookup(v.AccessKeyID); !ok {
				return nil, verr(CodeInvalidAccessKeyID, "the access key id %q does not exist in our records", v.AccessKeyID)
			}
		} else if token != "" {
			return nil, verr(CodeInvalidToken, "the provided token cannot be checked (the verifier has no credentials lookup)")
		}
	default:
		var ok bool
		creds, ok = vo.Lookup(v.AccessKeyID)
		if !ok || creds.SecretAccessKey == "" {
			return nil, verr(CodeInvalidAccessKeyID, "the access key id %q does not exist in our records", v.AccessKeyID)
		}
		if v4a {
			key, err := s.v4aKeys.get(v.AccessKeyID, creds.SecretAccessKey)
			if err != nil {
				return nil, err
			}
			pub = &key.PublicKey
		}
	}
	if creds.SessionToken != "" || token != "" {
		if subtle.ConstantTimeCompare([]byte(creds.SessionToken), []byte(token)) != 1 {
			return nil, verr(CodeInvalidToken, "the provided token is malformed or otherwise invalid")
		}
	}

	// The signed headers.
	names := strings.Split(signedList, ";")
	if signedList == "" || !hasName(names, "host") {
		return nil, malformed(presigned, "the signed headers must include host")
	}
	if v4a && !presigned && !hasName(names, "x-amz-region-set") {
		return nil, malformed(presigned, "the signed headers must include x-amz-region-set")
	}
	sc := s.getScratch()
	defer s.putScratch(sc)
	var kb [keysOnStack]hdrKey
	keys, verrHdr := signedKeys(kb[:0], req, names)
	if verrHdr != nil {
		return nil, verrHdr
	}
	sc.lbuf = sortKeys(keys, sc.lbuf)
	if got := string(appendSignedList(nil, keys)); got != signedList {
		return nil, malformed(presigned, "the signed headers list %q is not sorted, lower-case and without duplicates", signedList)
	}
	v.SignedHeaders = names
	if vo.RequireSignedAmzHeaders {
		for k := range req.Header {
			if len(k) <= 6 || compareFold(k[:6], "x-amz-") != 0 {
				continue
			}
			lk := strings.ToLower(k)
			if hasName(names, lk) || lk == "x-amz-security-token" && o.AddSessionTokenAfterSigning {
				continue
			}
			return nil, verr(CodeAccessDenied, "there were headers present in the request which were not signed: %s", truncate(lk, 64))
		}
	}

	// The payload hash.
	ph := vo.PayloadHash
	switch {
	case ph != "":
	case req.Header.Get(HeaderContentSHA256) != "":
		ph = req.Header.Get(HeaderContentSHA256)
	case presigned && o.AddPayloadHashHeader:
		ph = UnsignedPayload
	default:
		if ph, err = verifyBodyHash(req); err != nil {
			return nil, err
		}
	}
	if !presigned && o.AddPayloadHashHeader && req.Header.Get(HeaderContentSHA256) == "" && vo.PayloadHash == "" {
		return nil, verr(CodeMissingSecurityHeader, "missing required header for this request: x-amz-content-sha256")
	}
	v.PayloadHash = ph

	var skip func(string) bool
	if presigned {
		skip = func(k string) bool {
			return k == QuerySignature || o.AddSessionTokenAfterSigning && k == QuerySecurityToken
		}
	}
	var d16 [16]byte
	copy(d16[:], date)
	var match bool
	if v4a {
		canonicalRequest(sc, req, keys, &o, req.URL.RawQuery, ph, skip)
		sc.sts = appendStringToSignV4a(sc.sts[:0], &d16, v.Service, sc.creq)
		match = verifyV4a(pub, sc.sts, signature)
	} else {
		p := Params{Service: v.Service, Region: v.Region, Time: t}
		want, _, _, _ := s.signature(sc, req, keys, creds, &p, &o, &d16, req.URL.RawQuery, ph, skip, nil)
		match = hmac.Equal(want, []byte(signature))
	}
	if !match {
		return nil, &VerifyError{
			Code:             CodeSignatureDoesNotMatch,
			Message:          "the request signature we calculated does not match the signature you provided; check your key and signing method",
			CanonicalRequest: string(sc.creq),
			StringToSign:     string(sc.sts),
		}
	}
	v.Signature = signature
	if !v4a && !presigned && strings.HasPrefix(ph, "STREAMING-") {
		sk := &streamKey{date: d16, scope: string(appendScope(nil, d16[:], v.Region, v.Service))}
		sk.key = s.cache.get(&sc.hm, creds.SecretAccessKey, [8]byte(d16[:8]), v.Region, v.Service)
		v.stream = sk
	}
	return v, nil
}

// inRegionSet reports whether region is in set: equal to one of its
// regions, or matched by one ending in '*' ("*", "us-*").
func inRegionSet(set []string, region string) bool {
	for _, r := range set {
		if r == region {
			return true
		}
		if p, ok := strings.CutSuffix(r, "*"); ok && strings.HasPrefix(region, p) {
			return true
		}
	}
	return false
}

func malformed(presigned bool, format string, args ...any) *VerifyError {
	if presigned {
		return verr(CodeAuthorizationQueryError, format, args...)
	}
	return verr(CodeAuthorizationHeaderMalform, format, args...)
}

// redactCredential shortens a malformed credential for an error message (it
// holds an access key id and a scope, never a secret).
func redactCredential(c string) string { return truncate(c, 128) }

func hasName(names []string, n string) bool {
	for _, x := range names {
		if x == n {
			return true
		}
	}
	return false
}

func isLowerHex(s string) bool {
	for i := 0; i < len(s); i++ {
		c := s[i]
		if !('0' <= c && c <= '9' || 'a' <= c && c <= 'f') {
			return false
		}
	}
	return true
}

// parseAuthorization splits "AWS4-HMAC-SHA256 Credential=..., SignedHeaders=...,
// Signature=..." (or the same with AWS4-ECDSA-P256-SHA256) and returns the
// algorithm too.
func parseAuthorization(a string) (algorithm, credential, signedHeaders, signature string, err *VerifyError) {
	alg, rest, _ := strings.Cut(a, " ")
	if alg != Algorithm && alg != AlgorithmV4a {
		return "", "", "", "", verr(CodeAuthorizationHeaderMalform, "the authorization header must start with %s or %s", Algorithm, AlgorithmV4a)
	}
	seen := 0
	for _, f := range strings.Split(rest, ",") {
		k, val, ok := strings.Cut(strings.TrimSpace(f), "=")
		if !ok {
			return "", "", "", "", verr(CodeAuthorizationHeaderMalform, "malformed authorization component %q", truncate(f, 64))
		}
		switch k {
		case "Credential":
			credential = val
			seen |= 1
		case "SignedHeaders":
			signedHeaders = val
			seen |= 2
		case "Signature":
			signature = val
			seen |= 4
		default:
			return "", "", "", "", verr(CodeAuthorizationHeaderMalform, "unknown authorization component %q", truncate(k, 64))
		}
	}
	if seen != 7 {
		return "", "", "", "", verr(CodeAuthorizationHeaderMalform, "the authorization header needs Credential, SignedHeaders and Signature")
	}
	return alg, credential, signedHeaders, signature, nil
}

func truncate(s string, n int) string {
	if len(s) > n {
		return s[:n] + "..."
	}
	return s
}

// signedKeys lists the header keys of req named (lower-case) in names.
func signedKeys(keys []hdrKey, req *http.Request, names []string) ([]hdrKey, *VerifyError) {
	found := make([]bool, len(names))
	for k, v := range req.Header {
		for i, n := range names {
			if len(k) == len(n) && compareFold(k, n) == 0 {
				if n == "host" {
					continue // Request.Host is what was received
				}
				keys = append(keys, hdrKey{name: k, vals: v})
				found[i] = true
			}
		}
	}
	for i, n := range names {
		if found[i] {
			continue
		}
		switch {
		case n == "host":
			keys = append(keys, hdrKey{name: n, kind: fromHost})
		case n == "content-length" && req.ContentLength >= 0:
			keys = append(keys, hdrKey{name: n, kind: fromContentLength})
		default:
			return keys, verr(CodeAccessDenied, "header %q is signed but absent from the request", truncate(n, 64))
		}
	}
	return keys, nil
}

// verifyBodyHash computes the payload hash of a received request, buffering
// the body when it cannot be rewound.
func verifyBodyHash(req *http.Request) (string, error) {
	if req.Body == nil || req.Body == http.NoBody {
		return EmptyPayloadHash, nil
	}
	if req.GetBody == nil {
		if _, ok := req.Body.(io.ReadSeeker); !ok {
			b, err := io.ReadAll(req.Body)
			if cerr := req.Body.Close(); err == nil {
				err = cerr
			}
			if err != nil {
				return "", fmt.Errorf("sigv4: reading the body: %w", err)
			}
			req.Body = io.NopCloser(bytes.NewReader(b))
			req.GetBody = func() (io.ReadCloser, error) { return io.NopCloser(bytes.NewReader(b)), nil }
		}
	}
	return payloadHash(req, "")
}

// CheckPayload returns a reader of body that, at its end, fails with an
// XAmzContentSHA256Mismatch *VerifyError when v.PayloadHash is a hex SHA-256
// that the body does not match (S3 checks X-Amz-Content-Sha256 so). Other
// payload hashes (UnsignedPayload) pass body through; for the streaming ones
// use DecodeChunked.
func (v *Verified) CheckPayload(body io.Reader) io.Reader {
	if len(v.PayloadHash) != 64 || !isLowerHex(v.PayloadHash) {
		return body
	}
	return &payloadChecker{r: body, want: v.PayloadHash, h: sha256.New()}
}

type payloadChecker struct {
	r    io.Reader
	want string
	h    hash.Hash
}

func (c *payloadChecker) Read(p []byte) (int, error) {
	n, err := c.r.Read(p)
	c.h.Write(p[:n])
	if err == io.EOF {
		var sum [sha256.Size]byte
		if hex.EncodeToString(c.h.Sum(sum[:0])) != c.want {
			return n, verr(CodeXAmzContentSHA256Mismatch, "the provided x-amz-content-sha256 header does not match what was computed")
		}
	}
	return n, err
}
