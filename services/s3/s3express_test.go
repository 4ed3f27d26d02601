package s3_test

import (
	"context"
	"io"
	"net/http"
	"net/url"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/goto3/goto3/credentials"
	"github.com/goto3/goto3/services/s3"
	"github.com/goto3/goto3/session"
)

type rtFunc func(*http.Request) (*http.Response, error)

func (f rtFunc) RoundTrip(r *http.Request) (*http.Response, error) { return f(r) }

// TestDirectoryBucket: a Client and a PresignClient over it share one S3
// Express session for a directory bucket, created by CreateSession with the
// client's credentials; requests carry the session token in
// x-amz-s3session-token, presigned URLs in X-Amz-S3session-Token.
func TestDirectoryBucket(t *testing.T) {
	const bucket = "mybucket--usw2-az1--x-s3"
	var mu sync.Mutex
	var creates int
	var objAuth, objToken, objSecurity string
	hc := &http.Client{Transport: rtFunc(func(r *http.Request) (*http.Response, error) {
		mu.Lock()
		defer mu.Unlock()
		body := "hello"
		if r.URL.RawQuery == "session" {
			creates++
			if !strings.Contains(r.Header.Get("Authorization"), "Credential=AKIDEXAMPLE/20260102/us-west-2/s3express/") {
				t.Errorf("CreateSession Authorization %q, want the client's key and signing name s3express", r.Header.Get("Authorization"))
			}
			body = `<CreateSessionResult><Credentials><SessionToken>TOKEN/1+=</SessionToken><SecretAccessKey>SSECRET</SecretAccessKey><AccessKeyId>SAKID</AccessKeyId><Expiration>2026-01-02T03:09:05Z</Expiration></Credentials></CreateSessionResult>`
		} else {
			objAuth, objToken, objSecurity = r.Header.Get("Authorization"), r.Header.Get("X-Amz-S3session-Token"), r.Header.Get("X-Amz-Security-Token")
		}
		return &http.Response{StatusCode: 200, Header: http.Header{}, Body: io.NopCloser(strings.NewReader(body)), ContentLength: int64(len(body)), Request: r}, nil
	})}
	c, err := newFromOptions(s3.Options{
		Region:      "us-west-2",
		Credentials: credentials.NewStatic("AKIDEXAMPLE", "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY", "base-token"),
		Now:         func() time.Time { return presignNow },
		HTTPClient:  hc,
	})
	if err != nil {
		t.Fatal(err)
	}
	out, err := c.GetObject(context.Background(), &s3.GetObjectInput{Bucket: bucket, Key: "k"})
	if err != nil {
		t.Fatal(err)
	}
	out.Body.Close()
	if !strings.Contains(objAuth, "Credential=SAKID/20260102/us-west-2/s3express/") || !strings.Contains(objAuth, "x-amz-s3session-token") {
		t.Errorf("GetObject Authorization %q, want the session key, signing name s3express and x-amz-s3session-token signed", objAuth)
	}
	if objToken != "TOKEN/1+=" || objSecurity != "" {
		t.Errorf("GetObject x-amz-s3session-token %q, X-Amz-Security-Token %q; want TOKEN/1+= and none", objToken, objSecurity)
	}
	pr, err := s3.NewPresignClient(c).PresignGetObject(context.Background(), &s3.GetObjectInput{Bucket: bucket, Key: "k"}, expiresIn(time.Minute))
	if err != nil {
		t.Fatal(err)
	}
	u, err := url.Parse(pr.URL)
	if err != nil {
		t.Fatal(err)
	}
	q := u.Query()
	if q.Get("X-Amz-S3session-Token") != "TOKEN/1+=" || q.Has("X-Amz-Security-Token") || !strings.HasPrefix(q.Get("X-Amz-Credential"), "SAKID/") {
		t.Errorf("presigned URL %s: want the session key and X-Amz-S3session-Token, no X-Amz-Security-Token", pr.URL)
	}
	if want := "https://" + bucket + ".s3express-usw2-az1.us-west-2.amazonaws.com/k"; !strings.HasPrefix(pr.URL, want+"?") {
		t.Errorf("presigned URL %s, want it on %s", pr.URL, want)
	}
	if creates != 1 {
		t.Errorf("got %d CreateSession calls, want 1", creates)
	}
}

// TestDirectoryBucketSessionAuthDisabled: with DisableS3ExpressSessionAuth
// (set on s3.Options, or on the Session and carried by s3.New), requests to
// a directory bucket are signed with the client's own credentials for
// s3express and no CreateSession is made.
func TestDirectoryBucketSessionAuthDisabled(t *testing.T) {
	const bucket = "mybucket--usw2-az1--x-s3"
	var creates int
	var objAuth, objToken, objSecurity string
	hc := &http.Client{Transport: rtFunc(func(r *http.Request) (*http.Response, error) {
		if r.URL.RawQuery == "session" {
			creates++
		} else {
			objAuth, objToken, objSecurity = r.Header.Get("Authorization"), r.Header.Get("X-Amz-S3session-Token"), r.Header.Get("X-Amz-Security-Token")
		}
		return &http.Response{StatusCode: 200, Header: http.Header{}, Body: io.NopCloser(strings.NewReader("hello")), ContentLength: 5, Request: r}, nil
	})}
	opts := s3.Options{
		Region:                      "us-west-2",
		Credentials:                 credentials.NewStatic("AKIDEXAMPLE", "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY", "base-token"),
		Now:                         func() time.Time { return presignNow },
		HTTPClient:                  hc,
		DisableS3ExpressSessionAuth: true,
	}
	fromSession := func() *s3.Client {
		sess, err := session.New(session.WithRegion("us-west-2"),
			session.WithCredentials("AKIDEXAMPLE", "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY", "base-token"),
			session.WithHTTPClient(hc))
		if err != nil {
			t.Fatal(err)
		}
		c, err := s3.New(sess.Config(), func(o *s3.Options) { o.Now = opts.Now })
		if err != nil {
			t.Fatal(err)
		}
		return c
	}
	for _, tc := range []struct {
		name   string
		client func() *s3.Client
	}{
		{"Options", func() *s3.Client {
			c, err := newFromOptions(opts)
			if err != nil {
				t.Fatal(err)
			}
			return c
		}},
		{"Session", func() *s3.Client {
			t.Setenv("AWS_S3_DISABLE_EXPRESS_SESSION_AUTH", "true")
			return fromSession()
		}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			creates, objAuth, objToken, objSecurity = 0, "", "", ""
			out, err := tc.client().GetObject(context.Background(), &s3.GetObjectInput{Bucket: bucket, Key: "k"})
			if err != nil {
				t.Fatal(err)
			}
			out.Body.Close()
			if creates != 0 {
				t.Errorf("got %d CreateSession calls, want none", creates)
			}
			if !strings.Contains(objAuth, "Credential=AKIDEXAMPLE/") || !strings.Contains(objAuth, "/s3express/aws4_request") {
				t.Errorf("GetObject Authorization %q, want the client's key and signing name s3express", objAuth)
			}
			if objToken != "" || objSecurity != "base-token" {
				t.Errorf("x-amz-s3session-token %q, X-Amz-Security-Token %q; want none and base-token", objToken, objSecurity)
			}
		})
	}
}
