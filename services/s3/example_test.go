package s3_test

import (
	"errors"
	"fmt"

	"github.com/goto3/goto3/services/s3"
)

// An input struct: required members are plain values, optional ones
// pointers, enumerations typed string constants.
func Example() {
	acl := s3.ObjectCannedACLPrivate
	in := &s3.PutObjectInput{
		Bucket: "amzn-s3-demo-bucket",
		Key:    "notes/hello.txt",
		ACL:    &acl,
	}
	fmt.Println(in.Bucket, in.Key, *in.ACL)
	// Output: amzn-s3-demo-bucket notes/hello.txt private
}

// Every enumeration lists its values.
func ExampleBucketCannedACL_Values() {
	for _, v := range s3.BucketCannedACL("").Values() {
		fmt.Println(v)
	}
	// Output:
	// private
	// public-read
	// public-read-write
	// authenticated-read
}

// Modelled errors are matched with errors.As.
func ExampleNoSuchKey() {
	err := fmt.Errorf("get object: %w", &s3.NoSuchKey{})
	var nsk *s3.NoSuchKey
	if errors.As(err, &nsk) {
		fmt.Println(nsk.ErrorCode())
	}
	// Output: NoSuchKey
}

// The schema the codecs walk: S3 request URIs have the bucket removed (the
// endpoint resolver puts it in the host name or the path).
func ExampleOperationSchemas() {
	for _, op := range s3.OperationSchemas() {
		switch op.Name {
		case "GetObject", "PutBucketCors", "ListBuckets":
			fmt.Println(op.Name, op.Method, op.RequestURI, op.Input.Name)
		}
	}
	fmt.Println(s3.ServiceSchema().Protocol)
	// Output:
	// GetObject GET /{Key+} GetObjectRequest
	// ListBuckets GET / ListBucketsRequest
	// PutBucketCors PUT /?cors PutBucketCorsRequest
	// rest-xml
}
