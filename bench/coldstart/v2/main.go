// Command v2 is the aws-sdk-go-v2 twin of ../goto3: a config from the
// environment (LoadDefaultConfig), an S3 client, one HeadObject, exit.
package main

import (
	"context"
	"fmt"
	"os"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/config"
	"github.com/aws/aws-sdk-go-v2/service/s3"
)

func main() {
	ctx := context.Background()
	cfg, err := config.LoadDefaultConfig(ctx)
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	c := s3.NewFromConfig(cfg, func(o *s3.Options) { o.UsePathStyle = true })
	out, err := c.HeadObject(ctx, &s3.HeadObjectInput{Bucket: aws.String(os.Args[1]), Key: aws.String(os.Args[2])})
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	fmt.Println(*out.ContentLength)
}
