package logs_test

import (
	"context"
	"net/http"
	"strings"
	"testing"

	"github.com/goto3/goto3"
	"github.com/goto3/goto3/credentials"
	"github.com/goto3/goto3/internal/testing/servicetest"
	"github.com/goto3/goto3/retry"
	"github.com/goto3/goto3/services/logs"
)

func testClient(t *testing.T, rt http.RoundTripper, optFns ...func(*logs.Options)) *logs.Client {
	t.Helper()
	r, err := retry.New(retry.Options{MaxAttempts: 1})
	if err != nil {
		t.Fatal(err)
	}
	c, err := logs.New(goto3.Config{Region: "us-east-1", Credentials: credentials.NewStatic("AKID", "SECRET", "")}, func(o *logs.Options) {
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

// TestEveryOperationEmptyInput calls every CloudWatch Logs operation with
// an empty input: each is refused by validation naming a member or goes
// through.
func TestEveryOperationEmptyInput(t *testing.T) {
	c := testClient(t, &servicetest.Transport{Body: "{}"})
	passed, invalid := servicetest.EveryOperation(t, c, len(logs.OperationSchemas()))
	t.Logf("%d operations went through, %d were refused", passed, invalid)
}

// TestResolvedURLs: the endpoint and credential scope CloudWatch Logs's
// rule set gives, through whole calls, as botocore 1.43 resolves them,
// with the model's "stream-" host prefix on StartLiveTail and
// GetLogObject, a custom endpoint's host included.
//
// botocore also lets CreateExportTask take "fromTime" for "from"
// (before-parameter-build alias): a keyword-argument spelling only, with
// nothing to do in Go, whose field is From.
func TestResolvedURLs(t *testing.T) {
	ctx := context.Background()
	describe := func(c *logs.Client) error {
		_, err := c.DescribeLogGroups(ctx, &logs.DescribeLogGroupsInput{})
		return err
	}
	liveTail := func(c *logs.Client) error {
		_, err := c.StartLiveTail(ctx, &logs.StartLiveTailInput{LogGroupIdentifiers: []string{"arn:aws:logs:us-east-1:123456789012:log-group:g"}})
		return err
	}
	tests := []struct {
		name      string
		opts      func(*logs.Options)
		call      func(*logs.Client) error
		target    string
		wantURL   string
		wantScope string
	}{
		{"us-east-1", nil, describe, "DescribeLogGroups", "https://logs.us-east-1.amazonaws.com/", "us-east-1/logs/aws4_request"},
		{"china", func(o *logs.Options) { o.Region = "cn-northwest-1" }, describe, "DescribeLogGroups", "https://logs.cn-northwest-1.amazonaws.com.cn/", "cn-northwest-1/logs/aws4_request"},
		{"fips", func(o *logs.Options) { o.UseFIPSEndpoint = true }, describe, "DescribeLogGroups", "https://logs-fips.us-east-1.amazonaws.com/", "us-east-1/logs/aws4_request"},
		{"govcloud fips", func(o *logs.Options) { o.Region, o.UseFIPSEndpoint = "us-gov-east-1", true }, describe, "DescribeLogGroups", "https://logs.us-gov-east-1.amazonaws.com/", "us-gov-east-1/logs/aws4_request"},
		{"dual-stack", func(o *logs.Options) { o.Region, o.UseDualStackEndpoint = "eu-west-1", true }, describe, "DescribeLogGroups", "https://logs.eu-west-1.api.aws/", "eu-west-1/logs/aws4_request"},
		{"custom endpoint", func(o *logs.Options) { o.EndpointURL = "http://127.0.0.1:4566" }, describe, "DescribeLogGroups", "http://127.0.0.1:4566/", "us-east-1/logs/aws4_request"},
		{"StartLiveTail host prefix", nil, liveTail, "StartLiveTail", "https://stream-logs.us-east-1.amazonaws.com/", "us-east-1/logs/aws4_request"},
		{"GetLogObject host prefix", nil, func(c *logs.Client) error {
			_, err := c.GetLogObject(ctx, &logs.GetLogObjectInput{LogObjectPointer: "p"})
			return err
		}, "GetLogObject", "https://stream-logs.us-east-1.amazonaws.com/", "us-east-1/logs/aws4_request"},
		{"host prefix on a custom endpoint", func(o *logs.Options) { o.EndpointURL = "http://localhost:4566" }, liveTail, "StartLiveTail", "http://stream-localhost:4566/", "us-east-1/logs/aws4_request"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			rt := &servicetest.Transport{Body: "{}"}
			var fns []func(*logs.Options)
			if tt.opts != nil {
				fns = append(fns, tt.opts)
			}
			c := testClient(t, rt, fns...)
			// The streaming operations fail on the empty answer (no
			// initial-response event): only the request matters here.
			_ = tt.call(c)
			req, _ := rt.Last(t)
			if got := req.URL.String(); got != tt.wantURL {
				t.Errorf("URL: got %s, want %s", got, tt.wantURL)
			}
			if got := req.Header.Get("Authorization"); !strings.Contains(got, "/"+tt.wantScope+",") {
				t.Errorf("Authorization: got %s, want scope %s", got, tt.wantScope)
			}
			if got, want := req.Header.Get("X-Amz-Target"), "Logs_20140328."+tt.target; got != want {
				t.Errorf("X-Amz-Target: got %q, want %q", got, want)
			}
			if got := req.Header.Get("Content-Type"); got != "application/x-amz-json-1.1" {
				t.Errorf("Content-Type: got %q", got)
			}
		})
	}
}
