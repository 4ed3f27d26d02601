package credentials

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/goto3/goto3/sigv4"
)

// Credentials are an AWS access key pair, the session token of temporary
// credentials and what is known about them.
//
// String, GoString and Format never print SecretAccessKey or SessionToken,
// so a Credentials value is safe to log with any fmt verb.
type Credentials struct {
	AccessKeyID     string
	SecretAccessKey string
	SessionToken    string

	// Expires is when temporary credentials stop working; zero means never.
	Expires time.Time
	// Source names the provider that produced the credentials, using
	// botocore's method names: "static", "env", "shared-credentials-file",
	// "config-file", "custom-process", "container-role", "iam-role", "sso",
	// "assume-role", "assume-role-with-web-identity".
	Source string
	// AccountID is the AWS account id when the provider reports it.
	AccountID string
}

// HasKeys reports whether both the access key id and the secret are set.
func (c Credentials) HasKeys() bool {
	return c.AccessKeyID != "" && c.SecretAccessKey != ""
}

// SigV4 returns the keys in the form package sigv4 signs with.
func (c Credentials) SigV4() sigv4.Credentials {
	return sigv4.Credentials{AccessKeyID: c.AccessKeyID, SecretAccessKey: c.SecretAccessKey, SessionToken: c.SessionToken, Expires: c.Expires}
}

// CanExpire reports whether the credentials have an expiry time.
func (c Credentials) CanExpire() bool { return !c.Expires.IsZero() }

// Expired reports whether the credentials have expired at now.
func (c Credentials) Expired(now time.Time) bool {
	return c.CanExpire() && !now.Before(c.Expires)
}

// String describes the credentials without their secret or token.
func (c Credentials) String() string {
	secret, token := "<empty>", "<empty>"
	if c.SecretAccessKey != "" {
		secret = "<redacted>"
	}
	if c.SessionToken != "" {
		token = "<redacted>"
	}
	exp := "never"
	if c.CanExpire() {
		exp = c.Expires.UTC().Format(time.RFC3339)
	}
	s := fmt.Sprintf("credentials.Credentials{AccessKeyID: %q, SecretAccessKey: %s, SessionToken: %s, Expires: %s, Source: %q",
		c.AccessKeyID, secret, token, exp, c.Source)
	if c.AccountID != "" {
		s += fmt.Sprintf(", AccountID: %q", c.AccountID)
	}
	return s + "}"
}

// GoString is String, so %#v cannot reveal the secrets either.
func (c Credentials) GoString() string { return c.String() }

// Format implements fmt.Formatter: every verb prints the redacted form.
func (c Credentials) Format(f fmt.State, verb rune) {
	if verb == 'q' {
		fmt.Fprintf(f, "%q", c.String())
		return
	}
	_, _ = f.Write([]byte(c.String()))
}

// Provider retrieves credentials. Implementations are safe for concurrent
// use. A provider whose source is absent (no environment variables, no such
// profile key, no container endpoint configured, ...) returns an error
// matching ErrNotFound, which lets a Chain move on to the next provider; any
// other error stops the chain, as in botocore.
type Provider interface {
	Retrieve(ctx context.Context) (Credentials, error)
}

// ProviderFunc adapts a function to Provider.
type ProviderFunc func(ctx context.Context) (Credentials, error)

// Retrieve calls f.
func (f ProviderFunc) Retrieve(ctx context.Context) (Credentials, error) { return f(ctx) }

// ErrNotFound is matched (errors.Is) by the error of a provider whose source
// of credentials is not configured.
var ErrNotFound = errors.New("credentials: not found")

// notFound returns an error matching ErrNotFound that says why.
func notFound(provider, why string) error {
	return &notFoundError{provider: provider, why: why}
}

type notFoundError struct{ provider, why string }

func (e *notFoundError) Error() string {
	return "credentials: " + e.provider + ": " + e.why
}

func (e *notFoundError) Is(target error) bool { return target == ErrNotFound }

// RetrieveError is a failure of a configured provider: its Provider names
// which one (botocore's CredentialRetrievalError).
type RetrieveError struct {
	Provider string
	Err      error
}

func (e *RetrieveError) Error() string {
	return "credentials: " + e.Provider + ": " + e.Err.Error()
}

func (e *RetrieveError) Unwrap() error { return e.Err }

func retrieveErr(provider string, err error) error {
	return &RetrieveError{Provider: provider, Err: err}
}

func retrieveErrf(provider, format string, args ...any) error {
	return &RetrieveError{Provider: provider, Err: fmt.Errorf(format, args...)}
}

// Static is a Provider that returns fixed credentials.
type Static struct {
	Value Credentials
}

// NewStatic returns a Static provider for the given keys.
func NewStatic(accessKeyID, secretAccessKey, sessionToken string) Static {
	return Static{Value: Credentials{
		AccessKeyID:     accessKeyID,
		SecretAccessKey: secretAccessKey,
		SessionToken:    sessionToken,
		Source:          "static",
	}}
}

// Retrieve returns s.Value, or an error when its keys are incomplete.
func (s Static) Retrieve(context.Context) (Credentials, error) {
	if !s.Value.HasKeys() {
		return Credentials{}, retrieveErrf("static", "access key id and secret access key must both be set")
	}
	c := s.Value
	if c.Source == "" {
		c.Source = "static"
	}
	return c, nil
}

// Anonymous is the Provider of unsigned requests, boto3's
// Config(signature_version=UNSIGNED): a client given it sends every request
// without a signature or security token, for public S3 buckets and the few
// operations AWS serves anonymously. Its Retrieve returns empty credentials
// whose Source is "anonymous".
type Anonymous struct{}

// Retrieve returns empty credentials with Source "anonymous".
func (Anonymous) Retrieve(context.Context) (Credentials, error) {
	return Credentials{Source: "anonymous"}, nil
}
