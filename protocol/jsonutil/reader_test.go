package jsonutil_test

import (
	"bytes"
	"encoding/json"
	"errors"
	"math"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/goto3/goto3/protocol"
	"github.com/goto3/goto3/protocol/jsonutil"
)

func readDoc(data string) (any, error) {
	r := jsonutil.NewReader([]byte(data))
	v, err := r.ReadDocument()
	if err != nil {
		return nil, err
	}
	return v, r.End()
}

func stdDoc(data string) (any, error) {
	d := json.NewDecoder(strings.NewReader(data))
	d.UseNumber()
	var v any
	if err := d.Decode(&v); err != nil {
		return nil, err
	}
	if _, err := d.Token(); err == nil {
		return nil, errors.New("data after the value")
	}
	return v, nil
}

func TestReaderDocuments(t *testing.T) {
	tests := []struct {
		name string
		in   string
		want any
	}{
		{"null", "null", nil},
		{"true", " true ", true},
		{"false", "false", false},
		{"integer", "-12", json.Number("-12")},
		{"zero", "0", json.Number("0")},
		{"fraction and exponent", "1.5e-3", json.Number("1.5e-3")},
		{"big integer keeps its digits", "123456789012345678901234567890", json.Number("123456789012345678901234567890")},
		{"string", `"a"`, "a"},
		{"escapes", `"\"\\\/\b\f\n\r\t\u00e9"`, "\"\\/\b\f\n\r\té"},
		{"surrogate pair", `"\ud83d\ude00"`, "😀"},
		{"lone surrogate", `"\ud83d x"`, "\ufffd x"},
		{"utf-8 as is", `"héllo"`, "héllo"},
		{"empty object", "{}", map[string]any{}},
		{"empty array", "[ ]", []any{}},
		{"nested", `{"a": [1, {"b": null}], "c": {"d": "e"}}`, map[string]any{"a": []any{json.Number("1"), map[string]any{"b": nil}}, "c": map[string]any{"d": "e"}}},
		{"duplicate key: the last wins", `{"a": 1, "a": 2}`, map[string]any{"a": json.Number("2")}},
		{"escaped key", `{"a\u0062": 1}`, map[string]any{"ab": json.Number("1")}},
		{"whitespace", " \t\r\n[\n1 ,\t2 ] \n", []any{json.Number("1"), json.Number("2")}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := readDoc(tt.in)
			if err != nil {
				t.Fatalf("got error %v, want %v", err, tt.want)
			}
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("(-want +got):\n%s", diff)
			}
			std, err := stdDoc(tt.in)
			if err != nil {
				t.Fatalf("encoding/json: %v", err)
			}
			if diff := cmp.Diff(std, got); diff != "" {
				t.Errorf("differs from encoding/json (-std +got):\n%s", diff)
			}
		})
	}
}

func TestReaderErrors(t *testing.T) {
	tests := []struct{ name, in string }{
		{"empty", ""},
		{"only space", "  "},
		{"bad literal", "nul"},
		{"capital literal", "True"},
		{"leading zero", "01"},
		{"lone minus", "-"},
		{"dot without digits", "1."},
		{"exponent without digits", "1e+"},
		{"plus sign", "+1"},
		{"hex", "0x1"},
		{"unterminated string", `"abc`},
		{"control character", "\"a\nb\""},
		{"bad escape", `"\x"`},
		{"short unicode escape", `"\u12"`},
		{"trailing comma in object", `{"a":1,}`},
		{"trailing comma in array", `[1,]`},
		{"leading comma", `[,1]`},
		{"missing colon", `{"a" 1}`},
		{"missing comma", `[1 2]`},
		{"unquoted key", `{a:1}`},
		{"unterminated object", `{"a":1`},
		{"unterminated array", `[1`},
		{"two values", `1 2`},
		{"close without open", `]`},
		{"mismatched close", `[1}`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if _, err := readDoc(tt.in); err == nil {
				t.Errorf("got no error for %q", tt.in)
			}
			if json.Valid([]byte(tt.in)) {
				t.Errorf("encoding/json accepts %q", tt.in)
			}
		})
	}
}

func TestReaderDepth(t *testing.T) {
	deep := strings.Repeat("[", 1001) + strings.Repeat("]", 1001)
	_, err := readDoc(deep)
	if !errors.Is(err, jsonutil.ErrDepth) {
		t.Errorf("1001 levels: got %v, want ErrDepth", err)
	}
	ok := strings.Repeat(`{"a":`, 1000) + "1" + strings.Repeat("}", 1000)
	if _, err := readDoc(ok); err != nil {
		t.Errorf("1000 levels: got %v, want none", err)
	}
	r := jsonutil.NewReader([]byte("[[[1]]]"))
	r.MaxDepth = 2
	if _, err := r.ReadDocument(); !errors.Is(err, jsonutil.ErrDepth) {
		t.Errorf("MaxDepth 2: got %v, want ErrDepth", err)
	}
}

func TestReaderInvalidUTF8(t *testing.T) {
	got, err := readDoc("\"a\xffb\"")
	if err != nil || got != "a\ufffdb" {
		t.Errorf("got %q, %v; want a\\ufffdb", got, err)
	}
	got, err = readDoc("\"\\n\xff\"")
	if err != nil || got != "\n\ufffd" {
		t.Errorf("with an escape: got %q, %v; want \\n\\ufffd", got, err)
	}
}

// TestReaderCorpus reads every JSON file of the repository's testdata
// (protocol tests, endpoint rule sets and tests, vectors) and compares
// the documents with encoding/json's.
func TestReaderCorpus(t *testing.T) {
	var files []string
	for _, pattern := range []string{"protocols/*/*.json", "protocols/legacy/*/*.json", "protocols-diff/*.json", "endpoints/*/*/*.json"} {
		m, err := filepath.Glob(filepath.Join("..", "..", "testdata", pattern))
		if err != nil {
			t.Fatal(err)
		}
		files = append(files, m...)
	}
	if len(files) < 30 {
		t.Fatalf("found %d files, want the testdata corpus", len(files))
	}
	for _, f := range files {
		data, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		got, err := readDoc(string(data))
		if err != nil {
			t.Errorf("%s: %v", f, err)
			continue
		}
		std, err := stdDoc(string(data))
		if err != nil {
			t.Fatalf("%s: encoding/json: %v", f, err)
		}
		if !cmp.Equal(std, got) {
			t.Errorf("%s: differs from encoding/json", f)
		}
	}
}

func TestAppendString(t *testing.T) {
	tests := []struct{ in, want string }{
		{"", `""`},
		{"abc", `"abc"`},
		{`a"b\c`, `"a\"b\\c"`},
		{"\n\r\t\b\f", `"\n\r\t\b\f"`},
		{"\x00\x1f", `"\u0000\u001f"`},
		{"é😀", `"é😀"`},
		{"a\xffb", `"a\ufffdb"`},
		{"\u2028\u2029", `"\u2028\u2029"`},
		{"<&>", `"<&>"`},
	}
	for _, tt := range tests {
		if got := string(jsonutil.AppendString(nil, tt.in)); got != tt.want {
			t.Errorf("AppendString(%q): got %s, want %s", tt.in, got, tt.want)
		}
		got, err := readDoc(string(jsonutil.AppendString(nil, tt.in)))
		if want := strings.ToValidUTF8(tt.in, "\ufffd"); err != nil || got != want {
			t.Errorf("read back %q: got %q, %v", tt.in, got, err)
		}
	}
}

func TestAppendFloat(t *testing.T) {
	tests := []struct {
		f    float64
		bits int
		want string
	}{
		{1234.5, 64, "1234.5"},
		{1, 64, "1"},
		{-0.25, 64, "-0.25"},
		{1.1, 32, "1.1"},
		{0.1, 64, "0.1"},
		{1e21, 64, "1e+21"},
		{1e-7, 64, "1e-07"},
		{math.NaN(), 64, `"NaN"`},
		{math.Inf(1), 64, `"Infinity"`},
		{math.Inf(-1), 32, `"-Infinity"`},
	}
	for _, tt := range tests {
		f := tt.f
		if tt.bits == 32 {
			f = float64(float32(f))
		}
		if got := string(jsonutil.AppendFloat(nil, f, tt.bits)); got != tt.want {
			t.Errorf("AppendFloat(%v, %d): got %s, want %s", tt.f, tt.bits, got, tt.want)
		}
	}
}

func TestParseInt(t *testing.T) {
	tests := []struct {
		in   string
		want int64
		ok   bool
	}{
		{"0", 0, true},
		{"-0", 0, true},
		{"9223372036854775807", math.MaxInt64, true},
		{"-9223372036854775808", math.MinInt64, true},
		{"9223372036854775808", 0, false},
		{"-9223372036854775809", 0, false},
		{"99999999999999999999", 0, false},
		{"1.0", 1, true},
		{"1e3", 1000, true},
		{"1.5", 0, false},
		{"", 0, false},
		{"-", 0, false},
	}
	for _, tt := range tests {
		got, ok := jsonutil.ParseInt([]byte(tt.in))
		if got != tt.want || ok != tt.ok {
			t.Errorf("ParseInt(%q): got %d, %v; want %d, %v", tt.in, got, ok, tt.want, tt.ok)
		}
	}
}

func TestEpochSeconds(t *testing.T) {
	tests := []struct {
		in   string
		want time.Time
		ok   bool
	}{
		{"1398796238", time.Unix(1398796238, 0), true},
		{"1398796238.123", time.Unix(1398796238, 123e6), true},
		{"946845296.123456789", time.Unix(946845296, 123456789), true},
		{"946845296.1234567891", time.Unix(946845296, 123456789), true},
		{"-1.5", time.Unix(-1, -5e8), true},
		{"1.5e3", time.Unix(1500, 0), true},
		{"1e20", time.Time{}, false},
	}
	for _, tt := range tests {
		got, ok := jsonutil.EpochSeconds([]byte(tt.in))
		if ok != tt.ok || ok && !got.Equal(tt.want) {
			t.Errorf("EpochSeconds(%s): got %v, %v; want %v, %v", tt.in, got, ok, tt.want, tt.ok)
		}
	}
}

func TestAppendTimestamp(t *testing.T) {
	ts := time.Date(2000, 1, 2, 20, 34, 56, 0, time.UTC)
	tests := []struct {
		t    time.Time
		f    protocol.TimestampFormat
		want string
	}{
		{ts, protocol.TimestampDefault, "946845296"},
		{ts, protocol.TimestampUnix, "946845296"},
		{ts.Add(123 * time.Millisecond), protocol.TimestampUnix, "946845296.123"},
		{ts.Add(500 * time.Millisecond), protocol.TimestampUnix, "946845296.5"},
		{ts.Add(123456 * time.Microsecond), protocol.TimestampUnix, "946845296.123"},
		{time.Unix(-2, 5e8), protocol.TimestampUnix, "-1.5"},
		{time.Unix(-1, 75e7), protocol.TimestampUnix, "-0.25"},
		{ts, protocol.TimestampISO8601, `"2000-01-02T20:34:56Z"`},
		{ts.Add(123 * time.Millisecond), protocol.TimestampISO8601, `"2000-01-02T20:34:56.123000Z"`},
		{ts, protocol.TimestampRFC822, `"Sun, 02 Jan 2000 20:34:56 GMT"`},
	}
	for _, tt := range tests {
		got := string(jsonutil.AppendTimestamp(nil, tt.t, tt.f))
		if got != tt.want {
			t.Errorf("AppendTimestamp(%v, %d): got %s, want %s", tt.t, tt.f, got, tt.want)
		}
		if tt.f == protocol.TimestampUnix {
			back, ok := jsonutil.EpochSeconds([]byte(got))
			if !ok || !back.Equal(tt.t.Truncate(time.Millisecond)) && tt.t.Unix() >= 0 {
				t.Errorf("read back %s: got %v, want %v", got, back, tt.t)
			}
		}
	}
}

func TestValidNumber(t *testing.T) {
	for _, s := range []string{"0", "-1", "1.5", "1e5", "1E-5", "123456789012345678901234567890.5"} {
		if !jsonutil.ValidNumber(s) {
			t.Errorf("ValidNumber(%q): got false, want true", s)
		}
	}
	for _, s := range []string{"", "-", "01", "1.", ".5", "1e", "+1", "NaN", "1 ", "0x10"} {
		if jsonutil.ValidNumber(s) {
			t.Errorf("ValidNumber(%q): got true, want false", s)
		}
		if json.Valid([]byte(s)) && s != "1 " {
			t.Errorf("encoding/json accepts %q", s)
		}
	}
}

func TestDecodeBase64(t *testing.T) {
	for _, in := range []string{"YmluYXJ5LXZhbHVl", "YQ==", "YQ", ""} {
		got, err := jsonutil.DecodeBase64([]byte(in))
		if err != nil {
			t.Errorf("DecodeBase64(%q): %v", in, err)
			continue
		}
		if want := map[string]string{"YmluYXJ5LXZhbHVl": "binary-value", "YQ==": "a", "YQ": "a", "": ""}[in]; !bytes.Equal(got, []byte(want)) {
			t.Errorf("DecodeBase64(%q): got %q, want %q", in, got, want)
		}
	}
	if _, err := jsonutil.DecodeBase64([]byte("!!!!")); err == nil {
		t.Errorf("DecodeBase64(!!!!): got no error")
	}
}
