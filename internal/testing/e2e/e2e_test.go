package e2e_test

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/goto3/goto3/internal/testing/testpeer"
)

// binDir holds the built examples, one binary per directory name.
var binDir string

func TestMain(m *testing.M) {
	code := func() int {
		dir, err := os.MkdirTemp("", "goto3-e2e-")
		if err != nil {
			fmt.Fprintln(os.Stderr, err)
			return 1
		}
		defer os.RemoveAll(dir)
		if err := build(dir); err != nil {
			fmt.Fprintln(os.Stderr, err)
			return 1
		}
		binDir = dir
		defer testpeer.StopShared()
		return m.Run()
	}()
	os.Exit(code)
}

// build compiles every example into dir with one go build.
func build(dir string) error {
	root, err := moduleRoot()
	if err != nil {
		return err
	}
	// go test puts its own GOROOT/bin first on the PATH of the test binary.
	cmd := exec.Command("go", "build", "-o", dir+string(filepath.Separator), "./examples/...")
	cmd.Dir = root
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	if err := cmd.Run(); err != nil {
		return fmt.Errorf("go build ./examples/...: %v\n%s", err, stderr.Bytes())
	}
	return nil
}

func moduleRoot() (string, error) {
	dir, err := os.Getwd()
	if err != nil {
		return "", err
	}
	for {
		if _, err := os.Stat(filepath.Join(dir, "go.mod")); err == nil {
			return dir, nil
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			return "", fmt.Errorf("no go.mod above the test directory")
		}
		dir = parent
	}
}

// s3Peers are the peers every S3 example runs against.
var s3Peers = []struct {
	name  string
	start func(t *testing.T) *testpeer.Server
}{
	{"moto", func(t *testing.T) *testpeer.Server { return testpeer.Moto(t, testpeer.MotoOptions{}) }},
	{"versitygw", func(t *testing.T) *testpeer.Server { return testpeer.Versitygw(t, testpeer.VersitygwOptions{}) }},
}

// forS3Peers runs f once per S3 peer, in parallel subtests.
func forS3Peers(t *testing.T, f func(t *testing.T, srv *testpeer.Server)) {
	t.Parallel()
	for _, p := range s3Peers {
		t.Run(p.name, func(t *testing.T) {
			t.Parallel()
			f(t, p.start(t))
		})
	}
}

// env is a scrubbed environment for an example: no AWS files of the
// machine, the peer's credentials and region.
func env(t *testing.T, srv *testpeer.Server, extra ...string) []string {
	home := t.TempDir()
	e := []string{
		"PATH=" + os.Getenv("PATH"),
		"HOME=" + home,
		"TMPDIR=" + os.TempDir(),
		"AWS_CONFIG_FILE=" + filepath.Join(home, "config"),
		"AWS_SHARED_CREDENTIALS_FILE=" + filepath.Join(home, "credentials"),
		"AWS_EC2_METADATA_DISABLED=true",
	}
	if srv != nil {
		e = append(e,
			"AWS_ACCESS_KEY_ID="+srv.AccessKeyID,
			"AWS_SECRET_ACCESS_KEY="+srv.SecretAccessKey,
			"AWS_REGION="+srv.Region,
		)
	}
	return append(e, extra...)
}

// run runs the example name with args in environment e and returns its
// stdout; a non-zero exit fails the test, showing stderr and the peer's log.
func run(t *testing.T, srv *testpeer.Server, e []string, name string, args ...string) string {
	t.Helper()
	out, stderr, err := runStatus(t, e, name, args...)
	if err != nil {
		log := ""
		if srv != nil {
			log = srv.Log()
		}
		t.Fatalf("%s %s: %v\nstdout:\n%s\nstderr:\n%s\npeer log tail:\n%s", name, strings.Join(args, " "), err, out, stderr, tail(log, 3000))
	}
	return out
}

func runStatus(t *testing.T, e []string, name string, args ...string) (stdout, stderr string, err error) {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 3*time.Minute)
	defer cancel()
	cmd := exec.CommandContext(ctx, filepath.Join(binDir, name), args...)
	cmd.Env = e
	cmd.Dir = t.TempDir()
	var o, s bytes.Buffer
	cmd.Stdout, cmd.Stderr = &o, &s
	err = cmd.Run()
	return o.String(), s.String(), err
}

func tail(s string, n int) string {
	if len(s) > n {
		return s[len(s)-n:]
	}
	return s
}

// expect checks that each pattern (a regular expression anchored to a
// whole line) matches a line of out, in order.
func expect(t *testing.T, out string, patterns ...string) {
	t.Helper()
	lines := strings.Split(strings.TrimRight(out, "\n"), "\n")
	i := 0
	for _, p := range patterns {
		re := regexp.MustCompile("^" + p + "$")
		for i < len(lines) && !re.MatchString(lines[i]) {
			i++
		}
		if i == len(lines) {
			t.Errorf("got output:\n%s\nwant a line matching %q (after the lines matched before it)", out, p)
			return
		}
		i++
	}
}

func bucket(t *testing.T) string { return testpeer.BucketName(t) }

func TestClientAndResource(t *testing.T) {
	forS3Peers(t, func(t *testing.T, srv *testpeer.Server) {
		b := bucket(t)
		out := run(t, srv, env(t, srv), "client-and-resource", "-endpoint-url", srv.URL, "-bucket", b)
		expect(t, out,
			"client: created bucket "+b,
			"client: put hello.txt",
			"client: ListObjectsV2 returned 1 key\\(s\\)",
			"resource: hello.txt is 21 bytes of text/plain",
			`resource: read "Hello from the client"`,
			`resource: listed copy.txt \(23 bytes\)`,
			`resource: listed hello.txt \(21 bytes\)`,
			"resource: deleted 2 object\\(s\\)",
			"resource: deleted bucket "+b,
		)
	})
}

// moto with signature checking on: the credentials from the environment
// sign every request.
func TestClientAndResourceMotoAuth(t *testing.T) {
	t.Parallel()
	srv := testpeer.Moto(t, testpeer.MotoOptions{Auth: true})
	b := bucket(t)
	out := run(t, srv, env(t, srv), "client-and-resource", "-endpoint-url", srv.URL, "-bucket", b)
	expect(t, out, "client: created bucket "+b, "resource: deleted 2 object\\(s\\)", "resource: deleted bucket "+b)

	// A wrong secret is refused, and the example says so on stderr.
	e := env(t, srv)
	for i, kv := range e {
		if strings.HasPrefix(kv, "AWS_SECRET_ACCESS_KEY=") {
			e[i] = "AWS_SECRET_ACCESS_KEY=wrong-secret"
		}
	}
	_, stderr, err := runStatus(t, e, "client-and-resource", "-endpoint-url", srv.URL, "-bucket", bucket(t))
	if err == nil || !strings.Contains(stderr, "SignatureDoesNotMatch") || strings.Contains(stderr, "wrong-secret") {
		t.Errorf("wrong secret: got %v, stderr %q; want a SignatureDoesNotMatch failure that does not show the secret", err, stderr)
	}
}

// The endpoint from AWS_ENDPOINT_URL, through the session, with no flag.
func TestEndpointFromEnvironment(t *testing.T) {
	t.Parallel()
	srv := testpeer.Moto(t, testpeer.MotoOptions{})
	b := bucket(t)
	out := run(t, srv, env(t, srv, "AWS_ENDPOINT_URL="+srv.URL), "client-and-resource", "-bucket", b)
	expect(t, out, "client: created bucket "+b, "resource: deleted bucket "+b)
}

func TestSessionProfile(t *testing.T) {
	t.Parallel()
	srv := testpeer.Moto(t, testpeer.MotoOptions{})
	e := env(t, nil)
	var cfg, creds string
	for _, kv := range e {
		if v, ok := strings.CutPrefix(kv, "AWS_CONFIG_FILE="); ok {
			cfg = v
		}
		if v, ok := strings.CutPrefix(kv, "AWS_SHARED_CREDENTIALS_FILE="); ok {
			creds = v
		}
	}
	write(t, cfg, "[default]\nregion = us-west-2\n\n[profile e2e]\nregion = eu-west-1\nendpoint_url = "+srv.URL+"\n")
	write(t, creds, "[e2e]\naws_access_key_id = "+srv.AccessKeyID+"\naws_secret_access_key = "+srv.SecretAccessKey+"\n")

	out := run(t, srv, e, "session-profile", "-profile", "e2e")
	expect(t, out,
		"profile: e2e",
		"region: eu-west-1",
		"s3 endpoint: "+regexp.QuoteMeta(srv.URL),
		"credentials from: .+",
		"ListBuckets: ok, status 200",
	)
	if strings.Contains(out, srv.SecretAccessKey) {
		t.Errorf("the output shows the secret key:\n%s", out)
	}

	// The flag wins over the profile's region.
	out = run(t, srv, e, "session-profile", "-profile", "e2e", "-region", "us-east-1")
	expect(t, out, "profile: e2e", "region: us-east-1")

	// A missing profile is an error naming it.
	_, stderr, err := runStatus(t, e, "session-profile", "-profile", "nope")
	if err == nil || !strings.Contains(stderr, "nope") {
		t.Errorf("missing profile: got %v, stderr %q; want a failure naming the profile", err, stderr)
	}
}

func write(t *testing.T, path, s string) {
	t.Helper()
	if err := os.WriteFile(path, []byte(s), 0o600); err != nil {
		t.Fatal(err)
	}
}

func TestErrorCodes(t *testing.T) {
	forS3Peers(t, func(t *testing.T, srv *testpeer.Server) {
		b := bucket(t)
		out := run(t, srv, env(t, srv), "error-codes", "-endpoint-url", srv.URL, "-bucket", b)
		expect(t, out,
			"created bucket "+b,
			"bucket without CORS: 0 rules",
			"missing bucket: error went up with code NoSuchBucket and status 404",
			"missing bucket: goto3.ErrorCode = NoSuchBucket",
			`missing key: caught \*s3.NoSuchKey`,
		)
	})
}

func TestBucketCors(t *testing.T) {
	forS3Peers(t, func(t *testing.T, srv *testpeer.Server) {
		b := bucket(t)
		out := run(t, srv, env(t, srv), "bucket-cors", "-endpoint-url", srv.URL, "-bucket", b, "-origin", "https://app.example.org")
		expect(t, out,
			"created bucket "+b,
			"put 2 CORS rules",
			`rule 0: id=browser-uploads origins=https://app.example.org methods=PUT,POST,DELETE headers=\* expose=ETag max-age=3000`,
			`rule 1: id=- origins=\* methods=GET headers= expose= max-age=-`,
			"deleted the CORS configuration",
			"rules now: 0",
		)
	})
}

func TestTransferProgress(t *testing.T) {
	forS3Peers(t, func(t *testing.T, srv *testpeer.Server) {
		b := bucket(t)
		out := run(t, srv, env(t, srv), "transfer-progress", "-endpoint-url", srv.URL, "-bucket", b,
			"-size", "12", "-part-size", "5", "-concurrency", "3")
		expect(t, out,
			"created bucket "+b,
			`generated data.bin \(12582912 bytes\)`,
			"uploaded 12582912 bytes in 3 parts",
			"downloaded 12582912 bytes",
			"sha256 match: [0-9a-f]{64}",
			`throughput: upload [0-9.]+ MB/s, download [0-9.]+ MB/s`,
		)
	})
}

func TestBucketMetadata(t *testing.T) {
	forS3Peers(t, func(t *testing.T, srv *testpeer.Server) {
		out := run(t, srv, env(t, srv), "bucket-metadata", "-endpoint-url", srv.URL)
		expect(t, out,
			"created bucket (goto3-example-[0-9a-f]+)",
			"bucket: goto3-example-[0-9a-f]+",
			`creation date: \d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ`,
			"versioning: never enabled",
			`tags: 1 \[owner=examples\]`,
			"objects: 3, [0-9]+ bytes",
		)
	})
}

// A peer that denies everything, as S3 does for a caller without
// permissions: the example handles AccessDenied and exits cleanly.
func TestBucketMetadataAccessDenied(t *testing.T) {
	t.Parallel()
	ts := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		io.Copy(io.Discard, r.Body)
		w.Header().Set("x-amz-request-id", "DENIED0001")
		w.WriteHeader(http.StatusForbidden)
		io.WriteString(w, `<?xml version="1.0" encoding="UTF-8"?><Error><Code>AccessDenied</Code><Message>Access Denied</Message><RequestId>DENIED0001</RequestId></Error>`)
	}))
	defer ts.Close()
	srv := &testpeer.Server{URL: ts.URL, Region: "us-east-1", AccessKeyID: "AKIDDENIED", SecretAccessKey: "denied-secret"}
	out := run(t, nil, env(t, srv), "bucket-metadata", "-endpoint-url", ts.URL, "-bucket", "someone-elses-bucket")
	expect(t, out, `access denied \(ListBuckets, status 403\): .*s3:ListAllMyBuckets.*`)
}

func TestDownloadAppend(t *testing.T) {
	forS3Peers(t, func(t *testing.T, srv *testpeer.Server) {
		b := bucket(t)
		file := filepath.Join(t.TempDir(), "combined.log")
		write(t, file, "existing line\n")
		out := run(t, srv, env(t, srv), "download-append", "-endpoint-url", srv.URL, "-bucket", b, "-file", file)
		expect(t, out,
			"created bucket "+b,
			`uploaded logs/today.log \((\d+) bytes\)`,
			"local file before: 14 bytes",
			`appended \d+ bytes`,
			`local file after: \d+ bytes`,
			"tail matches the object: true",
		)
		data, err := os.ReadFile(file)
		if err != nil {
			t.Fatal(err)
		}
		if !strings.HasPrefix(string(data), "existing line\n2026-11-24T12:00:00Z GET /index.html 200\n") {
			t.Errorf("file starts %q, want the old line then the object", data[:min(len(data), 80)])
		}
	})
}

func TestSESTemplate(t *testing.T) {
	t.Parallel()
	for _, auth := range []bool{false, true} {
		name := "moto"
		if auth {
			name = "moto-auth" // moto checks the Query signature
		}
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			testSESTemplate(t, testpeer.Moto(t, testpeer.MotoOptions{Auth: auth}))
		})
	}
}

func testSESTemplate(t *testing.T, srv *testpeer.Server) {
	tpl := bucket(t) // a unique name
	args := []string{"-endpoint-url", srv.URL, "-from", "sender@example.com", "-to", "ana@example.com", "-template", tpl}
	out := run(t, srv, env(t, srv), "ses-template", args...)
	expect(t, out,
		"asked SES to verify sender@example.com",
		`template reads: \[name plan.name\]`,
		"template "+tpl+" created",
		`rejected data before sending: ses: template "`+tpl+`": template data lacks plan.name`,
		`sent templated email to ana@example.com \(message id .+\)`,
	)
	// The second run finds the template and updates it.
	out = run(t, srv, env(t, srv), "ses-template", args...)
	expect(t, out, "template "+tpl+" updated", "sent templated email to ana@example.com .*")
}

func TestEC2ElasticIP(t *testing.T) {
	t.Parallel()
	srv := testpeer.Moto(t, testpeer.MotoOptions{})
	out := run(t, srv, env(t, srv), "ec2-elastic-ip", "-endpoint-url", srv.URL)
	ip := `\d+\.\d+\.\d+\.\d+`
	expect(t, out,
		"ran instance (i-[0-9a-f]+)",
		"allocated "+ip+" as eipalloc-[0-9a-f]+",
		"described "+ip+": domain vpc, associated: false",
		"associated "+ip+" with i-[0-9a-f]+ as eipassoc-[0-9a-f]+",
		"described "+ip+": instance i-[0-9a-f]+",
		"disassociated "+ip+": associated: false",
		"released eipalloc-[0-9a-f]+",
		"releasing again fails with code .+",
		"terminated instance i-[0-9a-f]+",
	)
	out = run(t, srv, env(t, srv), "ec2-elastic-ip", "-endpoint-url", srv.URL, "-dry-run")
	expect(t, out, "dry run: AllocateAddress would succeed")
}

func TestDynamoDBTable(t *testing.T) {
	t.Parallel()
	srv := testpeer.Moto(t, testpeer.MotoOptions{})
	out := run(t, srv, env(t, srv), "dynamodb-table", "-endpoint-url", srv.URL, "-table", "e2e-orders")
	expect(t, out,
		"created table e2e-orders",
		"put customer#42 order#0001",
		"second put refused: ConditionalCheckFailedException",
		`updated order#0001: status PAID, version 2, 2 lines, tags \[priority\]`,
		`got order#0001: found true, total 59\.90?`,
		"batch writer sent 61 writes",
		"query: 10 shipped orders between order#0010 and order#0039, in [34] pages of 10",
		"latest order: order#0061 PAID",
		"scan: cancelled order#0030",
		"batch get: 2 of 3 keys found",
		`deleted order#0001 \(status PAID\); found afterwards: false`,
		"deleted table e2e-orders",
	)
}

// The quickstart as a new user runs it: no flags, no AWS configuration, no
// credentials in the environment; it starts its own S3.
func TestQuickstartEmbedded(t *testing.T) {
	t.Parallel()
	out := run(t, nil, env(t, nil), "quickstart")
	expectQuickstart(t, out, "endpoint: embedded S3 \\(gofakes3 in memory\\) at http://127.0.0.1:\\d+", 64<<20, 8)
}

// The same tour against a peer given by -endpoint-url, with the
// credentials and region from the environment.
func TestQuickstartEndpoint(t *testing.T) {
	forS3Peers(t, func(t *testing.T, srv *testpeer.Server) {
		out := run(t, srv, env(t, srv), "quickstart", "-endpoint-url", srv.URL, "-bucket", bucket(t), "-size", "20")
		expectQuickstart(t, out, "endpoint: "+regexp.QuoteMeta(srv.URL), 20<<20, 3)
	})
}

func expectQuickstart(t *testing.T, out, endpoint string, size, parts int) {
	t.Helper()
	expect(t, out,
		endpoint,
		"created bucket [a-z0-9-]+",
		fmt.Sprintf("generated quickstart.bin: %d bytes, sha256 [0-9a-f]{64}", size),
		fmt.Sprintf("uploaded data/quickstart.bin: %d bytes in %d parts", size, parts),
		"put hello.txt",
		fmt.Sprintf("listed data/quickstart.bin: %d bytes", size),
		"listed hello.txt: 13 bytes",
		fmt.Sprintf("downloaded %d bytes: sha256 verified", size),
		`presigned GET \(expires in 15m\): status 200, body "Hello, goto3!"`,
		`caught \*s3.NoSuchKey: code NoSuchKey, status 404`,
		"deleted 2 objects and bucket [a-z0-9-]+",
		`throughput: upload \d+ MB/s, download \d+ MB/s .*`,
		`done in [0-9.]+s`,
	)
}
