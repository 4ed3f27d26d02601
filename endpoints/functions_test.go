package endpoints_test

import (
	"encoding/json"
	"errors"
	"os"
	"regexp"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/goto3/goto3/endpoints"
)

func TestParseARN(t *testing.T) {
	tests := []struct {
		in      string
		want    endpoints.ARN
		wantIDs []string
		wantErr bool
	}{
		{in: "arn:aws:s3:us-west-2:123456789012:accesspoint/myendpoint",
			want:    endpoints.ARN{Partition: "aws", Service: "s3", Region: "us-west-2", AccountID: "123456789012", Resource: "accesspoint/myendpoint"},
			wantIDs: []string{"accesspoint", "myendpoint"}},
		{in: "arn:aws:s3:us-east-2:012345678:outpost::",
			want:    endpoints.ARN{Partition: "aws", Service: "s3", Region: "us-east-2", AccountID: "012345678", Resource: "outpost::"},
			wantIDs: []string{"outpost", "", ""}},
		{in: "arn:aws:s3:::bucket:with:colons",
			want:    endpoints.ARN{Partition: "aws", Service: "s3", Resource: "bucket:with:colons"},
			wantIDs: []string{"bucket", "with", "colons"}},
		{in: "asdf", wantErr: true},
		{in: "arn:aws:s3:us-west-2:123456789012:", wantErr: true},
		{in: "arn:aws::us-west-2:123456789012:resource-id", wantErr: true},
		{in: "arn::s3:us-west-2:123456789012:resource-id", wantErr: true},
		{in: "arn:aws:s3:us-west-2", wantErr: true},
		{in: "ARN:aws:s3:us-west-2:1:r", wantErr: true},
		{in: "", wantErr: true},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			got, err := endpoints.ParseARN(tt.in)
			if tt.wantErr {
				if !errors.Is(err, endpoints.ErrInvalidARN) {
					t.Fatalf("got %+v, %v; want ErrInvalidARN", got, err)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("ARN (-want +got):\n%s", diff)
			}
			if diff := cmp.Diff(tt.wantIDs, got.ResourceID()); diff != "" {
				t.Errorf("ResourceID (-want +got):\n%s", diff)
			}
		})
	}
}

func TestParseURL(t *testing.T) {
	tests := []struct {
		in   string
		want endpoints.URL
		ok   bool
	}{
		{"https://authority.com/custom-path", endpoints.URL{Scheme: "https", Authority: "authority.com", Path: "/custom-path", NormalizedPath: "/custom-path/"}, true},
		{"http://authority.com", endpoints.URL{Scheme: "http", Authority: "authority.com", NormalizedPath: "/"}, true},
		{"http://127.0.0.1:9000/", endpoints.URL{Scheme: "http", Authority: "127.0.0.1:9000", Path: "/", NormalizedPath: "/", IsIP: true}, true},
		{"https://[2001:db8::1]:443", endpoints.URL{Scheme: "https", Authority: "[2001:db8::1]:443", NormalizedPath: "/", IsIP: true}, true},
		{"https://999.999.abc.blah", endpoints.URL{Scheme: "https", Authority: "999.999.abc.blah", NormalizedPath: "/"}, true},
		{"HTTPS://example.com#frag", endpoints.URL{Scheme: "https", Authority: "example.com", NormalizedPath: "/"}, true},
		{"http://[fe80::1%25eth0]:8080/a/b", endpoints.URL{Scheme: "http", Authority: "[fe80::1%25eth0]:8080", Path: "/a/b", NormalizedPath: "/a/b/", IsIP: true}, true},
		{"http://host?", endpoints.URL{Scheme: "http", Authority: "host", NormalizedPath: "/"}, true},
		{"acbd://example.com", endpoints.URL{}, false},
		{"http://abc.com:a/foo", endpoints.URL{}, false},
		{"http://abc.com:99999", endpoints.URL{}, false},
		{"https://example.com/path?query1=foo", endpoints.URL{}, false},
		{"https://[::1", endpoints.URL{}, false},
		{"example.com", endpoints.URL{}, false},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			got, ok := endpoints.ParseURL(tt.in)
			if ok != tt.ok {
				t.Fatalf("got ok %v, want %v", ok, tt.ok)
			}
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("(-want +got):\n%s", diff)
			}
		})
	}
}

func TestURIEncode(t *testing.T) {
	tests := []struct{ in, want string }{
		{"abc:defg", "abc%3Adefg"},
		{"0123456789.underscore_dash-Tilda~", "0123456789.underscore_dash-Tilda~"},
		{"\U0001F639", "%F0%9F%98%B9"},
		{"a b/c", "a%20b%2Fc"},
		{"", ""},
	}
	for _, tt := range tests {
		if got := endpoints.URIEncode(tt.in); got != tt.want {
			t.Errorf("URIEncode(%q): got %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestHostLabels(t *testing.T) {
	tests := []struct {
		in                 string
		sub                bool
		wantHost, wantS3VH bool
	}{
		{"us-east-1", false, true, true},
		{"3aws4", false, true, true},
		{"part1.part2", true, true, true},
		{"part1.part2", false, false, false},
		{"part1 part2", false, false, false},
		{"", false, false, false},
		{"-bucket", false, false, false},
		{"bucket-", false, false, false},
		{"BucketName", false, true, false},
		{"aa", false, true, false},
		{"bucket.name", true, true, true},
		{"bucket-.name", true, false, false},
		{".bucket", true, false, false},
		{"192.168.5.4", true, true, false},
		{"a.bc.def", true, true, true}, // labels of any length; the whole name is 3 to 63
		{"my.bucket", true, true, true},
		{"a.b", true, true, true},
		{"abcdefghijabcdefghijabcdefghijabcdefghijabcdefghijabcdefghij123", false, true, true},
		{"abcdefghijabcdefghijabcdefghijabcdefghijabcdefghijabcdefghij1234", false, false, false},
	}
	for _, tt := range tests {
		if got := endpoints.IsValidHostLabel(tt.in, tt.sub); got != tt.wantHost {
			t.Errorf("IsValidHostLabel(%q, %v): got %v, want %v", tt.in, tt.sub, got, tt.wantHost)
		}
		if got := endpoints.IsVirtualHostableS3Bucket(tt.in, tt.sub); got != tt.wantS3VH {
			t.Errorf("IsVirtualHostableS3Bucket(%q, %v): got %v, want %v", tt.in, tt.sub, got, tt.wantS3VH)
		}
	}
}

func TestLookupPartition(t *testing.T) {
	tests := []struct{ region, id, suffix string }{
		{"us-west-2", "aws", "amazonaws.com"},
		{"us-east-10", "aws", "amazonaws.com"},
		{"mars-global", "aws", "amazonaws.com"},
		{"cn-north-5", "aws-cn", "amazonaws.com.cn"},
		{"aws-cn-global", "aws-cn", "amazonaws.com.cn"},
		{"us-gov-west-1", "aws-us-gov", "amazonaws.com"},
		{"us-iso-east-1", "aws-iso", "c2s.ic.gov"},
		{"", "aws", "amazonaws.com"},
	}
	for _, tt := range tests {
		p := endpoints.LookupPartition(tt.region)
		if p.ID != tt.id || p.DNSSuffix != tt.suffix {
			t.Errorf("LookupPartition(%q): got %s/%s, want %s/%s", tt.region, p.ID, p.DNSSuffix, tt.id, tt.suffix)
		}
	}
	if p := endpoints.LookupPartition("us-east-1"); p.ImplicitGlobalRegion != "us-east-1" || !p.SupportsFIPS || p.DualStackDNSSuffix != "api.aws" {
		t.Errorf("aws partition: got %+v", p)
	}
}

// TestPartitionsGenerated checks the compiled-in partitions
// (partitions_gen.go, go generate ./endpoints) against the vendored
// partitions.json: every listed region maps to the first partition that
// lists it, with that partition's outputs, and an unlisted region goes by
// the patterns.
func TestPartitionsGenerated(t *testing.T) {
	data, err := os.ReadFile("rules/partitions.json")
	if err != nil {
		t.Fatal(err)
	}
	var f struct {
		Partitions []struct {
			ID          string                     `json:"id"`
			RegionRegex string                     `json:"regionRegex"`
			Regions     map[string]json.RawMessage `json:"regions"`
			Outputs     struct {
				Name                 string `json:"name"`
				DNSSuffix            string `json:"dnsSuffix"`
				DualStackDNSSuffix   string `json:"dualStackDnsSuffix"`
				SupportsFIPS         bool   `json:"supportsFIPS"`
				SupportsDualStack    bool   `json:"supportsDualStack"`
				ImplicitGlobalRegion string `json:"implicitGlobalRegion"`
			} `json:"outputs"`
		} `json:"partitions"`
	}
	if err := json.Unmarshal(data, &f); err != nil {
		t.Fatal(err)
	}
	seen := map[string]bool{}
	for _, p := range f.Partitions {
		o := p.Outputs
		want := endpoints.Partition{ID: p.ID, Name: o.Name, DNSSuffix: o.DNSSuffix, DualStackDNSSuffix: o.DualStackDNSSuffix,
			SupportsFIPS: o.SupportsFIPS, SupportsDualStack: o.SupportsDualStack, ImplicitGlobalRegion: o.ImplicitGlobalRegion}
		for r := range p.Regions {
			if seen[r] {
				continue
			}
			seen[r] = true
			if got := endpoints.LookupPartition(r); *got != want {
				t.Errorf("LookupPartition(%q): got %+v, want %+v", r, *got, want)
			}
		}
	}
	// Unlisted regions go to the first partition whose pattern matches,
	// else to aws.
	for _, r := range []string{"us-test-9", "cn-test-9", "eusc-de-test-9", "us-iso-test-9", "us-isob-test-9", "eu-isoe-test-9", "us-isof-test-9", "us-gov-test-9", "mars-1", ""} {
		want := "aws"
		for _, p := range f.Partitions {
			if regexp.MustCompile(p.RegionRegex).MatchString(r) {
				want = p.ID
				break
			}
		}
		if got := endpoints.LookupPartition(r); got.ID != want {
			t.Errorf("LookupPartition(%q): got %s, want %s", r, got.ID, want)
		}
	}
}
