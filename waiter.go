package goto3

import (
	"context"
	"strconv"
	"time"
)

// WaiterConfig is boto3's WaiterConfig, and more: how a waiter polls. The
// zero value of every field means the model's value or the default.
type WaiterConfig struct {
	// MinDelay is the shortest delay between attempts (default: the
	// model's delay); MaxDelay the longest (default 120 s, never less than
	// MinDelay). Delays grow exponentially with jitter between the two,
	// as the Smithy waiter specification says.
	MinDelay time.Duration
	MaxDelay time.Duration
	// MaxAttempts bounds the number of calls (default: the model's
	// maxAttempts; negative: no bound but MaxWait); MaxWait bounds the
	// whole wait (default: the model's delay times maxAttempts, the most
	// botocore's waiters take).
	MaxAttempts int
	MaxWait     time.Duration

	// Now, Sleep and Rand replace the clock, the sleep between attempts
	// and the random source of the jitter (a value in [0, 1)), for tests.
	// Sleep must return ctx.Err() when ctx ends first.
	Now   func() time.Time
	Sleep func(ctx context.Context, d time.Duration) error
	Rand  func() float64
}

// Waiter polls an operation until the condition of one of the model's
// waiters holds, as boto3's waiters do: a client's <Name>Waiter method
// returns one (its WaitUntil<Name> method is the same with the defaults),
// and its WaiterConfig (embedded) may be set before Wait.
//
//	w := client.ObjectExistsWaiter()
//	w.MaxWait = time.Minute
//	err := w.Wait(ctx, &s3.HeadObjectInput{Bucket: b, Key: k})
//
// Wait returns nil once an acceptor reaches success; a *WaiterFailureError
// when one reaches failure or a call fails with an error no acceptor
// expects; a *WaiterTimeoutError when attempts or MaxWait run out; an error
// wrapping ctx.Err() when ctx ends. A Waiter may be used by several
// goroutines at once; its config must not change meanwhile.
type Waiter[In any] struct {
	WaiterConfig
	wait func(ctx context.Context, in *In, cfg WaiterConfig) error
}

// NewWaiter returns a Waiter that calls wait. Generated clients call it.
func NewWaiter[In any](wait func(ctx context.Context, in *In, cfg WaiterConfig) error) *Waiter[In] {
	return &Waiter[In]{wait: wait}
}

// Wait polls with in until the waiter's condition holds (see Waiter).
func (w *Waiter[In]) Wait(ctx context.Context, in *In) error {
	return w.wait(ctx, in, w.WaiterConfig)
}

// WaiterFailureError is a waiter that reached a failure state: an acceptor
// of the model says the condition can no longer hold, or a call failed with
// an error no acceptor expects (Acceptor is then -1; Err is the call's
// error).
type WaiterFailureError struct {
	Waiter   string
	Attempts int
	Acceptor int
	Err      error
}

func (e *WaiterFailureError) Error() string {
	s := "waiter: " + e.Waiter + ": "
	if e.Acceptor >= 0 {
		s += "failure state reached (acceptor " + strconv.Itoa(e.Acceptor) + ")"
	} else {
		s += "unexpected error"
	}
	s += " after " + strconv.Itoa(e.Attempts) + " attempts"
	if e.Err != nil {
		s += ": " + e.Err.Error()
	}
	return s
}

// Unwrap returns Err.
func (e *WaiterFailureError) Unwrap() error { return e.Err }

// WaiterTimeoutError is a waiter whose attempts or time ran out before its
// condition held; Err is the last call's error, if any.
type WaiterTimeoutError struct {
	Waiter   string
	Attempts int
	Elapsed  time.Duration
	Err      error
}

func (e *WaiterTimeoutError) Error() string {
	s := "waiter: " + e.Waiter + ": not reached after " + strconv.Itoa(e.Attempts) + " attempts (" + e.Elapsed.Round(time.Millisecond).String() + ")"
	if e.Err != nil {
		s += ": last error: " + e.Err.Error()
	}
	return s
}

// Unwrap returns Err.
func (e *WaiterTimeoutError) Unwrap() error { return e.Err }
