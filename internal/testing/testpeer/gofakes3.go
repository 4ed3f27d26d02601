package testpeer

import (
	"net/http/httptest"
	"testing"

	"github.com/johannesboyne/gofakes3"
	"github.com/johannesboyne/gofakes3/backend/s3mem"
)

// GoFakeS3Options configure an in-process gofakes3 server.
type GoFakeS3Options struct {
	// AutoBucket creates a bucket on first use instead of answering
	// NoSuchBucket.
	AutoBucket bool
	// Backend replaces the default fresh s3mem backend.
	Backend gofakes3.Backend
	// Extra are further gofakes3 options (time source, skew limit, ...).
	Extra []gofakes3.Option
}

// GoFakeS3 starts a fresh gofakes3 server over an in-memory backend on
// 127.0.0.1 and closes it at t.Cleanup. It is cheap (no process), so every
// test gets its own instance; nothing is shared. gofakes3 checks no
// signature: the returned credentials are placeholders. Its known gaps are in
// /work/shared/PEERS.md (no CORS API, aws-chunked part bodies stored
// undecoded, whole-object checksums echoed on ranged GETs).
func GoFakeS3(t testing.TB, opts GoFakeS3Options) *Server {
	t.Helper()
	backend := opts.Backend
	if backend == nil {
		backend = s3mem.New()
	}
	o := []gofakes3.Option{gofakes3.WithAutoBucket(opts.AutoBucket)}
	o = append(o, opts.Extra...)
	ts := httptest.NewServer(gofakes3.New(backend, o...).Server())
	t.Cleanup(ts.Close)
	return &Server{
		Kind:            "gofakes3",
		URL:             ts.URL,
		Region:          "us-east-1",
		AccessKeyID:     "AKIDGOFAKES3",
		SecretAccessKey: "gofakes3-any-secret",
	}
}
