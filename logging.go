package goto3

import (
	"io"
	"log/slog"
	"net/http"
	"net/url"
	"strings"
)

// NewStreamLogger returns a logger writing text lines of level and above to
// w: the equivalent of boto3.set_stream_logger. Give it to a client's
// Options.Logger; at slog.LevelDebug every attempt of every call logs one
// line (service, operation, method, host, path, status, duration, attempt,
// request id) and every retry decision one more. Headers are logged only
// when Options.LogHeaders is set, and then with RedactHeader applied.
func NewStreamLogger(w io.Writer, level slog.Level) *slog.Logger {
	return slog.New(slog.NewTextHandler(w, &slog.HandlerOptions{Level: level}))
}

// Redacted replaces secret values in logs.
const Redacted = "<redacted>"

// secretHeaders are headers whose values are never logged (canonical form).
var secretHeaders = map[string]bool{
	"Authorization":                                         true,
	"X-Amz-Security-Token":                                  true,
	"X-Amz-Server-Side-Encryption-Customer-Key":             true,
	"X-Amz-Copy-Source-Server-Side-Encryption-Customer-Key": true,
	"Proxy-Authorization":                                   true,
	"Cookie":                                                true,
	"Set-Cookie":                                            true,
}

// secretQuery are query parameters whose values are never logged.
var secretQuery = []string{"X-Amz-Signature", "X-Amz-Credential", "X-Amz-Security-Token"}

// RedactHeader returns a copy of h in which the values of Authorization,
// X-Amz-Security-Token, the SSE-C key headers and cookies are replaced by
// Redacted. h is not changed.
func RedactHeader(h http.Header) http.Header {
	out := make(http.Header, len(h))
	for k, v := range h {
		if secretHeaders[http.CanonicalHeaderKey(k)] {
			out[k] = []string{Redacted}
			continue
		}
		out[k] = append([]string(nil), v...)
	}
	return out
}

// RedactURL returns u as a string with the values of the X-Amz-Signature,
// X-Amz-Credential and X-Amz-Security-Token query parameters (presigned
// URLs) replaced by Redacted, and any user:password removed.
func RedactURL(u *url.URL) string {
	if u == nil {
		return ""
	}
	c := *u
	c.User = nil
	if c.RawQuery != "" {
		c.RawQuery = redactQuery(c.RawQuery)
	}
	return c.String()
}

// redactQuery redacts secret parameters of a raw query, keeping the rest
// byte for byte.
func redactQuery(q string) string {
	if !strings.Contains(strings.ToLower(q), "x-amz-") {
		return q
	}
	parts := strings.Split(q, "&")
	for i, p := range parts {
		k, _, _ := strings.Cut(p, "=")
		if dk, err := url.QueryUnescape(k); err == nil {
			k = dk
		}
		for _, s := range secretQuery {
			if strings.EqualFold(k, s) {
				parts[i] = s + "=" + Redacted
				break
			}
		}
	}
	return strings.Join(parts, "&")
}
