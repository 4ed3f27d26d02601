package s3_test

import (
	"bytes"
	"io"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/goto3/goto3/protocol"
	"github.com/goto3/goto3/protocol/restxml"
	"github.com/goto3/goto3/services/s3"
)

// codecFuzzResp is a response with a request id and a metadata header.
func codecFuzzResp(status int, body []byte) *http.Response {
	return &http.Response{
		StatusCode: status,
		Header:     http.Header{"X-Amz-Request-Id": {"R"}, "X-Amz-Meta-A": {"b"}},
		Body:       io.NopCloser(bytes.NewReader(body)),
	}
}

// FuzzUnmarshalListObjectsV2 feeds arbitrary bytes to the decoder of S3's
// ListObjectsV2Output: it must never panic.
func FuzzUnmarshalListObjectsV2(f *testing.F) {
	f.Add([]byte(listObjectsV2Body(2)))
	f.Add([]byte(`<ListBucketResult><Contents><Key>&#x10FFFF;</Key><Size>-1</Size><LastModified>1e9</LastModified></Contents></ListBucketResult>`))
	f.Add([]byte(`<Error><Code>InternalError</Code></Error>`))
	op := codecOp(f, "ListObjectsV2")
	f.Fuzz(func(t *testing.T, data []byte) {
		var out s3.ListObjectsV2Output
		_ = restxml.UnmarshalResponse(codecFuzzResp(200, data), op, &out)
	})
}

// FuzzUnmarshalGetBucketCors does the same for GetBucketCorsOutput.
func FuzzUnmarshalGetBucketCors(f *testing.F) {
	f.Add([]byte(`<CORSConfiguration><CORSRule><ID>a</ID><AllowedMethod>GET</AllowedMethod><AllowedOrigin>*</AllowedOrigin><MaxAgeSeconds>10</MaxAgeSeconds></CORSRule></CORSConfiguration>`))
	f.Add([]byte(`<?xml version="1.0"?><!DOCTYPE x><CORSConfiguration xmlns="http://s3.amazonaws.com/doc/2006-03-01/"><CORSRule><![CDATA[x]]><ExposeHeader/></CORSRule></CORSConfiguration>`))
	op := codecOp(f, "GetBucketCors")
	f.Fuzz(func(t *testing.T, data []byte) {
		var out s3.GetBucketCorsOutput
		_ = restxml.UnmarshalResponse(codecFuzzResp(200, data), op, &out)
	})
}

// FuzzUnmarshalError feeds arbitrary error documents; the result must
// always carry a code.
func FuzzUnmarshalError(f *testing.F) {
	f.Add([]byte(`<Error><Code>NoSuchKey</Code><Message>m</Message><RequestId>r</RequestId><HostId>h</HostId></Error>`), 404)
	f.Add([]byte(`<ErrorResponse><Error><Code>X</Code></Error><RequestId>r</RequestId></ErrorResponse>`), 400)
	f.Add([]byte(``), 403)
	op := codecOp(f, "GetObject")
	f.Fuzz(func(t *testing.T, data []byte, status int) {
		if status < 300 || status > 599 {
			status = 400
		}
		re := restxml.UnmarshalError(codecFuzzResp(status, data), op)
		if re == nil || re.Code == "" {
			t.Fatalf("got %+v, want an error with a code", re)
		}
	})
}

// FuzzMarshalKey checks that any object key survives URI encoding: the
// request path decodes back to "/" + key and the escaped form is kept.
func FuzzMarshalKey(f *testing.F) {
	for _, k := range []string{"a", "a b/c", "%2F", "é/../~!*'()", "//", "?#[]"} {
		f.Add(k)
	}
	op := codecOp(f, "GetObject")
	f.Fuzz(func(t *testing.T, key string) {
		if key == "" {
			return
		}
		u, _ := url.Parse("https://b.s3.amazonaws.com")
		req := &http.Request{URL: u, Header: http.Header{}}
		if err := restxml.MarshalRequest(req, op, &s3.GetObjectInput{Bucket: "b", Key: key}, protocol.MarshalOptions{}); err != nil {
			t.Fatal(err)
		}
		if req.URL.Path != "/"+key {
			t.Errorf("Path: got %q, want %q", req.URL.Path, "/"+key)
		}
		if got, want := req.URL.EscapedPath(), "/"+restxml.EscapePath(key, true); got != want {
			t.Errorf("EscapedPath: got %q, want %q", got, want)
		}
		if strings.ContainsAny(req.URL.EscapedPath(), " ?#") {
			t.Errorf("EscapedPath %q has unescaped characters", req.URL.EscapedPath())
		}
	})
}
