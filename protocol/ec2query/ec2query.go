package ec2query

import (
	"net/http"

	"github.com/goto3/goto3/protocol"
	"github.com/goto3/goto3/protocol/internal/awsquery"
)

// MarshalRequest serializes input (a pointer to op's input struct, or nil)
// into req, whose URL holds the endpoint: method POST (or the model's), path
// joined onto the endpoint's base path, the expanded host prefix, a
// form-encoded body with Content-Type, Content-Length and GetBody set.
// Idempotency-token members left unset are filled from opts.
func MarshalRequest(req *http.Request, op *protocol.Operation, input any, opts protocol.MarshalOptions) error {
	return awsquery.MarshalRequest(req, op, input, opts, awsquery.EC2)
}

// UnmarshalError decodes an error response: Code, Message and RequestID
// from the <Response><Errors><Error> document (the x-amzn-RequestId header
// when the body has none), and, when the code names one of op's modelled
// errors, a filled value of that error's Go type in Modeled. A 5xx response with an empty or HTML body, or a body that
// is not XML, gets the status as code and the reason phrase as message.
func UnmarshalError(resp *http.Response, op *protocol.Operation) *protocol.ResponseError {
	return awsquery.UnmarshalError(resp, op, awsquery.EC2)
}

// UnmarshalResponse decodes a successful response into output, a pointer to
// op's output struct. It reads the body as far as it needs and does not
// close it. The output's ResultMetadata is left to the caller.
func UnmarshalResponse(resp *http.Response, op *protocol.Operation, output any) error {
	return awsquery.UnmarshalResponse(resp, op, output, awsquery.EC2)
}
