package sigv4_test

import (
	"bytes"
	"crypto/ecdsa"
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
	signers := map[bool]*sigv4.Signer{true: sigv4.NewSigner(sigv4.S3Options), false: sigv4.NewSigner()}
	f.Fuzz(func(t *testing.T, method, path, query, hname, hvalue string, s3, presign bool, pick int) {
		signVerifyMutations(t, false, signers[s3], method, path, query, hname, hvalue, s3, presign, pick)
	})
}

// FuzzSignVerifyV4a is FuzzSignVerify with SigV4a: arbitrary requests signed
// by header or query, with one or more regions in the region set, verify;
// changing one byte of a signed part, the region set among them, does not.
// Signatures are deterministic (RFC 6979) so that failures reproduce.
func FuzzSignVerifyV4a(f *testing.F) {
	f.Add("GET", "/bucket/key.txt", "a=1&b=2&a=0", "X-Amz-Meta-Color", "  blue   green ", false, false, 3)
	f.Add("PUT", "/a b/ሴ/../x//y/.", "k&=v&%zz=%41+b", "Content-Type", "text/plain;\n charset=utf-8", true, false, 0)
	f.Add("POST", "", "", "Range", "bytes=0-9", false, true, 7)
	f.Add("delete", "/%2F%2e%2E/%", "list-type=2&prefix=%E1%88%B4", "x-amz-region-set", "us-west-2", true, true, 11)
	det := func(o *sigv4.Options) { o.DeterministicECDSA = true }
	signers := map[bool]*sigv4.Signer{true: sigv4.NewSigner(sigv4.S3Options, det), false: sigv4.NewSigner(det)}
	f.Fuzz(func(t *testing.T, method, path, query, hname, hvalue string, s3, presign bool, pick int) {
		signVerifyMutations(t, true, signers[s3], method, path, query, hname, hvalue, s3, presign, pick)
	})
}

// signVerifyMutations is the body of FuzzSignVerify (SigV4) and
// FuzzSignVerifyV4a (v4a).
func signVerifyMutations(t *testing.T, v4a bool, signer *sigv4.Signer, method, path, query, hname, hvalue string, s3, presign bool, pick int) {
	creds := sigv4.Credentials{AccessKeyID: "AKIDFUZZ", SecretAccessKey: "fuzz-secret", SessionToken: "fuzz-token"}
	lookup := func(string) (sigv4.Credentials, bool) { return creds, true }
	now := time.Date(2026, 11, 24, 12, 0, 0, 0, time.UTC)
	if strings.Contains(strings.ToLower(query), "x-amz-") {
		t.Skip("auth query parameters are the signer's")
	}
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
	if v4a && pick%2 == 1 {
		p.RegionSet = []string{"us-east-1", "eu-*"}
	}
	vo := sigv4.VerifyOptions{Lookup: lookup, Now: now, Signer: signer, PayloadHash: sigv4.UnsignedPayload}

	var signed *http.Request
	if presign {
		presign := signer.PresignHTTP
		if v4a {
			presign = signer.PresignHTTPV4a
		}
		u, hdr, err := presign(req, creds, p, time.Hour)
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
		sign := signer.SignHTTP
		if v4a {
			sign = signer.SignHTTPV4a
		}
		if err := sign(req, creds, p); err != nil {
			t.Fatal(err)
		}
		signed = req
	}
	v, err := sigv4.Verify(signed, vo)
	if err != nil {
		t.Fatalf("the signed request does not verify: %v", err)
	}
	if got := v.Algorithm == sigv4.AlgorithmV4a; got != v4a {
		t.Fatalf("verified %s, want SigV4a %v", v.Algorithm, v4a)
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
		{"region set", func(r *http.Request) bool {
			if !v4a {
				return false
			}
			if presign {
				r.URL.RawQuery = strings.Replace(r.URL.RawQuery, "X-Amz-Region-Set=us-east-1", "X-Amz-Region-Set=us-east-2", 1)
			} else {
				r.Header.Set("X-Amz-Region-Set", r.Header.Get("X-Amz-Region-Set")+",ap-south-1")
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

// FuzzVerifyAuthorization gives Verify arbitrary SigV4 and SigV4a
// authentication: an Authorization header, X-Amz-Region-Set and X-Amz-Date
// headers, and a query (which may presign). Verify must not panic, must fail
// with a *VerifyError, and may accept only a request that a signer signed
// (the seeds hold one of each kind).
func FuzzVerifyAuthorization(f *testing.F) {
	creds := sigv4.Credentials{AccessKeyID: "AKIDFUZZ", SecretAccessKey: "fuzz-secret"}
	now := time.Date(2026, 11, 24, 12, 0, 0, 0, time.UTC)
	s := sigv4.NewSigner(func(o *sigv4.Options) { o.DeterministicECDSA = true })
	key, err := sigv4.DeriveKeyV4a(creds)
	if err != nil {
		f.Fatal(err)
	}
	newReq := func() *http.Request {
		return &http.Request{Method: "GET", URL: &url.URL{Scheme: "https", Host: "h.example.com", Path: "/k"}, Host: "h.example.com", Header: http.Header{}}
	}
	p := sigv4.Params{Service: "s3", Region: "us-east-1", RegionSet: []string{"*"}, Time: now, PayloadHash: sigv4.UnsignedPayload}
	signed := map[string]bool{} // Authorization or query of the requests signed here
	for _, v4a := range []bool{false, true} {
		req := newReq()
		sign, presign := s.SignHTTP, s.PresignHTTP
		if v4a {
			sign, presign = s.SignHTTPV4a, s.PresignHTTPV4a
		}
		if err := sign(req, creds, p); err != nil {
			f.Fatal(err)
		}
		f.Add(req.Header.Get("Authorization"), req.Header.Get("X-Amz-Region-Set"), req.Header.Get("X-Amz-Date"), "")
		signed[req.Header.Get("Authorization")] = true
		u, _, err := presign(newReq(), creds, p, time.Hour)
		if err != nil {
			f.Fatal(err)
		}
		_, q, _ := strings.Cut(u, "?")
		f.Add("", "", "", q)
		signed[q] = true
	}
	f.Add("AWS4-ECDSA-P256-SHA256 Credential=AKIDFUZZ/20261124/s3/aws4_request, SignedHeaders=host;x-amz-date;x-amz-region-set, Signature=3006020101020101", "*", "20261124T120000Z", "")
	f.Add("AWS4-ECDSA-P256-SHA256 Credential=AKIDFUZZ/20261124//s3/aws4_request,SignedHeaders=host, Signature=", ",", "20261124T120000Z", "")
	f.Add("", "", "", "X-Amz-Algorithm=AWS4-ECDSA-P256-SHA256&X-Amz-Region-Set=&X-Amz-Region-Set=*&X-Amz-Signature=zz")
	vo := sigv4.VerifyOptions{
		Lookup:    func(id string) (sigv4.Credentials, bool) { return creds, id == creds.AccessKeyID },
		PublicKey: func(id string) (*ecdsa.PublicKey, bool) { return &key.PublicKey, id == creds.AccessKeyID },
		Now:       now, Signer: s, PayloadHash: sigv4.UnsignedPayload,
	}
	f.Fuzz(func(t *testing.T, auth, regionSet, date, query string) {
		req := newReq()
		req.URL.RawQuery = query
		for k, v := range map[string]string{"Authorization": auth, "X-Amz-Region-Set": regionSet, "X-Amz-Date": date} {
			if v != "" {
				req.Header.Set(k, v)
			}
		}
		v, err := sigv4.Verify(req, vo)
		if err != nil {
			var ve *sigv4.VerifyError
			if !errors.As(err, &ve) {
				t.Fatalf("got %T %v, want a *VerifyError", err, err)
			}
			return
		}
		if !signed[auth] && !signed[query] {
			t.Fatalf("accepted a request no signer signed: %+v", v)
		}
		if v.Algorithm == sigv4.AlgorithmV4a && len(v.RegionSet) == 0 {
			t.Fatalf("accepted SigV4a without a region set: %+v", v)
		}
	})
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
