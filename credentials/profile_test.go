package credentials_test

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/goto3/goto3/credentials"
)

func TestProfileProviders(t *testing.T) {
	exp := time.Date(2026, 11, 24, 13, 0, 0, 0, time.UTC)
	tests := []struct {
		profile string
		env     map[string]string
		mfa     bool
		want    credentials.Credentials
		wantErr string
		// wantCalls lists "RoleArn RoleSessionName signed-by" per STS call.
		wantCalls []string
		check     func(t *testing.T, calls []stsCall)
	}{
		{profile: "default", want: credentials.Credentials{AccessKeyID: "AKIDDEFAULT", SecretAccessKey: "default-secret", Source: "shared-credentials-file"}},
		{profile: "static-config", want: credentials.Credentials{AccessKeyID: "AKIDCONFIG", SecretAccessKey: "config-secret", SessionToken: "config-token", Source: "config-file"}},
		{profile: "both-files", want: credentials.Credentials{AccessKeyID: "AKIDFROMCREDS", SecretAccessKey: "from-creds", Source: "shared-credentials-file"}},
		{profile: "with-account", want: credentials.Credentials{AccessKeyID: "AKIDACCT", SecretAccessKey: "acct-secret", Source: "shared-credentials-file", AccountID: "999988887777"}},
		{profile: "legacy-token", want: credentials.Credentials{AccessKeyID: "AKIDLEGACY", SecretAccessKey: "legacy-secret", SessionToken: "legacy-token", Source: "shared-credentials-file"}},
		{profile: "partial-creds", wantErr: `profile "partial-creds" in the shared credentials file has aws_access_key_id but no aws_secret_access_key`},
		{profile: "partial-config", wantErr: `profile "partial-config" in the config file has aws_access_key_id but no aws_secret_access_key`},
		{profile: "no-creds", wantErr: "no credentials found"},
		{profile: "nonexistent", wantErr: "the config profile (nonexistent) could not be found"},
		{
			profile:   "role-static",
			want:      credentials.Credentials{AccessKeyID: "ASIASESS-STATIC", SecretAccessKey: "secret-sess-static", SessionToken: "token-sess-static", Expires: exp, Source: "assume-role", AccountID: "123456789012"},
			wantCalls: []string{"arn:aws:iam::123456789012:role/Static sess-static AKIDBASE"},
			check: func(t *testing.T, calls []stsCall) {
				f := calls[0].Form
				if got := f.Get("ExternalId"); got != "ext-123" {
					t.Errorf("got ExternalId %q, want ext-123", got)
				}
				if got := f.Get("DurationSeconds"); got != "1800" {
					t.Errorf("got DurationSeconds %q, want 1800", got)
				}
			},
		},
		{
			profile: "role-chain",
			want:    credentials.Credentials{AccessKeyID: "ASIASESS-OUTER", SecretAccessKey: "secret-sess-outer", SessionToken: "token-sess-outer", Expires: exp, Source: "assume-role", AccountID: "123456789012"},
			wantCalls: []string{
				"arn:aws:iam::123456789012:role/Static sess-static AKIDBASE",
				"arn:aws:iam::123456789012:role/Outer sess-outer ASIASESS-STATIC",
			},
			check: func(t *testing.T, calls []stsCall) {
				if got := calls[1].Token; got != "token-sess-static" {
					t.Errorf("got session token %q on the outer call, want the inner role's", got)
				}
			},
		},
		{
			profile:   "role-self",
			want:      credentials.Credentials{AccessKeyID: "ASIASESS-SELF", SecretAccessKey: "secret-sess-self", SessionToken: "token-sess-self", Expires: exp, Source: "assume-role", AccountID: "123456789012"},
			wantCalls: []string{"arn:aws:iam::123456789012:role/Self sess-self AKIDSELF"},
		},
		{profile: "cycle-a", wantErr: "source_profile cycle: cycle-a -> cycle-b -> cycle-a"},
		{
			profile:   "role-env",
			env:       map[string]string{"AWS_ACCESS_KEY_ID": "AKIDENV", "AWS_SECRET_ACCESS_KEY": "env-secret"},
			want:      credentials.Credentials{AccessKeyID: "ASIASESS-ENV", SecretAccessKey: "secret-sess-env", SessionToken: "token-sess-env", Expires: exp, Source: "assume-role", AccountID: "123456789012"},
			wantCalls: []string{"arn:aws:iam::123456789012:role/FromEnv sess-env AKIDENV"},
		},
		{profile: "role-bad-source", wantErr: `credential_source "Nowhere" in profile "role-bad-source" is not valid`},
		{profile: "role-both", wantErr: "has both source_profile and credential_source"},
		{profile: "role-missing-source", wantErr: `the source_profile "does-not-exist" referenced in profile "role-missing-source" does not exist`},
		{profile: "role-empty-source", wantErr: `the source profile "no-creds" must have credentials`},
		{profile: "role-mfa", wantErr: "requires an MFA code"},
		{
			profile:   "role-mfa",
			mfa:       true,
			want:      credentials.Credentials{AccessKeyID: "ASIASESS-MFA", SecretAccessKey: "secret-sess-mfa", SessionToken: "token-sess-mfa", Expires: exp, Source: "assume-role", AccountID: "123456789012"},
			wantCalls: []string{"arn:aws:iam::123456789012:role/Mfa sess-mfa AKIDBASE"},
			check: func(t *testing.T, calls []stsCall) {
				f := calls[0].Form
				if f.Get("SerialNumber") != "arn:aws:iam::123456789012:mfa/alice" || f.Get("TokenCode") != "123456" {
					t.Errorf("got SerialNumber %q TokenCode %q, want the mfa serial and 123456", f.Get("SerialNumber"), f.Get("TokenCode"))
				}
			},
		},
		{
			profile:   "web",
			want:      credentials.Credentials{AccessKeyID: "ASIASESS-WEB", SecretAccessKey: "secret-sess-web", SessionToken: "token-sess-web", Expires: exp, Source: "assume-role-with-web-identity", AccountID: "123456789012"},
			wantCalls: []string{"arn:aws:iam::123456789012:role/Web sess-web "},
			check: func(t *testing.T, calls []stsCall) {
				if got := calls[0].Form.Get("WebIdentityToken"); got != "jwt-from-profile" {
					t.Errorf("got WebIdentityToken %q, want jwt-from-profile", got)
				}
			},
		},
		{profile: "sso-incomplete", wantErr: `profile "sso-incomplete" is configured to use SSO but is missing sso_role_name, sso_start_url, sso_region`},
		{profile: "sso-mismatch", wantErr: `sso_start_url differs between profile "sso-mismatch"`},
		{profile: "sso-missing-session", wantErr: `the sso-session "nope" named in profile "sso-missing-session" does not exist`},
	}
	for _, tt := range tests {
		name := tt.profile
		if tt.mfa {
			name += "/with-mfa"
		}
		t.Run(name, func(t *testing.T) {
			sts := newFakeSTS(t, map[string]string{"AKIDBASE": "base-secret", "AKIDSELF": "self-secret", "AKIDENV": "env-secret"})
			o := credentials.Options{
				Profile:         tt.profile,
				LookupEnv:       envOf(tt.env),
				HomeDir:         t.TempDir(),
				ConfigFile:      chainConfig,
				CredentialsFile: chainCredentials,
				ReadFile:        overlay(map[string]string{"WEBTOKENFILE": "jwt-from-profile\n"}),
				Now:             fixedNow,
				STSEndpoint:     sts.srv.URL,
				Region:          "us-east-1",
			}
			if tt.mfa {
				o.MFATokenFunc = func(_ context.Context, serial string) (string, error) { return "123456", nil }
			}
			got, err := credentials.NewDefaultChain(o).Retrieve(context.Background())
			if tt.wantErr != "" {
				if err == nil || !strings.Contains(err.Error(), tt.wantErr) {
					t.Fatalf("got error %v, want one containing %q", err, tt.wantErr)
				}
				return
			}
			if err != nil {
				t.Fatalf("got error %v", err)
			}
			if d := cmp.Diff(tt.want, got); d != "" {
				t.Errorf("credentials (-want +got):\n%s", d)
			}
			calls := sts.Calls()
			var gotCalls []string
			for _, c := range calls {
				gotCalls = append(gotCalls, fmt.Sprintf("%s %s %s", c.Form.Get("RoleArn"), c.Form.Get("RoleSessionName"), c.AccessKey))
			}
			if d := cmp.Diff(tt.wantCalls, gotCalls); d != "" {
				t.Errorf("STS calls (-want +got):\n%s", d)
			}
			if tt.check != nil && len(calls) > 0 {
				tt.check(t, calls)
			}
		})
	}
}

func TestSTSErrorDocument(t *testing.T) {
	sts := newFakeSTS(t, map[string]string{"AKIDBASE": "base-secret"})
	sts.fail = "AccessDenied"
	o := credentials.Options{Profile: "role-static", LookupEnv: envOf(nil), HomeDir: t.TempDir(),
		ConfigFile: chainConfig, CredentialsFile: chainCredentials, Now: fixedNow, STSEndpoint: sts.srv.URL}
	_, err := credentials.NewDefaultChain(o).Retrieve(context.Background())
	var se *credentials.STSError
	if !errors.As(err, &se) {
		t.Fatalf("got %v, want *credentials.STSError", err)
	}
	want := &credentials.STSError{StatusCode: 403, Type: "Sender", Code: "AccessDenied", Message: "not allowed", RequestID: "req-err"}
	if d := cmp.Diff(want, se); d != "" {
		t.Errorf("(-want +got):\n%s", d)
	}
	if se.ErrorCode() != "AccessDenied" {
		t.Errorf("got ErrorCode %q, want AccessDenied", se.ErrorCode())
	}
	if strings.Contains(err.Error(), "base-secret") {
		t.Errorf("error %q leaks the secret", err)
	}
}

func TestWebIdentityFromEnv(t *testing.T) {
	sts := newFakeSTS(t, nil)
	env := map[string]string{
		"AWS_WEB_IDENTITY_TOKEN_FILE": "ENVTOKEN",
		"AWS_ROLE_ARN":                "arn:aws:iam::123456789012:role/Env",
		"AWS_ROLE_SESSION_NAME":       "envsess",
	}
	for _, tt := range []struct {
		name, profile string
		wantSource    string
	}{
		{"implicit profile uses env", "", "assume-role-with-web-identity"},
		{"explicit profile ignores env", "default", "shared-credentials-file"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			o := credentials.Options{Profile: tt.profile, LookupEnv: envOf(env), HomeDir: t.TempDir(),
				ConfigFile: chainConfig, CredentialsFile: chainCredentials, Now: fixedNow, STSEndpoint: sts.srv.URL,
				ReadFile: overlay(map[string]string{"ENVTOKEN": "env-jwt"})}
			got, err := credentials.NewDefaultChain(o).Retrieve(context.Background())
			if err != nil {
				t.Fatal(err)
			}
			if got.Source != tt.wantSource {
				t.Errorf("got source %q, want %q", got.Source, tt.wantSource)
			}
		})
	}
	calls := sts.Calls()
	if len(calls) != 1 {
		t.Fatalf("got %d STS calls, want 1", len(calls))
	}
	f := calls[0].Form
	if f.Get("Action") != "AssumeRoleWithWebIdentity" || f.Get("WebIdentityToken") != "env-jwt" || f.Get("RoleSessionName") != "envsess" || calls[0].AccessKey != "" {
		t.Errorf("got form %v signed by %q, want the env token, session name, unsigned", f, calls[0].AccessKey)
	}
}

func TestSTSEndpoint(t *testing.T) {
	// Without STSEndpoint the request goes to the regional or global host;
	// a transport records it.
	tests := []struct {
		name   string
		region string
		env    map[string]string
		want   string
	}{
		{"option region", "eu-west-3", nil, "https://sts.eu-west-3.amazonaws.com/"},
		{"AWS_REGION", "", map[string]string{"AWS_REGION": "ap-south-1"}, "https://sts.ap-south-1.amazonaws.com/"},
		{"profile region", "", nil, "https://sts.eu-west-1.amazonaws.com/"}, // role-static has region = eu-west-1
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var got string
			client := &http.Client{Transport: roundTripFunc(func(r *http.Request) (*http.Response, error) {
				got = r.URL.String()
				return nil, errors.New("stop")
			})}
			o := credentials.Options{Profile: "role-static", LookupEnv: envOf(tt.env), HomeDir: t.TempDir(), Region: tt.region,
				ConfigFile: chainConfig, CredentialsFile: chainCredentials, Now: fixedNow, HTTPClient: client}
			_, _ = credentials.NewDefaultChain(o).Retrieve(context.Background())
			if got != tt.want {
				t.Errorf("got %q, want %q", got, tt.want)
			}
		})
	}
}

func TestSTSSignatureIsChecked(t *testing.T) {
	// The fake STS knows a different secret for AKIDBASE, so the signature
	// the provider computes with the file's secret must not verify.
	sts := newFakeSTS(t, map[string]string{"AKIDBASE": "not-the-secret"})
	o := credentials.Options{Profile: "role-static", LookupEnv: envOf(nil), HomeDir: t.TempDir(),
		ConfigFile: chainConfig, CredentialsFile: chainCredentials, Now: fixedNow, STSEndpoint: sts.srv.URL}
	_, err := credentials.NewDefaultChain(o).Retrieve(context.Background())
	var se *credentials.STSError
	if !errors.As(err, &se) || se.Code != "SignatureDoesNotMatch" {
		t.Fatalf("got %v, want SignatureDoesNotMatch", err)
	}
}
