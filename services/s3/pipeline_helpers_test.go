package s3_test

import (
	"context"
	"encoding/base64"
	"math/rand/v2"
	"net/http"
	"sync"
	"testing"
	"time"

	"github.com/goto3/goto3"
	"github.com/goto3/goto3/credentials"
	"github.com/goto3/goto3/internal/pipeline"
	"github.com/goto3/goto3/internal/testing/faultserver"
	"github.com/goto3/goto3/protocol"
	"github.com/goto3/goto3/retry"
	"github.com/goto3/goto3/services/s3"
)

// The tests in the pipeline_*_test.go files exercise the request pipeline
// (internal/pipeline) through S3: its schema, its endpoint rule set and its
// customizations, against the S3 fault server (internal/testing/faultserver). They
// call operations through the client's pipeline client (s3.Core) with the
// operation schemas, as the generated methods do.

var s3ops = func() map[string]*protocol.Operation {
	m := map[string]*protocol.Operation{}
	for _, op := range s3.OperationSchemas() {
		m[op.Name] = op
	}
	return m
}()

func s3op(t testing.TB, name string) *protocol.Operation {
	op := s3ops[name]
	if op == nil {
		t.Fatalf("no S3 operation %s", name)
	}
	return op
}

// fakeClock is a clock that only moves when a retry sleeps.
type fakeClock struct {
	mu     sync.Mutex
	t      time.Time
	sleeps []time.Duration
}

func newFakeClock() *fakeClock {
	return &fakeClock{t: time.Date(2026, 11, 24, 12, 0, 0, 0, time.UTC)}
}

func (c *fakeClock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.t
}

func (c *fakeClock) Sleep(ctx context.Context, d time.Duration) error {
	if err := ctx.Err(); err != nil {
		return err
	}
	c.mu.Lock()
	c.t = c.t.Add(d)
	c.sleeps = append(c.sleeps, d)
	c.mu.Unlock()
	return ctx.Err()
}

func (c *fakeClock) Sleeps() []time.Duration {
	c.mu.Lock()
	defer c.mu.Unlock()
	return append([]time.Duration(nil), c.sleeps...)
}

// faultClient returns the pipeline client of an S3 client on srv (see
// faultS3Client).
func faultClient(t testing.TB, srv *faultserver.Server, clock *fakeClock, optFns ...func(*s3.Options)) *pipeline.Client {
	t.Helper()
	return s3.Core(faultS3Client(t, srv, clock, optFns...))
}

// faultS3Client returns an S3 client on srv (path style, as for any custom
// endpoint URL), with a retryer on a fake clock (Rand 0.5: each backoff is
// half its cap), then optFns applied.
func faultS3Client(t testing.TB, srv *faultserver.Server, clock *fakeClock, optFns ...func(*s3.Options)) *s3.Client {
	t.Helper()
	r, err := retry.New(retry.Options{Now: clock.Now, Sleep: clock.Sleep, Rand: func() float64 { return 0.5 }})
	if err != nil {
		t.Fatal(err)
	}
	cr := srv.Credentials()
	cfg := goto3.Config{
		Region:      srv.Region(),
		Credentials: credentials.Static{Value: credentials.Credentials{AccessKeyID: cr.AccessKeyID, SecretAccessKey: cr.SecretAccessKey}},
	}
	c, err := s3.New(cfg, func(o *s3.Options) {
		o.EndpointURL = srv.URL
		o.Retryer = r
		o.Now = clock.Now
		o.Rand = rand.NewChaCha8([32]byte{1})
		for _, f := range optFns {
			f(o)
		}
	})
	if err != nil {
		t.Fatal(err)
	}
	return c
}

func base64Std(b []byte) string { return base64.StdEncoding.EncodeToString(b) }

type roundTripFunc func(*http.Request) (*http.Response, error)

func (f roundTripFunc) RoundTrip(r *http.Request) (*http.Response, error) { return f(r) }
