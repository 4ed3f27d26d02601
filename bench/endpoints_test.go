package bench

import (
	"context"
	"os"
	"path/filepath"
	"strconv"
	"testing"

	v2ddb "github.com/aws/aws-sdk-go-v2/service/dynamodb"
	v2s3 "github.com/aws/aws-sdk-go-v2/service/s3"
	v2ses "github.com/aws/aws-sdk-go-v2/service/ses"

	"github.com/goto3/goto3/endpoints"
	"github.com/goto3/goto3/services/dynamodb"
	"github.com/goto3/goto3/services/s3"
	"github.com/goto3/goto3/services/ses"
)

// Endpoint resolution side by side: each SDK's generated resolver with the
// same parameters. goto3 caches results by parameter values, so its
// first-time cost is measured with a parameter that changes every call
// (4096 names, more than its cache holds): a new bucket for S3 GetObject,
// a new table (the ResourceArn context parameter) for DynamoDB GetItem.
// SES has no per-call parameter: "repeated" is what every call pays (a
// cache hit for goto3), "first" the rules evaluated once for a region
// (goto3's ResolveUncached). aws-sdk-go-v2 evaluates its compiled rules
// on every call.
//
//	cd bench && go test -run '^$' -bench Endpoint -benchmem -count 5

// names returns n distinct names with the prefix.
func names(prefix string, n int) []string {
	out := make([]string, n)
	for i := range out {
		out[i] = prefix + strconv.Itoa(i)
	}
	return out
}

func BenchmarkEndpointS3GetObjectNewBucket(b *testing.B) {
	buckets := names("bucket-", 4096)
	region, key := "us-west-2", "photos/2026/12/07/cat.jpg"
	b.Run("goto3", func(b *testing.B) {
		b.ReportAllocs()
		defer reportCPU(b)()
		i := 0
		for b.Loop() {
			ep, err := s3.ResolveEndpoint(s3.EndpointParameters{Region: &region, Bucket: &buckets[i%len(buckets)], Key: &key})
			if err != nil || len(ep.URL) < 40 {
				b.Fatal(ep.URL, err)
			}
			i++
		}
	})
	b.Run("v2", func(b *testing.B) {
		r := v2s3.NewDefaultEndpointResolverV2()
		ctx := context.Background()
		b.ReportAllocs()
		defer reportCPU(b)()
		i := 0
		for b.Loop() {
			ep, err := r.ResolveEndpoint(ctx, v2s3.EndpointParameters{Region: &region, Bucket: &buckets[i%len(buckets)], Key: &key})
			if err != nil || len(ep.URI.Host) < 20 {
				b.Fatal(ep.URI.String(), err)
			}
			i++
		}
	})
}

// BenchmarkEndpointS3GetObjectSameBucket resolves the same parameters
// again: goto3's cache hit against v2's evaluation.
func BenchmarkEndpointS3GetObjectSameBucket(b *testing.B) {
	region, bucket, key := "us-west-2", "mybucket", "photos/2026/12/07/cat.jpg"
	b.Run("goto3", func(b *testing.B) {
		b.ReportAllocs()
		defer reportCPU(b)()
		for b.Loop() {
			if _, err := s3.ResolveEndpoint(s3.EndpointParameters{Region: &region, Bucket: &bucket, Key: &key}); err != nil {
				b.Fatal(err)
			}
		}
	})
	b.Run("v2", func(b *testing.B) {
		r := v2s3.NewDefaultEndpointResolverV2()
		ctx := context.Background()
		b.ReportAllocs()
		defer reportCPU(b)()
		for b.Loop() {
			if _, err := r.ResolveEndpoint(ctx, v2s3.EndpointParameters{Region: &region, Bucket: &bucket, Key: &key}); err != nil {
				b.Fatal(err)
			}
		}
	})
}

func BenchmarkEndpointDynamoDBGetItemNewTable(b *testing.B) {
	tables := names("table-", 4096)
	region := "us-west-2"
	b.Run("goto3", func(b *testing.B) {
		b.ReportAllocs()
		defer reportCPU(b)()
		i := 0
		for b.Loop() {
			ep, err := dynamodb.ResolveEndpoint(dynamodb.EndpointParameters{Region: &region, ResourceArn: &tables[i%len(tables)]})
			if err != nil || ep.URL != "https://dynamodb.us-west-2.amazonaws.com" {
				b.Fatal(ep.URL, err)
			}
			i++
		}
	})
	b.Run("v2", func(b *testing.B) {
		r := v2ddb.NewDefaultEndpointResolverV2()
		ctx := context.Background()
		b.ReportAllocs()
		defer reportCPU(b)()
		i := 0
		for b.Loop() {
			ep, err := r.ResolveEndpoint(ctx, v2ddb.EndpointParameters{Region: &region, ResourceArn: &tables[i%len(tables)]})
			if err != nil || ep.URI.Host != "dynamodb.us-west-2.amazonaws.com" {
				b.Fatal(ep.URI.String(), err)
			}
			i++
		}
	})
}

// sesRules loads SES's vendored rule set (the one services/ses embeds).
func sesRules(b *testing.B) *endpoints.RuleSet {
	m, _ := filepath.Glob("../internal/codegen/models/ses/*/endpoint-rule-set-1.json")
	if len(m) == 0 {
		b.Fatal("no SES rule set")
	}
	data, err := os.ReadFile(m[len(m)-1])
	if err != nil {
		b.Fatal(err)
	}
	rs, err := endpoints.Load(data)
	if err != nil {
		b.Fatal(err)
	}
	return rs
}

func BenchmarkEndpointSESSendEmail(b *testing.B) {
	region := "eu-west-1"
	const want = "https://email.eu-west-1.amazonaws.com"
	b.Run("goto3-repeated", func(b *testing.B) {
		b.ReportAllocs()
		defer reportCPU(b)()
		for b.Loop() {
			ep, err := ses.ResolveEndpoint(ses.EndpointParameters{Region: &region})
			if err != nil || ep.URL != want {
				b.Fatal(ep.URL, err)
			}
		}
	})
	b.Run("goto3-first", func(b *testing.B) {
		rs := sesRules(b)
		p := make([]endpoints.Value, rs.NumParameters())
		p[rs.Index("Region")] = endpoints.String(region)
		b.ReportAllocs()
		defer reportCPU(b)()
		for b.Loop() {
			ep, err := rs.ResolveUncached(p)
			if err != nil || ep.URL != want {
				b.Fatal(ep.URL, err)
			}
		}
	})
	b.Run("v2", func(b *testing.B) {
		r := v2ses.NewDefaultEndpointResolverV2()
		ctx := context.Background()
		b.ReportAllocs()
		defer reportCPU(b)()
		for b.Loop() {
			ep, err := r.ResolveEndpoint(ctx, v2ses.EndpointParameters{Region: &region})
			if err != nil || ep.URI.String() != want {
				b.Fatal(ep.URI.String(), err)
			}
		}
	})
}
