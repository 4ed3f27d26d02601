package difftest

import (
	"bytes"
	"compress/gzip"
	"crypto/md5"
	"crypto/sha1"
	"crypto/sha256"
	"encoding/base64"
	"fmt"
	"hash"
	"hash/crc32"
	"io"
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"strings"

	"github.com/goto3/goto3/internal/testing/protocoltest"
	"github.com/goto3/goto3/protocol"
)

// ignoredExtra are headers goto3 may send that botocore's recorded request
// lacks: what the generator leaves out (signing, user agent, retry
// bookkeeping, Expect) and Accept-Encoding (botocore's transport, urllib3,
// adds its own).
var ignoredExtra = map[string]bool{
	"Authorization":         true,
	"X-Amz-Date":            true,
	"X-Amz-Security-Token":  true,
	"X-Amz-Content-Sha256":  true,
	"User-Agent":            true,
	"X-Amz-User-Agent":      true,
	"Amz-Sdk-Invocation-Id": true,
	"Amz-Sdk-Request":       true,
	"Expect":                true,
	"Accept-Encoding":       true,
}

// reporter is the part of *testing.T the comparisons use.
type reporter interface {
	Helper()
	Errorf(format string, args ...any)
	Fatalf(format string, args ...any)
}

// compareRequest compares the request goto3 sent (s) with botocore's
// (want), as the package documentation says.
func compareRequest(t reporter, proto string, op *protocol.Operation, s sent, want Request) {
	t.Helper()
	req := s.req
	if req.Method != want.Method {
		t.Errorf("method: got %s, want %s", req.Method, want.Method)
	}
	host := req.Host
	if host == "" {
		host = req.URL.Host
	}
	if req.URL.Host != host {
		t.Errorf("host: URL host %s, Host %s", req.URL.Host, req.Host)
	}
	if got := req.URL.Scheme + "://" + host + req.URL.EscapedPath(); got != want.URL {
		t.Errorf("url:\n got %s\nwant %s", got, want.URL)
	}
	if diff := queryDiff(req.URL.RawQuery, want.Query); diff != "" {
		t.Errorf("query: %s", diff)
	}
	wantBody, err := bodyBytes(want.Body, want.BodyBase64)
	if err != nil {
		t.Fatalf("%v", err)
	}
	if _, ce := contentHeaders(want.Headers); strings.Contains(ce, "aws-chunked") && !strings.Contains(req.Header.Get("Content-Encoding"), "aws-chunked") {
		want, wantBody, err = unchunk(want, wantBody)
		if err != nil {
			t.Fatalf("botocore's aws-chunked body: %v", err)
		}
	}
	exact := bodyExact(want.Headers, wantBody)
	seen := map[string]bool{}
	for k, w := range want.Headers {
		ck := http.CanonicalHeaderKey(k)
		seen[ck] = true
		got, ok := headerValue(req, ck, s.body)
		if !exact || !bytes.Equal(wantBody, s.body) {
			// A body compared as a value may differ in bytes
			// (botocore escapes non-ASCII JSON, closes empty XML
			// elements with "/>"): its length and checksum must be
			// those of goto3's own body.
			if ck == "Content-Length" {
				w = strconv.Itoa(len(s.body))
			} else if sum, ok := checksum(ck, s.body); ok {
				w = sum
			}
		}
		if !ok || !sameHeader(ck, got, w) {
			t.Errorf("header %s: got %q (sent %v), want %q", k, got, ok, w)
		}
	}
	for k, vals := range req.Header {
		if seen[k] || ignoredExtra[k] {
			continue
		}
		lk := strings.ToLower(k)
		switch {
		case strings.HasPrefix(lk, "x-amz") || strings.HasPrefix(lk, "content-"):
			if k == "Content-Type" && contentTypeFree(want.Headers) {
				// goto3 labels the bodies botocore's REST serializers
				// leave unlabelled: XML and string payloads, and blob
				// payloads (application/octet-stream even when empty,
				// as botocore's legacy protocol tests want).
				continue
			}
			t.Errorf("header %s: got %q, botocore sends none", k, vals)
		}
	}
	if diff := bodyDiff(proto, op, want.Headers, wantBody, s.body); diff != "" {
		t.Errorf("body: %s\n got %q\nwant %q", diff, clip(s.body), clip(wantBody))
	}
}

func contentTypeFree(h map[string]string) bool {
	for k := range h {
		if strings.EqualFold(k, "Content-Type") {
			return false
		}
	}
	return true
}

func clip(b []byte) string {
	if len(b) > 2000 {
		return string(b[:2000]) + "..."
	}
	return string(b)
}

// headerValue is a header as it goes on the wire: Content-Length and
// Transfer-Encoding come from the request's fields (net/http writes
// them).
func headerValue(req *http.Request, name string, body []byte) (string, bool) {
	switch name {
	case "Content-Length":
		if req.ContentLength > 0 || req.ContentLength == 0 && len(body) == 0 && req.Method != http.MethodGet && req.Method != http.MethodHead {
			return strconv.FormatInt(req.ContentLength, 10), true
		}
		return "", false
	case "Transfer-Encoding":
		if slices.Contains(req.TransferEncoding, "chunked") || req.ContentLength < 0 && req.Body != nil && req.Body != http.NoBody {
			return "chunked", true
		}
		return "", false
	}
	vals, ok := req.Header[name]
	if !ok {
		return "", false
	}
	return strings.Join(vals, ", "), true
}

// sameHeader compares header values exactly, or as comma-separated lists
// with the whitespace around the commas ignored ("a, b" and "a,b" are the
// same list).
func sameHeader(name, got, want string) bool {
	if got == want {
		return true
	}
	norm := func(s string) string {
		parts := strings.Split(s, ",")
		for i := range parts {
			parts[i] = strings.TrimSpace(parts[i])
		}
		return strings.Join(parts, ",")
	}
	return norm(got) == norm(want)
}

// queryDiff compares a raw query string with botocore's decoded pairs, as
// multisets.
func queryDiff(raw string, want [][2]string) string {
	got, err := pairs(raw)
	if err != nil {
		return fmt.Sprintf("%q: %v", raw, err)
	}
	w := make([]string, len(want))
	for i, p := range want {
		w[i] = p[0] + "=" + p[1]
	}
	return multisetDiff(got, w)
}

// pairs decodes a query string or form body into "name=value" strings
// (decoded), in order.
func pairs(raw string) ([]string, error) {
	var out []string
	if raw == "" {
		return out, nil
	}
	for _, part := range strings.Split(raw, "&") {
		if part == "" {
			continue
		}
		k, v, _ := strings.Cut(part, "=")
		dk, err := url.QueryUnescape(k)
		if err != nil {
			return nil, err
		}
		dv, err := url.QueryUnescape(v)
		if err != nil {
			return nil, err
		}
		out = append(out, dk+"="+dv)
	}
	return out, nil
}

func multisetDiff(got, want []string) string {
	g, w := slices.Clone(got), slices.Clone(want)
	slices.Sort(g)
	slices.Sort(w)
	if slices.Equal(g, w) {
		return ""
	}
	count := map[string]int{}
	for _, p := range w {
		count[p]++
	}
	for _, p := range g {
		count[p]--
	}
	var missing, extra []string
	for _, p := range w {
		if count[p] > 0 {
			missing = append(missing, p)
			count[p]--
		}
	}
	for p, n := range count {
		for ; n < 0; n++ {
			extra = append(extra, p)
		}
	}
	slices.Sort(extra)
	return fmt.Sprintf("missing %q, extra %q", missing, extra)
}

// bodyExact reports whether bodyDiff compares the body byte for byte.
func bodyExact(headers map[string]string, body []byte) bool {
	ct, ce := contentHeaders(headers)
	if len(body) == 0 || strings.Contains(ce, "aws-chunked") {
		return true
	}
	if strings.Contains(ce, "gzip") {
		return false
	}
	return !strings.Contains(ct, "json") && !strings.HasPrefix(ct, "application/x-www-form-urlencoded") &&
		!bytes.HasPrefix(bytes.TrimSpace(body), []byte("<"))
}

func contentHeaders(headers map[string]string) (ct, ce string) {
	for k, v := range headers {
		switch strings.ToLower(k) {
		case "content-type":
			ct = v
		case "content-encoding":
			ce = v
		}
	}
	return ct, ce
}

// bodyDiff compares request bodies by their format.
func bodyDiff(proto string, op *protocol.Operation, headers map[string]string, want, got []byte) string {
	ct, ce := contentHeaders(headers)
	if strings.Contains(ce, "gzip") {
		w, err1 := gunzip(want)
		g, err2 := gunzip(got)
		if err1 != nil || err2 != nil {
			return fmt.Sprintf("gzip: %v, %v", err1, err2)
		}
		want, got = w, g
	}
	switch {
	case len(want) == 0 || len(got) == 0:
		if !bytes.Equal(want, got) {
			return "differs"
		}
		return ""
	case strings.Contains(ce, "aws-chunked"):
	case strings.Contains(ct, "json"):
		return protocoltest.JSONDiff(string(want), string(got))
	case strings.HasPrefix(ct, "application/x-www-form-urlencoded"):
		w, err := pairs(string(want))
		if err != nil {
			return err.Error()
		}
		g, err := pairs(string(got))
		if err != nil {
			return err.Error()
		}
		return multisetDiff(g, w)
	case proto == "rest-xml" && bytes.HasPrefix(bytes.TrimSpace(want), []byte("<")):
		return protocoltest.XMLDiff(string(want), string(got), protocoltest.HasMap(op.Input))
	}
	if !bytes.Equal(want, got) {
		return "differs"
	}
	return ""
}

func gunzip(b []byte) ([]byte, error) {
	r, err := gzip.NewReader(bytes.NewReader(b))
	if err != nil {
		return nil, err
	}
	return io.ReadAll(r)
}

// checksum returns the base64 digest of body that the checksum header
// name carries, for the algorithms the standard library has.
func checksum(name string, body []byte) (string, bool) {
	var h hash.Hash
	switch strings.ToLower(name) {
	case "x-amz-checksum-crc32":
		h = crc32.NewIEEE()
	case "x-amz-checksum-crc32c":
		h = crc32.New(crc32.MakeTable(crc32.Castagnoli))
	case "x-amz-checksum-sha1":
		h = sha1.New()
	case "x-amz-checksum-sha256":
		h = sha256.New()
	case "content-md5", "x-amz-checksum-md5":
		h = md5.New()
	default:
		return "", false
	}
	h.Write(body)
	return base64.StdEncoding.EncodeToString(h.Sum(nil)), true
}

// unchunk turns botocore's aws-chunked request (botocore frames every
// streaming upload over https, with the checksum in a trailer) into the
// plain one goto3 sends for a seekable body (the payload whole, the
// checksum in a header; see internal/pipeline's doc): the payload, its
// length, the trailer as a header, the framing headers gone.
func unchunk(want Request, body []byte) (Request, []byte, error) {
	var payload []byte
	rest := body
	trailers := map[string]string{}
	for {
		line, after, ok := bytes.Cut(rest, []byte("\r\n"))
		if !ok {
			return want, nil, fmt.Errorf("no chunk size line in %q", rest)
		}
		size, _, _ := strings.Cut(string(line), ";")
		n, err := strconv.ParseInt(size, 16, 64)
		if err != nil || n < 0 || int64(len(after)) < n+2 {
			return want, nil, fmt.Errorf("bad chunk size %q", line)
		}
		if n > 0 {
			payload = append(payload, after[:n]...)
			rest = after[n+2:]
			continue
		}
		for {
			line, after, ok = bytes.Cut(after, []byte("\r\n"))
			if !ok {
				return want, nil, fmt.Errorf("unterminated trailer")
			}
			if len(line) == 0 {
				break
			}
			k, v, _ := strings.Cut(string(line), ":")
			trailers[k] = strings.TrimSpace(v)
		}
		break
	}
	h := map[string]string{}
	for k, v := range want.Headers {
		switch strings.ToLower(k) {
		case "transfer-encoding", "x-amz-decoded-content-length", "x-amz-trailer":
			continue
		case "content-encoding":
			var keep []string
			for _, e := range strings.Split(v, ",") {
				if e = strings.TrimSpace(e); e != "aws-chunked" && e != "" {
					keep = append(keep, e)
				}
			}
			if len(keep) == 0 {
				continue
			}
			v = strings.Join(keep, ",")
		}
		h[k] = v
	}
	for k, v := range trailers {
		h[k] = v
	}
	h["Content-Length"] = strconv.Itoa(len(payload))
	want.Headers = h
	want.Body, want.BodyBase64 = string(payload), ""
	return want, payload, nil
}
