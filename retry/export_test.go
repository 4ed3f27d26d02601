package retry

// Internals reached by the external tests.

type Limiter = limiter

func NewLimiterAt(t float64) *Limiter {
	l := new(limiter)
	l.init(t)
	return l
}

func (l *limiter) OnResponse(t float64, throttled bool) { l.onResponse(t, throttled) }

// TryAcquire takes a send token without waiting, as botocore's
// TokenBucket.acquire(block=False); always true until enabled.
func (l *limiter) TryAcquire(t float64) bool {
	if !l.enabled.Load() {
		return true
	}
	l.mu.Lock()
	defer l.mu.Unlock()
	ok, _ := l.bucket.take(t)
	return ok
}

type LimiterInternals struct {
	Enabled                                       bool
	MeasuredRate, FillRate, MaxCapacity, Capacity float64
}

func (l *limiter) Internals() LimiterInternals {
	l.mu.Lock()
	defer l.mu.Unlock()
	return LimiterInternals{l.enabled.Load(), l.rc.measured, l.bucket.fillRate, l.bucket.maxCapacity, l.bucket.capacity}
}

type Cubic = cubic

func NewCubic(startMaxRate, start float64) *Cubic {
	c := newCubic(startMaxRate, start)
	return &c
}

func (c *cubic) Success(t float64) float64           { return c.success(t) }
func (c *cubic) Failure(rate, t float64) float64     { return c.failure(rate, t) }
func (c *cubic) Params() (wMax, k, lastFail float64) { return c.wMax, c.k, c.lastFail }
