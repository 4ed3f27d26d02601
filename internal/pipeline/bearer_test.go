package pipeline_test

import (
	"context"
	"io"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/goto3/goto3/credentials"
	"github.com/goto3/goto3/internal/pipeline"
	"github.com/goto3/goto3/protocol"
	"github.com/goto3/goto3/retry"
)

func TestBearerTokenEnv(t *testing.T) {
	for in, want := range map[string]string{"bedrock": "AWS_BEARER_TOKEN_BEDROCK", "bedrock-agent core": "AWS_BEARER_TOKEN_BEDROCK_AGENT_CORE"} {
		if got := pipeline.BearerTokenEnv(in); got != want {
			t.Errorf("BearerTokenEnv(%q): got %s, want %s", in, got, want)
		}
	}
}

// TestBearerAuth is botocore's choice between signature and token
// (_set_auth_scheme_preference_signer), case by case.
func TestBearerAuth(t *testing.T) {
	both := []string{"aws.auth#sigv4", "smithy.api#httpBearerAuth"}
	tests := []struct {
		name    string
		schemes []string
		token   string
		pref    []string
		want    string // "sign", "bearer" or "error"
	}{
		{"token, no preference", both, "tok", nil, "bearer"},
		{"no token", both, "", nil, "sign"},
		{"service without bearer auth", []string{"aws.auth#sigv4"}, "tok", nil, "sign"},
		{"preference for sigv4 in code wins", both, "tok", []string{"sigv4"}, "sign"},
		{"preference for bearer", both, "tok", []string{"httpBearerAuth"}, "bearer"},
		{"preference for bearer, spaces", both, "tok", []string{" httpBearerAuth ", "sigv4"}, "bearer"},
		{"unsupported preference falls to the service's order", both, "tok", []string{"sigv4a"}, "sign"},
		{"preference for bearer without a token", both, "", []string{"httpBearerAuth"}, "error"},
		{"bearer listed first, no preference, no token", []string{"smithy.api#httpBearerAuth", "aws.auth#sigv4"}, "", nil, "sign"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f := pipeline.BearerAuth(tt.schemes, tt.token, tt.pref)
			got := "sign"
			if f != nil {
				tok, err := f(context.Background(), nil)
				switch {
				case err != nil:
					got = "error"
				case tok == tt.token && tok != "":
					got = "bearer"
				default:
					got = "token " + tok
				}
			}
			if got != tt.want {
				t.Errorf("got %s, want %s", got, tt.want)
			}
		})
	}
}

// TestBearerCalls: a call whose Custom.Bearer gives a token carries
// "Authorization: Bearer <token>" and no SigV4 headers, on every attempt,
// and needs no credentials; without a token it is signed.
func TestBearerCalls(t *testing.T) {
	var reqs []*http.Request
	status := 500
	rt := roundTripFunc(func(req *http.Request) (*http.Response, error) {
		reqs = append(reqs, req)
		s := status
		status = 200
		return &http.Response{StatusCode: s, Header: http.Header{}, Body: io.NopCloser(strings.NewReader(`{}`)), ContentLength: 2, Request: req}, nil
	})
	r, err := retry.New(retry.Options{MaxAttempts: 2, Sleep: func(context.Context, time.Duration) error { return nil }})
	if err != nil {
		t.Fatal(err)
	}
	op := &protocol.Operation{Service: &jdemoRest, Name: "Greet", Method: "POST", RequestURI: "/greet", Input: &jdemoIn, Output: &jdemoOut}
	for _, tt := range []struct {
		name  string
		creds credentials.Provider
		token string
	}{
		{"token, no credentials", nil, "tok-123"},
		{"token and credentials", credentials.Static{Value: credentials.Credentials{AccessKeyID: "AKID", SecretAccessKey: "SECRET", SessionToken: "ST"}}, "tok-123"},
		{"no token", credentials.Static{Value: credentials.Credentials{AccessKeyID: "AKID", SecretAccessKey: "SECRET", SessionToken: "ST"}}, ""},
	} {
		t.Run(tt.name, func(t *testing.T) {
			reqs, status = nil, 500
			c, err := pipeline.New(&pipeline.Service{Schema: &jdemoRest, Rules: widgetRules}, pipeline.Options{
				Region:         "us-east-1",
				EndpointParams: endpointParams("us-east-1", "https://jrest.example.com"),
				Credentials:    tt.creds,
				HTTPClient:     &http.Client{Transport: rt},
				Retryer:        r,
				Custom:         pipeline.Customizations{Bearer: pipeline.BearerAuth([]string{"aws.auth#sigv4", "smithy.api#httpBearerAuth"}, tt.token, nil)},
			})
			if err != nil {
				t.Fatal(err)
			}
			if err := c.Invoke(t.Context(), op, &jdemoInput{}, &jdemoOutput{}, nil); err != nil {
				t.Fatal(err)
			}
			if len(reqs) != 2 {
				t.Fatalf("got %d attempts, want 2", len(reqs))
			}
			for i, req := range reqs {
				auth := req.Header.Get("Authorization")
				if tt.token != "" {
					if auth != "Bearer "+tt.token {
						t.Errorf("attempt %d: Authorization %q, want Bearer %s", i+1, auth, tt.token)
					}
					for _, h := range []string{"X-Amz-Date", "X-Amz-Security-Token", "X-Amz-Content-Sha256"} {
						if v := req.Header.Get(h); v != "" {
							t.Errorf("attempt %d: %s %q on a bearer request", i+1, h, v)
						}
					}
				} else if !strings.HasPrefix(auth, "AWS4-HMAC-SHA256 ") || req.Header.Get("X-Amz-Security-Token") != "ST" {
					t.Errorf("attempt %d: Authorization %q, want a SigV4 signature with the session token", i+1, auth)
				}
			}
		})
	}

	// A preference for bearer auth without a token fails the call.
	c, err := pipeline.New(&pipeline.Service{Schema: &jdemoRest, Rules: widgetRules}, pipeline.Options{
		Region: "us-east-1", EndpointParams: endpointParams("us-east-1", "https://jrest.example.com"),
		HTTPClient: &http.Client{Transport: rt},
		Custom:     pipeline.Customizations{Bearer: pipeline.BearerAuth([]string{"aws.auth#sigv4", "smithy.api#httpBearerAuth"}, "", []string{"httpBearerAuth"})},
	})
	if err != nil {
		t.Fatal(err)
	}
	reqs = nil
	if err := c.Invoke(t.Context(), op, &jdemoInput{}, &jdemoOutput{}, nil); err == nil || !strings.Contains(err.Error(), "bearer token") || len(reqs) != 0 {
		t.Errorf("got %v (%d requests), want a missing-token error before sending", err, len(reqs))
	}
}
