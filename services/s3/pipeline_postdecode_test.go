package s3_test

import (
	"net/http"
	"testing"

	"github.com/goto3/goto3"
	"github.com/goto3/goto3/credentials"
	"github.com/goto3/goto3/services/s3"
)

func TestGetBucketLocation(t *testing.T) {
	tests := []struct {
		name string
		body string
		want *s3.BucketLocationConstraint
	}{
		{"region", `<?xml version="1.0" encoding="UTF-8"?>` + "\n" + `<LocationConstraint xmlns="http://s3.amazonaws.com/doc/2006-03-01/">eu-west-1</LocationConstraint>`, ptrTo(s3.BucketLocationConstraint("eu-west-1"))},
		{"EU", `<LocationConstraint xmlns="http://s3.amazonaws.com/doc/2006-03-01/">EU</LocationConstraint>`, ptrTo(s3.BucketLocationConstraint("EU"))},
		{"empty us-east-1", `<LocationConstraint xmlns="http://s3.amazonaws.com/doc/2006-03-01/"></LocationConstraint>`, nil},
		{"self-closing us-east-1", `<LocationConstraint xmlns="http://s3.amazonaws.com/doc/2006-03-01/"/>`, nil},
		{"text before a child", `<LocationConstraint>ap-south-1<X>y</X>z</LocationConstraint>`, ptrTo(s3.BucketLocationConstraint("ap-south-1"))},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			rt := &memTransport{status: 200, header: http.Header{"X-Amz-Request-Id": {"rid"}}, body: []byte(tt.body)}
			client, err := s3.New(goto3.Config{
				Region:      "us-east-1",
				Credentials: credentials.Static{Value: credentials.Credentials{AccessKeyID: "AKID", SecretAccessKey: "SECRET"}},
				HTTPClient:  &http.Client{Transport: rt},
			})
			if err != nil {
				t.Fatal(err)
			}
			out := &s3.GetBucketLocationOutput{}
			if err := s3.Core(client).Invoke(t.Context(), s3op(t, "GetBucketLocation"), &s3.GetBucketLocationInput{Bucket: "bkt"}, out, &out.ResultMetadata); err != nil {
				t.Fatal(err)
			}
			switch {
			case tt.want == nil && out.LocationConstraint != nil:
				t.Errorf("got LocationConstraint %q, want nil", *out.LocationConstraint)
			case tt.want != nil && (out.LocationConstraint == nil || *out.LocationConstraint != *tt.want):
				t.Errorf("got LocationConstraint %v, want %q", out.LocationConstraint, *tt.want)
			}
			if out.ResultMetadata.RequestID != "rid" {
				t.Errorf("got request id %q, want rid", out.ResultMetadata.RequestID)
			}
		})
	}
}
