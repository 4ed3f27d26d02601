package testpeer

import (
	"encoding/xml"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"os/exec"
	"strconv"
	"strings"
	"testing"
	"time"
)

// MotoInstallHint is how to install moto's server.
const MotoInstallHint = `python3 -m pip install 'moto[server]==5.2.1'`

// MotoOptions configure Moto.
type MotoOptions struct {
	// Auth turns on moto's signature and IAM checking: an IAM user with an
	// access key and an allow-all user policy is created, then
	// authentication is switched on for every later request, and the
	// returned Server carries that key. Requests signed with any other
	// secret then fail with SignatureDoesNotMatch (S3, SES; 403) or
	// AuthFailure (EC2; 401). moto's checker has gaps (PEERS.md): it rejects
	// correct S3 signatures for object keys with + = : ( ) ! * ' $ @ , % or
	// non-ASCII bytes and answers presigned URLs with 500, so keep keys
	// plain on an Auth server.
	Auth bool
	// Dedicated starts a private moto process stopped at t.Cleanup instead
	// of the one shared by the whole test binary. Use it for tests that
	// reset moto's state or depend on exact global listings.
	Dedicated bool
}

// Moto returns a moto server (python3 -m moto.server) on 127.0.0.1: by
// default the one shared by every test in the binary that asked for the same
// Auth setting, started on first use (about 3-5 s); tests sharing it must
// keep to their own names (BucketName). The server answers S3, SES v1, EC2,
// IAM and the rest of moto's services on one port, in region us-east-1.
//
// When python3 or moto is missing the test is skipped with MotoInstallHint,
// or fails when CI=true.
func Moto(t testing.TB, opts MotoOptions) *Server {
	t.Helper()
	if _, err := exec.LookPath("python3"); err != nil {
		missing(t, "python3 (for moto)", "apt-get install python3 python3-pip && "+MotoInstallHint)
	}
	var srv *Server
	var err error
	if opts.Dedicated {
		srv, err = startMoto(opts.Auth)
		if srv != nil {
			t.Cleanup(srv.proc.stop)
		}
	} else {
		key := "moto"
		if opts.Auth {
			key = "moto-auth"
		}
		srv, err = sharedServer(key, func() (*Server, error) { return startMoto(opts.Auth) })
	}
	if err != nil {
		if strings.Contains(err.Error(), "No module named") {
			missing(t, "moto", MotoInstallHint)
		}
		t.Fatal(err)
	}
	return srv
}

func startMoto(auth bool) (*Server, error) {
	argv := func(port int) []string {
		return []string{"python3", "-m", "moto.server", "-H", "127.0.0.1", "-p", strconv.Itoa(port)}
	}
	p, base, err := startReady("moto", argv, nil, "", "/moto-api/reset-auth", 60*time.Second)
	if err != nil {
		return nil, err
	}
	srv := &Server{
		Kind:            "moto",
		URL:             base,
		Region:          "us-east-1",
		AccessKeyID:     "testing",
		SecretAccessKey: "testing",
		proc:            p,
	}
	if auth {
		id, secret, err := motoEnableAuth(base)
		if err != nil {
			p.stop()
			return nil, fmt.Errorf("testpeer: turning on moto auth: %w\n--- moto output ---\n%s", err, p.Log())
		}
		srv.AccessKeyID, srv.SecretAccessKey = id, secret
	}
	return srv, nil
}

// motoUser is the IAM user the Auth bootstrap creates.
const motoUser = "goto3-testpeer"

// allowAll is the user policy that lets the test key do everything.
const allowAll = `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"*","Resource":"*"}]}`

// motoEnableAuth creates an IAM user, an access key and an allow-all policy
// through moto's IAM Query API, then switches authentication on with
// POST /moto-api/reset-auth and body "0" (moto's INITIAL_NO_AUTH_ACTION_COUNT:
// the number of requests left unauthenticated). It returns the new key.
func motoEnableAuth(base string) (id, secret string, err error) {
	client := &http.Client{Timeout: 30 * time.Second}
	if _, err := motoIAM(client, base, url.Values{"Action": {"CreateUser"}, "UserName": {motoUser}}); err != nil {
		return "", "", err
	}
	body, err := motoIAM(client, base, url.Values{"Action": {"CreateAccessKey"}, "UserName": {motoUser}})
	if err != nil {
		return "", "", err
	}
	var out struct {
		ID     string `xml:"CreateAccessKeyResult>AccessKey>AccessKeyId"`
		Secret string `xml:"CreateAccessKeyResult>AccessKey>SecretAccessKey"`
	}
	if err := xml.Unmarshal(body, &out); err != nil {
		return "", "", fmt.Errorf("decoding CreateAccessKey response: %w", err)
	}
	if out.ID == "" || out.Secret == "" {
		return "", "", fmt.Errorf("CreateAccessKey response has no key (%d bytes)", len(body))
	}
	if _, err := motoIAM(client, base, url.Values{
		"Action":         {"PutUserPolicy"},
		"UserName":       {motoUser},
		"PolicyName":     {"allow-all"},
		"PolicyDocument": {allowAll},
	}); err != nil {
		return "", "", err
	}
	resp, err := client.Post(base+"/moto-api/reset-auth", "text/plain", strings.NewReader("0"))
	if err != nil {
		return "", "", err
	}
	b, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		return "", "", fmt.Errorf("POST /moto-api/reset-auth: status %d: %s", resp.StatusCode, b)
	}
	return out.ID, out.Secret, nil
}

// motoIAM sends one IAM Query API call as a plain form POST. While auth is
// off moto checks no signature, but it picks the service from the credential
// scope of the Authorization header, so the request carries a well-formed
// header whose signature is not computed (no SDK and no signer needed).
func motoIAM(client *http.Client, base string, form url.Values) ([]byte, error) {
	form.Set("Version", "2010-05-08")
	req, err := http.NewRequest(http.MethodPost, base+"/", strings.NewReader(form.Encode()))
	if err != nil {
		return nil, err
	}
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded; charset=utf-8")
	req.Header.Set("Authorization", "AWS4-HMAC-SHA256 Credential=AKIDTESTPEERBOOTSTRAP/20260101/us-east-1/iam/aws4_request, "+
		"SignedHeaders=content-type;host, Signature="+strings.Repeat("0", 64))
	resp, err := client.Do(req)
	if err != nil {
		return nil, fmt.Errorf("IAM %s: %w", form.Get("Action"), err)
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(resp.Body)
	if err != nil {
		return nil, fmt.Errorf("IAM %s: reading response: %w", form.Get("Action"), err)
	}
	if resp.StatusCode != http.StatusOK {
		return nil, fmt.Errorf("IAM %s: status %d: %s", form.Get("Action"), resp.StatusCode, body)
	}
	return body, nil
}
