package sigv4_test

import (
	"crypto/sha256"
	"net/http"
	"net/url"
	"os"
	"syscall"
	"testing"
	"time"

	"github.com/goto3/goto3/sigv4"
)

func cpuNow() time.Duration {
	var ru syscall.Rusage
	syscall.Getrusage(syscall.RUSAGE_SELF, &ru)
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

func TestAdhocCPU(t *testing.T) {
	if os.Getenv("ADHOC") == "" {
		t.Skip()
	}
	s := sigv4.NewSigner(sigv4.S3Options)
	creds := sigv4.Credentials{AccessKeyID: "AKIAIOSFODNN7EXAMPLE", SecretAccessKey: "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY", SessionToken: "FwoGZXIvYXdzEBYaDKHsY1T3VQdeExampleTokenValue"}
	req := &http.Request{Method: "GET", URL: &url.URL{Scheme: "https", Host: "examplebucket.s3.amazonaws.com", Path: "/photos/2006/February/sample.jpg"}, Host: "examplebucket.s3.amazonaws.com", Header: http.Header{"Range": {"bytes=0-9"}}}
	p := sigv4.Params{Service: "s3", Region: "us-east-1", Time: time.Date(2013, 5, 24, 0, 0, 0, 0, time.UTC), PayloadHash: sigv4.EmptyPayloadHash}
	const n = 300000
	for round := 0; round < 3; round++ {
		c0 := cpuNow()
		for i := 0; i < n; i++ {
			s.SignHTTP(req, creds, p)
		}
		t.Logf("SignHTTP: %v CPU/op", (cpuNow()-c0)/n)
	}
	data := make([]byte, 64<<10)
	for round := 0; round < 3; round++ {
		c0 := cpuNow()
		for i := 0; i < 2000; i++ {
			sha256.Sum256(data)
		}
		t.Logf("sha256 64KiB: %v CPU/op", (cpuNow()-c0)/2000)
	}
}
