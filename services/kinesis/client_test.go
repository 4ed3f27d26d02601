package kinesis_test

import (
	"context"
	"crypto/x509"
	"errors"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/goto3/goto3"
	"github.com/goto3/goto3/credentials"
	"github.com/goto3/goto3/internal/testing/servicetest"
	"github.com/goto3/goto3/protocol/eventstream"
	"github.com/goto3/goto3/retry"
	"github.com/goto3/goto3/services/kinesis"
)

func testClient(t *testing.T, rt http.RoundTripper, optFns ...func(*kinesis.Options)) *kinesis.Client {
	t.Helper()
	r, err := retry.New(retry.Options{MaxAttempts: 1})
	if err != nil {
		t.Fatal(err)
	}
	c, err := kinesis.New(goto3.Config{Region: "us-east-1", Credentials: credentials.NewStatic("AKID", "SECRET", "")}, func(o *kinesis.Options) {
		o.HTTPClient = &http.Client{Transport: rt}
		o.Retryer = r
		for _, f := range optFns {
			f(o)
		}
	})
	if err != nil {
		t.Fatal(err)
	}
	return c
}

// TestEveryOperationEmptyInput calls every Kinesis operation with an empty
// input: each is refused by validation naming a member or goes through.
func TestEveryOperationEmptyInput(t *testing.T) {
	c := testClient(t, &servicetest.Transport{Body: "{}"})
	passed, invalid := servicetest.EveryOperation(t, c, len(kinesis.OperationSchemas()))
	t.Logf("%d operations went through, %d were refused", passed, invalid)
}

const streamARN = "arn:aws:kinesis:us-east-1:123456789012:stream/s"

// TestResolvedURLs: the endpoint and credential scope Kinesis's rule set
// gives, through whole calls, as botocore 1.43 resolves them: regions,
// FIPS in GovCloud, dual-stack, a custom endpoint, and the account-based
// control and data endpoints an ARN parameter selects (the rule set's
// context parameters StreamARN and ConsumerARN with the operation's static
// OperationType).
func TestResolvedURLs(t *testing.T) {
	ctx := context.Background()
	listStreams := func(c *kinesis.Client) error { _, err := c.ListStreams(ctx, &kinesis.ListStreamsInput{}); return err }
	tests := []struct {
		name      string
		opts      func(*kinesis.Options)
		call      func(*kinesis.Client) error
		target    string
		wantURL   string
		wantScope string
	}{
		{"us-east-1", nil, listStreams, "ListStreams", "https://kinesis.us-east-1.amazonaws.com/", "us-east-1/kinesis/aws4_request"},
		{"china", func(o *kinesis.Options) { o.Region = "cn-north-1" }, listStreams, "ListStreams", "https://kinesis.cn-north-1.amazonaws.com.cn/", "cn-north-1/kinesis/aws4_request"},
		{"govcloud fips", func(o *kinesis.Options) { o.Region, o.UseFIPSEndpoint = "us-gov-west-1", true }, listStreams, "ListStreams", "https://kinesis.us-gov-west-1.amazonaws.com/", "us-gov-west-1/kinesis/aws4_request"},
		{"dual-stack", func(o *kinesis.Options) { o.Region, o.UseDualStackEndpoint = "us-west-2", true }, listStreams, "ListStreams", "https://kinesis.us-west-2.api.aws/", "us-west-2/kinesis/aws4_request"},
		{"custom endpoint", func(o *kinesis.Options) { o.EndpointURL = "http://127.0.0.1:4566/base" }, listStreams, "ListStreams", "http://127.0.0.1:4566/base/", "us-east-1/kinesis/aws4_request"},
		{"data plane by ARN", nil, func(c *kinesis.Client) error {
			_, err := c.PutRecord(ctx, &kinesis.PutRecordInput{StreamARN: goto3.Ptr(streamARN), Data: []byte("x"), PartitionKey: "p"})
			return err
		}, "PutRecord", "https://123456789012.data-kinesis.us-east-1.amazonaws.com/", "us-east-1/kinesis/aws4_request"},
		{"control plane by ARN", nil, func(c *kinesis.Client) error {
			_, err := c.DescribeStreamSummary(ctx, &kinesis.DescribeStreamSummaryInput{StreamARN: goto3.Ptr(streamARN)})
			return err
		}, "DescribeStreamSummary", "https://123456789012.control-kinesis.us-east-1.amazonaws.com/", "us-east-1/kinesis/aws4_request"},
		{"data plane by ARN, other region", func(o *kinesis.Options) { o.Region = "us-west-2" }, func(c *kinesis.Client) error {
			_, err := c.GetRecords(ctx, &kinesis.GetRecordsInput{ShardIterator: "it", StreamARN: goto3.Ptr(streamARN)})
			return err
		}, "GetRecords", "https://123456789012.data-kinesis.us-west-2.amazonaws.com/", "us-west-2/kinesis/aws4_request"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			rt := &servicetest.Transport{Body: "{}"}
			var fns []func(*kinesis.Options)
			if tt.opts != nil {
				fns = append(fns, tt.opts)
			}
			c := testClient(t, rt, fns...)
			if err := tt.call(c); err != nil {
				t.Fatal(err)
			}
			req, _ := rt.Last(t)
			if got := req.URL.String(); got != tt.wantURL {
				t.Errorf("URL: got %s, want %s", got, tt.wantURL)
			}
			if got := req.Header.Get("Authorization"); !strings.Contains(got, "/"+tt.wantScope+",") {
				t.Errorf("Authorization: got %s, want scope %s", got, tt.wantScope)
			}
			if got, want := req.Header.Get("X-Amz-Target"), "Kinesis_20131202."+tt.target; got != want {
				t.Errorf("X-Amz-Target: got %q, want %q", got, want)
			}
			if got := req.Header.Get("Content-Type"); got != "application/x-amz-json-1.1" {
				t.Errorf("Content-Type: got %q", got)
			}
		})
	}
}

// TestSubscribeToShardHTTP2: SubscribeToShard, which AWS serves only over
// HTTP/2, negotiates h2 with a TLS server offering it, while the other
// operations of the same client stay on HTTP/1.1 (the SDK's default
// transport); its events stream back over the h2 connection.
func TestSubscribeToShardHTTP2(t *testing.T) {
	protos := map[string]string{}
	srv := httptest.NewUnstartedServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		target := strings.TrimPrefix(r.Header.Get("X-Amz-Target"), "Kinesis_20131202.")
		protos[target] = r.Proto
		io.Copy(io.Discard, r.Body)
		if target != "SubscribeToShard" {
			io.WriteString(w, `{"StreamNames":[],"HasMoreStreams":false}`)
			return
		}
		w.Header().Set("Content-Type", "application/vnd.amazon.eventstream")
		for _, m := range []*eventstream.Message{
			jsonEvent("initial-response", `{}`),
			jsonEvent("SubscribeToShardEvent", `{"Records":[{"SequenceNumber":"1","Data":"aGk=","PartitionKey":"p"}],"ContinuationSequenceNumber":"1","MillisBehindLatest":0}`),
		} {
			if err := eventstream.Encode(w, m); err != nil {
				t.Error(err)
			}
			w.(http.Flusher).Flush()
		}
	}))
	srv.EnableHTTP2 = true
	srv.StartTLS()
	t.Cleanup(srv.Close)
	pool := x509.NewCertPool()
	pool.AddCert(srv.Certificate())
	c, err := kinesis.New(goto3.Config{Region: "us-east-1", Credentials: credentials.NewStatic("AKID", "SECRET", ""),
		EndpointURL: srv.URL, RootCAs: pool})
	if err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	if _, err := c.ListStreams(ctx, &kinesis.ListStreamsInput{}); err != nil {
		t.Fatal(err)
	}
	out, err := c.SubscribeToShard(ctx, &kinesis.SubscribeToShardInput{ConsumerARN: streamARN + "/consumer/c:1", ShardId: "shardId-000000000000",
		StartingPosition: &kinesis.StartingPosition{Type: kinesis.ShardIteratorTypeLatest}})
	if err != nil {
		t.Fatal(err)
	}
	var data []string
	for ev, err := range out.Events().All() {
		if err != nil {
			t.Fatal(err)
		}
		for _, r := range ev.SubscribeToShardEvent.Records {
			data = append(data, string(r.Data))
		}
	}
	if _, err := c.ListStreams(ctx, &kinesis.ListStreamsInput{}); err != nil {
		t.Fatal(err)
	}
	if protos["SubscribeToShard"] != "HTTP/2.0" || protos["ListStreams"] != "HTTP/1.1" {
		t.Errorf("protocols: got %v, want SubscribeToShard over HTTP/2.0 and ListStreams over HTTP/1.1", protos)
	}
	if len(data) != 1 || data[0] != "hi" {
		t.Errorf("records: got %q, want [hi]", data)
	}
}

func jsonEvent(typ, payload string) *eventstream.Message {
	return &eventstream.Message{Headers: []eventstream.Header{
		{Name: ":message-type", Value: eventstream.String("event")},
		{Name: ":event-type", Value: eventstream.String(typ)},
		{Name: ":content-type", Value: eventstream.String("application/json")},
	}, Payload: []byte(payload)}
}

// TestLimitExceededRetried: botocore's legacy retry table adds
// LimitExceededException (400) for Kinesis; the standard retry mode, the
// SDK's default, retries it as a throttling error.
func TestLimitExceededRetried(t *testing.T) {
	n := 0
	rt := roundTrip(func(req *http.Request) (*http.Response, error) {
		n++
		if n == 1 {
			return &http.Response{StatusCode: 400, Header: http.Header{}, Request: req,
				Body: io.NopCloser(strings.NewReader(`{"__type":"LimitExceededException","message":"Rate exceeded for shard"}`))}, nil
		}
		return &http.Response{StatusCode: 200, Header: http.Header{}, Request: req, Body: io.NopCloser(strings.NewReader(`{"StreamNames":[]}`))}, nil
	})
	r, err := retry.New(retry.Options{MaxAttempts: 3, Sleep: func(context.Context, time.Duration) error { return nil }})
	if err != nil {
		t.Fatal(err)
	}
	c := testClient(t, rt, func(o *kinesis.Options) { o.Retryer = r })
	out, err := c.ListStreams(context.Background(), &kinesis.ListStreamsInput{})
	if err != nil {
		t.Fatal(err)
	}
	if out.ResultMetadata.Attempts != 2 {
		t.Errorf("attempts: got %d, want 2", out.ResultMetadata.Attempts)
	}
	var le *kinesis.LimitExceededException
	_, err = testClient(t, roundTrip(func(req *http.Request) (*http.Response, error) {
		return &http.Response{StatusCode: 400, Header: http.Header{}, Request: req,
			Body: io.NopCloser(strings.NewReader(`{"__type":"LimitExceededException","message":"Rate exceeded"}`))}, nil
	})).ListStreams(context.Background(), &kinesis.ListStreamsInput{})
	if !errors.As(err, &le) || goto3.ErrorCode(err) != "LimitExceededException" {
		t.Errorf("got %v, want *kinesis.LimitExceededException", err)
	}
}

type roundTrip func(*http.Request) (*http.Response, error)

func (f roundTrip) RoundTrip(req *http.Request) (*http.Response, error) { return f(req) }
