package cloudfront_test

import (
	"crypto"
	"encoding/json"
	"errors"
	"net/url"
	"os"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/goto3/goto3/services/cloudfront"
)

// FuzzPolicyJSON checks the policy encoder against encoding/json: whatever
// Policy.JSON accepts encodes to printable ASCII that decodes back to the
// same resource, times and address range, with no other members.
func FuzzPolicyJSON(f *testing.F) {
	f.Add("https://d111111abcdef8.cloudfront.net/image.jpg?color=red&size=medium", int64(1767290400), int64(0), "")
	f.Add("http*://d111111abcdef8.cloudfront.net/*", int64(1767290400), int64(1582977600), "0.0.0.0/0")
	f.Add("*", int64(2147483647), int64(1), "192.0.2.10")
	f.Add("https://example.com/a\"b\\c/\t\n\r\b\f\x01\x1f\x7f/*", int64(1), int64(0), "")
	f.Add("https://example.com/\u65e5\u672c/\U0001F600/<script>&amp;\u2028", int64(1767290400), int64(0), "203.0.113.7/32")
	f.Add("https://a/\xff", int64(5), int64(4), "2001:db8::1")
	f.Fuzz(func(t *testing.T, resource string, lt, gt int64, ip string) {
		p := cloudfront.Policy{Resource: resource, DateLessThan: time.Unix(lt, 0), IPAddress: ip}
		if gt != 0 {
			p.DateGreaterThan = time.Unix(gt, 0)
		}
		b, err := p.JSON()
		if err != nil {
			if !errors.Is(err, cloudfront.ErrInvalidPolicy) {
				t.Fatalf("got %v, want an ErrInvalidPolicy error", err)
			}
			return
		}
		for i, c := range b {
			if c < ' ' || c > '~' {
				t.Fatalf("byte %#02x at %d of %q is not printable ASCII", c, i, b)
			}
		}
		type epoch struct {
			T *int64 `json:"AWS:EpochTime"`
		}
		var doc struct {
			Statement []struct {
				Resource  *string
				Condition struct {
					DateLessThan    *epoch
					DateGreaterThan *epoch
					IpAddress       *struct {
						SourceIP string `json:"AWS:SourceIp"`
					}
				}
			}
		}
		dec := json.NewDecoder(strings.NewReader(string(b)))
		dec.DisallowUnknownFields()
		if err := dec.Decode(&doc); err != nil {
			t.Fatalf("%s: %v", b, err)
		}
		if len(doc.Statement) != 1 {
			t.Fatalf("%s: got %d statements, want 1", b, len(doc.Statement))
		}
		st := doc.Statement[0]
		if st.Resource == nil || *st.Resource != resource {
			t.Fatalf("%s: resource does not decode to %q", b, resource)
		}
		c := st.Condition
		if c.DateLessThan == nil || c.DateLessThan.T == nil || *c.DateLessThan.T != lt {
			t.Fatalf("%s: DateLessThan does not decode to %d", b, lt)
		}
		if (gt != 0) != (c.DateGreaterThan != nil) || gt != 0 && (c.DateGreaterThan.T == nil || *c.DateGreaterThan.T != gt) {
			t.Fatalf("%s: DateGreaterThan does not decode to %d", b, gt)
		}
		switch {
		case ip == "" && c.IpAddress != nil:
			t.Fatalf("%s: got an IpAddress, want none", b)
		case ip != "" && (c.IpAddress == nil || c.IpAddress.SourceIP != ip && c.IpAddress.SourceIP != ip+"/32"):
			t.Fatalf("%s: IpAddress does not decode to %q", b, ip)
		}
	})
}

// FuzzSignURL signs arbitrary strings: an accepted URL is extended by
// exactly the three parameters, and the signature verifies over the canned
// policy of the URL as given. It signs with the ECDSA test key, which is
// much faster than RSA.
func FuzzSignURL(f *testing.F) {
	for _, u := range []string{
		"https://d111111abcdef8.cloudfront.net/image.jpg",
		"https://d111111abcdef8.cloudfront.net/image.jpg?color=red&size=medium",
		"https://d111111abcdef8.cloudfront.net/image.jpg?",
		"https://d111111abcdef8.cloudfront.net/a/b/?x=&x=1&flag&q=a%2Bb%26c",
		"http://[2001:db8::1]:8080/a;b?c;d",
		"https://d111111abcdef8.cloudfront.net/a?Expires=1",
		"https://d111111abcdef8.cloudfront.net/a#frag",
		"ftp://x/y",
	} {
		f.Add(u, int64(1767290400))
	}
	key, err := readKey("testdata/test_ecdsa_p256.pem")
	if err != nil {
		f.Fatal(err)
	}
	s, err := cloudfront.NewURLSigner(testKeyPairID, key)
	if err != nil {
		f.Fatal(err)
	}
	f.Fuzz(func(t *testing.T, rawURL string, lt int64) {
		got, err := s.SignURL(rawURL, time.Unix(lt, 0))
		if err != nil {
			if !errors.Is(err, cloudfront.ErrInvalidURL) && !errors.Is(err, cloudfront.ErrInvalidPolicy) {
				t.Fatalf("got %v, want an ErrInvalidURL or ErrInvalidPolicy error", err)
			}
			return
		}
		if strings.ContainsAny(rawURL, "# ") {
			t.Fatalf("accepted %q", rawURL)
		}
		params := signedParams(t, rawURL, got)
		if len(params) != 3 || params[0] != [2]string{"Expires", strconv.FormatInt(lt, 10)} || params[1][0] != "Signature" || params[2] != [2]string{"Key-Pair-Id", testKeyPairID} {
			t.Fatalf("%q: got parameters %q", got, params)
		}
		if sep := got[len(rawURL)]; sep != '?' && sep != '&' || (sep == '&') != strings.Contains(rawURL, "?") {
			t.Fatalf("%q: got separator %q", got, sep)
		}
		policy, err := (&cloudfront.Policy{Resource: rawURL, DateLessThan: time.Unix(lt, 0)}).JSON()
		if err != nil {
			t.Fatal(err)
		}
		verify(t, key.Public(), crypto.SHA1, policy, params[1][1])
		u, err := url.Parse(got)
		if err != nil {
			t.Fatalf("%q does not parse: %v", got, err)
		}
		if u.Fragment != "" {
			t.Fatalf("%q has fragment %q", got, u.Fragment)
		}
	})
}

// FuzzParsePrivateKey checks that ParsePrivateKey never panics and that
// NewURLSigner accepts or rejects what it returns with ErrInvalidKey.
func FuzzParsePrivateKey(f *testing.F) {
	for _, name := range []string{"testdata/test_rsa2048.pem", "testdata/test_ecdsa_p256.pem"} {
		data, err := os.ReadFile(name)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(data)
	}
	f.Add([]byte("-----BEGIN RSA PRIVATE KEY-----\nProc-Type: 4,ENCRYPTED\n\nAAAA\n-----END RSA PRIVATE KEY-----\n"))
	f.Add([]byte("-----BEGIN EC PRIVATE KEY-----\nMAA=\n-----END EC PRIVATE KEY-----\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		key, err := cloudfront.ParsePrivateKey(data)
		if err != nil {
			if !errors.Is(err, cloudfront.ErrInvalidKey) {
				t.Fatalf("got %v, want an ErrInvalidKey error", err)
			}
			return
		}
		if key == nil {
			t.Fatal("got a nil key and no error")
		}
		if _, err := cloudfront.NewURLSigner(testKeyPairID, key); err != nil && !errors.Is(err, cloudfront.ErrInvalidKey) {
			t.Fatalf("NewURLSigner: got %v, want nil or an ErrInvalidKey error", err)
		}
	})
}
