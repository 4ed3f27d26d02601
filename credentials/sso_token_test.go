package credentials_test

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/goto3/goto3/credentials"
)

// fakeClock is a settable clock.
type fakeClock struct {
	mu sync.Mutex
	t  time.Time
}

func (c *fakeClock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.t
}

func (c *fakeClock) Set(t time.Time) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.t = t
}

// fakeSSO plays SSO-OIDC (POST /token) and the SSO portal
// (GET /federation/credentials) on one server.
type fakeSSO struct {
	srv *httptest.Server

	mu         sync.Mutex
	tokenCalls []map[string]string // CreateToken request bodies
	bearers    []string            // GetRoleCredentials bearer tokens
	status     int                 // CreateToken status; 0 means 200
	header     http.Header         // extra CreateToken response headers
	body       string              // CreateToken response body
	delay      time.Duration       // CreateToken response delay
	badRequest []string            // malformed requests seen
}

func newFakeSSO(t *testing.T) *fakeSSO {
	f := &fakeSSO{body: `{"accessToken":"new-access-token","expiresIn":28800,"refreshToken":"new-refresh-token","tokenType":"Bearer"}`}
	f.srv = httptest.NewServer(http.HandlerFunc(f.serve))
	t.Cleanup(f.srv.Close)
	return f
}

func (f *fakeSSO) serve(w http.ResponseWriter, r *http.Request) {
	switch {
	case r.Method == http.MethodPost && r.URL.Path == "/token":
		b, _ := io.ReadAll(r.Body)
		var m map[string]string
		f.mu.Lock()
		if err := json.Unmarshal(b, &m); err != nil || r.Header.Get("Content-Type") != "application/json" || r.Header.Get("Authorization") != "" {
			f.badRequest = append(f.badRequest, string(b))
		}
		f.tokenCalls = append(f.tokenCalls, m)
		status, body, header, delay := f.status, f.body, f.header, f.delay
		f.mu.Unlock()
		time.Sleep(delay)
		for k, v := range header {
			w.Header()[k] = v
		}
		w.Header().Set("Content-Type", "application/json")
		if status != 0 {
			w.WriteHeader(status)
		}
		io.WriteString(w, body)
	case r.Method == http.MethodGet && r.URL.Path == "/federation/credentials":
		f.mu.Lock()
		f.bearers = append(f.bearers, r.Header.Get("X-Amz-Sso_bearer_token"))
		f.mu.Unlock()
		fmt.Fprintf(w, `{"roleCredentials":{"accessKeyId":"AKIDSSO","secretAccessKey":"sso-secret","sessionToken":"sso-token","expiration":%d}}`,
			time.Date(2026, 11, 24, 20, 0, 0, 0, time.UTC).UnixMilli())
	default:
		http.NotFound(w, r)
	}
}

func (f *fakeSSO) calls() (tokenCalls []map[string]string, bearers []string) {
	f.mu.Lock()
	defer f.mu.Unlock()
	return append([]map[string]string(nil), f.tokenCalls...), append([]string(nil), f.bearers...)
}

// cachedToken is a cache document as `aws sso login` writes it, with the
// registration needed to refresh.
func cachedToken(expiresAt, registrationExpiresAt string) map[string]string {
	return map[string]string{
		"startUrl": "https://corp.awsapps.com/start", "region": "eu-central-1",
		"accessToken": "old-access-token", "expiresAt": expiresAt,
		"clientId": "the-client-id", "clientSecret": "the-client-secret",
		"registrationExpiresAt": registrationExpiresAt, "refreshToken": "old-refresh-token",
	}
}

func writeCache(t *testing.T, home, key string, doc map[string]string) string {
	t.Helper()
	path := credentials.SSOCacheFile(home, key)
	if err := os.MkdirAll(filepath.Dir(path), 0o700); err != nil {
		t.Fatal(err)
	}
	b, err := json.Marshal(doc)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, b, 0o600); err != nil {
		t.Fatal(err)
	}
	return path
}

var secrets = []string{"old-access-token", "old-refresh-token", "the-client-secret", "new-access-token", "new-refresh-token"}

func TestSSOTokenRefresh(t *testing.T) {
	const (
		registered = "2027-01-01T00:00:00Z"
		refreshed  = `{"startUrl":"https://corp.awsapps.com/start","region":"eu-central-1","accessToken":"new-access-token",` +
			`"expiresAt":"2026-11-24T20:00:00Z","clientId":"the-client-id","clientSecret":"the-client-secret",` +
			`"registrationExpiresAt":"2027-01-01T00:00:00Z","refreshToken":"new-refresh-token"}`
		wantCreateToken = "grantType=refresh_token clientId=the-client-id clientSecret=the-client-secret refreshToken=old-refresh-token"
	)
	invalidGrant := func(f *fakeSSO) {
		f.status = http.StatusBadRequest
		f.header = http.Header{"X-Amzn-Errortype": {"InvalidGrantException:http://internal.amazon.com/coral/com.amazonaws.ssooidc/"}}
		f.body = `{"error":"invalid_grant","error_description":"Invalid refresh token provided"}`
	}
	tests := []struct {
		name     string
		profile  string
		cacheKey string
		doc      map[string]string
		server   func(*fakeSSO)

		wantCreateToken []string // summaries of CreateToken bodies
		wantBearer      string   // "" when GetRoleCredentials must not be called
		wantCache       string   // "" means the cache file is unchanged
		wantErr         []string // substrings of the error
	}{
		{name: "expired/refreshed", profile: "sso-new", cacheKey: "corp", doc: cachedToken("2026-11-24T11:00:00Z", registered),
			wantCreateToken: []string{wantCreateToken}, wantBearer: "new-access-token", wantCache: refreshed},
		{name: "expired-UTC-form/refreshed", profile: "sso-new", cacheKey: "corp", doc: cachedToken("2026-11-24T11:00:00UTC", "2027-01-01T00:00:00UTC"),
			wantCreateToken: []string{wantCreateToken}, wantBearer: "new-access-token",
			wantCache: strings.Replace(refreshed, registered, "2027-01-01T00:00:00UTC", 1)},
		{name: "10m-left/refreshed", profile: "sso-new", cacheKey: "corp", doc: cachedToken("2026-11-24T12:10:00Z", registered),
			wantCreateToken: []string{wantCreateToken}, wantBearer: "new-access-token", wantCache: refreshed},
		{name: "14m59s-left/refreshed", profile: "sso-new", cacheKey: "corp", doc: cachedToken("2026-11-24T12:14:59Z", registered),
			wantCreateToken: []string{wantCreateToken}, wantBearer: "new-access-token", wantCache: refreshed},
		{name: "15m-left/not-refreshed", profile: "sso-new", cacheKey: "corp", doc: cachedToken("2026-11-24T12:15:00Z", registered),
			wantBearer: "old-access-token"},
		{name: "fresh/not-refreshed", profile: "sso-new", cacheKey: "corp", doc: cachedToken("2026-11-24T20:00:00Z", registered),
			wantBearer: "old-access-token"},
		{name: "no-refresh-token-returned/dropped", profile: "sso-new", cacheKey: "corp", doc: cachedToken("2026-11-24T11:00:00Z", registered),
			server:          func(f *fakeSSO) { f.body = `{"accessToken":"new-access-token","expiresIn":3600,"tokenType":"Bearer"}` },
			wantCreateToken: []string{wantCreateToken}, wantBearer: "new-access-token",
			wantCache: `{"startUrl":"https://corp.awsapps.com/start","region":"eu-central-1","accessToken":"new-access-token",` +
				`"expiresAt":"2026-11-24T13:00:00Z","clientId":"the-client-id","clientSecret":"the-client-secret",` +
				`"registrationExpiresAt":"2027-01-01T00:00:00Z"}`},
		{name: "registration-expired/login", profile: "sso-new", cacheKey: "corp", doc: cachedToken("2026-11-24T11:00:00Z", "2026-11-24T11:59:59Z"),
			wantErr: []string{"expired at 2026-11-24T11:00:00Z", "run `aws sso login --sso-session corp`"}},
		{name: "registration-expired/valid-token-kept", profile: "sso-new", cacheKey: "corp", doc: cachedToken("2026-11-24T12:05:00Z", "2026-11-24T11:59:59Z"),
			wantBearer: "old-access-token"},
		{name: "no-refresh-data/login", profile: "sso-new", cacheKey: "corp",
			doc:     map[string]string{"accessToken": "old-access-token", "expiresAt": "2026-11-24T11:00:00Z"},
			wantErr: []string{"run `aws sso login --sso-session corp`"}},
		{name: "invalid-grant/expired/login", profile: "sso-new", cacheKey: "corp", doc: cachedToken("2026-11-24T11:00:00Z", registered),
			server: invalidGrant, wantCreateToken: []string{wantCreateToken},
			wantErr: []string{"HTTP 400 InvalidGrantException invalid_grant: Invalid refresh token provided", "run `aws sso login --sso-session corp`"}},
		{name: "invalid-grant/valid-token-kept", profile: "sso-new", cacheKey: "corp", doc: cachedToken("2026-11-24T12:05:00Z", registered),
			server: invalidGrant, wantCreateToken: []string{wantCreateToken}, wantBearer: "old-access-token"},
		{name: "error-echoing-secrets/redacted", profile: "sso-new", cacheKey: "corp", doc: cachedToken("2026-11-24T11:00:00Z", registered),
			server: func(f *fakeSSO) {
				f.status = http.StatusBadRequest
				f.body = `{"__type":"com.amazonaws.ssooidc#InvalidClientException","error":"invalid_client","error_description":"client the-client-secret with old-refresh-token"}`
			},
			wantCreateToken: []string{wantCreateToken},
			wantErr:         []string{"HTTP 400 InvalidClientException invalid_client: client <redacted> with <redacted>"}},
		{name: "bad-document/login", profile: "sso-new", cacheKey: "corp", doc: cachedToken("2026-11-24T11:00:00Z", registered),
			server:          func(f *fakeSSO) { f.body = `{"accessToken":"","expiresIn":0}` },
			wantCreateToken: []string{wantCreateToken},
			wantErr:         []string{"CreateToken returned an unexpected document", "aws sso login"}},
		{name: "legacy/expired/not-refreshed", profile: "sso-legacy", cacheKey: "https://legacy.awsapps.com/start",
			doc: cachedToken("2026-11-24T11:00:00Z", registered), wantErr: []string{"run `aws sso login --profile sso-legacy`"}},
		{name: "legacy/near-expiry/not-refreshed", profile: "sso-legacy", cacheKey: "https://legacy.awsapps.com/start",
			doc: cachedToken("2026-11-24T12:05:00Z", registered), wantBearer: "old-access-token"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f := newFakeSSO(t)
			if tt.server != nil {
				tt.server(f)
			}
			home := t.TempDir()
			path := writeCache(t, home, tt.cacheKey, tt.doc)
			before, _ := os.ReadFile(path)
			o := credentials.Options{Profile: tt.profile, LookupEnv: envOf(nil), HomeDir: home, ConfigFile: chainConfig,
				CredentialsFile: chainCredentials, Now: fixedNow, SSOEndpoint: f.srv.URL, SSOOIDCEndpoint: f.srv.URL + "/"}
			c, err := credentials.NewDefaultChain(o).Retrieve(context.Background())

			tokenCalls, bearers := f.calls()
			var gotCreate []string
			for _, m := range tokenCalls {
				gotCreate = append(gotCreate, fmt.Sprintf("grantType=%s clientId=%s clientSecret=%s refreshToken=%s", m["grantType"], m["clientId"], m["clientSecret"], m["refreshToken"]))
				if len(m) != 4 {
					t.Errorf("CreateToken body has %d members, want 4: %v", len(m), m)
				}
			}
			if d := cmp.Diff(tt.wantCreateToken, gotCreate); d != "" {
				t.Errorf("CreateToken calls (-want +got):\n%s", d)
			}
			if len(f.badRequest) > 0 {
				t.Errorf("malformed CreateToken requests: %q", f.badRequest)
			}
			if len(tt.wantErr) > 0 {
				if err == nil {
					t.Fatalf("got credentials %v, want an error", c)
				}
				for _, w := range tt.wantErr {
					if !strings.Contains(err.Error(), w) {
						t.Errorf("got error %q, want it to contain %q", err, w)
					}
				}
				for _, s := range secrets {
					if strings.Contains(err.Error(), s) {
						t.Errorf("got error %q, which reveals %q", err, s)
					}
				}
				var re *credentials.RetrieveError
				if !errors.As(err, &re) || re.Provider != "sso" {
					t.Errorf("got %T %v, want a *RetrieveError from sso", err, err)
				}
			} else if err != nil {
				t.Fatal(err)
			}
			var wantBearers []string
			if tt.wantBearer != "" {
				wantBearers = []string{tt.wantBearer}
				if c.AccessKeyID != "AKIDSSO" {
					t.Errorf("got %v, want the portal's credentials", c)
				}
			}
			if d := cmp.Diff(wantBearers, bearers); d != "" {
				t.Errorf("GetRoleCredentials bearer tokens (-want +got):\n%s", d)
			}
			after, err := os.ReadFile(path)
			if err != nil {
				t.Fatal(err)
			}
			want := tt.wantCache
			if want == "" {
				want = string(before)
			}
			if string(after) != want {
				t.Errorf("cache file:\ngot  %s\nwant %s", after, want)
			}
			fi, err := os.Stat(path)
			if err != nil {
				t.Fatal(err)
			}
			if m := fi.Mode().Perm(); m != 0o600 {
				t.Errorf("got cache mode %v, want 0600", m)
			}
			ents, err := os.ReadDir(filepath.Dir(path))
			if err != nil {
				t.Fatal(err)
			}
			if len(ents) != 1 {
				var names []string
				for _, e := range ents {
					names = append(names, e.Name())
				}
				t.Errorf("got cache directory %q, want only %s (no temporary files left)", names, filepath.Base(path))
			}
		})
	}
}

func TestSSOTokenRefreshConcurrent(t *testing.T) {
	f := newFakeSSO(t)
	f.delay = 50 * time.Millisecond // a refresh in flight while the others ask
	home := t.TempDir()
	writeCache(t, home, "corp", cachedToken("2026-11-24T11:00:00Z", "2027-01-01T00:00:00Z"))
	o := credentials.Options{Profile: "sso-new", LookupEnv: envOf(nil), HomeDir: home, ConfigFile: chainConfig,
		CredentialsFile: chainCredentials, Now: fixedNow, SSOEndpoint: f.srv.URL, SSOOIDCEndpoint: f.srv.URL}
	chain := credentials.NewDefaultChain(o) // uncached: every caller reaches the SSO provider
	const n = 8
	var wg sync.WaitGroup
	errs := make([]error, n)
	for i := range n {
		wg.Go(func() {
			_, errs[i] = chain.Retrieve(context.Background())
		})
	}
	wg.Wait()
	for i, err := range errs {
		if err != nil {
			t.Errorf("caller %d: %v", i, err)
		}
	}
	tokenCalls, bearers := f.calls()
	if len(tokenCalls) != 1 {
		t.Errorf("got %d CreateToken calls, want 1", len(tokenCalls))
	}
	if len(bearers) != n {
		t.Errorf("got %d GetRoleCredentials calls, want %d", len(bearers), n)
	}
	for _, b := range bearers {
		if b != "new-access-token" {
			t.Errorf("got bearer %q, want new-access-token", b)
		}
	}
}

func TestSSOTokenProviderThrottle(t *testing.T) {
	f := newFakeSSO(t)
	f.status = http.StatusInternalServerError
	f.body = `{"__type":"InternalServerException","error":"server_error","error_description":"try later"}`
	home := t.TempDir()
	writeCache(t, home, "corp", cachedToken("2026-11-24T12:05:00Z", "2027-01-01T00:00:00Z"))
	clock := &fakeClock{t: testNow}
	p := &credentials.SSOTokenProvider{
		Options:     credentials.Options{HomeDir: home, Now: clock.Now, SSOOIDCEndpoint: f.srv.URL},
		SessionName: "corp", StartURL: "https://corp.awsapps.com/start", Region: "eu-central-1",
	}
	steps := []struct {
		at        time.Time
		wantCalls int    // CreateToken calls so far
		wantErr   string // "" means the old token is returned
	}{
		{at: testNow, wantCalls: 1},                       // 5 minutes left: attempt, fails, old token kept
		{at: testNow.Add(30 * time.Second), wantCalls: 1}, // within a minute of the last attempt
		{at: testNow.Add(61 * time.Second), wantCalls: 2}, // attempt again
		{at: testNow.Add(5 * time.Minute), wantCalls: 3, // expired: attempt, fails
			wantErr: "expired at 2026-11-24T12:05:00Z and could not be refreshed"},
		{at: testNow.Add(5*time.Minute + 10*time.Second), wantCalls: 3,
			wantErr: "could not be refreshed (SSO-OIDC CreateToken: HTTP 500 InternalServerException server_error: try later); run `aws sso login --sso-session corp`"},
	}
	for i, s := range steps {
		clock.Set(s.at)
		tok, err := p.Token(context.Background())
		tokenCalls, _ := f.calls()
		if len(tokenCalls) != s.wantCalls {
			t.Errorf("step %d: got %d CreateToken calls, want %d", i, len(tokenCalls), s.wantCalls)
		}
		if s.wantErr != "" {
			if err == nil || !strings.Contains(err.Error(), s.wantErr) {
				t.Errorf("step %d: got %v, want an error containing %q", i, err, s.wantErr)
			}
			continue
		}
		if err != nil {
			t.Fatalf("step %d: %v", i, err)
		}
		want := credentials.SSOToken{AccessToken: "old-access-token", Expires: time.Date(2026, 11, 24, 12, 5, 0, 0, time.UTC)}
		if d := cmp.Diff(want, tok); d != "" {
			t.Errorf("step %d: (-want +got):\n%s", i, d)
		}
	}

	// The refresh succeeds once the service recovers and the throttle has passed.
	f.mu.Lock()
	f.status, f.body = 0, `{"accessToken":"new-access-token","expiresIn":3600,"refreshToken":"new-refresh-token","tokenType":"Bearer"}`
	f.mu.Unlock()
	clock.Set(testNow.Add(7 * time.Minute))
	tok, err := p.Token(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	want := credentials.SSOToken{AccessToken: "new-access-token", Expires: testNow.Add(7*time.Minute + time.Hour)}
	if d := cmp.Diff(want, tok); d != "" {
		t.Errorf("(-want +got):\n%s", d)
	}
}

func TestSSOTokenString(t *testing.T) {
	tok := credentials.SSOToken{AccessToken: "old-access-token", Expires: testNow}
	want := "credentials.SSOToken{AccessToken: <redacted>, Expires: 2026-11-24T12:00:00Z}"
	for _, format := range []string{"%v", "%+v", "%#v", "%s"} {
		if got := fmt.Sprintf(format, tok); got != want {
			t.Errorf("Sprintf(%q) got %q, want %q", format, got, want)
		}
	}
}

func TestSSOTokenContextCanceledWhileWaiting(t *testing.T) {
	f := newFakeSSO(t)
	entered, release := make(chan struct{}), make(chan struct{})
	var once sync.Once
	f.srv.Config.Handler = http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		once.Do(func() { close(entered) })
		<-release
		f.serve(w, r)
	})
	home := t.TempDir()
	writeCache(t, home, "corp", cachedToken("2026-11-24T11:00:00Z", "2027-01-01T00:00:00Z"))
	p := &credentials.SSOTokenProvider{
		Options:     credentials.Options{HomeDir: home, Now: fixedNow, SSOOIDCEndpoint: f.srv.URL},
		SessionName: "corp", StartURL: "https://corp.awsapps.com/start", Region: "eu-central-1",
	}
	first := make(chan error, 1)
	go func() {
		_, err := p.Token(context.Background())
		first <- err
	}()
	<-entered // the first caller is refreshing and holds the provider
	ctx, cancel := context.WithTimeout(context.Background(), 50*time.Millisecond)
	defer cancel()
	if _, err := p.Token(ctx); !errors.Is(err, context.DeadlineExceeded) {
		t.Errorf("waiting caller: got %v, want context.DeadlineExceeded", err)
	}
	close(release)
	if err := <-first; err != nil {
		t.Errorf("refreshing caller: %v", err)
	}
	if tokenCalls, _ := f.calls(); len(tokenCalls) != 1 {
		t.Errorf("got %d CreateToken calls, want 1", len(tokenCalls))
	}
}

func TestSSOTokenUnwritableCache(t *testing.T) {
	f := newFakeSSO(t)
	// HomeDir is a regular file, so the cache directory cannot be made
	// (even by root); ReadFile serves the cached token.
	home := filepath.Join(t.TempDir(), "not-a-directory")
	if err := os.WriteFile(home, nil, 0o600); err != nil {
		t.Fatal(err)
	}
	doc, _ := json.Marshal(cachedToken("2026-11-24T11:00:00Z", "2027-01-01T00:00:00Z"))
	path := credentials.SSOCacheFile(home, "corp")
	p := &credentials.SSOTokenProvider{
		Options: credentials.Options{HomeDir: home, Now: fixedNow, SSOOIDCEndpoint: f.srv.URL,
			ReadFile: overlay(map[string]string{path: string(doc)})},
		SessionName: "corp", StartURL: "https://corp.awsapps.com/start", Region: "eu-central-1",
	}
	want := credentials.SSOToken{AccessToken: "new-access-token", Expires: time.Date(2026, 11, 24, 20, 0, 0, 0, time.UTC)}
	for i := range 2 {
		tok, err := p.Token(context.Background())
		if err != nil {
			t.Fatalf("call %d: %v", i, err)
		}
		if d := cmp.Diff(want, tok); d != "" {
			t.Errorf("call %d: (-want +got):\n%s", i, d)
		}
	}
	if tokenCalls, _ := f.calls(); len(tokenCalls) != 1 {
		t.Errorf("got %d CreateToken calls, want 1 (the refreshed token is kept in memory)", len(tokenCalls))
	}
}
