package s3_test

import (
	"errors"
	"fmt"

	"github.com/goto3/goto3"
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

// The endpoint rules, resolved directly: the typed parameters of S3's rule
// set.
func ExampleResolveEndpoint() {
	ep, err := s3.ResolveEndpoint(s3.EndpointParameters{
		Region: goto3.Ptr("eu-west-1"),
		Bucket: goto3.Ptr("amzn-s3-demo-bucket"),
	})
	if err != nil {
		panic(err)
	}
	fmt.Println(ep.URL, ep.AuthSchemes[0].Name, ep.AuthSchemes[0].SigningRegion)
	// Output: https://amzn-s3-demo-bucket.s3.eu-west-1.amazonaws.com sigv4 eu-west-1
}
