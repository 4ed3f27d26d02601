package protocoltest_test

import (
	"encoding/json"
	"io"
	"math"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/goto3/goto3/internal/testing/protocoltest"
	"github.com/goto3/goto3/protocol"
)

type kind string

type inner struct {
	Name *string
	Next *inner
}

type sample struct {
	Str      *string
	Req      string
	Kind     *kind
	Kinds    []kind
	I32      *int32
	I64      *int64
	F32      *float32
	F64      *float64
	Bool     *bool
	When     *time.Time
	Blob     []byte
	Nested   *inner
	List     []inner
	Map      map[string]int64
	MapOfPtr map[string]string
	Body     io.Reader

	ResultMetadata protocol.ResponseMetadata
}

type streamOut struct {
	Body io.ReadCloser
}

var (
	shString = &protocol.Shape{Name: "String", Type: protocol.TypeString}
	shKind   = &protocol.Shape{Name: "Kind", Type: protocol.TypeString}
	shInt    = &protocol.Shape{Name: "Integer", Type: protocol.TypeInteger}
	shLong   = &protocol.Shape{Name: "Long", Type: protocol.TypeLong}
	shFloat  = &protocol.Shape{Name: "Float", Type: protocol.TypeFloat}
	shDouble = &protocol.Shape{Name: "Double", Type: protocol.TypeDouble}
	shBool   = &protocol.Shape{Name: "Boolean", Type: protocol.TypeBoolean}
	shTime   = &protocol.Shape{Name: "Timestamp", Type: protocol.TypeTimestamp}
	shBlob   = &protocol.Shape{Name: "Blob", Type: protocol.TypeBlob}
	shStream = &protocol.Shape{Name: "Stream", Type: protocol.TypeBlob, Streaming: true}
	shKinds  = &protocol.Shape{Name: "Kinds", Type: protocol.TypeList, Member: &protocol.Member{Field: -1, Shape: shKind}}
	shInner  = &protocol.Shape{Name: "Inner", Type: protocol.TypeStructure, Payload: -1, GoType: reflect.TypeFor[inner]()}
	shList   = &protocol.Shape{Name: "InnerList", Type: protocol.TypeList, Member: &protocol.Member{Field: -1, Shape: shInner}}
	shMap    = &protocol.Shape{Name: "LongMap", Type: protocol.TypeMap,
		Key: &protocol.Member{Field: -1, Shape: shString}, Value: &protocol.Member{Field: -1, Shape: shLong}}
	shStrMap = &protocol.Shape{Name: "StringMap", Type: protocol.TypeMap,
		Key: &protocol.Member{Field: -1, Shape: shString}, Value: &protocol.Member{Field: -1, Shape: shString}}
	shSample = &protocol.Shape{Name: "Sample", Type: protocol.TypeStructure, Payload: -1, GoType: reflect.TypeFor[sample](),
		Members: []protocol.Member{
			{Name: "str", Field: 0, Shape: shString},
			{Name: "req", Field: 1, Shape: shString, Required: true},
			{Name: "kind", Field: 2, Shape: shKind},
			{Name: "kinds", Field: 3, Shape: shKinds},
			{Name: "i32", Field: 4, Shape: shInt},
			{Name: "i64", Field: 5, Shape: shLong},
			{Name: "f32", Field: 6, Shape: shFloat},
			{Name: "f64", Field: 7, Shape: shDouble},
			{Name: "bool", Field: 8, Shape: shBool},
			{Name: "when", Field: 9, Shape: shTime},
			{Name: "blob", Field: 10, Shape: shBlob},
			{Name: "nested", Field: 11, Shape: shInner},
			{Name: "list", Field: 12, Shape: shList},
			{Name: "map", Field: 13, Shape: shMap},
			{Name: "strmap", Field: 14, Shape: shStrMap},
			{Name: "body", Field: 15, Shape: shStream, Streaming: true},
		}}
	shStreamOut = &protocol.Shape{Name: "StreamOut", Type: protocol.TypeStructure, Payload: 0, GoType: reflect.TypeFor[streamOut](),
		Members: []protocol.Member{{Name: "Body", Field: 0, Shape: shStream, Streaming: true}}}
)

func init() {
	shInner.Members = []protocol.Member{
		{Name: "Name", Field: 0, Shape: shString},
		{Name: "Next", Field: 1, Shape: shInner},
	}
}

func ptr[T any](v T) *T { return &v }

// params decodes JSON as Load does, with json.Number.
func params(t *testing.T, s string) any {
	t.Helper()
	dec := json.NewDecoder(strings.NewReader(s))
	dec.UseNumber()
	var v any
	if err := dec.Decode(&v); err != nil {
		t.Fatal(err)
	}
	return v
}

func TestBuildValue(t *testing.T) {
	_, err := protocoltest.BuildValue(shSample, params(t, `{
		"str": "s", "req": "r", "kind": "big", "kinds": ["a", "b"],
		"i32": -2147483648, "i64": 9223372036854775807, "f32": 1.5, "f64": "NaN",
		"bool": false, "when": 1398796238.123456789, "blob": "bytes\u0000",
		"nested": {"Name": "n", "Next": {"Name": "m"}},
		"list": [{"Name": "x"}, {}], "map": {"k": 1}, "strmap": {}, "body": "stream",
		"omitted": null
	}`))
	if err == nil || !strings.Contains(err.Error(), `no member "omitted"`) {
		t.Fatalf("got %v, want an unknown-member error", err)
	}
	got, err := protocoltest.BuildValue(shSample, params(t, `{
		"str": "s", "req": "r", "kind": "big", "kinds": ["a", "b"],
		"i32": -2147483648, "i64": 9223372036854775807, "f32": 1.5, "f64": "NaN",
		"bool": false, "when": 1398796238.123456789, "blob": "bytes\u0000",
		"nested": {"Name": "n", "Next": {"Name": "m"}},
		"list": [{"Name": "x"}, {}], "map": {"k": 1}, "strmap": {}, "body": "stream"
	}`))
	if err != nil {
		t.Fatal(err)
	}
	s := got.Interface().(*sample)
	body, _ := io.ReadAll(s.Body)
	if string(body) != "stream" {
		t.Errorf("got body %q, want stream", body)
	}
	s.Body = nil
	if !math.IsNaN(*s.F64) {
		t.Errorf("got f64 %v, want NaN", *s.F64)
	}
	s.F64 = nil
	want := &sample{
		Str: ptr("s"), Req: "r", Kind: ptr(kind("big")), Kinds: []kind{"a", "b"},
		I32: ptr(int32(math.MinInt32)), I64: ptr(int64(math.MaxInt64)), F32: ptr(float32(1.5)),
		Bool: ptr(false), When: ptr(time.Unix(1398796238, 123456789).UTC()), Blob: []byte("bytes\x00"),
		Nested: &inner{Name: ptr("n"), Next: &inner{Name: ptr("m")}},
		List:   []inner{{Name: ptr("x")}, {}}, Map: map[string]int64{"k": 1}, MapOfPtr: map[string]string{},
	}
	if diff := cmp.Diff(want, s); diff != "" {
		t.Errorf("BuildValue (-want +got):\n%s", diff)
	}
}

func TestBuildValueFloatsAndTimes(t *testing.T) {
	for _, tt := range []struct {
		json string
		want sample
	}{
		{`{"f64": "Infinity"}`, sample{F64: ptr(math.Inf(1))}},
		{`{"f64": "-Infinity"}`, sample{F64: ptr(math.Inf(-1))}},
		{`{"f64": 1e300}`, sample{F64: ptr(1e300)}},
		{`{"when": 0}`, sample{When: ptr(time.Unix(0, 0).UTC())}},
		{`{"when": 1422172800}`, sample{When: ptr(time.Date(2015, 1, 25, 8, 0, 0, 0, time.UTC))}},
		{`{"when": 1.5}`, sample{When: ptr(time.Unix(1, 5e8).UTC())}},
		{`{"when": -1.5}`, sample{When: ptr(time.Unix(-1, -5e8).UTC())}},
	} {
		t.Run(tt.json, func(t *testing.T) {
			got, err := protocoltest.BuildValue(shSample, params(t, tt.json))
			if err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(&tt.want, got.Interface()); diff != "" {
				t.Errorf("(-want +got):\n%s", diff)
			}
		})
	}
}

func TestBuildValueErrors(t *testing.T) {
	for _, tt := range []struct{ name, json string }{
		{"string for int", `{"i32": "1"}`},
		{"int32 overflow", `{"i32": 2147483648}`},
		{"fraction for int", `{"i64": 1.5}`},
		{"number for string", `{"str": 1}`},
		{"object for list", `{"kinds": {}}`},
		{"list for map", `{"map": []}`},
		{"bad float string", `{"f64": "nan"}`},
		{"bool as string", `{"bool": "true"}`},
		{"timestamp text", `{"when": "yesterday"}`},
		{"nested unknown member", `{"nested": {"Nope": 1}}`},
		{"list element mistyped", `{"list": [1]}`},
		{"number for stream", `{"body": 1}`},
	} {
		t.Run(tt.name, func(t *testing.T) {
			if _, err := protocoltest.BuildValue(shSample, params(t, tt.json)); err == nil {
				t.Errorf("got no error for %s", tt.json)
			}
		})
	}
	if _, err := protocoltest.BuildValue(nil, map[string]any{"a": 1}); err == nil {
		t.Error("got no error for params without an input shape")
	}
	if v, err := protocoltest.BuildValue(nil, map[string]any{}); err != nil || v.IsValid() {
		t.Errorf("got %v, %v for empty params without shape, want zero Value, nil", v, err)
	}
	if v, err := protocoltest.BuildValue(shSample, nil); err != nil || !reflect.DeepEqual(v.Interface(), &sample{}) {
		t.Errorf("got %v, %v for nil params, want an empty struct", v, err)
	}
}

func TestToJSON(t *testing.T) {
	v := &sample{
		Str: ptr(""), Req: "", Kind: ptr(kind("k")), Kinds: []kind{},
		I32: ptr(int32(-1)), I64: ptr(int64(1) << 53), F32: ptr(float32(1.1)), F64: ptr(math.Inf(-1)),
		Bool: ptr(true), When: ptr(time.Unix(1398796238, 123000000).UTC()), Blob: []byte{},
		Nested: &inner{Next: &inner{}},
		List:   []inner{{Name: ptr("x")}}, Map: map[string]int64{"a": 2},
		Body: strings.NewReader("streamed"),
	}
	got := protocoltest.ToJSON(shSample, reflect.ValueOf(v))
	want := map[string]any{
		"str": "", "req": "", "kind": "k", "kinds": []any{},
		"i32": -1.0, "i64": float64(1 << 53), "f32": 1.1, "f64": "-Infinity",
		"bool": true, "when": 1398796238.123, "blob": "",
		"nested": map[string]any{"Next": map[string]any{}},
		"list":   []any{map[string]any{"Name": "x"}}, "map": map[string]any{"a": 2.0},
		"body": "streamed",
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("ToJSON (-want +got):\n%s", diff)
	}
	if got := protocoltest.ToJSON(shSample, reflect.ValueOf(&sample{})); !cmp.Equal(got, map[string]any{"req": ""}) {
		t.Errorf("got %v for an empty struct, want only the required plain member", got)
	}
	out := &streamOut{Body: io.NopCloser(strings.NewReader("payload"))}
	if got := protocoltest.ToJSON(shStreamOut, reflect.ValueOf(out)); !cmp.Equal(got, map[string]any{"Body": "payload"}) {
		t.Errorf("got %v, want the streamed payload", got)
	}
	if got := protocoltest.ToJSON(shSample, reflect.ValueOf((*sample)(nil))); got != nil {
		t.Errorf("got %v for a nil pointer, want nil", got)
	}
	if got := protocoltest.ToJSON(shSample, reflect.Value{}); got != nil {
		t.Errorf("got %v for an invalid value, want nil", got)
	}
	if got := protocoltest.ToJSON(shSample, reflect.ValueOf(&sample{F64: ptr(math.NaN()), When: ptr(time.Unix(-2, 0))})); !cmp.Equal(got, map[string]any{"req": "", "f64": "NaN", "when": -2.0}) {
		t.Errorf("got %v", got)
	}
}

func TestIgnored(t *testing.T) {
	for _, tt := range []struct {
		protocol, suite, id string
		want                bool
	}{
		{"output/rest-xml", "", "XmlLists", true},
		{"input/rest-xml", "", "XmlLists", false},
		{"rest-xml", "", "XmlLists", true},
		{"input/rest-xml", "", "BodyWithXmlName", true},
		{"output/query", "", "QueryComplexError", true},
		{"input/query", "", "QueryComplexError", false},
		{"input/ec2", "", "Ec2Lists", true},
		{"input/query", "Test cases for PutWithContentEncoding operation", "SDKAppliedContentEncoding_awsQuery", true},
		{"output/query", "Test cases for PutWithContentEncoding operation", "x", false},
		{"input/rest-xml", "Test cases for Anything", "Unknown", false},
		{"input/json", "", "AwsJson11StructuresDontSerializeNullValues", true},
	} {
		t.Run(tt.protocol+"/"+tt.id, func(t *testing.T) {
			reason, got := protocoltest.Ignored(tt.protocol, tt.suite, tt.id)
			if got != tt.want {
				t.Errorf("got %v (%q), want %v", got, reason, tt.want)
			}
			if got && reason == "" {
				t.Error("got no reason")
			}
		})
	}
}

func TestLoad(t *testing.T) {
	suites, err := protocoltest.Load("../../../testdata/protocols/input/ec2.json")
	if err != nil {
		t.Fatal(err)
	}
	if len(suites) != 11 {
		t.Errorf("got %d suites, want 11", len(suites))
	}
	n := 0
	for _, s := range suites {
		if s.Protocol != "ec2" || s.Direction != "input" || s.Metadata.Protocol != "ec2" {
			t.Errorf("suite %q: protocol %q direction %q metadata %q", s.Description, s.Protocol, s.Direction, s.Metadata.Protocol)
		}
		for _, c := range s.Cases {
			n++
			if c.ID == "" || c.Serialized == nil || len(c.Given) == 0 {
				t.Errorf("case %+v lacks id, serialized or given", c)
			}
		}
	}
	if n != 29 {
		t.Errorf("got %d cases, want 29", n)
	}
	if _, err := protocoltest.Load("testdata/no-such-file.json"); err == nil {
		t.Error("got no error for a missing file")
	}
}

// FuzzBuildValue feeds arbitrary JSON to BuildValue: it must not panic,
// and a value it builds must convert back with ToJSON.
func FuzzBuildValue(f *testing.F) {
	for _, s := range []string{
		`{"str":"s","i32":1,"list":[{"Name":"x","Next":{}}],"map":{"a":1},"when":1.5,"f64":"NaN"}`,
		`{"kinds":["a"],"body":"b","blob":"x"}`, `{"i64":1e30}`, `[]`, `null`,
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		dec := json.NewDecoder(strings.NewReader(string(data)))
		dec.UseNumber()
		var v any
		if dec.Decode(&v) != nil {
			return
		}
		built, err := protocoltest.BuildValue(shSample, v)
		if err != nil {
			return
		}
		if _, ok := protocoltest.ToJSON(shSample, built).(map[string]any); !ok {
			t.Fatalf("ToJSON of a built struct is not a map")
		}
	})
}
