package apigateway_test

import (
	"context"
	"net/http"
	"strings"
	"testing"

	"github.com/goto3/goto3"
	"github.com/goto3/goto3/credentials"
	"github.com/goto3/goto3/internal/testing/servicetest"
	"github.com/goto3/goto3/retry"
	"github.com/goto3/goto3/services/apigateway"
)

func testClient(t *testing.T, rt http.RoundTripper, optFns ...func(*apigateway.Options)) *apigateway.Client {
	t.Helper()
	r, err := retry.New(retry.Options{MaxAttempts: 1})
	if err != nil {
		t.Fatal(err)
	}
	c, err := apigateway.New(goto3.Config{Region: "us-east-1", Credentials: credentials.NewStatic("AKID", "SECRET", "")}, func(o *apigateway.Options) {
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

// TestEveryOperationEmptyInput calls every operation with an empty input
// against a server answering 200 with no body: each is refused by
// validation naming a member or goes through, and none panics.
func TestEveryOperationEmptyInput(t *testing.T) {
	c := testClient(t, &servicetest.Transport{})
	passed, invalid := servicetest.EveryOperation(t, c, len(apigateway.OperationSchemas()))
	t.Logf("%d operations went through, %d were refused", passed, invalid)
}

// TestResolvedURLs: the endpoint and credential scope the rule set gives
// for regions (China and GovCloud among them), FIPS, dual-stack and a custom
// endpoint, through a whole call, with the method and body. The wanted values are
// botocore 1.43.11's for the same settings.
func TestResolvedURLs(t *testing.T) {
	tests := []struct {
		name       string
		opts       func(*apigateway.Options)
		wantMethod string
		wantURL    string
		wantScope  string
	}{
		{"us-east-1", nil, "GET", "https://apigateway.us-east-1.amazonaws.com/restapis", "us-east-1/apigateway/aws4_request"},
		{"eu-west-1", func(o *apigateway.Options) { o.Region = "eu-west-1" }, "GET", "https://apigateway.eu-west-1.amazonaws.com/restapis", "eu-west-1/apigateway/aws4_request"},
		{"china", func(o *apigateway.Options) { o.Region = "cn-north-1" }, "GET", "https://apigateway.cn-north-1.amazonaws.com.cn/restapis", "cn-north-1/apigateway/aws4_request"},
		{"govcloud", func(o *apigateway.Options) { o.Region = "us-gov-west-1" }, "GET", "https://apigateway.us-gov-west-1.amazonaws.com/restapis", "us-gov-west-1/apigateway/aws4_request"},
		{"fips", func(o *apigateway.Options) { o.Region, o.UseFIPSEndpoint = "us-west-2", true }, "GET", "https://apigateway-fips.us-west-2.amazonaws.com/restapis", "us-west-2/apigateway/aws4_request"},
		{"dualstack", func(o *apigateway.Options) { o.Region, o.UseDualStackEndpoint = "us-west-2", true }, "GET", "https://apigateway.us-west-2.api.aws/restapis", "us-west-2/apigateway/aws4_request"},
		{"fips+dualstack", func(o *apigateway.Options) { o.UseFIPSEndpoint, o.UseDualStackEndpoint = true, true }, "GET", "https://apigateway-fips.us-east-1.api.aws/restapis", "us-east-1/apigateway/aws4_request"},
		{"custom", func(o *apigateway.Options) { o.EndpointURL = "http://127.0.0.1:4566" }, "GET", "http://127.0.0.1:4566/restapis", "us-east-1/apigateway/aws4_request"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			rt := &servicetest.Transport{Body: `{}`}
			var fns []func(*apigateway.Options)
			if tt.opts != nil {
				fns = append(fns, tt.opts)
			}
			c := testClient(t, rt, fns...)
			if _, err := c.GetRestApis(context.Background(), &apigateway.GetRestApisInput{}); err != nil {
				t.Fatal(err)
			}
			req, body := rt.Last(t)
			if req.Method != tt.wantMethod {
				t.Errorf("method: got %s, want %s", req.Method, tt.wantMethod)
			}
			if got := req.URL.String(); got != tt.wantURL {
				t.Errorf("URL: got %s, want %s", got, tt.wantURL)
			}
			if got := req.Header.Get("Authorization"); !strings.Contains(got, "/"+tt.wantScope+",") {
				t.Errorf("Authorization: got %s, want scope %s", got, tt.wantScope)
			}
			if body != "" {
				t.Errorf("body: got %q, want none", body)
			}
		})
	}
}
