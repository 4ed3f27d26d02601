// Package examples holds runnable programs, one per everyday boto3 pattern,
// each in its own directory as a main package:
//
//	go run ./examples/quickstart
//	go run ./examples/bucket-cors -endpoint-url http://127.0.0.1:5000 -region us-east-1
//
// Every program takes -endpoint-url (else AWS_ENDPOINT_URL, the profile's
// endpoint_url, or AWS itself) and -region (else AWS_REGION,
// AWS_DEFAULT_REGION or the profile's region), reads credentials the way
// boto3 does, prints what it did one fact per line on stdout, and exits
// with status 1 and the error on stderr when something fails.
// The plumbing they share (the two flags made into a session, the progress
// bar, the throughput figure, test files, bucket names) is in examples/internal/cli; the goto3 calls
// each program illustrates stay in its main.go.
// internal/testing/e2e runs each of them against moto and versitygw.
package examples
