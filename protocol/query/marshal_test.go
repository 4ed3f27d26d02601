package query_test

import (
	"io"
	"math"
	"net/http"
	"net/url"
	"reflect"
	"testing"
	"time"

	"github.com/goto3/goto3/protocol"
	"github.com/goto3/goto3/protocol/query"
)

type greeting struct {
	Hi *string
}

type nested struct {
	StringArg    *string
	RecursiveArg *nested
}

type testInput struct {
	Foo      *string
	Baz      *bool
	Bam      *int32
	Boo      *float64
	Small    *float32
	Qux      []byte
	When     *time.Time
	Epoch    *time.Time
	HTTPDate *time.Time
	List     []string
	Flat     []string
	Named    []string
	Greets   []greeting
	Map      map[string]string
	FlatMap  map[string]string
	Nested   *nested
	Token    *string
	Label    string
}

var (
	strShape   = &protocol.Shape{Name: "String", Type: protocol.TypeString}
	boolShape  = &protocol.Shape{Name: "Boolean", Type: protocol.TypeBoolean}
	intShape   = &protocol.Shape{Name: "Integer", Type: protocol.TypeInteger}
	dblShape   = &protocol.Shape{Name: "Double", Type: protocol.TypeDouble}
	fltShape   = &protocol.Shape{Name: "Float", Type: protocol.TypeFloat}
	blobShape  = &protocol.Shape{Name: "Blob", Type: protocol.TypeBlob}
	tsShape    = &protocol.Shape{Name: "Timestamp", Type: protocol.TypeTimestamp}
	epochShape = &protocol.Shape{Name: "Epoch", Type: protocol.TypeTimestamp, TimestampFormat: protocol.TimestampUnix}
	listShape  = &protocol.Shape{Name: "StringList", Type: protocol.TypeList, Member: &protocol.Member{Field: -1, Shape: strShape}}
	namedList  = &protocol.Shape{Name: "NamedList", Type: protocol.TypeList, Member: &protocol.Member{Field: -1, Shape: strShape, LocationName: "item"}}
	greetShape = &protocol.Shape{Name: "Greeting", Type: protocol.TypeStructure, Payload: -1, GoType: reflect.TypeFor[greeting](),
		Members: []protocol.Member{{Name: "Hi", Field: 0, Shape: strShape, LocationName: "hi"}}}
	greetList = &protocol.Shape{Name: "GreetingList", Type: protocol.TypeList, Member: &protocol.Member{Field: -1, Shape: greetShape}}
	mapShape  = &protocol.Shape{Name: "StringMap", Type: protocol.TypeMap,
		Key:   &protocol.Member{Field: -1, Shape: strShape},
		Value: &protocol.Member{Field: -1, Shape: strShape}}
	kvMapShape = &protocol.Shape{Name: "KVMap", Type: protocol.TypeMap,
		Key:   &protocol.Member{Field: -1, Shape: strShape, LocationName: "K"},
		Value: &protocol.Member{Field: -1, Shape: strShape, LocationName: "V"}}
	nestedShape = &protocol.Shape{Name: "Nested", Type: protocol.TypeStructure, Payload: -1, GoType: reflect.TypeFor[nested]()}
	inputShape  = &protocol.Shape{Name: "TestInput", Type: protocol.TypeStructure, Payload: -1, GoType: reflect.TypeFor[testInput](),
		Members: []protocol.Member{
			{Name: "Foo", Field: 0, Shape: strShape},
			{Name: "Baz", Field: 1, Shape: boolShape},
			{Name: "Bam", Field: 2, Shape: intShape},
			{Name: "Boo", Field: 3, Shape: dblShape},
			{Name: "Small", Field: 4, Shape: fltShape},
			{Name: "Qux", Field: 5, Shape: blobShape},
			{Name: "When", Field: 6, Shape: tsShape},
			{Name: "Epoch", Field: 7, Shape: epochShape},
			{Name: "HTTPDate", Field: 8, Shape: tsShape, TimestampFormat: protocol.TimestampRFC822},
			{Name: "List", Field: 9, Shape: listShape},
			{Name: "Flat", Field: 10, Shape: listShape, Flattened: true, LocationName: "Fl"},
			{Name: "Named", Field: 11, Shape: namedList},
			{Name: "Greets", Field: 12, Shape: greetList},
			{Name: "Map", Field: 13, Shape: mapShape},
			{Name: "FlatMap", Field: 14, Shape: kvMapShape, Flattened: true},
			{Name: "Nested", Field: 15, Shape: nestedShape},
			{Name: "Token", Field: 16, Shape: strShape, IdempotencyToken: true},
			{Name: "Label", Field: 17, Shape: strShape, HostLabel: true, Required: true},
		}}
	testService = &protocol.Service{ID: "Test", APIVersion: "2020-01-08", Protocol: "query"}
	testOp      = &protocol.Operation{Service: testService, Name: "DoIt", Method: "POST", RequestURI: "/", Input: inputShape, HostPrefix: "{Label}."}
)

func init() {
	nestedShape.Members = []protocol.Member{
		{Name: "StringArg", Field: 0, Shape: strShape},
		{Name: "RecursiveArg", Field: 1, Shape: nestedShape},
	}
}

func ptr[T any](v T) *T { return &v }

func fixedToken() string { return "00000000-0000-4000-8000-000000000000" }

const head = "Action=DoIt&Version=2020-01-08"
const tok = "&Token=00000000-0000-4000-8000-000000000000"

func TestMarshalRequestBody(t *testing.T) {
	ts := time.Date(2015, 1, 25, 8, 0, 0, 0, time.UTC)
	tests := []struct {
		name string
		in   testInput
		want string
	}{
		{"empty", testInput{Label: "a"}, head + "&Label=a" + tok},
		{"scalars", testInput{Foo: ptr("a b~c/d+é"), Baz: ptr(false), Bam: ptr(int32(-7)), Label: "a"},
			head + "&Foo=a+b~c%2Fd%2B%C3%A9&Baz=false&Bam=-7" + "&Label=a" + tok},
		{"floats", testInput{Boo: ptr(5.0), Small: ptr(float32(10.8)), Label: "a"}, head + "&Boo=5.0&Small=10.8" + "&Label=a" + tok},
		{"float exponent", testInput{Boo: ptr(1.5e-7), Label: "a"}, head + "&Boo=1.5e-07" + "&Label=a" + tok},
		{"float big", testInput{Boo: ptr(1e16), Label: "a"}, head + "&Boo=1e%2B16" + "&Label=a" + tok},
		{"nan", testInput{Boo: ptr(math.NaN()), Small: ptr(float32(math.Inf(-1))), Label: "a"}, head + "&Boo=NaN&Small=-Infinity" + "&Label=a" + tok},
		{"blob", testInput{Qux: []byte("value?"), Label: "a"}, head + "&Qux=dmFsdWU%2F" + "&Label=a" + tok},
		{"empty blob", testInput{Qux: []byte{}, Label: "a"}, head + "&Qux=" + "&Label=a" + tok},
		{"timestamps", testInput{When: &ts, Epoch: &ts, HTTPDate: &ts, Label: "a"},
			head + "&When=2015-01-25T08%3A00%3A00Z&Epoch=1422172800&HTTPDate=Sun%2C+25+Jan+2015+08%3A00%3A00+GMT" + "&Label=a" + tok},
		{"fractional timestamp", testInput{When: ptr(ts.Add(123456789 * time.Nanosecond)), Label: "a"},
			head + "&When=2015-01-25T08%3A00%3A00.123456Z" + "&Label=a" + tok},
		{"lists", testInput{List: []string{"x", "y"}, Flat: []string{"p"}, Named: []string{"q"}, Label: "a"},
			head + "&List.member.1=x&List.member.2=y&Fl.1=p&Named.item.1=q" + "&Label=a" + tok},
		{"empty list", testInput{List: []string{}, Flat: []string{}, Label: "a"}, head + "&List=&Fl=" + "&Label=a" + tok},
		{"struct list", testInput{Greets: []greeting{{Hi: ptr("hello")}, {}}, Label: "a"},
			head + "&Greets.member.1.hi=hello" + "&Label=a" + tok},
		{"maps", testInput{Map: map[string]string{"foo": "Foo", "bar": "Bar"}, FlatMap: map[string]string{"k": "v"}, Label: "a"},
			head + "&Map.entry.1.key=bar&Map.entry.1.value=Bar&Map.entry.2.key=foo&Map.entry.2.value=Foo&FlatMap.1.K=k&FlatMap.1.V=v" + "&Label=a" + tok},
		{"nested", testInput{Nested: &nested{StringArg: ptr("x"), RecursiveArg: &nested{StringArg: ptr("y")}}, Label: "a"},
			head + "&Nested.StringArg=x&Nested.RecursiveArg.StringArg=y" + "&Label=a" + tok},
		{"token set", testInput{Token: ptr("mine"), Label: "a"}, head + "&Token=mine&Label=a"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			req := newRequest(t, "https://example.com")
			if err := query.MarshalRequest(req, testOp, &tt.in, protocol.MarshalOptions{NewIdempotencyToken: fixedToken}); err != nil {
				t.Fatalf("MarshalRequest: %v", err)
			}
			got := readBody(t, req)
			if got != tt.want {
				t.Errorf("body:\n got %s\nwant %s", got, tt.want)
			}
			if req.ContentLength != int64(len(got)) {
				t.Errorf("got ContentLength %d, want %d", req.ContentLength, len(got))
			}
			if req.GetBody == nil {
				t.Fatal("got nil GetBody")
			}
			rc, _ := req.GetBody()
			again, _ := io.ReadAll(rc)
			if string(again) != tt.want {
				t.Errorf("GetBody: got %s, want %s", again, tt.want)
			}
		})
	}
}

func TestMarshalRequestHTTP(t *testing.T) {
	req := newRequest(t, "https://example.com/custom")
	if err := query.MarshalRequest(req, testOp, &testInput{Label: "bar"}, protocol.MarshalOptions{NewIdempotencyToken: fixedToken}); err != nil {
		t.Fatal(err)
	}
	if got, want := req.Method, "POST"; got != want {
		t.Errorf("got method %q, want %q", got, want)
	}
	if got, want := req.URL.String(), "https://bar.example.com/custom/"; got != want {
		t.Errorf("got URL %q, want %q", got, want)
	}
	if got, want := req.Header.Get("Content-Type"), "application/x-www-form-urlencoded; charset=utf-8"; got != want {
		t.Errorf("got Content-Type %q, want %q", got, want)
	}
}

func TestMarshalRequestErrors(t *testing.T) {
	tests := []struct {
		name  string
		input any
	}{
		{"bad host label", &testInput{Label: "a/b"}},
		{"empty host label", &testInput{}},
		{"nil input with host label", nil},
		{"cyclic value", func() any {
			n := &nested{}
			n.RecursiveArg = n
			return &testInput{Label: "a", Nested: n}
		}()},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			req := newRequest(t, "https://example.com")
			if err := query.MarshalRequest(req, testOp, tt.input, protocol.MarshalOptions{}); err == nil {
				t.Errorf("got nil error, want one")
			}
		})
	}
}

func TestMarshalRequestRandomToken(t *testing.T) {
	op := *testOp
	op.HostPrefix = ""
	req := newRequest(t, "https://example.com")
	if err := query.MarshalRequest(req, &op, &testInput{}, protocol.MarshalOptions{}); err != nil {
		t.Fatal(err)
	}
	vals, err := url.ParseQuery(readBody(t, req))
	if err != nil {
		t.Fatal(err)
	}
	tok := vals.Get("Token")
	if len(tok) != 36 || tok[14] != '4' || tok[8] != '-' {
		t.Errorf("got token %q, want a version-4 UUID", tok)
	}
}

func newRequest(t *testing.T, endpoint string) *http.Request {
	t.Helper()
	u, err := url.Parse(endpoint)
	if err != nil {
		t.Fatal(err)
	}
	return &http.Request{URL: u, Header: http.Header{}}
}

func readBody(t *testing.T, req *http.Request) string {
	t.Helper()
	b, err := io.ReadAll(req.Body)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}
