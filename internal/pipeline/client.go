package pipeline

import (
	"context"
	"crypto/x509"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"math/rand/v2"
	"net/http"
	"reflect"
	"runtime"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/goto3/goto3"
	"github.com/goto3/goto3/credentials"
	"github.com/goto3/goto3/endpoints"
	"github.com/goto3/goto3/protocol"
	"github.com/goto3/goto3/protocol/ec2query"
	"github.com/goto3/goto3/protocol/jsonrpc"
	"github.com/goto3/goto3/protocol/query"
	"github.com/goto3/goto3/protocol/restjson"
	"github.com/goto3/goto3/protocol/restxml"
	"github.com/goto3/goto3/retry"
	"github.com/goto3/goto3/sigv4"
	"github.com/goto3/goto3/transport"
)

// Options are a client's settings, as a generated client's Options map
// them. The zero value needs at least Region and Credentials.
type Options struct {
	// Region is the AWS region, such as "us-east-1". Required.
	Region string
	// Credentials signs requests. A provider that is not a
	// *credentials.Cache is wrapped in one; credentials.Anonymous sends
	// requests unsigned. Required.
	Credentials credentials.Provider

	// HTTPClient sends the requests, as it is. When nil, the client uses
	// the shared transport (package transport) with the settings below.
	HTTPClient *http.Client
	// ConnectTimeout, ReadTimeout, MaxPoolConnections,
	// MaxConnectionsPerHost, TCPKeepAlive and RootCAs are the settings of
	// that transport (transport.Options; zero values are boto3's
	// defaults). Ignored when HTTPClient is set.
	ConnectTimeout        time.Duration
	ReadTimeout           time.Duration
	MaxPoolConnections    int
	MaxConnectionsPerHost int
	TCPKeepAlive          time.Duration
	RootCAs               *x509.CertPool

	// RetryMode and RetryMaxAttempts (0: the mode's default) configure the
	// client's retry.Retryer when Retryer is nil.
	RetryMode        retry.Mode
	RetryMaxAttempts int
	// Retryer, when set, is used as is (it holds the retry quota, clock
	// offset and rate limiter and may be shared by clients).
	// RetryMaxAttempts, when set, still overrides its attempts per call.
	Retryer *retry.Retryer

	// Logger receives debug lines per attempt and per retry decision; nil
	// logs nothing. LogHeaders adds the request and response headers,
	// with secrets redacted (goto3.RedactHeader).
	Logger     *slog.Logger
	LogHeaders bool
	// Hooks run at named points of every attempt.
	Hooks goto3.Hooks

	// RequestChecksumCalculation and ResponseChecksumValidation are
	// botocore's settings ("" means when_supported).
	RequestChecksumCalculation goto3.RequestChecksumCalculation
	ResponseChecksumValidation goto3.ResponseChecksumValidation
	// DisableRequestCompression and RequestMinCompressionSizeBytes are
	// botocore's disable_request_compression and
	// request_min_compression_size_bytes: operations with the
	// requestcompression trait gzip bodies of at least the minimum size
	// (0: 10240 bytes; valid 1 to 1048576).
	DisableRequestCompression      bool
	RequestMinCompressionSizeBytes int64

	// Now is the clock for signing and the retryer; nil means time.Now.
	Now func() time.Time
	// Rand is the source of invocation ids and idempotency tokens; nil
	// means math/rand/v2's generator (ChaCha8, seeded by the runtime
	// from the system's randomness).
	Rand io.Reader

	// EndpointParams are the client's values of the service's endpoint
	// rule-set parameters, one per parameter in the rule set's order, the
	// built-ins (region, FIPS, dual-stack, endpoint URL and the service's
	// own) already set by the generated client. Each call adds the
	// operation's context parameters to a copy.
	EndpointParams []endpoints.Value
	// Custom holds the service's customizations (see Customizations);
	// the zero value has none.
	Custom Customizations

	// Stubber, when set, answers every call after its input is validated
	// (stage 1), in place of the rest: no endpoint, credentials,
	// signing, network or retries (goto3.Stubber).
	Stubber goto3.Stubber
}

// Service is what a generated service package gives New: its schema and
// its endpoint rule set (loaded on first use).
type Service struct {
	Schema *protocol.Service
	Rules  func() *endpoints.RuleSet
}

// codec is one protocol's serializer and deserializers.
type codec struct {
	marshal        func(*http.Request, *protocol.Operation, any, protocol.MarshalOptions) error
	unmarshal      func(*http.Response, *protocol.Operation, any) error
	unmarshalError func(*http.Response, *protocol.Operation) *protocol.ResponseError
}

func codecFor(p string) (codec, error) {
	switch p {
	case "rest-xml":
		return codec{restxml.MarshalRequest, restxml.UnmarshalResponse, restxml.UnmarshalError}, nil
	case "query":
		return codec{query.MarshalRequest, query.UnmarshalResponse, query.UnmarshalError}, nil
	case "ec2":
		return codec{ec2query.MarshalRequest, ec2query.UnmarshalResponse, ec2query.UnmarshalError}, nil
	case "json":
		return codec{jsonrpc.MarshalRequest, jsonrpc.UnmarshalResponse, jsonrpc.UnmarshalError}, nil
	case "rest-json":
		return codec{restjson.MarshalRequest, restjson.UnmarshalResponse, restjson.UnmarshalError}, nil
	}
	return codec{}, fmt.Errorf("goto3: protocol %q is not supported", p)
}

// Client is the service-independent part of a generated client: resolved
// options and the shared state (retryer, credential cache, signer). It is
// immutable after New and safe for concurrent use.
type Client struct {
	svc       *protocol.Service
	rules     *endpoints.RuleSet
	def       *Service
	opts      Options
	creds     credentials.Provider
	cache     *credentials.Cache // creds as a cache, to invalidate
	anonymous bool               // credentials.Anonymous: no signing
	retryer   *retry.Retryer
	signer    *sigv4.Signer
	// signerNoDouble is signer with DisableDoubleEncoding, for endpoints
	// whose auth scheme asks for it (signer itself when it has it).
	signerNoDouble *sigv4.Signer
	codec          codec
	http           *http.Client
	ua             string
	uaValue        []string
	sdkReq         [][][]string // [attempt][max]
	mopts          protocol.MarshalOptions
	// callMaxAttempts overrides the retryer's attempts (per-call options).
	callMaxAttempts           int
	randMu                    *sync.Mutex // guards opts.Rand, shared with With
	reqChecksumWhenSupported  bool
	respChecksumWhenSupported bool
	compression               Compression
	// http2 sends the operations Custom.HTTP2 names (nil: none, or the
	// caller's HTTPClient sends everything).
	http2 *http.Client
}

// New returns a Client for the service svc with options o.
func New(svc *Service, o Options) (*Client, error) {
	return build(svc, o, nil)
}

// With returns a client with options o that shares c's retryer (unless o
// changes the retry mode or gives another Retryer) and credential cache
// (unless o gives other credentials). It serves per-call options.
func (c *Client) With(o Options) (*Client, error) {
	return build(c.def, o, c)
}

// Options returns the client's options.
func (c *Client) Options() Options { return c.opts }

// Retryer returns the client's retryer.
func (c *Client) Retryer() *retry.Retryer { return c.retryer }

// Service returns the client's service schema.
func (c *Client) Service() *protocol.Service { return c.svc }

// Credentials returns the client's current credentials (empty ones for
// credentials.Anonymous), for customizations that need what they carry
// (an account id for an endpoint parameter, say).
func (c *Client) Credentials(ctx context.Context) (credentials.Credentials, error) {
	if c.creds == nil {
		return credentials.Credentials{}, errNoCredentials
	}
	return c.creds.Retrieve(ctx)
}

// Now returns the client's clock corrected by the clock offset the
// retryer learned from the service (for signing and expiry decisions).
func (c *Client) Now() time.Time { return c.retryer.Now().Add(c.retryer.ClockOffset()) }

func build(def *Service, o Options, base *Client) (*Client, error) {
	if def == nil || def.Schema == nil || def.Rules == nil {
		return nil, errors.New("goto3: client needs a service schema and an endpoint rule set")
	}
	svc := def.Schema
	svcName := strings.ToLower(svc.ID)
	if o.Region == "" {
		return nil, &goto3.NoRegionError{Service: svcName}
	}
	if !validRegion(o.Region) {
		// botocore's validate_region_name (InvalidRegionError). Some rule
		// sets do not check the region on every branch, so without this a
		// region such as "x@evil.example/" would put another host into the
		// URL.
		return nil, fmt.Errorf("goto3: invalid region %q: want 1 to 63 letters, digits and hyphens, not starting or ending with a hyphen", o.Region)
	}
	cd, err := codecFor(svc.Protocol)
	if err != nil {
		return nil, err
	}
	rules := def.Rules()
	if len(o.EndpointParams) > rules.NumParameters() {
		return nil, fmt.Errorf("goto3: %d endpoint parameter values for a rule set of %d", len(o.EndpointParams), rules.NumParameters())
	}
	c := &Client{svc: svc, rules: rules, def: def, opts: o, codec: cd, randMu: new(sync.Mutex)}
	if base != nil {
		c.randMu = base.randMu
	}
	switch o.RequestChecksumCalculation {
	case "", goto3.RequestChecksumWhenSupported:
		c.reqChecksumWhenSupported = true
	case goto3.RequestChecksumWhenRequired:
	default:
		return nil, fmt.Errorf("goto3: invalid RequestChecksumCalculation %q (want when_supported or when_required)", o.RequestChecksumCalculation)
	}
	switch o.ResponseChecksumValidation {
	case "", goto3.ResponseChecksumWhenSupported:
		c.respChecksumWhenSupported = true
	case goto3.ResponseChecksumWhenRequired:
	default:
		return nil, fmt.Errorf("goto3: invalid ResponseChecksumValidation %q (want when_supported or when_required)", o.ResponseChecksumValidation)
	}

	c.compression = Compression{Disable: o.DisableRequestCompression, MinSize: o.RequestMinCompressionSizeBytes}
	if err := c.compression.validate(); err != nil {
		return nil, err
	}

	// Credentials: one refreshing cache.
	switch {
	case o.Credentials == nil:
		// Requests fail at send time with a clear error (see invoke).
	case isAnonymous(o.Credentials):
		c.creds, c.anonymous = o.Credentials, true
	case base != nil && sameProvider(o.Credentials, base.opts.Credentials):
		c.creds, c.cache = base.creds, base.cache
	default:
		if cc, ok := o.Credentials.(*credentials.Cache); ok {
			c.creds, c.cache = cc, cc
		} else {
			now := o.Now
			cc := credentials.NewCache(o.Credentials, func(co *credentials.CacheOptions) {
				if now != nil {
					co.Now = now
				}
			})
			c.creds, c.cache = cc, cc
		}
	}

	// Retryer: shared with base unless the mode changes.
	switch {
	case o.Retryer != nil:
		c.retryer = o.Retryer
		c.callMaxAttempts = o.RetryMaxAttempts
	case base != nil && base.opts.Retryer == nil && base.opts.RetryMode == o.RetryMode:
		c.retryer = base.retryer
		if o.RetryMaxAttempts != base.retryer.MaxAttempts() {
			c.callMaxAttempts = o.RetryMaxAttempts
		}
	default:
		mode, err := retry.ParseMode(string(o.RetryMode))
		if err != nil {
			return nil, fmt.Errorf("goto3: %w", err)
		}
		r, err := retry.New(retry.Options{Mode: mode, MaxAttempts: o.RetryMaxAttempts, Now: o.Now})
		if err != nil {
			return nil, fmt.Errorf("goto3: %w", err)
		}
		c.retryer = r
	}

	c.signer = o.Custom.Signer
	if c.signer == nil {
		c.signer, c.signerNoDouble = defaultSigner(), noDoubleSigner()
	} else if so := c.signer.Options(); so.DisableDoubleEncoding {
		c.signerNoDouble = c.signer
	} else {
		c.signerNoDouble = sigv4.NewSigner(func(o *sigv4.Options) { *o = so; o.DisableDoubleEncoding = true })
	}

	c.http = o.HTTPClient
	if c.http == nil {
		hc, err := transport.Client(o.transportOptions())
		if err != nil {
			return nil, fmt.Errorf("goto3: %w", err)
		}
		c.http = hc
		if o.Custom.HTTP2 != nil {
			to := o.transportOptions()
			to.HTTP2 = true
			if c.http2, err = transport.Client(to); err != nil {
				return nil, fmt.Errorf("goto3: %w", err)
			}
		}
	}

	c.ua = "goto3/" + Version + " ua/2.1 lang/go#" + strings.TrimPrefix(runtime.Version(), "go") +
		" os/" + runtime.GOOS + " md/arch#" + runtime.GOARCH + " api/" + svcName + "#" + svc.APIVersion
	c.uaValue = []string{c.ua}
	c.sdkReq = sdkRequestTable()
	c.mopts.NewIdempotencyToken = c.newUUID
	return c, nil
}

// defaultSigner is the SigV4 signer of services without their own, shared.
var defaultSigner = sync.OnceValue(func() *sigv4.Signer { return sigv4.NewSigner() })

var noDoubleSigner = sync.OnceValue(func() *sigv4.Signer {
	return sigv4.NewSigner(func(o *sigv4.Options) { o.DisableDoubleEncoding = true })
})

// signerFor returns the signer for an endpoint: without double encoding
// of the path when its auth scheme says so. Chosen, not configured per
// call, so that signing allocates nothing.
func (c *Client) signerFor(ep *resolved) *sigv4.Signer {
	if ep.disableDoubleEncoding {
		return c.signerNoDouble
	}
	return c.signer
}

// isAnonymous reports whether p is credentials.Anonymous.
func isAnonymous(p credentials.Provider) bool {
	_, ok := p.(credentials.Anonymous)
	return ok
}

// transportOptions returns the settings of the shared transport o asks for.
func (o *Options) transportOptions() transport.Options {
	return transport.Options{
		ConnectTimeout:        o.ConnectTimeout,
		ReadTimeout:           o.ReadTimeout,
		MaxPoolConnections:    o.MaxPoolConnections,
		MaxConnectionsPerHost: o.MaxConnectionsPerHost,
		TCPKeepAlive:          o.TCPKeepAlive,
		RootCAs:               o.RootCAs,
	}
}

// sdkRequestTable holds the amz-sdk-request values for attempt n of max
// (n <= max <= 10), shared read-only by every client.
var sdkRequestTable = sync.OnceValue(func() [][][]string {
	t := make([][][]string, 11)
	for n := 1; n <= 10; n++ {
		t[n] = make([][]string, 11)
		for m := n; m <= 10; m++ {
			t[n][m] = []string{"attempt=" + strconv.Itoa(n) + "; max=" + strconv.Itoa(m)}
		}
	}
	return t
})

// Version is goto3's version in the User-Agent header.
const Version = "0.1.0"

// sameProvider reports whether a and b are the same provider value, without
// panicking on providers of non-comparable types.
func sameProvider(a, b credentials.Provider) bool {
	if a == nil || b == nil {
		return a == b
	}
	ta, tb := reflect.TypeOf(a), reflect.TypeOf(b)
	return ta == tb && ta.Comparable() && a == b
}

// newUUID returns a random version-4 UUID from Options.Rand.
func (c *Client) newUUID() string {
	var b [16]byte
	return c.uuid(&b)
}

// uuid is newUUID with caller-provided scratch space (which escapes).
func (c *Client) uuid(bp *[16]byte) string {
	b := bp
	if r := c.opts.Rand; r != nil {
		// A caller's source need not be safe for concurrent use.
		c.randMu.Lock()
		_, _ = io.ReadFull(r, b[:])
		c.randMu.Unlock()
	} else {
		// The runtime's ChaCha8 generator, seeded from the system: ids
		// only need to be unique, and unlike crypto/rand its first use
		// costs a process nothing (no getrandom state to set up).
		binary.LittleEndian.PutUint64(b[:8], rand.Uint64())
		binary.LittleEndian.PutUint64(b[8:], rand.Uint64())
	}
	b[6] = b[6]&0x0f | 0x40
	b[8] = b[8]&0x3f | 0x80
	const hexd = "0123456789abcdef"
	var out [36]byte
	j := 0
	for i, x := range b {
		if i == 4 || i == 6 || i == 8 || i == 10 {
			out[j] = '-'
			j++
		}
		out[j], out[j+1] = hexd[x>>4], hexd[x&0xf]
		j += 2
	}
	return string(out[:])
}

// validRegion reports whether r matches botocore's region name pattern,
// ^[a-zA-Z0-9](?:[a-zA-Z0-9\-]{0,61}[a-zA-Z0-9])?$.
func validRegion(r string) bool {
	if len(r) == 0 || len(r) > 63 || r[0] == '-' || r[len(r)-1] == '-' {
		return false
	}
	for i := 0; i < len(r); i++ {
		c := r[i]
		if !('a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9' || c == '-') {
			return false
		}
	}
	return true
}
