package s3_test

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/goto3/goto3"
	"github.com/goto3/goto3/credentials"
	"github.com/goto3/goto3/internal/pipeline"
	"github.com/goto3/goto3/internal/testing/cputime"
	"github.com/goto3/goto3/retry"
	"github.com/goto3/goto3/services/s3"
)

// memTransport answers every request in memory with a fixed response.
type memTransport struct {
	status int
	header http.Header
	body   []byte
}

func (m *memTransport) RoundTrip(req *http.Request) (*http.Response, error) {
	if req.Body != nil {
		io.Copy(io.Discard, req.Body)
		req.Body.Close()
	}
	var body io.ReadCloser = http.NoBody
	if len(m.body) > 0 {
		body = io.NopCloser(bytes.NewReader(m.body))
	}
	return &http.Response{StatusCode: m.status, Header: m.header, Body: body, ContentLength: int64(len(m.body)), Request: req}, nil
}

func benchClient(b *testing.B, rt http.RoundTripper, optFns ...func(*s3.Options)) *pipeline.Client {
	b.Helper()
	now := func() time.Time { return time.Date(2026, 11, 24, 12, 0, 0, 0, time.UTC) }
	r, err := retry.New(retry.Options{Now: now})
	if err != nil {
		b.Fatal(err)
	}
	cfg := goto3.Config{
		Region:      "us-west-2",
		Credentials: credentials.NewStatic("AKIDEXAMPLE", "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY", ""),
	}
	c, err := s3.New(cfg, func(o *s3.Options) {
		o.HTTPClient = &http.Client{Transport: rt}
		o.Retryer = r
		o.Now = now
		for _, f := range optFns {
			f(o)
		}
	})
	if err != nil {
		b.Fatal(err)
	}
	return s3.Core(c)
}

func BenchmarkHeadObject(b *testing.B) {
	h := http.Header{}
	h.Set("X-Amz-Request-Id", "4442587FB7D0A2F9")
	h.Set("X-Amz-Id-2", "vlR7PnpV2Ce81l0PRw6jlUpck7Jo5ZsQjryTjKlc5aLWGVHPZLj5NeC6qMa0emYBDXOo6QBU0Wo=")
	h.Set("Etag", `"fba9dede5f27731c9771645a39863328"`)
	h.Set("Last-Modified", "Tue, 24 Nov 2026 10:00:00 GMT")
	h.Set("Content-Length", "434234")
	h.Set("Content-Type", "text/plain")
	h.Set("Accept-Ranges", "bytes")
	h.Set("X-Amz-Server-Side-Encryption", "AES256")
	c := benchClient(b, &memTransport{status: 200, header: h})
	op := s3op(b, "HeadObject")
	ctx := context.Background()
	in := &s3.HeadObjectInput{Bucket: "amzn-s3-demo-bucket", Key: "photos/2026/cat.jpg"}
	b.ReportAllocs()
	cpu0 := cputime.Process()
	for b.Loop() {
		out := &s3.HeadObjectOutput{}
		if err := c.Invoke(ctx, op, in, out, &out.ResultMetadata); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(cputime.Process()-cpu0)/float64(b.N), "cpu-ns/op")
}

func listBody(n int) []byte {
	var sb strings.Builder
	sb.WriteString(`<?xml version="1.0" encoding="UTF-8"?>` + "\n")
	sb.WriteString(`<ListBucketResult xmlns="http://s3.amazonaws.com/doc/2006-03-01/"><Name>amzn-s3-demo-bucket</Name><Prefix></Prefix><KeyCount>1000</KeyCount><MaxKeys>1000</MaxKeys><IsTruncated>true</IsTruncated><NextContinuationToken>1ueGcxLPRx1Tr/XYExHnhbYLgveDs2J/wm36Hy4vbOwM=</NextContinuationToken>`)
	for i := range n {
		fmt.Fprintf(&sb, `<Contents><Key>photos/2026/%06d.jpg</Key><LastModified>2026-11-24T10:00:00.000Z</LastModified><ETag>&quot;fba9dede5f27731c9771645a39863328&quot;</ETag><ChecksumAlgorithm>CRC64NVME</ChecksumAlgorithm><ChecksumType>FULL_OBJECT</ChecksumType><Size>434234</Size><StorageClass>STANDARD</StorageClass></Contents>`, i)
	}
	sb.WriteString(`</ListBucketResult>`)
	return []byte(sb.String())
}

func BenchmarkListObjectsV2(b *testing.B) {
	body := listBody(1000)
	h := http.Header{}
	h.Set("X-Amz-Request-Id", "4442587FB7D0A2F9")
	h.Set("Content-Type", "application/xml")
	c := benchClient(b, &memTransport{status: 200, header: h, body: body})
	op := s3op(b, "ListObjectsV2")
	ctx := context.Background()
	in := &s3.ListObjectsV2Input{Bucket: "amzn-s3-demo-bucket"}
	b.ReportAllocs()
	b.SetBytes(int64(len(body)))
	cpu0 := cputime.Process()
	for b.Loop() {
		out := &s3.ListObjectsV2Output{}
		if err := c.Invoke(ctx, op, in, out, &out.ResultMetadata); err != nil {
			b.Fatal(err)
		}
		if len(out.Contents) != 1000 {
			b.Fatalf("got %d keys", len(out.Contents))
		}
	}
	b.ReportMetric(float64(cputime.Process()-cpu0)/float64(b.N), "cpu-ns/op")
}

// BenchmarkPutObject sends a 1 MiB body through an in-memory transport:
// seekable (hashed in one pass, then read again by the transport) or a
// plain reader (aws-chunked), over https (CRC32 only, UNSIGNED-PAYLOAD or
// the unsigned trailer) or http (SHA-256 payload hash or signed chunks).
func BenchmarkPutObject(b *testing.B) {
	for _, tc := range []struct {
		name     string
		seekable bool
		endpoint string
	}{
		{"https/seekable", true, ""},
		{"https/chunked", false, ""},
		{"http/seekable", true, "http://s3.local"},
		{"http/chunked", false, "http://s3.local"},
	} {
		b.Run(tc.name, func(b *testing.B) {
			data := bytes.Repeat([]byte("0123456789abcdef"), 1<<16)
			h := http.Header{}
			h.Set("X-Amz-Request-Id", "4442587FB7D0A2F9")
			h.Set("Etag", `"fba9dede5f27731c9771645a39863328"`)
			c := benchClient(b, &memTransport{status: 200, header: h}, func(o *s3.Options) { o.EndpointURL = tc.endpoint })
			op := s3op(b, "PutObject")
			ctx := context.Background()
			n := int64(len(data))
			b.ReportAllocs()
			b.SetBytes(n)
			cpu0 := cputime.Process()
			for b.Loop() {
				var body io.Reader = bytes.NewReader(data)
				if !tc.seekable {
					body = &onlyReader{body}
				}
				out := &s3.PutObjectOutput{}
				if err := c.Invoke(ctx, op, &s3.PutObjectInput{Bucket: "amzn-s3-demo-bucket", Key: "k", Body: body, ContentLength: &n}, out, &out.ResultMetadata); err != nil {
					b.Fatal(err)
				}
			}
			b.ReportMetric(float64(cputime.Process()-cpu0)/float64(b.N), "cpu-ns/op")
		})
	}
}
