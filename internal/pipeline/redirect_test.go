package pipeline_test

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/url"
	"strings"
	"sync"
	"testing"

	"github.com/goto3/goto3"
	"github.com/goto3/goto3/endpoints"
	"github.com/goto3/goto3/internal/pipeline"
	"github.com/goto3/goto3/retry"
)

// redirectHarness is a Widgets client on the rule set's regional hosts
// (https://widgets.<region>.example.com, reached through a transport that
// sends every request to the test server with its Host kept) whose Redirect
// customization learns a new region from the error answer's <Region>
// element and whose EndpointParams applies it, as a service that redirects
// a resource to its region would.
type redirectHarness struct {
	ws *widgetServer
	c  *pipeline.Client

	mu     sync.Mutex
	hosts  []string // the host of each request sent
	region string   // learned by Redirect
	asked  []string // "code body" per Redirect call
	answer func(err *goto3.APIError) (bool, error)
}

func newRedirectHarness(t *testing.T, optFns ...func(*pipeline.Options)) *redirectHarness {
	t.Helper()
	clock := newFakeClock()
	h := &redirectHarness{ws: newWidgetServer(t, clock)}
	target, err := url.Parse(h.ws.URL)
	if err != nil {
		t.Fatal(err)
	}
	rt := roundTripFunc(func(r *http.Request) (*http.Response, error) {
		h.mu.Lock()
		h.hosts = append(h.hosts, r.URL.Host)
		h.mu.Unlock()
		r2 := r.Clone(r.Context())
		r2.URL.Scheme, r2.URL.Host = target.Scheme, target.Host
		r2.Host = r.Host
		return http.DefaultTransport.RoundTrip(r2)
	})
	cu := pipeline.Customizations{
		EndpointParams: func(_ context.Context, _ *pipeline.Call, vals []endpoints.Value) error {
			h.mu.Lock()
			defer h.mu.Unlock()
			if h.region != "" {
				vals[paramRegion] = endpoints.String(h.region)
			}
			return nil
		},
		Redirect: func(_ context.Context, _ *pipeline.Call, err *goto3.APIError, body []byte) (bool, error) {
			h.mu.Lock()
			h.asked = append(h.asked, err.Code+" "+string(body))
			answer := h.answer
			h.mu.Unlock()
			if answer != nil {
				return answer(err)
			}
			_, rest, ok := strings.Cut(string(body), "<Region>")
			region, _, _ := strings.Cut(rest, "</Region>")
			if !ok || region == "" {
				return false, nil
			}
			h.mu.Lock()
			h.region = region
			h.mu.Unlock()
			return true, nil
		},
	}
	opts := append([]func(*pipeline.Options){withCustom(cu), func(o *pipeline.Options) {
		o.EndpointParams = endpointParams(testRegion, "")
		o.HTTPClient = &http.Client{Transport: rt}
	}}, optFns...)
	h.c = newClient(t, nil, "", clock, opts...)
	return h
}

func (h *redirectHarness) questions() []string {
	h.mu.Lock()
	defer h.mu.Unlock()
	return append([]string(nil), h.asked...)
}

// redirectTo answers a wrong-region error naming region.
func redirectTo(w http.ResponseWriter, status int, region string) {
	w.Header().Set("Content-Type", "application/xml")
	w.WriteHeader(status)
	fmt.Fprintf(w, `<Error><Code>PermanentRedirect</Code><Message>go elsewhere</Message><Region>%s</Region></Error>`, region)
}

// TestCustomizationStagesRedirect: when Redirect says so, the failed call
// is sent once more, at once, to the endpoint resolved again (the new host,
// the same path, query and body, signed again), as its next attempt.
func TestCustomizationStagesRedirect(t *testing.T) {
	var logs bytes.Buffer
	logger := slog.New(slog.NewTextHandler(&logs, &slog.HandlerOptions{Level: slog.LevelDebug}))
	h := newRedirectHarness(t, func(o *pipeline.Options) { o.Logger = logger })
	h.ws.setRespond(func(n int, w http.ResponseWriter, r *http.Request) bool {
		if n == 1 {
			redirectTo(w, http.StatusMovedPermanently, "eu-west-1")
			return true
		}
		return false
	})
	out := &PutWidgetOutput{}
	in := &PutWidgetInput{Name: "a b", Config: &WidgetConfig{Label: "l"}}
	if err := h.c.Invoke(context.Background(), &opPutWidget, in, out, &out.ResultMetadata); err != nil {
		t.Fatal(err)
	}
	reqs := h.ws.requests()
	if len(reqs) != 2 {
		t.Fatalf("server saw %d requests, want 2", len(reqs))
	}
	checkSigned(t, h.ws)
	first, second := reqs[0], reqs[1]
	if got := h.host(0); got != "widgets.us-west-2.example.com" {
		t.Errorf("first host %q", got)
	}
	if got := h.host(1); got != "widgets.eu-west-1.example.com" {
		t.Errorf("redirected host %q, want the re-resolved widgets.eu-west-1.example.com", got)
	}
	if first.URL.RequestURI() != second.URL.RequestURI() || !bytes.Equal(first.Body, second.Body) || len(second.Body) == 0 {
		t.Errorf("redirected %s with %q, want %s with %q", second.URL.RequestURI(), second.Body, first.URL.RequestURI(), first.Body)
	}
	if got := second.Header.Get("Amz-Sdk-Request"); got != "attempt=2; max=3" {
		t.Errorf("redirected amz-sdk-request %q, want attempt=2; max=3", got)
	}
	if out.ResultMetadata.Attempts != 2 || out.ETag == nil {
		t.Errorf("got attempts %d, ETag %v", out.ResultMetadata.Attempts, out.ETag)
	}
	if q := h.questions(); len(q) != 1 || !strings.HasPrefix(q[0], "PermanentRedirect <Error>") {
		t.Errorf("Redirect asked %q, want once with the error body", q)
	}
	if sleeps := h.ws.clock.Sleeps(); len(sleeps) != 0 {
		t.Errorf("slept %v before the redirected attempt", sleeps)
	}
	if l := logs.String(); !strings.Contains(l, `msg="goto3 redirect" service=Widgets operation=PutWidget host=widgets.eu-west-1.example.com signing_region=us-west-2 attempt=2`) ||
		!strings.Contains(l, "host=widgets.eu-west-1.example.com path=/widgets/a%20b attempt=2") {
		t.Errorf("log:\n%s", l)
	}

	// Later calls resolve with what the customization learned: no
	// redirect.
	if err := h.c.Invoke(context.Background(), &opGetWidget, &GetWidgetInput{Name: "w"}, &GetWidgetOutput{}, nil); err != nil {
		t.Fatal(err)
	}
	if got := h.host(2); got != "widgets.eu-west-1.example.com" {
		t.Errorf("next call's host %q", got)
	}
}

// host returns the host request i (from 0) went to, which the server
// verified the signature with.
func (h *redirectHarness) host(i int) string {
	h.mu.Lock()
	defer h.mu.Unlock()
	if i >= len(h.hosts) {
		return ""
	}
	return h.hosts[i]
}

// TestCustomizationStagesRedirectOnce: a call is redirected at most once,
// even when retries are off, and the attempts left after the redirect are
// those the call had.
func TestCustomizationStagesRedirectOnce(t *testing.T) {
	t.Run("retries off", func(t *testing.T) {
		h := newRedirectHarness(t, func(o *pipeline.Options) { o.RetryMaxAttempts = 1 })
		region := []string{"eu-west-1", "ap-south-1"}
		h.ws.setRespond(func(n int, w http.ResponseWriter, r *http.Request) bool {
			redirectTo(w, http.StatusMovedPermanently, region[min(n, 2)-1])
			return true
		})
		err := h.c.Invoke(context.Background(), &opGetWidget, &GetWidgetInput{Name: "w"}, &GetWidgetOutput{}, nil)
		var api *goto3.APIError
		if !errors.As(err, &api) || api.Code != "PermanentRedirect" || api.Attempts != 2 {
			t.Fatalf("got %v, want the redirected attempt's PermanentRedirect after 2 attempts", err)
		}
		reqs := h.ws.requests()
		if len(reqs) != 2 || reqs[1].Header.Get("Amz-Sdk-Request") != "attempt=2; max=1" {
			t.Fatalf("server saw %d requests (%v)", len(reqs), reqs)
		}
		if q := h.questions(); len(q) != 1 {
			t.Errorf("Redirect asked %d times, want once", len(q))
		}
	})
	t.Run("retries after", func(t *testing.T) {
		h := newRedirectHarness(t)
		h.ws.setRespond(func(n int, w http.ResponseWriter, r *http.Request) bool {
			if n == 1 {
				redirectTo(w, http.StatusMovedPermanently, "eu-west-1")
			} else {
				failWith(w, http.StatusServiceUnavailable, "ServiceUnavailable", "busy")
			}
			return true
		})
		err := h.c.Invoke(context.Background(), &opGetWidget, &GetWidgetInput{Name: "w"}, &GetWidgetOutput{}, nil)
		var ex *retry.ExhaustedError
		var api *goto3.APIError
		if !errors.As(err, &ex) || !errors.As(err, &api) || api.Code != "ServiceUnavailable" || api.Attempts != 3 {
			t.Fatalf("got %v, want ServiceUnavailable with retries exhausted after 3 attempts", err)
		}
		if n := len(h.ws.requests()); n != 3 {
			t.Errorf("server saw %d requests, want 3 (the redirect, then one retry)", n)
		}
		if q := h.questions(); len(q) != 1 {
			t.Errorf("Redirect asked %d times, want once", len(q))
		}
	})
	t.Run("declined", func(t *testing.T) {
		h := newRedirectHarness(t)
		h.answer = func(*goto3.APIError) (bool, error) { return false, nil }
		h.ws.setRespond(func(n int, w http.ResponseWriter, r *http.Request) bool {
			redirectTo(w, http.StatusMovedPermanently, "eu-west-1")
			return true
		})
		err := h.c.Invoke(context.Background(), &opGetWidget, &GetWidgetInput{Name: "w"}, &GetWidgetOutput{}, nil)
		var api *goto3.APIError
		if !errors.As(err, &api) || api.StatusCode != 301 || api.Attempts != 1 || len(h.ws.requests()) != 1 {
			t.Errorf("got %v after %d requests, want the 301 of the only attempt", err, len(h.ws.requests()))
		}
	})
	t.Run("error", func(t *testing.T) {
		h := newRedirectHarness(t)
		h.answer = func(*goto3.APIError) (bool, error) { return false, errStop }
		h.ws.setRespond(func(n int, w http.ResponseWriter, r *http.Request) bool {
			redirectTo(w, http.StatusMovedPermanently, "eu-west-1")
			return true
		})
		err := h.c.Invoke(context.Background(), &opGetWidget, &GetWidgetInput{Name: "w"}, &GetWidgetOutput{}, nil)
		if !errors.Is(err, errStop) || len(h.ws.requests()) != 1 {
			t.Errorf("got %v, want the customization's error", err)
		}
	})
	t.Run("not rewindable", func(t *testing.T) {
		h := newRedirectHarness(t)
		h.ws.setRespond(func(n int, w http.ResponseWriter, r *http.Request) bool {
			redirectTo(w, http.StatusMovedPermanently, "eu-west-1")
			return true
		})
		body := io.MultiReader(strings.NewReader("stream")) // not an io.Seeker
		in := &PutWidgetDataInput{Name: "w", Body: body, ContentLength: ptrTo(int64(6))}
		err := h.c.Invoke(context.Background(), &opPutWidgetData, in, &PutWidgetDataOutput{}, nil)
		var api *goto3.APIError
		if !errors.As(err, &api) || api.StatusCode != 301 || len(h.ws.requests()) != 1 {
			t.Errorf("got %v, want the 301 (a streamed body cannot be sent twice)", err)
		}
		if q := h.questions(); len(q) != 0 {
			t.Errorf("Redirect asked %q for a body that cannot be sent again", q)
		}
	})
	t.Run("seekable body", func(t *testing.T) {
		h := newRedirectHarness(t)
		h.ws.setRespond(func(n int, w http.ResponseWriter, r *http.Request) bool {
			if n == 1 {
				redirectTo(w, http.StatusTemporaryRedirect, "eu-west-1")
				return true
			}
			return false
		})
		in := &PutWidgetDataInput{Name: "w", Body: strings.NewReader("seekable data")}
		if err := h.c.Invoke(context.Background(), &opPutWidgetData, in, &PutWidgetDataOutput{}, nil); err != nil {
			t.Fatal(err)
		}
		reqs := h.ws.requests()
		if len(reqs) != 2 || string(reqs[1].Body) != "seekable data" || h.host(1) != "widgets.eu-west-1.example.com" {
			t.Errorf("got %d requests, the last %q to %s", len(reqs), reqs[len(reqs)-1].Body, h.host(len(reqs)-1))
		}
		checkSigned(t, h.ws)
	})
}
