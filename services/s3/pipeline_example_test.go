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

// A generated method is one call of the pipeline client's Invoke with the
// operation's schema (internal/pipeline's ExampleClient_Invoke, here with
// S3's schema and customizations).
func Example_pipelineInvoke() {
	srv := faultserver.New(faultserver.Options{Buckets: []string{"bkt"}})
	ts := httptest.NewServer(srv)
	defer ts.Close()
	cr := srv.Credentials()
	client, err := s3.New(goto3.Config{
		Region:      "us-east-1",
		Credentials: credentials.NewStatic(cr.AccessKeyID, cr.SecretAccessKey, ""),
	}, func(o *s3.Options) { o.EndpointURL = ts.URL })
	if err != nil {
		panic(err)
	}
	c := s3.Core(client)
	var op = s3ops["PutObject"]
	out := &s3.PutObjectOutput{}
	err = c.Invoke(context.Background(), op, &s3.PutObjectInput{Bucket: "bkt", Key: "k", Body: strings.NewReader("v")}, out, &out.ResultMetadata)
	fmt.Println(err, out.ResultMetadata.StatusCode, *out.ChecksumCRC32)

	pr, err := c.Presign(context.Background(), s3ops["GetObject"], &s3.GetObjectInput{Bucket: "bkt", Key: "k"}, time.Hour)
	fmt.Println(err, pr.Method, strings.Contains(pr.URL, "X-Amz-Signature="))
	// Output:
	// <nil> 200 a2Q7hA==
	// <nil> GET true
}
