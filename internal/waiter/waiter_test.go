package waiter_test

import (
	"context"
	"errors"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/goto3/goto3"
	"github.com/goto3/goto3/internal/waiter"
	"github.com/goto3/goto3/protocol"
)

type apiError struct {
	code   string
	status int
}

func (e *apiError) Error() string       { return e.code }
func (e *apiError) ErrorCode() string   { return e.code }
func (e *apiError) HTTPStatusCode() int { return e.status }

type stateT struct{ Name *string }
type instance struct{ State *stateT }
type reservation struct{ Instances []instance }
type describeOutput struct {
	Reservations   []reservation
	ResultMetadata protocol.ResponseMetadata
}

func instances(states ...string) *describeOutput {
	out := &describeOutput{ResultMetadata: protocol.ResponseMetadata{StatusCode: 200}}
	var r reservation
	for _, s := range states {
		r.Instances = append(r.Instances, instance{State: &stateT{Name: &s}})
	}
	out.Reservations = []reservation{r}
	return out
}

func bucketExists() *waiter.Spec {
	return &waiter.Spec{Name: "BucketExists", Delay: 5, MaxAttempts: 20, Acceptors: []waiter.Acceptor{
		{State: waiter.Success, Matcher: waiter.Status, Expected: 200},
		{State: waiter.Success, Matcher: waiter.Status, Expected: 301},
		{State: waiter.Success, Matcher: waiter.Status, Expected: 403},
		{State: waiter.Retry, Matcher: waiter.Status, Expected: 404},
	}}
}

func instanceRunning() *waiter.Spec {
	return &waiter.Spec{Name: "InstanceRunning", Delay: 15, MaxAttempts: 40, Acceptors: []waiter.Acceptor{
		{State: waiter.Success, Matcher: waiter.PathAll, Argument: "Reservations[].Instances[].State.Name", Expected: "running"},
		{State: waiter.Failure, Matcher: waiter.PathAny, Argument: "Reservations[].Instances[].State.Name", Expected: "shutting-down"},
		{State: waiter.Failure, Matcher: waiter.PathAny, Argument: "Reservations[].Instances[].State.Name", Expected: "terminated"},
		{State: waiter.Retry, Matcher: waiter.Error, Expected: "InvalidInstanceID.NotFound"},
	}}
}

type answer struct {
	out any
	err error
}

// fake is a scripted operation with a fake clock.
type fake struct {
	answers []answer
	calls   int
	now     time.Time
	sleeps  []time.Duration
}

func (f *fake) call(ctx context.Context) (any, error) {
	a := f.answers[min(f.calls, len(f.answers)-1)]
	f.calls++
	return a.out, a.err
}

func (f *fake) options(rand float64) goto3.WaiterConfig {
	f.now = time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	return goto3.WaiterConfig{
		Now:  func() time.Time { return f.now },
		Rand: func() float64 { return rand },
		Sleep: func(ctx context.Context, d time.Duration) error {
			f.sleeps = append(f.sleeps, d)
			f.now = f.now.Add(d)
			return ctx.Err()
		},
	}
}

func TestWait(t *testing.T) {
	notFound := &apiError{code: "NotFound", status: 404}
	ok := &describeOutput{ResultMetadata: protocol.ResponseMetadata{StatusCode: 200}}
	tests := []struct {
		name       string
		spec       *waiter.Spec
		answers    []answer
		rand       float64
		opts       func(*goto3.WaiterConfig)
		wantCalls  int
		wantSleeps []time.Duration
		check      func(t *testing.T, err error)
	}{
		{
			name: "status 404 retried then 200", spec: bucketExists(),
			answers:    []answer{{err: notFound}, {err: notFound}, {out: ok}},
			wantCalls:  3,
			wantSleeps: []time.Duration{5 * time.Second, 5 * time.Second},
		},
		{
			name: "status 403 error is success", spec: bucketExists(),
			answers:   []answer{{err: &apiError{code: "Forbidden", status: 403}}},
			wantCalls: 1,
		},
		{
			name: "exponential backoff with full jitter at the cap", spec: bucketExists(),
			answers: []answer{{err: notFound}, {err: notFound}, {err: notFound}, {err: notFound}, {out: ok}},
			rand:    0.5, opts: func(o *goto3.WaiterConfig) { o.MaxWait = time.Hour },
			wantCalls: 5,
			// MinDelay + 0.5 * (min(5s * 2^(n-1), 120s) - MinDelay)
			wantSleeps: []time.Duration{5 * time.Second, 7500 * time.Millisecond, 12500 * time.Millisecond, 22500 * time.Millisecond},
		},
		{
			name: "max delay caps the growth", spec: bucketExists(),
			answers: []answer{{err: notFound}, {err: notFound}, {err: notFound}, {out: ok}},
			rand:    1, opts: func(o *goto3.WaiterConfig) { o.MinDelay, o.MaxDelay, o.MaxWait = time.Second, 3*time.Second, time.Hour },
			wantCalls:  4,
			wantSleeps: []time.Duration{time.Second, 2 * time.Second, 3 * time.Second},
		},
		{
			name: "max attempts", spec: bucketExists(),
			answers:   []answer{{err: notFound}},
			opts:      func(o *goto3.WaiterConfig) { o.MaxAttempts = 3 },
			wantCalls: 3, wantSleeps: []time.Duration{5 * time.Second, 5 * time.Second},
			check: func(t *testing.T, err error) {
				var te *goto3.WaiterTimeoutError
				if !errors.As(err, &te) || te.Attempts != 3 || te.Elapsed != 10*time.Second {
					t.Fatalf("got %v, want a WaiterTimeoutError after 3 attempts and 10s", err)
				}
				var ae *apiError
				if !errors.As(err, &ae) {
					t.Errorf("got %v, want the last error wrapped", err)
				}
			},
		},
		{
			name: "max wait shortens the last delay", spec: bucketExists(),
			answers: []answer{{err: notFound}},
			opts:    func(o *goto3.WaiterConfig) { o.MaxWait = 12 * time.Second },
			// remaining 12s: 5s (7s left); then 7-5 <= 5 so 2s; then 5s left: stop.
			wantCalls: 3, wantSleeps: []time.Duration{5 * time.Second, 2 * time.Second},
			check: func(t *testing.T, err error) {
				var te *goto3.WaiterTimeoutError
				if !errors.As(err, &te) {
					t.Fatalf("got %v, want a WaiterTimeoutError", err)
				}
			},
		},
		{
			name: "default max wait is delay times attempts", spec: bucketExists(),
			answers: []answer{{err: notFound}}, rand: 1,
			check: func(t *testing.T, err error) {
				var te *goto3.WaiterTimeoutError
				if !errors.As(err, &te) || te.Elapsed != 95*time.Second {
					t.Fatalf("got %v, want a WaiterTimeoutError after 95s", err)
				}
			},
			wantCalls: 6, wantSleeps: []time.Duration{5 * time.Second, 10 * time.Second, 20 * time.Second, 40 * time.Second, 20 * time.Second},
		},
		{
			name: "pathAll running after pending and not found", spec: instanceRunning(),
			answers: []answer{
				{err: &apiError{code: "InvalidInstanceID.NotFound", status: 400}},
				{out: instances("running", "pending")},
				{out: instances("running", "running")},
			},
			wantCalls: 3, wantSleeps: []time.Duration{15 * time.Second, 15 * time.Second},
		},
		{
			name: "pathAny failure", spec: instanceRunning(),
			answers:   []answer{{out: instances("running", "terminated")}},
			wantCalls: 1,
			check: func(t *testing.T, err error) {
				var fe *goto3.WaiterFailureError
				if !errors.As(err, &fe) || fe.Acceptor != 2 {
					t.Fatalf("got %v, want a WaiterFailureError from acceptor 2", err)
				}
			},
		},
		{
			name: "pathAll over no instances retries", spec: instanceRunning(),
			answers:   []answer{{out: &describeOutput{}}, {out: instances("running")}},
			wantCalls: 2, wantSleeps: []time.Duration{15 * time.Second},
		},
		{
			name: "unmatched error fails", spec: instanceRunning(),
			answers:   []answer{{err: &apiError{code: "AuthFailure", status: 401}}},
			wantCalls: 1,
			check: func(t *testing.T, err error) {
				var fe *goto3.WaiterFailureError
				var ae *apiError
				if !errors.As(err, &fe) || fe.Acceptor != -1 || !errors.As(err, &ae) || ae.code != "AuthFailure" {
					t.Fatalf("got %v, want a WaiterFailureError wrapping AuthFailure", err)
				}
			},
		},
		{
			name:    "error true matches any error",
			spec:    &waiter.Spec{Name: "X", Delay: 1, MaxAttempts: 3, Acceptors: []waiter.Acceptor{{State: waiter.Success, Matcher: waiter.Error, Expected: true}}},
			answers: []answer{{out: ok}, {err: errors.New("boom")}}, wantCalls: 2, wantSleeps: []time.Duration{time.Second},
		},
		{
			name:    "error false matches success",
			spec:    &waiter.Spec{Name: "X", Delay: 1, MaxAttempts: 3, Acceptors: []waiter.Acceptor{{State: waiter.Success, Matcher: waiter.Error, Expected: false}}},
			answers: []answer{{out: ok}}, wantCalls: 1,
		},
		{
			name:    "path with a number literal",
			spec:    &waiter.Spec{Name: "X", Delay: 1, MaxAttempts: 3, Acceptors: []waiter.Acceptor{{State: waiter.Success, Matcher: waiter.Path, Argument: "length(Reservations[]) > `0`", Expected: true}}},
			answers: []answer{{out: &describeOutput{}}, {out: instances("pending")}}, wantCalls: 2, wantSleeps: []time.Duration{time.Second},
		},
		{
			name:    "bad expression",
			spec:    &waiter.Spec{Name: "X", Acceptors: []waiter.Acceptor{{Matcher: waiter.Path, Argument: "a[", Expected: true}}},
			answers: []answer{{out: ok}}, wantCalls: 0,
			check: func(t *testing.T, err error) {
				if err == nil {
					t.Fatal("got nil, want a compile error")
				}
			},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f := &fake{answers: tt.answers}
			o := f.options(tt.rand)
			if tt.opts != nil {
				tt.opts(&o)
			}
			err := waiter.Wait(context.Background(), tt.spec, o, f.call)
			if tt.check != nil {
				tt.check(t, err)
			} else if err != nil {
				t.Fatalf("Wait: %v", err)
			}
			if f.calls != tt.wantCalls {
				t.Errorf("got %d calls, want %d", f.calls, tt.wantCalls)
			}
			if diff := cmp.Diff(tt.wantSleeps, f.sleeps); diff != "" {
				t.Errorf("sleeps mismatch (-want +got):\n%s", diff)
			}
		})
	}
}

func TestWaitCanceled(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	f := &fake{answers: []answer{{err: &apiError{code: "NotFound", status: 404}}}}
	o := f.options(0)
	o.Sleep = func(ctx context.Context, d time.Duration) error {
		cancel()
		<-ctx.Done()
		return ctx.Err()
	}
	err := waiter.Wait(ctx, bucketExists(), o, f.call)
	if !errors.Is(err, context.Canceled) {
		t.Fatalf("got %v, want context.Canceled", err)
	}
	if f.calls != 1 {
		t.Errorf("got %d calls, want 1", f.calls)
	}
}

func TestWaitRealSleepDeadline(t *testing.T) {
	ctx, cancel := context.WithTimeout(context.Background(), 20*time.Millisecond)
	defer cancel()
	f := &fake{answers: []answer{{err: &apiError{code: "NotFound", status: 404}}}}
	start := time.Now()
	err := waiter.Wait(ctx, bucketExists(), goto3.WaiterConfig{}, f.call)
	if !errors.Is(err, context.DeadlineExceeded) {
		t.Fatalf("got %v, want context.DeadlineExceeded", err)
	}
	if d := time.Since(start); d > 2*time.Second {
		t.Errorf("got %v, want the wait to end at the deadline", d)
	}
}

// TestWaitConcurrent shares one Spec (compiled on first use) between
// goroutines; run with -race.
func TestWaitConcurrent(t *testing.T) {
	spec := instanceRunning()
	errs := make(chan error, 8)
	for range 8 {
		go func() {
			f := &fake{answers: []answer{{out: instances("pending")}, {out: instances("running")}}}
			o := f.options(0.5)
			errs <- waiter.Wait(context.Background(), spec, o, f.call)
		}()
	}
	for range 8 {
		if err := <-errs; err != nil {
			t.Error(err)
		}
	}
}

// TestWaitExpressionError ends the wait when an acceptor's expression fails
// to evaluate (length() of a number), as botocore raises the JMESPath
// error.
func TestWaitExpressionError(t *testing.T) {
	spec := &waiter.Spec{Name: "Bad", Delay: 1, MaxAttempts: 3, Acceptors: []waiter.Acceptor{
		{State: waiter.Retry, Matcher: waiter.Error, Expected: "Throttled"},
		{State: waiter.Success, Matcher: waiter.Path, Argument: "length(ResultMetadata.StatusCode) > `0`", Expected: true},
	}}
	f := &fake{answers: []answer{{out: instances("running")}}}
	err := waiter.Wait(context.Background(), spec, f.options(0), f.call)
	want := `waiter: Bad: acceptor 1: jmespath: invalid-type error at offset 0 of "length(ResultMetadata.StatusCode) > ` + "`0`" + `": length() argument 1: got number, want string or array or object`
	if err == nil || err.Error() != want {
		t.Fatalf("got %v, want %s", err, want)
	}
	if f.calls != 1 {
		t.Errorf("got %d calls, want 1", f.calls)
	}
}

// TestWaitNumbers matches numbers of any Go type against the model's
// expected numbers.
func TestWaitNumbers(t *testing.T) {
	type countOutput struct {
		Count   *int64
		Ratio   float32
		Pending []int32
	}
	for _, a := range []waiter.Acceptor{
		{State: waiter.Success, Matcher: waiter.Path, Argument: "Count", Expected: 9007199254740993},
		{State: waiter.Success, Matcher: waiter.Path, Argument: "Ratio", Expected: 0.5},
		{State: waiter.Success, Matcher: waiter.PathAll, Argument: "Pending", Expected: 0},
		{State: waiter.Success, Matcher: waiter.Path, Argument: "length(Pending)", Expected: 2},
	} {
		spec := &waiter.Spec{Name: "Numbers", Delay: 1, MaxAttempts: 1, Acceptors: []waiter.Acceptor{a}}
		out := &countOutput{Count: ptr(int64(9007199254740993)), Ratio: 0.5, Pending: []int32{0, 0}}
		f := &fake{answers: []answer{{out: out}}}
		if err := waiter.Wait(context.Background(), spec, f.options(0), f.call); err != nil {
			t.Errorf("%s == %v: got %v, want success", a.Argument, a.Expected, err)
		}
	}
	// 2^53+1 must not match 2^53 (both are the same float64).
	spec := &waiter.Spec{Name: "Numbers", Delay: 1, MaxAttempts: 1, Acceptors: []waiter.Acceptor{
		{State: waiter.Success, Matcher: waiter.Path, Argument: "Count", Expected: 9007199254740992},
	}}
	f := &fake{answers: []answer{{out: &countOutput{Count: ptr(int64(9007199254740993))}}}}
	var te *goto3.WaiterTimeoutError
	if err := waiter.Wait(context.Background(), spec, f.options(0), f.call); !errors.As(err, &te) {
		t.Errorf("got %v, want a *goto3.WaiterTimeoutError", err)
	}
}

func ptr[T any](v T) *T { return &v }

// TestWaiterConfig runs Wait behind a goto3.Waiter, as a generated client's
// <Name>Waiter method does: the Waiter's embedded WaiterConfig (which
// waiter.Options is) reaches Wait, and its errors are goto3's, with
// botocore-like messages.
func TestWaiterConfig(t *testing.T) {
	type in struct{ States []string }
	f := &fake{}
	w := goto3.NewWaiter(func(ctx context.Context, i *in, cfg goto3.WaiterConfig) error {
		f.answers = f.answers[:0]
		for _, s := range i.States {
			f.answers = append(f.answers, answer{out: instances(s)})
		}
		f.calls, f.sleeps = 0, nil
		return waiter.Wait(ctx, instanceRunning(), cfg, f.call)
	})
	base := f.options(0)
	w.WaiterConfig = base
	w.MaxAttempts = 2

	err := w.Wait(context.Background(), &in{States: []string{"pending"}})
	var te *goto3.WaiterTimeoutError
	if !errors.As(err, &te) || te.Waiter != "InstanceRunning" || te.Attempts != 2 || te.Elapsed != 15*time.Second {
		t.Fatalf("got %v, want a WaiterTimeoutError of InstanceRunning after 2 attempts and 15s", err)
	}
	if want := "waiter: InstanceRunning: not reached after 2 attempts (15s)"; err.Error() != want {
		t.Errorf("got message %q, want %q", err, want)
	}

	err = w.Wait(context.Background(), &in{States: []string{"terminated"}})
	var fe *goto3.WaiterFailureError
	if !errors.As(err, &fe) || fe.Acceptor != 2 || fe.Attempts != 1 {
		t.Fatalf("got %v, want a WaiterFailureError from acceptor 2 after 1 attempt", err)
	}
	if want := "waiter: InstanceRunning: failure state reached (acceptor 2) after 1 attempts"; err.Error() != want {
		t.Errorf("got message %q, want %q", err, want)
	}

	// MinDelay from the config replaces the model's delay.
	w.MaxAttempts, w.MinDelay, w.MaxDelay = 3, 2*time.Second, 2*time.Second
	if err := w.Wait(context.Background(), &in{States: []string{"pending", "pending", "running"}}); err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff([]time.Duration{2 * time.Second, 2 * time.Second}, f.sleeps); diff != "" {
		t.Errorf("sleeps (-want +got):\n%s", diff)
	}
}

// TestUnexpectedErrorMessage names the call's error in the failure.
func TestUnexpectedErrorMessage(t *testing.T) {
	f := &fake{answers: []answer{{err: &apiError{code: "AuthFailure", status: 401}}}}
	err := waiter.Wait(context.Background(), instanceRunning(), f.options(0), f.call)
	if want := "waiter: InstanceRunning: unexpected error after 1 attempts: AuthFailure"; err == nil || err.Error() != want {
		t.Errorf("got %v, want %s", err, want)
	}
	var last *goto3.WaiterTimeoutError
	f = &fake{answers: []answer{{err: &apiError{code: "InvalidInstanceID.NotFound", status: 400}}}}
	o := f.options(0)
	o.MaxAttempts = 1
	err = waiter.Wait(context.Background(), instanceRunning(), o, f.call)
	if !errors.As(err, &last) || err.Error() != "waiter: InstanceRunning: not reached after 1 attempts (0s): last error: InvalidInstanceID.NotFound" {
		t.Errorf("got %v, want a WaiterTimeoutError naming the last error", err)
	}
}

// TestStubbed: a stubbed client's wait takes no real time, yet its delays
// and MaxWait play out on the wait's own clock; a caller's Sleep is kept,
// and an unstubbed client's config is left alone.
func TestStubbed(t *testing.T) {
	notFound := &apiError{code: "NotFound", status: 404}
	t.Run("timeout in virtual time", func(t *testing.T) {
		f := &fake{answers: []answer{{err: notFound}}}
		start := time.Now()
		err := waiter.Wait(context.Background(), bucketExists(), waiter.Stubbed(goto3.WaiterConfig{}, true), f.call)
		var te *goto3.WaiterTimeoutError
		if !errors.As(err, &te) {
			t.Fatalf("got %v, want a *WaiterTimeoutError", err)
		}
		// BucketExists: 5 s delays for at most 20 attempts or 100 s; the
		// jittered delays end it before 20 attempts, at 95 s or more.
		if te.Elapsed < 95*time.Second || te.Elapsed > 100*time.Second || f.calls < 2 || f.calls > 20 {
			t.Errorf("got %d calls in %v of the wait's clock, want 2 to 20 in 95-100 s", f.calls, te.Elapsed)
		}
		if d := time.Since(start); d > 5*time.Second {
			t.Errorf("the wait took %v of real time", d)
		}
	})
	t.Run("success", func(t *testing.T) {
		f := &fake{answers: []answer{{err: notFound}, {err: notFound}, {out: &describeOutput{ResultMetadata: protocol.ResponseMetadata{StatusCode: 200}}}}}
		if err := waiter.Wait(context.Background(), bucketExists(), waiter.Stubbed(goto3.WaiterConfig{}, true), f.call); err != nil || f.calls != 3 {
			t.Errorf("got %v after %d calls, want success after 3", err, f.calls)
		}
	})
	t.Run("canceled", func(t *testing.T) {
		ctx, cancel := context.WithCancel(context.Background())
		f := &fake{answers: []answer{{err: notFound}}}
		o := waiter.Stubbed(goto3.WaiterConfig{}, true)
		sleep := o.Sleep
		o.Sleep = func(ctx context.Context, d time.Duration) error { cancel(); return sleep(ctx, d) }
		if err := waiter.Wait(ctx, bucketExists(), o, f.call); !errors.Is(err, context.Canceled) {
			t.Errorf("got %v, want context.Canceled", err)
		}
	})
	t.Run("caller's sleep kept", func(t *testing.T) {
		f := &fake{}
		o := f.options(0)
		got := waiter.Stubbed(o, true)
		if got.Now().Equal(time.Time{}) || got.Sleep == nil {
			t.Fatal("options lost")
		}
		_ = got.Sleep(context.Background(), time.Second)
		if len(f.sleeps) != 1 {
			t.Errorf("got %d sleeps of the caller's Sleep, want 1", len(f.sleeps))
		}
	})
	t.Run("not stubbed", func(t *testing.T) {
		if o := waiter.Stubbed(goto3.WaiterConfig{}, false); o.Sleep != nil || o.Now != nil {
			t.Error("an unstubbed config was changed")
		}
	})
}
