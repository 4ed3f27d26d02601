package sigv4

import (
	"crypto/sha256"
	"encoding/base64"
	"errors"
	"fmt"
	"hash"
	"io"
	"net/http"
	"strconv"
	"strings"
)

// DefaultChunkSize is the chunk size of aws-chunked bodies unless
// ChunkedOptions says otherwise (S3 recommends at least 64 KiB; it requires at
// least 8 KiB for every chunk but the last).
const DefaultChunkSize = 64 << 10

const (
	chunkSigPrefix   = ";chunk-signature="
	trailerSigPrefix = "x-amz-trailer-signature:"
	chunkAlgorithm   = "AWS4-HMAC-SHA256-PAYLOAD"
	trailerAlgorithm = "AWS4-HMAC-SHA256-TRAILER"
	maxChunkHeader   = 16 + len(chunkSigPrefix) + 64 + 2 // hex size, signature, CRLF
)

var newline = []byte{'\n'}

// ChunkedOptions describe an aws-chunked body.
type ChunkedOptions struct {
	// ChunkSize is the number of data bytes per chunk (the last may be
	// shorter); 0 means DefaultChunkSize.
	ChunkSize int
	// Unsigned selects STREAMING-UNSIGNED-PAYLOAD-TRAILER: chunks carry no
	// signature, and a trailer (TrailerHeader and Checksum) is required.
	// Otherwise chunks are signed: STREAMING-AWS4-HMAC-SHA256-PAYLOAD, or
	// STREAMING-AWS4-HMAC-SHA256-PAYLOAD-TRAILER when there is a trailer.
	Unsigned bool
	// TrailerHeader names the trailing checksum header, for example
	// "x-amz-checksum-crc32"; "" sends no trailer.
	TrailerHeader string
	// Checksum computes the trailer's value (the base64 of its Sum) over the
	// decoded data: hash/crc32 (IEEE or Castagnoli), a CRC64NVME, crypto/sha1 or
	// crypto/sha256. It must be new (or Reset); the reader writes every data
	// byte to it.
	Checksum hash.Hash
}

func (co *ChunkedOptions) chunkSize() int {
	if co.ChunkSize <= 0 {
		return DefaultChunkSize
	}
	return co.ChunkSize
}

func (co *ChunkedOptions) payloadHash() string {
	switch {
	case co.Unsigned:
		return StreamingUnsignedPayloadTrailer
	case co.TrailerHeader != "":
		return StreamingPayloadTrailer
	}
	return StreamingPayload
}

func (co *ChunkedOptions) check() error {
	if (co.TrailerHeader == "") != (co.Checksum == nil) {
		return errors.New("sigv4: ChunkedOptions.TrailerHeader and Checksum must be set together")
	}
	if co.Unsigned && co.TrailerHeader == "" {
		return errors.New("sigv4: STREAMING-UNSIGNED-PAYLOAD-TRAILER needs a trailer (TrailerHeader and Checksum)")
	}
	if strings.ContainsAny(co.TrailerHeader, ":\r\n ") {
		return fmt.Errorf("sigv4: invalid trailer header name %q", co.TrailerHeader)
	}
	return nil
}

// hexLen is the number of hex digits of n (n >= 0).
func hexLen(n int64) int64 {
	l := int64(1)
	for n >= 16 {
		n >>= 4
		l++
	}
	return l
}

// ChunkedLength returns the encoded length (the Content-Length) of an
// aws-chunked body carrying decodedLen bytes of data.
func ChunkedLength(decodedLen int64, co ChunkedOptions) (int64, error) {
	if decodedLen < 0 {
		return 0, errors.New("sigv4: negative decoded content length")
	}
	if err := co.check(); err != nil {
		return 0, err
	}
	size := int64(co.chunkSize())
	sigLen := int64(len(chunkSigPrefix) + 64)
	if co.Unsigned {
		sigLen = 0
	}
	chunk := func(n int64) int64 { return hexLen(n) + sigLen + 2 + n + 2 }
	full := decodedLen / size
	total := full * chunk(size)
	if rest := decodedLen % size; rest > 0 {
		total += chunk(rest)
	}
	total += 1 + sigLen + 2 // final zero-length chunk header
	if co.TrailerHeader != "" {
		total += int64(len(co.TrailerHeader) + 1 + base64.StdEncoding.EncodedLen(co.Checksum.Size()) + 2)
		if !co.Unsigned {
			total += int64(len(trailerSigPrefix) + 64 + 2)
		}
	}
	return total + 2, nil
}

// SignChunked prepares req to upload body as an aws-chunked stream of
// decodedLen bytes and signs it (the seed signature). It sets
// Content-Encoding (aws-chunked, before any existing coding),
// X-Amz-Decoded-Content-Length, X-Amz-Trailer when there is a trailer,
// X-Amz-Content-Sha256 (the streaming payload constant) and req.ContentLength
// (the exact encoded length), then replaces req.Body with the returned reader,
// which signs each chunk as it is read. req.GetBody is cleared: to retry,
// rewind the source and call SignChunked again.
//
// Exactly decodedLen bytes are read from body; fewer is an error. Closing the
// reader closes body if it is an io.Closer.
func (s *Signer) SignChunked(req *http.Request, creds Credentials, p Params, body io.Reader, decodedLen int64, co ChunkedOptions, optFns ...func(*Options)) (*ChunkedReader, error) {
	if err := validate(req, creds, &p); err != nil {
		return nil, err
	}
	length, err := ChunkedLength(decodedLen, co)
	if err != nil {
		return nil, err
	}
	if req.Header == nil {
		req.Header = make(http.Header)
	}
	h := req.Header
	enc := "aws-chunked"
	if v := h.Values("Content-Encoding"); len(v) > 0 && !strings.HasPrefix(v[0], "aws-chunked") {
		enc += "," + strings.Join(v, ",")
	} else if len(v) > 0 {
		enc = strings.Join(v, ",")
	}
	h.Set("Content-Encoding", enc)
	h.Set(HeaderDecodedLength, strconv.FormatInt(decodedLen, 10))
	trailer := strings.ToLower(co.TrailerHeader)
	if trailer != "" {
		h.Set(HeaderTrailer, trailer)
	} else {
		h.Del(HeaderTrailer)
	}
	if _, ok := h["Content-Length"]; ok {
		h.Set("Content-Length", strconv.FormatInt(length, 10))
	}
	req.ContentLength = length
	p.PayloadHash = co.payloadHash()
	o := s.options(optFns)
	o.AddPayloadHashHeader = true
	ds := s.amzDate(p.Time)
	date := ds.d
	seed, err := s.signHTTP(req, creds, &p, &o, p.PayloadHash, ds, nil)
	if err != nil {
		return nil, err
	}
	cr := &ChunkedReader{
		src:       body,
		remaining: decodedLen,
		size:      co.chunkSize(),
		unsigned:  co.Unsigned,
		trailer:   trailer,
		checksum:  co.Checksum,
		seed:      seed,
		prevSig:   seed,
		hm:        *newHMAC(),
		sha:       sha256.New(),
	}
	scope := string(appendScope(nil, date[:], p.Region, p.Service))
	cr.chunkPrefix = stsPrefix(chunkAlgorithm, date[:], scope)
	cr.trailerPrefix = stsPrefix(trailerAlgorithm, date[:], scope)
	if !co.Unsigned {
		cr.hm.useKey(s.cache.get(&cr.hm, creds.SecretAccessKey, [8]byte(date[:8]), p.Region, p.Service))
	}
	cr.buf = make([]byte, maxChunkHeader+cr.size+2)
	req.Body = cr
	req.GetBody = nil
	return cr, nil
}

// ChunkedReader is an aws-chunked body: it reads the data from its source and
// yields the encoded chunks, signing each (chained from the seed signature)
// unless the stream is unsigned, then the final chunk and the trailer. After
// construction it allocates nothing. It is not safe for concurrent use.
type ChunkedReader struct {
	src       io.Reader
	remaining int64
	size      int
	unsigned  bool
	trailer   string
	checksum  hash.Hash
	seed      [64]byte
	prevSig   [64]byte
	hm        hmacSHA256

	chunkPrefix, trailerPrefix []byte // see stsPrefix
	sha                        hash.Hash
	sum                        [sha256.Size]byte
	hexSum                     [64]byte

	buf  []byte
	r, w int
	done bool
	err  error
}

// SeedSignature returns the signature of the request headers, which the first
// chunk's signature chains from.
func (c *ChunkedReader) SeedSignature() string { return string(c.seed[:]) }

// Read implements io.Reader.
func (c *ChunkedReader) Read(p []byte) (int, error) {
	for c.r == c.w {
		if c.err != nil {
			return 0, c.err
		}
		if c.done {
			c.err = io.EOF
			return 0, io.EOF
		}
		c.fill()
	}
	n := copy(p, c.buf[c.r:c.w])
	c.r += n
	return n, nil
}

// WriteTo implements io.WriterTo, writing each encoded chunk straight from the
// reader's buffer.
func (c *ChunkedReader) WriteTo(w io.Writer) (int64, error) {
	var total int64
	for {
		if c.r < c.w {
			n, err := w.Write(c.buf[c.r:c.w])
			total += int64(n)
			c.r += n
			if err != nil {
				return total, err
			}
			continue
		}
		if c.err != nil {
			if c.err == io.EOF {
				return total, nil
			}
			return total, c.err
		}
		if c.done {
			c.err = io.EOF
			continue
		}
		c.fill()
	}
}

// Close closes the source if it is an io.Closer.
func (c *ChunkedReader) Close() error {
	if cl, ok := c.src.(io.Closer); ok {
		return cl.Close()
	}
	return nil
}

// fill encodes the next chunk (or the final chunk and trailer) into buf.
func (c *ChunkedReader) fill() {
	if c.remaining > 0 {
		n := c.size
		if int64(n) > c.remaining {
			n = int(c.remaining)
		}
		data := c.buf[maxChunkHeader : maxChunkHeader+n]
		if _, err := io.ReadFull(c.src, data); err != nil {
			if err == io.EOF || err == io.ErrUnexpectedEOF {
				err = errors.New("sigv4: aws-chunked source ended before the decoded content length")
			}
			c.err = err
			return
		}
		c.remaining -= int64(n)
		if c.checksum != nil {
			c.checksum.Write(data)
		}
		var hb [maxChunkHeader]byte
		h := c.chunkHeader(hb[:0], data)
		start := maxChunkHeader - len(h)
		copy(c.buf[start:], h)
		end := maxChunkHeader + n
		c.buf[end], c.buf[end+1] = '\r', '\n'
		c.r, c.w = start, end+2
		return
	}
	// The final zero-length chunk, then the trailer, then an empty line.
	b := c.chunkHeader(c.buf[:0], nil)
	if c.trailer != "" {
		line0 := len(b)
		b = append(b, c.trailer...)
		b = append(b, ':')
		sum := c.checksum.Sum(c.sum[:0])
		b = base64.StdEncoding.AppendEncode(b, sum)
		if !c.unsigned {
			// The trailer is signed with "\n" ending its line.
			c.sha.Reset()
			c.sha.Write(b[line0:])
			c.sha.Write(newline)
			encodeHex(c.hexSum[:], c.sha.Sum(c.sum[:0]))
			b = append(b, '\r', '\n')
			b = append(b, trailerSigPrefix...)
			c.signNext(true)
			b = append(b, c.prevSig[:]...)
		}
		b = append(b, '\r', '\n')
	}
	b = append(b, '\r', '\n')
	c.buf = b[:cap(b)]
	c.r, c.w = 0, len(b)
	c.done = true
}

// chunkHeader appends "<hex size>[;chunk-signature=<sig>]\r\n" for data.
func (c *ChunkedReader) chunkHeader(dst []byte, data []byte) []byte {
	dst = strconv.AppendInt(dst, int64(len(data)), 16)
	if !c.unsigned {
		c.sha.Reset()
		c.sha.Write(data)
		encodeHex(c.hexSum[:], c.sha.Sum(c.sum[:0]))
		c.signNext(false)
		dst = append(dst, chunkSigPrefix...)
		dst = append(dst, c.prevSig[:]...)
	}
	return append(dst, '\r', '\n')
}

// signNext sets prevSig to the signature of the string to sign
// algo\ndate\nscope\nprevSig\n[EmptyPayloadHash\n]hexSum, algo being the
// chunk or the trailer algorithm.
func (c *ChunkedReader) signNext(trailer bool) {
	c.hm.start()
	in := c.hm.inner
	if trailer {
		in.Write(c.trailerPrefix)
	} else {
		in.Write(c.chunkPrefix)
	}
	in.Write(c.prevSig[:])
	in.Write(newline)
	if !trailer {
		in.Write(emptyHashLine)
	}
	in.Write(c.hexSum[:])
	encodeHex(c.prevSig[:], c.hm.finish())
}

// emptyHashLine is the fifth line of a chunk's string to sign.
var emptyHashLine = []byte(EmptyPayloadHash + "\n")

// stsPrefix returns "algo\ndate\nscope\n", the fixed start of the strings to
// sign of chunks and trailers.
func stsPrefix(algo string, date []byte, scope string) []byte {
	b := make([]byte, 0, len(algo)+len(date)+len(scope)+3)
	b = append(b, algo...)
	b = append(b, '\n')
	b = append(b, date...)
	b = append(b, '\n')
	b = append(b, scope...)
	return append(b, '\n')
}
