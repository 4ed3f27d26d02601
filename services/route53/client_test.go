package route53_test

import (
	"context"
	"encoding/json"
	"errors"
	"net/http"
	"os"
	"reflect"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/goto3/goto3"
	"github.com/goto3/goto3/credentials"
	"github.com/goto3/goto3/internal/testing/protocoltest"
	"github.com/goto3/goto3/internal/testing/servicetest"
	"github.com/goto3/goto3/protocol"
	"github.com/goto3/goto3/retry"
	"github.com/goto3/goto3/services/route53"
)

var emptyElement = regexp.MustCompile(`<(\w+) />`)

func testClient(t *testing.T, rt http.RoundTripper, optFns ...func(*route53.Options)) *route53.Client {
	t.Helper()
	r, err := retry.New(retry.Options{MaxAttempts: 1})
	if err != nil {
		t.Fatal(err)
	}
	c, err := route53.New(goto3.Config{Region: "us-east-1", Credentials: credentials.NewStatic("AKID", "SECRET", "")}, func(o *route53.Options) {
		o.HTTPClient = &http.Client{Transport: rt}
		o.Retryer = r
		for _, f := range optFns {
			f(o)
		}
	})
	if err != nil {
		t.Fatal(err)
	}
	return c
}

// TestEveryOperationEmptyInput calls every Route 53 operation with an empty
// input: each is refused by validation naming a member or goes through.
func TestEveryOperationEmptyInput(t *testing.T) {
	c := testClient(t, &servicetest.Transport{})
	passed, invalid := servicetest.EveryOperation(t, c, len(route53.OperationSchemas()))
	t.Logf("%d operations went through, %d were refused", passed, invalid)
}

// TestResolvedURLs: the endpoint and credential scope Route 53's rule set
// gives (one global endpoint per partition, signed for its home region),
// through a whole call; the values are botocore 1.43.11's.
func TestResolvedURLs(t *testing.T) {
	tests := []struct {
		name      string
		opts      func(*route53.Options)
		wantURL   string
		wantScope string
	}{
		{"us-east-1", nil, "https://route53.amazonaws.com/2013-04-01/hostedzone", "us-east-1/route53/aws4_request"},
		{"eu-west-1", func(o *route53.Options) { o.Region = "eu-west-1" }, "https://route53.amazonaws.com/2013-04-01/hostedzone", "us-east-1/route53/aws4_request"},
		{"fips", func(o *route53.Options) { o.Region, o.UseFIPSEndpoint = "us-west-2", true }, "https://route53-fips.amazonaws.com/2013-04-01/hostedzone", "us-east-1/route53/aws4_request"},
		{"dual-stack", func(o *route53.Options) { o.Region, o.UseDualStackEndpoint = "us-west-2", true }, "https://route53.global.api.aws/2013-04-01/hostedzone", "us-east-1/route53/aws4_request"},
		{"china", func(o *route53.Options) { o.Region = "cn-north-1" }, "https://route53.amazonaws.com.cn/2013-04-01/hostedzone", "cn-northwest-1/route53/aws4_request"},
		{"gov cloud", func(o *route53.Options) { o.Region = "us-gov-west-1" }, "https://route53.us-gov.amazonaws.com/2013-04-01/hostedzone", "us-gov-west-1/route53/aws4_request"},
		{"custom endpoint", func(o *route53.Options) { o.EndpointURL = "http://127.0.0.1:4566/base" }, "http://127.0.0.1:4566/base/2013-04-01/hostedzone", "us-east-1/route53/aws4_request"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			rt := &servicetest.Transport{Body: `<ListHostedZonesResponse xmlns="https://route53.amazonaws.com/doc/2013-04-01/"><HostedZones/><IsTruncated>false</IsTruncated><MaxItems>100</MaxItems></ListHostedZonesResponse>`}
			var fns []func(*route53.Options)
			if tt.opts != nil {
				fns = append(fns, tt.opts)
			}
			c := testClient(t, rt, fns...)
			if _, err := c.ListHostedZones(context.Background(), &route53.ListHostedZonesInput{}); err != nil {
				t.Fatal(err)
			}
			req, body := rt.Last(t)
			if got := req.URL.String(); got != tt.wantURL {
				t.Errorf("URL: got %s, want %s", got, tt.wantURL)
			}
			if req.Method != http.MethodGet || body != "" {
				t.Errorf("got %s with body %q, want a GET without a body", req.Method, body)
			}
			if got := req.Header.Get("Authorization"); !strings.Contains(got, "/"+tt.wantScope+",") {
				t.Errorf("Authorization: got %s, want scope %s", got, tt.wantScope)
			}
		})
	}
}

// TestIDPrefixesBotocore: in each of the 34 operations whose input has a
// member of shape ResourceId, DelegationSetId or ChangeId, an id given with
// the prefix Route 53 answers with ("/hostedzone/...", "/change/...",
// "/delegationset/...") is sent without it, as botocore's fix_route53_ids
// does: method, URL and body equal botocore's (testdata/gen_ids.py), and
// the caller's input is unchanged. The "bare" cases give the ids without
// a prefix.
func TestIDPrefixesBotocore(t *testing.T) {
	raw, err := os.ReadFile("testdata/ids.json")
	if err != nil {
		t.Fatal(err)
	}
	var doc struct {
		Operations int
		Cases      []struct {
			Operation, Name, Method, URL, Body string
			Params                             map[string]any
		}
	}
	if err := json.Unmarshal(raw, &doc); err != nil {
		t.Fatal(err)
	}
	if doc.Operations != 34 {
		t.Errorf("botocore strips ids in %d operations, want 34", doc.Operations)
	}
	// The generated schema has the same operations with id members.
	var withIDs []string
	for _, op := range route53.OperationSchemas() {
		if op.Input == nil {
			continue
		}
		for _, m := range op.Input.Members {
			if n := m.Shape.Name; n == "ResourceId" || n == "DelegationSetId" || n == "ChangeId" {
				withIDs = append(withIDs, op.Name)
				break
			}
		}
	}
	var botocoreOps []string
	for i, tc := range doc.Cases {
		if i%2 == 0 {
			botocoreOps = append(botocoreOps, tc.Operation)
		}
	}
	if diff := cmp.Diff(botocoreOps, withIDs); diff != "" {
		t.Errorf("operations with id members (-botocore +schema):\n%s", diff)
	}

	schemas := map[string]*protocol.Operation{}
	for _, op := range route53.OperationSchemas() {
		schemas[op.Name] = op
	}
	rt := &servicetest.Transport{}
	c := testClient(t, rt)
	methods := map[string]servicetest.Operation{}
	for _, op := range servicetest.Operations(c) {
		methods[op.Name] = op
	}
	for _, tc := range doc.Cases {
		t.Run(tc.Name, func(t *testing.T) {
			v, err := protocoltest.BuildValue(schemas[tc.Operation].Input, tc.Params)
			if err != nil {
				t.Fatal(err)
			}
			in := v.Interface()
			before := reflect.New(v.Elem().Type())
			before.Elem().Set(v.Elem())
			if _, err := methods[tc.Operation].Call(context.Background(), in); err != nil {
				t.Fatal(err)
			}
			req, body := rt.Last(t)
			if req.Method != tc.Method || req.URL.String() != tc.URL {
				t.Errorf("got %s %s, botocore sends %s %s", req.Method, req.URL, tc.Method, tc.URL)
			}
			// An empty element is <VPC /> in botocore's ElementTree and
			// <VPC></VPC> here: the same XML.
			if want := emptyElement.ReplaceAllString(tc.Body, "<$1></$1>"); body != want {
				t.Errorf("body:\n got %s\nwant %s", body, tc.Body)
			}
			if diff := cmp.Diff(before.Interface(), in); diff != "" {
				t.Errorf("the caller's input changed (-before +after):\n%s", diff)
			}
		})
	}
}

// TestPriorRequestNotCompleteRetried: Route 53's PriorRequestNotComplete
// (botocore's legacy retry table for route53; a throttling code of the
// standard mode) is retried until the attempts run out, with the modelled
// error type and the API error's code in the final error.
func TestPriorRequestNotCompleteRetried(t *testing.T) {
	rt := &servicetest.Transport{
		Status: http.StatusBadRequest,
		Header: http.Header{"Content-Type": {"text/xml"}, "X-Amzn-Requestid": {"req-1"}},
		Body:   `<?xml version="1.0"?><ErrorResponse xmlns="https://route53.amazonaws.com/doc/2013-04-01/"><Error><Type>Sender</Type><Code>PriorRequestNotComplete</Code><Message>The request was rejected because Route 53 was still processing a prior request.</Message></Error><RequestId>req-1</RequestId></ErrorResponse>`,
	}
	var sleeps []time.Duration
	r, err := retry.New(retry.Options{MaxAttempts: 3, Rand: func() float64 { return 1 }, Sleep: func(_ context.Context, d time.Duration) error {
		sleeps = append(sleeps, d)
		return nil
	}})
	if err != nil {
		t.Fatal(err)
	}
	c := testClient(t, rt, func(o *route53.Options) { o.Retryer = r })
	_, err = c.ChangeResourceRecordSets(context.Background(), &route53.ChangeResourceRecordSetsInput{
		HostedZoneId: "/hostedzone/Z1",
		ChangeBatch: &route53.ChangeBatch{Changes: []route53.Change{{
			Action:            route53.ChangeActionUpsert,
			ResourceRecordSet: &route53.ResourceRecordSet{Name: "a.example.com.", Type: route53.RRTypeA},
		}}},
	})
	if rt.Count() != 3 || len(sleeps) != 2 {
		t.Errorf("got %d attempts and %d sleeps, want 3 and 2", rt.Count(), len(sleeps))
	}
	var api *goto3.APIError
	if !errors.As(err, &api) || api.Code != "PriorRequestNotComplete" || api.Attempts != 3 || !api.RetriesExhausted {
		t.Fatalf("got %v, want PriorRequestNotComplete after 3 attempts", err)
	}
	var modeled *route53.PriorRequestNotComplete
	if !errors.As(err, &modeled) {
		t.Errorf("got %T, want *route53.PriorRequestNotComplete", api.Modeled)
	}
	if req, _ := rt.Last(t); req.URL.Path != "/2013-04-01/hostedzone/Z1/rrset/" {
		t.Errorf("path %s, want the zone id without its prefix", req.URL.Path)
	}
}
