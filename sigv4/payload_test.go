package sigv4_test

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"io"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/goto3/goto3/sigv4"
)

// onlyReader hides every method but Read.
type onlyReader struct{ io.Reader }

func (onlyReader) Close() error { return nil }

// seekCloser is an io.ReadSeeker body.
type seekCloser struct{ *bytes.Reader }

func (seekCloser) Close() error { return nil }

func TestPayloadHash(t *testing.T) {
	body := "the body"
	sum := sha256.Sum256([]byte(body))
	bodyHash := hex.EncodeToString(sum[:])
	p := sigv4.Params{Service: "s3", Region: "us-east-1", Time: time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)}
	creds := sigv4.Credentials{AccessKeyID: "AKID", SecretAccessKey: "secret"}
	newReq := func(b io.ReadCloser) *http.Request {
		return &http.Request{Method: "PUT", URL: &url.URL{Scheme: "https", Host: "h", Path: "/k"}, Host: "h", Header: http.Header{}, Body: b}
	}
	tests := []struct {
		name    string
		req     func() *http.Request
		given   string
		want    string
		wantErr error
		check   func(t *testing.T, r *http.Request)
	}{
		{name: "no body", req: func() *http.Request { return newReq(nil) }, want: sigv4.EmptyPayloadHash},
		{name: "NoBody", req: func() *http.Request { return newReq(http.NoBody) }, want: sigv4.EmptyPayloadHash},
		{name: "GetBody", req: func() *http.Request {
			r, _ := http.NewRequest("PUT", "https://h/k", strings.NewReader(body))
			return r
		}, want: bodyHash},
		{name: "ReadSeeker rewound to where it was", req: func() *http.Request {
			br := bytes.NewReader([]byte("skip" + body))
			br.Seek(4, io.SeekStart)
			return newReq(seekCloser{br})
		}, want: bodyHash, check: func(t *testing.T, r *http.Request) {
			rest, _ := io.ReadAll(r.Body)
			if string(rest) != body {
				t.Errorf("body after signing: got %q, want %q", rest, body)
			}
		}},
		{name: "not rewindable", req: func() *http.Request { return newReq(onlyReader{strings.NewReader(body)}) }, wantErr: sigv4.ErrBodyNotRewindable},
		{name: "given", req: func() *http.Request { return newReq(onlyReader{strings.NewReader(body)}) }, given: sigv4.UnsignedPayload, want: sigv4.UnsignedPayload},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := tt.req()
			pp := p
			pp.PayloadHash = tt.given
			err := sigv4.NewSigner(sigv4.S3Options).SignHTTP(r, creds, pp)
			if !errors.Is(err, tt.wantErr) {
				t.Fatalf("got error %v, want %v", err, tt.wantErr)
			}
			if err != nil {
				return
			}
			if got := r.Header.Get("X-Amz-Content-Sha256"); got != tt.want {
				t.Errorf("payload hash: got %s, want %s", got, tt.want)
			}
			if tt.check != nil {
				tt.check(t, r)
			}
		})
	}
}

func TestUnsignedHeadersOption(t *testing.T) {
	s := sigv4.NewSigner(func(o *sigv4.Options) { o.UnsignedHeaders = []string{"x-forwarded-for"} })
	req := &http.Request{Method: "GET", URL: &url.URL{Scheme: "https", Host: "h", Path: "/"}, Host: "h", Header: http.Header{
		"X-Forwarded-For": {"10.0.0.1"}, "User-Agent": {"ua"}, "Expect": {"100-continue"}, "X-Amzn-Trace-Id": {"t"}, "X-Kept": {"k"},
	}}
	if err := s.SignHTTP(req, sigv4.Credentials{AccessKeyID: "AKID", SecretAccessKey: "secret"}, sigv4.Params{Service: "ec2", Region: "us-east-1", Time: time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)}); err != nil {
		t.Fatal(err)
	}
	if got, want := req.Header.Get("Authorization"), "SignedHeaders=host;x-amz-date;x-kept,"; !strings.Contains(got, want) {
		t.Errorf("Authorization: got %q, want it to contain %q", got, want)
	}
}

func TestSignErrors(t *testing.T) {
	s := sigv4.NewSigner()
	ok := sigv4.Params{Service: "ec2", Region: "us-east-1", Time: time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)}
	creds := sigv4.Credentials{AccessKeyID: "AKID", SecretAccessKey: "very-secret-value"}
	req := func() *http.Request {
		return &http.Request{Method: "GET", URL: &url.URL{Scheme: "https", Host: "h", Path: "/"}, Header: http.Header{}}
	}
	for _, tt := range []struct {
		name  string
		req   *http.Request
		creds sigv4.Credentials
		p     sigv4.Params
		want  error
	}{
		{"nil request", nil, creds, ok, sigv4.ErrNilRequest},
		{"no secret", req(), sigv4.Credentials{AccessKeyID: "AKID"}, ok, sigv4.ErrMissingCredentials},
		{"no time", req(), creds, sigv4.Params{Service: "ec2", Region: "us-east-1"}, sigv4.ErrMissingParams},
		{"no region", req(), creds, sigv4.Params{Service: "ec2", Time: ok.Time}, sigv4.ErrMissingParams},
	} {
		err := s.SignHTTP(tt.req, tt.creds, tt.p)
		if !errors.Is(err, tt.want) {
			t.Errorf("%s: got %v, want %v", tt.name, err, tt.want)
		}
		if err != nil && strings.Contains(err.Error(), "very-secret-value") {
			t.Errorf("%s: error %q shows the secret", tt.name, err)
		}
	}
}
