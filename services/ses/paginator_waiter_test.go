package ses_test

import (
	"context"
	"fmt"
	"slices"
	"testing"
	"time"

	"github.com/goto3/goto3/credentials"
	"github.com/goto3/goto3/internal/testing/testpeer"
	"github.com/goto3/goto3/services/ses"
)

// TestMotoIdentityExists verifies identities, waits for them with the
// IdentityExists waiter (pathAll over the VerificationAttributes map,
// "VerificationAttributes.*.VerificationStatus"), and lists them with the
// ListIdentities item iterator.
func TestMotoIdentityExists(t *testing.T) {
	srv := testpeer.Moto(t, testpeer.MotoOptions{})
	c, err := newFromOptions(ses.Options{
		Region:      srv.Region,
		Credentials: credentials.NewStatic(srv.AccessKeyID, srv.SecretAccessKey, ""),
		EndpointURL: srv.URL,
	})
	if err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	var addrs []string
	for i := range 5 {
		addr := fmt.Sprintf("%s-%d@example.com", testpeer.BucketName(t), i)
		if _, err := c.VerifyEmailIdentity(ctx, &ses.VerifyEmailIdentityInput{EmailAddress: addr}); err != nil {
			t.Fatalf("%v\n%s", err, srv.Log())
		}
		addrs = append(addrs, addr)
	}
	sleeps := 0
	w := c.IdentityExistsWaiter()
	w.Sleep = func(ctx context.Context, d time.Duration) error { sleeps++; return ctx.Err() }
	err = w.Wait(ctx, &ses.GetIdentityVerificationAttributesInput{Identities: addrs})
	if err != nil {
		t.Fatalf("IdentityExists: %v after %d sleeps", err, sleeps)
	}

	var listed []string
	for id, err := range c.ListIdentitiesItems(ctx, &ses.ListIdentitiesInput{MaxItems: pwPtr[int32](2)}) {
		if err != nil {
			t.Fatal(err)
		}
		listed = append(listed, id)
	}
	for _, a := range addrs {
		if !slices.Contains(listed, a) {
			t.Errorf("ListIdentitiesItems lacks %s (got %d identities)", a, len(listed))
		}
	}
}

func pwPtr[T any](v T) *T { return &v }
