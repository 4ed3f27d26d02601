package stepfunctions_test

import (
	"context"
	"encoding/json"
	"regexp"
	"testing"

	"github.com/goto3/goto3"
	"github.com/goto3/goto3/internal/testing/servicetest"
	"github.com/goto3/goto3/services/stepfunctions"
)

// Step Functions' botocore customizations are generic machinery its model
// switches on, checked here through the client:
//
//   - G11: StartSyncExecution and TestState carry endpoint.hostPrefix
//     "sync-": botocore sends them to sync-states.<region>.amazonaws.com,
//     and prepends the prefix to a custom endpoint's host too
//     (http://sync-127.0.0.1:4566/); every other operation goes to the
//     plain host (TestHostPrefix; expected values botocore 1.43.11's);
//   - G1: RedriveExecution's clientToken (idempotencyToken) is filled with
//     a random UUID v4 when unset (TestIdempotencyToken).
//
// botocore's inject_host_prefix=False (disable_host_prefix_injection) has
// no goto3 counterpart yet: the prefix is always applied.

func TestHostPrefix(t *testing.T) {
	const arn = "arn:aws:states:us-west-2:123456789012:stateMachine:m"
	calls := map[string]func(*stepfunctions.Client) error{
		"StartSyncExecution": func(c *stepfunctions.Client) error {
			_, err := c.StartSyncExecution(context.Background(), &stepfunctions.StartSyncExecutionInput{StateMachineArn: arn})
			return err
		},
		"TestState": func(c *stepfunctions.Client) error {
			_, err := c.TestState(context.Background(), &stepfunctions.TestStateInput{Definition: "{}", RoleArn: goto3.Ptr("arn:aws:iam::123456789012:role/r")})
			return err
		},
		"StartExecution": func(c *stepfunctions.Client) error {
			_, err := c.StartExecution(context.Background(), &stepfunctions.StartExecutionInput{StateMachineArn: arn})
			return err
		},
	}
	for _, tt := range []struct {
		op, endpoint, wantURL string
	}{
		{"StartSyncExecution", "", "https://sync-states.us-west-2.amazonaws.com/"},
		{"TestState", "", "https://sync-states.us-west-2.amazonaws.com/"},
		{"StartExecution", "", "https://states.us-west-2.amazonaws.com/"},
		{"StartSyncExecution", "http://127.0.0.1:4566", "http://sync-127.0.0.1:4566/"},
		{"TestState", "http://127.0.0.1:4566", "http://sync-127.0.0.1:4566/"},
		{"StartExecution", "http://127.0.0.1:4566", "http://127.0.0.1:4566/"},
	} {
		t.Run(tt.op+" "+tt.endpoint, func(t *testing.T) {
			rt := &servicetest.Transport{Body: `{}`}
			c := testClient(t, rt, func(o *stepfunctions.Options) { o.Region, o.EndpointURL = "us-west-2", tt.endpoint })
			if err := calls[tt.op](c); err != nil {
				t.Fatal(err)
			}
			req, _ := rt.Last(t)
			if got := req.URL.String(); got != tt.wantURL {
				t.Errorf("URL %s, want %s", got, tt.wantURL)
			}
			if req.Host != "" && req.Host != req.URL.Host {
				t.Errorf("Host %s, URL host %s", req.Host, req.URL.Host)
			}
			if got := req.Header.Get("X-Amz-Target"); got != "AWSStepFunctions."+tt.op {
				t.Errorf("X-Amz-Target %s", got)
			}
		})
	}
}

var uuid4 = regexp.MustCompile(`^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$`)

func TestIdempotencyToken(t *testing.T) {
	const arn = "arn:aws:states:us-east-1:123456789012:execution:m:e"
	rt := &servicetest.Transport{Body: `{"redriveDate":1700000000}`}
	c := testClient(t, rt)
	token := func(in *stepfunctions.RedriveExecutionInput) (string, bool) {
		t.Helper()
		if _, err := c.RedriveExecution(context.Background(), in); err != nil {
			t.Fatal(err)
		}
		_, body := rt.Last(t)
		var got map[string]any
		if err := json.Unmarshal([]byte(body), &got); err != nil {
			t.Fatal(err)
		}
		s, ok := got["clientToken"].(string)
		return s, ok
	}
	in := &stepfunctions.RedriveExecutionInput{ExecutionArn: arn}
	first, ok := token(in)
	if !ok || !uuid4.MatchString(first) {
		t.Errorf("clientToken %q, want a UUID v4", first)
	}
	if in.ClientToken != nil {
		t.Errorf("the caller's input was changed")
	}
	if second, _ := token(in); second == first || !uuid4.MatchString(second) {
		t.Errorf("second clientToken %q, first %q", second, first)
	}
	// A token the caller gives is sent as is.
	if got, _ := token(&stepfunctions.RedriveExecutionInput{ExecutionArn: arn, ClientToken: goto3.Ptr("my-token")}); got != "my-token" {
		t.Errorf("clientToken %q, want my-token", got)
	}
}
