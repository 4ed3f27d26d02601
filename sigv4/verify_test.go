package sigv4_test

import (
	"bytes"
	"errors"
	"fmt"
	"hash/crc32"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/goto3/goto3/sigv4"
)

var (
	vCreds = sigv4.Credentials{AccessKeyID: "AKIDVERIFY", SecretAccessKey: "verify-secret-key"}
	vToken = sigv4.Credentials{AccessKeyID: "ASIAVERIFY", SecretAccessKey: "verify-session-secret", SessionToken: "the-session-token"}
	vTime  = time.Date(2026, 11, 24, 12, 0, 0, 0, time.UTC)
)

func lookup(id string) (sigv4.Credentials, bool) {
	switch id {
	case vCreds.AccessKeyID:
		return vCreds, true
	case vToken.AccessKeyID:
		return vToken, true
	}
	return sigv4.Credentials{}, false
}

func errCode(err error) string {
	var ve *sigv4.VerifyError
	if errors.As(err, &ve) {
		return ve.Code
	}
	if err == nil {
		return ""
	}
	return "non-VerifyError: " + err.Error()
}

func newReq(t *testing.T, method, u, body string) *http.Request {
	t.Helper()
	var r io.Reader
	if body != "" {
		r = strings.NewReader(body)
	}
	req, err := http.NewRequest(method, u, r)
	if err != nil {
		t.Fatal(err)
	}
	return req
}

func TestVerify(t *testing.T) {
	s3 := sigv4.NewSigner(sigv4.S3Options)
	plain := sigv4.NewSigner()
	p := sigv4.Params{Service: "s3", Region: "us-east-1", Time: vTime, PayloadHash: sigv4.UnsignedPayload}
	tests := []struct {
		name   string
		signer *sigv4.Signer
		creds  sigv4.Credentials
		build  func(t *testing.T) *http.Request // a signed request
		vo     func(*sigv4.VerifyOptions)
		want   string // error code, "" for success
	}{
		{name: "header/ok", want: ""},
		{name: "header/session token", creds: vToken, want: ""},
		{name: "header/unknown key", creds: sigv4.Credentials{AccessKeyID: "AKIDOTHER", SecretAccessKey: "other-secret-key"}, want: sigv4.CodeInvalidAccessKeyID},
		{name: "header/wrong secret", creds: sigv4.Credentials{AccessKeyID: vCreds.AccessKeyID, SecretAccessKey: "wrong"}, want: sigv4.CodeSignatureDoesNotMatch},
		{name: "header/token missing", creds: sigv4.Credentials{AccessKeyID: vToken.AccessKeyID, SecretAccessKey: vToken.SecretAccessKey}, want: sigv4.CodeInvalidToken},
		{name: "header/skewed", vo: func(o *sigv4.VerifyOptions) { o.Now = vTime.Add(16 * time.Minute) }, want: sigv4.CodeRequestTimeTooSkewed},
		{name: "header/skew within limit", vo: func(o *sigv4.VerifyOptions) { o.Now = vTime.Add(-15 * time.Minute) }, want: ""},
		{name: "header/wrong region", vo: func(o *sigv4.VerifyOptions) { o.Region = "eu-west-1" }, want: sigv4.CodeAuthorizationHeaderMalform},
		{name: "header/wrong service", vo: func(o *sigv4.VerifyOptions) { o.Service = "ec2" }, want: sigv4.CodeAuthorizationHeaderMalform},
		{name: "header/non-S3 canonicalization", signer: plain, vo: func(o *sigv4.VerifyOptions) { o.Signer, o.PayloadHash = plain, sigv4.UnsignedPayload }, want: ""},
		{name: "header/non-S3 payload differs", signer: plain, vo: func(o *sigv4.VerifyOptions) { o.Signer = plain }, want: sigv4.CodeSignatureDoesNotMatch},
		{name: "header/canonicalization mismatch", signer: plain, want: sigv4.CodeMissingSecurityHeader},
		{name: "tamper/method", build: func(t *testing.T) *http.Request {
			r := signedGet(t, s3, vCreds, p)
			r.Method = http.MethodDelete
			return r
		}, want: sigv4.CodeSignatureDoesNotMatch},
		{name: "tamper/path", build: func(t *testing.T) *http.Request {
			r := signedGet(t, s3, vCreds, p)
			r.URL.Path += "x"
			return r
		}, want: sigv4.CodeSignatureDoesNotMatch},
		{name: "tamper/query", build: func(t *testing.T) *http.Request {
			r := signedGet(t, s3, vCreds, p)
			r.URL.RawQuery = "versionId=2"
			return r
		}, want: sigv4.CodeSignatureDoesNotMatch},
		{name: "tamper/signed header", build: func(t *testing.T) *http.Request {
			r := signedGet(t, s3, vCreds, p)
			r.Header.Set("Range", "bytes=0-10")
			return r
		}, want: sigv4.CodeSignatureDoesNotMatch},
		{name: "tamper/host", build: func(t *testing.T) *http.Request {
			r := signedGet(t, s3, vCreds, p)
			r.Host = "other.example.com"
			return r
		}, want: sigv4.CodeSignatureDoesNotMatch},
		{name: "unsigned header is ignored", build: func(t *testing.T) *http.Request {
			r := signedGet(t, s3, vCreds, p)
			r.Header.Set("User-Agent", "changed")
			return r
		}, want: ""},
		{name: "unsigned x-amz header rejected", build: func(t *testing.T) *http.Request {
			r := signedGet(t, s3, vCreds, p)
			r.Header.Set("X-Amz-Meta-Late", "1")
			return r
		}, vo: func(o *sigv4.VerifyOptions) { o.RequireSignedAmzHeaders = true }, want: sigv4.CodeAccessDenied},
		{name: "not signed", build: func(t *testing.T) *http.Request {
			return newReq(t, "GET", "https://b.s3.amazonaws.com/k", "")
		}, want: sigv4.CodeAccessDenied},
		{name: "malformed authorization", build: func(t *testing.T) *http.Request {
			r := signedGet(t, s3, vCreds, p)
			r.Header.Set("Authorization", "AWS4-HMAC-SHA256 Credential=x")
			return r
		}, want: sigv4.CodeAuthorizationHeaderMalform},
		{name: "presign/ok", build: func(t *testing.T) *http.Request { return presigned(t, s3, vCreds, p, time.Hour, nil) }, want: ""},
		{name: "presign/session token", build: func(t *testing.T) *http.Request { return presigned(t, s3, vToken, p, time.Hour, nil) }, want: ""},
		{name: "presign/expired", build: func(t *testing.T) *http.Request { return presigned(t, s3, vCreds, p, time.Hour, nil) },
			vo: func(o *sigv4.VerifyOptions) { o.Now = vTime.Add(time.Hour + time.Second) }, want: sigv4.CodeAccessDenied},
		{name: "presign/last second", build: func(t *testing.T) *http.Request { return presigned(t, s3, vCreds, p, time.Hour, nil) },
			vo: func(o *sigv4.VerifyOptions) { o.Now = vTime.Add(time.Hour) }, want: ""},
		{name: "presign/not yet valid", build: func(t *testing.T) *http.Request { return presigned(t, s3, vCreds, p, time.Hour, nil) },
			vo: func(o *sigv4.VerifyOptions) { o.Now = vTime.Add(-time.Hour) }, want: sigv4.CodeAccessDenied},
		{name: "presign/enforced header present", build: func(t *testing.T) *http.Request {
			return presigned(t, s3, vCreds, p, time.Hour, http.Header{"Content-Type": {"text/plain"}})
		}, want: ""},
		{name: "presign/enforced header changed", build: func(t *testing.T) *http.Request {
			r := presigned(t, s3, vCreds, p, time.Hour, http.Header{"Content-Type": {"text/plain"}})
			r.Header.Set("Content-Type", "text/html")
			return r
		}, want: sigv4.CodeSignatureDoesNotMatch},
		{name: "presign/enforced header missing", build: func(t *testing.T) *http.Request {
			r := presigned(t, s3, vCreds, p, time.Hour, http.Header{"Content-Type": {"text/plain"}})
			r.Header.Del("Content-Type")
			return r
		}, want: sigv4.CodeAccessDenied},
		{name: "presign/expires tampered", build: func(t *testing.T) *http.Request {
			r := presigned(t, s3, vCreds, p, time.Hour, nil)
			r.URL.RawQuery = strings.Replace(r.URL.RawQuery, "X-Amz-Expires=3600", "X-Amz-Expires=7200", 1)
			return r
		}, want: sigv4.CodeSignatureDoesNotMatch},
		{name: "presign/expires too long", build: func(t *testing.T) *http.Request {
			r := presigned(t, s3, vCreds, p, time.Hour, nil)
			r.URL.RawQuery = strings.Replace(r.URL.RawQuery, "X-Amz-Expires=3600", "X-Amz-Expires=604801", 1)
			return r
		}, want: sigv4.CodeAuthorizationQueryError},
		{name: "presign and header", build: func(t *testing.T) *http.Request {
			r := presigned(t, s3, vCreds, p, time.Hour, nil)
			r.Header.Set("Authorization", "AWS4-HMAC-SHA256 Credential=a/b/c/d/aws4_request, SignedHeaders=host, Signature=00")
			return r
		}, want: sigv4.CodeAuthorizationQueryError},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			signer := tt.signer
			if signer == nil {
				signer = s3
			}
			creds := tt.creds
			if creds.AccessKeyID == "" {
				creds = vCreds
			}
			var req *http.Request
			if tt.build != nil {
				req = tt.build(t)
			} else {
				req = signedGet(t, signer, creds, p)
			}
			vo := sigv4.VerifyOptions{Lookup: lookup, Now: vTime, Signer: s3}
			if tt.vo != nil {
				tt.vo(&vo)
			}
			v, err := sigv4.Verify(req, vo)
			if got := errCode(err); got != tt.want {
				t.Fatalf("got error %v (code %q), want code %q", err, got, tt.want)
			}
			if err == nil && (v.AccessKeyID != vCreds.AccessKeyID && v.AccessKeyID != vToken.AccessKeyID || v.Region != "us-east-1" || v.Service != "s3" || !v.Time.Equal(vTime)) {
				t.Errorf("got %+v, want a known key, us-east-1, s3, %v", v, vTime)
			}
			if err != nil {
				for _, secret := range []string{creds.SecretAccessKey, vCreds.SecretAccessKey, vToken.SecretAccessKey, vToken.SessionToken} {
					if strings.Contains(err.Error(), secret) {
						t.Errorf("error %q shows a secret", err)
					}
				}
			}
		})
	}
}

func signedGet(t *testing.T, s *sigv4.Signer, creds sigv4.Credentials, p sigv4.Params) *http.Request {
	t.Helper()
	req := newReq(t, "GET", "https://bucket.s3.amazonaws.com/a%20key/x.txt?versionId=1", "")
	req.Header.Set("Range", "bytes=0-9")
	req.Header.Set("User-Agent", "test")
	if err := s.SignHTTP(req, creds, p); err != nil {
		t.Fatal(err)
	}
	return req
}

func presigned(t *testing.T, s *sigv4.Signer, creds sigv4.Credentials, p sigv4.Params, exp time.Duration, h http.Header) *http.Request {
	t.Helper()
	req := newReq(t, "PUT", "https://bucket.s3.amazonaws.com/a%20key/x.txt", "")
	for k, v := range h {
		req.Header[k] = v
	}
	u, hdr, err := s.PresignHTTP(req, creds, p, exp)
	if err != nil {
		t.Fatal(err)
	}
	out := newReq(t, "PUT", u, "")
	for k, v := range hdr {
		if k != "Host" {
			out.Header[k] = v
		}
	}
	return out
}

func TestPresignExpiryBounds(t *testing.T) {
	s := sigv4.NewSigner(sigv4.S3Options)
	p := sigv4.Params{Service: "s3", Region: "us-east-1", Time: vTime, PayloadHash: sigv4.UnsignedPayload}
	for _, tt := range []struct {
		exp time.Duration
		ok  bool
	}{{0, false}, {999 * time.Millisecond, false}, {time.Second, true}, {7 * 24 * time.Hour, true}, {7*24*time.Hour + time.Second, false}, {-time.Hour, false}} {
		_, _, err := s.PresignHTTP(newReq(t, "GET", "https://b.s3.amazonaws.com/k", ""), vCreds, p, tt.exp)
		if (err == nil) != tt.ok {
			t.Errorf("expires %v: got error %v, want ok=%v", tt.exp, err, tt.ok)
		}
		if err != nil && !errors.Is(err, sigv4.ErrInvalidExpiry) {
			t.Errorf("expires %v: got %v, want ErrInvalidExpiry", tt.exp, err)
		}
	}
}

// TestVerifyOverHTTP sends signed requests through net/http to a server that
// verifies them: what the server receives (RequestURI, Host, headers) must
// canonicalize as the client did.
func TestVerifyOverHTTP(t *testing.T) {
	for _, mode := range []struct {
		name   string
		signer *sigv4.Signer
	}{{"s3", sigv4.NewSigner(sigv4.S3Options)}, {"double-encoding", sigv4.NewSigner()}} {
		var gotBody []byte
		srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			v, err := sigv4.Verify(r, sigv4.VerifyOptions{Lookup: lookup, Now: vTime, Signer: mode.signer})
			if err != nil {
				var ve *sigv4.VerifyError
				if errors.As(err, &ve) {
					err = fmt.Errorf("%w\n%s\n%s", err, ve.CanonicalRequest, ve.StringToSign)
				}
				http.Error(w, err.Error(), http.StatusForbidden)
				return
			}
			body := io.Reader(r.Body)
			if strings.HasPrefix(v.PayloadHash, "STREAMING-") {
				d, err := v.DecodeChunked(r, crc32.NewIEEE())
				if err != nil {
					http.Error(w, err.Error(), http.StatusBadRequest)
					return
				}
				body = d
			}
			gotBody, err = io.ReadAll(body)
			if err != nil {
				http.Error(w, err.Error(), http.StatusBadRequest)
			}
		}))
		defer srv.Close()
		paths := []string{"/", "/bucket/key.txt", "/bucket/a%20b/c+d", "/bucket/%E1%88%B4/x", "/b/!$&'()*,;=:@", "/b/a%2Fb", "/b//double//", "/b/./dot/../x", "/b/~tilde_-."}
		queries := []string{"", "a=1&a=0&b", "prefix=a%2Fb&delimiter=%2F", "k=%20v+w", "list-type=2&continuation-token=x%3D%3D"}
		for _, path := range paths {
			for _, q := range queries {
				for _, pre := range []bool{false, true} {
					name := mode.name + " " + path + "?" + q
					if pre {
						name += " presigned"
					}
					t.Run(name, func(t *testing.T) {
						u := srv.URL + path
						if q != "" {
							u += "?" + q
						}
						req := newReq(t, "PUT", u, "hello body")
						req.Header.Set("X-Amz-Meta-Odd", "  spaced   value ")
						req.Header.Add("X-Amz-Meta-Multi", "one")
						req.Header.Add("X-Amz-Meta-Multi", "two")
						p := sigv4.Params{Service: "s3", Region: "us-east-1", Time: vTime}
						if pre {
							if mode.name == "s3" {
								p.PayloadHash = sigv4.UnsignedPayload
							}
							su, hdr, err := mode.signer.PresignHTTP(req, vToken, p, time.Minute)
							if err != nil {
								t.Fatal(err)
							}
							req = newReq(t, "PUT", su, "hello body")
							for k, v := range hdr {
								if k != "Host" {
									req.Header[k] = v
								}
							}
						} else if err := mode.signer.SignHTTP(req, vToken, p); err != nil {
							t.Fatal(err)
						}
						resp, err := http.DefaultClient.Do(req)
						if err != nil {
							t.Fatal(err)
						}
						msg, _ := io.ReadAll(resp.Body)
						resp.Body.Close()
						if resp.StatusCode != 200 {
							t.Fatalf("got status %d: %s", resp.StatusCode, msg)
						}
						if string(gotBody) != "hello body" {
							t.Errorf("server read %q, want %q", gotBody, "hello body")
						}
					})
				}
			}
		}
		t.Run(mode.name+" aws-chunked", func(t *testing.T) {
			data := bytes.Repeat([]byte("0123456789abcdef"), 9000)
			for _, co := range []sigv4.ChunkedOptions{
				{ChunkSize: 8 << 10},
				{ChunkSize: 8 << 10, TrailerHeader: "x-amz-checksum-crc32", Checksum: crc32.NewIEEE()},
				{ChunkSize: 8 << 10, TrailerHeader: "x-amz-checksum-crc32", Checksum: crc32.NewIEEE(), Unsigned: true},
			} {
				req := newReq(t, "PUT", srv.URL+"/bucket/chunked", "")
				p := sigv4.Params{Service: "s3", Region: "us-east-1", Time: vTime}
				if _, err := mode.signer.SignChunked(req, vCreds, p, bytes.NewReader(data), int64(len(data)), co); err != nil {
					t.Fatal(err)
				}
				resp, err := http.DefaultClient.Do(req)
				if err != nil {
					t.Fatal(err)
				}
				msg, _ := io.ReadAll(resp.Body)
				resp.Body.Close()
				if resp.StatusCode != 200 {
					t.Fatalf("%+v: got status %d: %s", co, resp.StatusCode, msg)
				}
				if !bytes.Equal(gotBody, data) {
					t.Errorf("%+v: server decoded %d bytes, want the %d sent", co, len(gotBody), len(data))
				}
			}
		})
	}
}

func TestDecodeChunkedRejectsTampering(t *testing.T) {
	s := sigv4.NewSigner(sigv4.S3Options)
	data := bytes.Repeat([]byte("x"), 20000)
	encode := func(co sigv4.ChunkedOptions) (*http.Request, []byte) {
		req := newReq(t, "PUT", "https://b.s3.amazonaws.com/k", "")
		if _, err := s.SignChunked(req, vCreds, sigv4.Params{Service: "s3", Region: "us-east-1", Time: vTime}, bytes.NewReader(data), int64(len(data)), co); err != nil {
			t.Fatal(err)
		}
		body, err := io.ReadAll(req.Body)
		if err != nil {
			t.Fatal(err)
		}
		return req, body
	}
	decode := func(req *http.Request, body []byte, co sigv4.ChunkedOptions) error {
		if co.Checksum != nil {
			co.Checksum.Reset()
		}
		req.Body = io.NopCloser(bytes.NewReader(body))
		v, err := sigv4.Verify(req, sigv4.VerifyOptions{Lookup: lookup, Now: vTime, Signer: s})
		if err != nil {
			return err
		}
		d, err := v.DecodeChunked(req, co.Checksum)
		if err != nil {
			return err
		}
		got, err := io.ReadAll(d)
		if err == nil && !bytes.Equal(got, data) {
			t.Errorf("decoded %d bytes that differ from the data", len(got))
		}
		return err
	}
	for _, co := range []sigv4.ChunkedOptions{
		{ChunkSize: 8192},
		{ChunkSize: 8192, TrailerHeader: "x-amz-checksum-crc32c", Checksum: crc32.New(crc32.MakeTable(crc32.Castagnoli))},
	} {
		req, body := encode(co)
		if err := decode(req, body, co); err != nil {
			t.Fatalf("%+v: untouched body: got %v, want success", co, err)
		}
		// Flip one byte at a spread of offsets: every change must be caught.
		for off := 0; off < len(body); off += 97 {
			b := bytes.Clone(body)
			b[off] ^= 0x01
			if co.Checksum != nil {
				co.Checksum.Reset()
			}
			if err := decode(req.Clone(req.Context()), b, co); err == nil {
				t.Errorf("%+v: byte %d (%q) flipped: got success, want an error", co, off, body[off])
			}
		}
		// A truncated body.
		if err := decode(req.Clone(req.Context()), body[:len(body)-3], co); errCode(err) != sigv4.CodeIncompleteBody {
			t.Errorf("truncated: got %v, want %s", err, sigv4.CodeIncompleteBody)
		}
	}
}

var _ = url.Parse

func TestCheckPayload(t *testing.T) {
	s := sigv4.NewSigner(sigv4.S3Options)
	for _, tt := range []struct {
		name, body, sent string
		hash             string
		want             string
	}{
		{name: "matches", body: "data", sent: "data", want: ""},
		{name: "differs", body: "data", sent: "date", want: sigv4.CodeXAmzContentSHA256Mismatch},
		{name: "unsigned", body: "data", sent: "other", hash: sigv4.UnsignedPayload, want: ""},
	} {
		t.Run(tt.name, func(t *testing.T) {
			req := newReq(t, "PUT", "https://b.s3.amazonaws.com/k", tt.body)
			if err := s.SignHTTP(req, vCreds, sigv4.Params{Service: "s3", Region: "us-east-1", Time: vTime, PayloadHash: tt.hash}); err != nil {
				t.Fatal(err)
			}
			v, err := sigv4.Verify(req, sigv4.VerifyOptions{Lookup: lookup, Now: vTime, Signer: s})
			if err != nil {
				t.Fatal(err)
			}
			got, err := io.ReadAll(v.CheckPayload(strings.NewReader(tt.sent)))
			if errCode(err) != tt.want {
				t.Errorf("got error %v, want code %q", err, tt.want)
			}
			if string(got) != tt.sent {
				t.Errorf("read %q, want %q", got, tt.sent)
			}
		})
	}
}

func TestPresignAfterSignHTTP(t *testing.T) {
	s := sigv4.NewSigner(sigv4.S3Options)
	req := newReq(t, "GET", "https://b.s3.amazonaws.com/k?X-Amz-Signature=old&versionId=3", "")
	p := sigv4.Params{Service: "s3", Region: "us-east-1", Time: vTime}
	if err := s.SignHTTP(req, vToken, p); err != nil {
		t.Fatal(err)
	}
	u, hdr, err := s.PresignHTTP(req, vToken, p, time.Minute)
	if err != nil {
		t.Fatal(err)
	}
	for _, k := range []string{"X-Amz-Date", "X-Amz-Security-Token", "Authorization"} {
		if _, ok := hdr[k]; ok {
			t.Errorf("presigned URL signs header %s left by SignHTTP", k)
		}
	}
	if strings.Count(u, "X-Amz-Signature=") != 1 || strings.Contains(u, "=old") || !strings.Contains(u, "versionId=3") {
		t.Errorf("presigned URL %s: want one new signature and versionId kept", u)
	}
	out := newReq(t, "GET", u, "")
	for k, v := range hdr {
		if k != "Host" {
			out.Header[k] = v
		}
	}
	if _, err := sigv4.Verify(out, sigv4.VerifyOptions{Lookup: lookup, Now: vTime, Signer: s}); err != nil {
		t.Errorf("Verify: %v", err)
	}
}
