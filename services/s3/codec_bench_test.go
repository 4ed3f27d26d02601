package s3_test

import (
	"fmt"
	"io"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/goto3/goto3"
	"github.com/goto3/goto3/internal/testing/cputime"
	"github.com/goto3/goto3/protocol"
	"github.com/goto3/goto3/protocol/restxml"
	"github.com/goto3/goto3/services/s3"
)

// listObjectsV2Body is a ListObjectsV2 page of n keys and two common
// prefixes.
func listObjectsV2Body(n int) string {
	var b strings.Builder
	b.WriteString(`<?xml version="1.0" encoding="UTF-8"?>` + "\n" + `<ListBucketResult xmlns="http://s3.amazonaws.com/doc/2006-03-01/"><Name>example-bucket</Name><Prefix></Prefix>`)
	fmt.Fprintf(&b, "<NextContinuationToken>tok==</NextContinuationToken><KeyCount>%d</KeyCount><MaxKeys>1000</MaxKeys><IsTruncated>true</IsTruncated>", n)
	for i := 0; i < n; i++ {
		fmt.Fprintf(&b, `<Contents><Key>photos/2024/%06d/IMG_%04d.jpg</Key><LastModified>2024-05-%02dT10:11:12.000Z</LastModified><ETag>&quot;%032x&quot;</ETag><ChecksumAlgorithm>CRC64NVME</ChecksumAlgorithm><ChecksumType>FULL_OBJECT</ChecksumType><Size>%d</Size><Owner><DisplayName>owner</DisplayName><ID>75aa57f09aa0c8caeab4f8c24e99d10f8e7faeebf76c078efc7c6caea54ba06a</ID></Owner><StorageClass>STANDARD</StorageClass></Contents>`,
			i, i%10000, i%28+1, i*7919, 1000+i*37)
	}
	b.WriteString(`<CommonPrefixes><Prefix>a/</Prefix></CommonPrefixes><CommonPrefixes><Prefix>b/</Prefix></CommonPrefixes></ListBucketResult>`)
	return b.String()
}

// go test ./services/s3 -run '^$' -bench 'ListObjectsV2_1000|_1000$' -benchtime=200x
func BenchmarkUnmarshalListObjectsV2_1000(b *testing.B) {
	body := listObjectsV2Body(1000)
	op := codecOp(b, "ListObjectsV2")
	hdr := http.Header{"X-Amz-Request-Id": {"R"}, "Content-Type": {"application/xml"}}
	b.SetBytes(int64(len(body)))
	b.ReportAllocs()
	r := strings.NewReader(body)
	cpu0 := cputime.Process()
	for b.Loop() {
		r.Reset(body)
		resp := &http.Response{StatusCode: 200, Header: hdr, Body: io.NopCloser(r), ContentLength: int64(len(body))}
		var out s3.ListObjectsV2Output
		if err := restxml.UnmarshalResponse(resp, op, &out); err != nil {
			b.Fatal(err)
		}
		if len(out.Contents) != 1000 {
			b.Fatalf("got %d keys", len(out.Contents))
		}
	}
	b.ReportMetric(float64(cputime.Process()-cpu0)/float64(b.N), "cpu-ns/op")
}

func benchMarshal(b *testing.B, opName string, in any) {
	op := codecOp(b, opName)
	u, _ := url.Parse("https://bucket.s3.us-east-1.amazonaws.com")
	var n int64
	b.ReportAllocs()
	cpu0 := cputime.Process()
	for b.Loop() {
		uu := *u
		req := &http.Request{URL: &uu, Header: http.Header{}}
		if err := restxml.MarshalRequest(req, op, in, protocol.MarshalOptions{}); err != nil {
			b.Fatal(err)
		}
		n = req.ContentLength
	}
	b.ReportMetric(float64(cputime.Process()-cpu0)/float64(b.N), "cpu-ns/op")
	b.SetBytes(n)
}

func BenchmarkMarshalCompleteMultipartUpload_1000(b *testing.B) {
	parts := make([]s3.CompletedPart, 1000)
	for i := range parts {
		parts[i] = s3.CompletedPart{ETag: goto3.Ptr(fmt.Sprintf(`"%032x"`, i*7919)), PartNumber: goto3.Ptr(int32(i + 1)), ChecksumCRC32: goto3.Ptr("AAAAAA==")}
	}
	benchMarshal(b, "CompleteMultipartUpload", &s3.CompleteMultipartUploadInput{
		Bucket: "bucket", Key: "big/object.bin", UploadId: "VXBsb2FkIElEIGZvciA2aWWpbmcncyBteS1tb3ZpZS5tMnRzIHVwbG9hZA",
		MultipartUpload: &s3.CompletedMultipartUpload{Parts: parts},
	})
}

func BenchmarkMarshalPutBucketCors_1000(b *testing.B) {
	rules := make([]s3.CORSRule, 1000)
	for i := range rules {
		rules[i] = s3.CORSRule{
			ID:             goto3.Ptr(fmt.Sprintf("rule-%d", i)),
			AllowedMethods: []string{"GET", "PUT"},
			AllowedOrigins: []string{fmt.Sprintf("https://app%d.example.com", i)},
			AllowedHeaders: []string{"*"},
			ExposeHeaders:  []string{"ETag"},
			MaxAgeSeconds:  goto3.Ptr(int32(3000)),
		}
	}
	benchMarshal(b, "PutBucketCors", &s3.PutBucketCorsInput{Bucket: "bucket", CORSConfiguration: &s3.CORSConfiguration{CORSRules: rules}})
}
