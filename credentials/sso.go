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
// form. For sso_session profiles the token comes from an SSOTokenProvider,
// which refreshes it through SSO-OIDC when it is within 15 minutes of
// expiry and the cache holds a refresh token (botocore SSOTokenProvider);
// legacy profiles are never refreshed, as in botocore. An expired token
// that cannot be refreshed, or a missing one, is an error that says to run
// `aws sso login`.
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

	// Tokens supplies the token of an sso_session profile. Share one
	// between the SSO values of a session so that refreshes are
	// serialized and throttled across them; nil means a new provider per
	// Retrieve, built from Options, SessionName, StartURL and Region.
	Tokens *SSOTokenProvider
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
	var accessToken string
	if s.SessionName != "" {
		tp := s.Tokens
		if tp == nil {
			tp = &SSOTokenProvider{Options: o, SessionName: s.SessionName, StartURL: s.StartURL, Region: s.Region}
		}
		t, err := tp.Token(ctx)
		if err != nil {
			return Credentials{}, retrieveErrf(name, "profile %q: %w", s.Profile, err)
		}
		accessToken = t.AccessToken
	} else {
		// Legacy profiles are not refreshed (botocore neither): the token
		// is used until it expires.
		tok, exp, err := readSSOCache(o, SSOCacheFile(o.home(), key), login)
		if err != nil {
			return Credentials{}, retrieveErrf(name, "profile %q: %w", s.Profile, err)
		}
		if !o.now().Before(exp) {
			return Credentials{}, retrieveErrf(name, "the SSO session for profile %q expired at %s; run `%s` to refresh it", s.Profile, exp.Format(time.RFC3339), login)
		}
		accessToken = tok.AccessToken
	}
	base := o.SSOEndpoint
	if base == "" {
		base = "https://portal.sso." + s.Region + ".amazonaws.com"
	}
	q := url.Values{"role_name": {s.RoleName}, "account_id": {s.AccountID}}
	u := strings.TrimSuffix(base, "/") + "/federation/credentials?" + q.Encode()
	status, body, err := doRequest(ctx, o.client(), http.MethodGet, u,
		http.Header{"X-Amz-Sso_bearer_token": {accessToken}, "Accept": {"application/json"}}, "", 0)
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
