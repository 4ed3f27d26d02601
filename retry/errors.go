package retry

import (
	"errors"
	"strconv"
)

// ErrQuotaExceeded matches (errors.Is) an ExhaustedError that stopped
// because the client's retry quota was empty.
var ErrQuotaExceeded = errors.New("retry: retry quota exceeded")

// ErrNotRewindable matches (errors.Is) a NotRewindableError.
var ErrNotRewindable = errors.New("retry: request body cannot be rewound")

// ExhaustedError is returned by Do when the last attempt failed with a
// retryable error but no retry was left: the maximum number of attempts was
// reached, or the retry quota was empty. errors.Is and errors.As reach the
// last attempt's error through it.
type ExhaustedError struct {
	Attempts      int  // attempts made, the first included
	QuotaExceeded bool // stopped by the retry quota, not by MaxAttempts
	Decision      Decision
	Err           error // the last attempt's error
}

func (e *ExhaustedError) Error() string {
	var msg string
	if e.QuotaExceeded {
		msg = "retry: retry quota exceeded after " + attemptsString(e.Attempts)
	} else {
		msg = "retry: retries exhausted after " + attemptsString(e.Attempts)
	}
	if e.Err == nil {
		return msg
	}
	return msg + ": " + e.Err.Error()
}

func (e *ExhaustedError) Unwrap() error { return e.Err }

// Is makes errors.Is(err, ErrQuotaExceeded) true when the quota stopped the
// retries.
func (e *ExhaustedError) Is(target error) bool {
	return target == ErrQuotaExceeded && e.QuotaExceeded
}

// NotRewindableError is returned by Do when an attempt failed with a
// retryable error but the request body could not be sent again.
type NotRewindableError struct {
	Attempts int
	Decision Decision
	Err      error // the attempt's error
}

func (e *NotRewindableError) Error() string {
	msg := "retry: request body cannot be rewound, not retrying after " + attemptsString(e.Attempts)
	if e.Err == nil {
		return msg
	}
	return msg + ": " + e.Err.Error()
}

func (e *NotRewindableError) Unwrap() error { return e.Err }

// Is makes errors.Is(err, ErrNotRewindable) true.
func (e *NotRewindableError) Is(target error) bool { return target == ErrNotRewindable }

func attemptsString(n int) string {
	if n == 1 {
		return "1 attempt"
	}
	return strconv.Itoa(n) + " attempts"
}
