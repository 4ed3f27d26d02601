// Command v2 is the binary-size probe for aws-sdk-go-v2: the same program
// as ../goto3 (see ../README.md).
package main

import (
	"context"
	"fmt"
	"io"
	"os"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/config"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb/types"
	"github.com/aws/aws-sdk-go-v2/service/s3"
)

func main() {
	ctx := context.Background()
	cfg, err := config.LoadDefaultConfig(ctx)
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	s3c := s3.NewFromConfig(cfg)
	ddb := dynamodb.NewFromConfig(cfg)
	obj, err := s3c.GetObject(ctx, &s3.GetObjectInput{Bucket: aws.String(os.Args[1]), Key: aws.String(os.Args[2])})
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	n, _ := io.Copy(io.Discard, obj.Body)
	obj.Body.Close()
	item, err := ddb.GetItem(ctx, &dynamodb.GetItemInput{TableName: aws.String(os.Args[3]),
		Key: map[string]types.AttributeValue{"pk": &types.AttributeValueMemberS{Value: os.Args[4]}}})
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	fmt.Println(n, len(item.Item))
}
