package retry_test

import (
	"context"
	"net/http"
	"testing"

	"github.com/goto3/goto3/retry"
)

var okResp = &http.Response{StatusCode: 200}

func okAttempt(context.Context, retry.Attempt) (*http.Response, error) { return okResp, nil }

// BenchmarkDoSuccess is the retry loop's cost around one successful
// attempt: the per-call overhead every operation pays.
func BenchmarkDoSuccess(b *testing.B) {
	for _, mode := range []retry.Mode{retry.Standard, retry.Adaptive} {
		b.Run(string(mode), func(b *testing.B) {
			r := newRetryer(b, retry.Options{Mode: mode})
			ctx := context.Background()
			b.ReportAllocs()
			for b.Loop() {
				c := retry.Call{Attempt: okAttempt, Rewindable: true}
				if _, _, err := r.Do(ctx, &c); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// BenchmarkDoSuccessParallel measures contention on the shared quota and
// limiter.
func BenchmarkDoSuccessParallel(b *testing.B) {
	for _, mode := range []retry.Mode{retry.Standard, retry.Adaptive} {
		b.Run(string(mode), func(b *testing.B) {
			r := newRetryer(b, retry.Options{Mode: mode})
			b.ReportAllocs()
			b.RunParallel(func(pb *testing.PB) {
				ctx := context.Background()
				for pb.Next() {
					c := retry.Call{Attempt: okAttempt, Rewindable: true}
					if _, _, err := r.Do(ctx, &c); err != nil {
						b.Error(err)
						return
					}
				}
			})
		})
	}
}

// BenchmarkDoOneRetry is a call that is throttled once, then succeeds
// (no real sleep).
func BenchmarkDoOneRetry(b *testing.B) {
	r := newRetryer(b, retry.Options{DisableQuota: true})
	ctx := context.Background()
	n := 0
	attempt := func(_ context.Context, a retry.Attempt) (*http.Response, error) {
		n++
		if a.N == 1 {
			return nil, errThrottle
		}
		return okResp, nil
	}
	b.ReportAllocs()
	for b.Loop() {
		c := retry.Call{Attempt: attempt, Rewindable: true}
		if _, _, err := r.Do(ctx, &c); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkClassify(b *testing.B) {
	r := newRetryer(b, retry.Options{})
	ctx := context.Background()
	b.ReportAllocs()
	for b.Loop() {
		if d := r.Classify(ctx, nil, errThrottle); !d.Retry {
			b.Fatal(d)
		}
	}
}
