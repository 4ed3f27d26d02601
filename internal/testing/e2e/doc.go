// Package e2e is the end-to-end suite: its tests build every program under
// examples/ once (one go build into a temporary directory) and run each as
// a user would, against real peers on 127.0.0.1 (testpeer: moto for S3,
// SES and EC2; versitygw, which verifies signatures and checksums, for the
// S3 ones; the quickstart against its own embedded gofakes3), checking the
// lines they print.
//
// The programs run with a scrubbed environment: HOME and the AWS config
// and credentials files point into a temporary directory, so nothing of
// the machine's AWS setup is read, and credentials and region come from
// AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY and AWS_REGION set to the
// peer's. A missing peer skips its tests with the install command, unless
// CI=true (see package testpeer). Peers are shared by the whole binary and
// tests keep to their own bucket names, so the tests run in parallel.
//
// The package has no non-test code; the zero value and concurrency notes
// of other packages do not apply.
package e2e
