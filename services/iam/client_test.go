package iam_test

import (
	"context"
	"net/http"
	"strings"
	"testing"

	"github.com/goto3/goto3"
	"github.com/goto3/goto3/credentials"
	"github.com/goto3/goto3/internal/testing/servicetest"
	"github.com/goto3/goto3/retry"
	"github.com/goto3/goto3/services/iam"
)

func testClient(t *testing.T, rt http.RoundTripper, optFns ...func(*iam.Options)) *iam.Client {
	t.Helper()
	r, err := retry.New(retry.Options{MaxAttempts: 1})
	if err != nil {
		t.Fatal(err)
	}
	c, err := iam.New(goto3.Config{Region: "us-east-1", Credentials: credentials.NewStatic("AKID", "SECRET", "")}, func(o *iam.Options) {
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

// TestEveryOperationEmptyInput calls every IAM operation with an
// empty input: each is refused by validation naming a member or goes
// through.
func TestEveryOperationEmptyInput(t *testing.T) {
	c := testClient(t, &servicetest.Transport{})
	passed, invalid := servicetest.EveryOperation(t, c, len(iam.OperationSchemas()))
	t.Logf("%d operations went through, %d were refused", passed, invalid)
}

// TestResolvedURLs: the endpoint and credential scope IAM's rule set
// gives, through a whole call; the values are botocore 1.43.11's (except the custom endpoint's path, which gets the operation's "/"
// as the Smithy protocol tests want; botocore sends "/base").
func TestResolvedURLs(t *testing.T) {
	tests := []struct {
		name      string
		opts      func(*iam.Options)
		wantURL   string
		wantScope string
	}{
		{"us-east-1", nil, "https://iam.amazonaws.com/", "us-east-1/iam/aws4_request"},
		{"eu-west-1 (global)", func(o *iam.Options) { o.Region = "eu-west-1" }, "https://iam.amazonaws.com/", "us-east-1/iam/aws4_request"},
		{"fips", func(o *iam.Options) { o.Region, o.UseFIPSEndpoint = "us-west-2", true }, "https://iam-fips.amazonaws.com/", "us-east-1/iam/aws4_request"},
		{"dual-stack", func(o *iam.Options) { o.Region, o.UseDualStackEndpoint = "us-west-2", true }, "https://iam.global.api.aws/", "us-east-1/iam/aws4_request"},
		{"china", func(o *iam.Options) { o.Region = "cn-north-1" }, "https://iam.cn-north-1.amazonaws.com.cn/", "cn-north-1/iam/aws4_request"},
		{"gov cloud", func(o *iam.Options) { o.Region = "us-gov-west-1" }, "https://iam.us-gov.amazonaws.com/", "us-gov-west-1/iam/aws4_request"},
		{"custom endpoint", func(o *iam.Options) { o.EndpointURL = "http://127.0.0.1:4566/base" }, "http://127.0.0.1:4566/base/", "us-east-1/iam/aws4_request"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			rt := &servicetest.Transport{Body: `<ListUsersResponse><ListUsersResult><Users/><IsTruncated>false</IsTruncated></ListUsersResult></ListUsersResponse>`}
			var fns []func(*iam.Options)
			if tt.opts != nil {
				fns = append(fns, tt.opts)
			}
			c := testClient(t, rt, fns...)
			if _, err := c.ListUsers(context.Background(), &iam.ListUsersInput{}); err != nil {
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
			if body != "Action=ListUsers&Version=2010-05-08" {
				t.Errorf("body: got %q", body)
			}
		})
	}
}
