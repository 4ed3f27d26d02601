package sts_test

import (
	"context"
	"net/http"
	"strings"
	"testing"

	"github.com/goto3/goto3"
	"github.com/goto3/goto3/credentials"
	"github.com/goto3/goto3/services/sts"
)

// TestPresignHeader: sts.PresignOptions.Header is signed and returned in
// SignedHeader; another call of the same PresignClient has none.
func TestPresignHeader(t *testing.T) {
	c, err := sts.New(goto3.Config{Region: "us-east-1", Credentials: credentials.NewStatic("AKID", "SECRET", "")})
	if err != nil {
		t.Fatal(err)
	}
	p := sts.NewPresignClient(c)
	pr, err := p.PresignGetCallerIdentity(context.Background(), &sts.GetCallerIdentityInput{}, func(o *sts.PresignOptions) {
		o.Header = http.Header{"X-K8s-Aws-Id": {"demo"}}
	})
	if err != nil {
		t.Fatal(err)
	}
	if pr.Method != "GET" || pr.SignedHeader.Get("X-K8s-Aws-Id") != "demo" || !strings.Contains(pr.URL, "X-Amz-SignedHeaders=host%3Bx-k8s-aws-id&") {
		t.Errorf("got %s %s %v, want GET with x-k8s-aws-id signed", pr.Method, pr.URL, pr.SignedHeader)
	}
	pr, err = p.PresignGetCallerIdentity(context.Background(), &sts.GetCallerIdentityInput{})
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(pr.URL, "X-Amz-SignedHeaders=host&") || !strings.Contains(pr.URL, "X-Amz-Expires=900&") {
		t.Errorf("got %s, want only host signed, 15 minutes", pr.URL)
	}
}
