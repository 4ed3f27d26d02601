package faultserver

import (
	"bufio"
	"bytes"
	"crypto/md5"
	"crypto/sha256"
	"encoding/base64"
	"encoding/hex"
	"errors"
	"fmt"
	"hash"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"slices"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/goto3/goto3/sigv4"
)

// DefaultCredentials are accepted when Options.Credentials is empty.
var DefaultCredentials = sigv4.Credentials{
	AccessKeyID:     "AKIDFAULTSERVER00001",
	SecretAccessKey: "faultserver/Secret+Key0123456789abcdefghij",
}

// Options configure a Server. The zero value is usable.
type Options struct {
	// Credentials the server accepts; empty means DefaultCredentials. A
	// credential with a SessionToken requires the same X-Amz-Security-Token.
	Credentials []sigv4.Credentials
	// Region is the signing region requests must use; "" means "us-east-1".
	Region string
	// Now is the server's clock: signature time checks, Date headers,
	// LastModified and Request.Time use it. nil means time.Now. A test that
	// wants RequestTimeTooSkewed from verification sets it far from the
	// client's clock.
	Now func() time.Time
	// MaxSkew is how far a header signature's time may be from Now; 0 means
	// 15 minutes, as S3.
	MaxSkew time.Duration
	// AllowUnsignedAmzHeaders accepts X-Amz-* headers left out of the
	// signature. By default they are rejected with 403 AccessDenied, as S3
	// does ("There were headers present in the request which were not
	// signed"), which catches a client that adds a header after signing.
	AllowUnsignedAmzHeaders bool
	// DisableVerify accepts requests without checking signatures or payload
	// hashes (bodies are still decoded, checksums still checked).
	DisableVerify bool
	// Faults is the initial fault script (see Fault); AddFault appends.
	Faults []Fault
	// MinPartSize is the smallest part but the last that
	// CompleteMultipartUpload accepts; 0 means 5 MiB as S3, a negative value
	// means no minimum.
	MinPartSize int64
	// MaxBodySize bounds a request body kept in memory; 0 means 1 GiB.
	MaxBodySize int64
	// MaxDelay bounds each Delay and the total of each SlowBody; 0 means 10 s.
	MaxDelay time.Duration
	// Buckets are created at start.
	Buckets []string
	// BucketRegions place buckets in other regions than Region: requests
	// for such a bucket must be signed for its region. When it is set, a
	// request for any bucket whose signature names another region than
	// the bucket's is answered as S3 answers it on another region's
	// endpoint, before its signature is checked: 301
	// PermanentRedirect with x-amz-bucket-region and the bucket's
	// <Endpoint> (a HEAD: the bare 301 with the header). HeadBucket
	// answers name the bucket's region in x-amz-bucket-region.
	BucketRegions map[string]string
	// WrongRegionMalformed answers a request signed for another region
	// than its bucket's as S3 does on the bucket's own regional endpoint
	// instead: 400 AuthorizationHeaderMalformed naming the region in
	// <Region>, without x-amz-bucket-region (a HEAD: the bare 400 with
	// the header).
	WrongRegionMalformed bool
}

// Request is the record of one request the server received.
type Request struct {
	// Seq is the 1-based arrival order.
	Seq int
	// Time is Options.Now when the request arrived.
	Time time.Time
	// Method, Path (escaped, as sent), RawQuery and a copy of the Header.
	Method   string
	Path     string
	RawQuery string
	Header   http.Header
	// Op is the S3 operation (OpPutObject, ...), Bucket and Key its target,
	// PartNumber and UploadID those of multipart operations.
	Op         string
	Bucket     string
	Key        string
	PartNumber int
	UploadID   string
	// Attempt counts requests for the same logical request: same Op,
	// Bucket, Key, UploadID, PartNumber and Range header (1 for the first).
	Attempt int
	// BodyLen and BodySHA256 (hex) describe the decoded body (after
	// aws-chunked decoding); both are zero when the body was not read.
	BodyLen    int64
	BodySHA256 string
	// Status and ErrorCode are what the server answered (ErrorCode "" on
	// success); Status is 0 when the connection was reset instead.
	Status    int
	ErrorCode string
	// Fault names the fault that fired on the request, "" for none.
	Fault string
	// RequestID is the x-amz-request-id answered.
	RequestID string
}

// Server is a fault-injecting S3 server: an httptest.Server on 127.0.0.1
// over an in-memory store. All methods are safe for concurrent use.
type Server struct {
	// URL is the endpoint, "http://127.0.0.1:PORT", path-style addressing.
	URL string

	opts   Options
	ts     *httptest.Server
	signer *sigv4.Signer
	creds  map[string]sigv4.Credentials

	offset atomic.Int64 // clock offset set by a SkewedTime fault, in ns
	conns  atomic.Int64 // connections accepted (Start)
	// closing is closed by Close, ending Stall faults.
	closing   chan struct{}
	closeOnce sync.Once

	mu       sync.Mutex
	seq      int
	records  []Request
	attempts map[string]int
	faults   []*faultState
	store    store
}

// Start starts a Server and closes it at t.Cleanup.
func Start(t testing.TB, opts Options) *Server {
	t.Helper()
	s := New(opts)
	s.ts = httptest.NewUnstartedServer(s)
	s.ts.Config.ConnState = func(_ net.Conn, st http.ConnState) {
		if st == http.StateNew {
			s.conns.Add(1)
		}
	}
	s.ts.Start()
	s.URL = s.ts.URL
	t.Cleanup(s.Close)
	return s
}

// New returns a Server that is not listening: use it as an http.Handler
// (for example behind a RoundTripper in memory). Faults that hijack the
// connection need a real listener (Start).
func New(opts Options) *Server {
	if opts.Region == "" {
		opts.Region = "us-east-1"
	}
	if opts.Now == nil {
		opts.Now = time.Now
	}
	if opts.MaxSkew == 0 {
		opts.MaxSkew = 15 * time.Minute
	}
	if opts.MinPartSize == 0 {
		opts.MinPartSize = 5 << 20
	}
	if opts.MaxBodySize == 0 {
		opts.MaxBodySize = 1 << 30
	}
	if opts.MaxDelay == 0 {
		opts.MaxDelay = 10 * time.Second
	}
	creds := opts.Credentials
	if len(creds) == 0 {
		creds = []sigv4.Credentials{DefaultCredentials}
	}
	s := &Server{
		opts:     opts,
		signer:   sigv4.NewSigner(sigv4.S3Options),
		creds:    make(map[string]sigv4.Credentials),
		attempts: make(map[string]int),
		store:    newStore(),
		closing:  make(chan struct{}),
	}
	for _, c := range creds {
		s.creds[c.AccessKeyID] = c
	}
	for _, f := range opts.Faults {
		s.faults = append(s.faults, &faultState{Fault: f})
	}
	now := opts.Now()
	for _, b := range opts.Buckets {
		s.store.buckets[b] = &bucket{name: b, created: now, objects: map[string]*object{}}
	}
	return s
}

// Close stops the listener (if any) and waits for handlers to return.
func (s *Server) Close() {
	s.closeOnce.Do(func() { close(s.closing) })
	if s.ts != nil {
		s.ts.Close()
	}
}

// Connections returns the number of connections the server has accepted
// (0 for a Server made with New).
func (s *Server) Connections() int { return int(s.conns.Load()) }

// Credentials returns the first accepted credentials (DefaultCredentials
// unless Options.Credentials says otherwise).
func (s *Server) Credentials() sigv4.Credentials {
	if len(s.opts.Credentials) > 0 {
		return s.opts.Credentials[0]
	}
	return DefaultCredentials
}

// now is the server's clock: Options.Now plus the offset a SkewedTime fault
// set.
func (s *Server) now() time.Time {
	return s.opts.Now().Add(time.Duration(s.offset.Load()))
}

// ClockOffset returns how far a SkewedTime fault has moved the server's
// clock from Options.Now (0 if none fired).
func (s *Server) ClockOffset() time.Duration { return time.Duration(s.offset.Load()) }

// Region returns the signing region the server expects.
func (s *Server) Region() string { return s.opts.Region }

// regionOf returns the region of bucket: Options.BucketRegions', else
// Options.Region.
func (s *Server) regionOf(bucket string) string {
	if r := s.opts.BucketRegions[bucket]; r != "" {
		return r
	}
	return s.opts.Region
}

// AddFault appends f to the script.
func (s *Server) AddFault(f Fault) {
	s.mu.Lock()
	s.faults = append(s.faults, &faultState{Fault: f})
	s.mu.Unlock()
}

// ClearFaults empties the script.
func (s *Server) ClearFaults() {
	s.mu.Lock()
	s.faults = nil
	s.mu.Unlock()
}

// Fired returns how many times the faults named name have fired.
func (s *Server) Fired(name string) int {
	s.mu.Lock()
	defer s.mu.Unlock()
	n := 0
	for _, f := range s.faults {
		if f.name() == name {
			n += f.fired
		}
	}
	return n
}

// Requests returns a copy of the records of every request that has
// finished, in arrival order.
func (s *Server) Requests() []Request {
	s.mu.Lock()
	out := slices.Clone(s.records)
	s.mu.Unlock()
	slices.SortFunc(out, func(a, b Request) int { return a.Seq - b.Seq })
	return out
}

// RequestsFor returns the records of the finished requests of operation op.
func (s *Server) RequestsFor(op string) []Request {
	var out []Request
	for _, r := range s.Requests() {
		if r.Op == op {
			out = append(out, r)
		}
	}
	return out
}

// ResetRequests forgets the records and attempt counters (not the store).
func (s *Server) ResetRequests() {
	s.mu.Lock()
	s.records = nil
	s.attempts = make(map[string]int)
	s.mu.Unlock()
}

// Sign signs req for this server (path-style S3, the first accepted
// credentials, Region) at time at, with the SHA-256 of body as payload
// hash (body may be nil for none). It is a convenience for tests that build
// raw requests.
func (s *Server) Sign(req *http.Request, body []byte, at time.Time) error {
	sum := sha256.Sum256(body)
	return s.signer.SignHTTP(req, s.Credentials(), sigv4.Params{
		Service: "s3", Region: s.opts.Region, Time: at, PayloadHash: hex.EncodeToString(sum[:]),
	})
}

// call is the state of one request being served.
type call struct {
	s     *Server
	w     http.ResponseWriter
	r     *http.Request
	rec   Request
	fault *faultState
	now   time.Time

	// Filled by readBody.
	body     []byte
	md5      [16]byte
	checksum struct{ alg, value string } // the verified checksum, if any
	verified *sigv4.Verified

	published bool
}

func (c *call) hostID() string {
	sum := sha256.Sum256([]byte(c.rec.RequestID))
	return base64.StdEncoding.EncodeToString(sum[:24])
}

// ServeHTTP serves one S3 request.
func (s *Server) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	c := &call{s: s, w: w, r: r}
	c.begin()
	defer c.finish()
	h := w.Header()
	h.Set("X-Amz-Request-Id", c.rec.RequestID)
	h.Set("X-Amz-Id-2", c.hostID())
	h.Set("Server", "faultserver")
	h.Set("Date", c.now.UTC().Format(http.TimeFormat))

	a := Action{}
	if c.fault != nil {
		a = c.fault.Action
	}
	switch a.kind {
	case kindReset:
		c.reset(true)
		return
	case kindStall:
		if a.n < 0 || r.Method != http.MethodGet {
			c.stall()
			return
		}
	case kindDelay:
		if !c.sleep(min(a.delay, s.opts.MaxDelay)) {
			c.rec.ErrorCode = "ClientGone"
			return
		}
	}
	if e := c.wrongRegion(); e != nil {
		c.writeError(e)
		return
	}
	if !s.opts.DisableVerify {
		if e := c.verify(); e != nil {
			c.writeError(e)
			return
		}
	}
	if a.kind == kindHandler {
		sw := &statusWriter{ResponseWriter: w}
		a.handler(sw, r)
		c.rec.Status = sw.status
		return
	}
	if e := c.readBody(); e != nil {
		c.writeError(e)
		return
	}
	switch a.kind {
	case kindResetAfterBody:
		// Serve into a discarding writer (the operation takes effect), then
		// reset the connection instead of answering.
		real := c.w
		c.w = &discardWriter{h: http.Header{}}
		c.dispatch()
		c.w = real
		c.reset(true)
		return
	case kindError:
		c.writeError(&s3Error{Status: a.status, Code: a.code, Message: a.message})
		return
	case kindSkew:
		s.offset.Store(int64(a.shift))
		server := c.now.Add(a.shift).UTC()
		h.Set("Date", server.Format(http.TimeFormat))
		c.writeError(&s3Error{Status: 403, Code: "RequestTimeTooSkewed",
			Message: "The difference between the request time and the current time is too large.",
			Extra: [][2]string{
				{"RequestTime", c.r.Header.Get("X-Amz-Date")},
				{"ServerTime", server.Format(time.RFC3339)},
				{"MaxAllowedSkewMilliseconds", strconv.FormatInt(s.opts.MaxSkew.Milliseconds(), 10)},
			}})
		return
	case kindChangeObject:
		s.changeObject(c.rec.Bucket, c.rec.Key, a)
	}
	c.dispatch()
}

// begin numbers and classifies the request and picks the fault under the
// lock.
func (c *call) begin() {
	s := c.s
	r := c.r
	c.now = s.now()
	c.rec = Request{
		Time:     c.now,
		Method:   r.Method,
		Path:     r.URL.EscapedPath(),
		RawQuery: r.URL.RawQuery,
		Header:   r.Header.Clone(),
	}
	classify(r, &c.rec)
	s.mu.Lock()
	defer s.mu.Unlock()
	s.seq++
	c.rec.Seq = s.seq
	c.rec.RequestID = fmt.Sprintf("FS%014X", s.seq)
	key := strings.Join([]string{c.rec.Op, c.rec.Bucket, c.rec.Key, c.rec.UploadID, strconv.Itoa(c.rec.PartNumber), r.Header.Get("Range")}, "\x00")
	s.attempts[key]++
	c.rec.Attempt = s.attempts[key]
	for _, f := range s.faults {
		if !f.matches(&c.rec) {
			continue
		}
		f.seen++
		if c.fault == nil && f.seen > f.Skip && (f.Times == 0 || f.seen <= f.Skip+f.Times) {
			f.fired++
			c.fault = f
			c.rec.Fault = f.name()
		}
	}
}

// publish adds the request's record to the server's list. It runs just
// before the last byte of the response can reach the client (the final body
// write, the handler's return for a bodyless answer, the close of a reset
// connection), so a client that has its whole response always finds the
// record in Requests. It runs once.
func (c *call) publish() {
	if c.published {
		return
	}
	c.published = true
	c.s.mu.Lock()
	c.s.records = append(c.s.records, c.rec)
	c.s.mu.Unlock()
}

func (c *call) finish() { c.publish() }

// reset hijacks the connection and closes it with a TCP RST.
func (c *call) reset(rst bool) {
	c.rec.Status = 0
	c.rec.ErrorCode = "ConnectionReset"
	hj, ok := c.w.(http.Hijacker)
	if !ok {
		// No connection to reset (New without a listener): panic with
		// ErrAbortHandler, which net/http turns into a closed connection.
		c.publish()
		panic(http.ErrAbortHandler)
	}
	conn, _, err := hj.Hijack()
	if err != nil {
		return
	}
	if tcp, ok := conn.(*net.TCPConn); ok && rst {
		tcp.SetLinger(0)
	}
	c.publish()
	conn.Close()
}

// stall waits until the client goes away or the server closes, answering
// nothing more.
func (c *call) stall() {
	c.rec.ErrorCode = "Stalled"
	c.publish()
	select {
	case <-c.r.Context().Done():
	case <-c.s.closing:
	}
}

// sleep waits d or until the client goes away; it reports whether the full
// time passed.
func (c *call) sleep(d time.Duration) bool {
	if d <= 0 {
		return true
	}
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-t.C:
		return true
	case <-c.r.Context().Done():
		return false
	}
}

// verify checks the request's signature with package sigv4.
func (c *call) verify() *s3Error {
	v, err := sigv4.Verify(c.r, sigv4.VerifyOptions{
		Lookup: func(id string) (sigv4.Credentials, bool) {
			cr, ok := c.s.creds[id]
			return cr, ok
		},
		Now:     c.now,
		MaxSkew: c.s.opts.MaxSkew,
		Service: "s3",
		Region:  c.s.regionOf(c.rec.Bucket),
		Signer:  c.s.signer,

		RequireSignedAmzHeaders: !c.s.opts.AllowUnsignedAmzHeaders,
	})
	if err == nil {
		c.verified = v
		return nil
	}
	e := verifyErr(err)
	switch e.Code {
	case sigv4.CodeSignatureDoesNotMatch:
		var ve *sigv4.VerifyError
		if errors.As(err, &ve) {
			e.Extra = [][2]string{{"StringToSign", ve.StringToSign}, {"CanonicalRequest", ve.CanonicalRequest}}
		}
	case sigv4.CodeRequestTimeTooSkewed:
		e.Extra = [][2]string{
			{"RequestTime", c.r.Header.Get("X-Amz-Date")},
			{"ServerTime", c.now.UTC().Format(time.RFC3339)},
			{"MaxAllowedSkewMilliseconds", strconv.FormatInt(c.s.opts.MaxSkew.Milliseconds(), 10)},
		}
	}
	return e
}

// wrongRegion answers a request for a bucket whose signature names another
// region than the bucket's (Options.BucketRegions), as S3 does: 301
// PermanentRedirect with x-amz-bucket-region, or with
// Options.WrongRegionMalformed 400 AuthorizationHeaderMalformed naming the
// region (HEAD answers carry the header and no body).
func (c *call) wrongRegion() *s3Error {
	if c.rec.Bucket == "" || len(c.s.opts.BucketRegions) == 0 {
		return nil
	}
	signed := scopeRegion(c.r)
	want := c.s.regionOf(c.rec.Bucket)
	if signed == "" || signed == want {
		return nil
	}
	h := c.w.Header()
	if c.s.opts.WrongRegionMalformed {
		if c.r.Method == http.MethodHead {
			h.Set("X-Amz-Bucket-Region", want)
		}
		return &s3Error{Status: 400, Code: "AuthorizationHeaderMalformed",
			Message: "The authorization header is malformed; the region '" + signed + "' is wrong; expecting '" + want + "'",
			Extra:   [][2]string{{"Region", want}}}
	}
	h.Set("X-Amz-Bucket-Region", want)
	return &s3Error{Status: 301, Code: "PermanentRedirect",
		Message: "The bucket you are attempting to access must be addressed using the specified endpoint. Please send all future requests to this endpoint.",
		Extra:   [][2]string{{"Endpoint", c.rec.Bucket + ".s3." + want + ".amazonaws.com"}, {"Bucket", c.rec.Bucket}}}
}

// scopeRegion returns the region of the credential scope a request is
// signed with (Authorization header or presigned query), or "".
func scopeRegion(r *http.Request) string {
	cred := r.URL.Query().Get("X-Amz-Credential")
	if auth := r.Header.Get("Authorization"); auth != "" {
		_, rest, ok := strings.Cut(auth, "Credential=")
		if !ok {
			return ""
		}
		cred, _, _ = strings.Cut(rest, ",")
	}
	parts := strings.Split(cred, "/")
	if len(parts) < 5 {
		return ""
	}
	return parts[2]
}

// verifyErr turns an error of package sigv4 into an S3 error.
func verifyErr(err error) *s3Error {
	var ve *sigv4.VerifyError
	if errors.As(err, &ve) {
		return &s3Error{Status: ve.HTTPStatusCode(), Code: ve.Code, Message: ve.Message}
	}
	return errIncompleteBody()
}

// readBody reads and decodes the request body, checking the payload hash,
// Content-MD5 and any checksum (header or trailer).
func (c *call) readBody() *s3Error {
	r := c.r
	if r.Body == nil {
		r.Body = http.NoBody
	}
	ph := r.Header.Get("X-Amz-Content-Sha256")
	if c.verified != nil {
		ph = c.verified.PayloadHash
	}
	alg, value, trailer, e := requestChecksum(r.Header)
	if e != nil {
		return e
	}
	if c.rec.Op == OpCompleteMultipartUpload && !trailer {
		// Complete's checksum header is the whole object's (FULL_OBJECT),
		// checked when the parts are assembled, not the XML body's.
		alg, value = "", ""
	}
	var sum hash.Hash
	if alg != "" {
		sum = newChecksum(alg)
	}
	var data bytes.Buffer
	if cl := r.ContentLength; cl > 0 && cl <= c.s.opts.MaxBodySize {
		data.Grow(int(cl))
	}
	sh := sha256.New()
	mh := md5.New()
	ws := []io.Writer{&data, sh, mh}
	if sum != nil {
		ws = append(ws, sum)
	}
	mw := io.MultiWriter(ws...)

	chunked := strings.HasPrefix(ph, "STREAMING-") || hasToken(r.Header.Get("Content-Encoding"), "aws-chunked")
	if chunked {
		mode := chunkedMode{
			signed:  ph == sigv4.StreamingPayload || ph == sigv4.StreamingPayloadTrailer,
			trailer: ph == sigv4.StreamingPayloadTrailer || ph == sigv4.StreamingUnsignedPayloadTrailer,
		}
		var trailers map[string]string
		if c.verified != nil {
			// Verified: package sigv4 decodes and checks every chunk and
			// trailer signature and the decoded length.
			d, err := c.verified.DecodeChunked(r, nil)
			if err != nil {
				return verifyErr(err)
			}
			if _, err := io.Copy(mw, io.LimitReader(d, c.s.opts.MaxBodySize+1)); err != nil {
				return verifyErr(err)
			}
			if int64(data.Len()) > c.s.opts.MaxBodySize {
				return errEntityTooLarge(c.s.opts.MaxBodySize)
			}
			if name, v := d.Trailer(); name != "" {
				trailers = map[string]string{name: v}
			}
		} else {
			// DisableVerify: this package's own decoder, framing only.
			br := bufio.NewReaderSize(r.Body, 64<<10)
			var e *s3Error
			if trailers, e = decodeChunked(br, mw, mode, nil, c.s.opts.MaxBodySize); e != nil {
				return e
			}
		}
		if dl := r.Header.Get("X-Amz-Decoded-Content-Length"); dl != "" {
			n, err := strconv.ParseInt(dl, 10, 64)
			if err != nil || n != int64(data.Len()) {
				return errIncompleteBody()
			}
		}
		if trailer {
			value = trailers[checksumHeaders[alg]]
			if value == "" {
				return &s3Error{Status: 400, Code: "MalformedTrailerError", Message: "The request contained trailing data that was not well-formed or did not conform to our published schema: missing " + checksumHeaders[alg]}
			}
		}
	} else {
		n, err := io.Copy(mw, io.LimitReader(r.Body, c.s.opts.MaxBodySize+1))
		if err != nil {
			return errIncompleteBody()
		}
		if n > c.s.opts.MaxBodySize {
			return errEntityTooLarge(c.s.opts.MaxBodySize)
		}
		if r.ContentLength >= 0 && n != r.ContentLength {
			return errIncompleteBody()
		}
	}
	c.body = data.Bytes()
	copy(c.md5[:], mh.Sum(nil))
	var s256 [32]byte
	copy(s256[:], sh.Sum(nil))
	c.rec.BodyLen = int64(len(c.body))
	c.rec.BodySHA256 = hex.EncodeToString(s256[:])
	if !chunked && !c.s.opts.DisableVerify && len(ph) == 64 && ph != c.rec.BodySHA256 {
		return &s3Error{Status: 400, Code: "XAmzContentSHA256Mismatch",
			Message: "The provided 'x-amz-content-sha256' header does not match what was computed.",
			Extra:   [][2]string{{"ClientComputedContentSHA256", ph}, {"S3ComputedContentSHA256", c.rec.BodySHA256}}}
	}
	if sum != nil {
		got := base64.StdEncoding.EncodeToString(sum.Sum(nil))
		if got != value {
			return errBadDigest(fmt.Sprintf("The %s you specified did not match the calculated checksum.", alg))
		}
		c.checksum.alg, c.checksum.value = alg, value
	}
	return c.checkDigests()
}

// checkDigests checks Content-MD5.
func (c *call) checkDigests() *s3Error {
	if v := c.r.Header.Get("Content-Md5"); v != "" {
		want, err := base64.StdEncoding.DecodeString(v)
		if err != nil || len(want) != 16 {
			return &s3Error{Status: 400, Code: "InvalidDigest", Message: "The Content-MD5 you specified was invalid."}
		}
		if !bytes.Equal(want, c.md5[:]) {
			return errBadDigest("The Content-MD5 you specified did not match what we received.")
		}
	}
	return nil
}

func hasToken(v, tok string) bool {
	for _, p := range strings.Split(v, ",") {
		if strings.EqualFold(strings.TrimSpace(p), tok) {
			return true
		}
	}
	return false
}

// statusWriter remembers the status a custom handler answered.
type statusWriter struct {
	http.ResponseWriter
	status int
}

// Flush sends what was written so far, so a Handler can stream.
func (w *statusWriter) Flush() {
	if f, ok := w.ResponseWriter.(http.Flusher); ok {
		f.Flush()
	}
}

func (w *statusWriter) WriteHeader(code int) {
	if w.status == 0 {
		w.status = code
	}
	w.ResponseWriter.WriteHeader(code)
}

func (w *statusWriter) Write(p []byte) (int, error) {
	if w.status == 0 {
		w.status = http.StatusOK
	}
	return w.ResponseWriter.Write(p)
}

func (w *statusWriter) Unwrap() http.ResponseWriter { return w.ResponseWriter }

// discardWriter is a ResponseWriter that drops the response.
type discardWriter struct{ h http.Header }

func (w *discardWriter) Header() http.Header         { return w.h }
func (w *discardWriter) Write(p []byte) (int, error) { return len(p), nil }
func (w *discardWriter) WriteHeader(int)             {}
