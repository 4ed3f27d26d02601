package resource_test

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"log"
	"net/http/httptest"
	"net/url"
	"strings"
	"time"

	"github.com/johannesboyne/gofakes3"
	"github.com/johannesboyne/gofakes3/backend/s3mem"

	"github.com/goto3/goto3"
	"github.com/goto3/goto3/services/s3"
	"github.com/goto3/goto3/services/s3/resource"
	"github.com/goto3/goto3/session"
	"github.com/goto3/goto3/transfer"
)

// An in-memory S3 for the examples; a real program passes no endpoint and
// takes its credentials and region from the environment.
func exampleService() (*resource.Service, func()) {
	ts := httptest.NewServer(gofakes3.New(s3mem.New()).Server())
	sess, err := session.New(
		session.WithRegion("us-east-1"),
		session.WithCredentials("AKIDEXAMPLE", "example-secret", ""),
		session.WithEndpointURL(ts.URL),
	)
	if err != nil {
		log.Fatal(err)
	}
	svc, err := resource.FromConfig(sess.Config())
	if err != nil {
		log.Fatal(err)
	}
	return svc, ts.Close
}

// boto3: bucket = s3.Bucket(name); bucket.create(); bucket.put_object(...);
// for o in bucket.objects.filter(Prefix="logs/"): ...
func Example() {
	svc, stop := exampleService()
	defer stop()
	ctx := context.Background()

	bucket := svc.Bucket("example-bucket") // sends nothing
	if _, err := bucket.Create(ctx, nil); err != nil {
		log.Fatal(err)
	}
	for _, k := range []string{"logs/a.txt", "logs/b.txt", "img/c.png"} {
		if _, err := bucket.Object(k).Put(ctx, &s3.PutObjectInput{Body: strings.NewReader("hello " + k)}); err != nil {
			log.Fatal(err)
		}
	}
	for o, err := range bucket.Objects().Filter("logs/").All(ctx) {
		if err != nil {
			log.Fatal(err)
		}
		fmt.Println(o.Key, o.Size)
	}

	obj := bucket.Object("img/c.png")
	if err := obj.Load(ctx); err != nil { // HeadObject
		log.Fatal(err)
	}
	fmt.Println(obj.ContentLength, obj.StorageClass)
	// Output:
	// logs/a.txt 16
	// logs/b.txt 16
	// 15 STANDARD
}

// Errors are the client's: errors.As reaches the modelled type and the
// API error, goto3.ErrorCode the code.
func ExampleObject_Get_errors() {
	svc, stop := exampleService()
	defer stop()
	ctx := context.Background()
	bucket, err := svc.CreateBucket(ctx, &s3.CreateBucketInput{Bucket: "example-bucket"})
	if err != nil {
		log.Fatal(err)
	}
	_, err = bucket.Object("missing.txt").Get(ctx, nil)
	var nsk *s3.NoSuchKey
	fmt.Println(errors.As(err, &nsk), goto3.ErrorCode(err))

	exists, err := bucket.Object("missing.txt").Exists(ctx)
	fmt.Println(exists, err)

	_, err = svc.Bucket("no-such-bucket").Objects().Delete(ctx)
	fmt.Println(goto3.ErrorCode(err))
	// Output:
	// true NoSuchKey
	// false <nil>
	// NoSuchBucket
}

// Emptying a bucket: DeleteObjects in runs of up to 1000 keys.
func ExampleObjectCollection_Delete() {
	svc, stop := exampleService()
	defer stop()
	ctx := context.Background()
	bucket, err := svc.CreateBucket(ctx, &s3.CreateBucketInput{Bucket: "example-bucket"})
	if err != nil {
		log.Fatal(err)
	}
	for i := range 3 {
		if _, err := bucket.Object(fmt.Sprintf("tmp/%d", i)).Put(ctx, &s3.PutObjectInput{
			Body:        strings.NewReader("x"),
			ContentType: goto3.Ptr("text/plain"),
		}); err != nil {
			log.Fatal(err)
		}
	}
	res, err := bucket.Objects().Filter("tmp/").Delete(ctx)
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println(len(res.Deleted), "deleted in", res.Requests, "request")
	if _, err := bucket.Delete(ctx, nil); err != nil {
		log.Fatal(err)
	}
	// Output: 3 deleted in 1 request
}

// A presigned request's expiry is Options.Presign.Expires: the service's,
// or a call's, as every per-call change goes through optFns.
func ExampleObject_Presign() {
	svc, stop := exampleService()
	defer stop()
	ctx := context.Background()
	obj := svc.Object("example-bucket", "report.pdf")
	pr, err := obj.Presign(ctx, &s3.GetObjectInput{ResponseContentDisposition: goto3.Ptr("attachment")},
		func(o *resource.Options) { o.Presign.Expires = time.Hour })
	if err != nil {
		log.Fatal(err)
	}
	u, err := url.Parse(pr.URL)
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println(pr.Method, u.Path, u.Query().Get("X-Amz-Expires"), u.Query().Get("response-content-disposition"))
	// Output: GET /example-bucket/report.pdf 3600 attachment
}

// A transfer's configuration is Options.Transfer; a call's optFns change
// it for that transfer only.
func ExampleObject_Upload() {
	svc, stop := exampleService()
	defer stop()
	ctx := context.Background()
	bucket, err := svc.CreateBucket(ctx, &s3.CreateBucketInput{Bucket: "example-bucket"})
	if err != nil {
		log.Fatal(err)
	}
	data := bytes.Repeat([]byte("x"), 12<<20)
	for _, partSize := range []int64{5 << 20, 8 << 20} {
		out, err := bucket.Object("data.bin").Upload(ctx, &transfer.UploadInput{Body: bytes.NewReader(data)},
			func(o *resource.Options) { o.Transfer.PartSize = partSize })
		if err != nil {
			log.Fatal(err)
		}
		fmt.Printf("%d MiB parts: %d parts\n", partSize>>20, out.Parts)
	}
	// Output:
	// 5 MiB parts: 3 parts
	// 8 MiB parts: 2 parts
}
