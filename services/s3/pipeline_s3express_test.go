package s3_test

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/goto3/goto3"
	"github.com/goto3/goto3/credentials"
	"github.com/goto3/goto3/retry"
	"github.com/goto3/goto3/services/s3"
	"github.com/goto3/goto3/session"
	"github.com/goto3/goto3/sigv4"
)

const (
	expressBucket = "mybucket--use1-az4--x-s3"
	baseAKID      = "AKIDBASE"
	baseSecret    = "base-secret"
)

// baseSecrets are the base credentials the fake endpoint knows.
var baseSecrets = map[string]string{baseAKID: baseSecret, "OTHERAKID": "other-secret"}

// expressServer stands in for a directory bucket's zonal endpoint: it
// answers CreateSession (signed with the base credentials, signing name
// s3express) with session credentials that expire after lifetime, and
// GetObject / PutObject only when signed with a live session and carrying
// its token in x-amz-s3session-token.
type expressServer struct {
	t        *testing.T
	clock    *fakeClock
	lifetime time.Duration
	// baseToken is the session token of the base credentials.
	baseToken string

	mu       sync.Mutex
	sessions map[string]sigv4.Credentials // by access key id
	expiry   map[string]time.Time
	creates  atomic.Int32
	objects  atomic.Int32
	// createStatus, when set, answers CreateSession with this error status.
	createStatus int
	// revoked, when set, answers object requests with ExpiredToken once.
	revoked atomic.Bool
	// createGate, when set, is waited on before answering CreateSession.
	createGate chan struct{}
	// lastObject is the last object request's headers.
	lastObject http.Header
}

func newExpressServer(t *testing.T, clock *fakeClock) (*expressServer, *httptest.Server) {
	es := &expressServer{t: t, clock: clock, lifetime: 5 * time.Minute, sessions: map[string]sigv4.Credentials{}, expiry: map[string]time.Time{}}
	srv := httptest.NewServer(es)
	t.Cleanup(srv.Close)
	return es, srv
}

func (es *expressServer) fail(w http.ResponseWriter, status int, code string) {
	w.Header().Set("x-amz-request-id", "REQ")
	w.WriteHeader(status)
	fmt.Fprintf(w, `<?xml version="1.0" encoding="UTF-8"?><Error><Code>%s</Code><Message>%s</Message><RequestId>REQ</RequestId></Error>`, code, code)
}

func (es *expressServer) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	signer := sigv4.NewSigner(sigv4.S3Options)
	if !strings.Contains(r.URL.Path, "--x-s3") {
		es.fail(w, 404, "NoSuchBucket")
		return
	}
	if _, ok := r.URL.Query()["session"]; ok {
		es.creates.Add(1)
		if es.createGate != nil {
			<-es.createGate
		}
		_, err := sigv4.Verify(r, sigv4.VerifyOptions{
			Lookup: func(id string) (sigv4.Credentials, bool) {
				secret, ok := baseSecrets[id]
				return sigv4.Credentials{AccessKeyID: id, SecretAccessKey: secret, SessionToken: es.baseToken}, ok
			},
			Now: es.clock.Now(), Service: "s3express", Region: "us-east-1", Signer: signer,
		})
		if err != nil {
			es.t.Errorf("CreateSession: %v", err)
			es.fail(w, 403, "SignatureDoesNotMatch")
			return
		}
		if got := r.Header.Get("X-Amz-S3session-Token"); got != "" {
			es.t.Errorf("CreateSession carries x-amz-s3session-token %q, want none", got)
		}
		es.mu.Lock()
		status := es.createStatus
		es.mu.Unlock()
		if status != 0 {
			es.fail(w, status, "AccessDenied")
			return
		}
		n := es.creates.Load()
		cr := sigv4.Credentials{AccessKeyID: fmt.Sprintf("SESSIONAKID%d", n), SecretAccessKey: fmt.Sprintf("session-secret-%d", n), SessionToken: fmt.Sprintf("session/token+%d==", n)}
		exp := es.clock.Now().Add(es.lifetime).UTC()
		es.mu.Lock()
		es.sessions[cr.AccessKeyID] = cr
		es.expiry[cr.AccessKeyID] = exp
		es.mu.Unlock()
		fmt.Fprintf(w, `<?xml version="1.0" encoding="UTF-8"?><CreateSessionResult xmlns="http://s3.amazonaws.com/doc/2006-03-01/"><Credentials><SessionToken>%s</SessionToken><SecretAccessKey>%s</SecretAccessKey><AccessKeyId>%s</AccessKeyId><Expiration>%s</Expiration></Credentials></CreateSessionResult>`,
			cr.SessionToken, cr.SecretAccessKey, cr.AccessKeyID, exp.Format(time.RFC3339))
		return
	}
	es.objects.Add(1)
	es.mu.Lock()
	es.lastObject = r.Header.Clone()
	es.mu.Unlock()
	var sessionAKID string
	v, err := sigv4.Verify(r, sigv4.VerifyOptions{
		Lookup: func(id string) (sigv4.Credentials, bool) {
			es.mu.Lock()
			defer es.mu.Unlock()
			cr, ok := es.sessions[id]
			sessionAKID = id
			cr.SessionToken = "" // it travels in x-amz-s3session-token
			return cr, ok
		},
		Now: es.clock.Now(), Service: "s3express", Region: "us-east-1", Signer: signer, RequireSignedAmzHeaders: true,
	})
	if err != nil {
		es.t.Errorf("%s %s: %v", r.Method, r.URL.Path, err)
		es.fail(w, 403, "SignatureDoesNotMatch")
		return
	}
	es.mu.Lock()
	want, exp := es.sessions[sessionAKID], es.expiry[sessionAKID]
	es.mu.Unlock()
	tok := r.Header.Get("X-Amz-S3session-Token")
	if v.Presigned {
		tok = r.URL.Query().Get("X-Amz-S3session-Token")
	}
	if tok != want.SessionToken {
		es.t.Errorf("session token %q, want %q", tok, want.SessionToken)
	}
	if !v.Presigned && !signed(v.SignedHeaders, "x-amz-s3session-token") {
		es.t.Errorf("signed headers %v lack x-amz-s3session-token", v.SignedHeaders)
	}
	if got := r.Header.Get("X-Amz-Security-Token"); got != "" {
		es.t.Errorf("X-Amz-Security-Token %q sent, want none", got)
	}
	if !es.clock.Now().Before(exp) || es.revoked.CompareAndSwap(true, false) {
		es.fail(w, 400, "ExpiredToken")
		return
	}
	if r.Method == http.MethodPut {
		io.Copy(io.Discard, r.Body)
		w.Header().Set("ETag", `"etag"`)
		return
	}
	w.Header().Set("Content-Length", "5")
	io.WriteString(w, "hello")
}

func signed(list []string, h string) bool {
	for _, s := range list {
		if s == h {
			return true
		}
	}
	return false
}

// expressClient returns an S3 client on url ("": the real endpoints) with
// the base credentials and a retryer on clock.
func expressClient(t *testing.T, url string, clock *fakeClock, optFns ...func(*s3.Options)) *s3.Client {
	t.Helper()
	r, err := retry.New(retry.Options{Now: clock.Now, Sleep: clock.Sleep, Rand: func() float64 { return 0.5 }})
	if err != nil {
		t.Fatal(err)
	}
	c, err := s3.New(goto3.Config{Region: "us-east-1", Credentials: credentials.NewStatic(baseAKID, baseSecret, "")}, func(o *s3.Options) {
		o.EndpointURL = url
		o.Retryer = r
		o.Now = clock.Now
		for _, f := range optFns {
			f(o)
		}
	})
	if err != nil {
		t.Fatal(err)
	}
	return c
}

func getObject(c *s3.Client, t *testing.T) error {
	return getObjectIn(c, t, expressBucket)
}

// getObjectIn calls GetObject through c's pipeline client.
func getObjectIn(c *s3.Client, t *testing.T, bucket string) error {
	out := &s3.GetObjectOutput{}
	err := s3.Core(c).Invoke(context.Background(), s3op(t, "GetObject"), &s3.GetObjectInput{Bucket: bucket, Key: "k"}, out, &out.ResultMetadata)
	if err == nil {
		checkHello(t, out)
	}
	return err
}

// getObjectWith calls c.GetObject with per-call options, which make a
// pipeline client sharing c's (pipeline.Client.With).
func getObjectWith(c *s3.Client, t *testing.T, optFns ...func(*s3.Options)) error {
	out, err := c.GetObject(context.Background(), &s3.GetObjectInput{Bucket: expressBucket, Key: "k"}, optFns...)
	if err == nil {
		checkHello(t, out)
	}
	return err
}

func checkHello(t *testing.T, out *s3.GetObjectOutput) {
	t.Helper()
	b, rerr := io.ReadAll(out.Body)
	out.Body.Close()
	if rerr != nil || string(b) != "hello" {
		t.Errorf("GetObject body %q, %v; want hello", b, rerr)
	}
}

func TestS3ExpressSessionAuth(t *testing.T) {
	clock := newFakeClock()
	es, srv := newExpressServer(t, clock)
	c := expressClient(t, srv.URL, clock)

	for i := range 3 {
		if err := getObject(c, t); err != nil {
			t.Fatalf("GetObject %d: %v", i, err)
		}
	}
	put := &s3.PutObjectOutput{}
	if err := s3.Core(c).Invoke(context.Background(), s3op(t, "PutObject"), &s3.PutObjectInput{Bucket: expressBucket, Key: "k", Body: strings.NewReader("body")}, put, &put.ResultMetadata); err != nil {
		t.Fatalf("PutObject: %v", err)
	}
	if got := es.creates.Load(); got != 1 {
		t.Errorf("got %d CreateSession calls for 4 requests, want 1", got)
	}
	if got := es.objects.Load(); got != 4 {
		t.Errorf("got %d object requests, want 4", got)
	}

	// Still more than 45 seconds left: the cached session serves.
	clock.mu.Lock()
	clock.t = clock.t.Add(es.lifetime - 46*time.Second)
	clock.mu.Unlock()
	if err := getObject(c, t); err != nil {
		t.Fatal(err)
	}
	if got := es.creates.Load(); got != 1 {
		t.Errorf("46s before expiry: got %d CreateSession calls, want 1", got)
	}
	// Within 45 seconds of expiry: refreshed.
	clock.mu.Lock()
	clock.t = clock.t.Add(2 * time.Second)
	clock.mu.Unlock()
	if err := getObject(c, t); err != nil {
		t.Fatal(err)
	}
	if got := es.creates.Load(); got != 2 {
		t.Errorf("44s before expiry: got %d CreateSession calls, want 2", got)
	}
	es.mu.Lock()
	tok := es.lastObject.Get("X-Amz-S3session-Token")
	es.mu.Unlock()
	if tok != "session/token+2==" {
		t.Errorf("after refresh the token is %q, want the second session's", tok)
	}
	// Long after expiry: a new session.
	clock.mu.Lock()
	clock.t = clock.t.Add(time.Hour)
	clock.mu.Unlock()
	if err := getObject(c, t); err != nil {
		t.Fatal(err)
	}
	if got := es.creates.Load(); got != 3 {
		t.Errorf("after expiry: got %d CreateSession calls, want 3", got)
	}
	// Per-call options share the session cache.
	if err := getObjectWith(c, t, func(*s3.Options) {}); err != nil {
		t.Fatal(err)
	}
	if got := es.creates.Load(); got != 3 {
		t.Errorf("client from With: got %d CreateSession calls, want 3 (shared cache)", got)
	}
}

func TestS3ExpressPerAccessKey(t *testing.T) {
	clock := newFakeClock()
	es, srv := newExpressServer(t, clock)
	c := expressClient(t, srv.URL, clock)
	if err := getObject(c, t); err != nil {
		t.Fatal(err)
	}
	// Other base credentials with the same cache (per-call options): their
	// own session.
	if err := getObjectWith(c, t, func(o *s3.Options) {
		o.Credentials = credentials.NewStatic("OTHERAKID", "other-secret", "")
	}); err != nil {
		t.Fatal(err)
	}
	if got := es.creates.Load(); got != 2 {
		t.Errorf("other access key: got %d CreateSession calls, want 2", got)
	}
	if err := getObject(c, t); err != nil {
		t.Fatal(err)
	}
	if got := es.creates.Load(); got != 2 {
		t.Errorf("first access key again: got %d CreateSession calls, want 2 (cached)", got)
	}
}

func TestS3ExpressConcurrentShareOneSession(t *testing.T) {
	clock := newFakeClock()
	es, srv := newExpressServer(t, clock)
	es.createGate = make(chan struct{})
	c := expressClient(t, srv.URL, clock)
	const n = 8
	var wg sync.WaitGroup
	errs := make([]error, n)
	for i := range n {
		wg.Add(1)
		go func() {
			defer wg.Done()
			errs[i] = getObject(c, t)
		}()
	}
	// Let the callers pile up behind the one CreateSession.
	deadline := time.Now().Add(5 * time.Second)
	for es.creates.Load() == 0 && time.Now().Before(deadline) {
		time.Sleep(time.Millisecond)
	}
	time.Sleep(20 * time.Millisecond)
	close(es.createGate)
	wg.Wait()
	for i, err := range errs {
		if err != nil {
			t.Errorf("caller %d: %v", i, err)
		}
	}
	if got := es.creates.Load(); got != 1 {
		t.Errorf("got %d CreateSession calls for %d concurrent callers, want 1", got, n)
	}
	if got := es.objects.Load(); got != n {
		t.Errorf("got %d object requests, want %d", got, n)
	}
}

func TestS3ExpressCreateSessionError(t *testing.T) {
	clock := newFakeClock()
	es, srv := newExpressServer(t, clock)
	es.mu.Lock()
	es.createStatus = http.StatusForbidden
	es.mu.Unlock()
	c := expressClient(t, srv.URL, clock)
	err := getObject(c, t)
	if err == nil {
		t.Fatal("got nil, want an error")
	}
	var oe *goto3.OperationError
	if !errors.As(err, &oe) || oe.Operation != "GetObject" {
		t.Errorf("got %v, want a GetObject operation error", err)
	}
	var se *s3.ExpressSessionError
	if !errors.As(err, &se) || se.Bucket != expressBucket {
		t.Errorf("got %v, want an ExpressSessionError for %s", err, expressBucket)
	}
	var api *goto3.APIError
	if !errors.As(err, &api) || api.Code != "AccessDenied" || api.Operation != "CreateSession" {
		t.Errorf("got %v, want the CreateSession AccessDenied API error", err)
	}
	if !strings.Contains(err.Error(), "CreateSession") {
		t.Errorf("error %q does not name CreateSession", err)
	}
	if strings.Contains(err.Error(), baseSecret) {
		t.Errorf("error %q holds the secret", err)
	}
	if got := es.objects.Load(); got != 0 {
		t.Errorf("got %d object requests after a failed CreateSession, want 0", got)
	}
	if got := es.creates.Load(); got != 1 {
		t.Errorf("got %d CreateSession calls for a 403, want 1 (not retried)", got)
	}
}

func TestS3ExpressDisabled(t *testing.T) {
	clock := newFakeClock()
	var got http.Header
	var verr error
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		got = r.Header.Clone()
		_, verr = sigv4.Verify(r, sigv4.VerifyOptions{
			Lookup: func(id string) (sigv4.Credentials, bool) {
				return sigv4.Credentials{AccessKeyID: baseAKID, SecretAccessKey: baseSecret, SessionToken: "base-token"}, id == baseAKID
			},
			Now: clock.Now(), Service: "s3express", Region: "us-east-1", Signer: sigv4.NewSigner(sigv4.S3Options),
		})
		w.Header().Set("Content-Length", "5")
		io.WriteString(w, "hello")
	}))
	defer srv.Close()
	c := expressClient(t, srv.URL, clock, func(o *s3.Options) {
		o.DisableS3ExpressSessionAuth = true
		o.Credentials = credentials.NewStatic(baseAKID, baseSecret, "base-token")
	})
	if err := getObject(c, t); err != nil {
		t.Fatal(err)
	}
	if verr != nil {
		t.Errorf("plain sigv4 with the base credentials: %v", verr)
	}
	if v := got.Get("X-Amz-S3session-Token"); v != "" {
		t.Errorf("x-amz-s3session-token %q sent, want none", v)
	}
	if v := got.Get("X-Amz-Security-Token"); v != "base-token" {
		t.Errorf("X-Amz-Security-Token %q, want the base token", v)
	}
}

func TestS3ExpressPresign(t *testing.T) {
	clock := newFakeClock()
	es, srv := newExpressServer(t, clock)
	es.baseToken = "base-token"
	c := expressClient(t, srv.URL, clock, func(o *s3.Options) {
		o.Credentials = credentials.NewStatic(baseAKID, baseSecret, "base-token")
	})
	pr, err := s3.Core(c).Presign(context.Background(), s3op(t, "GetObject"), &s3.GetObjectInput{Bucket: expressBucket, Key: "k"}, time.Minute)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(pr.URL, "X-Amz-S3session-Token=session%2Ftoken%2B1%3D%3D") {
		t.Errorf("presigned URL %s lacks the session token", pr.URL)
	}
	if strings.Contains(pr.URL, "X-Amz-Security-Token") {
		t.Errorf("presigned URL %s carries X-Amz-Security-Token", pr.URL)
	}
	if !strings.Contains(pr.URL, "X-Amz-Credential=SESSIONAKID1%2F") {
		t.Errorf("presigned URL %s is not signed with the session key", pr.URL)
	}
	resp, err := http.Get(pr.URL)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != 200 {
		t.Errorf("presigned GET: status %d, want 200", resp.StatusCode)
	}
	if got := es.creates.Load(); got != 1 {
		t.Errorf("got %d CreateSession calls, want 1", got)
	}
}

// TestS3ExpressZonalEndpoint checks the requests against the real zonal
// endpoint of a directory bucket (no endpoint URL): CreateSession and then
// HeadBucket on the bucket's virtual host, the first signed with the base
// credentials and signing name s3express, the second with the session.
func TestS3ExpressZonalEndpoint(t *testing.T) {
	clock := newFakeClock()
	exp := clock.Now().Add(5 * time.Minute).UTC().Format(time.RFC3339)
	var got []string
	hc := &http.Client{Transport: roundTripFunc(func(r *http.Request) (*http.Response, error) {
		auth := r.Header.Get("Authorization")
		cred := auth[strings.Index(auth, "Credential=")+len("Credential=") : strings.Index(auth, ",")]
		got = append(got, fmt.Sprintf("%s %s %s token=%q security=%q", r.Method, r.URL, cred, r.Header.Get("X-Amz-S3session-Token"), r.Header.Get("X-Amz-Security-Token")))
		body := ""
		if r.URL.RawQuery == "session" {
			body = `<CreateSessionResult xmlns="http://s3.amazonaws.com/doc/2006-03-01/"><Credentials><SessionToken>TOKEN</SessionToken><SecretAccessKey>SSECRET</SecretAccessKey><AccessKeyId>SAKID</AccessKeyId><Expiration>` + exp + `</Expiration></Credentials></CreateSessionResult>`
		}
		return &http.Response{StatusCode: 200, Header: http.Header{}, Body: io.NopCloser(strings.NewReader(body)), ContentLength: int64(len(body)), Request: r}, nil
	})}
	c := expressClient(t, "", clock, func(o *s3.Options) {
		o.HTTPClient = hc
		o.Credentials = credentials.NewStatic(baseAKID, baseSecret, "base-token")
	})
	for range 2 {
		out := &s3.HeadBucketOutput{}
		if err := s3.Core(c).Invoke(context.Background(), s3op(t, "HeadBucket"), &s3.HeadBucketInput{Bucket: expressBucket}, out, &out.ResultMetadata); err != nil {
			t.Fatal(err)
		}
	}
	host := "https://" + expressBucket + ".s3express-use1-az4.us-east-1.amazonaws.com"
	want := []string{
		`GET ` + host + `/?session AKIDBASE/20261124/us-east-1/s3express/aws4_request token="" security="base-token"`,
		`HEAD ` + host + `/ SAKID/20261124/us-east-1/s3express/aws4_request token="TOKEN" security=""`,
		`HEAD ` + host + `/ SAKID/20261124/us-east-1/s3express/aws4_request token="TOKEN" security=""`,
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("requests (-want +got):\n%s", diff)
	}
}

func (c *fakeClock) advance(d time.Duration) {
	c.mu.Lock()
	c.t = c.t.Add(d)
	c.mu.Unlock()
}

// TestS3ExpressExpiredToken: an ExpiredToken answer drops the session; the
// retry creates a new one.
func TestS3ExpressExpiredToken(t *testing.T) {
	clock := newFakeClock()
	es, srv := newExpressServer(t, clock)
	c := expressClient(t, srv.URL, clock)
	if err := getObject(c, t); err != nil {
		t.Fatal(err)
	}
	es.revoked.Store(true)
	if err := getObject(c, t); err != nil {
		t.Fatal(err)
	}
	if got := es.creates.Load(); got != 2 {
		t.Errorf("got %d CreateSession calls, want 2 (a new session after ExpiredToken)", got)
	}
	if got := es.objects.Load(); got != 3 {
		t.Errorf("got %d object requests, want 3", got)
	}
}

// TestS3ExpressRefreshFailure: a failed refresh within 45 seconds of expiry
// keeps the session while more than 10 seconds are left, then fails.
func TestS3ExpressRefreshFailure(t *testing.T) {
	clock := newFakeClock()
	es, srv := newExpressServer(t, clock)
	c := expressClient(t, srv.URL, clock)
	if err := getObject(c, t); err != nil {
		t.Fatal(err)
	}
	es.mu.Lock()
	es.createStatus = http.StatusForbidden
	es.mu.Unlock()
	clock.advance(es.lifetime - 30*time.Second)
	if err := getObject(c, t); err != nil {
		t.Errorf("30s left, refresh failed: got %v, want the old session to serve", err)
	}
	if got := es.creates.Load(); got != 2 {
		t.Errorf("got %d CreateSession calls, want 2 (one failed refresh)", got)
	}
	clock.advance(25 * time.Second)
	var se *s3.ExpressSessionError
	if err := getObject(c, t); !errors.As(err, &se) {
		t.Errorf("5s left, refresh failed: got %v, want an ExpressSessionError", err)
	}
	es.mu.Lock()
	es.createStatus = 0
	es.mu.Unlock()
	if err := getObject(c, t); err != nil {
		t.Errorf("refresh works again: %v", err)
	}
}

// TestS3ExpressCacheBound: sessions of at most 100 buckets are kept, the
// least recently used dropped.
func TestS3ExpressCacheBound(t *testing.T) {
	clock := newFakeClock()
	es, srv := newExpressServer(t, clock)
	c := expressClient(t, srv.URL, clock)
	bucket := func(i int) string { return fmt.Sprintf("b%03d--use1-az4--x-s3", i) }
	for i := range 101 {
		if err := getObjectIn(c, t, bucket(i)); err != nil {
			t.Fatal(err)
		}
	}
	if got := s3.ExpressCacheLen(c); got != 100 {
		t.Errorf("got %d cached sessions, want 100", got)
	}
	// Bucket 1 is cached; bucket 0 was evicted.
	for _, i := range []int{1, 0} {
		if err := getObjectIn(c, t, bucket(i)); err != nil {
			t.Fatal(err)
		}
	}
	if got := es.creates.Load(); got != 102 {
		t.Errorf("got %d CreateSession calls, want 102", got)
	}
}

// TestSessionOptionsDisableS3ExpressSessionAuth: AWS_S3_DISABLE_EXPRESS_SESSION_AUTH
// reaches the client's options through the session's Config.
func TestSessionOptionsDisableS3ExpressSessionAuth(t *testing.T) {
	for _, v := range []string{"true", "false"} {
		t.Run(v, func(t *testing.T) {
			dir := t.TempDir()
			env := map[string]string{
				"AWS_CONFIG_FILE":                     dir + "/none",
				"AWS_SHARED_CREDENTIALS_FILE":         dir + "/none",
				"AWS_REGION":                          "us-east-1",
				"AWS_ACCESS_KEY_ID":                   "AKID",
				"AWS_SECRET_ACCESS_KEY":               "SECRET",
				"AWS_S3_DISABLE_EXPRESS_SESSION_AUTH": v,
			}
			sess, err := session.New(func(o *session.Options) {
				o.LookupEnv = func(k string) (string, bool) { v, ok := env[k]; return v, ok }
				o.HomeDir = dir
			})
			if err != nil {
				t.Fatal(err)
			}
			c, err := s3.New(sess.Config())
			if err != nil {
				t.Fatal(err)
			}
			if got, want := c.Options().DisableS3ExpressSessionAuth, v == "true"; got != want {
				t.Errorf("got DisableS3ExpressSessionAuth %v, want %v", got, want)
			}
		})
	}
}

// BenchmarkHeadObjectDirectoryBucket is BenchmarkHeadObject on a directory
// bucket: the S3 Express session comes from the cache on every call.
func BenchmarkHeadObjectDirectoryBucket(b *testing.B) {
	h := http.Header{}
	h.Set("X-Amz-Request-Id", "4442587FB7D0A2F9")
	h.Set("Content-Length", "434234")
	h.Set("Content-Type", "text/plain")
	session := []byte(`<CreateSessionResult><Credentials><SessionToken>TOKEN</SessionToken><SecretAccessKey>SSECRET</SecretAccessKey><AccessKeyId>SAKID</AccessKeyId><Expiration>2099-01-01T00:00:00Z</Expiration></Credentials></CreateSessionResult>`)
	mem := &memTransport{status: 200, header: h}
	rt := roundTripFunc(func(r *http.Request) (*http.Response, error) {
		if r.URL.RawQuery == "session" {
			return (&memTransport{status: 200, header: http.Header{}, body: session}).RoundTrip(r)
		}
		return mem.RoundTrip(r)
	})
	c := benchClient(b, rt)
	op := s3op(b, "HeadObject")
	ctx := context.Background()
	in := &s3.HeadObjectInput{Bucket: "mybucket--usw2-az1--x-s3", Key: "photos/2026/cat.jpg"}
	b.ReportAllocs()
	for b.Loop() {
		out := &s3.HeadObjectOutput{}
		if err := c.Invoke(ctx, op, in, out, &out.ResultMetadata); err != nil {
			b.Fatal(err)
		}
	}
}
