package table

import "time"

// BackoffDelay is b's delay before the nth resend in a row.
func BackoffDelay(b Backoff, n int) time.Duration { return b.delay(n) }
