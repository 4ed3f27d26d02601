// Package pipeline is the request path every generated service client
// runs: one call of Client.Invoke validates the input, resolves the
// endpoint, serializes, builds, signs and sends with retries, and decodes
// the output. It knows no service: a generated client hands New its schema
// and rule set (Service), the endpoint parameter values of its options
// (Options.EndpointParams) and its customizations (Options.Custom, plain
// funcs called at fixed points; see custom.go and ARCHITECTURE.md). A
// service without customizations passes the zero Customizations.
//
// invoke.go reads top to bottom in the order of ARCHITECTURE.md ("The path
// of a request"):
//
//  1. validate (validate.go): required members, before any I/O. A required
//     string that is "", a nil blob, a zero time, a nil structure pointer,
//     list or map is missing (*goto3.ValidationError naming the member
//     path, e.g. "Config.Rules[0].AllowedMethods"); required numbers and
//     booleans are always present. A nil input pointer is its own error.
//     Then Customizations.Validate and PrepareInput.
//  2. resolve the endpoint (endpoint.go): the service's rule set with the
//     client's parameter values (built-ins set by the generated client),
//     the operation's static context parameters, the input members bound to
//     context parameters and the JMESPath operation context parameters, by
//     position, then Customizations.EndpointParams. The first auth scheme
//     the pipeline supports (sigv4, sigv4a) or the service customizes
//     (Customizations.Auth) gives the signing name, region or region set
//     and double-encoding; an endpoint offering only others is a
//     *goto3.EndpointError. A customized scheme's identity is resolved once
//     before the retry loop (a failure there is final) and again for each
//     retry, told when the previous attempt's token had expired.
//  3. serialize with the codec of the service's protocol (protocol/restxml,
//     protocol/query, protocol/ec2query, ...); the endpoint-discovery
//     operation (protocol.Operation.EndpointOperation) gets
//     x-amz-api-version; then Customizations.PrepareRequest.
//  4. build (compress.go, body.go, checksum.go): request compression
//     (operations with the requestcompression trait, bodies of at least
//     request_min_compression_size_bytes, unless
//     disable_request_compression), User-Agent, amz-sdk-invocation-id, the
//     request checksum as botocore's resolve_request_checksum_algorithm
//     (the caller's algorithm member; else CRC32 when the operation
//     requires a checksum or supports one with
//     request_checksum_calculation=when_supported; nothing when the caller
//     gave a checksum value; Content-MD5 for an operation that requires a
//     checksum and has no algorithm member), and the payload hash: the
//     body's SHA-256, or UNSIGNED-PAYLOAD when the model marks the
//     operation so over https or the service's UnsignedPayload
//     customization says so. A seekable body with a PayloadSHA256 method
//     (PayloadHasher) gives its own payload hash and is not read to hash.
//  5. the retry loop (retry.Retryer.Do): per attempt refresh credentials
//     after an expired-token error, rewind the body, set amz-sdk-request,
//     run Hooks.BeforeSign, sign at the retryer's Now plus its clock offset
//     (nothing is signed with credentials.Anonymous), run Hooks.BeforeSend,
//     send with the http.Client, run Hooks.AfterResponse, decode an error
//     answer (status >= 300) into a *goto3.APIError, or read the body,
//     hand it to Customizations.CheckResponse (an error there is retried)
//     and decode the output. A body that fails mid-read is a network error
//     and retried; an error document in a 2xx answer is an API error with
//     status 500.
//  6. deserialize: the output was decoded by the successful attempt and
//     Customizations.PostDecode ran; the metadata (request id, extended
//     request id, status, attempts, header) is filled, and a streaming
//     output body (or event stream) is handed over unread, wrapped to
//     validate the response checksum when asked.
//
// # Stubbed clients
//
// With Options.Stubber (goto3.Stubber, such as a *stubber.Stubber) a call
// runs stage 1's validation (the model's required members, then
// Customizations.Validate) and then hands the caller's input, unchanged,
// and the zero output to the stubber, whose answer ends the call: no
// PrepareInput, endpoint, credentials, hooks, signing, network or retries.
// Its error is wrapped in the *goto3.OperationError like any other. A
// client without one pays a nil check.
//
// # Sending
//
// Without Options.HTTPClient a client sends through the SDK's shared
// transport for its settings (package transport: connect and read timeouts
// of 60 s, 10 idle connections per host, TCP keep-alive, the session's CA
// bundle); a read timeout is a retryable timeout error, as in botocore.
// An http.Client without Timeout, Jar or CheckRedirect is bypassed for its
// Transport (http.DefaultTransport when nil): Client.Do copies every
// request's headers and URL to follow redirects, which the SDK must not
// follow anyway (a redirected request would carry a signature for the wrong
// host); a 301/307 answer is the API error it names (PermanentRedirect,
// TemporaryRedirect), as in botocore. Otherwise Client.Do is used, so a
// Client.Timeout bounds each attempt, body included, and a timeout is
// retried. The operations a service's Customizations.HTTP2 names (those
// AWS serves only over HTTP/2) go through a transport of the same settings
// that also offers HTTP/2; the default transport speaks HTTP/1.1 only.
//
// # Event streams
//
// An output event stream (the payload member in REST-JSON and REST-XML,
// any member after the initial-response event in JSON-RPC) is handed to
// the output unread. EventStream, which each generated <Op>EventReader
// wraps, decodes its messages into the stream's Go union one event at a
// time (protocol/eventstream's UnmarshalEvent with the JSON codec), skips
// the event types it does not model, and ends at the first exception
// message as a *goto3.OperationError wrapping a *goto3.APIError and the
// modelled exception, as botocore's EventStream raises EventStreamError.
// An operation whose input is an event stream (bidirectional, over
// HTTP/2) is refused with a *goto3.ValidationError before any I/O.
//
// # Bearer tokens
//
// A call for which Customizations.Bearer returns a token is sent with
// "Authorization: Bearer <token>" instead of a signature and needs no
// credentials (smithy.api#httpBearerAuth); BearerAuth makes botocore's
// choice between the two for the services that list it.
//
// # Bodies
//
// A serialized body ([]byte, from the codec) is rewound through GetBody;
// one the codec serialized into a pooled buffer (protocol.ReleasableBody:
// the JSON protocols) is released when the call is over, so that its
// buffer serves the next call (a transport still holding it then fails
// to read it, as with a fenced body).
// A streaming input that is an io.ReadSeeker is used in place from its
// current offset: hashed by reading and seeking back, rewound by seeking
// for each retry, and fenced per attempt (a transport still holding an old
// attempt's body cannot read it once the next attempt starts). A body with
// a file descriptor (an *os.File, or any io.ReadSeeker with a SyscallConn
// method whose descriptor reads from the body's position) keeps it visible
// through the fence, so net/http sends it with sendfile(2). Any other
// io.Reader is sent aws-chunked, never buffered:
// STREAMING-UNSIGNED-PAYLOAD-TRAILER with the checksum in a trailer over
// https (and over http when the service's UnsignedPayload customization
// says so), STREAMING-AWS4-HMAC-SHA256-PAYLOAD-TRAILER (signed chunks and
// trailer) over http; its length must be given (ContentLength) and it is
// never retried (retry.Call.Rewindable false). The caller's reader is never
// closed. Streaming bodies of 1 MiB or more are sent with "Expect:
// 100-continue", as botocore does.
//
// A streaming output is requested with "Accept-Encoding: identity", so the
// transport never inflates a stored object whose Content-Encoding is gzip:
// the caller gets the stored bytes, as from botocore.
//
// # Response checksums
//
// For operations with response checksum algorithms, with
// response_checksum_validation=when_supported the validation mode member is
// set to ENABLED unless the caller set it; the body of a full-object answer
// is then checked at EOF against the first checksum header it carries that
// goto3 implements, and Read returns a *goto3.ChecksumMismatchError instead
// of io.EOF on a mismatch. Ranged (206) answers and composite checksums
// ("...-N") are not checked.
//
// # Errors
//
// Invoke returns only *goto3.OperationError, wrapping a
// *goto3.ValidationError, a *goto3.EndpointError, a customization's error,
// a context error, a network error, a *goto3.DecodeError, or a
// *goto3.APIError (inside a *retry.ExhaustedError or
// *retry.NotRewindableError when retries were cut short), whose Unwrap is
// the modelled error value when the code names one of the service's errors
// (protocol.Operation.ErrorShape), whatever the operation.
//
// # Contracts
//
// A Client is immutable after New and safe for concurrent use; the zero
// Client is not usable. Clients made with With share the retryer (quota,
// clock offset, rate limiter) and credential cache of their base. Response
// bodies of non-streaming outputs are read and closed here; a streaming
// output body is the caller's to read and close. Nothing reads the clock or
// randomness except through Options.Now / the retryer and Options.Rand.
package pipeline
