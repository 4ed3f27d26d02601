package stubber_test

import (
	"context"
	"errors"
	"net/http"
	"sync/atomic"
	"testing"
	"time"

	"github.com/goto3/goto3"
	"github.com/goto3/goto3/credentials"
	"github.com/goto3/goto3/services/dynamodb"
	"github.com/goto3/goto3/services/ec2"
	"github.com/goto3/goto3/services/s3"
	"github.com/goto3/goto3/services/sqs"
	"github.com/goto3/goto3/stubber"
)

// offline is a Config whose HTTP client and credentials fail the test when
// used, with Stubber st.
func offline(t *testing.T, st *stubber.Stubber, used *atomic.Int32) goto3.Config {
	return goto3.Config{
		Region: "us-east-1",
		HTTPClient: &http.Client{Transport: roundTripFunc(func(r *http.Request) (*http.Response, error) {
			used.Add(1)
			t.Errorf("a request was sent: %s %s", r.Method, r.URL)
			return nil, errors.New("no network in this test")
		})},
		Credentials: credentials.ProviderFunc(func(context.Context) (credentials.Credentials, error) {
			used.Add(1)
			t.Error("credentials were retrieved")
			return credentials.Credentials{}, errors.New("no credentials in this test")
		}),
		Stubber: st,
	}
}

type roundTripFunc func(*http.Request) (*http.Response, error)

func (f roundTripFunc) RoundTrip(r *http.Request) (*http.Response, error) { return f(r) }

// TestNothingSent: calls, errors, paginators and waiters of stubbed clients
// of four protocols (rest-xml, json, json query-compatible, ec2) send
// nothing, retrieve no credentials and run no hooks, whatever the answer.
func TestNothingSent(t *testing.T) {
	var used atomic.Int32
	st := stubber.NewT(t)
	cfg := offline(t, st, &used)
	hooked := goto3.Hooks{BeforeSign: func(context.Context, *http.Request) error {
		used.Add(1)
		t.Error("a hook ran")
		return nil
	}}

	// S3: a call, a service error (not retried whatever its code), a
	// paginator over two pages and a waiter.
	s3c, err := s3.New(cfg, func(o *s3.Options) { o.Hooks = hooked })
	if err != nil {
		t.Fatal(err)
	}
	st.AddResponse("PutObject", nil, nil)
	st.AddError("GetObject", nil, &goto3.APIError{Code: "SlowDown", StatusCode: 503})
	st.AddResponse("ListObjectsV2", nil, &s3.ListObjectsV2Output{Contents: objects("a"), IsTruncated: goto3.Ptr(true), NextContinuationToken: goto3.Ptr("t")})
	st.AddResponse("ListObjectsV2", nil, &s3.ListObjectsV2Output{Contents: objects("b")})
	st.AddError("HeadBucket", nil, &goto3.APIError{StatusCode: 404})
	st.AddResponse("HeadBucket", nil, nil)
	if _, err := s3c.PutObject(ctx, &s3.PutObjectInput{Bucket: "b", Key: "k"}); err != nil {
		t.Error(err)
	}
	if _, err := s3c.GetObject(ctx, &s3.GetObjectInput{Bucket: "b", Key: "k"}); goto3.ErrorCode(err) != "SlowDown" {
		t.Errorf("got %v, want SlowDown", err)
	}
	n := 0
	for _, err := range s3c.ListObjectsV2Items(ctx, &s3.ListObjectsV2Input{Bucket: "b"}) {
		if err != nil {
			t.Fatal(err)
		}
		n++
	}
	if n != 2 {
		t.Errorf("got %d objects, want 2", n)
	}
	if err := s3c.WaitUntilBucketExists(ctx, &s3.HeadBucketInput{Bucket: "b"}); err != nil {
		t.Error(err)
	}

	// DynamoDB (json): endpoint discovery and the CRC32 check are not
	// involved either.
	db, err := dynamodb.New(cfg)
	if err != nil {
		t.Fatal(err)
	}
	st.AddResponse("GetItem", nil, &dynamodb.GetItemOutput{Item: map[string]dynamodb.AttributeValue{"pk": str("a")}})
	if out, err := db.GetItem(ctx, &dynamodb.GetItemInput{TableName: "t", Key: map[string]dynamodb.AttributeValue{"pk": str("a")}}); err != nil || *out.Item["pk"].S != "a" {
		t.Errorf("got %v, %v", out, err)
	}

	// SQS (json, query-compatible) and EC2 (ec2 query).
	q, err := sqs.New(cfg)
	if err != nil {
		t.Fatal(err)
	}
	st.AddError("ReceiveMessage", nil, &goto3.APIError{Code: "AWS.SimpleQueueService.NonExistentQueue", Modeled: &sqs.QueueDoesNotExist{}})
	var qe *sqs.QueueDoesNotExist
	if _, err := q.ReceiveMessage(ctx, &sqs.ReceiveMessageInput{QueueUrl: "https://sqs.us-east-1.amazonaws.com/1/q"}); !errors.As(err, &qe) {
		t.Errorf("got %v, want a *sqs.QueueDoesNotExist", err)
	}
	e, err := ec2.New(cfg)
	if err != nil {
		t.Fatal(err)
	}
	st.AddResponse("DescribeInstances", nil, &ec2.DescribeInstancesOutput{Reservations: []ec2.Reservation{{ReservationId: goto3.Ptr("r-1")}}, NextToken: goto3.Ptr("n")})
	st.AddResponse("DescribeInstances", nil, &ec2.DescribeInstancesOutput{Reservations: []ec2.Reservation{{ReservationId: goto3.Ptr("r-2")}}})
	var ids []string
	for r, err := range e.DescribeInstancesItems(ctx, &ec2.DescribeInstancesInput{}) {
		if err != nil {
			t.Fatal(err)
		}
		ids = append(ids, *r.ReservationId)
	}
	if len(ids) != 2 || ids[1] != "r-2" {
		t.Errorf("got %q", ids)
	}
	if used.Load() != 0 {
		t.Errorf("the network, credentials or hooks were used %d times", used.Load())
	}
}

// TestWaiterPerCallStubber: a waiter whose per-call options give the
// Stubber polls it without sleeping.
func TestWaiterPerCallStubber(t *testing.T) {
	var used atomic.Int32
	st := stubber.NewT(t)
	cfg := offline(t, st, &used)
	cfg.Stubber = nil
	c, err := dynamodb.New(cfg)
	if err != nil {
		t.Fatal(err)
	}
	for range 3 {
		st.AddResponse("DescribeTable", nil, &dynamodb.DescribeTableOutput{Table: &dynamodb.TableDescription{TableStatus: goto3.Ptr(dynamodb.TableStatusCreating)}})
	}
	st.AddResponse("DescribeTable", nil, &dynamodb.DescribeTableOutput{Table: &dynamodb.TableDescription{TableStatus: goto3.Ptr(dynamodb.TableStatusActive)}})
	// TableExists polls every 20 s: three retries would take a minute.
	wctx, cancel := context.WithTimeout(ctx, 5*time.Second)
	defer cancel()
	err = c.TableExistsWaiter(func(o *dynamodb.Options) { o.Stubber = st }).Wait(wctx, &dynamodb.DescribeTableInput{TableName: "t"})
	if err != nil {
		t.Fatal(err)
	}
	if used.Load() != 0 {
		t.Errorf("the network or credentials were used %d times", used.Load())
	}
}
