package restxml_test

import (
	"fmt"
	"io"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/goto3/goto3/protocol/restxml"
	"github.com/goto3/goto3/protocol/xmlutil"
	"github.com/goto3/goto3/services/s3"
)

// The fast HTTP date parser accepts only what xmlutil.ParseTimestamp
// accepts, with the same instant, in UTC.
func TestParseIMFFixdate(t *testing.T) {
	tests := []struct {
		in   string
		want bool
	}{
		{"Tue, 24 Nov 2026 10:00:00 GMT", true},
		{"Sun, 06 Nov 1994 08:49:37 GMT", true},
		{"Thu, 29 Feb 2024 23:59:59 GMT", true},
		{"Fri, 01 Jan 0001 00:00:00 GMT", true},
		{"Sat, 01 Jan 0000 00:00:00 GMT", true},
		{"Tue, 29 Feb 0000 12:00:00 GMT", true},
		{"Wed, 01 Mar 0000 00:00:00 GMT", true},
		{"Wed, 31 Dec 1969 23:59:59 GMT", true},
		{"Tue, 29 Feb 2000 00:00:00 GMT", true},
		{"Fri, 31 Dec 9999 23:59:59 GMT", true},
		{"Thu, 29 Feb 1900 00:00:00 GMT", false},
		{"Thu, 29 Feb 2023 00:00:00 GMT", false}, // not a leap year
		{"Thu, 31 Apr 2023 00:00:00 GMT", false},
		{"Thu, 00 Apr 2023 00:00:00 GMT", false},
		{"Thu, 01 Apr 2023 24:00:00 GMT", false},
		{"Thu, 01 Apr 2023 23:60:00 GMT", false},
		{"Thu, 01 Apr 2023 23:00:60 GMT", false},
		{"Thx, 01 Apr 2023 00:00:00 GMT", false},
		{"Thu, 01 Apx 2023 00:00:00 GMT", false},
		{"Thu, 01 Apr 2023 00:00:00 UTC", false},
		{"thu, 01 apr 2023 00:00:00 GMT", false},
		{"Thu, 1 Apr 2023 00:00:00 GMT", false},
		{"Thu, 01 Apr 2023 00:00:00 +0000", false},
		{"Thu, 0a Apr 2023 00:00:00 GMT", false},
		{"Thu, 01 Apr 2/23 00:00:00 GMT", false},
		{"2023-04-01T00:00:00Z", false},
		{"", false},
	}
	for _, tc := range tests {
		t.Run(tc.in, func(t *testing.T) {
			got, ok := restxml.ParseIMFFixdate(tc.in)
			if ok != tc.want {
				t.Fatalf("got ok %v, want %v", ok, tc.want)
			}
			if !ok {
				return
			}
			want, err := xmlutil.ParseTimestamp([]byte(tc.in))
			if err != nil {
				t.Fatalf("xmlutil rejects %q: %v", tc.in, err)
			}
			if !got.Equal(want) || got.Location() != time.UTC {
				t.Errorf("got %v (%v), want %v in UTC", got, got.Location(), want)
			}
		})
	}
	if n := testing.AllocsPerRun(100, func() { restxml.ParseIMFFixdate("Tue, 24 Nov 2026 10:00:00 GMT") }); n != 0 {
		t.Errorf("got %v allocations, want 0", n)
	}
}

// Every day of years 0-401, 1890-2109 and 9990-9999 parses to the instant
// time.Date gives.
func TestParseIMFFixdateEveryDay(t *testing.T) {
	for _, r := range [][2]int{{0, 402}, {1890, 2110}, {9990, 10000}} {
		for d := time.Date(r[0], 1, 1, 13, 14, 15, 0, time.UTC); d.Year() < r[1]; d = d.AddDate(0, 0, 1) {
			s := d.Format("Mon, 02 Jan 2006 15:04:05 GMT")
			got, ok := restxml.ParseIMFFixdate(s)
			if !ok || !got.Equal(d) {
				t.Fatalf("%s: got %v, %v, want %v", s, got, ok, d)
			}
		}
	}
}

func FuzzParseIMFFixdate(f *testing.F) {
	f.Add("Tue, 24 Nov 2026 10:00:00 GMT")
	f.Add("Thu, 29 Feb 2023 00:00:00 GMT")
	f.Fuzz(func(t *testing.T, s string) {
		got, ok := restxml.ParseIMFFixdate(s)
		if !ok {
			return
		}
		want, err := xmlutil.ParseTimestamp([]byte(s))
		if err != nil {
			t.Fatalf("fast path accepts %q, xmlutil rejects it: %v", s, err)
		}
		if !got.Equal(want) || got.Location() != time.UTC {
			t.Fatalf("%q: got %v, want %v", s, got, want)
		}
	})
}

// Header members are found whatever the case of the model's wire name,
// header maps by a case-insensitive prefix, and HTTP dates in any form
// xmlutil accepts.
func TestUnmarshalHeadObjectHeaders(t *testing.T) {
	op := s3op(t, "HeadObject")
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
				VersionId:     ptr("v1"),
				ETag:          ptr(`"e"`),
				ContentLength: ptr(int64(12)),
				DeleteMarker:  ptr(true),
				LastModified:  ptr(tc.want),
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
	op := s3op(t, "SelectObjectContent")
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
	op := s3op(t, "HeadObject")
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
