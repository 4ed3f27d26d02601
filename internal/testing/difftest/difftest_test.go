package difftest

import (
	"bytes"
	"encoding/json"
	"io"
	"net/http"
	"net/url"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/goto3/goto3/protocol"
)

type item struct {
	N *int32
}

type thing struct {
	Name    string
	When    *time.Time
	Data    []byte
	Items   []item
	Tags    map[string]string
	Ratio   *float32
	Big     *int64
	Doc     any
	Payload io.Reader
	Header  *string
}

var (
	strShape  = &protocol.Shape{Name: "S", Type: protocol.TypeString}
	itemShape = &protocol.Shape{Name: "Item", Type: protocol.TypeStructure, Payload: -1, GoType: reflect.TypeOf(item{}),
		Members: []protocol.Member{{Name: "N", Field: 0, Shape: &protocol.Shape{Name: "I", Type: protocol.TypeInteger}}}}
	thingShape = &protocol.Shape{Name: "Thing", Type: protocol.TypeStructure, Payload: 8, GoType: reflect.TypeOf(thing{}),
		Members: []protocol.Member{
			{Name: "Name", Field: 0, Shape: strShape, Required: true},
			{Name: "When", Field: 1, Shape: &protocol.Shape{Name: "T", Type: protocol.TypeTimestamp}},
			{Name: "Data", Field: 2, Shape: &protocol.Shape{Name: "B", Type: protocol.TypeBlob}},
			{Name: "Items", Field: 3, Shape: &protocol.Shape{Name: "L", Type: protocol.TypeList, Member: &protocol.Member{Field: -1, Shape: itemShape}}},
			{Name: "Tags", Field: 4, Shape: &protocol.Shape{Name: "M", Type: protocol.TypeMap, Key: &protocol.Member{Field: -1, Shape: strShape}, Value: &protocol.Member{Field: -1, Shape: strShape}}},
			{Name: "Ratio", Field: 5, Shape: &protocol.Shape{Name: "F", Type: protocol.TypeFloat}},
			{Name: "Big", Field: 6, Shape: &protocol.Shape{Name: "Lg", Type: protocol.TypeLong}},
			{Name: "Doc", Field: 7, Shape: &protocol.Shape{Name: "D", Type: protocol.TypeDocument}},
			{Name: "Payload", Field: 8, Shape: &protocol.Shape{Name: "SB", Type: protocol.TypeBlob, Streaming: true}, Streaming: true},
			{Name: "Header", Field: 9, Shape: strShape, Location: protocol.LocationHeader, LocationName: "x-json", JSONValue: true},
		}}
)

func decode(t *testing.T, s string) map[string]any {
	t.Helper()
	d := json.NewDecoder(strings.NewReader(s))
	d.UseNumber()
	var m map[string]any
	if err := d.Decode(&m); err != nil {
		t.Fatal(err)
	}
	return m
}

// TestCanonicalRoundTrip: params built into Go and converted back give
// the same canonical value (a jsonvalue header member comes back parsed).
func TestCanonicalRoundTrip(t *testing.T) {
	params := decode(t, `{"Name":"n","When":"2015-01-25T08:00:00.5Z","Data":"AP8=","Items":[{"N":7},{}],
		"Tags":{"a":"b"},"Ratio":1.25,"Big":9007199254740993,"Doc":{"k":[1,"x",null]},"Payload":"aGk=","Header":"{\"a\":1}"}`)
	v, err := BuildInput(thingShape, params)
	if err != nil {
		t.Fatal(err)
	}
	th := v.Interface().(*thing)
	if *th.Big != 9007199254740993 || !bytes.Equal(th.Data, []byte{0, 0xff}) || th.When.Nanosecond() != 5e8 {
		t.Fatalf("built %+v", th)
	}
	got := ToCanonical(thingShape, v)
	want := decode(t, `{"Name":"n","When":"2015-01-25T08:00:00.5Z","Data":"AP8=","Items":[{"N":7},{}],
		"Tags":{"a":"b"},"Ratio":1.25,"Big":9007199254740993,"Doc":{"k":[1,"x",null]},"Payload":"aGk=","Header":{"a":1}}`)
	if diff := CompareValues(thingShape, want, got); diff != "" {
		t.Errorf("(-want +got):\n%s", diff)
	}
	// A required zero scalar botocore lacks is not a difference; another
	// missing member is.
	if diff := CompareValues(thingShape, map[string]any{}, map[string]any{"Name": ""}); diff != "" {
		t.Errorf("required zero: %s", diff)
	}
	if diff := CompareValues(thingShape, map[string]any{}, map[string]any{"Name": "x"}); diff == "" {
		t.Error("a set required member botocore lacks went unnoticed")
	}
	if _, err := BuildInput(thingShape, map[string]any{"Nope": "x"}); err == nil {
		t.Error("an unknown member was accepted")
	}
}

func TestQueryDiff(t *testing.T) {
	if d := queryDiff("b=2&a=x%20y&a=1", [][2]string{{"a", "1"}, {"a", "x y"}, {"b", "2"}}); d != "" {
		t.Errorf("same pairs: %s", d)
	}
	// '+' is a space in a query string: an unencoded plus is not botocore's.
	if d := queryDiff("k=x+y", [][2]string{{"k", "x+y"}}); d == "" {
		t.Error("an unencoded + went unnoticed")
	}
	if d := queryDiff("k=1&k=1", [][2]string{{"k", "1"}}); d == "" {
		t.Error("a repeated pair went unnoticed")
	}
}

func TestUnchunk(t *testing.T) {
	want := Request{Headers: map[string]string{
		"Content-Encoding":             "aws-chunked,gzip",
		"Transfer-Encoding":            "chunked",
		"X-Amz-Decoded-Content-Length": "7",
		"X-Amz-Trailer":                "x-amz-checksum-crc32",
		"Content-Type":                 "text/plain",
	}}
	got, body, err := unchunk(want, []byte("4\r\nabcd\r\n3\r\nefg\r\n0\r\nx-amz-checksum-crc32:AAAA==\r\n\r\n"))
	if err != nil {
		t.Fatal(err)
	}
	if string(body) != "abcdefg" {
		t.Errorf("payload %q", body)
	}
	wantH := map[string]string{"Content-Encoding": "gzip", "Content-Type": "text/plain", "Content-Length": "7", "x-amz-checksum-crc32": "AAAA=="}
	if !reflect.DeepEqual(got.Headers, wantH) {
		t.Errorf("headers %v, want %v", got.Headers, wantH)
	}
	if _, _, err := unchunk(want, []byte("zz\r\n")); err == nil {
		t.Error("a bad chunk size was accepted")
	}
}

// TestCompareRequest: a request equal to botocore's up to what the
// comparison forgives passes; each kind of difference is reported.
func TestCompareRequest(t *testing.T) {
	op := &protocol.Operation{Name: "Op"}
	want := Request{
		Method:  "POST",
		URL:     "https://svc.us-east-1.amazonaws.com/a%20b",
		Query:   [][2]string{{"x", "1"}},
		Headers: map[string]string{"Content-Type": "application/x-amz-json-1.0", "Content-Length": "16", "X-Amz-Target": "S.Op", "X-List": "a,b"},
		Body:    `{"k": "caf\u00e9"}`,
	}
	mk := func(mut func(*http.Request, *[]byte)) sent {
		u, _ := url.Parse("https://svc.us-east-1.amazonaws.com/a%20b?x=1")
		body := []byte(`{"k":"café"}`)
		req := &http.Request{Method: "POST", URL: u, Header: http.Header{
			"Content-Type": {"application/x-amz-json-1.0"}, "X-Amz-Target": {"S.Op"}, "X-List": {"a, b"},
			"User-Agent": {"goto3"}, "Authorization": {"sig"},
		}}
		if mut != nil {
			mut(req, &body)
		}
		req.ContentLength = int64(len(body))
		return sent{req: req, body: body}
	}
	if failed := runSub(func(t reporter) { compareRequest(t, "json", op, mk(nil), want) }); failed {
		t.Error("an equal request failed")
	}
	for name, mut := range map[string]func(*http.Request, *[]byte){
		"method": func(r *http.Request, _ *[]byte) { r.Method = "PUT" },
		"path":   func(r *http.Request, _ *[]byte) { r.URL.Path, r.URL.RawPath = "/a+b", "" },
		"query":  func(r *http.Request, _ *[]byte) { r.URL.RawQuery = "x=2" },
		"header": func(r *http.Request, _ *[]byte) { r.Header.Set("X-Amz-Target", "S.Other") },
		"extra":  func(r *http.Request, _ *[]byte) { r.Header.Set("X-Amz-Extra", "1") },
		"body":   func(_ *http.Request, b *[]byte) { *b = []byte(`{"k":"cafe"}`) },
	} {
		if !runSub(func(t reporter) { compareRequest(t, "json", op, mk(mut), want) }) {
			t.Errorf("%s: a different request passed", name)
		}
	}
}

// fakeT records failures; Fatalf ends the check (runSub recovers).
type fakeT struct{ failed bool }

type fatal struct{}

func (f *fakeT) Helper()               {}
func (f *fakeT) Errorf(string, ...any) { f.failed = true }
func (f *fakeT) Fatalf(string, ...any) { f.failed = true; panic(fatal{}) }

// runSub runs a check against a fakeT and reports whether it failed.
func runSub(check func(t reporter)) (failed bool) {
	ft := &fakeT{}
	defer func() {
		if r := recover(); r != nil {
			if _, ok := r.(fatal); !ok {
				panic(r)
			}
		}
		failed = ft.failed
	}()
	check(ft)
	return ft.failed
}
