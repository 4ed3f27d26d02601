package ssm_test

import (
	"context"
	"encoding/json"
	"regexp"
	"testing"

	"github.com/goto3/goto3"
	"github.com/goto3/goto3/internal/testing/servicetest"
	"github.com/goto3/goto3/services/ssm"
)

// SSM has no botocore handler of its own. The generic item it relies on
// is G1: the ClientToken (idempotencyToken) of CreateMaintenanceWindow,
// CreatePatchBaseline, DeleteInventory, RegisterTargetWithMaintenanceWindow
// and RegisterTaskWithMaintenanceWindow is a random UUID v4 when unset.

var uuid4 = regexp.MustCompile(`^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$`)

func TestIdempotencyToken(t *testing.T) {
	rt := &servicetest.Transport{Body: `{}`}
	c := testClient(t, rt)
	for _, tok := range []*string{nil, goto3.Ptr("my-token")} {
		_, err := c.CreateMaintenanceWindow(context.Background(), &ssm.CreateMaintenanceWindowInput{
			Name: "w", Schedule: "rate(1 day)", Duration: 2, Cutoff: 1, ClientToken: tok,
		})
		if err != nil {
			t.Fatal(err)
		}
		_, body := rt.Last(t)
		var got struct{ ClientToken *string }
		if err := json.Unmarshal([]byte(body), &got); err != nil || got.ClientToken == nil {
			t.Fatalf("body %s: %v", body, err)
		}
		if tok == nil && !uuid4.MatchString(*got.ClientToken) || tok != nil && *got.ClientToken != *tok {
			t.Errorf("ClientToken %q, given %v", *got.ClientToken, tok)
		}
	}
}
