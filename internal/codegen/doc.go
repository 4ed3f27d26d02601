// Package codegen generates goto3's service packages from the botocore
// models kept under internal/codegen/models, and the protocol-test
// packages under internal/testing/protocoltest from testdata/protocols.
//
// For each service it writes typed input and output structs per operation
// (<Op>Input, <Op>Output), the structures, string enumerations and
// modelled errors they reach, doc comments converted from the model's HTML,
// and the compact schema the hand-written codecs walk: one protocol.Shape
// per shape, one protocol.Operation per operation and one
// protocol.Service, as package-level values with no per-shape code. Shape
// variables are initialized statically, a structure's Go type included (as
// the typed nil pointer (*T)(nil) in Shape.NilPtr), so a program
// links, and its garbage collector scans, only the shapes its operations
// reach; the few references that would close an initialization cycle
// between recursive shapes are assigned in an init function instead.
//
// The protocol a client speaks is resolved from the model's "protocols"
// priority list as botocore does (ResolveProtocol: the first of botocore's
// own supported protocols, in its order, that the list names; else the
// legacy "protocol"). The schema carries what the JSON protocols read:
// the service's jsonVersion, targetPrefix and awsQueryCompatible, sparse
// lists and maps (whose elements are then pointers), document shapes
// (protocol.TypeDocument, Go type any), event headers, and shape-level
// locations, which apply to the members targeting the shape as botocore
// merges them. An event stream member of an output is the raw body
// (io.ReadCloser) whether or not it is the payload (the JSON protocol's
// event streams are not).
//
// Protocol-test files generate one package per file and direction; the
// legacy files, whose cases have no ids and reuse one operation name with
// different definitions, are keyed by case position (CaseID) and split
// into suite parts.
//
// Every service gets every operation of its model (Config.Operations
// narrows a generation to some, for tests). S3 request
// URIs lose their leading "/{Bucket}" as botocore's
// remove_bucket_from_url_paths handler does.
//
// `go generate ./...` runs cmd/codegen, which rewrites every generated
// file; check.sh (or `go run ./internal/codegen/cmd/codegen -check`) fails
// when the committed files differ from a fresh generation. Generation is
// deterministic and gofmt-clean. A Generator is not safe for concurrent use;
// separate Generators are independent.
package codegen
