package faultserver_test

import (
	"encoding/xml"
	"net/http"
	"testing"

	"github.com/goto3/goto3/internal/testing/faultserver"
	"github.com/goto3/goto3/sigv4"
)

// sendSigned sends a request signed for region.
func sendSigned(t *testing.T, s *faultserver.Server, method, path, region string) response {
	t.Helper()
	req := mustReq(t, method, s.URL+path, nil)
	if err := sigv4.NewSigner(sigv4.S3Options).SignHTTP(req, s.Credentials(), sigv4.Params{Service: "s3", Region: region, Time: clock, PayloadHash: sha256hex(nil)}); err != nil {
		t.Fatal(err)
	}
	return do(req)
}

// TestBucketRegions: a bucket of another region answers a request signed
// for the wrong region as S3 does (301 PermanentRedirect with
// x-amz-bucket-region, or 400 AuthorizationHeaderMalformed naming the
// region), and one signed for its region as usual.
func TestBucketRegions(t *testing.T) {
	type redirect struct {
		Code     string
		Endpoint string
		Bucket   string
		Region   string
	}
	for _, malformed := range []bool{false, true} {
		s := start(t, faultserver.Options{Buckets: []string{"far"}, BucketRegions: map[string]string{"far": "eu-west-1"}, WrongRegionMalformed: malformed})
		s.PutObject("far", "k", []byte("data"))

		r := sendSigned(t, s, "GET", "/far/k", "us-east-1")
		var e redirect
		if err := xml.Unmarshal(r.body, &e); err != nil {
			t.Fatalf("%d %s: %v", r.status, r.body, err)
		}
		switch {
		case !malformed && (r.status != 301 || e.Code != "PermanentRedirect" || r.header.Get("X-Amz-Bucket-Region") != "eu-west-1" || e.Endpoint != "far.s3.eu-west-1.amazonaws.com" || e.Bucket != "far"):
			t.Errorf("wrong region: got %d %s with x-amz-bucket-region %q, want S3's 301", r.status, r.body, r.header.Get("X-Amz-Bucket-Region"))
		case malformed && (r.status != 400 || e.Code != "AuthorizationHeaderMalformed" || e.Region != "eu-west-1" || r.header.Get("X-Amz-Bucket-Region") != ""):
			t.Errorf("wrong region (malformed): got %d %s with x-amz-bucket-region %q, want S3's 400", r.status, r.body, r.header.Get("X-Amz-Bucket-Region"))
		}
		r = sendSigned(t, s, "HEAD", "/far/k", "us-east-1")
		if want := map[bool]int{false: 301, true: 400}[malformed]; r.status != want || len(r.body) != 0 || r.header.Get("X-Amz-Bucket-Region") != "eu-west-1" {
			t.Errorf("HEAD: got %d %q with x-amz-bucket-region %q, want a bare %d naming the region", r.status, r.body, r.header.Get("X-Amz-Bucket-Region"), want)
		}
		if r := sendSigned(t, s, "GET", "/far/k", "eu-west-1"); r.status != 200 || string(r.body) != "data" {
			t.Errorf("bucket's region: got %d %s", r.status, r.body)
		}
		r = sendSigned(t, s, "HEAD", "/far", "eu-west-1")
		if r.status != 200 || r.header.Get("X-Amz-Bucket-Region") != "eu-west-1" {
			t.Errorf("HeadBucket: got %d with x-amz-bucket-region %q", r.status, r.header.Get("X-Amz-Bucket-Region"))
		}
		// Buckets of the server's region are unaffected.
		if r := sendSigned(t, s, "HEAD", "/bkt", "us-east-1"); r.status != 200 || r.header.Get("X-Amz-Bucket-Region") != "us-east-1" {
			t.Errorf("HeadBucket bkt: got %d with x-amz-bucket-region %q", r.status, r.header.Get("X-Amz-Bucket-Region"))
		}
		// A bucket of the server's region, signed for another region.
		r = sendSigned(t, s, "HEAD", "/bkt", "eu-west-1")
		if r.status == http.StatusOK || r.header.Get("X-Amz-Bucket-Region") != "us-east-1" {
			t.Errorf("bkt signed for eu-west-1: got %d with x-amz-bucket-region %q", r.status, r.header.Get("X-Amz-Bucket-Region"))
		}
	}
}

// TestListObjectsV2EncodingType: with encoding-type=url the keys,
// prefixes, delimiter and start-after are URL-encoded, as S3 does.
func TestListObjectsV2EncodingType(t *testing.T) {
	s := start(t, faultserver.Options{})
	for _, k := range []string{"a b+c", "d/é%", "d/x y/z"} {
		s.PutObject("bkt", k, nil)
	}
	var res struct {
		EncodingType string
		Prefix       string
		Delimiter    string
		Keys         []string `xml:"Contents>Key"`
		Prefixes     []string `xml:"CommonPrefixes>Prefix"`
	}
	r := send(t, s, "GET", "/bkt?list-type=2&encoding-type=url&delimiter=%20", nil, nil, "")
	if err := xml.Unmarshal(r.body, &res); err != nil || r.status != 200 {
		t.Fatalf("%d %s: %v", r.status, r.body, err)
	}
	if res.EncodingType != "url" || res.Delimiter != "+" || len(res.Keys) != 1 || res.Keys[0] != "d/%C3%A9%25" || len(res.Prefixes) != 2 || res.Prefixes[0] != "a+" || res.Prefixes[1] != "d/x+" {
		t.Errorf("got %+v", res)
	}
	if r := send(t, s, "GET", "/bkt?list-type=2&encoding-type=base64", nil, nil, ""); r.status != 400 {
		t.Errorf("encoding-type=base64: got %d", r.status)
	}
}
