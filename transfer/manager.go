package transfer

import (
	"context"
	"fmt"
	"strings"
	"time"

	"github.com/goto3/goto3/services/s3"
	"github.com/goto3/goto3/transport"
)

// Manager moves objects between S3 and files, readers and writers. It is
// safe for concurrent use; its bandwidth limit is shared by all its
// transfers.
type Manager struct {
	api   API
	cfg   Config
	lim   *limiter
	bufs  *bufferPool
	abort time.Duration
	// callOpts go with every call: with ChecksumNone, the client's
	// request checksums are turned down to when_required.
	callOpts []func(*s3.Options)
	// signs is set for an *s3.Client that signs upload payloads (an http
	// endpoint without Options.UnsignedPayload): each part's SHA-256 is
	// then computed with its checksum, in one pass, and handed to the
	// client (part.PayloadSHA256), which reads the part only to send it.
	signs bool
	// slices is set for an *s3.Client with the SDK's own connections (no
	// HTTPClient of its own): they send a file part's descriptor with
	// sendfile in slices of 256 KiB, each reported as progress. Any other
	// client may send a part in one sendfile call, reported at its end, so
	// a transfer with a progress callback reads its parts through Read.
	slices bool
}

// NewWithAPI returns a manager over api (any implementation of the S3
// operations it calls) with cfg; zero fields of cfg take their defaults.
func NewWithAPI(api API, cfg Config) (*Manager, error) {
	c, err := cfg.withDefaults()
	if err != nil {
		return nil, err
	}
	m := &Manager{api: api, cfg: c, lim: newLimiter(c.MaxBandwidth, c.Now, c.Sleep), abort: 30 * time.Second, bufs: newBufferPool(c.Concurrency)}
	if c, ok := api.(*s3.Client); ok {
		o := c.Options()
		m.signs = !o.UnsignedPayload && len(o.EndpointURL) > 7 && strings.EqualFold(o.EndpointURL[:7], "http://")
		m.slices = o.HTTPClient == nil
		pc, err := withPool(c, m.cfg.Concurrency)
		if err != nil {
			return nil, err
		}
		m.api = pc
	}
	if c.Checksum == ChecksumNone {
		m.callOpts = []func(*s3.Options){func(o *s3.Options) { o.RequestChecksumCalculation = "when_required" }}
	}
	return m, nil
}

// Config returns the manager's configuration with defaults filled in.
func (m *Manager) Config() Config { return m.cfg }

// cleanupContext is a context for cleanup after ctx failed: not cancelled
// with ctx, bounded by the abort timeout.
func (m *Manager) cleanupContext(ctx context.Context) (context.Context, context.CancelFunc) {
	return context.WithTimeout(context.WithoutCancel(ctx), m.abort)
}

// withPool returns c, or a client like c whose connection pool keeps at
// least n idle connections per host, so that a transfer with Concurrency n
// reuses its connections instead of opening new ones for most requests
// (net/http keeps only MaxPoolConnections idle; the rest are closed after
// each request). A client with its own HTTPClient is used as it is.
func withPool(c *s3.Client, n int) (*s3.Client, error) {
	o := c.Options()
	pool := o.MaxPoolConnections
	if pool == 0 {
		pool = transport.DefaultMaxPoolConnections
	}
	if o.HTTPClient != nil || pool >= n {
		return c, nil
	}
	o.MaxPoolConnections = n
	nc, err := s3.NewFromOptions(o)
	if err != nil {
		return nil, fmt.Errorf("transfer: a client with a pool of %d connections: %w", n, err)
	}
	return nc, nil
}
