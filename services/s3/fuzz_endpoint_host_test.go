package s3_test

import (
	"net"
	"net/url"
	"strings"
	"testing"

	"github.com/goto3/goto3/endpoints"
	"github.com/goto3/goto3/services/s3"
)

// validDNSName reports whether h is a DNS name of 1 to 63 byte labels of
// letters, digits and hyphens (no leading or trailing hyphen), at most 253
// bytes in all.
func validDNSName(h string) bool {
	if h == "" || len(h) > 253 {
		return false
	}
	for _, l := range strings.Split(h, ".") {
		if !endpoints.IsValidHostLabel(l, false) {
			return false
		}
	}
	return true
}

// FuzzEndpointHostSafety resolves S3 endpoints (with the embedded rule
// set) for arbitrary bucket names (plain names
// and ARNs) and region names that boto3 accepts, under every combination
// of path-style, dual-stack, FIPS and accelerate: whatever the rules accept
// must be a URL that net/url parses into exactly the host the resolver
// wrote, a valid DNS name or IP literal, with no user info, query or
// fragment smuggled in by the bucket.
func FuzzEndpointHostSafety(f *testing.F) {
	for _, b := range []string{
		"my-bucket", "my.bucket", "Bucket", "bucket@evil.com", "a/b", "a?b", "a#b", "a b", "a%2Fb",
		"arn:aws:s3:us-west-2:123456789012:accesspoint/myendpoint",
		"arn:aws:s3:us-west-2:123456789012:accesspoint/my.endpoint@evil.com",
		"arn:aws:s3-outposts:us-west-2:123456789012:outpost/op-01234567890123456/accesspoint/reports",
		"arn:aws:s3-object-lambda:us-west-2:123456789012:accesspoint/ol",
		"arn:aws:s3::123456789012:accesspoint/mfzwi23gnjvgw.mrap",
		"mybucket--usw2-az1--x-s3", "192.168.0.1", "xn--abc",
	} {
		f.Add(b, "us-west-2", uint8(0))
		f.Add(b, "", uint8(1))
	}
	rules := s3.Service.Rules()
	f.Fuzz(func(t *testing.T, bucket, region string, flags uint8) {
		bucket, region = fuzzClip(bucket), fuzzClip(region)
		if region == "" {
			region = fuzzRegions[int(flags>>4)%len(fuzzRegions)]
		}
		if !validRegion(region) {
			return // boto3 refuses the region before resolving (see validRegion)
		}
		b := func(bit uint8) bool { return flags&bit != 0 }
		vals, err := rules.Values(map[string]any{"Region": region, "Bucket": bucket,
			"ForcePathStyle": b(1), "UseDualStack": b(2), "UseFIPS": b(4), "Accelerate": b(8)})
		if err != nil {
			t.Fatalf("Values: %v", err)
		}
		ep, err := rules.Resolve(vals)
		if err != nil {
			return
		}
		rest, ok := strings.CutPrefix(ep.URL, "https://")
		if !ok {
			t.Fatalf("bucket %q region %q: got URL %q, want https://", bucket, region, ep.URL)
		}
		authority, path, _ := strings.Cut(rest, "/")
		u, err := url.Parse(ep.URL)
		if err != nil {
			t.Fatalf("bucket %q region %q: URL %q does not parse: %v", bucket, region, ep.URL, err)
		}
		if u.Host != authority || u.User != nil || u.RawQuery != "" || u.Fragment != "" || u.Opaque != "" {
			t.Fatalf("bucket %q region %q: URL %q parses to host %q user %v query %q fragment %q, want host %q only",
				bucket, region, ep.URL, u.Host, u.User, u.RawQuery, u.Fragment, authority)
		}
		h := u.Hostname()
		if net.ParseIP(h) == nil && !validDNSName(h) {
			t.Fatalf("bucket %q region %q: URL %q has host %q, want a DNS name or IP", bucket, region, ep.URL, h)
		}
		if strings.ContainsAny(path, "?#") || strings.ContainsAny(ep.URL, " \t\r\n") {
			t.Fatalf("bucket %q region %q: URL %q carries unescaped '?', '#' or whitespace", bucket, region, ep.URL)
		}
	})
}
