// Package restxml is the REST-XML protocol codec (S3's protocol): it turns a
// generated input struct into an *http.Request and an HTTP response into a
// generated output struct or a *protocol.ResponseError, walking the schema
// in package protocol rather than generated per-shape code.
//
// Requests (MarshalRequest):
//   - The request URI's {Label} placeholders are filled from "uri" members,
//     percent-encoded except for A-Z a-z 0-9 - . _ ~; a greedy {Key+} also
//     keeps '/' (botocore's percent_encode with safe "/~"). An unset label is
//     an error. The expanded path is joined onto the endpoint's base path as
//     botocore's _urljoin does ("https://host/bucket" + "/{Key+}"), and
//     URL.RawPath keeps the exact escaping.
//   - A static query in the request URI ("?list-type=2", "?cors",
//     "?select&select-type=2") comes first, then "querystring" members in
//     model order: lists repeat the key, maps of strings or string lists add
//     each key (sorted) unless a named member already used it. Keys and values
//     are percent-encoded like labels.
//   - "header" members: timestamps as HTTP dates (RFC 822) unless
//     timestampFormat says otherwise, in whole seconds as botocore sends
//     them, lists comma-joined (strings holding a
//     comma or quote are quoted; an empty list sends no header, as
//     botocore's _partition_parameters skips it), jsonvalue strings
//     base64-encoded, booleans
//     "true"/"false", floats as botocore prints them ("1.5", "NaN",
//     "Infinity", "-Infinity"). "headers" maps add prefix+key. A
//     Content-Length member sets req.ContentLength instead of a header.
//   - The body: a blob or string payload member is sent raw; a streaming
//     payload (io.Reader) becomes req.Body unread, with ContentLength from
//     the Content-Length member or -1; a structure payload is an XML document
//     whose root is named by the member's locationName (else the shape's,
//     else the member name) with its xmlNamespace. Without a payload member,
//     the body members, when any is set, are wrapped in the operation's
//     input locationName and namespace (an unset idempotency token counts
//     as set: it gets a token). XML bodies get Content-Type
//     application/xml. Serialized bodies are rewindable (GetBody).
//   - "hostPrefix" templates are expanded from hostLabel members, each of
//     which must match ^[A-Za-z0-9.-]+$ (botocore's HOST_PREFIX_RE), and
//     prepended to URL.Host (and req.Host when set).
//   - Idempotency-token members left unset (a nil pointer, or an empty
//     required string) get a token from MarshalOptions.NewIdempotencyToken
//     (or a random UUID v4), as botocore's generate_idempotent_uuid does;
//     the caller's input is not modified.
//
// The URI, query string, header and host-prefix bindings are shared with
// protocol/restjson (protocol/internal/restbind).
//
// Responses (UnmarshalResponse): the status code, headers (lists split on
// commas, HTTP-date lists rejoined) and header maps (matched
// case-insensitively, prefix stripped, keys lower-cased as S3 sends them)
// are bound; then either the payload member (a streaming blob gets
// resp.Body itself, unread and unclosed; a blob or string gets the whole
// body; a structure is decoded from the XML root, and an empty body gives
// an empty structure as in botocore, but leaves a union unset) or the body
// members from the root element's children (members bound to the URI or
// query string are read from the body too, as botocore does). XML is decoded by package xmlutil as a
// stream, never read whole. A 2xx body whose root element is <Error> (S3's
// CompleteMultipartUpload, CopyObject, UploadPartCopy, and any operation,
// even one whose output is all headers, such as DeleteObject) is returned
// as a *protocol.ResponseError with StatusCode 500, and for a service with
// protocol.Service.MalformedBodyIsServerError (S3) a 2xx body that is not
// well-formed XML is a 500 "500" error, as botocore's _handle_200_error
// does, so that retries see a server error.
//
// Errors (UnmarshalError): S3's unwrapped <Error> document and the
// <ErrorResponse><Error>...</Error><RequestId/></ErrorResponse> form both
// give Code and Message; an empty or unparsable body (HEAD) gives Code =
// the status as a string ("404") and Message = its status text, as
// botocore's _parse_error_from_http_status. The request id comes from
// x-amzn-RequestId or x-amz-request-id, else <RequestId> (botocore drops
// S3's body ids; we keep them), except that the <ErrorResponse> form's own
// <RequestId> wins as in botocore; the host id comes from x-amz-id-2, else
// <HostId>. A body without an error code (HTML from a proxy) gets the
// status code, as botocore does for 5xx. When Code matches one of the operation's
// modelled errors (by error code, then shape name), a new value of its Go
// type is filled from the <Error> element and the headers into Modeled. At
// most MaxErrorBodySize bytes of an error body are read.
//
// The functions are safe for concurrent use; their only state is a memo of
// each decoded shape's canonical header names (the schema is immutable).
// Callers close response bodies (except a streaming payload they took over).
package restxml
