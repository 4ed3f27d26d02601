package goto3

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"os"
	"strconv"
	"strings"
	"time"

	"github.com/goto3/goto3/credentials"
	"github.com/goto3/goto3/internal/config"
	"github.com/goto3/goto3/transport"
)

// expandHome expands a leading "~/" in a path from a config file, as
// botocore's os.path.expanduser does for ca_bundle.
func expandHome(p, home string) string {
	if home != "" && (p == "~" || strings.HasPrefix(p, "~/")) {
		return home + p[1:]
	}
	return p
}

// Options configure a Session. Every field is optional; NewSession with no
// options is boto3.Session() — everything resolved from the environment and
// the shared files.
type Options struct {
	// Profile is boto3's profile_name. It must exist in the config or
	// credentials file. Setting it makes the default credential chain
	// ignore the environment's access keys, as botocore does.
	Profile string
	// Region is boto3's region_name.
	Region string

	// AccessKeyID, SecretAccessKey and SessionToken are explicit
	// credentials (boto3's aws_access_key_id, ...). They take precedence
	// over Credentials and the default chain.
	AccessKeyID     string
	SecretAccessKey string
	SessionToken    string
	// Credentials replaces the default credential chain.
	Credentials credentials.Provider
	// MFATokenFunc supplies MFA codes for assume-role profiles with
	// mfa_serial.
	MFATokenFunc func(ctx context.Context, serialNumber string) (string, error)

	// EndpointURL is used for every service, ahead of any configured
	// endpoint (boto3's client endpoint_url).
	EndpointURL string
	// RetryMode ("legacy", "standard" or "adaptive") and MaxAttempts (total
	// attempts including the first) override AWS_RETRY_MODE /
	// AWS_MAX_ATTEMPTS and the profile's retry_mode / max_attempts.
	RetryMode   string
	MaxAttempts int

	// HTTPClient is used, as it is, by clients made from the session and by
	// the credential providers. When nil they share a transport built
	// with the settings below (see package transport).
	HTTPClient *http.Client

	// ConnectTimeout and ReadTimeout are boto3's connect_timeout and
	// read_timeout (0: 60 seconds; negative: none): the TCP connect and TLS
	// handshake, and every wait for the peer's next byte.
	ConnectTimeout time.Duration
	ReadTimeout    time.Duration
	// MaxPoolConnections is boto3's max_pool_connections, the idle
	// connections kept per host (0: 10); MaxConnectionsPerHost caps the
	// open ones (0: no cap).
	MaxPoolConnections    int
	MaxConnectionsPerHost int
	// TCPKeepAlive is the keep-alive probe interval (0: 15 seconds;
	// negative: off), ahead of BOTOCORE_TCP_KEEPALIVE and the profile's
	// tcp_keepalive ("false" turns it off).
	TCPKeepAlive time.Duration
	// CABundle is a PEM file of the certificate authorities to trust
	// instead of the system's, ahead of AWS_CA_BUNDLE and the profile's
	// ca_bundle. It is read once, by NewSession.
	CABundle string

	// LookupEnv replaces os.LookupEnv and HomeDir replaces os.UserHomeDir,
	// so that a session can be made without touching the real environment.
	LookupEnv func(key string) (string, bool)
	HomeDir   string
	// Now is the clock for credential expiry; nil means time.Now.
	Now func() time.Time
}

// WithProfile selects a profile.
func WithProfile(name string) func(*Options) { return func(o *Options) { o.Profile = name } }

// WithRegion sets the region.
func WithRegion(region string) func(*Options) { return func(o *Options) { o.Region = region } }

// WithCredentials sets explicit credentials.
func WithCredentials(accessKeyID, secretAccessKey, sessionToken string) func(*Options) {
	return func(o *Options) {
		o.AccessKeyID, o.SecretAccessKey, o.SessionToken = accessKeyID, secretAccessKey, sessionToken
	}
}

// WithEndpointURL sets the endpoint URL for every service.
func WithEndpointURL(u string) func(*Options) { return func(o *Options) { o.EndpointURL = u } }

// WithHTTPClient sets the HTTP client.
func WithHTTPClient(c *http.Client) func(*Options) { return func(o *Options) { o.HTTPClient = c } }

// WithRetry sets the retry mode and maximum number of attempts.
func WithRetry(mode string, maxAttempts int) func(*Options) {
	return func(o *Options) { o.RetryMode, o.MaxAttempts = mode, maxAttempts }
}

// S3Config holds the S3 settings of the profile's nested "s3 =" section,
// merged with the global settings botocore applies to S3.
type S3Config struct {
	// AddressingStyle is "auto" (the default), "virtual" or "path".
	AddressingStyle       string
	UseAccelerateEndpoint bool
	// UseDualstackEndpoint is s3.use_dualstack_endpoint when it is true,
	// else the global use_dualstack_endpoint / AWS_USE_DUALSTACK_ENDPOINT.
	UseDualstackEndpoint bool
	// UseFIPSEndpoint is the global use_fips_endpoint / AWS_USE_FIPS_ENDPOINT.
	UseFIPSEndpoint bool
	// USEast1RegionalEndpoint is "legacy" (the default: us-east-1 uses
	// the global endpoint s3.amazonaws.com) or "regional"
	// (s3.us-east-1.amazonaws.com), from AWS_S3_US_EAST_1_REGIONAL_ENDPOINT
	// or s3.us_east_1_regional_endpoint, in that order.
	USEast1RegionalEndpoint string
	// DisableS3ExpressSessionAuth signs requests to directory buckets with
	// plain SigV4 and the session's credentials instead of S3 Express
	// session credentials: AWS_S3_DISABLE_EXPRESS_SESSION_AUTH, else the
	// profile's s3_disable_express_session_auth, else
	// s3.disable_s3_express_session_auth ("true", any case, turns it on).
	DisableS3ExpressSessionAuth bool
}

// Session holds resolved configuration and a shared credential cache.
// It is immutable after NewSession and safe for concurrent use; clients
// made from one session share its credentials.
type Session struct {
	opts          Options
	profile       string
	region        string
	shared        *config.Shared
	scoped        config.Section
	creds         *credentials.Cache
	retryMode     string
	maxAttempts   int
	s3            S3Config
	useFIPS       bool
	useDualStack  bool
	reqChecksum   string
	respChecksum  string
	ignoreConfEPs bool
	// Request compression (botocore's disable_request_compression and
	// request_min_compression_size_bytes).
	disableCompression bool
	minCompression     int64
	// The default transport's settings, the CA bundle parsed.
	http        transport.Options
	defaultHTTP *http.Client // the shared client of http, unless Options.HTTPClient
}

// NoRegionError is returned by RequireRegion when no region is configured
// (botocore's NoRegionError).
type NoRegionError struct {
	Service string
}

func (e *NoRegionError) Error() string {
	return "goto3: you must specify a region for " + e.Service +
		": set it with goto3.WithRegion, AWS_REGION, AWS_DEFAULT_REGION or the profile's region"
}

// ErrProfileNotFound is matched by the error of NewSession when the chosen
// profile exists in neither file.
var ErrProfileNotFound = errors.New("goto3: profile not found")

type profileNotFound struct{ name string }

func (e *profileNotFound) Error() string {
	return fmt.Sprintf("goto3: the config profile (%s) could not be found", e.name)
}
func (e *profileNotFound) Is(t error) bool { return t == ErrProfileNotFound }

// NewSession resolves configuration the way boto3.Session does and returns
// an immutable Session. It reads the config and credentials files once; a
// malformed file is an error naming the file and line, and so is a
// profile chosen by option or AWS_PROFILE that does not exist, an invalid
// retry mode, max_attempts, checksum, request compression or
// s3 us_east_1_regional_endpoint setting.
func NewSession(optFns ...func(*Options)) (*Session, error) {
	var o Options
	for _, f := range optFns {
		f(&o)
	}
	if o.LookupEnv == nil {
		o.LookupEnv = os.LookupEnv
	}
	if o.HomeDir == "" {
		o.HomeDir, _ = os.UserHomeDir()
	}
	s := &Session{opts: o}
	copts := s.credOptions("")
	s.profile = copts.ProfileName()
	cf, kf := copts.Paths()
	sh, err := config.Load(os.ReadFile, cf, kf)
	if err != nil {
		return nil, err
	}
	s.shared = sh
	scoped, ok := sh.Profiles[s.profile]
	explicitProfile := o.Profile != "" || s.env("AWS_DEFAULT_PROFILE") != "" || s.env("AWS_PROFILE") != ""
	if !ok && explicitProfile {
		return nil, &profileNotFound{s.profile}
	}
	s.scoped = scoped

	s.region = first(o.Region, s.env("AWS_REGION"), s.env("AWS_DEFAULT_REGION"), scoped.Get("region"))

	s.retryMode = first(o.RetryMode, s.env("AWS_RETRY_MODE"), scoped.Get("retry_mode"), "standard")
	switch s.retryMode {
	case "legacy", "standard", "adaptive":
	default:
		return nil, fmt.Errorf("goto3: invalid retry mode %q: want legacy, standard or adaptive", s.retryMode)
	}
	if o.MaxAttempts < 0 {
		return nil, fmt.Errorf("goto3: MaxAttempts must not be negative")
	}
	s.maxAttempts = o.MaxAttempts
	if s.maxAttempts == 0 {
		if v := first(s.env("AWS_MAX_ATTEMPTS"), scoped.Get("max_attempts")); v != "" {
			n, err := strconv.Atoi(v)
			if err != nil || n < 0 {
				return nil, fmt.Errorf("goto3: invalid max_attempts %q: want a whole number", v)
			}
			s.maxAttempts = n
		}
	}

	s.useFIPS = isTrue(s.setting("AWS_USE_FIPS_ENDPOINT", "use_fips_endpoint"))
	s.useDualStack = isTrue(s.setting("AWS_USE_DUALSTACK_ENDPOINT", "use_dualstack_endpoint"))
	s.ignoreConfEPs = isTrue(s.setting("AWS_IGNORE_CONFIGURED_ENDPOINT_URLS", "ignore_configured_endpoint_urls"))

	if s.reqChecksum, err = s.checksum("AWS_REQUEST_CHECKSUM_CALCULATION", "request_checksum_calculation"); err != nil {
		return nil, err
	}
	if s.respChecksum, err = s.checksum("AWS_RESPONSE_CHECKSUM_VALIDATION", "response_checksum_validation"); err != nil {
		return nil, err
	}

	s.disableCompression = isTrue(s.setting("AWS_DISABLE_REQUEST_COMPRESSION", "disable_request_compression"))
	s.minCompression = 10240
	if v := s.setting("AWS_REQUEST_MIN_COMPRESSION_SIZE_BYTES", "request_min_compression_size_bytes"); v != "" {
		n, err := strconv.ParseInt(v, 10, 64)
		// botocore 1.43 accepts 1 to 1048576 (args.py
		// _validate_min_compression_size).
		if err != nil || n < 1 || n > 1048576 {
			return nil, fmt.Errorf("goto3: invalid request_min_compression_size_bytes %q: want a whole number from 1 to 1048576", v)
		}
		s.minCompression = n
	}

	s.s3 = S3Config{AddressingStyle: "auto", UseDualstackEndpoint: s.useDualStack, UseFIPSEndpoint: s.useFIPS, USEast1RegionalEndpoint: "legacy"}
	if v, ok := scoped.SubValue("s3", "addressing_style"); ok && v != "" {
		switch v {
		case "auto", "virtual", "path":
			s.s3.AddressingStyle = v
		default:
			return nil, fmt.Errorf("goto3: invalid s3 addressing_style %q: want auto, virtual or path", v)
		}
	}
	if v, ok := scoped.SubValue("s3", "use_accelerate_endpoint"); ok {
		s.s3.UseAccelerateEndpoint = isTrue(v)
	}
	if v, ok := scoped.SubValue("s3", "use_dualstack_endpoint"); ok && (v == "True" || v == "true") {
		s.s3.UseDualstackEndpoint = true
	}

	// botocore: the environment, then the profile's
	// s3_us_east_1_regional_endpoint, then its s3 section's key; the
	// values are case-sensitive.
	v, _ := scoped.SubValue("s3", "us_east_1_regional_endpoint")
	if v = first(s.env("AWS_S3_US_EAST_1_REGIONAL_ENDPOINT"), scoped.Get("s3_us_east_1_regional_endpoint"), v); v != "" {
		switch v {
		case "legacy", "regional":
			s.s3.USEast1RegionalEndpoint = v
		default:
			return nil, fmt.Errorf("goto3: invalid s3 us_east_1_regional_endpoint %q: want legacy or regional", v)
		}
	}

	// botocore: the environment, then the profile's
	// s3_disable_express_session_auth (configprovider.py), or the
	// client's s3 disable_s3_express_session_auth.
	v, _ = scoped.SubValue("s3", "disable_s3_express_session_auth")
	s.s3.DisableS3ExpressSessionAuth = isTrue(first(s.setting("AWS_S3_DISABLE_EXPRESS_SESSION_AUTH", "s3_disable_express_session_auth"), v))

	if name, ok := scoped.Lookup("services"); ok && !s.ignoreConfEPs {
		if _, ok := sh.Services[name]; !ok {
			return nil, fmt.Errorf("goto3: the profile %q uses the services section %q, which does not exist", s.profile, name)
		}
	}

	s.http = transport.Options{
		ConnectTimeout:        o.ConnectTimeout,
		ReadTimeout:           o.ReadTimeout,
		MaxPoolConnections:    o.MaxPoolConnections,
		MaxConnectionsPerHost: o.MaxConnectionsPerHost,
		TCPKeepAlive:          o.TCPKeepAlive,
	}
	if s.http.TCPKeepAlive == 0 {
		// botocore's tcp_keepalive: BOTOCORE_TCP_KEEPALIVE, then the
		// profile. goto3 keeps alive by default; "false" turns it off.
		if v := s.setting("BOTOCORE_TCP_KEEPALIVE", "tcp_keepalive"); strings.EqualFold(v, "false") {
			s.http.TCPKeepAlive = -1
		}
	}
	if err := s.http.Validate(); err != nil {
		return nil, fmt.Errorf("goto3: %w", err)
	}
	// botocore's ca_bundle: the client's verify=, AWS_CA_BUNDLE, then the
	// profile's ca_bundle. Read and parsed once, here.
	if bundle := first(o.CABundle, s.env("AWS_CA_BUNDLE"), scoped.Get("ca_bundle")); bundle != "" {
		pool, err := transport.LoadCABundle(expandHome(bundle, o.HomeDir))
		if err != nil {
			return nil, fmt.Errorf("goto3: %w", err)
		}
		s.http.RootCAs = pool
	}
	if o.HTTPClient == nil {
		// The credential providers (STS, SSO, the container endpoint)
		// use the session's transport, CA bundle included.
		hc, err := transport.Client(s.http)
		if err != nil {
			return nil, fmt.Errorf("goto3: %w", err)
		}
		s.defaultHTTP = hc
	}

	var provider credentials.Provider
	switch {
	case o.AccessKeyID != "" || o.SecretAccessKey != "":
		if o.AccessKeyID == "" || o.SecretAccessKey == "" {
			return nil, errors.New("goto3: explicit credentials need both an access key id and a secret access key")
		}
		provider = credentials.Static{Value: credentials.Credentials{
			AccessKeyID: o.AccessKeyID, SecretAccessKey: o.SecretAccessKey, SessionToken: o.SessionToken, Source: "explicit",
		}}
	case o.Credentials != nil:
		provider = o.Credentials
	default:
		provider = credentials.NewDefaultChain(s.credOptions(s.region))
	}
	s.creds = credentials.NewCache(provider, func(co *credentials.CacheOptions) { co.Now = o.Now })
	return s, nil
}

func (s *Session) credOptions(region string) credentials.Options {
	o := s.opts
	return credentials.Options{
		Profile:      o.Profile,
		LookupEnv:    o.LookupEnv,
		HomeDir:      o.HomeDir,
		HTTPClient:   s.HTTPClient(),
		Now:          o.Now,
		Region:       region,
		MFATokenFunc: o.MFATokenFunc,
	}
}

// env returns an environment variable; empty counts as unset.
func (s *Session) env(k string) string {
	v, _ := s.opts.LookupEnv(k)
	return v
}

// setting returns an environment variable, else the profile's key.
func (s *Session) setting(envKey, profileKey string) string {
	return first(s.env(envKey), s.scoped.Get(profileKey))
}

func (s *Session) checksum(envKey, profileKey string) (string, error) {
	v := strings.ToLower(first(s.setting(envKey, profileKey), "when_supported"))
	if v != "when_supported" && v != "when_required" {
		return "", fmt.Errorf("goto3: invalid %s %q: want when_supported or when_required", profileKey, v)
	}
	return v, nil
}

func first(vals ...string) string {
	for _, v := range vals {
		if v != "" {
			return v
		}
	}
	return ""
}

// isTrue is botocore's ensure_boolean for strings.
func isTrue(v string) bool { return strings.EqualFold(v, "true") }

// Region returns the resolved region, or "" when none is configured.
func (s *Session) Region() string { return s.region }

// Profile returns the resolved profile name ("default" when none is chosen).
func (s *Session) Profile() string { return s.profile }

// Credentials returns the session's shared, refreshing credential cache.
func (s *Session) Credentials() *credentials.Cache { return s.creds }

// HTTPClient returns the HTTP client of the session's credential providers
// and, unless they are given other settings, of its clients: Options'
// HTTPClient, else the shared client of HTTPOptions.
func (s *Session) HTTPClient() *http.Client {
	if s.opts.HTTPClient != nil {
		return s.opts.HTTPClient
	}
	return s.defaultHTTP
}

// CustomHTTPClient returns Options' HTTPClient, or nil when the session
// uses the SDK's transport.
func (s *Session) CustomHTTPClient() *http.Client { return s.opts.HTTPClient }

// HTTPOptions returns the settings of the session's default transport,
// the CA bundle parsed into RootCAs.
func (s *Session) HTTPOptions() transport.Options { return s.http }

// RetryMode returns "legacy", "standard" or "adaptive". Without
// configuration it is "standard" (botocore's default is "legacy"; the AWS
// CLI v2 and the Go SDKs default to standard).
func (s *Session) RetryMode() string { return s.retryMode }

// MaxAttempts returns the configured total number of attempts, or 0 when
// none is configured (the retry mode's default applies).
func (s *Session) MaxAttempts() int { return s.maxAttempts }

// S3 returns the S3 settings.
func (s *Session) S3() S3Config { return s.s3 }

// UseFIPSEndpoint reports use_fips_endpoint / AWS_USE_FIPS_ENDPOINT.
func (s *Session) UseFIPSEndpoint() bool { return s.useFIPS }

// UseDualStackEndpoint reports use_dualstack_endpoint /
// AWS_USE_DUALSTACK_ENDPOINT (for S3 see S3Config.UseDualstackEndpoint).
func (s *Session) UseDualStackEndpoint() bool { return s.useDualStack }

// RequestChecksumCalculation returns "when_supported" (default) or
// "when_required".
func (s *Session) RequestChecksumCalculation() string { return s.reqChecksum }

// ResponseChecksumValidation returns "when_supported" (default) or
// "when_required".
func (s *Session) ResponseChecksumValidation() string { return s.respChecksum }

// DisableRequestCompression reports AWS_DISABLE_REQUEST_COMPRESSION / the
// profile's disable_request_compression.
func (s *Session) DisableRequestCompression() bool { return s.disableCompression }

// RequestMinCompressionSizeBytes returns AWS_REQUEST_MIN_COMPRESSION_SIZE_BYTES /
// the profile's request_min_compression_size_bytes, 10240 when unset.
func (s *Session) RequestMinCompressionSizeBytes() int64 { return s.minCompression }

// ProfileValue returns a plain key of the session's profile, for settings
// this type does not model.
func (s *Session) ProfileValue(key string) (string, bool) { return s.scoped.Lookup(key) }

// RequireRegion returns a *NoRegionError when no region is configured.
// Clients of regional services call it when they are made, so a missing
// region fails early instead of sending requests to a wrong host.
func (s *Session) RequireRegion(service string) error {
	if s.region == "" {
		return &NoRegionError{Service: service}
	}
	return nil
}

// EndpointURL returns the endpoint URL configured for a service, or "" to
// use the resolved AWS endpoint. serviceID is the service's model ID, such
// as "S3", "SES", "EC2" or "Elastic Load Balancing v2". In order:
//
//  1. Options.EndpointURL;
//  2. AWS_ENDPOINT_URL_<ID> (the ID upper-cased, spaces and hyphens as
//     underscores, e.g. AWS_ENDPOINT_URL_S3);
//  3. AWS_ENDPOINT_URL;
//  4. endpoint_url in the service's block (e.g. "s3 =" + indented
//     "endpoint_url = ...") of the [services x] section the profile names
//     with "services = x";
//  5. the profile's endpoint_url.
//
// Steps 2-5 are skipped when AWS_IGNORE_CONFIGURED_ENDPOINT_URLS or the
// profile's ignore_configured_endpoint_urls is true.
func (s *Session) EndpointURL(serviceID string) string {
	if s.opts.EndpointURL != "" {
		return s.opts.EndpointURL
	}
	if s.ignoreConfEPs {
		return ""
	}
	id := strings.NewReplacer(" ", "_", "-", "_").Replace(serviceID)
	if v := s.env("AWS_ENDPOINT_URL_" + strings.ToUpper(id)); v != "" {
		return v
	}
	if v := s.env("AWS_ENDPOINT_URL"); v != "" {
		return v
	}
	if name, ok := s.scoped.Lookup("services"); ok {
		if v, ok := s.shared.Services[name].SubValue(strings.ToLower(id), "endpoint_url"); ok && v != "" {
			return v
		}
	}
	return s.scoped.Get("endpoint_url")
}
