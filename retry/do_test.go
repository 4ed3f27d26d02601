package retry_test

import (
	"context"
	"errors"
	"net/http"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/goto3/goto3/retry"
)

// fakeClock is a clock whose Sleep advances time and records the delays.
type fakeClock struct {
	mu     sync.Mutex
	now    time.Time
	sleeps []time.Duration
}

func newFakeClock() *fakeClock { return &fakeClock{now: t0} }

func (c *fakeClock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.now
}

func (c *fakeClock) Advance(d time.Duration) {
	c.mu.Lock()
	c.now = c.now.Add(d)
	c.mu.Unlock()
}

func (c *fakeClock) Sleep(ctx context.Context, d time.Duration) error {
	if err := ctx.Err(); err != nil {
		return err
	}
	c.mu.Lock()
	c.sleeps = append(c.sleeps, d)
	c.now = c.now.Add(d)
	c.mu.Unlock()
	return nil
}

func (c *fakeClock) Sleeps() []time.Duration {
	c.mu.Lock()
	defer c.mu.Unlock()
	return append([]time.Duration(nil), c.sleeps...)
}

func (c *fakeClock) options(o retry.Options) retry.Options {
	o.Now, o.Sleep = c.Now, c.Sleep
	if o.Rand == nil {
		o.Rand = func() float64 { return 0.5 }
	}
	return o
}

// script returns an Attempt func that fails with errs in turn, then
// succeeds with a 200 response.
func script(errs ...error) (func(context.Context, retry.Attempt) (*http.Response, error), *[]retry.Attempt) {
	var seen []retry.Attempt
	return func(_ context.Context, a retry.Attempt) (*http.Response, error) {
		seen = append(seen, a)
		if i := a.N - 1; i < len(errs) {
			return nil, errs[i]
		}
		return &http.Response{StatusCode: 200}, nil
	}, &seen
}

var (
	errThrottle = &apiError{"Throttling", 400}
	err503      = &apiError{"", 503}
	errTimeout  = &timeoutErr{}
)

type timeoutErr struct{}

func (*timeoutErr) Error() string   { return "i/o timeout" }
func (*timeoutErr) Timeout() bool   { return true }
func (*timeoutErr) Temporary() bool { return true }

func TestBackoffExact(t *testing.T) {
	cases := []struct {
		name    string
		opts    retry.Options
		rand    float64
		attempt int
		kind    retry.Kind
		want    time.Duration
	}{
		{"first", retry.Options{}, 0.5, 1, retry.KindTransient, 500 * time.Millisecond},
		{"second", retry.Options{}, 0.5, 2, retry.KindThrottle, time.Second},
		{"third", retry.Options{}, 0.25, 3, retry.KindTimeout, time.Second},
		{"fifth", retry.Options{}, 1, 5, retry.KindTransient, 16 * time.Second},
		{"capped", retry.Options{}, 0.5, 6, retry.KindTransient, 10 * time.Second},
		{"huge attempt", retry.Options{}, 0.5, 200, retry.KindTransient, 10 * time.Second},
		{"rand zero", retry.Options{}, 0, 4, retry.KindTransient, 0},
		{"custom", retry.Options{BaseDelay: 100 * time.Millisecond, MaxBackoff: 300 * time.Millisecond}, 0.5, 2, retry.KindTransient, 100 * time.Millisecond},
		{"custom capped", retry.Options{BaseDelay: 100 * time.Millisecond, MaxBackoff: 300 * time.Millisecond}, 1, 4, retry.KindTransient, 300 * time.Millisecond},
		{"clock skew", retry.Options{}, 0.5, 2, retry.KindClockSkew, 0},
		{"expired token", retry.Options{}, 0.5, 2, retry.KindExpiredToken, 0},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			o := c.opts
			o.Rand = func() float64 { return c.rand }
			r := newRetryer(t, o)
			if got := r.Backoff(c.attempt, c.kind); got != c.want {
				t.Errorf("Backoff(%d, %v) = %v, want %v", c.attempt, c.kind, got, c.want)
			}
		})
	}
}

func TestDoDelaysAndAttempts(t *testing.T) {
	clk := newFakeClock()
	r := newRetryer(t, clk.options(retry.Options{MaxAttempts: 5}))
	attempt, seen := script(err503, errThrottle, errTimeout)
	var events []retry.Event
	resp, n, err := r.Do(context.Background(), &retry.Call{Attempt: attempt, Rewindable: true, OnEvent: func(e retry.Event) { events = append(events, e) }})
	if err != nil || resp == nil || resp.StatusCode != 200 {
		t.Fatalf("Do: got %v, %v; want 200", resp, err)
	}
	if n != 4 {
		t.Errorf("got %d attempts, want 4", n)
	}
	if diff := cmp.Diff([]time.Duration{500 * time.Millisecond, time.Second, 2 * time.Second}, clk.Sleeps()); diff != "" {
		t.Errorf("sleeps (-want +got):\n%s", diff)
	}
	wantPrev := []retry.Kind{retry.KindNone, retry.KindTransient, retry.KindThrottle, retry.KindTimeout}
	for i, a := range *seen {
		if a.N != i+1 || a.Previous.Kind != wantPrev[i] {
			t.Errorf("attempt %d: got N %d previous %v, want N %d previous %v", i, a.N, a.Previous.Kind, i+1, wantPrev[i])
		}
	}
	// 500 - 5 - 5 - 10, then the last retry's cost (10) comes back.
	if got := r.QuotaAvailable(); got != 490 {
		t.Errorf("quota: got %d, want 490", got)
	}
	if len(events) != 3 || !events[2].Retrying || events[2].Delay != 2*time.Second || events[2].QuotaAvailable != 480 {
		t.Errorf("events: got %+v", events)
	}
}

func TestDoExhausted(t *testing.T) {
	clk := newFakeClock()
	r := newRetryer(t, clk.options(retry.Options{}))
	attempt, _ := script(err503, err503, err503, err503)
	var stops []string
	_, n, err := r.Do(context.Background(), &retry.Call{Attempt: attempt, Rewindable: true, OnEvent: func(e retry.Event) { stops = append(stops, e.Stop) }})
	var ex *retry.ExhaustedError
	if !errors.As(err, &ex) || ex.Attempts != 3 || ex.QuotaExceeded {
		t.Fatalf("got %v, want ExhaustedError after 3 attempts", err)
	}
	if n != 3 {
		t.Errorf("got %d attempts, want 3", n)
	}
	var ae *apiError
	if !errors.As(err, &ae) || ae != err503 {
		t.Errorf("errors.As: got %v, want the last attempt's error", ae)
	}
	if errors.Is(err, retry.ErrQuotaExceeded) {
		t.Error("errors.Is(err, ErrQuotaExceeded) = true, want false")
	}
	if want := "retry: retries exhausted after 3 attempts: api error  (status 503)"; err.Error() != want {
		t.Errorf("message: got %q, want %q", err.Error(), want)
	}
	if diff := cmp.Diff([]string{"", "", "max attempts reached"}, stops); diff != "" {
		t.Errorf("stops (-want +got):\n%s", diff)
	}
	// A failed call gives nothing back.
	if got := r.QuotaAvailable(); got != 490 {
		t.Errorf("quota: got %d, want 490", got)
	}
}

func TestDoNotRetryable(t *testing.T) {
	r := newRetryer(t, retry.Options{})
	want := &apiError{"NoSuchKey", 404}
	attempt, _ := script(want)
	_, n, err := r.Do(context.Background(), &retry.Call{Attempt: attempt, Rewindable: true})
	if err != want || n != 1 {
		t.Errorf("got %v after %d attempts, want the error itself after 1", err, n)
	}
}

func TestDoNotRewindable(t *testing.T) {
	r := newRetryer(t, retry.Options{})
	attempt, seen := script(err503)
	_, n, err := r.Do(context.Background(), &retry.Call{Attempt: attempt, Rewindable: false})
	if !errors.Is(err, retry.ErrNotRewindable) || n != 1 || len(*seen) != 1 {
		t.Fatalf("got %v after %d attempts, want ErrNotRewindable after 1", err, n)
	}
	if !strings.Contains(err.Error(), "cannot be rewound") {
		t.Errorf("message %q does not say the body cannot be rewound", err)
	}
	var ae *apiError
	if !errors.As(err, &ae) {
		t.Error("errors.As does not reach the attempt's error")
	}
	// A non-retryable error is returned as is, rewindable or not.
	attempt, _ = script(&apiError{"AccessDenied", 403})
	if _, _, err := r.Do(context.Background(), &retry.Call{Attempt: attempt}); errors.Is(err, retry.ErrNotRewindable) {
		t.Errorf("got %v, want the AccessDenied error", err)
	}
}

func TestQuotaDrainAndRefund(t *testing.T) {
	clk := newFakeClock()
	r := newRetryer(t, clk.options(retry.Options{MaxAttempts: 2}))
	// Each failing call takes 5 (one retry), so 100 calls drain 500.
	for i := range 100 {
		attempt, _ := script(err503, err503)
		_, _, err := r.Do(context.Background(), &retry.Call{Attempt: attempt, Rewindable: true})
		var ex *retry.ExhaustedError
		if !errors.As(err, &ex) || ex.QuotaExceeded {
			t.Fatalf("call %d: got %v, want retries exhausted", i, err)
		}
	}
	if got := r.QuotaAvailable(); got != 0 {
		t.Fatalf("quota: got %d, want 0", got)
	}
	attempt, seen := script(err503)
	_, n, err := r.Do(context.Background(), &retry.Call{Attempt: attempt, Rewindable: true})
	if !errors.Is(err, retry.ErrQuotaExceeded) || n != 1 || len(*seen) != 1 {
		t.Fatalf("got %v after %d attempts, want ErrQuotaExceeded after 1", err, n)
	}
	if want := "retry: retry quota exceeded after 1 attempt: api error  (status 503)"; err.Error() != want {
		t.Errorf("message: got %q, want %q", err.Error(), want)
	}
	// Success without retry gives 1 back.
	for i := 1; i <= 5; i++ {
		attempt, _ := script()
		if _, _, err := r.Do(context.Background(), &retry.Call{Attempt: attempt, Rewindable: true}); err != nil {
			t.Fatal(err)
		}
		if got := r.QuotaAvailable(); got != i {
			t.Fatalf("after %d successes: quota %d, want %d", i, got, i)
		}
	}
	// Now one retry (5) fits: success after it refunds 5.
	attempt, _ = script(err503)
	if _, n, err := r.Do(context.Background(), &retry.Call{Attempt: attempt, Rewindable: true}); err != nil || n != 2 {
		t.Fatalf("got %v after %d attempts, want success after 2", err, n)
	}
	if got := r.QuotaAvailable(); got != 5 {
		t.Errorf("quota after refunded retry: got %d, want 5", got)
	}
	// A timeout retry costs 10: not there.
	attempt, _ = script(errTimeout)
	if _, _, err := r.Do(context.Background(), &retry.Call{Attempt: attempt, Rewindable: true}); !errors.Is(err, retry.ErrQuotaExceeded) {
		t.Errorf("timeout with 5 tokens: got %v, want ErrQuotaExceeded", err)
	}
}

func TestQuotaNeverAboveCapacity(t *testing.T) {
	r := newRetryer(t, retry.Options{})
	for range 10 {
		attempt, _ := script()
		r.Do(context.Background(), &retry.Call{Attempt: attempt})
	}
	if got := r.QuotaAvailable(); got != retry.QuotaCapacity {
		t.Errorf("got %d, want %d", got, retry.QuotaCapacity)
	}
}

func TestDisableQuota(t *testing.T) {
	clk := newFakeClock()
	r := newRetryer(t, clk.options(retry.Options{DisableQuota: true, MaxAttempts: 200}))
	errs := make([]error, 150)
	for i := range errs {
		errs[i] = errTimeout
	}
	attempt, _ := script(errs...)
	_, n, err := r.Do(context.Background(), &retry.Call{Attempt: attempt, Rewindable: true})
	if err != nil || n != 151 {
		t.Errorf("got %v after %d attempts, want success after 151", err, n)
	}
	if got := r.QuotaAvailable(); got != -1 {
		t.Errorf("QuotaAvailable: got %d, want -1", got)
	}
}

func TestDoCancelDuringBackoff(t *testing.T) {
	// The real timer-based sleep: a 20 s backoff must end at once on cancel.
	r, err := retry.New(retry.Options{Rand: func() float64 { return 1 }, BaseDelay: 20 * time.Second})
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	attempt, seen := script(err503)
	done := make(chan error, 1)
	start := time.Now()
	go func() {
		_, _, err := r.Do(ctx, &retry.Call{Attempt: attempt, Rewindable: true, OnEvent: func(retry.Event) { cancel() }})
		done <- err
	}()
	select {
	case err := <-done:
		if !errors.Is(err, context.Canceled) {
			t.Errorf("got %v, want context.Canceled", err)
		}
		var ae *apiError
		if !errors.As(err, &ae) {
			t.Errorf("got %v, want it to wrap the last attempt's error too", err)
		}
		if el := time.Since(start); el > 5*time.Second {
			t.Errorf("took %v, want an immediate return", el)
		}
		if len(*seen) != 1 {
			t.Errorf("got %d attempts, want 1", len(*seen))
		}
	case <-time.After(10 * time.Second):
		t.Fatal("Do did not return after cancel")
	}
}

func TestDoContextDone(t *testing.T) {
	r := newRetryer(t, retry.Options{})
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	attempt, seen := script()
	_, n, err := r.Do(ctx, &retry.Call{Attempt: attempt, Rewindable: true})
	if !errors.Is(err, context.Canceled) || n != 0 || len(*seen) != 0 {
		t.Errorf("got %v after %d attempts, want context.Canceled before any attempt", err, n)
	}
	// Canceled during an attempt whose error does not say so.
	ctx, cancel = context.WithCancel(context.Background())
	_, n, err = r.Do(ctx, &retry.Call{Rewindable: true, Attempt: func(context.Context, retry.Attempt) (*http.Response, error) {
		cancel()
		return nil, err503
	}})
	if !errors.Is(err, context.Canceled) || n != 1 {
		t.Errorf("got %v after %d attempts, want context.Canceled after 1", err, n)
	}
	var ae *apiError
	if !errors.As(err, &ae) {
		t.Errorf("got %v, want it to wrap the attempt's error too", err)
	}
	if want := "retry: context canceled after 1 attempt, last error: api error  (status 503)"; err.Error() != want {
		t.Errorf("message: got %q, want %q", err.Error(), want)
	}
	// Deadline.
	ctx, cancel = context.WithDeadline(context.Background(), time.Unix(1, 0))
	defer cancel()
	_, _, err = r.Do(ctx, &retry.Call{Rewindable: true, Attempt: func(ctx context.Context, _ retry.Attempt) (*http.Response, error) {
		return nil, ctx.Err()
	}})
	if !errors.Is(err, context.DeadlineExceeded) {
		t.Errorf("got %v, want DeadlineExceeded", err)
	}
}

func TestDoClockSkew(t *testing.T) {
	clk := newFakeClock()
	r := newRetryer(t, clk.options(retry.Options{}))
	skew := 17 * time.Minute
	var signedAt []time.Time
	calls := 0
	_, n, err := r.Do(context.Background(), &retry.Call{Rewindable: true, Attempt: func(_ context.Context, a retry.Attempt) (*http.Response, error) {
		signedAt = append(signedAt, r.Now().Add(r.ClockOffset()))
		calls++
		if calls == 1 {
			return respWith(403, clk.Now().Add(skew)), &apiError{"RequestTimeTooSkewed", 403}
		}
		if a.Previous.Kind != retry.KindClockSkew {
			t.Errorf("previous kind: got %v, want clockskew", a.Previous.Kind)
		}
		return &http.Response{StatusCode: 200}, nil
	}})
	if err != nil || n != 2 {
		t.Fatalf("got %v after %d attempts, want success after 2", err, n)
	}
	if got := r.ClockOffset(); got != skew {
		t.Errorf("offset: got %v, want %v", got, skew)
	}
	if diff := cmp.Diff([]time.Time{t0, t0.Add(skew)}, signedAt); diff != "" {
		t.Errorf("signing times (-want +got):\n%s", diff)
	}
	if len(clk.Sleeps()) != 0 || r.QuotaAvailable() != 500 {
		t.Errorf("got sleeps %v quota %d, want no sleep and a full quota", clk.Sleeps(), r.QuotaAvailable())
	}
	// Skew errors that persist are retried once per call only.
	r.SetClockOffset(0)
	_, n, err = r.Do(context.Background(), &retry.Call{Rewindable: true, Attempt: func(context.Context, retry.Attempt) (*http.Response, error) {
		skew += time.Hour // the server's clock keeps moving
		return respWith(403, clk.Now().Add(skew)), &apiError{"RequestTimeTooSkewed", 403}
	}})
	var ae *apiError
	if n != 2 || !errors.As(err, &ae) || ae.code != "RequestTimeTooSkewed" {
		t.Errorf("got %v after %d attempts, want the skew error after 2", err, n)
	}
}

func TestDoExpiredToken(t *testing.T) {
	r := newRetryer(t, retry.Options{MaxAttempts: 5})
	var prev []retry.Kind
	_, n, err := r.Do(context.Background(), &retry.Call{Rewindable: true, Attempt: func(_ context.Context, a retry.Attempt) (*http.Response, error) {
		prev = append(prev, a.Previous.Kind)
		return nil, &apiError{"ExpiredToken", 400}
	}})
	if n != 2 || err == nil {
		t.Fatalf("got %v after %d attempts, want failure after 2", err, n)
	}
	if diff := cmp.Diff([]retry.Kind{retry.KindNone, retry.KindExpiredToken}, prev); diff != "" {
		t.Errorf("previous kinds (-want +got):\n%s", diff)
	}
}

func TestDoPerCallMaxAttempts(t *testing.T) {
	r := newRetryer(t, retry.Options{MaxAttempts: 5})
	attempt, _ := script(err503, err503, err503)
	_, n, err := r.Do(context.Background(), &retry.Call{Attempt: attempt, Rewindable: true, MaxAttempts: 1})
	var ex *retry.ExhaustedError
	if n != 1 || !errors.As(err, &ex) || ex.Attempts != 1 {
		t.Errorf("got %v after %d attempts, want exhausted after 1", err, n)
	}
}

func TestAdaptiveDoWaitsAfterThrottle(t *testing.T) {
	clk := newFakeClock()
	r := newRetryer(t, clk.options(retry.Options{Mode: retry.Adaptive, Rand: func() float64 { return 0 }}))
	if st, ok := r.Limiter(); !ok || st.Enabled {
		t.Fatalf("fresh limiter: got %+v, %v; want disabled", st, ok)
	}
	// Throttle, throttle, success with zero backoff: the second and third
	// attempts must wait for send tokens from a bucket that starts empty.
	attempt, _ := script(errThrottle, errThrottle)
	if _, n, err := r.Do(context.Background(), &retry.Call{Attempt: attempt, Rewindable: true}); err != nil || n != 3 {
		t.Fatalf("got %v after %d attempts, want success after 3", err, n)
	}
	st, _ := r.Limiter()
	if !st.Enabled {
		t.Errorf("limiter not enabled after throttling: %+v", st)
	}
	sleeps := clk.Sleeps()
	var total time.Duration
	for _, d := range sleeps {
		total += d
	}
	// Measured rate is 0 (all in one clock bucket), so the fill rate is
	// the 0.5/s floor: each token takes 2 s from an empty bucket.
	if total != 4*time.Second {
		t.Errorf("token waits: got %v (total %v), want 4s in total", sleeps, total)
	}
}

func TestNewOptions(t *testing.T) {
	if _, err := retry.New(retry.Options{Mode: "legacy"}); err == nil {
		t.Error("New(legacy): got nil error, want one")
	}
	if _, err := retry.New(retry.Options{MaxAttempts: -1}); err == nil {
		t.Error("New(MaxAttempts -1): got nil error, want one")
	}
	r, err := retry.New(retry.Options{})
	if err != nil || r.Mode() != retry.Standard || r.MaxAttempts() != 3 {
		t.Errorf("defaults: got %v %v %v", r.Mode(), r.MaxAttempts(), err)
	}
	for in, want := range map[string]retry.Mode{"": retry.Standard, "standard": retry.Standard, "legacy": retry.Standard, " Adaptive ": retry.Adaptive} {
		if got, err := retry.ParseMode(in); got != want || err != nil {
			t.Errorf("ParseMode(%q) = %v, %v; want %v", in, got, err, want)
		}
	}
	if _, err := retry.ParseMode("turbo"); err == nil {
		t.Error(`ParseMode("turbo"): got nil error`)
	}
}

// TestConcurrent shares one Retryer between many goroutines (run with
// -race): quota bookkeeping must add up exactly.
func TestConcurrent(t *testing.T) {
	for _, mode := range []retry.Mode{retry.Standard, retry.Adaptive} {
		t.Run(string(mode), func(t *testing.T) {
			clk := newFakeClock()
			r := newRetryer(t, clk.options(retry.Options{Mode: mode, Rand: func() float64 { return 0.1 }}))
			const workers, calls = 16, 50
			var wg sync.WaitGroup
			for w := range workers {
				wg.Add(1)
				go func() {
					defer wg.Done()
					for i := range calls {
						var attempt func(context.Context, retry.Attempt) (*http.Response, error)
						if (w+i)%2 == 0 {
							attempt, _ = script(errThrottle)
						} else {
							attempt, _ = script()
						}
						if _, _, err := r.Do(context.Background(), &retry.Call{Attempt: attempt, Rewindable: true}); err != nil {
							t.Error(err)
							return
						}
						clk.Advance(10 * time.Millisecond)
						_ = r.ClockOffset()
						r.Limiter()
					}
				}()
			}
			wg.Wait()
			// Every call succeeded: each retried call took 5 and got 5 back,
			// so the quota is full again.
			if got := r.QuotaAvailable(); got != retry.QuotaCapacity {
				t.Errorf("quota: got %d, want %d", got, retry.QuotaCapacity)
			}
		})
	}
}

func TestAdaptiveTokenWaitCanceled(t *testing.T) {
	clk := newFakeClock()
	r := newRetryer(t, clk.options(retry.Options{Mode: retry.Adaptive, MaxAttempts: 1}))
	attempt, _ := script(errThrottle)
	r.Do(context.Background(), &retry.Call{Attempt: attempt, Rewindable: true}) // enables the limiter
	if st, _ := r.Limiter(); !st.Enabled || st.Capacity >= 1 {
		t.Fatalf("limiter: got %+v, want enabled with an empty bucket", st)
	}
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	attempt, seen := script()
	_, n, err := r.Do(ctx, &retry.Call{Attempt: attempt, Rewindable: true})
	if !errors.Is(err, context.Canceled) || n != 0 || len(*seen) != 0 {
		t.Errorf("got %v after %d attempts, want context.Canceled while waiting for a send token", err, n)
	}
}
