// Package restjson is the REST-JSON protocol codec (Lambda, API Gateway,
// EKS, ...): it turns a generated input struct into an *http.Request and an
// HTTP response into a generated output struct or a
// *protocol.ResponseError, walking the schema in package protocol.
//
// The HTTP bindings are REST-XML's (protocol/internal/restbind; the
// rules are listed in protocol/restxml): URI labels (greedy {Key+} keeps
// '/'), query string members (lists repeat the key, maps of strings or
// string lists add their keys unless a named member took them, timestamps
// in ISO 8601 unless timestampFormat says otherwise, booleans "true" and
// "false"), header members (timestamps as HTTP dates in whole seconds,
// lists comma-joined with strings holding a comma or quote quoted, an
// empty list sent as no header as botocore does, jsonvalue strings as
// base64 of the compact JSON), prefix header maps, host prefixes checked
// against ^[A-Za-z0-9.-]+$, and unset idempotency tokens filled from
// MarshalOptions.NewIdempotencyToken. This follows Smithy's restJson1
// protocol (https://smithy.io/2.0/aws/protocols/aws-restjson1-protocol.html)
// and botocore's RestJSONSerializer and RestJSONParser.
//
// The body of a request:
//   - with a payload member: a blob or string is sent raw (a streaming
//     io.Reader unread, with Content-Length from a Content-Length member
//     or unknown), with Content-Type application/octet-stream (blob) or
//     text/plain (string) unless a header member set one; a structure,
//     union or document is its JSON value, and "{}" when unset
//     (botocore's _serialize_empty_body);
//   - else the members without an HTTP binding as a JSON object under
//     their JSON names (locationName, which carries Smithy's jsonName);
//     "{}" when the input has such members but none is set (botocore's
//     _requires_empty_body), and no body when it has none.
//
// A JSON body gets Content-Type application/json unless a header member
// set one. Values are written by protocol/jsonutil.
//
// Responses (UnmarshalResponse): the status code, headers and header maps
// are bound; then the payload member (an event stream or streaming blob
// gets resp.Body unread; a blob or string the whole body; a structure its
// JSON, an empty body giving an empty structure as in botocore, but
// leaving a union unset; a document its value), or the body members from
// the JSON object (members bound to the URI or query string are read from
// the body too, as botocore does; header-bound ones are not).
//
// Errors (UnmarshalError): the code is the X-Amzn-Errortype header, else
// the body's "code" (or "Code"), else its "__type", else the status code,
// as botocore's RestJSONParser._inject_error_code orders them, without a
// namespace before '#' or a suffix from ':'. An x-amzn-query-error header
// gives the code and fault. The message is "message", "Message" or
// "errorMessage". A modelled error is filled from the body and from its
// header and status-code bindings. The request id comes from
// x-amzn-RequestId.
//
// The functions are safe for concurrent use; their only state is memos of
// each decoded shape's header names and member names, and buffer pools.
// Callers close response bodies (except a streaming payload they took
// over).
package restjson
