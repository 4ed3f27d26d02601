// Package querytest holds the differential test against botocore (RunDiff)
// and the fuzz targets (FuzzDecoders) over the vectors in
// testdata/protocols-diff that the tests of protocol/query and
// protocol/ec2query share. (Their protocol-test suites run through
// protocol/internal/conformance.) Nothing here is safe for concurrent use.
package querytest
