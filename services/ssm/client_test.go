package ssm_test

import (
	"context"
	"net/http"
	"strings"
	"testing"

	"github.com/goto3/goto3"
	"github.com/goto3/goto3/credentials"
	"github.com/goto3/goto3/internal/testing/servicetest"
	"github.com/goto3/goto3/retry"
	"github.com/goto3/goto3/services/ssm"
)

func testClient(t *testing.T, rt http.RoundTripper, optFns ...func(*ssm.Options)) *ssm.Client {
	t.Helper()
	r, err := retry.New(retry.Options{MaxAttempts: 1})
	if err != nil {
		t.Fatal(err)
	}
	c, err := ssm.New(goto3.Config{Region: "us-east-1", Credentials: credentials.NewStatic("AKID", "SECRET", "")}, func(o *ssm.Options) {
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

// TestEveryOperationEmptyInput calls every operation with an empty input:
// each is refused by validation naming a member or goes through.
func TestEveryOperationEmptyInput(t *testing.T) {
	c := testClient(t, &servicetest.Transport{})
	passed, invalid := servicetest.EveryOperation(t, c, len(ssm.OperationSchemas()))
	t.Logf("%d operations went through, %d were refused", passed, invalid)
}

// TestResolvedURLs: the endpoint and credential scope the rule set gives
// for regions (China, GovCloud), FIPS, dual-stack and a custom endpoint,
// through a whole call, with the AWS JSON headers and body. The expected
// values are botocore 1.43.11's for the same client settings, except that
// a custom endpoint's path gets the operation's "/" appended, as the
// Smithy protocol tests (HostWithPath) want (botocore sends "/base").
func TestResolvedURLs(t *testing.T) {
	tests := []struct {
		name      string
		opts      func(*ssm.Options)
		wantURL   string
		wantScope string
	}{
		{"us-east-1", nil, "https://ssm.us-east-1.amazonaws.com/", "us-east-1/ssm/aws4_request"},
		{"eu-west-1", func(o *ssm.Options) { o.Region = "eu-west-1" }, "https://ssm.eu-west-1.amazonaws.com/", "eu-west-1/ssm/aws4_request"},
		{"china", func(o *ssm.Options) { o.Region = "cn-north-1" }, "https://ssm.cn-north-1.amazonaws.com.cn/", "cn-north-1/ssm/aws4_request"},
		{"govcloud", func(o *ssm.Options) { o.Region = "us-gov-west-1" }, "https://ssm.us-gov-west-1.amazonaws.com/", "us-gov-west-1/ssm/aws4_request"},
		{"fips", func(o *ssm.Options) { o.Region = "us-west-2"; o.UseFIPSEndpoint = true }, "https://ssm-fips.us-west-2.amazonaws.com/", "us-west-2/ssm/aws4_request"},
		{"dual-stack", func(o *ssm.Options) { o.UseDualStackEndpoint = true }, "https://ssm.us-east-1.api.aws/", "us-east-1/ssm/aws4_request"},
		{"govcloud fips", func(o *ssm.Options) { o.Region = "us-gov-west-1"; o.UseFIPSEndpoint = true }, "https://ssm.us-gov-west-1.amazonaws.com/", "us-gov-west-1/ssm/aws4_request"},
		{"fips dual-stack", func(o *ssm.Options) { o.UseFIPSEndpoint = true; o.UseDualStackEndpoint = true }, "https://ssm-fips.us-east-1.api.aws/", "us-east-1/ssm/aws4_request"},
		{"custom endpoint", func(o *ssm.Options) { o.EndpointURL = "http://127.0.0.1:4566/base" }, "http://127.0.0.1:4566/base/", "us-east-1/ssm/aws4_request"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			rt := &servicetest.Transport{Body: `{}`}
			var fns []func(*ssm.Options)
			if tt.opts != nil {
				fns = append(fns, tt.opts)
			}
			c := testClient(t, rt, fns...)
			if _, err := c.DescribeParameters(context.Background(), &ssm.DescribeParametersInput{}); err != nil {
				t.Fatal(err)
			}
			req, body := rt.Last(t)
			if got := req.URL.String(); got != tt.wantURL {
				t.Errorf("URL: got %s, want %s", got, tt.wantURL)
			}
			if got := req.Header.Get("Authorization"); !strings.Contains(got, "/"+tt.wantScope+",") {
				t.Errorf("Authorization: got %s, want scope %s", got, tt.wantScope)
			}
			for k, want := range map[string]string{
				"X-Amz-Target":      "AmazonSSM.DescribeParameters",
				"Content-Type":      "application/x-amz-json-1.1",
				"X-Amzn-Query-Mode": "",
			} {
				if got := req.Header.Get(k); got != want {
					t.Errorf("%s: got %q, want %q", k, got, want)
				}
			}
			if body != "{}" {
				t.Errorf("body: got %q", body)
			}
		})
	}
}
