package cloudfront

import (
	"crypto"
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/rsa"
	"crypto/sha1"
	"crypto/sha256"
	"encoding/base64"
	"fmt"
	"net/url"
	"strconv"
	"strings"
	"time"
)

// This file holds the hand-written signer of CloudFront signed URLs, the
// counterpart of botocore's botocore.signers.CloudFrontSigner. Signed cookies
// are in signer_cookie.go, the policy statement in signer_policy.go.

// URLSignerOptions configure a URLSigner.
type URLSignerOptions struct {
	// Hash is the digest that is signed: crypto.SHA1, the default (the
	// zero value means SHA-1) and the only one botocore and older CloudFront
	// signers use, or crypto.SHA256, which the CloudFront Developer Guide
	// documents as an alternative and which adds "Hash-Algorithm=SHA256" to
	// signed URLs and a CloudFront-Hash-Algorithm cookie to signed cookies.
	Hash crypto.Hash
}

// URLSigner signs CloudFront URLs and cookies with the private key of one
// CloudFront public key (trusted key group) or legacy CloudFront key pair.
// Create it with NewURLSigner; the zero value signs nothing. A URLSigner is
// immutable and safe for concurrent use when its key is (the standard
// library's RSA and ECDSA keys are).
type URLSigner struct {
	keyPairID string
	key       crypto.Signer
	hash      crypto.Hash
}

// NewURLSigner returns a signer for the key whose CloudFront ID is
// keyPairID (the ID of a public key in a trusted key group, such as
// "K2JCJMDEHXQW5F", or of a legacy key pair, "APKA..."), signing with key:
// an *rsa.PrivateKey or *ecdsa.PrivateKey, or any crypto.Signer holding one
// (an HSM or KMS-backed key, say), whose Public method returns an
// *rsa.PublicKey of 2048 bits or an *ecdsa.PublicKey on P-256, the two key
// types CloudFront accepts for signed URLs and cookies. RSA keys sign with
// PKCS #1 v1.5, ECDSA keys produce ASN.1 DER signatures (what OpenSSL writes,
// as in the Developer Guide's openssl example). Errors wrap ErrInvalidKey.
func NewURLSigner(keyPairID string, key crypto.Signer, optFns ...func(*URLSignerOptions)) (*URLSigner, error) {
	var o URLSignerOptions
	for _, f := range optFns {
		f(&o)
	}
	if keyPairID == "" {
		return nil, fmt.Errorf("%w: empty key pair ID", ErrInvalidKey)
	}
	for i := 0; i < len(keyPairID); i++ {
		if c := keyPairID[i]; !('A' <= c && c <= 'Z' || 'a' <= c && c <= 'z' || '0' <= c && c <= '9') {
			return nil, fmt.Errorf("%w: key pair ID %q has characters other than letters and digits", ErrInvalidKey, keyPairID)
		}
	}
	if err := checkKey(key); err != nil {
		return nil, err
	}
	switch o.Hash {
	case 0, crypto.SHA1:
		o.Hash = crypto.SHA1
		if !sha1Allowed() {
			return nil, fmt.Errorf("%w: SHA-1 is not allowed in FIPS 140-only mode (GODEBUG=fips140=only); sign with SHA-256 (URLSignerOptions.Hash)", ErrInvalidKey)
		}
	case crypto.SHA256:
	default:
		return nil, fmt.Errorf("%w: hash %v is not SHA-1 or SHA-256", ErrInvalidKey, o.Hash)
	}
	return &URLSigner{keyPairID: keyPairID, key: key, hash: o.Hash}, nil
}

// sha1Allowed reports whether crypto/sha1 may be used: in Go's FIPS 140-only
// mode it panics instead (the mode is fixed when the program starts).
func sha1Allowed() (ok bool) {
	defer func() {
		if recover() != nil {
			ok = false
		}
	}()
	sha1.Sum(nil)
	return true
}

// checkKey reports whether key is a usable RSA 2048 or ECDSA P-256 signer.
func checkKey(key crypto.Signer) error {
	switch k := key.(type) {
	case nil:
		return fmt.Errorf("%w: nil key", ErrInvalidKey)
	case *rsa.PrivateKey:
		if k == nil {
			return fmt.Errorf("%w: nil key", ErrInvalidKey)
		}
	case *ecdsa.PrivateKey:
		if k == nil {
			return fmt.Errorf("%w: nil key", ErrInvalidKey)
		}
	}
	switch pub := key.Public().(type) {
	case *rsa.PublicKey:
		if pub == nil || pub.N == nil || pub.N.BitLen() != 2048 {
			bits := 0
			if pub != nil && pub.N != nil {
				bits = pub.N.BitLen()
			}
			return fmt.Errorf("%w: RSA key of %d bits; CloudFront accepts RSA 2048 and ECDSA P-256 keys", ErrInvalidKey, bits)
		}
	case *ecdsa.PublicKey:
		if pub == nil || pub.Curve != elliptic.P256() {
			name := "unknown"
			if pub != nil && pub.Curve != nil {
				name = pub.Curve.Params().Name
			}
			return fmt.Errorf("%w: ECDSA key on curve %s; CloudFront accepts RSA 2048 and ECDSA P-256 keys", ErrInvalidKey, name)
		}
	default:
		return fmt.Errorf("%w: %T keys are not supported; CloudFront accepts RSA 2048 and ECDSA P-256 keys", ErrInvalidKey, pub)
	}
	return nil
}

// SignURL returns rawURL signed with a canned policy: the URL grants access
// to exactly rawURL (with its query string) until expires. It appends
// Expires, Signature and Key-Pair-Id (and Hash-Algorithm=SHA256 when so
// configured) to the query string, after any parameters rawURL already has,
// exactly as botocore's generate_presigned_url(url, date_less_than=...)
// does: "?" or "&" and the parameters are appended to the string as given,
// which is never re-encoded.
//
// rawURL must be an absolute http or https URL without a fragment, with
// every space, control character and non-ASCII byte percent-encoded, and
// without the parameters the signature adds (Expires, Policy, Signature,
// Key-Pair-Id, Hash-Algorithm); expires must be set and not before 1970 and
// is truncated to whole seconds. Errors wrap ErrInvalidURL or
// ErrInvalidPolicy.
func (s *URLSigner) SignURL(rawURL string, expires time.Time) (string, error) {
	if err := s.ready(); err != nil {
		return "", err
	}
	if err := checkURL(rawURL); err != nil {
		return "", err
	}
	p := Policy{Resource: rawURL, DateLessThan: expires}
	policy, err := p.JSON()
	if err != nil {
		return "", err
	}
	sig, err := s.sign(policy)
	if err != nil {
		return "", err
	}
	return s.build(rawURL, "Expires=", strconv.FormatInt(expires.Unix(), 10), sig), nil
}

// SignURLWithPolicy returns rawURL signed with the custom policy p: it
// appends Policy (the policy statement in CloudFront's URL-safe base64),
// Signature and Key-Pair-Id (and Hash-Algorithm=SHA256 when so configured),
// as botocore's generate_presigned_url(url, policy=...) does with a policy
// from build_policy. rawURL must satisfy what SignURL requires; p.Resource
// may be a pattern matching it, such as "https://d111111abcdef8.cloudfront.net/*"
// (CloudFront does the matching; this method does not compare them).
// Errors wrap ErrInvalidURL or ErrInvalidPolicy.
func (s *URLSigner) SignURLWithPolicy(rawURL string, p *Policy) (string, error) {
	if err := s.ready(); err != nil {
		return "", err
	}
	if err := checkURL(rawURL); err != nil {
		return "", err
	}
	policy, err := p.JSON()
	if err != nil {
		return "", err
	}
	sig, err := s.sign(policy)
	if err != nil {
		return "", err
	}
	return s.build(rawURL, "Policy=", encode(policy), sig), nil
}

// ready reports a signer that NewURLSigner did not make.
func (s *URLSigner) ready() error {
	if s == nil || s.key == nil {
		return fmt.Errorf("%w: the URLSigner was not made by NewURLSigner", ErrInvalidKey)
	}
	return nil
}

// sign hashes and signs the policy statement and returns the signature in
// CloudFront's URL-safe base64.
func (s *URLSigner) sign(policy []byte) (string, error) {
	var digest []byte
	if s.hash == crypto.SHA256 {
		d := sha256.Sum256(policy)
		digest = d[:]
	} else {
		d := sha1.Sum(policy)
		digest = d[:]
	}
	// RSA PKCS #1 v1.5 is deterministic and reads no randomness; ECDSA
	// needs it.
	sig, err := s.key.Sign(rand.Reader, digest, s.hash)
	if err != nil {
		return "", fmt.Errorf("cloudfront: signing the policy: %w", err)
	}
	return encode(sig), nil
}

// build appends the signature parameters to rawURL as botocore's
// _build_url does: '&' when the URL already has a '?', else '?'.
func (s *URLSigner) build(rawURL, first, firstValue, sig string) string {
	var b strings.Builder
	b.Grow(len(rawURL) + len(first) + len(firstValue) + len(sig) + len(s.keyPairID) + 48)
	b.WriteString(rawURL)
	if strings.IndexByte(rawURL, '?') >= 0 {
		b.WriteByte('&')
	} else {
		b.WriteByte('?')
	}
	b.WriteString(first)
	b.WriteString(firstValue)
	b.WriteString("&Signature=")
	b.WriteString(sig)
	b.WriteString("&Key-Pair-Id=")
	b.WriteString(s.keyPairID)
	if s.hash == crypto.SHA256 {
		b.WriteString("&Hash-Algorithm=SHA256")
	}
	return b.String()
}

// encode returns data in CloudFront's URL-safe base64: standard base64 with
// padding, then '+' -> '-', '=' -> '_', '/' -> '~' (botocore's
// _url_b64encode; the Developer Guide's table of invalid and valid query
// string characters).
func encode(data []byte) string {
	b := make([]byte, base64.StdEncoding.EncodedLen(len(data)))
	base64.StdEncoding.Encode(b, data)
	for i, c := range b {
		switch c {
		case '+':
			b[i] = '-'
		case '=':
			b[i] = '_'
		case '/':
			b[i] = '~'
		}
	}
	return string(b)
}

// reservedParams are the query parameters a signed URL adds; a URL that
// has one already cannot be signed (CloudFront: "Your parameters cannot be
// named Expires, Signature, or Key-Pair-Id", and Policy for custom policies;
// Hash-Algorithm since SHA-256 signatures).
var reservedParams = [...]string{"Expires", "Policy", "Signature", "Key-Pair-Id", "Hash-Algorithm"}

// checkURL reports why rawURL cannot be signed as it is.
func checkURL(rawURL string) error {
	if rawURL == "" {
		return fmt.Errorf("%w: empty URL", ErrInvalidURL)
	}
	for i := 0; i < len(rawURL); i++ {
		if c := rawURL[i]; c <= ' ' || c >= 0x7f {
			return fmt.Errorf("%w: byte %#02x at offset %d of %q must be percent-encoded", ErrInvalidURL, c, i, rawURL)
		}
	}
	if strings.IndexByte(rawURL, '#') >= 0 {
		return fmt.Errorf("%w: %q has a fragment, which is not sent to CloudFront (the signature parameters would follow it)", ErrInvalidURL, rawURL)
	}
	u, err := url.Parse(rawURL)
	if err != nil {
		return fmt.Errorf("%w: %w", ErrInvalidURL, err)
	}
	if scheme := strings.ToLower(u.Scheme); scheme != "https" && scheme != "http" || u.Opaque != "" || u.Host == "" {
		return fmt.Errorf("%w: %q is not an absolute http or https URL", ErrInvalidURL, rawURL)
	}
	for q := u.RawQuery; q != ""; {
		var pair string
		pair, q, _ = strings.Cut(q, "&")
		key, _, _ := strings.Cut(pair, "=")
		if k, err := url.QueryUnescape(key); err == nil {
			key = k
		}
		for _, r := range reservedParams {
			if key == r {
				return fmt.Errorf("%w: %q already has a %s parameter", ErrInvalidURL, rawURL, r)
			}
		}
	}
	return nil
}
