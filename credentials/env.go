package credentials

import (
	"context"
	"os"
)

// LookupEnvFunc looks up an environment variable, as os.LookupEnv does.
type LookupEnvFunc func(key string) (string, bool)

func envOrOS(f LookupEnvFunc) LookupEnvFunc {
	if f == nil {
		return os.LookupEnv
	}
	return f
}

// getenv returns the value of key, treating an empty value as unset.
func getenv(f LookupEnvFunc, key string) string {
	v, _ := envOrOS(f)(key)
	return v
}

// Env is a Provider reading AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY and
// AWS_SESSION_TOKEN (botocore EnvProvider), with AWS_ACCESS_KEY and
// AWS_SECRET_KEY as fallbacks (the legacy names other AWS SDKs accept) and
// AWS_SECURITY_TOKEN as botocore's legacy token name. An access key without
// a secret is an error, not a fall-through. AWS_CREDENTIAL_EXPIRATION (RFC 3339), when set, becomes the
// expiry. The zero value reads the process environment.
type Env struct {
	LookupEnv LookupEnvFunc
}

// Retrieve reads the environment.
func (e Env) Retrieve(context.Context) (Credentials, error) {
	first := func(keys ...string) string {
		for _, k := range keys {
			if v := getenv(e.LookupEnv, k); v != "" {
				return v
			}
		}
		return ""
	}
	id := first("AWS_ACCESS_KEY_ID", "AWS_ACCESS_KEY")
	if id == "" {
		return Credentials{}, notFound("env", "AWS_ACCESS_KEY_ID is not set")
	}
	secret := first("AWS_SECRET_ACCESS_KEY", "AWS_SECRET_KEY")
	if secret == "" {
		return Credentials{}, retrieveErrf("env", "AWS_ACCESS_KEY_ID is set but AWS_SECRET_ACCESS_KEY is not")
	}
	c := Credentials{
		AccessKeyID:     id,
		SecretAccessKey: secret,
		SessionToken:    first("AWS_SESSION_TOKEN", "AWS_SECURITY_TOKEN"),
		Source:          "env",
		AccountID:       first("AWS_ACCOUNT_ID"),
	}
	if exp := first("AWS_CREDENTIAL_EXPIRATION"); exp != "" {
		t, err := parseTime(exp)
		if err != nil {
			return Credentials{}, retrieveErrf("env", "AWS_CREDENTIAL_EXPIRATION: %v", err)
		}
		c.Expires = t
	}
	return c, nil
}
