package autoscaling_test

import (
	"context"
	"encoding/json"
	"net/http"
	"os"
	"strings"
	"testing"

	"github.com/goto3/goto3"
	"github.com/goto3/goto3/credentials"
	"github.com/goto3/goto3/internal/testing/servicetest"
	"github.com/goto3/goto3/retry"
	"github.com/goto3/goto3/services/autoscaling"
)

func testClient(t *testing.T, rt http.RoundTripper, optFns ...func(*autoscaling.Options)) *autoscaling.Client {
	t.Helper()
	r, err := retry.New(retry.Options{MaxAttempts: 1})
	if err != nil {
		t.Fatal(err)
	}
	c, err := autoscaling.New(goto3.Config{Region: "us-east-1", Credentials: credentials.NewStatic("AKID", "SECRET", "")}, func(o *autoscaling.Options) {
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

// TestEveryOperationEmptyInput calls every Auto Scaling operation with an
// empty input: each is refused by validation naming a member or goes
// through.
func TestEveryOperationEmptyInput(t *testing.T) {
	c := testClient(t, &servicetest.Transport{})
	passed, invalid := servicetest.EveryOperation(t, c, len(autoscaling.OperationSchemas()))
	t.Logf("%d operations went through, %d were refused", passed, invalid)
}

// TestResolvedURLs: the endpoint and credential scope Auto Scaling's rule
// set gives, through a whole call; the values are botocore 1.43.11's
// (except the custom endpoint's path, which gets the operation's "/" as
// the Smithy protocol tests want; botocore sends "/base").
func TestResolvedURLs(t *testing.T) {
	tests := []struct {
		name      string
		opts      func(*autoscaling.Options)
		wantURL   string
		wantScope string
	}{
		{"us-east-1", nil, "https://autoscaling.us-east-1.amazonaws.com/", "us-east-1/autoscaling/aws4_request"},
		{"eu-west-1", func(o *autoscaling.Options) { o.Region = "eu-west-1" }, "https://autoscaling.eu-west-1.amazonaws.com/", "eu-west-1/autoscaling/aws4_request"},
		{"fips", func(o *autoscaling.Options) { o.Region, o.UseFIPSEndpoint = "us-west-2", true }, "https://autoscaling-fips.us-west-2.amazonaws.com/", "us-west-2/autoscaling/aws4_request"},
		{"dual-stack", func(o *autoscaling.Options) { o.Region, o.UseDualStackEndpoint = "us-west-2", true }, "https://autoscaling.us-west-2.api.aws/", "us-west-2/autoscaling/aws4_request"},
		{"china", func(o *autoscaling.Options) { o.Region = "cn-north-1" }, "https://autoscaling.cn-north-1.amazonaws.com.cn/", "cn-north-1/autoscaling/aws4_request"},
		{"gov cloud fips", func(o *autoscaling.Options) { o.Region, o.UseFIPSEndpoint = "us-gov-west-1", true }, "https://autoscaling.us-gov-west-1.amazonaws.com/", "us-gov-west-1/autoscaling/aws4_request"},
		{"custom endpoint", func(o *autoscaling.Options) { o.EndpointURL = "http://127.0.0.1:4566/base" }, "http://127.0.0.1:4566/base/", "us-east-1/autoscaling/aws4_request"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			rt := &servicetest.Transport{Body: `<DescribeAutoScalingGroupsResponse><DescribeAutoScalingGroupsResult><AutoScalingGroups/></DescribeAutoScalingGroupsResult></DescribeAutoScalingGroupsResponse>`}
			var fns []func(*autoscaling.Options)
			if tt.opts != nil {
				fns = append(fns, tt.opts)
			}
			c := testClient(t, rt, fns...)
			if _, err := c.DescribeAutoScalingGroups(context.Background(), &autoscaling.DescribeAutoScalingGroupsInput{}); err != nil {
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
			if body != "Action=DescribeAutoScalingGroups&Version=2011-01-01" {
				t.Errorf("body: got %q", body)
			}
		})
	}
}

// TestCreateLaunchConfigurationUserDataBotocore: UserData is base64-encoded
// by the client, as botocore's base64_encode_user_data does: the body is
// botocore's byte for byte (testdata/gen_userdata.py), and the caller's
// input keeps the raw text.
func TestCreateLaunchConfigurationUserDataBotocore(t *testing.T) {
	raw, err := os.ReadFile("testdata/userdata.json")
	if err != nil {
		t.Fatal(err)
	}
	var doc struct {
		Cases []struct {
			Name   string
			Params struct{ LaunchConfigurationName, ImageId, InstanceType, UserData string }
			Body   string
		}
	}
	if err := json.Unmarshal(raw, &doc); err != nil {
		t.Fatal(err)
	}
	rt := &servicetest.Transport{}
	c := testClient(t, rt)
	for _, tc := range doc.Cases {
		t.Run(tc.Name, func(t *testing.T) {
			p := tc.Params
			ud := p.UserData
			in := &autoscaling.CreateLaunchConfigurationInput{LaunchConfigurationName: p.LaunchConfigurationName, ImageId: &p.ImageId, InstanceType: &p.InstanceType, UserData: &ud}
			if _, err := c.CreateLaunchConfiguration(context.Background(), in); err != nil {
				t.Fatal(err)
			}
			if _, body := rt.Last(t); body != tc.Body {
				t.Errorf("body:\n got %s\nwant %s", body, tc.Body)
			}
			if *in.UserData != p.UserData || in.UserData != &ud {
				t.Errorf("the caller's UserData changed to %q", *in.UserData)
			}
		})
	}
	// Without UserData nothing is added.
	if _, err := c.CreateLaunchConfiguration(context.Background(), &autoscaling.CreateLaunchConfigurationInput{LaunchConfigurationName: "lc"}); err != nil {
		t.Fatal(err)
	}
	if _, body := rt.Last(t); strings.Contains(body, "UserData") {
		t.Errorf("body %q has UserData", body)
	}
}
