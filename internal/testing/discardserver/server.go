package discardserver

import (
	"bufio"
	"crypto/sha256"
	"encoding/base64"
	"encoding/hex"
	"encoding/json"
	"encoding/xml"
	"errors"
	"fmt"
	"hash"
	"hash/crc32"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"
)

// DefaultObjectSize is the size of every object GetObject serves when
// Options.ObjectSize is nil: 1 GiB.
const DefaultObjectSize = 1 << 30

// Options configure a Server. The zero value is usable.
type Options struct {
	// VerifyPayloadHash makes the server compute the SHA-256 of every
	// upload body and compare it with a hex X-Amz-Content-Sha256 (400
	// XAmzContentSHA256Mismatch on a difference), so a benchmark pays for
	// hashing on both sides as a real S3 does. Off, bodies are only read.
	VerifyPayloadHash bool
	// ObjectSize returns the size of the object GetObject and HeadObject
	// serve for a key; nil means DefaultObjectSize for every key.
	ObjectSize func(bucket, key string) int64
	// ReadBuffer is the size of the buffer bodies are read into; 0 means
	// 256 KiB.
	ReadBuffer int
	// FirstByteDelay is how long a GetObject waits before it answers:
	// a remote service's time to first byte, which loopback lacks.
	FirstByteDelay time.Duration
}

// Stats are the server's counters.
type Stats struct {
	Requests      int64 // requests served
	BodyBytesIn   int64 // upload data read (after aws-chunked unframing)
	BodyBytesOut  int64 // object data written
	PutObjects    int64
	UploadParts   int64
	Completes     int64
	GetObjects    int64
	HashMismatch  int64 // uploads rejected by VerifyPayloadHash
	ChunkedBodies int64 // aws-chunked uploads
	Connections   int64 // connections accepted (Start, Main, or ConnState installed)
}

// Server is a fast S3 endpoint that discards what is uploaded and serves
// deterministic data for downloads. It is safe for concurrent use.
type Server struct {
	// URL is the endpoint when started with Start ("" after New).
	URL string

	opts    Options
	ts      *httptest.Server
	bufs    sync.Pool
	uploads atomic.Int64

	requests, in, out, puts, parts, completes, gets, mismatches, chunked, conns atomic.Int64
}

// New returns a Server that is not listening (an http.Handler).
func New(opts Options) *Server {
	if opts.ReadBuffer <= 0 {
		opts.ReadBuffer = 256 << 10
	}
	s := &Server{opts: opts}
	s.bufs.New = func() any { b := make([]byte, s.opts.ReadBuffer); return &b }
	return s
}

// Start starts a Server on 127.0.0.1 and closes it at tb.Cleanup.
func Start(tb testing.TB, opts Options) *Server {
	tb.Helper()
	s := New(opts)
	s.ts = httptest.NewUnstartedServer(s)
	s.ts.Config.ConnState = s.ConnState
	s.ts.Start()
	s.URL = s.ts.URL
	tb.Cleanup(s.Close)
	return s
}

// Close stops the listener, if any.
func (s *Server) Close() {
	if s.ts != nil {
		s.ts.Close()
	}
}

// Stats returns a snapshot of the counters.
func (s *Server) Stats() Stats {
	return Stats{
		Requests: s.requests.Load(), BodyBytesIn: s.in.Load(), BodyBytesOut: s.out.Load(),
		PutObjects: s.puts.Load(), UploadParts: s.parts.Load(), Completes: s.completes.Load(),
		GetObjects: s.gets.Load(), HashMismatch: s.mismatches.Load(), ChunkedBodies: s.chunked.Load(),
		Connections: s.conns.Load(),
	}
}

// ConnState counts new connections; install it as http.Server.ConnState.
func (s *Server) ConnState(_ net.Conn, st http.ConnState) {
	if st == http.StateNew {
		s.conns.Add(1)
	}
}

// StatsPath answers GET with the server's Stats as JSON, for a benchmark
// in another process.
const StatsPath = "/__discardserver/stats"

func (s *Server) objectSize(bucket, key string) int64 {
	if s.opts.ObjectSize == nil {
		return DefaultObjectSize
	}
	return s.opts.ObjectSize(bucket, key)
}

// ETag is the ETag of every served object of the given size.
func ETag(size int64) string { return `"discard-` + strconv.FormatInt(size, 10) + `"` }

var lastModified = time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC).Format(http.TimeFormat)

func (s *Server) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	if r.URL.Path == StatsPath {
		w.Header().Set("Content-Type", "application/json")
		json.NewEncoder(w).Encode(s.Stats())
		return
	}
	s.requests.Add(1)
	h := w.Header()
	h.Set("X-Amz-Request-Id", "DISCARD")
	h.Set("X-Amz-Id-2", "discard")
	p := strings.TrimPrefix(r.URL.Path, "/")
	bucket, key, _ := strings.Cut(p, "/")
	q := r.URL.Query()
	switch {
	case r.Method == http.MethodPut && key != "":
		s.put(w, r, q)
	case r.Method == http.MethodPost && q.Has("uploads"):
		n := s.uploads.Add(1)
		writeXML(w, fmt.Sprintf("<InitiateMultipartUploadResult><Bucket>%s</Bucket><Key>%s</Key><UploadId>discard-upload-%d</UploadId></InitiateMultipartUploadResult>", esc(bucket), esc(key), n))
	case r.Method == http.MethodPost && q.Has("uploadId"):
		s.complete(w, r, bucket, key)
	case (r.Method == http.MethodGet || r.Method == http.MethodHead) && key != "" && !q.Has("uploadId"):
		s.get(w, r, bucket, key)
	case r.Method == http.MethodGet && q.Has("uploads"):
		writeXML(w, "<ListMultipartUploadsResult><Bucket>"+esc(bucket)+"</Bucket><IsTruncated>false</IsTruncated></ListMultipartUploadsResult>")
	case r.Method == http.MethodDelete:
		drain(r.Body)
		w.WriteHeader(http.StatusNoContent)
	case r.Method == http.MethodPut || r.Method == http.MethodHead:
		drain(r.Body) // CreateBucket, HeadBucket
		w.WriteHeader(http.StatusOK)
	default:
		writeError(w, 501, "NotImplemented", "discardserver serves uploads and downloads only")
	}
}

func drain(b io.Reader) { io.Copy(io.Discard, b) }

func esc(s string) string {
	var b strings.Builder
	xml.EscapeText(&b, []byte(s))
	return b.String()
}

func writeXML(w http.ResponseWriter, body string) {
	w.Header().Set("Content-Type", "application/xml")
	w.Header().Set("Content-Length", strconv.Itoa(len(xml.Header)+len(body)))
	io.WriteString(w, xml.Header)
	io.WriteString(w, body)
}

func writeError(w http.ResponseWriter, status int, code, msg string) {
	body := xml.Header + "<Error><Code>" + code + "</Code><Message>" + esc(msg) + "</Message><RequestId>DISCARD</RequestId><HostId>discard</HostId></Error>"
	w.Header().Set("Content-Type", "application/xml")
	w.Header().Set("Content-Length", strconv.Itoa(len(body)))
	w.WriteHeader(status)
	io.WriteString(w, body)
}

// put discards a PutObject or UploadPart body.
func (s *Server) put(w http.ResponseWriter, r *http.Request, q map[string][]string) {
	bp := s.bufs.Get().(*[]byte)
	defer s.bufs.Put(bp)
	buf := *bp
	ph := r.Header.Get("X-Amz-Content-Sha256")
	var n int64
	var err error
	var trailer map[string]string
	if strings.HasPrefix(ph, "STREAMING-") || strings.Contains(r.Header.Get("Content-Encoding"), "aws-chunked") {
		s.chunked.Add(1)
		n, trailer, err = discardChunked(r.Body, buf)
		s.in.Add(n)
	} else {
		var sum hash.Hash
		if s.opts.VerifyPayloadHash && len(ph) == 64 {
			sum = sha256.New()
		}
		n, err = discard(r.Body, buf, sum)
		s.in.Add(n)
		if err == nil && sum != nil {
			var got [32]byte
			if hex.EncodeToString(sum.Sum(got[:0])) != ph {
				s.mismatches.Add(1)
				writeError(w, 400, "XAmzContentSHA256Mismatch", "The provided 'x-amz-content-sha256' header does not match what was computed.")
				return
			}
		}
	}
	if err != nil {
		writeError(w, 400, "IncompleteBody", err.Error())
		return
	}
	if _, ok := q["uploadId"]; ok {
		s.parts.Add(1)
	} else {
		s.puts.Add(1)
	}
	// Echo a checksum the client sent (header or trailer) without
	// recomputing it: the server is here to cost nothing.
	for k, v := range r.Header {
		if strings.HasPrefix(k, "X-Amz-Checksum-") && k != "X-Amz-Checksum-Algorithm" {
			w.Header()[k] = v
		}
	}
	for k, v := range trailer {
		w.Header().Set(k, v)
	}
	w.Header().Set("ETag", fmt.Sprintf(`"%016x%016x"`, n, crc32.ChecksumIEEE([]byte(r.URL.RawQuery))))
	w.WriteHeader(http.StatusOK)
}

// discard reads body to the end with buf, hashing it into sum when not nil.
func discard(body io.Reader, buf []byte, sum hash.Hash) (int64, error) {
	var n int64
	for {
		m, err := body.Read(buf)
		if m > 0 {
			n += int64(m)
			if sum != nil {
				sum.Write(buf[:m])
			}
		}
		if err == io.EOF {
			return n, nil
		}
		if err != nil {
			return n, err
		}
	}
}

// discardChunked unframes an aws-chunked body without checking signatures,
// returning the data length and the trailers.
func discardChunked(body io.Reader, buf []byte) (int64, map[string]string, error) {
	br := bufio.NewReaderSize(body, 16<<10)
	var n int64
	for {
		line, err := br.ReadString('\n')
		if err != nil {
			return n, nil, errors.New("discardserver: aws-chunked body ended early")
		}
		sz, _, _ := strings.Cut(strings.TrimRight(line, "\r\n"), ";")
		size, err := strconv.ParseInt(sz, 16, 64)
		if err != nil || size < 0 {
			return n, nil, errors.New("discardserver: bad aws-chunked chunk size")
		}
		if size == 0 {
			break
		}
		for size > 0 {
			m, err := br.Read(buf[:min(int64(len(buf)), size)])
			size -= int64(m)
			n += int64(m)
			if err != nil && size > 0 {
				return n, nil, errors.New("discardserver: aws-chunked body ended early")
			}
		}
		if _, err := br.Discard(2); err != nil {
			return n, nil, errors.New("discardserver: aws-chunked body ended early")
		}
	}
	trailer := map[string]string{}
	for {
		line, err := br.ReadString('\n')
		line = strings.TrimRight(line, "\r\n")
		if line == "" || err != nil {
			break
		}
		if k, v, ok := strings.Cut(line, ":"); ok && strings.HasPrefix(strings.ToLower(k), "x-amz-checksum-") {
			trailer[http.CanonicalHeaderKey(k)] = strings.TrimSpace(v)
		}
	}
	drain(br)
	return n, trailer, nil
}

// complete answers CompleteMultipartUpload: the ETag has S3's "-N" form and
// a composite checksum is computed from the part checksums the client
// listed (so a client checking it sees S3's arithmetic), never from data.
func (s *Server) complete(w http.ResponseWriter, r *http.Request, bucket, key string) {
	var in struct {
		Parts []struct {
			PartNumber                                                                     int
			ChecksumCRC32, ChecksumCRC32C, ChecksumCRC64NVME, ChecksumSHA1, ChecksumSHA256 string
		} `xml:"Part"`
	}
	if err := xml.NewDecoder(io.LimitReader(r.Body, 8<<20)).Decode(&in); err != nil || len(in.Parts) == 0 {
		writeError(w, 400, "MalformedXML", "The XML you provided was not well-formed")
		return
	}
	s.completes.Add(1)
	n := strconv.Itoa(len(in.Parts))
	extra := ""
	for _, c := range []struct {
		elem string
		h    func() hash.Hash
		get  func(i int) string
	}{
		{"ChecksumCRC32", func() hash.Hash { return crc32.NewIEEE() }, func(i int) string { return in.Parts[i].ChecksumCRC32 }},
		{"ChecksumCRC32C", func() hash.Hash { return crc32.New(crc32.MakeTable(crc32.Castagnoli)) }, func(i int) string { return in.Parts[i].ChecksumCRC32C }},
		{"ChecksumSHA256", sha256.New, func(i int) string { return in.Parts[i].ChecksumSHA256 }},
	} {
		if c.get(0) == "" {
			continue
		}
		h := c.h()
		for i := range in.Parts {
			raw, _ := base64.StdEncoding.DecodeString(c.get(i))
			h.Write(raw)
		}
		extra = "<" + c.elem + ">" + base64.StdEncoding.EncodeToString(h.Sum(nil)) + "-" + n + "</" + c.elem + ">"
	}
	writeXML(w, "<CompleteMultipartUploadResult><Bucket>"+esc(bucket)+"</Bucket><Key>"+esc(key)+"</Key><ETag>&#34;discard-"+n+"-"+n+"&#34;</ETag>"+extra+"</CompleteMultipartUploadResult>")
}

// get serves a (ranged) GetObject or HeadObject of deterministic data.
func (s *Server) get(w http.ResponseWriter, r *http.Request, bucket, key string) {
	size := s.objectSize(bucket, key)
	if size < 0 {
		writeError(w, 404, "NoSuchKey", "The specified key does not exist.")
		return
	}
	if s.opts.FirstByteDelay > 0 {
		select {
		case <-time.After(s.opts.FirstByteDelay):
		case <-r.Context().Done():
			return
		}
	}
	etag := ETag(size)
	h := w.Header()
	if im := r.Header.Get("If-Match"); im != "" && im != etag && im != "*" {
		writeError(w, 412, "PreconditionFailed", "At least one of the pre-conditions you specified did not hold")
		return
	}
	start, end := int64(0), size-1
	status := http.StatusOK
	if rg := r.Header.Get("Range"); rg != "" {
		spec, ok := strings.CutPrefix(rg, "bytes=")
		a, b, ok2 := strings.Cut(spec, "-")
		if ok && ok2 && a != "" {
			s0, err1 := strconv.ParseInt(a, 10, 64)
			e := size - 1
			var err2 error
			if b != "" {
				e, err2 = strconv.ParseInt(b, 10, 64)
			}
			if err1 == nil && err2 == nil && s0 >= size {
				h.Set("Content-Range", "bytes */"+strconv.FormatInt(size, 10))
				writeError(w, 416, "InvalidRange", "The requested range is not satisfiable")
				return
			}
			if err1 == nil && err2 == nil && e >= s0 {
				start, end, status = s0, min(e, size-1), http.StatusPartialContent
				h.Set("Content-Range", "bytes "+strconv.FormatInt(start, 10)+"-"+strconv.FormatInt(end, 10)+"/"+strconv.FormatInt(size, 10))
			}
		}
	}
	h.Set("ETag", etag)
	h.Set("Last-Modified", lastModified)
	h.Set("Accept-Ranges", "bytes")
	h.Set("Content-Type", "application/octet-stream")
	h.Set("Content-Length", strconv.FormatInt(end-start+1, 10))
	w.WriteHeader(status)
	if r.Method == http.MethodHead {
		return
	}
	s.gets.Add(1)
	n, _ := writeData(w, start, end-start+1)
	s.out.Add(n)
}
