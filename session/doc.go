// Package session is boto3.Session for Go: New resolves the region,
// profile, credentials, endpoints, retry, checksum, compression and HTTP
// settings once, from options, the environment and the shared files
// (~/.aws/config, ~/.aws/credentials, or AWS_CONFIG_FILE /
// AWS_SHARED_CREDENTIALS_FILE), into one goto3.Config that every client
// takes:
//
//	sess, err := session.New(session.WithProfile("dev"))
//	client, err := s3.New(sess.Config())
//
// With no options New resolves everything from the environment, as a boto3
// user expects. boto3's module-level setup_default_session() and client()
// map to a session made with no options; there is no package-level default
// session.
//
// The settings resolve in this order (the first that is set wins):
//
//   - profile: Options.Profile, AWS_DEFAULT_PROFILE, AWS_PROFILE, "default"
//     (botocore checks AWS_DEFAULT_PROFILE first; a chosen profile must
//     exist, else *credentials.ProfileNotFoundError);
//   - region: Options.Region, AWS_REGION, AWS_DEFAULT_REGION, the profile's
//     region (from the config file, or the credentials file, which botocore
//     also reads). Go SDKs read AWS_REGION first; botocore reads only
//     AWS_DEFAULT_REGION, so set AWS_REGION when sharing an environment with
//     Go programs;
//   - endpoint URL: Options.EndpointURL, then per service as
//     goto3.Config.ServiceEndpointURL says;
//   - retry mode and max attempts: Options, AWS_RETRY_MODE /
//     AWS_MAX_ATTEMPTS, the profile's retry_mode / max_attempts;
//   - use_fips_endpoint, use_dualstack_endpoint, ignore_configured_endpoint_urls,
//     request_checksum_calculation, response_checksum_validation,
//     disable_request_compression, request_min_compression_size_bytes
//     (default 10240; botocore accepts 1 to 1048576): the AWS_*
//     environment variable, then the profile key;
//   - the HTTP settings (boto3's Config connect_timeout, read_timeout,
//     max_pool_connections, tcp_keepalive) from Options, tcp_keepalive also
//     from BOTOCORE_TCP_KEEPALIVE and the profile; the CA bundle from
//     Options.CABundle, AWS_CA_BUNDLE, then the profile's ca_bundle, read
//     and parsed once by New (an unreadable or empty bundle is an error
//     naming the file). The session's clients and its credential providers
//     share one transport built with them (package transport), unless
//     Options.HTTPClient is given, which is used as it is.
//
// A service's own settings (S3's nested "s3 =" block and its
// AWS_S3_* variables, for example) are read by that service's package
// from the Config's Sources, when the client is made.
//
// TestPrecedenceMatchesBotocore replays every source alone and every pair
// of sources against what botocore resolves
// (testdata/session/gen_precedence.py writes the table). The deliberate
// differences are AWS_REGION and the default retry mode ("standard" here,
// "legacy" in botocore).
//
// Credentials come from Options (explicit keys or a credentials.Provider)
// or botocore's default chain (see package credentials), wrapped in one
// refreshing credentials.Cache per session. Clients made from the same
// session share it.
//
// # Contracts
//
// A Session is immutable after New and safe for concurrent use. The zero
// Session is not usable; make one with New. New reads the environment
// through Options.LookupEnv and the home directory through Options.HomeDir,
// so tests can run without touching the real ones. Nothing here sends a
// request or reads a response body; credential providers that do close
// their bodies themselves.
package session
