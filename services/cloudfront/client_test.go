package cloudfront_test

import (
	"context"
	"net/http"
	"strings"
	"testing"

	"github.com/goto3/goto3"
	"github.com/goto3/goto3/credentials"
	"github.com/goto3/goto3/internal/testing/servicetest"
	"github.com/goto3/goto3/retry"
	"github.com/goto3/goto3/services/cloudfront"
)

func testClient(t *testing.T, rt http.RoundTripper, optFns ...func(*cloudfront.Options)) *cloudfront.Client {
	t.Helper()
	r, err := retry.New(retry.Options{MaxAttempts: 1})
	if err != nil {
		t.Fatal(err)
	}
	c, err := cloudfront.New(goto3.Config{Region: "us-east-1", Credentials: credentials.NewStatic("AKID", "SECRET", "")}, func(o *cloudfront.Options) {
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

// TestEveryOperationEmptyInput calls every CloudFront operation with an
// empty input: each is refused by validation naming a member or goes
// through.
func TestEveryOperationEmptyInput(t *testing.T) {
	c := testClient(t, &servicetest.Transport{})
	passed, invalid := servicetest.EveryOperation(t, c, len(cloudfront.OperationSchemas()))
	t.Logf("%d operations went through, %d were refused", passed, invalid)
}

// TestResolvedURLs: the endpoint and credential scope CloudFront's rule set
// gives, through a whole call; the values are botocore 1.43.11's.
func TestResolvedURLs(t *testing.T) {
	tests := []struct {
		name      string
		opts      func(*cloudfront.Options)
		wantURL   string
		wantScope string
	}{
		{"us-east-1", nil, "https://cloudfront.amazonaws.com/2020-05-31/distribution", "us-east-1/cloudfront/aws4_request"},
		{"eu-west-1 (global)", func(o *cloudfront.Options) { o.Region = "eu-west-1" }, "https://cloudfront.amazonaws.com/2020-05-31/distribution", "us-east-1/cloudfront/aws4_request"},
		{"fips", func(o *cloudfront.Options) { o.Region, o.UseFIPSEndpoint = "us-west-2", true }, "https://cloudfront-fips.amazonaws.com/2020-05-31/distribution", "us-east-1/cloudfront/aws4_request"},
		{"dual-stack", func(o *cloudfront.Options) { o.Region, o.UseDualStackEndpoint = "us-west-2", true }, "https://cloudfront.global.api.aws/2020-05-31/distribution", "us-east-1/cloudfront/aws4_request"},
		{"china", func(o *cloudfront.Options) { o.Region = "cn-north-1" }, "https://cloudfront.cn-northwest-1.amazonaws.com.cn/2020-05-31/distribution", "cn-northwest-1/cloudfront/aws4_request"},
		{"gov cloud fips", func(o *cloudfront.Options) { o.Region, o.UseFIPSEndpoint = "us-gov-west-1", true }, "https://cloudfront-fips.amazonaws.com/2020-05-31/distribution", "us-gov-west-1/cloudfront/aws4_request"},
		{"custom endpoint", func(o *cloudfront.Options) { o.EndpointURL = "http://127.0.0.1:4566/base" }, "http://127.0.0.1:4566/base/2020-05-31/distribution", "us-east-1/cloudfront/aws4_request"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			rt := &servicetest.Transport{Body: `<DistributionList xmlns="http://cloudfront.amazonaws.com/doc/2020-05-31/"><Marker></Marker><MaxItems>100</MaxItems><IsTruncated>false</IsTruncated><Quantity>0</Quantity></DistributionList>`}
			var fns []func(*cloudfront.Options)
			if tt.opts != nil {
				fns = append(fns, tt.opts)
			}
			c := testClient(t, rt, fns...)
			if _, err := c.ListDistributions(context.Background(), &cloudfront.ListDistributionsInput{}); err != nil {
				t.Fatal(err)
			}
			req, body := rt.Last(t)
			if got := req.URL.String(); got != tt.wantURL {
				t.Errorf("URL: got %s, want %s", got, tt.wantURL)
			}
			if got := req.Header.Get("Authorization"); !strings.Contains(got, "/"+tt.wantScope+",") {
				t.Errorf("Authorization: got %s, want scope %s", got, tt.wantScope)
			}
			if req.Method != http.MethodGet || body != "" {
				t.Errorf("got %s with body %q, want a GET without a body", req.Method, body)
			}
		})
	}
}
