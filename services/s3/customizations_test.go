package s3_test

import (
	"context"
	"errors"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/goto3/goto3"
	"github.com/goto3/goto3/credentials"
	"github.com/goto3/goto3/internal/testing/faultserver"
	"github.com/goto3/goto3/services/s3"
)

// errStop ends a call in BeforeSend: the tests look at the request only.
var errStop = errors.New("stop before sending")

// captured records the last request a client was about to send.
type captured struct{ req *http.Request }

func (c *captured) hooks() goto3.Hooks {
	return goto3.Hooks{BeforeSend: func(_ context.Context, r *http.Request) error {
		c.req = r
		return errStop
	}}
}

// A modelled error matches by its code on every operation, as botocore's
// client.exceptions do: GetObject on a missing bucket is a *s3.NoSuchBucket
// although the model lists only NoSuchKey and InvalidObjectState for it.
func TestModeledErrorOnAnyOperation(t *testing.T) {
	fs := faultserver.Start(t, faultserver.Options{})
	cr := fs.Credentials()
	c, err := s3.New(goto3.Config{Region: fs.Region(), Credentials: credentials.NewStatic(cr.AccessKeyID, cr.SecretAccessKey, ""), EndpointURL: fs.URL})
	if err != nil {
		t.Fatal(err)
	}
	_, err = c.GetObject(context.Background(), &s3.GetObjectInput{Bucket: "no-such-bucket", Key: "k"})
	var nsb *s3.NoSuchBucket
	if !errors.As(err, &nsb) {
		t.Fatalf("got %v (%T), want errors.As into *s3.NoSuchBucket", err, err)
	}
	var api *goto3.APIError
	if !errors.As(err, &api) || api.Code != "NoSuchBucket" || api.StatusCode != 404 {
		t.Errorf("got %v, want the APIError NoSuchBucket 404 too", err)
	}
}

// Anonymous requests (boto3's Config(signature_version=UNSIGNED)) carry
// no signature, for public buckets.
func TestAnonymousRequests(t *testing.T) {
	var auth, token, sha []string
	ts := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		auth = append(auth, r.Header.Get("Authorization"))
		token = append(token, r.Header.Get("X-Amz-Security-Token"))
		sha = append(sha, r.Header.Get("X-Amz-Content-Sha256"))
		w.Header().Set("Content-Length", "5")
		w.Write([]byte("hello"))
	}))
	defer ts.Close()
	c, err := s3.New(goto3.Config{Region: "us-east-1", Credentials: credentials.Anonymous{}, EndpointURL: ts.URL})
	if err != nil {
		t.Fatal(err)
	}
	out, err := c.GetObject(context.Background(), &s3.GetObjectInput{Bucket: "public-data", Key: "readme.txt"})
	if err != nil {
		t.Fatal(err)
	}
	out.Body.Close()
	if len(auth) != 1 || auth[0] != "" || token[0] != "" || sha[0] != "" {
		t.Errorf("got Authorization %q, token %q, content hash %q; want an unsigned request", auth, token, sha)
	}
	if _, err := s3.NewPresignClient(c).PresignGetObject(context.Background(), &s3.GetObjectInput{Bucket: "b", Key: "k"}); err == nil {
		t.Error("presigning with anonymous credentials succeeded")
	}
}

// CreateBucket checks S3's naming rules for new buckets before any I/O;
// other operations keep botocore's looser check (older buckets exist).
func TestCreateBucketNames(t *testing.T) {
	var cap captured
	c, err := s3.New(goto3.Config{Region: "us-east-1", Credentials: credentials.NewStatic("AKID", "SECRET", "")},
		func(o *s3.Options) { o.Hooks = cap.hooks() })
	if err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	for _, tc := range []struct {
		name, bucket, reason string // reason "" means valid
	}{
		{"plain", "my-bucket-1", ""},
		{"dots", "my.bucket.example", ""},
		{"min length", "abc", ""},
		{"max length", strings.Repeat("a", 63), ""},
		{"directory bucket", "mybucket--usw2-az1--x-s3", ""},
		{"too short", "ab", "3 to 63"},
		{"too long", strings.Repeat("a", 64), "3 to 63"},
		{"upper case", "MyBucket", "upper-case"},
		{"underscore", "my_bucket", "lower-case letters, digits, dots and hyphens"},
		{"leading hyphen", "-bucket", "begin and end"},
		{"trailing dot", "bucket.", "begin and end"},
		{"adjacent dots", "my..bucket", "adjacent dots"},
		{"ip address", "192.168.5.4", "IP address"},
		{"xn prefix", "xn--bucket", "xn--"},
		{"sthree prefix", "sthree-bucket", "sthree-"},
		{"demo prefix", "amzn-s3-demo-bucket", "amzn-s3-demo-"},
		{"alias suffix", "bucket-s3alias", "-s3alias"},
		{"object lambda suffix", "bucket--ol-s3", "--ol-s3"},
		{"mrap suffix", "bucket.mrap", ".mrap"},
		{"table suffix", "bucket--table-s3", "--table-s3"},
		{"directory without zone", "mybucket--x-s3", "base-name--zone-id--x-s3"},
		{"directory with a dot", "my.bucket--usw2-az1--x-s3", "directory bucket"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			cap.req = nil
			_, err := c.CreateBucket(ctx, &s3.CreateBucketInput{Bucket: tc.bucket})
			if tc.reason == "" {
				if !errors.Is(err, errStop) {
					t.Fatalf("got %v, want the name accepted (the call reaches BeforeSend)", err)
				}
				return
			}
			var ve *goto3.ValidationError
			if !errors.As(err, &ve) || ve.Member != "Bucket" || !strings.Contains(err.Error(), tc.reason) {
				t.Fatalf("got %v, want a ValidationError for Bucket saying %q", err, tc.reason)
			}
			if cap.req != nil {
				t.Error("a request was about to be sent")
			}
		})
	}
	// Other operations accept legacy names.
	for _, b := range []string{"My_Legacy_Bucket", "amzn-s3-demo-bucket"} {
		if _, err := c.HeadBucket(ctx, &s3.HeadBucketInput{Bucket: b}); !errors.Is(err, errStop) {
			t.Errorf("HeadBucket(%q): got %v, want it sent", b, err)
		}
	}
}

// A custom endpoint URL implies path-style addressing unless virtual
// addressing is asked for, as botocore does (args.py).
func TestCustomEndpointAddressing(t *testing.T) {
	ctx := context.Background()
	for _, tc := range []struct {
		name     string
		endpoint string
		style    s3.AddressingStyle
		wantHost string
		wantPath string
	}{
		{"custom endpoint, auto", "http://localhost:9000", "", "localhost:9000", "/mybucket/key.txt"},
		{"custom endpoint, virtual", "http://localhost:9000", s3.AddressingStyleVirtual, "mybucket.localhost:9000", "/key.txt"},
		{"custom endpoint, path", "http://localhost:9000", s3.AddressingStylePath, "localhost:9000", "/mybucket/key.txt"},
		{"dotted bucket, virtual", "http://127.0.0.1:9000", s3.AddressingStyleVirtual, "127.0.0.1:9000", "/mybucket/key.txt"},
		{"AWS, auto", "", "", "mybucket.s3.eu-west-1.amazonaws.com", "/key.txt"},
		{"AWS, path", "", s3.AddressingStylePath, "s3.eu-west-1.amazonaws.com", "/mybucket/key.txt"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var cap captured
			c, err := s3.New(goto3.Config{Region: "eu-west-1", Credentials: credentials.NewStatic("AKID", "SECRET", ""), EndpointURL: tc.endpoint},
				func(o *s3.Options) { o.Hooks, o.AddressingStyle = cap.hooks(), tc.style })
			if err != nil {
				t.Fatal(err)
			}
			if _, err := c.GetObject(ctx, &s3.GetObjectInput{Bucket: "mybucket", Key: "key.txt"}); !errors.Is(err, errStop) {
				t.Fatal(err)
			}
			if cap.req.URL.Host != tc.wantHost || cap.req.URL.Path != tc.wantPath {
				t.Errorf("got %s%s, want %s%s", cap.req.URL.Host, cap.req.URL.Path, tc.wantHost, tc.wantPath)
			}
		})
	}
}
