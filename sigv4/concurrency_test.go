package sigv4_test

import (
	"fmt"
	"net/http"
	"net/url"
	"sync"
	"testing"
	"time"

	"github.com/goto3/goto3/sigv4"
)

// TestSignerConcurrent signs from many goroutines with one Signer, over more
// (secret, date, region, service) scopes than the key cache holds, and checks
// every signature against one from a fresh signer. Run with -race.
func TestSignerConcurrent(t *testing.T) {
	shared := sigv4.NewSigner(sigv4.S3Options)
	sign := func(s *sigv4.Signer, i int) string {
		req := &http.Request{Method: "GET", URL: &url.URL{Scheme: "https", Host: "b.s3.amazonaws.com", Path: fmt.Sprintf("/k%d", i)}, Host: "b.s3.amazonaws.com", Header: http.Header{}}
		creds := sigv4.Credentials{AccessKeyID: "AKID", SecretAccessKey: fmt.Sprintf("secret-%d", i%7)}
		p := sigv4.Params{
			Service:     []string{"s3", "s3-object-lambda"}[i%2],
			Region:      []string{"us-east-1", "eu-west-1", "ap-south-1"}[i%3],
			Time:        time.Date(2026, 1, 1+i%40, 0, 0, 0, 0, time.UTC),
			PayloadHash: sigv4.UnsignedPayload,
		}
		if err := s.SignHTTP(req, creds, p); err != nil {
			t.Error(err)
		}
		return req.Header.Get("Authorization")
	}
	const n = 2000
	want := make([]string, n)
	for i := range want {
		want[i] = sign(sigv4.NewSigner(sigv4.S3Options), i)
	}
	var wg sync.WaitGroup
	for g := 0; g < 8; g++ {
		wg.Add(1)
		go func(g int) {
			defer wg.Done()
			for i := g; i < n; i += 8 {
				if got := sign(shared, i); got != want[i] {
					t.Errorf("request %d: got %q, want %q", i, got, want[i])
				}
			}
		}(g)
	}
	wg.Wait()
	if got := shared.CachedKeys(); got == 0 || got > 256 {
		t.Errorf("key cache holds %d keys, want between 1 and 256", got)
	}
}
