package sigv4

import (
	"fmt"
	"time"
)

// Credentials are the AWS access key pair, plus the session token of temporary
// credentials, used to sign a request.
//
// The String, GoString and Format methods never print the secret access key or
// the session token, so a Credentials value is safe to log with any fmt verb.
type Credentials struct {
	AccessKeyID     string
	SecretAccessKey string
	SessionToken    string

	// Expires is when temporary credentials stop working; zero means they do
	// not expire. The signer does not look at it: credential providers do.
	Expires time.Time
}

// HasKeys reports whether both the access key id and the secret are set.
func (c Credentials) HasKeys() bool {
	return c.AccessKeyID != "" && c.SecretAccessKey != ""
}

// String describes the credentials without their secrets.
func (c Credentials) String() string {
	secret := "<empty>"
	if c.SecretAccessKey != "" {
		secret = "<redacted>"
	}
	token := "<empty>"
	if c.SessionToken != "" {
		token = "<redacted>"
	}
	return fmt.Sprintf("sigv4.Credentials{AccessKeyID: %q, SecretAccessKey: %s, SessionToken: %s}", c.AccessKeyID, secret, token)
}

// GoString is String, so %#v cannot reveal the secrets either.
func (c Credentials) GoString() string { return c.String() }

// Format implements fmt.Formatter so that every verb (%v, %+v, %#v, %s, %q, %x, ...)
// prints the redacted form.
func (c Credentials) Format(f fmt.State, verb rune) {
	s := c.String()
	switch verb {
	case 'q':
		fmt.Fprintf(f, "%q", s)
	default:
		_, _ = f.Write([]byte(s))
	}
}
