package retry

import (
	"context"
	"time"
)

// Backoff returns the delay before the attempt that follows failed attempt
// number attempt (1-based), as botocore's standard mode
// (ExponentialBackoff in retries/standard.py): full jitter over a truncated
// binary exponential,
//
//	delay = Rand() * min(MaxBackoff, BaseDelay * 2^(attempt-1))
//
// so with the defaults (1 s, 20 s) the first retry waits up to 1 s, the
// second up to 2 s, the sixth and later up to 20 s. Clock-skew and
// expired-token retries, whose cause has been fixed, do not wait.
func (r *Retryer) Backoff(attempt int, kind Kind) time.Duration {
	if kind == KindClockSkew || kind == KindExpiredToken {
		return 0
	}
	if attempt < 1 {
		attempt = 1
	}
	ceiling := r.maxBackoff
	if shift := attempt - 1; shift < 63 {
		if d := r.baseDelay << shift; d>>shift == r.baseDelay && d < ceiling {
			ceiling = d
		}
	}
	return time.Duration(r.rand() * float64(ceiling))
}

// sleepCtx is the default Sleep: it waits for d or until ctx is done,
// whichever is first, and returns ctx.Err() in the latter case.
func sleepCtx(ctx context.Context, d time.Duration) error {
	if d <= 0 {
		return ctx.Err()
	}
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-t.C:
		return nil
	case <-ctx.Done():
		return ctx.Err()
	}
}
