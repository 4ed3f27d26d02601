package s3_test

import (
	"context"
	"fmt"
	"net/http/httptest"
	"strings"
	"time"

	"github.com/goto3/goto3"
	"github.com/goto3/goto3/credentials"
	"github.com/goto3/goto3/internal/testing/faultserver"
	"github.com/goto3/goto3/services/s3"
)

// exampleClient returns a client for an in-memory S3 (the repository's
// fault server) with a bucket named "photos".
func exampleClient() (*s3.Client, func()) {
	fs := faultserver.New(faultserver.Options{Buckets: []string{"photos"}})
	ts := httptest.NewServer(fs)
	cr := fs.Credentials()
	c, err := s3.New(goto3.Config{
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
	in := &s3.ListObjectsV2Input{Bucket: "photos", MaxKeys: goto3.Ptr[int32](2)}
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

// ListObjectsV2Items yields the objects (the Contents) of every page.
func ExampleClient_ListObjectsV2Items() {
	c, done := exampleClient()
	defer done()
	in := &s3.ListObjectsV2Input{Bucket: "photos", Prefix: goto3.Ptr("2026/"), MaxKeys: goto3.Ptr[int32](2)}
	for obj, err := range c.ListObjectsV2Items(context.Background(), in) {
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

// A paginator with boto3's PaginationConfig: at most MaxItems objects,
// PageSize per request, and a token to resume where the walk stopped.
func ExampleClient_ListObjectsV2Paginator() {
	c, done := exampleClient()
	defer done()
	ctx := context.Background()
	p := c.ListObjectsV2Paginator(&s3.ListObjectsV2Input{Bucket: "photos"})
	p.MaxItems, p.PageSize = 3, 2
	for obj, err := range p.Items(ctx) {
		if err != nil {
			fmt.Println(err)
			return
		}
		fmt.Println(*obj.Key)
	}
	// The rest, later: from the resume token.
	rest := c.ListObjectsV2Paginator(&s3.ListObjectsV2Input{Bucket: "photos"})
	rest.StartingToken = p.ResumeToken()
	for obj, err := range rest.Items(ctx) {
		if err != nil {
			fmt.Println(err)
			return
		}
		fmt.Println("then", *obj.Key)
	}
	// Output:
	// 2026/a.jpg
	// 2026/b.jpg
	// 2026/c.jpg
	// then 2026/d.jpg
	// then 2026/e.jpg
}

// WaitUntilObjectExists polls HeadObject until the object is there; the
// delays back off from the model's 5 seconds, and ctx bounds the wait.
// ObjectExistsWaiter gives a waiter whose config can be changed first
// (boto3's WaiterConfig).
func ExampleClient_ObjectExistsWaiter() {
	c, done := exampleClient()
	defer done()
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	w := c.ObjectExistsWaiter()
	w.MaxWait = 30 * time.Second
	err := w.Wait(ctx, &s3.HeadObjectInput{Bucket: "photos", Key: "2026/a.jpg"})
	fmt.Println(err)
	// Output:
	// <nil>
}
