package glue_test

import (
	"context"
	"net/http"
	"strings"
	"testing"

	"github.com/goto3/goto3"
	"github.com/goto3/goto3/credentials"
	"github.com/goto3/goto3/internal/testing/servicetest"
	"github.com/goto3/goto3/retry"
	"github.com/goto3/goto3/services/glue"
)

func testClient(t *testing.T, rt http.RoundTripper, optFns ...func(*glue.Options)) *glue.Client {
	t.Helper()
	r, err := retry.New(retry.Options{MaxAttempts: 1})
	if err != nil {
		t.Fatal(err)
	}
	c, err := glue.New(goto3.Config{Region: "us-east-1", Credentials: credentials.NewStatic("AKID", "SECRET", "")}, func(o *glue.Options) {
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
	passed, invalid := servicetest.EveryOperation(t, c, len(glue.OperationSchemas()))
	t.Logf("%d operations went through, %d were refused", passed, invalid)
}

// TestResolvedURLs: the endpoint and credential scope the rule set gives
// for regions (China and GovCloud among them), FIPS, dual-stack and a custom
// endpoint, through a whole call, with the X-Amz-Target, Content-Type and body. The wanted values are
// botocore 1.43.11's for the same settings.
func TestResolvedURLs(t *testing.T) {
	tests := []struct {
		name       string
		opts       func(*glue.Options)
		wantMethod string
		wantURL    string
		wantScope  string
	}{
		{"us-east-1", nil, "POST", "https://glue.us-east-1.amazonaws.com/", "us-east-1/glue/aws4_request"},
		{"eu-west-1", func(o *glue.Options) { o.Region = "eu-west-1" }, "POST", "https://glue.eu-west-1.amazonaws.com/", "eu-west-1/glue/aws4_request"},
		{"china", func(o *glue.Options) { o.Region = "cn-north-1" }, "POST", "https://glue.cn-north-1.amazonaws.com.cn/", "cn-north-1/glue/aws4_request"},
		{"govcloud", func(o *glue.Options) { o.Region = "us-gov-west-1" }, "POST", "https://glue.us-gov-west-1.amazonaws.com/", "us-gov-west-1/glue/aws4_request"},
		{"fips", func(o *glue.Options) { o.Region, o.UseFIPSEndpoint = "us-west-2", true }, "POST", "https://glue-fips.us-west-2.amazonaws.com/", "us-west-2/glue/aws4_request"},
		{"dualstack", func(o *glue.Options) { o.Region, o.UseDualStackEndpoint = "us-west-2", true }, "POST", "https://glue.us-west-2.api.aws/", "us-west-2/glue/aws4_request"},
		{"fips+dualstack", func(o *glue.Options) { o.UseFIPSEndpoint, o.UseDualStackEndpoint = true, true }, "POST", "https://glue-fips.us-east-1.api.aws/", "us-east-1/glue/aws4_request"},
		{"custom", func(o *glue.Options) { o.EndpointURL = "http://127.0.0.1:4566" }, "POST", "http://127.0.0.1:4566/", "us-east-1/glue/aws4_request"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			rt := &servicetest.Transport{Body: `{}`}
			var fns []func(*glue.Options)
			if tt.opts != nil {
				fns = append(fns, tt.opts)
			}
			c := testClient(t, rt, fns...)
			if _, err := c.GetDatabases(context.Background(), &glue.GetDatabasesInput{}); err != nil {
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
			if got := req.Header.Get("X-Amz-Target"); got != "AWSGlue.GetDatabases" {
				t.Errorf("X-Amz-Target: got %s, want AWSGlue.GetDatabases", got)
			}
			if got := req.Header.Get("Content-Type"); got != "application/x-amz-json-1.1" {
				t.Errorf("Content-Type: got %s, want application/x-amz-json-1.1", got)
			}
			if body != `{}` {
				t.Errorf("body: got %q, want %q", body, `{}`)
			}
		})
	}
}
