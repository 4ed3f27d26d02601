package sigv4_test

import (
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/hmac"
	"crypto/sha256"
	"encoding/binary"
	"encoding/hex"
	"errors"
	"fmt"
	"math/big"
	"net/http"
	"net/url"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/goto3/goto3/sigv4"
)

// The aws-c-auth suite's credentials and the public key derived from them
// (public-key.json of its v4a cases).
var (
	suiteCreds = sigv4.Credentials{AccessKeyID: testAKID, SecretAccessKey: testSecret}
	suitePubX  = "b6618f6a65740a99e650b33b6b4b5bd0d43b176d721a3edfea7e7d2d56d936b1"
	suitePubY  = "865ed22a7eadc9c5cb9d2cbaca1b3699139fedc5043dc6661864218330c8e518"
)

// refDeriveV4a is an independent, plain rendering of the SigV4a key
// derivation with math/big (not constant time; for tests only).
func refDeriveV4a(akid, secret string) *big.Int {
	nMinus2 := new(big.Int).Sub(elliptic.P256().Params().N, big.NewInt(2))
	for counter := 1; counter <= 254; counter++ {
		m := hmac.New(sha256.New, []byte("AWS4A"+secret))
		var in []byte
		in = binary.BigEndian.AppendUint32(in, 1)
		in = append(in, "AWS4-ECDSA-P256-SHA256"...)
		in = append(in, 0)
		in = append(in, akid...)
		in = append(in, byte(counter))
		in = binary.BigEndian.AppendUint32(in, 256)
		m.Write(in)
		c := new(big.Int).SetBytes(m.Sum(nil))
		if c.Cmp(nMinus2) <= 0 {
			return c.Add(c, big.NewInt(1))
		}
	}
	return nil
}

func TestDeriveKeyV4a(t *testing.T) {
	key, err := sigv4.DeriveKeyV4a(suiteCreds)
	if err != nil {
		t.Fatal(err)
	}
	if got, want := fmt.Sprintf("%064x", key.X), suitePubX; got != want {
		t.Errorf("X: got %s, want %s", got, want)
	}
	if got, want := fmt.Sprintf("%064x", key.Y), suitePubY; got != want {
		t.Errorf("Y: got %s, want %s", got, want)
	}
	// The session token plays no part.
	withToken := suiteCreds
	withToken.SessionToken = "token"
	if k2, err := sigv4.DeriveKeyV4a(withToken); err != nil || !k2.Equal(key) {
		t.Errorf("with a session token: got %v, %v; want the same key", k2, err)
	}

	// Against the plain math/big rendering, for assorted credentials.
	for i := range 64 {
		akid := fmt.Sprintf("AKID%d", i)
		secret := strings.Repeat(fmt.Sprintf("s%d/", i), i%9+1)
		if i == 63 {
			akid, secret = "", "x" // an empty access key id is refused
		}
		k, err := sigv4.DeriveKeyV4a(sigv4.Credentials{AccessKeyID: akid, SecretAccessKey: secret})
		if akid == "" {
			if !errors.Is(err, sigv4.ErrMissingCredentials) {
				t.Errorf("empty access key id: got %v, want ErrMissingCredentials", err)
			}
			continue
		}
		if err != nil {
			t.Fatal(err)
		}
		if want := refDeriveV4a(akid, secret); k.D.Cmp(want) != 0 {
			t.Errorf("%s/%s: got d=%x, want %x", akid, secret, k.D, want)
		}
		if _, err := k.PublicKey.ECDH(); err != nil { // checks the point is on P-256
			t.Errorf("%s: public key not on the curve", akid)
		}
	}
	if _, err := sigv4.DeriveKeyV4a(sigv4.Credentials{AccessKeyID: "AKID"}); !errors.Is(err, sigv4.ErrMissingCredentials) {
		t.Errorf("no secret: got %v, want ErrMissingCredentials", err)
	}
}

func TestLessOrEqualAddOne(t *testing.T) {
	fromBig := func(x *big.Int) (b [32]byte) {
		x.FillBytes(b[:])
		return b
	}
	n := elliptic.P256().Params().N
	sub := func(k int64) [32]byte { return fromBig(new(big.Int).Sub(n, big.NewInt(k))) }
	ones := fromBig(new(big.Int).Sub(new(big.Int).Lsh(big.NewInt(1), 256), big.NewInt(1)))
	var zero, one [32]byte
	one[31] = 1
	tests := []struct {
		name string
		a, b [32]byte
		want bool
	}{
		{"n-2 <= n-2", sub(2), sub(2), true},
		{"n-3 <= n-2", sub(3), sub(2), true},
		{"n-1 <= n-2", sub(1), sub(2), false},
		{"n <= n-2", sub(0), sub(2), false},
		{"0 <= n-2", zero, sub(2), true},
		{"all ones <= n-2", ones, sub(2), false},
		{"1 <= 0", one, zero, false},
		{"0 <= 0", zero, zero, true},
		{"0 <= 1", zero, one, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := sigv4.LessOrEqual(tt.a, tt.b); got != tt.want {
				t.Errorf("got %v, want %v", got, tt.want)
			}
		})
	}
	for _, c := range []struct{ in, want [32]byte }{
		{zero, one},
		{sub(2), sub(1)},
		{fromBig(big.NewInt(0xff)), fromBig(big.NewInt(0x100))},
		{fromBig(new(big.Int).Sub(new(big.Int).Lsh(big.NewInt(1), 128), big.NewInt(1))), fromBig(new(big.Int).Lsh(big.NewInt(1), 128))},
	} {
		if got := sigv4.AddOne(c.in); got != c.want {
			t.Errorf("AddOne(%x): got %x, want %x", c.in, got, c.want)
		}
	}
}

var v4aTime = time.Date(2026, 11, 24, 12, 0, 0, 0, time.UTC)

func v4aRequest() *http.Request {
	return &http.Request{
		Method: http.MethodGet,
		URL:    &url.URL{Scheme: "https", Host: "mrap.accesspoint.s3-global.amazonaws.com", Path: "/photos/sample.jpg", RawQuery: "versionId=3"},
		Host:   "mrap.accesspoint.s3-global.amazonaws.com",
		Header: http.Header{"Range": {"bytes=0-9"}},
	}
}

func deterministic(o *sigv4.Options) { o.DeterministicECDSA = true }

func TestSignHTTPV4a(t *testing.T) {
	tests := []struct {
		name        string
		opts        []func(*sigv4.Options)
		creds       sigv4.Credentials
		p           sigv4.Params
		wantHeaders map[string]string // besides X-Amz-Date, Range and Authorization
		wantAuth    string            // Authorization up to the signature
	}{
		{
			name:        "region set from Region",
			p:           sigv4.Params{Service: "s3", Region: "us-west-2", PayloadHash: sigv4.UnsignedPayload},
			wantHeaders: map[string]string{"X-Amz-Region-Set": "us-west-2"},
			wantAuth:    "AWS4-ECDSA-P256-SHA256 Credential=AKIDVERIFY/20261124/s3/aws4_request, SignedHeaders=host;range;x-amz-date;x-amz-region-set, Signature=",
		},
		{
			name:        "region set",
			p:           sigv4.Params{Service: "s3", Region: "ignored", RegionSet: []string{"us-east-1", "us-west-2"}, PayloadHash: sigv4.UnsignedPayload},
			wantHeaders: map[string]string{"X-Amz-Region-Set": "us-east-1,us-west-2"},
			wantAuth:    "AWS4-ECDSA-P256-SHA256 Credential=AKIDVERIFY/20261124/s3/aws4_request, SignedHeaders=host;range;x-amz-date;x-amz-region-set, Signature=",
		},
		{
			name:        "S3 options, every region, session token",
			opts:        []func(*sigv4.Options){sigv4.S3Options},
			creds:       vToken,
			p:           sigv4.Params{Service: "s3", RegionSet: []string{"*"}, PayloadHash: sigv4.UnsignedPayload},
			wantHeaders: map[string]string{"X-Amz-Region-Set": "*", "X-Amz-Content-Sha256": sigv4.UnsignedPayload, "X-Amz-Security-Token": vToken.SessionToken},
			wantAuth:    "AWS4-ECDSA-P256-SHA256 Credential=ASIAVERIFY/20261124/s3/aws4_request, SignedHeaders=host;range;x-amz-content-sha256;x-amz-date;x-amz-region-set;x-amz-security-token, Signature=",
		},
		{
			name:        "session token after signing",
			opts:        []func(*sigv4.Options){func(o *sigv4.Options) { o.AddSessionTokenAfterSigning = true }},
			creds:       vToken,
			p:           sigv4.Params{Service: "service", Region: "us-east-1"},
			wantHeaders: map[string]string{"X-Amz-Region-Set": "us-east-1", "X-Amz-Security-Token": vToken.SessionToken},
			wantAuth:    "AWS4-ECDSA-P256-SHA256 Credential=ASIAVERIFY/20261124/service/aws4_request, SignedHeaders=host;range;x-amz-date;x-amz-region-set, Signature=",
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			creds := tt.creds
			if creds.AccessKeyID == "" {
				creds = vCreds
			}
			s := sigv4.NewSigner(tt.opts...)
			req := v4aRequest()
			p := tt.p
			p.Time = v4aTime
			if err := s.SignHTTPV4a(req, creds, p); err != nil {
				t.Fatal(err)
			}
			want := http.Header{"Range": {"bytes=0-9"}, "X-Amz-Date": {"20261124T120000Z"}}
			for k, v := range tt.wantHeaders {
				want[k] = []string{v}
			}
			got := req.Header.Clone()
			auth := got.Get("Authorization")
			delete(got, "Authorization")
			if diff := cmp.Diff(want, got); diff != "" {
				t.Errorf("headers (-want +got):\n%s", diff)
			}
			if !strings.HasPrefix(auth, tt.wantAuth) {
				t.Errorf("Authorization: got %q, want it to start with %q", auth, tt.wantAuth)
			}
			sig := strings.TrimPrefix(auth, tt.wantAuth)
			if n := len(sig); n < 16 || n > 144 || n%2 != 0 || strings.ToLower(sig) != sig {
				t.Errorf("signature: got %q, want lower-case hex DER", sig)
			}
			vo := sigv4.VerifyOptions{Lookup: lookup, Now: v4aTime, Signer: s, PayloadHash: p.PayloadHash}
			if _, err := sigv4.Verify(req, vo); err != nil {
				t.Errorf("Verify: %v", err)
			}
		})
	}
}

func TestSignV4aErrors(t *testing.T) {
	s := sigv4.NewSigner()
	ok := sigv4.Params{Service: "s3", RegionSet: []string{"*"}, Time: v4aTime}
	tests := []struct {
		name    string
		req     *http.Request
		creds   sigv4.Credentials
		p       func(p *sigv4.Params)
		expires time.Duration
		want    error
	}{
		{name: "nil request", want: sigv4.ErrNilRequest},
		{name: "no secret", req: v4aRequest(), creds: sigv4.Credentials{AccessKeyID: "AKID"}, want: sigv4.ErrMissingCredentials},
		{name: "no service", req: v4aRequest(), p: func(p *sigv4.Params) { p.Service = "" }, want: sigv4.ErrMissingParamsV4a},
		{name: "no time", req: v4aRequest(), p: func(p *sigv4.Params) { p.Time = time.Time{} }, want: sigv4.ErrMissingParamsV4a},
		{name: "no region", req: v4aRequest(), p: func(p *sigv4.Params) { p.RegionSet = nil }, want: sigv4.ErrMissingParamsV4a},
		{name: "empty region", req: v4aRequest(), p: func(p *sigv4.Params) { p.RegionSet = []string{"us-east-1", ""} }, want: sigv4.ErrInvalidRegionSet},
		{name: "comma in a region", req: v4aRequest(), p: func(p *sigv4.Params) { p.RegionSet = []string{"us-east-1,us-west-2"} }, want: sigv4.ErrInvalidRegionSet},
		{name: "presign expiry too short", req: v4aRequest(), expires: time.Second / 2, want: sigv4.ErrInvalidExpiry},
		{name: "presign expiry too long", req: v4aRequest(), expires: sigv4.MaxPresignExpiry + time.Second, want: sigv4.ErrInvalidExpiry},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			creds := tt.creds
			if creds.AccessKeyID == "" {
				creds = vCreds
			}
			p := ok
			if tt.p != nil {
				tt.p(&p)
			}
			exp := tt.expires
			if exp == 0 {
				exp = time.Hour
			}
			if tt.expires == 0 {
				if err := s.SignHTTPV4a(tt.req, creds, p); !errors.Is(err, tt.want) {
					t.Errorf("SignHTTPV4a: got %v, want %v", err, tt.want)
				}
			}
			if _, _, err := s.PresignHTTPV4a(tt.req, creds, p, exp); !errors.Is(err, tt.want) {
				t.Errorf("PresignHTTPV4a: got %v, want %v", err, tt.want)
			}
		})
	}
}

func TestSignHTTPV4aRandomness(t *testing.T) {
	p := sigv4.Params{Service: "s3", RegionSet: []string{"*"}, Time: v4aTime, PayloadHash: sigv4.UnsignedPayload}
	sign := func(s *sigv4.Signer) string {
		req := v4aRequest()
		if err := s.SignHTTPV4a(req, vCreds, p); err != nil {
			t.Fatal(err)
		}
		return req.Header.Get("Authorization")
	}
	det := sigv4.NewSigner(deterministic)
	if a, b := sign(det), sign(sigv4.NewSigner(deterministic)); a != b {
		t.Errorf("DeterministicECDSA: got %q and %q, want the same", a, b)
	}
	random := sigv4.NewSigner()
	if a, b := sign(random), sign(random); a == b {
		t.Errorf("randomized signatures: got %q twice, want them to differ", a)
	}
	// A Rand that fails: crypto/ecdsa either reads it (and the error is
	// reported) or, since Go 1.26 without GODEBUG=cryptocustomrand=1, uses
	// its own source (and the signature is good).
	bad := sigv4.NewSigner(func(o *sigv4.Options) { o.Rand = failingReader{} })
	req := v4aRequest()
	err := bad.SignHTTPV4a(req, vCreds, p)
	switch {
	case err != nil && (!errors.Is(err, errNoRandomness) || !strings.HasPrefix(err.Error(), "sigv4: ")):
		t.Errorf("failing Rand: got %v, want a sigv4 error wrapping %v", err, errNoRandomness)
	case err != nil:
		t.Logf("failing Rand: %v", err)
	default:
		t.Log("failing Rand: crypto/ecdsa ignored it")
		if _, err := sigv4.Verify(req, sigv4.VerifyOptions{Lookup: lookup, Now: v4aTime, PayloadHash: sigv4.UnsignedPayload}); err != nil {
			t.Errorf("Verify: %v", err)
		}
	}
}

var errNoRandomness = errors.New("no randomness here")

type failingReader struct{}

func (failingReader) Read([]byte) (int, error) { return 0, errNoRandomness }

// TestSignHTTPV4aAgain signs a request twice, and over stale headers: each
// header the signer sets holds one value, in its canonical spelling.
func TestSignHTTPV4aAgain(t *testing.T) {
	s := sigv4.NewSigner(sigv4.S3Options, deterministic)
	p := sigv4.Params{Service: "s3", RegionSet: []string{"us-east-1", "eu-west-1"}, Time: v4aTime, PayloadHash: sigv4.UnsignedPayload}
	want := v4aRequest()
	if err := s.SignHTTPV4a(want, vToken, p); err != nil {
		t.Fatal(err)
	}
	req := v4aRequest()
	req.Header["x-amz-region-set"] = []string{"stale"}
	req.Header["X-Amz-Region-Set"] = []string{"stale", "twice"}
	req.Header["authorization"] = []string{"AWS4-HMAC-SHA256 stale"}
	req.Header["X-Amz-Date"] = []string{"20000101T000000Z"}
	for range 2 {
		if err := s.SignHTTPV4a(req, vToken, p); err != nil {
			t.Fatal(err)
		}
		if diff := cmp.Diff(want.Header, req.Header); diff != "" {
			t.Errorf("headers (-want +got):\n%s", diff)
		}
	}
	// SigV4 after SigV4a replaces the Authorization; the region set header
	// stays, signed like any other header.
	if err := s.SignHTTP(req, vToken, sigv4.Params{Service: "s3", Region: "us-east-1", Time: v4aTime, PayloadHash: sigv4.UnsignedPayload}); err != nil {
		t.Fatal(err)
	}
	if got := req.Header.Get("Authorization"); !strings.HasPrefix(got, "AWS4-HMAC-SHA256 ") || !strings.Contains(got, "x-amz-region-set") {
		t.Errorf("Authorization after SignHTTP: got %q, want SigV4 signing x-amz-region-set", got)
	}
}

func TestPresignHTTPV4a(t *testing.T) {
	s := sigv4.NewSigner(sigv4.S3Options, deterministic)
	req := v4aRequest()
	req.URL.RawQuery = "versionId=3&X-Amz-Region-Set=stale&x-amz-signature=stale"
	req.Header.Set("X-Amz-Region-Set", "stale header")
	req.Header.Set("Content-Type", "image/jpeg")
	before := req.Clone(req.Context())
	p := sigv4.Params{Service: "s3", RegionSet: []string{"*"}, Time: v4aTime}
	u, hdr, err := s.PresignHTTPV4a(req, vToken, p, 15*time.Minute)
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(before.Header, req.Header); diff != "" || before.URL.String() != req.URL.String() {
		t.Errorf("the request changed: %s (-before +after):\n%s", req.URL, diff)
	}
	pu, err := url.Parse(u)
	if err != nil {
		t.Fatal(err)
	}
	q := pu.Query()
	sig := q.Get("X-Amz-Signature")
	q.Del("X-Amz-Signature")
	wantQuery := url.Values{
		"versionId":            {"3"},
		"X-Amz-Algorithm":      {"AWS4-ECDSA-P256-SHA256"},
		"X-Amz-Credential":     {"ASIAVERIFY/20261124/s3/aws4_request"},
		"X-Amz-Date":           {"20261124T120000Z"},
		"X-Amz-Expires":        {"900"},
		"X-Amz-SignedHeaders":  {"content-type;host;range"},
		"X-Amz-Region-Set":     {"*"},
		"X-Amz-Security-Token": {vToken.SessionToken},
	}
	if diff := cmp.Diff(wantQuery, q); diff != "" {
		t.Errorf("query (-want +got):\n%s", diff)
	}
	if len(sig) < 16 || len(sig)%2 != 0 {
		t.Errorf("X-Amz-Signature: got %q, want hex DER", sig)
	}
	wantHdr := http.Header{"Host": {req.Host}, "Content-Type": {"image/jpeg"}, "Range": {"bytes=0-9"}}
	if diff := cmp.Diff(wantHdr, hdr); diff != "" {
		t.Errorf("signed headers (-want +got):\n%s", diff)
	}
	// A server receives the URL with the signed headers.
	got := &http.Request{Method: "GET", URL: pu, Host: pu.Host, Header: hdr.Clone()}
	delete(got.Header, "Host")
	v, err := sigv4.Verify(got, sigv4.VerifyOptions{Lookup: lookup, Now: v4aTime.Add(time.Minute), Signer: s})
	if err != nil {
		t.Fatalf("Verify: %v", err)
	}
	if !v.Presigned || v.Expires != 15*time.Minute || !cmp.Equal(v.RegionSet, []string{"*"}) || v.PayloadHash != sigv4.UnsignedPayload {
		t.Errorf("got %+v, want presigned for 15m, region set [*], UNSIGNED-PAYLOAD", v)
	}
}

// v4aSigned returns a GET signed with SigV4a by its headers.
func v4aSigned(t *testing.T, s *sigv4.Signer, creds sigv4.Credentials, p sigv4.Params) *http.Request {
	t.Helper()
	req := v4aRequest()
	if err := s.SignHTTPV4a(req, creds, p); err != nil {
		t.Fatal(err)
	}
	return req
}

// v4aPresigned returns a GET presigned with SigV4a, as a server receives it.
func v4aPresigned(t *testing.T, s *sigv4.Signer, creds sigv4.Credentials, p sigv4.Params) *http.Request {
	t.Helper()
	u, hdr, err := s.PresignHTTPV4a(v4aRequest(), creds, p, time.Hour)
	if err != nil {
		t.Fatal(err)
	}
	pu, err := url.Parse(u)
	if err != nil {
		t.Fatal(err)
	}
	req := &http.Request{Method: "GET", URL: pu, Host: pu.Host, Header: hdr.Clone()}
	delete(req.Header, "Host")
	return req
}

func TestVerifyV4a(t *testing.T) {
	s := sigv4.NewSigner(sigv4.S3Options)
	p := sigv4.Params{Service: "s3", RegionSet: []string{"us-east-1", "eu-*"}, Time: vTime, PayloadHash: sigv4.UnsignedPayload}
	vKey, err := sigv4.DeriveKeyV4a(vCreds)
	if err != nil {
		t.Fatal(err)
	}
	otherKey, err := sigv4.DeriveKeyV4a(sigv4.Credentials{AccessKeyID: vCreds.AccessKeyID, SecretAccessKey: "another secret"})
	if err != nil {
		t.Fatal(err)
	}
	publicKey := func(id string) (*ecdsa.PublicKey, bool) {
		return &vKey.PublicKey, id == vCreds.AccessKeyID
	}
	header := func(t *testing.T) *http.Request { return v4aSigned(t, s, vCreds, p) }
	query := func(t *testing.T) *http.Request { return v4aPresigned(t, s, vCreds, p) }
	tests := []struct {
		name  string
		build func(t *testing.T) *http.Request
		vo    func(*sigv4.VerifyOptions)
		want  string // error code, "" for success
	}{
		{name: "header/ok", build: header},
		{name: "query/ok", build: query},
		{name: "header/public key only", build: header, vo: func(o *sigv4.VerifyOptions) { o.Lookup, o.PublicKey = nil, publicKey }},
		{name: "query/public key only", build: query, vo: func(o *sigv4.VerifyOptions) { o.Lookup, o.PublicKey = nil, publicKey }},
		{name: "header/public key and lookup", build: header, vo: func(o *sigv4.VerifyOptions) { o.PublicKey = publicKey }},
		{name: "header/wrong public key", build: header, vo: func(o *sigv4.VerifyOptions) {
			o.PublicKey = func(string) (*ecdsa.PublicKey, bool) { return &otherKey.PublicKey, true }
		}, want: sigv4.CodeSignatureDoesNotMatch},
		{name: "header/unknown to the public keys", build: header, vo: func(o *sigv4.VerifyOptions) {
			o.PublicKey = func(string) (*ecdsa.PublicKey, bool) { return nil, false }
		}, want: sigv4.CodeInvalidAccessKeyID},
		{name: "header/unknown key", build: func(t *testing.T) *http.Request {
			return v4aSigned(t, s, sigv4.Credentials{AccessKeyID: "AKIDOTHER", SecretAccessKey: "x"}, p)
		}, want: sigv4.CodeInvalidAccessKeyID},
		{name: "header/wrong secret", build: func(t *testing.T) *http.Request {
			return v4aSigned(t, s, sigv4.Credentials{AccessKeyID: vCreds.AccessKeyID, SecretAccessKey: "wrong"}, p)
		}, want: sigv4.CodeSignatureDoesNotMatch},
		{name: "header/session token", build: func(t *testing.T) *http.Request { return v4aSigned(t, s, vToken, p) }},
		{name: "query/session token", build: func(t *testing.T) *http.Request { return v4aPresigned(t, s, vToken, p) }},
		{name: "header/session token, public key only", build: func(t *testing.T) *http.Request { return v4aSigned(t, s, vToken, p) },
			vo: func(o *sigv4.VerifyOptions) {
				o.Lookup, o.PublicKey = nil, func(string) (*ecdsa.PublicKey, bool) { return &vKey.PublicKey, true }
			}, want: sigv4.CodeInvalidToken},
		{name: "header/region in set", build: header, vo: func(o *sigv4.VerifyOptions) { o.Region = "us-east-1" }},
		{name: "header/region matched by a prefix", build: header, vo: func(o *sigv4.VerifyOptions) { o.Region = "eu-west-1" }},
		{name: "header/region not in set", build: header, vo: func(o *sigv4.VerifyOptions) { o.Region = "us-west-2" }, want: sigv4.CodeAuthorizationHeaderMalform},
		{name: "query/region not in set", build: query, vo: func(o *sigv4.VerifyOptions) { o.Region = "ap-south-1" }, want: sigv4.CodeAuthorizationQueryError},
		{name: "header/every region", build: func(t *testing.T) *http.Request {
			q := p
			q.RegionSet = []string{"*"}
			return v4aSigned(t, s, vCreds, q)
		}, vo: func(o *sigv4.VerifyOptions) { o.Region = "ap-south-1" }},
		{name: "header/wrong service", build: header, vo: func(o *sigv4.VerifyOptions) { o.Service = "ec2" }, want: sigv4.CodeAuthorizationHeaderMalform},
		{name: "header/skewed", build: header, vo: func(o *sigv4.VerifyOptions) { o.Now = vTime.Add(time.Hour) }, want: sigv4.CodeRequestTimeTooSkewed},
		{name: "query/expired", build: query, vo: func(o *sigv4.VerifyOptions) { o.Now = vTime.Add(time.Hour + time.Second) }, want: sigv4.CodeAccessDenied},
		{name: "tamper/region set header", build: func(t *testing.T) *http.Request {
			r := header(t)
			r.Header.Set("X-Amz-Region-Set", "*")
			return r
		}, want: sigv4.CodeSignatureDoesNotMatch},
		{name: "tamper/region set query", build: func(t *testing.T) *http.Request {
			r := query(t)
			r.URL.RawQuery = strings.Replace(r.URL.RawQuery, "X-Amz-Region-Set=us-east-1%2Ceu-%2A", "X-Amz-Region-Set=%2A", 1)
			return r
		}, want: sigv4.CodeSignatureDoesNotMatch},
		{name: "tamper/path", build: func(t *testing.T) *http.Request {
			r := header(t)
			r.URL.Path += "x"
			return r
		}, want: sigv4.CodeSignatureDoesNotMatch},
		{name: "tamper/signature", build: func(t *testing.T) *http.Request {
			r := header(t)
			r.Header.Set("Authorization", flipSignature(r.Header.Get("Authorization"), "Signature="))
			return r
		}, want: sigv4.CodeSignatureDoesNotMatch},
		{name: "tamper/query signature", build: func(t *testing.T) *http.Request {
			r := query(t)
			r.URL.RawQuery = flipSignature(r.URL.RawQuery, "X-Amz-Signature=")
			return r
		}, want: sigv4.CodeSignatureDoesNotMatch},
		{name: "header/no region set header", build: func(t *testing.T) *http.Request {
			r := header(t)
			r.Header.Del("X-Amz-Region-Set")
			return r
		}, want: sigv4.CodeAuthorizationHeaderMalform},
		{name: "header/empty region in set", build: func(t *testing.T) *http.Request {
			r := header(t)
			r.Header.Set("X-Amz-Region-Set", "us-east-1,")
			return r
		}, want: sigv4.CodeAuthorizationHeaderMalform},
		{name: "header/region set not signed", build: func(t *testing.T) *http.Request {
			r := header(t)
			r.Header.Set("Authorization", strings.Replace(r.Header.Get("Authorization"), ";x-amz-region-set", "", 1))
			return r
		}, want: sigv4.CodeAuthorizationHeaderMalform},
		{name: "query/no region set", build: func(t *testing.T) *http.Request {
			r := query(t)
			r.URL.RawQuery = strings.Replace(r.URL.RawQuery, "X-Amz-Region-Set=", "X-Amz-Region-Sets=", 1)
			return r
		}, want: sigv4.CodeAuthorizationQueryError},
		{name: "header/credential with a region", build: func(t *testing.T) *http.Request {
			r := header(t)
			r.Header.Set("Authorization", strings.Replace(r.Header.Get("Authorization"), "/20261124/s3/", "/20261124/us-east-1/s3/", 1))
			return r
		}, want: sigv4.CodeAuthorizationHeaderMalform},
		{name: "header/upper-case signature", build: func(t *testing.T) *http.Request {
			r := header(t)
			a := r.Header.Get("Authorization")
			i := strings.LastIndex(a, "=") + 1
			r.Header.Set("Authorization", a[:i]+strings.ToUpper(a[i:]))
			return r
		}, want: sigv4.CodeAuthorizationHeaderMalform},
		{name: "header/odd signature", build: func(t *testing.T) *http.Request {
			r := header(t)
			r.Header.Set("Authorization", r.Header.Get("Authorization")+"0")
			return r
		}, want: sigv4.CodeAuthorizationHeaderMalform},
		{name: "header/signature too long", build: func(t *testing.T) *http.Request {
			r := header(t)
			r.Header.Set("Authorization", r.Header.Get("Authorization")+strings.Repeat("00", 72))
			return r
		}, want: sigv4.CodeAuthorizationHeaderMalform},
		{name: "header/signature not DER", build: func(t *testing.T) *http.Request {
			r := header(t)
			a := r.Header.Get("Authorization")
			r.Header.Set("Authorization", a[:strings.LastIndex(a, "=")+1]+strings.Repeat("ab", 70))
			return r
		}, want: sigv4.CodeSignatureDoesNotMatch},
		{name: "query/unknown algorithm", build: func(t *testing.T) *http.Request {
			r := query(t)
			r.URL.RawQuery = strings.Replace(r.URL.RawQuery, "AWS4-ECDSA-P256-SHA256", "AWS4-ECDSA-P384-SHA384", 1)
			return r
		}, want: sigv4.CodeAuthorizationQueryError},
		{name: "header/unknown algorithm", build: func(t *testing.T) *http.Request {
			r := header(t)
			r.Header.Set("Authorization", strings.Replace(r.Header.Get("Authorization"), "AWS4-ECDSA-P256-SHA256", "AWS4-ECDSA-P384-SHA384", 1))
			return r
		}, want: sigv4.CodeAuthorizationHeaderMalform},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			req := tt.build(t)
			vo := sigv4.VerifyOptions{Lookup: lookup, Now: vTime, Signer: s}
			if tt.vo != nil {
				tt.vo(&vo)
			}
			v, err := sigv4.Verify(req, vo)
			if got := errCode(err); got != tt.want {
				t.Fatalf("got error %v (code %q), want code %q", err, got, tt.want)
			}
			if err == nil && (v.Algorithm != sigv4.AlgorithmV4a || v.Region != "" || v.Service != "s3" || !v.Time.Equal(vTime) || len(v.RegionSet) == 0) {
				t.Errorf("got %+v, want SigV4a, no region, a region set, s3, %v", v, vTime)
			}
			if err != nil {
				for _, secret := range []string{vCreds.SecretAccessKey, vToken.SecretAccessKey, vToken.SessionToken} {
					if strings.Contains(err.Error(), secret) {
						t.Errorf("error %q shows a secret", err)
					}
				}
			}
		})
	}
}

// TestVerifyNeedsLookupForV4 checks that a verifier with only public keys
// does not take a SigV4 request (it has no secret to check it with).
func TestVerifyNeedsLookupForV4(t *testing.T) {
	req := signedGet(t, sigv4.NewSigner(sigv4.S3Options), vCreds, sigv4.Params{Service: "s3", Region: "us-east-1", Time: vTime, PayloadHash: sigv4.UnsignedPayload})
	vo := sigv4.VerifyOptions{PublicKey: func(string) (*ecdsa.PublicKey, bool) { return nil, false }, Now: vTime, Signer: sigv4.NewSigner(sigv4.S3Options)}
	_, err := sigv4.Verify(req, vo)
	var ve *sigv4.VerifyError
	if err == nil || errors.As(err, &ve) || !strings.Contains(err.Error(), "Lookup is required") {
		t.Errorf("got %v, want an error saying Lookup is required", err)
	}
	if _, err := sigv4.Verify(req, sigv4.VerifyOptions{Now: vTime}); err == nil {
		t.Error("neither Lookup nor PublicKey: got no error")
	}
}

// TestSignerV4aConcurrent signs from many goroutines with one Signer, with
// more credentials than the SigV4a key cache holds; every signature must
// verify with the key derived afresh. Run with -race.
func TestSignerV4aConcurrent(t *testing.T) {
	shared := sigv4.NewSigner()
	const nCreds = sigv4.V4aKeyCacheLimit + 16
	creds := make([]sigv4.Credentials, nCreds)
	keys := make(map[string]*ecdsa.PublicKey, nCreds)
	for i := range creds {
		creds[i] = sigv4.Credentials{AccessKeyID: fmt.Sprintf("AKID%d", i), SecretAccessKey: fmt.Sprintf("secret-%d", i)}
		k, err := sigv4.DeriveKeyV4a(creds[i])
		if err != nil {
			t.Fatal(err)
		}
		keys[creds[i].AccessKeyID] = &k.PublicKey
	}
	vo := sigv4.VerifyOptions{
		PublicKey: func(id string) (*ecdsa.PublicKey, bool) { k, ok := keys[id]; return k, ok },
		Now:       v4aTime, PayloadHash: sigv4.UnsignedPayload,
	}
	var wg sync.WaitGroup
	for g := range 4 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := g; i < 3*nCreds; i += 4 {
				req := v4aRequest()
				p := sigv4.Params{Service: "s3", RegionSet: []string{"*"}, Time: v4aTime, PayloadHash: sigv4.UnsignedPayload}
				if err := shared.SignHTTPV4a(req, creds[(i*7)%nCreds], p); err != nil {
					t.Error(err)
					return
				}
				if _, err := sigv4.Verify(req, vo); err != nil {
					t.Errorf("request %d: %v", i, err)
				}
			}
		}()
	}
	wg.Wait()
	if got := shared.CachedKeysV4a(); got == 0 || got > sigv4.V4aKeyCacheLimit {
		t.Errorf("SigV4a key cache holds %d keys, want between 1 and %d", got, sigv4.V4aKeyCacheLimit)
	}
}

// TestV4aKeyCached checks that signing again with the same credentials does
// not derive the key again (deriving costs a scalar multiplication).
func TestV4aKeyCached(t *testing.T) {
	s := sigv4.NewSigner()
	p := sigv4.Params{Service: "s3", RegionSet: []string{"*"}, Time: v4aTime, PayloadHash: sigv4.UnsignedPayload}
	for _, c := range []sigv4.Credentials{vCreds, vToken, vCreds, suiteCreds, vToken} {
		if err := s.SignHTTPV4a(v4aRequest(), c, p); err != nil {
			t.Fatal(err)
		}
	}
	if got := s.CachedKeysV4a(); got != 3 {
		t.Errorf("got %d cached keys, want 3", got)
	}
	// Same access key id, new secret (a rotated key): a new entry.
	if err := s.SignHTTPV4a(v4aRequest(), sigv4.Credentials{AccessKeyID: vCreds.AccessKeyID, SecretAccessKey: "rotated"}, p); err != nil {
		t.Fatal(err)
	}
	if got := s.CachedKeysV4a(); got != 4 {
		t.Errorf("got %d cached keys after a rotation, want 4", got)
	}
}

// TestV4aSignatureHex checks the signature is the hex of the DER encoding
// crypto/ecdsa verifies.
func TestV4aSignatureHex(t *testing.T) {
	s := sigv4.NewSigner(deterministic)
	var tr sigv4.Trace
	p := sigv4.WithTrace(sigv4.Params{Service: "s3", RegionSet: []string{"*"}, Time: v4aTime, PayloadHash: sigv4.UnsignedPayload}, &tr)
	req := v4aRequest()
	if err := s.SignHTTPV4a(req, suiteCreds, p); err != nil {
		t.Fatal(err)
	}
	if got := authSignature(t, req.Header.Get("Authorization")); got != tr.Signature {
		t.Errorf("Authorization signature: got %s, want the traced %s", got, tr.Signature)
	}
	x, _ := new(big.Int).SetString(suitePubX, 16)
	y, _ := new(big.Int).SetString(suitePubY, 16)
	pub := &ecdsa.PublicKey{Curve: elliptic.P256(), X: x, Y: y}
	checkECDSA(t, "deterministic signature", pub, tr.StringToSign, tr.Signature)
	if _, err := hex.DecodeString(tr.Signature); err != nil {
		t.Error(err)
	}
}
