// Command error-codes shows boto3's ClientError pattern in Go: catch the
// API error, branch on its code, and let the others go up.
//
//	try:
//	    rules = s3.get_bucket_cors(Bucket=b)["CORSRules"]
//	except ClientError as e:
//	    if e.response["Error"]["Code"] == "NoSuchCORSConfiguration":
//	        rules = []
//	    else:
//	        raise
//
// Here errors.As reaches the *goto3.APIError (code, message, status,
// request id) inside the *goto3.OperationError every call returns, and
// goto3.ErrorCode is the short form.
//
//	go run ./examples/error-codes -endpoint-url http://127.0.0.1:5000 -region us-east-1
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"os"

	"github.com/goto3/goto3"
	"github.com/goto3/goto3/examples/internal/cli"
	"github.com/goto3/goto3/services/s3"
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

// corsRules returns the bucket's CORS rules; a bucket without a CORS
// configuration has none. Every other error goes up, wrapped.
func corsRules(ctx context.Context, client *s3.Client, bucket string) ([]s3.CORSRule, error) {
	out, err := client.GetBucketCors(ctx, &s3.GetBucketCorsInput{Bucket: bucket})
	var api *goto3.APIError
	switch {
	case err == nil:
		return out.CORSRules, nil
	case errors.As(err, &api) && api.Code == "NoSuchCORSConfiguration":
		return nil, nil
	default:
		return nil, fmt.Errorf("reading the CORS rules of %s: %w", bucket, err)
	}
}

func run(ctx context.Context, common cli.Flags, bucket string) error {
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

	// 1. NoSuchCORSConfiguration is expected: it means "no rules".
	rules, err := corsRules(ctx, client, bucket)
	if err != nil {
		return err
	}
	fmt.Println("bucket without CORS:", len(rules), "rules")

	// 2. Any other code goes up; the caller can still match it.
	missing := bucket + "-missing"
	_, err = corsRules(ctx, client, missing)
	var api *goto3.APIError
	if !errors.As(err, &api) {
		return fmt.Errorf("want an API error for a missing bucket, got %v", err)
	}
	fmt.Println("missing bucket: error went up with code", api.Code, "and status", api.StatusCode)
	fmt.Println("missing bucket: goto3.ErrorCode =", goto3.ErrorCode(err))

	// 3. Matching the modelled type of another operation.
	_, err = client.GetObject(ctx, &s3.GetObjectInput{Bucket: bucket, Key: "no-such-key"})
	var nsk *s3.NoSuchKey
	if errors.As(err, &nsk) {
		fmt.Println("missing key: caught *s3.NoSuchKey")
	} else {
		return fmt.Errorf("want NoSuchKey, got %w", err)
	}
	return nil
}
