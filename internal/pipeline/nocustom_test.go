package pipeline_test

import (
	"context"
	"crypto/ecdsa"
	"errors"
	"fmt"
	"io"
	"net/http"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"golang.org/x/sync/errgroup"

	"github.com/goto3/goto3"
	"github.com/goto3/goto3/credentials"
	"github.com/goto3/goto3/endpoints"
	"github.com/goto3/goto3/internal/pipeline"
	"github.com/goto3/goto3/protocol"
	"github.com/goto3/goto3/retry"
	"github.com/goto3/goto3/sigv4"
)

// TestNoCustomizationsEndToEnd runs calls of a service without
// customizations through every stage: validation, the endpoint from the
// rule set (SDK::Endpoint), REST-XML serialization, the build headers,
// SigV4 (verified by the server with sigv4.Verify), sending and decoding.
func TestNoCustomizationsEndToEnd(t *testing.T) {
	clock := newFakeClock()
	ws := newWidgetServer(t, clock)
	c := newClient(t, nil, ws.URL, clock)
	ctx := context.Background()

	out := &GetWidgetOutput{}
	if err := c.Invoke(ctx, &opGetWidget, &GetWidgetInput{Name: "w 1", Color: ptrTo("blue")}, out, &out.ResultMetadata); err != nil {
		t.Fatal(err)
	}
	if out.Name == nil || *out.Name != "w 1" || out.Size == nil || *out.Size != 42 {
		t.Errorf("got Name %v, Size %v; want w 1, 42", out.Name, out.Size)
	}
	md := out.ResultMetadata
	if md.StatusCode != 200 || md.Attempts != 1 || md.RequestID != "REQ1" || md.Header.Get("X-Amz-Request-Id") != "REQ1" {
		t.Errorf("got metadata %+v", md)
	}

	put := &PutWidgetOutput{}
	in := &PutWidgetInput{Name: "w2", Config: &WidgetConfig{Label: "second", Size: ptrTo(int64(7))}}
	if err := c.Invoke(ctx, &opPutWidget, in, put, &put.ResultMetadata); err != nil {
		t.Fatal(err)
	}
	if put.ETag == nil || *put.ETag != `"etag"` {
		t.Errorf("got ETag %v", put.ETag)
	}

	checkSigned(t, ws)
	reqs := ws.requests()
	if len(reqs) != 2 {
		t.Fatalf("server saw %d requests, want 2", len(reqs))
	}
	get := reqs[0]
	if get.Method != "GET" || get.URL.EscapedPath() != "/widgets/w%201" || get.URL.RawQuery != "color=blue" {
		t.Errorf("got %s %s", get.Method, get.URL)
	}
	v := get.Verified
	if v != nil && (v.Algorithm != sigv4.Algorithm || v.AccessKeyID != testAKID || v.Service != "widgets" || v.Region != testRegion || !v.Time.Equal(clock.Now())) {
		t.Errorf("got signature %+v, want SigV4 by %s for widgets in %s at %v", v, testAKID, testRegion, clock.Now())
	}
	if got := get.Header.Get("User-Agent"); !strings.HasPrefix(got, "goto3/"+pipeline.Version+" ") || !strings.Contains(got, " api/widgets#2026-01-01") {
		t.Errorf("got User-Agent %q", got)
	}
	if got := get.Header.Get("Amz-Sdk-Request"); got != "attempt=1; max=3" {
		t.Errorf("got amz-sdk-request %q, want attempt=1; max=3", got)
	}
	if got := get.Header.Get("Amz-Sdk-Invocation-Id"); len(got) != 36 || got[14] != '4' {
		t.Errorf("got invocation id %q, want a version-4 UUID", got)
	}
	if got := get.Header.Get("X-Amz-Security-Token"); got != "" {
		t.Errorf("got X-Amz-Security-Token %q without a session token", got)
	}

	p := reqs[1]
	if p.Method != "PUT" || p.URL.Path != "/widgets/w2" {
		t.Errorf("got %s %s", p.Method, p.URL)
	}
	if want := `<WidgetConfig><Label>second</Label><Size>7</Size></WidgetConfig>`; string(p.Body) != want {
		t.Errorf("got body %s, want %s", p.Body, want)
	}
	if got := p.Header.Get("Content-Type"); got != "application/xml" {
		t.Errorf("got Content-Type %q", got)
	}
	if p.Header.Get("Amz-Sdk-Invocation-Id") == get.Header.Get("Amz-Sdk-Invocation-Id") {
		t.Errorf("two calls share an invocation id")
	}
	// A service that is not S3 signs the payload's SHA-256 without an
	// X-Amz-Content-Sha256 header (Verify hashed the body it received).
	if p.Verified != nil && p.Verified.PayloadHash != sha256Hex(p.Body) {
		t.Errorf("got payload hash %s, want the body's", p.Verified.PayloadHash)
	}
	if got := p.Header.Get("X-Amz-Content-Sha256"); got != "" {
		t.Errorf("got X-Amz-Content-Sha256 %q, want none", got)
	}
}

// TestNoCustomizationsQueryEndToEnd runs a call of a Query service: the
// form body, SigV4 for its signing name, the wrapped answer.
func TestNoCustomizationsQueryEndToEnd(t *testing.T) {
	clock := newFakeClock()
	ws := newWidgetServer(t, clock)
	c := newClient(t, &gadgetsService, ws.URL, clock)
	out := &SendGadgetOutput{}
	if err := c.Invoke(context.Background(), &opSendGadget, &SendGadgetInput{Name: "g 1", Note: ptrTo("a&b")}, out, &out.ResultMetadata); err != nil {
		t.Fatal(err)
	}
	if out.ID == nil || *out.ID != "gadget-1" || out.ResultMetadata.RequestID != "REQ1" {
		t.Errorf("got ID %v, request id %q", out.ID, out.ResultMetadata.RequestID)
	}
	checkSigned(t, ws)
	r := ws.requests()[0]
	if want := "Action=SendGadget&Version=2026-02-02&Name=g+1&Note=a%26b"; string(r.Body) != want {
		t.Errorf("got body %s, want %s", r.Body, want)
	}
	if r.Verified != nil && r.Verified.Service != "gadgets" {
		t.Errorf("got signing name %s, want gadgets", r.Verified.Service)
	}
	if got := r.Header.Get("User-Agent"); !strings.Contains(got, " api/gadgets#2026-02-02") {
		t.Errorf("got User-Agent %q", got)
	}
}

// TestNoCustomizationsValidation: required members, nested ones too, are
// checked before any I/O.
func TestNoCustomizationsValidation(t *testing.T) {
	clock := newFakeClock()
	ws := newWidgetServer(t, clock)
	c := newClient(t, nil, ws.URL, clock)
	for _, tt := range []struct {
		name   string
		call   func() error
		member string
	}{
		{"uri member", func() error {
			return c.Invoke(context.Background(), &opGetWidget, &GetWidgetInput{}, &GetWidgetOutput{}, nil)
		}, "Name"},
		{"payload", func() error {
			return c.Invoke(context.Background(), &opPutWidget, &PutWidgetInput{Name: "w"}, &PutWidgetOutput{}, nil)
		}, "Config"},
		{"nested", func() error {
			return c.Invoke(context.Background(), &opPutWidget, &PutWidgetInput{Name: "w", Config: &WidgetConfig{}}, &PutWidgetOutput{}, nil)
		}, "Config.Label"},
		{"untyped nil input is empty", func() error {
			return c.Invoke(context.Background(), &opGetWidget, nil, &GetWidgetOutput{}, nil)
		}, "Name"},
		{"presign", func() error {
			_, err := c.Presign(context.Background(), &opGetWidget, &GetWidgetInput{}, time.Minute)
			return err
		}, "Name"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			err := tt.call()
			var ve *goto3.ValidationError
			if !errors.As(err, &ve) || ve.Member != tt.member {
				t.Errorf("got %v, want a ValidationError for %s", err, tt.member)
			}
			var oe *goto3.OperationError
			if !errors.As(err, &oe) || oe.Service != "Widgets" {
				t.Errorf("got %v, want an OperationError of Widgets", err)
			}
		})
	}
	if n := len(ws.requests()); n != 0 {
		t.Errorf("server saw %d requests, want 0", n)
	}
}

// TestNoCustomizationsNilInput: a typed nil input is refused before any
// I/O, by Invoke and Presign.
func TestNoCustomizationsNilInput(t *testing.T) {
	clock := newFakeClock()
	ws := newWidgetServer(t, clock)
	c := newClient(t, nil, ws.URL, clock)
	err := c.Invoke(context.Background(), &opGetWidget, (*GetWidgetInput)(nil), &GetWidgetOutput{}, nil)
	var oe *goto3.OperationError
	if !errors.As(err, &oe) || oe.Operation != "GetWidget" || !strings.Contains(err.Error(), "nil input") {
		t.Errorf("Invoke: got %v, want a GetWidget error saying nil input", err)
	}
	_, err = c.Presign(context.Background(), &opGetWidget, (*GetWidgetInput)(nil), time.Minute)
	if err == nil || !strings.Contains(err.Error(), "nil input") {
		t.Errorf("Presign: got %v, want a nil input error", err)
	}
	if n := len(ws.requests()); n != 0 {
		t.Errorf("server saw %d requests, want 0", n)
	}
}

// TestNoCustomizationsRetries: transient failures are retried with backoff,
// each attempt signed again, up to the attempts allowed; the rest are not.
func TestNoCustomizationsRetries(t *testing.T) {
	failFirst := func(times, status int, code string) func(int, http.ResponseWriter, *http.Request) bool {
		return func(n int, w http.ResponseWriter, r *http.Request) bool {
			if n > times {
				return false
			}
			failWith(w, status, code, "try again")
			return true
		}
	}
	t.Run("success after retries", func(t *testing.T) {
		clock := newFakeClock()
		ws := newWidgetServer(t, clock)
		ws.setRespond(failFirst(2, 500, "InternalError"))
		c := newClient(t, nil, ws.URL, clock)
		in := &PutWidgetInput{Name: "w", Config: &WidgetConfig{Label: "retried"}}
		out := &PutWidgetOutput{}
		if err := c.Invoke(context.Background(), &opPutWidget, in, out, &out.ResultMetadata); err != nil {
			t.Fatalf("got %v, want success after retries", err)
		}
		if out.ResultMetadata.Attempts != 3 {
			t.Errorf("got %d attempts, want 3", out.ResultMetadata.Attempts)
		}
		if diff := cmp.Diff([]time.Duration{500 * time.Millisecond, time.Second}, clock.Sleeps()); diff != "" {
			t.Errorf("backoff delays (-want +got):\n%s", diff)
		}
		checkSigned(t, ws)
		reqs := ws.requests()
		for i, r := range reqs {
			if got, want := r.Header.Get("Amz-Sdk-Request"), fmt.Sprintf("attempt=%d; max=3", i+1); got != want {
				t.Errorf("attempt %d: got amz-sdk-request %q, want %q", i+1, got, want)
			}
			if r.Header.Get("Amz-Sdk-Invocation-Id") != reqs[0].Header.Get("Amz-Sdk-Invocation-Id") {
				t.Errorf("attempt %d: the invocation id changed", i+1)
			}
			if string(r.Body) != string(reqs[0].Body) || len(r.Body) == 0 {
				t.Errorf("attempt %d: got body %q, want %q", i+1, r.Body, reqs[0].Body)
			}
			// Signed again at the clock's time after the backoff (X-Amz-Date
			// has whole seconds).
			if want := newFakeClock().Now().Add(sumDurations(clock.Sleeps()[:i])).Truncate(time.Second); r.Verified != nil && !r.Verified.Time.Equal(want) {
				t.Errorf("attempt %d signed at %v", i+1, r.Verified.Time)
			}
		}
		if got, want := c.Retryer().QuotaAvailable(), 500-10+5; got != want {
			t.Errorf("quota %d, want %d", got, want)
		}
	})
	t.Run("attempts exhausted", func(t *testing.T) {
		clock := newFakeClock()
		ws := newWidgetServer(t, clock)
		ws.setRespond(failFirst(100, 503, "ServiceUnavailable"))
		c := newClient(t, nil, ws.URL, clock, func(o *pipeline.Options) { o.RetryMaxAttempts = 2 })
		err := c.Invoke(context.Background(), &opGetWidget, &GetWidgetInput{Name: "w"}, &GetWidgetOutput{}, nil)
		var api *goto3.APIError
		if !errors.As(err, &api) || api.Code != "ServiceUnavailable" || api.StatusCode != 503 || api.Attempts != 2 || !api.RetriesExhausted || api.RequestID != "REQ2" {
			t.Fatalf("got %v (%+v), want ServiceUnavailable after 2 attempts", err, api)
		}
		var ex *retry.ExhaustedError
		if !errors.As(err, &ex) || ex.Attempts != 2 {
			t.Errorf("got %v, want a retry.ExhaustedError after 2 attempts", err)
		}
		want := "widgets: GetWidget: An error occurred (ServiceUnavailable) when calling the GetWidget operation: try again (status 503, request id REQ2, retries exhausted after 2 attempts)"
		if err.Error() != want {
			t.Errorf("got message\n%s\nwant\n%s", err, want)
		}
		if n := len(ws.requests()); n != 2 {
			t.Errorf("server saw %d requests, want 2", n)
		}
	})
	t.Run("retryer attempts", func(t *testing.T) {
		clock := newFakeClock()
		ws := newWidgetServer(t, clock)
		ws.setRespond(failFirst(4, 500, "InternalError"))
		r, err := retry.New(retry.Options{MaxAttempts: 5, Now: clock.Now, Sleep: clock.Sleep})
		if err != nil {
			t.Fatal(err)
		}
		c := newClient(t, nil, ws.URL, clock, func(o *pipeline.Options) { o.Retryer = r })
		out := &GetWidgetOutput{}
		if err := c.Invoke(context.Background(), &opGetWidget, &GetWidgetInput{Name: "w"}, out, &out.ResultMetadata); err != nil {
			t.Fatal(err)
		}
		if out.ResultMetadata.Attempts != 5 {
			t.Errorf("got %d attempts, want 5", out.ResultMetadata.Attempts)
		}
		if got := ws.requests()[4].Header.Get("Amz-Sdk-Request"); got != "attempt=5; max=5" {
			t.Errorf("got amz-sdk-request %q", got)
		}
	})
	t.Run("not retryable", func(t *testing.T) {
		clock := newFakeClock()
		ws := newWidgetServer(t, clock)
		ws.setRespond(failFirst(1, 400, "ValidationFailed"))
		c := newClient(t, nil, ws.URL, clock)
		err := c.Invoke(context.Background(), &opGetWidget, &GetWidgetInput{Name: "w"}, &GetWidgetOutput{}, nil)
		var api *goto3.APIError
		if !errors.As(err, &api) || api.Code != "ValidationFailed" || api.Attempts != 1 || api.RetriesExhausted {
			t.Errorf("got %v, want ValidationFailed after 1 attempt", err)
		}
		if n := len(ws.requests()); n != 1 {
			t.Errorf("server saw %d requests, want 1", n)
		}
	})
	t.Run("expired token refreshes the credentials", func(t *testing.T) {
		clock := newFakeClock()
		ws := newWidgetServer(t, clock)
		ws.setRespond(failFirst(1, 400, "ExpiredToken"))
		p := &countingProvider{creds: credentials.Credentials{AccessKeyID: testAKID, SecretAccessKey: testSecret}}
		c := newClient(t, nil, ws.URL, clock, func(o *pipeline.Options) { o.Credentials = p })
		out := &GetWidgetOutput{}
		if err := c.Invoke(context.Background(), &opGetWidget, &GetWidgetInput{Name: "w"}, out, &out.ResultMetadata); err != nil {
			t.Fatal(err)
		}
		if out.ResultMetadata.Attempts != 2 || p.calls() != 2 {
			t.Errorf("got %d attempts and %d credential retrievals, want 2 and 2", out.ResultMetadata.Attempts, p.calls())
		}
	})
}

func sumDurations(ds []time.Duration) time.Duration {
	var s time.Duration
	for _, d := range ds {
		s += d
	}
	return s
}

// TestNoCustomizationsAnonymous: credentials.Anonymous sends requests
// unsigned and cannot presign; no credentials at all is an error before
// any I/O.
func TestNoCustomizationsAnonymous(t *testing.T) {
	clock := newFakeClock()
	ws := newWidgetServer(t, clock)
	c := newClient(t, nil, ws.URL, clock, func(o *pipeline.Options) { o.Credentials = credentials.Anonymous{} })
	out := &GetWidgetOutput{}
	if err := c.Invoke(context.Background(), &opGetWidget, &GetWidgetInput{Name: "w"}, out, &out.ResultMetadata); err != nil {
		t.Fatal(err)
	}
	r := ws.requests()[0]
	for _, h := range []string{"Authorization", "X-Amz-Date", "X-Amz-Security-Token", "X-Amz-Content-Sha256"} {
		if got := r.Header.Get(h); got != "" {
			t.Errorf("anonymous request carries %s: %q", h, got)
		}
	}
	if r.Header.Get("Amz-Sdk-Invocation-Id") == "" || r.Header.Get("User-Agent") == "" {
		t.Errorf("anonymous request lacks the build headers: %v", r.Header)
	}
	if _, err := c.Presign(context.Background(), &opGetWidget, &GetWidgetInput{Name: "w"}, time.Minute); err == nil || !strings.Contains(err.Error(), "anonymous") {
		t.Errorf("Presign: got %v, want an error about anonymous credentials", err)
	}

	none := newClient(t, nil, ws.URL, clock, func(o *pipeline.Options) { o.Credentials = nil })
	err := none.Invoke(context.Background(), &opGetWidget, &GetWidgetInput{Name: "w"}, &GetWidgetOutput{}, nil)
	if err == nil || !strings.Contains(err.Error(), "no credentials") {
		t.Errorf("no credentials: got %v", err)
	}
	if n := len(ws.requests()); n != 1 {
		t.Errorf("server saw %d requests, want 1", n)
	}
}

// TestNoCustomizationsWith: a per-call client shares the retryer and the
// credential cache unless its options change them, and leaves the
// original client as it was.
func TestNoCustomizationsWith(t *testing.T) {
	clock := newFakeClock()
	ws := newWidgetServer(t, clock)
	ws.setRespond(func(n int, w http.ResponseWriter, r *http.Request) bool {
		if r.URL.Query().Get("color") == "fail" {
			failWith(w, 500, "InternalError", "always")
			return true
		}
		return false
	})
	p := &countingProvider{creds: credentials.Credentials{AccessKeyID: testAKID, SecretAccessKey: testSecret}}
	c := newClient(t, nil, ws.URL, clock, func(o *pipeline.Options) { o.Credentials = p })
	fail := &GetWidgetInput{Name: "w", Color: ptrTo("fail")}

	o := c.Options()
	o.RetryMaxAttempts = 1
	one, err := c.With(o)
	if err != nil {
		t.Fatal(err)
	}
	if one.Retryer() != c.Retryer() {
		t.Errorf("With(RetryMaxAttempts) made a new retryer, want the shared one")
	}
	var api *goto3.APIError
	if err := one.Invoke(context.Background(), &opGetWidget, fail, &GetWidgetOutput{}, nil); !errors.As(err, &api) || api.Attempts != 1 {
		t.Errorf("per-call client: got %v, want 1 attempt", err)
	}
	if err := c.Invoke(context.Background(), &opGetWidget, fail, &GetWidgetOutput{}, nil); !errors.As(err, &api) || api.Attempts != 3 {
		t.Errorf("original client: got %v, want 3 attempts", err)
	}
	if c.Options().RetryMaxAttempts != 0 {
		t.Errorf("With changed the original client's options")
	}
	if got := p.calls(); got != 1 {
		t.Errorf("credentials retrieved %d times, want once (a shared cache)", got)
	}

	// A given Retryer is used as it is; without one, a client's retryer is
	// shared unless the retry mode changes.
	own := newClient(t, nil, ws.URL, clock, func(o *pipeline.Options) { o.Retryer = nil })
	o = own.Options()
	same, err := own.With(o)
	if err != nil {
		t.Fatal(err)
	}
	if same.Retryer() != own.Retryer() {
		t.Errorf("With(same options) made a new retryer, want the shared one")
	}
	o.RetryMode = retry.Adaptive
	adaptive, err := own.With(o)
	if err != nil {
		t.Fatal(err)
	}
	if adaptive.Retryer() == own.Retryer() || adaptive.Retryer().Mode() != retry.Adaptive {
		t.Errorf("With(RetryMode) shares the retryer, want a new adaptive one")
	}

	o = c.Options()
	o.Credentials = credentials.NewStatic(otherAKID, otherKey, "")
	other, err := c.With(o)
	if err != nil {
		t.Fatal(err)
	}
	ws.setRespond(nil)
	if err := other.Invoke(context.Background(), &opGetWidget, &GetWidgetInput{Name: "w"}, &GetWidgetOutput{}, nil); err != nil {
		t.Fatal(err)
	}
	if err := c.Invoke(context.Background(), &opGetWidget, &GetWidgetInput{Name: "w"}, &GetWidgetOutput{}, nil); err != nil {
		t.Fatal(err)
	}
	checkSigned(t, ws)
	reqs := ws.requests()
	if v := reqs[len(reqs)-2].Verified; v == nil || v.AccessKeyID != otherAKID {
		t.Errorf("per-call credentials: got %+v, want signed by %s", v, otherAKID)
	}
	if v := reqs[len(reqs)-1].Verified; v == nil || v.AccessKeyID != testAKID {
		t.Errorf("original client: got %+v, want signed by %s", v, testAKID)
	}
}

// TestNoCustomizationsModeledError: an error code that one of the
// service's modelled errors carries is decoded into that error's type even
// for an operation that does not list it.
func TestNoCustomizationsModeledError(t *testing.T) {
	clock := newFakeClock()
	ws := newWidgetServer(t, clock)
	ws.setRespond(func(n int, w http.ResponseWriter, r *http.Request) bool {
		w.Header().Set("Content-Type", "application/xml")
		w.WriteHeader(404)
		code := "WidgetNotFound"
		if strings.HasSuffix(r.URL.Path, "/other") {
			code = "NoSuchThing"
		}
		fmt.Fprintf(w, `<Error><Code>%s</Code><Message>no such widget</Message><Widget>w9</Widget><RequestId>R%d</RequestId></Error>`, code, n)
		return true
	})
	c := newClient(t, nil, ws.URL, clock)
	if len(opGetWidget.Errors) != 0 {
		t.Fatal("GetWidget lists errors; the test wants it not to")
	}
	err := c.Invoke(context.Background(), &opGetWidget, &GetWidgetInput{Name: "w9"}, &GetWidgetOutput{}, nil)
	var nf *WidgetNotFound
	if !errors.As(err, &nf) || nf.Message == nil || *nf.Message != "no such widget" || nf.Widget == nil || *nf.Widget != "w9" {
		t.Fatalf("got %v, want a *WidgetNotFound for w9", err)
	}
	var api *goto3.APIError
	if !errors.As(err, &api) || api.Code != "WidgetNotFound" || api.StatusCode != 404 || api.Attempts != 1 || api.Operation != "GetWidget" {
		t.Errorf("got %+v", api)
	}
	if got := goto3.ErrorCode(err); got != "WidgetNotFound" {
		t.Errorf("ErrorCode: got %q", got)
	}
	err = c.Invoke(context.Background(), &opGetWidget, &GetWidgetInput{Name: "other"}, &GetWidgetOutput{}, nil)
	if errors.As(err, &nf) {
		t.Errorf("an unmodelled code matched WidgetNotFound: %v", err)
	}
	if !errors.As(err, &api) || api.Code != "NoSuchThing" || api.Modeled != nil {
		t.Errorf("got %v, want a plain APIError NoSuchThing", err)
	}
}

// TestNoCustomizationsContextParams: an operation's static, context and
// operation context parameters reach the rule set at their positions (the
// endpoint the rules pick echoes them in headers), and a rule set's error
// rule is an *goto3.EndpointError before any I/O.
func TestNoCustomizationsContextParams(t *testing.T) {
	clock := newFakeClock()
	ws := newWidgetServer(t, clock)
	c := newClient(t, nil, ws.URL, clock)
	out := &ListWidgetsOutput{}
	if err := c.Invoke(context.Background(), &opListWidgets, &ListWidgetsInput{Prefix: "pre", Names: []string{"n1", "n2"}}, out, &out.ResultMetadata); err != nil {
		t.Fatal(err)
	}
	if out.Count == nil || *out.Count != 2 {
		t.Errorf("got Count %v", out.Count)
	}
	checkSigned(t, ws)
	r := ws.requests()[0]
	got := map[string]string{}
	for _, h := range []string{"X-Widget-Stage", "X-Widget-Prefix", "X-Widget-First-Name"} {
		got[h] = r.Header.Get(h)
	}
	want := map[string]string{"X-Widget-Stage": "beta", "X-Widget-Prefix": "pre", "X-Widget-First-Name": "n1"}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("endpoint headers (-want +got):\n%s", diff)
	}
	if r.URL.RawQuery != "prefix=pre&name=n1&name=n2" {
		t.Errorf("got query %q", r.URL.RawQuery)
	}
	// The endpoint's headers are signed.
	if r.Verified != nil && !slices.Contains(r.Verified.SignedHeaders, "x-widget-stage") {
		t.Errorf("signed headers %v lack x-widget-stage", r.Verified.SignedHeaders)
	}

	// Without the operation context parameter the rules pick the plain
	// endpoint.
	if err := c.Invoke(context.Background(), &opListWidgets, &ListWidgetsInput{Prefix: "pre"}, &ListWidgetsOutput{}, nil); err != nil {
		t.Fatal(err)
	}
	if h := ws.requests()[1].Header.Get("X-Widget-Stage"); h != "" {
		t.Errorf("got X-Widget-Stage %q without Names", h)
	}

	err := c.Invoke(context.Background(), &opListWidgets, &ListWidgetsInput{Prefix: "forbidden"}, &ListWidgetsOutput{}, nil)
	var ee *goto3.EndpointError
	var re *endpoints.RuleError
	if !errors.As(err, &ee) || !errors.As(err, &re) || re.Message != "Prefix forbidden is not allowed" {
		t.Errorf("got %v, want an EndpointError from the rule set's error rule", err)
	}
	if n := len(ws.requests()); n != 2 {
		t.Errorf("server saw %d requests, want 2", n)
	}
}

// TestNoCustomizationsOperationContextParamList: an operation context
// parameter whose path selects a list-of-strings member whole ("Names",
// not the projection "Names[*]") must reach the rule set as that list.
func TestNoCustomizationsOperationContextParamList(t *testing.T) {
	op := opListWidgets
	op.OperationContextParams = []protocol.OperationContextParam{{Name: "Names", Param: paramNames, Path: "Names"}}
	clock := newFakeClock()
	ws := newWidgetServer(t, clock)
	c := newClient(t, nil, ws.URL, clock)
	if err := c.Invoke(context.Background(), &op, &ListWidgetsInput{Prefix: "pre", Names: []string{"n1", "n2"}}, &ListWidgetsOutput{}, nil); err != nil {
		t.Fatal(err)
	}
	if got := ws.requests()[0].Header.Get("X-Widget-First-Name"); got != "n1" {
		t.Errorf("got X-Widget-First-Name %q, want n1 (the rule set did not see Names)", got)
	}
}

// TestNoCustomizationsResolvedURL: without SDK::Endpoint the rule set's own
// hosts are used, with the client's built-ins (FIPS) by position.
func TestNoCustomizationsResolvedURL(t *testing.T) {
	for _, tt := range []struct {
		name string
		fips bool
		want string
	}{
		{"regional", false, "https://widgets.us-west-2.example.com/widgets/a%2Fb"},
		{"fips", true, "https://widgets-fips.us-west-2.example.com/widgets/a%2Fb"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			ct := &captureTransport{resp: `<GetWidgetOutput/>`}
			c := newClient(t, nil, "", newFakeClock(), func(o *pipeline.Options) {
				o.HTTPClient = &http.Client{Transport: ct}
				o.EndpointParams[paramUseFIPS] = endpoints.Bool(tt.fips)
			})
			if err := c.Invoke(context.Background(), &opGetWidget, &GetWidgetInput{Name: "a/b"}, &GetWidgetOutput{}, nil); err != nil {
				t.Fatal(err)
			}
			if got := ct.req.URL.String(); got != tt.want {
				t.Errorf("got URL %s, want %s", got, tt.want)
			}
			if got := ct.req.Header.Get("Authorization"); !strings.Contains(got, "/us-west-2/widgets/aws4_request,") {
				t.Errorf("got Authorization %s, want the scope us-west-2/widgets", got)
			}
		})
	}
}

// TestNoCustomizationsSigV4a: an endpoint whose auth schemes say sigv4a is
// signed with SigV4a for its region set, verified with the public key alone
// and with the secret; presigned URLs too.
func TestNoCustomizationsSigV4a(t *testing.T) {
	key, err := sigv4.DeriveKeyV4a(sigv4.Credentials{AccessKeyID: testAKID, SecretAccessKey: testSecret})
	if err != nil {
		t.Fatal(err)
	}
	for _, publicKey := range []bool{true, false} {
		t.Run(fmt.Sprintf("public key %v", publicKey), func(t *testing.T) {
			clock := newFakeClock()
			ws := newWidgetServer(t, clock)
			if publicKey {
				// A verifier holding no secret.
				ws.setVerify(func(r *http.Request) sigv4.VerifyOptions {
					return sigv4.VerifyOptions{
						PublicKey: func(id string) (*ecdsa.PublicKey, bool) { return &key.PublicKey, id == testAKID },
						Now:       clock.Now(), Service: "widgets", Region: "eu-central-1", RequireSignedAmzHeaders: true,
					}
				})
			}
			c := newClient(t, nil, ws.URL, clock, func(o *pipeline.Options) { o.EndpointParams[paramUseV4a] = endpoints.Bool(true) })
			in := &PutWidgetInput{Name: "w", Config: &WidgetConfig{Label: "v4a"}}
			if err := c.Invoke(context.Background(), &opPutWidget, in, &PutWidgetOutput{}, nil); err != nil {
				t.Fatal(err)
			}
			pr, err := c.Presign(context.Background(), &opGetWidget, &GetWidgetInput{Name: "w"}, time.Minute)
			if err != nil {
				t.Fatal(err)
			}
			if !strings.Contains(pr.URL, "X-Amz-Algorithm=AWS4-ECDSA-P256-SHA256") || !strings.Contains(pr.URL, "X-Amz-Region-Set=%2A") {
				t.Errorf("presigned URL %s is not SigV4a for *", pr.URL)
			}
			resp, err := http.Get(pr.URL)
			if err != nil {
				t.Fatal(err)
			}
			resp.Body.Close()
			checkSigned(t, ws)
			for i, r := range ws.requests() {
				v := r.Verified
				if v == nil {
					continue
				}
				if v.Algorithm != sigv4.AlgorithmV4a || !slices.Equal(v.RegionSet, []string{"*"}) || v.Service != "widgets" || v.Presigned != (i == 1) {
					t.Errorf("request %d: got %+v, want SigV4a for widgets in *", i+1, v)
				}
			}
			if got := ws.requests()[0].Header.Get("X-Amz-Region-Set"); got != "*" {
				t.Errorf("got X-Amz-Region-Set %q, want *", got)
			}
		})
	}
}

// TestNoCustomizationsAuthSchemes: a scheme the pipeline does not know and
// the service does not customize is skipped for the next one; an endpoint
// with none it can use is an *goto3.EndpointError.
func TestNoCustomizationsAuthSchemes(t *testing.T) {
	clock := newFakeClock()
	ws := newWidgetServer(t, clock)
	c := newClient(t, nil, ws.URL, clock, func(o *pipeline.Options) { o.EndpointParams[paramAuthMode] = endpoints.String("token") })
	if err := c.Invoke(context.Background(), &opGetWidget, &GetWidgetInput{Name: "w"}, &GetWidgetOutput{}, nil); err != nil {
		t.Fatal(err)
	}
	checkSigned(t, ws) // sigv4 for widgets: widget-token was skipped

	bad := newClient(t, nil, ws.URL, clock, func(o *pipeline.Options) { o.EndpointParams[paramAuthMode] = endpoints.String("unsupported") })
	err := bad.Invoke(context.Background(), &opGetWidget, &GetWidgetInput{Name: "w"}, &GetWidgetOutput{}, nil)
	var ee *goto3.EndpointError
	if !errors.As(err, &ee) || !strings.Contains(err.Error(), "the auth scheme no-such-scheme, which goto3 does not support") {
		t.Errorf("got %v, want an EndpointError naming no-such-scheme", err)
	}
	if _, err := bad.Presign(context.Background(), &opGetWidget, &GetWidgetInput{Name: "w"}, time.Minute); !errors.As(err, &ee) {
		t.Errorf("Presign: got %v, want an EndpointError", err)
	}
	if n := len(ws.requests()); n != 1 {
		t.Errorf("server saw %d requests, want 1", n)
	}
}

// TestNoCustomizationsStreamingOutput: a streaming payload is handed to
// the caller unread, asked for without content coding.
func TestNoCustomizationsStreamingOutput(t *testing.T) {
	clock := newFakeClock()
	ws := newWidgetServer(t, clock)
	c := newClient(t, nil, ws.URL, clock)
	out := &GetWidgetDataOutput{}
	if err := c.Invoke(context.Background(), &opGetWidgetData, &GetWidgetDataInput{Name: "w"}, out, &out.ResultMetadata); err != nil {
		t.Fatal(err)
	}
	b, err := io.ReadAll(out.Body)
	out.Body.Close()
	if err != nil || string(b) != "widget data" {
		t.Errorf("got %q, %v", b, err)
	}
	if got := ws.requests()[0].Header.Get("Accept-Encoding"); got != "identity" {
		t.Errorf("got Accept-Encoding %q, want identity", got)
	}
}

// TestNoCustomizationsPresign: a presigned URL of a service without
// customizations works once, for its path only, until it expires.
func TestNoCustomizationsPresign(t *testing.T) {
	clock := newFakeClock()
	ws := newWidgetServer(t, clock)
	c := newClient(t, nil, ws.URL, clock, func(o *pipeline.Options) {
		o.Credentials = credentials.NewStatic(testAKID, testSecret, "base-token")
	})
	ws.setVerify(func(r *http.Request) sigv4.VerifyOptions {
		o := ws.defaultVerify(r)
		o.Lookup = func(id string) (sigv4.Credentials, bool) {
			return sigv4.Credentials{AccessKeyID: id, SecretAccessKey: testSecret, SessionToken: "base-token"}, id == testAKID
		}
		return o
	})
	pr, err := c.Presign(context.Background(), &opGetWidget, &GetWidgetInput{Name: "w 1", Color: ptrTo("red")}, 15*time.Minute)
	if err != nil {
		t.Fatal(err)
	}
	if pr.Method != "GET" || !pr.Expires.Equal(clock.Now().Add(15*time.Minute)) || !strings.Contains(pr.URL, "X-Amz-Security-Token=base-token") {
		t.Errorf("got %+v", pr)
	}
	resp, err := http.Get(pr.URL)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	checkSigned(t, ws)
	r := ws.requests()[0]
	if r.Verified != nil && (!r.Verified.Presigned || r.Verified.Expires != 15*time.Minute) {
		t.Errorf("got %+v", r.Verified)
	}
	if r.URL.Path != "/widgets/w 1" || r.URL.Query().Get("color") != "red" {
		t.Errorf("got %s", r.URL)
	}
	resp, err = http.Get(strings.Replace(pr.URL, "w%201", "w%202", 1))
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if r := ws.requests()[1]; r.Verified != nil || r.Err == nil {
		t.Errorf("a tampered URL was verified")
	}
}

// TestNoCustomizationsConcurrent shares one client among goroutines (run
// with -race), some of their calls retried.
func TestNoCustomizationsConcurrent(t *testing.T) {
	clock := newFakeClock()
	ws := newWidgetServer(t, clock)
	ws.setRespond(func(n int, w http.ResponseWriter, r *http.Request) bool {
		// Some first attempts fail; their retries do not (a failure
		// keyed on n alone could meet one call's every attempt).
		if n%5 == 0 && strings.HasPrefix(r.Header.Get("Amz-Sdk-Request"), "attempt=1;") {
			failWith(w, 500, "InternalError", "sometimes")
			return true
		}
		return false
	})
	c := newClient(t, nil, ws.URL, clock, func(o *pipeline.Options) { o.RetryMaxAttempts = 5 })
	g, ctx := errgroup.WithContext(context.Background())
	g.SetLimit(8)
	for i := range 32 {
		g.Go(func() error {
			name := fmt.Sprintf("w%02d", i)
			out := &GetWidgetOutput{}
			if err := c.Invoke(ctx, &opGetWidget, &GetWidgetInput{Name: name}, out, &out.ResultMetadata); err != nil {
				return err
			}
			if out.Name == nil || *out.Name != name {
				return fmt.Errorf("%s: got Name %v", name, out.Name)
			}
			return nil
		})
	}
	if err := g.Wait(); err != nil {
		t.Fatal(err)
	}
	if n := len(ws.requests()); n <= 32 {
		t.Errorf("%d requests for 32 calls: none was retried", n)
	}
	checkSigned(t, ws)
}

// TestNoCustomizationsNew: what New refuses.
func TestNoCustomizationsNew(t *testing.T) {
	creds := credentials.NewStatic(testAKID, testSecret, "")
	if _, err := pipeline.New(&widgetsService, pipeline.Options{Credentials: creds}); !errors.As(err, new(*goto3.NoRegionError)) {
		t.Errorf("no region: got %v, want a NoRegionError", err)
	}
	for _, svc := range []*pipeline.Service{nil, {Rules: widgetRules}, {Schema: &widgetsSchema}} {
		if _, err := pipeline.New(svc, pipeline.Options{Region: testRegion, Credentials: creds}); err == nil {
			t.Errorf("service %+v: got no error", svc)
		}
	}
	if _, err := pipeline.New(&widgetsService, pipeline.Options{Region: testRegion, Credentials: creds, EndpointParams: make([]endpoints.Value, numParams+1)}); err == nil {
		t.Errorf("too many endpoint parameter values: got no error")
	}
	for _, tt := range []struct {
		region string
		ok     bool
	}{{"us-east-1", true}, {"US-EAST-1", true}, {strings.Repeat("a", 63), true}, {strings.Repeat("a", 64), false},
		{"x@evil.example/", false}, {"us-east-1.evil.example", false}, {"-us-east-1", false}, {"us east 1", false}} {
		_, err := pipeline.New(&widgetsService, pipeline.Options{Region: tt.region, Credentials: creds})
		if tt.ok != (err == nil) || !tt.ok && !strings.Contains(err.Error(), "invalid region") {
			t.Errorf("region %q: got %v, want ok %v", tt.region, err, tt.ok)
		}
	}
	if _, err := pipeline.New(&widgetsService, pipeline.Options{Region: testRegion, Credentials: creds, ResponseChecksumValidation: "sometimes"}); err == nil {
		t.Errorf("invalid ResponseChecksumValidation: got no error")
	}
}
