package s3_test

import (
	"bytes"
	"encoding/xml"
	"io"
	"net/http"
	"net/url"
	"reflect"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"

	"github.com/goto3/goto3/protocol"
	"github.com/goto3/goto3/protocol/restxml"
	"github.com/goto3/goto3/protocol/xmlutil"
	"github.com/goto3/goto3/services/s3"
)

// payloadShape returns the shape of op's structure payload member.
func payloadShape(t testing.TB, op *protocol.Operation) *protocol.Shape {
	t.Helper()
	if op.Input == nil || op.Input.Payload < 0 {
		t.Fatalf("%s has no payload member", op.Name)
	}
	return op.Input.Members[op.Input.Payload].Shape
}

// legalXML reports whether s is UTF-8 made only of XML 1.0 characters
// (https://www.w3.org/TR/xml/#charsets). The codec, like botocore's
// ElementTree, does not refuse other strings: S3 rejects such a body as
// MalformedXML, so only legal strings must give a well-formed document.
func legalXML(s string) bool {
	if !utf8.ValidString(s) {
		return false
	}
	for _, r := range s {
		if !(r == 0x9 || r == 0xA || r == 0xD || 0x20 <= r && r <= 0xD7FF || 0xE000 <= r && r <= 0xFFFD || 0x10000 <= r && r <= 0x10FFFF) {
			return false
		}
	}
	return true
}

// wellFormed parses body with encoding/xml, a second, independent parser.
func wellFormed(body []byte) error {
	d := xml.NewDecoder(bytes.NewReader(body))
	for {
		_, err := d.Token()
		if err == io.EOF {
			return nil
		}
		if err != nil {
			return err
		}
	}
}

// fuzzTime maps n onto a timestamp that the ISO 8601 wire form can carry:
// UTC, years 1970 to 9999, whole seconds (S3's ObjectIdentifier
// LastModifiedTime is an RFC 822 date, which has no fraction).
func fuzzTime(n int64) time.Time {
	const span = 253402300800 // seconds from 1970 to 10000-01-01
	s := n % span
	if s < 0 {
		s += span
	}
	return time.Unix(s, 0).UTC()
}

// FuzzRestXMLRoundTrip builds S3 request bodies (PutBucketCors,
// PutBucketTagging, CompleteMultipartUpload, DeleteObjects,
// PutBucketLifecycleConfiguration, PutObjectRetention) from fuzz
// strings, marshals them with restxml, and decodes the XML body with
// xmlutil.Decode into the same shape: the values must come back equal, an
// empty list and a nil one counting as the same (XML has no way to tell).
func FuzzRestXMLRoundTrip(f *testing.F) {
	f.Add(uint8(0), "a", "GET\nPUT", "https://example.com\n*", int64(3000), "x-amz-meta-a\nETag")
	f.Add(uint8(1), "key<&>\"'", "value\twith\ttabs", "", int64(-1), "é\U0001F600")
	f.Add(uint8(2), "\"etag-1\"", "AAAAAA==", "crc", int64(1), "")
	f.Add(uint8(3), "dir/key with space", "]]>", "v2", int64(1732451400123), "a\nb\nc")
	f.Add(uint8(0), "", "", "", int64(0), "")
	f.Add(uint8(4), "rule-1", "Enabled", "logs/", int64(1732451400123456789), "env\nprod")
	f.Add(uint8(5), "GOVERNANCE", "", "", int64(4102444800), "xyz")
	ops := map[string]*protocol.Operation{}
	for _, n := range []string{"PutBucketCors", "PutBucketTagging", "CompleteMultipartUpload", "DeleteObjects", "PutBucketLifecycleConfiguration", "PutObjectRetention"} {
		ops[n] = fuzzOp(f, n)
	}
	f.Fuzz(func(t *testing.T, sel uint8, s1, s2, s3s string, n int64, extra string) {
		s1, s2, s3s = fuzzClip(s1), fuzzClip(s2), fuzzClip(s3s)
		ex := fuzzPieces(extra, 6)
		var (
			op      *protocol.Operation
			in      any
			payload any // what the body must decode to
		)
		switch sel % 6 {
		case 0:
			op = ops["PutBucketCors"]
			age := int32(n)
			cfg := &s3.CORSConfiguration{CORSRules: []s3.CORSRule{
				{ID: &s1, AllowedMethods: fuzzPieces(s2, 4), AllowedOrigins: fuzzPieces(s3s, 4), AllowedHeaders: ex, ExposeHeaders: ex[:len(ex)/2], MaxAgeSeconds: &age},
				{AllowedMethods: []string{s2}, AllowedOrigins: []string{s1}},
			}}
			in, payload = &s3.PutBucketCorsInput{Bucket: "b", CORSConfiguration: cfg}, cfg
		case 1:
			op = ops["PutBucketTagging"]
			tg := &s3.Tagging{TagSet: []s3.Tag{{Key: s1, Value: s2}, {Key: s3s, Value: fuzzClip(extra)}}}
			for i := 0; i+1 < len(ex); i += 2 {
				tg.TagSet = append(tg.TagSet, s3.Tag{Key: ex[i], Value: ex[i+1]})
			}
			in, payload = &s3.PutBucketTaggingInput{Bucket: "b", Tagging: tg}, tg
		case 2:
			op = ops["CompleteMultipartUpload"]
			mu := &s3.CompletedMultipartUpload{}
			for i, e := range append([]string{s1}, ex...) {
				pn := int32(n) + int32(i)
				c := s2 + e
				mu.Parts = append(mu.Parts, s3.CompletedPart{ETag: &e, PartNumber: &pn, ChecksumCRC32: &c, ChecksumSHA256: &s3s})
			}
			in, payload = &s3.CompleteMultipartUploadInput{Bucket: "b", Key: "k", UploadId: "u", MultipartUpload: mu}, mu
		case 3:
			op = ops["DeleteObjects"]
			q := n%2 == 0
			d := &s3.Delete{Quiet: &q}
			for i, k := range append([]string{s1, s2}, ex...) {
				ts := fuzzTime(n + int64(i)*86_401)
				sz := n - int64(i)
				d.Objects = append(d.Objects, s3.ObjectIdentifier{Key: k, VersionId: &s3s, LastModifiedTime: &ts, Size: &sz})
			}
			in, payload = &s3.DeleteObjectsInput{Bucket: "b", Delete: d}, d
		case 4:
			op = ops["PutBucketLifecycleConfiguration"]
			// ISO 8601 body timestamps carry microseconds (botocore's %f): the input has
			// nanoseconds, the expected value their truncation.
			at := fuzzTime(n / 1000).Add(time.Duration(n%1_000_000_000+1_000_000_000) % time.Second)
			build := func(ts time.Time) *s3.BucketLifecycleConfiguration {
				gt, days := n, int32(n)
				return &s3.BucketLifecycleConfiguration{Rules: []s3.LifecycleRule{
					{ID: &s1, Status: s3.ExpirationStatus(s2), Expiration: &s3.LifecycleExpiration{Date: &ts},
						Filter: &s3.LifecycleRuleFilter{Prefix: &s3s, Tag: &s3.Tag{Key: s1, Value: fuzzClip(extra)}}},
					{Status: s3.ExpirationStatus(s3s), Expiration: &s3.LifecycleExpiration{Days: &days},
						Filter: &s3.LifecycleRuleFilter{ObjectSizeGreaterThan: &gt}},
				}}
			}
			in = &s3.PutBucketLifecycleConfigurationInput{Bucket: "b", LifecycleConfiguration: build(at)}
			payload = build(at.Truncate(time.Microsecond))
		case 5:
			op = ops["PutObjectRetention"]
			at := fuzzTime(n).Add(time.Duration(len(extra)) * 1_234_567)
			mode := s3.ObjectLockRetentionMode(s1)
			in = &s3.PutObjectRetentionInput{Bucket: "b", Key: "k", Retention: &s3.ObjectLockRetention{Mode: &mode, RetainUntilDate: &at}}
			want := at.Truncate(time.Microsecond)
			payload = &s3.ObjectLockRetention{Mode: &mode, RetainUntilDate: &want}
		}
		u, _ := url.Parse("https://b.s3.us-east-1.amazonaws.com")
		req := &http.Request{Method: http.MethodGet, URL: u, Header: make(http.Header), Host: u.Host}
		if err := restxml.MarshalRequest(req, op, in, fuzzToken); err != nil {
			t.Logf("%s: MarshalRequest refused the input: %v", op.Name, err)
			return
		}
		body, err := io.ReadAll(req.Body)
		if err != nil {
			t.Fatal(err)
		}
		if legalXML(s1) && legalXML(s2) && legalXML(s3s) && legalXML(extra) {
			if err := wellFormed(body); err != nil {
				t.Fatalf("%s: the marshalled body is not well-formed XML for encoding/xml: %v\nbody: %q", op.Name, err, body)
			}
		}
		shape := payloadShape(t, op)
		got := reflect.New(shape.ReflectType())
		if err := xmlutil.Decode(bytes.NewReader(body), shape, got, xmlutil.DecodeOptions{}); err != nil {
			t.Fatalf("%s: xmlutil.Decode of the marshalled body: %v\nbody: %q", op.Name, err, body)
		}
		if diff := cmp.Diff(payload, got.Interface(), cmpopts.EquateEmpty()); diff != "" {
			t.Errorf("%s: decoded body differs from the input (-want +got):\n%s\nbody: %q", op.Name, diff, body)
		}
	})
}
