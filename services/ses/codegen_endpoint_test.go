package ses_test

import (
	"context"
	"errors"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"

	"github.com/goto3/goto3"
	"github.com/goto3/goto3/credentials"
	"github.com/goto3/goto3/endpoints"
	"github.com/goto3/goto3/services/ses"
)

const getSendQuotaResponse = `<GetSendQuotaResponse xmlns="http://ses.amazonaws.com/doc/2010-12-01/">
  <GetSendQuotaResult><SentLast24Hours>1.0</SentLast24Hours><Max24HourSend>200.0</Max24HourSend><MaxSendRate>1.0</MaxSendRate></GetSendQuotaResult>
  <ResponseMetadata><RequestId>quota-1</RequestId></ResponseMetadata>
</GetSendQuotaResponse>`

// TestEndpointBuiltIns checks the endpoint built-ins the generated client
// fills (internal/codegen's genericBuiltIns): with a custom EndpointURL the
// FIPS and dual-stack settings are left out, as botocore's args.py does,
// so the request goes to the custom endpoint (the rule set itself refuses
// FIPS or dual-stack with a custom endpoint); without one they select the
// FIPS and dual-stack hosts.
func TestEndpointBuiltIns(t *testing.T) {
	var mu sync.Mutex
	var hosts []string
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		mu.Lock()
		hosts = append(hosts, r.Host)
		mu.Unlock()
		io.Copy(io.Discard, r.Body)
		w.Header().Set("Content-Type", "text/xml")
		io.WriteString(w, getSendQuotaResponse)
	}))
	defer srv.Close()
	cfg := goto3.Config{Region: "us-west-2", Credentials: credentials.NewStatic("AKID", "SECRET", "")}

	for _, tt := range []struct {
		name          string
		fips, dual    bool
		wantRuleError string // of the rule set given the same settings
	}{
		{"fips", true, false, "FIPS and custom endpoint are not supported"},
		{"dual-stack", false, true, "Dualstack and custom endpoint are not supported"},
		{"both", true, true, "FIPS and custom endpoint are not supported"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			c, err := ses.New(cfg, func(o *ses.Options) {
				o.EndpointURL = srv.URL
				o.UseFIPSEndpoint, o.UseDualStackEndpoint = tt.fips, tt.dual
			})
			if err != nil {
				t.Fatal(err)
			}
			out, err := c.GetSendQuota(context.Background(), &ses.GetSendQuotaInput{})
			if err != nil {
				t.Fatalf("GetSendQuota through the custom endpoint: %v", err)
			}
			if out.Max24HourSend == nil || *out.Max24HourSend != 200 {
				t.Errorf("got Max24HourSend %v, want 200", out.Max24HourSend)
			}
			// Per-call options go through the same built-ins.
			if _, err := c.GetSendQuota(context.Background(), &ses.GetSendQuotaInput{}, func(o *ses.Options) { o.UseFIPSEndpoint = true }); err != nil {
				t.Fatalf("GetSendQuota with per-call FIPS: %v", err)
			}
			// The rule set, given both, refuses them.
			region, ep := cfg.Region, srv.URL
			_, err = ses.ResolveEndpoint(ses.EndpointParameters{Region: &region, Endpoint: &ep, UseFIPS: &tt.fips, UseDualStack: &tt.dual})
			var re *endpoints.RuleError
			if !errors.As(err, &re) || !strings.Contains(re.Error(), tt.wantRuleError) {
				t.Errorf("ResolveEndpoint with the custom endpoint and the flags: got %v, want a rule error %q", err, tt.wantRuleError)
			}
		})
	}
	mu.Lock()
	n := len(hosts)
	mu.Unlock()
	if n != 6 {
		t.Errorf("the custom endpoint got %d requests, want 6", n)
	}

	// Without a custom endpoint the settings reach the rule set.
	for _, tt := range []struct {
		fips, dual bool
		want       string
	}{
		{false, false, "https://email.us-west-2.amazonaws.com"},
		{true, false, "https://email-fips.us-west-2.amazonaws.com"},
		{false, true, "https://email.us-west-2.api.aws"},
	} {
		region := "us-west-2"
		ep, err := ses.ResolveEndpoint(ses.EndpointParameters{Region: &region, UseFIPS: &tt.fips, UseDualStack: &tt.dual})
		if err != nil || ep.URL != tt.want {
			t.Errorf("FIPS %v, dual-stack %v: got %q, %v; want %s", tt.fips, tt.dual, ep.URL, err, tt.want)
		}
	}
}
