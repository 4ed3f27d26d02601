// Package codegen generates goto3's service packages from the botocore
// models kept under internal/codegen/models, and the protocol-test
// packages under internal/protocoltest from testdata/protocols.
//
// For each service it writes typed input and output structs per operation
// (<Op>Input, <Op>Output), the structures, string enumerations and
// modelled errors they reach, doc comments converted from the model's HTML,
// and the compact schema the hand-written codecs walk: one protocol.Shape
// per shape, one protocol.Operation per operation and one
// protocol.Service, as package-level values with no per-shape code. Shape
// variables are initialized statically, a structure's Go type included (as
// the function value reflect.TypeFor[T] in Shape.GoTypeFunc), so a program
// links, and its garbage collector scans, only the shapes its operations
// reach; the few references that would close an initialization cycle
// between recursive shapes are assigned in an init function instead.
//
// S3 and SES get every operation of their model; EC2 gets the operations
// listed in ec2-operations.txt and only the shapes they reach. S3 request
// URIs lose their leading "/{Bucket}" as botocore's
// remove_bucket_from_url_paths handler does.
//
// `go generate ./...` runs cmd/codegen, which rewrites every generated
// file; check.sh (or `go run ./internal/codegen/cmd/codegen -check`) fails
// when the committed files differ from a fresh generation. Generation is
// deterministic and gofmt-clean. A Generator is not safe for concurrent use;
// separate Generators are independent.
package codegen
