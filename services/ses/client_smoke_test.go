package ses_test

import (
	"context"
	"errors"
	"slices"
	"testing"

	"github.com/goto3/goto3"
	"github.com/goto3/goto3/credentials"
	"github.com/goto3/goto3/internal/testing/testpeer"
	"github.com/goto3/goto3/services/ses"
)

// TestMotoSmoke drives the Query-protocol client end to end against moto:
// signing, form encoding, XML decoding, modelled errors. The full SES suite
// belongs to the integration tests.
func TestMotoSmoke(t *testing.T) {
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
	addr := testpeer.BucketName(t) + "@example.com"
	if _, err := c.VerifyEmailIdentity(ctx, &ses.VerifyEmailIdentityInput{EmailAddress: addr}); err != nil {
		t.Fatalf("%v\n%s", err, srv.Log())
	}
	out, err := c.ListIdentities(ctx, &ses.ListIdentitiesInput{})
	if err != nil {
		t.Fatal(err)
	}
	if !slices.Contains(out.Identities, addr) {
		t.Errorf("identities %v lack %s", out.Identities, addr)
	}
	if out.ResultMetadata.StatusCode != 200 || out.ResultMetadata.Attempts != 1 {
		t.Errorf("metadata %+v", out.ResultMetadata)
	}
	_, err = c.GetTemplate(ctx, &ses.GetTemplateInput{TemplateName: "no-such-template-" + testpeer.BucketName(t)})
	var api *goto3.APIError
	if !errors.As(err, &api) || api.Code != "TemplateDoesNotExist" {
		t.Errorf("got %v, want TemplateDoesNotExist", err)
	}
	var modeled *ses.TemplateDoesNotExistException
	if !errors.As(err, &modeled) {
		t.Errorf("got %v, want *ses.TemplateDoesNotExistException", err)
	}
}

// TestMotoSignature: with moto's signature checking on, the right secret
// passes and a wrong one fails with SignatureDoesNotMatch.
func TestMotoSignature(t *testing.T) {
	srv := testpeer.Moto(t, testpeer.MotoOptions{Auth: true})
	for _, tt := range []struct {
		name, secret, code string
	}{
		{"right", srv.SecretAccessKey, ""},
		{"wrong", srv.SecretAccessKey + "x", "SignatureDoesNotMatch"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			c, err := newFromOptions(ses.Options{
				Region:      srv.Region,
				Credentials: credentials.NewStatic(srv.AccessKeyID, tt.secret, ""),
				EndpointURL: srv.URL,
			})
			if err != nil {
				t.Fatal(err)
			}
			_, err = c.ListIdentities(context.Background(), &ses.ListIdentitiesInput{})
			if got := goto3.ErrorCode(err); got != tt.code {
				t.Errorf("got %v, want code %q", err, tt.code)
			}
		})
	}
}
