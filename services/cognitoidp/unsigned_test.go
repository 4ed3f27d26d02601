package cognitoidp_test

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
	"github.com/goto3/goto3/services/cognitoidp"
)

// noCredsClient is a client whose Config has no credentials at all.
func noCredsClient(t *testing.T, rt http.RoundTripper) *cognitoidp.Client {
	t.Helper()
	r, err := retry.New(retry.Options{MaxAttempts: 1})
	if err != nil {
		t.Fatal(err)
	}
	c, err := cognitoidp.New(goto3.Config{Region: "us-east-1"}, func(o *cognitoidp.Options) {
		o.HTTPClient = &http.Client{Transport: rt}
		o.Retryer = r
	})
	if err != nil {
		t.Fatal(err)
	}
	return c
}

// checkUnsigned fails when req carries anything of a signature.
func checkUnsigned(t *testing.T, req *http.Request) {
	t.Helper()
	for _, h := range []string{"Authorization", "X-Amz-Date", "X-Amz-Security-Token", "X-Amz-Content-Sha256"} {
		if v, ok := req.Header[h]; ok {
			t.Errorf("%s: got %q, want none (unsigned)", h, v)
		}
	}
}

// TestUnsignedOperations: the operations the model marks authtype none
// (InitiateAuth, SignUp, ConfirmSignUp, ...: 32) are sent unsigned, as
// botocore's operation-level auth does, with credentials or with none in
// the Config; the others need credentials.
func TestUnsignedOperations(t *testing.T) {
	unsigned := 0
	for _, op := range cognitoidp.OperationSchemas() {
		if op.AuthType == "none" {
			unsigned++
		}
	}
	if unsigned != 32 {
		t.Errorf("got %d unsigned operations, want the model's 32", unsigned)
	}

	ctx := context.Background()
	auth := &cognitoidp.InitiateAuthInput{AuthFlow: cognitoidp.AuthFlowTypeUserPasswordAuth, ClientId: "client",
		AuthParameters: map[string]string{"USERNAME": "alice", "PASSWORD": "secret"}}
	signUp := &cognitoidp.SignUpInput{ClientId: "client", Username: "alice", Password: goto3.Ptr("secret")}

	t.Run("no credentials", func(t *testing.T) {
		rt := &servicetest.Transport{Body: `{}`}
		c := noCredsClient(t, rt)
		if _, err := c.InitiateAuth(ctx, auth); err != nil {
			t.Fatal(err)
		}
		req, body := rt.Last(t)
		checkUnsigned(t, req)
		if got := req.Header.Get("X-Amz-Target"); got != "AWSCognitoIdentityProviderService.InitiateAuth" {
			t.Errorf("X-Amz-Target: got %s", got)
		}
		if want := `{"AuthFlow":"USER_PASSWORD_AUTH","AuthParameters":{"PASSWORD":"secret","USERNAME":"alice"},"ClientId":"client"}`; body != want {
			t.Errorf("body: got %s, want %s", body, want)
		}
		if _, err := c.SignUp(ctx, signUp); err != nil {
			t.Fatal(err)
		}
		req, _ = rt.Last(t)
		checkUnsigned(t, req)
	})

	t.Run("with credentials", func(t *testing.T) {
		rt := &servicetest.Transport{Body: `{}`}
		c := testClient(t, rt, func(o *cognitoidp.Options) {
			o.Credentials = credentials.NewStatic("AKID", "SECRET", "TOKEN")
		})
		if _, err := c.InitiateAuth(ctx, auth); err != nil {
			t.Fatal(err)
		}
		req, _ := rt.Last(t)
		checkUnsigned(t, req)
		// A signed operation of the same client is signed.
		if _, err := c.ListUserPools(ctx, &cognitoidp.ListUserPoolsInput{MaxResults: 1}); err != nil {
			t.Fatal(err)
		}
		req, _ = rt.Last(t)
		if !strings.HasPrefix(req.Header.Get("Authorization"), "AWS4-HMAC-SHA256 ") || req.Header.Get("X-Amz-Security-Token") != "TOKEN" {
			t.Errorf("ListUserPools: got Authorization %q, token %q; want signed", req.Header.Get("Authorization"), req.Header.Get("X-Amz-Security-Token"))
		}
	})

	// Every operation with an empty input and no credentials: an unsigned
	// one goes through unsigned or fails validation; a signed one fails
	// validation or for want of credentials, sending nothing.
	t.Run("every operation without credentials", func(t *testing.T) {
		rt := &servicetest.Transport{}
		c := noCredsClient(t, rt)
		schemas := map[string]string{}
		for _, op := range cognitoidp.OperationSchemas() {
			schemas[op.Name] = op.AuthType
		}
		for _, op := range servicetest.Operations(c) {
			before := rt.Count()
			_, err := op.Call(ctx, nil)
			var ve *goto3.ValidationError
			switch {
			case errors.As(err, &ve):
			case schemas[op.Name] == "none":
				if err != nil {
					t.Errorf("%s: got %v, want it sent unsigned", op.Name, err)
					continue
				}
				req, _ := rt.Last(t)
				checkUnsigned(t, req)
			default:
				if err == nil || !strings.Contains(err.Error(), "no credentials") || rt.Count() != before {
					t.Errorf("%s: got %v (%d sent), want a no-credentials error and nothing sent", op.Name, err, rt.Count()-before)
				}
			}
		}
	})
}
