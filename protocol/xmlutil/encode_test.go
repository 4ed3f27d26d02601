package xmlutil_test

import (
	"math"
	"reflect"
	"testing"
	"time"

	"github.com/goto3/goto3/protocol"
	"github.com/goto3/goto3/protocol/xmlutil"
)

func TestAppendElement(t *testing.T) {
	in := listOutput{
		Name:     ptr("a<b>&\"c\"\r"),
		Contents: []object{{Key: ptr("k1")}, {Key: ptr("k2"), Size: ptr(int64(-3))}},
		Tags:     map[string]string{"z": "1", "a": "2"},
		Flat:     map[string]string{"x": "y"},
		Wrapped:  []string{},
		Data:     []byte("hi"),
		Ratio:    ptr(math.NaN()),
	}
	b, err := xmlutil.AppendElement([]byte("prefix:"), "Root", protocol.XMLNamespace{Prefix: "p", URI: "urn:x"}, listOutputShape, reflect.ValueOf(in), xmlutil.EncodeOptions{})
	if err != nil {
		t.Fatal(err)
	}
	want := `prefix:<Root xmlns:p="urn:x">` +
		`<Contents><Key>k1</Key></Contents><Contents><Key>k2</Key><Size>-3</Size></Contents>` +
		`<Name>a&lt;b&gt;&amp;"c"&#13;</Name>` +
		`<Tags><entry><K>a</K><V>2</V></entry><entry><K>z</K><V>1</V></entry></Tags>` +
		`<Flat><key>x</key><value>y</value></Flat>` +
		`<Wrapped></Wrapped>` +
		`<Data>aGk=</Data><Ratio>NaN</Ratio></Root>`
	if string(b) != want {
		t.Errorf("got  %s\nwant %s", b, want)
	}
}

func TestFormatFloat(t *testing.T) {
	tests := []struct {
		f    float64
		bits int
		want string
	}{
		{1.1, 64, "1.1"}, {float64(float32(1.1)), 32, "1.1"}, {5, 64, "5.0"}, {-0.5, 64, "-0.5"},
		{1e16, 64, "1e+16"}, {1.5e-5, 64, "1.5e-05"}, {0.0001, 64, "0.0001"}, {123456789012345.0, 64, "123456789012345.0"},
		{math.NaN(), 64, "NaN"}, {math.Inf(1), 64, "Infinity"}, {math.Inf(-1), 32, "-Infinity"},
	}
	for _, tt := range tests {
		if got := xmlutil.FormatFloat(tt.f, tt.bits); got != tt.want {
			t.Errorf("FormatFloat(%v, %d): got %q, want %q", tt.f, tt.bits, got, tt.want)
		}
	}
}

func TestTimestamps(t *testing.T) {
	ts := time.Date(2014, 4, 29, 18, 30, 38, 0, time.UTC)
	frac := ts.Add(123456 * time.Microsecond)
	formats := []struct {
		t    time.Time
		f    protocol.TimestampFormat
		want string
	}{
		{ts, protocol.TimestampDefault, "2014-04-29T18:30:38Z"},
		{frac, protocol.TimestampISO8601, "2014-04-29T18:30:38.123456Z"},
		{ts, protocol.TimestampRFC822, "Tue, 29 Apr 2014 18:30:38 GMT"},
		{ts, protocol.TimestampUnix, "1398796238"},
		{frac, protocol.TimestampUnix, "1398796238.123456"},
	}
	for _, tt := range formats {
		if got := xmlutil.FormatTimestamp(tt.t, tt.f); got != tt.want {
			t.Errorf("FormatTimestamp(%v, %d): got %q, want %q", tt.t, tt.f, got, tt.want)
		}
	}
	parses := []struct {
		in   string
		want time.Time
	}{
		{"2014-04-29T18:30:38Z", ts},
		{"2014-04-29T18:30:38.123456Z", frac},
		{"2014-04-29T20:30:38+02:00", ts},
		{"Tue, 29 Apr 2014 18:30:38 GMT", ts},
		{"1398796238", ts},
		{"1398796238.5", ts.Add(500 * time.Millisecond)},
		{" 2014-04-29T18:30:38Z\n", ts},
		{"2014-04-29 18:30:38", ts},
		{"2014-04-29 18:30:38.123456", frac},
		{"2014-04-29 20:30:38+02:00", ts},
	}
	for _, tt := range parses {
		got, err := xmlutil.ParseTimestamp([]byte(tt.in))
		if err != nil || !got.Equal(tt.want) {
			t.Errorf("ParseTimestamp(%q): got %v, %v; want %v", tt.in, got, err, tt.want)
		}
	}
	for _, bad := range []string{"", "yesterday", "2014-13-01T00:00:00Z", "NaN"} {
		if _, err := xmlutil.ParseTimestamp([]byte(bad)); err == nil {
			t.Errorf("ParseTimestamp(%q): got nil error, want one", bad)
		}
	}
}
