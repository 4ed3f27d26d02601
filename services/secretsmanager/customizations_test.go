package secretsmanager_test

import (
	"context"
	"encoding/json"
	"regexp"
	"testing"

	"github.com/goto3/goto3"
	"github.com/goto3/goto3/internal/testing/servicetest"
	"github.com/goto3/goto3/services/secretsmanager"
)

// Secrets Manager has no botocore handler of its own. The generic item it
// relies on is G1: CreateSecret, PutSecretValue, RotateSecret and
// UpdateSecret's ClientRequestToken (idempotencyToken) is a random UUID v4
// when unset, which Secrets Manager also uses as the new version's id.

var uuid4 = regexp.MustCompile(`^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$`)

func sentToken(t *testing.T, rt *servicetest.Transport) (string, bool) {
	t.Helper()
	_, body := rt.Last(t)
	var got map[string]any
	if err := json.Unmarshal([]byte(body), &got); err != nil {
		t.Fatal(err)
	}
	s, ok := got["ClientRequestToken"].(string)
	return s, ok
}

func TestIdempotencyToken(t *testing.T) {
	rt := &servicetest.Transport{Body: `{}`}
	c := testClient(t, rt)
	ctx := context.Background()
	calls := map[string]func(token *string) error{
		"CreateSecret": func(tok *string) error {
			_, err := c.CreateSecret(ctx, &secretsmanager.CreateSecretInput{Name: "s", SecretString: goto3.Ptr("v"), ClientRequestToken: tok})
			return err
		},
		"PutSecretValue": func(tok *string) error {
			_, err := c.PutSecretValue(ctx, &secretsmanager.PutSecretValueInput{SecretId: "s", SecretString: goto3.Ptr("v"), ClientRequestToken: tok})
			return err
		},
		"RotateSecret": func(tok *string) error {
			_, err := c.RotateSecret(ctx, &secretsmanager.RotateSecretInput{SecretId: "s", ClientRequestToken: tok})
			return err
		},
		"UpdateSecret": func(tok *string) error {
			_, err := c.UpdateSecret(ctx, &secretsmanager.UpdateSecretInput{SecretId: "s", ClientRequestToken: tok})
			return err
		},
	}
	for name, call := range calls {
		t.Run(name, func(t *testing.T) {
			if err := call(nil); err != nil {
				t.Fatal(err)
			}
			first, ok := sentToken(t, rt)
			if !ok || !uuid4.MatchString(first) {
				t.Errorf("ClientRequestToken %q, want a UUID v4", first)
			}
			if err := call(nil); err != nil {
				t.Fatal(err)
			}
			if second, _ := sentToken(t, rt); second == first {
				t.Errorf("the same token twice: %s", first)
			}
			const mine = "EXAMPLE1-90ab-cdef-fedc-ba987SECRET1"
			if err := call(goto3.Ptr(mine)); err != nil {
				t.Fatal(err)
			}
			if got, _ := sentToken(t, rt); got != mine {
				t.Errorf("ClientRequestToken %q, want the caller's %q", got, mine)
			}
		})
	}
}

// TestNoTokenElsewhere: an operation without the trait gets no token.
func TestNoTokenElsewhere(t *testing.T) {
	rt := &servicetest.Transport{Body: `{}`}
	if _, err := testClient(t, rt).GetSecretValue(context.Background(), &secretsmanager.GetSecretValueInput{SecretId: "s"}); err != nil {
		t.Fatal(err)
	}
	if _, body := rt.Last(t); body != `{"SecretId":"s"}` {
		t.Errorf("body %s", body)
	}
}
