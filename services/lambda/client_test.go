package lambda_test

import (
	"context"
	"net/http"
	"strings"
	"testing"

	"github.com/goto3/goto3"
	"github.com/goto3/goto3/credentials"
	"github.com/goto3/goto3/internal/testing/servicetest"
	"github.com/goto3/goto3/retry"
	"github.com/goto3/goto3/services/lambda"
)

func testClient(t *testing.T, rt http.RoundTripper, optFns ...func(*lambda.Options)) *lambda.Client {
	t.Helper()
	r, err := retry.New(retry.Options{MaxAttempts: 1})
	if err != nil {
		t.Fatal(err)
	}
	c, err := lambda.New(goto3.Config{Region: "us-east-1", Credentials: credentials.NewStatic("AKID", "SECRET", "")}, func(o *lambda.Options) {
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

// TestEveryOperationEmptyInput calls every Lambda operation with an empty
// input: each is refused by validation naming a member or goes through.
func TestEveryOperationEmptyInput(t *testing.T) {
	c := testClient(t, &servicetest.Transport{Body: "{}"})
	passed, invalid := servicetest.EveryOperation(t, c, len(lambda.OperationSchemas()))
	t.Logf("%d operations went through, %d were refused", passed, invalid)
}

// TestResolvedURLs: the endpoint, path and credential scope Lambda's rule
// set and REST bindings give, through whole calls, as botocore 1.43
// sends them.
func TestResolvedURLs(t *testing.T) {
	ctx := context.Background()
	list := func(c *lambda.Client) error { _, err := c.ListFunctions(ctx, &lambda.ListFunctionsInput{}); return err }
	tests := []struct {
		name      string
		opts      func(*lambda.Options)
		call      func(*lambda.Client) error
		wantURL   string
		wantScope string
	}{
		{"us-east-1", nil, list, "https://lambda.us-east-1.amazonaws.com/2015-03-31/functions", "us-east-1/lambda/aws4_request"},
		{"china", func(o *lambda.Options) { o.Region = "cn-north-1" }, list, "https://lambda.cn-north-1.amazonaws.com.cn/2015-03-31/functions", "cn-north-1/lambda/aws4_request"},
		{"fips", func(o *lambda.Options) { o.UseFIPSEndpoint = true }, list, "https://lambda-fips.us-east-1.amazonaws.com/2015-03-31/functions", "us-east-1/lambda/aws4_request"},
		{"govcloud fips", func(o *lambda.Options) { o.Region, o.UseFIPSEndpoint = "us-gov-west-1", true }, list, "https://lambda-fips.us-gov-west-1.amazonaws.com/2015-03-31/functions", "us-gov-west-1/lambda/aws4_request"},
		{"dual-stack", func(o *lambda.Options) { o.Region, o.UseDualStackEndpoint = "eu-west-1", true }, list, "https://lambda.eu-west-1.api.aws/2015-03-31/functions", "eu-west-1/lambda/aws4_request"},
		{"custom endpoint", func(o *lambda.Options) { o.EndpointURL = "http://127.0.0.1:4566/base" }, list, "http://127.0.0.1:4566/base/2015-03-31/functions", "us-east-1/lambda/aws4_request"},
		{"labels and query", nil, func(c *lambda.Client) error {
			_, err := c.GetFunction(ctx, &lambda.GetFunctionInput{FunctionName: "my fn:1", Qualifier: goto3.Ptr("$LATEST")})
			return err
		}, "https://lambda.us-east-1.amazonaws.com/2015-03-31/functions/my%20fn%3A1?Qualifier=%24LATEST", "us-east-1/lambda/aws4_request"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			rt := &servicetest.Transport{Body: "{}"}
			var fns []func(*lambda.Options)
			if tt.opts != nil {
				fns = append(fns, tt.opts)
			}
			c := testClient(t, rt, fns...)
			if err := tt.call(c); err != nil {
				t.Fatal(err)
			}
			req, _ := rt.Last(t)
			if got := req.URL.String(); got != tt.wantURL {
				t.Errorf("URL: got %s, want %s", got, tt.wantURL)
			}
			if req.Method != http.MethodGet {
				t.Errorf("method: got %s, want GET", req.Method)
			}
			if got := req.Header.Get("Authorization"); !strings.Contains(got, "/"+tt.wantScope+",") {
				t.Errorf("Authorization: got %s, want scope %s", got, tt.wantScope)
			}
		})
	}
}

// TestZipFileBase64: UpdateFunctionCode's ZipFile is a blob, sent base64
// in the JSON body, as botocore's documentation says it "will be base64
// encoded automatically" (plain blob serialization: the bytes go in raw).
func TestZipFileBase64(t *testing.T) {
	rt := &servicetest.Transport{Body: "{}"}
	c := testClient(t, rt)
	if _, err := c.UpdateFunctionCode(context.Background(), &lambda.UpdateFunctionCodeInput{FunctionName: "f", ZipFile: []byte("PK\x03\x04zip")}); err != nil {
		t.Fatal(err)
	}
	req, body := rt.Last(t)
	// botocore 1.43: PUT .../2015-03-31/functions/f/code {"ZipFile": "UEsDBHppcA=="}
	if req.Method != http.MethodPut || req.URL.Path != "/2015-03-31/functions/f/code" || body != `{"ZipFile":"UEsDBHppcA=="}` {
		t.Errorf("got %s %s %s, want PUT /2015-03-31/functions/f/code {\"ZipFile\":\"UEsDBHppcA==\"}", req.Method, req.URL.Path, body)
	}
	if got := req.Header.Get("Content-Type"); got != "application/json" {
		t.Errorf("Content-Type: got %q", got)
	}
}
