package endpoints

import (
	"strings"
)

// This file holds the library functions of the rules language that do not
// need the evaluator. Each accepts any input and never panics.

// substring returns s[start:stop], or s[len-stop:len-start] when reverse is
// set. Following the rules language, it fails (ok false) when s holds any
// non-ASCII byte, when start >= stop or when s is shorter than stop.
func substring(s string, start, stop int, reverse bool) (string, bool) {
	if start < 0 || start >= stop || len(s) < stop {
		return "", false
	}
	for i := 0; i < len(s); i++ {
		if s[i] >= 0x80 {
			return "", false
		}
	}
	if reverse {
		return s[len(s)-stop : len(s)-start], true
	}
	return s[start:stop], true
}

// URIEncode percent-encodes every byte of s except the RFC 3986 unreserved
// characters A-Z a-z 0-9 - . _ ~, with upper-case hex digits; it is the
// rules language's uriEncode.
func URIEncode(s string) string {
	n := 0
	for i := 0; i < len(s); i++ {
		if !unreserved(s[i]) {
			n++
		}
	}
	if n == 0 {
		return s
	}
	const hex = "0123456789ABCDEF"
	b := make([]byte, 0, len(s)+2*n)
	for i := 0; i < len(s); i++ {
		c := s[i]
		if unreserved(c) {
			b = append(b, c)
		} else {
			b = append(b, '%', hex[c>>4], hex[c&15])
		}
	}
	return string(b)
}

func unreserved(c byte) bool {
	return 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9' ||
		c == '-' || c == '.' || c == '_' || c == '~'
}

// IsValidHostLabel reports whether s is a valid DNS host label (RFC 1123):
// 1 to 63 letters, digits and hyphens, not starting or ending with a hyphen.
// With allowSubDomains, s may be several such labels joined by dots.
func IsValidHostLabel(s string, allowSubDomains bool) bool {
	if !allowSubDomains {
		return hostLabel(s)
	}
	for {
		i := strings.IndexByte(s, '.')
		if i < 0 {
			return hostLabel(s)
		}
		if !hostLabel(s[:i]) {
			return false
		}
		s = s[i+1:]
	}
}

func hostLabel(s string) bool {
	if len(s) == 0 || len(s) > 63 || s[0] == '-' || s[len(s)-1] == '-' {
		return false
	}
	for i := 0; i < len(s); i++ {
		c := s[i]
		if !('a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9' || c == '-') {
			return false
		}
	}
	return true
}

// IsVirtualHostableS3Bucket reports whether bucket can be used as a host
// name for virtual-hosted-style S3 requests (the rules language's
// aws.isVirtualHostableS3Bucket, as the Smithy reference and botocore's
// rules engine define it): the whole name is 3 to 63 characters, has no
// upper-case letter and is not shaped like an IPv4 address, and it is a
// valid host label, or with allowSubDomains dot-separated valid host labels
// (each 1 to 63 letters, digits and hyphens, not starting or ending with a
// hyphen: "my.bucket" qualifies although "my" is short).
func IsVirtualHostableS3Bucket(bucket string, allowSubDomains bool) bool {
	if len(bucket) < 3 || len(bucket) > 63 || looksLikeIPv4(bucket) {
		return false
	}
	for i := 0; i < len(bucket); i++ {
		if 'A' <= bucket[i] && bucket[i] <= 'Z' {
			return false
		}
	}
	return IsValidHostLabel(bucket, allowSubDomains)
}

// looksLikeIPv4 reports whether s is four dot-separated groups of 1 to 3
// digits.
func looksLikeIPv4(s string) bool {
	groups, digits := 1, 0
	for i := 0; i < len(s); i++ {
		switch c := s[i]; {
		case '0' <= c && c <= '9':
			digits++
			if digits > 3 {
				return false
			}
		case c == '.':
			if digits == 0 {
				return false
			}
			groups++
			digits = 0
		default:
			return false
		}
	}
	return groups == 4 && digits > 0
}

// URL is the record parseURL returns for an http or https URL without a
// query.
type URL struct {
	Scheme         string // "http" or "https"
	Authority      string // host and optional port, as written
	Path           string // as written, possibly empty
	NormalizedPath string // Path ending in "/" ("/" when empty)
	IsIP           bool   // host is an IPv4 or bracketed IPv6 literal
}

// ParseURL parses an endpoint URL the way the rules language's parseURL
// does. It fails (ok false) for a scheme other than http or https (in any
// case; Scheme is reported in lower case, as Python's urlparse does), a
// non-empty query, or a port that is not a number from 0 to 65535. A
// fragment is dropped. NormalizedPath is Path with a trailing slash, as the
// Smithy specification defines it; dot segments are kept.
func ParseURL(s string) (URL, bool) {
	i := strings.Index(s, "://")
	if i < 0 {
		return URL{}, false
	}
	var u URL
	switch scheme := s[:i]; {
	case strings.EqualFold(scheme, "http"):
		u.Scheme = "http"
	case strings.EqualFold(scheme, "https"):
		u.Scheme = "https"
	default:
		return URL{}, false
	}
	rest := s[i+3:]
	if j := strings.IndexByte(rest, '#'); j >= 0 {
		rest = rest[:j]
	}
	if j := strings.IndexByte(rest, '?'); j >= 0 {
		if j+1 < len(rest) {
			return URL{}, false
		}
		rest = rest[:j]
	}
	if j := strings.IndexByte(rest, '/'); j >= 0 {
		u.Authority, u.Path = rest[:j], rest[j:]
	} else {
		u.Authority = rest
	}
	host := u.Authority
	if j := strings.LastIndexByte(host, '@'); j >= 0 {
		host = host[j+1:]
	}
	port := ""
	if strings.HasPrefix(host, "[") {
		j := strings.IndexByte(host, ']')
		if j < 0 {
			return URL{}, false
		}
		after := host[j+1:]
		host = host[:j+1]
		if after != "" {
			p, ok := strings.CutPrefix(after, ":")
			if !ok {
				return URL{}, false
			}
			port = p
		}
		u.IsIP = isIPv6(host[1 : len(host)-1])
	} else {
		if j := strings.IndexByte(host, ':'); j >= 0 {
			host, port = host[:j], host[j+1:]
		}
		u.IsIP = looksLikeIPv4(host)
	}
	if len(port) > 5 {
		return URL{}, false
	}
	n := 0
	for k := 0; k < len(port); k++ {
		if port[k] < '0' || port[k] > '9' {
			return URL{}, false
		}
		n = n*10 + int(port[k]-'0')
	}
	if n > 65535 {
		return URL{}, false
	}
	u.NormalizedPath = u.Path
	if !strings.HasSuffix(u.NormalizedPath, "/") {
		u.NormalizedPath += "/"
	}
	return u, true
}

// isIPv6 reports whether s is made only of hex digits, colons and dots with
// at least two colons, the shape of an IPv6 literal, optionally followed by
// a zone ("%25eth0").
func isIPv6(s string) bool {
	if i := strings.IndexByte(s, '%'); i >= 0 {
		if i == len(s)-1 {
			return false
		}
		s = s[:i]
	}
	colons := 0
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case c == ':':
			colons++
		case '0' <= c && c <= '9', 'a' <= c && c <= 'f', 'A' <= c && c <= 'F', c == '.':
		default:
			return false
		}
	}
	return colons >= 2
}

// urlObject is the record form of URL.
type urlObject struct{ u URL }

func (o *urlObject) attr(a attrID) Value {
	if a == attrIsIP {
		return boolValue(o.u.IsIP)
	}
	if s, ok := o.attrString(a); ok {
		return stringValue(s)
	}
	return Value{}
}

func (o *urlObject) attrString(a attrID) (string, bool) {
	switch a {
	case attrScheme:
		return o.u.Scheme, true
	case attrAuthority:
		return o.u.Authority, true
	case attrPath:
		return o.u.Path, true
	case attrNormalizedPath:
		return o.u.NormalizedPath, true
	}
	return "", false
}

func (o *urlObject) index(int) Value { return Value{} }

func (o *urlObject) same(x object) bool { p, ok := x.(*urlObject); return ok && o.u == p.u }
