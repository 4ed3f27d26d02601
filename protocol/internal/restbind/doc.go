// Package restbind holds the HTTP bindings the REST protocols share
// (REST-XML in protocol/restxml and REST-JSON in protocol/restjson): URI
// labels, query string, headers, header maps and host prefixes of a
// request (Request.Bind), and the headers, header maps and status code of
// a response (BindHeaders). The codecs write and read the body.
//
// The rules follow botocore's BaseRestSerializer and BaseRestParser; the
// package documentation of protocol/restxml lists them. Functions are safe
// for concurrent use; their only state is a memo of each decoded shape's
// canonical header names (the schema is immutable). A Request is used by
// one call.
package restbind
