package credentials_test

import (
	"bytes"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/goto3/goto3/credentials"
	"github.com/goto3/goto3/sigv4"
)

var testNow = time.Date(2026, 11, 24, 12, 0, 0, 0, time.UTC)

func fixedNow() time.Time { return testNow }

func envOf(m map[string]string) credentials.LookupEnvFunc {
	return func(k string) (string, bool) {
		v, ok := m[k]
		return v, ok
	}
}

// overlay reads files from m first, then from disk.
func overlay(m map[string]string) func(string) ([]byte, error) {
	return func(name string) ([]byte, error) {
		if s, ok := m[name]; ok {
			return []byte(s), nil
		}
		return os.ReadFile(name)
	}
}

const (
	chainConfig      = "../testdata/credentials/chain/config"
	chainCredentials = "../testdata/credentials/chain/credentials"
)

// stsCall is one request the fake STS received.
type stsCall struct {
	Form      url.Values
	AccessKey string // "" when unsigned
	Token     string
}

// fakeSTS plays STS: it checks SigV4 signatures of signed requests by
// re-signing them with the secret it knows for the access key, and issues
// credentials named after the role session.
type fakeSTS struct {
	t       *testing.T
	srv     *httptest.Server
	mu      sync.Mutex
	secrets map[string]sigv4.Credentials // access key id -> credentials
	calls   []stsCall
	fail    string // when set, respond with this error code
}

func newFakeSTS(t *testing.T, known map[string]string) *fakeSTS {
	f := &fakeSTS{t: t, secrets: map[string]sigv4.Credentials{}}
	for k, v := range known {
		f.secrets[k] = sigv4.Credentials{AccessKeyID: k, SecretAccessKey: v}
	}
	f.srv = httptest.NewServer(http.HandlerFunc(f.serve))
	t.Cleanup(f.srv.Close)
	return f
}

func (f *fakeSTS) serve(w http.ResponseWriter, r *http.Request) {
	body, _ := io.ReadAll(r.Body)
	form, err := url.ParseQuery(string(body))
	if err != nil || r.Method != http.MethodPost || r.Header.Get("Content-Type") != "application/x-www-form-urlencoded; charset=utf-8" {
		http.Error(w, "bad request", 400)
		return
	}
	call := stsCall{Form: form, Token: r.Header.Get("X-Amz-Security-Token")}
	if auth := r.Header.Get("Authorization"); auth != "" {
		id, ok := f.verify(r, body)
		if !ok {
			w.WriteHeader(403)
			fmt.Fprint(w, `<ErrorResponse><Error><Type>Sender</Type><Code>SignatureDoesNotMatch</Code><Message>bad signature</Message></Error><RequestId>req-sig</RequestId></ErrorResponse>`)
			return
		}
		call.AccessKey = id
	}
	f.mu.Lock()
	f.calls = append(f.calls, call)
	fail := f.fail
	f.mu.Unlock()
	if fail != "" {
		w.WriteHeader(403)
		fmt.Fprintf(w, `<ErrorResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/"><Error><Type>Sender</Type><Code>%s</Code><Message>not allowed</Message></Error><RequestId>req-err</RequestId></ErrorResponse>`, fail)
		return
	}
	action := form.Get("Action")
	if form.Get("Version") != "2011-06-15" || (action != "AssumeRole" && action != "AssumeRoleWithWebIdentity") {
		http.Error(w, "bad action", 400)
		return
	}
	if action == "AssumeRole" && call.AccessKey == "" {
		http.Error(w, "AssumeRole must be signed", http.StatusForbidden)
		return
	}
	id := "ASIA" + strings.ToUpper(form.Get("RoleSessionName"))
	secret := "secret-" + form.Get("RoleSessionName")
	f.mu.Lock()
	f.secrets[id] = sigv4.Credentials{AccessKeyID: id, SecretAccessKey: secret, SessionToken: "token-" + form.Get("RoleSessionName")}
	f.mu.Unlock()
	fmt.Fprintf(w, `<%[1]sResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/">
  <%[1]sResult>
    <Credentials>
      <AccessKeyId>%[2]s</AccessKeyId>
      <SecretAccessKey>%[3]s</SecretAccessKey>
      <SessionToken>token-%[4]s</SessionToken>
      <Expiration>2026-11-24T13:00:00Z</Expiration>
    </Credentials>
    <AssumedRoleUser>
      <Arn>arn:aws:sts::123456789012:assumed-role/R/%[4]s</Arn>
      <AssumedRoleId>AROA:%[4]s</AssumedRoleId>
    </AssumedRoleUser>
  </%[1]sResult>
  <ResponseMetadata><RequestId>req-1</RequestId></ResponseMetadata>
</%[1]sResponse>`, action, id, secret, form.Get("RoleSessionName"))
}

// verify checks the request's SigV4 signature with sigv4.Verify, knowing
// the secrets (and session tokens) of the keys it issued.
func (f *fakeSTS) verify(r *http.Request, body []byte) (string, bool) {
	r.Body = io.NopCloser(bytes.NewReader(body))
	v, err := sigv4.Verify(r, sigv4.VerifyOptions{
		Lookup: func(id string) (sigv4.Credentials, bool) {
			f.mu.Lock()
			defer f.mu.Unlock()
			c, ok := f.secrets[id]
			return c, ok
		},
		Now:     testNow,
		Service: "sts",
	})
	if err != nil {
		return "", false
	}
	return v.AccessKeyID, true
}

func (f *fakeSTS) Calls() []stsCall {
	f.mu.Lock()
	defer f.mu.Unlock()
	return append([]stsCall(nil), f.calls...)
}

type roundTripFunc func(*http.Request) (*http.Response, error)

func (f roundTripFunc) RoundTrip(r *http.Request) (*http.Response, error) { return f(r) }
