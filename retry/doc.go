// Package retry is goto3's retry policy: it decides whether a failed
// attempt of an AWS call is tried again, how long to wait first, and how
// much retrying a client may do, following botocore's "standard" and
// "adaptive" retry modes. It knows nothing of services, sessions or the
// SDK's error types: errors are classified by behaviour, through small
// interfaces (ErrorCoder, HTTPStatusCoder, Retryabler) and the standard
// library's net, io and syscall errors.
//
// # Use
//
// A client creates one Retryer with New and drives every call through
// Retryer.Do, giving it a Call whose Attempt func signs, sends and decodes
// one attempt. A pipeline that needs finer control can use the parts Do is
// made of: Classify, Backoff, ClockOffset and OffsetFromDate.
//
// # Standard mode
//
// Behaviour of botocore's standard mode (botocore/retries/standard.py and
// quota.py, as installed with botocore 1.43 where the newer
// AWS_NEW_RETRIES_2026 behaviour is off by default):
//
//   - At most MaxAttempts attempts per call (default 3, the first included).
//   - Backoff before attempt i+1 is Rand() * min(20 s, 1 s * 2^(i-1)):
//     "full jitter" over a truncated binary exponential.
//   - A per-client retry quota of 500 tokens. A retry takes 5 tokens, or 10
//     after a timeout; when the tokens are not there the call stops with an
//     ExhaustedError that errors.Is matches with ErrQuotaExceeded. A call
//     that succeeds at its first attempt gives 1 token back; a call that
//     succeeds after retries gives back the cost of its last retry; a call
//     that fails gives nothing back. The quota never exceeds 500.
//     Options.DisableQuota turns it off.
//
// # Adaptive mode
//
// Standard mode plus botocore's client-side rate limiter
// (retries/adaptive.py, bucket.py, throttling.py): after the first
// throttling response every attempt must take a token from a token bucket
// whose fill rate follows a CUBIC curve over the measured send rate (see
// adaptive.go for the formulas). Waiting for a token uses Options.Sleep and
// stops when the context ends.
//
// # What is retried
//
//   - Connection errors: refused, reset, aborted, broken pipe, EOF or
//     unexpected EOF before a complete response, other *net.OpError and
//     DNS errors except "no such host"; timeouts (any net.Error whose
//     Timeout() is true, including http.Client.Timeout, while the caller's
//     context is still live).
//   - HTTP 500, 502, 503 and 504.
//   - Throttling codes: Throttling, ThrottlingException, ThrottledException,
//     SlowDown, RequestLimitExceeded, RequestThrottled,
//     RequestThrottledException, TooManyRequestsException,
//     ProvisionedThroughputExceededException, TransactionInProgressException,
//     EC2ThrottledException, PriorBatchRequestWasThrottled,
//     PriorRequestNotComplete, BandwidthLimitExceeded,
//     LimitExceededException.
//   - Transient codes: RequestTimeout, RequestTimeoutException,
//     InternalError, IDPCommunicationError; and modelled errors whose
//     RetryableError method reports true.
//   - Clock skew (KindClockSkew), once per call: RequestTimeTooSkewed and
//     RequestInTheFuture when the response's Date header differs from the
//     corrected local clock by a second or more; RequestExpired,
//     SignatureDoesNotMatch, InvalidSignatureException and AuthFailure when
//     it differs by SkewThreshold (default 4 minutes; SigV4 allows 5) or
//     more. Do stores the new offset (ClockOffset) before the retry; the
//     pipeline signs at Now().Add(ClockOffset()). botocore itself does not
//     correct clock skew; the codes are those the other AWS SDKs correct.
//   - Expired credentials (KindExpiredToken), once per call: ExpiredToken,
//     ExpiredTokenException, and RequestExpired without clock skew. The
//     pipeline refreshes credentials when Attempt.Previous.Kind says so.
//     InvalidClientTokenId is not retried: it names an unknown key, which a
//     refresh of the same source does not fix.
//
// Clock-skew and expired-token retries do not wait and take no quota (their
// cause has been corrected), but count towards MaxAttempts.
//
// Never retried: the caller's context ending (context.Canceled or
// DeadlineExceeded of ctx; the backoff sleep returns at once), any error
// matching context.Canceled, other codes and statuses, and any retryable
// failure of a call whose body cannot be rewound (Call.Rewindable false),
// which ends with a NotRewindableError (errors.Is ErrNotRewindable).
//
// # Contracts
//
// The zero Retryer is not usable; create it with New. A Retryer is safe for
// concurrent use and meant to be shared by all calls of one client, since it
// holds the client's quota, clock offset and rate limiter. Do never reads
// or closes response bodies: the Attempt func closes the body of any
// response it returns with an error, and the caller closes the body of the
// successful response. Nothing in the package reads the clock or randomness
// except through Options.Now, Options.Rand and Options.Sleep.
package retry
