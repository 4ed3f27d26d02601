package pipeline_test

import (
	"context"
	"net/http"
	"strings"
	"testing"

	"github.com/goto3/goto3/credentials"
	"github.com/goto3/goto3/endpoints"
	"github.com/goto3/goto3/internal/pipeline"
	"github.com/goto3/goto3/protocol"
	"github.com/goto3/goto3/retry"
	"github.com/goto3/goto3/services/ec2"
	"github.com/goto3/goto3/services/s3"
	"github.com/goto3/goto3/services/ses"
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
		svc      *protocol.Service
		rules    *endpoints.RuleSet
		opts     func(*pipeline.Options)
		op       *protocol.Operation
		in, out  any
		body     string
		wantURL  string
		wantAuth string // credential scope
	}{
		{"s3 us-east-1 global", s3.ServiceSchema(), endpoints.S3(), nil, s3ops["HeadBucket"], &s3.HeadBucketInput{Bucket: "bkt"}, &s3.HeadBucketOutput{}, "",
			"https://bkt.s3.amazonaws.com/", "us-east-1/s3/aws4_request"},
		{"s3 us-east-1 legacy", s3.ServiceSchema(), endpoints.S3(), func(o *pipeline.Options) { o.USEast1RegionalEndpoint = "legacy" }, s3ops["HeadBucket"], &s3.HeadBucketInput{Bucket: "bkt"}, &s3.HeadBucketOutput{}, "",
			"https://bkt.s3.amazonaws.com/", "us-east-1/s3/aws4_request"},
		{"s3 us-east-1 regional", s3.ServiceSchema(), endpoints.S3(), func(o *pipeline.Options) { o.USEast1RegionalEndpoint = "regional" }, s3ops["HeadBucket"], &s3.HeadBucketInput{Bucket: "bkt"}, &s3.HeadBucketOutput{}, "",
			"https://bkt.s3.us-east-1.amazonaws.com/", "us-east-1/s3/aws4_request"},
		{"s3 us-east-1 regional path style", s3.ServiceSchema(), endpoints.S3(), func(o *pipeline.Options) { o.USEast1RegionalEndpoint, o.UsePathStyle = "regional", true }, s3ops["ListBuckets"], &s3.ListBucketsInput{}, &s3.ListBucketsOutput{}, "<ListAllMyBucketsResult/>",
			"https://s3.us-east-1.amazonaws.com/", "us-east-1/s3/aws4_request"},
		{"s3 us-west-2 regional setting has no effect", s3.ServiceSchema(), endpoints.S3(), func(o *pipeline.Options) { o.Region, o.USEast1RegionalEndpoint = "us-west-2", "legacy" }, s3ops["HeadBucket"], &s3.HeadBucketInput{Bucket: "bkt"}, &s3.HeadBucketOutput{}, "",
			"https://bkt.s3.us-west-2.amazonaws.com/", "us-west-2/s3/aws4_request"},
		{"s3 us-west-2", s3.ServiceSchema(), endpoints.S3(), func(o *pipeline.Options) { o.Region = "us-west-2" }, s3ops["GetObject"], &s3.GetObjectInput{Bucket: "bkt", Key: "a b/c+d"}, &s3.GetObjectOutput{}, "",
			"https://bkt.s3.us-west-2.amazonaws.com/a%20b/c%2Bd", "us-west-2/s3/aws4_request"},
		{"s3 path style", s3.ServiceSchema(), endpoints.S3(), func(o *pipeline.Options) { o.Region, o.UsePathStyle = "eu-west-1", true }, s3ops["HeadBucket"], &s3.HeadBucketInput{Bucket: "bkt"}, &s3.HeadBucketOutput{}, "",
			"https://s3.eu-west-1.amazonaws.com/bkt", "eu-west-1/s3/aws4_request"},
		{"s3 dots go path style", s3.ServiceSchema(), endpoints.S3(), func(o *pipeline.Options) { o.Region = "eu-west-1" }, s3ops["HeadBucket"], &s3.HeadBucketInput{Bucket: "my.bucket"}, &s3.HeadBucketOutput{}, "",
			"https://s3.eu-west-1.amazonaws.com/my.bucket", "eu-west-1/s3/aws4_request"},
		{"s3 fips dualstack", s3.ServiceSchema(), endpoints.S3(), func(o *pipeline.Options) { o.Region, o.UseFIPS, o.UseDualStack = "us-west-2", true, true }, s3ops["HeadBucket"], &s3.HeadBucketInput{Bucket: "bkt"}, &s3.HeadBucketOutput{}, "",
			"https://bkt.s3-fips.dualstack.us-west-2.amazonaws.com/", "us-west-2/s3/aws4_request"},
		{"s3 accelerate", s3.ServiceSchema(), endpoints.S3(), func(o *pipeline.Options) { o.Region, o.UseAccelerate = "us-west-2", true }, s3ops["HeadBucket"], &s3.HeadBucketInput{Bucket: "bkt"}, &s3.HeadBucketOutput{}, "",
			"https://bkt.s3-accelerate.amazonaws.com/", "us-west-2/s3/aws4_request"},
		{"ses", ses.ServiceSchema(), endpoints.SES(), func(o *pipeline.Options) { o.Region = "eu-west-1" }, sesOp("ListIdentities"), &ses.ListIdentitiesInput{}, &ses.ListIdentitiesOutput{},
			`<ListIdentitiesResponse><ListIdentitiesResult><Identities/></ListIdentitiesResult></ListIdentitiesResponse>`,
			"https://email.eu-west-1.amazonaws.com/", "eu-west-1/ses/aws4_request"},
		{"ec2", ec2.ServiceSchema(), endpoints.EC2(), func(o *pipeline.Options) { o.Region = "ap-southeast-2" }, ec2Op("DescribeAddresses"), &ec2.DescribeAddressesInput{}, &ec2.DescribeAddressesOutput{},
			`<DescribeAddressesResponse><addressesSet/></DescribeAddressesResponse>`,
			"https://ec2.ap-southeast-2.amazonaws.com/", "ap-southeast-2/ec2/aws4_request"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ct := &captureTransport{body: tt.body}
			r, _ := retry.New(retry.Options{})
			o := pipeline.Options{Region: "us-east-1", Credentials: credentials.NewStatic("AKID", "SECRET", ""), HTTPClient: &http.Client{Transport: ct}, Retryer: r}
			if tt.opts != nil {
				tt.opts(&o)
			}
			c, err := pipeline.New(tt.svc, tt.rules, o)
			if err != nil {
				t.Fatal(err)
			}
			if err := c.Invoke(context.Background(), tt.op, tt.in, tt.out, nil); err != nil {
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

func sesOp(name string) *protocol.Operation {
	for _, op := range ses.OperationSchemas() {
		if op.Name == name {
			return op
		}
	}
	return nil
}

func ec2Op(name string) *protocol.Operation {
	for _, op := range ec2.OperationSchemas() {
		if op.Name == name {
			return op
		}
	}
	return nil
}
