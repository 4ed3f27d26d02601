package session

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net/http"
	"os"
	"strconv"
	"strings"
	"time"

	"github.com/goto3/goto3"
	"github.com/goto3/goto3/credentials"
	"github.com/goto3/goto3/internal/config"
	"github.com/goto3/goto3/retry"
	"github.com/goto3/goto3/transport"
)

// Options configure a Session. Every field is optional; New with no
// options is boto3.Session(): everything resolved from the environment and
// the shared files. The settings that a client has too are spelled as in
// goto3.Config and every client's Options.
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
	// Credentials replaces the default credential chain
	// (credentials.Anonymous for unsigned requests).
	Credentials credentials.Provider
	// MFATokenFunc supplies MFA codes for assume-role profiles with
	// mfa_serial.
	MFATokenFunc func(ctx context.Context, serialNumber string) (string, error)

	// EndpointURL is used for every service, ahead of any configured
	// endpoint (boto3's client endpoint_url).
	EndpointURL string
	// RetryMode and RetryMaxAttempts (total attempts including the first)
	// override AWS_RETRY_MODE / AWS_MAX_ATTEMPTS and the profile's
	// retry_mode / max_attempts.
	RetryMode        retry.Mode
	RetryMaxAttempts int

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
	// ca_bundle. It is read once, by New.
	CABundle string

	// Logger is given to every client made from the session (see
	// goto3.NewStreamLogger).
	Logger *slog.Logger

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

// WithRetry sets the retry mode and the number of attempts.
func WithRetry(mode retry.Mode, maxAttempts int) func(*Options) {
	return func(o *Options) { o.RetryMode, o.RetryMaxAttempts = mode, maxAttempts }
}

// Session holds a resolved configuration and a shared credential cache. It
// is immutable after New and safe for concurrent use; clients made from one
// session (with its Config) share its credentials and its HTTP transport.
type Session struct {
	cfg     goto3.Config
	profile string
	creds   *credentials.Cache
}

// New resolves configuration the way boto3.Session does and returns an
// immutable Session. It reads the config and credentials files once; a
// malformed file is an error naming the file and line, and so is a profile
// chosen by option or AWS_PROFILE that does not exist
// (*credentials.ProfileNotFoundError), an invalid retry mode,
// max_attempts, checksum or request compression setting, and an unreadable
// or empty CA bundle.
func New(optFns ...func(*Options)) (*Session, error) {
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
	r := resolver{o: o}
	copts := r.credOptions("")
	profile := copts.ProfileName()
	cf, kf := copts.Paths()
	sh, err := config.Load(os.ReadFile, cf, kf)
	if err != nil {
		return nil, err
	}
	scoped, ok := sh.Profiles[profile]
	explicitProfile := o.Profile != "" || r.env("AWS_DEFAULT_PROFILE") != "" || r.env("AWS_PROFILE") != ""
	if !ok && explicitProfile {
		return nil, &credentials.ProfileNotFoundError{Profile: profile}
	}
	r.scoped = scoped

	cfg := goto3.Config{
		Region:         first(o.Region, r.env("AWS_REGION"), r.env("AWS_DEFAULT_REGION"), scoped.Get("region")),
		EndpointURL:    o.EndpointURL,
		HTTPClient:     o.HTTPClient,
		ConnectTimeout: o.ConnectTimeout,
		ReadTimeout:    o.ReadTimeout,
		Logger:         o.Logger,
	}

	mode := o.RetryMode
	if mode == "" {
		mode = retry.Mode(first(r.env("AWS_RETRY_MODE"), scoped.Get("retry_mode")))
	}
	if cfg.RetryMode, err = retry.ParseMode(string(mode)); err != nil {
		return nil, fmt.Errorf("session: invalid retry mode %q: want legacy, standard or adaptive", mode)
	}
	if o.RetryMaxAttempts < 0 {
		return nil, errors.New("session: RetryMaxAttempts must not be negative")
	}
	cfg.RetryMaxAttempts = o.RetryMaxAttempts
	if cfg.RetryMaxAttempts == 0 {
		if v := first(r.env("AWS_MAX_ATTEMPTS"), scoped.Get("max_attempts")); v != "" {
			n, err := strconv.Atoi(v)
			if err != nil || n < 0 {
				return nil, fmt.Errorf("session: invalid max_attempts %q: want a whole number", v)
			}
			cfg.RetryMaxAttempts = n
		}
	}

	cfg.UseFIPSEndpoint = isTrue(r.setting("AWS_USE_FIPS_ENDPOINT", "use_fips_endpoint"))
	cfg.UseDualStackEndpoint = isTrue(r.setting("AWS_USE_DUALSTACK_ENDPOINT", "use_dualstack_endpoint"))
	cfg.IgnoreConfiguredEndpointURLs = isTrue(r.setting("AWS_IGNORE_CONFIGURED_ENDPOINT_URLS", "ignore_configured_endpoint_urls"))

	req, err := r.checksum("AWS_REQUEST_CHECKSUM_CALCULATION", "request_checksum_calculation")
	if err != nil {
		return nil, err
	}
	cfg.RequestChecksumCalculation = goto3.RequestChecksumCalculation(req)
	resp, err := r.checksum("AWS_RESPONSE_CHECKSUM_VALIDATION", "response_checksum_validation")
	if err != nil {
		return nil, err
	}
	cfg.ResponseChecksumValidation = goto3.ResponseChecksumValidation(resp)

	switch v := r.setting("AWS_ACCOUNT_ID_ENDPOINT_MODE", "account_id_endpoint_mode"); v {
	case "", "preferred", "disabled", "required":
		cfg.AccountIDEndpointMode = v
	default:
		return nil, fmt.Errorf("session: invalid account_id_endpoint_mode %q: want preferred, disabled or required", v)
	}

	cfg.DisableRequestCompression = isTrue(r.setting("AWS_DISABLE_REQUEST_COMPRESSION", "disable_request_compression"))
	cfg.RequestMinCompressionSizeBytes = 10240
	if v := r.setting("AWS_REQUEST_MIN_COMPRESSION_SIZE_BYTES", "request_min_compression_size_bytes"); v != "" {
		n, err := strconv.ParseInt(v, 10, 64)
		// botocore 1.43 accepts 1 to 1048576 (args.py
		// _validate_min_compression_size).
		if err != nil || n < 1 || n > 1048576 {
			return nil, fmt.Errorf("session: invalid request_min_compression_size_bytes %q: want a whole number from 1 to 1048576", v)
		}
		cfg.RequestMinCompressionSizeBytes = n
	}

	// The sources services read their own settings from: the profile's
	// plain keys and nested sections, and the [services] section it names.
	cfg.Sources = goto3.Sources{LookupEnv: o.LookupEnv, Profile: map[string]string{}, Sections: map[string]map[string]string{}}
	for k, v := range scoped {
		if v.Sub != nil {
			cfg.Sources.Sections[k] = v.Sub
		} else {
			cfg.Sources.Profile[k] = v.Text
		}
	}
	if name, ok := scoped.Lookup("services"); ok && !cfg.IgnoreConfiguredEndpointURLs {
		svcs, ok := sh.Services[name]
		if !ok {
			return nil, fmt.Errorf("session: the profile %q uses the services section %q, which does not exist", profile, name)
		}
		cfg.Sources.Services = map[string]map[string]string{}
		for k, v := range svcs {
			if v.Sub != nil {
				cfg.Sources.Services[k] = v.Sub
			}
		}
	}

	// The HTTP transport's settings.
	cfg.MaxPoolConnections, cfg.MaxConnectionsPerHost, cfg.TCPKeepAlive = o.MaxPoolConnections, o.MaxConnectionsPerHost, o.TCPKeepAlive
	if cfg.TCPKeepAlive == 0 {
		// botocore's tcp_keepalive: BOTOCORE_TCP_KEEPALIVE, then the
		// profile. goto3 keeps alive by default; "false" turns it off.
		if v := r.setting("BOTOCORE_TCP_KEEPALIVE", "tcp_keepalive"); strings.EqualFold(v, "false") {
			cfg.TCPKeepAlive = -1
		}
	}
	// botocore's ca_bundle: the client's verify=, AWS_CA_BUNDLE, then the
	// profile's ca_bundle. Read and parsed once, here.
	if bundle := first(o.CABundle, r.env("AWS_CA_BUNDLE"), scoped.Get("ca_bundle")); bundle != "" {
		pool, err := transport.LoadCABundle(config.ExpandHome(bundle, o.HomeDir))
		if err != nil {
			return nil, fmt.Errorf("session: %w", err)
		}
		cfg.RootCAs = pool
	}
	httpClient := o.HTTPClient
	if httpClient == nil {
		// The credential providers (STS, SSO, the container endpoint)
		// use the session's transport, CA bundle included.
		httpClient, err = transport.Client(transport.Options{
			ConnectTimeout: cfg.ConnectTimeout, ReadTimeout: cfg.ReadTimeout,
			MaxPoolConnections: cfg.MaxPoolConnections, MaxConnectionsPerHost: cfg.MaxConnectionsPerHost,
			TCPKeepAlive: cfg.TCPKeepAlive, RootCAs: cfg.RootCAs,
		})
		if err != nil {
			return nil, fmt.Errorf("session: %w", err)
		}
	}
	r.http = httpClient
	// The providers' STS calls go through the generated STS client, over
	// this configuration (without credentials: those are being resolved).
	r.sts = stsCaller(cfg)

	var provider credentials.Provider
	switch {
	case o.AccessKeyID != "" || o.SecretAccessKey != "":
		if o.AccessKeyID == "" || o.SecretAccessKey == "" {
			return nil, errors.New("session: explicit credentials need both an access key id and a secret access key")
		}
		provider = credentials.Static{Value: credentials.Credentials{
			AccessKeyID: o.AccessKeyID, SecretAccessKey: o.SecretAccessKey, SessionToken: o.SessionToken, Source: "explicit",
		}}
	case o.Credentials != nil:
		provider = o.Credentials
	default:
		provider = credentials.NewDefaultChain(r.credOptions(cfg.Region))
	}
	s := &Session{cfg: cfg, profile: profile}
	if _, ok := provider.(credentials.Anonymous); ok {
		s.cfg.Credentials = provider
	} else {
		s.creds = credentials.NewCache(provider, func(co *credentials.CacheOptions) { co.Now = o.Now })
		s.cfg.Credentials = s.creds
	}
	return s, nil
}

// resolver reads the environment and the profile while New resolves.
type resolver struct {
	o      Options
	scoped config.Section
	http   *http.Client
	sts    credentials.STSCaller
}

func (r *resolver) credOptions(region string) credentials.Options {
	o := r.o
	return credentials.Options{
		Profile:      o.Profile,
		LookupEnv:    o.LookupEnv,
		HomeDir:      o.HomeDir,
		HTTPClient:   r.http,
		Now:          o.Now,
		Region:       region,
		MFATokenFunc: o.MFATokenFunc,
		STS:          r.sts,
	}
}

// env returns an environment variable; empty counts as unset.
func (r *resolver) env(k string) string {
	v, _ := r.o.LookupEnv(k)
	return v
}

// setting returns an environment variable, else the profile's key.
func (r *resolver) setting(envKey, profileKey string) string {
	return first(r.env(envKey), r.scoped.Get(profileKey))
}

func (r *resolver) checksum(envKey, profileKey string) (string, error) {
	v := strings.ToLower(first(r.setting(envKey, profileKey), "when_supported"))
	if v != "when_supported" && v != "when_required" {
		return "", fmt.Errorf("session: invalid %s %q: want when_supported or when_required", profileKey, v)
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

// Config returns the session's resolved configuration, for clients:
//
//	client, err := s3.New(sess.Config())
func (s *Session) Config() goto3.Config { return s.cfg }

// Region returns the resolved region, or "" when none is configured.
func (s *Session) Region() string { return s.cfg.Region }

// Profile returns the resolved profile name ("default" when none is chosen).
func (s *Session) Profile() string { return s.profile }

// Credentials returns the session's credentials: its refreshing cache, or
// credentials.Anonymous.
func (s *Session) Credentials() credentials.Provider { return s.cfg.Credentials }
