package kinesis_test

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"testing"
	"time"

	"github.com/goto3/goto3"
	"github.com/goto3/goto3/internal/testing/testpeer"
	"github.com/goto3/goto3/services/kinesis"
)

func motoClient(t *testing.T) *kinesis.Client {
	t.Helper()
	srv := testpeer.Moto(t, testpeer.MotoOptions{})
	c, err := kinesis.New(srv.Config())
	if err != nil {
		t.Fatal(err)
	}
	return c
}

// TestMotoRecords is Kinesis's everyday flow against moto: create a
// stream of three shards and wait for it (StreamExists), list its shards
// two per page (the ListShards paginator), put records singly and in a
// batch, read them back with GetShardIterator and GetRecords, find the
// stream in ListStreams, and get the modelled ResourceNotFoundException
// for a stream that does not exist. moto serves no SubscribeToShard
// (events are tested against hand-built streams and over HTTP/2 in
// client_test.go and events_test.go).
func TestMotoRecords(t *testing.T) {
	c := motoClient(t)
	ctx := context.Background()
	name := testpeer.BucketName(t)
	if _, err := c.CreateStream(ctx, &kinesis.CreateStreamInput{StreamName: name, ShardCount: goto3.Ptr[int32](3)}); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		c.DeleteStream(context.Background(), &kinesis.DeleteStreamInput{StreamName: &name, EnforceConsumerDeletion: goto3.Ptr(true)})
	})
	w := c.StreamExistsWaiter()
	w.MinDelay, w.MaxDelay = 10*time.Millisecond, 100*time.Millisecond
	if err := w.Wait(ctx, &kinesis.DescribeStreamInput{StreamName: &name}); err != nil {
		t.Fatal(err)
	}

	var shards []string
	pages := 0
	for page, err := range c.ListShardsPages(ctx, &kinesis.ListShardsInput{StreamName: &name, MaxResults: goto3.Ptr[int32](2)}) {
		if err != nil {
			t.Fatal(err)
		}
		pages++
		for _, s := range page.Shards {
			shards = append(shards, s.ShardId)
		}
	}
	if len(shards) != 3 || pages != 2 {
		t.Fatalf("ListShards: got %d shards in %d pages, want 3 in 2", len(shards), pages)
	}

	// One partition key, so every record lands in one shard, in order.
	put, err := c.PutRecord(ctx, &kinesis.PutRecordInput{StreamName: &name, Data: []byte("record-0"), PartitionKey: "pk"})
	if err != nil {
		t.Fatal(err)
	}
	var entries []kinesis.PutRecordsRequestEntry
	for i := 1; i <= 3; i++ {
		entries = append(entries, kinesis.PutRecordsRequestEntry{Data: []byte(fmt.Sprintf("record-%d", i)), PartitionKey: "pk"})
	}
	batch, err := c.PutRecords(ctx, &kinesis.PutRecordsInput{StreamName: &name, Records: entries})
	if err != nil {
		t.Fatal(err)
	}
	if batch.FailedRecordCount != nil && *batch.FailedRecordCount != 0 || len(batch.Records) != 3 {
		t.Fatalf("PutRecords: %+v", batch)
	}
	it, err := c.GetShardIterator(ctx, &kinesis.GetShardIteratorInput{StreamName: &name, ShardId: put.ShardId, ShardIteratorType: kinesis.ShardIteratorTypeTrimHorizon})
	if err != nil {
		t.Fatal(err)
	}
	recs, err := c.GetRecords(ctx, &kinesis.GetRecordsInput{ShardIterator: *it.ShardIterator, Limit: goto3.Ptr[int32](10)})
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, r := range recs.Records {
		got = append(got, string(r.Data))
		if r.PartitionKey != "pk" || r.ApproximateArrivalTimestamp == nil {
			t.Errorf("record %+v: want partition key pk and an arrival time", r)
		}
	}
	if want := []string{"record-0", "record-1", "record-2", "record-3"}; !slices.Equal(got, want) {
		t.Errorf("GetRecords: got %q, want %q", got, want)
	}
	if recs.NextShardIterator == nil {
		t.Error("GetRecords: no NextShardIterator")
	}

	var names []string
	for n, err := range c.ListStreamsItems(ctx, &kinesis.ListStreamsInput{}) {
		if err != nil {
			t.Fatal(err)
		}
		names = append(names, n)
	}
	if !slices.Contains(names, name) {
		t.Errorf("ListStreams: %v lacks %s", names, name)
	}

	_, err = c.DescribeStreamSummary(ctx, &kinesis.DescribeStreamSummaryInput{StreamName: goto3.Ptr(name + "-missing")})
	var nf *kinesis.ResourceNotFoundException
	var api *goto3.APIError
	if !errors.As(err, &nf) || !errors.As(err, &api) || api.Code != "ResourceNotFoundException" || api.StatusCode != 400 {
		t.Errorf("got %v, want *kinesis.ResourceNotFoundException (400)", err)
	}
}
