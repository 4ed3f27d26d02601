package transfer_test

import (
	"github.com/goto3/goto3"

	"context"
	"os"
	"testing"
	"time"

	"github.com/goto3/goto3/credentials"
	"github.com/goto3/goto3/internal/testing/testpeer"
	"github.com/goto3/goto3/services/s3"
	"github.com/goto3/goto3/transfer"
)

func TestMain(m *testing.M) {
	code := m.Run()
	testpeer.StopShared()
	os.Exit(code)
}

// newClient returns an S3 client for a server at url (path-style).
func newClient(t testing.TB, url, region, ak, sk string, opts ...func(*s3.Options)) *s3.Client {
	t.Helper()
	o := s3.Options{
		Region:          region,
		Credentials:     credentials.NewStatic(ak, sk, ""),
		EndpointURL:     url,
		AddressingStyle: s3.AddressingStylePath,
	}
	for _, f := range opts {
		f(&o)
	}
	c, err := s3.New(goto3.Config{}, func(co *s3.Options) { *co = o })
	if err != nil {
		t.Fatal(err)
	}
	return c
}

func peerClient(t testing.TB, srv *testpeer.Server, opts ...func(*s3.Options)) *s3.Client {
	return newClient(t, srv.URL, srv.Region, srv.AccessKeyID, srv.SecretAccessKey, opts...)
}

func createBucket(t testing.TB, c *s3.Client, bucket string) {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	if _, err := c.CreateBucket(ctx, &s3.CreateBucketInput{Bucket: bucket}); err != nil {
		t.Fatal(err)
	}
}

func newPeerManager(t testing.TB, c *s3.Client, cfg transfer.Options) *transfer.Manager {
	t.Helper()
	m, err := transfer.New(c, func(o *transfer.Options) { *o = cfg })
	if err != nil {
		t.Fatal(err)
	}
	return m
}
