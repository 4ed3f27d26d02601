package transfer

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"strings"

	"github.com/goto3/goto3"
	"github.com/goto3/goto3/services/s3"
	"github.com/goto3/goto3/transport"
)

// Manager moves objects between S3 and files, readers and writers. It is
// safe for concurrent use; its bandwidth limit is shared by all its
// transfers.
type Manager struct {
	api API
	// client is api when it is an *s3.Client (after withPool), whose
	// options tell how parts are best sent.
	client *s3.Client
	opts   Options
	cfg    *config // opts resolved, for calls without optFns
	bufs   *bufferPool
}

// config is the resolved configuration of one transfer.
type config struct {
	Options
	lim *limiter
	// callOpts go with every call: ClientOptions, and with
	// DisableChecksum the client's request checksums turned down to
	// when_required.
	callOpts []func(*s3.Options)
	// alg is the checksum algorithm of uploads, "" with DisableChecksum.
	alg s3.ChecksumAlgorithm
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

// New returns a manager over api: an *s3.Client, or any implementation of
// the S3 operations it calls (such as an in-memory fake in tests). optFns
// set its Options; zero fields take their defaults, and an invalid setting
// is an error naming it. An *s3.Client whose connection pool keeps fewer
// idle connections than Concurrency is replaced by a copy with a pool that
// large (a client with an HTTPClient of its own is used as it is).
func New(api API, optFns ...func(*Options)) (*Manager, error) {
	if api == nil {
		return nil, errors.New("transfer: New: nil API")
	}
	var o Options
	for _, f := range optFns {
		if f != nil {
			f(&o)
		}
	}
	o, err := o.resolve()
	if err != nil {
		return nil, err
	}
	m := &Manager{api: api, opts: o, bufs: newBufferPool(o.Concurrency)}
	if c, ok := api.(*s3.Client); ok {
		if c == nil {
			return nil, errors.New("transfer: New: nil *s3.Client")
		}
		pc, err := withPool(c, o.Concurrency)
		if err != nil {
			return nil, err
		}
		m.api, m.client = pc, pc
	}
	m.cfg = m.newConfig(o, nil)
	return m, nil
}

// Options returns the manager's configuration with defaults filled in.
// Its ClientOptions slice is shared with the manager: do not modify it.
func (m *Manager) Options() Options { return m.opts }

// config returns the configuration of one transfer: the manager's, or a
// copy changed by optFns and checked again.
func (m *Manager) config(optFns []func(*Options)) (*config, error) {
	if len(optFns) == 0 {
		return m.cfg, nil
	}
	o := m.opts
	// Clipped: a call appending to ClientOptions gets a new array.
	o.ClientOptions = slices.Clip(o.ClientOptions)
	for _, f := range optFns {
		if f != nil {
			f(&o)
		}
	}
	// A call that turns checksums off leaves the manager's algorithm
	// behind, and one that picks an algorithm the manager's
	// DisableChecksum: neither is a conflict.
	switch {
	case o.DisableChecksum && !m.opts.DisableChecksum && o.ChecksumAlgorithm == m.opts.ChecksumAlgorithm:
		o.ChecksumAlgorithm = ""
	case o.ChecksumAlgorithm != "" && m.opts.DisableChecksum && o.DisableChecksum:
		o.DisableChecksum = false
	}
	o, err := o.resolve()
	if err != nil {
		return nil, err
	}
	var lim *limiter
	if o.MaxBandwidth == m.opts.MaxBandwidth {
		lim = m.cfg.lim
	}
	return m.newConfig(o, lim), nil
}

// newConfig resolves o, already checked, into a transfer's configuration;
// lim is the limiter to share, or nil for one of its own.
func (m *Manager) newConfig(o Options, lim *limiter) *config {
	c := &config{Options: o, lim: lim, alg: o.ChecksumAlgorithm}
	if c.lim == nil {
		c.lim = newLimiter(o.MaxBandwidth, o.Now, o.Sleep)
	}
	if o.DisableChecksum {
		c.alg = ""
		c.callOpts = append(c.callOpts, func(co *s3.Options) { co.RequestChecksumCalculation = "when_required" })
	}
	c.callOpts = append(c.callOpts, o.ClientOptions...)
	if m.client != nil {
		co := m.client.Options()
		for _, f := range o.ClientOptions {
			if f != nil {
				f(&co)
			}
		}
		c.signs = !co.UnsignedPayload && len(co.EndpointURL) > 7 && strings.EqualFold(co.EndpointURL[:7], "http://")
		c.slices = co.HTTPClient == nil
	}
	return c
}

// cleanupContext is a context for cleanup after ctx failed: not cancelled
// with ctx, bounded by the abort budget.
func (c *config) cleanupContext(ctx context.Context) (context.Context, context.CancelFunc) {
	return context.WithTimeout(context.WithoutCancel(ctx), c.AbortTimeout)
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
	nc, err := s3.New(goto3.Config{}, func(co *s3.Options) { *co = o })
	if err != nil {
		return nil, fmt.Errorf("transfer: a client with a pool of %d connections: %w", n, err)
	}
	return nc, nil
}
