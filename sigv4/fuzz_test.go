package sigv4_test

import (
	"bytes"
	"errors"
	"hash/crc32"
	"io"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/goto3/goto3/sigv4"
)

// validHeaderName reports whether name is an RFC 9110 token, the only header
// names net/http sends.
func validHeaderName(name string) bool {
	if name == "" {
		return false
	}
	for i := 0; i < len(name); i++ {
		c := name[i]
		if c <= ' ' || c >= 0x7f || strings.IndexByte("\"(),/:;<=>?@[\\]{}", c) >= 0 {
			return false
		}
	}
	return true
}

// mutateLetter replaces the first ASCII letter or digit of s at or after
// index from (taken modulo len(s)) by a different one, a change that no
// canonicalization undoes; ok is false when s has none.
func mutateLetter(s string, from int) (string, bool) {
	if s == "" {
		return s, false
	}
	from %= len(s)
	if from < 0 {
		from += len(s)
	}
	for k := 0; k < len(s); k++ {
		i := (from + k) % len(s)
		c := s[i]
		var r byte
		switch {
		case 'a' <= c && c <= 'y', 'A' <= c && c <= 'Y', '0' <= c && c <= '8':
			r = c + 1
		case c == 'z', c == 'Z', c == '9':
			r = c - 1
		default:
			continue
		}
		return s[:i] + string(r) + s[i+1:], true
	}
	return s, false
}

// FuzzSignVerify signs arbitrary requests (header and query signing, S3 and
// other services) and checks that canonicalization does not panic, that
// whatever is signed verifies, and that changing one byte of a signed part
// (method, path, query, a signed header, the host, the signature) does not.
func FuzzSignVerify(f *testing.F) {
	f.Add("GET", "/bucket/key.txt", "a=1&b=2&a=0", "X-Amz-Meta-Color", "  blue   green ", false, false, 3)
	f.Add("PUT", "/a b/ሴ/../x//y/.", "k&=v&%zz=%41+b", "Content-Type", "text/plain;\n charset=utf-8", true, false, 0)
	f.Add("POST", "", "", "Range", "bytes=0-9", false, true, 7)
	f.Add("delete", "/%2F%2e%2E/%", "list-type=2&prefix=%E1%88%B4", "x-amz-acl", "private", true, true, 11)
	creds := sigv4.Credentials{AccessKeyID: "AKIDFUZZ", SecretAccessKey: "fuzz-secret", SessionToken: "fuzz-token"}
	lookup := func(string) (sigv4.Credentials, bool) { return creds, true }
	signers := map[bool]*sigv4.Signer{true: sigv4.NewSigner(sigv4.S3Options), false: sigv4.NewSigner()}
	now := time.Date(2026, 11, 24, 12, 0, 0, 0, time.UTC)
	f.Fuzz(func(t *testing.T, method, path, query, hname, hvalue string, s3, presign bool, pick int) {
		if strings.Contains(strings.ToLower(query), "x-amz-") {
			t.Skip("auth query parameters are the signer's")
		}
		signer := signers[s3]
		req := &http.Request{
			Method: method,
			URL:    &url.URL{Scheme: "https", Host: "bucket.example.com", Path: path, RawQuery: query},
			Host:   "bucket.example.com",
			Header: http.Header{},
		}
		headerSigned := validHeaderName(hname)
		if headerSigned {
			req.Header.Add(hname, hvalue)
		}
		p := sigv4.Params{Service: "s3", Region: "us-east-1", Time: now, PayloadHash: sigv4.UnsignedPayload}
		vo := sigv4.VerifyOptions{Lookup: lookup, Now: now, Signer: signer, PayloadHash: sigv4.UnsignedPayload}

		var signed *http.Request
		if presign {
			u, hdr, err := signer.PresignHTTP(req, creds, p, time.Hour)
			if err != nil {
				t.Fatal(err)
			}
			_, rawQuery, _ := strings.Cut(u, "?")
			signed = &http.Request{Method: method, URL: &url.URL{Scheme: "https", Host: req.URL.Host, Path: path, RawQuery: rawQuery}, Host: req.Host, Header: http.Header{}}
			for k, v := range hdr {
				if k != "Host" {
					signed.Header[k] = v
				}
			}
		} else {
			if err := signer.SignHTTP(req, creds, p); err != nil {
				t.Fatal(err)
			}
			signed = req
		}
		v, err := sigv4.Verify(signed, vo)
		if err != nil {
			t.Fatalf("the signed request does not verify: %v", err)
		}
		isSigned := func(name string) bool {
			for _, n := range v.SignedHeaders {
				if strings.EqualFold(n, name) {
					return true
				}
			}
			return false
		}

		clone := func() *http.Request {
			c := signed.Clone(signed.Context())
			u := *signed.URL
			c.URL = &u
			return c
		}
		type mutation struct {
			what string
			f    func(r *http.Request) bool // false: not applicable
		}
		muts := []mutation{
			{"method", func(r *http.Request) bool {
				m := r.Method
				if m == "" {
					m = "GET"
				}
				var ok bool
				r.Method, ok = mutateLetter(m, pick)
				return ok
			}},
			{"path", func(r *http.Request) bool {
				if !s3 && strings.Contains(r.URL.Path, "..") {
					return false // the changed letter may be in a segment ".." removes
				}
				var ok bool
				r.URL.Path, ok = mutateLetter(r.URL.Path, pick)
				r.URL.RawPath = ""
				return ok
			}},
			{"query", func(r *http.Request) bool {
				var ok bool
				r.URL.RawQuery, ok = mutateLetter(r.URL.RawQuery, pick)
				return ok
			}},
			{"host", func(r *http.Request) bool {
				r.Host, _ = mutateLetter(r.Host, pick)
				return true
			}},
			{"header", func(r *http.Request) bool {
				if !headerSigned || !isSigned(hname) {
					return false
				}
				k := http.CanonicalHeaderKey(hname)
				vals := r.Header[k]
				if len(vals) == 0 {
					return false
				}
				nv, ok := mutateLetter(vals[0], pick)
				r.Header[k] = append([]string{nv}, vals[1:]...)
				return ok
			}},
			{"signature", func(r *http.Request) bool {
				if presign {
					r.URL.RawQuery = flipSignature(r.URL.RawQuery, "X-Amz-Signature=")
				} else {
					r.Header.Set("Authorization", flipSignature(r.Header.Get("Authorization"), "Signature="))
				}
				return true
			}},
		}
		for _, m := range muts {
			r := clone()
			if !m.f(r) {
				continue
			}
			if _, err := sigv4.Verify(r, vo); err == nil {
				t.Errorf("changing the %s still verifies: %s %s?%s", m.what, r.Method, r.URL.EscapedPath(), r.URL.RawQuery)
			}
		}
	})
}

func flipSignature(s, prefix string) string {
	i := strings.LastIndex(s, prefix)
	if i < 0 {
		return s + "0"
	}
	i += len(prefix)
	c := byte('0')
	if s[i] == '0' {
		c = '1'
	}
	return s[:i] + string(c) + s[i+1:]
}

// FuzzDecodeChunked feeds arbitrary bytes to the aws-chunked decoder of a
// verified streaming request: it must not panic, and it must never return
// more data than X-Amz-Decoded-Content-Length or data that fails a check.
func FuzzDecodeChunked(f *testing.F) {
	s := sigv4.NewSigner(sigv4.S3Options)
	creds := sigv4.Credentials{AccessKeyID: "AKIDFUZZ", SecretAccessKey: "fuzz-secret"}
	now := time.Date(2026, 11, 24, 12, 0, 0, 0, time.UTC)
	data := []byte("hello, aws-chunked world")
	type setup struct {
		req  *http.Request
		body []byte
	}
	setups := map[int]setup{}
	for mode, co := range []sigv4.ChunkedOptions{
		{ChunkSize: 5},
		{ChunkSize: 5, TrailerHeader: "x-amz-checksum-crc32", Checksum: crc32.NewIEEE()},
		{ChunkSize: 5, TrailerHeader: "x-amz-checksum-crc32", Checksum: crc32.NewIEEE(), Unsigned: true},
	} {
		req, _ := http.NewRequest("PUT", "https://b.s3.amazonaws.com/k", nil)
		if _, err := s.SignChunked(req, creds, sigv4.Params{Service: "s3", Region: "us-east-1", Time: now}, bytes.NewReader(data), int64(len(data)), co); err != nil {
			f.Fatal(err)
		}
		body, err := io.ReadAll(req.Body)
		if err != nil {
			f.Fatal(err)
		}
		setups[mode] = setup{req, body}
		f.Add(mode, body)
	}
	f.Add(0, []byte("5;chunk-signature=00\r\nhello\r\n0\r\n\r\n"))
	f.Add(2, []byte("ffffffffffffffff\r\n"))
	f.Fuzz(func(t *testing.T, mode int, body []byte) {
		if mode < 0 || mode > 2 {
			t.Skip()
		}
		st := setups[mode]
		req := st.req.Clone(st.req.Context())
		req.Body = io.NopCloser(bytes.NewReader(body))
		v, err := sigv4.Verify(req, sigv4.VerifyOptions{Lookup: func(string) (sigv4.Credentials, bool) { return creds, true }, Now: now, Signer: s})
		if err != nil {
			t.Fatal(err)
		}
		d, err := v.DecodeChunked(req, crc32.NewIEEE())
		if err != nil {
			t.Fatal(err)
		}
		got, err := io.ReadAll(io.LimitReader(d, int64(len(data))+1))
		if len(got) > len(data) {
			t.Fatalf("decoded %d bytes, more than the %d declared", len(got), len(data))
		}
		var ve *sigv4.VerifyError
		if err != nil && !errors.As(err, &ve) {
			t.Fatalf("got %T %v, want a *VerifyError", err, err)
		}
		if err == nil && mode != 2 && !bytes.Equal(got, data) {
			t.Fatalf("signed stream decoded to %q, want %q", got, data)
		}
	})
}
