package endpoints_test

import (
	"strconv"
	"testing"

	"github.com/goto3/goto3/endpoints"
)

func getObjectParams(b *testing.B, rs *endpoints.RuleSet) []endpoints.Value {
	return values(b, rs, map[string]any{"Region": "us-west-2", "Bucket": "mybucket"})
}

const wantGetObjectURL = "https://mybucket.s3.us-west-2.amazonaws.com"

// BenchmarkResolveS3GetObject is the hot path: the same parameters again.
func BenchmarkResolveS3GetObject(b *testing.B) {
	rs := ruleSet(b, "s3")
	p := getObjectParams(b, rs)
	b.ReportAllocs()
	reportCPU(b)
	for b.Loop() {
		ep, err := rs.Resolve(p)
		if err != nil || ep.URL != wantGetObjectURL {
			b.Fatalf("got %q, %v", ep.URL, err)
		}
	}
}

// BenchmarkResolveS3GetObjectUncached evaluates the rules every time.
func BenchmarkResolveS3GetObjectUncached(b *testing.B) {
	rs := ruleSet(b, "s3")
	p := getObjectParams(b, rs)
	b.ReportAllocs()
	reportCPU(b)
	for b.Loop() {
		ep, err := rs.ResolveUncached(p)
		if err != nil || ep.URL != wantGetObjectURL {
			b.Fatalf("got %q, %v", ep.URL, err)
		}
	}
}

// BenchmarkResolveS3ManyBuckets misses the cache on every call (more buckets
// than cache entries) and includes storing the result.
func BenchmarkResolveS3ManyBuckets(b *testing.B) {
	resolveEachNew(b, "s3", "Bucket", "bucket-", "")
}

// resolveEachNew resolves service's rules in us-west-2 with the parameter
// param new in each call (one of 4096 values, more than the cache holds):
// a cache miss, the rules, and storing the result; the URL is wantURL
// unless that is "".
func resolveEachNew(b *testing.B, service, param, prefix, wantURL string) {
	rs := ruleSet(b, service)
	region, varying := rs.Index("Region"), rs.Index(param)
	vals := make([]string, 4096)
	for i := range vals {
		vals[i] = prefix + strconv.Itoa(i)
	}
	p := make([]endpoints.Value, rs.NumParameters())
	p[region] = endpoints.String("us-west-2")
	b.ReportAllocs()
	reportCPU(b)
	i := 0
	for b.Loop() {
		p[varying] = endpoints.String(vals[i%len(vals)])
		if ep, err := rs.Resolve(p); err != nil || wantURL != "" && ep.URL != wantURL {
			b.Fatal(ep.URL, err)
		}
		i++
	}
}

func BenchmarkResolveS3Parallel(b *testing.B) {
	rs := ruleSet(b, "s3")
	b.ReportAllocs()
	b.RunParallel(func(pb *testing.PB) {
		p := getObjectParams(b, rs)
		for pb.Next() {
			if _, err := rs.Resolve(p); err != nil {
				b.Fatal(err)
			}
		}
	})
}

func BenchmarkLoadS3(b *testing.B) {
	data := ruleSetData(b, "s3")
	b.ReportAllocs()
	b.SetBytes(int64(len(data)))
	for b.Loop() {
		if _, err := endpoints.Load(data); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkResolveDynamoDBNewTable resolves DynamoDB GetItem for a new
// table (its ResourceArn context parameter) each call: a cache miss, the
// rules, and storing the result.
func BenchmarkResolveDynamoDBNewTable(b *testing.B) {
	resolveEachNew(b, "dynamodb", "ResourceArn", "table-", "https://dynamodb.us-west-2.amazonaws.com")
}

// BenchmarkResolveSESUncached evaluates SES's rules for a region.
func BenchmarkResolveSESUncached(b *testing.B) {
	rs := ruleSet(b, "ses")
	p := values(b, rs, map[string]any{"Region": "eu-west-1"})
	b.ReportAllocs()
	reportCPU(b)
	for b.Loop() {
		if ep, err := rs.ResolveUncached(p); err != nil || ep.URL != "https://email.eu-west-1.amazonaws.com" {
			b.Fatal(ep.URL, err)
		}
	}
}

// BenchmarkLoadCompiledS3 reads S3's compiled rule set, as the s3 package
// does the first time a process uses it (BenchmarkLoadS3 compiles the
// JSON).
func BenchmarkLoadCompiledS3(b *testing.B) {
	rs, err := endpoints.Load(ruleSetData(b, "s3"))
	if err != nil {
		b.Fatal(err)
	}
	bin, err := rs.MarshalBinary()
	if err != nil {
		b.Fatal(err)
	}
	data := string(bin)
	b.ReportAllocs()
	b.SetBytes(int64(len(data)))
	reportCPU(b)
	for b.Loop() {
		if _, err := endpoints.LoadCompiled(data); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkResolveS3FourRegions is BenchmarkResolveS3ManyBuckets with the
// region changing every call among four: each endpoint rule keeps the
// properties of the last four sets of values.
func BenchmarkResolveS3FourRegions(b *testing.B) {
	rs := ruleSet(b, "s3")
	region, bucket := rs.Index("Region"), rs.Index("Bucket")
	regions := []string{"us-west-2", "eu-west-1", "ap-south-1", "us-east-2"}
	buckets := make([]string, 4096)
	for i := range buckets {
		buckets[i] = "bucket-" + strconv.Itoa(i)
	}
	p := make([]endpoints.Value, rs.NumParameters())
	b.ReportAllocs()
	reportCPU(b)
	i := 0
	for b.Loop() {
		p[region] = endpoints.String(regions[i%len(regions)])
		p[bucket] = endpoints.String(buckets[i%len(buckets)])
		if _, err := rs.Resolve(p); err != nil {
			b.Fatal(err)
		}
		i++
	}
}
