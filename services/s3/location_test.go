package s3_test

import (
	"context"
	"testing"

	"github.com/goto3/goto3/internal/testing/testpeer"
	"github.com/goto3/goto3/services/s3"
)

// TestGetBucketLocationPeers checks GetBucketLocation's root-element answer
// against real S3 implementations: a bucket created with a location
// constraint reports it, a us-east-1 bucket reports nil (botocore: None).
func TestGetBucketLocationPeers(t *testing.T) {
	peers := []struct {
		name  string
		start func(t *testing.T) *testpeer.Server
		// region is where the bucket is created ("" for the peer's own).
		region string
	}{
		{"gofakes3", func(t *testing.T) *testpeer.Server { return testpeer.GoFakeS3(t, testpeer.GoFakeS3Options{}) }, ""},
		{"moto us-east-1", func(t *testing.T) *testpeer.Server { return testpeer.Moto(t, testpeer.MotoOptions{}) }, ""},
		{"moto eu-west-1", func(t *testing.T) *testpeer.Server { return testpeer.Moto(t, testpeer.MotoOptions{}) }, "eu-west-1"},
		{"versitygw", func(t *testing.T) *testpeer.Server { return testpeer.Versitygw(t, testpeer.VersitygwOptions{}) }, ""},
	}
	for _, p := range peers {
		t.Run(p.name, func(t *testing.T) {
			srv := p.start(t)
			c := clientFor(t, srv, func(o *s3.Options) {
				if p.region != "" {
					o.Region = p.region
				}
			})
			ctx := context.Background()
			bucket := testpeer.BucketName(t)
			in := &s3.CreateBucketInput{Bucket: bucket}
			if p.region != "" {
				in.CreateBucketConfiguration = &s3.CreateBucketConfiguration{LocationConstraint: ptr(s3.BucketLocationConstraint(p.region))}
			}
			if _, err := c.CreateBucket(ctx, in); err != nil {
				t.Fatal(err)
			}
			t.Cleanup(func() { _, _ = c.DeleteBucket(context.Background(), &s3.DeleteBucketInput{Bucket: bucket}) })
			out, err := c.GetBucketLocation(ctx, &s3.GetBucketLocationInput{Bucket: bucket})
			if err != nil {
				t.Fatal(err)
			}
			got := ""
			if out.LocationConstraint != nil {
				got = string(*out.LocationConstraint)
				if got == "" {
					t.Errorf("got a non-nil empty LocationConstraint, want nil for an empty answer")
				}
			}
			if got != p.region {
				t.Errorf("got LocationConstraint %q, want %q", got, p.region)
			}
		})
	}
}
