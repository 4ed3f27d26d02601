package s3_test

import (
	"errors"
	"io"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/goto3/goto3"
	"github.com/goto3/goto3/protocol"
	"github.com/goto3/goto3/protocol/restxml"
	"github.com/goto3/goto3/services/s3"
)

// codecOp returns the schema of an S3 operation.
func codecOp(t testing.TB, name string) *protocol.Operation {
	t.Helper()
	for _, op := range s3.OperationSchemas() {
		if op.Name == name {
			return op
		}
	}
	t.Fatalf("no S3 operation %s", name)
	return nil
}

func codecReq(t testing.TB, endpoint string) *http.Request {
	t.Helper()
	u, err := url.Parse(endpoint)
	if err != nil {
		t.Fatal(err)
	}
	return &http.Request{URL: u, Header: http.Header{}}
}

func codecURI(req *http.Request) string {
	s := req.URL.EscapedPath()
	if req.URL.RawQuery != "" {
		s += "?" + req.URL.RawQuery
	}
	return s
}

func TestMarshalS3Paths(t *testing.T) {
	tests := []struct {
		name     string
		op       string
		endpoint string
		input    any
		want     string
	}{
		{"path-style greedy key", "GetObject", "https://s3.us-east-1.amazonaws.com/my-bucket",
			&s3.GetObjectInput{Bucket: "my-bucket", Key: "photos/a b+c~d!é?.jpg"},
			"/my-bucket/photos/a%20b%2Bc~d%21%C3%A9%3F.jpg"},
		{"virtual-host greedy key keeps slashes", "GetObject", "https://my-bucket.s3.amazonaws.com",
			&s3.GetObjectInput{Bucket: "my-bucket", Key: "/leading//double/"},
			"//leading//double/"},
		{"base path ending in slash", "GetObject", "https://host/base/",
			&s3.GetObjectInput{Bucket: "b", Key: "k"}, "/base/k"},
		{"static query only, virtual host", "ListObjectsV2", "https://b.s3.amazonaws.com",
			&s3.ListObjectsV2Input{Bucket: "b"}, "/?list-type=2"},
		{"static query, path-style keeps the bare bucket path", "ListObjectsV2", "https://s3.amazonaws.com/b",
			&s3.ListObjectsV2Input{Bucket: "b", Prefix: goto3.Ptr("a/b c"), MaxKeys: goto3.Ptr(int32(10))},
			"/b?list-type=2&max-keys=10&prefix=a%2Fb%20c"},
		{"valueless static query", "GetBucketCors", "https://b.s3.amazonaws.com",
			&s3.GetBucketCorsInput{Bucket: "b"}, "/?cors"},
		{"label and query", "UploadPart", "https://b.s3.amazonaws.com",
			&s3.UploadPartInput{Bucket: "b", Key: "k", PartNumber: 3, UploadId: "u/1"},
			"/k?partNumber=3&uploadId=u%2F1"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			req := codecReq(t, tt.endpoint)
			if err := restxml.MarshalRequest(req, codecOp(t, tt.op), tt.input, protocol.MarshalOptions{}); err != nil {
				t.Fatal(err)
			}
			if got := codecURI(req); got != tt.want {
				t.Errorf("got %s, want %s", got, tt.want)
			}
			if got := req.URL.String(); !strings.HasSuffix(got, tt.want) {
				t.Errorf("URL.String() = %s, want it to end in %s", got, tt.want)
			}
		})
	}
}

func TestMarshalS3UnsetLabel(t *testing.T) {
	req := codecReq(t, "https://b.s3.amazonaws.com")
	err := restxml.MarshalRequest(req, codecOp(t, "GetObject"), &s3.GetObjectInput{Bucket: "b"}, protocol.MarshalOptions{})
	if err == nil || !strings.Contains(err.Error(), "Key") {
		t.Errorf("got %v, want an error naming the unset Key label", err)
	}
	// A nil input must not panic either.
	if err := restxml.MarshalRequest(codecReq(t, "https://h"), codecOp(t, "GetObject"), nil, protocol.MarshalOptions{}); err == nil {
		t.Errorf("nil input: got nil error, want one")
	}
}

func TestMarshalS3PutObject(t *testing.T) {
	body := strings.NewReader("hello")
	in := &s3.PutObjectInput{
		Bucket:                    "b",
		Key:                       "k",
		Body:                      body,
		ContentLength:             goto3.Ptr(int64(5)),
		ContentType:               goto3.Ptr("text/plain"),
		Metadata:                  map[string]string{"Color": "blue", "x": "1"},
		ACL:                       goto3.Ptr(s3.ObjectCannedACL("private")),
		ObjectLockRetainUntilDate: goto3.Ptr(time.Date(2030, 1, 2, 3, 4, 5, 0, time.UTC)),
	}
	req := codecReq(t, "https://b.s3.amazonaws.com")
	if err := restxml.MarshalRequest(req, codecOp(t, "PutObject"), in, protocol.MarshalOptions{}); err != nil {
		t.Fatal(err)
	}
	if req.Method != "PUT" {
		t.Errorf("method: got %s, want PUT", req.Method)
	}
	if req.ContentLength != 5 {
		t.Errorf("ContentLength: got %d, want 5", req.ContentLength)
	}
	if req.Header.Get("Content-Length") != "" {
		t.Errorf("Content-Length header: got %q, want none (req.ContentLength carries it)", req.Header.Get("Content-Length"))
	}
	want := map[string]string{
		"Content-Type":                        "text/plain",
		"X-Amz-Meta-Color":                    "blue",
		"X-Amz-Meta-X":                        "1",
		"X-Amz-Acl":                           "private",
		"X-Amz-Object-Lock-Retain-Until-Date": "2030-01-02T03:04:05Z",
	}
	for k, v := range want {
		if got := req.Header.Get(k); got != v {
			t.Errorf("header %s: got %q, want %q", k, got, v)
		}
	}
	b, _ := io.ReadAll(req.Body)
	if string(b) != "hello" {
		t.Errorf("body: got %q, want hello", b)
	}
	// Without a length member the length is unknown.
	req = codecReq(t, "https://b.s3.amazonaws.com")
	if err := restxml.MarshalRequest(req, codecOp(t, "PutObject"), &s3.PutObjectInput{Bucket: "b", Key: "k", Body: strings.NewReader("x")}, protocol.MarshalOptions{}); err != nil {
		t.Fatal(err)
	}
	if req.ContentLength != -1 {
		t.Errorf("ContentLength without member: got %d, want -1", req.ContentLength)
	}
}

func TestMarshalS3PutBucketCors(t *testing.T) {
	in := &s3.PutBucketCorsInput{Bucket: "b", CORSConfiguration: &s3.CORSConfiguration{CORSRules: []s3.CORSRule{{
		AllowedMethods: []string{"GET", "PUT"},
		AllowedOrigins: []string{"https://a.example"},
		MaxAgeSeconds:  goto3.Ptr(int32(3000)),
		ID:             goto3.Ptr("r&1"),
	}}}}
	req := codecReq(t, "https://b.s3.amazonaws.com")
	if err := restxml.MarshalRequest(req, codecOp(t, "PutBucketCors"), in, protocol.MarshalOptions{}); err != nil {
		t.Fatal(err)
	}
	b, _ := io.ReadAll(req.Body)
	want := `<CORSConfiguration xmlns="http://s3.amazonaws.com/doc/2006-03-01/"><CORSRule><ID>r&amp;1</ID><AllowedMethod>GET</AllowedMethod><AllowedMethod>PUT</AllowedMethod><AllowedOrigin>https://a.example</AllowedOrigin><MaxAgeSeconds>3000</MaxAgeSeconds></CORSRule></CORSConfiguration>`
	if string(b) != want {
		t.Errorf("body:\n got %s\nwant %s", b, want)
	}
	if got := codecURI(req); got != "/?cors" {
		t.Errorf("uri: got %s, want /?cors", got)
	}
	if req.GetBody == nil || req.ContentLength != int64(len(want)) {
		t.Errorf("got GetBody %v, ContentLength %d; want rewindable body of %d bytes", req.GetBody != nil, req.ContentLength, len(want))
	}
}

func TestMarshalS3Grantee(t *testing.T) {
	in := &s3.PutBucketAclInput{Bucket: "b", AccessControlPolicy: &s3.AccessControlPolicy{
		Grants: []s3.Grant{{Grantee: &s3.Grantee{Type: s3.Type("CanonicalUser"), ID: goto3.Ptr("id1")}, Permission: goto3.Ptr(s3.Permission("READ"))}},
	}}
	req := codecReq(t, "https://b.s3.amazonaws.com")
	if err := restxml.MarshalRequest(req, codecOp(t, "PutBucketAcl"), in, protocol.MarshalOptions{}); err != nil {
		t.Fatal(err)
	}
	b, _ := io.ReadAll(req.Body)
	want := `<AccessControlPolicy xmlns="http://s3.amazonaws.com/doc/2006-03-01/"><AccessControlList><Grant><Grantee xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xsi:type="CanonicalUser"><ID>id1</ID></Grantee><Permission>READ</Permission></Grant></AccessControlList></AccessControlPolicy>`
	if string(b) != want {
		t.Errorf("body:\n got %s\nwant %s", b, want)
	}
}

// codecResp is a response with the given status, headers and body.
func codecResp(status int, headers map[string]string, body string) *http.Response {
	h := http.Header{}
	for k, v := range headers {
		h.Set(k, v)
	}
	return &http.Response{StatusCode: status, Header: h, Body: io.NopCloser(strings.NewReader(body))}
}

func TestUnmarshalS3GetObject(t *testing.T) {
	r := codecResp(200, map[string]string{
		"Content-Length":               "11",
		"Last-Modified":                "Wed, 12 Oct 2009 17:50:00 GMT",
		"ETag":                         `"abc"`,
		"x-amz-meta-Color":             "blue",
		"X-Amz-Meta-Size":              "L",
		"x-amz-server-side-encryption": "AES256",
	}, "hello world")
	var out s3.GetObjectOutput
	if err := restxml.UnmarshalResponse(r, codecOp(t, "GetObject"), &out); err != nil {
		t.Fatal(err)
	}
	if out.Body != r.Body {
		t.Errorf("Body: got %v, want resp.Body itself", out.Body)
	}
	b, _ := io.ReadAll(out.Body)
	if string(b) != "hello world" {
		t.Errorf("body: got %q", b)
	}
	if diff := cmp.Diff(map[string]string{"color": "blue", "size": "L"}, out.Metadata); diff != "" {
		t.Errorf("Metadata (-want +got):\n%s", diff)
	}
	if out.ContentLength == nil || *out.ContentLength != 11 {
		t.Errorf("ContentLength: got %v, want 11", out.ContentLength)
	}
	if out.LastModified == nil || !out.LastModified.Equal(time.Date(2009, 10, 12, 17, 50, 0, 0, time.UTC)) {
		t.Errorf("LastModified: got %v", out.LastModified)
	}
	if out.ServerSideEncryption == nil || *out.ServerSideEncryption != "AES256" {
		t.Errorf("ServerSideEncryption: got %v", out.ServerSideEncryption)
	}
}

func TestUnmarshalS3ListObjectsV2(t *testing.T) {
	var out s3.ListObjectsV2Output
	if err := restxml.UnmarshalResponse(codecResp(200, nil, listObjectsV2Body(3)), codecOp(t, "ListObjectsV2"), &out); err != nil {
		t.Fatal(err)
	}
	if len(out.Contents) != 3 || *out.Contents[2].Key != "photos/2024/000002/IMG_0002.jpg" || *out.Contents[0].Size != 1000 {
		t.Errorf("got %+v", out.Contents)
	}
	if out.Contents[1].Owner == nil || *out.Contents[1].Owner.DisplayName != "owner" || len(out.Contents[1].ChecksumAlgorithm) != 1 {
		t.Errorf("Owner/ChecksumAlgorithm: got %+v", out.Contents[1])
	}
	if out.KeyCount == nil || *out.KeyCount != 3 || out.IsTruncated == nil || !*out.IsTruncated || *out.NextContinuationToken != "tok==" {
		t.Errorf("got KeyCount %v IsTruncated %v", out.KeyCount, out.IsTruncated)
	}
	if len(out.CommonPrefixes) != 2 || *out.CommonPrefixes[1].Prefix != "b/" {
		t.Errorf("CommonPrefixes: got %+v", out.CommonPrefixes)
	}
}

func TestUnmarshalS3Errors(t *testing.T) {
	noSuchKey := `<?xml version="1.0" encoding="UTF-8"?>
<Error><Code>NoSuchKey</Code><Message>The resource you requested does not exist</Message><Key>a/b</Key><RequestId>BODYREQ</RequestId><HostId>BODYHOST</HostId></Error>`
	tests := []struct {
		name    string
		op      string
		resp    *http.Response
		want    protocol.ResponseError
		modeled any
	}{
		{
			name:    "S3 error document, ids from headers",
			op:      "GetObject",
			resp:    codecResp(404, map[string]string{"x-amz-request-id": "HDRREQ", "x-amz-id-2": "HDRHOST"}, noSuchKey),
			want:    protocol.ResponseError{StatusCode: 404, Code: "NoSuchKey", Message: "The resource you requested does not exist", RequestID: "HDRREQ", HostID: "HDRHOST"},
			modeled: &s3.NoSuchKey{},
		},
		{
			name: "S3 error document, ids from body",
			op:   "PutObject",
			resp: codecResp(403, nil, `<Error><Code>AccessDenied</Code><Message>Access Denied</Message><RequestId>R</RequestId><HostId>H</HostId></Error>`),
			want: protocol.ResponseError{StatusCode: 403, Code: "AccessDenied", Message: "Access Denied", RequestID: "R", HostID: "H"},
			// AccessDenied is modelled (on another operation): a code
			// matches the service's errors, as botocore's
			// client.exceptions.from_code does.
			modeled: &s3.AccessDenied{},
		},
		{
			name: "wrapped ErrorResponse",
			op:   "GetObject",
			resp: codecResp(400, nil, `<ErrorResponse xmlns="x"><Error><Type>Sender</Type><Code>InvalidInput</Code><Message>bad</Message></Error><RequestId>rid</RequestId></ErrorResponse>`),
			want: protocol.ResponseError{StatusCode: 400, Code: "InvalidInput", Message: "bad", RequestID: "rid"},
		},
		{
			name:    "HEAD without body",
			op:      "HeadObject",
			resp:    codecResp(404, map[string]string{"x-amz-request-id": "R", "x-amz-id-2": "H"}, ""),
			want:    protocol.ResponseError{StatusCode: 404, Code: "404", Message: "Not Found", RequestID: "R", HostID: "H"},
			modeled: nil, // "404" is not the code of NoSuchKey
		},
		{
			name: "malformed body falls back to the status",
			op:   "GetObject",
			resp: codecResp(503, nil, `<Error><Code>SlowDown`),
			want: protocol.ResponseError{StatusCode: 503, Code: "503", Message: "Service Unavailable"},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := restxml.UnmarshalError(tt.resp, codecOp(t, tt.op))
			modeled := got.Modeled
			got.Modeled, got.Header = nil, nil
			if diff := cmp.Diff(&tt.want, got); diff != "" {
				t.Errorf("(-want +got):\n%s", diff)
			}
			if diff := cmp.Diff(tt.modeled, modeled); diff != "" {
				t.Errorf("Modeled (-want +got):\n%s", diff)
			}
		})
	}
}

func TestUnmarshalS3ErrorIn200(t *testing.T) {
	body := `<?xml version="1.0" encoding="UTF-8"?>

<Error><Code>InternalError</Code><Message>We encountered an internal error. Please try again.</Message><RequestId>656c76696e6727732072657175657374</RequestId><HostId>Uuag1LuByRx9e6j5Onimru9pO4ZVKnJ2Qz7/C1NPcfTWAtRPfTaOFg==</HostId></Error>`
	for _, op := range []string{"CompleteMultipartUpload", "CopyObject", "UploadPartCopy"} {
		t.Run(op, func(t *testing.T) {
			out := s3.NewOperationOutput(op)
			err := restxml.UnmarshalResponse(codecResp(200, nil, body), codecOp(t, op), out)
			var re *protocol.ResponseError
			if !errors.As(err, &re) {
				t.Fatalf("got %v, want a *protocol.ResponseError", err)
			}
			if re.Code != "InternalError" || re.StatusCode != 500 || re.RequestID != "656c76696e6727732072657175657374" {
				t.Errorf("got code %q status %d request id %q", re.Code, re.StatusCode, re.RequestID)
			}
		})
	}
	t.Run("truncated body", func(t *testing.T) {
		var out s3.CompleteMultipartUploadOutput
		err := restxml.UnmarshalResponse(codecResp(200, nil, `<CompleteMultipartUploadResult><Location>x`), codecOp(t, "CompleteMultipartUpload"), &out)
		var re *protocol.ResponseError
		if !errors.As(err, &re) || re.StatusCode != 500 || re.Code != "500" {
			t.Fatalf("got %v, want a 500 ResponseError", err)
		}
	})
	t.Run("success", func(t *testing.T) {
		var out s3.CompleteMultipartUploadOutput
		err := restxml.UnmarshalResponse(codecResp(200, map[string]string{"x-amz-version-id": "v1"},
			`<CompleteMultipartUploadResult xmlns="http://s3.amazonaws.com/doc/2006-03-01/"><Location>https://b.s3.amazonaws.com/k</Location><Bucket>b</Bucket><Key>k</Key><ETag>"e-2"</ETag></CompleteMultipartUploadResult>`),
			codecOp(t, "CompleteMultipartUpload"), &out)
		if err != nil {
			t.Fatal(err)
		}
		if *out.Key != "k" || *out.ETag != `"e-2"` || *out.VersionId != "v1" {
			t.Errorf("got %+v", out)
		}
	})
}

func TestUnmarshalS3GetBucketAcl(t *testing.T) {
	body := `<?xml version="1.0" encoding="UTF-8"?>
<AccessControlPolicy xmlns="http://s3.amazonaws.com/doc/2006-03-01/">
  <Owner><ID>owner-id</ID><DisplayName>me</DisplayName></Owner>
  <AccessControlList>
    <Grant>
      <Grantee xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xsi:type="CanonicalUser"><ID>owner-id</ID><DisplayName>me</DisplayName></Grantee>
      <Permission>FULL_CONTROL</Permission>
    </Grant>
    <Grant>
      <Grantee xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xsi:type="Group"><URI>http://acs.amazonaws.com/groups/global/AllUsers</URI></Grantee>
      <Permission>READ</Permission>
    </Grant>
  </AccessControlList>
</AccessControlPolicy>`
	var out s3.GetBucketAclOutput
	if err := restxml.UnmarshalResponse(codecResp(200, nil, body), codecOp(t, "GetBucketAcl"), &out); err != nil {
		t.Fatal(err)
	}
	if len(out.Grants) != 2 {
		t.Fatalf("got %d grants, want 2", len(out.Grants))
	}
	g := out.Grants[1]
	if g.Grantee == nil || g.Grantee.Type != "Group" || g.Grantee.URI == nil || *g.Grantee.URI != "http://acs.amazonaws.com/groups/global/AllUsers" || *g.Permission != "READ" {
		t.Errorf("got grant %+v, grantee %+v", g, g.Grantee)
	}
	if out.Grants[0].Grantee.Type != "CanonicalUser" || *out.Owner.ID != "owner-id" {
		t.Errorf("got grantee %+v, owner %+v", out.Grants[0].Grantee, out.Owner)
	}
}

// TestConcurrentUse decodes and encodes from several goroutines: the
// codec's shared caches (shape indexes, buffer pool) must be race-free.
func TestConcurrentUse(t *testing.T) {
	body := listObjectsV2Body(50)
	op := codecOp(t, "ListObjectsV2")
	cors := codecOp(t, "PutBucketCors")
	done := make(chan error, 8)
	for g := 0; g < 8; g++ {
		go func() {
			for i := 0; i < 20; i++ {
				var out s3.ListObjectsV2Output
				if err := restxml.UnmarshalResponse(codecResp(200, nil, body), op, &out); err != nil {
					done <- err
					return
				}
				if len(out.Contents) != 50 {
					done <- errors.New("wrong key count")
					return
				}
				req := codecReq(t, "https://b.s3.amazonaws.com")
				in := &s3.PutBucketCorsInput{Bucket: "b", CORSConfiguration: &s3.CORSConfiguration{CORSRules: []s3.CORSRule{{AllowedMethods: []string{"GET"}}}}}
				if err := restxml.MarshalRequest(req, cors, in, protocol.MarshalOptions{}); err != nil {
					done <- err
					return
				}
			}
			done <- nil
		}()
	}
	for g := 0; g < 8; g++ {
		if err := <-done; err != nil {
			t.Fatal(err)
		}
	}
}
