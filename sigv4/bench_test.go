package sigv4_test

import (
	"crypto/ecdsa"
	"crypto/sha256"
	"hash/crc32"
	"io"
	"net/http"
	"net/url"
	"testing"
	"time"

	"github.com/goto3/goto3/sigv4"
)

// BenchmarkSignHTTPGetObject signs an S3 GetObject-like request (Host, Range
// and three x-amz headers: date, content-sha256, security-token) with the
// signing key cached. The request is re-signed each iteration, as the retry
// loop does.
func BenchmarkSignHTTPGetObject(b *testing.B) {
	s := sigv4.NewSigner(sigv4.S3Options)
	creds := sigv4.Credentials{AccessKeyID: "AKIAIOSFODNN7EXAMPLE", SecretAccessKey: "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY", SessionToken: "FwoGZXIvYXdzEBYaDKHsY1T3VQdeExampleTokenValue"}
	req := &http.Request{
		Method: http.MethodGet,
		URL:    &url.URL{Scheme: "https", Host: "examplebucket.s3.amazonaws.com", Path: "/photos/2006/February/sample.jpg"},
		Host:   "examplebucket.s3.amazonaws.com",
		Header: http.Header{"Range": {"bytes=0-9"}},
	}
	p := sigv4.Params{Service: "s3", Region: "us-east-1", Time: time.Date(2013, 5, 24, 0, 0, 0, 0, time.UTC), PayloadHash: sigv4.EmptyPayloadHash}
	if err := s.SignHTTP(req, creds, p); err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	b.ResetTimer()
	cpu := threadCPU()
	for b.Loop() {
		if err := s.SignHTTP(req, creds, p); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(cpu())/float64(b.N), "cpu-ns/op")
}

// BenchmarkSignHTTPGetObjectNewSecond is BenchmarkSignHTTPGetObject with
// the signing time one second later each iteration, so that X-Amz-Date and
// Authorization change every time (nothing set before can be kept).
func BenchmarkSignHTTPGetObjectNewSecond(b *testing.B) {
	s := sigv4.NewSigner(sigv4.S3Options)
	creds := sigv4.Credentials{AccessKeyID: "AKIAIOSFODNN7EXAMPLE", SecretAccessKey: "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY", SessionToken: "FwoGZXIvYXdzEBYaDKHsY1T3VQdeExampleTokenValue"}
	req := &http.Request{
		Method: http.MethodGet,
		URL:    &url.URL{Scheme: "https", Host: "examplebucket.s3.amazonaws.com", Path: "/photos/2006/February/sample.jpg"},
		Host:   "examplebucket.s3.amazonaws.com",
		Header: http.Header{"Range": {"bytes=0-9"}},
	}
	p := sigv4.Params{Service: "s3", Region: "us-east-1", Time: time.Date(2013, 5, 24, 0, 0, 0, 0, time.UTC), PayloadHash: sigv4.EmptyPayloadHash}
	if err := s.SignHTTP(req, creds, p); err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	b.ResetTimer()
	cpu := threadCPU()
	for b.Loop() {
		// Stays within one day: the signing key stays cached.
		p.Time = p.Time.Add(time.Second)
		if p.Time.Hour() == 23 {
			p.Time = p.Time.Add(-23 * time.Hour)
		}
		if err := s.SignHTTP(req, creds, p); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(cpu())/float64(b.N), "cpu-ns/op")
}

// BenchmarkPresignGetObject presigns an S3 GET for an hour.
func BenchmarkPresignGetObject(b *testing.B) {
	s := sigv4.NewSigner(sigv4.S3Options)
	creds := sigv4.Credentials{AccessKeyID: "AKIAIOSFODNN7EXAMPLE", SecretAccessKey: "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY"}
	req := &http.Request{
		Method: http.MethodGet,
		URL:    &url.URL{Scheme: "https", Host: "examplebucket.s3.amazonaws.com", Path: "/photos/2006/February/sample.jpg"},
		Host:   "examplebucket.s3.amazonaws.com",
		Header: http.Header{},
	}
	p := sigv4.Params{Service: "s3", Region: "us-east-1", Time: time.Date(2013, 5, 24, 0, 0, 0, 0, time.UTC), PayloadHash: sigv4.UnsignedPayload}
	b.ReportAllocs()
	for b.Loop() {
		if _, _, err := s.PresignHTTP(req, creds, p, time.Hour); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkVerifyGetObject verifies the request of BenchmarkSignHTTPGetObject.
func BenchmarkVerifyGetObject(b *testing.B) {
	s := sigv4.NewSigner(sigv4.S3Options)
	creds := sigv4.Credentials{AccessKeyID: "AKIAIOSFODNN7EXAMPLE", SecretAccessKey: "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY"}
	req := &http.Request{
		Method: http.MethodGet,
		URL:    &url.URL{Scheme: "https", Host: "examplebucket.s3.amazonaws.com", Path: "/photos/2006/February/sample.jpg"},
		Host:   "examplebucket.s3.amazonaws.com",
		Header: http.Header{"Range": {"bytes=0-9"}},
	}
	now := time.Date(2013, 5, 24, 0, 0, 0, 0, time.UTC)
	if err := s.SignHTTP(req, creds, sigv4.Params{Service: "s3", Region: "us-east-1", Time: now, PayloadHash: sigv4.EmptyPayloadHash}); err != nil {
		b.Fatal(err)
	}
	vo := sigv4.VerifyOptions{Lookup: func(string) (sigv4.Credentials, bool) { return creds, true }, Now: now, Signer: s}
	b.ReportAllocs()
	for b.Loop() {
		if _, err := sigv4.Verify(req, vo); err != nil {
			b.Fatal(err)
		}
	}
}

// zeros is an endless source of zero bytes that allocates nothing.
type zeros struct{}

func (zeros) Read(p []byte) (int, error) {
	clear(p)
	return len(p), nil
}

const benchChunk = 64 << 10

// BenchmarkChunkedSigning measures aws-chunked signing per 64 KiB chunk
// (SHA-256 of the data, the chained HMAC-SHA256, the framing); compare with
// BenchmarkSHA256Chunk. "writeto" is the path net/http takes (io.Copy uses
// WriteTo) from a source that costs nothing, so it measures the signing
// alone; "read" also copies each chunk out through Read, from a source that
// zero-fills.
func BenchmarkChunkedSigning(b *testing.B) {
	for _, bc := range []struct {
		name string
		co   sigv4.ChunkedOptions
	}{
		{"signed", sigv4.ChunkedOptions{ChunkSize: benchChunk}},
		{"signed-trailer-crc32", sigv4.ChunkedOptions{ChunkSize: benchChunk, TrailerHeader: "x-amz-checksum-crc32", Checksum: crc32.NewIEEE()}},
	} {
		newReader := func(b *testing.B, src io.Reader, n int64) *sigv4.ChunkedReader {
			s := sigv4.NewSigner(sigv4.S3Options)
			creds := sigv4.Credentials{AccessKeyID: "AKIAIOSFODNN7EXAMPLE", SecretAccessKey: "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY"}
			req, _ := http.NewRequest("PUT", "https://s3.amazonaws.com/examplebucket/big", nil)
			p := sigv4.Params{Service: "s3", Region: "us-east-1", Time: time.Date(2013, 5, 24, 0, 0, 0, 0, time.UTC)}
			cr, err := s.SignChunked(req, creds, p, src, n, bc.co)
			if err != nil {
				b.Fatal(err)
			}
			return cr
		}
		b.Run(bc.name+"/writeto", func(b *testing.B) {
			cr := newReader(b, free{}, int64(b.N)*benchChunk)
			b.SetBytes(benchChunk)
			b.ReportAllocs()
			b.ResetTimer()
			if _, err := cr.WriteTo(io.Discard); err != nil {
				b.Fatal(err)
			}
		})
		b.Run(bc.name+"/read", func(b *testing.B) {
			cr := newReader(b, zeros{}, 1<<40)
			buf := make([]byte, benchChunk+256)
			b.SetBytes(benchChunk)
			b.ReportAllocs()
			for b.Loop() {
				// Read exactly one encoded chunk: header, data and CRLF.
				if _, err := io.ReadFull(cr, buf[:chunkEncodedLen]); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// free is a source whose data costs nothing to produce (it leaves the buffer
// as it is), so that benchmarks measure the signing alone.
type free struct{}

func (free) Read(p []byte) (int, error) { return len(p), nil }

// chunkEncodedLen is the encoded size of one signed 64 KiB chunk:
// "10000;chunk-signature=<64 hex>\r\n" + data + "\r\n".
const chunkEncodedLen = 5 + 17 + 64 + 2 + benchChunk + 2

// BenchmarkSHA256Chunk is the baseline of BenchmarkChunkedSigning: plain
// crypto/sha256 over the same 64 KiB chunks.
func BenchmarkSHA256Chunk(b *testing.B) {
	data := make([]byte, benchChunk)
	h := sha256.New()
	var sum [32]byte
	b.SetBytes(benchChunk)
	b.ReportAllocs()
	for b.Loop() {
		h.Reset()
		h.Write(data)
		h.Sum(sum[:0])
	}
}

// BenchmarkSignHTTPV4aGetObject signs the request of
// BenchmarkSignHTTPGetObject with SigV4a for every region ("*"), the ECDSA
// key cached: "random" with crypto/rand (the default), "deterministic" with
// Options.DeterministicECDSA (RFC 6979).
func BenchmarkSignHTTPV4aGetObject(b *testing.B) {
	for _, bc := range []struct {
		name string
		opts []func(*sigv4.Options)
	}{
		{"random", []func(*sigv4.Options){sigv4.S3Options}},
		{"deterministic", []func(*sigv4.Options){sigv4.S3Options, func(o *sigv4.Options) { o.DeterministicECDSA = true }}},
	} {
		b.Run(bc.name, func(b *testing.B) {
			s := sigv4.NewSigner(bc.opts...)
			creds := sigv4.Credentials{AccessKeyID: "AKIAIOSFODNN7EXAMPLE", SecretAccessKey: "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY", SessionToken: "FwoGZXIvYXdzEBYaDKHsY1T3VQdeExampleTokenValue"}
			req := &http.Request{
				Method: http.MethodGet,
				URL:    &url.URL{Scheme: "https", Host: "mfzwi23gnjvgw.mrap.accesspoint.s3-global.amazonaws.com", Path: "/photos/2006/February/sample.jpg"},
				Host:   "mfzwi23gnjvgw.mrap.accesspoint.s3-global.amazonaws.com",
				Header: http.Header{"Range": {"bytes=0-9"}},
			}
			p := sigv4.Params{Service: "s3", RegionSet: []string{"*"}, Time: time.Date(2013, 5, 24, 0, 0, 0, 0, time.UTC), PayloadHash: sigv4.EmptyPayloadHash}
			if err := s.SignHTTPV4a(req, creds, p); err != nil {
				b.Fatal(err)
			}
			b.ReportAllocs()
			b.ResetTimer()
			cpu := threadCPU()
			for b.Loop() {
				if err := s.SignHTTPV4a(req, creds, p); err != nil {
					b.Fatal(err)
				}
			}
			b.ReportMetric(float64(cpu())/float64(b.N), "cpu-ns/op")
		})
	}
}

// BenchmarkPresignV4aGetObject presigns an S3 GET with SigV4a for an hour.
func BenchmarkPresignV4aGetObject(b *testing.B) {
	s := sigv4.NewSigner(sigv4.S3Options)
	creds := sigv4.Credentials{AccessKeyID: "AKIAIOSFODNN7EXAMPLE", SecretAccessKey: "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY"}
	req := &http.Request{
		Method: http.MethodGet,
		URL:    &url.URL{Scheme: "https", Host: "mfzwi23gnjvgw.mrap.accesspoint.s3-global.amazonaws.com", Path: "/photos/2006/February/sample.jpg"},
		Host:   "mfzwi23gnjvgw.mrap.accesspoint.s3-global.amazonaws.com",
		Header: http.Header{},
	}
	p := sigv4.Params{Service: "s3", RegionSet: []string{"*"}, Time: time.Date(2013, 5, 24, 0, 0, 0, 0, time.UTC), PayloadHash: sigv4.UnsignedPayload}
	b.ReportAllocs()
	for b.Loop() {
		if _, _, err := s.PresignHTTPV4a(req, creds, p, time.Hour); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkVerifyV4aGetObject verifies a SigV4a GET with the public key.
func BenchmarkVerifyV4aGetObject(b *testing.B) {
	s := sigv4.NewSigner(sigv4.S3Options)
	creds := sigv4.Credentials{AccessKeyID: "AKIAIOSFODNN7EXAMPLE", SecretAccessKey: "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY"}
	key, err := sigv4.DeriveKeyV4a(creds)
	if err != nil {
		b.Fatal(err)
	}
	req := &http.Request{
		Method: http.MethodGet,
		URL:    &url.URL{Scheme: "https", Host: "mfzwi23gnjvgw.mrap.accesspoint.s3-global.amazonaws.com", Path: "/photos/2006/February/sample.jpg"},
		Host:   "mfzwi23gnjvgw.mrap.accesspoint.s3-global.amazonaws.com",
		Header: http.Header{"Range": {"bytes=0-9"}},
	}
	now := time.Date(2013, 5, 24, 0, 0, 0, 0, time.UTC)
	if err := s.SignHTTPV4a(req, creds, sigv4.Params{Service: "s3", RegionSet: []string{"*"}, Time: now, PayloadHash: sigv4.EmptyPayloadHash}); err != nil {
		b.Fatal(err)
	}
	vo := sigv4.VerifyOptions{PublicKey: func(string) (*ecdsa.PublicKey, bool) { return &key.PublicKey, true }, Now: now, Signer: s}
	b.ReportAllocs()
	for b.Loop() {
		if _, err := sigv4.Verify(req, vo); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkDeriveKeyV4a derives a SigV4a key pair (what a Signer does once
// per credentials).
func BenchmarkDeriveKeyV4a(b *testing.B) {
	creds := sigv4.Credentials{AccessKeyID: "AKIAIOSFODNN7EXAMPLE", SecretAccessKey: "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY"}
	b.ReportAllocs()
	for b.Loop() {
		if _, err := sigv4.DeriveKeyV4a(creds); err != nil {
			b.Fatal(err)
		}
	}
}
