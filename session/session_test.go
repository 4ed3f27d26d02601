package session_test

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"github.com/goto3/goto3"
	"github.com/goto3/goto3/credentials"
	"github.com/goto3/goto3/retry"
	"github.com/goto3/goto3/services/s3"
	"github.com/goto3/goto3/session"
)

type precedenceCase struct {
	Setting     string            `json:"setting"`
	Sources     []string          `json:"sources"`
	Env         map[string]string `json:"env"`
	Options     map[string]any    `json:"options"`
	Config      string            `json:"config"`
	Credentials string            `json:"credentials"`
	Botocore    any               `json:"botocore"`
}

// setting reads one resolved setting from a session, in the JSON shape the
// generator records.
func setting(s *session.Session, name string) any {
	switch name {
	case "region":
		return s.Region()
	case "profile":
		return s.Profile()
	case "credentials":
		c, err := s.Credentials().Retrieve(context.Background())
		if errors.Is(err, credentials.ErrNotFound) {
			return "none"
		}
		if err != nil {
			return err.Error()
		}
		return c.Source + ":" + c.AccessKeyID
	case "endpoint_url:S3":
		return s.Config().ServiceEndpointURL("S3")
	case "endpoint_url:EC2":
		return s.Config().ServiceEndpointURL("EC2")
	case "retry_mode":
		return string(s.Config().RetryMode)
	case "max_attempts":
		return float64(s.Config().RetryMaxAttempts)
	case "use_fips_endpoint":
		return s.Config().UseFIPSEndpoint
	case "use_dualstack_endpoint":
		return s.Config().UseDualStackEndpoint
	case "s3.use_dualstack_endpoint":
		return s3Options(s).UseDualStackEndpoint
	case "s3.addressing_style":
		if st := s3Options(s).AddressingStyle; st != "" {
			return string(st)
		}
		return "auto"
	case "s3.use_accelerate_endpoint":
		return s3Options(s).UseAccelerateEndpoint
	case "request_checksum_calculation":
		return string(s.Config().RequestChecksumCalculation)
	case "response_checksum_validation":
		return string(s.Config().ResponseChecksumValidation)
	case "request_min_compression_size_bytes":
		return float64(s.Config().RequestMinCompressionSizeBytes)
	case "disable_request_compression":
		return s.Config().DisableRequestCompression
	case "s3.us_east_1_regional_endpoint":
		if v := s3Options(s).USEast1RegionalEndpoint; v != "" {
			return v
		}
		return "legacy"
	}
	return fmt.Sprintf("unknown setting %q", name)
}

// s3Options returns the options an S3 client made from s's Config gets:
// the S3 settings are S3's to read, from the Config's Sources.
func s3Options(s *session.Session) s3.Options {
	cfg := s.Config()
	if cfg.Region == "" {
		cfg.Region = "us-east-1"
	}
	c, err := s3.New(cfg)
	if err != nil {
		return s3.Options{AddressingStyle: s3.AddressingStyle(err.Error())}
	}
	return c.Options()
}

// deviation returns goto3's intended answer where it differs from botocore
// on purpose, and why.
func deviation(c precedenceCase) (want any, why string, ok bool) {
	has := func(src string) bool {
		for _, s := range c.Sources {
			if s == src {
				return true
			}
		}
		return false
	}
	switch {
	case c.Setting == "region" && has("env:AWS_REGION") && !has("option:region"):
		return c.Env["AWS_REGION"], "goto3 reads AWS_REGION (before AWS_DEFAULT_REGION) as the Go SDKs do; botocore ignores it", true
	case c.Setting == "retry_mode" && len(c.Sources) == 0:
		return "standard", "goto3 defaults to the standard retry mode (AWS CLI v2, Go SDKs); botocore defaults to legacy", true
	case c.Setting == "retry_mode" && c.Botocore == "legacy":
		return "standard", "goto3 has no legacy retry mode and reads \"legacy\" as its successor, standard (retry.ParseMode)", true
	}
	return nil, "", false
}

func TestPrecedenceMatchesBotocore(t *testing.T) {
	raw, err := os.ReadFile("../testdata/session/precedence.json")
	if err != nil {
		t.Fatal(err)
	}
	var doc struct {
		Cases []precedenceCase `json:"cases"`
	}
	if err := json.Unmarshal(raw, &doc); err != nil {
		t.Fatal(err)
	}
	if len(doc.Cases) < 100 {
		t.Fatalf("got %d cases, want the full table", len(doc.Cases))
	}
	deviations := 0
	for _, c := range doc.Cases {
		name := "none"
		if len(c.Sources) > 0 {
			name = strings.Join(c.Sources, "+")
		}
		t.Run(c.Setting+"/"+name, func(t *testing.T) {
			dir := t.TempDir()
			env := map[string]string{
				"AWS_CONFIG_FILE":             filepath.Join(dir, "config"),
				"AWS_SHARED_CREDENTIALS_FILE": filepath.Join(dir, "credentials"),
			}
			for k, v := range c.Env {
				env[k] = v
			}
			if err := os.WriteFile(env["AWS_CONFIG_FILE"], []byte(c.Config), 0o600); err != nil {
				t.Fatal(err)
			}
			if err := os.WriteFile(env["AWS_SHARED_CREDENTIALS_FILE"], []byte(c.Credentials), 0o600); err != nil {
				t.Fatal(err)
			}
			opts := func(o *session.Options) {
				o.LookupEnv = func(k string) (string, bool) { v, ok := env[k]; return v, ok }
				o.HomeDir = dir
				for k, v := range c.Options {
					switch k {
					case "region":
						o.Region = v.(string)
					case "profile":
						o.Profile = v.(string)
					case "endpoint_url":
						o.EndpointURL = v.(string)
					case "retry_mode":
						o.RetryMode = retry.Mode(v.(string))
					case "max_attempts":
						o.RetryMaxAttempts = int(v.(float64))
					default:
						t.Fatalf("unknown option %q", k)
					}
				}
			}
			s, err := session.New(opts)
			if err != nil {
				t.Fatalf("NewSession: %v", err)
			}
			want := c.Botocore
			if w, why, ok := deviation(c); ok {
				t.Logf("deviation from botocore (%v): %s", c.Botocore, why)
				want, deviations = w, deviations+1
			}
			if got := setting(s, c.Setting); got != want {
				t.Errorf("got %#v, want %#v (botocore: %#v)", got, want, c.Botocore)
			}
		})
	}
	t.Logf("%d cases, %d documented deviations", len(doc.Cases), deviations)
}

// isolated returns options for a session that reads only the given
// environment and files.
func isolated(t *testing.T, env map[string]string, config, creds string) func(*session.Options) {
	t.Helper()
	dir := t.TempDir()
	e := map[string]string{
		"AWS_CONFIG_FILE":             filepath.Join(dir, "config"),
		"AWS_SHARED_CREDENTIALS_FILE": filepath.Join(dir, "credentials"),
		"AWS_EC2_METADATA_DISABLED":   "true",
	}
	for k, v := range env {
		e[k] = v
	}
	if err := os.WriteFile(e["AWS_CONFIG_FILE"], []byte(config), 0o600); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(e["AWS_SHARED_CREDENTIALS_FILE"], []byte(creds), 0o600); err != nil {
		t.Fatal(err)
	}
	return func(o *session.Options) {
		o.LookupEnv = func(k string) (string, bool) { v, ok := e[k]; return v, ok }
		o.HomeDir = dir
	}
}

func TestNewSessionErrors(t *testing.T) {
	tests := []struct {
		name    string
		env     map[string]string
		config  string
		opts    []func(*session.Options)
		wantErr string
	}{
		{"explicit profile missing", nil, "[default]\n", []func(*session.Options){session.WithProfile("nope")}, "the config profile (nope) could not be found"},
		{"AWS_PROFILE missing", map[string]string{"AWS_PROFILE": "gone"}, "", nil, "the config profile (gone) could not be found"},
		{"malformed config", nil, "[default]\nregion = x\n\nnot an option\n", nil, "/config:4: "},
		{"bad retry mode", map[string]string{"AWS_RETRY_MODE": "sometimes"}, "", nil, `invalid retry mode "sometimes"`},
		{"bad max attempts", nil, "[default]\nmax_attempts = many\n", nil, `invalid max_attempts "many"`},
		{"bad checksum", map[string]string{"AWS_REQUEST_CHECKSUM_CALCULATION": "always"}, "", nil, `invalid request_checksum_calculation "always"`},
		{"compression size not a number", map[string]string{"AWS_REQUEST_MIN_COMPRESSION_SIZE_BYTES": "10k"}, "", nil, `invalid request_min_compression_size_bytes "10k"`},
		{"compression size zero", nil, "[default]\nrequest_min_compression_size_bytes = 0\n", nil, `invalid request_min_compression_size_bytes "0"`},
		{"compression size too big", map[string]string{"AWS_REQUEST_MIN_COMPRESSION_SIZE_BYTES": "1048577"}, "", nil, `invalid request_min_compression_size_bytes "1048577"`},
		{"missing services section", nil, "[default]\nservices = nowhere\n", nil, `services section "nowhere"`},
		{"half explicit credentials", nil, "", []func(*session.Options){session.WithCredentials("AKID", "", "")}, "need both"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			opts := append([]func(*session.Options){isolated(t, tt.env, tt.config, "")}, tt.opts...)
			_, err := session.New(opts...)
			if err == nil || !strings.Contains(err.Error(), tt.wantErr) {
				t.Fatalf("got %v, want error containing %q", err, tt.wantErr)
			}
		})
	}
	t.Run("ErrProfileNotFound", func(t *testing.T) {
		_, err := session.New(isolated(t, nil, "", ""), session.WithProfile("x"))
		var pnf *credentials.ProfileNotFoundError
		if !errors.As(err, &pnf) {
			t.Errorf("got %v, want a *credentials.ProfileNotFoundError", err)
		}
	})
}

// A client made from a session without a region fails when it is made.
func TestNoRegion(t *testing.T) {
	s, err := session.New(isolated(t, nil, "", ""))
	if err != nil {
		t.Fatal(err)
	}
	_, err = s3.New(s.Config())
	var nr *goto3.NoRegionError
	if !errors.As(err, &nr) || nr.Service != "s3" || !strings.Contains(err.Error(), "you must specify a region") {
		t.Fatalf("got %v, want *NoRegionError for s3", err)
	}
	s, err = session.New(isolated(t, nil, "", ""), session.WithRegion("eu-west-1"))
	if err != nil {
		t.Fatal(err)
	}
	if _, err := s3.New(s.Config()); err != nil {
		t.Errorf("got %v with a region, want nil", err)
	}
}

func TestSessionCredentials(t *testing.T) {
	ctx := context.Background()
	env := map[string]string{"AWS_ACCESS_KEY_ID": "AKIDENV", "AWS_SECRET_ACCESS_KEY": "env-secret"}
	creds := "[default]\naws_access_key_id = AKIDDEF\naws_secret_access_key = def\n[dev]\naws_access_key_id = AKIDDEV\naws_secret_access_key = dev\n"
	tests := []struct {
		name       string
		opts       []func(*session.Options)
		wantKey    string
		wantSource string
	}{
		{"environment", nil, "AKIDENV", "env"},
		{"explicit profile drops env keys", []func(*session.Options){session.WithProfile("dev")}, "AKIDDEV", "shared-credentials-file"},
		{"explicit keys", []func(*session.Options){session.WithCredentials("AKIDX", "x-secret", "tok")}, "AKIDX", "explicit"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			opts := append([]func(*session.Options){isolated(t, env, "", creds)}, tt.opts...)
			s, err := session.New(opts...)
			if err != nil {
				t.Fatal(err)
			}
			c, err := s.Credentials().Retrieve(ctx)
			if err != nil {
				t.Fatal(err)
			}
			if c.AccessKeyID != tt.wantKey || c.Source != tt.wantSource {
				t.Errorf("got %s from %s, want %s from %s", c.AccessKeyID, c.Source, tt.wantKey, tt.wantSource)
			}
		})
	}
}

func TestSessionConcurrentUse(t *testing.T) {
	s, err := session.New(isolated(t, map[string]string{"AWS_ACCESS_KEY_ID": "A", "AWS_SECRET_ACCESS_KEY": "S", "AWS_REGION": "us-east-2"}, "", ""))
	if err != nil {
		t.Fatal(err)
	}
	if s.Credentials() != s.Credentials() {
		t.Fatal("Credentials() returned different caches; clients must share one")
	}
	var wg sync.WaitGroup
	for range 20 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			if _, err := s.Credentials().Retrieve(context.Background()); err != nil {
				t.Error(err)
			}
			if s.Region() != "us-east-2" || s.Config().ServiceEndpointURL("S3") != "" {
				t.Error("unexpected settings")
			}
		}()
	}
	wg.Wait()
}

func TestServiceIDToEnvName(t *testing.T) {
	s, err := session.New(isolated(t, map[string]string{"AWS_ENDPOINT_URL_ELASTIC_LOAD_BALANCING_V2": "http://elb.local"},
		"[default]\nservices = s\n[services s]\nelastic_load_balancing_v2 =\n  endpoint_url = http://from-config\n", ""))
	if err != nil {
		t.Fatal(err)
	}
	if got := s.Config().ServiceEndpointURL("Elastic Load Balancing v2"); got != "http://elb.local" {
		t.Errorf("got %q, want the AWS_ENDPOINT_URL_ELASTIC_LOAD_BALANCING_V2 value", got)
	}
	s, err = session.New(isolated(t, nil, "[default]\nservices = s\n[services s]\nelastic_load_balancing_v2 =\n  endpoint_url = http://from-config\n", ""))
	if err != nil {
		t.Fatal(err)
	}
	if got := s.Config().ServiceEndpointURL("elastic-load-balancing-v2"); got != "http://from-config" {
		t.Errorf("got %q, want the services section value", got)
	}
}
