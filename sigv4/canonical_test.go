package sigv4_test

import (
	"encoding/hex"
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/goto3/goto3/sigv4"
)

func TestNormalizePath(t *testing.T) {
	for _, tt := range []struct{ in, want string }{
		{"/", "/"},
		{"//", "/"},
		{"/a/b/c", "/a/b/c"},
		{"/a/b/c/", "/a/b/c/"},
		{"/a//b///c//", "/a/b/c/"},
		{"/./a/./b/.", "/a/b"},
		{"/a/b/..", "/a"},
		{"/a/b/../", "/a/"},
		{"/a/../..", "/"},
		{"/../../a", "/a"},
		{"/example/..", "/"},
		{"/example1/example2/../..", "/"},
		{"/a/%2E%2E/b", "/a/%2E%2E/b"}, // encoded dots are not dot segments
		{"/...", "/..."},
		{"a/b", "a/b"},
	} {
		if got := sigv4.NormalizePath(tt.in); got != tt.want {
			t.Errorf("NormalizePath(%q): got %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestCanonicalQuery(t *testing.T) {
	for _, tt := range []struct{ in, want string }{
		{"", ""},
		{"b=2&a=1", "a=1&b=2"},
		{"a=2&a=1&a=10", "a=1&a=10&a=2"},
		{"a&b=&=c", "=c&a=&b="},
		{"a=1&&b=2&", "a=1&b=2"},
		{"k=a+b", "k=a%20b"},
		{"k=a%20b", "k=a%20b"},
		{"k=%2b%2F%7e%41", "k=%2B%2F~A"},
		{"k=%zz&j=%4", "j=%254&k=%25zz"},
		{"%E1%88%B4=bar&Param=1", "%E1%88%B4=bar&Param=1"},
		{"\u1234=bar", "%E1%88%B4=bar"},
		{"a=b=c", "a=b%3Dc"},
		{"Param-3=3&Param=2", "Param=2&Param-3=3"},
	} {
		if got := sigv4.CanonicalQuery(tt.in); got != tt.want {
			t.Errorf("CanonicalQuery(%q): got %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestHeaderValue(t *testing.T) {
	for _, tt := range []struct{ in, want string }{
		{"", ""},
		{"   ", ""},
		{"a", "a"},
		{"  a  b   c  ", "a b c"},
		{"a\tb", "a b"},
		{"value1\n  value2\n     value3", "value1 value2 value3"},
		{"\"a   b   c\"", "\"a b c\""},
		{"x\r\n y", "x y"},
	} {
		if got := sigv4.HeaderValue(tt.in); got != tt.want {
			t.Errorf("HeaderValue(%q): got %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestURIEncode(t *testing.T) {
	for _, tt := range []struct {
		in    string
		slash bool
		want  string
	}{
		{"AZaz09-_.~", false, "AZaz09-_.~"},
		{"a b/c", false, "a%20b%2Fc"},
		{"a b/c", true, "a%20b/c"},
		{"$&+,:;=@!*'()", true, "%24%26%2B%2C%3A%3B%3D%40%21%2A%27%28%29"},
		{"%", true, "%25"},
		{"\u1234", true, "%E1%88%B4"},
	} {
		if got := sigv4.URIEncode(tt.in, tt.slash); got != tt.want {
			t.Errorf("URIEncode(%q, %v): got %q, want %q", tt.in, tt.slash, got, tt.want)
		}
	}
}

// TestManyHeaders signs more headers than the signer keeps on the stack,
// in scrambled order and case, and checks the canonical headers are sorted
// and merged.
func TestManyHeaders(t *testing.T) {
	req := &http.Request{Method: "PUT", URL: &url.URL{Scheme: "https", Host: "h.example.com", Path: "/k"}, Host: "h.example.com", Header: http.Header{}}
	for i := 40; i > 0; i-- {
		req.Header.Add(fmt.Sprintf("X-Amz-Meta-H%02d", i), fmt.Sprint(i))
	}
	req.Header["x-amz-meta-h07"] = []string{"lower"} // same name, other spelling
	var tr sigv4.Trace
	p := sigv4.WithTrace(sigv4.Params{Service: "s3", Region: "us-east-1", Time: time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC), PayloadHash: sigv4.UnsignedPayload}, &tr)
	creds := sigv4.Credentials{AccessKeyID: "AKID", SecretAccessKey: "secret"}
	if err := sigv4.NewSigner(sigv4.S3Options).SignHTTP(req, creds, p); err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(tr.CanonicalRequest, "\n")
	var names []string
	for _, l := range lines[3:] {
		if l == "" {
			break
		}
		name, value, _ := strings.Cut(l, ":")
		names = append(names, name)
		if name == "x-amz-meta-h07" && value != "7,lower" {
			t.Errorf("merged header: got %q, want %q", value, "7,lower")
		}
	}
	if len(names) != 40+3 {
		t.Errorf("got %d canonical headers, want 43: %v", len(names), names)
	}
	for i := 1; i < len(names); i++ {
		if names[i-1] >= names[i] {
			t.Errorf("canonical headers not sorted: %q before %q", names[i-1], names[i])
		}
	}
	vo := sigv4.VerifyOptions{Lookup: func(string) (sigv4.Credentials, bool) { return creds, true }, Now: time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC), Signer: sigv4.NewSigner(sigv4.S3Options)}
	if _, err := sigv4.Verify(req, vo); err != nil {
		t.Errorf("Verify: %v", err)
	}
}

func TestHasByteAtMost(t *testing.T) {
	naive := func(s string, c byte) bool {
		for i := 0; i < len(s); i++ {
			if s[i] <= c {
				return true
			}
		}
		return false
	}
	alphabet := []byte{0, 1, ' ' - 1, ' ', ' ' + 1, '!', 'a', 0x7f, 0x80, 0xa0, 0xff}
	for n := 0; n < 20; n++ {
		for trial := 0; trial < 200; trial++ {
			b := make([]byte, n)
			for i := range b {
				b[i] = alphabet[(trial*7+i*13+n)%len(alphabet)]
				if (trial+i)%3 != 0 {
					b[i] = 'x' + byte(i%3)
				}
			}
			for _, c := range []byte{0, ' ', '!', 0x7f} {
				if got, want := sigv4.HasByteAtMost(string(b), c), naive(string(b), c); got != want {
					t.Fatalf("HasByteAtMost(%q, %#x): got %v, want %v", b, c, got, want)
				}
			}
		}
	}
}

func TestLower(t *testing.T) {
	for _, s := range []string{"", "A", "X-Amz-Date", "X-AMZ-SECURITY-TOKEN-@[`{", "ÀÉ-Ünïcödé-ABCDEFGHIJKLMNOPQRSTUVWXYZ", "\x80A\xffZ\x7fA@[", "abcdefghABCDEFGH@@@@[[[["} {
		b := []byte(s)
		for i, c := range b {
			if 'A' <= c && c <= 'Z' {
				b[i] = c + 'a' - 'A'
			}
		}
		want := string(b)
		if got := sigv4.Lower(s); got != want {
			t.Errorf("Lower(%q): got %q, want %q", s, got, want)
		}
	}
}

// TestStaleSpellingsRemoved checks that other spellings of the headers the
// signer sets do not survive next to the ones it sets.
func TestStaleSpellingsRemoved(t *testing.T) {
	req := &http.Request{Method: "GET", URL: &url.URL{Scheme: "https", Host: "h.example.com", Path: "/"}, Host: "h.example.com", Header: http.Header{
		"authorization":        {"stale"},
		"x-amz-date":           {"stale"},
		"X-AMZ-SECURITY-TOKEN": {"stale"},
		"x-amz-content-sha256": {"stale"},
	}}
	creds := sigv4.Credentials{AccessKeyID: "AKID", SecretAccessKey: "secret", SessionToken: "tok"}
	p := sigv4.Params{Service: "s3", Region: "us-east-1", Time: time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC), PayloadHash: sigv4.UnsignedPayload}
	if err := sigv4.NewSigner(sigv4.S3Options).SignHTTP(req, creds, p); err != nil {
		t.Fatal(err)
	}
	var keys []string
	for k, v := range req.Header {
		keys = append(keys, k)
		if len(v) != 1 || v[0] == "stale" {
			t.Errorf("header %s: got %q, want one fresh value", k, v)
		}
	}
	if len(keys) != 4 {
		t.Errorf("got headers %v, want Authorization, X-Amz-Date, X-Amz-Security-Token, X-Amz-Content-Sha256", keys)
	}
}

func TestEncodeHex(t *testing.T) {
	for n := 0; n < 40; n++ {
		src := make([]byte, n)
		for i := range src {
			src[i] = byte(i*37 + n*11)
		}
		if n == 39 {
			for i := range src {
				src[i] = byte(i * 7)
			}
		}
		if got, want := sigv4.EncodeHex(src), hex.EncodeToString(src); got != want {
			t.Errorf("EncodeHex(%x): got %s, want %s", src, got, want)
		}
	}
	all := make([]byte, 256)
	for i := range all {
		all[i] = byte(i)
	}
	if got, want := sigv4.EncodeHex(all), hex.EncodeToString(all); got != want {
		t.Errorf("EncodeHex(0..255): got %s, want %s", got, want)
	}
}

func TestKnownLowerMatchesLowerCasing(t *testing.T) {
	for _, name := range []string{"host", "X-Amz-Date", "X-Amz-Content-Sha256", "X-Amz-Security-Token", "Range", "Content-Type", "Content-Md5", "Content-Length"} {
		t.Run(name, func(t *testing.T) {
			got, pfxOK, ok := sigv4.KnownLower(name)
			if !ok {
				t.Fatalf("got unknown, want known")
			}
			if want := strings.ToLower(name); got != want {
				t.Errorf("got %q, want %q", got, want)
			}
			if !pfxOK {
				t.Errorf("got a prefix that is not prefix8 of %q", got)
			}
		})
	}
	for _, name := range []string{"range", "x-amz-date", "X-Amz-Meta-A", "Host", ""} {
		if l, _, ok := sigv4.KnownLower(name); ok {
			t.Errorf("%q: got known (%q), want unknown (lower-cased by the general path)", name, l)
		}
	}
}

func TestWirePathIsEscapedPath(t *testing.T) {
	for _, p := range []string{"", "/", "*", "/a/b-c_d.e~f", "/photos/2006/February/sample.jpg", "/a b", "/a+b", "/$&+,:;=@", "/a%2Fb", "/é", "/a?b", "/a#b", "//x//"} {
		u := &url.URL{Scheme: "https", Host: "h", Path: p}
		if got, want := sigv4.WirePath(&http.Request{URL: u}), u.EscapedPath(); got != want {
			t.Errorf("path %q: got %q, want %q", p, got, want)
		}
	}
}
