package sqs_test

import (
	"context"
	"errors"
	"net/http"
	"testing"
	"time"

	"github.com/goto3/goto3"
	"github.com/goto3/goto3/internal/testing/servicetest"
	"github.com/goto3/goto3/retry"
	"github.com/goto3/goto3/services/sqs"
)

// SQS speaks AWS JSON with the awsQueryCompatible trait; botocore's
// customizations for it are checked here:
//
//   - every request carries x-amzn-query-mode: true (TestResolvedURLs);
//   - SQS-1 (_handle_sqs_compatible_error): the error code is the legacy
//     query code of the x-amzn-query-error header ("AWS.SimpleQueueService.
//     NonExistentQueue") while the error type is chosen by the "__type"
//     shape name (QueueDoesNotExist), because SQS's error shapes carry no
//     error code of their own;
//   - botocore's legacy retry rule RequestThrottled/403 (goto3's standard
//     mode retries the code as throttling, whatever the status).
//
// The expected values are botocore 1.43.11's for the same responses (its
// e.response["Error"] and exception class).

// TestQueryCompatibleError: the code comes from a well-formed
// x-amzn-query-error header ("Code;Fault" with a code), else from "__type";
// the modelled error is QueueDoesNotExist either way.
func TestQueryCompatibleError(t *testing.T) {
	const body = `{"__type":"com.amazonaws.sqs#QueueDoesNotExist","message":"The specified queue does not exist."}`
	for _, tt := range []struct {
		name, header, wantCode string
	}{
		{"query error header", "AWS.SimpleQueueService.NonExistentQueue;Sender", "AWS.SimpleQueueService.NonExistentQueue"},
		{"no header", "", "QueueDoesNotExist"},
		{"header without fault", "Foo", "QueueDoesNotExist"},
		{"header without code", ";Sender", "QueueDoesNotExist"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			h := http.Header{"X-Amzn-Requestid": {"rid"}}
			if tt.header != "" {
				h.Set("X-Amzn-Query-Error", tt.header)
			}
			rt := &servicetest.Transport{Status: 400, Header: h, Body: body}
			_, err := testClient(t, rt).GetQueueUrl(context.Background(), &sqs.GetQueueUrlInput{QueueName: "q"})
			var api *goto3.APIError
			if !errors.As(err, &api) {
				t.Fatalf("got %v, want an *APIError", err)
			}
			if api.Code != tt.wantCode || api.Message != "The specified queue does not exist." || api.RequestID != "rid" || api.StatusCode != 400 {
				t.Errorf("APIError %+v, want code %s", api, tt.wantCode)
			}
			if got := goto3.ErrorCode(err); got != tt.wantCode {
				t.Errorf("goto3.ErrorCode: got %q, want %q", got, tt.wantCode)
			}
			var qdne *sqs.QueueDoesNotExist
			if !errors.As(err, &qdne) {
				t.Fatalf("got %v (%T), want *sqs.QueueDoesNotExist", err, api.Modeled)
			}
			if qdne.Message == nil || *qdne.Message != "The specified queue does not exist." {
				t.Errorf("modelled error message %v", qdne.Message)
			}
		})
	}
}

// TestQueryCompatibleErrorOtherShapes: the "__type" name picks each
// modelled error, also one that is not in the operation's error list (the
// service's errors are searched too).
func TestQueryCompatibleErrorOtherShapes(t *testing.T) {
	h := http.Header{"X-Amzn-Query-Error": {"AWS.SimpleQueueService.ReceiptHandleIsInvalid;Sender"}}
	rt := &servicetest.Transport{Status: 400, Header: h, Body: `{"__type":"com.amazonaws.sqs#ReceiptHandleIsInvalid","message":"bad handle"}`}
	_, err := testClient(t, rt).DeleteMessage(context.Background(), &sqs.DeleteMessageInput{QueueUrl: "https://sqs.us-east-1.amazonaws.com/1/q", ReceiptHandle: "x"})
	var rhii *sqs.ReceiptHandleIsInvalid
	if !errors.As(err, &rhii) || goto3.ErrorCode(err) != "AWS.SimpleQueueService.ReceiptHandleIsInvalid" {
		t.Errorf("got %v, want *sqs.ReceiptHandleIsInvalid with the query code", err)
	}
	// KmsThrottled is not among ListQueues' errors: found among the service's.
	h = http.Header{"X-Amzn-Query-Error": {"KMS.ThrottlingException;Sender"}}
	rt = &servicetest.Transport{Status: 400, Header: h, Body: `{"__type":"com.amazonaws.sqs#KmsThrottled","message":"kms"}`}
	_, err = testClient(t, rt).ListQueues(context.Background(), &sqs.ListQueuesInput{})
	var kt *sqs.KmsThrottled
	if !errors.As(err, &kt) || goto3.ErrorCode(err) != "KMS.ThrottlingException" {
		t.Errorf("got %v, want *sqs.KmsThrottled with the query code", err)
	}
}

// TestRequestThrottledRetried: SQS's throttling answer (403 with the
// query code RequestThrottled) is retried, as botocore's _retry.json rule
// for sqs retries it.
func TestRequestThrottledRetried(t *testing.T) {
	r, err := retry.New(retry.Options{MaxAttempts: 3, Sleep: func(context.Context, time.Duration) error { return nil }})
	if err != nil {
		t.Fatal(err)
	}
	h := http.Header{"X-Amzn-Query-Error": {"RequestThrottled;Sender"}}
	rt := &servicetest.Transport{Status: 403, Header: h, Body: `{"__type":"com.amazonaws.sqs#RequestThrottled","message":"slow down"}`}
	c := testClient(t, rt, func(o *sqs.Options) { o.Retryer = r })
	_, err = c.ListQueues(context.Background(), &sqs.ListQueuesInput{})
	var rth *sqs.RequestThrottled
	if !errors.As(err, &rth) || goto3.ErrorCode(err) != "RequestThrottled" {
		t.Errorf("got %v, want *sqs.RequestThrottled", err)
	}
	if n := rt.Count(); n != 3 {
		t.Errorf("%d attempts, want 3", n)
	}
}
