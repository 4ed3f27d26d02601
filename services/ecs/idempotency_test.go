package ecs_test

import (
	"context"
	"encoding/json"
	"testing"

	"github.com/goto3/goto3"
	"github.com/goto3/goto3/internal/testing/servicetest"
	"github.com/goto3/goto3/services/ecs"
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

// TestIdempotencyToken: RunTask's clientToken is filled with a random UUID v4 when the caller
// leaves it unset, and the caller's value is kept, as botocore's
// generate_idempotent_uuid (before-parameter-build) does.
func TestIdempotencyToken(t *testing.T) {
	ctx := context.Background()
	for _, tt := range []struct {
		name string
		call func(c *ecs.Client) error
		want string
	}{
		{"unset", func(c *ecs.Client) error {
			_, err := c.RunTask(ctx, &ecs.RunTaskInput{TaskDefinition: "td"})
			return err
		}, "abababab-abab-4bab-abab-abababababab"},
		{"set", func(c *ecs.Client) error {
			_, err := c.RunTask(ctx, &ecs.RunTaskInput{TaskDefinition: "td", ClientToken: goto3.Ptr("mine")})
			return err
		}, "mine"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			rt := &servicetest.Transport{Body: `{}`}
			c := testClient(t, rt, func(o *ecs.Options) { o.Rand = repeatReader(0xab) })
			if err := tt.call(c); err != nil {
				t.Fatal(err)
			}
			_, body := rt.Last(t)
			var m map[string]any
			if err := json.Unmarshal([]byte(body), &m); err != nil {
				t.Fatalf("body %q: %v", body, err)
			}
			if got := m["clientToken"]; got != tt.want {
				t.Errorf("clientToken: got %v, want %s (body %s)", got, tt.want, body)
			}
		})
	}
}
