// Command client-and-resource shows the two ways into S3, as in boto3:
// the low-level client (boto3.client("s3")), one call per API operation
// with typed inputs and outputs, and the resource layer
// (boto3.resource("s3")), Bucket and Object values with actions.
//
//	go run ./examples/client-and-resource -endpoint-url http://127.0.0.1:5000 -region us-east-1
package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"os"
	"strings"

	"github.com/goto3/goto3/examples/internal/cli"
	"github.com/goto3/goto3/services/s3"
	"github.com/goto3/goto3/services/s3/resource"
)

func main() {
	var common cli.Flags
	common.Register(flag.CommandLine)
	bucket := flag.String("bucket", "", "bucket to create and delete (default: a random goto3-example-... name)")
	flag.Parse()
	if err := run(context.Background(), common, *bucket); err != nil {
		fmt.Fprintln(os.Stderr, "error:", err)
		os.Exit(1)
	}
}

func run(ctx context.Context, common cli.Flags, bucket string) error {
	sess, err := common.Session() // boto3.Session()
	if err != nil {
		return err
	}
	if bucket == "" {
		bucket = cli.RandomName("goto3-example-")
	}

	// The client: boto3.client("s3").
	client, err := s3.New(sess.Config())
	if err != nil {
		return err
	}
	if _, err := client.CreateBucket(ctx, &s3.CreateBucketInput{Bucket: bucket}); err != nil {
		return err
	}
	fmt.Println("client: created bucket", bucket)
	body := "Hello from the client"
	if _, err := client.PutObject(ctx, &s3.PutObjectInput{
		Bucket: bucket, Key: "hello.txt", Body: strings.NewReader(body), ContentType: ptr("text/plain"),
	}); err != nil {
		return err
	}
	fmt.Println("client: put hello.txt")
	list, err := client.ListObjectsV2(ctx, &s3.ListObjectsV2Input{Bucket: bucket})
	if err != nil {
		return err
	}
	fmt.Println("client: ListObjectsV2 returned", len(list.Contents), "key(s)")

	// The resource: boto3.resource("s3"), over the same client.
	svc, err := resource.New(client)
	if err != nil {
		return err
	}
	b := svc.Bucket(bucket) // no request yet
	obj := b.Object("hello.txt")
	if err := obj.Load(ctx); err != nil { // HeadObject
		return err
	}
	fmt.Printf("resource: %s is %d bytes of %s\n", obj.Key, obj.ContentLength, obj.ContentType)
	out, err := obj.Get(ctx, nil)
	if err != nil {
		return err
	}
	got, err := io.ReadAll(out.Body)
	out.Body.Close() // the caller closes a streaming body
	if err != nil {
		return err
	}
	fmt.Printf("resource: read %q\n", got)
	if _, err := b.Object("copy.txt").Put(ctx, &s3.PutObjectInput{Body: strings.NewReader("Hello from the resource")}); err != nil {
		return err
	}
	for o, err := range b.Objects().All(ctx) {
		if err != nil {
			return err
		}
		fmt.Printf("resource: listed %s (%d bytes)\n", o.Key, o.Size)
	}

	// Clean up through the resource: empty the bucket, then delete it.
	res, err := b.Objects().Delete(ctx)
	if err != nil {
		return err
	}
	fmt.Println("resource: deleted", len(res.Deleted), "object(s)")
	if _, err := b.Delete(ctx, nil); err != nil {
		return err
	}
	fmt.Println("resource: deleted bucket", bucket)
	return nil
}

func ptr[T any](v T) *T { return &v }
