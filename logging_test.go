package goto3_test

import (
	"bytes"
	"log/slog"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/goto3/goto3"
)

func TestRedactHeader(t *testing.T) {
	h := http.Header{
		"Authorization":                             {"AWS4-HMAC-SHA256 Credential=AKID/20260101/us-east-1/s3/aws4_request, SignedHeaders=host, Signature=abc"},
		"X-Amz-Security-Token":                      {"token"},
		"X-Amz-Server-Side-Encryption-Customer-Key": {"key"},
		"X-Amz-Date":                                {"20260101T000000Z"},
		"Content-Type":                              {"text/plain"},
	}
	got := goto3.RedactHeader(h)
	want := http.Header{
		"Authorization":                             {"<redacted>"},
		"X-Amz-Security-Token":                      {"<redacted>"},
		"X-Amz-Server-Side-Encryption-Customer-Key": {"<redacted>"},
		"X-Amz-Date":                                {"20260101T000000Z"},
		"Content-Type":                              {"text/plain"},
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("(-want +got):\n%s", diff)
	}
	if h.Get("Authorization") == "<redacted>" {
		t.Errorf("input header changed")
	}
}

func TestRedactURL(t *testing.T) {
	tests := []struct{ in, want string }{
		{"https://b.s3.amazonaws.com/k?X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Credential=AKID%2F20260101%2Fus-east-1%2Fs3%2Faws4_request&X-Amz-Signature=abc&X-Amz-Security-Token=tok&x-id=GetObject",
			"https://b.s3.amazonaws.com/k?X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Credential=<redacted>&X-Amz-Signature=<redacted>&X-Amz-Security-Token=<redacted>&x-id=GetObject"},
		{"https://user:pass@example.com/a?b=c", "https://example.com/a?b=c"},
		{"https://example.com/a", "https://example.com/a"},
	}
	for _, tt := range tests {
		u, err := url.Parse(tt.in)
		if err != nil {
			t.Fatal(err)
		}
		if got := goto3.RedactURL(u); got != tt.want {
			t.Errorf("got %s, want %s", got, tt.want)
		}
	}
}

func TestNewStreamLogger(t *testing.T) {
	var buf bytes.Buffer
	l := goto3.NewStreamLogger(&buf, slog.LevelDebug)
	l.Debug("hello", "k", "v")
	if got := buf.String(); !strings.Contains(got, "level=DEBUG msg=hello k=v") {
		t.Errorf("got %q", got)
	}
	buf.Reset()
	goto3.NewStreamLogger(&buf, slog.LevelInfo).Debug("hidden")
	if buf.Len() != 0 {
		t.Errorf("debug line at info level: %q", buf.String())
	}
}
