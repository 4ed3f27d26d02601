package restxml_test

import (
	"net/http"
	"net/url"
	"reflect"
	"strings"
	"testing"

	"github.com/goto3/goto3/protocol"
	"github.com/goto3/goto3/protocol/restxml"
)

type hostInput struct {
	Account *string
	Token   *string
}

var (
	hostStr   = &protocol.Shape{Name: "String", Type: protocol.TypeString}
	hostShape = &protocol.Shape{Name: "HostInput", Type: protocol.TypeStructure, Payload: -1, GoType: reflect.TypeOf(hostInput{}),
		Members: []protocol.Member{
			{Name: "Account", Field: 0, Shape: hostStr, HostLabel: true, Location: protocol.LocationHeader, LocationName: "x-amz-account-id"},
			{Name: "Token", Field: 1, Shape: hostStr, IdempotencyToken: true, Location: protocol.LocationQuery, LocationName: "token"},
		}}
	hostOp = &protocol.Operation{Name: "HostOp", Method: "GET", RequestURI: "/things", Input: hostShape, HostPrefix: "{Account}.ctl."}
)

func ptr[T any](v T) *T { return &v }

func TestMarshalHostPrefix(t *testing.T) {
	tests := []struct {
		name    string
		account *string
		want    string // host, or error substring
		wantErr bool
	}{
		{"valid", ptr("123456789012"), "123456789012.ctl.example.com", false},
		{"dots and dashes", ptr("a-b.c"), "a-b.c.ctl.example.com", false},
		{"slash", ptr("a/b"), "host label", true},
		{"empty", ptr(""), "host label", true},
		{"unset", nil, "host label", true},
		{"injection", ptr("evil.com#"), "host label", true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			u, _ := url.Parse("https://example.com")
			req := &http.Request{URL: u, Header: http.Header{}, Host: "example.com"}
			err := restxml.MarshalRequest(req, hostOp, &hostInput{Account: tt.account}, protocol.MarshalOptions{NewIdempotencyToken: func() string { return "tok" }})
			if tt.wantErr {
				if err == nil || !strings.Contains(err.Error(), tt.want) {
					t.Fatalf("got %v, want an error containing %q", err, tt.want)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if req.URL.Host != tt.want || req.Host != tt.want {
				t.Errorf("got URL.Host %q, Host %q; want %q", req.URL.Host, req.Host, tt.want)
			}
			if req.URL.RawQuery != "token=tok" {
				t.Errorf("query: got %q, want token=tok (auto-filled idempotency token)", req.URL.RawQuery)
			}
		})
	}
}

func TestMarshalTokenNotOverwritten(t *testing.T) {
	u, _ := url.Parse("https://example.com")
	req := &http.Request{URL: u, Header: http.Header{}}
	in := &hostInput{Account: ptr("a"), Token: ptr("mine")}
	if err := restxml.MarshalRequest(req, hostOp, in, protocol.MarshalOptions{NewIdempotencyToken: func() string { return "tok" }}); err != nil {
		t.Fatal(err)
	}
	if req.URL.RawQuery != "token=mine" {
		t.Errorf("query: got %q, want token=mine", req.URL.RawQuery)
	}
	if *in.Token != "mine" {
		t.Errorf("input modified: got %q", *in.Token)
	}
	// The default generator makes a version-4 UUID.
	req = &http.Request{URL: &url.URL{Scheme: "https", Host: "example.com"}, Header: http.Header{}}
	if err := restxml.MarshalRequest(req, hostOp, &hostInput{Account: ptr("a")}, protocol.MarshalOptions{}); err != nil {
		t.Fatal(err)
	}
	tok := strings.TrimPrefix(req.URL.RawQuery, "token=")
	if len(tok) != 36 || tok[14] != '4' || !strings.ContainsRune("89ab", rune(tok[19])) {
		t.Errorf("token: got %q, want a version-4 UUID", tok)
	}
}
