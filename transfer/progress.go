package transfer

import "sync"

// ProgressFunc receives progress: delta is the number of bytes moved since
// the previous call (boto3's callback argument; negative when a part that
// is sent again rewinds), total the running total and size the object's
// size (-1 while unknown, for a stream). Calls for one transfer are
// serialized by a mutex, never concurrent, so the function needs no
// locking of its own; it should return quickly, as a worker waits for it.
type ProgressFunc func(delta, total, size int64)

// progress serializes the calls of a ProgressFunc. A nil *progress does
// nothing.
type progress struct {
	mu    sync.Mutex
	f     ProgressFunc
	total int64
	size  int64
}

func newProgress(f ProgressFunc, size int64) *progress {
	if f == nil {
		return nil
	}
	return &progress{f: f, size: size}
}

func (p *progress) add(n int64) {
	if p == nil || n == 0 {
		return
	}
	p.mu.Lock()
	p.total += n
	p.f(n, p.total, p.size)
	p.mu.Unlock()
}

func (p *progress) setSize(n int64) {
	if p == nil {
		return
	}
	p.mu.Lock()
	p.size = n
	p.mu.Unlock()
}
