package faultserver

import (
	"bufio"
	"bytes"
	"crypto/hmac"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"io"
	"strconv"
	"strings"
)

// This file decodes aws-chunked bodies (Amazon S3 API Reference, "Signature
// Calculations for the Authorization Header: Transferring Payload in Multiple
// Chunks" and "... with trailing checksums"). It is written independently of
// package sigv4's encoder, so that the two check each other: framing
//
//	<hex size>[;chunk-signature=<sig>]\r\n<data>\r\n ... 0[;chunk-signature=<sig>]\r\n
//	[<trailer>:<value>\r\n[x-amz-trailer-signature:<sig>\r\n]]\r\n
//
// with each chunk's signature the HMAC of
// "AWS4-HMAC-SHA256-PAYLOAD\n<amz date>\n<scope>\n<previous sig>\n<sha256 of ''>\n<sha256 of data>"
// under the request's signing key, chained from the seed (header) signature,
// and the trailer's that of
// "AWS4-HMAC-SHA256-TRAILER\n<amz date>\n<scope>\n<previous sig>\n<sha256 of the trailer lines ending in \n>".

const (
	emptySHA256  = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"
	minChunkSize = 8 << 10 // S3: every chunk but the last carries at least 8 KiB
	maxChunkSize = 64 << 20
	maxLine      = 4 << 10
)

// chunkSigner verifies a chain of chunk signatures.
type chunkSigner struct {
	key   []byte
	date  string // X-Amz-Date
	scope string // yyyymmdd/region/service/aws4_request
	prev  string // the previous signature (the seed at first)
}

func hmacSHA256(key []byte, msg string) []byte {
	m := hmac.New(sha256.New, key)
	io.WriteString(m, msg)
	return m.Sum(nil)
}

// signingKey derives the SigV4 signing key.
func signingKey(secret, date8, region, service string) []byte {
	k := hmacSHA256([]byte("AWS4"+secret), date8)
	k = hmacSHA256(k, region)
	k = hmacSHA256(k, service)
	return hmacSHA256(k, "aws4_request")
}

// next checks sig against the string to sign of one chunk or trailer and
// moves the chain on.
func (c *chunkSigner) next(algo, sig string, hashes ...string) bool {
	sts := algo + "\n" + c.date + "\n" + c.scope + "\n" + c.prev + "\n" + strings.Join(hashes, "\n")
	want := hex.EncodeToString(hmacSHA256(c.key, sts))
	if !hmac.Equal([]byte(want), []byte(sig)) {
		return false
	}
	c.prev = sig
	return true
}

// chunkedMode is how an aws-chunked body is framed and signed.
type chunkedMode struct {
	signed  bool // chunks carry signatures
	trailer bool // a trailer follows the last chunk
}

func errIncompleteBody() *s3Error {
	return &s3Error{Status: 400, Code: "IncompleteBody", Message: "The request body terminated unexpectedly"}
}

func errChunkSignature() *s3Error {
	return &s3Error{Status: 403, Code: "SignatureDoesNotMatch", Message: "The request signature we calculated does not match the signature you provided. Check your key and signing method. (chunk signature)"}
}

func errChunkFormat(msg string) *s3Error {
	return &s3Error{Status: 400, Code: "InvalidChunkSizeError", Message: msg}
}

// readLine reads one CRLF-terminated line of at most maxLine bytes.
func readLine(br *bufio.Reader) (string, *s3Error) {
	var b []byte
	for {
		frag, err := br.ReadSlice('\n')
		b = append(b, frag...)
		if err == nil {
			break
		}
		if errors.Is(err, bufio.ErrBufferFull) && len(b) <= maxLine {
			continue
		}
		if len(b) > maxLine {
			return "", errChunkFormat("chunk header line too long")
		}
		return "", errIncompleteBody()
	}
	if len(b) < 2 || b[len(b)-2] != '\r' {
		return "", errChunkFormat("chunk line not terminated by CRLF")
	}
	return string(b[:len(b)-2]), nil
}

// decodeChunked reads an aws-chunked body from br, writes the decoded data to
// w and returns the trailer headers (lower-case names). cs is nil when chunks
// are unsigned.
func decodeChunked(br *bufio.Reader, w io.Writer, mode chunkedMode, cs *chunkSigner, maxSize int64) (map[string]string, *s3Error) {
	var total int64
	var buf []byte
	lastSize := -1
	for {
		line, e := readLine(br)
		if e != nil {
			return nil, e
		}
		sizeHex, ext, hasExt := strings.Cut(line, ";")
		size, err := strconv.ParseInt(sizeHex, 16, 64)
		if err != nil || size < 0 || size > maxChunkSize {
			return nil, errChunkFormat("invalid chunk size " + strconv.Quote(truncate(sizeHex, 20)))
		}
		if lastSize >= 0 && lastSize < minChunkSize && size > 0 {
			return nil, errChunkFormat("only the last chunk may be smaller than 8192 bytes")
		}
		lastSize = int(size)
		var sig string
		if mode.signed {
			s, ok := strings.CutPrefix(ext, "chunk-signature=")
			if !hasExt || !ok {
				return nil, &s3Error{Status: 400, Code: "IncompleteSignature", Message: "the chunk has no chunk-signature"}
			}
			sig = s
		} else if hasExt {
			return nil, errChunkFormat("unexpected chunk extension in an unsigned aws-chunked body")
		}
		if total+size > maxSize {
			return nil, errEntityTooLarge(maxSize)
		}
		if cap(buf) < int(size) {
			buf = make([]byte, size)
		}
		data := buf[:size]
		if _, err := io.ReadFull(br, data); err != nil {
			return nil, errIncompleteBody()
		}
		if cs != nil {
			h := sha256.Sum256(data)
			if !cs.next("AWS4-HMAC-SHA256-PAYLOAD", sig, emptySHA256, hex.EncodeToString(h[:])) {
				return nil, errChunkSignature()
			}
		}
		if size == 0 {
			break
		}
		w.Write(data)
		total += size
		if crlf, e := readLine(br); e != nil || crlf != "" {
			if e == nil {
				e = errChunkFormat("chunk data not followed by CRLF")
			}
			return nil, e
		}
	}
	// Trailer lines, then an empty line.
	trailers := map[string]string{}
	var signedTrailer bytes.Buffer
	for {
		line, e := readLine(br)
		if e != nil {
			return nil, e
		}
		if line == "" {
			break
		}
		name, value, ok := strings.Cut(line, ":")
		if !ok {
			return nil, &s3Error{Status: 400, Code: "MalformedTrailerError", Message: "The request contained trailing data that was not well-formed"}
		}
		name = strings.ToLower(strings.TrimSpace(name))
		if name == "x-amz-trailer-signature" {
			if cs == nil || !mode.trailer {
				return nil, &s3Error{Status: 400, Code: "MalformedTrailerError", Message: "unexpected trailer signature"}
			}
			h := sha256.Sum256(signedTrailer.Bytes())
			if !cs.next("AWS4-HMAC-SHA256-TRAILER", strings.TrimSpace(value), hex.EncodeToString(h[:])) {
				return nil, errChunkSignature()
			}
			trailers[name] = value
			continue
		}
		if !mode.trailer {
			return nil, &s3Error{Status: 400, Code: "MalformedTrailerError", Message: "trailer sent without x-amz-trailer"}
		}
		signedTrailer.WriteString(line)
		signedTrailer.WriteByte('\n')
		trailers[name] = strings.TrimSpace(value)
	}
	if mode.trailer && cs != nil && trailers["x-amz-trailer-signature"] == "" {
		return nil, &s3Error{Status: 400, Code: "MalformedTrailerError", Message: "the trailer signature is missing"}
	}
	return trailers, nil
}

func errEntityTooLarge(max int64) *s3Error {
	return &s3Error{Status: 400, Code: "EntityTooLarge", Message: "Your proposed upload exceeds the maximum allowed size", Extra: [][2]string{{"MaxSizeAllowed", strconv.FormatInt(max, 10)}}}
}

func truncate(s string, n int) string {
	if len(s) > n {
		return s[:n] + "..."
	}
	return s
}
