// Package awsquery is the code the AWS Query protocol (package
// protocol/query) and its EC2 dialect (package protocol/ec2query) share:
// the form encoder for requests, the error-document scanner, and the
// request plumbing. The two public packages are thin wrappers that pick a
// Dialect.
//
// Request bodies follow botocore's QuerySerializer and EC2Serializer
// (botocore/serialize.py): "Action=<op>&Version=<apiVersion>" then the input
// members in model order, nested names joined with '.', lists as
// Name.member.N (Query) or Name.N (EC2, and flattened Query lists), maps as
// Name.entry.N.key / .value, values escaped as Python's urlencode does
// (quote_plus: space as '+', '~' kept). Where the Smithy protocol tests and
// botocore disagree the code follows Smithy and says so at the spot, except
// where botocore's ignore list marks the Smithy case as one botocore
// deliberately answers otherwise (a flattened list named by its element's
// locationName).
//
// Nothing here keeps state between calls: the functions are safe for
// concurrent use. Bodies of error responses are read (up to MaxErrorBody)
// but not closed; the caller closes them.
package awsquery
