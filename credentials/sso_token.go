package credentials

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"time"
)

// Refresh timing of botocore's SSOTokenProvider and DeferredRefreshableToken
// (botocore/tokens.py): a cached sso-session token with less than 15 minutes
// left is refreshed, and a provider attempts at most one refresh a minute.
const (
	ssoTokenRefreshWindow  = 15 * time.Minute
	ssoTokenAttemptTimeout = time.Minute
)

// SSOToken is an IAM Identity Center access token. Its String and Format
// output never show the token.
type SSOToken struct {
	AccessToken string
	Expires     time.Time
}

// String describes the token without revealing it.
func (t SSOToken) String() string {
	tok := "<empty>"
	if t.AccessToken != "" {
		tok = "<redacted>"
	}
	return fmt.Sprintf("credentials.SSOToken{AccessToken: %s, Expires: %s}", tok, t.Expires.UTC().Format(time.RFC3339))
}

// Format makes every fmt verb print String.
func (t SSOToken) Format(f fmt.State, verb rune) {
	if verb == 'q' {
		fmt.Fprintf(f, "%q", t.String())
		return
	}
	_, _ = f.Write([]byte(t.String()))
}

// SSOTokenProvider returns the access token of an sso-session from the
// cache `aws sso login` writes (~/.aws/sso/cache/<sha1 of the session
// name>.json) and refreshes it as botocore's SSOTokenProvider does: when
// less than 15 minutes are left and the cache holds refreshToken, clientId,
// clientSecret and an unexpired registrationExpiresAt, it calls SSO-OIDC
// CreateToken (grant type refresh_token; unsigned restJson1 POST
// https://oidc.<SSO region>.amazonaws.com/token, or Options.SSOOIDCEndpoint)
// and writes the new token back to the cache file atomically (a temporary
// file renamed over it, mode 0600) with the fields botocore writes:
// startUrl, region, accessToken, expiresAt (RFC 3339 UTC, whole seconds),
// clientId, clientSecret, registrationExpiresAt and refreshToken when the
// response carries one. A refresh is attempted at most once a minute per
// provider (botocore's attempt timeout). A failed refresh keeps a token
// that is still valid; with an expired one Token fails, naming the SSO-OIDC
// error code and `aws sso login`.
//
// The zero value is not useful: set the exported fields before the first
// call and do not change them afterwards. A *SSOTokenProvider is safe for
// concurrent use; refreshes are serialized, and a caller that waited for
// another's refresh reads the refreshed cache instead of refreshing again.
type SSOTokenProvider struct {
	Options     Options
	SessionName string // the [sso-session NAME] section
	StartURL    string // sso_start_url
	Region      string // sso_region

	once        sync.Once
	sem         chan struct{}  // one holder: reads, refreshes and writes the cache
	nextAttempt time.Time      // guarded by sem
	lastErr     error          // the last refresh failure, guarded by sem
	mem         ssoCachedToken // the last refreshed token, guarded by sem
	memExp      time.Time
}

// ssoCachedToken is the token cache document, in the field order botocore
// writes it.
type ssoCachedToken struct {
	StartURL              string `json:"startUrl,omitempty"`
	Region                string `json:"region,omitempty"`
	AccessToken           string `json:"accessToken"`
	ExpiresAt             string `json:"expiresAt"`
	ClientID              string `json:"clientId,omitempty"`
	ClientSecret          string `json:"clientSecret,omitempty"`
	RegistrationExpiresAt string `json:"registrationExpiresAt,omitempty"`
	RefreshToken          string `json:"refreshToken,omitempty"`
}

func (p *SSOTokenProvider) login() string { return "aws sso login --sso-session " + p.SessionName }

// CacheFile returns the path of the session's token cache.
func (p *SSOTokenProvider) CacheFile() string { return SSOCacheFile(p.Options.home(), p.SessionName) }

// Token returns a token that was valid at Options.Now, refreshing the
// cached one first when it is within 15 minutes of expiry.
func (p *SSOTokenProvider) Token(ctx context.Context) (SSOToken, error) {
	p.once.Do(func() { p.sem = make(chan struct{}, 1) })
	select {
	case p.sem <- struct{}{}:
	case <-ctx.Done():
		return SSOToken{}, ctx.Err()
	}
	defer func() { <-p.sem }()

	o := p.Options
	path := p.CacheFile()
	tok, exp, err := readSSOCache(o, path, p.login())
	if err != nil {
		return SSOToken{}, err
	}
	if p.memExp.After(exp) {
		// The cache file could not be written after our last refresh, or
		// another process put an older token there.
		tok, exp = p.mem, p.memExp
	}
	now := o.now()
	var refreshErr error
	if exp.Sub(now) < ssoTokenRefreshWindow {
		switch {
		case now.Before(p.nextAttempt):
			refreshErr = p.lastErr // throttled: report why the last attempt failed
		default:
			p.nextAttempt = now.Add(ssoTokenAttemptTimeout)
			var nt ssoCachedToken
			var nexp time.Time
			nt, nexp, refreshErr = p.refresh(ctx, tok, now)
			if refreshErr == nil {
				tok, exp = nt, nexp
				p.mem, p.memExp = nt, nexp
				// The new token is good and kept in memory; a cache that
				// cannot be written only means that other processes refresh
				// again. The failure is reported if the token later expires
				// without a refresh.
				refreshErr = writeSSOCache(path, nt)
			}
			p.lastErr = refreshErr
		}
	}
	if !now.Before(exp) {
		why := ""
		if refreshErr != nil && !errors.Is(refreshErr, errNoRefresh) {
			why = " and could not be refreshed (" + refreshErr.Error() + ")"
		}
		return SSOToken{}, fmt.Errorf("the SSO token for sso-session %q expired at %s%s; run `%s` to refresh it",
			p.SessionName, exp.Format(time.RFC3339), why, p.login())
	}
	return SSOToken{AccessToken: tok.AccessToken, Expires: exp}, nil
}

// errNoRefresh means the cache lacks what a refresh needs.
var errNoRefresh = errors.New("credentials: the SSO token cache holds no usable refresh token")

// refresh calls CreateToken with the cached registration and refresh token.
func (p *SSOTokenProvider) refresh(ctx context.Context, tok ssoCachedToken, now time.Time) (ssoCachedToken, time.Time, error) {
	if tok.RefreshToken == "" || tok.ClientID == "" || tok.ClientSecret == "" || tok.RegistrationExpiresAt == "" {
		return ssoCachedToken{}, time.Time{}, errNoRefresh
	}
	regExp, err := parseTime(tok.RegistrationExpiresAt)
	if err != nil || !now.Before(regExp) {
		return ssoCachedToken{}, time.Time{}, errNoRefresh
	}
	base := p.Options.SSOOIDCEndpoint
	if base == "" {
		base = "https://oidc." + p.Region + ".amazonaws.com"
	}
	body, err := json.Marshal(struct {
		GrantType    string `json:"grantType"`
		ClientID     string `json:"clientId"`
		ClientSecret string `json:"clientSecret"`
		RefreshToken string `json:"refreshToken"`
	}{"refresh_token", tok.ClientID, tok.ClientSecret, tok.RefreshToken})
	if err != nil {
		return ssoCachedToken{}, time.Time{}, err
	}
	status, hdr, resp, err := doRequestHeader(ctx, p.Options.client(), http.MethodPost, strings.TrimSuffix(base, "/")+"/token",
		http.Header{"Content-Type": {"application/json"}, "Accept": {"application/json"}}, string(body), 0)
	if err != nil {
		return ssoCachedToken{}, time.Time{}, fmt.Errorf("SSO-OIDC CreateToken: %s", redact(err.Error(), tok))
	}
	if status != http.StatusOK {
		return ssoCachedToken{}, time.Time{}, newSSOOIDCError(status, hdr, resp, tok)
	}
	var out struct {
		AccessToken  string `json:"accessToken"`
		ExpiresIn    int64  `json:"expiresIn"`
		RefreshToken string `json:"refreshToken"`
		TokenType    string `json:"tokenType"`
	}
	if err := json.Unmarshal(resp, &out); err != nil || out.AccessToken == "" || out.ExpiresIn <= 0 {
		return ssoCachedToken{}, time.Time{}, errors.New("SSO-OIDC CreateToken returned an unexpected document")
	}
	exp := now.Add(time.Duration(out.ExpiresIn) * time.Second).UTC().Truncate(time.Second)
	return ssoCachedToken{
		StartURL:              p.StartURL,
		Region:                p.Region,
		AccessToken:           out.AccessToken,
		ExpiresAt:             exp.Format(time.RFC3339),
		ClientID:              tok.ClientID,
		ClientSecret:          tok.ClientSecret,
		RegistrationExpiresAt: tok.RegistrationExpiresAt,
		RefreshToken:          out.RefreshToken, // dropped when absent, as botocore does
	}, exp, nil
}

// SSOOIDCError is an error response from SSO-OIDC CreateToken. It carries
// the error type (such as InvalidGrantException), the OAuth error code
// (such as invalid_grant) and the description, never a token or secret.
type SSOOIDCError struct {
	StatusCode  int
	Type        string // x-amzn-errortype or __type, without namespace
	Code        string // the OAuth "error" member
	Description string // "error_description", with any secret removed
}

func (e *SSOOIDCError) Error() string {
	s := fmt.Sprintf("SSO-OIDC CreateToken: HTTP %d", e.StatusCode)
	for _, v := range []string{e.Type, e.Code} {
		if v != "" {
			s += " " + v
		}
	}
	if e.Description != "" {
		s += ": " + e.Description
	}
	return s
}

// ErrorCode returns the error type, else the OAuth error code.
func (e *SSOOIDCError) ErrorCode() string {
	if e.Type != "" {
		return e.Type
	}
	return e.Code
}

func newSSOOIDCError(status int, header http.Header, body []byte, tok ssoCachedToken) *SSOOIDCError {
	var doc struct {
		Type        string `json:"__type"`
		Code        string `json:"code"`
		Error       string `json:"error"`
		Description string `json:"error_description"`
		Message     string `json:"message"`
	}
	_ = json.Unmarshal(body, &doc)
	typ := header.Get("X-Amzn-Errortype")
	if typ == "" {
		typ = doc.Type
	}
	if typ == "" {
		typ = doc.Code
	}
	// restJson1: "aws.protocols#InvalidGrantException" or
	// "InvalidGrantException:http://internal.amazon.com/...".
	if i := strings.LastIndexByte(typ, '#'); i >= 0 {
		typ = typ[i+1:]
	}
	typ, _, _ = strings.Cut(typ, ":")
	desc := doc.Description
	if desc == "" {
		desc = doc.Message
	}
	return &SSOOIDCError{StatusCode: status, Type: redact(typ, tok), Code: redact(doc.Error, tok), Description: redact(snippet([]byte(desc)), tok)}
}

// redact removes the cache's secrets from s.
func redact(s string, tok ssoCachedToken) string {
	for _, secret := range []string{tok.AccessToken, tok.RefreshToken, tok.ClientSecret} {
		if len(secret) >= 4 {
			s = strings.ReplaceAll(s, secret, "<redacted>")
		}
	}
	return s
}

// readSSOCache reads and checks a token cache file.
func readSSOCache(o Options, path, login string) (ssoCachedToken, time.Time, error) {
	b, err := o.readFile(path)
	if err != nil {
		return ssoCachedToken{}, time.Time{}, fmt.Errorf("no cached SSO token at %s; run `%s` (%v)", path, login, err)
	}
	var tok ssoCachedToken
	if err := json.Unmarshal(b, &tok); err != nil || tok.AccessToken == "" || tok.ExpiresAt == "" {
		return ssoCachedToken{}, time.Time{}, fmt.Errorf("the cached SSO token at %s is unreadable; run `%s`", path, login)
	}
	exp, err := parseTime(tok.ExpiresAt)
	if err != nil {
		return ssoCachedToken{}, time.Time{}, fmt.Errorf("the cached SSO token at %s has a bad expiresAt; run `%s`", path, login)
	}
	return tok, exp, nil
}

// writeSSOCache replaces path with tok: a temporary file in the same
// directory, mode 0600, renamed over the old one, so that a concurrent
// reader (this process or the AWS CLI) never sees half a document.
func writeSSOCache(path string, tok ssoCachedToken) (err error) {
	b, err := json.Marshal(tok)
	if err != nil {
		return err
	}
	dir := filepath.Dir(path)
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return fmt.Errorf("writing the SSO token cache: %w", err)
	}
	f, err := os.CreateTemp(dir, ".tmp-"+filepath.Base(path)+"-*")
	if err != nil {
		return fmt.Errorf("writing the SSO token cache: %w", err)
	}
	defer func() {
		if err != nil {
			err = errors.Join(err, os.Remove(f.Name()))
		}
	}()
	if err := f.Chmod(0o600); err != nil {
		_ = f.Close()
		return fmt.Errorf("writing the SSO token cache: %w", err)
	}
	if _, err := f.Write(b); err != nil {
		_ = f.Close()
		return fmt.Errorf("writing the SSO token cache: %w", err)
	}
	if err := f.Close(); err != nil {
		return fmt.Errorf("writing the SSO token cache: %w", err)
	}
	if err := os.Rename(f.Name(), path); err != nil {
		return fmt.Errorf("writing the SSO token cache: %w", err)
	}
	return nil
}
