package ec2_test

import (
	"context"
	"os"
	"testing"

	"github.com/goto3/goto3"
	"github.com/goto3/goto3/credentials"
	"github.com/goto3/goto3/internal/testing/testpeer"
	"github.com/goto3/goto3/services/ec2"
)

func TestMain(m *testing.M) {
	code := m.Run()
	testpeer.StopShared()
	os.Exit(code)
}

// TestMotoSmoke drives the EC2-protocol client end to end against moto.
// The full EC2 suite belongs to the integration tests.
func TestMotoSmoke(t *testing.T) {
	srv := testpeer.Moto(t, testpeer.MotoOptions{})
	c, err := newFromOptions(ec2.Options{
		Region:      srv.Region,
		Credentials: credentials.NewStatic(srv.AccessKeyID, srv.SecretAccessKey, ""),
		EndpointURL: srv.URL,
	})
	if err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	vpc := ec2.DomainTypeVpc
	alloc, err := c.AllocateAddress(ctx, &ec2.AllocateAddressInput{Domain: &vpc})
	if err != nil {
		t.Fatalf("%v\n%s", err, srv.Log())
	}
	if alloc.AllocationId == nil || alloc.PublicIp == nil {
		t.Fatalf("got %+v", alloc)
	}
	name := "allocation-id"
	out, err := c.DescribeAddresses(ctx, &ec2.DescribeAddressesInput{Filters: []ec2.Filter{{Name: &name, Values: []string{*alloc.AllocationId}}}})
	if err != nil {
		t.Fatal(err)
	}
	if len(out.Addresses) != 1 || *out.Addresses[0].PublicIp != *alloc.PublicIp {
		t.Errorf("got %+v", out.Addresses)
	}
	if _, err := c.ReleaseAddress(ctx, &ec2.ReleaseAddressInput{AllocationId: alloc.AllocationId}); err != nil {
		t.Fatal(err)
	}
	_, err = c.ReleaseAddress(ctx, &ec2.ReleaseAddressInput{AllocationId: alloc.AllocationId})
	if code := goto3.ErrorCode(err); code == "" {
		t.Errorf("releasing twice: got %v, want an API error", err)
	}
}

// TestMotoSignature: with moto's signature checking on, the right secret
// passes and a wrong one fails with AuthFailure.
func TestMotoSignature(t *testing.T) {
	srv := testpeer.Moto(t, testpeer.MotoOptions{Auth: true})
	for _, tt := range []struct {
		name, secret, code string
	}{
		{"right", srv.SecretAccessKey, ""},
		{"wrong", srv.SecretAccessKey + "x", "AuthFailure"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			c, err := newFromOptions(ec2.Options{
				Region:      srv.Region,
				Credentials: credentials.NewStatic(srv.AccessKeyID, tt.secret, ""),
				EndpointURL: srv.URL,
			})
			if err != nil {
				t.Fatal(err)
			}
			_, err = c.DescribeAddresses(context.Background(), &ec2.DescribeAddressesInput{})
			if got := goto3.ErrorCode(err); got != tt.code {
				t.Errorf("got %v, want code %q", err, tt.code)
			}
		})
	}
}
