package resource_test

import (
	"context"
	"fmt"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
)

// listPage is a ListObjectsV2 answer of n keys, not truncated.
func listPage(n int) string {
	var b strings.Builder
	b.WriteString(`<?xml version="1.0" encoding="UTF-8"?><ListBucketResult><Name>b</Name><IsTruncated>false</IsTruncated>`)
	for i := range n {
		fmt.Fprintf(&b, `<Contents><Key>logs/2026/11/24/%06d.log</Key><LastModified>2026-11-24T12:00:00.000Z</LastModified>`+
			`<ETag>"0123456789abcdef0123456789abcdef"</ETag><Size>%d</Size><StorageClass>STANDARD</StorageClass></Contents>`, i, 1000+i)
	}
	b.WriteString(`</ListBucketResult>`)
	return b.String()
}

// BenchmarkObjectCollectionAll lists a 1000-key page through the
// collection: the resource layer's cost over the client's (decoding).
func BenchmarkObjectCollectionAll(b *testing.B) {
	page := listPage(1000)
	ts := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/xml")
		w.Write([]byte(page))
	}))
	defer ts.Close()
	svc := serviceAt(b, ts.URL, "us-east-1", "AKID", "SECRET")
	ctx := context.Background()
	c := svc.Bucket("b").Objects()
	b.SetBytes(int64(len(page)))
	b.ReportAllocs()
	for b.Loop() {
		n := 0
		for _, err := range c.All(ctx) {
			if err != nil {
				b.Fatal(err)
			}
			n++
		}
		if n != 1000 {
			b.Fatalf("got %d keys, want 1000", n)
		}
	}
}
