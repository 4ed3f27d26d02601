// Package ec2query is the codec for EC2's dialect of the Query protocol
// (ec2Query). Requests are form-encoded POST bodies as in package query,
// but member names are the queryName, else the capitalised locationName,
// else the capitalised member name, and every list is flattened
// ("InstanceId.1=i-1&InstanceId.2=i-2"; an empty list sends nothing).
// Responses are <OperationNameResponse xmlns="..."> documents holding the
// output members directly with a <requestId>; errors are
// <Response><Errors><Error> documents with a <RequestID>.
//
// Request serialization follows botocore's EC2Serializer, response parsing
// its EC2QueryParser (botocore/serialize.py and parsers.py), checked against
// the Smithy ec2Query protocol tests in testdata/protocols.
//
// The functions keep no state and are safe for concurrent use.
// UnmarshalResponse and UnmarshalError read the response body but never
// close it: the caller does.
package ec2query
