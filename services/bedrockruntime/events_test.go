package bedrockruntime_test

import (
	"context"
	"errors"
	"testing"

	"github.com/goto3/goto3"
	"github.com/goto3/goto3/internal/testing/eventstreamtest"
	"github.com/goto3/goto3/protocol"
	"github.com/goto3/goto3/services/bedrockruntime"
)

func operation(t *testing.T, name string) *protocol.Operation {
	t.Helper()
	for _, op := range bedrockruntime.OperationSchemas() {
		if op.Name == name {
			return op
		}
	}
	t.Fatalf("no operation %s", name)
	return nil
}

// TestEventStreamsBotocore replays the ConverseStream and
// InvokeModelWithResponseStream answers of
// testdata/eventstreams/bedrockruntime.json (make_vectors.py) through the
// client, as botocore's EventStream reads the same bytes, and checks that
// the exceptions ending a stream match their modelled types.
func TestEventStreamsBotocore(t *testing.T) {
	ctx := context.Background()
	for _, tc := range eventstreamtest.Load(t, "../../testdata/eventstreams/bedrockruntime.json") {
		t.Run(tc.Name, func(t *testing.T) {
			c := testClient(t, tc.Transport(t), testConfig(nil))
			op := operation(t, tc.Operation)
			var serr error
			switch tc.Operation {
			case "ConverseStream":
				out, err := c.ConverseStream(ctx, &bedrockruntime.ConverseStreamInput{ModelId: "m", Messages: converseInput().Messages})
				if err != nil {
					t.Fatal(err)
				}
				var events []*bedrockruntime.ConverseStreamOutputEvent
				for ev, err := range out.Events().All() {
					if err != nil {
						serr = err
						break
					}
					events = append(events, ev)
				}
				eventstreamtest.Check(t, tc, op, out, events, serr)
			case "InvokeModelWithResponseStream":
				out, err := c.InvokeModelWithResponseStream(ctx, &bedrockruntime.InvokeModelWithResponseStreamInput{ModelId: "anthropic.claude-v2:1", Body: []byte(`{}`)})
				if err != nil {
					t.Fatal(err)
				}
				var events []*bedrockruntime.ResponseStream
				for ev, err := range out.Events().All() {
					if err != nil {
						serr = err
						break
					}
					events = append(events, ev)
				}
				eventstreamtest.Check(t, tc, op, out, events, serr)
			default:
				t.Fatalf("no test for %s", tc.Operation)
			}
			if tc.Error == nil {
				return
			}
			switch tc.Error.Code {
			case "modelStreamErrorException":
				var me *bedrockruntime.ModelStreamErrorException
				if !errors.As(serr, &me) || me.OriginalStatusCode == nil || *me.OriginalStatusCode != 500 || *me.OriginalMessage != "upstream" {
					t.Errorf("got %v, want *bedrockruntime.ModelStreamErrorException with the original status and message", serr)
				}
			case "throttlingException":
				var te *bedrockruntime.ThrottlingException
				if !errors.As(serr, &te) || goto3.ErrorCode(serr) != "throttlingException" {
					t.Errorf("got %v, want *bedrockruntime.ThrottlingException", serr)
				}
			default:
				t.Errorf("no check for %s", tc.Error.Code)
			}
		})
	}
}
