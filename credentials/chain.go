package credentials

import (
	"context"
	"errors"
	"strings"
	"sync"
)

// Chain is a Provider trying Providers in order. A provider whose error
// matches ErrNotFound is skipped; the first success wins and is remembered,
// so later calls (refreshes) go straight to it; any other error stops the
// search. When every provider is skipped the error lists what was tried.
//
// Set Providers before first use; a Chain is then safe for concurrent use.
type Chain struct {
	Providers []Provider

	mu     sync.Mutex
	winner Provider
}

// NoCredentialsError is returned when no provider of a chain is configured.
// Tried holds the reason each provider gave.
type NoCredentialsError struct {
	Tried []string
}

func (e *NoCredentialsError) Error() string {
	return "credentials: no credentials found; tried:\n\t" + strings.Join(e.Tried, "\n\t")
}

// Is makes a NoCredentialsError match ErrNotFound.
func (e *NoCredentialsError) Is(target error) bool { return target == ErrNotFound }

func isNotFound(err error) bool { return errors.Is(err, ErrNotFound) }

// Retrieve returns the credentials of the first configured provider.
func (c *Chain) Retrieve(ctx context.Context) (Credentials, error) {
	c.mu.Lock()
	w := c.winner
	c.mu.Unlock()
	if w != nil {
		return w.Retrieve(ctx)
	}
	var tried []string
	for _, p := range c.Providers {
		creds, err := p.Retrieve(ctx)
		if err == nil {
			c.mu.Lock()
			c.winner = p
			c.mu.Unlock()
			return creds, nil
		}
		if !isNotFound(err) {
			return Credentials{}, err
		}
		var nc *NoCredentialsError
		if errors.As(err, &nc) {
			tried = append(tried, nc.Tried...)
		} else {
			tried = append(tried, strings.TrimPrefix(err.Error(), "credentials: "))
		}
	}
	return Credentials{}, &NoCredentialsError{Tried: tried}
}

// NewDefaultChain returns botocore's default chain for o, uncached:
//
//  1. the environment (Env), skipped when o.Profile is set explicitly;
//  2. assume role: role_arn with source_profile or credential_source;
//  3. web identity: AWS_WEB_IDENTITY_TOKEN_FILE + AWS_ROLE_ARN (not with an
//     explicit profile), or the profile's web_identity_token_file;
//  4. SSO: sso_session or legacy sso_start_url profiles;
//  5. the shared credentials file's keys for the profile;
//  6. credential_process;
//  7. the config file's keys for the profile;
//  8. the container endpoint (Container);
//  9. EC2 instance metadata (IMDS).
func NewDefaultChain(o Options) *Chain {
	r := newResolver(o)
	explicit := o.Profile != ""
	r.mustExist = o.Profile
	profile := o.ProfileName()
	c := &Chain{}
	if !explicit {
		c.Providers = append(c.Providers, Env{LookupEnv: o.LookupEnv})
	}
	for _, s := range []profileStep{stepAssumeRole, stepWebIdentity, stepSSO, stepSharedFile, stepProcess, stepConfigFile} {
		c.Providers = append(c.Providers, stepProvider{r: r, step: s, profile: profile, disableEnv: explicit})
	}
	c.Providers = append(c.Providers, Container{Options: o}, IMDS{Options: o})
	return c
}

// NewDefault returns the default chain wrapped in a Cache that uses o.Now.
// This is what a goto3 Session uses.
func NewDefault(o Options) *Cache {
	return NewCache(NewDefaultChain(o), func(co *CacheOptions) { co.Now = o.Now })
}
