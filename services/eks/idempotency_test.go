package eks_test

import (
	"context"
	"encoding/json"
	"testing"

	"github.com/goto3/goto3"
	"github.com/goto3/goto3/internal/testing/servicetest"
	"github.com/goto3/goto3/services/eks"
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

// TestIdempotencyToken: CreateCluster's clientRequestToken (one of EKS's 21 tokens; a REST-JSON body member) is filled with a random UUID v4 when the caller
// leaves it unset, and the caller's value is kept, as botocore's
// generate_idempotent_uuid (before-parameter-build) does.
func TestIdempotencyToken(t *testing.T) {
	ctx := context.Background()
	for _, tt := range []struct {
		name string
		call func(c *eks.Client) error
		want string
	}{
		{"unset", func(c *eks.Client) error {
			_, err := c.CreateCluster(ctx, &eks.CreateClusterInput{Name: "c", RoleArn: "arn:aws:iam::123456789012:role/r", ResourcesVpcConfig: &eks.VpcConfigRequest{}})
			return err
		}, "abababab-abab-4bab-abab-abababababab"},
		{"set", func(c *eks.Client) error {
			_, err := c.CreateCluster(ctx, &eks.CreateClusterInput{Name: "c", RoleArn: "arn:aws:iam::123456789012:role/r", ResourcesVpcConfig: &eks.VpcConfigRequest{}, ClientRequestToken: goto3.Ptr("mine")})
			return err
		}, "mine"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			rt := &servicetest.Transport{Body: `{}`}
			c := testClient(t, rt, func(o *eks.Options) { o.Rand = repeatReader(0xab) })
			if err := tt.call(c); err != nil {
				t.Fatal(err)
			}
			_, body := rt.Last(t)
			var m map[string]any
			if err := json.Unmarshal([]byte(body), &m); err != nil {
				t.Fatalf("body %q: %v", body, err)
			}
			if got := m["clientRequestToken"]; got != tt.want {
				t.Errorf("clientRequestToken: got %v, want %s (body %s)", got, tt.want, body)
			}
		})
	}
}
