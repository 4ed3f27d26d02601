// Package fuzz holds cross-package differential fuzz harnesses: each target
// builds real service inputs from fuzz data and checks that two packages
// agree on what they mean. The S3 request codec (protocol/restxml) and the
// endpoint rules (endpoints) must produce requests that the signer (sigv4)
// signs and its verifier accepts, over the wire as net/http carries them, and
// that a one-byte change makes it reject; the REST-XML encoder and the
// xmlutil decoder must round-trip S3 bodies; the Query and EC2 form
// encoders must give back, through url.ParseQuery, exactly the values they
// were handed; and every S3 endpoint the rules accept must have a clean host.
//
// The package has no exported API and no non-test code besides this file.
// The targets are deterministic (fixed signing time, fixed idempotency
// tokens), bound their input sizes, perform no network I/O and write no
// files, so CI can run each for a few seconds. Run one by hand with, for
// example:
//
//	go test ./fuzz -run '^$' -fuzz '^FuzzS3RequestSignVerify$' -fuzztime 30s
//
// A reproducer of a bug found here in another package belongs here as a
// skipped test naming the bug, until the owning package fixes it.
package fuzz
