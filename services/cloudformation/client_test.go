package cloudformation_test

import (
	"context"
	"net/http"
	"strings"
	"testing"

	"github.com/goto3/goto3"
	"github.com/goto3/goto3/credentials"
	"github.com/goto3/goto3/internal/testing/servicetest"
	"github.com/goto3/goto3/retry"
	"github.com/goto3/goto3/services/cloudformation"
)

func testClient(t *testing.T, rt http.RoundTripper, optFns ...func(*cloudformation.Options)) *cloudformation.Client {
	t.Helper()
	r, err := retry.New(retry.Options{MaxAttempts: 1})
	if err != nil {
		t.Fatal(err)
	}
	c, err := cloudformation.New(goto3.Config{Region: "us-east-1", Credentials: credentials.NewStatic("AKID", "SECRET", "")}, func(o *cloudformation.Options) {
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

// TestEveryOperationEmptyInput calls every CloudFormation operation with an
// empty input: each is refused by validation naming a member or goes
// through.
func TestEveryOperationEmptyInput(t *testing.T) {
	c := testClient(t, &servicetest.Transport{})
	passed, invalid := servicetest.EveryOperation(t, c, len(cloudformation.OperationSchemas()))
	t.Logf("%d operations went through, %d were refused", passed, invalid)
}

// TestResolvedURLs: the endpoint and credential scope CloudFormation's rule set
// gives, through a whole call; the values are botocore 1.43.11's (except the custom endpoint's path, which gets the operation's "/"
// as the Smithy protocol tests want; botocore sends "/base").
func TestResolvedURLs(t *testing.T) {
	tests := []struct {
		name      string
		opts      func(*cloudformation.Options)
		wantURL   string
		wantScope string
	}{
		{"us-east-1", nil, "https://cloudformation.us-east-1.amazonaws.com/", "us-east-1/cloudformation/aws4_request"},
		{"eu-west-1", func(o *cloudformation.Options) { o.Region = "eu-west-1" }, "https://cloudformation.eu-west-1.amazonaws.com/", "eu-west-1/cloudformation/aws4_request"},
		{"fips", func(o *cloudformation.Options) { o.Region, o.UseFIPSEndpoint = "us-west-2", true }, "https://cloudformation-fips.us-west-2.amazonaws.com/", "us-west-2/cloudformation/aws4_request"},
		{"dual-stack", func(o *cloudformation.Options) { o.Region, o.UseDualStackEndpoint = "us-west-2", true }, "https://cloudformation.us-west-2.api.aws/", "us-west-2/cloudformation/aws4_request"},
		{"china", func(o *cloudformation.Options) { o.Region = "cn-north-1" }, "https://cloudformation.cn-north-1.amazonaws.com.cn/", "cn-north-1/cloudformation/aws4_request"},
		{"gov cloud", func(o *cloudformation.Options) { o.Region = "us-gov-west-1" }, "https://cloudformation.us-gov-west-1.amazonaws.com/", "us-gov-west-1/cloudformation/aws4_request"},
		{"custom endpoint", func(o *cloudformation.Options) { o.EndpointURL = "http://127.0.0.1:4566/base" }, "http://127.0.0.1:4566/base/", "us-east-1/cloudformation/aws4_request"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			rt := &servicetest.Transport{Body: `<ListStacksResponse><ListStacksResult><StackSummaries/></ListStacksResult></ListStacksResponse>`}
			var fns []func(*cloudformation.Options)
			if tt.opts != nil {
				fns = append(fns, tt.opts)
			}
			c := testClient(t, rt, fns...)
			if _, err := c.ListStacks(context.Background(), &cloudformation.ListStacksInput{}); err != nil {
				t.Fatal(err)
			}
			req, body := rt.Last(t)
			if got := req.URL.String(); got != tt.wantURL {
				t.Errorf("URL: got %s, want %s", got, tt.wantURL)
			}
			if got := req.Header.Get("Authorization"); !strings.Contains(got, "/"+tt.wantScope+",") {
				t.Errorf("Authorization: got %s, want scope %s", got, tt.wantScope)
			}
			if got := req.Header.Get("Content-Type"); got != "application/x-www-form-urlencoded; charset=utf-8" {
				t.Errorf("Content-Type: got %q", got)
			}
			if body != "Action=ListStacks&Version=2010-05-15" {
				t.Errorf("body: got %q", body)
			}
		})
	}
}
