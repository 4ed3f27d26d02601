package credentials

import (
	"context"
	"crypto/sha1"
	"encoding/hex"
	"encoding/json"
	"net/http"
	"net/url"
	"path/filepath"
	"strings"
	"time"
)

// SSO is a Provider exchanging the cached IAM Identity Center (SSO) access
// token that `aws sso login` wrote for role credentials, through the
// portal's GetRoleCredentials call (botocore SSOProvider):
//
//	GET https://portal.sso.<region>.amazonaws.com/federation/credentials?role_name=..&account_id=..
//	x-amz-sso_bearer_token: <accessToken>
//
// The token is read from ~/.aws/sso/cache/<sha1 hex>.json, where the hash
// is of SessionName for sso_session profiles and of StartURL for the legacy
// form. An expired or missing token is an error that says to run
// `aws sso login`; this provider does not refresh tokens itself.
type SSO struct {
	Options Options

	// SessionName is the sso_session the profile names ("" for legacy
	// profiles that carry sso_start_url themselves).
	SessionName string
	StartURL    string
	Region      string // sso_region
	AccountID   string // sso_account_id
	RoleName    string // sso_role_name
	// Profile is used in error messages only.
	Profile string
}

// SSOCacheFile returns the token cache path for a session name or, for a
// legacy profile, its start URL.
func SSOCacheFile(homeDir, sessionNameOrStartURL string) string {
	sum := sha1.Sum([]byte(sessionNameOrStartURL))
	return filepath.Join(homeDir, ".aws", "sso", "cache", hex.EncodeToString(sum[:])+".json")
}

// Retrieve reads the token and calls GetRoleCredentials.
func (s SSO) Retrieve(ctx context.Context) (Credentials, error) {
	const name = "sso"
	o := s.Options
	key := s.SessionName
	if key == "" {
		key = s.StartURL
	}
	login := "aws sso login --profile " + s.Profile
	if s.SessionName != "" {
		login = "aws sso login --sso-session " + s.SessionName
	}
	path := SSOCacheFile(o.home(), key)
	b, err := o.readFile(path)
	if err != nil {
		return Credentials{}, retrieveErrf(name, "no cached SSO token at %s for profile %q; run `%s` (%v)", path, s.Profile, login, err)
	}
	var tok struct {
		AccessToken string `json:"accessToken"`
		ExpiresAt   string `json:"expiresAt"`
	}
	if err := json.Unmarshal(b, &tok); err != nil || tok.AccessToken == "" || tok.ExpiresAt == "" {
		return Credentials{}, retrieveErrf(name, "the cached SSO token at %s is unreadable; run `%s`", path, login)
	}
	exp, err := parseTime(tok.ExpiresAt)
	if err != nil {
		return Credentials{}, retrieveErrf(name, "the cached SSO token at %s has a bad expiresAt; run `%s`", path, login)
	}
	if !o.now().Before(exp) {
		return Credentials{}, retrieveErrf(name, "the SSO session for profile %q expired at %s; run `%s` to refresh it", s.Profile, exp.Format(time.RFC3339), login)
	}
	base := o.SSOEndpoint
	if base == "" {
		base = "https://portal.sso." + s.Region + ".amazonaws.com"
	}
	q := url.Values{"role_name": {s.RoleName}, "account_id": {s.AccountID}}
	u := strings.TrimSuffix(base, "/") + "/federation/credentials?" + q.Encode()
	status, body, err := doRequest(ctx, o.client(), http.MethodGet, u,
		http.Header{"X-Amz-Sso_bearer_token": {tok.AccessToken}, "Accept": {"application/json"}}, "", 0)
	if err != nil {
		return Credentials{}, retrieveErrf(name, "GetRoleCredentials: %v", err)
	}
	if status != http.StatusOK {
		var e struct {
			Message string `json:"message"`
			Type    string `json:"__type"`
		}
		_ = json.Unmarshal(body, &e)
		if status == http.StatusUnauthorized || status == http.StatusForbidden {
			return Credentials{}, retrieveErrf(name, "GetRoleCredentials: HTTP %d %s %s; the SSO session may have expired: run `%s`", status, e.Type, e.Message, login)
		}
		return Credentials{}, retrieveErrf(name, "GetRoleCredentials: HTTP %d %s %s", status, e.Type, e.Message)
	}
	var out struct {
		RoleCredentials struct {
			AccessKeyID     string `json:"accessKeyId"`
			SecretAccessKey string `json:"secretAccessKey"`
			SessionToken    string `json:"sessionToken"`
			Expiration      int64  `json:"expiration"` // milliseconds since the epoch
		} `json:"roleCredentials"`
	}
	if err := json.Unmarshal(body, &out); err != nil || out.RoleCredentials.AccessKeyID == "" || out.RoleCredentials.SecretAccessKey == "" {
		return Credentials{}, retrieveErrf(name, "GetRoleCredentials returned an unexpected document")
	}
	rc := out.RoleCredentials
	return Credentials{
		AccessKeyID:     rc.AccessKeyID,
		SecretAccessKey: rc.SecretAccessKey,
		SessionToken:    rc.SessionToken,
		Expires:         time.UnixMilli(rc.Expiration).UTC(),
		Source:          name,
		AccountID:       s.AccountID,
	}, nil
}
