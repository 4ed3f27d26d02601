package ses_test

import (
	"context"
	"net/http"
	"strings"
	"testing"

	"github.com/goto3/goto3"
	"github.com/goto3/goto3/credentials"
	"github.com/goto3/goto3/internal/testing/servicetest"
	"github.com/goto3/goto3/retry"
	"github.com/goto3/goto3/services/ses"
)

func testClient(t *testing.T, rt http.RoundTripper, optFns ...func(*ses.Options)) *ses.Client {
	t.Helper()
	r, err := retry.New(retry.Options{MaxAttempts: 1})
	if err != nil {
		t.Fatal(err)
	}
	c, err := ses.New(goto3.Config{Region: "us-east-1", Credentials: credentials.NewStatic("AKID", "SECRET", "")}, func(o *ses.Options) {
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

// TestEveryOperationEmptyInput calls every SES operation with an empty
// input: each is refused by validation naming a member or goes through.
func TestEveryOperationEmptyInput(t *testing.T) {
	c := testClient(t, &servicetest.Transport{})
	passed, invalid := servicetest.EveryOperation(t, c, len(ses.OperationSchemas()))
	t.Logf("%d operations went through, %d were refused", passed, invalid)
}

// TestResolvedURLs: the endpoint and credential scope SES's rule set
// gives for regions, FIPS and a custom endpoint, through a whole call. A
// custom endpoint's path gets the operation's "/" appended, as the Smithy
// protocol tests (HostWithPath) want; botocore, which skips those, sends
// "/base".
func TestResolvedURLs(t *testing.T) {
	tests := []struct {
		name      string
		opts      func(*ses.Options)
		wantURL   string
		wantScope string
	}{
		{"us-east-1", nil, "https://email.us-east-1.amazonaws.com/", "us-east-1/ses/aws4_request"},
		{"eu-west-1", func(o *ses.Options) { o.Region = "eu-west-1" }, "https://email.eu-west-1.amazonaws.com/", "eu-west-1/ses/aws4_request"},
		{"fips", func(o *ses.Options) { o.Region, o.UseFIPSEndpoint = "us-west-2", true }, "https://email-fips.us-west-2.amazonaws.com/", "us-west-2/ses/aws4_request"},
		{"china", func(o *ses.Options) { o.Region = "cn-north-1" }, "https://email.cn-north-1.amazonaws.com.cn/", "cn-north-1/ses/aws4_request"},
		{"custom endpoint", func(o *ses.Options) { o.EndpointURL = "http://127.0.0.1:4566/base" }, "http://127.0.0.1:4566/base/", "us-east-1/ses/aws4_request"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			rt := &servicetest.Transport{Body: `<ListIdentitiesResponse><ListIdentitiesResult><Identities/></ListIdentitiesResult></ListIdentitiesResponse>`}
			var fns []func(*ses.Options)
			if tt.opts != nil {
				fns = append(fns, tt.opts)
			}
			c := testClient(t, rt, fns...)
			if _, err := c.ListIdentities(context.Background(), &ses.ListIdentitiesInput{}); err != nil {
				t.Fatal(err)
			}
			req, body := rt.Last(t)
			if got := req.URL.String(); got != tt.wantURL {
				t.Errorf("URL: got %s, want %s", got, tt.wantURL)
			}
			if got := req.Header.Get("Authorization"); !strings.Contains(got, "/"+tt.wantScope+",") {
				t.Errorf("Authorization: got %s, want scope %s", got, tt.wantScope)
			}
			if body != "Action=ListIdentities&Version=2010-12-01" {
				t.Errorf("body: got %q", body)
			}
		})
	}
}
