package pipeline

import (
	"bytes"
	"compress/gzip"
	"fmt"
	"io"
	"net/http"
	"sync"

	"github.com/goto3/goto3/protocol"
)

// Request compression limits (botocore 1.43's
// request_min_compression_size_bytes: default 10240, valid 1 to 1048576,
// args.py _validate_min_compression_size; the Smithy SDK guidance allows 0
// to 10485760, botocore is followed).
const (
	DefaultMinCompressionSize = 10240
	MaxMinCompressionSize     = 1 << 20
)

// Compression is the request compression setting of a client (botocore's
// disable_request_compression and request_min_compression_size_bytes).
// The zero value compresses bodies of at least DefaultMinCompressionSize
// bytes.
type Compression struct {
	// Disable turns request compression off.
	Disable bool
	// MinSize is the smallest body compressed, 1 to
	// MaxMinCompressionSize; 0 means DefaultMinCompressionSize.
	MinSize int64
}

func (c Compression) minSize() int64 {
	if c.MinSize == 0 {
		return DefaultMinCompressionSize
	}
	return c.MinSize
}

// validate reports a MinSize outside botocore's range.
func (c Compression) validate() error {
	if c.MinSize < 0 || c.MinSize > MaxMinCompressionSize {
		return fmt.Errorf("goto3: invalid RequestMinCompressionSizeBytes %d: want 1 to %d (0: the default %d)", c.MinSize, MaxMinCompressionSize, DefaultMinCompressionSize)
	}
	return nil
}

// gzipPool holds gzip writers (each holds about 800 KB of state).
var gzipPool = sync.Pool{New: func() any { return gzip.NewWriter(io.Discard) }}

// CompressRequest is the request compression build stage (botocore's
// compress.maybe_compress_request), run after the codec's MarshalRequest
// and before checksums and the payload hash: when op has the
// "requestcompression" trait listing "gzip", compression is not disabled,
// and the serialized body has at least the minimum size, the body is
// replaced by its gzip form (rewindable through GetBody, ContentLength
// updated) and "gzip" is appended to any Content-Encoding the codec set
// ("custom" becomes "custom, gzip", the form of the Smithy protocol tests;
// botocore joins without the space, which HTTP reads the same). Encodings
// other than gzip are skipped, as botocore does. A body the codec did not
// serialize (no GetBody: a caller's stream, whose length may be unknown) is
// never compressed; no generated operation has the trait with a streaming
// input.
func CompressRequest(req *http.Request, op *protocol.Operation, c Compression) error {
	if c.Disable || op == nil || len(op.RequestCompression) == 0 {
		return nil
	}
	if err := c.validate(); err != nil {
		return err
	}
	gz := false
	for _, e := range op.RequestCompression {
		if e == "gzip" {
			gz = true
			break
		}
	}
	if !gz || req.Body == nil || req.Body == http.NoBody || req.GetBody == nil {
		return nil
	}
	if req.ContentLength >= 0 && req.ContentLength < c.minSize() {
		return nil
	}
	rc, err := req.GetBody()
	if err != nil {
		return err
	}
	raw, err := io.ReadAll(rc)
	rc.Close()
	if err != nil {
		return fmt.Errorf("goto3: reading the body to compress: %w", err)
	}
	if int64(len(raw)) < c.minSize() {
		return nil
	}
	var buf bytes.Buffer
	buf.Grow(len(raw)/4 + 64)
	zw := gzipPool.Get().(*gzip.Writer)
	zw.Reset(&buf)
	_, err = zw.Write(raw)
	if err == nil {
		err = zw.Close()
	}
	zw.Reset(io.Discard)
	gzipPool.Put(zw)
	if err != nil {
		return err
	}
	out := buf.Bytes()
	req.Body = io.NopCloser(bytes.NewReader(out))
	req.GetBody = func() (io.ReadCloser, error) { return io.NopCloser(bytes.NewReader(out)), nil }
	req.ContentLength = int64(len(out))
	if prev := req.Header.Get("Content-Encoding"); prev != "" {
		req.Header.Set("Content-Encoding", prev+", gzip")
	} else {
		req.Header.Set("Content-Encoding", "gzip")
	}
	return nil
}
