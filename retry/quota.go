package retry

import "sync/atomic"

// Retry quota constants, as botocore's standard mode (retries/quota.py and
// RetryQuotaChecker in retries/standard.py): a bucket of 500 tokens per
// client; a retry takes 5, a retry after a timeout takes 10; a call that
// succeeds without retrying gives 1 back, a call that succeeds after
// retrying gives back what its last retry took. A failed call gives nothing
// back. When a retry cannot take its cost the call stops retrying.
const (
	QuotaCapacity    = 500
	RetryCost        = 5
	TimeoutRetryCost = 10
	NoRetryIncrement = 1
)

// quota is the retry token bucket; lock-free so the success path costs one
// atomic load when the bucket is full.
type quota struct {
	avail atomic.Int64
	max   int64
}

func (q *quota) init(capacity int64) {
	q.max = capacity
	q.avail.Store(capacity)
}

func (q *quota) acquire(n int64) bool {
	for {
		v := q.avail.Load()
		if n > v {
			return false
		}
		if q.avail.CompareAndSwap(v, v-n) {
			return true
		}
	}
}

func (q *quota) release(n int64) {
	for {
		v := q.avail.Load()
		if v >= q.max {
			return
		}
		nv := min(q.max, v+n)
		if q.avail.CompareAndSwap(v, nv) {
			return
		}
	}
}

func costOf(k Kind) int64 {
	if k == KindTimeout {
		return TimeoutRetryCost
	}
	return RetryCost
}

// QuotaAvailable returns the retry tokens left in the client's quota, or -1
// when the quota is disabled.
func (r *Retryer) QuotaAvailable() int {
	if r.disableQuota {
		return -1
	}
	return int(r.quota.avail.Load())
}
