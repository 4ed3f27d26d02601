package pipeline_test

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/goto3/goto3"
	"github.com/goto3/goto3/credentials"
	"github.com/goto3/goto3/endpoints"
	"github.com/goto3/goto3/internal/pipeline"
	"github.com/goto3/goto3/retry"
	"github.com/goto3/goto3/sigv4"
)

// The tests of this file give Widgets customizations (pipeline.Customizations)
// and check that each func is called at its stage, with the Call as that
// stage has it, and that what it returns has its documented effect.

var errStop = errors.New("stopped by a customization")

// session is what the widget-token auth scheme signs with.
var session = sigv4.Credentials{AccessKeyID: "SESSIONAKID", SecretAccessKey: "session-secret", SessionToken: "session/token+1=="}

// verifyAny verifies requests signed with the base credentials or the
// session's (for any signing name: the tests check it); the session token
// is expected in X-Amz-Security-Token only when sessionTokenSigned.
func verifyAny(ws *widgetServer, sessionTokenSigned bool) func(r *http.Request) sigv4.VerifyOptions {
	return func(r *http.Request) sigv4.VerifyOptions {
		return sigv4.VerifyOptions{
			Lookup: func(id string) (sigv4.Credentials, bool) {
				if id == session.AccessKeyID {
					cr := session
					if !sessionTokenSigned {
						cr.SessionToken = ""
					}
					return cr, true
				}
				s, ok := testSecrets[id]
				return sigv4.Credentials{AccessKeyID: id, SecretAccessKey: s}, ok
			},
			Now: ws.clock.Now(), Region: testRegion, RequireSignedAmzHeaders: true,
		}
	}
}

// tokenAuth is the widget-token scheme's auth func: session with its
// token in X-Widget-Session-Token (a presigned URL's query parameter of
// that name).
func tokenAuth(ctx context.Context, call *pipeline.Call, base sigv4.Credentials, expired bool) (pipeline.Identity, error) {
	return pipeline.Identity{Credentials: session, TokenHeader: "X-Widget-Session-Token", TokenQuery: "X-Widget-Session-Token"}, nil
}

// withCustom returns an option setting the customizations.
func withCustom(cu pipeline.Customizations) func(*pipeline.Options) {
	return func(o *pipeline.Options) { o.Custom = cu }
}

// withAuthMode sets the AuthMode endpoint parameter (the rule set then
// offers widget-token first, sigv4 second).
func withAuthMode(mode string) func(*pipeline.Options) {
	return func(o *pipeline.Options) { o.EndpointParams[paramAuthMode] = endpoints.String(mode) }
}

// stageLog records the stages a call ran, safe for concurrent use.
type stageLog struct {
	mu     sync.Mutex
	stages []string
}

func (l *stageLog) add(s string) {
	l.mu.Lock()
	l.stages = append(l.stages, s)
	l.mu.Unlock()
}

func (l *stageLog) get() []string {
	l.mu.Lock()
	defer l.mu.Unlock()
	return append([]string(nil), l.stages...)
}

// TestCustomizationStagesOrder: every customization of a call runs once,
// in the order of the stages, and sees the Call as its stage has it.
func TestCustomizationStagesOrder(t *testing.T) {
	clock := newFakeClock()
	ws := newWidgetServer(t, clock)
	ws.setVerify(verifyAny(ws, false))
	const answer = `<PutWidgetOutput><Note>fine</Note></PutWidgetOutput>`
	ws.setRespond(func(n int, w http.ResponseWriter, r *http.Request) bool {
		w.Header().Set("ETag", `"etag"`)
		io.WriteString(w, answer)
		return true
	})
	in := &PutWidgetInput{Name: "w", Config: &WidgetConfig{Label: "ordered"}}
	out := &PutWidgetOutput{}
	var c *pipeline.Client
	var log stageLog
	// check verifies what every stage sees.
	check := func(stage string, call *pipeline.Call, afterEndpoint bool) {
		t.Helper()
		log.add(stage)
		if call.Client != c || call.Operation != &opPutWidget || call.Input != in || call.Output != out {
			t.Errorf("%s: got Call %+v, want the client's, PutWidget's and the caller's input and output", stage, call)
		}
		if !afterEndpoint {
			if call.EndpointParams != nil || call.AuthScheme.Name != "" {
				t.Errorf("%s: got endpoint parameters %v and scheme %+v before stage 2", stage, call.EndpointParams, call.AuthScheme)
			}
			return
		}
		if r, _ := call.EndpointParams[paramRegion].Str(); len(call.EndpointParams) != numParams || r != testRegion {
			t.Errorf("%s: got endpoint parameters %v", stage, call.EndpointParams)
		}
		want := endpoints.AuthScheme{Name: "widget-token", SigningName: "widgettoken", SigningRegion: testRegion}
		if diff := cmp.Diff(want, call.AuthScheme); diff != "" {
			t.Errorf("%s: auth scheme (-want +got):\n%s", stage, diff)
		}
	}
	cu := pipeline.Customizations{
		Validate: func(call *pipeline.Call) error { check("Validate", call, false); return nil },
		PrepareInput: func(ctx context.Context, call *pipeline.Call) error {
			check("PrepareInput", call, false)
			return nil
		},
		EndpointParams: func(ctx context.Context, call *pipeline.Call, vals []endpoints.Value) error {
			check("EndpointParams", call, false)
			if u, _ := vals[paramEndpoint].Str(); u != ws.URL {
				t.Errorf("EndpointParams: got Endpoint %v, want %s", vals[paramEndpoint], ws.URL)
			}
			return nil
		},
		PrepareRequest: func(ctx context.Context, call *pipeline.Call, req *http.Request) error {
			check("PrepareRequest", call, true)
			if req.Method != "PUT" || req.URL.Path != "/widgets/w" || req.Header.Get("Authorization") != "" || req.Header.Get("User-Agent") != "" {
				t.Errorf("PrepareRequest: got %s %s %v, want the serialized request, unsigned and not yet built", req.Method, req.URL, req.Header)
			}
			return nil
		},
		UnsignedPayload: func(call *pipeline.Call, https, streaming, checksum bool) bool {
			check("UnsignedPayload", call, true)
			if https || streaming || checksum {
				t.Errorf("UnsignedPayload: got https %v, streaming %v, checksum %v; want all false", https, streaming, checksum)
			}
			return false
		},
		Auth: map[string]pipeline.AuthFunc{"widget-token": func(ctx context.Context, call *pipeline.Call, base sigv4.Credentials, expired bool) (pipeline.Identity, error) {
			check("Auth", call, true)
			if base.AccessKeyID != testAKID || base.SecretAccessKey != testSecret || expired {
				t.Errorf("Auth: got base %v, expired %v", base, expired)
			}
			return tokenAuth(ctx, call, base, expired)
		}},
		CheckResponse: func(call *pipeline.Call, resp *http.Response, body []byte) error {
			check("CheckResponse", call, true)
			if resp.StatusCode != 200 || resp.Header.Get("X-Amz-Request-Id") != "REQ1" || string(body) != answer {
				t.Errorf("CheckResponse: got status %d, headers %v, body %q", resp.StatusCode, resp.Header, body)
			}
			if out.ETag != nil {
				t.Errorf("CheckResponse: the output is decoded already")
			}
			return nil
		},
		TakeBody: func(ctx context.Context, call *pipeline.Call, body []byte) ([]byte, error) {
			check("TakeBody", call, true)
			if string(body) != answer || out.ETag != nil {
				t.Errorf("TakeBody: got body %q, ETag %v; want the answer, not decoded", body, out.ETag)
			}
			return body, nil
		},
		PostDecode: func(call *pipeline.Call, body []byte) error {
			check("PostDecode", call, true)
			if string(body) != answer || out.ETag == nil || *out.ETag != `"etag"` {
				t.Errorf("PostDecode: got body %q, ETag %v; want the answer, decoded", body, out.ETag)
			}
			return nil
		},
	}
	c = newClient(t, nil, ws.URL, clock, withCustom(cu), withAuthMode("token"))
	if err := c.Invoke(context.Background(), &opPutWidget, in, out, &out.ResultMetadata); err != nil {
		t.Fatal(err)
	}
	want := []string{"Validate", "PrepareInput", "EndpointParams", "PrepareRequest", "UnsignedPayload", "Auth", "CheckResponse", "TakeBody", "PostDecode"}
	if diff := cmp.Diff(want, log.get()); diff != "" {
		t.Errorf("stages (-want +got):\n%s", diff)
	}
	checkSigned(t, ws)
	if v := ws.requests()[0].Verified; v != nil && (v.AccessKeyID != session.AccessKeyID || v.Service != "widgettoken") {
		t.Errorf("got %+v, want signed with the session for widgettoken", v)
	}
}

// TestCustomizationStagesPresign: a presigned URL runs the stages up to the
// request and the auth scheme's identity, nothing that needs a body or an
// answer.
func TestCustomizationStagesPresign(t *testing.T) {
	clock := newFakeClock()
	ws := newWidgetServer(t, clock)
	var log stageLog
	cu := pipeline.Customizations{
		Validate:     func(*pipeline.Call) error { log.add("Validate"); return nil },
		PrepareInput: func(context.Context, *pipeline.Call) error { log.add("PrepareInput"); return nil },
		EndpointParams: func(context.Context, *pipeline.Call, []endpoints.Value) error {
			log.add("EndpointParams")
			return nil
		},
		PrepareRequest: func(context.Context, *pipeline.Call, *http.Request) error { log.add("PrepareRequest"); return nil },
		UnsignedPayload: func(*pipeline.Call, bool, bool, bool) bool {
			log.add("UnsignedPayload")
			return false
		},
		Auth: map[string]pipeline.AuthFunc{"widget-token": func(ctx context.Context, call *pipeline.Call, base sigv4.Credentials, expired bool) (pipeline.Identity, error) {
			log.add("Auth")
			return tokenAuth(ctx, call, base, expired)
		}},
		CheckResponse: func(*pipeline.Call, *http.Response, []byte) error { log.add("CheckResponse"); return nil },
		PostDecode:    func(*pipeline.Call, []byte) error { log.add("PostDecode"); return nil },
	}
	c := newClient(t, nil, ws.URL, clock, withCustom(cu), withAuthMode("token"))
	if _, err := c.Presign(context.Background(), &opPutWidget, &PutWidgetInput{Name: "w", Config: &WidgetConfig{Label: "l"}}, time.Minute); err != nil {
		t.Fatal(err)
	}
	want := []string{"Validate", "PrepareInput", "EndpointParams", "PrepareRequest", "Auth"}
	if diff := cmp.Diff(want, log.get()); diff != "" {
		t.Errorf("stages (-want +got):\n%s", diff)
	}
}

// TestCustomizationStagesValidate: Validate runs after the model's checks,
// before any I/O, for Invoke and Presign; its error is the call's.
func TestCustomizationStagesValidate(t *testing.T) {
	clock := newFakeClock()
	ws := newWidgetServer(t, clock)
	var calls int
	c := newClient(t, nil, ws.URL, clock, withCustom(pipeline.Customizations{
		Validate: func(call *pipeline.Call) error {
			calls++
			if call.Input.(*GetWidgetInput).Name == "bad" {
				return &goto3.ValidationError{Member: "Name", Reason: "bad is not a widget name"}
			}
			return nil
		},
	}))
	err := c.Invoke(context.Background(), &opGetWidget, &GetWidgetInput{Name: "bad"}, &GetWidgetOutput{}, nil)
	var ve *goto3.ValidationError
	var oe *goto3.OperationError
	if !errors.As(err, &ve) || ve.Reason != "bad is not a widget name" || !errors.As(err, &oe) || oe.Operation != "GetWidget" {
		t.Errorf("got %v, want the customization's ValidationError in a GetWidget error", err)
	}
	if _, err := c.Presign(context.Background(), &opGetWidget, &GetWidgetInput{Name: "bad"}, time.Minute); !errors.As(err, &ve) {
		t.Errorf("Presign: got %v, want the customization's ValidationError", err)
	}
	// The model's required members come first.
	if err := c.Invoke(context.Background(), &opGetWidget, &GetWidgetInput{}, &GetWidgetOutput{}, nil); !errors.As(err, &ve) || ve.Reason != "missing required member" {
		t.Errorf("got %v, want the model's ValidationError", err)
	}
	if calls != 2 {
		t.Errorf("Validate called %d times, want 2 (not after the model's check failed)", calls)
	}
	if err := c.Invoke(context.Background(), &opGetWidget, &GetWidgetInput{Name: "good"}, &GetWidgetOutput{}, nil); err != nil {
		t.Errorf("good input: %v", err)
	}
	if n := len(ws.requests()); n != 1 {
		t.Errorf("server saw %d requests, want 1", n)
	}
}

// TestCustomizationStagesPrepareInput: PrepareInput's copy of the input is
// what the later stages (context parameters, serialization, presigning)
// use; the caller's input is never changed.
func TestCustomizationStagesPrepareInput(t *testing.T) {
	clock := newFakeClock()
	ws := newWidgetServer(t, clock)
	var validated []string
	var prepared []any
	cu := pipeline.Customizations{
		Validate: func(call *pipeline.Call) error {
			if in, ok := call.Input.(*GetWidgetInput); ok {
				validated = append(validated, in.Name)
			}
			return nil
		},
		PrepareInput: func(ctx context.Context, call *pipeline.Call) error {
			switch in := call.Input.(type) {
			case *GetWidgetInput:
				if in.Name == "fail" {
					return errStop
				}
				cp := *in
				cp.Name = "prepared-" + in.Name
				call.Input = &cp
			case *ListWidgetsInput:
				cp := *in
				cp.Prefix = "prepared-" + in.Prefix
				call.Input = &cp
			}
			return nil
		},
		PrepareRequest: func(ctx context.Context, call *pipeline.Call, req *http.Request) error {
			prepared = append(prepared, call.Input)
			return nil
		},
	}
	c := newClient(t, nil, ws.URL, clock, withCustom(cu))
	in := &GetWidgetInput{Name: "w"}
	out := &GetWidgetOutput{}
	if err := c.Invoke(context.Background(), &opGetWidget, in, out, nil); err != nil {
		t.Fatal(err)
	}
	if in.Name != "w" {
		t.Errorf("the caller's input was changed: Name %q", in.Name)
	}
	if out.Name == nil || *out.Name != "prepared-w" {
		t.Errorf("got Name %v, want prepared-w", out.Name)
	}
	if got := ws.requests()[0].URL.Path; got != "/widgets/prepared-w" {
		t.Errorf("got path %s, want /widgets/prepared-w", got)
	}
	if len(prepared) != 1 || prepared[0] == any(in) || prepared[0].(*GetWidgetInput).Name != "prepared-w" {
		t.Errorf("PrepareRequest saw %v, want the copy", prepared)
	}
	if diff := cmp.Diff([]string{"w"}, validated); diff != "" {
		t.Errorf("Validate saw (-want +got):\n%s", diff)
	}

	// Context parameters come from the copy.
	lin := &ListWidgetsInput{Prefix: "pre", Names: []string{"n1"}}
	if err := c.Invoke(context.Background(), &opListWidgets, lin, &ListWidgetsOutput{}, nil); err != nil {
		t.Fatal(err)
	}
	r := ws.requests()[1]
	if got := r.Header.Get("X-Widget-Prefix"); got != "prepared-pre" || r.URL.Query().Get("prefix") != "prepared-pre" || lin.Prefix != "pre" {
		t.Errorf("got X-Widget-Prefix %q, query %q, caller's Prefix %q", got, r.URL.RawQuery, lin.Prefix)
	}

	pr, err := c.Presign(context.Background(), &opGetWidget, in, time.Minute)
	if err != nil {
		t.Fatal(err)
	}
	if u, _ := url.Parse(pr.URL); u.Path != "/widgets/prepared-w" || in.Name != "w" {
		t.Errorf("presigned %s for input %+v", pr.URL, in)
	}

	if err := c.Invoke(context.Background(), &opGetWidget, &GetWidgetInput{Name: "fail"}, &GetWidgetOutput{}, nil); !errors.Is(err, errStop) {
		t.Errorf("got %v, want the customization's error", err)
	}
	if n := len(ws.requests()); n != 2 {
		t.Errorf("server saw %d requests, want 2", n)
	}
	checkSigned(t, ws)
}

// TestCustomizationStagesEndpointParams: the customization gets the call's
// copy of the parameter values, by position (the client's, the static and
// the context parameters already in), and what it sets reaches the rules.
func TestCustomizationStagesEndpointParams(t *testing.T) {
	clock := newFakeClock()
	ws := newWidgetServer(t, clock)
	var seenVals [][]endpoints.Value
	var requestVals []endpoints.Value
	cu := pipeline.Customizations{
		EndpointParams: func(ctx context.Context, call *pipeline.Call, vals []endpoints.Value) error {
			seenVals = append(seenVals, slices.Clone(vals))
			if p, _ := vals[paramPrefix].Str(); p == "fail" {
				return errStop
			}
			vals[paramStage] = endpoints.String("gamma")
			return nil
		},
		PrepareRequest: func(ctx context.Context, call *pipeline.Call, req *http.Request) error {
			requestVals = slices.Clone(call.EndpointParams)
			return nil
		},
	}
	c := newClient(t, nil, ws.URL, clock, withCustom(cu))
	before := slices.Clone(c.Options().EndpointParams)
	if err := c.Invoke(context.Background(), &opListWidgets, &ListWidgetsInput{Prefix: "pre", Names: []string{"n1"}}, &ListWidgetsOutput{}, nil); err != nil {
		t.Fatal(err)
	}
	if len(seenVals) != 1 || len(seenVals[0]) != numParams {
		t.Fatalf("got values %v", seenVals)
	}
	v := seenVals[0]
	str := func(i int) string { s, _ := v[i].Str(); return s }
	if str(paramRegion) != testRegion || str(paramEndpoint) != ws.URL || str(paramStage) != "beta" || str(paramPrefix) != "pre" || !v[paramNames].IsSet() || v[paramAuthMode].IsSet() {
		t.Errorf("got values %v, want Region, Endpoint, Stage beta (static), Prefix pre (context), Names (operation context) at their positions", v)
	}
	if fips, ok := v[paramUseFIPS].Boolean(); !ok || fips {
		t.Errorf("got UseFIPS %v, want the client's false", v[paramUseFIPS])
	}
	if s, _ := requestVals[paramStage].Str(); s != "gamma" {
		t.Errorf("call.EndpointParams after stage 2: got Stage %v, want gamma", requestVals[paramStage])
	}
	if got := ws.requests()[0].Header.Get("X-Widget-Stage"); got != "gamma" {
		t.Errorf("got X-Widget-Stage %q, want the customization's gamma", got)
	}
	if diff := cmp.Diff(before, c.Options().EndpointParams, cmp.Comparer(func(a, b endpoints.Value) bool { return fmt.Sprint(a) == fmt.Sprint(b) })); diff != "" || c.Options().EndpointParams[paramStage].IsSet() {
		t.Errorf("the client's values changed (-before +after):\n%s", diff)
	}

	if err := c.Invoke(context.Background(), &opListWidgets, &ListWidgetsInput{Prefix: "fail"}, &ListWidgetsOutput{}, nil); !errors.Is(err, errStop) {
		t.Errorf("got %v, want the customization's error", err)
	}
	if n := len(ws.requests()); n != 1 {
		t.Errorf("server saw %d requests, want 1", n)
	}
	checkSigned(t, ws)
}

// TestCustomizationStagesAuth: an auth scheme the service customizes signs
// with the identity its func returns (signing name and region from the
// scheme), the session token in the header or query parameter it names
// instead of X-Amz-Security-Token.
func TestCustomizationStagesAuth(t *testing.T) {
	base := credentials.NewStatic(testAKID, testSecret, "base-token")
	type authCall struct {
		base    sigv4.Credentials
		expired bool
		scheme  endpoints.AuthScheme
	}
	setup := func(t *testing.T, auth pipeline.AuthFunc, sessionTokenSigned bool) (*widgetServer, *pipeline.Client, *[]authCall) {
		clock := newFakeClock()
		ws := newWidgetServer(t, clock)
		ws.setVerify(verifyAny(ws, sessionTokenSigned))
		var calls []authCall
		var mu sync.Mutex
		f := func(ctx context.Context, call *pipeline.Call, b sigv4.Credentials, expired bool) (pipeline.Identity, error) {
			mu.Lock()
			calls = append(calls, authCall{b, expired, call.AuthScheme})
			mu.Unlock()
			return auth(ctx, call, b, expired)
		}
		c := newClient(t, nil, ws.URL, clock, withAuthMode("token"), withCustom(pipeline.Customizations{
			Auth: map[string]pipeline.AuthFunc{"widget-token": f},
		}), func(o *pipeline.Options) { o.Credentials = base })
		return ws, c, &calls
	}
	wantScheme := endpoints.AuthScheme{Name: "widget-token", SigningName: "widgettoken", SigningRegion: testRegion}

	t.Run("token header", func(t *testing.T) {
		ws, c, calls := setup(t, tokenAuth, false)
		out := &GetWidgetOutput{}
		if err := c.Invoke(context.Background(), &opGetWidget, &GetWidgetInput{Name: "w"}, out, &out.ResultMetadata); err != nil {
			t.Fatal(err)
		}
		checkSigned(t, ws)
		r := ws.requests()[0]
		if v := r.Verified; v != nil && (v.AccessKeyID != session.AccessKeyID || v.Service != "widgettoken" || v.Region != testRegion || !slices.Contains(v.SignedHeaders, "x-widget-session-token")) {
			t.Errorf("got %+v, want signed by the session for widgettoken, with x-widget-session-token", v)
		}
		if got := r.Header.Get("X-Widget-Session-Token"); got != session.SessionToken {
			t.Errorf("got X-Widget-Session-Token %q, want the session's", got)
		}
		if got := r.Header.Get("X-Amz-Security-Token"); got != "" {
			t.Errorf("got X-Amz-Security-Token %q, want none", got)
		}
		want := []authCall{{sigv4.Credentials{AccessKeyID: testAKID, SecretAccessKey: testSecret, SessionToken: "base-token"}, false, wantScheme}}
		if diff := cmp.Diff(want, *calls, cmp.AllowUnexported(authCall{})); diff != "" {
			t.Errorf("auth calls (-want +got):\n%s", diff)
		}
	})
	t.Run("expired token", func(t *testing.T) {
		ws, c, calls := setup(t, tokenAuth, false)
		ws.setRespond(func(n int, w http.ResponseWriter, r *http.Request) bool {
			if n == 1 {
				failWith(w, 400, "ExpiredToken", "The provided token has expired.")
				return true
			}
			return false
		})
		out := &GetWidgetOutput{}
		if err := c.Invoke(context.Background(), &opGetWidget, &GetWidgetInput{Name: "w"}, out, &out.ResultMetadata); err != nil {
			t.Fatal(err)
		}
		if out.ResultMetadata.Attempts != 2 {
			t.Errorf("got %d attempts, want 2", out.ResultMetadata.Attempts)
		}
		if len(*calls) != 2 || (*calls)[0].expired || !(*calls)[1].expired {
			t.Errorf("got auth calls %+v, want two, the second told the token expired", *calls)
		}
		checkSigned(t, ws)
	})
	t.Run("error", func(t *testing.T) {
		ws, c, calls := setup(t, func(context.Context, *pipeline.Call, sigv4.Credentials, bool) (pipeline.Identity, error) {
			return pipeline.Identity{}, errStop
		}, false)
		err := c.Invoke(context.Background(), &opGetWidget, &GetWidgetInput{Name: "w"}, &GetWidgetOutput{}, nil)
		if !errors.Is(err, errStop) {
			t.Errorf("got %v, want the auth func's error", err)
		}
		if len(*calls) != 1 || len(ws.requests()) != 0 {
			t.Errorf("got %d auth calls and %d requests, want 1 and 0 (not retried)", len(*calls), len(ws.requests()))
		}
		if _, err := c.Presign(context.Background(), &opGetWidget, &GetWidgetInput{Name: "w"}, time.Minute); !errors.Is(err, errStop) {
			t.Errorf("Presign: got %v, want the auth func's error", err)
		}
	})
	t.Run("presign", func(t *testing.T) {
		ws, c, _ := setup(t, tokenAuth, false)
		pr, err := c.Presign(context.Background(), &opGetWidget, &GetWidgetInput{Name: "w"}, time.Minute)
		if err != nil {
			t.Fatal(err)
		}
		if !strings.Contains(pr.URL, "X-Widget-Session-Token="+url.QueryEscape(session.SessionToken)) || strings.Contains(pr.URL, "X-Amz-Security-Token") ||
			!strings.Contains(pr.URL, "X-Amz-Credential=SESSIONAKID%2F20261124%2Fus-west-2%2Fwidgettoken%2Faws4_request") {
			t.Errorf("got presigned URL %s, want the session's key and token", pr.URL)
		}
		resp, err := http.Get(pr.URL)
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		checkSigned(t, ws)
	})
	t.Run("security token", func(t *testing.T) {
		// Without TokenHeader the session token is X-Amz-Security-Token.
		ws, c, _ := setup(t, func(context.Context, *pipeline.Call, sigv4.Credentials, bool) (pipeline.Identity, error) {
			return pipeline.Identity{Credentials: session}, nil
		}, true)
		if err := c.Invoke(context.Background(), &opGetWidget, &GetWidgetInput{Name: "w"}, &GetWidgetOutput{}, nil); err != nil {
			t.Fatal(err)
		}
		checkSigned(t, ws)
		if got := ws.requests()[0].Header.Get("X-Amz-Security-Token"); got != session.SessionToken {
			t.Errorf("got X-Amz-Security-Token %q, want the session's", got)
		}
	})
}

// TestCustomizationStagesPrepareRequest: what PrepareRequest changes in the
// serialized request is sent, hashed and signed.
func TestCustomizationStagesPrepareRequest(t *testing.T) {
	clock := newFakeClock()
	ws := newWidgetServer(t, clock)
	replaced := []byte(`<WidgetConfig><Label>replaced</Label></WidgetConfig>`)
	c := newClient(t, nil, ws.URL, clock, withCustom(pipeline.Customizations{
		PrepareRequest: func(ctx context.Context, call *pipeline.Call, req *http.Request) error {
			if call.Input.(interface{ widgetName() string }).widgetName() == "fail" {
				return errStop
			}
			req.Header.Set("X-Widget-Prepared", "yes")
			if call.Operation == &opPutWidget {
				req.Body = io.NopCloser(bytes.NewReader(replaced))
				req.GetBody = func() (io.ReadCloser, error) { return io.NopCloser(bytes.NewReader(replaced)), nil }
				req.ContentLength = int64(len(replaced))
			}
			return nil
		},
	}))
	if err := c.Invoke(context.Background(), &opPutWidget, &PutWidgetInput{Name: "w", Config: &WidgetConfig{Label: "original"}}, &PutWidgetOutput{}, nil); err != nil {
		t.Fatal(err)
	}
	checkSigned(t, ws)
	r := ws.requests()[0]
	if !bytes.Equal(r.Body, replaced) || r.Header.Get("X-Widget-Prepared") != "yes" {
		t.Errorf("got body %s, X-Widget-Prepared %q", r.Body, r.Header.Get("X-Widget-Prepared"))
	}
	if v := r.Verified; v != nil && (!slices.Contains(v.SignedHeaders, "x-widget-prepared") || v.PayloadHash != sha256Hex(replaced)) {
		t.Errorf("got %+v, want x-widget-prepared signed and the replaced body's hash", v)
	}
	pr, err := c.Presign(context.Background(), &opGetWidget, &GetWidgetInput{Name: "w"}, time.Minute)
	if err != nil {
		t.Fatal(err)
	}
	if pr.Header.Get("X-Widget-Prepared") != "yes" || !strings.Contains(pr.URL, "x-widget-prepared") {
		t.Errorf("presigned %s with headers %v, want x-widget-prepared signed", pr.URL, pr.Header)
	}
	if err := c.Invoke(context.Background(), &opGetWidget, &GetWidgetInput{Name: "fail"}, &GetWidgetOutput{}, nil); !errors.Is(err, errStop) {
		t.Errorf("got %v, want the customization's error", err)
	}
	if n := len(ws.requests()); n != 1 {
		t.Errorf("server saw %d requests, want 1", n)
	}
}

func (in *GetWidgetInput) widgetName() string { return in.Name }
func (in *PutWidgetInput) widgetName() string { return in.Name }

// TestCustomizationStagesSignerAndUnsignedPayload: the service's signer is
// the one that signs, and UnsignedPayload decides, with what it is told,
// whether the payload is signed as UNSIGNED-PAYLOAD.
func TestCustomizationStagesSignerAndUnsignedPayload(t *testing.T) {
	type args struct{ https, streaming, checksum bool }
	data := strings.Repeat("widget bytes ", 1000)
	for _, unsigned := range []bool{false, true} {
		t.Run(fmt.Sprintf("unsigned %v", unsigned), func(t *testing.T) {
			clock := newFakeClock()
			ws := newWidgetServer(t, clock)
			signer := sigv4.NewSigner(func(o *sigv4.Options) { o.AddPayloadHashHeader = true })
			var got []args
			c := newClient(t, nil, ws.URL, clock, withCustom(pipeline.Customizations{
				Signer: signer,
				UnsignedPayload: func(call *pipeline.Call, https, streaming, checksum bool) bool {
					got = append(got, args{https, streaming, checksum})
					return unsigned
				},
			}))
			if pipeline.Signer(c) != any(signer) {
				t.Errorf("the client signs with %v, want the customization's signer", pipeline.Signer(c))
			}
			if err := c.Invoke(context.Background(), &opPutWidget, &PutWidgetInput{Name: "w", Config: &WidgetConfig{Label: "l"}}, &PutWidgetOutput{}, nil); err != nil {
				t.Fatal(err)
			}
			body := strings.NewReader(data)
			if err := c.Invoke(context.Background(), &opPutWidgetData, &PutWidgetDataInput{Name: "w", Body: body}, &PutWidgetDataOutput{}, nil); err != nil {
				t.Fatal(err)
			}
			// No body: nothing to decide.
			if err := c.Invoke(context.Background(), &opGetWidget, &GetWidgetInput{Name: "w"}, &GetWidgetOutput{}, nil); err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff([]args{{false, false, false}, {false, true, false}}, got, cmp.AllowUnexported(args{})); diff != "" {
				t.Errorf("UnsignedPayload arguments (-want +got):\n%s", diff)
			}
			checkSigned(t, ws)
			reqs := ws.requests()
			for i, r := range reqs[:2] {
				want := sha256Hex(r.Body)
				if unsigned {
					want = sigv4.UnsignedPayload
				}
				if h := r.Header.Get("X-Amz-Content-Sha256"); h != want || r.Verified != nil && r.Verified.PayloadHash != want {
					t.Errorf("request %d: got payload hash %q (signed %v), want %s", i+1, h, r.Verified, want)
				}
			}
			if string(reqs[1].Body) != data {
				t.Errorf("streamed body: got %d bytes, want %d", len(reqs[1].Body), len(data))
			}
			if h := reqs[2].Header.Get("X-Amz-Content-Sha256"); h != sigv4.EmptyPayloadHash {
				t.Errorf("no body: got payload hash %q", h)
			}
		})
	}
	t.Run("default signer", func(t *testing.T) {
		c := newClient(t, nil, "", newFakeClock())
		if s, ok := pipeline.Signer(c).(*sigv4.Signer); !ok || s == nil {
			t.Errorf("got signer %v, want a *sigv4.Signer", pipeline.Signer(c))
		}
	})
}

// retryableCheck is a CheckResponse error that says whether to retry.
type retryableCheck struct{ retry bool }

func (e *retryableCheck) Error() string        { return fmt.Sprintf("check (retry %v)", e.retry) }
func (e *retryableCheck) RetryableError() bool { return e.retry }

// TestCustomizationStagesCheckResponse: CheckResponse sees a successful
// answer and its whole body before decoding; what it refuses is retried as
// a *pipeline.ResponseCheckError (or as the error itself says).
func TestCustomizationStagesCheckResponse(t *testing.T) {
	type checked struct {
		status int
		body   string
	}
	run := func(t *testing.T, fail func(n int) error, op string) (*widgetServer, []checked, int, error) {
		clock := newFakeClock()
		ws := newWidgetServer(t, clock)
		var seen []checked
		c := newClient(t, nil, ws.URL, clock, withCustom(pipeline.Customizations{
			CheckResponse: func(call *pipeline.Call, resp *http.Response, body []byte) error {
				seen = append(seen, checked{resp.StatusCode, string(body)})
				if body == nil {
					seen[len(seen)-1].body = "<nil>"
				}
				return fail(len(seen))
			},
		}))
		var attempts int
		var err error
		switch op {
		case "GetWidget":
			out := &GetWidgetOutput{}
			err = c.Invoke(context.Background(), &opGetWidget, &GetWidgetInput{Name: "w"}, out, &out.ResultMetadata)
			attempts = out.ResultMetadata.Attempts
			if err == nil && (out.Name == nil || *out.Name != "w") {
				t.Errorf("got Name %v, want it decoded", out.Name)
			}
		case "PutWidget":
			out := &PutWidgetOutput{}
			err = c.Invoke(context.Background(), &opPutWidget, &PutWidgetInput{Name: "w", Config: &WidgetConfig{Label: "l"}}, out, &out.ResultMetadata)
			attempts = out.ResultMetadata.Attempts
		case "GetWidgetData":
			out := &GetWidgetDataOutput{}
			err = c.Invoke(context.Background(), &opGetWidgetData, &GetWidgetDataInput{Name: "w"}, out, &out.ResultMetadata)
			if err == nil {
				out.Body.Close()
			}
			attempts = out.ResultMetadata.Attempts
		}
		return ws, seen, attempts, err
	}
	const body = `<GetWidgetOutput><Name>w</Name><Size>42</Size></GetWidgetOutput>`
	errBad := errors.New("bad checksum")

	t.Run("retried once", func(t *testing.T) {
		_, seen, attempts, err := run(t, func(n int) error {
			if n == 1 {
				return errBad
			}
			return nil
		}, "GetWidget")
		if err != nil || attempts != 2 {
			t.Fatalf("got %v after %d attempts, want success on the second", err, attempts)
		}
		if diff := cmp.Diff([]checked{{200, body}, {200, body}}, seen, cmp.AllowUnexported(checked{})); diff != "" {
			t.Errorf("checked (-want +got):\n%s", diff)
		}
	})
	t.Run("retries exhausted", func(t *testing.T) {
		ws, _, _, err := run(t, func(int) error { return errBad }, "GetWidget")
		var rc *pipeline.ResponseCheckError
		var ex *retry.ExhaustedError
		if !errors.As(err, &rc) || !errors.Is(err, errBad) || !errors.As(err, &ex) || ex.Attempts != 3 || !strings.Contains(err.Error(), "checking the response: bad checksum") {
			t.Errorf("got %v, want a ResponseCheckError after 3 attempts", err)
		}
		if n := len(ws.requests()); n != 3 {
			t.Errorf("server saw %d requests, want 3", n)
		}
	})
	t.Run("retryable error as is", func(t *testing.T) {
		_, _, _, err := run(t, func(int) error { return &retryableCheck{true} }, "GetWidget")
		var rc *pipeline.ResponseCheckError
		var own *retryableCheck
		var ex *retry.ExhaustedError
		if errors.As(err, &rc) || !errors.As(err, &own) || !errors.As(err, &ex) || ex.Attempts != 3 {
			t.Errorf("got %v, want the customization's own error after 3 attempts", err)
		}
	})
	t.Run("not retryable", func(t *testing.T) {
		ws, _, _, err := run(t, func(int) error { return &retryableCheck{false} }, "GetWidget")
		var own *retryableCheck
		if !errors.As(err, &own) || len(ws.requests()) != 1 {
			t.Errorf("got %v after %d requests, want the customization's error, not retried", err, len(ws.requests()))
		}
	})
	t.Run("empty answer", func(t *testing.T) {
		_, seen, _, err := run(t, func(int) error { return nil }, "PutWidget")
		if err != nil {
			t.Fatal(err)
		}
		if diff := cmp.Diff([]checked{{200, "<nil>"}}, seen, cmp.AllowUnexported(checked{})); diff != "" {
			t.Errorf("checked (-want +got):\n%s", diff)
		}
	})
	t.Run("streaming output", func(t *testing.T) {
		_, seen, _, err := run(t, func(int) error { return errBad }, "GetWidgetData")
		if err != nil || len(seen) != 0 {
			t.Errorf("got %v and %d checks, want none for a streaming output", err, len(seen))
		}
	})
}

// TestCustomizationStagesTakeBody: TakeBody sees the call's context and
// the raw body; the codec decodes the body it returns, PostDecode still
// sees the answer; its error is a *goto3.DecodeError.
func TestCustomizationStagesTakeBody(t *testing.T) {
	clock := newFakeClock()
	ws := newWidgetServer(t, clock)
	ws.setRespond(func(n int, w http.ResponseWriter, r *http.Request) bool {
		io.WriteString(w, `<GetWidgetOutput><Name>taken</Name></GetWidgetOutput>`)
		return true
	})
	type ctxKey struct{}
	var taken, posted string
	c := newClient(t, nil, ws.URL, clock, withCustom(pipeline.Customizations{
		TakeBody: func(ctx context.Context, call *pipeline.Call, body []byte) ([]byte, error) {
			switch ctx.Value(ctxKey{}) {
			case "take":
				taken = string(body)
				return bytes.Replace(body, []byte("taken"), []byte("rest"), 1), nil
			case "fail":
				return nil, errStop
			}
			return body, nil
		},
		PostDecode: func(call *pipeline.Call, body []byte) error { posted = string(body); return nil },
	}))
	ctx := context.WithValue(context.Background(), ctxKey{}, "take")
	out := &GetWidgetOutput{}
	if err := c.Invoke(ctx, &opGetWidget, &GetWidgetInput{Name: "w"}, out, &out.ResultMetadata); err != nil {
		t.Fatal(err)
	}
	const answer = `<GetWidgetOutput><Name>taken</Name></GetWidgetOutput>`
	if out.Name == nil || *out.Name != "rest" || taken != answer || posted != answer {
		t.Errorf("got Name %v, TakeBody saw %q, PostDecode %q; want rest, the answer twice", out.Name, taken, posted)
	}
	ctx = context.WithValue(context.Background(), ctxKey{}, "fail")
	err := c.Invoke(ctx, &opGetWidget, &GetWidgetInput{Name: "w"}, &GetWidgetOutput{}, nil)
	var de *goto3.DecodeError
	if !errors.As(err, &de) || !errors.Is(err, errStop) || len(ws.requests()) != 2 {
		t.Errorf("got %v after %d requests, want a DecodeError wrapping the customization's, not retried", err, len(ws.requests()))
	}
}

// TestCustomizationStagesPostDecode: PostDecode completes the decoded output
// from the raw body; its error is a *goto3.DecodeError, not retried.
func TestCustomizationStagesPostDecode(t *testing.T) {
	clock := newFakeClock()
	ws := newWidgetServer(t, clock)
	ws.setRespond(func(n int, w http.ResponseWriter, r *http.Request) bool {
		if r.URL.Path == "/widgets/odd" {
			io.WriteString(w, `<GetWidgetOutput size="7"><Name>odd</Name></GetWidgetOutput>`)
			return true
		}
		return false
	})
	var calls int
	c := newClient(t, nil, ws.URL, clock, withCustom(pipeline.Customizations{
		PostDecode: func(call *pipeline.Call, body []byte) error {
			calls++
			out, ok := call.Output.(*GetWidgetOutput)
			if !ok {
				return nil
			}
			if out.Name != nil && *out.Name == "fail" {
				return errStop
			}
			// The size the model cannot describe: an attribute of the root.
			if i := bytes.Index(body, []byte(`size="`)); i >= 0 {
				var n int64
				fmt.Sscanf(string(body[i+len(`size="`):]), "%d", &n)
				out.Size = &n
			}
			return nil
		},
	}))
	out := &GetWidgetOutput{}
	if err := c.Invoke(context.Background(), &opGetWidget, &GetWidgetInput{Name: "odd"}, out, &out.ResultMetadata); err != nil {
		t.Fatal(err)
	}
	if out.Name == nil || *out.Name != "odd" || out.Size == nil || *out.Size != 7 {
		t.Errorf("got Name %v, Size %v; want odd, 7", out.Name, out.Size)
	}
	err := c.Invoke(context.Background(), &opGetWidget, &GetWidgetInput{Name: "fail"}, &GetWidgetOutput{}, nil)
	var de *goto3.DecodeError
	if !errors.As(err, &de) || !errors.Is(err, errStop) {
		t.Errorf("got %v, want a DecodeError wrapping the customization's", err)
	}
	if n := len(ws.requests()); n != 2 {
		t.Errorf("server saw %d requests, want 2 (a decode error is not retried)", n)
	}
	data := &GetWidgetDataOutput{}
	if err := c.Invoke(context.Background(), &opGetWidgetData, &GetWidgetDataInput{Name: "w"}, data, nil); err != nil {
		t.Fatal(err)
	}
	data.Body.Close()
	if calls != 2 {
		t.Errorf("PostDecode called %d times, want 2 (not for a streaming output)", calls)
	}
}

// TestCustomizationStagesPostDecodeEmptyBody: PostDecode is documented to
// run for every output that is not streamed, so for an answer without a
// body too (with an empty body), as CheckResponse does.
func TestCustomizationStagesPostDecodeEmptyBody(t *testing.T) {
	clock := newFakeClock()
	ws := newWidgetServer(t, clock)
	var calls int
	c := newClient(t, nil, ws.URL, clock, withCustom(pipeline.Customizations{
		PostDecode: func(call *pipeline.Call, body []byte) error {
			calls++
			if len(body) != 0 {
				t.Errorf("got body %q, want none", body)
			}
			return nil
		},
	}))
	out := &PutWidgetOutput{}
	if err := c.Invoke(context.Background(), &opPutWidget, &PutWidgetInput{Name: "w", Config: &WidgetConfig{Label: "l"}}, out, &out.ResultMetadata); err != nil {
		t.Fatal(err)
	}
	if calls != 1 {
		t.Errorf("PostDecode called %d times for an answer without a body, want 1", calls)
	}
}
