package rds_test

import (
	"context"
	"encoding/json"
	"errors"
	"io"
	"net/http"
	"net/url"
	"os"
	"reflect"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/goto3/goto3"
	"github.com/goto3/goto3/credentials"
	"github.com/goto3/goto3/internal/testing/protocoltest"
	"github.com/goto3/goto3/internal/testing/servicetest"
	"github.com/goto3/goto3/protocol"
	"github.com/goto3/goto3/services/rds"
)

var errCaptured = errors.New("captured")

// The cross-region operations given SourceRegion carry the PreSignedUrl
// botocore computes (inject_presigned_url_rds), the whole body byte for
// byte, and
// neither SourceRegion nor DestinationRegion; with PreSignedUrl given or
// without SourceRegion nothing is presigned (testdata/gen_presignedurl.py,
// botocore 1.43.11, a fixed clock and keys).
func TestCrossRegionPresignedURLBotocore(t *testing.T) {
	raw, err := os.ReadFile("testdata/presignedurl.json")
	if err != nil {
		t.Fatal(err)
	}
	var doc struct {
		Time  time.Time `json:"time"`
		Cases []struct {
			Name, Operation, Region string
			Params                  map[string]any
			AccessKeyID             string  `json:"access_key_id"`
			SecretAccessKey         string  `json:"secret_access_key"`
			SessionToken            *string `json:"session_token"`
			URL, Body               string
		}
	}
	if err := json.Unmarshal(raw, &doc); err != nil {
		t.Fatal(err)
	}
	schemas := map[string]*protocol.Operation{}
	for _, op := range rds.OperationSchemas() {
		schemas[op.Name] = op
	}
	for _, tc := range doc.Cases {
		t.Run(tc.Name, func(t *testing.T) {
			tok := ""
			if tc.SessionToken != nil {
				tok = *tc.SessionToken
			}
			var body, sentURL string
			c, err := rds.New(goto3.Config{Region: tc.Region, Credentials: credentials.NewStatic(tc.AccessKeyID, tc.SecretAccessKey, tok)}, func(o *rds.Options) {
				o.Now = func() time.Time { return doc.Time }
				o.Hooks.BeforeSend = func(_ context.Context, r *http.Request) error {
					b, _ := io.ReadAll(r.Body)
					body, sentURL = string(b), r.URL.String()
					return errCaptured
				}
			})
			if err != nil {
				t.Fatal(err)
			}
			v, err := protocoltest.BuildValue(schemas[tc.Operation].Input, tc.Params)
			if err != nil {
				t.Fatal(err)
			}
			before := reflect.New(v.Elem().Type())
			before.Elem().Set(v.Elem())
			op := operation(t, c, tc.Operation)
			if _, err := op.Call(context.Background(), v.Interface()); !errors.Is(err, errCaptured) {
				t.Fatal(err)
			}
			if diff := cmp.Diff(before.Interface(), v.Interface()); diff != "" {
				t.Errorf("the caller's input changed (-before +after):\n%s", diff)
			}
			if sentURL != tc.URL {
				t.Errorf("sent to %s, botocore to %s", sentURL, tc.URL)
			}
			if body != tc.Body {
				t.Errorf("body:\n got %s\nwant %s", body, tc.Body)
			}
			got, _ := url.ParseQuery(body)
			want, _ := url.ParseQuery(tc.Body)
			if got.Has("SourceRegion") || got.Has("DestinationRegion") {
				t.Errorf("body %s carries SourceRegion or DestinationRegion", body)
			}
			if g, w := got.Get("PreSignedUrl"), want.Get("PreSignedUrl"); g != w {
				t.Errorf("PreSignedUrl:\n got %s\nwant %s", g, w)
			}
			if diff := cmp.Diff(want, got); diff != "" {
				t.Errorf("body parameters (-botocore +goto3):\n%s", diff)
			}
		})
	}
}

// operation returns client's method for the operation called name.
func operation(t *testing.T, client any, name string) servicetest.Operation {
	t.Helper()
	for _, op := range servicetest.Operations(client) {
		if op.Name == name {
			return op
		}
	}
	t.Fatalf("no operation %s", name)
	return servicetest.Operation{}
}
