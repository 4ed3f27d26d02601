package sigv4_test

import (
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
	for b.Loop() {
		if err := s.SignHTTP(req, creds, p); err != nil {
			b.Fatal(err)
		}
	}
}
