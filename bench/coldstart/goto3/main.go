// Command goto3 is goto3's cold-start probe: a Session from the
// environment, an S3 client, one HeadObject (bucket and key from the
// arguments), exit. ../run starts it and its aws-sdk-go-v2 twin ../v2
// alternately and reports exec-to-exit times.
package main

import (
	"context"
	"fmt"
	"os"

	"github.com/goto3/goto3/services/s3"
	"github.com/goto3/goto3/session"
)

func main() {
	sess, err := session.New()
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	c, err := s3.New(sess.Config(), func(o *s3.Options) { o.AddressingStyle = s3.AddressingStylePath })
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	out, err := c.HeadObject(context.Background(), &s3.HeadObjectInput{Bucket: os.Args[1], Key: os.Args[2]})
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	fmt.Println(*out.ContentLength)
}
