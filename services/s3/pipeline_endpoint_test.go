package s3_test

import (
	"context"
	"net/http"
	"strings"
	"testing"

	"github.com/goto3/goto3"
	"github.com/goto3/goto3/credentials"
	"github.com/goto3/goto3/protocol"
	"github.com/goto3/goto3/retry"
	"github.com/goto3/goto3/services/s3"
)

// captureTransport records the request and answers 200 with body.
type captureTransport struct {
	req  *http.Request
	body string
}

func (c *captureTransport) RoundTrip(req *http.Request) (*http.Response, error) {
	c.req = req
	if req.Body != nil {
		req.Body.Close()
	}
	return (&memTransport{status: 200, header: http.Header{}, body: []byte(c.body)}).RoundTrip(req)
}

func TestResolvedURLs(t *testing.T) {
	tests := []struct {
		name     string
		opts     func(*s3.Options)
		op       *protocol.Operation
		in, out  any
		body     string
		wantURL  string
		wantAuth string // credential scope
	}{
		{"s3 us-east-1 global", nil, s3ops["HeadBucket"], &s3.HeadBucketInput{Bucket: "bkt"}, &s3.HeadBucketOutput{}, "",
			"https://bkt.s3.amazonaws.com/", "us-east-1/s3/aws4_request"},
		{"s3 us-east-1 legacy", func(o *s3.Options) { o.USEast1RegionalEndpoint = "legacy" }, s3ops["HeadBucket"], &s3.HeadBucketInput{Bucket: "bkt"}, &s3.HeadBucketOutput{}, "",
			"https://bkt.s3.amazonaws.com/", "us-east-1/s3/aws4_request"},
		{"s3 us-east-1 regional", func(o *s3.Options) { o.USEast1RegionalEndpoint = "regional" }, s3ops["HeadBucket"], &s3.HeadBucketInput{Bucket: "bkt"}, &s3.HeadBucketOutput{}, "",
			"https://bkt.s3.us-east-1.amazonaws.com/", "us-east-1/s3/aws4_request"},
		{"s3 us-east-1 regional path style", func(o *s3.Options) { o.USEast1RegionalEndpoint, o.AddressingStyle = "regional", s3.AddressingStylePath }, s3ops["ListBuckets"], &s3.ListBucketsInput{}, &s3.ListBucketsOutput{}, "<ListAllMyBucketsResult/>",
			"https://s3.us-east-1.amazonaws.com/", "us-east-1/s3/aws4_request"},
		{"s3 us-west-2 regional setting has no effect", func(o *s3.Options) { o.Region, o.USEast1RegionalEndpoint = "us-west-2", "legacy" }, s3ops["HeadBucket"], &s3.HeadBucketInput{Bucket: "bkt"}, &s3.HeadBucketOutput{}, "",
			"https://bkt.s3.us-west-2.amazonaws.com/", "us-west-2/s3/aws4_request"},
		{"s3 us-west-2", func(o *s3.Options) { o.Region = "us-west-2" }, s3ops["GetObject"], &s3.GetObjectInput{Bucket: "bkt", Key: "a b/c+d"}, &s3.GetObjectOutput{}, "",
			"https://bkt.s3.us-west-2.amazonaws.com/a%20b/c%2Bd", "us-west-2/s3/aws4_request"},
		{"s3 path style", func(o *s3.Options) { o.Region, o.AddressingStyle = "eu-west-1", s3.AddressingStylePath }, s3ops["HeadBucket"], &s3.HeadBucketInput{Bucket: "bkt"}, &s3.HeadBucketOutput{}, "",
			"https://s3.eu-west-1.amazonaws.com/bkt", "eu-west-1/s3/aws4_request"},
		{"s3 dots go path style", func(o *s3.Options) { o.Region = "eu-west-1" }, s3ops["HeadBucket"], &s3.HeadBucketInput{Bucket: "my.bucket"}, &s3.HeadBucketOutput{}, "",
			"https://s3.eu-west-1.amazonaws.com/my.bucket", "eu-west-1/s3/aws4_request"},
		{"s3 fips dualstack", func(o *s3.Options) { o.Region, o.UseFIPSEndpoint, o.UseDualStackEndpoint = "us-west-2", true, true }, s3ops["HeadBucket"], &s3.HeadBucketInput{Bucket: "bkt"}, &s3.HeadBucketOutput{}, "",
			"https://bkt.s3-fips.dualstack.us-west-2.amazonaws.com/", "us-west-2/s3/aws4_request"},
		{"s3 accelerate", func(o *s3.Options) { o.Region, o.UseAccelerateEndpoint = "us-west-2", true }, s3ops["HeadBucket"], &s3.HeadBucketInput{Bucket: "bkt"}, &s3.HeadBucketOutput{}, "",
			"https://bkt.s3-accelerate.amazonaws.com/", "us-west-2/s3/aws4_request"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ct := &captureTransport{body: tt.body}
			r, _ := retry.New(retry.Options{})
			client, err := s3.New(goto3.Config{Region: "us-east-1", Credentials: credentials.NewStatic("AKID", "SECRET", "")}, func(o *s3.Options) {
				o.HTTPClient = &http.Client{Transport: ct}
				o.Retryer = r
				if tt.opts != nil {
					tt.opts(o)
				}
			})
			if err != nil {
				t.Fatal(err)
			}
			if err := s3.Core(client).Invoke(context.Background(), tt.op, tt.in, tt.out, nil); err != nil {
				t.Fatal(err)
			}
			if got := ct.req.URL.String(); got != tt.wantURL {
				t.Errorf("got URL %s, want %s", got, tt.wantURL)
			}
			if got := ct.req.Header.Get("Authorization"); !strings.Contains(got, "/"+tt.wantAuth+",") {
				t.Errorf("got Authorization %s, want scope %s", got, tt.wantAuth)
			}
		})
	}
}
