package restxml_test

import (
	"testing"
	"time"

	"github.com/goto3/goto3/protocol/restxml"
	"github.com/goto3/goto3/protocol/xmlutil"
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
