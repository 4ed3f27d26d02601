package sigv4_test

import (
	"bytes"
	"crypto/ecdsa"
	"fmt"
	"hash/crc32"
	"io"
	"net/http"
	"strings"
	"time"

	"github.com/goto3/goto3/sigv4"
)

// The credentials and time of the examples in the Amazon S3 API Reference.
var (
	exampleCreds = sigv4.Credentials{AccessKeyID: "AKIAIOSFODNN7EXAMPLE", SecretAccessKey: "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY"}
	exampleTime  = time.Date(2013, 5, 24, 0, 0, 0, 0, time.UTC)
)

func ExampleSigner_SignHTTP() {
	signer := sigv4.NewSigner(sigv4.S3Options) // one per client; safe for concurrent use
	req, _ := http.NewRequest("GET", "https://examplebucket.s3.amazonaws.com/test.txt", nil)
	req.Header.Set("Range", "bytes=0-9")
	err := signer.SignHTTP(req, exampleCreds, sigv4.Params{
		Service:     "s3",
		Region:      "us-east-1",
		Time:        exampleTime,
		PayloadHash: sigv4.EmptyPayloadHash,
	})
	if err != nil {
		panic(err)
	}
	fmt.Println(req.Header.Get("X-Amz-Date"))
	fmt.Println(strings.ReplaceAll(req.Header.Get("Authorization"), ", ", ",\n  "))
	// Output:
	// 20130524T000000Z
	// AWS4-HMAC-SHA256 Credential=AKIAIOSFODNN7EXAMPLE/20130524/us-east-1/s3/aws4_request,
	//   SignedHeaders=host;range;x-amz-content-sha256;x-amz-date,
	//   Signature=f0e8bdb87c964420e857bd35b5d6ed310bd44f0170aba48dd91039c6036bdb41
}

func ExampleSigner_PresignHTTP() {
	signer := sigv4.NewSigner(sigv4.S3Options)
	req, _ := http.NewRequest("GET", "https://examplebucket.s3.amazonaws.com/test.txt", nil)
	u, headers, err := signer.PresignHTTP(req, exampleCreds, sigv4.Params{
		Service:     "s3",
		Region:      "us-east-1",
		Time:        exampleTime,
		PayloadHash: sigv4.UnsignedPayload,
	}, 24*time.Hour)
	if err != nil {
		panic(err)
	}
	fmt.Println(strings.ReplaceAll(u, "&", "\n  &"))
	fmt.Println(headers)
	// Output:
	// https://examplebucket.s3.amazonaws.com/test.txt?X-Amz-Algorithm=AWS4-HMAC-SHA256
	//   &X-Amz-Credential=AKIAIOSFODNN7EXAMPLE%2F20130524%2Fus-east-1%2Fs3%2Faws4_request
	//   &X-Amz-Date=20130524T000000Z
	//   &X-Amz-Expires=86400
	//   &X-Amz-SignedHeaders=host
	//   &X-Amz-Signature=aeeed9bbccd4d02ee5c0109b86d86835f995330da4c265957d157751f604d404
	// map[Host:[examplebucket.s3.amazonaws.com]]
}

func ExampleSigner_SignChunked() {
	signer := sigv4.NewSigner(sigv4.S3Options)
	data := bytes.Repeat([]byte{'a'}, 66560)
	req, _ := http.NewRequest("PUT", "https://s3.amazonaws.com/examplebucket/chunkObject.txt", nil)
	req.Header.Set("X-Amz-Storage-Class", "REDUCED_REDUNDANCY")
	p := sigv4.Params{Service: "s3", Region: "us-east-1", Time: exampleTime}
	body, err := signer.SignChunked(req, exampleCreds, p, bytes.NewReader(data), int64(len(data)), sigv4.ChunkedOptions{
		ChunkSize:     64 << 10,
		TrailerHeader: "x-amz-checksum-crc32c",
		Checksum:      crc32.New(crc32.MakeTable(crc32.Castagnoli)),
	})
	if err != nil {
		panic(err)
	}
	fmt.Println("Content-Length:", req.ContentLength)
	for _, k := range []string{"Content-Encoding", "X-Amz-Content-Sha256", "X-Amz-Decoded-Content-Length", "X-Amz-Trailer"} {
		fmt.Printf("%s: %s\n", k, req.Header.Get(k))
	}
	fmt.Println("seed:", body.SeedSignature())
	encoded, _ := io.ReadAll(req.Body) // what net/http sends
	lines := strings.Split(string(encoded), "\r\n")
	fmt.Println(lines[0])
	fmt.Println(strings.Join(lines[len(lines)-5:len(lines)-2], "\n"))
	// Output:
	// Content-Length: 66946
	// Content-Encoding: aws-chunked
	// X-Amz-Content-Sha256: STREAMING-AWS4-HMAC-SHA256-PAYLOAD-TRAILER
	// X-Amz-Decoded-Content-Length: 66560
	// X-Amz-Trailer: x-amz-checksum-crc32c
	// seed: 106e2a8a18243abcf37539882f36619c00e2dfc72633413f02d3b74544bfeb8e
	// 10000;chunk-signature=b474d8862b1487a5145d686f57f013e54db672cee1c953b3010fb58501ef5aa2
	// 0;chunk-signature=2ca2aba2005185cf7159c6277faf83795951dd77a3a99e6e65d5c9f85863f992
	// x-amz-checksum-crc32c:sOO8/Q==
	// x-amz-trailer-signature:d81f82fc3505edab99d459891051a732e8730629a2e4a59689829ca17fe2e435
}

func ExampleChunkedLength() {
	n, _ := sigv4.ChunkedLength(66560, sigv4.ChunkedOptions{ChunkSize: 64 << 10})
	fmt.Println(n)
	// Output: 66824
}

func ExampleVerify() {
	// A client signs...
	signer := sigv4.NewSigner(sigv4.S3Options)
	req, _ := http.NewRequest("PUT", "https://examplebucket.s3.amazonaws.com/notes.txt", strings.NewReader("hello"))
	req.Header.Set("Content-Type", "text/plain")
	p := sigv4.Params{Service: "s3", Region: "us-east-1", Time: exampleTime}
	if err := signer.SignHTTP(req, exampleCreds, p); err != nil {
		panic(err)
	}

	// ...and a server, with the same canonicalization options, checks.
	vo := sigv4.VerifyOptions{
		Lookup: func(id string) (sigv4.Credentials, bool) {
			return exampleCreds, id == exampleCreds.AccessKeyID
		},
		Now:    exampleTime.Add(time.Minute),
		Signer: sigv4.NewSigner(sigv4.S3Options),
	}
	v, err := sigv4.Verify(req, vo)
	fmt.Println(v.AccessKeyID, v.Region, v.Service, v.SignedHeaders, err)

	req.Header.Set("Content-Type", "text/html") // tampered with on the way
	_, err = sigv4.Verify(req, vo)
	fmt.Println(err)
	// Output:
	// AKIAIOSFODNN7EXAMPLE us-east-1 s3 [content-type host x-amz-content-sha256 x-amz-date] <nil>
	// sigv4: SignatureDoesNotMatch: the request signature we calculated does not match the signature you provided; check your key and signing method
}

func ExampleSigner_SignHTTPV4a() {
	// DeterministicECDSA makes the output repeatable; by default every
	// SigV4a signature differs.
	signer := sigv4.NewSigner(sigv4.S3Options, func(o *sigv4.Options) { o.DeterministicECDSA = true })
	req, _ := http.NewRequest("GET", "https://mfzwi23gnjvgw.mrap.accesspoint.s3-global.amazonaws.com/test.txt", nil)
	err := signer.SignHTTPV4a(req, exampleCreds, sigv4.Params{
		Service:     "s3",
		RegionSet:   []string{"*"}, // a multi-region access point's signingRegionSet
		Time:        exampleTime,
		PayloadHash: sigv4.UnsignedPayload,
	})
	if err != nil {
		panic(err)
	}
	fmt.Println(req.Header.Get("X-Amz-Region-Set"))
	fmt.Println(strings.ReplaceAll(req.Header.Get("Authorization"), ", ", ",\n  "))

	// A peer that knows only the public key verifies the request.
	key, _ := sigv4.DeriveKeyV4a(exampleCreds)
	v, err := sigv4.Verify(req, sigv4.VerifyOptions{
		PublicKey: func(id string) (*ecdsa.PublicKey, bool) { return &key.PublicKey, id == exampleCreds.AccessKeyID },
		Now:       exampleTime,
		Signer:    sigv4.NewSigner(sigv4.S3Options),
	})
	fmt.Println(v.Algorithm, v.RegionSet, err)
	// Output:
	// *
	// AWS4-ECDSA-P256-SHA256 Credential=AKIAIOSFODNN7EXAMPLE/20130524/s3/aws4_request,
	//   SignedHeaders=host;x-amz-content-sha256;x-amz-date;x-amz-region-set,
	//   Signature=304502207e8a462bc8aecc4a3e43bacd4eb28af19f28e07896e724face7d580b8e25f4a0022100cb1e83924d766706d156c4c98f2df962cc9e62fbffefca84f4e44d15eb4c79b5
	// AWS4-ECDSA-P256-SHA256 [*] <nil>
}

func ExampleDeriveKeyV4a() {
	key, err := sigv4.DeriveKeyV4a(sigv4.Credentials{AccessKeyID: "AKIDEXAMPLE", SecretAccessKey: "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY"})
	if err != nil {
		panic(err)
	}
	pub, _ := key.PublicKey.Bytes() // 0x04 || X || Y
	fmt.Printf("X %x\nY %x\n", pub[1:33], pub[33:])
	// Output:
	// X b6618f6a65740a99e650b33b6b4b5bd0d43b176d721a3edfea7e7d2d56d936b1
	// Y 865ed22a7eadc9c5cb9d2cbaca1b3699139fedc5043dc6661864218330c8e518
}
