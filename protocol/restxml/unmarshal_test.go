package restxml_test

import (
	"errors"
	"io"
	"net/http"
	"reflect"
	"strings"
	"testing"

	"github.com/goto3/goto3/protocol"
	"github.com/goto3/goto3/protocol/restxml"
)

type headerOutput struct {
	VersionID *string
}

var headerOp = &protocol.Operation{Name: "DeleteThing", Method: "DELETE", RequestURI: "/{Key}",
	Output: &protocol.Shape{Name: "DeleteThingOutput", Type: protocol.TypeStructure, Payload: -1, GoType: reflect.TypeOf(headerOutput{}),
		Members: []protocol.Member{
			{Name: "VersionId", Field: 0, Shape: hostStr, Location: protocol.LocationHeader, LocationName: "x-amz-version-id"},
		}}}

// TestUnmarshalErrorInHeaderOnlyOutput: an S3 <Error> document with
// status 200 is an error also for an operation whose output has no body
// members (botocore's _handle_200_error looks at every operation with an
// output; the services-diff vectors found it with DeleteObject, and
// testdata/services-diff/s3.json case PutObjectTagging/error38 keeps it).
// Other bodies are left alone, as before.
func TestUnmarshalErrorInHeaderOnlyOutput(t *testing.T) {
	tests := []struct {
		name, body string
		wantCode   string // "" for no error
	}{
		{"error document", `<?xml version="1.0" encoding="UTF-8"?>` + "\n" + `<Error><Code>SlowDown</Code><Message>Reduce your request rate.</Message><RequestId>R1</RequestId><HostId>H1</HostId></Error>`, "SlowDown"},
		{"empty", "", ""},
		{"other document", `<DeleteResult><Deleted/></DeleteResult>`, ""},
		{"not XML", `{"ok": true}`, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			resp := &http.Response{StatusCode: 200, Header: http.Header{"X-Amz-Version-Id": {"v1"}},
				Body: io.NopCloser(strings.NewReader(tt.body)), ContentLength: int64(len(tt.body))}
			var out headerOutput
			err := restxml.UnmarshalResponse(resp, headerOp, &out)
			if tt.wantCode == "" {
				if err != nil {
					t.Fatalf("got %v, want no error", err)
				}
				if out.VersionID == nil || *out.VersionID != "v1" {
					t.Errorf("VersionId: got %v, want v1", out.VersionID)
				}
				return
			}
			var re *protocol.ResponseError
			if !errors.As(err, &re) {
				t.Fatalf("got %v, want a *protocol.ResponseError", err)
			}
			if re.Code != tt.wantCode || re.StatusCode != 500 || re.RequestID != "R1" || re.Message != "Reduce your request rate." {
				t.Errorf("got code %q status %d request id %q message %q", re.Code, re.StatusCode, re.RequestID, re.Message)
			}
		})
	}
}
