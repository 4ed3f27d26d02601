package s3_test

import (
	"bytes"
	"context"
	"testing"

	"github.com/goto3/goto3/internal/testing/testpeer"
	"github.com/goto3/goto3/services/s3"
)

// TestSelectObjectContentMoto runs a query against moto's S3 Select.
func TestSelectObjectContentMoto(t *testing.T) {
	srv := testpeer.Moto(t, testpeer.MotoOptions{})
	c := clientFor(t, srv)
	ctx := context.Background()
	bucket := testpeer.BucketName(t)
	if _, err := c.CreateBucket(ctx, &s3.CreateBucketInput{Bucket: bucket}); err != nil {
		t.Fatal(err)
	}
	csv := "name,n\nalpha,1\nbeta,2\ngamma,3\n"
	if _, err := c.PutObject(ctx, &s3.PutObjectInput{Bucket: bucket, Key: "data.csv", Body: bytes.NewReader([]byte(csv))}); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		c.DeleteObject(context.Background(), &s3.DeleteObjectInput{Bucket: bucket, Key: "data.csv"})
		c.DeleteBucket(context.Background(), &s3.DeleteBucketInput{Bucket: bucket})
	})
	out, err := c.SelectObjectContent(ctx, &s3.SelectObjectContentInput{
		Bucket: bucket, Key: "data.csv",
		Expression: "SELECT * FROM S3Object s", ExpressionType: s3.ExpressionTypeSql,
		InputSerialization:  &s3.InputSerialization{CSV: &s3.CSVInput{FileHeaderInfo: ptr(s3.FileHeaderInfoUse)}},
		OutputSerialization: &s3.OutputSerialization{CSV: &s3.CSVOutput{}},
	})
	if err != nil {
		t.Fatal(err)
	}
	events := out.Events()
	defer events.Close()
	var records bytes.Buffer
	var sawStats, sawEnd bool
	for ev, err := range events.All() {
		if err != nil {
			t.Fatal(err)
		}
		switch {
		case ev.Records != nil:
			records.Write(ev.Records.Payload)
		case ev.Stats != nil:
			sawStats = true
		case ev.End != nil:
			sawEnd = true
		}
	}
	t.Logf("records %q", records.String())
	if !sawEnd || !sawStats {
		t.Errorf("got Stats %v, End %v; want both", sawStats, sawEnd)
	}
	if !bytes.Contains(records.Bytes(), []byte("beta")) {
		t.Errorf("got records %q, want the rows", records.String())
	}
}
