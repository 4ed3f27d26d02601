package testpeer_test

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"io"
	"net/http"
	"net/url"
	"os"
	"regexp"
	"runtime"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/goto3/goto3/internal/testing/testpeer"
	"github.com/goto3/goto3/sigv4"
)

func TestMain(m *testing.M) {
	code := m.Run()
	testpeer.StopShared()
	os.Exit(code)
}

// do sends one S3 request to srv, signed with secret unless secret is "",
// and returns the status and body.
func do(t *testing.T, srv *testpeer.Server, secret, method, path string, body []byte) (int, string) {
	t.Helper()
	req, err := http.NewRequest(method, srv.URL+path, bytes.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	if secret != "" {
		sum := sha256.Sum256(body)
		creds := sigv4.Credentials{AccessKeyID: srv.AccessKeyID, SecretAccessKey: secret}
		err := sigv4.NewSigner(sigv4.S3Options).SignHTTP(req, creds, sigv4.Params{
			Service: "s3", Region: srv.Region, Time: time.Now(), PayloadHash: hex.EncodeToString(sum[:]),
		})
		if err != nil {
			t.Fatal(err)
		}
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatalf("%s %s: %v\n--- peer log ---\n%s", method, path, err, srv.Log())
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatal(err)
	}
	return resp.StatusCode, string(b)
}

// roundTrip creates a bucket, puts and gets an object, signing with the
// server's own secret (or not at all when sign is false).
func roundTrip(t *testing.T, srv *testpeer.Server, sign bool) {
	t.Helper()
	secret := ""
	if sign {
		secret = srv.SecretAccessKey
	}
	bucket := testpeer.BucketName(t)
	if code, body := do(t, srv, secret, http.MethodPut, "/"+bucket, nil); code != http.StatusOK {
		t.Fatalf("CreateBucket: got status %d, want 200: %s\n--- peer log ---\n%s", code, body, srv.Log())
	}
	want := "hello from " + t.Name()
	if code, body := do(t, srv, secret, http.MethodPut, "/"+bucket+"/dir/key.txt", []byte(want)); code != http.StatusOK {
		t.Fatalf("PutObject: got status %d, want 200: %s", code, body)
	}
	code, got := do(t, srv, secret, http.MethodGet, "/"+bucket+"/dir/key.txt", nil)
	if code != http.StatusOK || got != want {
		t.Fatalf("GetObject: got %d %q, want 200 %q", code, got, want)
	}
}

func TestGoFakeS3(t *testing.T) {
	srv := testpeer.GoFakeS3(t, testpeer.GoFakeS3Options{})
	if srv.Kind != "gofakes3" || !strings.HasPrefix(srv.URL, "http://127.0.0.1:") {
		t.Fatalf("got %v, want gofakes3 on 127.0.0.1", srv)
	}
	roundTrip(t, srv, false)
}

func TestGoFakeS3AutoBucket(t *testing.T) {
	srv := testpeer.GoFakeS3(t, testpeer.GoFakeS3Options{AutoBucket: true})
	if code, body := do(t, srv, "", http.MethodPut, "/never-created/k", []byte("x")); code != http.StatusOK {
		t.Fatalf("PutObject into an uncreated bucket: got %d, want 200: %s", code, body)
	}
	plain := testpeer.GoFakeS3(t, testpeer.GoFakeS3Options{})
	if code, _ := do(t, plain, "", http.MethodPut, "/never-created/k", []byte("x")); code != http.StatusNotFound {
		t.Fatalf("PutObject into an uncreated bucket without AutoBucket: got %d, want 404", code)
	}
}

func TestMoto(t *testing.T) {
	srv := testpeer.Moto(t, testpeer.MotoOptions{})
	// moto answers anonymous reads of private objects with 403, so sign
	// (with the placeholder key: auth is off).
	roundTrip(t, srv, true)
	// The same shared instance comes back.
	if again := testpeer.Moto(t, testpeer.MotoOptions{}); again != srv {
		t.Errorf("got a second shared moto at %s, want the first at %s", again.URL, srv.URL)
	}
}

func TestMotoAuth(t *testing.T) {
	srv := testpeer.Moto(t, testpeer.MotoOptions{Auth: true})
	if srv.AccessKeyID == "testing" || srv.SecretAccessKey == "" {
		t.Fatalf("got %v, want a key created through IAM", srv)
	}
	roundTrip(t, srv, true)
	code, body := do(t, srv, "wrong-secret", http.MethodGet, "/", nil)
	if code != http.StatusForbidden || !strings.Contains(body, "SignatureDoesNotMatch") {
		t.Errorf("wrong secret: got %d %s, want 403 SignatureDoesNotMatch", code, body)
	}
	// (An unsigned request gets moto's own 500 page, a moto bug; not asserted.)
	stranger := *srv
	stranger.AccessKeyID = "AKIDUNKNOWN000000000"
	if code, body := do(t, &stranger, srv.SecretAccessKey, http.MethodGet, "/", nil); code != http.StatusForbidden || !strings.Contains(body, "InvalidAccessKeyId") {
		t.Errorf("unknown access key: got %d %s, want 403 InvalidAccessKeyId", code, body)
	}
	if plain := testpeer.Moto(t, testpeer.MotoOptions{}); plain.URL == srv.URL {
		t.Errorf("got the auth moto %s for a test without Auth", srv.URL)
	}
}

func TestMotoDedicated(t *testing.T) {
	var srv *testpeer.Server
	t.Run("start", func(t *testing.T) {
		srv = testpeer.Moto(t, testpeer.MotoOptions{Dedicated: true})
		if code, _ := do(t, srv, "", http.MethodGet, "/", nil); code != http.StatusOK {
			t.Fatalf("ListBuckets: got %d, want 200", code)
		}
	})
	if srv == nil {
		t.Skip("moto did not start")
	}
	// The subtest's cleanup stopped it.
	if srv.Alive() {
		t.Fatalf("got %s still running after its test ended, want it stopped", srv.URL)
	}
	if _, err := http.Get(srv.URL + "/"); err == nil {
		t.Errorf("got an answer from %s after cleanup, want connection refused", srv.URL)
	}
}

func TestVersitygw(t *testing.T) {
	srv := testpeer.Versitygw(t, testpeer.VersitygwOptions{})
	roundTrip(t, srv, true)
	code, body := do(t, srv, "wrong-secret", http.MethodGet, "/", nil)
	if code != http.StatusForbidden || !strings.Contains(body, "SignatureDoesNotMatch") {
		t.Errorf("wrong secret: got %d %s, want 403 SignatureDoesNotMatch", code, body)
	}
}

func TestVersitygwDedicated(t *testing.T) {
	var srv *testpeer.Server
	t.Run("start", func(t *testing.T) {
		srv = testpeer.Versitygw(t, testpeer.VersitygwOptions{Dedicated: true})
		roundTrip(t, srv, true)
	})
	if srv == nil {
		t.Skip("versitygw did not start")
	}
	if srv.Alive() {
		t.Fatalf("got %s still running after its test ended, want it stopped", srv.URL)
	}
}

func TestLookVersitygw(t *testing.T) {
	p, err := testpeer.LookVersitygw()
	if err != nil {
		if os.Getenv("CI") == "true" {
			t.Fatal(err)
		}
		t.Skipf("%v; install with %s", err, testpeer.VersitygwInstallHint)
	}
	if !strings.HasSuffix(p, "/versitygw") {
		t.Errorf("got %q, want a path ending in /versitygw", p)
	}
}

func TestBucketName(t *testing.T) {
	valid := regexp.MustCompile(`^[a-z0-9][a-z0-9-]{1,61}[a-z0-9]$`)
	seen := map[string]bool{}
	for _, name := range []string{"Simple", "With Spaces_and.Dots", strings.Repeat("Long", 40), "ÜñíçødéΩ", "--"} {
		t.Run(name, func(t *testing.T) {
			for range 2 {
				b := testpeer.BucketName(t)
				if !valid.MatchString(b) || strings.Contains(b, "--") || !strings.HasPrefix(b, "gt3-") {
					t.Errorf("got %q, want a valid bucket name starting with gt3-", b)
				}
				if seen[b] {
					t.Errorf("got %q twice, want unique names", b)
				}
				seen[b] = true
			}
		})
	}
}

// recorder is a testing.TB that records Skip and Fatal instead of acting.
type recorder struct {
	testing.TB
	mu      sync.Mutex
	skipped string
	fatal   string
}

func (r *recorder) Helper() {}
func (r *recorder) Skip(args ...any) {
	r.mu.Lock()
	r.skipped = strings.TrimSpace(strings.Join(strings.Fields(fmtArgs(args)), " "))
	r.mu.Unlock()
	runtime.Goexit()
}
func (r *recorder) Fatal(args ...any) {
	r.mu.Lock()
	r.fatal = fmtArgs(args)
	r.mu.Unlock()
	runtime.Goexit()
}

func fmtArgs(args []any) string {
	var b strings.Builder
	for _, a := range args {
		if s, ok := a.(string); ok {
			b.WriteString(s)
		}
	}
	return b.String()
}

func TestMissing(t *testing.T) {
	for _, tc := range []struct {
		ci        string
		wantSkip  bool
		wantFatal bool
	}{
		{ci: "", wantSkip: true},
		{ci: "false", wantSkip: true},
		{ci: "true", wantFatal: true},
	} {
		t.Run("CI="+tc.ci, func(t *testing.T) {
			t.Setenv("CI", tc.ci)
			r := &recorder{TB: t}
			done := make(chan struct{})
			go func() {
				defer close(done)
				testpeer.Missing(r, "thing", "install thing@v1")
			}()
			<-done
			if got := r.skipped != ""; got != tc.wantSkip {
				t.Errorf("skipped: got %v (%q), want %v", got, r.skipped, tc.wantSkip)
			}
			if got := r.fatal != ""; got != tc.wantFatal {
				t.Errorf("fatal: got %v (%q), want %v", got, r.fatal, tc.wantFatal)
			}
			if msg := r.skipped + r.fatal; !strings.Contains(msg, "install thing@v1") {
				t.Errorf("got message %q, want it to contain the install hint", msg)
			}
		})
	}
}

func TestWatchdogStopsPeerWhenPipeCloses(t *testing.T) {
	p, err := testpeer.StartProcess("sleeper", []string{"sh", "-c", "echo started; exec sleep 600"})
	if err != nil {
		t.Fatal(err)
	}
	defer p.Stop()
	deadline := time.Now().Add(10 * time.Second)
	for !strings.Contains(p.Log(), "started") && time.Now().Before(deadline) {
		time.Sleep(10 * time.Millisecond)
	}
	if p.Exited() {
		t.Fatalf("got the process exited at once, want it running; log: %s", p.Log())
	}
	start := time.Now()
	p.Stop()
	if d := time.Since(start); d > 4*time.Second {
		t.Errorf("stop took %v, want the watchdog to end the peer promptly (< 4s, before the SIGKILL fallback)", d)
	}
	select {
	case <-p.Done():
	default:
		t.Fatal("got the process running after Stop, want it ended")
	}
}

func TestProcessExitIsNoticed(t *testing.T) {
	p, err := testpeer.StartProcess("quitter", []string{"sh", "-c", "echo bye >&2; exit 3"})
	if err != nil {
		t.Fatal(err)
	}
	defer p.Stop()
	select {
	case <-p.Done():
	case <-time.After(10 * time.Second):
		t.Fatal("got the process still running, want it exited")
	}
	if !strings.Contains(p.Log(), "bye") {
		t.Errorf("got log %q, want the process's stderr captured", p.Log())
	}
}

// query sends one Query-protocol call (SES, EC2) signed for service with
// secret and returns the status and body.
func query(t *testing.T, srv *testpeer.Server, service, secret string, form url.Values) (int, string) {
	t.Helper()
	body := []byte(form.Encode())
	req, err := http.NewRequest(http.MethodPost, srv.URL+"/", bytes.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded; charset=utf-8")
	sum := sha256.Sum256(body)
	creds := sigv4.Credentials{AccessKeyID: srv.AccessKeyID, SecretAccessKey: secret}
	if err := sigv4.NewSigner().SignHTTP(req, creds, sigv4.Params{Service: service, Region: srv.Region, Time: time.Now(), PayloadHash: hex.EncodeToString(sum[:])}); err != nil {
		t.Fatal(err)
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatalf("%s: %v\n--- moto log ---\n%s", service, err, srv.Log())
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return resp.StatusCode, string(b)
}

// The allow-all policy covers the Query services too, and their checkers
// reject a wrong secret with the codes PEERS.md lists.
func TestMotoAuthQueryServices(t *testing.T) {
	srv := testpeer.Moto(t, testpeer.MotoOptions{Auth: true})
	for _, tc := range []struct {
		service    string
		form       url.Values
		wantStatus int
		wantCode   string
	}{
		{"email", url.Values{"Action": {"ListIdentities"}, "Version": {"2010-12-01"}}, 403, "SignatureDoesNotMatch"},
		{"ec2", url.Values{"Action": {"DescribeAddresses"}, "Version": {"2016-11-15"}}, 401, "AuthFailure"},
	} {
		t.Run(tc.service, func(t *testing.T) {
			if code, body := query(t, srv, tc.service, srv.SecretAccessKey, tc.form); code != http.StatusOK {
				t.Errorf("right secret: got %d %s, want 200", code, body)
			}
			if code, body := query(t, srv, tc.service, "wrong-secret", tc.form); code != tc.wantStatus || !strings.Contains(body, tc.wantCode) {
				t.Errorf("wrong secret: got %d %s, want %d %s", code, body, tc.wantStatus, tc.wantCode)
			}
		})
	}
}
