package ec2_test

import (
	"context"
	"encoding/json"
	"errors"
	"io"
	"net/http"
	"net/url"
	"os"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/goto3/goto3"
	"github.com/goto3/goto3/credentials"
	"github.com/goto3/goto3/services/ec2"
)

var errCaptured = errors.New("captured")

// CopySnapshot from another region carries the PresignedUrl botocore
// computes (handlers.inject_presigned_url_ec2), byte for byte: the same
// parameters in the same order, the same signature
// (testdata/gen_copysnapshot.py, botocore 1.43.11).
func TestCopySnapshotPresignedURLBotocore(t *testing.T) {
	raw, err := os.ReadFile("testdata/copysnapshot.json")
	if err != nil {
		t.Fatal(err)
	}
	var doc struct {
		Time  time.Time `json:"time"`
		Cases []struct {
			Name            string
			Params          map[string]any
			AccessKeyID     string  `json:"access_key_id"`
			SecretAccessKey string  `json:"secret_access_key"`
			SessionToken    *string `json:"session_token"`
			URL, Body       string
		}
	}
	if err := json.Unmarshal(raw, &doc); err != nil {
		t.Fatal(err)
	}
	for _, tc := range doc.Cases {
		t.Run(tc.Name, func(t *testing.T) {
			tok := ""
			if tc.SessionToken != nil {
				tok = *tc.SessionToken
			}
			var body string
			c, err := ec2.New(goto3.Config{Region: "us-east-1", Credentials: credentials.NewStatic(tc.AccessKeyID, tc.SecretAccessKey, tok)}, func(o *ec2.Options) {
				o.Now = func() time.Time { return doc.Time }
				o.Hooks.BeforeSend = func(_ context.Context, r *http.Request) error {
					b, _ := io.ReadAll(r.Body)
					body = string(b)
					return errCaptured
				}
			})
			if err != nil {
				t.Fatal(err)
			}
			in := &ec2.CopySnapshotInput{SourceRegion: tc.Params["SourceRegion"].(string), SourceSnapshotId: tc.Params["SourceSnapshotId"].(string)}
			if d, ok := tc.Params["Description"].(string); ok {
				in.Description = &d
			}
			if e, ok := tc.Params["Encrypted"].(bool); ok {
				in.Encrypted = &e
			}
			if u, ok := tc.Params["PresignedUrl"].(string); ok {
				in.PresignedUrl = &u
			}
			if d, ok := tc.Params["DestinationRegion"].(string); ok {
				in.DestinationRegion = &d
			}
			orig := *in
			if _, err := c.CopySnapshot(context.Background(), in); !errors.Is(err, errCaptured) {
				t.Fatal(err)
			}
			if diff := cmp.Diff(orig, *in); diff != "" {
				t.Errorf("the caller's input changed (-before +after):\n%s", diff)
			}
			got, _ := url.ParseQuery(body)
			want, _ := url.ParseQuery(tc.Body)
			gu, wu := got.Get("PresignedUrl"), want.Get("PresignedUrl")
			got.Del("PresignedUrl")
			want.Del("PresignedUrl")
			if diff := cmp.Diff(want, got); diff != "" {
				t.Errorf("body parameters (-botocore +goto3):\n%s", diff)
			}
			gURL, err1 := url.Parse(gu)
			wURL, err2 := url.Parse(wu)
			if err1 != nil || err2 != nil {
				t.Fatalf("PresignedUrl %q / %q: %v %v", gu, wu, err1, err2)
			}
			if gURL.Scheme+gURL.Host+gURL.Path != wURL.Scheme+wURL.Host+wURL.Path {
				t.Errorf("PresignedUrl goes to %s%s, botocore's to %s%s", gURL.Host, gURL.Path, wURL.Host, wURL.Path)
			}
			if diff := cmp.Diff(wURL.Query(), gURL.Query()); diff != "" {
				t.Errorf("PresignedUrl parameters (-botocore +goto3):\n%s", diff)
			}
			if gu != wu {
				// The parameters in botocore's order too (the generator
				// calls it with them in the model's order): DestinationRegion
				// last unless the caller gave it.
				t.Errorf("PresignedUrl:\n got %s\nwant %s", gu, wu)
			}
		})
	}
}

// RunInstances' UserData is base64-encoded by the client, as botocore's
// base64_encode_user_data does: the body is botocore's byte for byte
// (testdata/gen_userdata.py), and the caller's input keeps the raw text.
func TestRunInstancesUserDataBotocore(t *testing.T) {
	raw, err := os.ReadFile("testdata/userdata.json")
	if err != nil {
		t.Fatal(err)
	}
	var doc struct {
		Cases []struct {
			Name   string
			Params struct{ ImageId, UserData, ClientToken string }
			Body   string
		}
	}
	if err := json.Unmarshal(raw, &doc); err != nil {
		t.Fatal(err)
	}
	var body string
	c, err := ec2.New(goto3.Config{Region: "us-east-1", Credentials: credentials.NewStatic("AKID", "SECRET", "")}, func(o *ec2.Options) {
		o.Hooks.BeforeSend = func(_ context.Context, r *http.Request) error {
			b, _ := io.ReadAll(r.Body)
			body = string(b)
			return errCaptured
		}
	})
	if err != nil {
		t.Fatal(err)
	}
	for _, tc := range doc.Cases {
		t.Run(tc.Name, func(t *testing.T) {
			p := tc.Params
			ud := p.UserData
			in := &ec2.RunInstancesInput{ImageId: &p.ImageId, MinCount: 1, MaxCount: 1, UserData: &ud, ClientToken: &p.ClientToken}
			if _, err := c.RunInstances(context.Background(), in); !errors.Is(err, errCaptured) {
				t.Fatal(err)
			}
			if body != tc.Body {
				t.Errorf("body:\n got %s\nwant %s", body, tc.Body)
			}
			if in.UserData != &ud || ud != p.UserData {
				t.Errorf("the caller's UserData changed to %q", *in.UserData)
			}
		})
	}
}
