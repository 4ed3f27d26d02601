package events_test

import (
	"bytes"
	"context"
	"errors"
	"io"
	"strings"
	"testing"
	"time"

	"github.com/goto3/goto3"
	"github.com/goto3/goto3/internal/testing/servicetest"
	"github.com/goto3/goto3/services/events"
	"github.com/goto3/goto3/sigv4"
)

// EventBridge's one customization in botocore's survey is its rule set's:
// PutEvents with an EndpointId (a global, multi-region endpoint) resolves
// to https://<EndpointId>.endpoint.events.amazonaws.com with the auth
// scheme sigv4a, region set ["*"]. botocore signs it only with the CRT
// installed (else MissingDependencyException); goto3 signs SigV4a itself.
// FIPS with an EndpointId and a malformed EndpointId are the rule set's
// errors.

func putEvents(endpointID *string) *events.PutEventsInput {
	return &events.PutEventsInput{
		EndpointId: endpointID,
		Entries: []events.PutEventsRequestEntry{{
			Source:       goto3.Ptr("goto3.test"),
			DetailType:   goto3.Ptr("detailType"),
			Detail:       goto3.Ptr(`{"test":["test"]}`),
			EventBusName: goto3.Ptr("my-sdk-app"),
		}},
	}
}

func TestPutEventsEndpointIDSigV4a(t *testing.T) {
	for _, tt := range []struct {
		name    string
		opts    func(*events.Options)
		wantURL string
	}{
		{"global endpoint", nil, "https://abc123.456def.endpoint.events.amazonaws.com/"},
		{"dual-stack", func(o *events.Options) { o.UseDualStackEndpoint = true }, "https://abc123.456def.endpoint.events.api.aws/"},
		{"other region", func(o *events.Options) { o.Region = "eu-central-1" }, "https://abc123.456def.endpoint.events.amazonaws.com/"},
		{"custom endpoint", func(o *events.Options) { o.EndpointURL = "https://example.com" }, "https://example.com/"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			rt := &servicetest.Transport{Body: `{"FailedEntryCount":0,"Entries":[{"EventId":"e1"}]}`}
			var fns []func(*events.Options)
			if tt.opts != nil {
				fns = append(fns, tt.opts)
			}
			out, err := testClient(t, rt, fns...).PutEvents(context.Background(), putEvents(goto3.Ptr("abc123.456def")))
			if err != nil {
				t.Fatal(err)
			}
			if len(out.Entries) != 1 || out.Entries[0].EventId == nil || *out.Entries[0].EventId != "e1" {
				t.Errorf("output %+v", out)
			}
			req, body := rt.Last(t)
			if got := req.URL.String(); got != tt.wantURL {
				t.Errorf("URL %s, want %s", got, tt.wantURL)
			}
			auth := req.Header.Get("Authorization")
			if !strings.HasPrefix(auth, "AWS4-ECDSA-P256-SHA256 Credential=AKID/") || !strings.Contains(auth, "/events/aws4_request,") {
				t.Errorf("Authorization %s, want SigV4a for events", auth)
			}
			if got := req.Header.Get("X-Amz-Region-Set"); got != "*" {
				t.Errorf("X-Amz-Region-Set %q, want *", got)
			}
			if !strings.Contains(body, `"EndpointId":"abc123.456def"`) {
				t.Errorf("body %s lacks EndpointId", body)
			}
			req.Body = io.NopCloser(bytes.NewReader([]byte(body)))
			v, err := sigv4.Verify(req, sigv4.VerifyOptions{
				Lookup: func(string) (sigv4.Credentials, bool) {
					return sigv4.Credentials{AccessKeyID: "AKID", SecretAccessKey: "SECRET"}, true
				},
				Now:     time.Now(),
				Service: "events",
				Region:  "us-west-2", // any region is in the set "*"
			})
			if err != nil {
				t.Fatalf("signature: %v", err)
			}
			if v.Algorithm != sigv4.AlgorithmV4a || len(v.RegionSet) != 1 || v.RegionSet[0] != "*" {
				t.Errorf("verified %+v", v)
			}
		})
	}
}

// TestPutEventsWithoutEndpointID: the regional endpoint, SigV4.
func TestPutEventsWithoutEndpointID(t *testing.T) {
	rt := &servicetest.Transport{Body: `{"FailedEntryCount":0}`}
	if _, err := testClient(t, rt).PutEvents(context.Background(), putEvents(nil)); err != nil {
		t.Fatal(err)
	}
	req, _ := rt.Last(t)
	if req.URL.String() != "https://events.us-east-1.amazonaws.com/" || !strings.HasPrefix(req.Header.Get("Authorization"), "AWS4-HMAC-SHA256 Credential=AKID/") {
		t.Errorf("URL %s, Authorization %s", req.URL, req.Header.Get("Authorization"))
	}
}

// TestPutEventsEndpointIDErrors: the rule set's errors, before any request.
func TestPutEventsEndpointIDErrors(t *testing.T) {
	for _, tt := range []struct {
		name, id, want string
		fips           bool
	}{
		{"fips", "abc123.456def", "Invalid Configuration: FIPS is not supported with EventBridge multi-region endpoints.", true},
		{"not a host label", "badactor.com?foo=bar", "EndpointId must be a valid host label.", false},
		{"empty", "", "EndpointId must be a valid host label.", false},
	} {
		t.Run(tt.name, func(t *testing.T) {
			rt := &servicetest.Transport{}
			c := testClient(t, rt, func(o *events.Options) { o.UseFIPSEndpoint = tt.fips })
			_, err := c.PutEvents(context.Background(), putEvents(&tt.id))
			var ee *goto3.EndpointError
			if !errors.As(err, &ee) || !strings.Contains(err.Error(), tt.want) {
				t.Errorf("got %v, want an EndpointError %q", err, tt.want)
			}
			if rt.Count() != 0 {
				t.Errorf("a request was sent")
			}
		})
	}
}
