package retry

import (
	"context"
	"math"
	"sync"
	"sync/atomic"
	"time"
)

// The adaptive mode's client-side rate limiter, ported in behaviour from the
// description of botocore's retries/adaptive.py (ClientRateLimiter,
// RateClocker), retries/bucket.py (TokenBucket) and retries/throttling.py
// (CubicCalculator):
//
//   - A token bucket gates every attempt, but only once the first throttling
//     response has been seen ("enabled"). It starts empty with a fill rate of
//     1 token/s; its capacity is max(1, fill rate) and the fill rate never
//     goes below 0.5 token/s. Changing the rate first credits the tokens
//     earned at the old rate.
//   - A rate clocker measures the send rate: responses are counted in
//     half-second buckets and, when a new bucket starts, the rate
//     count/elapsed is smoothed into the measured rate with weight 0.8.
//   - A CUBIC calculator (RFC 8312 shape, C = 0.4, beta = 0.7) picks the new
//     rate after every response: on throttling, the rate at which the error
//     came (the measured rate, or min(measured, current fill rate) once
//     enabled) becomes W_max and the new rate is beta*W_max; on success, the
//     rate is C*(t - last_fail - K)^3 + W_max with K = cbrt(W_max*(1-beta)/C).
//   - The fill rate is then set to min(new rate, 2 * measured rate).
//
// Times are seconds since the Unix epoch as float64, as in botocore.

const (
	cubicScale     = 0.4
	cubicBeta      = 0.7
	clockSmoothing = 0.8
	clockBucket    = 0.5
	bucketMinRate  = 0.5
	maxRateScale   = 2.0
)

func seconds(t time.Time) float64 {
	return float64(t.Unix()) + float64(t.Nanosecond())/1e9
}

type cubic struct {
	wMax, k, lastFail float64
}

func newCubic(startMaxRate, start float64) cubic {
	c := cubic{wMax: startMaxRate, lastFail: start}
	c.k = c.zeroPoint()
	return c
}

func (c *cubic) zeroPoint() float64 {
	return math.Cbrt(c.wMax * (1 - cubicBeta) / cubicScale)
}

func (c *cubic) success(t float64) float64 {
	d := t - c.lastFail - c.k
	return cubicScale*d*d*d + c.wMax
}

func (c *cubic) failure(rate, t float64) float64 {
	c.wMax = rate
	c.k = c.zeroPoint()
	c.lastFail = t
	return rate * cubicBeta
}

type rateClocker struct {
	measured   float64
	lastBucket float64
	count      float64
}

func newRateClocker(now float64) rateClocker {
	return rateClocker{lastBucket: math.Floor(now)}
}

func (rc *rateClocker) record(t float64) float64 {
	scale := 1 / clockBucket
	b := math.Floor(t*scale) / scale
	rc.count++
	if b > rc.lastBucket {
		cur := rc.count / (b - rc.lastBucket)
		rc.measured = cur*clockSmoothing + rc.measured*(1-clockSmoothing)
		rc.count = 0
		rc.lastBucket = b
	}
	return rc.measured
}

type tokenBucket struct {
	fillRate, maxCapacity, capacity float64
	last                            float64
	started                         bool
}

func (tb *tokenBucket) refill(t float64) {
	if !tb.started {
		tb.started = true
		tb.last = t
		return
	}
	tb.capacity = min(tb.maxCapacity, tb.capacity+(t-tb.last)*tb.fillRate)
	tb.last = t
}

func (tb *tokenBucket) setRate(rate, t float64) {
	tb.refill(t)
	tb.fillRate = max(rate, bucketMinRate)
	if rate >= 1 {
		tb.maxCapacity = rate
	} else {
		tb.maxCapacity = 1
	}
	tb.capacity = min(tb.capacity, tb.maxCapacity)
}

// take takes one token if there is one, else returns how long (seconds)
// until there will be.
func (tb *tokenBucket) take(t float64) (bool, float64) {
	tb.refill(t)
	if tb.capacity >= 1 {
		tb.capacity--
		return true, 0
	}
	return false, (1 - tb.capacity) / tb.fillRate
}

// limiter is the adaptive client-side rate limiter; one per Retryer.
type limiter struct {
	enabled atomic.Bool
	mu      sync.Mutex
	rc      rateClocker
	cubic   cubic
	bucket  tokenBucket
}

func (l *limiter) init(now float64) {
	l.cubic = newCubic(0, now)
	l.rc = newRateClocker(now)
	l.bucket.setRate(1, now)
}

// acquire takes a send token, sleeping until one is available. It does
// nothing until a throttling response has been seen.
func (r *Retryer) acquireSendToken(ctx context.Context) error {
	l := r.limiter
	if l == nil || !l.enabled.Load() {
		return nil
	}
	for {
		l.mu.Lock()
		ok, wait := l.bucket.take(seconds(r.now()))
		l.mu.Unlock()
		if ok {
			return nil
		}
		if err := r.sleep(ctx, tokenWait(wait)); err != nil {
			return err
		}
	}
}

// tokenWait converts a wait in seconds to a Duration rounded up to whole
// microseconds, at least one: a float rounding that leaves the bucket a hair
// under one token must still move the clock forward (one microsecond is
// more than the resolution of seconds() for present-day times).
func tokenWait(sec float64) time.Duration {
	d := time.Duration(math.Ceil(sec * 1e6))
	return max(d, 1) * time.Microsecond
}

// onResponse updates the limiter after an attempt ended with a response or
// an error (botocore hooks it to every needs-retry event).
func (l *limiter) onResponse(now float64, throttled bool) {
	l.mu.Lock()
	measured := l.rc.record(now)
	var rate float64
	if !throttled {
		rate = l.cubic.success(now)
	} else {
		use := measured
		if l.enabled.Load() {
			use = min(measured, l.bucket.fillRate)
		}
		rate = l.cubic.failure(use, now)
		l.enabled.Store(true)
	}
	l.bucket.setRate(min(rate, maxRateScale*measured), now)
	l.mu.Unlock()
}

// LimiterState is a snapshot of the adaptive rate limiter, for logging and
// tests.
type LimiterState struct {
	Enabled      bool
	MeasuredRate float64 // requests per second, smoothed
	FillRate     float64 // tokens per second allowed
	Capacity     float64 // tokens available now (as of the last update)
}

// Limiter returns a snapshot of the adaptive rate limiter, and false in
// standard mode.
func (r *Retryer) Limiter() (LimiterState, bool) {
	l := r.limiter
	if l == nil {
		return LimiterState{}, false
	}
	l.mu.Lock()
	defer l.mu.Unlock()
	return LimiterState{
		Enabled:      l.enabled.Load(),
		MeasuredRate: l.rc.measured,
		FillRate:     l.bucket.fillRate,
		Capacity:     l.bucket.capacity,
	}, true
}
