package bedrockruntime_test

import (
	"context"
	"errors"
	"net/http"
	"strings"
	"testing"

	"github.com/goto3/goto3"
	"github.com/goto3/goto3/credentials"
	"github.com/goto3/goto3/internal/testing/servicetest"
	"github.com/goto3/goto3/retry"
	"github.com/goto3/goto3/services/bedrockruntime"
)

func testConfig(env map[string]string) goto3.Config {
	return goto3.Config{Region: "us-east-1", Credentials: credentials.NewStatic("AKID", "SECRET", "STOK"),
		Sources: goto3.Sources{LookupEnv: func(k string) (string, bool) { v, ok := env[k]; return v, ok }}}
}

func testClient(t *testing.T, rt http.RoundTripper, cfg goto3.Config, optFns ...func(*bedrockruntime.Options)) *bedrockruntime.Client {
	t.Helper()
	r, err := retry.New(retry.Options{MaxAttempts: 1})
	if err != nil {
		t.Fatal(err)
	}
	c, err := bedrockruntime.New(cfg, func(o *bedrockruntime.Options) {
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

// TestEveryOperationEmptyInput calls every Bedrock Runtime operation with
// an empty input: each is refused by validation naming a member or goes
// through. InvokeModelWithBidirectionalStream is always refused (its input
// is an event stream; see TestBidirectionalStreamRefused).
func TestEveryOperationEmptyInput(t *testing.T) {
	c := testClient(t, &servicetest.Transport{Body: "{}"}, testConfig(nil))
	passed, invalid := servicetest.EveryOperation(t, c, len(bedrockruntime.OperationSchemas()))
	t.Logf("%d operations went through, %d were refused", passed, invalid)
}

func converseInput() *bedrockruntime.ConverseInput {
	return &bedrockruntime.ConverseInput{ModelId: "m", Messages: []bedrockruntime.Message{
		{Role: bedrockruntime.ConversationRoleUser, Content: []bedrockruntime.ContentBlock{{Text: goto3.Ptr("hi")}}},
	}}
}

// TestResolvedURLs: the endpoint, path and credential scope Bedrock
// Runtime's rule set and REST bindings give (signing name bedrock),
// through whole calls, as botocore 1.43 sends them.
func TestResolvedURLs(t *testing.T) {
	tests := []struct {
		name      string
		opts      func(*bedrockruntime.Options)
		model     string
		wantURL   string
		wantScope string
	}{
		{"us-east-1", nil, "m", "https://bedrock-runtime.us-east-1.amazonaws.com/model/m/converse", "us-east-1/bedrock/aws4_request"},
		{"china", func(o *bedrockruntime.Options) { o.Region = "cn-north-1" }, "m", "https://bedrock-runtime.cn-north-1.amazonaws.com.cn/model/m/converse", "cn-north-1/bedrock/aws4_request"},
		{"govcloud fips, ARN label", func(o *bedrockruntime.Options) { o.Region, o.UseFIPSEndpoint = "us-gov-west-1", true },
			"arn:aws:bedrock:us-east-1::foundation-model/anthropic.claude-v2",
			"https://bedrock-runtime-fips.us-gov-west-1.amazonaws.com/model/arn%3Aaws%3Abedrock%3Aus-east-1%3A%3Afoundation-model%2Fanthropic.claude-v2/converse", "us-gov-west-1/bedrock/aws4_request"},
		{"dual-stack", func(o *bedrockruntime.Options) { o.Region, o.UseDualStackEndpoint = "eu-west-1", true }, "m", "https://bedrock-runtime.eu-west-1.api.aws/model/m/converse", "eu-west-1/bedrock/aws4_request"},
		{"custom endpoint", func(o *bedrockruntime.Options) { o.EndpointURL = "http://127.0.0.1:4566" }, "m", "http://127.0.0.1:4566/model/m/converse", "us-east-1/bedrock/aws4_request"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			rt := &servicetest.Transport{Body: "{}"}
			var fns []func(*bedrockruntime.Options)
			if tt.opts != nil {
				fns = append(fns, tt.opts)
			}
			c := testClient(t, rt, testConfig(nil), fns...)
			in := converseInput()
			in.ModelId = tt.model
			if _, err := c.Converse(context.Background(), in); err != nil {
				t.Fatal(err)
			}
			req, body := rt.Last(t)
			if got := req.URL.String(); got != tt.wantURL {
				t.Errorf("URL: got %s, want %s", got, tt.wantURL)
			}
			if got := req.Header.Get("Authorization"); !strings.Contains(got, "/"+tt.wantScope+",") {
				t.Errorf("Authorization: got %s, want scope %s", got, tt.wantScope)
			}
			if want := `{"messages":[{"role":"user","content":[{"text":"hi"}]}]}`; body != want {
				t.Errorf("body: got %s, want %s", body, want)
			}
		})
	}
}

// TestBearerToken: with AWS_BEARER_TOKEN_BEDROCK set (the signing name is
// bedrock for Bedrock Runtime too), requests carry the token and no SigV4
// header, as botocore 1.43 sends them; without it they are signed; an
// auth scheme preference for sigv4 set in code wins.
func TestBearerToken(t *testing.T) {
	env := map[string]string{"AWS_BEARER_TOKEN_BEDROCK": "tok-1"}
	for _, tt := range []struct {
		name string
		env  map[string]string
		opts func(*bedrockruntime.Options)
		want string
	}{
		{"token", env, nil, "Bearer tok-1"},
		{"no token", nil, nil, "AWS4-HMAC-SHA256 "},
		{"sigv4 preferred in code", env, func(o *bedrockruntime.Options) { o.AuthSchemePreference = []string{"sigv4"} }, "AWS4-HMAC-SHA256 "},
	} {
		t.Run(tt.name, func(t *testing.T) {
			rt := &servicetest.Transport{Body: "{}"}
			var fns []func(*bedrockruntime.Options)
			if tt.opts != nil {
				fns = append(fns, tt.opts)
			}
			c := testClient(t, rt, testConfig(tt.env), fns...)
			if _, err := c.Converse(context.Background(), converseInput()); err != nil {
				t.Fatal(err)
			}
			req, _ := rt.Last(t)
			if got := req.Header.Get("Authorization"); !strings.HasPrefix(got, tt.want) {
				t.Errorf("Authorization: got %q, want %s...", got, tt.want)
			}
			if strings.HasPrefix(tt.want, "Bearer") && (req.Header.Get("X-Amz-Date") != "" || req.Header.Get("X-Amz-Security-Token") != "") {
				t.Errorf("SigV4 headers on a bearer request: %v", req.Header)
			}
		})
	}
}

// TestBidirectionalStreamRefused: InvokeModelWithBidirectionalStream
// streams events both ways over HTTP/2, which goto3 does not implement
// (botocore removes the operation from its client): it fails validation,
// naming its event stream member, before any request.
func TestBidirectionalStreamRefused(t *testing.T) {
	rt := &servicetest.Transport{}
	c := testClient(t, rt, testConfig(nil))
	_, err := c.InvokeModelWithBidirectionalStream(context.Background(), &bedrockruntime.InvokeModelWithBidirectionalStreamInput{
		ModelId: "m", Body: &bedrockruntime.InvokeModelWithBidirectionalStreamInputEvent{Chunk: &bedrockruntime.BidirectionalInputPayloadPart{Bytes: []byte("{}")}},
	})
	var ve *goto3.ValidationError
	if !errors.As(err, &ve) || ve.Member != "body" || rt.Count() != 0 {
		t.Errorf("got %v after %d requests, want a ValidationError naming body before any", err, rt.Count())
	}
}
