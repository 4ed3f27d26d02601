package sigv4

import (
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"net/http"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"time"
	"unsafe"
)

// Payload hash values other than a hex SHA-256.
const (
	// UnsignedPayload leaves the body out of the signature (S3 over HTTPS,
	// presigned URLs).
	UnsignedPayload = "UNSIGNED-PAYLOAD"
	// StreamingPayload is the payload hash of an aws-chunked body whose chunks
	// are each signed.
	StreamingPayload = "STREAMING-AWS4-HMAC-SHA256-PAYLOAD"
	// StreamingPayloadTrailer is StreamingPayload with a signed trailer
	// (a checksum) after the last chunk.
	StreamingPayloadTrailer = "STREAMING-AWS4-HMAC-SHA256-PAYLOAD-TRAILER"
	// StreamingUnsignedPayloadTrailer is an aws-chunked body whose chunks are
	// not signed, with an unsigned trailer after the last chunk.
	StreamingUnsignedPayloadTrailer = "STREAMING-UNSIGNED-PAYLOAD-TRAILER"
	// EmptyPayloadHash is the hex SHA-256 of an empty body.
	EmptyPayloadHash = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"
)

// Algorithm is the value of X-Amz-Algorithm and the first word of the
// Authorization header.
const Algorithm = "AWS4-HMAC-SHA256"

// MaxPresignExpiry is the longest validity of a presigned URL (7 days).
const MaxPresignExpiry = 7 * 24 * time.Hour

// Header and query names the signer sets.
const (
	HeaderAuthorization = "Authorization"
	HeaderDate          = "X-Amz-Date"
	HeaderSecurityToken = "X-Amz-Security-Token"
	HeaderContentSHA256 = "X-Amz-Content-Sha256"
	HeaderDecodedLength = "X-Amz-Decoded-Content-Length"
	HeaderTrailer       = "X-Amz-Trailer"
	QueryAlgorithm      = "X-Amz-Algorithm"
	QueryCredential     = "X-Amz-Credential"
	QueryDate           = "X-Amz-Date"
	QueryExpires        = "X-Amz-Expires"
	QuerySignedHeaders  = "X-Amz-SignedHeaders"
	QuerySignature      = "X-Amz-Signature"
	QuerySecurityToken  = "X-Amz-Security-Token"
)

const (
	timeFormat             = "20060102T150405Z"
	scopeTerminator        = "aws4_request"
	defaultVerifyClockSkew = 15 * time.Minute
)

// Errors returned by the signer. They never contain a secret.
var (
	ErrMissingCredentials = errors.New("sigv4: missing access key id or secret access key")
	ErrMissingParams      = errors.New("sigv4: Params.Service, Params.Region and Params.Time are required")
	ErrBodyNotRewindable  = errors.New("sigv4: cannot compute the payload hash: the body is not rewindable (set Request.GetBody, use an io.ReadSeeker, or give Params.PayloadHash)")
	ErrInvalidExpiry      = errors.New("sigv4: presign expiry must be between 1s and 7 days")
	ErrNilRequest         = errors.New("sigv4: nil request or URL")
)

// Options change how requests are signed. The zero value is right for every
// service except S3 (see S3Options).
type Options struct {
	// DisableDoubleEncoding signs the path exactly as it is sent instead of
	// URI-encoding it once more. S3 wants this.
	DisableDoubleEncoding bool
	// DisablePathNormalization signs the path without removing "." and ".."
	// segments and merging "//". S3 wants this.
	DisablePathNormalization bool
	// AddSessionTokenAfterSigning adds X-Amz-Security-Token after the
	// signature is computed, so that it is not signed (some services want this).
	AddSessionTokenAfterSigning bool
	// AddPayloadHashHeader sets and signs X-Amz-Content-Sha256 with the payload
	// hash when signing headers. S3 requires it.
	AddPayloadHashHeader bool
	// UnsignedHeaders names more headers (any case) that must never be signed,
	// besides Authorization, User-Agent, X-Amzn-Trace-Id, Expect and
	// Transfer-Encoding.
	UnsignedHeaders []string
	// Rand is the randomness of SigV4a's ECDSA signatures; nil means
	// crypto/rand.Reader. SigV4 does not use it. See the package
	// documentation on what crypto/ecdsa does with it.
	Rand io.Reader
	// DeterministicECDSA makes SigV4a signatures deterministic (RFC 6979):
	// the same key and string to sign always give the same signature, which
	// tests and golden files want. Rand is then not used. Verifiers cannot
	// tell the two kinds apart.
	DeterministicECDSA bool
}

// S3Options sets the options S3 needs: single encoding, no path
// normalization, and the X-Amz-Content-Sha256 header.
func S3Options(o *Options) {
	o.DisableDoubleEncoding = true
	o.DisablePathNormalization = true
	o.AddPayloadHashHeader = true
}

// Params are the per-request signing inputs.
type Params struct {
	// Service is the signing name (for example "s3", "ses", "ec2").
	Service string
	// Region is the signing region (for example "us-east-1").
	Region string
	// Time is the signing time; it is converted to UTC.
	Time time.Time
	// PayloadHash is the lower-case hex SHA-256 of the body, UnsignedPayload,
	// one of the Streaming constants, or "". When "", SignHTTP uses the
	// request's X-Amz-Content-Sha256 header if the caller set one (and
	// Options.AddPayloadHashHeader is off), else it computes the hash from the
	// body, which must then be rewindable (Request.GetBody or an io.ReadSeeker).
	PayloadHash string
	// RegionSet is the SigV4a region set: the regions the signature is valid
	// in, such as ["*"] or ["us-east-1", "us-west-2"] (an endpoint's
	// signingRegionSet). SignHTTPV4a and PresignHTTPV4a sign for RegionSet,
	// or for Region when RegionSet is empty. SigV4 does not use it.
	RegionSet []string

	trace *trace
}

// trace receives the intermediate values of one signature (for tests).
type trace struct {
	CanonicalRequest string
	StringToSign     string
	Signature        string
}

// Signer signs HTTP requests with AWS Signature Version 4 (and SigV4a). It
// caches derived signing keys per (secret, date, region, service), and SigV4a
// keys per (access key id, secret). A Signer is safe for concurrent use; the
// zero value uses the zero Options.
type Signer struct {
	opts    Options
	cache   keyCache
	v4aKeys v4aKeyCache

	spare    atomic.Pointer[scratch]   // one scratch kept without sync.Pool's cost
	lastDate atomic.Pointer[dateStamp] // the last formatted signing time
}

// dateStamp is a signing time (Unix seconds) and its X-Amz-Date form, as
// bytes and as the string that signed requests share as their header value.
type dateStamp struct {
	sec int64
	d   [16]byte
	str string
}

// amzDate formats t as X-Amz-Date, reusing the last result for the same second.
func (s *Signer) amzDate(t time.Time) *dateStamp {
	sec := t.Unix()
	if l := s.lastDate.Load(); l != nil && l.sec == sec {
		return l
	}
	l := &dateStamp{sec: sec, d: amzDate(t)}
	l.str = unsafe.String(&l.d[0], len(l.d)) // l.d never changes again
	s.lastDate.Store(l)
	return l
}

func (s *Signer) getScratch() *scratch {
	if sc := s.spare.Swap(nil); sc != nil {
		return sc
	}
	return getScratch()
}

func (s *Signer) putScratch(sc *scratch) {
	if !sc.small() || !s.spare.CompareAndSwap(nil, sc) {
		putScratch(sc)
	}
}

// NewSigner returns a Signer with the options that opts set.
func NewSigner(opts ...func(*Options)) *Signer {
	s := &Signer{}
	for _, f := range opts {
		f(&s.opts)
	}
	return s
}

// Options returns a copy of the signer's options.
func (s *Signer) Options() Options {
	o := s.opts
	o.UnsignedHeaders = append([]string(nil), o.UnsignedHeaders...)
	return o
}

func (s *Signer) options(optFns []func(*Options)) Options {
	if len(optFns) == 0 {
		return s.opts
	}
	o := s.Options()
	for _, f := range optFns {
		f(&o)
	}
	return o
}

// keysOnStack is how many headers to sign fit in the stack array that the
// signer starts with.
const keysOnStack = 16

// signedValues is the one allocation of a signature that changes headers:
// the value slices of the headers the signer sets and room for the bytes of
// a typical Authorization.
type signedValues struct {
	vals [4]string
	buf  [288]byte
}

// scratch holds the buffers of one signature; it is pooled.
type scratch struct {
	hm    hmacSHA256
	creq  []byte
	sts   []byte
	out   []byte
	tmp   []byte
	qbuf  []byte
	pairs []queryPair
	lbuf  []byte
	sig   []byte // the hex signature
}

var scratchPool = sync.Pool{New: func() any {
	return &scratch{hm: *newHMAC(), creq: make([]byte, 0, 1024), sts: make([]byte, 0, 256), out: make([]byte, 0, 512)}
}}

func getScratch() *scratch { return scratchPool.Get().(*scratch) }

func putScratch(sc *scratch) {
	if !sc.small() {
		return
	}
	scratchPool.Put(sc)
}

// small reports whether sc's buffers are worth keeping.
func (sc *scratch) small() bool {
	return cap(sc.creq) <= 64<<10 && cap(sc.qbuf) <= 64<<10 && cap(sc.tmp) <= 64<<10 && cap(sc.out) <= 64<<10 && cap(sc.lbuf) <= 64<<10
}

// amzDate formats t (UTC) as 20060102T150405Z without allocating.
func amzDate(t time.Time) (d [16]byte) {
	t = t.UTC()
	y, mo, da := t.Date()
	h, mi, se := t.Clock()
	put := func(i, v, n int) {
		for j := i + n - 1; j >= i; j-- {
			d[j] = byte('0' + v%10)
			v /= 10
		}
	}
	put(0, y, 4)
	put(4, int(mo), 2)
	put(6, da, 2)
	d[8] = 'T'
	put(9, h, 2)
	put(11, mi, 2)
	put(13, se, 2)
	d[15] = 'Z'
	return d
}

func appendScope(dst []byte, date []byte, region, service string) []byte {
	dst = append(dst, date[:8]...)
	dst = append(dst, '/')
	dst = append(dst, region...)
	dst = append(dst, '/')
	dst = append(dst, service...)
	dst = append(dst, '/')
	dst = append(dst, scopeTerminator...)
	return dst
}

// alwaysUnsigned reports whether header name k is never signed: Host (sent
// from Request.Host), Authorization, and the headers that clients and proxies
// add, change or remove on the way (botocore's list: Connection, Expect,
// Keep-Alive, Proxy-Authenticate, Proxy-Authorization, TE, Trailer,
// Transfer-Encoding, Upgrade, User-Agent, X-Amzn-Trace-Id), plus
// Options.UnsignedHeaders.
func (o *Options) alwaysUnsigned(k string) bool {
	var never bool
	if len(k) > 1 {
		// Every name below starts with one of these letters: most names are
		// settled by their first byte. They are spelled as net/http
		// canonicalizes them, which equalFold checks first.
		switch k[0] | 0x20 {
		case 't':
			never = equalFold(k, "Te") || equalFold(k, "Trailer") || equalFold(k, "Transfer-Encoding")
		case 'h':
			never = equalFold(k, "Host")
		case 'e':
			never = equalFold(k, "Expect")
		case 'u':
			never = equalFold(k, "Upgrade") || equalFold(k, "User-Agent")
		case 'c':
			never = equalFold(k, "Connection")
		case 'k':
			never = equalFold(k, "Keep-Alive")
		case 'a':
			never = equalFold(k, "Authorization")
		case 'x':
			never = equalFold(k, "X-Amzn-Trace-Id")
		case 'p':
			never = equalFold(k, "Proxy-Authenticate") || equalFold(k, "Proxy-Authorization")
		}
	}
	if never {
		return true
	}
	for _, u := range o.UnsignedHeaders {
		if equalFold(k, u) {
			return true
		}
	}
	return false
}

// equalFold reports whether a and b are equal ignoring ASCII case.
func equalFold(a, b string) bool {
	return len(a) == len(b) && (a == b || compareFold(a, b) == 0)
}

// managed are the headers the signer sets; other spellings of them are
// removed so that only the canonical key is sent.
var managed = [...]string{HeaderDate, HeaderSecurityToken, HeaderContentSHA256, HeaderAuthorization}

// collectKeys lists the headers of req to sign: every header except the
// never-signed ones, plus Host. For SigV4a (v4a), other spellings of
// X-Amz-Region-Set are removed too.
func collectKeys(keys []hdrKey, req *http.Request, o *Options, v4a bool) []hdrKey {
	for k, v := range req.Header {
		if o.alwaysUnsigned(k) {
			if len(k) == len(HeaderAuthorization) && isManagedVariant(k) {
				delete(req.Header, k) // a stale "authorization"
			}
			continue
		}
		if (len(k) == len(HeaderDate) || len(k) == len(HeaderContentSHA256)) && isManagedVariant(k) ||
			v4a && len(k) == len(HeaderRegionSet) && k != HeaderRegionSet && equalFold(k, HeaderRegionSet) {
			delete(req.Header, k)
			continue
		}
		keys = append(keys, hdrKey{name: k, vals: v})
	}
	keys = append(keys, hdrKey{name: "host", kind: fromHost})
	return keys
}

func isManagedVariant(k string) bool {
	if k == HeaderDate || k == HeaderSecurityToken || k == HeaderContentSHA256 || k == HeaderAuthorization {
		return false // the canonical spelling: the common case
	}
	for _, m := range managed {
		if equalFold(k, m) {
			return true
		}
	}
	return false
}

func validate(req *http.Request, creds Credentials, p *Params) error {
	if req == nil || req.URL == nil {
		return ErrNilRequest
	}
	if !creds.HasKeys() {
		return ErrMissingCredentials
	}
	if p.Service == "" || p.Region == "" || p.Time.IsZero() {
		return ErrMissingParams
	}
	return nil
}

// SignHTTP signs req in place by its headers: it sets X-Amz-Date, the session
// token, X-Amz-Content-Sha256 when the options ask for it, and Authorization.
// Every header present, except the never-signed ones, is signed, and Host.
// The body is read only when p.PayloadHash is "", through Request.GetBody or
// by seeking an io.ReadSeeker body back; it is never closed.
func (s *Signer) SignHTTP(req *http.Request, creds Credentials, p Params, optFns ...func(*Options)) error {
	if err := validate(req, creds, &p); err != nil {
		return err
	}
	o := s.options(optFns)
	given := p.PayloadHash
	if given == "" && !o.AddPayloadHashHeader && req.Header != nil {
		// botocore's rule: a payload hash header the caller set is the hash.
		given = req.Header.Get(HeaderContentSHA256)
	}
	ph, err := payloadHash(req, given)
	if err != nil {
		return err
	}
	_, err = s.signHTTP(req, creds, &p, &o, ph, s.amzDate(p.Time), nil)
	return err
}

// signHTTP signs req by its headers and returns the signature: SigV4, or
// SigV4a when a is not nil (the returned array is then zero).
func (s *Signer) signHTTP(req *http.Request, creds Credentials, p *Params, o *Options, ph string, ds *dateStamp, a *v4aSigning) ([64]byte, error) {
	sc := s.getScratch()
	defer s.putScratch(sc)

	if req.Header == nil {
		req.Header = make(http.Header)
	}
	// A header that already holds exactly the value to set (a request signed
	// again within the same second, as a quick retry does) is left as it is.
	// The others share one allocation: their value slices and room for the
	// bytes of a typical Authorization.
	var out *signedValues
	var slab []string
	put := func(k, v string) {
		if out == nil {
			out = new(signedValues)
			slab = out.vals[:]
		}
		slab[0] = v
		req.Header[k] = slab[0:1:1]
		slab = slab[1:]
	}
	setHeader := func(k, v string) (changed bool) {
		if isOnly(req.Header[k], v) {
			return false
		}
		put(k, v)
		return true
	}
	date := ds.d
	// A new X-Amz-Date means a new signature: no need to compare it then.
	newDate := setHeader(HeaderDate, ds.str)
	if a != nil && !isOnly(req.Header[HeaderRegionSet], a.regionSet) {
		// Not in signedValues, which SigV4 signatures keep small.
		req.Header[HeaderRegionSet] = []string{a.regionSet}
	}
	if creds.SessionToken != "" && !o.AddSessionTokenAfterSigning {
		setHeader(HeaderSecurityToken, creds.SessionToken)
	} else {
		delete(req.Header, HeaderSecurityToken)
	}
	if o.AddPayloadHashHeader {
		setHeader(HeaderContentSHA256, ph)
	}
	// The headers to sign live on the stack: no write barriers, no garbage.
	var kb [keysOnStack]hdrKey
	keys := collectKeys(kb[:0], req, o, a != nil)
	sc.lbuf = sortKeys(keys, sc.lbuf)

	sig, sh0, sh1, err := s.signature(sc, req, keys, creds, p, o, &date, req.URL.RawQuery, ph, nil, a)
	if err != nil {
		return [64]byte{}, err
	}

	b := sc.out[:0]
	if a == nil {
		b = append(b, Algorithm...)
	} else {
		b = append(b, AlgorithmV4a...)
	}
	b = append(b, " Credential="...)
	b = append(b, creds.AccessKeyID...)
	b = append(b, '/')
	if a == nil {
		b = appendScope(b, date[:], p.Region, p.Service)
	} else {
		b = appendScopeV4a(b, date[:], p.Service)
	}
	b = append(b, ", SignedHeaders="...)
	b = append(b, sc.creq[sh0:sh1]...)
	b = append(b, ", Signature="...)
	b = append(b, sig...)
	sc.out = b
	if newDate || !isOnly(req.Header[HeaderAuthorization], unsafeString(b)) {
		if out == nil {
			out = new(signedValues)
			slab = out.vals[:]
		}
		var v string
		if len(b) <= len(out.buf) {
			// The bytes are written before the string is made, and never after.
			n := copy(out.buf[:], b)
			v = unsafe.String(&out.buf[0], n)
		} else {
			v = string(b)
		}
		put(HeaderAuthorization, v)
	}
	if creds.SessionToken != "" && o.AddSessionTokenAfterSigning {
		setHeader(HeaderSecurityToken, creds.SessionToken)
	}
	var v4sig [64]byte
	if a == nil {
		copy(v4sig[:], sig)
	}
	return v4sig, nil
}

// isOnly reports whether vals is the single value v.
func isOnly(vals []string, v string) bool { return len(vals) == 1 && vals[0] == v }

// signature builds the canonical request (in sc.creq) and string to sign (in
// sc.sts), and returns the hex signature (in sc.sig) and the bounds of the
// signed-headers list in sc.creq. keys are the sorted headers to sign. The
// signature is SigV4's, or SigV4a's when a is not nil.
func (s *Signer) signature(sc *scratch, req *http.Request, keys []hdrKey, creds Credentials, p *Params, o *Options, date *[16]byte, rawQuery, payloadHash string, skip func(string) bool, a *v4aSigning) (sig []byte, sh0, sh1 int, err error) {
	sh0, sh1 = canonicalRequest(sc, req, keys, o, rawQuery, payloadHash, skip)
	if a == nil {
		v := s.sign(sc, creds.SecretAccessKey, date, p.Region, p.Service, sc.creq)
		sig = append(sc.sig[:0], v[:]...)
	} else {
		sig, err = signV4a(sc, a, o, date, p.Service, sc.creq)
		if err != nil {
			return nil, 0, 0, err
		}
	}
	sc.sig = sig
	if p.trace != nil {
		p.trace.CanonicalRequest = string(sc.creq)
		p.trace.StringToSign = string(sc.sts)
		p.trace.Signature = string(sig)
	}
	return sig, sh0, sh1, nil
}

// canonicalRequest builds the canonical request of req in sc.creq and
// returns the bounds of its signed-headers list. keys are the sorted headers
// to sign; skip, when not nil, drops query parameters by raw key.
func canonicalRequest(sc *scratch, req *http.Request, keys []hdrKey, o *Options, rawQuery, payloadHash string, skip func(string) bool) (sh0, sh1 int) {
	c := sc.creq[:0]
	if req.Method == "" {
		c = append(c, http.MethodGet...)
	} else {
		c = append(c, req.Method...)
	}
	c = append(c, '\n')
	c = appendCanonicalURI(c, wirePath(req), o, &sc.tmp)
	c = append(c, '\n')
	c = appendCanonicalQuery(c, rawQuery, sc, skip)
	c = append(c, '\n')
	c, sh0, sh1 = appendCanonicalHeaders(c, req, keys)
	c = append(c, '\n')
	c = append(c, payloadHash...)
	sc.creq = c
	return sh0, sh1
}

// sign builds the string to sign for canonical request creq into sc.sts and
// returns its hex signature.
func (s *Signer) sign(sc *scratch, secret string, date *[16]byte, region, service string, creq []byte) (sig [64]byte) {
	sum := sha256.Sum256(creq)
	t := sc.sts[:0]
	t = append(t, Algorithm...)
	t = append(t, '\n')
	t = append(t, date[:]...)
	t = append(t, '\n')
	t = appendScope(t, date[:], region, service)
	t = append(t, '\n')
	t = appendHex(t, sum[:])
	sc.sts = t

	sc.hm.useKey(s.cache.get(&sc.hm, secret, [8]byte(date[:8]), region, service))
	sc.hm.start()
	sc.hm.inner.Write(t)
	encodeHex(sig[:], sc.hm.finish())
	return sig
}

// payloadHash returns given, or computes the hex SHA-256 of the body.
func payloadHash(req *http.Request, given string) (string, error) {
	if given != "" {
		return given, nil
	}
	if req.Body == nil || req.Body == http.NoBody {
		return EmptyPayloadHash, nil
	}
	h := sha256.New()
	switch {
	case req.GetBody != nil:
		rc, err := req.GetBody()
		if err != nil {
			return "", fmt.Errorf("sigv4: computing the payload hash: %w", err)
		}
		_, err = io.Copy(h, rc)
		if cerr := rc.Close(); err == nil {
			err = cerr
		}
		if err != nil {
			return "", fmt.Errorf("sigv4: computing the payload hash: %w", err)
		}
	default:
		rs, ok := req.Body.(io.ReadSeeker)
		if !ok {
			return "", ErrBodyNotRewindable
		}
		pos, err := rs.Seek(0, io.SeekCurrent)
		if err == nil {
			_, err = io.Copy(h, rs)
			if _, serr := rs.Seek(pos, io.SeekStart); err == nil {
				err = serr
			}
		}
		if err != nil {
			return "", fmt.Errorf("sigv4: computing the payload hash: %w", err)
		}
	}
	return hex.EncodeToString(h.Sum(nil)), nil
}

// isAuthQueryKey reports whether raw query key k is one of the X-Amz-*
// parameters that query signing sets (with X-Amz-Region-Set for SigV4a).
func isAuthQueryKey(k string, v4a bool) bool {
	if len(k) < 6 || compareFold(k[:6], "x-amz-") != 0 {
		return false
	}
	for _, n := range [...]string{QueryAlgorithm, QueryCredential, QueryDate, QueryExpires, QuerySignedHeaders, QuerySignature, QuerySecurityToken} {
		if compareFold(k, n) == 0 {
			return true
		}
	}
	return v4a && compareFold(k, QueryRegionSet) == 0
}

// PresignHTTP returns a URL for req signed by its query string (valid for
// expires, between 1 second and 7 days) and the headers that were signed,
// which whoever uses the URL must send with exactly these values (Host among
// them). req is not modified. The payload hash is p.PayloadHash or, when "",
// the request's X-Amz-Content-Sha256 header if set, else UnsignedPayload with
// S3's options (Options.AddPayloadHashHeader), else the SHA-256 of the body.
func (s *Signer) PresignHTTP(req *http.Request, creds Credentials, p Params, expires time.Duration, optFns ...func(*Options)) (signedURL string, signedHeaders http.Header, err error) {
	if err := validate(req, creds, &p); err != nil {
		return "", nil, err
	}
	return s.presign(req, creds, &p, expires, s.options(optFns), nil)
}

// presign is PresignHTTP once the inputs are checked: SigV4, or SigV4a when
// a is not nil.
func (s *Signer) presign(req *http.Request, creds Credentials, p *Params, expires time.Duration, o Options, a *v4aSigning) (signedURL string, signedHeaders http.Header, err error) {
	if expires < time.Second || expires > MaxPresignExpiry {
		return "", nil, fmt.Errorf("%w (got %v)", ErrInvalidExpiry, expires)
	}
	given := p.PayloadHash
	if given == "" && req.Header != nil {
		// As with SignHTTP (and botocore), a hash the caller set is the hash.
		given = req.Header.Get(HeaderContentSHA256)
	}
	if given == "" && o.AddPayloadHashHeader {
		given = UnsignedPayload // S3 presigned URLs do not sign the body
	}
	ph, err := payloadHash(req, given)
	if err != nil {
		return "", nil, err
	}
	date := s.amzDate(p.Time).d
	sc := s.getScratch()
	defer s.putScratch(sc)

	h := req.Header
	clone := *req
	clone.Header = h.Clone()
	if clone.Header == nil {
		clone.Header = make(http.Header)
	}
	for k := range clone.Header {
		if isManagedVariant(k) {
			delete(clone.Header, k)
		}
	}
	// Query signing carries the date and the token (and SigV4a's region set)
	// in the query: headers of those names (left by an earlier SignHTTP) are
	// not part of it.
	delete(clone.Header, HeaderDate)
	delete(clone.Header, HeaderSecurityToken)
	if a != nil {
		for k := range clone.Header {
			if equalFold(k, HeaderRegionSet) {
				delete(clone.Header, k)
			}
		}
	}
	var kb [keysOnStack]hdrKey
	keys := collectKeys(kb[:0], &clone, &o, a != nil)
	sc.lbuf = sortKeys(keys, sc.lbuf)
	// The signed-headers list, computed before the query that carries it.
	signedList := string(appendSignedList(nil, keys))

	var q strings.Builder
	for rest := req.URL.RawQuery; rest != ""; {
		var kv string
		if i := strings.IndexByte(rest, '&'); i >= 0 {
			kv, rest = rest[:i], rest[i+1:]
		} else {
			kv, rest = rest, ""
		}
		k, _, _ := strings.Cut(kv, "=")
		if kv == "" || isAuthQueryKey(k, a != nil) {
			continue
		}
		q.WriteString(kv)
		q.WriteByte('&')
	}
	alg, scope := Algorithm, ""
	if a == nil {
		scope = string(appendScope(nil, date[:], p.Region, p.Service))
	} else {
		alg, scope = AlgorithmV4a, string(appendScopeV4a(nil, date[:], p.Service))
	}
	add := func(k, v string) {
		q.WriteString(k)
		q.WriteByte('=')
		q.Write(appendURIEncode(nil, v, false))
	}
	add(QueryAlgorithm, alg)
	q.WriteByte('&')
	add(QueryCredential, creds.AccessKeyID+"/"+scope)
	q.WriteByte('&')
	add(QueryDate, string(date[:]))
	q.WriteByte('&')
	add(QueryExpires, strconv.Itoa(int(expires/time.Second)))
	q.WriteByte('&')
	add(QuerySignedHeaders, signedList)
	if a != nil {
		q.WriteByte('&')
		add(QueryRegionSet, a.regionSet)
	}
	if creds.SessionToken != "" && !o.AddSessionTokenAfterSigning {
		q.WriteByte('&')
		add(QuerySecurityToken, creds.SessionToken)
	}
	sig, _, _, err := s.signature(sc, &clone, keys, creds, p, &o, &date, q.String(), ph, nil, a)
	if err != nil {
		return "", nil, err
	}
	if creds.SessionToken != "" && o.AddSessionTokenAfterSigning {
		q.WriteByte('&')
		add(QuerySecurityToken, creds.SessionToken)
	}
	q.WriteByte('&')
	add(QuerySignature, string(sig))

	u := *req.URL
	u.RawQuery = q.String()
	u.ForceQuery = false
	signedHeaders = make(http.Header, len(keys))
	for _, k := range keys {
		switch k.kind {
		case fromHost:
			signedHeaders["Host"] = []string{requestHost(&clone)}
		default:
			ck := http.CanonicalHeaderKey(k.name)
			signedHeaders[ck] = append(signedHeaders[ck], clone.Header[k.name]...)
		}
	}
	return u.String(), signedHeaders, nil
}
