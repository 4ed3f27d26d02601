package logs_test

import (
	"context"
	"errors"
	"testing"

	"github.com/goto3/goto3"
	"github.com/goto3/goto3/internal/testing/eventstreamtest"
	"github.com/goto3/goto3/protocol"
	"github.com/goto3/goto3/services/logs"
)

func operation(t *testing.T, name string) *protocol.Operation {
	t.Helper()
	for _, op := range logs.OperationSchemas() {
		if op.Name == name {
			return op
		}
	}
	t.Fatalf("no operation %s", name)
	return nil
}

// TestEventStreamsBotocore replays the StartLiveTail and GetLogObject
// answers of testdata/eventstreams/logs.json (make_vectors.py) through
// the client: events and the exception ending a stream read as botocore's
// EventStream reads the same bytes.
func TestEventStreamsBotocore(t *testing.T) {
	ctx := context.Background()
	for _, tc := range eventstreamtest.Load(t, "../../testdata/eventstreams/logs.json") {
		t.Run(tc.Name, func(t *testing.T) {
			c := testClient(t, tc.Transport(t))
			op := operation(t, tc.Operation)
			switch tc.Operation {
			case "StartLiveTail":
				out, err := c.StartLiveTail(ctx, &logs.StartLiveTailInput{LogGroupIdentifiers: []string{"g"}})
				if err != nil {
					t.Fatal(err)
				}
				var events []*logs.StartLiveTailResponseStream
				for ev, err := range out.Events().All() {
					if err != nil {
						eventstreamtest.Check(t, tc, op, out, events, err)
						var te *logs.SessionTimeoutException
						if !errors.As(err, &te) || goto3.ErrorCode(err) != "SessionTimeoutException" {
							t.Errorf("got %v, want *logs.SessionTimeoutException", err)
						}
						return
					}
					events = append(events, ev)
				}
				eventstreamtest.Check(t, tc, op, out, events, nil)
			case "GetLogObject":
				out, err := c.GetLogObject(ctx, &logs.GetLogObjectInput{LogObjectPointer: "p"})
				if err != nil {
					t.Fatal(err)
				}
				var events []*logs.GetLogObjectResponseStream
				r := out.Events()
				for {
					ev, err := r.Next()
					if err != nil {
						eventstreamtest.Check(t, tc, op, out, events, err)
						var ie *logs.InternalStreamingException
						if !errors.As(err, &ie) {
							t.Errorf("got %v, want *logs.InternalStreamingException", err)
						}
						break
					}
					events = append(events, ev)
				}
			default:
				t.Fatalf("no test for %s", tc.Operation)
			}
		})
	}
}
