package s3_test

import (
	"bytes"
	"context"
	"net/http"
	"net/url"
	"sync"
	"testing"
	"time"

	"github.com/goto3/goto3"
	"github.com/goto3/goto3/credentials"
	"github.com/goto3/goto3/internal/pipeline"
	"github.com/goto3/goto3/protocol"
	"github.com/goto3/goto3/protocol/restxml"
	"github.com/goto3/goto3/services/s3"
	"github.com/goto3/goto3/sigv4"
)

var s3SignOps = []string{"PutObject", "GetObject", "ListObjectsV2", "DeleteObjects", "HeadObject"}

// buildS3 makes the input of one of s3SignOps from fuzz data, resolves its
// endpoint and marshals it with restxml. ok is false when the endpoint rules
// or the codec reject it, or when net/http would refuse to send it.
// effectiveRegion is the fuzzed region, bounded, or one of fuzzRegions.
func effectiveRegion(region string, flags uint8) string {
	if region == "" {
		return fuzzRegions[int(flags>>4)%len(fuzzRegions)]
	}
	return fuzzClip(region)
}

func buildS3Input(t *testing.T, opSel uint8, bucket, key, region string, flags uint8, extra string) (req *http.Request, op *protocol.Operation, in any, svc, signRegion string, ok bool) {
	bucket, key, region = fuzzClip(bucket), fuzzClip(key), effectiveRegion(region, flags)
	ex := fuzzPieces(extra, 8)
	at := func(i int) string {
		if i < len(ex) {
			return ex[i]
		}
		return ""
	}
	op = fuzzOp(t, s3SignOps[int(opSel)%len(s3SignOps)])
	var keyParam, prefixParam *string
	switch op.Name {
	case "PutObject":
		body := []byte(at(5))
		n := int64(len(body))
		meta := map[string]string{}
		for i := 0; i+1 < len(ex) && i < 4; i += 2 {
			meta[ex[i]] = ex[i+1]
		}
		ct, tag := at(6), at(7)
		in = &s3.PutObjectInput{Bucket: bucket, Key: key, Metadata: meta, ContentType: &ct, Tagging: &tag,
			Body: bytes.NewReader(body), ContentLength: &n}
		keyParam = &key
	case "GetObject":
		rng, ver, disp, im := at(0), at(1), at(2), at(3)
		pn := int32(flags)
		in = &s3.GetObjectInput{Bucket: bucket, Key: key, Range: &rng, VersionId: &ver, ResponseContentDisposition: &disp, IfMatch: &im, PartNumber: &pn}
		keyParam = &key
	case "ListObjectsV2":
		pre, del, sa, ct := at(0), at(1), at(2), at(3)
		mk := int32(len(extra))
		fo := flags&0x10 != 0
		in = &s3.ListObjectsV2Input{Bucket: bucket, Prefix: &pre, Delimiter: &del, StartAfter: &sa, ContinuationToken: &ct, MaxKeys: &mk, FetchOwner: &fo}
		prefixParam = &pre
	case "DeleteObjects":
		d := &s3.Delete{}
		for _, k := range append([]string{key}, ex...) {
			v := k + "v"
			d.Objects = append(d.Objects, s3.ObjectIdentifier{Key: k, VersionId: &v})
		}
		q := flags&0x20 != 0
		d.Quiet = &q
		in = &s3.DeleteObjectsInput{Bucket: bucket, Delete: d}
	case "HeadObject":
		rng := at(0)
		in = &s3.HeadObjectInput{Bucket: bucket, Key: key, Range: &rng}
		keyParam = &key
	}
	ep, svc, signRegion, ok := resolveS3(op, bucket, region, flags, keyParam, prefixParam)
	if !ok {
		return nil, nil, nil, "", "", false
	}
	u, err := url.Parse(ep.URL)
	if err != nil {
		t.Fatalf("endpoint URL %q from bucket %q region %q does not parse: %v", ep.URL, bucket, region, err)
	}
	req = &http.Request{Method: http.MethodGet, URL: u, Header: make(http.Header), Host: u.Host}
	for k, vs := range ep.Headers {
		req.Header[http.CanonicalHeaderKey(k)] = vs
	}
	if err := restxml.MarshalRequest(req, op, in, fuzzToken); err != nil {
		return nil, nil, nil, "", "", false
	}
	if !sendableHeaders(req.Header) {
		return nil, nil, nil, "", "", false
	}
	return req, op, in, svc, signRegion, true
}

// checkServerView checks that the server reads the key and the query members
// the caller gave: the codec's escaping and net/http's parsing agree.
func checkServerView(t *testing.T, opName string, in any, bucket string, srv *http.Request) {
	t.Helper()
	var key string
	want := map[string]*string{}
	switch in := in.(type) {
	case *s3.PutObjectInput:
		key = in.Key
	case *s3.HeadObjectInput:
		key = in.Key
	case *s3.GetObjectInput:
		key = in.Key
		want["versionId"], want["response-content-disposition"] = in.VersionId, in.ResponseContentDisposition
	case *s3.ListObjectsV2Input:
		want["prefix"], want["delimiter"], want["start-after"], want["continuation-token"] = in.Prefix, in.Delimiter, in.StartAfter, in.ContinuationToken
	default:
		return
	}
	if _, ok := in.(*s3.ListObjectsV2Input); !ok {
		if p := srv.URL.Path; p != "/"+key && p != "/"+bucket+"/"+key {
			t.Errorf("%s: the server reads path %q, want /%s or /%s/%s", opName, p, key, bucket, key)
		}
	}
	q := srv.URL.Query()
	for name, v := range want {
		if got := q.Get(name); got != *v {
			t.Errorf("%s: the server reads %s=%q, want %q (query %q)", opName, name, got, *v, srv.URL.RawQuery)
		}
	}
}

func addSignSeeds(f *testing.F) {
	f.Add(uint8(0), "my-bucket", "photos/2026/a b+c~é.jpg", "us-west-2", uint8(0), "color\nred\nSize\n 10  x  20 \nbody\ntext/plain; charset=utf-8\nk=v&x=y")
	f.Add(uint8(1), "my.dotted.bucket", "../a/./b//c?d#e", "", uint8(1), "bytes=0-99\nv1\nattachment; filename=\"a b.txt\"\n\"etag\"")
	f.Add(uint8(2), "bucket-2", "", "eu-central-1", uint8(3), "dir/sub dir/\n/\nstart%2Fafter\ntoken+/=")
	f.Add(uint8(3), "bkt", "%41%zz", "us-east-1", uint8(5), "k1\nk 2\n\u00e9\U0001F600")
	f.Add(uint8(4), "arn:aws:s3:us-west-2:123456789012:accesspoint/myendpoint", "key", "us-west-2", uint8(0), "bytes=1-2")
	f.Add(uint8(0), "Bucket_With.Caps", "key", "us-east-1", uint8(1), "")
}

// FuzzS3RequestSignVerify builds S3 requests with the endpoint rules and the
// REST-XML codec, signs them with S3's signer options, sends them through
// net/http's wire format and verifies them as a server would: the signature
// must verify, and a changed byte of the path, of the query or of a signed
// header must make it fail.
func FuzzS3RequestSignVerify(f *testing.F) {
	addSignSeeds(f)
	f.Fuzz(func(t *testing.T, opSel uint8, bucket, key, region string, flags uint8, extra string) {
		req, op, in, svc, signRegion, ok := buildS3Input(t, opSel, bucket, key, region, flags, extra)
		if !ok {
			return
		}
		p := sigv4.Params{Service: svc, Region: signRegion, Time: fuzzSignTime}
		if req.GetBody == nil && req.Body != nil {
			p.PayloadHash = sigv4.UnsignedPayload // a caller's stream
		}
		if err := fuzzSigner.SignHTTP(req, fuzzCreds, p); err != nil {
			t.Fatalf("%s: SignHTTP: %v", op.Name, err)
		}
		raw := fuzzWire(t, req)
		srv, err := fuzzParseWire(raw)
		if err != nil {
			t.Fatalf("%s: the server cannot read the request: %v\n%q", op.Name, err, raw)
		}
		v, err := sigv4.Verify(srv, fuzzVerifyOpts(svc, signRegion))
		if err != nil {
			t.Fatalf("%s: got %v, want the signed request to verify\nrequest:\n%s", op.Name, err, raw)
		}
		checkServerView(t, op.Name, in, fuzzClip(bucket), srv)
		for _, query := range []bool{false, true} {
			mut, ok := mutateRequestLine(raw, query, flags)
			if !ok {
				continue
			}
			r, err := fuzzParseWire(mut)
			if err != nil {
				continue // rejected before any signature check
			}
			if _, err := sigv4.Verify(r, fuzzVerifyOpts(svc, signRegion)); err == nil {
				t.Fatalf("%s: changed %s verified, want a failure\nsigned:\n%s\nchanged:\n%s", op.Name, map[bool]string{false: "path", true: "query"}[query], raw, mut)
			}
		}
		r, err := fuzzParseWire(raw)
		if err != nil {
			t.Fatal(err)
		}
		if mutateSignedHeader(r, v.SignedHeaders, opSel) {
			if _, err := sigv4.Verify(r, fuzzVerifyOpts(svc, signRegion)); err == nil {
				t.Fatalf("%s: a changed signed header verified, want a failure\nsigned:\n%s\nchanged headers: %q", op.Name, raw, r.Header)
			}
		}
	})
}

// FuzzPresignVerify presigns the same requests by their query string, parses
// the URL back with net/url, sends it with the signed headers and verifies it:
// it must verify, and a changed byte of its path or query must not.
func FuzzPresignVerify(f *testing.F) {
	addSignSeeds(f)
	f.Fuzz(func(t *testing.T, opSel uint8, bucket, key, region string, flags uint8, extra string) {
		req, op, in, svc, signRegion, ok := buildS3Input(t, opSel, bucket, key, region, flags, extra)
		if !ok {
			return
		}
		checkPipelinePresign(t, op, in, effectiveRegion(region, flags), req.URL.Host, svc, signRegion, flags)
		req.Body, req.GetBody, req.ContentLength = nil, nil, 0
		signed, hdr, err := fuzzSigner.PresignHTTP(req, fuzzCreds, sigv4.Params{Service: svc, Region: signRegion, Time: fuzzSignTime}, 15*time.Minute)
		if err != nil {
			t.Fatalf("%s: PresignHTTP: %v", op.Name, err)
		}
		u, err := url.Parse(signed)
		if err != nil {
			t.Fatalf("%s: presigned URL %q does not parse: %v", op.Name, signed, err)
		}
		raw := fuzzWire(t, presignedRequest(req.Method, u, hdr))
		srv, err := fuzzParseWire(raw)
		if err != nil {
			t.Fatalf("%s: the server cannot read the presigned request: %v\n%q", op.Name, err, raw)
		}
		v, err := sigv4.Verify(srv, fuzzVerifyOpts(svc, signRegion))
		if err != nil {
			t.Fatalf("%s: got %v, want the presigned URL to verify\nURL: %s\nrequest:\n%s", op.Name, err, signed, raw)
		}
		if !v.Presigned {
			t.Fatalf("%s: got Presigned false, want true", op.Name)
		}
		for _, query := range []bool{false, true} {
			mut, ok := mutateRequestLine(raw, query, flags)
			if !ok {
				continue
			}
			r, err := fuzzParseWire(mut)
			if err != nil {
				continue
			}
			if _, err := sigv4.Verify(r, fuzzVerifyOpts(svc, signRegion)); err == nil {
				t.Fatalf("%s: changed presigned %s verified, want a failure\nsigned:\n%s\nchanged:\n%s", op.Name, map[bool]string{false: "path", true: "query"}[query], raw, mut)
			}
		}
	})
}

func presignedRequest(method string, u *url.URL, hdr http.Header) *http.Request {
	send := &http.Request{Method: method, URL: u, Header: make(http.Header), Host: u.Host}
	for k, vs := range hdr {
		if http.CanonicalHeaderKey(k) == "Host" {
			send.Host = vs[0]
			continue
		}
		send.Header[k] = vs
	}
	return send
}

// pipelineClients caches one S3 pipeline client (s3.Core of an s3.Client,
// with S3's customizations) per region and flag set (clients are immutable
// and safe for concurrent use).
var pipelineClients sync.Map

// checkPipelinePresign presigns in with the request pipeline of an S3
// client (validation, endpoint resolution from the client's options,
// serialization, signing at the client's Now) and checks that the URL goes
// to the host the harness resolved and verifies, when the pipeline accepts
// the input.
func checkPipelinePresign(t *testing.T, op *protocol.Operation, in any, region, host, svc, signRegion string, flags uint8) {
	t.Helper()
	type key struct {
		region string
		flags  uint8
	}
	k := key{region, flags & 0x0f}
	v, ok := pipelineClients.Load(k)
	if !ok {
		cfg := goto3.Config{Region: region, Credentials: credentials.NewStatic(fuzzCreds.AccessKeyID, fuzzCreds.SecretAccessKey, "")}
		c, err := s3.New(cfg, func(o *s3.Options) {
			if flags&1 != 0 {
				o.AddressingStyle = s3.AddressingStylePath
			}
			o.UseDualStackEndpoint = flags&2 != 0
			o.UseFIPSEndpoint = flags&4 != 0
			o.UseAccelerateEndpoint = flags&8 != 0
			o.Now = func() time.Time { return fuzzSignTime }
		})
		if err != nil {
			t.Fatalf("s3.New(region %q, flags %#x): %v", region, flags&0x0f, err)
		}
		v, _ = pipelineClients.LoadOrStore(k, s3.Core(c))
	}
	pr, err := v.(*pipeline.Client).Presign(context.Background(), op, in, 15*time.Minute)
	if err != nil {
		return // validation (host-label safety, required members) refused it
	}
	u, err := url.Parse(pr.URL)
	if err != nil {
		t.Fatalf("%s: pipeline presigned URL %q does not parse: %v", op.Name, pr.URL, err)
	}
	if u.Host != host {
		t.Fatalf("%s: pipeline presigned URL %q goes to host %q, want %q", op.Name, pr.URL, u.Host, host)
	}
	raw := fuzzWire(t, presignedRequest(pr.Method, u, pr.Header))
	srv, err := fuzzParseWire(raw)
	if err != nil {
		t.Fatalf("%s: the server cannot read the pipeline's presigned request: %v\n%q", op.Name, err, raw)
	}
	if _, err := sigv4.Verify(srv, fuzzVerifyOpts(svc, signRegion)); err != nil {
		t.Fatalf("%s: got %v, want the pipeline's presigned URL to verify\nURL: %s", op.Name, err, pr.URL)
	}
}
