// Package querytest runs the botocore protocol-test suites
// (testdata/protocols/{input,output}/{query,ec2}.json) through the Query and
// EC2 codecs and the Go packages generated from the suites' shapes. It is
// used only by tests: the conformance runners of protocol/query and
// protocol/ec2query, which share everything but the codec and the files,
// and the codec tests of services/ses and services/ec2.
//
// Each case is a subtest named by its id. A case is either run or skipped
// with a written reason from the caller's skip list; Counts reports how many
// of each there were. The differential test against botocore (RunDiff) and
// the fuzz targets (FuzzDecoders) over the vectors in testdata/protocols-diff
// live here too, and so does CheckService, the walk of a generated
// service package's schema (Go types, endpoint parameter bindings, error
// list) that the tests of services/s3, services/ses and services/ec2 run.
// They take a generated service's operations and constructors as a Service
// (a service package's schema is reachable only from its own tests,
// through its api_export_test.go), so this package imports no service. It lives under internal/protocoltest, not
// protocol/internal, so that the service packages' tests may import it.
// Nothing here is safe for concurrent use.
package querytest
