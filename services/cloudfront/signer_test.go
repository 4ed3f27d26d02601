package cloudfront_test

import (
	"crypto"
	"crypto/ecdsa"
	"crypto/ed25519"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/rsa"
	"crypto/sha1"
	"crypto/sha256"
	"crypto/x509"
	"encoding/base64"
	"encoding/pem"
	"errors"
	"io"
	"net/http"
	"os"
	"os/exec"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/goto3/goto3/services/cloudfront"
)

// The test keys, committed under testdata and marked as such; they sign the
// botocore vectors and nothing else.
var (
	loadRSAKey   = sync.OnceValues(func() (crypto.Signer, error) { return readKey("testdata/test_rsa2048.pem") })
	loadECDSAKey = sync.OnceValues(func() (crypto.Signer, error) { return readKey("testdata/test_ecdsa_p256.pem") })
)

func readKey(path string) (crypto.Signer, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	return cloudfront.ParsePrivateKey(data)
}

func testRSAKey(t testing.TB) crypto.Signer {
	t.Helper()
	k, err := loadRSAKey()
	if err != nil {
		t.Fatal(err)
	}
	return k
}

func testECDSAKey(t testing.TB) crypto.Signer {
	t.Helper()
	k, err := loadECDSAKey()
	if err != nil {
		t.Fatal(err)
	}
	return k
}

const testKeyPairID = "K2JCJMDEHXQW5F"

func newSigner(t testing.TB, key crypto.Signer, h crypto.Hash) *cloudfront.URLSigner {
	t.Helper()
	s, err := cloudfront.NewURLSigner(testKeyPairID, key, func(o *cloudfront.URLSignerOptions) { o.Hash = h })
	if err != nil {
		t.Fatal(err)
	}
	return s
}

// decodeCF decodes CloudFront's URL-safe base64.
func decodeCF(s string) ([]byte, error) {
	return base64.StdEncoding.DecodeString(strings.NewReplacer("-", "+", "_", "=", "~", "/").Replace(s))
}

// verify checks sig, in CloudFront's base64, over msg with pub.
func verify(t testing.TB, pub crypto.PublicKey, h crypto.Hash, msg []byte, sig string) {
	t.Helper()
	raw, err := decodeCF(sig)
	if err != nil {
		t.Fatalf("signature %q: %v", sig, err)
	}
	var digest []byte
	if h == crypto.SHA256 {
		d := sha256.Sum256(msg)
		digest = d[:]
	} else {
		d := sha1.Sum(msg)
		digest = d[:]
	}
	switch pub := pub.(type) {
	case *rsa.PublicKey:
		if err := rsa.VerifyPKCS1v15(pub, h, digest, raw); err != nil {
			t.Fatalf("RSA signature over %s does not verify: %v", msg, err)
		}
	case *ecdsa.PublicKey:
		if !ecdsa.VerifyASN1(pub, digest, raw) {
			t.Fatalf("ECDSA signature over %s does not verify", msg)
		}
	default:
		t.Fatalf("got public key %T", pub)
	}
}

var (
	jan2026 = time.Date(2026, 1, 1, 18, 0, 0, 0, time.UTC)
	dec2025 = time.Date(2025, 12, 31, 0, 0, 0, 0, time.UTC)
)

// opaqueSigner hides the concrete key type, as an HSM or KMS signer would.
type opaqueSigner struct{ k crypto.Signer }

func (s opaqueSigner) Public() crypto.PublicKey { return s.k.Public() }
func (s opaqueSigner) Sign(r io.Reader, d []byte, o crypto.SignerOpts) ([]byte, error) {
	return s.k.Sign(r, d, o)
}

// failingSigner fails every signature.
type failingSigner struct{ opaqueSigner }

func (failingSigner) Sign(io.Reader, []byte, crypto.SignerOpts) ([]byte, error) {
	return nil, errors.New("hsm unavailable")
}

func TestNewURLSignerErrors(t *testing.T) {
	rsa1024, err := rsa.GenerateKey(rand.Reader, 1024)
	if err != nil {
		t.Fatal(err)
	}
	p384, err := ecdsa.GenerateKey(elliptic.P384(), rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	_, ed, err := ed25519.GenerateKey(rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	sha512Opt := func(o *cloudfront.URLSignerOptions) { o.Hash = crypto.SHA512 }
	for _, tc := range []struct {
		name   string
		id     string
		key    crypto.Signer
		opts   []func(*cloudfront.URLSignerOptions)
		errSub string
	}{
		{"empty id", "", testRSAKey(t), nil, "empty key pair ID"},
		{"id with space", "K2JC JMDE", testRSAKey(t), nil, "letters and digits"},
		{"id with ampersand", "K2JC&x=y", testRSAKey(t), nil, "letters and digits"},
		{"nil key", testKeyPairID, nil, nil, "nil key"},
		{"typed nil rsa", testKeyPairID, (*rsa.PrivateKey)(nil), nil, "nil key"},
		{"typed nil ecdsa", testKeyPairID, (*ecdsa.PrivateKey)(nil), nil, "nil key"},
		{"rsa 1024", testKeyPairID, rsa1024, nil, "RSA key of 1024 bits"},
		{"ecdsa p384", testKeyPairID, p384, nil, "curve P-384"},
		{"ed25519", testKeyPairID, ed, nil, "ed25519.PublicKey keys are not supported"},
		{"opaque ed25519", testKeyPairID, opaqueSigner{ed}, nil, "ed25519.PublicKey keys are not supported"},
		{"sha512", testKeyPairID, testRSAKey(t), []func(*cloudfront.URLSignerOptions){sha512Opt}, "not SHA-1 or SHA-256"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			s, err := cloudfront.NewURLSigner(tc.id, tc.key, tc.opts...)
			if !errors.Is(err, cloudfront.ErrInvalidKey) || !strings.Contains(err.Error(), tc.errSub) {
				t.Fatalf("got %v, %v, want an ErrInvalidKey error containing %q", s, err, tc.errSub)
			}
		})
	}
}

func TestZeroURLSigner(t *testing.T) {
	var zero cloudfront.URLSigner
	var nilSigner *cloudfront.URLSigner
	for name, s := range map[string]*cloudfront.URLSigner{"zero": &zero, "nil": nilSigner} {
		t.Run(name, func(t *testing.T) {
			_, err1 := s.SignURL("https://d111111abcdef8.cloudfront.net/a", jan2026)
			_, err2 := s.SignURLWithPolicy("https://d111111abcdef8.cloudfront.net/a", &cloudfront.Policy{Resource: "*", DateLessThan: jan2026})
			_, err3 := s.SignCookies("https://d111111abcdef8.cloudfront.net/a", jan2026)
			_, err4 := s.SignCookiesWithPolicy(&cloudfront.Policy{Resource: "*", DateLessThan: jan2026})
			for i, err := range []error{err1, err2, err3, err4} {
				if !errors.Is(err, cloudfront.ErrInvalidKey) {
					t.Errorf("call %d: got %v, want ErrInvalidKey", i+1, err)
				}
			}
		})
	}
}

func TestSignURLErrors(t *testing.T) {
	s := newSigner(t, testRSAKey(t), 0)
	for _, tc := range []struct {
		name    string
		url     string
		expires time.Time
		want    error
		errSub  string
	}{
		{"empty", "", jan2026, cloudfront.ErrInvalidURL, "empty URL"},
		{"relative", "/images/image.jpg", jan2026, cloudfront.ErrInvalidURL, "not an absolute http or https URL"},
		{"no scheme", "d111111abcdef8.cloudfront.net/image.jpg", jan2026, cloudfront.ErrInvalidURL, "not an absolute"},
		{"ftp", "ftp://d111111abcdef8.cloudfront.net/image.jpg", jan2026, cloudfront.ErrInvalidURL, "not an absolute"},
		{"rtmp stream name", "videos/mediafile.flv", jan2026, cloudfront.ErrInvalidURL, "not an absolute"},
		{"no host", "https:///image.jpg", jan2026, cloudfront.ErrInvalidURL, "not an absolute"},
		{"opaque", "https:image.jpg", jan2026, cloudfront.ErrInvalidURL, "not an absolute"},
		{"space", "https://d111111abcdef8.cloudfront.net/my image.jpg", jan2026, cloudfront.ErrInvalidURL, "byte 0x20 at offset 40"},
		{"tab", "https://d111111abcdef8.cloudfront.net/a\t", jan2026, cloudfront.ErrInvalidURL, "byte 0x09"},
		{"non-ascii", "https://d111111abcdef8.cloudfront.net/日本.mp4", jan2026, cloudfront.ErrInvalidURL, "byte 0xe6"},
		{"del", "https://d111111abcdef8.cloudfront.net/a\x7f", jan2026, cloudfront.ErrInvalidURL, "byte 0x7f"},
		{"fragment", "https://d111111abcdef8.cloudfront.net/a.html#top", jan2026, cloudfront.ErrInvalidURL, "fragment"},
		{"bad escape", "https://d111111abcdef8.cloudfront.net/%zz", jan2026, cloudfront.ErrInvalidURL, "invalid URL escape"},
		{"signed already", "https://d111111abcdef8.cloudfront.net/a?Expires=1&Signature=x&Key-Pair-Id=K", jan2026, cloudfront.ErrInvalidURL, "already has a Expires parameter"},
		{"has Policy", "https://d111111abcdef8.cloudfront.net/a?x=1&Policy=abc", jan2026, cloudfront.ErrInvalidURL, "already has a Policy parameter"},
		{"has Signature", "https://d111111abcdef8.cloudfront.net/a?Signature", jan2026, cloudfront.ErrInvalidURL, "already has a Signature parameter"},
		{"has Key-Pair-Id", "https://d111111abcdef8.cloudfront.net/a?Key-Pair-Id=", jan2026, cloudfront.ErrInvalidURL, "Key-Pair-Id"},
		{"has Hash-Algorithm", "https://d111111abcdef8.cloudfront.net/a?Hash-Algorithm=SHA256", jan2026, cloudfront.ErrInvalidURL, "Hash-Algorithm"},
		{"escaped Expires", "https://d111111abcdef8.cloudfront.net/a?%45xpires=1", jan2026, cloudfront.ErrInvalidURL, "Expires"},
		{"zero expiry", "https://d111111abcdef8.cloudfront.net/a", time.Time{}, cloudfront.ErrInvalidPolicy, "DateLessThan is not set"},
		{"before 1970", "https://d111111abcdef8.cloudfront.net/a", time.Date(1969, 12, 31, 23, 59, 59, 0, time.UTC), cloudfront.ErrInvalidPolicy, "before 1970"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got, err := s.SignURL(tc.url, tc.expires)
			if !errors.Is(err, tc.want) || !strings.Contains(err.Error(), tc.errSub) {
				t.Fatalf("SignURL: got %q, %v, want an error wrapping %v containing %q", got, err, tc.want, tc.errSub)
			}
			got, err = s.SignURLWithPolicy(tc.url, &cloudfront.Policy{Resource: "*", DateLessThan: tc.expires})
			if !errors.Is(err, tc.want) || !strings.Contains(err.Error(), tc.errSub) {
				t.Fatalf("SignURLWithPolicy: got %q, %v, want an error wrapping %v containing %q", got, err, tc.want, tc.errSub)
			}
			cookies, err := s.SignCookies(tc.url, tc.expires)
			if !errors.Is(err, tc.want) || !strings.Contains(err.Error(), tc.errSub) {
				t.Fatalf("SignCookies: got %v, %v, want an error wrapping %v containing %q", cookies, err, tc.want, tc.errSub)
			}
		})
	}
	// Parameters that only resemble the reserved ones are kept.
	for _, u := range []string{
		"https://d111111abcdef8.cloudfront.net/a?expires=1&signature=2&key-pair-id=3",
		"https://d111111abcdef8.cloudfront.net/a?X-Expires=1&PolicyName=x&Signatures",
		"https://d111111abcdef8.cloudfront.net/Expires=1/Signature=2",
	} {
		if _, err := s.SignURL(u, jan2026); err != nil {
			t.Errorf("SignURL(%q): got %v, want no error", u, err)
		}
	}
}

func TestPolicyJSON(t *testing.T) {
	ist := time.FixedZone("IST", 5*3600+1800)
	for _, tc := range []struct {
		name string
		p    cloudfront.Policy
		want string
	}{
		{
			name: "canned",
			p:    cloudfront.Policy{Resource: "https://d111111abcdef8.cloudfront.net/image.jpg", DateLessThan: time.Unix(1357034400, 0)},
			want: `{"Statement":[{"Resource":"https://d111111abcdef8.cloudfront.net/image.jpg","Condition":{"DateLessThan":{"AWS:EpochTime":1357034400}}}]}`,
		},
		{
			name: "fractions truncated, zones ignored",
			p: cloudfront.Policy{
				Resource:        "https://d111111abcdef8.cloudfront.net/*",
				DateLessThan:    time.Date(2026, 1, 1, 23, 30, 0, 999999999, ist),
				DateGreaterThan: time.Date(2025, 12, 31, 0, 0, 0, 500000000, time.UTC),
			},
			want: `{"Statement":[{"Resource":"https://d111111abcdef8.cloudfront.net/*","Condition":{"DateLessThan":{"AWS:EpochTime":1767290400},"DateGreaterThan":{"AWS:EpochTime":1767139200}}}]}`,
		},
		{
			name: "single address gets /32",
			p:    cloudfront.Policy{Resource: "*", DateLessThan: jan2026, IPAddress: "192.0.2.10"},
			want: `{"Statement":[{"Resource":"*","Condition":{"DateLessThan":{"AWS:EpochTime":1767290400},"IpAddress":{"AWS:SourceIp":"192.0.2.10/32"}}}]}`,
		},
		{
			name: "range kept as written",
			p:    cloudfront.Policy{Resource: "*", DateLessThan: jan2026, IPAddress: "192.0.2.77/24", DateGreaterThan: dec2025},
			want: `{"Statement":[{"Resource":"*","Condition":{"DateLessThan":{"AWS:EpochTime":1767290400},"IpAddress":{"AWS:SourceIp":"192.0.2.77/24"},"DateGreaterThan":{"AWS:EpochTime":1767139200}}}]}`,
		},
		{
			name: "epoch",
			p:    cloudfront.Policy{Resource: "*", DateLessThan: time.Unix(0, 0)},
			want: `{"Statement":[{"Resource":"*","Condition":{"DateLessThan":{"AWS:EpochTime":0}}}]}`,
		},
		{
			name: "no HTML escaping, Python escaping",
			p:    cloudfront.Policy{Resource: "https://a/?x=<b>&y='\"\\/\u00e9\U0001F600\x00\x7f\u2028", DateLessThan: jan2026},
			want: `{"Statement":[{"Resource":"https://a/?x=<b>&y='\"\\/\u00e9\ud83d\ude00\u0000\u007f\u2028","Condition":{"DateLessThan":{"AWS:EpochTime":1767290400}}}]}`,
		},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got, err := tc.p.JSON()
			if err != nil {
				t.Fatal(err)
			}
			if string(got) != tc.want {
				t.Fatalf("got  %s\nwant %s", got, tc.want)
			}
		})
	}
}

func TestPolicyErrors(t *testing.T) {
	for _, tc := range []struct {
		name   string
		p      *cloudfront.Policy
		errSub string
	}{
		{"nil", nil, "nil policy"},
		{"no resource", &cloudfront.Policy{DateLessThan: jan2026}, "empty Resource"},
		{"bad utf-8", &cloudfront.Policy{Resource: "https://a/\xff", DateLessThan: jan2026}, "not valid UTF-8"},
		{"no expiry", &cloudfront.Policy{Resource: "*"}, "DateLessThan is not set"},
		{"start after end", &cloudfront.Policy{Resource: "*", DateLessThan: dec2025, DateGreaterThan: jan2026}, "DateGreaterThan (1767290400) is not before DateLessThan (1767139200)"},
		{"start same second", &cloudfront.Policy{Resource: "*", DateLessThan: jan2026.Add(900 * time.Millisecond), DateGreaterThan: jan2026}, "is not before"},
		{"start before 1970", &cloudfront.Policy{Resource: "*", DateLessThan: jan2026, DateGreaterThan: time.Unix(-1, 0)}, "DateGreaterThan 1969-12-31T23:59:59Z is before 1970"},
		{"ip garbage", &cloudfront.Policy{Resource: "*", DateLessThan: jan2026, IPAddress: "localhost"}, `"localhost" is not an IPv4 address`},
		{"ip bad prefix", &cloudfront.Policy{Resource: "*", DateLessThan: jan2026, IPAddress: "192.0.2.0/33"}, "not an IPv4 address or CIDR range"},
		{"ip leading zero", &cloudfront.Policy{Resource: "*", DateLessThan: jan2026, IPAddress: "192.000.2.1"}, "not an IPv4 address"},
		{"ip with space", &cloudfront.Policy{Resource: "*", DateLessThan: jan2026, IPAddress: " 192.0.2.1"}, "not an IPv4 address"},
		{"ipv6", &cloudfront.Policy{Resource: "*", DateLessThan: jan2026, IPAddress: "2001:db8::1"}, "IPv6, which CloudFront policies do not support"},
		{"ipv6 range", &cloudfront.Policy{Resource: "*", DateLessThan: jan2026, IPAddress: "2001:db8::/32"}, "IPv6"},
		{"ipv4-mapped", &cloudfront.Policy{Resource: "*", DateLessThan: jan2026, IPAddress: "::ffff:192.0.2.1"}, "IPv6"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got, err := tc.p.JSON()
			if !errors.Is(err, cloudfront.ErrInvalidPolicy) || !strings.Contains(err.Error(), tc.errSub) {
				t.Fatalf("got %q, %v, want an ErrInvalidPolicy error containing %q", got, err, tc.errSub)
			}
		})
	}
}

// TestSignURLShape checks what is appended to URLs of each form, and that
// the signature verifies, for every key type and hash.
func TestSignURLShape(t *testing.T) {
	for _, key := range []struct {
		name string
		k    crypto.Signer
	}{{"rsa", testRSAKey(t)}, {"ecdsa", testECDSAKey(t)}, {"opaque-rsa", opaqueSigner{testRSAKey(t)}}} {
		for _, h := range []crypto.Hash{crypto.SHA1, crypto.SHA256} {
			s := newSigner(t, key.k, h)
			for _, tc := range []struct {
				url, sep string
			}{
				{"https://d111111abcdef8.cloudfront.net/image.jpg", "?"},
				{"https://d111111abcdef8.cloudfront.net/image.jpg?color=red&size=medium", "&"},
				{"http://www.example.com/a%20b/?", "&"},
				{"HTTPS://D111111ABCDEF8.CLOUDFRONT.NET/X", "?"},
			} {
				t.Run(key.name+"/"+h.String()+"/"+tc.url, func(t *testing.T) {
					got, err := s.SignURL(tc.url, jan2026)
					if err != nil {
						t.Fatal(err)
					}
					if !strings.HasPrefix(got, tc.url+tc.sep+"Expires=1767290400&Signature=") {
						t.Fatalf("got %s, want %s%sExpires=1767290400&Signature=...", got, tc.url, tc.sep)
					}
					params := signedParams(t, tc.url, got)
					names := []string{}
					for _, kv := range params {
						names = append(names, kv[0])
					}
					want := []string{"Expires", "Signature", "Key-Pair-Id"}
					if h == crypto.SHA256 {
						want = append(want, "Hash-Algorithm")
					}
					if diff := cmp.Diff(want, names); diff != "" {
						t.Fatalf("parameters (-want +got):\n%s", diff)
					}
					if id := paramValue(params, "Key-Pair-Id"); id != testKeyPairID {
						t.Errorf("got Key-Pair-Id %q, want %q", id, testKeyPairID)
					}
					if h == crypto.SHA256 && paramValue(params, "Hash-Algorithm") != "SHA256" {
						t.Errorf("got Hash-Algorithm %q, want SHA256", paramValue(params, "Hash-Algorithm"))
					}
					canned, _ := (&cloudfront.Policy{Resource: tc.url, DateLessThan: jan2026}).JSON()
					verify(t, key.k.Public(), h, canned, paramValue(params, "Signature"))

					p := &cloudfront.Policy{Resource: "http*://*", DateLessThan: jan2026, DateGreaterThan: dec2025, IPAddress: "192.0.2.0/24"}
					got, err = s.SignURLWithPolicy(tc.url, p)
					if err != nil {
						t.Fatal(err)
					}
					params = signedParams(t, tc.url, got)
					policy, err := decodeCF(paramValue(params, "Policy"))
					if err != nil {
						t.Fatal(err)
					}
					wantPolicy, _ := p.JSON()
					if string(policy) != string(wantPolicy) {
						t.Fatalf("got Policy %s, want %s", policy, wantPolicy)
					}
					verify(t, key.k.Public(), h, policy, paramValue(params, "Signature"))
				})
			}
		}
	}
}

// TestOpaqueSignerMatches checks that a crypto.Signer hiding an RSA key
// signs exactly as the key itself.
func TestOpaqueSignerMatches(t *testing.T) {
	const u = "https://d111111abcdef8.cloudfront.net/image.jpg?size=large"
	want, err := newSigner(t, testRSAKey(t), 0).SignURL(u, jan2026)
	if err != nil {
		t.Fatal(err)
	}
	got, err := newSigner(t, opaqueSigner{testRSAKey(t)}, 0).SignURL(u, jan2026)
	if err != nil {
		t.Fatal(err)
	}
	if got != want {
		t.Fatalf("got  %s\nwant %s", got, want)
	}
}

func TestSignerError(t *testing.T) {
	s := newSigner(t, failingSigner{opaqueSigner{testRSAKey(t)}}, 0)
	got, err := s.SignURL("https://d111111abcdef8.cloudfront.net/a", jan2026)
	if err == nil || !strings.Contains(err.Error(), "cloudfront: signing the policy: hsm unavailable") {
		t.Fatalf("got %q, %v, want the signer's error", got, err)
	}
	cookies, err := s.SignCookiesWithPolicy(&cloudfront.Policy{Resource: "*", DateLessThan: jan2026})
	if err == nil || !strings.Contains(err.Error(), "hsm unavailable") {
		t.Fatalf("got %v, %v, want the signer's error", cookies, err)
	}
}

func TestSignCookies(t *testing.T) {
	const resource = "https://d111111abcdef8.cloudfront.net/private/video.mp4"
	policy := &cloudfront.Policy{Resource: "https://d111111abcdef8.cloudfront.net/private/*", DateLessThan: jan2026}
	sig1 := newSigner(t, testRSAKey(t), 0)
	sig256 := newSigner(t, testRSAKey(t), crypto.SHA256)
	for _, tc := range []struct {
		name   string
		signer *cloudfront.URLSigner
		canned bool
		opts   []func(*cloudfront.CookieOptions)
		want   []string // Set-Cookie values with the signature replaced by SIG
	}{
		{
			name: "canned defaults", signer: sig1, canned: true,
			want: []string{
				"CloudFront-Expires=1767290400; Path=/; HttpOnly; Secure",
				"CloudFront-Signature=SIG; Path=/; HttpOnly; Secure",
				"CloudFront-Key-Pair-Id=K2JCJMDEHXQW5F; Path=/; HttpOnly; Secure",
			},
		},
		{
			name: "custom with options", signer: sig1,
			opts: []func(*cloudfront.CookieOptions){func(o *cloudfront.CookieOptions) {
				o.Domain = "example.com"
				o.Path = "/private"
				o.SameSite = http.SameSiteStrictMode
			}},
			want: []string{
				"CloudFront-Policy=POLICY; Path=/private; Domain=example.com; HttpOnly; Secure; SameSite=Strict",
				"CloudFront-Signature=SIG; Path=/private; Domain=example.com; HttpOnly; Secure; SameSite=Strict",
				"CloudFront-Key-Pair-Id=K2JCJMDEHXQW5F; Path=/private; Domain=example.com; HttpOnly; Secure; SameSite=Strict",
			},
		},
		{
			name: "sha256 insecure", signer: sig256, canned: true,
			opts: []func(*cloudfront.CookieOptions){func(o *cloudfront.CookieOptions) { o.Insecure = true }},
			want: []string{
				"CloudFront-Expires=1767290400; Path=/; HttpOnly",
				"CloudFront-Signature=SIG; Path=/; HttpOnly",
				"CloudFront-Key-Pair-Id=K2JCJMDEHXQW5F; Path=/; HttpOnly",
				"CloudFront-Hash-Algorithm=SHA256; Path=/; HttpOnly",
			},
		},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var cookies []*http.Cookie
			var signedURL string
			var err error
			if tc.canned {
				cookies, err = tc.signer.SignCookies(resource, jan2026, tc.opts...)
				signedURL, _ = tc.signer.SignURL(resource, jan2026)
			} else {
				cookies, err = tc.signer.SignCookiesWithPolicy(policy, tc.opts...)
				signedURL, _ = tc.signer.SignURLWithPolicy(resource, policy)
			}
			if err != nil {
				t.Fatal(err)
			}
			params := signedParams(t, resource, signedURL)
			r := strings.NewReplacer("="+paramValue(params, "Signature")+";", "=SIG;", "="+paramValue(params, "Policy")+";", "=POLICY;")
			var got []string
			for _, c := range cookies {
				if err := c.Valid(); err != nil {
					t.Errorf("cookie %s: %v", c.Name, err)
				}
				got = append(got, r.Replace(c.String()))
			}
			if diff := cmp.Diff(tc.want, got); diff != "" {
				t.Fatalf("cookies (-want +got):\n%s", diff)
			}
			// What a handler sends: one Set-Cookie header per cookie.
			w := http.Header{}
			for _, c := range cookies {
				w.Add("Set-Cookie", c.String())
			}
			if n := len(w.Values("Set-Cookie")); n != len(tc.want) {
				t.Errorf("got %d Set-Cookie headers, want %d", n, len(tc.want))
			}
		})
	}

	for _, tc := range []struct {
		name string
		opt  func(*cloudfront.CookieOptions)
	}{
		{"bad domain", func(o *cloudfront.CookieOptions) { o.Domain = "exa mple.com" }},
		{"bad path", func(o *cloudfront.CookieOptions) { o.Path = "/a;b" }},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got, err := sig1.SignCookiesWithPolicy(policy, tc.opt)
			if !errors.Is(err, cloudfront.ErrInvalidCookie) {
				t.Fatalf("got %v, %v, want ErrInvalidCookie", got, err)
			}
		})
	}
	if got, err := sig1.SignCookiesWithPolicy(&cloudfront.Policy{Resource: "*"}); !errors.Is(err, cloudfront.ErrInvalidPolicy) {
		t.Fatalf("got %v, %v, want ErrInvalidPolicy", got, err)
	}
}

func TestParsePrivateKey(t *testing.T) {
	rsaKey := testRSAKey(t).(*rsa.PrivateKey)
	ecKey := testECDSAKey(t).(*ecdsa.PrivateKey)
	ecDER, err := x509.MarshalECPrivateKey(ecKey)
	if err != nil {
		t.Fatal(err)
	}
	pub, err := x509.MarshalPKIXPublicKey(rsaKey.Public())
	if err != nil {
		t.Fatal(err)
	}
	_, ed, _ := ed25519.GenerateKey(rand.Reader)
	edDER, err := x509.MarshalPKCS8PrivateKey(ed)
	if err != nil {
		t.Fatal(err)
	}
	enc := func(typ string, der []byte, h map[string]string) []byte {
		return pem.EncodeToMemory(&pem.Block{Type: typ, Headers: h, Bytes: der})
	}
	for _, tc := range []struct {
		name   string
		data   []byte
		want   crypto.PublicKey
		errSub string
	}{
		{name: "pkcs1", data: enc("RSA PRIVATE KEY", x509.MarshalPKCS1PrivateKey(rsaKey), nil), want: rsaKey.Public()},
		{name: "sec1", data: append([]byte("comment\n"), enc("EC PRIVATE KEY", ecDER, nil)...), want: ecKey.Public()},
		{name: "pkcs8 ed25519", data: enc("PRIVATE KEY", edDER, nil), want: ed.Public()},
		{name: "empty", data: nil, errSub: "no PEM block"},
		{name: "public key", data: enc("PUBLIC KEY", pub, nil), errSub: `"PUBLIC KEY" is not a private key`},
		{name: "encrypted pkcs8", data: enc("ENCRYPTED PRIVATE KEY", []byte{1}, nil), errSub: "encrypted"},
		{name: "encrypted legacy", data: enc("RSA PRIVATE KEY", []byte{1}, map[string]string{"Proc-Type": "4,ENCRYPTED"}), errSub: "encrypted"},
		{name: "garbage pkcs1", data: enc("RSA PRIVATE KEY", []byte{1, 2, 3}, nil), errSub: "PKCS #1 key: "},
		{name: "garbage pkcs8", data: enc("PRIVATE KEY", []byte{1, 2, 3}, nil), errSub: "PKCS #8 key: "},
		{name: "garbage sec1", data: enc("EC PRIVATE KEY", []byte{1, 2, 3}, nil), errSub: "SEC 1 key: x509"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got, err := cloudfront.ParsePrivateKey(tc.data)
			if tc.errSub != "" {
				if !errors.Is(err, cloudfront.ErrInvalidKey) || !strings.Contains(err.Error(), tc.errSub) {
					t.Fatalf("got %v, %v, want an ErrInvalidKey error containing %q", got, err, tc.errSub)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if eq, ok := got.Public().(interface{ Equal(crypto.PublicKey) bool }); !ok || !eq.Equal(tc.want) {
				t.Fatalf("got public key %v, want %v", got.Public(), tc.want)
			}
		})
	}
}

// TestConcurrentSigning signs from many goroutines with one signer; run it
// with -race.
func TestConcurrentSigning(t *testing.T) {
	s := newSigner(t, testRSAKey(t), 0)
	const u = "https://d111111abcdef8.cloudfront.net/image.jpg"
	want, err := s.SignURL(u, jan2026)
	if err != nil {
		t.Fatal(err)
	}
	var wg sync.WaitGroup
	errs := make(chan error, 8)
	for range 8 {
		wg.Go(func() {
			got, err := s.SignURL(u, jan2026)
			if err == nil && got != want {
				err = errors.New("got a different URL: " + got)
			}
			errs <- err
		})
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		if err != nil {
			t.Error(err)
		}
	}
}

// TestFIPS140Only runs itself again in Go's FIPS 140-only mode, where
// crypto/sha1 panics: NewURLSigner must refuse SHA-1 with an error, and
// SHA-256 signing must work.
func TestFIPS140Only(t *testing.T) {
	if os.Getenv("GOTO3_CLOUDFRONT_FIPS_CHILD") != "1" {
		cmd := exec.Command(os.Args[0], "-test.run=^TestFIPS140Only$", "-test.v")
		cmd.Env = append(os.Environ(), "GOTO3_CLOUDFRONT_FIPS_CHILD=1", "GODEBUG=fips140=only")
		out, err := cmd.CombinedOutput()
		if err != nil {
			t.Fatalf("FIPS 140-only run: %v\n%s", err, out)
		}
		if !strings.Contains(string(out), "--- PASS: TestFIPS140Only") {
			t.Fatalf("FIPS 140-only run did not pass:\n%s", out)
		}
		return
	}
	s, err := cloudfront.NewURLSigner(testKeyPairID, testRSAKey(t))
	if !errors.Is(err, cloudfront.ErrInvalidKey) || !strings.Contains(err.Error(), "FIPS 140-only") {
		t.Fatalf("SHA-1: got %v, %v, want an ErrInvalidKey error naming FIPS 140-only mode", s, err)
	}
	for _, key := range []crypto.Signer{testRSAKey(t), testECDSAKey(t)} {
		s := newSigner(t, key, crypto.SHA256)
		const u = "https://d111111abcdef8.cloudfront.net/image.jpg"
		got, err := s.SignURL(u, jan2026)
		if err != nil {
			t.Fatal(err)
		}
		canned, _ := (&cloudfront.Policy{Resource: u, DateLessThan: jan2026}).JSON()
		verify(t, key.Public(), crypto.SHA256, canned, paramValue(signedParams(t, u, got), "Signature"))
	}
}
