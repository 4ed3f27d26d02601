package cloudfront

import (
	"crypto"
	"fmt"
	"net/http"
	"strconv"
	"time"
)

// This file holds the hand-written CloudFront signed cookies, which boto3
// has no helper for: the Developer Guide's "Set signed cookies using a
// canned policy" and "... using a custom policy" describe them.

// CookieOptions are the attributes of signed cookies. The zero value gives
// host-only cookies for Path "/" with Secure and HttpOnly set and no
// SameSite attribute. Expires and Max-Age are never set: the Developer
// Guide recommends leaving them out, so that the browser drops the cookies
// when it closes (the policy's DateLessThan bounds their use anyway); set
// them on the returned cookies to change that.
type CookieOptions struct {
	// Domain is the Domain attribute. Browsers send the cookies only to
	// hosts in it, so it must cover the distribution's host name (for
	// example "example.com" for an application at www.example.com and a
	// distribution at media.example.com); a cookie for a
	// *.cloudfront.net domain name cannot be set by another site. Empty
	// means a host-only cookie for the host that sets it.
	Domain string

	// Path is the Path attribute; empty means "/".
	Path string

	// Insecure leaves out the Secure attribute, so that browsers also send
	// the cookies over plain HTTP. Leave it false unless the distribution
	// serves the content over HTTP.
	Insecure bool

	// SameSite is the SameSite attribute; the zero value sets none.
	SameSite http.SameSite
}

// Names of the signed cookies.
const (
	CookieExpires       = "CloudFront-Expires"
	CookiePolicy        = "CloudFront-Policy"
	CookieSignature     = "CloudFront-Signature"
	CookieKeyPairID     = "CloudFront-Key-Pair-Id"
	CookieHashAlgorithm = "CloudFront-Hash-Algorithm"
)

// SignCookies returns the signed cookies of a canned policy granting
// resource, the URL of one file (with its query string, if any; canned
// policies take no wildcards), until expires: CloudFront-Expires,
// CloudFront-Signature and CloudFront-Key-Pair-Id, and
// CloudFront-Hash-Algorithm=SHA256 when the signer uses SHA-256. The values
// are those of the query parameters SignURL(resource, expires) adds. resource
// must satisfy what SignURL requires of a URL. Send each cookie with its own
// Set-Cookie header (http.SetCookie); they must reach the viewer before it
// requests the content. Errors wrap ErrInvalidURL, ErrInvalidPolicy or
// ErrInvalidCookie (a Domain or Path that cannot be a cookie attribute).
func (s *URLSigner) SignCookies(resource string, expires time.Time, optFns ...func(*CookieOptions)) ([]*http.Cookie, error) {
	if err := s.ready(); err != nil {
		return nil, err
	}
	if err := checkURL(resource); err != nil {
		return nil, err
	}
	p := Policy{Resource: resource, DateLessThan: expires}
	policy, err := p.JSON()
	if err != nil {
		return nil, err
	}
	sig, err := s.sign(policy)
	if err != nil {
		return nil, err
	}
	return s.cookies(CookieExpires, strconv.FormatInt(expires.Unix(), 10), sig, optFns)
}

// SignCookiesWithPolicy returns the signed cookies of the custom policy p:
// CloudFront-Policy, CloudFront-Signature and CloudFront-Key-Pair-Id, and
// CloudFront-Hash-Algorithm=SHA256 when the signer uses SHA-256, with the
// values of the query parameters SignURLWithPolicy adds for p. A policy
// whose Resource has wildcards, such as "https://d111111abcdef8.cloudfront.net/private/*",
// gives access to many files with one set of cookies, which is what signed
// cookies are mostly for. Errors wrap ErrInvalidPolicy or ErrInvalidCookie.
func (s *URLSigner) SignCookiesWithPolicy(p *Policy, optFns ...func(*CookieOptions)) ([]*http.Cookie, error) {
	if err := s.ready(); err != nil {
		return nil, err
	}
	policy, err := p.JSON()
	if err != nil {
		return nil, err
	}
	sig, err := s.sign(policy)
	if err != nil {
		return nil, err
	}
	return s.cookies(CookiePolicy, encode(policy), sig, optFns)
}

// cookies builds the signed cookies: first (CloudFront-Expires or
// CloudFront-Policy), then the signature, the key pair ID and, for SHA-256,
// the hash algorithm.
func (s *URLSigner) cookies(first, firstValue, sig string, optFns []func(*CookieOptions)) ([]*http.Cookie, error) {
	var o CookieOptions
	for _, f := range optFns {
		f(&o)
	}
	if o.Path == "" {
		o.Path = "/"
	}
	n := 3
	if s.hash == crypto.SHA256 {
		n = 4
	}
	cs := make([]*http.Cookie, 0, n)
	add := func(name, value string) {
		cs = append(cs, &http.Cookie{
			Name:     name,
			Value:    value,
			Domain:   o.Domain,
			Path:     o.Path,
			Secure:   !o.Insecure,
			HttpOnly: true,
			SameSite: o.SameSite,
		})
	}
	add(first, firstValue)
	add(CookieSignature, sig)
	add(CookieKeyPairID, s.keyPairID)
	if s.hash == crypto.SHA256 {
		add(CookieHashAlgorithm, "SHA256")
	}
	// net/http drops an invalid Domain or Path silently when it writes the
	// header; report it instead.
	for _, c := range cs {
		if err := c.Valid(); err != nil {
			return nil, fmt.Errorf("%w: %w", ErrInvalidCookie, err)
		}
	}
	return cs, nil
}
