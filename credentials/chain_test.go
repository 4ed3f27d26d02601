package credentials_test

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/goto3/goto3/credentials"
)

func TestDefaultChainOrder(t *testing.T) {
	envKeys := map[string]string{"AWS_ACCESS_KEY_ID": "AKIDENV", "AWS_SECRET_ACCESS_KEY": "env-secret"}
	tests := []struct {
		name       string
		profile    string
		env        map[string]string
		wantSource string
		wantKey    string
	}{
		{"env first", "", envKeys, "env", "AKIDENV"},
		{"AWS_PROFILE does not drop env", "", merge(envKeys, map[string]string{"AWS_PROFILE": "base"}), "env", "AKIDENV"},
		{"explicit profile drops env", "base", envKeys, "shared-credentials-file", "AKIDBASE"},
		{"AWS_PROFILE selects profile", "", map[string]string{"AWS_PROFILE": "base"}, "shared-credentials-file", "AKIDBASE"},
		{"AWS_DEFAULT_PROFILE before AWS_PROFILE", "", map[string]string{"AWS_PROFILE": "base", "AWS_DEFAULT_PROFILE": "static-config"}, "config-file", "AKIDCONFIG"},
		{"credentials file before config file", "both-files", nil, "shared-credentials-file", "AKIDFROMCREDS"},
		{"default profile", "", nil, "shared-credentials-file", "AKIDDEFAULT"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			o := credentials.Options{Profile: tt.profile, LookupEnv: envOf(tt.env), HomeDir: t.TempDir(),
				ConfigFile: chainConfig, CredentialsFile: chainCredentials}
			got, err := credentials.NewDefaultChain(o).Retrieve(context.Background())
			if err != nil {
				t.Fatal(err)
			}
			if got.Source != tt.wantSource || got.AccessKeyID != tt.wantKey {
				t.Errorf("got %s from %s, want %s from %s", got.AccessKeyID, got.Source, tt.wantKey, tt.wantSource)
			}
		})
	}
}

func merge(a, b map[string]string) map[string]string {
	out := map[string]string{}
	for k, v := range a {
		out[k] = v
	}
	for k, v := range b {
		out[k] = v
	}
	return out
}

func TestDefaultChainNothingFound(t *testing.T) {
	o := credentials.Options{LookupEnv: envOf(map[string]string{"AWS_EC2_METADATA_DISABLED": "true"}), HomeDir: t.TempDir(),
		ConfigFile: "/nonexistent/config", CredentialsFile: "/nonexistent/credentials"}
	_, err := credentials.NewDefaultChain(o).Retrieve(context.Background())
	var nc *credentials.NoCredentialsError
	if !errors.As(err, &nc) || !errors.Is(err, credentials.ErrNotFound) {
		t.Fatalf("got %v, want *NoCredentialsError matching ErrNotFound", err)
	}
	var names []string
	for _, s := range nc.Tried {
		name, _, _ := strings.Cut(s, ":")
		names = append(names, name)
	}
	want := []string{"env", "assume-role", "assume-role-with-web-identity", "sso", "shared-credentials-file", "custom-process", "config-file", "container-role", "iam-role"}
	if d := cmp.Diff(want, names); d != "" {
		t.Errorf("tried (-want +got):\n%s\n%v", d, err)
	}
}

func TestMalformedConfigStopsChain(t *testing.T) {
	o := credentials.Options{Profile: "x", LookupEnv: envOf(nil), HomeDir: t.TempDir(), ConfigFile: "cfg", CredentialsFile: "none",
		ReadFile: overlay(map[string]string{"cfg": "[profile x]\nregion = a\nbroken line\n"})}
	_, err := credentials.NewDefaultChain(o).Retrieve(context.Background())
	if err == nil || !strings.Contains(err.Error(), "cfg:3:") {
		t.Fatalf("got %v, want an error naming cfg:3", err)
	}
}

// counting is a provider returning credentials that expire at exp, counting calls.
type counting struct {
	calls atomic.Int32
	exp   func() time.Time
	err   error
	delay time.Duration
}

func (c *counting) Retrieve(ctx context.Context) (credentials.Credentials, error) {
	n := c.calls.Add(1)
	if c.delay > 0 {
		time.Sleep(c.delay)
	}
	if c.err != nil {
		return credentials.Credentials{}, c.err
	}
	return credentials.Credentials{AccessKeyID: "AKID" + string(rune('0'+n)), SecretAccessKey: "s", Expires: c.exp()}, nil
}

type clock struct {
	mu sync.Mutex
	t  time.Time
}

func (c *clock) Now() time.Time  { c.mu.Lock(); defer c.mu.Unlock(); return c.t }
func (c *clock) Set(t time.Time) { c.mu.Lock(); c.t = t; c.mu.Unlock() }

func TestCacheWindows(t *testing.T) {
	clk := &clock{t: testNow}
	exp := testNow.Add(time.Hour)
	p := &counting{exp: func() time.Time { return exp }}
	c := credentials.NewCache(p, func(o *credentials.CacheOptions) { o.Now = clk.Now })
	ctx := context.Background()
	steps := []struct {
		name      string
		at        time.Duration // offset from testNow
		failWith  error
		wantKey   string
		wantCalls int32
		wantErr   bool
	}{
		{"first fetch", 0, nil, "AKID1", 1, false},
		{"fresh", 44 * time.Minute, nil, "AKID1", 1, false},
		{"advisory window refreshes", 46 * time.Minute, nil, "AKID2", 2, false},
		{"advisory failure keeps old", 46*time.Minute + time.Hour, errors.New("sts down"), "AKID2", 3, false},
		{"mandatory failure is an error", 51*time.Minute + time.Hour, errors.New("sts down"), "", 4, true},
		{"mandatory refresh", 51*time.Minute + time.Hour, nil, "AKID5", 5, false},
	}
	for _, s := range steps {
		t.Run(s.name, func(t *testing.T) {
			clk.Set(testNow.Add(s.at))
			p.err = s.failWith
			if s.wantKey == "AKID5" {
				exp = testNow.Add(3 * time.Hour)
			} else if s.wantKey == "AKID2" && s.failWith == nil {
				exp = testNow.Add(2 * time.Hour)
			}
			got, err := c.Retrieve(ctx)
			if (err != nil) != s.wantErr {
				t.Fatalf("got error %v, want error %v", err, s.wantErr)
			}
			if got.AccessKeyID != s.wantKey {
				t.Errorf("got key %q, want %q", got.AccessKeyID, s.wantKey)
			}
			if n := p.calls.Load(); n != s.wantCalls {
				t.Errorf("got %d provider calls, want %d", n, s.wantCalls)
			}
		})
	}
	t.Run("non-expiring kept", func(t *testing.T) {
		p := &counting{exp: func() time.Time { return time.Time{} }}
		c := credentials.NewCache(p, func(o *credentials.CacheOptions) { o.Now = clk.Now })
		for i := 0; i < 3; i++ {
			if _, err := c.Retrieve(ctx); err != nil {
				t.Fatal(err)
			}
		}
		if n := p.calls.Load(); n != 1 {
			t.Errorf("got %d calls, want 1", n)
		}
		c.Invalidate()
		if _, err := c.Retrieve(ctx); err != nil || p.calls.Load() != 2 {
			t.Errorf("got %d calls after Invalidate (err %v), want 2", p.calls.Load(), err)
		}
	})
}

func TestCacheOneRefreshFor100Goroutines(t *testing.T) {
	clk := &clock{t: testNow}
	var expires atomic.Int64
	expires.Store(testNow.Add(5 * time.Minute).UnixNano()) // inside the mandatory window
	p := &counting{exp: func() time.Time { return time.Unix(0, expires.Load()) }, delay: 20 * time.Millisecond}
	c := credentials.NewCache(p, func(o *credentials.CacheOptions) { o.Now = clk.Now })
	if _, err := c.Retrieve(context.Background()); err != nil {
		t.Fatal(err)
	}
	expires.Store(testNow.Add(time.Hour).UnixNano())
	start := make(chan struct{})
	var wg sync.WaitGroup
	keys := make([]string, 100)
	errs := make([]error, 100)
	for i := range 100 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			<-start
			cr, err := c.Retrieve(context.Background())
			keys[i], errs[i] = cr.AccessKeyID, err
		}()
	}
	close(start)
	wg.Wait()
	if n := p.calls.Load(); n != 2 {
		t.Errorf("got %d provider calls, want 2 (the first fetch and exactly one refresh)", n)
	}
	for i := range 100 {
		if errs[i] != nil || keys[i] != "AKID2" {
			t.Fatalf("goroutine %d got %q, %v, want AKID2", i, keys[i], errs[i])
		}
	}
}

func TestCacheContextCancel(t *testing.T) {
	p := &counting{exp: func() time.Time { return time.Time{} }, delay: 200 * time.Millisecond}
	c := credentials.NewCache(p)
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Millisecond)
	defer cancel()
	if _, err := c.Retrieve(ctx); !errors.Is(err, context.DeadlineExceeded) {
		t.Errorf("got %v, want context.DeadlineExceeded", err)
	}
}

func TestDefaultChainLateProviders(t *testing.T) {
	cont := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		io.WriteString(w, containerJSON)
	}))
	defer cont.Close()
	var mu sync.Mutex
	var log []string
	imds := fakeIMDS(t, &log, &mu)
	self, err := os.Executable()
	if err != nil {
		t.Fatal(err)
	}
	t.Setenv("GOTO3_CREDENTIAL_HELPER", "static")
	processAndKeys := fmt.Sprintf("[default]\ncredential_process = %q -test.run=^TestHelperProcess$\naws_access_key_id = AKIDCFG\naws_secret_access_key = s\n", self)
	tests := []struct {
		name, config, wantSource string
		env                      map[string]string
	}{
		{"process before config-file keys", processAndKeys, "custom-process", nil},
		{"container before IMDS", "", "container-role", map[string]string{"AWS_CONTAINER_CREDENTIALS_FULL_URI": cont.URL}},
		{"IMDS last", "", "iam-role", nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			o := credentials.Options{LookupEnv: envOf(tt.env), HomeDir: t.TempDir(), ConfigFile: "cfg", CredentialsFile: "none",
				ReadFile: overlay(map[string]string{"cfg": tt.config}), IMDSEndpoint: imds.URL}
			got, err := credentials.NewDefaultChain(o).Retrieve(context.Background())
			if err != nil {
				t.Fatal(err)
			}
			if got.Source != tt.wantSource {
				t.Errorf("got %s, want %s", got.Source, tt.wantSource)
			}
		})
	}
}
