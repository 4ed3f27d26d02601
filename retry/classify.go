package retry

import (
	"context"
	"errors"
	"io"
	"net"
	"net/http"
	"strconv"
	"strings"
	"syscall"
	"time"
)

// Kind says why an attempt failed, as far as retrying is concerned. It picks
// the retry quota cost and the backoff, and tells the pipeline what to fix
// before the next attempt (refresh credentials, sign with the corrected clock).
type Kind uint8

const (
	// KindNone: the attempt succeeded, or the error is not retryable.
	KindNone Kind = iota
	// KindTransient: a connection error, an HTTP 500/502/503/504, or a
	// transient error code such as RequestTimeout or InternalError.
	KindTransient
	// KindThrottle: a throttling error code (Throttling, SlowDown, ...).
	KindThrottle
	// KindTimeout: a connect or read timeout; it costs more retry quota.
	KindTimeout
	// KindClockSkew: the server rejected the request time and its Date
	// header shows the local clock is off. The Retryer has already stored
	// the new clock offset when the next attempt starts; sign with it.
	KindClockSkew
	// KindExpiredToken: the credentials expired. The pipeline must refresh
	// credentials before the next attempt.
	KindExpiredToken
	// KindCanceled: the caller's context ended or the error is
	// context.Canceled. Never retried.
	KindCanceled
)

var kindNames = [...]string{"none", "transient", "throttle", "timeout", "clockskew", "expiredtoken", "canceled"}

func (k Kind) String() string {
	if int(k) < len(kindNames) {
		return kindNames[k]
	}
	return "unknown"
}

// Decision is the classification of one failed attempt.
type Decision struct {
	// Retry reports whether the failure is of a retryable kind. Whether a
	// retry actually happens also depends on attempts left, the retry quota
	// and whether the body can be rewound; see Do.
	Retry bool
	Kind  Kind
	// Reason is a short fixed phrase such as "throttling error code" or
	// "connection reset"; Code and Status complete it.
	Reason string
	// Code is the service error code, when the error had one.
	Code string
	// Status is the HTTP status code, or 0 when no response arrived.
	Status int
}

// String renders the decision for a log line, for example
// "retry throttle: throttling error code SlowDown (status 503)".
func (d Decision) String() string {
	var b strings.Builder
	if d.Retry {
		b.WriteString("retry ")
	} else {
		b.WriteString("no retry ")
	}
	b.WriteString(d.Kind.String())
	if d.Reason != "" {
		b.WriteString(": ")
		b.WriteString(d.Reason)
	}
	if d.Code != "" {
		b.WriteString(" ")
		b.WriteString(d.Code)
	}
	if d.Status != 0 {
		b.WriteString(" (status ")
		b.WriteString(strconv.Itoa(d.Status))
		b.WriteString(")")
	}
	return b.String()
}

// ErrorCoder is implemented by service errors that carry an AWS error code.
type ErrorCoder interface{ ErrorCode() string }

// HTTPStatusCoder is implemented by errors that carry the HTTP status code.
type HTTPStatusCoder interface{ HTTPStatusCode() int }

// Retryabler is implemented by modelled errors whose shape carries
// botocore's "retryable" trait. A true result makes the error transient, or
// throttling when ThrottlingError also reports true.
type Retryabler interface{ RetryableError() bool }

// throttler is optionally implemented next to Retryabler.
type throttler interface{ ThrottlingError() bool }

// Error code tables. Sources: botocore/retries/standard.py
// (ThrottledRetryableChecker, TransientRetryableChecker, special.py) plus the
// codes the issue lists; the clock-skew and expired-token codes are the ones
// the other AWS SDKs correct for (botocore has no clock-skew correction).
var throttleCodes = map[string]bool{
	"Throttling":                             true,
	"ThrottlingException":                    true,
	"ThrottledException":                     true,
	"RequestThrottledException":              true,
	"TooManyRequestsException":               true,
	"ProvisionedThroughputExceededException": true,
	"TransactionInProgressException":         true,
	"RequestLimitExceeded":                   true,
	"BandwidthLimitExceeded":                 true,
	"LimitExceededException":                 true,
	"RequestThrottled":                       true,
	"SlowDown":                               true,
	"PriorRequestNotComplete":                true,
	"EC2ThrottledException":                  true,
	"PriorBatchRequestWasThrottled":          true,
}

var transientCodes = map[string]bool{
	"RequestTimeout":          true,
	"RequestTimeoutException": true,
	"InternalError":           true,
	"IDPCommunicationError":   true,
}

// skewCodes maps each clock-skew code to whether it is definitive (the
// server says the time is wrong) rather than ambiguous (a signature or auth
// failure that a wrong clock is one cause of).
var skewCodes = map[string]bool{
	"RequestTimeTooSkewed":      true,
	"RequestInTheFuture":        true,
	"RequestExpired":            false,
	"InvalidSignatureException": false,
	"SignatureDoesNotMatch":     false,
	"AuthFailure":               false,
}

var expiredTokenCodes = map[string]bool{
	"ExpiredToken":          true,
	"ExpiredTokenException": true,
	"RequestExpired":        true, // when the clock is not the cause
}

// IsThrottleCode reports whether code is one of the throttling error codes.
func IsThrottleCode(code string) bool { return throttleCodes[code] }

// Classify decides whether a failed attempt may be retried and why. resp is
// the HTTP response when one arrived (only its status and header are read;
// its body is never touched) and err the attempt's error. ctx is the
// caller's context: once it is done nothing is retried.
//
// The order of checks: a nil err with a status that is not an error is a
// success; context cancellation; error codes (throttling, transient, clock
// skew, expired token, modelled retryable); HTTP status 500, 502, 503, 504;
// then network errors (timeouts, refused, reset, EOF before a response).
func (r *Retryer) Classify(ctx context.Context, resp *http.Response, err error) Decision {
	status := 0
	if resp != nil {
		status = resp.StatusCode
	}
	if err == nil {
		if status >= 500 {
			return statusDecision(status)
		}
		return Decision{Status: status}
	}
	if ctx.Err() != nil {
		return Decision{Kind: KindCanceled, Reason: "context done", Status: status}
	}
	if errors.Is(err, context.Canceled) {
		return Decision{Kind: KindCanceled, Reason: "context canceled", Status: status}
	}
	var sc HTTPStatusCoder
	if errors.As(err, &sc) {
		status = sc.HTTPStatusCode()
	}
	var ec ErrorCoder
	if errors.As(err, &ec) {
		if code := ec.ErrorCode(); code != "" {
			if d, ok := r.classifyCode(code, status, resp); ok {
				return d
			}
		}
	}
	var mr Retryabler
	if errors.As(err, &mr) && mr.RetryableError() {
		var th throttler
		if errors.As(err, &th) && th.ThrottlingError() {
			return Decision{Retry: true, Kind: KindThrottle, Reason: "modelled throttling error", Status: status}
		}
		return Decision{Retry: true, Kind: KindTransient, Reason: "modelled retryable error", Status: status}
	}
	if status != 0 {
		d := statusDecision(status)
		if d.Code == "" && ec != nil {
			d.Code = ec.ErrorCode()
		}
		return d
	}
	return classifyNetError(err)
}

func (r *Retryer) classifyCode(code string, status int, resp *http.Response) (Decision, bool) {
	switch {
	case throttleCodes[code]:
		return Decision{Retry: true, Kind: KindThrottle, Reason: "throttling error code", Code: code, Status: status}, true
	case transientCodes[code]:
		return Decision{Retry: true, Kind: KindTransient, Reason: "transient error code", Code: code, Status: status}, true
	}
	if definitive, ok := skewCodes[code]; ok {
		if r.skewDetected(resp, definitive) {
			return Decision{Retry: true, Kind: KindClockSkew, Reason: "clock skew", Code: code, Status: status}, true
		}
	}
	if expiredTokenCodes[code] {
		return Decision{Retry: true, Kind: KindExpiredToken, Reason: "expired credentials", Code: code, Status: status}, true
	}
	return Decision{}, false
}

// skewDetected reports whether resp's Date header shows that the clock
// offset in use is wrong: by any amount for a definitive code, by at least
// the skew threshold for an ambiguous one.
func (r *Retryer) skewDetected(resp *http.Response, definitive bool) bool {
	if resp == nil {
		return false
	}
	off, err := OffsetFromDate(resp.Header.Get("Date"), r.now())
	if err != nil {
		return false
	}
	diff := off - r.ClockOffset()
	if diff < 0 {
		diff = -diff
	}
	if definitive {
		return diff >= time.Second
	}
	return diff >= r.skewThreshold
}

func statusDecision(status int) Decision {
	switch status {
	case 500, 502, 503, 504:
		return Decision{Retry: true, Kind: KindTransient, Reason: "HTTP status", Status: status}
	}
	return Decision{Reason: "not retryable", Status: status}
}

// classifyNetError classifies an error that came with no response.
func classifyNetError(err error) Decision {
	// Timeouts first: an http.Client timeout also matches
	// context.DeadlineExceeded, but the caller's context is still live here
	// (Classify checked), so it is a timeout of the attempt, as botocore's
	// ConnectTimeoutError and ReadTimeoutError.
	var ne net.Error
	if errors.As(err, &ne) && ne.Timeout() {
		return Decision{Retry: true, Kind: KindTimeout, Reason: "timeout"}
	}
	if errors.Is(err, context.DeadlineExceeded) || errors.Is(err, syscall.ETIMEDOUT) {
		return Decision{Retry: true, Kind: KindTimeout, Reason: "timeout"}
	}
	switch {
	case errors.Is(err, syscall.ECONNREFUSED):
		return Decision{Retry: true, Kind: KindTransient, Reason: "connection refused"}
	case errors.Is(err, syscall.ECONNRESET):
		return Decision{Retry: true, Kind: KindTransient, Reason: "connection reset"}
	case errors.Is(err, syscall.ECONNABORTED):
		return Decision{Retry: true, Kind: KindTransient, Reason: "connection aborted"}
	case errors.Is(err, syscall.EPIPE):
		return Decision{Retry: true, Kind: KindTransient, Reason: "broken pipe"}
	case errors.Is(err, io.ErrUnexpectedEOF):
		return Decision{Retry: true, Kind: KindTransient, Reason: "unexpected EOF"}
	case errors.Is(err, io.EOF):
		return Decision{Retry: true, Kind: KindTransient, Reason: "EOF before a response"}
	case errors.Is(err, net.ErrClosed):
		return Decision{Retry: true, Kind: KindTransient, Reason: "connection closed"}
	}
	var dns *net.DNSError
	if errors.As(err, &dns) {
		if dns.IsNotFound {
			return Decision{Reason: "host not found"}
		}
		return Decision{Retry: true, Kind: KindTransient, Reason: "DNS error"}
	}
	var op *net.OpError
	if errors.As(err, &op) {
		return Decision{Retry: true, Kind: KindTransient, Reason: "connection error"}
	}
	return Decision{Reason: "not retryable"}
}
