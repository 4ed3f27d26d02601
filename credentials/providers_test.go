package credentials_test

import (
	"bytes"
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
	"github.com/goto3/goto3/sigv4"
)

func TestCredentialsNeverPrintSecrets(t *testing.T) {
	c := credentials.Credentials{AccessKeyID: "AKID", SecretAccessKey: "SECRETXYZ", SessionToken: "TOKENXYZ", Expires: testNow, Source: "env"}
	for _, verb := range []string{"%v", "%+v", "%#v", "%s", "%q", "%x", "%d"} {
		out := fmt.Sprintf(verb, c)
		if strings.Contains(out, "SECRETXYZ") || strings.Contains(out, "TOKENXYZ") || !strings.Contains(out, "AKID") {
			t.Errorf("%s: got %q, want the key id and no secret", verb, out)
		}
	}
	out := fmt.Sprintf("%v", []credentials.Credentials{c})
	if strings.Contains(out, "SECRETXYZ") {
		t.Errorf("got %q inside a slice", out)
	}
}

func TestSigV4(t *testing.T) {
	c := credentials.Credentials{AccessKeyID: "A", SecretAccessKey: "S", SessionToken: "T", Expires: testNow, Source: "env", AccountID: "1"}
	want := sigv4.Credentials{AccessKeyID: "A", SecretAccessKey: "S", SessionToken: "T", Expires: testNow}
	if got := c.SigV4(); got != want {
		t.Errorf("got %v, want %v", got, want)
	}
}

func TestCacheRefreshTimeout(t *testing.T) {
	hung := credentials.ProviderFunc(func(ctx context.Context) (credentials.Credentials, error) {
		<-ctx.Done()
		return credentials.Credentials{}, ctx.Err()
	})
	c := credentials.NewCache(hung, func(o *credentials.CacheOptions) { o.RefreshTimeout = 20 * time.Millisecond })
	if _, err := c.Retrieve(context.Background()); !errors.Is(err, context.DeadlineExceeded) {
		t.Errorf("got %v, want the refresh to time out", err)
	}
}

func TestEnv(t *testing.T) {
	tests := []struct {
		name    string
		env     map[string]string
		want    credentials.Credentials
		wantErr string
		notFnd  bool
	}{
		{"standard", map[string]string{"AWS_ACCESS_KEY_ID": "AKID", "AWS_SECRET_ACCESS_KEY": "S", "AWS_SESSION_TOKEN": "T"},
			credentials.Credentials{AccessKeyID: "AKID", SecretAccessKey: "S", SessionToken: "T", Source: "env"}, "", false},
		{"legacy names", map[string]string{"AWS_ACCESS_KEY": "AKIDL", "AWS_SECRET_KEY": "SL", "AWS_SECURITY_TOKEN": "TL"},
			credentials.Credentials{AccessKeyID: "AKIDL", SecretAccessKey: "SL", SessionToken: "TL", Source: "env"}, "", false},
		{"standard wins over legacy", map[string]string{"AWS_ACCESS_KEY_ID": "A1", "AWS_ACCESS_KEY": "A2", "AWS_SECRET_ACCESS_KEY": "S1", "AWS_SECRET_KEY": "S2"},
			credentials.Credentials{AccessKeyID: "A1", SecretAccessKey: "S1", Source: "env"}, "", false},
		{"expiration", map[string]string{"AWS_ACCESS_KEY_ID": "A", "AWS_SECRET_ACCESS_KEY": "S", "AWS_CREDENTIAL_EXPIRATION": "2026-11-24T13:00:00Z"},
			credentials.Credentials{AccessKeyID: "A", SecretAccessKey: "S", Source: "env", Expires: time.Date(2026, 11, 24, 13, 0, 0, 0, time.UTC)}, "", false},
		{"none", nil, credentials.Credentials{}, "AWS_ACCESS_KEY_ID is not set", true},
		{"empty is unset", map[string]string{"AWS_ACCESS_KEY_ID": ""}, credentials.Credentials{}, "AWS_ACCESS_KEY_ID is not set", true},
		{"partial", map[string]string{"AWS_ACCESS_KEY_ID": "A"}, credentials.Credentials{}, "AWS_SECRET_ACCESS_KEY is not", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := credentials.Env{LookupEnv: envOf(tt.env)}.Retrieve(context.Background())
			if tt.wantErr != "" {
				if err == nil || !strings.Contains(err.Error(), tt.wantErr) {
					t.Fatalf("got %v, want error containing %q", err, tt.wantErr)
				}
				if got := errors.Is(err, credentials.ErrNotFound); got != tt.notFnd {
					t.Errorf("got errors.Is(ErrNotFound) %v, want %v", got, tt.notFnd)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if d := cmp.Diff(tt.want, got); d != "" {
				t.Errorf("(-want +got):\n%s", d)
			}
		})
	}
}

func TestStatic(t *testing.T) {
	got, err := credentials.NewStatic("AKID", "S", "T").Retrieve(context.Background())
	want := credentials.Credentials{AccessKeyID: "AKID", SecretAccessKey: "S", SessionToken: "T", Source: "static"}
	if err != nil || got != want {
		t.Errorf("got %v, %v, want %v", got, err, want)
	}
	if _, err := credentials.NewStatic("AKID", "", "").Retrieve(context.Background()); err == nil {
		t.Error("got nil error for a static provider without a secret")
	}
}

// TestHelperProcess is the credential_process the Process tests run: the
// test binary itself, with GOTO3_CREDENTIAL_HELPER set.
func TestHelperProcess(t *testing.T) {
	mode := os.Getenv("GOTO3_CREDENTIAL_HELPER")
	if mode == "" {
		t.Skip("only runs as the credential_process helper of TestProcess")
	}
	args := os.Args
	for i, a := range args {
		if a == "--" {
			args = args[i+1:]
			break
		}
	}
	switch mode {
	case "ok":
		fmt.Printf(`{"Version": 1, "AccessKeyId": "AKIDPROC", "SecretAccessKey": "proc-secret", "SessionToken": "proc-token", "Expiration": "2026-11-24T13:00:00Z", "AccountId": "%s"}`, strings.Join(args, "|"))
	case "static":
		fmt.Print(`{"Version": 1, "AccessKeyId": "AKIDPROC", "SecretAccessKey": "proc-secret"}`)
	case "fail":
		fmt.Fprint(os.Stderr, "token expired, please log in\n")
		os.Exit(3)
	case "badversion":
		fmt.Print(`{"Version": 2, "AccessKeyId": "A", "SecretAccessKey": "leakme"}`)
	case "badjson":
		fmt.Print(`{"Version": 1, "SecretAccessKey": "leakme"`)
	case "huge":
		os.Stdout.Write(bytes.Repeat([]byte(" "), 2<<20))
	case "nokey":
		fmt.Print(`{"Version": 1, "SecretAccessKey": "leakme"}`)
	}
	os.Exit(0)
}

func TestProcess(t *testing.T) {
	self, err := os.Executable()
	if err != nil {
		t.Fatal(err)
	}
	helper := fmt.Sprintf("%q -test.run=^TestHelperProcess$ --", self)
	tests := []struct {
		mode, args string
		want       credentials.Credentials
		wantErr    string
	}{
		// Arguments are split like a POSIX shell would, but nothing is
		// interpreted: ";" and "$(...)" reach the program as text.
		{"ok", `'a b' "c;d" $(id) x\ y`, credentials.Credentials{AccessKeyID: "AKIDPROC", SecretAccessKey: "proc-secret", SessionToken: "proc-token",
			Expires: time.Date(2026, 11, 24, 13, 0, 0, 0, time.UTC), Source: "custom-process", AccountID: "a b|c;d|$(id)|x y"}, ""},
		{"static", "", credentials.Credentials{AccessKeyID: "AKIDPROC", SecretAccessKey: "proc-secret", Source: "custom-process", AccountID: "000011112222"}, ""},
		{"fail", "", credentials.Credentials{}, "exited with status 3: token expired, please log in"},
		{"badversion", "", credentials.Credentials{}, "unsupported version '2' for credential process provider, supported versions: 1"},
		{"badjson", "", credentials.Credentials{}, "printed invalid JSON"},
		{"huge", "", credentials.Credentials{}, "printed more than"},
		{"nokey", "", credentials.Credentials{}, "lacks AccessKeyId or SecretAccessKey"},
		{"unterminated", `"oops`, credentials.Credentials{}, "no closing quotation"},
	}
	for _, tt := range tests {
		t.Run(tt.mode, func(t *testing.T) {
			t.Setenv("GOTO3_CREDENTIAL_HELPER", tt.mode)
			p := credentials.Process{Command: helper + " " + tt.args, AccountID: "000011112222"}
			got, err := p.Retrieve(context.Background())
			if tt.wantErr != "" {
				if err == nil || !strings.Contains(err.Error(), tt.wantErr) {
					t.Fatalf("got %v, want error containing %q", err, tt.wantErr)
				}
				if strings.Contains(err.Error(), "leakme") {
					t.Errorf("error %q leaks the secret", err)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if d := cmp.Diff(tt.want, got); d != "" {
				t.Errorf("(-want +got):\n%s", d)
			}
		})
	}
	t.Run("from profile", func(t *testing.T) {
		t.Setenv("GOTO3_CREDENTIAL_HELPER", "static")
		cfg := "[profile p]\ncredential_process = " + helper + "\naws_account_id = 123\n"
		o := credentials.Options{Profile: "p", LookupEnv: envOf(nil), HomeDir: t.TempDir(), ConfigFile: "cfg", CredentialsFile: "none",
			ReadFile: overlay(map[string]string{"cfg": cfg})}
		got, err := credentials.NewDefaultChain(o).Retrieve(context.Background())
		if err != nil {
			t.Fatal(err)
		}
		if got.Source != "custom-process" || got.AccountID != "123" {
			t.Errorf("got %v, want custom-process with the profile's account id", got)
		}
	})
}

const containerJSON = `{"AccessKeyId":"AKIDCONT","SecretAccessKey":"cont-secret","Token":"cont-token","Expiration":"2026-11-24T13:00:00Z","AccountId":"123"}`

func TestContainer(t *testing.T) {
	var mu sync.Mutex
	var gotPath, gotAuth string
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		mu.Lock()
		gotPath, gotAuth = r.URL.RequestURI(), r.Header.Get("Authorization")
		mu.Unlock()
		if r.URL.Path == "/fail" {
			http.Error(w, "nope", 404)
			return
		}
		io.WriteString(w, containerJSON)
	}))
	defer srv.Close()
	want := credentials.Credentials{AccessKeyID: "AKIDCONT", SecretAccessKey: "cont-secret", SessionToken: "cont-token",
		Expires: time.Date(2026, 11, 24, 13, 0, 0, 0, time.UTC), Source: "container-role", AccountID: "123"}
	tests := []struct {
		name              string
		env               map[string]string
		base              string
		wantPath, wantAut string
		wantErr           string
		notFound          bool
	}{
		{name: "relative", env: map[string]string{"AWS_CONTAINER_CREDENTIALS_RELATIVE_URI": "/v2/creds?id=1"}, base: srv.URL, wantPath: "/v2/creds?id=1"},
		{name: "full loopback with token", env: map[string]string{"AWS_CONTAINER_CREDENTIALS_FULL_URI": srv.URL + "/full", "AWS_CONTAINER_AUTHORIZATION_TOKEN": "Bearer abc"}, wantPath: "/full", wantAut: "Bearer abc"},
		{name: "token file wins", env: map[string]string{"AWS_CONTAINER_CREDENTIALS_FULL_URI": srv.URL + "/full", "AWS_CONTAINER_AUTHORIZATION_TOKEN": "Bearer env", "AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE": "TOKFILE"}, wantPath: "/full", wantAut: "from-file"},
		{name: "relative wins over full", env: map[string]string{"AWS_CONTAINER_CREDENTIALS_RELATIVE_URI": "/rel", "AWS_CONTAINER_CREDENTIALS_FULL_URI": "http://example.com/x"}, base: srv.URL, wantPath: "/rel"},
		{name: "disallowed host", env: map[string]string{"AWS_CONTAINER_CREDENTIALS_FULL_URI": "http://169.254.169.254/creds"}, wantErr: `unsupported host "169.254.169.254"`},
		{name: "disallowed public host", env: map[string]string{"AWS_CONTAINER_CREDENTIALS_FULL_URI": "http://example.com/creds"}, wantErr: `unsupported host "example.com"`},
		{name: "token with newline", env: map[string]string{"AWS_CONTAINER_CREDENTIALS_FULL_URI": srv.URL, "AWS_CONTAINER_AUTHORIZATION_TOKEN": "a\r\nX-Evil: 1"}, wantErr: "line break"},
		{name: "http error", env: map[string]string{"AWS_CONTAINER_CREDENTIALS_FULL_URI": srv.URL + "/fail"}, wantErr: "HTTP 404"},
		{name: "not configured", env: nil, wantErr: "not set", notFound: true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			o := credentials.Options{LookupEnv: envOf(tt.env), ContainerEndpoint: tt.base, ReadFile: overlay(map[string]string{"TOKFILE": "from-file"})}
			got, err := credentials.Container{Options: o}.Retrieve(context.Background())
			if tt.wantErr != "" {
				if err == nil || !strings.Contains(err.Error(), tt.wantErr) {
					t.Fatalf("got %v, want error containing %q", err, tt.wantErr)
				}
				if errors.Is(err, credentials.ErrNotFound) != tt.notFound {
					t.Errorf("got errors.Is(ErrNotFound) %v, want %v", !tt.notFound, tt.notFound)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if d := cmp.Diff(want, got); d != "" {
				t.Errorf("(-want +got):\n%s", d)
			}
			mu.Lock()
			defer mu.Unlock()
			if gotPath != tt.wantPath || gotAuth != tt.wantAut {
				t.Errorf("got request %q with Authorization %q, want %q with %q", gotPath, gotAuth, tt.wantPath, tt.wantAut)
			}
		})
	}
}

func TestContainerAllowedHosts(t *testing.T) {
	// These hosts pass validation; the request itself is stopped by the
	// transport, which records the URL.
	for _, u := range []string{"http://127.0.0.1:80/c", "http://127.1.2.3/c", "http://[::1]/c", "http://localhost/c",
		"http://169.254.170.2/c", "http://169.254.170.23/c", "http://[fd00:ec2::23]/c", "https://example.com/c"} {
		t.Run(u, func(t *testing.T) {
			var got string
			client := &http.Client{Transport: roundTripFunc(func(r *http.Request) (*http.Response, error) {
				got = r.URL.String()
				return &http.Response{StatusCode: 200, Body: io.NopCloser(strings.NewReader(containerJSON)), Header: http.Header{}}, nil
			})}
			o := credentials.Options{LookupEnv: envOf(map[string]string{"AWS_CONTAINER_CREDENTIALS_FULL_URI": u}), HTTPClient: client}
			if _, err := (credentials.Container{Options: o}).Retrieve(context.Background()); err != nil {
				t.Fatalf("got %v, want success", err)
			}
			if got != u {
				t.Errorf("got request to %q, want %q", got, u)
			}
		})
	}
}

// fakeIMDS plays the instance metadata service, IMDSv2 only.
func fakeIMDS(t *testing.T, log *[]string, mu *sync.Mutex) *httptest.Server {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		mu.Lock()
		*log = append(*log, r.Method+" "+r.URL.Path+" ttl="+r.Header.Get("X-Aws-Ec2-Metadata-Token-Ttl-Seconds")+" token="+r.Header.Get("X-Aws-Ec2-Metadata-Token"))
		mu.Unlock()
		switch {
		case r.Method == http.MethodPut && r.URL.Path == "/latest/api/token":
			if r.Header.Get("X-Aws-Ec2-Metadata-Token-Ttl-Seconds") == "" {
				http.Error(w, "", 400)
				return
			}
			io.WriteString(w, "IMDSTOKEN")
		case r.Header.Get("X-Aws-Ec2-Metadata-Token") != "IMDSTOKEN":
			http.Error(w, "", http.StatusUnauthorized)
		case r.URL.Path == "/latest/meta-data/iam/security-credentials/":
			io.WriteString(w, "my-role\n")
		case r.URL.Path == "/latest/meta-data/iam/security-credentials/my-role":
			io.WriteString(w, `{"Code":"Success","Type":"AWS-HMAC","AccessKeyId":"AKIDIMDS","SecretAccessKey":"imds-secret","Token":"imds-token","Expiration":"2026-11-24T18:00:00Z"}`)
		default:
			http.NotFound(w, r)
		}
	}))
	t.Cleanup(srv.Close)
	return srv
}

func TestIMDS(t *testing.T) {
	var mu sync.Mutex
	var log []string
	srv := fakeIMDS(t, &log, &mu)
	want := credentials.Credentials{AccessKeyID: "AKIDIMDS", SecretAccessKey: "imds-secret", SessionToken: "imds-token",
		Expires: time.Date(2026, 11, 24, 18, 0, 0, 0, time.UTC), Source: "iam-role"}
	wantLog := []string{
		"PUT /latest/api/token ttl=21600 token=",
		"GET /latest/meta-data/iam/security-credentials/ ttl= token=IMDSTOKEN",
		"GET /latest/meta-data/iam/security-credentials/my-role ttl= token=IMDSTOKEN",
	}
	tests := []struct {
		name    string
		o       credentials.Options
		wantLog []string
		wantErr string
	}{
		{name: "option endpoint", o: credentials.Options{LookupEnv: envOf(nil), IMDSEndpoint: srv.URL}, wantLog: wantLog},
		{name: "env endpoint", o: credentials.Options{LookupEnv: envOf(map[string]string{"AWS_EC2_METADATA_SERVICE_ENDPOINT": srv.URL + "/"})}, wantLog: wantLog},
		{name: "IPv6 mode", o: credentials.Options{LookupEnv: envOf(map[string]string{"AWS_EC2_METADATA_SERVICE_ENDPOINT_MODE": "IPv6"}), HTTPClient: hostRecorder(t, "[fd00:ec2::254]")}, wantErr: "recorded"},
		{name: "disabled", o: credentials.Options{LookupEnv: envOf(map[string]string{"AWS_EC2_METADATA_DISABLED": "TRUE"}), IMDSEndpoint: srv.URL}, wantErr: "AWS_EC2_METADATA_DISABLED"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			mu.Lock()
			log = nil
			mu.Unlock()
			got, err := credentials.IMDS{Options: tt.o}.Retrieve(context.Background())
			if tt.wantErr != "" {
				if err == nil || !strings.Contains(err.Error(), tt.wantErr) || !errors.Is(err, credentials.ErrNotFound) {
					t.Fatalf("got %v, want not-found error containing %q", err, tt.wantErr)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if d := cmp.Diff(want, got); d != "" {
				t.Errorf("(-want +got):\n%s", d)
			}
			mu.Lock()
			defer mu.Unlock()
			if d := cmp.Diff(tt.wantLog, log); d != "" {
				t.Errorf("requests (-want +got):\n%s", d)
			}
		})
	}
}

func TestIMDSTimeout(t *testing.T) {
	block := make(chan struct{})
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		select {
		case <-block:
		case <-r.Context().Done():
		}
	}))
	defer srv.Close()
	defer close(block)
	start := time.Now()
	_, err := credentials.IMDS{Options: credentials.Options{LookupEnv: envOf(nil), IMDSEndpoint: srv.URL}}.Retrieve(context.Background())
	if !errors.Is(err, credentials.ErrNotFound) {
		t.Fatalf("got %v, want a not-found error", err)
	}
	if d := time.Since(start); d < 900*time.Millisecond || d > 5*time.Second {
		t.Errorf("gave up after %v, want about 1s", d)
	}
}

func writeSSOToken(t *testing.T, home, key, expires string) {
	t.Helper()
	path := credentials.SSOCacheFile(home, key)
	if err := os.MkdirAll(filepath.Dir(path), 0o700); err != nil {
		t.Fatal(err)
	}
	b, _ := json.Marshal(map[string]string{"accessToken": "sso-access-token", "expiresAt": expires, "startUrl": "ignored"})
	if err := os.WriteFile(path, b, 0o600); err != nil {
		t.Fatal(err)
	}
}

func TestSSO(t *testing.T) {
	var mu sync.Mutex
	var got []string
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		mu.Lock()
		got = append(got, r.Method+" "+r.URL.Path+"?"+r.URL.RawQuery+" bearer="+r.Header.Get("X-Amz-Sso_bearer_token"))
		mu.Unlock()
		if r.Header.Get("X-Amz-Sso_bearer_token") != "sso-access-token" {
			w.WriteHeader(401)
			io.WriteString(w, `{"message":"Session token not found or invalid","__type":"UnauthorizedException"}`)
			return
		}
		fmt.Fprintf(w, `{"roleCredentials":{"accessKeyId":"AKIDSSO","secretAccessKey":"sso-secret","sessionToken":"sso-token","expiration":%d}}`,
			time.Date(2026, 11, 24, 20, 0, 0, 0, time.UTC).UnixMilli())
	}))
	defer srv.Close()

	tests := []struct {
		profile, cacheKey, expires string
		wantReq                    string
		wantAcct                   string
		wantErr                    string
	}{
		{profile: "sso-new", cacheKey: "corp", expires: "2026-11-24T20:00:00Z",
			wantReq: "GET /federation/credentials?account_id=111122223333&role_name=ReadOnly bearer=sso-access-token", wantAcct: "111122223333"},
		{profile: "sso-legacy", cacheKey: "https://legacy.awsapps.com/start", expires: "2026-11-24T20:00:00UTC",
			wantReq: "GET /federation/credentials?account_id=444455556666&role_name=Admin bearer=sso-access-token", wantAcct: "444455556666"},
		{profile: "sso-new", cacheKey: "corp", expires: "2026-11-24T11:00:00Z", wantErr: "run `aws sso login --sso-session corp`"},
		{profile: "sso-legacy", cacheKey: "", wantErr: "run `aws sso login --profile sso-legacy`"},
	}
	for _, tt := range tests {
		t.Run(tt.profile+"/"+tt.expires, func(t *testing.T) {
			home := t.TempDir()
			if tt.cacheKey != "" {
				writeSSOToken(t, home, tt.cacheKey, tt.expires)
			}
			mu.Lock()
			got = nil
			mu.Unlock()
			o := credentials.Options{Profile: tt.profile, LookupEnv: envOf(nil), HomeDir: home, ConfigFile: chainConfig,
				CredentialsFile: chainCredentials, Now: fixedNow, SSOEndpoint: srv.URL}
			c, err := credentials.NewDefaultChain(o).Retrieve(context.Background())
			if tt.wantErr != "" {
				if err == nil || !strings.Contains(err.Error(), tt.wantErr) {
					t.Fatalf("got %v, want error containing %q", err, tt.wantErr)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			want := credentials.Credentials{AccessKeyID: "AKIDSSO", SecretAccessKey: "sso-secret", SessionToken: "sso-token",
				Expires: time.Date(2026, 11, 24, 20, 0, 0, 0, time.UTC), Source: "sso", AccountID: tt.wantAcct}
			if d := cmp.Diff(want, c); d != "" {
				t.Errorf("(-want +got):\n%s", d)
			}
			mu.Lock()
			defer mu.Unlock()
			if d := cmp.Diff([]string{tt.wantReq}, got); d != "" {
				t.Errorf("requests (-want +got):\n%s", d)
			}
		})
	}
}

func TestSSOCacheFile(t *testing.T) {
	// The CLI names cache files by the SHA-1 (hex) of the session name or,
	// for legacy profiles, the start URL (values from Python's hashlib).
	for _, tt := range []struct{ key, want string }{
		{"my-sso", "/home/u/.aws/sso/cache/0ad374308c5a4e22f723adf10145eafad7c4031c.json"},
		{"https://legacy.awsapps.com/start", "/home/u/.aws/sso/cache/79e435d7a515078e81c9dffc35f38d5687ebd3a7.json"},
	} {
		if got := credentials.SSOCacheFile("/home/u", tt.key); got != tt.want {
			t.Errorf("SSOCacheFile(%q) got %q, want %q", tt.key, got, tt.want)
		}
	}
}

// hostRecorder is a client whose transport fails every request with
// "recorded" after checking that it goes to host.
func hostRecorder(t *testing.T, host string) *http.Client {
	return &http.Client{Transport: roundTripFunc(func(r *http.Request) (*http.Response, error) {
		if r.URL.Host != host {
			t.Errorf("got request to %q, want %q", r.URL.Host, host)
		}
		return nil, errors.New("recorded")
	})}
}

func TestSSODefaultPortal(t *testing.T) {
	home := t.TempDir()
	writeSSOToken(t, home, "corp", "2026-11-24T20:00:00Z")
	var got string
	client := &http.Client{Transport: roundTripFunc(func(r *http.Request) (*http.Response, error) {
		got = r.Method + " " + r.URL.String()
		return nil, errors.New("recorded")
	})}
	o := credentials.Options{Profile: "sso-new", LookupEnv: envOf(nil), HomeDir: home, ConfigFile: chainConfig,
		CredentialsFile: chainCredentials, Now: fixedNow, HTTPClient: client}
	_, _ = credentials.NewDefaultChain(o).Retrieve(context.Background())
	want := "GET https://portal.sso.eu-central-1.amazonaws.com/federation/credentials?account_id=111122223333&role_name=ReadOnly"
	if got != want {
		t.Errorf("got %q, want %q", got, want)
	}
}
