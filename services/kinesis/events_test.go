package kinesis_test

import (
	"context"
	"errors"
	"testing"

	"github.com/goto3/goto3"
	"github.com/goto3/goto3/internal/testing/eventstreamtest"
	"github.com/goto3/goto3/services/kinesis"
)

func subscribeInput() *kinesis.SubscribeToShardInput {
	return &kinesis.SubscribeToShardInput{ConsumerARN: streamARN + "/consumer/c:1", ShardId: "shardId-000000000000",
		StartingPosition: &kinesis.StartingPosition{Type: kinesis.ShardIteratorTypeLatest}}
}

// TestSubscribeToShardBotocore replays the SubscribeToShard answers of
// testdata/eventstreams/kinesis.json (make_vectors.py) through the
// client: the initial-response event, the events and the exception that
// ends a stream read as botocore's EventStream reads the same bytes.
func TestSubscribeToShardBotocore(t *testing.T) {
	for _, tc := range eventstreamtest.Load(t, "../../testdata/eventstreams/kinesis.json") {
		t.Run(tc.Name, func(t *testing.T) {
			c := testClient(t, tc.Transport(t))
			out, err := c.SubscribeToShard(context.Background(), subscribeInput())
			if err != nil {
				t.Fatal(err)
			}
			var events []*kinesis.SubscribeToShardEventStream
			r := out.Events()
			defer r.Close()
			for ev, err := range r.All() {
				if err != nil {
					eventstreamtest.Check(t, tc, kinesis.OperationSchemas()[opIndex(t, "SubscribeToShard")], out, events, err)
					if tc.Name == "unknown event skipped, modelled exception" {
						var nf *kinesis.ResourceNotFoundException
						if !errors.As(err, &nf) || nf.Message == nil || goto3.ErrorCode(err) != "ResourceNotFoundException" {
							t.Errorf("got %v, want *kinesis.ResourceNotFoundException", err)
						}
					}
					return
				}
				events = append(events, ev)
			}
			eventstreamtest.Check(t, tc, kinesis.OperationSchemas()[opIndex(t, "SubscribeToShard")], out, events, nil)
		})
	}
}

func opIndex(t *testing.T, name string) int {
	t.Helper()
	for i, op := range kinesis.OperationSchemas() {
		if op.Name == name {
			return i
		}
	}
	t.Fatalf("no operation %s", name)
	return -1
}
