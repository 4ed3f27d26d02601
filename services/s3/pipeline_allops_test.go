package s3_test

import (
	"context"
	"errors"
	"net/http"
	"testing"

	"github.com/goto3/goto3"
	"github.com/goto3/goto3/credentials"
	"github.com/goto3/goto3/retry"
	"github.com/goto3/goto3/services/s3"
)

// TestEveryOperationEmptyInput calls every S3 operation with an empty
// input against a server answering 200 with an empty body: each call fails
// validation (naming a member) or goes through, and none panics.
func TestEveryOperationEmptyInput(t *testing.T) {
	r, _ := retry.New(retry.Options{MaxAttempts: 1})
	client, err := s3.New(goto3.Config{Region: "us-west-2", Credentials: credentials.NewStatic("AKID", "SECRET", "")}, func(o *s3.Options) {
		o.HTTPClient = &http.Client{Transport: &memTransport{status: 200, header: http.Header{}}}
		o.Retryer = r
	})
	if err != nil {
		t.Fatal(err)
	}
	c := s3.Core(client)
	passed, invalid := 0, 0
	for _, op := range s3.OperationSchemas() {
		t.Run(s3.ServiceSchema.ID+"/"+op.Name, func(t *testing.T) {
			in, out := s3.NewOperationInput(op.Name), s3.NewOperationOutput(op.Name)
			err := c.Invoke(context.Background(), op, in, out, nil)
			if err == nil {
				passed++
				return
			}
			invalid++
			var ve *goto3.ValidationError
			if !errors.As(err, &ve) {
				t.Errorf("got %v, want success or a ValidationError", err)
			}
		})
	}
	t.Logf("%s: %d operations went through, %d were rejected", s3.ServiceSchema.ID, passed, invalid)
}
