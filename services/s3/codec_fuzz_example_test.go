package s3_test

import (
	"bufio"
	"bytes"
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"time"

	"github.com/goto3/goto3/protocol"
	"github.com/goto3/goto3/protocol/restxml"
	"github.com/goto3/goto3/services/s3"
	"github.com/goto3/goto3/sigv4"
)

// Example_signVerify shows one iteration of the sign/verify differential
// (FuzzS3RequestSignVerify) by hand: S3's endpoint rules place the bucket,
// restxml serializes a GetObject, sigv4 signs it, net/http writes and reads
// it back, and sigv4.Verify accepts it, then rejects it once one byte of
// the key changes.
func Example_signVerify() {
	var op *protocol.Operation
	for _, o := range s3.OperationSchemas() {
		if o.Name == "GetObject" {
			op = o
		}
	}
	bucket, region := "my-bucket", "us-west-2"
	ep, err := s3.ResolveEndpoint(s3.EndpointParameters{Bucket: &bucket, Region: &region})
	if err != nil {
		panic(err)
	}
	u, _ := url.Parse(ep.URL)
	req := &http.Request{Method: http.MethodGet, URL: u, Header: http.Header{}, Host: u.Host}
	in := &s3.GetObjectInput{Bucket: bucket, Key: "photos/a b+c.jpg"}
	if err := restxml.MarshalRequest(req, op, in, protocol.MarshalOptions{}); err != nil {
		panic(err)
	}
	creds := sigv4.Credentials{AccessKeyID: "AKIDEXAMPLE", SecretAccessKey: "secret"}
	signer := sigv4.NewSigner(sigv4.S3Options)
	at := time.Date(2026, 11, 24, 12, 0, 0, 0, time.UTC)
	if err := signer.SignHTTP(req, creds, sigv4.Params{Service: "s3", Region: region, Time: at}); err != nil {
		panic(err)
	}
	var buf bytes.Buffer
	if err := req.Write(&buf); err != nil {
		panic(err)
	}
	vo := sigv4.VerifyOptions{
		Lookup: func(id string) (sigv4.Credentials, bool) { return creds, id == creds.AccessKeyID },
		Now:    at, Signer: signer,
	}
	for _, wire := range []string{buf.String(), strings.Replace(buf.String(), "photos", "photoz", 1)} {
		srv, err := http.ReadRequest(bufio.NewReader(strings.NewReader(wire)))
		if err != nil {
			panic(err)
		}
		_, err = sigv4.Verify(srv, vo)
		fmt.Printf("%s %s: verified %t\n", srv.Host, srv.RequestURI, err == nil)
	}
	// Output:
	// my-bucket.s3.us-west-2.amazonaws.com /photos/a%20b%2Bc.jpg: verified true
	// my-bucket.s3.us-west-2.amazonaws.com /photoz/a%20b%2Bc.jpg: verified false
}
