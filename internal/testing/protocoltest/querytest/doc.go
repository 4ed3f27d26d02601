// Package querytest holds test code shared by the Query and EC2 codecs'
// tests and the service packages' tests: the Codec the conformance
// runners of protocol/query and protocol/ec2query drive (the suites
// themselves run through protocol/internal/conformance), the differential
// test against botocore (RunDiff) and the fuzz targets (FuzzDecoders) over
// the vectors in testdata/protocols-diff, and CheckService, the walk of a
// generated service package's schema (Go types, endpoint parameter
// bindings, error list) that the tests of services/s3, services/ses and
// services/ec2 run.
//
// It takes a generated service's operations and constructors as a Service
// (a service package's schema is reachable only from its own tests,
// through its api_export_test.go), so it imports no service. It lives
// under internal/testing/protocoltest, not protocol/internal, so that the service
// packages' tests may import it. Nothing here is safe for concurrent use.
package querytest
