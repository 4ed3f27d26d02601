package s3_test

import (
	"context"
	"errors"
	"net/http"
	"slices"
	"strings"
	"testing"

	"github.com/goto3/goto3"
	"github.com/goto3/goto3/internal/testing/faultserver"
	"github.com/goto3/goto3/services/s3"
)

// The customizations change copies of the inputs, never the caller's: a
// retried or repeated call with the same input sends the same request.
func TestCustomizedInputsUnchanged(t *testing.T) {
	var seen []http.Header
	var queries []string
	c := scriptedClient(t, func(r *http.Request) (*http.Response, error) {
		seen = append(seen, r.Header.Clone())
		queries = append(queries, r.URL.RawQuery)
		return &http.Response{StatusCode: 200, Header: http.Header{}, Body: http.NoBody, Request: r}, nil
	})
	ctx := context.Background()
	key := "0123456789abcdef0123456789abcdef"
	cp := &s3.CopyObjectInput{Bucket: "b", Key: "k", CopySource: "src/a b", SSECustomerKey: goto3.Ptr(key), CopySourceSSECustomerKey: goto3.Ptr(key)}
	lo := &s3.ListObjectsV2Input{Bucket: "b"}
	for range 2 {
		if _, err := c.CopyObject(ctx, cp); err != nil {
			t.Fatal(err)
		}
		if _, err := c.ListObjectsV2(ctx, lo); err != nil {
			t.Fatal(err)
		}
	}
	if cp.CopySource != "src/a b" || *cp.SSECustomerKey != key || cp.SSECustomerKeyMD5 != nil || cp.CopySourceSSECustomerKeyMD5 != nil || lo.EncodingType != nil {
		t.Errorf("inputs changed: %+v, %+v", cp, lo)
	}
	if got := seen[2].Get("X-Amz-Copy-Source"); got != "src/a%20b" || seen[2].Get("X-Amz-Server-Side-Encryption-Customer-Key") != seen[0].Get("X-Amz-Server-Side-Encryption-Customer-Key") {
		t.Errorf("second copy sent %q", got)
	}
	if queries[1] != queries[3] || !strings.Contains(queries[3], "encoding-type=url") {
		t.Errorf("list queries %q", queries)
	}
}

// Metadata that is not ASCII is refused before any request (S3-8).
func TestMetadataASCII(t *testing.T) {
	var n int
	c := scriptedClient(t, func(r *http.Request) (*http.Response, error) {
		n++
		return &http.Response{StatusCode: 200, Header: http.Header{}, Body: http.NoBody, Request: r}, nil
	})
	_, err := c.PutObject(context.Background(), &s3.PutObjectInput{Bucket: "b", Key: "k", Metadata: map[string]string{"b": "ok", "z": "\u00e9", "a": "caf\u00e9"}})
	var ve *goto3.ValidationError
	if !errors.As(err, &ve) || ve.Member != "Metadata" || !strings.Contains(ve.Reason, `key "a", value "café"`) || n != 0 {
		t.Errorf("got %v after %d requests, want a validation error naming key a", err, n)
	}
	if _, err := s3.NewPresignClient(c).PresignPutObject(context.Background(), &s3.PutObjectInput{Bucket: "b", Key: "k", Metadata: map[string]string{"k": "日本"}}); !errors.As(err, &ve) {
		t.Errorf("presign: got %v", err)
	}
}

// The List* answers are decoded (S3-5) against a server that encodes
// them, through the paginators: every key comes back as it was stored,
// and the pages continue from decoded keys.
func TestListEncodingFaultServer(t *testing.T) {
	clock := newFakeClock()
	srv := faultserver.Start(t, faultserver.Options{Now: clock.Now, Buckets: []string{"bkt"}})
	keys := []string{"a b", "a+b", "a%2Bb", "dir/é x/1", "dir/é x/2", "q?x#y", "100%", "tab\tkey", "z"}
	for _, k := range keys {
		srv.PutObject("bkt", k, []byte("x"))
	}
	c := faultS3Client(t, srv, clock)
	var got []string
	p := c.ListObjectsV2Paginator(&s3.ListObjectsV2Input{Bucket: "bkt", MaxKeys: goto3.Ptr(int32(2))})
	for o, err := range p.Items(context.Background()) {
		if err != nil {
			t.Fatal(err)
		}
		got = append(got, *o.Key)
	}
	want := slices.Clone(keys)
	slices.Sort(want)
	if !slices.Equal(got, want) {
		t.Errorf("got %q\nwant %q", got, want)
	}
	out, err := c.ListObjectsV2(context.Background(), &s3.ListObjectsV2Input{Bucket: "bkt", Prefix: goto3.Ptr("dir/"), Delimiter: goto3.Ptr(" ")})
	if err != nil {
		t.Fatal(err)
	}
	if len(out.CommonPrefixes) != 1 || *out.CommonPrefixes[0].Prefix != "dir/é " || *out.Delimiter != " " || *out.Prefix != "dir/" {
		t.Errorf("got prefixes %v, delimiter %q, prefix %q", out.CommonPrefixes, *out.Delimiter, *out.Prefix)
	}
	// A caller who asks for the encoding gets the keys encoded.
	out, err = c.ListObjectsV2(context.Background(), &s3.ListObjectsV2Input{Bucket: "bkt", Prefix: goto3.Ptr("a"), EncodingType: goto3.Ptr(s3.EncodingTypeUrl)})
	if err != nil {
		t.Fatal(err)
	}
	var encoded []string
	for _, o := range out.Contents {
		encoded = append(encoded, *o.Key)
	}
	if want := []string{"a+b", "a%252Bb", "a%2Bb"}; !slices.Equal(encoded, want) {
		t.Errorf("got %q, want S3's encoding %q", encoded, want)
	}
	checkVerified(t, srv)
}
