package query_test

import (
	"net/url"
	"strings"
	"testing"

	"github.com/goto3/goto3/protocol"
	"github.com/goto3/goto3/protocol/query"
)

// FuzzFormValue checks that any string and list element survive the form
// encoding: url.ParseQuery gives back exactly what was marshalled, and the
// escaped body uses only unreserved characters, '%', '+', '=' and '&'.
func FuzzFormValue(f *testing.F) {
	f.Add("a b~c/d+é", "x&y=z")
	f.Add("", "\x00\xff")
	f.Add("%zz", "😀")
	op := *testOp
	op.HostPrefix = ""
	f.Fuzz(func(t *testing.T, s, elem string) {
		in := &testInput{Foo: &s, List: []string{elem, s}, Label: "a"}
		req := newRequest(t, "https://example.com")
		if err := query.MarshalRequest(req, &op, in, protocol.MarshalOptions{NewIdempotencyToken: fixedToken}); err != nil {
			t.Fatal(err)
		}
		body := readBody(t, req)
		for i := 0; i < len(body); i++ {
			c := body[i]
			if !('a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9' || strings.IndexByte("-_.~%+=&", c) >= 0) {
				t.Fatalf("body has unescaped byte %q: %s", c, body)
			}
		}
		vals, err := url.ParseQuery(body)
		if err != nil {
			t.Fatalf("ParseQuery(%q): %v", body, err)
		}
		if got := vals.Get("Foo"); got != s {
			t.Errorf("got Foo %q, want %q", got, s)
		}
		if got := vals.Get("List.member.1"); got != elem {
			t.Errorf("got List.member.1 %q, want %q", got, elem)
		}
	})
}
