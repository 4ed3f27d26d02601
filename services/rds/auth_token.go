package rds

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"

	"github.com/goto3/goto3/credentials"
	"github.com/goto3/goto3/sigv4"
)

// AuthTokenExpires is how long an IAM database authentication token stays
// valid (botocore's generate_db_auth_token: 900 seconds).
const AuthTokenExpires = 15 * time.Minute

// AuthTokenOptions configure BuildAuthToken.
type AuthTokenOptions struct {
	// Now is the signing clock; nil means time.Now.
	Now func() time.Time
}

// BuildAuthToken returns an IAM database authentication token: the
// password with which user connects, over TLS, to the RDS or Aurora
// database (or RDS Proxy) at endpoint ("host:port", the instance's
// Endpoint.Address and Endpoint.Port) in region, signed with creds. It is
// boto3's generate_db_auth_token, byte for byte: a SigV4 presigned GET of
// https://<endpoint>/?Action=connect&DBUser=<user> for the service rds-db,
// valid for AuthTokenExpires, without its "https://":
//
//	<endpoint>/?Action=connect&DBUser=<user>&X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Credential=...&X-Amz-Signature=...
//
// Nothing is sent. The token carries the credentials' session token, if
// any, and is a secret for its 15 minutes (a connection opened with it
// stays open after it expires).
func BuildAuthToken(ctx context.Context, endpoint, region, user string, creds credentials.Provider, optFns ...func(*AuthTokenOptions)) (string, error) {
	var o AuthTokenOptions
	for _, f := range optFns {
		f(&o)
	}
	switch {
	case endpoint == "" || strings.Contains(endpoint, "://") || strings.ContainsAny(endpoint, "/?#@ "):
		return "", fmt.Errorf("rds: auth token endpoint %q: want host:port, without a scheme or path", endpoint)
	case region == "":
		return "", errors.New("rds: auth token: no region")
	case user == "":
		return "", errors.New("rds: auth token: no database user")
	case creds == nil:
		return "", errors.New("rds: auth token: no credentials")
	}
	if _, ok := creds.(credentials.Anonymous); ok {
		return "", errors.New("rds: auth token: anonymous credentials cannot sign a token")
	}
	cr, err := creds.Retrieve(ctx)
	if err != nil {
		return "", fmt.Errorf("rds: auth token: retrieving credentials: %w", err)
	}
	now := time.Now
	if o.Now != nil {
		now = o.Now
	}
	return buildAuthToken(endpoint, region, user, sigv4.Credentials{AccessKeyID: cr.AccessKeyID, SecretAccessKey: cr.SecretAccessKey, SessionToken: cr.SessionToken}, now())
}

// GenerateDBAuthToken is boto3's generate_db_auth_token(DBHostname, Port,
// DBUsername, Region): BuildAuthToken for hostname:port with the client's
// credentials and clock, for region, or the client's Region when region is
// "".
func (c *Client) GenerateDBAuthToken(ctx context.Context, hostname string, port int, user, region string) (string, error) {
	if region == "" {
		region = c.options.Region
	}
	if hostname == "" || port <= 0 || port > 65535 {
		return "", fmt.Errorf("rds: auth token: invalid host %q or port %d", hostname, port)
	}
	cr, err := c.core.Credentials(ctx) // the client's cache
	if err != nil {
		return "", fmt.Errorf("rds: auth token: retrieving credentials: %w", err)
	}
	if cr.AccessKeyID == "" {
		return "", errors.New("rds: auth token: the client's credentials have no access key (anonymous?)")
	}
	endpoint := hostname + ":" + strconv.Itoa(port)
	if strings.Contains(hostname, ":") && !strings.HasPrefix(hostname, "[") {
		endpoint = "[" + hostname + "]:" + strconv.Itoa(port) // an IPv6 address
	}
	return BuildAuthToken(ctx, endpoint, region, user, credentials.NewStatic(cr.AccessKeyID, cr.SecretAccessKey, cr.SessionToken), func(o *AuthTokenOptions) { o.Now = c.core.Now })
}

func buildAuthToken(endpoint, region, user string, creds sigv4.Credentials, now time.Time) (string, error) {
	const scheme = "https://"
	req := &http.Request{
		Method: http.MethodGet,
		URL:    &url.URL{Scheme: "https", Host: endpoint, Path: "/", RawQuery: "Action=connect&DBUser=" + uriEncode(user)},
		Host:   endpoint,
		Header: http.Header{},
	}
	// The signed Host header leaves out https' default port, as botocore's
	// (the token keeps it).
	if h, ok := strings.CutSuffix(endpoint, ":443"); ok {
		req.Host = h
	}
	signed, _, err := sigv4.NewSigner().PresignHTTP(req, creds, sigv4.Params{Service: "rds-db", Region: region, Time: now}, AuthTokenExpires)
	if err != nil {
		return "", fmt.Errorf("rds: auth token: %w", err)
	}
	return strings.TrimPrefix(signed, scheme), nil
}

// uriEncode percent-encodes every byte of s but RFC 3986's unreserved
// characters, as botocore's percent_encode.
func uriEncode(s string) string {
	const hex = "0123456789ABCDEF"
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		c := s[i]
		if 'A' <= c && c <= 'Z' || 'a' <= c && c <= 'z' || '0' <= c && c <= '9' || c == '-' || c == '_' || c == '.' || c == '~' {
			b.WriteByte(c)
			continue
		}
		b.WriteByte('%')
		b.WriteByte(hex[c>>4])
		b.WriteByte(hex[c&15])
	}
	return b.String()
}
