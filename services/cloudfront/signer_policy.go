package cloudfront

import (
	"errors"
	"fmt"
	"net/netip"
	"strconv"
	"strings"
	"time"
	"unicode/utf16"
	"unicode/utf8"
)

// This file holds the hand-written policy statement of CloudFront signed URLs
// and signed cookies; signer.go signs it.

// Errors returned by the signer, wrapped with the detail; match them with
// errors.Is.
var (
	// ErrInvalidKey reports an unusable key pair ID, private key or hash.
	ErrInvalidKey = errors.New("cloudfront: invalid signing key")
	// ErrInvalidURL reports a URL (or canned-policy resource) that cannot
	// be signed.
	ErrInvalidURL = errors.New("cloudfront: invalid URL to sign")
	// ErrInvalidPolicy reports a policy statement CloudFront would reject.
	ErrInvalidPolicy = errors.New("cloudfront: invalid policy")
	// ErrInvalidCookie reports CookieOptions that cannot be cookie
	// attributes.
	ErrInvalidCookie = errors.New("cloudfront: invalid cookie options")
)

// Policy is the statement a signed URL or signed cookie carries: which
// resource, until when, from when and from which addresses. A policy with
// only Resource and DateLessThan is what CloudFront calls a canned policy
// (SignURL and SignCookies build it from the URL); any other is a custom
// policy, sent in full with the signature.
//
// The zero value is not a valid policy: Resource and DateLessThan are
// required. A Policy is plain data and may be reused for many signatures.
type Policy struct {
	// Resource is the URL the policy grants, including its query string if
	// any, or a pattern in which '*' matches zero or more characters and
	// '?' exactly one (for example "https://d111111abcdef8.cloudfront.net/*"
	// or "http*://www.example.com/videos/*"). CloudFront lets a custom
	// policy omit it, which grants every file of every distribution that
	// trusts the key; this package requires it, so write "*" to mean that.
	Resource string

	// DateLessThan is when access ends (required). CloudFront compares
	// whole seconds: the fraction is dropped, as botocore does.
	DateLessThan time.Time

	// DateGreaterThan, when not zero, is when access begins; it must be
	// before DateLessThan (in whole seconds).
	DateGreaterThan time.Time

	// IPAddress, when not empty, restricts access to one IPv4 address
	// ("192.0.2.10", written as "192.0.2.10/32" as botocore does) or one
	// IPv4 range in CIDR notation ("192.0.2.0/24"). The CloudFront
	// Developer Guide states that IPv6 addresses are not supported in
	// policies (and the CloudFront API reference advises against enabling
	// IPv6 on a distribution whose policies restrict by IP address), so an
	// IPv6 value is an error here.
	IPAddress string
}

// JSON returns the policy statement exactly as it is signed and, for a
// custom policy, sent: the compact JSON that botocore's
// CloudFrontSigner.build_policy writes, byte for byte. The keys come in
// botocore's order (Resource, then Condition with DateLessThan, IpAddress,
// DateGreaterThan), times are whole seconds since the Unix epoch, and
// strings are escaped as Python's json.dumps does: '"', '\\' and the control
// characters \b \f \n \r \t by their short escapes, every other byte outside
// ' '..'~' (control characters, DEL and all non-ASCII) as \uXXXX in
// lowercase hexadecimal, with UTF-16 surrogate pairs beyond U+FFFF. Unlike
// encoding/json it never escapes '<', '>' or '&', which matters because the
// signature covers these bytes.
//
// JSON validates the policy first; its errors wrap ErrInvalidPolicy.
func (p *Policy) JSON() ([]byte, error) {
	if p == nil {
		return nil, fmt.Errorf("%w: nil policy", ErrInvalidPolicy)
	}
	lt, gt, ip, err := p.check()
	if err != nil {
		return nil, err
	}
	return p.appendJSON(make([]byte, 0, 96+len(p.Resource)), lt, gt, ip), nil
}

// check validates p and returns its times in whole seconds and the IP
// condition as it is written (gt is -1 when DateGreaterThan is unset).
func (p *Policy) check() (lt, gt int64, ip string, err error) {
	if p.Resource == "" {
		return 0, 0, "", fmt.Errorf("%w: empty Resource (write \"*\" to grant every file the key may sign for)", ErrInvalidPolicy)
	}
	if !utf8.ValidString(p.Resource) {
		return 0, 0, "", fmt.Errorf("%w: Resource is not valid UTF-8", ErrInvalidPolicy)
	}
	if lt, err = epochSeconds("DateLessThan", p.DateLessThan); err != nil {
		return 0, 0, "", err
	}
	gt = -1
	if !p.DateGreaterThan.IsZero() {
		if gt, err = epochSeconds("DateGreaterThan", p.DateGreaterThan); err != nil {
			return 0, 0, "", err
		}
		if gt >= lt {
			return 0, 0, "", fmt.Errorf("%w: DateGreaterThan (%d) is not before DateLessThan (%d)", ErrInvalidPolicy, gt, lt)
		}
	}
	if p.IPAddress != "" {
		if ip, err = sourceIP(p.IPAddress); err != nil {
			return 0, 0, "", err
		}
	}
	return lt, gt, ip, nil
}

// epochSeconds returns t in whole seconds since the Unix epoch, which it
// must not precede.
func epochSeconds(name string, t time.Time) (int64, error) {
	if t.IsZero() {
		return 0, fmt.Errorf("%w: %s is not set", ErrInvalidPolicy, name)
	}
	s := t.Unix()
	if s < 0 {
		return 0, fmt.Errorf("%w: %s %s is before 1970", ErrInvalidPolicy, name, t.Format(time.RFC3339))
	}
	return s, nil
}

// sourceIP checks an IPAddress value and returns it as the policy writes
// it: a CIDR range as given, a single address with "/32" appended.
func sourceIP(s string) (string, error) {
	if strings.Contains(s, "/") {
		pfx, err := netip.ParsePrefix(s)
		if err != nil {
			return "", fmt.Errorf("%w: IPAddress %q is not an IPv4 address or CIDR range", ErrInvalidPolicy, s)
		}
		if !pfx.Addr().Is4() {
			return "", fmt.Errorf("%w: IPAddress %q is IPv6, which CloudFront policies do not support", ErrInvalidPolicy, s)
		}
		return s, nil
	}
	addr, err := netip.ParseAddr(s)
	if err != nil {
		return "", fmt.Errorf("%w: IPAddress %q is not an IPv4 address or CIDR range", ErrInvalidPolicy, s)
	}
	if !addr.Is4() {
		return "", fmt.Errorf("%w: IPAddress %q is IPv6, which CloudFront policies do not support", ErrInvalidPolicy, s)
	}
	return s + "/32", nil
}

// appendJSON appends the policy statement (see JSON) for checked values.
func (p *Policy) appendJSON(b []byte, lt, gt int64, ip string) []byte {
	b = append(b, `{"Statement":[{"Resource":`...)
	b = appendJSONString(b, p.Resource)
	b = append(b, `,"Condition":{"DateLessThan":{"AWS:EpochTime":`...)
	b = strconv.AppendInt(b, lt, 10)
	b = append(b, '}')
	if ip != "" {
		b = append(b, `,"IpAddress":{"AWS:SourceIp":`...)
		b = appendJSONString(b, ip)
		b = append(b, '}')
	}
	if gt >= 0 {
		b = append(b, `,"DateGreaterThan":{"AWS:EpochTime":`...)
		b = strconv.AppendInt(b, gt, 10)
		b = append(b, '}')
	}
	return append(b, "}}]}"...)
}

// appendJSONString appends s, valid UTF-8, as a JSON string the way
// Python's json.dumps with ensure_ascii=True writes it.
func appendJSONString(b []byte, s string) []byte {
	const hex = "0123456789abcdef"
	u := func(b []byte, r rune) []byte {
		return append(b, '\\', 'u', hex[r>>12&0xf], hex[r>>8&0xf], hex[r>>4&0xf], hex[r&0xf])
	}
	b = append(b, '"')
	for _, r := range s {
		switch {
		case r == '"':
			b = append(b, '\\', '"')
		case r == '\\':
			b = append(b, '\\', '\\')
		case r == '\n':
			b = append(b, '\\', 'n')
		case r == '\r':
			b = append(b, '\\', 'r')
		case r == '\t':
			b = append(b, '\\', 't')
		case r == '\b':
			b = append(b, '\\', 'b')
		case r == '\f':
			b = append(b, '\\', 'f')
		case ' ' <= r && r <= '~':
			b = append(b, byte(r))
		case r < 0x10000:
			b = u(b, r)
		default:
			r1, r2 := utf16.EncodeRune(r)
			b = u(u(b, r1), r2)
		}
	}
	return append(b, '"')
}
