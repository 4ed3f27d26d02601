package table

import (
	"context"
	"math/rand/v2"
	"time"
)

// Backoff is how long to wait before resending what DynamoDB left
// unprocessed or refused for throttling: before the nth resend in a row
// (n from 0), a random duration in [0, min(Max, Min×2ⁿ)) ("full jitter").
// The zero Backoff waits from 50ms up to 5s.
type Backoff struct {
	Min, Max time.Duration
	// Rand returns a number in [0, 1); nil is math/rand/v2's Float64.
	Rand func() float64
}

func (b Backoff) delay(n int) time.Duration {
	lo, hi := b.Min, b.Max
	if lo <= 0 {
		lo = 50 * time.Millisecond
	}
	if hi <= 0 {
		hi = 5 * time.Second
	}
	d := lo
	for range n {
		if d >= hi/2 {
			d = hi
			break
		}
		d *= 2
	}
	d = min(d, hi)
	r := rand.Float64
	if b.Rand != nil {
		r = b.Rand
	}
	return time.Duration(r() * float64(d))
}

// wait waits the nth delay, or until ctx ends.
func (b Backoff) wait(ctx context.Context, n int) error {
	d := b.delay(n)
	if d <= 0 {
		return ctx.Err()
	}
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-ctx.Done():
		return ctx.Err()
	case <-t.C:
		return nil
	}
}
