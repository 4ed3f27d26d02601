package athena_test

import (
	"context"
	"encoding/json"
	"testing"

	"github.com/goto3/goto3"
	"github.com/goto3/goto3/internal/testing/servicetest"
	"github.com/goto3/goto3/services/athena"
)

// repeatReader is an endless run of one byte: every UUID drawn from it is
// the same.
type repeatReader byte

func (r repeatReader) Read(p []byte) (int, error) {
	for i := range p {
		p[i] = byte(r)
	}
	return len(p), nil
}

// TestIdempotencyToken: StartQueryExecution's ClientRequestToken is filled with a random UUID v4 when the caller
// leaves it unset, and the caller's value is kept, as botocore's
// generate_idempotent_uuid (before-parameter-build) does.
func TestIdempotencyToken(t *testing.T) {
	ctx := context.Background()
	for _, tt := range []struct {
		name string
		call func(c *athena.Client) error
		want string
	}{
		{"unset", func(c *athena.Client) error {
			_, err := c.StartQueryExecution(ctx, &athena.StartQueryExecutionInput{QueryString: "SELECT 1"})
			return err
		}, "abababab-abab-4bab-abab-abababababab"},
		{"set", func(c *athena.Client) error {
			_, err := c.StartQueryExecution(ctx, &athena.StartQueryExecutionInput{QueryString: "SELECT 1", ClientRequestToken: goto3.Ptr("mine")})
			return err
		}, "mine"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			rt := &servicetest.Transport{Body: `{}`}
			c := testClient(t, rt, func(o *athena.Options) { o.Rand = repeatReader(0xab) })
			if err := tt.call(c); err != nil {
				t.Fatal(err)
			}
			_, body := rt.Last(t)
			var m map[string]any
			if err := json.Unmarshal([]byte(body), &m); err != nil {
				t.Fatalf("body %q: %v", body, err)
			}
			if got := m["ClientRequestToken"]; got != tt.want {
				t.Errorf("ClientRequestToken: got %v, want %s (body %s)", got, tt.want, body)
			}
		})
	}
}

// TestRequiredIdempotencyToken: StopQueryExecution's QueryExecutionId is
// both required and an idempotency token; botocore fills it before
// validating, so an empty input is sent with a random id, not refused.
func TestRequiredIdempotencyToken(t *testing.T) {
	rt := &servicetest.Transport{Body: `{}`}
	c := testClient(t, rt, func(o *athena.Options) { o.Rand = repeatReader(0xab) })
	if _, err := c.StopQueryExecution(context.Background(), &athena.StopQueryExecutionInput{}); err != nil {
		t.Fatal(err)
	}
	if _, body := rt.Last(t); body != `{"QueryExecutionId":"abababab-abab-4bab-abab-abababababab"}` {
		t.Errorf("body: got %s", body)
	}
}
