package sesv2_test

import (
	"context"
	"io"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/goto3/goto3"
	"github.com/goto3/goto3/credentials"
	"github.com/goto3/goto3/internal/testing/servicetest"
	"github.com/goto3/goto3/retry"
	"github.com/goto3/goto3/services/sesv2"
	"github.com/goto3/goto3/sigv4"
)

func testClient(t *testing.T, rt http.RoundTripper, optFns ...func(*sesv2.Options)) *sesv2.Client {
	t.Helper()
	r, err := retry.New(retry.Options{MaxAttempts: 1})
	if err != nil {
		t.Fatal(err)
	}
	c, err := sesv2.New(goto3.Config{Region: "us-east-1", Credentials: credentials.NewStatic("AKID", "SECRET", "")}, func(o *sesv2.Options) {
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

// TestEveryOperationEmptyInput calls every SES v2 operation with an empty
// input: each is refused by validation naming a member or goes through.
func TestEveryOperationEmptyInput(t *testing.T) {
	c := testClient(t, &servicetest.Transport{Body: "{}"})
	passed, invalid := servicetest.EveryOperation(t, c, len(sesv2.OperationSchemas()))
	t.Logf("%d operations went through, %d were refused", passed, invalid)
}

// TestResolvedURLs: the endpoint, path and credential scope SES v2's rule
// set and REST bindings give, through whole calls, as botocore 1.43 sends
// them (signing name ses, endpoint prefix email).
func TestResolvedURLs(t *testing.T) {
	ctx := context.Background()
	list := func(c *sesv2.Client) error {
		_, err := c.ListEmailIdentities(ctx, &sesv2.ListEmailIdentitiesInput{})
		return err
	}
	tests := []struct {
		name      string
		opts      func(*sesv2.Options)
		call      func(*sesv2.Client) error
		wantURL   string
		wantScope string
	}{
		{"us-east-1", nil, list, "https://email.us-east-1.amazonaws.com/v2/email/identities", "us-east-1/ses/aws4_request"},
		{"china", func(o *sesv2.Options) { o.Region = "cn-northwest-1" }, list, "https://email.cn-northwest-1.amazonaws.com.cn/v2/email/identities", "cn-northwest-1/ses/aws4_request"},
		{"fips", func(o *sesv2.Options) { o.UseFIPSEndpoint = true }, list, "https://email-fips.us-east-1.amazonaws.com/v2/email/identities", "us-east-1/ses/aws4_request"},
		{"govcloud fips", func(o *sesv2.Options) { o.Region, o.UseFIPSEndpoint = "us-gov-west-1", true }, list, "https://email-fips.us-gov-west-1.amazonaws.com/v2/email/identities", "us-gov-west-1/ses/aws4_request"},
		{"dual-stack", func(o *sesv2.Options) { o.UseDualStackEndpoint = true }, list, "https://email.us-east-1.api.aws/v2/email/identities", "us-east-1/ses/aws4_request"},
		{"custom endpoint", func(o *sesv2.Options) { o.EndpointURL = "http://127.0.0.1:4566" }, list, "http://127.0.0.1:4566/v2/email/identities", "us-east-1/ses/aws4_request"},
		{"label", nil, func(c *sesv2.Client) error {
			_, err := c.GetEmailIdentity(ctx, &sesv2.GetEmailIdentityInput{EmailIdentity: "a+b@example.com"})
			return err
		}, "https://email.us-east-1.amazonaws.com/v2/email/identities/a%2Bb%40example.com", "us-east-1/ses/aws4_request"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			rt := &servicetest.Transport{Body: "{}"}
			var fns []func(*sesv2.Options)
			if tt.opts != nil {
				fns = append(fns, tt.opts)
			}
			c := testClient(t, rt, fns...)
			if err := tt.call(c); err != nil {
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

func sendInput(endpointID string) *sesv2.SendEmailInput {
	in := &sesv2.SendEmailInput{
		FromEmailAddress: goto3.Ptr("a@example.com"),
		Destination:      &sesv2.Destination{ToAddresses: []string{"b@example.com"}},
		Content: &sesv2.EmailContent{Simple: &sesv2.Message{
			Subject: &sesv2.Content{Data: "hi"},
			Body:    &sesv2.Body{Text: &sesv2.Content{Data: "body"}},
		}},
	}
	if endpointID != "" {
		in.EndpointId = &endpointID
	}
	return in
}

// TestEndpointIDSigV4a: a SendEmail with an EndpointId goes to the
// multi-region (global) endpoint the rule set builds from it and is
// signed with SigV4a for the region set "*" (the rule set's auth scheme
// sigv4a, signing name ses), which verifies with the key derived from the
// credentials; without one it is a regional SigV4 request. botocore needs
// the CRT for SigV4a and otherwise fails with MissingDependencyException.
// An EndpointId with FIPS is the rule set's error.
func TestEndpointIDSigV4a(t *testing.T) {
	now := time.Now().UTC()
	for _, tt := range []struct {
		name, endpointID, region string
		dualStack                bool
		wantURL, wantAlg         string
	}{
		{"multi-region", "abc123.456def", "us-east-1", false, "https://abc123.456def.endpoints.email.amazonaws.com/v2/email/outbound-emails", sigv4.AlgorithmV4a},
		{"multi-region dual-stack", "abc123.456def", "us-west-2", true, "https://abc123.456def.endpoints.email.global.api.aws/v2/email/outbound-emails", sigv4.AlgorithmV4a},
		// botocore 1.43's rule set (its EndpointProvider) gives the aws
		// partition's host for GovCloud too; newer endpoint tests expect
		// endpoints.email.us-gov.amazonaws.com.
		{"govcloud", "abc123.456def", "us-gov-west-1", false, "https://abc123.456def.endpoints.email.amazonaws.com/v2/email/outbound-emails", sigv4.AlgorithmV4a},
		{"regional", "", "eu-west-1", false, "https://email.eu-west-1.amazonaws.com/v2/email/outbound-emails", sigv4.Algorithm},
	} {
		t.Run(tt.name, func(t *testing.T) {
			var req *http.Request
			var verified *sigv4.Verified
			var verr error
			rt := roundTrip(func(r *http.Request) (*http.Response, error) {
				req = r
				verified, verr = sigv4.Verify(r, sigv4.VerifyOptions{
					Lookup: func(id string) (sigv4.Credentials, bool) {
						return sigv4.Credentials{AccessKeyID: "AKID", SecretAccessKey: "SECRET"}, id == "AKID"
					},
					Now: now, Service: "ses", Region: tt.region,
				})
				return &http.Response{StatusCode: 200, Header: http.Header{}, Request: r, ContentLength: -1, Body: io.NopCloser(strings.NewReader(`{"MessageId":"m-1"}`))}, nil
			})
			c := testClient(t, rt, func(o *sesv2.Options) { o.Region, o.UseDualStackEndpoint = tt.region, tt.dualStack })
			out, err := c.SendEmail(context.Background(), sendInput(tt.endpointID))
			if err != nil {
				t.Fatal(err)
			}
			if out.MessageId == nil || *out.MessageId != "m-1" {
				t.Errorf("MessageId: got %v", out.MessageId)
			}
			if got := req.URL.String(); got != tt.wantURL {
				t.Errorf("URL: got %s, want %s", got, tt.wantURL)
			}
			if verr != nil {
				t.Fatalf("signature: %v", verr)
			}
			if verified.Algorithm != tt.wantAlg || verified.Service != "ses" {
				t.Errorf("signed with %s for %s, want %s for ses", verified.Algorithm, verified.Service, tt.wantAlg)
			}
			if tt.wantAlg == sigv4.AlgorithmV4a {
				if got := req.Header.Get("X-Amz-Region-Set"); got != "*" {
					t.Errorf("X-Amz-Region-Set: got %q, want *", got)
				}
			}
		})
	}

	c := testClient(t, &servicetest.Transport{Body: "{}"}, func(o *sesv2.Options) { o.UseFIPSEndpoint = true })
	_, err := c.SendEmail(context.Background(), sendInput("abc123.456def"))
	if err == nil || !strings.Contains(err.Error(), "FIPS is not supported with multi-region endpoints") {
		t.Errorf("EndpointId with FIPS: got %v, want the rule set's error", err)
	}
}

type roundTrip func(*http.Request) (*http.Response, error)

func (f roundTrip) RoundTrip(req *http.Request) (*http.Response, error) { return f(req) }
