package sigv4

import (
	"bufio"
	"crypto/hmac"
	"crypto/sha256"
	"encoding/base64"
	"encoding/hex"
	"hash"
	"io"
	"net/http"
	"strconv"
	"strings"
)

// MaxDecodeChunkSize bounds the data of one chunk that a ChunkedDecoder
// accepts (and buffers).
const MaxDecodeChunkSize = 16 << 20

const maxChunkLine = 4096

// DecodeChunked returns a reader of the data of req's aws-chunked body (the
// request v describes, whose X-Amz-Content-Sha256 is one of the Streaming
// constants). Each chunk is released only after its signature is verified,
// chained from v's seed signature; the final chunk and the trailer signature
// are verified too, and the data length against X-Amz-Decoded-Content-Length.
// When checksum is not nil it receives the data and its base64 Sum must equal
// the trailer's value (else a BadDigest error). The decoder reads req.Body; it
// does not close it.
func (v *Verified) DecodeChunked(req *http.Request, checksum hash.Hash) (*ChunkedDecoder, error) {
	d := &ChunkedDecoder{
		br:       bufio.NewReaderSize(req.Body, 64<<10),
		checksum: checksum,
		decoded:  -1,
	}
	switch v.PayloadHash {
	case StreamingPayload:
		d.signed = true
	case StreamingPayloadTrailer:
		d.signed, d.trailer = true, true
	case StreamingUnsignedPayloadTrailer:
		d.trailer = true
	default:
		return nil, verr(CodeAccessDenied, "the payload hash %q is not an aws-chunked stream", truncate(v.PayloadHash, 64))
	}
	if d.signed {
		if v.stream == nil {
			return nil, verr(CodeAccessDenied, "signed chunks need a header-signed request")
		}
		d.stream = v.stream
		d.chunkPrefix = stsPrefix(chunkAlgorithm, v.stream.date[:], v.stream.scope)
		d.trailerPrefix = stsPrefix(trailerAlgorithm, v.stream.date[:], v.stream.scope)
		copy(d.prevSig[:], v.Signature)
		d.hm = *newHMAC()
		d.hm.useKey(d.stream.key)
		d.sha = sha256.New()
	}
	if s := req.Header.Get(HeaderDecodedLength); s != "" {
		n, err := strconv.ParseInt(s, 10, 64)
		if err != nil || n < 0 {
			return nil, verr(CodeIncompleteBody, "malformed X-Amz-Decoded-Content-Length %q", truncate(s, 32))
		}
		d.decoded = n
	}
	d.trailerName = strings.ToLower(req.Header.Get(HeaderTrailer))
	if d.trailer && d.trailerName == "" {
		return nil, verr(CodeMalformedTrailerError, "the stream has a trailer but X-Amz-Trailer is missing")
	}
	return d, nil
}

// ChunkedDecoder reads the data of a verified aws-chunked body. It is not safe
// for concurrent use.
type ChunkedDecoder struct {
	br      *bufio.Reader
	signed  bool
	trailer bool
	stream  *streamKey
	prevSig [64]byte
	hm      hmacSHA256

	chunkPrefix, trailerPrefix []byte
	sha                        hash.Hash
	hexSum                     [64]byte
	checksum                   hash.Hash

	chunk   []byte
	r       int
	total   int64
	decoded int64
	done    bool
	err     error

	trailerName  string
	trailerValue string
}

// Trailer returns the trailing header's name and value once the data has been
// read to io.EOF.
func (d *ChunkedDecoder) Trailer() (name, value string) { return d.trailerName, d.trailerValue }

// Read implements io.Reader. A verification failure is a *VerifyError.
func (d *ChunkedDecoder) Read(p []byte) (int, error) {
	for d.r == len(d.chunk) {
		if d.err != nil {
			return 0, d.err
		}
		if d.done {
			return 0, io.EOF
		}
		if d.err = d.next(); d.err != nil {
			d.chunk, d.r = d.chunk[:0], 0 // nothing unverified is released
		}
	}
	n := copy(p, d.chunk[d.r:])
	d.r += n
	return n, nil
}

func (d *ChunkedDecoder) line() (string, error) {
	b, err := d.br.ReadSlice('\n')
	if err == bufio.ErrBufferFull || len(b) > maxChunkLine {
		return "", verr(CodeIncompleteBody, "aws-chunked line too long")
	}
	if err != nil {
		if err == io.EOF {
			return "", verr(CodeIncompleteBody, "the aws-chunked body ended early")
		}
		return "", err
	}
	if len(b) < 2 || b[len(b)-2] != '\r' {
		return "", verr(CodeIncompleteBody, "aws-chunked line not ended by CRLF")
	}
	return string(b[:len(b)-2]), nil
}

// next reads and verifies one chunk.
func (d *ChunkedDecoder) next() error {
	l, err := d.line()
	if err != nil {
		return err
	}
	sizeHex, ext, hasExt := strings.Cut(l, ";")
	size, perr := strconv.ParseInt(sizeHex, 16, 64)
	if perr != nil || size < 0 || size > MaxDecodeChunkSize || sizeHex == "" || len(sizeHex) > 16 {
		return verr(CodeInvalidChunkSizeError, "malformed chunk size %q", truncate(sizeHex, 32))
	}
	var sig string
	if d.signed {
		var ok bool
		sig, ok = strings.CutPrefix(ext, "chunk-signature=")
		if !hasExt || !ok || len(sig) != 64 {
			return verr(CodeSignatureDoesNotMatch, "chunk without a chunk-signature")
		}
	}
	if d.decoded >= 0 && d.total+size > d.decoded {
		return verr(CodeIncompleteBody, "the chunks hold more data than X-Amz-Decoded-Content-Length")
	}
	if cap(d.chunk) < int(size) {
		d.chunk = make([]byte, size)
	}
	d.chunk, d.r = d.chunk[:size], 0
	if _, err := io.ReadFull(d.br, d.chunk); err != nil {
		if err == io.EOF || err == io.ErrUnexpectedEOF {
			return verr(CodeIncompleteBody, "the aws-chunked body ended inside a chunk")
		}
		return err
	}
	if d.signed {
		d.sha.Reset()
		d.sha.Write(d.chunk)
		hex.Encode(d.hexSum[:], d.sha.Sum(nil))
		if !d.verifyNext(false, sig) {
			return verr(CodeSignatureDoesNotMatch, "the chunk signature does not match")
		}
	}
	d.total += size
	if d.checksum != nil {
		d.checksum.Write(d.chunk)
	}
	if size > 0 {
		if l, err := d.line(); err != nil || l != "" {
			return verr(CodeIncompleteBody, "chunk data not followed by CRLF")
		}
		return nil
	}
	// The final chunk; then the trailer, then an empty line.
	if err := d.finish(); err != nil {
		return err
	}
	d.done = true
	return nil
}

func (d *ChunkedDecoder) finish() error {
	var lines []string
	var trailerSig string
	for {
		l, err := d.line()
		if err != nil {
			return err
		}
		if l == "" {
			break
		}
		if !d.trailer {
			return verr(CodeMalformedTrailerError, "unexpected trailer in a stream without one")
		}
		name, value, ok := strings.Cut(l, ":")
		if !ok {
			return verr(CodeMalformedTrailerError, "malformed trailer line")
		}
		name = strings.ToLower(strings.TrimSpace(name))
		if name == "x-amz-trailer-signature" {
			trailerSig = strings.TrimSpace(value)
			continue
		}
		if trailerSig != "" {
			return verr(CodeMalformedTrailerError, "trailer after the trailer signature")
		}
		lines = append(lines, name+":"+strings.TrimSpace(value))
		if name == d.trailerName {
			d.trailerValue = strings.TrimSpace(value)
		}
	}
	if d.trailer {
		if d.trailerValue == "" {
			return verr(CodeMalformedTrailerError, "the trailer %q announced by X-Amz-Trailer is missing", truncate(d.trailerName, 64))
		}
		if d.signed {
			d.sha.Reset()
			for _, l := range lines {
				io.WriteString(d.sha, l)
				d.sha.Write(newline)
			}
			hex.Encode(d.hexSum[:], d.sha.Sum(nil))
			if len(trailerSig) != 64 || !d.verifyNext(true, trailerSig) {
				return verr(CodeSignatureDoesNotMatch, "the trailer signature does not match")
			}
		}
	}
	if d.decoded >= 0 && d.total != d.decoded {
		return verr(CodeIncompleteBody, "got %d bytes of data, X-Amz-Decoded-Content-Length says %d", d.total, d.decoded)
	}
	if d.checksum != nil && d.trailer {
		want := base64.StdEncoding.EncodeToString(d.checksum.Sum(nil))
		if want != d.trailerValue {
			return verr(CodeBadDigest, "the %s you specified did not match the calculated checksum", truncate(d.trailerName, 64))
		}
	}
	return nil
}

// verifyNext computes the next chained signature over d.hexSum and compares
// it with sig; on success it becomes the previous signature.
func (d *ChunkedDecoder) verifyNext(trailer bool, sig string) bool {
	d.hm.start()
	in := d.hm.inner
	if trailer {
		in.Write(d.trailerPrefix)
	} else {
		in.Write(d.chunkPrefix)
	}
	in.Write(d.prevSig[:])
	in.Write(newline)
	if !trailer {
		in.Write(emptyHashLine)
	}
	in.Write(d.hexSum[:])
	var got [64]byte
	hex.Encode(got[:], d.hm.finish())
	if !hmac.Equal(got[:], []byte(sig)) {
		return false
	}
	d.prevSig = got
	return true
}
