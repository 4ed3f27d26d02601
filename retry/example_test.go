package retry_test

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"time"

	"github.com/goto3/goto3/retry"
)

// codedError is how an SDK error looks to retry: anything with an
// ErrorCode method.
type codedError string

func (e codedError) Error() string     { return "service error " + string(e) }
func (e codedError) ErrorCode() string { return string(e) }

func Example() {
	// A fake clock and a fixed "random" value make the delays exact.
	now := time.Date(2026, 1, 2, 3, 4, 5, 0, time.UTC)
	r, err := retry.New(retry.Options{
		Now:   func() time.Time { return now },
		Rand:  func() float64 { return 0.5 },
		Sleep: func(_ context.Context, d time.Duration) error { now = now.Add(d); return nil },
	})
	if err != nil {
		panic(err)
	}
	resp, attempts, err := r.Do(context.Background(), &retry.Call{
		Rewindable: true,
		Attempt: func(_ context.Context, a retry.Attempt) (*http.Response, error) {
			if a.N < 3 {
				return nil, codedError("SlowDown")
			}
			return &http.Response{StatusCode: 200}, nil
		},
		OnEvent: func(e retry.Event) {
			fmt.Printf("attempt %d: %s %s (%s), retry in %v\n", e.Attempt, e.Decision.Reason, e.Decision.Code, e.Decision.Kind, e.Delay)
		},
	})
	// Two retries took 5 tokens each; the success gives the last 5 back.
	fmt.Println(resp.StatusCode, attempts, err, r.QuotaAvailable())
	// Output:
	// attempt 1: throttling error code SlowDown (throttle), retry in 500ms
	// attempt 2: throttling error code SlowDown (throttle), retry in 1s
	// 200 3 <nil> 495
}

func ExampleExhaustedError() {
	r, _ := retry.New(retry.Options{
		MaxAttempts: 2,
		Rand:        func() float64 { return 0 },
	})
	_, _, err := r.Do(context.Background(), &retry.Call{
		Rewindable: true,
		Attempt: func(context.Context, retry.Attempt) (*http.Response, error) {
			return nil, codedError("InternalError")
		},
	})
	var ex *retry.ExhaustedError
	fmt.Println(errors.As(err, &ex), ex.Attempts)
	fmt.Println(err)
	// Output:
	// true 2
	// retry: retries exhausted after 2 attempts: service error InternalError
}

func ExampleOffsetFromDate() {
	local := time.Date(2026, 11, 24, 12, 0, 0, 0, time.UTC)
	off, _ := retry.OffsetFromDate("Tue, 24 Nov 2026 12:20:00 GMT", local)
	fmt.Println(off, local.Add(off).Format(time.RFC3339))
	// Output: 20m0s 2026-11-24T12:20:00Z
}
