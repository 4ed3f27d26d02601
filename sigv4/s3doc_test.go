package sigv4_test

import (
	"bytes"
	"hash/crc32"
	"io"
	"net/http"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/goto3/goto3/sigv4"
)

// The worked examples of the Amazon S3 API Reference. Their credentials, time
// and signatures are published there:
//   - GET object, PUT object, GET bucket lifecycle, list objects:
//     https://docs.aws.amazon.com/AmazonS3/latest/API/sig-v4-header-based-auth.html
//     (section "Examples: Signature Calculations")
//   - presigned GET:
//     https://docs.aws.amazon.com/AmazonS3/latest/API/sigv4-query-string-auth.html
//     (section "An Example")
//   - streaming PUT of 66560 bytes in 64 KiB chunks:
//     https://docs.aws.amazon.com/AmazonS3/latest/API/sigv4-streaming.html
//     (section "Example: PUT Object")
//   - the same upload with a signed CRC32C trailer:
//     https://docs.aws.amazon.com/AmazonS3/latest/API/sigv4-streaming-trailers.html
var (
	docCreds = sigv4.Credentials{AccessKeyID: "AKIAIOSFODNN7EXAMPLE", SecretAccessKey: "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY"}
	docTime  = time.Date(2013, 5, 24, 0, 0, 0, 0, time.UTC)
)

func docRequest(t *testing.T, method, rawURL string, body string, headers ...string) *http.Request {
	t.Helper()
	var r io.Reader
	if body != "" {
		r = strings.NewReader(body)
	}
	req, err := http.NewRequest(method, rawURL, r)
	if err != nil {
		t.Fatal(err)
	}
	for i := 0; i < len(headers); i += 2 {
		req.Header.Set(headers[i], headers[i+1])
	}
	return req
}

func TestS3DocumentationExamples(t *testing.T) {
	tests := []struct {
		name      string
		req       *http.Request
		hash      string // Params.PayloadHash; "" computes it
		creq      string
		sts       string
		signature string
	}{
		{
			name: "GetObject",
			req:  docRequest(t, "GET", "https://examplebucket.s3.amazonaws.com/test.txt", "", "Range", "bytes=0-9"),
			hash: sigv4.EmptyPayloadHash,
			creq: "GET\n/test.txt\n\nhost:examplebucket.s3.amazonaws.com\nrange:bytes=0-9\nx-amz-content-sha256:e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855\nx-amz-date:20130524T000000Z\n\nhost;range;x-amz-content-sha256;x-amz-date\ne3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855",
			sts:  "AWS4-HMAC-SHA256\n20130524T000000Z\n20130524/us-east-1/s3/aws4_request\n7344ae5b7ee6c3e7e6b0fe0640412a37625d1fbfff95c48bbb2dc43964946972",

			signature: "f0e8bdb87c964420e857bd35b5d6ed310bd44f0170aba48dd91039c6036bdb41",
		},
		{
			name: "PutObject",
			// The key "test$file.text" is sent encoded as SigV4 encodes it.
			req: docRequest(t, "PUT", "https://examplebucket.s3.amazonaws.com/test%24file.text", "Welcome to Amazon S3.",
				"Date", "Fri, 24 May 2013 00:00:00 GMT", "X-Amz-Storage-Class", "REDUCED_REDUNDANCY"),
			creq: "PUT\n/test%24file.text\n\ndate:Fri, 24 May 2013 00:00:00 GMT\nhost:examplebucket.s3.amazonaws.com\nx-amz-content-sha256:44ce7dd67c959e0d3524ffac1771dfbba87d2b6b4b4e99e42034a8b803f8b072\nx-amz-date:20130524T000000Z\nx-amz-storage-class:REDUCED_REDUNDANCY\n\ndate;host;x-amz-content-sha256;x-amz-date;x-amz-storage-class\n44ce7dd67c959e0d3524ffac1771dfbba87d2b6b4b4e99e42034a8b803f8b072",
			sts:  "AWS4-HMAC-SHA256\n20130524T000000Z\n20130524/us-east-1/s3/aws4_request\n9e0e90d9c76de8fa5b200d8c849cd5b8dc7a3be3951ddb7f6a76b4158342019d",

			signature: "98ad721746da40c64f1a55b78f14c238d841ea1380cd77a1b5971af0ece108bd",
		},
		{
			name:      "GetBucketLifecycle",
			req:       docRequest(t, "GET", "https://examplebucket.s3.amazonaws.com/?lifecycle", ""),
			hash:      sigv4.EmptyPayloadHash,
			creq:      "GET\n/\nlifecycle=\nhost:examplebucket.s3.amazonaws.com\nx-amz-content-sha256:e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855\nx-amz-date:20130524T000000Z\n\nhost;x-amz-content-sha256;x-amz-date\ne3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855",
			signature: "fea454ca298b7da1c68078a5d1bdbfbbe0d65c699e0f91ac7a200a0136783543",
		},
		{
			name:      "ListObjects",
			req:       docRequest(t, "GET", "https://examplebucket.s3.amazonaws.com/?max-keys=2&prefix=J", ""),
			hash:      sigv4.EmptyPayloadHash,
			creq:      "GET\n/\nmax-keys=2&prefix=J\nhost:examplebucket.s3.amazonaws.com\nx-amz-content-sha256:e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855\nx-amz-date:20130524T000000Z\n\nhost;x-amz-content-sha256;x-amz-date\ne3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855",
			signature: "34b48302e7b5fa45bde8084f4b7868a86f0a534bc59db6670ed5711ef69dc6f7",
		},
	}
	s := sigv4.NewSigner(sigv4.S3Options)
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var tr sigv4.Trace
			p := sigv4.WithTrace(sigv4.Params{Service: "s3", Region: "us-east-1", Time: docTime, PayloadHash: tt.hash}, &tr)
			if err := s.SignHTTP(tt.req, docCreds, p); err != nil {
				t.Fatal(err)
			}
			if tr.CanonicalRequest != tt.creq {
				t.Errorf("canonical request: got\n%s\nwant\n%s", tr.CanonicalRequest, tt.creq)
			}
			if tt.sts != "" && tr.StringToSign != tt.sts {
				t.Errorf("string to sign: got\n%s\nwant\n%s", tr.StringToSign, tt.sts)
			}
			if tr.Signature != tt.signature {
				t.Errorf("signature: got %s, want %s", tr.Signature, tt.signature)
			}
			if got := tt.req.Header.Get("Authorization"); !strings.HasSuffix(got, "Signature="+tt.signature) {
				t.Errorf("Authorization: got %q, want it to end with the signature %s", got, tt.signature)
			}
		})
	}
}

func TestS3DocumentationPresignedGet(t *testing.T) {
	s := sigv4.NewSigner(sigv4.S3Options)
	req := docRequest(t, "GET", "https://examplebucket.s3.amazonaws.com/test.txt", "")
	u, hdr, err := s.PresignHTTP(req, docCreds, sigv4.Params{Service: "s3", Region: "us-east-1", Time: docTime, PayloadHash: sigv4.UnsignedPayload}, 86400*time.Second)
	if err != nil {
		t.Fatal(err)
	}
	want := "https://examplebucket.s3.amazonaws.com/test.txt?X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Credential=AKIAIOSFODNN7EXAMPLE%2F20130524%2Fus-east-1%2Fs3%2Faws4_request&X-Amz-Date=20130524T000000Z&X-Amz-Expires=86400&X-Amz-SignedHeaders=host&X-Amz-Signature=aeeed9bbccd4d02ee5c0109b86d86835f995330da4c265957d157751f604d404"
	if u != want {
		t.Errorf("presigned URL: got\n%s\nwant\n%s", u, want)
	}
	if got := hdr.Get("Host"); got != "examplebucket.s3.amazonaws.com" || len(hdr) != 1 {
		t.Errorf("signed headers: got %v, want only Host: examplebucket.s3.amazonaws.com", hdr)
	}
	if len(req.URL.RawQuery) != 0 || len(req.Header) != 0 {
		t.Errorf("PresignHTTP changed the request: %v %v", req.URL, req.Header)
	}
}

func TestS3DocumentationStreaming(t *testing.T) {
	data := bytes.Repeat([]byte{'a'}, 66560)
	tests := []struct {
		name       string
		opts       sigv4.ChunkedOptions
		headers    []string
		length     int64
		seed       string
		chunkSigs  []string
		trailer    string
		trailerSig string
	}{
		{
			name:      "STREAMING-AWS4-HMAC-SHA256-PAYLOAD",
			headers:   []string{"Content-Length", "66824"}, // signed in the example
			length:    66824,
			seed:      "4f232c4386841ef735655705268965c44a0e4690baa4adea153f7db9fa80a0a9",
			chunkSigs: []string{"ad80c730a21e5b8d04586a2213dd63b9a0e99e0e2307b0ade35a65485a288648", "0055627c9e194cb4542bae2aa5492e3c1575bbb81b612b7d234b86a503ef5497", "b6c6ea8a5354eaf15b3cb7646744f4275b71ea724fed81ceb9323e279d449df9"},
		},
		{
			name:       "STREAMING-AWS4-HMAC-SHA256-PAYLOAD-TRAILER",
			opts:       sigv4.ChunkedOptions{TrailerHeader: "x-amz-checksum-crc32c", Checksum: crc32.New(crc32.MakeTable(crc32.Castagnoli))},
			seed:       "106e2a8a18243abcf37539882f36619c00e2dfc72633413f02d3b74544bfeb8e",
			chunkSigs:  []string{"b474d8862b1487a5145d686f57f013e54db672cee1c953b3010fb58501ef5aa2", "1c1344b170168f8e65b41376b44b20fe354e373826ccbbe2c1d40a8cae51e5c7", "2ca2aba2005185cf7159c6277faf83795951dd77a3a99e6e65d5c9f85863f992"},
			trailer:    "x-amz-checksum-crc32c:sOO8/Q==",
			trailerSig: "d81f82fc3505edab99d459891051a732e8730629a2e4a59689829ca17fe2e435",
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			req := docRequest(t, "PUT", "https://s3.amazonaws.com/examplebucket/chunkObject.txt", "", append([]string{"X-Amz-Storage-Class", "REDUCED_REDUNDANCY"}, tt.headers...)...)
			s := sigv4.NewSigner(sigv4.S3Options)
			p := sigv4.Params{Service: "s3", Region: "us-east-1", Time: docTime}
			cr, err := s.SignChunked(req, docCreds, p, bytes.NewReader(data), int64(len(data)), tt.opts)
			if err != nil {
				t.Fatal(err)
			}
			if got := cr.SeedSignature(); got != tt.seed {
				t.Errorf("seed signature: got %s, want %s", got, tt.seed)
			}
			defer func() {
				if got := cr.SeedSignature(); got != tt.seed {
					t.Errorf("seed signature after reading: got %s, want %s", got, tt.seed)
				}
			}()
			var want bytes.Buffer
			sizes := []int{65536, 1024, 0}
			for i, sig := range tt.chunkSigs {
				want.WriteString(strconv.FormatInt(int64(sizes[i]), 16) + ";chunk-signature=" + sig + "\r\n")
				want.Write(data[:sizes[i]])
				if sizes[i] > 0 {
					want.WriteString("\r\n")
				}
			}
			if tt.trailer != "" {
				want.WriteString(tt.trailer + "\r\nx-amz-trailer-signature:" + tt.trailerSig + "\r\n")
			}
			want.WriteString("\r\n")
			got, err := io.ReadAll(req.Body)
			if err != nil {
				t.Fatal(err)
			}
			if !bytes.Equal(got, want.Bytes()) {
				t.Errorf("body differs:\ngot  %q\nwant %q", abbreviate(got), abbreviate(want.Bytes()))
			}
			if req.ContentLength != int64(want.Len()) {
				t.Errorf("ContentLength: got %d, want %d", req.ContentLength, want.Len())
			}
			if tt.length != 0 && req.ContentLength != tt.length {
				t.Errorf("ContentLength: got %d, want %d", req.ContentLength, tt.length)
			}
			for k, v := range map[string]string{"Content-Encoding": "aws-chunked", "X-Amz-Decoded-Content-Length": "66560", "X-Amz-Content-Sha256": p.PayloadHash} {
				if v == "" {
					continue
				}
				if got := req.Header.Get(k); got != v {
					t.Errorf("%s: got %q, want %q", k, got, v)
				}
			}
		})
	}
}

// abbreviate shortens runs of 'a' for error messages.
func abbreviate(b []byte) string {
	return strings.NewReplacer(strings.Repeat("a", 1024), "a{1024}").Replace(string(b))
}
