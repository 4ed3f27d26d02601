package pipeline_test

import (
	"context"
	"net/http"
	"testing"

	"github.com/goto3/goto3/internal/pipeline"
)

// BenchmarkNoCustomizationsGetWidget is one call of a service without
// customizations through an in-memory transport: validate, resolve,
// serialize, sign, decode a small XML answer.
func BenchmarkNoCustomizationsGetWidget(b *testing.B) {
	h := http.Header{}
	h.Set("X-Amz-Request-Id", "4442587FB7D0A2F9")
	h.Set("Content-Type", "application/xml")
	body := []byte(`<GetWidgetOutput><Name>w1</Name><Size>42</Size></GetWidgetOutput>`)
	c := newClient(b, nil, "", newFakeClock(), func(o *pipeline.Options) {
		o.HTTPClient = &http.Client{Transport: &memTransport{status: 200, header: h, body: body}}
	})
	ctx := context.Background()
	in := &GetWidgetInput{Name: "w1", Color: ptrTo("blue")}
	b.ReportAllocs()
	for b.Loop() {
		out := &GetWidgetOutput{}
		if err := c.Invoke(ctx, &opGetWidget, in, out, &out.ResultMetadata); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkNoCustomizationsPutWidget serializes, hashes and signs an XML
// body.
func BenchmarkNoCustomizationsPutWidget(b *testing.B) {
	c := newClient(b, nil, "", newFakeClock(), func(o *pipeline.Options) {
		o.HTTPClient = &http.Client{Transport: &memTransport{status: 200, header: http.Header{}}}
	})
	ctx := context.Background()
	in := &PutWidgetInput{Name: "w1", Config: &WidgetConfig{Label: "a label of some length", Size: ptrTo(int64(42))}}
	b.ReportAllocs()
	for b.Loop() {
		out := &PutWidgetOutput{}
		if err := c.Invoke(ctx, &opPutWidget, in, out, &out.ResultMetadata); err != nil {
			b.Fatal(err)
		}
	}
}
