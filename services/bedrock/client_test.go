package bedrock_test

import (
	"context"
	"encoding/json"
	"net/http"
	"os"
	"slices"
	"strings"
	"testing"

	"github.com/goto3/goto3"
	"github.com/goto3/goto3/credentials"
	"github.com/goto3/goto3/internal/testing/servicetest"
	"github.com/goto3/goto3/retry"
	"github.com/goto3/goto3/services/bedrock"
)

func testConfig(env map[string]string) goto3.Config {
	return goto3.Config{Region: "us-east-1", Credentials: credentials.NewStatic("AKID", "SECRET", "STOK"),
		Sources: goto3.Sources{LookupEnv: func(k string) (string, bool) { v, ok := env[k]; return v, ok }}}
}

func testClient(t *testing.T, rt http.RoundTripper, cfg goto3.Config, optFns ...func(*bedrock.Options)) *bedrock.Client {
	t.Helper()
	r, err := retry.New(retry.Options{MaxAttempts: 1})
	if err != nil {
		t.Fatal(err)
	}
	c, err := bedrock.New(cfg, func(o *bedrock.Options) {
		o.HTTPClient = &http.Client{Transport: rt}
		o.Retryer = r
		for _, f := range optFns {
			f(o)
		}
	})
	if err != nil {
		t.Fatal(err)
	}
	return c
}

// TestEveryOperationEmptyInput calls every Bedrock operation with an
// empty input: each is refused by validation naming a member or goes
// through.
func TestEveryOperationEmptyInput(t *testing.T) {
	c := testClient(t, &servicetest.Transport{Body: "{}"}, testConfig(nil))
	passed, invalid := servicetest.EveryOperation(t, c, len(bedrock.OperationSchemas()))
	t.Logf("%d operations went through, %d were refused", passed, invalid)
}

// TestResolvedURLs: the endpoint and credential scope Bedrock's rule set
// gives (signing name bedrock), through whole calls, as botocore 1.43
// sends them.
func TestResolvedURLs(t *testing.T) {
	tests := []struct {
		name      string
		opts      func(*bedrock.Options)
		wantURL   string
		wantScope string
	}{
		{"us-east-1", nil, "https://bedrock.us-east-1.amazonaws.com/foundation-models", "us-east-1/bedrock/aws4_request"},
		{"china", func(o *bedrock.Options) { o.Region = "cn-north-1" }, "https://bedrock.cn-north-1.amazonaws.com.cn/foundation-models", "cn-north-1/bedrock/aws4_request"},
		{"fips", func(o *bedrock.Options) { o.UseFIPSEndpoint = true }, "https://bedrock-fips.us-east-1.amazonaws.com/foundation-models", "us-east-1/bedrock/aws4_request"},
		{"govcloud fips", func(o *bedrock.Options) { o.Region, o.UseFIPSEndpoint = "us-gov-west-1", true }, "https://bedrock-fips.us-gov-west-1.amazonaws.com/foundation-models", "us-gov-west-1/bedrock/aws4_request"},
		{"dual-stack", func(o *bedrock.Options) { o.UseDualStackEndpoint = true }, "https://bedrock.us-east-1.api.aws/foundation-models", "us-east-1/bedrock/aws4_request"},
		{"custom endpoint", func(o *bedrock.Options) { o.EndpointURL = "http://127.0.0.1:4566" }, "http://127.0.0.1:4566/foundation-models", "us-east-1/bedrock/aws4_request"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			rt := &servicetest.Transport{Body: "{}"}
			var fns []func(*bedrock.Options)
			if tt.opts != nil {
				fns = append(fns, tt.opts)
			}
			c := testClient(t, rt, testConfig(nil), fns...)
			if _, err := c.ListFoundationModels(context.Background(), &bedrock.ListFoundationModelsInput{}); err != nil {
				t.Fatal(err)
			}
			req, _ := rt.Last(t)
			if got := req.URL.String(); got != tt.wantURL {
				t.Errorf("URL: got %s, want %s", got, tt.wantURL)
			}
			if got := req.Header.Get("Authorization"); !strings.Contains(got, "/"+tt.wantScope+",") {
				t.Errorf("Authorization: got %s, want scope %s", got, tt.wantScope)
			}
		})
	}
}

// TestBearerToken: as botocore 1.43 does (checked with its before-send
// hook), AWS_BEARER_TOKEN_BEDROCK makes every request carry
// "Authorization: Bearer <token>" and no SigV4 header (X-Amz-Date,
// X-Amz-Security-Token); without it requests are signed; an auth scheme
// preference set in code for sigv4 wins over the token, per client or per
// call; a token set in code is used like the variable's.
func TestBearerToken(t *testing.T) {
	withToken := map[string]string{"AWS_BEARER_TOKEN_BEDROCK": "tok-1"}
	sigv4 := func(o *bedrock.Options) { o.AuthSchemePreference = []string{"sigv4"} }
	tests := []struct {
		name    string
		env     map[string]string
		opts    []func(*bedrock.Options)
		perCall []func(*bedrock.Options)
		want    string // the token, or "" for a signature
	}{
		{"token from the environment", withToken, nil, nil, "tok-1"},
		{"no token", nil, nil, nil, ""},
		{"other service's variable", map[string]string{"AWS_BEARER_TOKEN_BEDROCK_RUNTIME": "x"}, nil, nil, ""},
		{"preference for sigv4 in code", withToken, []func(*bedrock.Options){sigv4}, nil, ""},
		{"preference for sigv4 per call", withToken, nil, []func(*bedrock.Options){sigv4}, ""},
		{"preference for bearer in code", withToken, []func(*bedrock.Options){func(o *bedrock.Options) { o.AuthSchemePreference = []string{"httpBearerAuth", "sigv4"} }}, nil, "tok-1"},
		{"token set in code", nil, []func(*bedrock.Options){func(o *bedrock.Options) { o.BearerToken = "tok-2" }}, nil, "tok-2"},
		{"token set per call", nil, nil, []func(*bedrock.Options){func(o *bedrock.Options) { o.BearerToken = "tok-3" }}, "tok-3"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			rt := &servicetest.Transport{Body: `{"modelSummaries":[]}`}
			c := testClient(t, rt, testConfig(tt.env), tt.opts...)
			if _, err := c.ListFoundationModels(context.Background(), &bedrock.ListFoundationModelsInput{}, tt.perCall...); err != nil {
				t.Fatal(err)
			}
			req, _ := rt.Last(t)
			auth := req.Header.Get("Authorization")
			if tt.want == "" {
				if !strings.HasPrefix(auth, "AWS4-HMAC-SHA256 Credential=AKID/") || req.Header.Get("X-Amz-Security-Token") != "STOK" {
					t.Errorf("Authorization %q, want a SigV4 signature", auth)
				}
				return
			}
			if auth != "Bearer "+tt.want {
				t.Errorf("Authorization: got %q, want Bearer %s", auth, tt.want)
			}
			for k := range req.Header {
				if strings.HasPrefix(strings.ToLower(k), "x-amz-") {
					t.Errorf("header %s on a bearer request (botocore sends no X-Amz-* header)", k)
				}
			}
		})
	}

	// A token needs no credentials; a preference for bearer auth without
	// a token fails the call (botocore's NoAuthTokenError).
	rt := &servicetest.Transport{Body: `{}`}
	c := testClient(t, rt, goto3.Config{Region: "us-east-1", Sources: goto3.Sources{LookupEnv: func(k string) (string, bool) { return withToken[k], k == "AWS_BEARER_TOKEN_BEDROCK" }}})
	if _, err := c.ListFoundationModels(context.Background(), &bedrock.ListFoundationModelsInput{}); err != nil {
		t.Fatalf("with a token and no credentials: %v", err)
	}
	c = testClient(t, rt, testConfig(nil), func(o *bedrock.Options) { o.AuthSchemePreference = []string{"httpBearerAuth"} })
	if _, err := c.ListFoundationModels(context.Background(), &bedrock.ListFoundationModelsInput{}); err == nil || !strings.Contains(err.Error(), "bearer token") {
		t.Errorf("preference for bearer auth without a token: got %v, want an error", err)
	}
}

// TestAuthSchemes: the model lists the auth schemes the customization
// chooses from, in its order.
func TestAuthSchemes(t *testing.T) {
	b, err := os.ReadFile("../../internal/codegen/models/bedrock/2023-04-20/service-2.json")
	if err != nil {
		t.Fatal(err)
	}
	var m struct {
		Metadata struct {
			Auth []string `json:"auth"`
		} `json:"metadata"`
	}
	if err := json.Unmarshal(b, &m); err != nil {
		t.Fatal(err)
	}
	if !slices.Equal(m.Metadata.Auth, bedrock.AuthSchemes) {
		t.Errorf("the model lists %q, the customization %q", m.Metadata.Auth, bedrock.AuthSchemes)
	}
}
