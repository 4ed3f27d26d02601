package restxml_test

import (
	"fmt"
	"io"
	"net/http"
	"net/url"
	"reflect"
	"strings"

	"github.com/goto3/goto3/protocol"
	"github.com/goto3/goto3/protocol/restxml"
)

// getObjectInput and noSuchBucket are hand-built stand-ins for the types
// generated in services/s3 (whose examples use the real schema).
type getObjectInput struct {
	Bucket string
	Key    string
	Range  *string
}

type noSuchBucket struct{}

func (*noSuchBucket) Error() string { return "NoSuchBucket" }

var (
	exampleStr     = &protocol.Shape{Name: "String", Type: protocol.TypeString}
	exampleService = &protocol.Service{ID: "S3", APIVersion: "2006-03-01", Protocol: "rest-xml"}
	exampleNoSuch  = &protocol.Shape{Name: "NoSuchBucket", Type: protocol.TypeStructure, Payload: -1, Exception: true,
		ErrorCode: "NoSuchBucket", HTTPStatus: 404, GoType: reflect.TypeFor[noSuchBucket]()}
	exampleGetObject = &protocol.Operation{
		// As in services/s3, the bucket is not in the request URI: the
		// endpoint rules put it into the host or the endpoint's path.
		Service: exampleService, Name: "GetObject", Method: "GET", RequestURI: "/{Key+}",
		Input: &protocol.Shape{Name: "GetObjectRequest", Type: protocol.TypeStructure, Payload: -1,
			GoType: reflect.TypeFor[getObjectInput](),
			Members: []protocol.Member{
				{Name: "Bucket", Field: 0, Shape: exampleStr, Required: true, Location: protocol.LocationURI, LocationName: "Bucket"},
				{Name: "Key", Field: 1, Shape: exampleStr, Required: true, Location: protocol.LocationURI, LocationName: "Key"},
				{Name: "Range", Field: 2, Shape: exampleStr, Location: protocol.LocationHeader, LocationName: "Range"},
			}},
		Errors: []*protocol.Shape{exampleNoSuch},
	}
)

func ExampleMarshalRequest() {
	u, _ := url.Parse("https://s3.us-east-1.amazonaws.com/my-bucket") // path-style endpoint
	req := &http.Request{URL: u, Header: http.Header{}}
	rng := "bytes=0-99"
	in := &getObjectInput{Bucket: "my-bucket", Key: "photos/summer 2024.jpg", Range: &rng}
	if err := restxml.MarshalRequest(req, exampleGetObject, in, protocol.MarshalOptions{}); err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(req.Method, req.URL)
	fmt.Println("Range:", req.Header.Get("Range"))
	// Output:
	// GET https://s3.us-east-1.amazonaws.com/my-bucket/photos/summer%202024.jpg
	// Range: bytes=0-99
}

func ExampleUnmarshalError() {
	resp := &http.Response{
		StatusCode: 404,
		Header:     http.Header{"X-Amz-Request-Id": {"4442587FB7D0A2F9"}},
		Body:       io.NopCloser(strings.NewReader(`<Error><Code>NoSuchBucket</Code><Message>The specified bucket does not exist</Message></Error>`)),
	}
	re := restxml.UnmarshalError(resp, exampleGetObject)
	fmt.Println(re.Code, re.StatusCode, re.RequestID)
	_, modeled := re.Modeled.(*noSuchBucket)
	fmt.Println("modelled:", modeled)
	// Output:
	// NoSuchBucket 404 4442587FB7D0A2F9
	// modelled: true
}
