// Command bucket-cors sets a bucket's CORS configuration and reads it
// back (boto3's put_bucket_cors / get_bucket_cors, or bucket.Cors()), then
// deletes it.
//
//	go run ./examples/bucket-cors -endpoint-url http://127.0.0.1:5000 -region us-east-1 -origin https://example.com
package main

import (
	"context"
	"flag"
	"fmt"
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
	origin := flag.String("origin", "https://www.example.com", "origin allowed by the rule")
	flag.Parse()
	if err := run(context.Background(), common, *bucket, *origin); err != nil {
		fmt.Fprintln(os.Stderr, "error:", err)
		os.Exit(1)
	}
}

func run(ctx context.Context, common cli.Flags, bucket, origin string) error {
	sess, err := common.Session()
	if err != nil {
		return err
	}
	client, err := s3.New(sess.Config())
	if err != nil {
		return err
	}
	if bucket == "" {
		bucket = cli.RandomName("goto3-example-")
	}
	if _, err := client.CreateBucket(ctx, &s3.CreateBucketInput{Bucket: bucket}); err != nil {
		return err
	}
	defer client.DeleteBucket(context.WithoutCancel(ctx), &s3.DeleteBucketInput{Bucket: bucket})
	fmt.Println("created bucket", bucket)

	// With the client: one call per operation.
	maxAge := int32(3000)
	_, err = client.PutBucketCors(ctx, &s3.PutBucketCorsInput{
		Bucket: bucket,
		CORSConfiguration: &s3.CORSConfiguration{CORSRules: []s3.CORSRule{
			{
				ID:             ptr("browser-uploads"),
				AllowedOrigins: []string{origin},
				AllowedMethods: []string{"PUT", "POST", "DELETE"},
				AllowedHeaders: []string{"*"},
				ExposeHeaders:  []string{"ETag"},
				MaxAgeSeconds:  &maxAge,
			},
			{AllowedOrigins: []string{"*"}, AllowedMethods: []string{"GET"}},
		}},
	})
	if err != nil {
		return err
	}
	fmt.Println("put 2 CORS rules")
	out, err := client.GetBucketCors(ctx, &s3.GetBucketCorsInput{Bucket: bucket})
	if err != nil {
		return err
	}
	for i, r := range out.CORSRules {
		printRule(i, r)
	}

	// With the resource: bucket.Cors() reads as an empty list once the
	// configuration is gone (NoSuchCORSConfiguration).
	svc, err := resource.New(client)
	if err != nil {
		return err
	}
	cors := svc.Bucket(bucket).Cors()
	if err := cors.Delete(ctx); err != nil {
		return err
	}
	fmt.Println("deleted the CORS configuration")
	rules, err := cors.Rules(ctx)
	if err != nil {
		return err
	}
	fmt.Println("rules now:", len(rules))
	return nil
}

func printRule(i int, r s3.CORSRule) {
	id := "-"
	if r.ID != nil {
		id = *r.ID
	}
	age := "-"
	if r.MaxAgeSeconds != nil {
		age = fmt.Sprint(*r.MaxAgeSeconds)
	}
	fmt.Printf("rule %d: id=%s origins=%s methods=%s headers=%s expose=%s max-age=%s\n", i, id,
		strings.Join(r.AllowedOrigins, ","), strings.Join(r.AllowedMethods, ","),
		strings.Join(r.AllowedHeaders, ","), strings.Join(r.ExposeHeaders, ","), age)
}

func ptr[T any](v T) *T { return &v }
