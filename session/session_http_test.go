package session_test

import (
	"context"
	"crypto/x509"
	"errors"
	"io"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/goto3/goto3/internal/testing/testcert"
	"github.com/goto3/goto3/services/s3"
	"github.com/goto3/goto3/session"
)

// sessionIn makes a session whose environment is env and whose config file
// holds config, touching nothing of the real environment.
func sessionIn(t *testing.T, env map[string]string, config string, optFns ...func(*session.Options)) (*session.Session, error) {
	t.Helper()
	dir := t.TempDir()
	e := map[string]string{
		"AWS_CONFIG_FILE":             filepath.Join(dir, "config"),
		"AWS_SHARED_CREDENTIALS_FILE": filepath.Join(dir, "credentials"),
	}
	for k, v := range env {
		e[k] = v
	}
	if err := os.WriteFile(e["AWS_CONFIG_FILE"], []byte(config), 0o600); err != nil {
		t.Fatal(err)
	}
	opts := append([]func(*session.Options){func(o *session.Options) {
		o.LookupEnv = func(k string) (string, bool) { v, ok := e[k]; return v, ok }
		o.HomeDir = dir
	}}, optFns...)
	return session.New(opts...)
}

const listBucketsXML = `<?xml version="1.0" encoding="UTF-8"?>
<ListAllMyBucketsResult xmlns="http://s3.amazonaws.com/doc/2006-03-01/"><Owner><ID>o</ID></Owner><Buckets><Bucket><Name>only-over-tls</Name><CreationDate>2026-01-02T03:04:05.000Z</CreationDate></Bucket></Buckets></ListAllMyBucketsResult>`

// The CA bundle (AWS_CA_BUNDLE, the profile's ca_bundle, Options.CABundle)
// is what a session's clients and credential providers trust, read once.
func TestSessionCABundle(t *testing.T) {
	srv, bundle := testcert.Server(t, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path == "/creds" {
			io.WriteString(w, `{"AccessKeyId":"AKIDCONTAINER","SecretAccessKey":"secret","Token":"tok","Expiration":"`+time.Now().Add(time.Hour).UTC().Format(time.RFC3339)+`"}`)
			return
		}
		w.Header().Set("Content-Type", "application/xml")
		io.WriteString(w, listBucketsXML)
	}))
	missing := filepath.Join(t.TempDir(), "missing.pem")
	keys := map[string]string{"AWS_ACCESS_KEY_ID": "AKID", "AWS_SECRET_ACCESS_KEY": "secret"}
	with := func(extra map[string]string) map[string]string {
		m := map[string]string{"AWS_REGION": "us-east-1", "AWS_ENDPOINT_URL": srv.URL}
		for k, v := range keys {
			m[k] = v
		}
		for k, v := range extra {
			m[k] = v
		}
		return m
	}
	for _, tc := range []struct {
		name   string
		env    map[string]string
		config string
		opt    string
	}{
		{"env", with(map[string]string{"AWS_CA_BUNDLE": bundle}), "", ""},
		{"profile", with(nil), "[default]\nca_bundle = " + bundle + "\n", ""},
		{"option", with(nil), "", bundle},
		// botocore's order: the option, then the environment, then the
		// profile; a later source naming a missing file is never read.
		{"option over env", with(map[string]string{"AWS_CA_BUNDLE": missing}), "", bundle},
		{"env over profile", with(map[string]string{"AWS_CA_BUNDLE": bundle}), "[default]\nca_bundle = " + missing + "\n", ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			sess, err := sessionIn(t, tc.env, tc.config, func(o *session.Options) { o.CABundle = tc.opt })
			if err != nil {
				t.Fatal(err)
			}
			c, err := s3.New(sess.Config())
			if err != nil {
				t.Fatal(err)
			}
			out, err := c.ListBuckets(context.Background(), &s3.ListBucketsInput{})
			if err != nil {
				t.Fatalf("ListBuckets over TLS with the bundle: %v", err)
			}
			if len(out.Buckets) != 1 || *out.Buckets[0].Name != "only-over-tls" {
				t.Errorf("got %+v, want the server's one bucket", out.Buckets)
			}
			if sess.Config().RootCAs == nil {
				t.Error("Config().RootCAs is nil")
			}
		})
	}

	t.Run("credential provider", func(t *testing.T) {
		// The container provider speaks HTTPS to a server only the bundle
		// vouches for.
		env := map[string]string{"AWS_REGION": "us-east-1", "AWS_CA_BUNDLE": bundle,
			"AWS_CONTAINER_CREDENTIALS_FULL_URI": srv.URL + "/creds"}
		sess, err := sessionIn(t, env, "")
		if err != nil {
			t.Fatal(err)
		}
		cr, err := sess.Credentials().Retrieve(context.Background())
		if err != nil {
			t.Fatalf("container credentials over TLS with the bundle: %v", err)
		}
		if cr.AccessKeyID != "AKIDCONTAINER" {
			t.Errorf("got access key %q, want AKIDCONTAINER", cr.AccessKeyID)
		}
	})

	t.Run("without the bundle", func(t *testing.T) {
		sess, err := sessionIn(t, with(nil), "")
		if err != nil {
			t.Fatal(err)
		}
		c, err := s3.New(sess.Config(), func(o *s3.Options) { o.RetryMaxAttempts = 1 })
		if err != nil {
			t.Fatal(err)
		}
		_, err = c.ListBuckets(context.Background(), &s3.ListBucketsInput{})
		var ua x509.UnknownAuthorityError
		if !errors.As(err, &ua) {
			t.Fatalf("got %v, want an x509.UnknownAuthorityError", err)
		}
	})

	t.Run("a caller's HTTPClient wins", func(t *testing.T) {
		sess, err := sessionIn(t, with(map[string]string{"AWS_CA_BUNDLE": bundle}), "",
			func(o *session.Options) { o.HTTPClient = &http.Client{} })
		if err != nil {
			t.Fatal(err)
		}
		c, err := s3.New(sess.Config(), func(o *s3.Options) { o.RetryMaxAttempts = 1 })
		if err != nil {
			t.Fatal(err)
		}
		_, err = c.ListBuckets(context.Background(), &s3.ListBucketsInput{})
		var ua x509.UnknownAuthorityError
		if !errors.As(err, &ua) {
			t.Fatalf("got %v, want the caller's client (system roots) to reject the server", err)
		}
	})
}

func TestSessionCABundleErrors(t *testing.T) {
	dir := t.TempDir()
	empty := filepath.Join(dir, "empty.pem")
	os.WriteFile(empty, []byte("no certificates here\n"), 0o600)
	missing := filepath.Join(dir, "missing.pem")
	for _, tc := range []struct {
		name, file, config string
		env                map[string]string
	}{
		{"env missing", missing, "", map[string]string{"AWS_CA_BUNDLE": missing}},
		{"env empty", empty, "", map[string]string{"AWS_CA_BUNDLE": empty}},
		{"profile missing", missing, "[default]\nca_bundle = " + missing + "\n", nil},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, err := sessionIn(t, tc.env, tc.config)
			if err == nil {
				t.Fatal("NewSession accepted an unusable CA bundle")
			}
			if !strings.Contains(err.Error(), tc.file) {
				t.Errorf("error %q does not name the file %s", err, tc.file)
			}
		})
	}
}

func TestSessionHTTPSettings(t *testing.T) {
	sess, err := sessionIn(t, map[string]string{"AWS_REGION": "eu-west-1"}, "[default]\ntcp_keepalive = false\n",
		func(o *session.Options) {
			o.ConnectTimeout = 5 * time.Second
			o.ReadTimeout = 7 * time.Second
			o.MaxPoolConnections = 32
		})
	if err != nil {
		t.Fatal(err)
	}
	ho := sess.Config()
	if ho.ConnectTimeout != 5*time.Second || ho.ReadTimeout != 7*time.Second || ho.MaxPoolConnections != 32 || ho.TCPKeepAlive >= 0 {
		t.Errorf("got %+v, want the options' timeouts and pool, keep-alive off (tcp_keepalive = false)", ho)
	}
	c, err := s3.New(sess.Config(), func(o *s3.Options) { o.ReadTimeout = time.Second })
	if err != nil {
		t.Fatal(err)
	}
	o := c.Options()
	if o.ConnectTimeout != 5*time.Second || o.ReadTimeout != time.Second || o.MaxPoolConnections != 32 || o.HTTPClient != nil {
		t.Errorf("client options %v/%v/%d/%v, want the session's, the read timeout overridden, no HTTPClient",
			o.ConnectTimeout, o.ReadTimeout, o.MaxPoolConnections, o.HTTPClient)
	}
	if sess.Config().HTTPClient != nil {
		t.Error("Config().HTTPClient is set without a caller's client")
	}
	if _, err := sessionIn(t, nil, "", func(o *session.Options) { o.MaxPoolConnections = -1 }); err == nil {
		t.Error("a negative MaxPoolConnections was accepted")
	}
}
