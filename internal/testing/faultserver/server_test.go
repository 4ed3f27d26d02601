package faultserver_test

import (
	"bytes"
	"crypto/md5"
	"crypto/sha256"
	"encoding/base64"
	"encoding/binary"
	"encoding/hex"
	"encoding/xml"
	"errors"
	"fmt"
	"hash/crc32"
	"hash/crc64"
	"io"
	"net/http"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/goto3/goto3/internal/testing/faultserver"
	"github.com/goto3/goto3/sigv4"
)

// clock is a fixed fake time shared by client and server.
var clock = time.Date(2026, 11, 24, 12, 0, 0, 0, time.UTC)

func start(t *testing.T, o faultserver.Options) *faultserver.Server {
	t.Helper()
	if o.Now == nil {
		o.Now = func() time.Time { return clock }
	}
	o.Buckets = append(o.Buckets, "bkt")
	return faultserver.Start(t, o)
}

type response struct {
	status int
	header http.Header
	body   []byte
	err    error // a transport or body read error
}

// send signs (unless secret is "-") and sends one request.
func send(t *testing.T, s *faultserver.Server, method, path string, body []byte, hdr map[string]string, secret string) response {
	t.Helper()
	req, err := http.NewRequest(method, s.URL+path, bytes.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	for k, v := range hdr {
		req.Header.Set(k, v)
	}
	if secret != "-" {
		creds := s.Credentials()
		if secret != "" {
			creds.SecretAccessKey = secret
		}
		sum := sha256hex(body)
		if err := sigv4.NewSigner(sigv4.S3Options).SignHTTP(req, creds, sigv4.Params{Service: "s3", Region: s.Region(), Time: clock, PayloadHash: sum}); err != nil {
			t.Fatal(err)
		}
	}
	return do(req)
}

func do(req *http.Request) response {
	client := &http.Client{Transport: &http.Transport{DisableKeepAlives: true}, Timeout: 20 * time.Second}
	resp, err := client.Do(req)
	if err != nil {
		return response{err: err}
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	return response{status: resp.StatusCode, header: resp.Header, body: b, err: err}
}

func sha256hex(b []byte) string {
	sum := sha256.Sum256(b)
	return hex.EncodeToString(sum[:])
}

type s3err struct {
	Code      string
	Message   string
	RequestID string `xml:"RequestId"`
	HostID    string `xml:"HostId"`
}

func parseErr(t *testing.T, r response) s3err {
	t.Helper()
	var e s3err
	if err := xml.Unmarshal(r.body, &e); err != nil {
		t.Fatalf("error body %q: %v", r.body, err)
	}
	if e.RequestID == "" || e.RequestID != r.header.Get("X-Amz-Request-Id") || e.HostID == "" || e.HostID != r.header.Get("X-Amz-Id-2") {
		t.Errorf("got RequestId %q HostId %q with headers %q %q, want them set and equal", e.RequestID, e.HostID, r.header.Get("X-Amz-Request-Id"), r.header.Get("X-Amz-Id-2"))
	}
	return e
}

func TestObjectLifecycle(t *testing.T) {
	s := start(t, faultserver.Options{})
	data := []byte("0123456789abcdef")
	r := send(t, s, "PUT", "/bkt/dir/a%20b+c", data, map[string]string{"Content-Type": "text/plain", "X-Amz-Meta-Color": "blue"}, "")
	if r.err != nil || r.status != 200 {
		t.Fatalf("PutObject: got %d %v %s, want 200", r.status, r.err, r.body)
	}
	wantETag := fmt.Sprintf(`"%x"`, md5.Sum(data))
	if got := r.header.Get("ETag"); got != wantETag {
		t.Errorf("ETag: got %s, want %s", got, wantETag)
	}
	info, ok := s.Object("bkt", "dir/a b+c")
	if !ok || !bytes.Equal(info.Data, data) || info.ContentType != "text/plain" || info.Metadata["color"] != "blue" {
		t.Fatalf("stored: got %+v %v, want the data with its type and metadata", info, ok)
	}

	for _, tc := range []struct {
		name, rng  string
		wantStatus int
		wantBody   string
		wantRange  string
	}{
		{"whole", "", 200, string(data), ""},
		{"first", "bytes=0-3", 206, "0123", "bytes 0-3/16"},
		{"open", "bytes=10-", 206, "abcdef", "bytes 10-15/16"},
		{"suffix", "bytes=-2", 206, "ef", "bytes 14-15/16"},
		{"past end clipped", "bytes=14-99", 206, "ef", "bytes 14-15/16"},
		{"unsatisfiable", "bytes=16-", 416, "", "bytes */16"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			h := map[string]string{}
			if tc.rng != "" {
				h["Range"] = tc.rng
			}
			r := send(t, s, "GET", "/bkt/dir/a%20b+c", nil, h, "")
			if r.status != tc.wantStatus || r.header.Get("Content-Range") != tc.wantRange {
				t.Fatalf("got %d %q, want %d %q", r.status, r.header.Get("Content-Range"), tc.wantStatus, tc.wantRange)
			}
			if tc.wantStatus < 300 && string(r.body) != tc.wantBody {
				t.Errorf("body: got %q, want %q", r.body, tc.wantBody)
			}
			if tc.wantStatus == 416 {
				if e := parseErr(t, r); e.Code != "InvalidRange" {
					t.Errorf("code: got %s, want InvalidRange", e.Code)
				}
			}
		})
	}

	if r := send(t, s, "GET", "/bkt/dir/a%20b+c", nil, map[string]string{"If-Match": `"other"`}, ""); r.status != 412 || parseErr(t, r).Code != "PreconditionFailed" {
		t.Errorf("If-Match mismatch: got %d %s, want 412 PreconditionFailed", r.status, r.body)
	}
	if r := send(t, s, "GET", "/bkt/dir/a%20b+c", nil, map[string]string{"If-Match": wantETag}, ""); r.status != 200 {
		t.Errorf("If-Match match: got %d, want 200", r.status)
	}
	if r := send(t, s, "HEAD", "/bkt/dir/a%20b+c", nil, nil, ""); r.status != 200 || r.header.Get("Content-Length") != "16" || len(r.body) != 0 || r.header.Get("X-Amz-Meta-Color") != "blue" {
		t.Errorf("HeadObject: got %d %v, want 200 with length 16 and metadata", r.status, r.header)
	}
	if r := send(t, s, "DELETE", "/bkt/dir/a%20b+c", nil, nil, ""); r.status != 204 {
		t.Errorf("DeleteObject: got %d, want 204", r.status)
	}
	r = send(t, s, "GET", "/bkt/dir/a%20b+c", nil, nil, "")
	if r.status != 404 || parseErr(t, r).Code != "NoSuchKey" {
		t.Errorf("GetObject after delete: got %d %s, want 404 NoSuchKey", r.status, r.body)
	}
	r = send(t, s, "GET", "/nobucket/k", nil, nil, "")
	if r.status != 404 || parseErr(t, r).Code != "NoSuchBucket" {
		t.Errorf("GetObject in a missing bucket: got %d %s, want 404 NoSuchBucket", r.status, r.body)
	}

	var ops []string
	for _, rec := range s.Requests() {
		ops = append(ops, rec.Op)
	}
	want := []string{"PutObject", "GetObject", "GetObject", "GetObject", "GetObject", "GetObject", "GetObject", "GetObject", "GetObject", "HeadObject", "DeleteObject", "GetObject", "GetObject"}
	if d := cmp.Diff(want, ops); d != "" {
		t.Errorf("recorded ops (-want +got):\n%s", d)
	}
	first := s.Requests()[0]
	if first.Seq != 1 || first.Key != "dir/a b+c" || first.BodyLen != 16 || first.BodySHA256 != sha256hex(data) || !first.Time.Equal(clock) || first.RequestID == "" {
		t.Errorf("first record: got %+v", first)
	}
}

func TestSignatureChecks(t *testing.T) {
	s := start(t, faultserver.Options{})
	for _, tc := range []struct {
		name       string
		secret     string
		hdr        map[string]string
		wantStatus int
		wantCode   string
	}{
		{"wrong secret", "not-the-secret", nil, 403, "SignatureDoesNotMatch"},
		{"unsigned", "-", nil, 403, "AccessDenied"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			r := send(t, s, "PUT", "/bkt/k", []byte("x"), tc.hdr, tc.secret)
			if r.status != tc.wantStatus {
				t.Fatalf("got %d %s, want %d", r.status, r.body, tc.wantStatus)
			}
			if e := parseErr(t, r); e.Code != tc.wantCode {
				t.Errorf("code: got %s, want %s", e.Code, tc.wantCode)
			}
			if strings.Contains(string(r.body), s.Credentials().SecretAccessKey) {
				t.Error("got the secret in the error body")
			}
		})
	}
	t.Run("body does not match the signed hash", func(t *testing.T) {
		req, _ := http.NewRequest("PUT", s.URL+"/bkt/k", strings.NewReader("tampered"))
		if err := s.Sign(req, []byte("original"), clock); err != nil {
			t.Fatal(err)
		}
		r := do(req)
		if r.status != 400 || parseErr(t, r).Code != "XAmzContentSHA256Mismatch" {
			t.Errorf("got %d %s, want 400 XAmzContentSHA256Mismatch", r.status, r.body)
		}
	})
	t.Run("x-amz header added after signing", func(t *testing.T) {
		for _, allow := range []bool{false, true} {
			s := start(t, faultserver.Options{AllowUnsignedAmzHeaders: allow})
			req := mustReq(t, "PUT", s.URL+"/bkt/k", strings.NewReader("x"))
			if err := s.Sign(req, []byte("x"), clock); err != nil {
				t.Fatal(err)
			}
			req.Header.Set("X-Amz-Meta-Late", "1")
			r := do(req)
			want := 403
			if allow {
				want = 200
			}
			if r.status != want {
				t.Errorf("AllowUnsignedAmzHeaders=%v: got %d %s, want %d", allow, r.status, r.body, want)
			}
		}
	})
	t.Run("virtual-hosted", func(t *testing.T) {
		req := mustReq(t, "PUT", s.URL+"/vkey", strings.NewReader("v"))
		req.Host = "bkt.localhost"
		if err := s.Sign(req, []byte("v"), clock); err != nil {
			t.Fatal(err)
		}
		if r := do(req); r.status != 200 {
			t.Fatalf("got %d %s, want 200", r.status, r.body)
		}
		if info, ok := s.Object("bkt", "vkey"); !ok || string(info.Data) != "v" {
			t.Errorf("got %q %v, want the object stored in bkt", info.Data, ok)
		}
	})
	t.Run("server clock skewed", func(t *testing.T) {
		skewed := start(t, faultserver.Options{Now: func() time.Time { return clock.Add(time.Hour) }})
		r := send(t, skewed, "GET", "/bkt/k", nil, nil, "")
		if r.status != 403 || parseErr(t, r).Code != "RequestTimeTooSkewed" {
			t.Fatalf("got %d %s, want 403 RequestTimeTooSkewed", r.status, r.body)
		}
		if got, want := r.header.Get("Date"), clock.Add(time.Hour).Format(http.TimeFormat); got != want {
			t.Errorf("Date: got %q, want %q", got, want)
		}
	})
	t.Run("skewed time fault moves the server clock", func(t *testing.T) {
		s := start(t, faultserver.Options{Faults: []faultserver.Fault{{Times: 1, Action: faultserver.SkewedTime(time.Hour)}}})
		s.PutObject("bkt", "k", []byte("k"))
		get := func(at time.Time) response {
			req := mustReq(t, "GET", s.URL+"/bkt/k", nil)
			if err := s.Sign(req, nil, at); err != nil {
				t.Fatal(err)
			}
			return do(req)
		}
		r := get(clock)
		if r.status != 403 || parseErr(t, r).Code != "RequestTimeTooSkewed" {
			t.Fatalf("first: got %d %s, want 403 RequestTimeTooSkewed", r.status, r.body)
		}
		serverTime, err := http.ParseTime(r.header.Get("Date"))
		if err != nil || !serverTime.Equal(clock.Add(time.Hour)) || s.ClockOffset() != time.Hour {
			t.Fatalf("Date %q offset %v, want clock+1h", r.header.Get("Date"), s.ClockOffset())
		}
		if r := get(clock); r.status != 403 {
			t.Errorf("uncorrected retry: got %d, want 403 (genuinely skewed now)", r.status)
		}
		if r := get(serverTime); r.status != 200 {
			t.Errorf("retry signed at the server's time: got %d %s, want 200", r.status, r.body)
		}
	})
	t.Run("presigned GET", func(t *testing.T) {
		s.PutObject("bkt", "pre", []byte("presigned body"))
		req, _ := http.NewRequest("GET", s.URL+"/bkt/pre", nil)
		u, _, err := sigv4.NewSigner(sigv4.S3Options).PresignHTTP(req, s.Credentials(), sigv4.Params{Service: "s3", Region: s.Region(), Time: clock, PayloadHash: sigv4.UnsignedPayload}, time.Hour)
		if err != nil {
			t.Fatal(err)
		}
		r := do(mustReq(t, "GET", u, nil))
		if r.status != 200 || string(r.body) != "presigned body" {
			t.Errorf("got %d %q, want 200 with the object", r.status, r.body)
		}
		r = do(mustReq(t, "GET", strings.Replace(u, "X-Amz-Signature=", "X-Amz-Signature=0", 1), nil))
		if r.status != 403 && r.status != 400 {
			t.Errorf("tampered presigned URL: got %d, want a 4xx rejection", r.status)
		}
	})
}

func mustReq(t *testing.T, method, url string, body io.Reader) *http.Request {
	t.Helper()
	req, err := http.NewRequest(method, url, body)
	if err != nil {
		t.Fatal(err)
	}
	return req
}

func TestChunkedUploads(t *testing.T) {
	s := start(t, faultserver.Options{})
	data := bytes.Repeat([]byte("aws-chunked body "), 10000) // 170,000 bytes: 3 chunks of 64 KiB
	crc := crc32.NewIEEE()
	crc.Write(data)
	wantCRC := base64.StdEncoding.EncodeToString(crc.Sum(nil))
	for _, tc := range []struct {
		name string
		co   func() sigv4.ChunkedOptions
	}{
		{"signed", func() sigv4.ChunkedOptions { return sigv4.ChunkedOptions{} }},
		{"signed trailer", func() sigv4.ChunkedOptions {
			return sigv4.ChunkedOptions{TrailerHeader: "x-amz-checksum-crc32", Checksum: crc32.NewIEEE()}
		}},
		{"unsigned trailer", func() sigv4.ChunkedOptions {
			return sigv4.ChunkedOptions{Unsigned: true, TrailerHeader: "x-amz-checksum-crc32", Checksum: crc32.NewIEEE()}
		}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			key := strings.ReplaceAll(tc.name, " ", "-")
			req := mustReq(t, "PUT", s.URL+"/bkt/"+key, nil)
			co := tc.co()
			body, err := sigv4.NewSigner(sigv4.S3Options).SignChunked(req, s.Credentials(), sigv4.Params{Service: "s3", Region: s.Region(), Time: clock}, bytes.NewReader(data), int64(len(data)), co)
			if err != nil {
				t.Fatal(err)
			}
			req.Body = io.NopCloser(body)
			r := do(req)
			if r.err != nil || r.status != 200 {
				t.Fatalf("got %d %v %s, want 200", r.status, r.err, r.body)
			}
			info, _ := s.Object("bkt", key)
			if !bytes.Equal(info.Data, data) {
				t.Fatalf("stored %d bytes, want the %d decoded bytes", len(info.Data), len(data))
			}
			if co.TrailerHeader != "" && (info.ChecksumAlgorithm != "CRC32" || info.Checksum != wantCRC) {
				t.Errorf("checksum: got %s %s, want CRC32 %s", info.ChecksumAlgorithm, info.Checksum, wantCRC)
			}
			rec := s.RequestsFor(faultserver.OpPutObject)
			if last := rec[len(rec)-1]; last.BodyLen != int64(len(data)) || last.BodySHA256 != sha256hex(data) {
				t.Errorf("record: got %d bytes %s, want the decoded body", last.BodyLen, last.BodySHA256)
			}
		})
	}
	t.Run("tampered chunk", func(t *testing.T) {
		req := mustReq(t, "PUT", s.URL+"/bkt/tampered", nil)
		body, err := sigv4.NewSigner(sigv4.S3Options).SignChunked(req, s.Credentials(), sigv4.Params{Service: "s3", Region: s.Region(), Time: clock}, bytes.NewReader(data), int64(len(data)), sigv4.ChunkedOptions{})
		if err != nil {
			t.Fatal(err)
		}
		enc, _ := io.ReadAll(body)
		i := bytes.Index(enc, []byte("aws-chunked body"))
		enc[i+70000] ^= 1 // a byte of the second chunk
		req.Body = io.NopCloser(bytes.NewReader(enc))
		r := do(req)
		if r.status != 403 || parseErr(t, r).Code != "SignatureDoesNotMatch" {
			t.Errorf("got %d %s, want 403 SignatureDoesNotMatch", r.status, r.body)
		}
		if _, ok := s.Object("bkt", "tampered"); ok {
			t.Error("got the tampered object stored")
		}
	})
}

func TestChecksumHeaders(t *testing.T) {
	s := start(t, faultserver.Options{})
	data := []byte("checksummed")
	crc := crc32.NewIEEE()
	crc.Write(data)
	good := base64.StdEncoding.EncodeToString(crc.Sum(nil))
	md := md5.Sum(data)
	for _, tc := range []struct {
		name       string
		hdr        map[string]string
		wantStatus int
		wantCode   string
	}{
		{"crc32 ok", map[string]string{"X-Amz-Checksum-Crc32": good}, 200, ""},
		{"crc32 wrong", map[string]string{"X-Amz-Checksum-Crc32": "AAAAAA=="}, 400, "BadDigest"},
		{"content-md5 ok", map[string]string{"Content-MD5": base64.StdEncoding.EncodeToString(md[:])}, 200, ""},
		{"content-md5 wrong", map[string]string{"Content-MD5": base64.StdEncoding.EncodeToString(make([]byte, 16))}, 400, "BadDigest"},
		{"two checksums", map[string]string{"X-Amz-Checksum-Crc32": good, "X-Amz-Checksum-Sha1": "x"}, 400, "InvalidRequest"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			r := send(t, s, "PUT", "/bkt/c", data, tc.hdr, "")
			if r.status != tc.wantStatus {
				t.Fatalf("got %d %s, want %d", r.status, r.body, tc.wantStatus)
			}
			if tc.wantCode != "" {
				if e := parseErr(t, r); e.Code != tc.wantCode {
					t.Errorf("code: got %s, want %s", e.Code, tc.wantCode)
				}
			}
		})
	}
	// The checksum comes back on a whole-object GET with checksum mode, and
	// not on a ranged one.
	send(t, s, "PUT", "/bkt/c", data, map[string]string{"X-Amz-Checksum-Crc32": good}, "")
	r := send(t, s, "GET", "/bkt/c", nil, map[string]string{"X-Amz-Checksum-Mode": "ENABLED"}, "")
	if got := r.header.Get("X-Amz-Checksum-Crc32"); got != good {
		t.Errorf("whole GET checksum: got %q, want %q", got, good)
	}
	r = send(t, s, "GET", "/bkt/c", nil, map[string]string{"X-Amz-Checksum-Mode": "ENABLED", "Range": "bytes=0-1"}, "")
	if got := r.header.Get("X-Amz-Checksum-Crc32"); got != "" {
		t.Errorf("ranged GET checksum: got %q, want none", got)
	}
}

type initResult struct {
	UploadID string `xml:"UploadId"`
}

func createUpload(t *testing.T, s *faultserver.Server, key string, hdr map[string]string) string {
	t.Helper()
	r := send(t, s, "POST", "/bkt/"+key+"?uploads", nil, hdr, "")
	var ir initResult
	if r.status != 200 || xml.Unmarshal(r.body, &ir) != nil || ir.UploadID == "" {
		t.Fatalf("CreateMultipartUpload: got %d %s", r.status, r.body)
	}
	return ir.UploadID
}

func completeBody(etags ...string) []byte {
	var b strings.Builder
	b.WriteString("<CompleteMultipartUpload>")
	for i, e := range etags {
		fmt.Fprintf(&b, "<Part><PartNumber>%d</PartNumber><ETag>%s</ETag></Part>", i+1, e)
	}
	b.WriteString("</CompleteMultipartUpload>")
	return []byte(b.String())
}

func TestMultipart(t *testing.T) {
	s := start(t, faultserver.Options{MinPartSize: 4})
	id := createUpload(t, s, "big", map[string]string{"X-Amz-Checksum-Algorithm": "CRC32"})
	parts := [][]byte{[]byte("part-one"), []byte("part-two"), []byte("3")}
	var etags []string
	for i, p := range parts {
		r := send(t, s, "PUT", fmt.Sprintf("/bkt/big?partNumber=%d&uploadId=%s", i+1, id), p, nil, "")
		if r.status != 200 {
			t.Fatalf("UploadPart %d: got %d %s", i+1, r.status, r.body)
		}
		etags = append(etags, r.header.Get("ETag"))
	}
	if got := s.Uploads(); len(got) != 1 || got[0].UploadID != id || !cmp.Equal(got[0].Parts, []int{1, 2, 3}) {
		t.Errorf("Uploads: got %+v, want one upload with parts 1-3", got)
	}
	r := send(t, s, "GET", "/bkt?uploads", nil, nil, "")
	if r.status != 200 || !strings.Contains(string(r.body), "<UploadId>"+id+"</UploadId>") {
		t.Errorf("ListMultipartUploads: got %d %s, want the upload listed", r.status, r.body)
	}
	// Wrong ETag, then wrong order, then success.
	bad := completeBody(etags[0], `"0000"`, etags[2])
	if r := send(t, s, "POST", "/bkt/big?uploadId="+id, bad, nil, ""); r.status != 400 || parseErr(t, r).Code != "InvalidPart" {
		t.Errorf("Complete with a wrong ETag: got %d %s, want 400 InvalidPart", r.status, r.body)
	}
	r = send(t, s, "POST", "/bkt/big?uploadId="+id, completeBody(etags...), nil, "")
	if r.status != 200 {
		t.Fatalf("Complete: got %d %s", r.status, r.body)
	}
	var md []byte
	for _, e := range etags {
		b, _ := hex.DecodeString(strings.Trim(e, `"`))
		md = append(md, b...)
	}
	wantETag := fmt.Sprintf(`"%x-3"`, md5.Sum(md))
	info, _ := s.Object("bkt", "big")
	if string(info.Data) != "part-onepart-two3" || info.ETag != wantETag || info.Parts != 3 {
		t.Errorf("object: got %q %s %d parts, want the parts joined with ETag %s", info.Data, info.ETag, info.Parts, wantETag)
	}
	if !strings.HasSuffix(info.Checksum, "-3") || !strings.Contains(string(r.body), "<ChecksumCRC32>"+info.Checksum+"</ChecksumCRC32>") {
		t.Errorf("composite checksum: got %q in %s", info.Checksum, r.body)
	}
	if got := s.Uploads(); len(got) != 0 {
		t.Errorf("Uploads after Complete: got %+v, want none", got)
	}

	t.Run("too small", func(t *testing.T) {
		id := createUpload(t, s, "small", nil)
		var etags []string
		for i, p := range []string{"ab", "cd"} {
			r := send(t, s, "PUT", fmt.Sprintf("/bkt/small?partNumber=%d&uploadId=%s", i+1, id), []byte(p), nil, "")
			etags = append(etags, r.header.Get("ETag"))
		}
		if r := send(t, s, "POST", "/bkt/small?uploadId="+id, completeBody(etags...), nil, ""); r.status != 400 || parseErr(t, r).Code != "EntityTooSmall" {
			t.Errorf("got %d %s, want 400 EntityTooSmall", r.status, r.body)
		}
	})
	t.Run("abort", func(t *testing.T) {
		id := createUpload(t, s, "gone", nil)
		if r := send(t, s, "DELETE", "/bkt/gone?uploadId="+id, nil, nil, ""); r.status != 204 {
			t.Fatalf("Abort: got %d %s, want 204", r.status, r.body)
		}
		if r := send(t, s, "PUT", "/bkt/gone?partNumber=1&uploadId="+id, []byte("x"), nil, ""); r.status != 404 || parseErr(t, r).Code != "NoSuchUpload" {
			t.Errorf("UploadPart after abort: got %d %s, want 404 NoSuchUpload", r.status, r.body)
		}
	})
}

func TestFaults(t *testing.T) {
	for _, tc := range []struct {
		name       string
		fault      faultserver.Fault
		method     string
		wantStatus int
		wantCode   string
		wantErr    bool // a transport-level error or a body read error
	}{
		{"internal error", faultserver.Fault{Op: "PutObject", Action: faultserver.InternalError()}, "PUT", 500, "InternalError", false},
		{"service unavailable", faultserver.Fault{Action: faultserver.ServiceUnavailable()}, "PUT", 503, "ServiceUnavailable", false},
		{"slow down", faultserver.Fault{Action: faultserver.SlowDown()}, "PUT", 503, "SlowDown", false},
		{"throttling", faultserver.Fault{Action: faultserver.Throttle("Throttling")}, "PUT", 400, "Throttling", false},
		{"reset", faultserver.Fault{Action: faultserver.ResetConnection()}, "PUT", 0, "", true},
		{"reset after body", faultserver.Fault{Action: faultserver.ResetAfterBody()}, "PUT", 0, "", true},
		{"truncated body", faultserver.Fault{Op: "GetObject", Action: faultserver.Truncate(10)}, "GET", 200, "", true},
		{"skewed", faultserver.Fault{Action: faultserver.SkewedTime(10 * time.Minute)}, "GET", 403, "RequestTimeTooSkewed", false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			s := start(t, faultserver.Options{})
			s.PutObject("bkt", "k", bytes.Repeat([]byte("z"), 1000))
			s.AddFault(tc.fault)
			r := send(t, s, tc.method, "/bkt/k", []byte("new"), nil, "")
			if (r.err != nil) != tc.wantErr {
				t.Fatalf("error: got %v, want error %v", r.err, tc.wantErr)
			}
			if r.status != tc.wantStatus {
				t.Fatalf("status: got %d %s, want %d", r.status, r.body, tc.wantStatus)
			}
			if tc.wantCode != "" {
				if e := parseErr(t, r); e.Code != tc.wantCode {
					t.Errorf("code: got %s, want %s", e.Code, tc.wantCode)
				}
			}
			recs := s.Requests()
			if len(recs) != 1 || recs[0].Fault != tc.fault.Action.Kind() {
				t.Errorf("records: got %+v, want one with fault %q", recs, tc.fault.Action.Kind())
			}
			if s.Fired(tc.fault.Action.Kind()) != 1 {
				t.Errorf("Fired: got %d, want 1", s.Fired(tc.fault.Action.Kind()))
			}
			if info, _ := s.Object("bkt", "k"); tc.name == "reset after body" && string(info.Data) != "new" {
				t.Errorf("after ResetAfterBody: got %q stored, want the PUT applied", info.Data)
			}
			if tc.name == "truncated body" && len(r.body) != 10 {
				t.Errorf("truncated body: got %d bytes, want 10", len(r.body))
			}
			if tc.name == "skewed" {
				if got, want := r.header.Get("Date"), clock.Add(10*time.Minute).Format(http.TimeFormat); got != want {
					t.Errorf("Date: got %s, want %s", got, want)
				}
			}
			// The server survives connection-level faults.
			s.ClearFaults()
			if r := send(t, s, "GET", "/bkt/k", nil, nil, ""); r.status != 200 {
				t.Errorf("after the fault: got %d %v, want 200", r.status, r.err)
			}
		})
	}
}

func TestFaultScript(t *testing.T) {
	s := start(t, faultserver.Options{MinPartSize: -1})
	id := createUpload(t, s, "obj", nil)
	s.AddFault(faultserver.Fault{Name: "part2-once", Op: faultserver.OpUploadPart, PartNumber: 2, Times: 1, Action: faultserver.InternalError()})
	s.AddFault(faultserver.Fault{Name: "part3-always", Op: faultserver.OpUploadPart, PartNumber: 3, Action: faultserver.SlowDown()})
	s.AddFault(faultserver.Fault{Name: "get-second", Op: faultserver.OpGetObject, Skip: 1, Times: 2, Action: faultserver.ServiceUnavailable()})
	put := func(n int) int {
		return send(t, s, "PUT", fmt.Sprintf("/bkt/obj?partNumber=%d&uploadId=%s", n, id), []byte("p"), nil, "").status
	}
	got := []int{put(1), put(2), put(2), put(3), put(3), put(3)}
	if d := cmp.Diff([]int{200, 500, 200, 503, 503, 503}, got); d != "" {
		t.Errorf("UploadPart statuses (-want +got):\n%s", d)
	}
	s.PutObject("bkt", "g", []byte("g"))
	var gets []int
	for range 5 {
		gets = append(gets, send(t, s, "GET", "/bkt/g", nil, nil, "").status)
	}
	if d := cmp.Diff([]int{200, 503, 503, 200, 200}, gets); d != "" {
		t.Errorf("GetObject statuses (-want +got):\n%s", d)
	}
	var attempts []int
	for _, r := range s.RequestsFor(faultserver.OpUploadPart) {
		attempts = append(attempts, r.Attempt)
	}
	if d := cmp.Diff([]int{1, 1, 2, 1, 2, 3}, attempts); d != "" {
		t.Errorf("UploadPart attempts (-want +got):\n%s", d)
	}
	if n := s.Fired("part3-always"); n != 3 {
		t.Errorf("Fired(part3-always): got %d, want 3", n)
	}
	s.ClearFaults()
	if st := put(3); st != 200 {
		t.Errorf("after ClearFaults: got %d, want 200", st)
	}
	s.ResetRequests()
	if n := len(s.Requests()); n != 0 {
		t.Errorf("after ResetRequests: got %d records, want 0", n)
	}
}

func TestChangeObject(t *testing.T) {
	s := start(t, faultserver.Options{})
	etag := s.PutObject("bkt", "k", []byte("version one"))
	s.AddFault(faultserver.Fault{Op: faultserver.OpGetObject, Skip: 1, Times: 1, Action: faultserver.ChangeObject(nil)})
	r := send(t, s, "GET", "/bkt/k", nil, map[string]string{"Range": "bytes=0-3", "If-Match": etag}, "")
	if r.status != 206 || r.header.Get("ETag") != etag {
		t.Fatalf("first range: got %d %s, want 206 with %s", r.status, r.header.Get("ETag"), etag)
	}
	r = send(t, s, "GET", "/bkt/k", nil, map[string]string{"Range": "bytes=4-", "If-Match": etag}, "")
	if r.status != 412 || parseErr(t, r).Code != "PreconditionFailed" {
		t.Fatalf("second range after the change: got %d %s, want 412 PreconditionFailed", r.status, r.body)
	}
	info, _ := s.Object("bkt", "k")
	if info.ETag == etag || string(info.Data) != "version one" {
		t.Errorf("got ETag %s data %q, want a new ETag over the same bytes", info.ETag, info.Data)
	}
	s.AddFault(faultserver.Fault{Op: faultserver.OpGetObject, Times: 1, Action: faultserver.ChangeObject([]byte("version two"))})
	r = send(t, s, "GET", "/bkt/k", nil, nil, "")
	if string(r.body) != "version two" || r.header.Get("ETag") != fmt.Sprintf(`"%x"`, md5.Sum([]byte("version two"))) {
		t.Errorf("got %q %s, want the new content with its MD5 ETag", r.body, r.header.Get("ETag"))
	}
}

func TestSlowBodyAndDelay(t *testing.T) {
	s := start(t, faultserver.Options{MaxDelay: 300 * time.Millisecond})
	s.PutObject("bkt", "k", bytes.Repeat([]byte("s"), 100))
	s.AddFault(faultserver.Fault{Op: faultserver.OpGetObject, Times: 1, Action: faultserver.SlowBody(10, 50*time.Millisecond)})
	begin := time.Now()
	r := send(t, s, "GET", "/bkt/k", nil, nil, "")
	el := time.Since(begin)
	if r.err != nil || len(r.body) != 100 {
		t.Fatalf("got %d bytes %v, want all 100", len(r.body), r.err)
	}
	// 10 pieces of 50 ms would be 500 ms; MaxDelay caps the total at 300 ms.
	if el < 250*time.Millisecond || el > 5*time.Second {
		t.Errorf("slow body took %v, want about 300 ms (bounded by MaxDelay)", el)
	}

	s.AddFault(faultserver.Fault{Op: faultserver.OpHeadObject, Action: faultserver.Delay(time.Hour)})
	req := mustReq(t, "HEAD", s.URL+"/bkt/k", nil)
	s.Sign(req, nil, clock)
	client := &http.Client{Timeout: 100 * time.Millisecond}
	_, err := client.Do(req)
	var ne interface{ Timeout() bool }
	if !errors.As(err, &ne) || !ne.Timeout() {
		t.Errorf("got %v, want a client timeout", err)
	}
}

func TestListObjectsV2(t *testing.T) {
	s := start(t, faultserver.Options{})
	for i := range 25 {
		s.PutObject("bkt", fmt.Sprintf("p/%02d", i), []byte{byte(i)})
	}
	s.PutObject("bkt", "p/sub/x", nil)
	type result struct {
		Keys       []string `xml:"Contents>Key"`
		Prefixes   []string `xml:"CommonPrefixes>Prefix"`
		Truncated  bool     `xml:"IsTruncated"`
		NextToken  string   `xml:"NextContinuationToken"`
		KeyCount   int
		XMLNameTag xml.Name `xml:"ListBucketResult"`
	}
	var all []string
	tok := ""
	pages := 0
	for {
		path := "/bkt?list-type=2&prefix=p%2F&delimiter=%2F&max-keys=10"
		if tok != "" {
			path += "&continuation-token=" + tok
		}
		r := send(t, s, "GET", path, nil, nil, "")
		var res result
		if r.status != 200 || xml.Unmarshal(r.body, &res) != nil {
			t.Fatalf("got %d %s", r.status, r.body)
		}
		pages++
		all = append(all, res.Keys...)
		all = append(all, res.Prefixes...)
		if !res.Truncated {
			break
		}
		tok = res.NextToken
	}
	if len(all) != 26 || all[25] != "p/sub/" || pages != 3 {
		t.Errorf("got %d entries in %d pages (last %q), want 26 in 3 ending with p/sub/", len(all), pages, all[len(all)-1])
	}
}

func TestConcurrentUploads(t *testing.T) {
	s := start(t, faultserver.Options{MinPartSize: -1})
	s.AddFault(faultserver.Fault{Op: faultserver.OpUploadPart, Attempt: 1, Match: func(r *faultserver.Request) bool { return r.PartNumber%3 == 0 }, Action: faultserver.InternalError()})
	id := createUpload(t, s, "par", nil)
	var wg sync.WaitGroup
	etags := make([]string, 30)
	for i := range 30 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for {
				r := send(t, s, "PUT", fmt.Sprintf("/bkt/par?partNumber=%d&uploadId=%s", i+1, id), fmt.Appendf(nil, "<%02d>", i+1), nil, "")
				if r.status == 200 {
					etags[i] = r.header.Get("ETag")
					return
				}
			}
		}()
	}
	wg.Wait()
	if r := send(t, s, "POST", "/bkt/par?uploadId="+id, completeBody(etags...), nil, ""); r.status != 200 {
		t.Fatalf("Complete: got %d %s", r.status, r.body)
	}
	info, _ := s.Object("bkt", "par")
	if len(info.Data) != 120 || !strings.HasPrefix(string(info.Data), "<01><02><03>") {
		t.Errorf("got %q, want 30 parts in order", info.Data)
	}
	if n := len(s.RequestsFor(faultserver.OpUploadPart)); n != 40 {
		t.Errorf("got %d UploadPart requests, want 40 (10 parts retried once)", n)
	}
}

func TestMultipartChecksumType(t *testing.T) {
	nvme := crc64.MakeTable(0x9a6c9329ac4bc9b5)
	whole := []byte("part-onepart-two3")
	sum64 := make([]byte, 8)
	binary.BigEndian.PutUint64(sum64, crc64.Checksum(whole, nvme))
	fullNVME := base64.StdEncoding.EncodeToString(sum64)
	sum32 := make([]byte, 4)
	binary.BigEndian.PutUint32(sum32, crc32.ChecksumIEEE(whole))
	full32 := base64.StdEncoding.EncodeToString(sum32)
	for _, tc := range []struct {
		name        string
		create      map[string]string
		complete    map[string]string
		wantType    string // of the upload and the object; "" for an error
		wantSum     string // the object's checksum when not composite
		wantCode    string // an error of Create ("create:") or Complete
		wantOnClose bool   // the error comes from Complete
	}{
		{"CRC64NVME defaults to FULL_OBJECT", map[string]string{"X-Amz-Checksum-Algorithm": "CRC64NVME"}, nil, "FULL_OBJECT", fullNVME, "", false},
		{"CRC64NVME whole-object value checked", map[string]string{"X-Amz-Checksum-Algorithm": "CRC64NVME", "X-Amz-Checksum-Type": "FULL_OBJECT"},
			map[string]string{"X-Amz-Checksum-Crc64nvme": fullNVME, "X-Amz-Checksum-Type": "FULL_OBJECT"}, "FULL_OBJECT", fullNVME, "", false},
		{"CRC32 FULL_OBJECT", map[string]string{"X-Amz-Checksum-Algorithm": "CRC32", "X-Amz-Checksum-Type": "FULL_OBJECT"}, nil, "FULL_OBJECT", full32, "", false},
		{"CRC32 defaults to COMPOSITE", map[string]string{"X-Amz-Checksum-Algorithm": "CRC32"}, nil, "COMPOSITE", "", "", false},
		{"wrong whole-object value", map[string]string{"X-Amz-Checksum-Algorithm": "CRC64NVME"},
			map[string]string{"X-Amz-Checksum-Crc64nvme": "AAAAAAAAAAA="}, "", "", "BadDigest", true},
		{"Complete with another type", map[string]string{"X-Amz-Checksum-Algorithm": "CRC64NVME"},
			map[string]string{"X-Amz-Checksum-Type": "COMPOSITE"}, "", "", "InvalidRequest", true},
		{"CRC64NVME COMPOSITE refused", map[string]string{"X-Amz-Checksum-Algorithm": "CRC64NVME", "X-Amz-Checksum-Type": "COMPOSITE"}, nil, "", "", "InvalidRequest", false},
		{"SHA256 FULL_OBJECT refused", map[string]string{"X-Amz-Checksum-Algorithm": "SHA256", "X-Amz-Checksum-Type": "FULL_OBJECT"}, nil, "", "", "InvalidRequest", false},
		{"type without algorithm refused", map[string]string{"X-Amz-Checksum-Type": "FULL_OBJECT"}, nil, "", "", "InvalidRequest", false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			s := start(t, faultserver.Options{MinPartSize: 4})
			if tc.wantCode != "" && !tc.wantOnClose {
				r := send(t, s, "POST", "/bkt/obj?uploads", nil, tc.create, "")
				if r.status != 400 || parseErr(t, r).Code != tc.wantCode {
					t.Errorf("CreateMultipartUpload: got %d %s, want 400 %s", r.status, r.body, tc.wantCode)
				}
				return
			}
			id := createUpload(t, s, "obj", tc.create)
			var etags []string
			for i, p := range []string{"part-one", "part-two", "3"} {
				r := send(t, s, "PUT", fmt.Sprintf("/bkt/obj?partNumber=%d&uploadId=%s", i+1, id), []byte(p), nil, "")
				if r.status != 200 {
					t.Fatalf("UploadPart %d: got %d %s", i+1, r.status, r.body)
				}
				etags = append(etags, r.header.Get("ETag"))
			}
			r := send(t, s, "POST", "/bkt/obj?uploadId="+id, completeBody(etags...), tc.complete, "")
			if tc.wantCode != "" {
				if r.status != 400 || parseErr(t, r).Code != tc.wantCode {
					t.Errorf("Complete: got %d %s, want 400 %s", r.status, r.body, tc.wantCode)
				}
				return
			}
			if r.status != 200 {
				t.Fatalf("Complete: got %d %s", r.status, r.body)
			}
			if want := "<ChecksumType>" + tc.wantType + "</ChecksumType>"; !strings.Contains(string(r.body), want) {
				t.Errorf("Complete: got %s, want %s", r.body, want)
			}
			info, _ := s.Object("bkt", "obj")
			if tc.wantSum != "" && info.Checksum != tc.wantSum {
				t.Errorf("object checksum: got %q, want %q", info.Checksum, tc.wantSum)
			}
			if tc.wantType == "COMPOSITE" && !strings.HasSuffix(info.Checksum, "-3") {
				t.Errorf("object checksum: got %q, want a composite ending in -3", info.Checksum)
			}
		})
	}
}

func TestStallAndConnections(t *testing.T) {
	s := start(t, faultserver.Options{})
	s.PutObject("bkt", "k", bytes.Repeat([]byte("z"), 1000))
	s.AddFault(faultserver.Fault{Op: faultserver.OpGetObject, Times: 1, Action: faultserver.Stall(100)})
	s.AddFault(faultserver.Fault{Op: faultserver.OpHeadObject, Times: 1, Action: faultserver.Stall(-1)})

	// A GET stalls after 100 body bytes; the client gives up.
	req := mustReq(t, "GET", s.URL+"/bkt/k", nil)
	s.Sign(req, nil, clock)
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	buf := make([]byte, 1000)
	n, _ := io.ReadAtLeast(resp.Body, buf, 100)
	if n != 100 || !bytes.Equal(buf[:n], bytes.Repeat([]byte("z"), 100)) {
		t.Errorf("read %d bytes before the stall, want the first 100", n)
	}
	done := make(chan struct{})
	go func() { resp.Body.Read(buf); close(done) }()
	select {
	case <-done:
		t.Error("the body went on after the stall")
	case <-time.After(100 * time.Millisecond):
	}
	resp.Body.Close()

	// A HEAD stalls before its headers.
	req = mustReq(t, "HEAD", s.URL+"/bkt/k", nil)
	s.Sign(req, nil, clock)
	client := &http.Client{Timeout: 100 * time.Millisecond}
	if _, err := client.Do(req); err == nil {
		t.Error("a stalled HEAD answered")
	}
	// Both faults fired once; the next requests are served.
	if r := send(t, s, "GET", "/bkt/k", nil, nil, ""); r.err != nil || len(r.body) != 1000 {
		t.Errorf("after the stall: got %d bytes %v, want 1000", len(r.body), r.err)
	}
	if got := s.Fired("stall"); got != 2 {
		t.Errorf("stall fired %d times, want 2", got)
	}
	if got := s.Connections(); got < 2 {
		t.Errorf("Connections() = %d, want at least 2 (the stalled ones cannot be reused)", got)
	}
}
