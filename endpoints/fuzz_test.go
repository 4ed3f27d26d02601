package endpoints_test

import (
	"errors"
	"fmt"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/goto3/goto3/endpoints"
)

// FuzzResolve resolves arbitrary S3 parameters (and the region and endpoint
// against SES and EC2). The engine must not panic, must answer with an
// endpoint or an error, and the cached answer and the one built from the
// endpoint memos must equal the one built afresh.
func FuzzResolve(f *testing.F) {
	f.Add("us-west-2", "mybucket", "", "key", uint32(0))
	f.Add("us-east-1", "arn:aws:s3:us-west-2:123456789012:accesspoint:myendpoint", "", "", uint32(0x3))
	f.Add("us-east-1", "arn:aws:s3-outposts:us-west-2:123456789012:outpost:op-01234567890123456:accesspoint:reports", "", "", uint32(0))
	f.Add("us-west-2", "mybucket--usw2-az1--x-s3", "", "", uint32(0x100))
	f.Add("a b", "bucket name", "http://127.0.0.1:9000/path", "k", uint32(0xffff))
	f.Add("cn-north-1", "my.bucket", "https://[::1]:443", "", uint32(0xaaaa))
	f.Add("", "arn:aws:s3::123456789012:accesspoint:mfzwi23gnjvgw.mrap", "", "", uint32(0x40000))
	f.Fuzz(func(t *testing.T, region, bucket, endpoint, key string, flags uint32) {
		// Two bits per boolean parameter: set, value.
		b := func(i uint) *bool {
			if flags&(1<<(2*i)) == 0 {
				return nil
			}
			v := flags&(1<<(2*i+1)) != 0
			return &v
		}
		str := func(s string, bit uint) *string {
			if s == "" && flags&(1<<bit) == 0 {
				return nil
			}
			return &s
		}
		named := map[string]any{
			"Region":                         str(region, 22),
			"Bucket":                         str(bucket, 23),
			"Endpoint":                       str(endpoint, 24),
			"Key":                            str(key, 25),
			"UseFIPS":                        b(0),
			"UseDualStack":                   b(1),
			"ForcePathStyle":                 b(2),
			"Accelerate":                     b(3),
			"UseArnRegion":                   b(4),
			"UseS3ExpressControlEndpoint":    b(5),
			"DisableS3ExpressSessionAuth":    b(6),
			"UseGlobalEndpoint":              b(7),
			"DisableMultiRegionAccessPoints": b(8),
			"DisableAccessPoints":            b(9),
			"UseObjectLambdaEndpoint":        b(10),
		}
		for _, svc := range []string{"s3", "ses", "ec2"} {
			rs := ruleSet(t, svc)
			// The parameters this rule set declares.
			own := map[string]any{}
			for k, v := range named {
				if rs.Index(k) >= 0 {
					own[k] = v
				}
			}
			p := values(t, rs, own)
			// Built without cache and memos, then through the memos
			// only, then through the cache (a miss, a miss stored, a
			// hit).
			want, wantErr := rs.ResolveFresh(p)
			for i := range 4 {
				got, err := rs.ResolveUncached(p)
				if i > 0 {
					got, err = rs.Resolve(p)
				}
				if fmt.Sprint(err) != fmt.Sprint(wantErr) {
					t.Fatalf("got error %v, want %v", err, wantErr)
				}
				if !cmp.Equal(want, got) {
					t.Fatalf("resolution %d differs (-fresh +got):\n%s", i, cmp.Diff(want, got))
				}
			}
			var re *endpoints.RuleError
			switch {
			case wantErr == nil && want.URL == "":
				t.Fatalf("got an endpoint without URL for %v", own)
			case wantErr != nil && !errors.As(wantErr, &re) && !errors.Is(wantErr, endpoints.ErrNoRule):
				// ErrNoRule: a tree rule is terminal, and S3's trees are
				// exhausted by, for example, an Endpoint that is not a URL.
				t.Fatalf("got error %v, want a rule error or ErrNoRule", wantErr)
			}
		}
	})
}

// FuzzParseARN checks that ParseARN never panics and that a parsed ARN
// joins back to its input.
func FuzzParseARN(f *testing.F) {
	for _, s := range []string{"arn:aws:s3:us-west-2:123456789012:accesspoint/x", "arn:aws:s3:::b", "arn::::", "arn:a:b:c:d:e:f/g:h", "arn"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		a, err := endpoints.ParseARN(s)
		if err != nil {
			return
		}
		joined := strings.Join([]string{"arn", a.Partition, a.Service, a.Region, a.AccountID, a.Resource}, ":")
		if joined != s {
			t.Fatalf("got %q joined back, want %q", joined, s)
		}
		ids := a.ResourceID()
		if len(ids) == 0 || len(strings.Join(ids, "/")) != len(a.Resource) {
			t.Fatalf("ResourceID %q does not cover %q", ids, a.Resource)
		}
	})
}

// FuzzParseURL checks that ParseURL never panics, that its parts come from
// the input, and that what it accepts has a numeric port.
func FuzzParseURL(f *testing.F) {
	for _, s := range []string{"https://example.com/p", "http://[::1]:80", "http://a:b", "https://x?y", "http://h#f", "http://u@h:1/"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		u, ok := endpoints.ParseURL(s)
		if !ok {
			return
		}
		if !strings.HasPrefix(strings.ToLower(s[:len(u.Scheme)])+s[len(u.Scheme):], u.Scheme+"://"+u.Authority+u.Path) {
			t.Fatalf("got %+v, not a prefix of %q", u, s)
		}
		if !strings.HasSuffix(u.NormalizedPath, "/") || !strings.HasPrefix(u.NormalizedPath, u.Path) {
			t.Fatalf("got NormalizedPath %q for path %q", u.NormalizedPath, u.Path)
		}
	})
}

// FuzzURIEncode checks that URIEncode round-trips and leaves only
// unreserved characters and escapes.
func FuzzURIEncode(f *testing.F) {
	for _, s := range []string{"abc", "a b/c?d", "\U0001F639", "%", ""} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		e := endpoints.URIEncode(s)
		back, err := url.PathUnescape(e)
		if err != nil || back != s {
			t.Fatalf("URIEncode(%q) = %q decodes to %q, %v", s, e, back, err)
		}
		for i := 0; i < len(e); i++ {
			c := e[i]
			if !(c == '%' || c == '-' || c == '.' || c == '_' || c == '~' || '0' <= c && c <= '9' || 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z') {
				t.Fatalf("URIEncode(%q) = %q holds %q", s, e, c)
			}
		}
	})
}

// FuzzLoad compiles arbitrary rule sets and resolves the ones that load
// with a few parameter values: neither step may panic.
func FuzzLoad(f *testing.F) {
	files, _ := filepath.Glob(filepath.Join(testdataDir, "engine", "valid-rules", "*.json"))
	for _, name := range files {
		if data, err := os.ReadFile(name); err == nil && len(data) < 8<<10 {
			f.Add(data, "us-east-1")
		}
	}
	f.Add([]byte(`{"parameters":{"R":{"type":"string"}},"rules":[{"conditions":[{"fn":"substring","argv":["{R}",{"ref":"R"},2,true],"assign":"s"}],"type":"error","error":"{s}"}]}`), "abc")
	f.Fuzz(func(t *testing.T, data []byte, s string) {
		rs, err := endpoints.Load(data)
		if err != nil {
			return
		}
		p := fuzzParams(rs, s)
		ep, err := rs.Resolve(p)
		ep2, err2 := rs.Resolve(p)
		if fmt.Sprint(err) != fmt.Sprint(err2) || !cmp.Equal(ep, ep2) {
			t.Fatalf("second resolution differs: %v, %v / %v, %v", ep, err, ep2, err2)
		}
	})
}

// fuzzParams gives every parameter of rs a value made from s: the string
// itself, a boolean from its length, or a list of it twice.
func fuzzParams(rs *endpoints.RuleSet, s string) []endpoints.Value {
	p := make([]endpoints.Value, rs.NumParameters())
	for i, prm := range rs.Parameters() {
		switch prm.Type {
		case "string":
			p[i] = endpoints.String(s)
		case "boolean":
			p[i] = endpoints.Bool(len(s)%2 == 0)
		case "stringArray":
			p[i] = endpoints.Strings([]string{s, s})
		}
	}
	return p
}
