// Package querytest runs the botocore protocol-test suites
// (testdata/protocols/{input,output}/{query,ec2}.json) through the Query and
// EC2 codecs and the Go packages generated from the suites' shapes. It is
// used only by the tests of protocol/query and protocol/ec2query, which
// share everything but the codec and the files.
//
// Each case is a subtest named by its id. A case is either run or skipped
// with a written reason from the caller's skip list; Counts reports how many
// of each there were. The differential test against botocore (RunDiff) and
// the fuzz targets (FuzzDecoders) over the vectors in testdata/protocols-diff
// live here too. Nothing here is safe for concurrent use.
package querytest
