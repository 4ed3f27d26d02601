// Package jsonrpc is the AWS JSON 1.0 and 1.1 protocol codec (DynamoDB,
// SQS, Kinesis, ...): it turns a generated input struct into an
// *http.Request and an HTTP response into a generated output struct or a
// *protocol.ResponseError, walking the schema in package protocol with
// protocol/jsonutil.
//
// Requests (MarshalRequest), as Smithy's awsJson1_0 and awsJson1_1
// protocols specify (https://smithy.io/2.0/aws/protocols/aws-json-1_0-protocol.html,
// aws-json-1_1-protocol.html) and botocore's JSONSerializer sends them:
//   - POST (or the operation's method) to the request URI, "/", joined onto
//     the endpoint's path: a custom endpoint "https://host/custom" is sent
//     "/custom/";
//   - X-Amz-Target: <targetPrefix>.<OperationName> and Content-Type:
//     application/x-amz-json-<jsonVersion> from the service metadata;
//     an awsQueryCompatible service (SQS) also gets x-amzn-query-mode:
//     true, as botocore's _handle_query_compatible_trait sends;
//   - the body is the input's JSON object, every member under its JSON
//     name (locationName, else the member name) whatever its location, as
//     botocore ignores HTTP bindings in this protocol; an operation
//     without input sends "{}". How values are written is in
//     protocol/jsonutil: epoch-second timestamps, base64 blobs, "NaN" and
//     the infinities as strings, big numbers with every digit;
//   - unset top-level idempotency-token members get a token from
//     MarshalOptions.NewIdempotencyToken (or a random UUID v4);
//   - endpoint.hostPrefix is expanded from hostLabel members, each of
//     which must match ^[A-Za-z0-9.-]+$ (botocore's HOST_PREFIX_RE).
//
// Responses (UnmarshalResponse): the JSON body decoded into the output,
// unknown members skipped. An output with an event stream member
// (Kinesis SubscribeToShard) is an event stream from the first byte: its
// initial-response event gives the other members (botocore's
// JSONParser._handle_event_stream) and the member receives the body,
// positioned at the next event.
//
// Errors (UnmarshalError): the code is the body's "__type" (botocore's
// source), else the X-Amzn-Errortype header, else the body's "code", else
// the status code; a namespace before '#' and a suffix from ':' are
// dropped, as the Smithy specification asks of clients
// ("aws.protocoltests.restjson#FooError:http://internal.amazon.com/..."
// is FooError). An x-amzn-query-error header ("AWS.SimpleQueueService.
// NonExistentQueue;Sender") gives the code and the fault instead, as
// botocore's _do_query_compatible_error_parse does; the modelled error is
// then found by that code or by the "__type" name. The message is
// "message", "Message" or "errorMessage"; a body that is not JSON is the
// message. The request id comes from x-amzn-RequestId.
//
// The functions are safe for concurrent use; their only state is a memo
// of each decoded shape's member names and pools of buffers. Callers close
// response bodies, except an event stream they took over.
package jsonrpc
