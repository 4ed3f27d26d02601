package transport

import (
	"context"
	"crypto/tls"
	"crypto/x509"
	"errors"
	"fmt"
	"net"
	"net/http"
	"os"
	"sync"
	"time"
)

// Defaults, as boto3's Config.
const (
	DefaultConnectTimeout     = 60 * time.Second
	DefaultReadTimeout        = 60 * time.Second
	DefaultMaxPoolConnections = 10
	DefaultTCPKeepAlive       = 15 * time.Second
)

// Options are the settings of an SDK transport. The zero value means every
// default (see the package documentation).
type Options struct {
	// ConnectTimeout bounds the TCP connect and TLS handshake (boto3
	// connect_timeout); 0 means 60 s, negative none.
	ConnectTimeout time.Duration
	// ReadTimeout bounds every wait for the peer (boto3 read_timeout); 0
	// means 60 s, negative none.
	ReadTimeout time.Duration
	// MaxPoolConnections is the number of idle connections kept per host
	// (boto3 max_pool_connections); 0 means 10.
	MaxPoolConnections int
	// MaxConnectionsPerHost caps the connections open to one host,
	// requests waiting for a free one; 0 means no cap (as boto3).
	MaxConnectionsPerHost int
	// TCPKeepAlive is the keep-alive probe interval; 0 means 15 s,
	// negative turns keep-alive off.
	TCPKeepAlive time.Duration
	// RootCAs replaces the system's certificate roots (a CA bundle).
	RootCAs *x509.CertPool
	// HTTP2 offers HTTP/2 (ALPN "h2") on TLS connections besides
	// HTTP/1.1, for operations AWS serves only over HTTP/2 (Kinesis
	// SubscribeToShard). The default transport speaks HTTP/1.1 only, as
	// botocore.
	HTTP2 bool
}

func (o Options) withDefaults() Options {
	if o.ConnectTimeout == 0 {
		o.ConnectTimeout = DefaultConnectTimeout
	}
	if o.ReadTimeout == 0 {
		o.ReadTimeout = DefaultReadTimeout
	}
	if o.MaxPoolConnections == 0 {
		o.MaxPoolConnections = DefaultMaxPoolConnections
	}
	if o.TCPKeepAlive == 0 {
		o.TCPKeepAlive = DefaultTCPKeepAlive
	}
	return o
}

// Validate reports a setting that cannot be used: a negative pool size or
// connection cap.
func (o Options) Validate() error {
	var errs []error
	if o.MaxPoolConnections < 0 {
		errs = append(errs, fmt.Errorf("transport: MaxPoolConnections must not be negative (got %d)", o.MaxPoolConnections))
	}
	if o.MaxConnectionsPerHost < 0 {
		errs = append(errs, fmt.Errorf("transport: MaxConnectionsPerHost must not be negative (got %d)", o.MaxConnectionsPerHost))
	}
	return errors.Join(errs...)
}

// New returns a new transport with settings o, sharing nothing. Most
// callers want Client, which shares one transport per distinct settings.
func New(o Options) (*http.Transport, error) {
	if err := o.Validate(); err != nil {
		return nil, err
	}
	o = o.withDefaults()
	d := &dialer{
		net: net.Dialer{
			Timeout:   positive(o.ConnectTimeout),
			KeepAlive: o.TCPKeepAlive,
		},
		connectTimeout: positive(o.ConnectTimeout),
		readTimeout:    positive(o.ReadTimeout),
	}
	protocols := new(http.Protocols)
	protocols.SetHTTP1(true)
	protocols.SetHTTP2(o.HTTP2)
	idle := o.MaxPoolConnections
	t := &http.Transport{
		Proxy:                 http.ProxyFromEnvironment,
		DialContext:           d.dialContext,
		TLSHandshakeTimeout:   positive(o.ConnectTimeout),
		MaxIdleConnsPerHost:   idle,
		MaxIdleConns:          max(100, 10*idle),
		MaxConnsPerHost:       o.MaxConnectionsPerHost,
		IdleConnTimeout:       90 * time.Second,
		ExpectContinueTimeout: time.Second,
		Protocols:             protocols,
	}
	if o.RootCAs != nil {
		t.TLSClientConfig = &tls.Config{RootCAs: o.RootCAs, MinVersion: tls.VersionTLS12}
	}
	return t, nil
}

func positive(d time.Duration) time.Duration {
	if d < 0 {
		return 0
	}
	return d
}

// cacheMax bounds the process-wide cache of shared clients.
const cacheMax = 32

var cache struct {
	sync.Mutex
	m     map[Options]*http.Client
	order []Options // insertion order, for eviction
}

// Client returns the shared *http.Client for settings o: the same value
// for equal Options (RootCAs compared by pointer), a new one the first time.
func Client(o Options) (*http.Client, error) {
	if err := o.Validate(); err != nil {
		return nil, err
	}
	key := o.withDefaults()
	cache.Lock()
	defer cache.Unlock()
	if c, ok := cache.m[key]; ok {
		return c, nil
	}
	t, err := New(key)
	if err != nil {
		return nil, err
	}
	c := &http.Client{Transport: t}
	if cache.m == nil {
		cache.m = make(map[Options]*http.Client)
	}
	if len(cache.order) >= cacheMax {
		delete(cache.m, cache.order[0])
		cache.order = cache.order[1:]
	}
	cache.m[key] = c
	cache.order = append(cache.order, key)
	return c, nil
}

// LoadCABundle reads a PEM file of CA certificates (boto3's ca_bundle,
// AWS_CA_BUNDLE) into a pool. A file that cannot be read, or holds no
// certificate, is an error naming it.
func LoadCABundle(path string) (*x509.CertPool, error) {
	b, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("transport: reading the CA bundle: %w", err)
	}
	pool := x509.NewCertPool()
	if !pool.AppendCertsFromPEM(b) {
		return nil, fmt.Errorf("transport: the CA bundle %s holds no PEM certificate", path)
	}
	return pool, nil
}

// TimeoutError is a connect, read or write that took longer than its
// timeout (botocore's ConnectTimeoutError and ReadTimeoutError). It is a
// net.Error whose Timeout is true, and matches os.ErrDeadlineExceeded with
// errors.Is.
type TimeoutError struct {
	Op    string        // "connect", "read" or "write"
	Addr  string        // the peer's address
	After time.Duration // the timeout that ran out
}

func (e *TimeoutError) Error() string {
	setting := "ReadTimeout"
	if e.Op == "connect" {
		setting = "ConnectTimeout"
	}
	return fmt.Sprintf("transport: %s timeout on %s after %v (%s)", e.Op, e.Addr, e.After, setting)
}

// Timeout reports true: e is a timeout.
func (e *TimeoutError) Timeout() bool { return true }

// Temporary reports true, as for every timeout.
func (e *TimeoutError) Temporary() bool { return true }

// Unwrap returns os.ErrDeadlineExceeded.
func (e *TimeoutError) Unwrap() error { return os.ErrDeadlineExceeded }

var _ net.Error = (*TimeoutError)(nil)

// dialer dials connections that enforce the read timeout.
type dialer struct {
	net            net.Dialer
	connectTimeout time.Duration
	readTimeout    time.Duration
}

func (d *dialer) dialContext(ctx context.Context, network, addr string) (net.Conn, error) {
	c, err := d.net.DialContext(ctx, network, addr)
	if err != nil {
		var ne net.Error
		if ctx.Err() == nil && d.connectTimeout > 0 && errors.As(err, &ne) && ne.Timeout() {
			return nil, &TimeoutError{Op: "connect", Addr: addr, After: d.connectTimeout}
		}
		return nil, err
	}
	// Without a read timeout the wrapper sets no deadlines; it still sends
	// file bodies in slices (see conn).
	return newConn(c, addr, d.readTimeout), nil
}
