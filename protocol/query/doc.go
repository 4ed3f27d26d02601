// Package query is the codec for the AWS Query protocol (awsQuery), spoken
// by SES v1, STS, SNS and others: requests are form-encoded POST bodies
// ("Action=SendEmail&Version=2010-12-01&..."), responses XML documents
// wrapping the output in <OperationNameResponse><OperationNameResult>, and
// errors <ErrorResponse><Error> documents.
//
// The codec walks the schema in package protocol with reflect; generated
// service packages carry no serializer code of their own. Request
// serialization follows botocore's QuerySerializer, response parsing its
// QueryParser (botocore/serialize.py and parsers.py), checked against the
// Smithy awsQuery protocol tests in testdata/protocols.
//
// The functions keep no state and are safe for concurrent use.
// UnmarshalResponse and UnmarshalError read the response body but never
// close it: the caller does.
package query
