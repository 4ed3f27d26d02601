// Package difftest replays the differential vectors botocore wrote for a
// service (testdata/services-diff/<svc>.json, made by gen_vectors.py next
// to them) through the service's real generated client: each case's
// params become the operation's Go input, the client validates, resolves
// the endpoint, serializes, builds and sends the request through a
// transport that records it and answers with the case's response; the
// request must be the one botocore's client sent and the decoded output
// or error what botocore's client returned.
//
// A service's test reaches the package's schema through its
// api_export_test.go, so it hands Run a Service:
//
//	package sts_test
//
//	func TestBotocoreServiceDiff(t *testing.T) {
//		difftest.Run(t, "../../testdata/services-diff/sts.json", difftest.Service{
//			Schema:     sts.ServiceSchema,
//			Operations: sts.OperationSchemas(),
//			New:        func(cfg goto3.Config) (any, error) { return sts.New(cfg) },
//		})
//	}
//
// New gets a goto3.Config with the vectors' region, static credentials,
// an HTTP client over the recording transport and one attempt per call;
// it returns the package's *Client (its operation methods are found by
// name with servicetest.Operations).
//
// botocore's clock was frozen at Now when the vectors were made (a file's
// "now"): a service whose requests carry something signed at the current
// time (RDS's and EC2's cross-region presigned URL) gives its client that
// clock in New, rds.New(cfg, func(o *rds.Options) { o.Now = difftest.Now }).
//
// Each case is a subtest named by its id ("<Operation>/<n>", errors
// "<Operation>/error<n>", empty-body errors "<Operation>/empty<status>").
// Service.Skip skips a case with its reason (keep them rare: each should
// name a botocore quirk or a known goto3 bug).
//
// What is compared (testdata/services-diff/README.md has the details,
// the canonical forms and the generator's exclusions):
//
//   - the request: method; scheme, host (host prefix included) and raw
//     path exactly; the query string as decoded (name, value) pairs in
//     any order; every header botocore set (signing, user agent, retry
//     bookkeeping and Expect left out by the generator) by value, comma
//     lists item by item, Content-Length against the request's length,
//     Transfer-Encoding: chunked against a chunked request; no x-amz-* or
//     Content-* header botocore did not send (but a Content-Type where
//     botocore sends none); the body as JSON values (numbers
//     exact), as canonical XML (REST-XML; map entries in any order), as
//     form pairs in any order (Query, EC2), else byte for byte (gzip
//     bodies inflated first). A body compared as a value may differ in
//     bytes, so its Content-Length and digests (x-amz-checksum-*,
//     Content-MD5) must be those of goto3's own body. botocore's
//     aws-chunked upload (trailer checksum) is compared by payload and
//     checksum with goto3's plain one (checksum header) for a seekable
//     body;
//   - a success: the output, converted to the vectors' canonical JSON
//     form (ToCanonical: timestamps RFC 3339, blobs base64, exact
//     integers), equals botocore's result (CompareValues: required
//     scalar members, which Go cannot leave unset, may be zero where
//     botocore has nothing); the request id, when botocore found one;
//   - an error: a *goto3.APIError with botocore's code, message, status,
//     request id and host id (when botocore found them), and the
//     modelled error botocore's client raised (errors.As into its Go
//     type, found by shape name among the service's errors) with its
//     members, or no modelled error when botocore raised a plain
//     ClientError.
//
// Nothing here is safe for concurrent use: the cases of a Run share one
// client and transport.
package difftest
