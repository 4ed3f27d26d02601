package cloudfront_test

import (
	"context"
	"encoding/json"
	"os"
	"regexp"
	"testing"

	"github.com/goto3/goto3/internal/testing/protocoltest"
	"github.com/goto3/goto3/internal/testing/servicetest"
	"github.com/goto3/goto3/protocol"
	"github.com/goto3/goto3/services/cloudfront"
)

var emptyElement = regexp.MustCompile(`<(\w+) />`)

// TestEmptyRequiredStringsBotocore: the required strings CloudFront accepts
// empty (a distribution's Comment, an S3 origin's OriginAccessIdentity,
// ServiceSpec.EmptyStrings) are sent empty, as botocore sends them
// (testdata/gen_emptystrings.py), instead of being refused as missing.
func TestEmptyRequiredStringsBotocore(t *testing.T) {
	raw, err := os.ReadFile("testdata/emptystrings.json")
	if err != nil {
		t.Fatal(err)
	}
	var doc struct {
		Cases []struct {
			Operation, Method, URL, Body string
			Params                       map[string]any
		}
	}
	if err := json.Unmarshal(raw, &doc); err != nil {
		t.Fatal(err)
	}
	schemas := map[string]*protocol.Operation{}
	for _, op := range cloudfront.OperationSchemas() {
		schemas[op.Name] = op
	}
	rt := &servicetest.Transport{Status: 201}
	c := testClient(t, rt)
	methods := map[string]servicetest.Operation{}
	for _, op := range servicetest.Operations(c) {
		methods[op.Name] = op
	}
	for _, tc := range doc.Cases {
		t.Run(tc.Operation, func(t *testing.T) {
			v, err := protocoltest.BuildValue(schemas[tc.Operation].Input, tc.Params)
			if err != nil {
				t.Fatal(err)
			}
			if _, err := methods[tc.Operation].Call(context.Background(), v.Interface()); err != nil {
				t.Fatal(err)
			}
			req, body := rt.Last(t)
			if req.Method != tc.Method || req.URL.String() != tc.URL {
				t.Errorf("got %s %s, botocore sends %s %s", req.Method, req.URL, tc.Method, tc.URL)
			}
			// An empty element is <Comment /> in botocore's ElementTree and
			// <Comment></Comment> here: the same XML.
			if want := emptyElement.ReplaceAllString(tc.Body, "<$1></$1>"); body != want {
				t.Errorf("body:\n got %s\nwant %s", body, want)
			}
		})
	}
}
