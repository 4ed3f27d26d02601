// Package conformance runs botocore's protocol-test files, current and
// legacy (testdata/protocols/{input,output} and
// testdata/protocols/legacy/{input,output}), through a codec and the Go
// packages generated from the suites' shapes (internal/testing/protocoltest/...).
// The codecs' conformance tests use it.
//
// Each case is a subtest named by its id, or, in a legacy file (whose
// cases have none), legacy/<file stem>/<input|output>/<n> with n the
// case's 0-based position among the file's cases. Requests are compared as
// botocore's test runner (tests/unit/test_protocols.py) compares them:
// the method, the path exactly and the query string as a set of
// parameters, the expected headers present with their values (lists
// compared item by item), forbidden headers absent, and the body as a
// value of the protocol's format (JSON as JSON, XML as canonical XML,
// forms as parameter sets, raw payloads byte for byte). Responses are
// decoded and compared with the expected result, as botocore returns it
// (jsonvalue headers parsed, event streams as lists of events), or the
// error's code, message and modelled members.
//
// A case can be checked against an Override, with a written reason: what
// botocore deliberately sends where its ignore list marks the case, or a
// part of the case the codec does not own; or skipped. Nothing here is
// safe for concurrent use.
package conformance
