// Package credentials finds AWS credentials where boto3 finds them and keeps
// them fresh: static keys, the environment, the shared config and
// credentials files, credential_process, the ECS/EKS container endpoint,
// EC2 instance metadata (IMDSv2), IAM Identity Center (SSO), and STS
// AssumeRole / AssumeRoleWithWebIdentity, composed into botocore's default
// chain and wrapped in a refreshing Cache.
//
// # Providers
//
// Everything is a Provider: one method, Retrieve(ctx). A provider whose
// source is not configured returns an error matching ErrNotFound so that a
// Chain moves on; a configured provider that fails (a process exiting
// non-zero, STS refusing, a malformed file) stops the chain with a
// *RetrieveError naming the provider, as botocore does. NewDefaultChain
// builds botocore's order (env, assume role, web identity, SSO, shared
// credentials file, credential_process, config file, container, IMDS);
// with an explicit Options.Profile the environment's keys are skipped, as
// in botocore. When nothing is configured the *NoCredentialsError lists
// each provider and why it was skipped.
//
// The shared files are parsed by internal/config (botocore's configparser
// rules; see that package). source_profile chains are followed; a cycle is
// an error naming the profiles, never a hang. A profile may name itself as
// source_profile when it also holds static keys, as botocore allows.
//
// STS is called through a small hand-written Query-protocol client (form
// POST, Version=2011-06-15, XML response, *STSError for error documents),
// signed with package sigv4; AssumeRoleWithWebIdentity is sent unsigned, as
// botocore sends it. The endpoint is regional (https://sts.<region>.amazonaws.com,
// botocore's default) or the global https://sts.amazonaws.com without a region.
//
// # SSO
//
// An sso_session profile's token comes from an SSOTokenProvider, which
// refreshes it as botocore's SSOTokenProvider does: with less than 15
// minutes left, and when ~/.aws/sso/cache/<sha1 of the session name>.json
// holds refreshToken, clientId, clientSecret and an unexpired
// registrationExpiresAt, it calls SSO-OIDC CreateToken (grant type
// refresh_token, POST https://oidc.<sso_region>.amazonaws.com/token, or
// Options.SSOOIDCEndpoint) and writes the new token back to the cache
// (temporary file renamed over it, mode 0600, botocore's fields with
// expiresAt in RFC 3339 UTC). At most one refresh runs at a time and at
// most one is attempted a minute per provider (botocore's attempt
// timeout); the default chain shares one provider per session. A failed
// refresh keeps a token that is still valid; with an expired token the
// error names the SSO-OIDC error code and says to run `aws sso login`.
// Legacy profiles (sso_start_url without sso_session) are never refreshed,
// as in botocore.
//
// credential_process commands are split with POSIX shell quoting and run
// directly, never through a shell, as the AWS CLI runs them.
//
// # Cache
//
// Cache refreshes credentials ahead of expiry with botocore's windows: with
// less than 15 minutes left a refresh is attempted and a failure keeps the
// old credentials; with less than 10 minutes left the refresh must
// succeed. At most one refresh is in flight (x/sync/singleflight) however
// many goroutines ask; the others wait for it. The clock is
// CacheOptions.Now.
//
// # Contracts
//
// Every provider here is safe for concurrent use; Static, Env, Process,
// Container, IMDS, SSO, AssumeRole and WebIdentity are plain values whose
// zero Options read the process environment and home directory.
// SSOTokenProvider is used by pointer, set up before its first call. Chain and
// Cache must be made before use (NewDefault, NewDefaultChain, NewCache) and
// are then safe for concurrent use. Response bodies are read and closed
// here; callers never see one. Nothing reads the clock except through
// Options.Now / CacheOptions.Now (defaulting to time.Now).
//
// Secrets never appear in errors or in Credentials' or SSOToken's String /
// Format output (SSO-OIDC error descriptions are scrubbed of the cached
// tokens and client secret):
// a malformed credential_process output or STS response is described, not
// quoted.
package credentials
