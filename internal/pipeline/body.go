package pipeline

import (
	"crypto/md5"
	"crypto/sha256"
	"encoding/base64"
	"encoding/hex"
	"errors"
	"fmt"
	"hash"
	"io"
	"net/http"
	"reflect"
	"sync"
	"syscall"

	"github.com/goto3/goto3"
	"github.com/goto3/goto3/sigv4"
)

type bodyKind uint8

const (
	bodyBytes    bodyKind = iota // serialized by the codec (GetBody), or empty
	bodySeekable                 // the caller's io.ReadSeeker, used in place
	bodyChunked                  // the caller's plain io.Reader, aws-chunked
)

// body is how a call's request body is sent, hashed and rewound.
type body struct {
	kind        bodyKind
	rewindable  bool
	payloadHash string // the payload hash to sign (bodyBytes, bodySeekable)

	// bodySeekable
	src   io.ReadSeeker
	start int64
	n     int64
	cur   *fencedReader

	// bodyChunked
	stream     io.Reader
	decodedLen int64
	trailerAlg string // "" for no trailer
	unsigned   bool   // STREAMING-UNSIGNED-PAYLOAD-TRAILER
}

// buildBody finishes the request before signing (stage 4 of the path):
// the request checksum (flexible checksum or Content-MD5), the payload
// hash, and the body's kind. The payload is signed with its SHA-256 unless
// the service's UnsignedPayload customization says otherwise (by default,
// only operations the model marks unsigned, over https).
func (c *Client) buildBody(call *Call, req *http.Request, inV reflect.Value, https bool, b *body) (*body, error) {
	op := call.Operation
	*b = body{kind: bodyBytes, rewindable: true}
	alg, wantMD5, err := c.requestChecksum(req, op)
	if err != nil {
		return nil, err
	}
	modelUnsigned := https && (op.UnsignedPayload || op.AuthType == "v4-unsigned-body")
	unsignedFor := func(streaming bool) bool {
		if f := c.opts.Custom.UnsignedPayload; f != nil {
			checksumSent := alg != "" || wantMD5 || hasChecksumHeader(req.Header) || req.Header.Get("Content-Md5") != ""
			return modelUnsigned || f(call, https, streaming, checksumSent)
		}
		return modelUnsigned
	}

	// The caller's streaming payload, if any.
	var stream io.Reader
	if sh := op.Input; sh != nil && inV.IsValid() && sh.Payload >= 0 && sh.Payload < len(sh.Members) {
		m := &sh.Members[sh.Payload]
		if m.Streaming || m.Shape.Streaming {
			if f := inV.Field(m.Field); f.Kind() == reflect.Interface && !f.IsNil() {
				stream, _ = f.Interface().(io.Reader)
			}
		}
	}

	if stream == nil {
		// A body the codec serialized (or none).
		if req.Body == nil || req.Body == http.NoBody || req.ContentLength == 0 {
			req.Body, req.GetBody, req.ContentLength = http.NoBody, nil, 0
			b.payloadHash = sigv4.EmptyPayloadHash
			if alg != "" {
				req.Header.Set(checksumHeader(alg), emptySum(alg))
			}
			if wantMD5 {
				req.Header.Set("Content-Md5", emptyMD5)
			}
			return b, nil
		}
		if req.GetBody == nil {
			return nil, errors.New("goto3: codec produced a body that cannot be rewound")
		}
		rc, err := req.GetBody()
		if err != nil {
			return nil, err
		}
		unsignedOK := unsignedFor(false)
		sum, err := hashBody(rc, req.Header, !unsignedOK, alg, wantMD5)
		rc.Close()
		if err != nil {
			return nil, err
		}
		b.payloadHash = sum
		if unsignedOK {
			b.payloadHash = sigv4.UnsignedPayload
		}
		return b, nil
	}

	// A streaming input: unsigned when the service says so (its
	// UnsignedPayload customization).
	unsignedOK := unsignedFor(true)
	if rs, ok := stream.(io.ReadSeeker); ok {
		start, err := rs.Seek(0, io.SeekCurrent)
		if err != nil {
			return nil, fmt.Errorf("goto3: seeking the request body: %w", err)
		}
		n := req.ContentLength
		if n < 0 {
			end, err := rs.Seek(0, io.SeekEnd)
			if err != nil {
				return nil, fmt.Errorf("goto3: seeking the request body: %w", err)
			}
			n = end - start
		}
		b.kind, b.src, b.start, b.n = bodySeekable, rs, start, n
		expectContinue(req, n)
		needPayload := !unsignedOK
		if needPayload {
			// A body that knows its SHA-256 spares the hashing pass.
			if ph, ok := rs.(PayloadHasher); ok {
				if v := ph.PayloadSHA256(); isHexSHA256(v) {
					b.payloadHash, needPayload = v, false
				}
			}
		}
		if needPayload || alg != "" || wantMD5 {
			if _, err := rs.Seek(start, io.SeekStart); err != nil {
				return nil, fmt.Errorf("goto3: seeking the request body: %w", err)
			}
			sum, err := hashBody(io.LimitReader(rs, n), req.Header, needPayload, alg, wantMD5)
			if err != nil {
				return nil, err
			}
			if needPayload {
				b.payloadHash = sum
			}
		}
		if unsignedOK {
			b.payloadHash = sigv4.UnsignedPayload
		}
		req.ContentLength = n
		return b, nil
	}

	// A plain reader: aws-chunked, never buffered, never retried.
	if req.ContentLength < 0 {
		return nil, &goto3.ValidationError{Member: "ContentLength", Reason: "required for a Body that is not an io.Seeker (it is streamed with aws-chunked encoding, which needs the length up front)"}
	}
	if wantMD5 {
		return nil, &goto3.ValidationError{Member: "Body", Reason: "the operation requires Content-MD5, which a body that is not an io.Seeker cannot provide"}
	}
	expectContinue(req, req.ContentLength)
	b.kind, b.rewindable = bodyChunked, false
	b.stream, b.decodedLen = stream, req.ContentLength
	b.trailerAlg = alg
	b.unsigned = (https || unsignedOK) && alg != ""
	return b, nil
}

// PayloadHasher is an optional method of a seekable request body (an
// io.ReadSeeker payload) that already knows the SHA-256 of its bytes, such
// as a transfer manager's part hashed in the same pass as its checksum:
// PayloadSHA256 returns the lower-case hex SHA-256 of the bytes from the
// body's position when the call starts to its end (ContentLength bytes),
// or "" when it does not know it. The pipeline then signs that value and
// reads the body only to send it (and for a checksum the call still has to
// compute). A wrong value makes the service reject the request
// (XAmzContentSHA256Mismatch).
type PayloadHasher interface {
	PayloadSHA256() string
}

func isHexSHA256(s string) bool {
	if len(s) != 64 {
		return false
	}
	for i := 0; i < len(s); i++ {
		if c := s[i]; !('0' <= c && c <= '9' || 'a' <= c && c <= 'f') {
			return false
		}
	}
	return true
}

// expectContinueMin is the body size from which a streaming upload asks
// for "100 Continue" first: a request the service rejects (a wrong
// signature, a missing resource, a redirect to another region) then fails
// before the body is sent. botocore's add_expect_header handler asks for it
// on every upload of a streaming body, whatever its size; goto3 does not for
// smaller bodies, for any service: sending them costs less than the round
// trip spent waiting for the interim answer, and the header changes nothing
// the service does with the request. The transport waits for that answer
// at most its ExpectContinueTimeout (1 s for http.DefaultTransport; a
// transport with 0 sends the body at once).
const expectContinueMin = 1 << 20

func expectContinue(req *http.Request, n int64) {
	if n >= expectContinueMin {
		req.Header["Expect"] = []string{"100-continue"}
	}
}

// hashBody reads r once, computing what is asked: the hex SHA-256 payload
// hash (returned), the checksum of alg and Content-MD5 (set as headers).
func hashBody(r io.Reader, h http.Header, payload bool, alg string, wantMD5 bool) (string, error) {
	var ws [3]io.Writer
	w := ws[:0]
	var ph, ch, mh hash.Hash
	if payload {
		ph = sha256.New()
		w = append(w, ph)
	}
	if alg != "" {
		ch = NewChecksum(alg)
		w = append(w, ch)
	}
	if wantMD5 {
		mh = md5.New()
		w = append(w, mh)
	}
	if len(w) == 0 {
		return "", nil
	}
	var dst io.Writer = w[0]
	if len(w) > 1 {
		dst = io.MultiWriter(w...)
	}
	var err error
	if wt, ok := r.(io.WriterTo); ok {
		// A body the codec serialized (a bytes.Reader) is hashed in
		// place: taking a 256 KiB buffer for it would keep one alive.
		_, err = wt.WriteTo(dst)
	} else {
		bp := hashBufs.Get().(*[]byte)
		_, err = io.CopyBuffer(dst, r, *bp)
		hashBufs.Put(bp)
	}
	if err != nil {
		return "", fmt.Errorf("goto3: reading the request body: %w", err)
	}
	if ch != nil {
		h.Set(checksumHeader(alg), base64.StdEncoding.EncodeToString(ch.Sum(nil)))
	}
	if mh != nil {
		h.Set("Content-Md5", base64.StdEncoding.EncodeToString(mh.Sum(nil)))
	}
	if ph != nil {
		return hex.EncodeToString(ph.Sum(nil)), nil
	}
	return "", nil
}

// hashBufs are the buffers request bodies are hashed through: large reads
// (a file part is read in 32 reads of 256 KiB, not 256 of 32 KiB).
var hashBufs = sync.Pool{New: func() any { b := make([]byte, 256<<10); return &b }}

const emptyMD5 = "1B2M2Y8AsgTpgAmY7PhCfg=="

func emptySum(alg string) string {
	switch alg {
	case "CRC32", "CRC32C":
		return "AAAAAA=="
	case "CRC64NVME":
		return "AAAAAAAAAAA="
	}
	return base64.StdEncoding.EncodeToString(NewChecksum(alg).Sum(nil))
}

// rewind prepares the body of attempt n.
func (b *body) rewind(req *http.Request, n int) error {
	switch b.kind {
	case bodyBytes:
		if n > 1 && req.GetBody != nil {
			rc, err := req.GetBody()
			if err != nil {
				return err
			}
			req.Body = rc
		}
	case bodySeekable:
		b.closeCurrent()
		if _, err := b.src.Seek(b.start, io.SeekStart); err != nil {
			return fmt.Errorf("goto3: rewinding the request body: %w", err)
		}
		req.ContentLength = b.n
		if b.n == 0 {
			req.Body = http.NoBody
			return nil
		}
		b.cur = &fencedReader{src: b.src, n: b.n}
		req.Body = b.cur
	case bodyChunked:
		if n > 1 {
			return errors.New("goto3: a streamed (aws-chunked) body cannot be sent twice")
		}
	}
	return nil
}

// sign signs req for one attempt.
func (b *body) sign(c *Client, req *http.Request, creds sigv4.Credentials, p sigv4.Params, ep *resolved) error {
	if b.kind == bodyChunked {
		co := sigv4.ChunkedOptions{Unsigned: b.unsigned}
		if b.trailerAlg != "" {
			co.TrailerHeader = lowerASCII(checksumHeader(b.trailerAlg))
			co.Checksum = NewChecksum(b.trailerAlg)
		}
		_, err := c.signerFor(ep).SignChunked(req, creds, p, plainReader{b.stream}, b.decodedLen, co)
		return err
	}
	p.PayloadHash = b.payloadHash
	if ep.scheme.Name == "sigv4a" {
		return c.signerFor(ep).SignHTTPV4a(req, creds, p)
	}
	return c.signerFor(ep).SignHTTP(req, creds, p)
}

// finish fences off the caller's seekable body when the call is over, so
// that a transport still holding an attempt's body cannot read it later.
func (b *body) finish() { b.closeCurrent() }

func (b *body) closeCurrent() {
	if b.cur != nil {
		b.cur.Close()
		b.cur = nil
	}
}

// plainReader hides everything but Read, so that closing an aws-chunked
// body never closes the caller's reader.
type plainReader struct{ r io.Reader }

func (p plainReader) Read(b []byte) (int, error) { return p.r.Read(b) }

// fencedReader is one attempt's view of the caller's seekable body: its
// next n bytes. Close waits for a Read in progress and makes later Reads
// fail, so the next attempt can seek the shared reader safely.
//
// It keeps the body's type visible to the transport where that pays: when
// the body has a SyscallConn method (an *os.File, or a file section such as
// a transfer manager's part) whose descriptor reads from the body's
// current position, fencedReader has one too, and net/http sends the body
// with sendfile(2) instead of copying it through user space in 32 KiB
// reads and writes (net/http wraps the body in an io.LimitedReader, which
// net.TCPConn.ReadFrom looks through for a syscall.Conn).
type fencedReader struct {
	mu     sync.Mutex
	src    io.ReadSeeker
	n      int64 // bytes left to send
	closed bool
}

var (
	errBodyFenced = errors.New("goto3: request body read after its attempt ended")
	errNoRawConn  = errors.New("goto3: request body has no file descriptor")
)

func (f *fencedReader) Read(p []byte) (int, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	if f.closed {
		return 0, errBodyFenced
	}
	if f.n <= 0 {
		return 0, io.EOF
	}
	if int64(len(p)) > f.n {
		p = p[:f.n]
	}
	n, err := f.src.Read(p)
	f.n -= int64(n)
	return n, err
}

// SyscallConn returns the body's descriptor, fenced like Read, or an error
// (the transport then copies with Read) when the body has none.
func (f *fencedReader) SyscallConn() (syscall.RawConn, error) {
	sc, ok := f.src.(syscall.Conn)
	if !ok {
		return nil, errNoRawConn
	}
	rc, err := sc.SyscallConn()
	if err != nil {
		return nil, err
	}
	return &fencedRawConn{f: f, rc: rc}, nil
}

// fencedRawConn runs the transport's sendfile under the fence and counts
// what it sent by the body's position before and after.
type fencedRawConn struct {
	f  *fencedReader
	rc syscall.RawConn
}

func (c *fencedRawConn) Read(fn func(fd uintptr) bool) error {
	f := c.f
	f.mu.Lock()
	defer f.mu.Unlock()
	if f.closed {
		return errBodyFenced
	}
	start, err := f.src.Seek(0, io.SeekCurrent)
	if err != nil {
		return err
	}
	err = c.rc.Read(fn)
	end, serr := f.src.Seek(0, io.SeekCurrent)
	if serr != nil {
		// The position is unknown: no more bytes may go out.
		f.n = 0
		return errors.Join(err, serr)
	}
	f.n -= end - start
	return err
}

func (c *fencedRawConn) Control(fn func(fd uintptr)) error { return c.rc.Control(fn) }

func (c *fencedRawConn) Write(func(fd uintptr) bool) error {
	return errors.New("goto3: request body is read-only")
}

func (f *fencedReader) Close() error {
	f.mu.Lock()
	f.closed = true
	f.mu.Unlock()
	return nil
}

func lowerASCII(s string) string {
	b := []byte(s)
	for i, c := range b {
		if 'A' <= c && c <= 'Z' {
			b[i] = c + 'a' - 'A'
		}
	}
	return string(b)
}
