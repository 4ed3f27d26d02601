package ec2_test

import (
	"context"
	"net/http"
	"strings"
	"testing"

	"github.com/goto3/goto3"
	"github.com/goto3/goto3/credentials"
	"github.com/goto3/goto3/internal/testing/servicetest"
	"github.com/goto3/goto3/retry"
	"github.com/goto3/goto3/services/ec2"
)

func testClient(t *testing.T, rt http.RoundTripper, optFns ...func(*ec2.Options)) *ec2.Client {
	t.Helper()
	r, err := retry.New(retry.Options{MaxAttempts: 1})
	if err != nil {
		t.Fatal(err)
	}
	c, err := ec2.New(goto3.Config{Region: "us-east-1", Credentials: credentials.NewStatic("AKID", "SECRET", "")}, func(o *ec2.Options) {
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

// TestEveryOperationEmptyInput calls every generated EC2 operation with an
// empty input: each is refused by validation naming a member or goes
// through.
func TestEveryOperationEmptyInput(t *testing.T) {
	c := testClient(t, &servicetest.Transport{})
	passed, invalid := servicetest.EveryOperation(t, c, len(ec2.OperationSchemas()))
	t.Logf("%d operations went through, %d were refused", passed, invalid)
}

// TestResolvedURLs: the endpoint and credential scope EC2's rule set gives
// for regions, FIPS, dual-stack and a custom endpoint, through a whole call.
func TestResolvedURLs(t *testing.T) {
	tests := []struct {
		name      string
		opts      func(*ec2.Options)
		wantURL   string
		wantScope string
	}{
		{"us-east-1", nil, "https://ec2.us-east-1.amazonaws.com/", "us-east-1/ec2/aws4_request"},
		{"ap-southeast-2", func(o *ec2.Options) { o.Region = "ap-southeast-2" }, "https://ec2.ap-southeast-2.amazonaws.com/", "ap-southeast-2/ec2/aws4_request"},
		{"fips", func(o *ec2.Options) { o.Region, o.UseFIPSEndpoint = "us-west-2", true }, "https://ec2-fips.us-west-2.amazonaws.com/", "us-west-2/ec2/aws4_request"},
		{"dual-stack", func(o *ec2.Options) { o.Region, o.UseDualStackEndpoint = "eu-west-1", true }, "https://ec2.eu-west-1.api.aws/", "eu-west-1/ec2/aws4_request"},
		{"gov cloud", func(o *ec2.Options) { o.Region = "us-gov-west-1" }, "https://ec2.us-gov-west-1.amazonaws.com/", "us-gov-west-1/ec2/aws4_request"},
		{"custom endpoint", func(o *ec2.Options) { o.EndpointURL = "http://localhost:5000" }, "http://localhost:5000/", "us-east-1/ec2/aws4_request"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			rt := &servicetest.Transport{Body: `<DescribeRegionsResponse><regionInfo/></DescribeRegionsResponse>`}
			var fns []func(*ec2.Options)
			if tt.opts != nil {
				fns = append(fns, tt.opts)
			}
			c := testClient(t, rt, fns...)
			if _, err := c.DescribeRegions(context.Background(), &ec2.DescribeRegionsInput{}); err != nil {
				t.Fatal(err)
			}
			req, body := rt.Last(t)
			if got := req.URL.String(); got != tt.wantURL {
				t.Errorf("URL: got %s, want %s", got, tt.wantURL)
			}
			if got := req.Header.Get("Authorization"); !strings.Contains(got, "/"+tt.wantScope+",") {
				t.Errorf("Authorization: got %s, want scope %s", got, tt.wantScope)
			}
			if !strings.HasPrefix(body, "Action=DescribeRegions&Version=") {
				t.Errorf("body: got %q", body)
			}
		})
	}
}
