package protocol

import (
	"fmt"
	"net/http"
)

// ResponseError is an error response decoded by a codec: the service's error
// code and message, and the ids that identify the request. The request
// pipeline turns it into the SDK's API error; codecs only decode.
type ResponseError struct {
	StatusCode int
	Code       string
	Message    string
	RequestID  string // x-amz-request-id, x-amzn-RequestId, or <RequestId>
	HostID     string // S3's x-amz-id-2 or <HostId>
	// Fault is who is at fault, "Sender" or "Receiver", when the
	// response says so (the x-amzn-query-error header of an
	// awsQueryCompatible JSON service); empty otherwise.
	Fault string
	// Modeled, when the code names one of the operation's modelled errors,
	// is a pointer to that error's Go struct (Shape.ReflectType) filled from the
	// error document. It is nil otherwise.
	Modeled any
	// Header is the response's header, for callers that need more.
	Header http.Header
}

func (e *ResponseError) Error() string {
	return fmt.Sprintf("protocol: %s (status %d): %s", e.Code, e.StatusCode, e.Message)
}

// ResponseMetadata is carried by every generated output struct in its
// ResultMetadata field. Codecs leave it alone; the request pipeline fills it.
type ResponseMetadata struct {
	RequestID         string
	ExtendedRequestID string // S3's x-amz-id-2
	StatusCode        int
	Attempts          int
	Header            http.Header
}
