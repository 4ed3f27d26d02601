package goto3

import (
	"crypto/x509"
	"log/slog"
	"net/http"
	"strings"
	"time"

	"github.com/goto3/goto3/credentials"
	"github.com/goto3/goto3/retry"
)

// Config is a resolved configuration: what boto3's Session and Config
// settle before a client is made. A session (package session) resolves its
// options, the environment and the shared files into one Config, once;
// every generated client's New takes a Config and maps it into its own
// Options, once. A Config can also be written by hand, with only the
// fields that matter (Region and Credentials at least):
//
//	client, err := s3.New(goto3.Config{Region: "eu-west-1", Credentials: creds})
//
// The zero value of every field is the documented default. A Config is a
// plain value; copies share its Credentials (a refreshing cache, safe for
// concurrent use), HTTPClient, RootCAs, Logger and the maps of Sources,
// which must not be changed once the Config is in use.
type Config struct {
	// Region is the AWS region, such as "us-east-1" (boto3 region_name).
	Region string
	// Credentials sign the requests; a session gives its refreshing
	// *credentials.Cache. credentials.Anonymous sends unsigned requests.
	Credentials credentials.Provider

	// EndpointURL replaces the endpoint of every service (boto3's
	// endpoint_url); see ServiceEndpointURL for the configured ones.
	EndpointURL string
	// IgnoreConfiguredEndpointURLs ignores the endpoint URLs of the
	// environment and the profile (AWS_IGNORE_CONFIGURED_ENDPOINT_URLS).
	IgnoreConfiguredEndpointURLs bool

	// RetryMode is retry.Standard (the default) or retry.Adaptive;
	// RetryMaxAttempts is the number of attempts, the first included (0:
	// the mode's default, 3).
	RetryMode        retry.Mode
	RetryMaxAttempts int

	// UseFIPSEndpoint and UseDualStackEndpoint select FIPS and dual-stack
	// endpoints.
	UseFIPSEndpoint      bool
	UseDualStackEndpoint bool

	// RequestChecksumCalculation and ResponseChecksumValidation are
	// botocore's request_checksum_calculation and
	// response_checksum_validation ("" means when_supported).
	RequestChecksumCalculation RequestChecksumCalculation
	ResponseChecksumValidation ResponseChecksumValidation

	// DisableRequestCompression and RequestMinCompressionSizeBytes are
	// botocore's disable_request_compression and
	// request_min_compression_size_bytes (0: 10240; valid 1 to 1048576).
	DisableRequestCompression      bool
	RequestMinCompressionSizeBytes int64

	// HTTPClient sends the requests, as it is. When nil, clients share
	// the SDK's transport (package transport) with the settings below.
	HTTPClient *http.Client
	// ConnectTimeout and ReadTimeout are boto3's connect_timeout and
	// read_timeout (0: 60 s; negative: none); MaxPoolConnections its
	// max_pool_connections (0: 10); MaxConnectionsPerHost caps open
	// connections per host (0: no cap); TCPKeepAlive is the keep-alive
	// probe interval (0: 15 s; negative: off); RootCAs replaces the
	// system's certificate roots (a session's CA bundle).
	ConnectTimeout        time.Duration
	ReadTimeout           time.Duration
	MaxPoolConnections    int
	MaxConnectionsPerHost int
	TCPKeepAlive          time.Duration
	RootCAs               *x509.CertPool

	// AccountIDEndpointMode is botocore's account_id_endpoint_mode for
	// services with account-based endpoints (DynamoDB): "preferred" (the
	// default when empty: use the credentials' account id when they carry
	// one), "disabled" or "required".
	AccountIDEndpointMode string

	// Logger receives a debug line per attempt and per retry decision
	// (see NewStreamLogger); nil logs nothing.
	Logger *slog.Logger

	// Stubber, when set, answers every call of the clients made from the
	// Config in place of the service (unit tests: see package stubber).
	Stubber Stubber

	// Sources are where a service finds the settings it has beyond these
	// (S3's addressing style, say); a session fills them.
	Sources Sources
}

// Sources are the environment and the profile a session resolved a Config
// from, for the settings a service reads itself (a service's nested
// section of the profile, such as "s3 =", and its own environment
// variables). They are empty in a Config written by hand, and services
// then use their defaults.
type Sources struct {
	// LookupEnv reads the environment; nil reads nothing.
	LookupEnv func(key string) (string, bool)
	// Profile holds the plain keys of the profile, lower case.
	Profile map[string]string
	// Sections holds the profile's nested sections ("s3 =" followed by
	// indented keys), by name.
	Sections map[string]map[string]string
	// Services holds the [services name] section the profile names with
	// "services = name", by service key (the service ID in lower case,
	// spaces and hyphens as underscores, such as "s3" or
	// "elastic_load_balancing_v2").
	Services map[string]map[string]string
}

// Env returns the environment variable key; empty counts as unset.
func (s Sources) Env(key string) string {
	if s.LookupEnv == nil {
		return ""
	}
	v, _ := s.LookupEnv(key)
	return v
}

// Setting returns the environment variable envKey, else the profile's
// profileKey, else "" (botocore's order for most settings).
func (s Sources) Setting(envKey, profileKey string) string {
	if v := s.Env(envKey); v != "" {
		return v
	}
	return s.Profile[profileKey]
}

// Section returns key of the profile's nested section name.
func (s Sources) Section(name, key string) (string, bool) {
	v, ok := s.Sections[name][key]
	return v, ok
}

// ServiceKey returns the form of a service ID used by AWS_ENDPOINT_URL_<ID>
// (upper-cased) and the [services] section (as returned): lower case,
// spaces and hyphens as underscores.
func ServiceKey(serviceID string) string {
	return strings.ToLower(strings.NewReplacer(" ", "_", "-", "_").Replace(serviceID))
}

// ServiceEndpointURL returns the endpoint URL for the service whose model
// ID is serviceID (such as "S3" or "Elastic Load Balancing v2"), or "" to
// use the endpoint the rules resolve. In order:
//
//  1. EndpointURL;
//  2. AWS_ENDPOINT_URL_<ID> (the service key upper-cased, e.g.
//     AWS_ENDPOINT_URL_S3);
//  3. AWS_ENDPOINT_URL;
//  4. endpoint_url in the service's block of the [services] section the
//     profile names;
//  5. the profile's endpoint_url.
//
// Steps 2-5 are skipped when IgnoreConfiguredEndpointURLs is set.
func (c Config) ServiceEndpointURL(serviceID string) string {
	if c.EndpointURL != "" {
		return c.EndpointURL
	}
	if c.IgnoreConfiguredEndpointURLs {
		return ""
	}
	key := ServiceKey(serviceID)
	if v := c.Sources.Env("AWS_ENDPOINT_URL_" + strings.ToUpper(key)); v != "" {
		return v
	}
	if v := c.Sources.Env("AWS_ENDPOINT_URL"); v != "" {
		return v
	}
	if v := c.Sources.Services[key]["endpoint_url"]; v != "" {
		return v
	}
	return c.Sources.Profile["endpoint_url"]
}

// RequestChecksumCalculation is botocore's request_checksum_calculation.
type RequestChecksumCalculation string

// The request checksum settings: a checksum on every operation that
// supports one (the default), or only where the operation requires one.
const (
	RequestChecksumWhenSupported RequestChecksumCalculation = "when_supported"
	RequestChecksumWhenRequired  RequestChecksumCalculation = "when_required"
)

// ResponseChecksumValidation is botocore's response_checksum_validation.
type ResponseChecksumValidation string

// The response checksum settings: validate every response that carries a
// checksum the operation models (the default), or only when the request
// asked for one.
const (
	ResponseChecksumWhenSupported ResponseChecksumValidation = "when_supported"
	ResponseChecksumWhenRequired  ResponseChecksumValidation = "when_required"
)

// Ptr returns a pointer to a copy of v: every optional scalar member of an
// input is a pointer (unset and zero differ on the wire).
//
//	in := &s3.ListObjectsV2Input{Bucket: "b", MaxKeys: goto3.Ptr(int32(100))}
func Ptr[T any](v T) *T { return &v }
