package bedrockruntime_test

import (
	"context"
	"fmt"
	"net/http"
	"net/http/httptest"

	"github.com/goto3/goto3"
	"github.com/goto3/goto3/credentials"
	"github.com/goto3/goto3/protocol/eventstream"
	"github.com/goto3/goto3/services/bedrockruntime"
)

// ConverseStream's answer is an event stream: Events reads it one typed
// event at a time (here from a stand-in server sending what Bedrock
// sends).
func ExampleConverseStreamOutput_Events() {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/vnd.amazon.eventstream")
		for _, ev := range [][2]string{
			{"messageStart", `{"role":"assistant"}`},
			{"contentBlockDelta", `{"contentBlockIndex":0,"delta":{"text":"Hello"}}`},
			{"contentBlockDelta", `{"contentBlockIndex":0,"delta":{"text":", world"}}`},
			{"messageStop", `{"stopReason":"end_turn"}`},
			{"metadata", `{"usage":{"inputTokens":3,"outputTokens":4,"totalTokens":7},"metrics":{"latencyMs":120}}`},
		} {
			eventstream.Encode(w, &eventstream.Message{Headers: []eventstream.Header{
				{Name: ":message-type", Value: eventstream.String("event")},
				{Name: ":event-type", Value: eventstream.String(ev[0])},
			}, Payload: []byte(ev[1])})
		}
	}))
	defer srv.Close()

	client, err := bedrockruntime.New(goto3.Config{Region: "us-east-1", Credentials: credentials.NewStatic("AKID", "SECRET", ""), EndpointURL: srv.URL})
	if err != nil {
		panic(err)
	}
	out, err := client.ConverseStream(context.Background(), &bedrockruntime.ConverseStreamInput{
		ModelId: "anthropic.claude-3-haiku-20240307-v1:0",
		Messages: []bedrockruntime.Message{{Role: bedrockruntime.ConversationRoleUser,
			Content: []bedrockruntime.ContentBlock{{Text: goto3.Ptr("Say hello")}}}},
	})
	if err != nil {
		panic(err)
	}
	events := out.Events()
	defer events.Close()
	for ev, err := range events.All() {
		switch {
		case err != nil: // an exception in the stream: errors.As with *bedrockruntime.ThrottlingException, ...
			fmt.Println("error:", err)
		case ev.ContentBlockDelta != nil && ev.ContentBlockDelta.Delta.Text != nil:
			fmt.Print(*ev.ContentBlockDelta.Delta.Text)
		case ev.MessageStop != nil:
			fmt.Println("\nstop:", ev.MessageStop.StopReason)
		case ev.Metadata != nil:
			fmt.Println("tokens:", ev.Metadata.Usage.TotalTokens)
		}
	}
	// Output:
	// Hello, world
	// stop: end_turn
	// tokens: 7
}
