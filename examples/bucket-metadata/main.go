// Command bucket-metadata loads a bucket's metadata through the resource
// layer (creation date and region as boto3's bucket.load() finds them,
// versioning, tags, object count) and handles AccessDenied: a caller
// without s3:ListAllMyBuckets or the bucket's read permissions gets a
// clear message instead of a stack of errors.
//
//	go run ./examples/bucket-metadata -endpoint-url http://127.0.0.1:5000 -region us-east-1 -bucket my-bucket
//
// Without -bucket it creates a bucket with a few objects, reports on it and
// deletes it.
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"os"
	"strings"

	"github.com/goto3/goto3"
	"github.com/goto3/goto3/examples/internal/cli"
	"github.com/goto3/goto3/services/s3"
	"github.com/goto3/goto3/services/s3/resource"
)

func main() {
	var common cli.Flags
	common.Register(flag.CommandLine)
	bucket := flag.String("bucket", "", "bucket to report on (default: create a random goto3-example-... bucket, then delete it)")
	flag.Parse()
	err := run(context.Background(), common, *bucket)
	var api *goto3.APIError
	switch {
	case err == nil:
	case errors.As(err, &api) && api.Code == "AccessDenied":
		// Handled: say what is missing and stop cleanly.
		fmt.Printf("access denied (%s, status %d): the caller may not read this bucket's metadata; "+
			"it needs s3:ListAllMyBuckets and read access to the bucket\n", api.Operation, api.StatusCode)
	case errors.As(err, &api) && api.Code == "NoSuchBucket":
		fmt.Println("no such bucket")
		os.Exit(2)
	default:
		fmt.Fprintln(os.Stderr, "error:", err)
		os.Exit(1)
	}
}

func run(ctx context.Context, common cli.Flags, bucket string) error {
	sess, err := common.Session()
	if err != nil {
		return err
	}
	svc, err := resource.FromConfig(sess.Config())
	if err != nil {
		return err
	}
	var b *resource.Bucket
	if bucket != "" {
		b = svc.Bucket(bucket)
	} else {
		if b, err = svc.CreateBucket(ctx, &s3.CreateBucketInput{Bucket: cli.RandomName("goto3-example-")}); err != nil {
			return err
		}
		fmt.Println("created bucket", b.Name)
		defer func() {
			ctx := context.WithoutCancel(ctx)
			b.Objects().Delete(ctx)
			b.Delete(ctx, nil)
		}()
		for _, k := range []string{"a.txt", "b.txt", "logs/c.txt"} {
			if _, err := b.Object(k).Put(ctx, &s3.PutObjectInput{Body: strings.NewReader("metadata example " + k)}); err != nil {
				return err
			}
		}
		if err := b.Tagging().Put(ctx, []s3.Tag{{Key: "owner", Value: "examples"}}); err != nil {
			return err
		}
	}

	if err := b.Load(ctx); err != nil { // ListBuckets, as boto3
		return err
	}
	fmt.Println("bucket:", b.Name)
	if b.CreationDate.IsZero() {
		fmt.Println("creation date: unknown (owned by another account)")
	} else {
		fmt.Println("creation date:", b.CreationDate.UTC().Format("2006-01-02T15:04:05Z"))
	}
	if b.Region != "" {
		fmt.Println("region:", b.Region)
	}
	status, err := b.Versioning().Status(ctx)
	if err != nil {
		return err
	}
	if status == "" { // an s3.BucketVersioningStatus: Enabled, Suspended or never set
		fmt.Println("versioning: never enabled")
	} else {
		fmt.Println("versioning:", status)
	}
	tags, err := b.Tagging().Tags(ctx)
	if err != nil {
		return err
	}
	var kv []string
	for _, t := range tags {
		kv = append(kv, t.Key+"="+t.Value)
	}
	fmt.Printf("tags: %d [%s]\n", len(tags), strings.Join(kv, " "))
	var n, total int64
	for o, err := range b.Objects().All(ctx) {
		if err != nil {
			return err
		}
		n++
		total += o.Size
	}
	fmt.Printf("objects: %d, %d bytes\n", n, total)
	return nil
}
