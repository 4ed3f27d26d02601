package retry

import (
	"context"
	"errors"
	"fmt"
	"math/rand/v2"
	"net/http"
	"strings"
	"sync/atomic"
	"time"
)

// Mode is a retry mode, the value of botocore's retry_mode setting.
type Mode string

const (
	// Standard is botocore's standard mode: bounded attempts, jittered
	// exponential backoff, and a per-client retry quota.
	Standard Mode = "standard"
	// Adaptive is Standard plus a client-side rate limiter that slows the
	// client down after throttling responses.
	Adaptive Mode = "adaptive"
)

// ParseMode reads a retry_mode setting. The empty string is Standard.
// "legacy" (botocore's pre-standard mode, not implemented here) is read as
// Standard, its successor, so that a shared config file written for boto3
// keeps working.
func ParseMode(s string) (Mode, error) {
	switch strings.ToLower(strings.TrimSpace(s)) {
	case "", "standard", "legacy":
		return Standard, nil
	case "adaptive":
		return Adaptive, nil
	}
	return "", fmt.Errorf("retry: unknown retry mode %q (want standard or adaptive)", s)
}

// Defaults.
const (
	DefaultMaxAttempts   = 3
	DefaultBaseDelay     = time.Second
	DefaultMaxBackoff    = 20 * time.Second
	DefaultSkewThreshold = 4 * time.Minute
)

// Options configures a Retryer. The zero value is botocore's standard mode
// with its defaults.
type Options struct {
	// Mode is Standard (the default when empty) or Adaptive.
	Mode Mode
	// MaxAttempts is the number of attempts per call, the first included
	// (botocore's max_attempts). 0 means DefaultMaxAttempts; 1 turns
	// retries off.
	MaxAttempts int
	// BaseDelay scales the backoff; 0 means DefaultBaseDelay.
	BaseDelay time.Duration
	// MaxBackoff caps one backoff delay; 0 means DefaultMaxBackoff.
	MaxBackoff time.Duration
	// DisableQuota turns the per-client retry quota off: every retryable
	// failure is retried up to MaxAttempts.
	DisableQuota bool
	// SkewThreshold is how far the Date header of a response with an
	// ambiguous clock-skew code (SignatureDoesNotMatch, AuthFailure,
	// InvalidSignatureException, RequestExpired) must put the server's
	// clock from the corrected local clock for the error to count as clock
	// skew. 0 means DefaultSkewThreshold.
	SkewThreshold time.Duration

	// Now is the local clock; nil means time.Now.
	Now func() time.Time
	// Rand returns a uniform float64 in [0, 1); nil means math/rand/v2's
	// Float64.
	Rand func() float64
	// Sleep waits for d or until ctx is done, returning ctx.Err() then;
	// nil means a timer-based sleep. Tests pass one that advances a fake
	// clock.
	Sleep func(ctx context.Context, d time.Duration) error
}

// Retryer holds one client's retry state: the retry quota, the clock offset
// and, in adaptive mode, the rate limiter. Create it with New; it is safe
// for concurrent use by every call of the client.
type Retryer struct {
	mode          Mode
	maxAttempts   int
	baseDelay     time.Duration
	maxBackoff    time.Duration
	skewThreshold time.Duration
	disableQuota  bool
	now           func() time.Time
	rand          func() float64
	sleep         func(context.Context, time.Duration) error

	quota   quota
	offset  atomic.Int64 // clock offset, time.Duration
	limiter *limiter     // nil in standard mode
}

// New returns a Retryer for opts.
func New(opts Options) (*Retryer, error) {
	mode := opts.Mode
	switch mode {
	case "":
		mode = Standard
	case Standard, Adaptive:
	default:
		return nil, fmt.Errorf("retry: unknown retry mode %q (want standard or adaptive)", string(mode))
	}
	if opts.MaxAttempts < 0 {
		return nil, fmt.Errorf("retry: MaxAttempts %d is negative", opts.MaxAttempts)
	}
	if opts.BaseDelay < 0 || opts.MaxBackoff < 0 || opts.SkewThreshold < 0 {
		return nil, errors.New("retry: negative duration in Options")
	}
	r := &Retryer{
		mode:          mode,
		maxAttempts:   cmpOr(opts.MaxAttempts, DefaultMaxAttempts),
		baseDelay:     cmpOr(opts.BaseDelay, DefaultBaseDelay),
		maxBackoff:    cmpOr(opts.MaxBackoff, DefaultMaxBackoff),
		skewThreshold: cmpOr(opts.SkewThreshold, DefaultSkewThreshold),
		disableQuota:  opts.DisableQuota,
		now:           opts.Now,
		rand:          opts.Rand,
		sleep:         opts.Sleep,
	}
	if r.now == nil {
		r.now = time.Now
	}
	if r.rand == nil {
		r.rand = rand.Float64
	}
	if r.sleep == nil {
		r.sleep = sleepCtx
	}
	r.quota.init(QuotaCapacity)
	if mode == Adaptive {
		r.limiter = new(limiter)
		r.limiter.init(seconds(r.now()))
	}
	return r, nil
}

func cmpOr[T comparable](v, def T) T {
	var zero T
	if v == zero {
		return def
	}
	return v
}

// Mode returns the retry mode.
func (r *Retryer) Mode() Mode { return r.mode }

// MaxAttempts returns the number of attempts per call.
func (r *Retryer) MaxAttempts() int { return r.maxAttempts }

// Now returns the local time from Options.Now.
func (r *Retryer) Now() time.Time { return r.now() }

// Attempt describes the attempt about to be made.
type Attempt struct {
	// N is the attempt number, 1 for the first.
	N int
	// Previous is the decision that led to this attempt (zero for the
	// first). On KindExpiredToken refresh credentials before signing; on
	// KindClockSkew sign at Now().Add(ClockOffset()), already updated.
	Previous Decision
}

// Event reports one failed attempt and what Do does about it, for logging.
type Event struct {
	Attempt  int // the attempt that failed, 1-based
	Decision Decision
	Err      error // the attempt's error
	// Retrying is true when another attempt follows after Delay.
	Retrying bool
	Delay    time.Duration
	// Stop says why no retry follows when Decision.Retry is true but
	// Retrying is false: "max attempts reached", "retry quota exceeded",
	// "body not rewindable", "already corrected once".
	Stop string
	// QuotaAvailable is the retry quota left after this decision, or -1
	// when the quota is disabled.
	QuotaAvailable int
}

// Call is one operation call for Do.
type Call struct {
	// Attempt makes one attempt: sign, send, decode. It returns a nil error
	// only for a success. On failure it returns the response too, when one
	// arrived (Do reads only its status and header), and must itself close
	// that response's body; Do never touches bodies.
	Attempt func(ctx context.Context, a Attempt) (*http.Response, error)
	// Rewindable reports whether the request body can be sent again. When
	// false, a retryable failure ends the call with a NotRewindableError.
	Rewindable bool
	// MaxAttempts, when positive, overrides the Retryer's for this call.
	MaxAttempts int
	// OnEvent, when set, is called after every failed attempt.
	OnEvent func(Event)
}

// Do runs c.Attempt until it succeeds or may not be retried, and returns
// its response and the number of attempts made. On failure the response is
// nil and the error is one of: the last attempt's error as returned (not
// retryable); an *ExhaustedError or *NotRewindableError wrapping it; or,
// when ctx ends before or between attempts, an error that errors.Is matches
// with ctx.Err() (context.Canceled or context.DeadlineExceeded) and that
// also wraps the last attempt's error, if any.
//
// Per attempt, Do: waits for a send token (adaptive mode, once throttled);
// calls c.Attempt; updates the rate limiter; classifies a failure; takes the
// retry's quota cost; stores a corrected clock offset on clock skew; sleeps
// the backoff. On success it gives quota back. A clock-skew or an
// expired-token retry is made at most once per call each.
func (r *Retryer) Do(ctx context.Context, c *Call) (*http.Response, int, error) {
	maxAttempts := r.maxAttempts
	if c.MaxAttempts > 0 {
		maxAttempts = c.MaxAttempts
	}
	var (
		prev                    Decision
		lastCost                int64
		acquired                bool
		skewFixed, tokenRenewed bool
		lastErr                 error
	)
	for n := 1; ; n++ {
		if err := r.acquireSendToken(ctx); err != nil {
			return nil, n - 1, ctxError(err, n-1, lastErr)
		}
		if err := ctx.Err(); err != nil {
			return nil, n - 1, ctxError(err, n-1, lastErr)
		}
		resp, err := c.Attempt(ctx, Attempt{N: n, Previous: prev})
		if err == nil {
			if r.limiter != nil {
				r.limiter.onResponse(seconds(r.now()), false)
			}
			if !r.disableQuota {
				if acquired {
					r.quota.release(lastCost)
				} else {
					r.quota.release(NoRetryIncrement)
				}
			}
			return resp, n, nil
		}
		lastErr = err
		d := r.Classify(ctx, resp, err)
		if r.limiter != nil {
			r.limiter.onResponse(seconds(r.now()), d.Kind == KindThrottle)
		}
		ev := Event{Attempt: n, Decision: d, Err: err}
		stop := func(why string, out error) (*http.Response, int, error) {
			if c.OnEvent != nil {
				ev.Stop = why
				ev.QuotaAvailable = r.QuotaAvailable()
				c.OnEvent(ev)
			}
			return nil, n, out
		}
		if d.Kind == KindCanceled {
			if cerr := ctx.Err(); cerr != nil && !errors.Is(err, cerr) {
				return stop("", ctxError(cerr, n, err))
			}
			return stop("", err)
		}
		if !d.Retry {
			return stop("", err)
		}
		corrective := d.Kind == KindClockSkew || d.Kind == KindExpiredToken
		if (d.Kind == KindClockSkew && skewFixed) || (d.Kind == KindExpiredToken && tokenRenewed) {
			return stop("already corrected once", err)
		}
		if n >= maxAttempts {
			return stop("max attempts reached", &ExhaustedError{Attempts: n, Decision: d, Err: err})
		}
		if !c.Rewindable {
			return stop("body not rewindable", &NotRewindableError{Attempts: n, Decision: d, Err: err})
		}
		if !corrective && !r.disableQuota {
			cost := costOf(d.Kind)
			if !r.quota.acquire(cost) {
				return stop("retry quota exceeded", &ExhaustedError{Attempts: n, QuotaExceeded: true, Decision: d, Err: err})
			}
			lastCost, acquired = cost, true
		}
		switch d.Kind {
		case KindClockSkew:
			r.updateOffset(resp)
			skewFixed = true
		case KindExpiredToken:
			tokenRenewed = true
		}
		delay := r.Backoff(n, d.Kind)
		if c.OnEvent != nil {
			ev.Retrying = true
			ev.Delay = delay
			ev.QuotaAvailable = r.QuotaAvailable()
			c.OnEvent(ev)
		}
		if delay > 0 {
			if serr := r.sleep(ctx, delay); serr != nil {
				return nil, n, ctxError(serr, n, err)
			}
		}
		prev = d
	}
}

// ctxError reports the end of the caller's context before attempt n+1,
// wrapping both the context error and the last attempt's error.
func ctxError(cerr error, attempts int, last error) error {
	if last == nil {
		return cerr
	}
	return &canceledError{ctx: cerr, attempts: attempts, last: last}
}

type canceledError struct {
	ctx      error
	attempts int
	last     error
}

func (e *canceledError) Error() string {
	return "retry: " + e.ctx.Error() + " after " + attemptsString(e.attempts) + ", last error: " + e.last.Error()
}

func (e *canceledError) Unwrap() []error { return []error{e.ctx, e.last} }
