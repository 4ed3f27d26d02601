package s3_test

import (
	"context"
	"fmt"
	"net/url"
	"time"

	"github.com/goto3/goto3"
	"github.com/goto3/goto3/credentials"
	"github.com/goto3/goto3/services/s3"
)

// A presigned GET URL lets anyone download one object for a while, with any
// HTTP client and without credentials.
func ExamplePresignClient_PresignGetObject() {
	c, err := s3.New(goto3.Config{
		Region:      "eu-west-1",
		Credentials: credentials.NewStatic("AKIDEXAMPLE", "SECRET", ""),
	}, func(o *s3.Options) { o.Now = func() time.Time { return time.Date(2026, 1, 2, 3, 4, 5, 0, time.UTC) } })
	if err != nil {
		panic(err)
	}
	p := s3.NewPresignClient(c, func(o *s3.PresignOptions) { o.Expires = time.Hour })
	pr, err := p.PresignGetObject(context.Background(), &s3.GetObjectInput{Bucket: "photos", Key: "2026/cat.jpg"})
	if err != nil {
		panic(err)
	}
	u, _ := url.Parse(pr.URL)
	q := u.Query()
	fmt.Println(pr.Method, u.Host+u.Path)
	fmt.Println(q.Get("X-Amz-Credential"), q.Get("X-Amz-Expires"), q.Get("X-Amz-SignedHeaders"))
	fmt.Println(pr.Expires)
	// Output:
	// GET photos.s3.eu-west-1.amazonaws.com/2026/cat.jpg
	// AKIDEXAMPLE/20260102/eu-west-1/s3/aws4_request 3600 host
	// 2026-01-02 04:04:05 +0000 UTC
}
