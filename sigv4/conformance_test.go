package sigv4_test

import (
	"bytes"
	"encoding/json"
	"io"
	"net/http"
	"net/url"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/goto3/goto3/sigv4"
)

const (
	suiteDir   = "../testdata/sigv4"
	testAKID   = "AKIDEXAMPLE"
	testSecret = "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY"
)

var suiteTime = time.Date(2015, 8, 30, 12, 36, 0, 0, time.UTC)

// rawRequest is a request parsed from the test suites' raw HTTP syntax.
type rawRequest struct {
	method, target, proto string
	headers               [][2]string // in order, names as written
	body                  []byte
}

// parseRawRequest parses the suites' request syntax: a request line, header
// lines "Name:value" (a line starting with whitespace continues the previous
// value, RFC 7230 obs-fold, replaced by one space), then optionally a blank
// line and the body.
//
// The request line is split at its first and its last space: method first,
// protocol last, and everything between is the request target. That is how
// normalize-path/get-space ("GET /example space/ HTTP/1.1") is read: its
// target contains a space, which botocore's own runner cannot parse.
func parseRawRequest(t *testing.T, data []byte) rawRequest {
	t.Helper()
	s := strings.ReplaceAll(string(data), "\r\n", "\n")
	head, body, hasBody := strings.Cut(s, "\n\n")
	lines := strings.Split(head, "\n")
	line := lines[0]
	i, j := strings.IndexByte(line, ' '), strings.LastIndexByte(line, ' ')
	if i < 0 || j <= i {
		t.Fatalf("bad request line %q", line)
	}
	r := rawRequest{method: line[:i], target: line[i+1 : j], proto: line[j+1:]}
	for _, l := range lines[1:] {
		if l == "" {
			continue
		}
		if l[0] == ' ' || l[0] == '\t' {
			if len(r.headers) == 0 {
				t.Fatalf("continuation line before any header: %q", l)
			}
			r.headers[len(r.headers)-1][1] += " " + strings.TrimSpace(l)
			continue
		}
		name, value, ok := strings.Cut(l, ":")
		if !ok {
			t.Fatalf("bad header line %q", l)
		}
		r.headers = append(r.headers, [2]string{name, value})
	}
	if hasBody {
		r.body = []byte(body)
	}
	return r
}

// httpRequest builds the *http.Request. The request target is used verbatim
// as the path sent on the wire (URL.Opaque, which net/http sends as is): the
// suites' paths are wire paths, which non-S3 signing encodes once more. A
// path starting with "//" cannot be an Opaque (net/http would read a host
// from it); those paths need no escaping, so they go in URL.Path.
func (r rawRequest) httpRequest(t *testing.T) *http.Request {
	t.Helper()
	path, query, _ := strings.Cut(r.target, "?")
	u := &url.URL{Scheme: "https", Opaque: path, RawQuery: query}
	if strings.HasPrefix(path, "//") {
		u.Opaque, u.Path = "", path
		if u.EscapedPath() != path {
			t.Fatalf("path %q cannot be represented", path)
		}
	}
	req := &http.Request{
		Method: r.method,
		URL:    u,
		Header: http.Header{},
	}
	for _, h := range r.headers {
		if strings.EqualFold(h[0], "host") {
			req.Host = strings.TrimSpace(h[1])
			req.URL.Host = req.Host
			continue
		}
		k := http.CanonicalHeaderKey(h[0])
		req.Header[k] = append(req.Header[k], h[1])
	}
	if r.body != nil {
		body := r.body
		req.Body = http.NoBody
		req.ContentLength = int64(len(body))
		req.GetBody = func() (rc io.ReadCloser, err error) { return io.NopCloser(bytes.NewReader(body)), nil }
		req.Body, _ = req.GetBody()
	}
	return req
}

// headerSet returns the request's headers as lower-case name to trimmed
// values, Host included.
func headerSet(r rawRequest) map[string][]string {
	m := map[string][]string{}
	for _, h := range r.headers {
		k := strings.ToLower(h[0])
		m[k] = append(m[k], strings.TrimSpace(h[1]))
	}
	return m
}

func signedHeaderSet(req *http.Request) map[string][]string {
	m := map[string][]string{"host": {req.Host}}
	for k, vs := range req.Header {
		for _, v := range vs {
			m[strings.ToLower(k)] = append(m[strings.ToLower(k)], strings.TrimSpace(v))
		}
	}
	return m
}

func readFile(t *testing.T, path string) string {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

type cAuthContext struct {
	Credentials struct {
		AccessKeyID     string `json:"access_key_id"`
		SecretAccessKey string `json:"secret_access_key"`
		Token           string `json:"token"`
	} `json:"credentials"`
	ExpirationInSeconds int       `json:"expiration_in_seconds"`
	Normalize           bool      `json:"normalize"`
	Region              string    `json:"region"`
	Service             string    `json:"service"`
	SignBody            bool      `json:"sign_body"`
	Timestamp           time.Time `json:"timestamp"`
	OmitSessionToken    bool      `json:"omit_session_token"`
}

func checkTrace(t *testing.T, dir, prefix string, got sigv4.Trace) {
	t.Helper()
	for _, c := range []struct{ file, got string }{
		{prefix + "canonical-request.txt", got.CanonicalRequest},
		{prefix + "string-to-sign.txt", got.StringToSign},
		{prefix + "signature.txt", got.Signature},
	} {
		want := readFile(t, filepath.Join(dir, c.file))
		if c.got != want {
			t.Errorf("%s: got\n%s\nwant\n%s", c.file, c.got, want)
		}
	}
}

func querySet(rawQuery string) []string {
	s := strings.Split(rawQuery, "&")
	slices.Sort(s)
	return s
}

func verifyOptions(s *sigv4.Signer, creds sigv4.Credentials, now time.Time) sigv4.VerifyOptions {
	return sigv4.VerifyOptions{
		Lookup: func(id string) (sigv4.Credentials, bool) { return creds, id == creds.AccessKeyID },
		Now:    now,
		Signer: s,
	}
}

func TestConformance(t *testing.T) {
	t.Run("aws-c-auth", func(t *testing.T) {
		root := filepath.Join(suiteDir, "aws-c-auth", "v4")
		entries, err := os.ReadDir(root)
		if err != nil {
			t.Fatal(err)
		}
		n := 0
		for _, e := range entries {
			if !e.IsDir() {
				continue
			}
			n++
			dir := filepath.Join(root, e.Name())
			t.Run(e.Name(), func(t *testing.T) {
				var ctx cAuthContext
				if err := json.Unmarshal([]byte(readFile(t, filepath.Join(dir, "context.json"))), &ctx); err != nil {
					t.Fatal(err)
				}
				creds := sigv4.Credentials{AccessKeyID: ctx.Credentials.AccessKeyID, SecretAccessKey: ctx.Credentials.SecretAccessKey, SessionToken: ctx.Credentials.Token}
				signer := sigv4.NewSigner(func(o *sigv4.Options) {
					o.DisablePathNormalization = !ctx.Normalize
					o.AddSessionTokenAfterSigning = ctx.OmitSessionToken
				})
				raw := parseRawRequest(t, []byte(readFile(t, filepath.Join(dir, "request.txt"))))
				params := sigv4.Params{Service: ctx.Service, Region: ctx.Region, Time: ctx.Timestamp}

				t.Run("header", func(t *testing.T) {
					req := raw.httpRequest(t)
					var tr sigv4.Trace
					err := signer.SignHTTP(req, creds, sigv4.WithTrace(params, &tr), func(o *sigv4.Options) { o.AddPayloadHashHeader = ctx.SignBody })
					if err != nil {
						t.Fatal(err)
					}
					checkTrace(t, dir, "header-", tr)
					signedRaw := parseRawRequest(t, []byte(readFile(t, filepath.Join(dir, "header-signed-request.txt"))))
					if diff := cmp.Diff(headerSet(signedRaw), signedHeaderSet(req)); diff != "" {
						t.Errorf("signed request headers (-want +got):\n%s", diff)
					}
					// The suite's signed request, as a server receives it, verifies.
					if _, err := sigv4.Verify(signedRaw.httpRequest(t), verifyOptions(signer, creds, ctx.Timestamp)); err != nil {
						t.Errorf("Verify(header-signed-request.txt): %v", err)
					}
				})
				t.Run("query", func(t *testing.T) {
					req := raw.httpRequest(t)
					var tr sigv4.Trace
					u, hdr, err := signer.PresignHTTP(req, creds, sigv4.WithTrace(params, &tr), time.Duration(ctx.ExpirationInSeconds)*time.Second)
					if err != nil {
						t.Fatal(err)
					}
					checkTrace(t, dir, "query-", tr)
					wantReq := parseRawRequest(t, []byte(readFile(t, filepath.Join(dir, "query-signed-request.txt"))))
					_, wantQuery, _ := strings.Cut(wantReq.target, "?")
					_, gotQuery, _ := strings.Cut(u, "?")
					if diff := cmp.Diff(querySet(wantQuery), querySet(gotQuery)); diff != "" {
						t.Errorf("signed URL query parameters (-want +got):\n%s", diff)
					}
					if got, want := hdr.Get("Host"), req.Host; got != want {
						t.Errorf("signed Host: got %q, want %q", got, want)
					}
					if _, err := sigv4.Verify(wantReq.httpRequest(t), verifyOptions(signer, creds, ctx.Timestamp)); err != nil {
						t.Errorf("Verify(query-signed-request.txt): %v", err)
					}
				})
			})
		}
		if n != 38 {
			t.Errorf("got %d aws-c-auth cases, want 38", n)
		}
	})

	t.Run("v4a", testConformanceV4a)

	t.Run("botocore-aws4_testsuite", func(t *testing.T) {
		root := filepath.Join(suiteDir, "botocore-aws4_testsuite")
		var cases []string
		err := filepath.WalkDir(root, func(p string, d os.DirEntry, err error) error {
			if err != nil {
				return err
			}
			if !d.IsDir() && strings.HasSuffix(p, ".req") {
				cases = append(cases, filepath.Dir(p))
			}
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
		seen := map[string]bool{}
		for _, dir := range cases {
			name := filepath.Base(dir)
			if seen[name] {
				t.Fatalf("duplicate case name %q", name)
			}
			seen[name] = true
			t.Run(name, func(t *testing.T) {
				file := func(ext string) string { return readFile(t, filepath.Join(dir, name+ext)) }
				raw := parseRawRequest(t, []byte(file(".req")))
				sreq := parseRawRequest(t, []byte(file(".sreq")))
				creq := file(".creq")
				// The suite's session token is the one its signed request carries;
				// post-sts-header-after adds it after signing, which shows as its
				// absence from the canonical request.
				creds := sigv4.Credentials{AccessKeyID: testAKID, SecretAccessKey: testSecret}
				if tok := headerSet(sreq)["x-amz-security-token"]; len(tok) == 1 {
					creds.SessionToken = tok[0]
				}
				after := creds.SessionToken != "" && !strings.Contains(creq, "\nx-amz-security-token:")
				req := raw.httpRequest(t)
				var tr sigv4.Trace
				p := sigv4.WithTrace(sigv4.Params{Service: "service", Region: "us-east-1", Time: suiteTime}, &tr)
				if err := sigv4.NewSigner().SignHTTP(req, creds, p, func(o *sigv4.Options) { o.AddSessionTokenAfterSigning = after }); err != nil {
					t.Fatal(err)
				}
				for _, c := range []struct{ what, got, want string }{
					{"canonical request", tr.CanonicalRequest, creq},
					{"string to sign", tr.StringToSign, file(".sts")},
					{"Authorization", req.Header.Get("Authorization"), file(".authz")},
				} {
					if c.got != c.want {
						t.Errorf("%s: got\n%s\nwant\n%s", c.what, c.got, c.want)
					}
				}
				// Authorization was compared with .authz above. It is left out of
				// the .sreq comparison because get-vanilla-with-session-token.sreq
				// carries an Authorization whose signature is not the HMAC of the
				// case's string to sign (its .authz is).
				want, got := headerSet(sreq), signedHeaderSet(req)
				delete(want, "authorization")
				delete(got, "authorization")
				if diff := cmp.Diff(want, got); diff != "" {
					t.Errorf("signed request headers (-want +got):\n%s", diff)
				}
				// The suite's signed request (with the Authorization of .authz)
				// verifies.
				sr := sreq.httpRequest(t)
				sr.Header.Set("Authorization", file(".authz"))
				verifier := sigv4.NewSigner(func(o *sigv4.Options) { o.AddSessionTokenAfterSigning = after })
				if _, err := sigv4.Verify(sr, verifyOptions(verifier, creds, suiteTime)); err != nil {
					t.Errorf("Verify(.sreq): %v", err)
				}
			})
		}
		if len(cases) != 34 {
			t.Errorf("got %d botocore cases, want 34", len(cases))
		}
	})
}
