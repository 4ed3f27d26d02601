package session_test

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/goto3/goto3"
	"github.com/goto3/goto3/session"
)

// fakeSTS answers AssumeRole and AssumeRoleWithWebIdentity: the first
// `fail` requests with a 500, AccessDenied for the role "denied", else
// credentials. It records each request's form and headers.
type fakeSTS struct {
	mu    sync.Mutex
	fail  int
	calls []stsCall
}

type stsCall struct {
	form   url.Values
	header http.Header
	auth   string
}

func (f *fakeSTS) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	b, _ := io.ReadAll(r.Body)
	form, _ := url.ParseQuery(string(b))
	f.mu.Lock()
	f.calls = append(f.calls, stsCall{form: form, header: r.Header.Clone(), auth: r.Header.Get("Authorization")})
	n := len(f.calls)
	f.mu.Unlock()
	w.Header().Set("Content-Type", "text/xml")
	if n <= f.fail {
		w.WriteHeader(500)
		io.WriteString(w, `<ErrorResponse><Error><Type>Receiver</Type><Code>InternalFailure</Code><Message>try again</Message></Error><RequestId>r1</RequestId></ErrorResponse>`)
		return
	}
	if strings.HasSuffix(form.Get("RoleArn"), "/denied") {
		w.WriteHeader(403)
		io.WriteString(w, `<ErrorResponse><Error><Type>Sender</Type><Code>AccessDenied</Code><Message>not authorized to assume the role</Message></Error><RequestId>r2</RequestId></ErrorResponse>`)
		return
	}
	action := form.Get("Action")
	fmt.Fprintf(w, `<%sResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/"><%sResult>
<Credentials><AccessKeyId>ASIAASSUMED</AccessKeyId><SecretAccessKey>assumed-secret</SecretAccessKey><SessionToken>assumed-token</SessionToken><Expiration>%s</Expiration></Credentials>
<AssumedRoleUser><Arn>arn:aws:sts::123456789012:assumed-role/r/s</Arn><AssumedRoleId>AROA:s</AssumedRoleId></AssumedRoleUser>
</%sResult><ResponseMetadata><RequestId>r3</RequestId></ResponseMetadata></%sResponse>`, action, action, time.Now().Add(time.Hour).UTC().Format(time.RFC3339), action, action)
}

// The credential chain's STS calls go through the generated STS client:
// its endpoint (AWS_ENDPOINT_URL_STS), its retries, its signature, and
// *goto3.APIError for a refusal.
func TestAssumeRoleThroughSTSClient(t *testing.T) {
	fake := &fakeSTS{fail: 1}
	ts := httptest.NewServer(fake)
	defer ts.Close()
	config := "[profile dev]\nrole_arn = arn:aws:iam::123456789012:role/r\nsource_profile = base\nregion = eu-west-1\n" +
		"[profile denied]\nrole_arn = arn:aws:iam::123456789012:role/denied\nsource_profile = base\n"
	dir := t.TempDir()
	os.WriteFile(filepath.Join(dir, "credentials"), []byte("[base]\naws_access_key_id = AKIDBASE\naws_secret_access_key = base-secret\n"), 0o600)
	env := map[string]string{"AWS_ENDPOINT_URL_STS": ts.URL, "AWS_SHARED_CREDENTIALS_FILE": filepath.Join(dir, "credentials")}

	sess, err := sessionIn(t, env, config, session.WithProfile("dev"))
	if err != nil {
		t.Fatal(err)
	}
	cr, err := sess.Credentials().Retrieve(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	if cr.AccessKeyID != "ASIAASSUMED" || cr.SessionToken != "assumed-token" || cr.AccountID != "123456789012" || cr.Source != "assume-role" {
		t.Errorf("got %+v, want the assumed role's credentials", cr)
	}
	if len(fake.calls) != 2 {
		t.Fatalf("STS saw %d requests, want 2 (a 500 retried by the client)", len(fake.calls))
	}
	last := fake.calls[1]
	if last.form.Get("Action") != "AssumeRole" || last.form.Get("RoleArn") != "arn:aws:iam::123456789012:role/r" {
		t.Errorf("got form %v", last.form)
	}
	if ua := last.header.Get("User-Agent"); !strings.Contains(ua, "api/sts#2011-06-15") {
		t.Errorf("User-Agent %q: the request did not come from the generated STS client", ua)
	}
	if !strings.Contains(last.auth, "Credential=AKIDBASE/") || !strings.Contains(last.auth, "/eu-west-1/sts/aws4_request") {
		t.Errorf("Authorization %q, want the source credentials signing for eu-west-1", last.auth)
	}
	if got := last.header.Get("Amz-Sdk-Request"); got != "attempt=2; max=3" {
		t.Errorf("amz-sdk-request %q, want the second of three attempts", got)
	}

	// A refusal is the service's APIError.
	sess, err = sessionIn(t, env, config, session.WithProfile("denied"), session.WithRegion("us-west-2"))
	if err != nil {
		t.Fatal(err)
	}
	_, err = sess.Credentials().Retrieve(context.Background())
	var api *goto3.APIError
	if !errors.As(err, &api) || api.Code != "AccessDenied" || api.StatusCode != 403 {
		t.Fatalf("got %v, want an *goto3.APIError AccessDenied 403", err)
	}
	if strings.Contains(err.Error(), "base-secret") {
		t.Errorf("the error %q shows the source secret", err)
	}
}

// AssumeRoleWithWebIdentity is sent unsigned (the model's authtype none).
func TestWebIdentityUnsigned(t *testing.T) {
	fake := &fakeSTS{}
	ts := httptest.NewServer(fake)
	defer ts.Close()
	dir := t.TempDir()
	tok := filepath.Join(dir, "token")
	os.WriteFile(tok, []byte("oidc-token\n"), 0o600)
	env := map[string]string{
		"AWS_ENDPOINT_URL_STS":        ts.URL,
		"AWS_WEB_IDENTITY_TOKEN_FILE": tok,
		"AWS_ROLE_ARN":                "arn:aws:iam::123456789012:role/web",
		"AWS_REGION":                  "us-west-2",
	}
	sess, err := sessionIn(t, env, "")
	if err != nil {
		t.Fatal(err)
	}
	cr, err := sess.Credentials().Retrieve(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	if cr.AccessKeyID != "ASIAASSUMED" {
		t.Errorf("got %+v", cr)
	}
	if len(fake.calls) != 1 {
		t.Fatalf("STS saw %d requests, want 1", len(fake.calls))
	}
	c := fake.calls[0]
	if c.auth != "" || c.header.Get("X-Amz-Security-Token") != "" {
		t.Errorf("the request is signed (Authorization %q), want it unsigned", c.auth)
	}
	if c.form.Get("Action") != "AssumeRoleWithWebIdentity" || c.form.Get("WebIdentityToken") != "oidc-token" {
		t.Errorf("got form %v", c.form)
	}
}
