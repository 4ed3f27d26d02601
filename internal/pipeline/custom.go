package pipeline

import (
	"context"
	"net/http"

	"github.com/goto3/goto3"
	"github.com/goto3/goto3/endpoints"
	"github.com/goto3/goto3/protocol"
	"github.com/goto3/goto3/sigv4"
)

// Customizations are what one service needs beyond its model, as plain
// funcs that the service package's hand-written customizations file fills
// (and the generated client hands to New in Options.Custom). The pipeline
// calls each at one fixed point of a call and branches on no service: a
// service without customizations passes the zero value, and every field is
// optional. They cover botocore's handlers.py for the services goto3
// generates (see ARCHITECTURE.md for the list and where each one lives).
//
// The funcs run on the caller's goroutine, may run concurrently for
// concurrent calls, and must not keep the Call after they return.
type Customizations struct {
	// Signer signs the service's requests; nil is a plain SigV4 signer (a
	// service may need paths neither normalized nor encoded twice).
	Signer *sigv4.Signer

	// Validate checks an input beyond the model's required members,
	// before any I/O (resource naming rules, say). Stage 1.
	Validate func(call *Call) error

	// PrepareInput may replace call.Input with a changed copy before it is
	// serialized: an identifier rewritten (Route 53's /hostedzone/
	// prefixes), a member computed (a presigned URL for a cross-region
	// copy). It must never change the caller's value. Stage 1.
	PrepareInput func(ctx context.Context, call *Call) error

	// Bearer returns the token a call sends as "Authorization: Bearer
	// <token>" instead of a signature (smithy.api#httpBearerAuth, which the
	// service chooses as botocore does), or "" to sign as usual. A call
	// with a token needs no credentials. Not called for unsigned calls.
	// Stage 1, after PrepareInput.
	Bearer func(ctx context.Context, call *Call) (string, error)

	// EndpointParams sets endpoint parameters that come neither from the
	// client's options nor from the operation's context parameters
	// (DynamoDB's account id, from the credentials). vals is the call's
	// copy. Stage 2.
	EndpointParams func(ctx context.Context, call *Call, vals []endpoints.Value) error

	// Auth resolves what an attempt signs with, for an auth scheme of the
	// endpoint that the pipeline does not know (session credentials a
	// service issues itself); keyed by the scheme's name. A scheme with neither built-in support
	// nor an entry here is skipped for the next one the endpoint offers.
	Auth map[string]AuthFunc

	// PrepareRequest changes the serialized request before its body is
	// hashed and checksummed (an Accept header, an escaped XML payload).
	// Stage 3.
	PrepareRequest func(ctx context.Context, call *Call, req *http.Request) error

	// UnsignedPayload reports whether a request body is signed as
	// UNSIGNED-PAYLOAD instead of its SHA-256. https tells whether the
	// endpoint is https, streaming whether the body is the caller's
	// streaming input, checksum whether a checksum header accompanies it.
	// nil: only operations the model marks unsigned, over https. Stage 4.
	UnsignedPayload func(call *Call, https, streaming, checksum bool) bool

	// CheckResponse inspects a successful answer and its whole raw body
	// before decoding (DynamoDB's x-amz-crc32). An error that implements
	// RetryableError (or is a *ResponseCheckError) is retried as a
	// transient failure. Stage 5; not called for streaming outputs.
	CheckResponse func(call *Call, resp *http.Response, body []byte) error

	// HTTP2 reports whether an operation is sent over HTTP/2 (one AWS
	// serves only over it, such as Kinesis SubscribeToShard): through a
	// transport of the client's settings that also offers HTTP/2
	// (transport.Options.HTTP2), instead of the default HTTP/1.1 one. A
	// client given its own HTTPClient sends everything through it. Stage
	// 5.
	HTTP2 func(op *protocol.Operation) bool

	// TakeBody may take what it wants of a successful answer's raw body
	// before the codec decodes it (a caller reading a large list straight
	// into its own types, say, told by ctx), and returns the body the
	// codec decodes instead: body itself when it takes nothing. body is
	// valid only until TakeBody returns. An error fails the attempt as a
	// *goto3.DecodeError. Stage 6; not called for streaming outputs,
	// empty bodies or operations without an output.
	TakeBody func(ctx context.Context, call *Call, body []byte) ([]byte, error)

	// PostDecode completes or fixes the decoded call.Output from the raw
	// body where the model cannot describe the answer. Stage 6; not
	// called for streaming outputs.
	PostDecode func(call *Call, body []byte) error

	// Redirect is asked, when a call has failed with an error answer,
	// whether to send it once more to a re-resolved endpoint (a resource
	// that lives in another region than the client's, say). err is the
	// call's error, body the error answer's body (at most 1 MiB). When it
	// returns true the pipeline resolves the endpoint again (stage 2,
	// EndpointParams included, which can now apply what Redirect learned)
	// and sends the request as built to the new endpoint at once: the new
	// host (scheme, path and query kept), signed for the new signing
	// region and auth scheme. This happens at most once per call, even
	// when the client allows no retries; the attempt takes the call's
	// next attempt number, no backoff and no retry quota, and the retries
	// left after it are those the call had left. Not asked for a body that
	// cannot be sent twice, nor once the context is done; presigned
	// requests are never sent. An error it returns ends the call. Stage 5,
	// after the retry loop.
	Redirect func(ctx context.Context, call *Call, err *goto3.APIError, body []byte) (bool, error)
}

// Call is one operation call as the customization funcs see it.
type Call struct {
	// Client is the pipeline client running the call.
	Client *Client
	// Operation is the operation's schema.
	Operation *protocol.Operation
	// Input is a pointer to the input struct (never nil for an operation
	// with an input); PrepareInput may replace it with a copy.
	Input any
	// Output is a pointer to the output struct the call decodes into.
	Output any
	// EndpointParams are the call's endpoint parameter values (after
	// stage 2), valid until the call returns.
	EndpointParams []endpoints.Value
	// AuthScheme is the endpoint's auth scheme the call signs with (after
	// stage 2).
	AuthScheme endpoints.AuthScheme
	// Presign is set when the call is presigned, not sent (Client.Presign):
	// customizations of a sent request (a presigned URL of its own, say)
	// skip it, as botocore's before-call handlers do not run for
	// generate_presigned_url.
	Presign bool
}

// AuthFunc resolves the identity an attempt signs with for one auth scheme.
// base are the client's credentials; expired reports that the previous
// attempt was refused with an expired-token error (a cached identity must
// be dropped). An error before the first attempt ends the call; an error
// before a later attempt is that attempt's error.
type AuthFunc func(ctx context.Context, call *Call, base sigv4.Credentials, expired bool) (Identity, error)

// Identity is what an attempt signs with.
type Identity struct {
	// Credentials sign the request. A SessionToken goes in
	// X-Amz-Security-Token unless TokenHeader says otherwise.
	Credentials sigv4.Credentials
	// TokenHeader and TokenQuery, when set, carry the session token in
	// that signed header (TokenQuery: query parameter of a presigned URL)
	// instead of X-Amz-Security-Token.
	TokenHeader string
	TokenQuery  string
}

// RetryableError is implemented by errors a customization returns that the
// retry loop retries as transient failures (botocore's checksum failures of
// a response body, say).
type RetryableError interface {
	error
	RetryableError() bool
}

// ResponseCheckError is a successful answer that a customization's
// CheckResponse refused, such as a body whose CRC32 differs from the one
// the service sent. It is retried.
type ResponseCheckError struct{ Err error }

func (e *ResponseCheckError) Error() string { return "goto3: checking the response: " + e.Err.Error() }

// Unwrap returns the cause.
func (e *ResponseCheckError) Unwrap() error { return e.Err }

// RetryableError reports true.
func (e *ResponseCheckError) RetryableError() bool { return true }
