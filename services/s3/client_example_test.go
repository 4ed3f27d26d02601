package s3_test

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net/http/httptest"
	"strings"

	"github.com/goto3/goto3"
	"github.com/goto3/goto3/credentials"
	"github.com/goto3/goto3/internal/testing/faultserver"
	"github.com/goto3/goto3/services/s3"
)

// An in-memory S3 for the examples, and a Config for it (a real program
// takes its Config from a session: s3.New(sess.Config())).
func exampleServer() (*httptest.Server, goto3.Config) {
	srv := faultserver.New(faultserver.Options{Buckets: []string{"amzn-s3-demo-bucket"}})
	ts := httptest.NewServer(srv)
	c := srv.Credentials()
	return ts, goto3.Config{
		Region:      "us-east-1",
		Credentials: credentials.NewStatic(c.AccessKeyID, c.SecretAccessKey, ""),
		EndpointURL: ts.URL,
	}
}

func ExampleClient_GetObject() {
	ts, cfg := exampleServer()
	defer ts.Close()
	client, err := s3.New(cfg)
	if err != nil {
		panic(err)
	}
	ctx := context.Background()
	_, err = client.PutObject(ctx, &s3.PutObjectInput{
		Bucket: "amzn-s3-demo-bucket",
		Key:    "hello.txt",
		Body:   strings.NewReader("Hello, goto3!"),
	})
	if err != nil {
		panic(err)
	}
	out, err := client.GetObject(ctx, &s3.GetObjectInput{Bucket: "amzn-s3-demo-bucket", Key: "hello.txt"})
	if err != nil {
		panic(err)
	}
	defer out.Body.Close() // the caller closes a streaming body
	b, err := io.ReadAll(out.Body)
	if err != nil {
		panic(err)
	}
	fmt.Println(string(b), out.ResultMetadata.StatusCode, out.ResultMetadata.Attempts)
	// Output: Hello, goto3! 200 1
}

func ExampleClient_GetObject_errors() {
	ts, cfg := exampleServer()
	defer ts.Close()
	client, err := s3.New(cfg)
	if err != nil {
		panic(err)
	}
	_, err = client.GetObject(context.Background(), &s3.GetObjectInput{Bucket: "amzn-s3-demo-bucket", Key: "missing.txt"})

	// Branch on the modelled type, on the API error, or on the code alone.
	var nsk *s3.NoSuchKey
	fmt.Println(errors.As(err, &nsk))
	var api *goto3.APIError
	if errors.As(err, &api) {
		fmt.Println(api.Code, api.StatusCode)
	}
	fmt.Println(goto3.ErrorCode(err))
	fmt.Println(err)
	// Output:
	// true
	// NoSuchKey 404
	// NoSuchKey
	// s3: GetObject: An error occurred (NoSuchKey) when calling the GetObject operation: The specified key does not exist. (status 404, request id FS00000000000001)
}

func ExampleOptions_logger() {
	ts, cfg := exampleServer()
	defer ts.Close()
	// boto3.set_stream_logger: debug lines per attempt and retry decision
	// (use os.Stderr in a program).
	var logs strings.Builder
	client, err := s3.New(cfg, func(o *s3.Options) { o.Logger = goto3.NewStreamLogger(&logs, slog.LevelDebug) })
	if err != nil {
		panic(err)
	}
	_, err = client.HeadBucket(context.Background(), &s3.HeadBucketInput{Bucket: "amzn-s3-demo-bucket"})
	fmt.Println(err)
	fmt.Println(strings.Contains(logs.String(), `msg="goto3 request" service=S3 operation=HeadBucket method=HEAD`))
	// Output:
	// <nil>
	// true
}
