package pipeline_test

import (
	"context"
	"net/url"
	"testing"
	"time"
)

// TestEndpointOperationAPIVersion: the service's endpoint-discovery
// operation (the model's endpointoperation, DynamoDB's DescribeEndpoints)
// is sent x-amz-api-version with the service's API version, signed, as
// botocore's inject_api_version_header_if_needed does; other operations
// and presigned URLs (botocore's before-call does not run for them) are
// not.
func TestEndpointOperationAPIVersion(t *testing.T) {
	discovery := opSendGadget
	discovery.EndpointOperation = true
	for _, tt := range []struct {
		name string
		flag bool
		want string
	}{
		{"endpoint operation", true, "2026-02-02"},
		{"other operation", false, ""},
	} {
		t.Run(tt.name, func(t *testing.T) {
			clock := newFakeClock()
			ws := newWidgetServer(t, clock)
			c := newClient(t, &gadgetsService, ws.URL, clock)
			op := opSendGadget
			if tt.flag {
				op = discovery
			}
			out := &SendGadgetOutput{}
			if err := c.Invoke(t.Context(), &op, &SendGadgetInput{Name: "g1"}, out, &out.ResultMetadata); err != nil {
				t.Fatal(err)
			}
			checkSigned(t, ws)
			r := ws.requests()[0]
			if got := r.Header.Values("X-Amz-Api-Version"); len(got) > 1 || r.Header.Get("X-Amz-Api-Version") != tt.want {
				t.Errorf("x-amz-api-version: got %q, want %q", got, tt.want)
			}
		})
	}
	c := newClient(t, &gadgetsService, "https://gadgets.example.com", newFakeClock())
	pr, err := c.Presign(context.Background(), &discovery, &SendGadgetInput{Name: "g1"}, time.Minute)
	if err != nil {
		t.Fatal(err)
	}
	u, err := url.Parse(pr.URL)
	if err != nil {
		t.Fatal(err)
	}
	if sh := u.Query().Get("X-Amz-SignedHeaders"); sh != "host" || pr.Header.Get("X-Amz-Api-Version") != "" {
		t.Errorf("presigned: signed headers %q, header %v; want host only, no x-amz-api-version", sh, pr.Header)
	}
}
