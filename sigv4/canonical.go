package sigv4

import (
	"encoding/binary"
	"net/http"
	"slices"
	"strconv"
	"strings"
	"unsafe"
)

// unsafeString views b as a string without copying; the string must not be
// kept past the next change to b.
func unsafeString(b []byte) string { return unsafe.String(unsafe.SliceData(b), len(b)) }

const upperhex = "0123456789ABCDEF"

// hexPairs holds the two lower-case hex digits of every byte value, as the
// little-endian uint16 that stores them in order.
var hexPairs = func() (t [256]uint16) {
	const digits = "0123456789abcdef"
	for i := range t {
		t[i] = uint16(digits[i>>4]) | uint16(digits[i&15])<<8
	}
	return t
}()

// encodeHex writes the lower-case hex of src to dst (len(dst) >= 2*len(src)).
func encodeHex(dst, src []byte) {
	dst = dst[:2*len(src)]
	i := 0
	for ; i+4 <= len(src); i += 4 {
		s := src[i : i+4 : i+4]
		v := uint64(hexPairs[s[0]]) | uint64(hexPairs[s[1]])<<16 | uint64(hexPairs[s[2]])<<32 | uint64(hexPairs[s[3]])<<48
		binary.LittleEndian.PutUint64(dst[2*i:], v)
	}
	for ; i < len(src); i++ {
		binary.LittleEndian.PutUint16(dst[2*i:], hexPairs[src[i]])
	}
}

// appendHex appends the lower-case hex of src.
func appendHex(dst, src []byte) []byte {
	n := len(dst)
	dst = append(dst, make([]byte, 2*len(src))...)
	encodeHex(dst[n:], src)
	return dst
}

// isUnreserved reports whether c is an RFC 3986 unreserved character, the only
// bytes SigV4 leaves unencoded (besides '/' in paths).
func isUnreserved(c byte) bool {
	return 'A' <= c && c <= 'Z' || 'a' <= c && c <= 'z' || '0' <= c && c <= '9' ||
		c == '-' || c == '_' || c == '.' || c == '~'
}

// appendURIEncode appends s with every byte except unreserved ones (and '/'
// when keepSlash) percent-encoded with upper-case hex, as the SigV4 spec's
// UriEncode function does.
func appendURIEncode(dst []byte, s string, keepSlash bool) []byte {
	for i := 0; i < len(s); i++ {
		c := s[i]
		if isUnreserved(c) || keepSlash && c == '/' {
			dst = append(dst, c)
		} else {
			dst = append(dst, '%', upperhex[c>>4], upperhex[c&15])
		}
	}
	return dst
}

func unhex(c byte) (byte, bool) {
	switch {
	case '0' <= c && c <= '9':
		return c - '0', true
	case 'a' <= c && c <= 'f':
		return c - 'a' + 10, true
	case 'A' <= c && c <= 'F':
		return c - 'A' + 10, true
	}
	return 0, false
}

// appendQueryComponent appends the canonical form of one raw query key or
// value: it is percent-decoded ('+' meaning a space, as in
// application/x-www-form-urlencoded; a '%' not followed by two hex digits is
// taken literally) and then encoded again with appendURIEncode.
func appendQueryComponent(dst []byte, s string) []byte {
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch c {
		case '+':
			c = ' '
		case '%':
			if i+2 < len(s) {
				hi, ok1 := unhex(s[i+1])
				lo, ok2 := unhex(s[i+2])
				if ok1 && ok2 {
					c = hi<<4 | lo
					i += 2
				}
			}
		}
		if isUnreserved(c) {
			dst = append(dst, c)
		} else {
			dst = append(dst, '%', upperhex[c>>4], upperhex[c&15])
		}
	}
	return dst
}

// wirePath returns the path of req as it is (or was) sent on the wire: the
// path of RequestURI for a request a server received, URL.Opaque when set
// (net/http sends it verbatim), else URL.EscapedPath().
func wirePath(req *http.Request) string {
	if req.RequestURI != "" {
		p := req.RequestURI
		if i := strings.IndexByte(p, '?'); i >= 0 {
			p = p[:i]
		}
		return stripSchemeHost(p)
	}
	u := req.URL
	if u.Opaque != "" {
		p := u.Opaque
		if i := strings.IndexByte(p, '?'); i >= 0 {
			p = p[:i]
		}
		if strings.HasPrefix(p, "//") {
			return stripSchemeHost(p[2:])
		}
		return p
	}
	if u.RawPath == "" && isPlainPath(u.Path) {
		return u.Path // what EscapedPath returns, without its scan and copy checks
	}
	return u.EscapedPath()
}

// isPlainPath reports whether p has only unreserved bytes and '/', which
// URL.EscapedPath leaves as they are.
func isPlainPath(p string) bool {
	for i := 0; i < len(p); i++ {
		if c := p[i]; c != '/' && !isUnreserved(c) {
			return false
		}
	}
	return true
}

// stripSchemeHost turns an absolute-form request target ("http://h/p", or
// "h/p" after a leading "//") into its path.
func stripSchemeHost(p string) string {
	if strings.HasPrefix(p, "/") || p == "" || p == "*" {
		return p
	}
	if i := strings.Index(p, "://"); i >= 0 {
		p = p[i+3:]
	}
	if i := strings.IndexByte(p, '/'); i >= 0 {
		return p[i:]
	}
	return "/"
}

// appendNormalizedPath appends path with empty and "." segments removed and
// ".." segments applied (RFC 3986 section 5.2.4, plus the merging of
// consecutive slashes that AWS services other than S3 expect). A leading and
// a trailing slash are kept; an empty result is "/".
func appendNormalizedPath(dst []byte, path string) []byte {
	base := len(dst)
	dst = append(dst, '/')
	segs := 0
	for rest := path; rest != ""; {
		var seg string
		if i := strings.IndexByte(rest, '/'); i >= 0 {
			seg, rest = rest[:i], rest[i+1:]
		} else {
			seg, rest = rest, ""
		}
		switch seg {
		case "", ".":
		case "..":
			if segs > 0 {
				segs--
				i := len(dst) - 2 // skip the segment's trailing '/'
				for i > base && dst[i] != '/' {
					i--
				}
				dst = dst[:i+1]
			}
		default:
			dst = append(dst, seg...)
			dst = append(dst, '/')
			segs++
		}
	}
	// dst now ends with '/'; drop it unless the input ended with one.
	if segs > 0 && !strings.HasSuffix(path, "/") {
		dst = dst[:len(dst)-1]
	}
	if path != "" && path[0] != '/' && segs > 0 {
		// A relative path keeps no leading slash.
		copy(dst[base:], dst[base+1:])
		dst = dst[:len(dst)-1]
	}
	return dst
}

// appendCanonicalURI appends the canonical URI of the wire path p.
func appendCanonicalURI(dst []byte, p string, o *Options, tmp *[]byte) []byte {
	if p == "" {
		return append(dst, '/')
	}
	if !o.DisablePathNormalization {
		*tmp = appendNormalizedPath((*tmp)[:0], p)
		p = unsafeString(*tmp)
	}
	if o.DisableDoubleEncoding {
		return append(dst, p...)
	}
	return appendURIEncode(dst, p, true)
}

// queryPair is the position of one canonical key=value pair in a buffer.
type queryPair struct{ k0, k1, v1 int }

// appendCanonicalQuery appends the canonical query string of rawQuery: pairs
// split on '&' (empty pieces dropped) and on the first '=', each side
// canonicalized with appendQueryComponent, sorted by key and then value.
// skip, when not nil, drops pairs whose raw key it reports true for.
func appendCanonicalQuery(dst []byte, rawQuery string, sc *scratch, skip func(rawKey string) bool) []byte {
	if rawQuery == "" {
		return dst
	}
	qb := sc.qbuf[:0]
	pairs := sc.pairs[:0]
	for rest := rawQuery; rest != ""; {
		var kv string
		if i := strings.IndexByte(rest, '&'); i >= 0 {
			kv, rest = rest[:i], rest[i+1:]
		} else {
			kv, rest = rest, ""
		}
		if kv == "" {
			continue
		}
		k, v, _ := strings.Cut(kv, "=")
		if skip != nil && skip(k) {
			continue
		}
		var p queryPair
		p.k0 = len(qb)
		qb = appendQueryComponent(qb, k)
		p.k1 = len(qb)
		qb = appendQueryComponent(qb, v)
		p.v1 = len(qb)
		pairs = append(pairs, p)
	}
	slices.SortFunc(pairs, func(a, b queryPair) int {
		if c := strings.Compare(unsafeString(qb[a.k0:a.k1]), unsafeString(qb[b.k0:b.k1])); c != 0 {
			return c
		}
		return strings.Compare(unsafeString(qb[a.k1:a.v1]), unsafeString(qb[b.k1:b.v1]))
	})
	for i, p := range pairs {
		if i > 0 {
			dst = append(dst, '&')
		}
		dst = append(dst, qb[p.k0:p.k1]...)
		dst = append(dst, '=')
		dst = append(dst, qb[p.k1:p.v1]...)
	}
	sc.qbuf, sc.pairs = qb, pairs
	return dst
}

// isSpace reports the whitespace that canonical header values trim and
// collapse.
func isSpace(c byte) bool {
	return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\v' || c == '\f'
}

// appendHeaderValue appends v trimmed, with each run of inner whitespace
// (including the line breaks of folded multi-line values) collapsed to one
// space.
func appendHeaderValue(dst []byte, v string) []byte {
	if !hasByteAtMost(v, ' ') {
		return append(dst, v...) // nothing to trim or collapse: the common case
	}
	for len(v) > 0 && isSpace(v[0]) {
		v = v[1:]
	}
	for len(v) > 0 && isSpace(v[len(v)-1]) {
		v = v[:len(v)-1]
	}
	// No whitespace but single spaces?
	clean := true
	for i := 0; i < len(v); i++ {
		if c := v[i]; c <= ' ' && (c != ' ' || v[i+1] == ' ') {
			clean = false
			break
		}
	}
	if clean {
		return append(dst, v...)
	}
	space := false
	for i := 0; i < len(v); i++ {
		c := v[i]
		if isSpace(c) {
			space = true
			continue
		}
		if space {
			dst = append(dst, ' ')
			space = false
		}
		dst = append(dst, c)
	}
	return dst
}

// hasByteAtMost reports whether s has a byte <= c (c < 0x80), eight bytes at
// a time.
func hasByteAtMost(s string, c byte) bool {
	const ones, highs = 0x0101010101010101, 0x8080808080808080
	b := unsafe.Slice(unsafe.StringData(s), len(s))
	i := 0
	for ; i+8 <= len(b); i += 8 {
		x := binary.LittleEndian.Uint64(b[i:])
		// A byte of x-(c+1)*ones borrows (sets its high bit) exactly when it
		// was <= c, among bytes whose own high bit is clear.
		if (x-uint64(c+1)*ones)&^x&highs != 0 {
			return true
		}
	}
	for ; i < len(b); i++ {
		if b[i] <= c {
			return true
		}
	}
	return false
}

func lower(c byte) byte {
	if 'A' <= c && c <= 'Z' {
		return c + 'a' - 'A'
	}
	return c
}

// compareFold compares a and b as if both were lower-cased (ASCII).
func compareFold(a, b string) int {
	n := min(len(a), len(b))
	for i := 0; i < n; i++ {
		x, y := lower(a[i]), lower(b[i])
		if x != y {
			if x < y {
				return -1
			}
			return 1
		}
	}
	return len(a) - len(b)
}

func appendLower(dst []byte, s string) []byte {
	n := len(dst)
	dst = append(dst, s...)
	b := dst[n:]
	i := 0
	for ; i+8 <= len(b); i += 8 {
		// Eight bytes at a time: add 0x20 to those in 'A'..'Z'.
		x := binary.LittleEndian.Uint64(b[i:])
		const ones, highs = 0x0101010101010101, 0x8080808080808080
		x7 := x &^ highs
		ge := x7 + (0x80-'A')*ones   // high bit: byte >= 'A'
		gt := x7 + (0x80-'Z'-1)*ones // high bit: byte > 'Z'
		upper := ge &^ gt &^ x & highs
		binary.LittleEndian.PutUint64(b[i:], x|upper>>2)
	}
	for ; i < len(b); i++ {
		if c := b[i]; 'A' <= c && c <= 'Z' {
			b[i] = c + 'a' - 'A'
		}
	}
	return dst
}

// requestHost returns the value net/http sends as the Host header.
func requestHost(req *http.Request) string {
	if req.Host != "" {
		return req.Host
	}
	if req.URL != nil {
		return req.URL.Host
	}
	return ""
}

// Kinds of hdrKey.
const (
	fromHeader        = iota // req.Header[name]
	fromHost                 // requestHost(req)
	fromContentLength        // req.ContentLength
)

// hdrKey names one header to sign: a key of req.Header, or a value that
// net/http keeps outside the map.
type hdrKey struct {
	name  string
	lname string   // name in lower case
	vals  []string // the values, for kind fromHeader
	pfx   uint64   // prefix8(lname), to compare most names in one step
	kind  uint8
}

// sortKeys sets the lower-case names of keys (in buf, which it returns; the
// names stay valid until buf is next used) and sorts keys by them.
func sortKeys(keys []hdrKey, buf []byte) []byte {
	// If buf grows, names already made keep pointing into the old array,
	// which nothing writes again.
	buf = buf[:0]
	for i := range keys {
		if ln, pfx, ok := knownLower(keys[i].name); ok {
			keys[i].lname, keys[i].pfx = ln, pfx
			continue
		}
		s := len(buf)
		buf = appendLower(buf, keys[i].name)
		keys[i].lname = unsafeString(buf[s:])
		keys[i].pfx = prefix8(buf[s:])
	}
	if len(keys) > keysOnStack {
		slices.SortFunc(keys, func(a, b hdrKey) int {
			if keyLess(&a, &b) {
				return -1
			}
			if keyLess(&b, &a) {
				return 1
			}
			return 0
		})
		return buf
	}
	// Few headers: insertion-sort their indices, then move each key once.
	var perm [keysOnStack]uint8
	for i := range keys {
		perm[i] = uint8(i)
	}
	for i := 1; i < len(keys); i++ {
		for j := i; j > 0 && keyLess(&keys[perm[j]], &keys[perm[j-1]]); j-- {
			perm[j], perm[j-1] = perm[j-1], perm[j]
		}
	}
	// keys[i] = old keys[perm[i]], following each cycle of perm in place.
	var done uint32
	for i := range keys {
		if done&(1<<i) != 0 || int(perm[i]) == i {
			continue
		}
		t, j := keys[i], i
		for {
			done |= 1 << j
			k := int(perm[j])
			if k == i {
				keys[j] = t
				break
			}
			keys[j] = keys[k]
			j = k
		}
	}
	return buf
}

// knownLower returns the lower-case form of the header names (as net/http
// canonicalizes them, and "host") that most requests carry, and their
// prefix8, without copying them.
func knownLower(name string) (string, uint64, bool) {
	var l string
	switch name {
	case "host":
		l = "host"
	case HeaderDate:
		l = "x-amz-date"
	case HeaderContentSHA256:
		l = "x-amz-content-sha256"
	case HeaderSecurityToken:
		l = "x-amz-security-token"
	case "Range":
		l = "range"
	case "Content-Type":
		l = "content-type"
	case "Content-Md5":
		l = "content-md5"
	case "Content-Length":
		l = "content-length"
	default:
		return "", 0, false
	}
	var t [8]byte
	copy(t[:], l)
	return l, binary.BigEndian.Uint64(t[:]), true
}

// prefix8 returns the first eight bytes of b as a big-endian number (padded
// with zeros), which orders like the bytes themselves.
func prefix8(b []byte) uint64 {
	if len(b) >= 8 {
		return binary.BigEndian.Uint64(b)
	}
	var t [8]byte
	copy(t[:], b)
	return binary.BigEndian.Uint64(t[:])
}

func keyLess(a, b *hdrKey) bool {
	if a.pfx != b.pfx {
		return a.pfx < b.pfx
	}
	if a.lname != b.lname {
		return a.lname < b.lname
	}
	return a.name < b.name
}

// appendCanonicalHeaders appends the canonical headers block (each
// "name:value\n") for keys, which must be sorted by sortKeys; keys equal but
// for case are merged into one line, their values joined by ','. It then
// appends "\n" and the signed-headers list, whose bounds it returns.
func appendCanonicalHeaders(dst []byte, req *http.Request, keys []hdrKey) ([]byte, int, int) {
	for i := 0; i < len(keys); {
		k, pfx := keys[i].lname, keys[i].pfx
		dst = append(dst, k...)
		dst = append(dst, ':')
		first := true
		for start := i; i < len(keys) && (i == start || keys[i].pfx == pfx && keys[i].lname == k); i++ {
			switch keys[i].kind {
			case fromHost:
				if !first {
					dst = append(dst, ',')
				}
				first = false
				dst = appendHeaderValue(dst, requestHost(req))
			case fromContentLength:
				if !first {
					dst = append(dst, ',')
				}
				first = false
				dst = strconv.AppendInt(dst, req.ContentLength, 10)
			default:
				for _, v := range keys[i].vals {
					if !first {
						dst = append(dst, ',')
					}
					first = false
					dst = appendHeaderValue(dst, v)
				}
			}
		}
		dst = append(dst, '\n')
	}
	dst = append(dst, '\n')
	s0 := len(dst)
	dst = appendSignedList(dst, keys)
	return dst, s0, len(dst)
}

// appendSignedList appends the signed-headers list of sorted keys.
func appendSignedList(dst []byte, keys []hdrKey) []byte {
	for i, k := range keys {
		if i > 0 && keys[i-1].lname == k.lname {
			continue
		}
		if i > 0 {
			dst = append(dst, ';')
		}
		dst = append(dst, k.lname...)
	}
	return dst
}
