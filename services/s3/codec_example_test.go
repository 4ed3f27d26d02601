package s3_test

import (
	"fmt"
	"io"
	"net/http"
	"net/url"
	"strings"

	"github.com/goto3/goto3"
	"github.com/goto3/goto3/protocol"
	"github.com/goto3/goto3/protocol/restxml"
	"github.com/goto3/goto3/services/s3"
)

// exampleOp returns the schema of an S3 operation.
func exampleOp(name string) *protocol.Operation {
	for _, op := range s3.OperationSchemas() {
		if op.Name == name {
			return op
		}
	}
	return nil
}

// Example_restxmlMarshalRequest serializes a GetObject request with the
// REST-XML codec and S3's schema.
func Example_restxmlMarshalRequest() {
	u, _ := url.Parse("https://s3.us-east-1.amazonaws.com/my-bucket") // path-style endpoint
	req := &http.Request{URL: u, Header: http.Header{}}
	in := &s3.GetObjectInput{Bucket: "my-bucket", Key: "photos/summer 2024.jpg", Range: goto3.Ptr("bytes=0-99")}
	if err := restxml.MarshalRequest(req, exampleOp("GetObject"), in, protocol.MarshalOptions{}); err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(req.Method, req.URL)
	fmt.Println("Range:", req.Header.Get("Range"))
	// Output:
	// GET https://s3.us-east-1.amazonaws.com/my-bucket/photos/summer%202024.jpg
	// Range: bytes=0-99
}

// Example_restxmlUnmarshalError decodes an S3 error document with the
// REST-XML codec into a modelled error.
func Example_restxmlUnmarshalError() {
	resp := &http.Response{
		StatusCode: 404,
		Header:     http.Header{"X-Amz-Request-Id": {"4442587FB7D0A2F9"}},
		Body:       io.NopCloser(strings.NewReader(`<Error><Code>NoSuchBucket</Code><Message>The specified bucket does not exist</Message></Error>`)),
	}
	re := restxml.UnmarshalError(resp, exampleOp("ListObjectsV2"))
	fmt.Println(re.Code, re.StatusCode, re.RequestID)
	_, modeled := re.Modeled.(*s3.NoSuchBucket)
	fmt.Println("modelled:", modeled)
	// Output:
	// NoSuchBucket 404 4442587FB7D0A2F9
	// modelled: true
}
