// Package awsjson holds what the AWS JSON 1.0/1.1 codec (protocol/jsonrpc)
// and the REST-JSON codec (protocol/restjson) share: error responses
// (UnmarshalError: the code from "__type", X-Amzn-Errortype or "code",
// sanitized as Smithy asks; x-amzn-query-error for query-compatible
// services; the message; the modelled error), pooled reading of response
// bodies and rewindable request bodies. Functions are safe for concurrent
// use.
package awsjson
