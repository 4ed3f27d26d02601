package s3_test

import (
	"context"
	"encoding/json"
	"html"
	"io"
	"net/http"
	"net/url"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/goto3/goto3/credentials"
	"github.com/goto3/goto3/services/s3"
	"github.com/goto3/goto3/sigv4"
)

// s3ExpressVectors is testdata/s3express/vectors.json, written by gen.py
// with botocore's S3ExpressAuth and S3ExpressQueryAuth.
type s3ExpressVectors struct {
	BotocoreVersion string `json:"botocore_version"`
	Time            string
	Region          string
	Service         string
	Session         struct {
		AccessKeyID     string `json:"access_key_id"`
		SecretAccessKey string `json:"secret_access_key"`
		SessionToken    string `json:"session_token"`
	}
	Vectors []struct {
		Name        string
		Method      string
		URL         string
		Headers     map[string]string
		Body        string
		Expires     int
		WantHeaders map[string]string `json:"want_headers"`
		WantURL     string            `json:"want_url"`
		// Client vectors presign through a whole client.
		Client      bool
		Bucket, Key string
	}
}

// TestS3ExpressBotocore replays botocore's S3 Express signatures: the
// signing of an attempt to a directory bucket (the session keys, the token
// in x-amz-s3session-token, no X-Amz-Security-Token) and of a presigned URL
// (X-Amz-S3session-Token in the query) must give botocore's Authorization
// header and URL.
func TestS3ExpressBotocore(t *testing.T) {
	raw, err := os.ReadFile("../../testdata/s3express/vectors.json")
	if err != nil {
		t.Fatal(err)
	}
	var vs s3ExpressVectors
	if err := json.Unmarshal(raw, &vs); err != nil {
		t.Fatal(err)
	}
	if len(vs.Vectors) == 0 {
		t.Fatal("no vectors")
	}
	when, err := time.Parse("20060102T150405Z", vs.Time)
	if err != nil {
		t.Fatal(err)
	}
	session := sigv4.Credentials{AccessKeyID: vs.Session.AccessKeyID, SecretAccessKey: vs.Session.SecretAccessKey, SessionToken: vs.Session.SessionToken}
	for _, v := range vs.Vectors {
		t.Run(v.Name, func(t *testing.T) {
			if v.Client {
				u := presignThroughClient(t, when, session, v.Bucket, v.Key, time.Duration(v.Expires)*time.Second)
				compareURL(t, u, v.WantURL)
				return
			}
			req, err := http.NewRequest(v.Method, v.URL, strings.NewReader(v.Body))
			if err != nil {
				t.Fatal(err)
			}
			if v.Body == "" {
				req.Body, req.GetBody, req.ContentLength = http.NoBody, nil, 0
			}
			for k, val := range v.Headers {
				if strings.EqualFold(k, "Host") {
					req.Host = val
					continue
				}
				req.Header.Set(k, val)
			}
			p := sigv4.Params{Service: vs.Service, Region: vs.Region, Time: when}
			if v.WantURL != "" {
				u, _, err := s3.ExpressPresign(req, session, p, time.Duration(v.Expires)*time.Second)
				if err != nil {
					t.Fatal(err)
				}
				compareURL(t, u, v.WantURL)
				return
			}
			p.PayloadHash = v.WantHeaders["X-Amz-Content-SHA256"]
			if err := s3.ExpressSign(req, session, p); err != nil {
				t.Fatal(err)
			}
			if got, want := req.Header.Get("Authorization"), v.WantHeaders["Authorization"]; got != want {
				t.Errorf("got Authorization %s, want %s", got, want)
			}
			got := map[string]string{"Host": req.Host}
			for k := range req.Header {
				got[http.CanonicalHeaderKey(k)] = req.Header.Get(k)
			}
			want := map[string]string{}
			for k, val := range v.WantHeaders {
				want[http.CanonicalHeaderKey(k)] = val
			}
			if diff := cmp.Diff(want, got); diff != "" {
				t.Errorf("headers (-botocore +goto3):\n%s", diff)
			}
		})
	}
}

// compareURL compares a presigned URL with botocore's: botocore orders the
// query differently, and the signature covers the sorted canonical query.
func compareURL(t *testing.T, got, want string) {
	t.Helper()
	gotU, err := url.Parse(got)
	if err != nil {
		t.Fatal(err)
	}
	wantU, err := url.Parse(want)
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(wantU.Query(), gotU.Query()); diff != "" {
		t.Errorf("query (-botocore +goto3):\n%s", diff)
	}
	if gotU.Scheme+"://"+gotU.Host+gotU.EscapedPath() != wantU.Scheme+"://"+wantU.Host+wantU.EscapedPath() {
		t.Errorf("got URL %s, want %s", got, want)
	}
}

// presignThroughClient presigns GetObject with a client (base credentials
// with a session token, clock at when) whose CreateSession answers session.
func presignThroughClient(t *testing.T, when time.Time, session sigv4.Credentials, bucket, key string, expires time.Duration) string {
	t.Helper()
	body := `<CreateSessionResult xmlns="http://s3.amazonaws.com/doc/2006-03-01/"><Credentials><SessionToken>` + html.EscapeString(session.SessionToken) +
		`</SessionToken><SecretAccessKey>` + html.EscapeString(session.SecretAccessKey) + `</SecretAccessKey><AccessKeyId>` + session.AccessKeyID +
		`</AccessKeyId><Expiration>2099-01-01T00:00:00Z</Expiration></Credentials></CreateSessionResult>`
	creates := 0
	hc := &http.Client{Transport: roundTripFunc(func(r *http.Request) (*http.Response, error) {
		if r.URL.RawQuery != "session" {
			t.Errorf("unexpected request %s %s", r.Method, r.URL)
		}
		creates++
		return &http.Response{StatusCode: 200, Header: http.Header{}, Body: io.NopCloser(strings.NewReader(body)), ContentLength: int64(len(body)), Request: r}, nil
	})}
	clock := newFakeClock()
	clock.t = when
	c := expressClient(t, "", clock, func(o *s3.Options) {
		o.HTTPClient = hc
		o.Credentials = credentials.NewStatic(baseAKID, baseSecret, "base-token")
	})
	pr, err := s3.Core(c).Presign(context.Background(), s3op(t, "GetObject"), &s3.GetObjectInput{Bucket: bucket, Key: key}, expires)
	if err != nil {
		t.Fatal(err)
	}
	if creates != 1 {
		t.Errorf("got %d CreateSession calls, want 1", creates)
	}
	return pr.URL
}
