package s3_test

import (
	"fmt"
	"io"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/goto3/goto3"
	"github.com/goto3/goto3/protocol/restxml"
	"github.com/goto3/goto3/services/s3"
)

// Header members are found whatever the case of the model's wire name,
// header maps by a case-insensitive prefix, and HTTP dates in any form
// xmlutil accepts.
func TestUnmarshalHeadObjectHeaders(t *testing.T) {
	op := codecOp(t, "HeadObject")
	h := http.Header{}
	h.Set("X-Amz-Version-Id", "v1")
	h.Set("Etag", `"e"`)
	h.Set("Content-Length", "12")
	h.Set("X-Amz-Delete-Marker", "true")
	h["X-AMZ-META-Color"] = []string{"blue"}
	h["x-amz-meta-shape"] = []string{"round", "flat"}
	h.Set("X-Amz-Metadata-Directive", "not metadata")
	tests := []struct {
		lastModified string
		want         time.Time
	}{
		{"Tue, 24 Nov 2026 10:00:00 GMT", time.Date(2026, 11, 24, 10, 0, 0, 0, time.UTC)},
		{"Tuesday, 24-Nov-26 10:00:00 GMT", time.Date(2026, 11, 24, 10, 0, 0, 0, time.UTC)},
		{"2026-11-24T10:00:00Z", time.Date(2026, 11, 24, 10, 0, 0, 0, time.UTC)},
	}
	for _, tc := range tests {
		t.Run(tc.lastModified, func(t *testing.T) {
			hh := h.Clone()
			hh.Set("Last-Modified", tc.lastModified)
			out := &s3.HeadObjectOutput{}
			if err := restxml.UnmarshalResponse(&http.Response{StatusCode: 200, Header: hh, Body: http.NoBody}, op, out); err != nil {
				t.Fatal(err)
			}
			want := &s3.HeadObjectOutput{
				VersionId:     goto3.Ptr("v1"),
				ETag:          goto3.Ptr(`"e"`),
				ContentLength: goto3.Ptr(int64(12)),
				DeleteMarker:  goto3.Ptr(true),
				LastModified:  goto3.Ptr(tc.want),
				Metadata:      map[string]string{"color": "blue", "shape": "round, flat"},
			}
			if diff := cmp.Diff(want, out); diff != "" {
				t.Errorf("output mismatch (-want +got):\n%s", diff)
			}
		})
	}
	t.Run("bad date", func(t *testing.T) {
		hh := h.Clone()
		hh.Set("Last-Modified", "Tue, 31 Nov 2026 10:00:00 GMT")
		err := restxml.UnmarshalResponse(&http.Response{StatusCode: 200, Header: hh, Body: http.NoBody}, op, &s3.HeadObjectOutput{})
		if err == nil || !strings.Contains(err.Error(), "Last-Modified") {
			t.Errorf("got %v, want an error naming Last-Modified", err)
		}
	})
}

// An event stream payload is handed over unread, as a streaming blob is.
func TestUnmarshalEventStreamPayload(t *testing.T) {
	op := codecOp(t, "SelectObjectContent")
	const frames = "\x00\x00\x00\x10not xml at all"
	body := io.NopCloser(strings.NewReader(frames))
	out := &s3.SelectObjectContentOutput{}
	if err := restxml.UnmarshalResponse(&http.Response{StatusCode: 200, Header: http.Header{}, Body: body}, op, out); err != nil {
		t.Fatal(err)
	}
	if out.Payload != body {
		t.Fatalf("got payload %#v, want the response body", out.Payload)
	}
	b, err := io.ReadAll(out.Payload)
	if err != nil {
		t.Fatal(err)
	}
	if string(b) != frames {
		t.Errorf("got %q, want %q unread", b, frames)
	}
}

// With two malformed headers the first member in model order is reported,
// whether the response has fewer headers than the shape has header members
// (each header looked up) or more (each member looked up).
func TestUnmarshalHeaderErrorOrder(t *testing.T) {
	op := codecOp(t, "HeadObject")
	for _, extra := range []int{0, 60} {
		t.Run(fmt.Sprintf("%d extra headers", extra), func(t *testing.T) {
			for range 20 { // map iteration order varies
				h := http.Header{}
				h.Set("Last-Modified", "yesterday")
				h.Set("Content-Length", "twelve")
				h.Set("X-Amz-Delete-Marker", "maybe")
				for i := range extra {
					h.Set(fmt.Sprintf("X-Extra-%d", i), "x")
				}
				err := restxml.UnmarshalResponse(&http.Response{StatusCode: 200, Header: h, Body: http.NoBody}, op, &s3.HeadObjectOutput{})
				if err == nil || !strings.Contains(err.Error(), "header x-amz-delete-marker:") {
					t.Fatalf("got %v, want the x-amz-delete-marker error", err)
				}
			}
		})
	}
}
