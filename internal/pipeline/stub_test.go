package pipeline_test

import (
	"context"
	"errors"
	"net/http"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/goto3/goto3"
	"github.com/goto3/goto3/endpoints"
	"github.com/goto3/goto3/internal/pipeline"
	"github.com/goto3/goto3/sigv4"
)

// stubFunc is a goto3.Stubber of a func.
type stubFunc func(ctx context.Context, call *goto3.StubCall) error

func (f stubFunc) StubCall(ctx context.Context, call *goto3.StubCall) error { return f(ctx, call) }

// TestStubber: with Options.Stubber a call is validated (the model, then
// Customizations.Validate), then answered by the stubber with the caller's
// input and output, and nothing after stage 1 runs: no customization, no
// endpoint, credentials, signing, request or retry. The stubber's error is
// wrapped in the *goto3.OperationError.
func TestStubber(t *testing.T) {
	clock := newFakeClock()
	ws := newWidgetServer(t, clock)
	var log stageLog
	never := func(stage string) { log.add(stage); t.Errorf("%s ran on a stubbed call", stage) }
	cu := pipeline.Customizations{
		Validate:     func(call *pipeline.Call) error { log.add("Validate"); return nil },
		PrepareInput: func(ctx context.Context, call *pipeline.Call) error { never("PrepareInput"); return nil },
		EndpointParams: func(ctx context.Context, call *pipeline.Call, vals []endpoints.Value) error {
			never("EndpointParams")
			return nil
		},
		PrepareRequest: func(ctx context.Context, call *pipeline.Call, req *http.Request) error {
			never("PrepareRequest")
			return nil
		},
		Auth: map[string]pipeline.AuthFunc{"widget-token": func(ctx context.Context, call *pipeline.Call, base sigv4.Credentials, expired bool) (pipeline.Identity, error) {
			never("Auth")
			return pipeline.Identity{}, nil
		}},
	}
	var calls []*goto3.StubCall
	answer := errors.New("stubbed failure")
	st := stubFunc(func(ctx context.Context, call *goto3.StubCall) error {
		log.add("StubCall")
		calls = append(calls, call)
		if in, ok := call.Input.(*GetWidgetInput); ok && in.Name == "fail" {
			return answer
		}
		out := call.Output.(*GetWidgetOutput)
		out.Name = goto3.Ptr("stubbed")
		call.Metadata.StatusCode = 200
		return nil
	})
	hooks := goto3.Hooks{BeforeSign: func(context.Context, *http.Request) error { never("BeforeSign"); return nil }}
	c := newClient(t, nil, ws.URL, clock, withCustom(cu), withAuthMode("token"), func(o *pipeline.Options) {
		o.Stubber = st
		o.Hooks = hooks
	})

	in := &GetWidgetInput{Name: "w"}
	out := &GetWidgetOutput{}
	if err := c.Invoke(context.Background(), &opGetWidget, in, out, &out.ResultMetadata); err != nil {
		t.Fatal(err)
	}
	if len(calls) != 1 || calls[0].Operation != &opGetWidget || calls[0].Input != in || calls[0].Output != out || calls[0].Metadata != &out.ResultMetadata {
		t.Fatalf("got calls %+v, want GetWidget with the caller's input, output and metadata", calls)
	}
	if *out.Name != "stubbed" || out.ResultMetadata.StatusCode != 200 {
		t.Errorf("got %+v, want the stubber's answer", out)
	}

	// The stubber's error, in the OperationError.
	err := c.Invoke(context.Background(), &opGetWidget, &GetWidgetInput{Name: "fail"}, &GetWidgetOutput{}, nil)
	var oe *goto3.OperationError
	if !errors.Is(err, answer) || !errors.As(err, &oe) || oe.Operation != "GetWidget" {
		t.Errorf("got %v, want the stubber's error in a GetWidget OperationError", err)
	}

	// An invalid input never reaches the stubber.
	var ve *goto3.ValidationError
	if err := c.Invoke(context.Background(), &opGetWidget, &GetWidgetInput{}, &GetWidgetOutput{}, nil); !errors.As(err, &ve) {
		t.Errorf("got %v, want the model's ValidationError", err)
	}

	want := []string{"Validate", "StubCall", "Validate", "StubCall"}
	if diff := cmp.Diff(want, log.get()); diff != "" {
		t.Errorf("stages (-want +got):\n%s", diff)
	}
	if n := len(ws.requests()); n != 0 {
		t.Errorf("the server saw %d requests, want none", n)
	}
}
