package transfer

import (
	"context"
	"sync"
	"time"
)

// limiter is a token bucket of bytes shared by every worker of a manager.
// wait takes n tokens at once, going into debt if need be, and sleeps
// until the debt it joined is repaid, so that a steady stream of callers
// moves rate bytes per second however its requests are sized. A nil
// *limiter never waits.
type limiter struct {
	mu     sync.Mutex
	rate   float64 // bytes per second
	burst  float64 // the most tokens that can pile up while idle
	tokens float64
	last   time.Time
	now    func() time.Time
	sleep  func(context.Context, time.Duration) error
}

func newLimiter(rate int64, now func() time.Time, sleep func(context.Context, time.Duration) error) *limiter {
	if rate <= 0 {
		return nil
	}
	burst := float64(rate) / 20 // 50 ms worth
	if burst < 64<<10 {
		burst = 64 << 10
	}
	return &limiter{rate: float64(rate), burst: burst, now: now, sleep: sleep}
}

// wait blocks until n bytes may move, or ctx is done.
func (l *limiter) wait(ctx context.Context, n int) error {
	if l == nil || n <= 0 {
		return nil
	}
	l.mu.Lock()
	now := l.now()
	if !l.last.IsZero() {
		l.tokens += now.Sub(l.last).Seconds() * l.rate
		if l.tokens > l.burst {
			l.tokens = l.burst
		}
	}
	l.last = now
	l.tokens -= float64(n)
	var d time.Duration
	if l.tokens < 0 {
		d = time.Duration(-l.tokens / l.rate * float64(time.Second))
	}
	l.mu.Unlock()
	if d <= 0 {
		return nil
	}
	return l.sleep(ctx, d)
}
