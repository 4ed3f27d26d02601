package session_test

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/goto3/goto3/internal/testing/testpeer"
	"github.com/goto3/goto3/services/iam"
	"github.com/goto3/goto3/services/sts"
	"github.com/goto3/goto3/session"
)

// TestMotoCredentialChainSTS runs the credential chain's STS calls against
// moto: a profile with role_arn and source_profile gets the role's
// temporary credentials from AssumeRole (sent by the generated STS client
// to AWS_ENDPOINT_URL), with which GetCallerIdentity reports the assumed
// role; a web identity profile does the same through
// AssumeRoleWithWebIdentity, sent unsigned.
func TestMotoCredentialChainSTS(t *testing.T) {
	srv := testpeer.Moto(t, testpeer.MotoOptions{})
	ctx := context.Background()
	dir := t.TempDir()
	token := filepath.Join(dir, "token")
	if err := os.WriteFile(token, []byte("eyJhbGciOiJub25lIn0.eyJzdWIiOiJ0ZXN0In0."), 0o600); err != nil {
		t.Fatal(err)
	}
	os.WriteFile(filepath.Join(dir, "credentials"), []byte("[base]\naws_access_key_id = "+srv.AccessKeyID+
		"\naws_secret_access_key = "+srv.SecretAccessKey+"\n"), 0o600)
	env := map[string]string{"AWS_ENDPOINT_URL": srv.URL, "AWS_SHARED_CREDENTIALS_FILE": filepath.Join(dir, "credentials")}

	// The role to assume, made with the base credentials.
	base, err := sessionIn(t, env, "[profile base]\nregion = "+srv.Region+"\n", session.WithProfile("base"))
	if err != nil {
		t.Fatal(err)
	}
	ic, err := iam.New(base.Config())
	if err != nil {
		t.Fatal(err)
	}
	role, err := ic.CreateRole(ctx, &iam.CreateRoleInput{RoleName: "goto3-chain-" + testpeer.BucketName(t),
		AssumeRolePolicyDocument: `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"AWS":"*"},"Action":"sts:AssumeRole"}]}`})
	if err != nil {
		t.Fatal(err)
	}
	arn := role.Role.Arn

	config := "[profile dev]\nrole_arn = " + arn + "\nsource_profile = base\nrole_session_name = chain-test\nregion = " + srv.Region + "\n" +
		"[profile web]\nrole_arn = " + arn + "\nweb_identity_token_file = " + token + "\nrole_session_name = web-test\nregion = " + srv.Region + "\n"
	for _, tt := range []struct{ profile, source, session string }{
		{"dev", "assume-role", "chain-test"},
		{"web", "assume-role-with-web-identity", "web-test"},
	} {
		t.Run(tt.profile, func(t *testing.T) {
			sess, err := sessionIn(t, env, config, session.WithProfile(tt.profile))
			if err != nil {
				t.Fatal(err)
			}
			cr, err := sess.Credentials().Retrieve(ctx)
			if err != nil {
				t.Fatal(err)
			}
			if cr.Source != tt.source || cr.SessionToken == "" || cr.AccessKeyID == srv.AccessKeyID || cr.Expires.IsZero() {
				t.Errorf("got %s credentials %s (token set %t, expires %v), want temporary ones from %s", cr.Source, cr.AccessKeyID, cr.SessionToken != "", cr.Expires, tt.source)
			}
			sc, err := sts.New(sess.Config())
			if err != nil {
				t.Fatal(err)
			}
			id, err := sc.GetCallerIdentity(ctx, &sts.GetCallerIdentityInput{})
			if err != nil {
				t.Fatal(err)
			}
			if id.Arn == nil || !strings.Contains(*id.Arn, ":assumed-role/") || !strings.HasSuffix(*id.Arn, "/"+tt.session) {
				t.Errorf("GetCallerIdentity says %v, want the assumed role's session %s", id.Arn, tt.session)
			}
		})
	}
}
