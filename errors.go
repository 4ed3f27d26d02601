package goto3

import (
	"errors"
	"net/http"
	"strconv"
	"strings"

	"github.com/goto3/goto3/retry"
)

// OperationError wraps every error a service client's operation returns. It
// names the service (the model's service ID, such as "S3") and the
// operation; Err is the cause: an *APIError for an error answer of the
// service (possibly inside a *retry.ExhaustedError or
// *retry.NotRewindableError), a *ValidationError for an input rejected
// before any I/O, a context error, a network error, ...
//
// errors.As reaches every error in the chain, including the modelled error
// type of the service (such as *s3.NoSuchKey), and errors.Is recognises
// context.Canceled and context.DeadlineExceeded.
type OperationError struct {
	Service   string
	Operation string
	Err       error
}

func (e *OperationError) Error() string {
	var b strings.Builder
	b.WriteString(strings.ToLower(strings.ReplaceAll(e.Service, " ", "")))
	b.WriteString(": ")
	b.WriteString(e.Operation)
	b.WriteString(": ")
	if e.Err == nil {
		b.WriteString("unknown error")
		return b.String()
	}
	// An API error inside the retry layer's wrappers is rendered as the API
	// error alone: APIError.Error already says how many attempts were made.
	switch w := e.Err.(type) {
	case *retry.ExhaustedError:
		if api, ok := w.Err.(*APIError); ok {
			b.WriteString(api.Error())
			return b.String()
		}
	case *retry.NotRewindableError:
		if api, ok := w.Err.(*APIError); ok {
			b.WriteString(api.Error())
			b.WriteString("; not retried: the request body cannot be rewound")
			return b.String()
		}
	}
	b.WriteString(e.Err.Error())
	return b.String()
}

// Unwrap returns Err.
func (e *OperationError) Unwrap() error { return e.Err }

// APIError is an error answer of an AWS service: botocore's ClientError.
// Code and Message are the service's; StatusCode the HTTP status; RequestID
// and HostID identify the request for AWS support (x-amz-request-id and
// x-amz-id-2 for S3). Modeled, when the code is one of the service's
// modelled errors, is a pointer to that error's generated type (such as
// *s3.NoSuchKey): Unwrap returns it, so errors.As reaches it.
//
// APIError implements ErrorCode and HTTPStatusCode, the interfaces package
// retry classifies errors by.
type APIError struct {
	Code       string
	Message    string
	StatusCode int
	RequestID  string
	HostID     string
	// Operation is the operation that failed, for the message.
	Operation string
	// Attempts is the number of attempts made; RetriesExhausted is true
	// when the error was retryable but no retry was left (attempts or
	// retry quota).
	Attempts         int
	RetriesExhausted bool
	// Modeled is the modelled error value, or nil.
	Modeled error
	// Header is the error response's header (botocore's
	// response["ResponseMetadata"]["HTTPHeaders"]).
	Header http.Header
}

// Error renders the error as botocore does, plus the status, request id
// and, when retries ran out, the attempts:
//
//	An error occurred (NoSuchKey) when calling the GetObject operation: The specified key does not exist. (status 404, request id 4442587FB7D0A2F9)
func (e *APIError) Error() string {
	var b strings.Builder
	b.Grow(96 + len(e.Code) + len(e.Message) + len(e.Operation) + len(e.RequestID))
	b.WriteString("An error occurred (")
	b.WriteString(e.Code)
	b.WriteString(") when calling the ")
	b.WriteString(e.Operation)
	b.WriteString(" operation: ")
	if e.Message != "" {
		b.WriteString(e.Message)
	} else {
		b.WriteString("Unknown")
	}
	b.WriteString(" (status ")
	b.WriteString(strconv.Itoa(e.StatusCode))
	if e.RequestID != "" {
		b.WriteString(", request id ")
		b.WriteString(e.RequestID)
	}
	if e.RetriesExhausted {
		b.WriteString(", retries exhausted after ")
		b.WriteString(strconv.Itoa(e.Attempts))
		if e.Attempts == 1 {
			b.WriteString(" attempt")
		} else {
			b.WriteString(" attempts")
		}
	}
	b.WriteByte(')')
	return b.String()
}

// ErrorCode returns Code.
func (e *APIError) ErrorCode() string { return e.Code }

// ErrorMessage returns Message.
func (e *APIError) ErrorMessage() string { return e.Message }

// HTTPStatusCode returns StatusCode.
func (e *APIError) HTTPStatusCode() int { return e.StatusCode }

// Unwrap returns the modelled error, or nil.
func (e *APIError) Unwrap() error { return e.Modeled }

// ErrorCode returns the AWS error code carried by err or any error it
// wraps (an *APIError's Code, a modelled error's code), or "" when there is
// none. It is the equivalent of boto3's err.response["Error"]["Code"].
func ErrorCode(err error) string {
	var c interface{ ErrorCode() string }
	if errors.As(err, &c) {
		return c.ErrorCode()
	}
	return ""
}

// ValidationError is an input rejected before any I/O: a missing required
// member, an empty S3 object key. Member is the path of the member, such as
// "Key" or "CORSConfiguration.CORSRules[0].AllowedMethods".
type ValidationError struct {
	Member string
	Reason string
}

func (e *ValidationError) Error() string {
	return "invalid input: " + e.Member + ": " + e.Reason
}

// ChecksumMismatchError is returned by the Read of a response body whose
// content does not match the checksum the service sent (response checksum
// validation).
type ChecksumMismatchError struct {
	Algorithm string // "CRC32", "CRC64NVME", ...
	Expected  string // base64, as the service sent it
	Actual    string // base64, computed over the body received
}

func (e *ChecksumMismatchError) Error() string {
	return "goto3: response checksum mismatch: " + e.Algorithm + " of the body is " + e.Actual + ", the service sent " + e.Expected
}

// NoRegionError is returned when a client is made without a region
// (botocore's NoRegionError).
type NoRegionError struct {
	Service string
}

func (e *NoRegionError) Error() string {
	return "goto3: you must specify a region for " + e.Service +
		": set it with session.WithRegion, AWS_REGION, AWS_DEFAULT_REGION, the profile's region or Config.Region"
}

// EndpointError is an endpoint that could not be resolved: an error rule
// of the service's rule set (its message verbatim, such as "Invalid region:
// region was not a valid DNS name."), a malformed endpoint URL, or an auth
// scheme goto3 does not implement.
type EndpointError struct{ Err error }

func (e *EndpointError) Error() string { return "goto3: resolving the endpoint: " + e.Err.Error() }

// Unwrap returns the cause (an *endpoints.RuleError for an error rule).
func (e *EndpointError) Unwrap() error { return e.Err }

// DecodeError is a response the codec could not decode.
type DecodeError struct{ Err error }

func (e *DecodeError) Error() string { return "goto3: decoding the response: " + e.Err.Error() }

// Unwrap returns the cause.
func (e *DecodeError) Unwrap() error { return e.Err }
