package goto3_test

import (
	"context"
	"errors"
	"fmt"
	"testing"

	"github.com/goto3/goto3"
	"github.com/goto3/goto3/retry"
)

// modeled stands in for a generated modelled error such as *s3.NoSuchKey.
type modeled struct{ msg string }

func (e *modeled) Error() string     { return "NoSuchKey: " + e.msg }
func (e *modeled) ErrorCode() string { return "NoSuchKey" }

func TestErrorMessages(t *testing.T) {
	api := func() *goto3.APIError {
		return &goto3.APIError{Code: "NoSuchCORSConfiguration", Message: "The CORS configuration does not exist", StatusCode: 404, RequestID: "ABC", HostID: "host", Operation: "GetBucketCors", Attempts: 1}
	}
	exhausted := api()
	exhausted.Code, exhausted.Message, exhausted.StatusCode, exhausted.Attempts, exhausted.RetriesExhausted = "SlowDown", "Please reduce your request rate.", 503, 3, true
	noID := api()
	noID.RequestID, noID.Message = "", ""
	tests := []struct {
		name string
		err  error
		want string
	}{
		{"api", &goto3.OperationError{Service: "S3", Operation: "GetBucketCors", Err: api()},
			"s3: GetBucketCors: An error occurred (NoSuchCORSConfiguration) when calling the GetBucketCors operation: The CORS configuration does not exist (status 404, request id ABC)"},
		{"exhausted", &goto3.OperationError{Service: "S3", Operation: "GetBucketCors", Err: &retry.ExhaustedError{Attempts: 3, Err: exhausted}},
			"s3: GetBucketCors: An error occurred (SlowDown) when calling the GetBucketCors operation: Please reduce your request rate. (status 503, request id ABC, retries exhausted after 3 attempts)"},
		{"not rewindable", &goto3.OperationError{Service: "S3", Operation: "PutObject", Err: &retry.NotRewindableError{Attempts: 1, Err: api()}},
			"s3: PutObject: An error occurred (NoSuchCORSConfiguration) when calling the GetBucketCors operation: The CORS configuration does not exist (status 404, request id ABC); not retried: the request body cannot be rewound"},
		{"no id", &goto3.OperationError{Service: "Elastic Load Balancing v2", Operation: "X", Err: noID},
			"elasticloadbalancingv2: X: An error occurred (NoSuchCORSConfiguration) when calling the GetBucketCors operation: Unknown (status 404)"},
		{"other", &goto3.OperationError{Service: "EC2", Operation: "RunInstances", Err: context.Canceled},
			"ec2: RunInstances: context canceled"},
		{"validation", &goto3.OperationError{Service: "S3", Operation: "GetObject", Err: &goto3.ValidationError{Member: "Key", Reason: "missing required member"}},
			"s3: GetObject: invalid input: Key: missing required member"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := tt.err.Error(); got != tt.want {
				t.Errorf("got\n%s\nwant\n%s", got, tt.want)
			}
		})
	}
}

func TestErrorChain(t *testing.T) {
	m := &modeled{msg: "gone"}
	api := &goto3.APIError{Code: "NoSuchKey", StatusCode: 404, Operation: "GetObject", Modeled: m}
	err := error(&goto3.OperationError{Service: "S3", Operation: "GetObject", Err: &retry.ExhaustedError{Attempts: 2, Err: api}})
	var gotAPI *goto3.APIError
	if !errors.As(err, &gotAPI) || gotAPI != api {
		t.Errorf("APIError not reached")
	}
	var gotM *modeled
	if !errors.As(err, &gotM) || gotM != m {
		t.Errorf("modelled error not reached")
	}
	var ex *retry.ExhaustedError
	if !errors.As(err, &ex) {
		t.Errorf("ExhaustedError not reached")
	}
	if got := goto3.ErrorCode(err); got != "NoSuchKey" {
		t.Errorf("ErrorCode: got %q", got)
	}
	if got := goto3.ErrorCode(fmt.Errorf("wrapped: %w", context.Canceled)); got != "" {
		t.Errorf("ErrorCode of a non-API error: got %q", got)
	}
	if api.HTTPStatusCode() != 404 || api.ErrorCode() != "NoSuchKey" {
		t.Errorf("retry interfaces")
	}
	canceled := &goto3.OperationError{Service: "S3", Operation: "GetObject", Err: fmt.Errorf("x: %w", context.DeadlineExceeded)}
	if !errors.Is(canceled, context.DeadlineExceeded) {
		t.Errorf("DeadlineExceeded not reached")
	}
}
