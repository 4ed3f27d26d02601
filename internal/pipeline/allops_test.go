package pipeline_test

import (
	"context"
	"errors"
	"net/http"
	"testing"

	"github.com/goto3/goto3"
	"github.com/goto3/goto3/credentials"
	"github.com/goto3/goto3/endpoints"
	"github.com/goto3/goto3/internal/pipeline"
	"github.com/goto3/goto3/protocol"
	"github.com/goto3/goto3/retry"
	"github.com/goto3/goto3/services/ec2"
	"github.com/goto3/goto3/services/s3"
	"github.com/goto3/goto3/services/ses"
)

// TestEveryOperationEmptyInput calls every generated operation with an
// empty input against a server answering 200 with an empty body: each call
// fails validation (naming a member) or goes through, and none panics.
func TestEveryOperationEmptyInput(t *testing.T) {
	services := []struct {
		svc   *protocol.Service
		rules *endpoints.RuleSet
		ops   []*protocol.Operation
		in    func(string) any
		out   func(string) any
	}{
		{s3.ServiceSchema(), endpoints.S3(), s3.OperationSchemas(), s3.NewOperationInput, s3.NewOperationOutput},
		{ses.ServiceSchema(), endpoints.SES(), ses.OperationSchemas(), ses.NewOperationInput, ses.NewOperationOutput},
		{ec2.ServiceSchema(), endpoints.EC2(), ec2.OperationSchemas(), ec2.NewOperationInput, ec2.NewOperationOutput},
	}
	for _, s := range services {
		r, _ := retry.New(retry.Options{MaxAttempts: 1})
		c, err := pipeline.New(s.svc, s.rules, pipeline.Options{
			Region:      "us-west-2",
			Credentials: credentials.NewStatic("AKID", "SECRET", ""),
			HTTPClient:  &http.Client{Transport: &memTransport{status: 200, header: http.Header{}}},
			Retryer:     r,
		})
		if err != nil {
			t.Fatal(err)
		}
		passed, invalid := 0, 0
		for _, op := range s.ops {
			t.Run(s.svc.ID+"/"+op.Name, func(t *testing.T) {
				in, out := s.in(op.Name), s.out(op.Name)
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
		t.Logf("%s: %d operations went through, %d were rejected", s.svc.ID, passed, invalid)
	}
}
