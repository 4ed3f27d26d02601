package pipeline_test

import (
	"bytes"
	"context"
	"testing"
)

// TestExpectContinue: a streaming upload of 1 MiB or more asks for
// "100 Continue", whatever the service (a service-neutral transport
// choice, not botocore's every-S3-upload rule); a smaller one and a body
// the codec serialized do not, and the header is not signed.
func TestExpectContinue(t *testing.T) {
	clock := newFakeClock()
	ws := newWidgetServer(t, clock)
	c := newClient(t, nil, ws.URL, clock)
	for _, n := range []int{0, 1<<20 - 1, 1 << 20} {
		in := &PutWidgetDataInput{Name: "w", Body: bytes.NewReader(make([]byte, n))}
		if err := c.Invoke(context.Background(), &opPutWidgetData, in, &PutWidgetDataOutput{}, nil); err != nil {
			t.Fatal(err)
		}
	}
	if err := c.Invoke(context.Background(), &opPutWidget, &PutWidgetInput{Name: "w", Config: &WidgetConfig{Label: "l"}}, &PutWidgetOutput{}, nil); err != nil {
		t.Fatal(err)
	}
	reqs := ws.requests()
	want := []string{"", "", "100-continue", ""}
	for i, r := range reqs {
		if got := r.Header.Get("Expect"); got != want[i] {
			t.Errorf("request %d (%s, %d bytes): Expect %q, want %q", i+1, r.Method, len(r.Body), got, want[i])
		}
		for _, h := range r.Verified.SignedHeaders {
			if h == "expect" {
				t.Errorf("request %d: Expect signed", i+1)
			}
		}
	}
	checkSigned(t, ws)
}
