package sts_test

import (
	"net/http"
	"testing"

	"github.com/goto3/goto3"
	"github.com/goto3/goto3/credentials"
	"github.com/goto3/goto3/internal/testing/servicetest"
	"github.com/goto3/goto3/retry"
	"github.com/goto3/goto3/services/sts"
)

// TestEveryOperationEmptyInput calls every operation with an empty input
// against a server answering 200 with no body: each is refused by
// validation naming a member or goes through, and none panics.
func TestEveryOperationEmptyInput(t *testing.T) {
	r, err := retry.New(retry.Options{MaxAttempts: 1})
	if err != nil {
		t.Fatal(err)
	}
	c, err := sts.New(goto3.Config{Region: "us-east-1", Credentials: credentials.NewStatic("AKID", "SECRET", "")}, func(o *sts.Options) {
		o.HTTPClient = &http.Client{Transport: &servicetest.Transport{}}
		o.Retryer = r
	})
	if err != nil {
		t.Fatal(err)
	}
	passed, invalid := servicetest.EveryOperation(t, c, len(sts.OperationSchemas()))
	t.Logf("%d operations went through, %d were refused", passed, invalid)
}
