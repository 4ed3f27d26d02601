package pipeline

import (
	"crypto/rand"
	"errors"
	"fmt"
	"io"
	"log/slog"
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
)

// Checksum settings (botocore's request_checksum_calculation and
// response_checksum_validation).
const (
	WhenSupported = "when_supported"
	WhenRequired  = "when_required"
)

// Options are a client's settings. The generated per-service Options
// structs hold the same fields (S3's the S3 ones too) and convert to this
// type. The zero value needs at least Region and Credentials.
type Options struct {
	// Region is the AWS region, such as "us-east-1". Required.
	Region string
	// Credentials signs requests. A provider that is not a
	// *credentials.Cache is wrapped in one. Required.
	Credentials credentials.Provider
	// EndpointURL replaces the resolved endpoint (boto3's endpoint_url).
	EndpointURL string
	// HTTPClient sends the requests; nil means http.DefaultClient.
	HTTPClient *http.Client

	// RetryMode ("standard", the default, or "adaptive"; "legacy" reads as
	// "standard") and RetryMaxAttempts (0: the mode's default) configure
	// the client's retry.Retryer when Retryer is nil.
	RetryMode        string
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

	UseFIPS      bool
	UseDualStack bool
	// RequestChecksumCalculation and ResponseChecksumValidation are
	// WhenSupported (the default when empty) or WhenRequired.
	RequestChecksumCalculation string
	ResponseChecksumValidation string
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
	// means crypto/rand.Reader.
	Rand io.Reader

	// S3 only.
	UsePathStyle                   bool
	UseAccelerate                  bool
	UseARNRegion                   bool
	DisableMultiRegionAccessPoints bool
	// UnsignedPayload sends streaming uploads (PutObject, UploadPart
	// bodies) that carry a checksum with UNSIGNED-PAYLOAD over http too, as
	// S3 uploads over https always are: the checksum (a header, or an
	// aws-chunked trailer for a body that cannot seek) then guards the
	// bytes instead of the signed SHA-256, which spares hashing every byte
	// with SHA-256. For trusted networks (a loopback or in-VPC endpoint);
	// the request headers are still signed.
	UnsignedPayload bool
	// USEast1RegionalEndpoint is botocore's s3 us_east_1_regional_endpoint:
	// "legacy" (the default when empty: us-east-1 uses the global
	// endpoint s3.amazonaws.com) or "regional" (s3.us-east-1.amazonaws.com).
	// It sets the endpoint rules' AWS::S3::UseGlobalEndpoint.
	USEast1RegionalEndpoint string
	// DisableS3ExpressSessionAuth is botocore's s3
	// disable_s3_express_session_auth (AWS_S3_DISABLE_EXPRESS_SESSION_AUTH):
	// requests to directory buckets are signed with plain SigV4 and the
	// client's credentials (signing name s3express) instead of S3 Express
	// session credentials from CreateSession (s3express.go). It sets the
	// endpoint rules' DisableS3ExpressSessionAuth.
	DisableS3ExpressSessionAuth bool
}

// SessionOptions returns the Options a client of the service with model ID
// serviceID gets from sess (region, credentials, endpoint URL, HTTP client,
// retry and checksum settings, FIPS, dual-stack and the S3 settings). It
// fails with a *goto3.NoRegionError when the session has no region.
func SessionOptions(sess *goto3.Session, serviceID string) (Options, error) {
	if sess == nil {
		return Options{}, errors.New("goto3: nil session")
	}
	if err := sess.RequireRegion(strings.ToLower(serviceID)); err != nil {
		return Options{}, err
	}
	o := Options{
		Region:                         sess.Region(),
		Credentials:                    sess.Credentials(),
		EndpointURL:                    sess.EndpointURL(serviceID),
		HTTPClient:                     sess.HTTPClient(),
		RetryMode:                      sess.RetryMode(),
		RetryMaxAttempts:               sess.MaxAttempts(),
		UseFIPS:                        sess.UseFIPSEndpoint(),
		UseDualStack:                   sess.UseDualStackEndpoint(),
		RequestChecksumCalculation:     sess.RequestChecksumCalculation(),
		ResponseChecksumValidation:     sess.ResponseChecksumValidation(),
		DisableRequestCompression:      sess.DisableRequestCompression(),
		RequestMinCompressionSizeBytes: sess.RequestMinCompressionSizeBytes(),
	}
	if serviceID == "S3" {
		s3 := sess.S3()
		o.UsePathStyle = s3.AddressingStyle == "path"
		o.UseAccelerate = s3.UseAccelerateEndpoint
		o.UseDualStack = s3.UseDualstackEndpoint
		o.UseFIPS = s3.UseFIPSEndpoint || o.UseFIPS
		o.USEast1RegionalEndpoint = s3.USEast1RegionalEndpoint
		o.DisableS3ExpressSessionAuth = s3.DisableS3ExpressSessionAuth
	}
	return o, nil
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
// options and the shared state (retryer, credential cache, signer, base
// endpoint parameters). It is immutable after New and safe for concurrent
// use.
type Client struct {
	svc     *protocol.Service
	rules   *endpoints.RuleSet
	opts    Options
	creds   credentials.Provider
	cache   *credentials.Cache // creds as a cache, to invalidate
	retryer *retry.Retryer
	signer  *sigv4.Signer
	codec   codec
	http    *http.Client
	params  endpoints.Params // built-ins
	s3      bool
	ua      string
	uaValue []string
	sdkReq  [][][]string // [attempt][max]
	mopts   protocol.MarshalOptions
	// callMaxAttempts overrides the retryer's attempts (per-call options).
	callMaxAttempts           int
	randMu                    *sync.Mutex // guards opts.Rand, shared with With
	reqChecksumWhenSupported  bool
	respChecksumWhenSupported bool
	compression               Compression
	postDecode                map[string]postDecoder // per operation (postdecode.go)
	// createSession is the service's S3 Express CreateSession operation
	// (nil: none registered); express caches its sessions, shared with
	// clients made by With (s3express.go).
	createSession *protocol.Operation
	express       *expressCache
}

// New returns a Client for the service svc whose endpoints come from rules.
func New(svc *protocol.Service, rules *endpoints.RuleSet, o Options) (*Client, error) {
	return build(svc, rules, o, nil)
}

// With returns a client with options o that shares c's retryer (unless o
// changes the retry mode or gives another Retryer) and credential cache
// (unless o gives other credentials). It serves per-call options.
func (c *Client) With(o Options) (*Client, error) {
	return build(c.svc, c.rules, o, c)
}

// Options returns the client's options.
func (c *Client) Options() Options { return c.opts }

// Retryer returns the client's retryer.
func (c *Client) Retryer() *retry.Retryer { return c.retryer }

func build(svc *protocol.Service, rules *endpoints.RuleSet, o Options, base *Client) (*Client, error) {
	if svc == nil || rules == nil {
		return nil, errors.New("goto3: client needs a service schema and an endpoint rule set")
	}
	svcName := strings.ToLower(svc.ID)
	if o.Region == "" {
		return nil, &goto3.NoRegionError{Service: svcName}
	}
	if !validRegion(o.Region) {
		// botocore's validate_region_name (InvalidRegionError). The S3 rule
		// set does not check the region on its path-style branches, so
		// without this a region such as "x@evil.example/" would put
		// another host into the URL.
		return nil, fmt.Errorf("goto3: invalid region %q: want 1 to 63 letters, digits and hyphens, not starting or ending with a hyphen", o.Region)
	}
	cd, err := codecFor(svc.Protocol)
	if err != nil {
		return nil, err
	}
	c := &Client{svc: svc, rules: rules, opts: o, codec: cd, s3: svc.ID == "S3", randMu: new(sync.Mutex)}
	if c.s3 {
		c.postDecode = s3PostDecoders
	}
	if base != nil {
		c.randMu = base.randMu
	}
	c.createSession = createSessionOp(svc)
	if c.createSession != nil {
		if base != nil && base.express != nil {
			c.express = base.express
		} else {
			c.express = newExpressCache()
		}
	}
	switch strings.ToLower(o.RequestChecksumCalculation) {
	case "", WhenSupported:
		c.reqChecksumWhenSupported = true
	case WhenRequired:
	default:
		return nil, fmt.Errorf("goto3: invalid RequestChecksumCalculation %q (want when_supported or when_required)", o.RequestChecksumCalculation)
	}
	switch strings.ToLower(o.ResponseChecksumValidation) {
	case "", WhenSupported:
		c.respChecksumWhenSupported = true
	case WhenRequired:
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
		mode, err := retry.ParseMode(o.RetryMode)
		if err != nil {
			return nil, fmt.Errorf("goto3: %w", err)
		}
		r, err := retry.New(retry.Options{Mode: mode, MaxAttempts: o.RetryMaxAttempts, Now: o.Now})
		if err != nil {
			return nil, fmt.Errorf("goto3: %w", err)
		}
		c.retryer = r
	}

	if base != nil && base.s3 == c.s3 {
		c.signer = base.signer
	} else if c.s3 {
		c.signer = sigv4.NewSigner(sigv4.S3Options)
	} else {
		c.signer = sigv4.NewSigner()
	}

	c.http = o.HTTPClient
	if c.http == nil {
		c.http = http.DefaultClient
	}

	// Built-in endpoint parameters, set once.
	set := func(b string, v any) error {
		_, err := rules.SetBuiltIn(&c.params, b, v)
		return err
	}
	errs := []error{
		set("AWS::Region", o.Region),
		set("AWS::UseFIPS", o.UseFIPS),
		set("AWS::UseDualStack", o.UseDualStack),
	}
	if o.EndpointURL != "" {
		errs = append(errs, set("SDK::Endpoint", o.EndpointURL))
	}
	if c.s3 {
		errs = append(errs,
			set("AWS::S3::ForcePathStyle", o.UsePathStyle),
			set("AWS::S3::Accelerate", o.UseAccelerate),
			set("AWS::S3::UseArnRegion", o.UseARNRegion),
			set("AWS::S3::DisableMultiRegionAccessPoints", o.DisableMultiRegionAccessPoints),
			// botocore's s3 us_east_1_regional_endpoint defaults to
			// "legacy": us-east-1 uses the global s3.amazonaws.com
			// (args.py, _should_force_s3_global).
			set("AWS::S3::UseGlobalEndpoint", o.Region == "us-east-1" && o.USEast1RegionalEndpoint != "regional"),
		)
		if o.DisableS3ExpressSessionAuth {
			// A client context parameter, not a built-in, in the rule set.
			errs = append(errs, setParam(&c.params, "DisableS3ExpressSessionAuth", true))
		}
		switch o.USEast1RegionalEndpoint {
		case "", "legacy", "regional":
		default:
			errs = append(errs, fmt.Errorf("invalid USEast1RegionalEndpoint %q (want legacy or regional)", o.USEast1RegionalEndpoint))
		}
	}
	if err := errors.Join(errs...); err != nil {
		return nil, fmt.Errorf("goto3: %w", err)
	}

	c.ua = "goto3/" + Version + " ua/2.1 lang/go#" + strings.TrimPrefix(runtime.Version(), "go") +
		" os/" + runtime.GOOS + " md/arch#" + runtime.GOARCH + " api/" + svcName + "#" + svc.APIVersion
	c.uaValue = []string{c.ua}
	c.sdkReq = sdkRequestTable()
	c.mopts.NewIdempotencyToken = c.newUUID
	return c, nil
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
		_, _ = rand.Read(b[:])
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
