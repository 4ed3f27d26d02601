package endpoints_test

import (
	"strconv"
	"testing"

	"github.com/goto3/goto3/endpoints"
)

func getObjectParams() *endpoints.Params {
	region, bucket := "us-west-2", "mybucket"
	return &endpoints.Params{Region: &region, Bucket: &bucket}
}

const wantGetObjectURL = "https://mybucket.s3.us-west-2.amazonaws.com"

// BenchmarkResolveS3GetObject is the hot path: the same parameters again.
func BenchmarkResolveS3GetObject(b *testing.B) {
	rs := endpoints.S3()
	p := getObjectParams()
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
	rs := endpoints.S3()
	p := getObjectParams()
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
	rs := endpoints.S3()
	region := "us-west-2"
	buckets := make([]string, 4096)
	for i := range buckets {
		buckets[i] = "bucket-" + strconv.Itoa(i)
	}
	b.ReportAllocs()
	reportCPU(b)
	i := 0
	for b.Loop() {
		p := endpoints.Params{Region: &region, Bucket: &buckets[i%len(buckets)]}
		if _, err := rs.Resolve(&p); err != nil {
			b.Fatal(err)
		}
		i++
	}
}

func BenchmarkResolveS3Parallel(b *testing.B) {
	rs := endpoints.S3()
	b.ReportAllocs()
	b.RunParallel(func(pb *testing.PB) {
		p := getObjectParams()
		for pb.Next() {
			if _, err := rs.Resolve(p); err != nil {
				b.Fatal(err)
			}
		}
	})
}

func BenchmarkLoadS3(b *testing.B) {
	data := endpoints.S3JSON()
	b.ReportAllocs()
	b.SetBytes(int64(len(data)))
	for b.Loop() {
		if _, err := endpoints.Load(data); err != nil {
			b.Fatal(err)
		}
	}
}
