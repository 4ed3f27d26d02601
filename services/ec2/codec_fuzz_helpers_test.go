package ec2_test

import (
	"io"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/goto3/goto3/protocol"
)

// Helpers of the differential fuzz targets moved here from the fuzz
// package (services/s3 has the S3 ones, services/ses the SES ones).

// fuzzMaxField bounds every fuzzed string so one iteration stays fast.
const fuzzMaxField = 256

// fuzzToken fixes the idempotency token.
var fuzzToken = protocol.MarshalOptions{NewIdempotencyToken: func() string { return "00000000-0000-4000-8000-000000000000" }}

// fuzzClip bounds s to fuzzMaxField bytes, cutting at a rune start so that
// valid UTF-8 stays valid.
func fuzzClip(s string) string {
	if len(s) <= fuzzMaxField {
		return s
	}
	n := fuzzMaxField
	for n > 0 && !utf8.RuneStart(s[n]) {
		n--
	}
	return s[:n]
}

// fuzzPieces splits extra into at most n bounded strings.
func fuzzPieces(extra string, n int) []string {
	ps := strings.SplitN(extra, "\n", n)
	for i := range ps {
		ps[i] = fuzzClip(ps[i])
	}
	return ps
}

// fuzzOp returns the operation named name.
func fuzzOp(t testing.TB, ops []*protocol.Operation, name string) *protocol.Operation {
	t.Helper()
	for _, op := range ops {
		if op.Name == name {
			return op
		}
	}
	t.Fatalf("no operation %s", name)
	return nil
}

// formOf marshals in with marshal and returns the form url.ParseQuery reads
// from the body.
func formOf(t *testing.T, marshal func(*http.Request, *protocol.Operation, any, protocol.MarshalOptions) error, op *protocol.Operation, in any, endpoint string) url.Values {
	t.Helper()
	u, _ := url.Parse(endpoint)
	req := &http.Request{Method: http.MethodGet, URL: u, Header: make(http.Header), Host: u.Host}
	if err := marshal(req, op, in, fuzzToken); err != nil {
		t.Fatalf("%s: MarshalRequest: %v", op.Name, err)
	}
	body, err := io.ReadAll(req.Body)
	if err != nil {
		t.Fatal(err)
	}
	vals, err := url.ParseQuery(string(body))
	if err != nil {
		t.Fatalf("%s: url.ParseQuery of the body: %v\nbody: %q", op.Name, err, body)
	}
	if ct := req.Header.Get("Content-Type"); ct != "application/x-www-form-urlencoded; charset=utf-8" {
		t.Errorf("%s: got Content-Type %q, want application/x-www-form-urlencoded; charset=utf-8", op.Name, ct)
	}
	return vals
}
