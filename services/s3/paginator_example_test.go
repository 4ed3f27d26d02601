package s3_test

import (
	"context"
	"fmt"
	"net/http/httptest"
	"strings"
	"time"

	"github.com/goto3/goto3/credentials"
	"github.com/goto3/goto3/internal/faultserver"
	"github.com/goto3/goto3/services/s3"
)

// exampleClient returns a client for an in-memory S3 (the repository's
// fault server) with a bucket named "photos".
func exampleClient() (*s3.Client, func()) {
	fs := faultserver.New(faultserver.Options{Buckets: []string{"photos"}})
	ts := httptest.NewServer(fs)
	cr := fs.Credentials()
	c, err := s3.NewFromOptions(s3.Options{
		Region:      fs.Region(),
		Credentials: credentials.NewStatic(cr.AccessKeyID, cr.SecretAccessKey, cr.SessionToken),
		EndpointURL: ts.URL,
	})
	if err != nil {
		panic(err)
	}
	ctx := context.Background()
	for _, k := range []string{"2026/a.jpg", "2026/b.jpg", "2026/c.jpg", "2026/d.jpg", "2026/e.jpg"} {
		if _, err := c.PutObject(ctx, &s3.PutObjectInput{Bucket: "photos", Key: k, Body: strings.NewReader(k)}); err != nil {
			panic(err)
		}
	}
	return c, ts.Close
}

// ListObjectsV2Pages yields one output per page; the page size is the
// input's MaxKeys.
func ExampleClient_ListObjectsV2Pages() {
	c, done := exampleClient()
	defer done()
	in := &s3.ListObjectsV2Input{Bucket: "photos", MaxKeys: ptr[int32](2)}
	for page, err := range c.ListObjectsV2Pages(context.Background(), in) {
		if err != nil {
			fmt.Println(err)
			return
		}
		fmt.Println(len(page.Contents), "keys, truncated:", *page.IsTruncated)
	}
	// Output:
	// 2 keys, truncated: true
	// 2 keys, truncated: true
	// 1 keys, truncated: false
}

// ListObjectsV2Contents yields the objects of every page.
func ExampleClient_ListObjectsV2Contents() {
	c, done := exampleClient()
	defer done()
	in := &s3.ListObjectsV2Input{Bucket: "photos", Prefix: ptr("2026/"), MaxKeys: ptr[int32](2)}
	for obj, err := range c.ListObjectsV2Contents(context.Background(), in) {
		if err != nil {
			fmt.Println(err)
			return
		}
		fmt.Println(*obj.Key, *obj.Size)
	}
	// Output:
	// 2026/a.jpg 10
	// 2026/b.jpg 10
	// 2026/c.jpg 10
	// 2026/d.jpg 10
	// 2026/e.jpg 10
}

// WaitUntilObjectExists polls HeadObject until the object is there; the
// delays back off from the model's 5 seconds, and ctx bounds the wait.
func ExampleClient_WaitUntilObjectExists() {
	c, done := exampleClient()
	defer done()
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	err := c.WaitUntilObjectExists(ctx, &s3.HeadObjectInput{Bucket: "photos", Key: "2026/a.jpg"}, func(o *s3.WaiterOptions) {
		o.MaxWait = 30 * time.Second
	})
	fmt.Println(err)
	// Output:
	// <nil>
}
