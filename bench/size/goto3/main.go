// Command goto3 is the binary-size probe for goto3: a program that makes
// S3 and DynamoDB clients from the environment and calls one operation of
// each (see ../README.md).
package main

import (
	"context"
	"fmt"
	"io"
	"os"

	"github.com/goto3/goto3"
	"github.com/goto3/goto3/services/dynamodb"
	"github.com/goto3/goto3/services/s3"
	"github.com/goto3/goto3/session"
)

func main() {
	ctx := context.Background()
	sess, err := session.New()
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	s3c, err := s3.New(sess.Config())
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	ddb, err := dynamodb.New(sess.Config())
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	obj, err := s3c.GetObject(ctx, &s3.GetObjectInput{Bucket: os.Args[1], Key: os.Args[2]})
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	n, _ := io.Copy(io.Discard, obj.Body)
	obj.Body.Close()
	item, err := ddb.GetItem(ctx, &dynamodb.GetItemInput{TableName: os.Args[3],
		Key: map[string]dynamodb.AttributeValue{"pk": {S: goto3.Ptr(os.Args[4])}}})
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	fmt.Println(n, len(item.Item))
}
