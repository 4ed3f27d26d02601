package jsonutil_test

import (
	"encoding/json"
	"math"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"

	"github.com/goto3/goto3/protocol"
	"github.com/goto3/goto3/protocol/jsonutil"
)

// The Go types and schema of a small model, as internal/codegen generates
// them.
type kitchen struct {
	Str       *string
	Int       *int32
	Long      *int64
	Float     *float32
	Double    *float64
	Bool      *bool
	Blob      []byte
	When      *time.Time
	WhenISO   *time.Time
	Big       *string
	Dense     []string
	Sparse    []*string
	DenseMap  map[string]int64
	SparseMap map[string]*string
	Nested    *kitchen
	Choice    *choice
	Doc       any
	Header    *string
	Token     *string
	Renamed   *string
	Docs      []any
	DocMap    map[string]any
}

type choice struct {
	A *string
	B []int32
}

var (
	shStr    = protocol.Shape{Name: "Str", Type: protocol.TypeString}
	shInt    = protocol.Shape{Name: "Int", Type: protocol.TypeInteger}
	shLong   = protocol.Shape{Name: "Long", Type: protocol.TypeLong}
	shFloat  = protocol.Shape{Name: "Float", Type: protocol.TypeFloat}
	shDouble = protocol.Shape{Name: "Double", Type: protocol.TypeDouble}
	shBool   = protocol.Shape{Name: "Bool", Type: protocol.TypeBoolean}
	shBlob   = protocol.Shape{Name: "Blob", Type: protocol.TypeBlob}
	shTime   = protocol.Shape{Name: "Time", Type: protocol.TypeTimestamp}
	shBig    = protocol.Shape{Name: "Big", Type: protocol.TypeBigDecimal}
	shDoc    = protocol.Shape{Name: "Doc", Type: protocol.TypeDocument}
	shDense  = protocol.Shape{Name: "Dense", Type: protocol.TypeList, Member: &protocol.Member{Field: -1, Shape: &shStr}}
	shSparse = protocol.Shape{Name: "Sparse", Type: protocol.TypeList, Member: &protocol.Member{Field: -1, Shape: &shStr}, Sparse: true}
	shDMap   = protocol.Shape{Name: "DMap", Type: protocol.TypeMap, Key: &protocol.Member{Field: -1, Shape: &shStr}, Value: &protocol.Member{Field: -1, Shape: &shLong}}
	shSMap   = protocol.Shape{Name: "SMap", Type: protocol.TypeMap, Key: &protocol.Member{Field: -1, Shape: &shStr}, Value: &protocol.Member{Field: -1, Shape: &shStr}, Sparse: true}
	shDocs   = protocol.Shape{Name: "Docs", Type: protocol.TypeList, Member: &protocol.Member{Field: -1, Shape: &shDoc}}
	shDocMap = protocol.Shape{Name: "DocMap", Type: protocol.TypeMap, Key: &protocol.Member{Field: -1, Shape: &shStr}, Value: &protocol.Member{Field: -1, Shape: &shDoc}}
	shInts   = protocol.Shape{Name: "Ints", Type: protocol.TypeList, Member: &protocol.Member{Field: -1, Shape: &shInt}}
	shChoice = protocol.Shape{Name: "Choice", Type: protocol.TypeStructure, Union: true, Payload: -1, GoType: reflect.TypeFor[choice](),
		Members: []protocol.Member{{Name: "A", Field: 0, Shape: &shStr}, {Name: "B", Field: 1, Shape: &shInts}}}
	shKitchen = protocol.Shape{Name: "Kitchen", Type: protocol.TypeStructure, Payload: -1, GoType: reflect.TypeFor[kitchen]()}
)

func init() {
	shKitchen.Members = []protocol.Member{
		{Name: "Str", Field: 0, Shape: &shStr},
		{Name: "Int", Field: 1, Shape: &shInt},
		{Name: "Long", Field: 2, Shape: &shLong},
		{Name: "Float", Field: 3, Shape: &shFloat},
		{Name: "Double", Field: 4, Shape: &shDouble},
		{Name: "Bool", Field: 5, Shape: &shBool},
		{Name: "Blob", Field: 6, Shape: &shBlob},
		{Name: "When", Field: 7, Shape: &shTime},
		{Name: "WhenISO", Field: 8, Shape: &shTime, TimestampFormat: protocol.TimestampISO8601},
		{Name: "Big", Field: 9, Shape: &shBig},
		{Name: "Dense", Field: 10, Shape: &shDense},
		{Name: "Sparse", Field: 11, Shape: &shSparse},
		{Name: "DenseMap", Field: 12, Shape: &shDMap},
		{Name: "SparseMap", Field: 13, Shape: &shSMap},
		{Name: "Nested", Field: 14, Shape: &shKitchen},
		{Name: "Choice", Field: 15, Shape: &shChoice},
		{Name: "Doc", Field: 16, Shape: &shDoc},
		{Name: "Header", Field: 17, Shape: &shStr, Location: protocol.LocationHeader, LocationName: "X-Header"},
		{Name: "Token", Field: 18, Shape: &shStr, IdempotencyToken: true},
		{Name: "Renamed", Field: 19, Shape: &shStr, LocationName: "json_name"},
		{Name: "Docs", Field: 20, Shape: &shDocs},
		{Name: "DocMap", Field: 21, Shape: &shDocMap},
	}
}

func ptr[T any](v T) *T { return &v }

func encode(t *testing.T, v any, opts jsonutil.EncodeOptions) string {
	t.Helper()
	b, err := jsonutil.AppendStructure(nil, &shKitchen, reflect.ValueOf(v), opts)
	if err != nil {
		t.Fatalf("AppendStructure: %v", err)
	}
	return string(b)
}

func TestAppendStructure(t *testing.T) {
	when := time.Date(2014, 4, 29, 18, 30, 38, 123e6, time.UTC)
	tests := []struct {
		name string
		in   *kitchen
		opts jsonutil.EncodeOptions
		want string
	}{
		{"empty", &kitchen{}, jsonutil.EncodeOptions{}, `{}`},
		{"nil pointer", nil, jsonutil.EncodeOptions{}, `{}`},
		{"scalars", &kitchen{Str: ptr("s"), Int: ptr[int32](-7), Long: ptr[int64](math.MaxInt64), Float: ptr[float32](1.1), Double: ptr(0.5), Bool: ptr(false)},
			jsonutil.EncodeOptions{}, `{"Str":"s","Int":-7,"Long":9223372036854775807,"Float":1.1,"Double":0.5,"Bool":false}`},
		{"special floats", &kitchen{Float: ptr(float32(math.Inf(-1))), Double: ptr(math.NaN())}, jsonutil.EncodeOptions{}, `{"Float":"-Infinity","Double":"NaN"}`},
		{"blob, timestamps", &kitchen{Blob: []byte("binary-value"), When: &when, WhenISO: &when}, jsonutil.EncodeOptions{},
			`{"Blob":"YmluYXJ5LXZhbHVl","When":1398796238.123,"WhenISO":"2014-04-29T18:30:38.123000Z"}`},
		{"empty blob is set", &kitchen{Blob: []byte{}}, jsonutil.EncodeOptions{}, `{"Blob":""}`},
		{"big number keeps its digits", &kitchen{Big: ptr("123456789012345678901234567890.123456789")}, jsonutil.EncodeOptions{}, `{"Big":123456789012345678901234567890.123456789}`},
		{"dense list drops nothing it has", &kitchen{Dense: []string{"a", ""}}, jsonutil.EncodeOptions{}, `{"Dense":["a",""]}`},
		{"empty list is set", &kitchen{Dense: []string{}}, jsonutil.EncodeOptions{}, `{"Dense":[]}`},
		{"sparse list keeps nulls", &kitchen{Sparse: []*string{ptr("a"), nil}}, jsonutil.EncodeOptions{}, `{"Sparse":["a",null]}`},
		// A null document is a value (botocore sends it).
		{"list and map of documents keep nulls", &kitchen{Docs: []any{nil, true}, DocMap: map[string]any{"a": nil, "b": "x"}}, jsonutil.EncodeOptions{},
			`{"Docs":[null,true],"DocMap":{"a":null,"b":"x"}}`},
		{"maps sorted", &kitchen{DenseMap: map[string]int64{"b": 2, "a": 1}, SparseMap: map[string]*string{"y": nil, "x": ptr("1")}}, jsonutil.EncodeOptions{},
			`{"DenseMap":{"a":1,"b":2},"SparseMap":{"x":"1","y":null}}`},
		{"nested", &kitchen{Nested: &kitchen{Nested: &kitchen{Str: ptr("deep")}}}, jsonutil.EncodeOptions{}, `{"Nested":{"Nested":{"Str":"deep"}}}`},
		{"union", &kitchen{Choice: &choice{B: []int32{1, 2}}}, jsonutil.EncodeOptions{}, `{"Choice":{"B":[1,2]}}`},
		{"document", &kitchen{Doc: map[string]any{"n": json.Number("1.50"), "l": []any{true, nil, "x", 3, int64(-4), float32(0.5)}}}, jsonutil.EncodeOptions{},
			`{"Doc":{"l":[true,null,"x",3,-4,0.5],"n":1.50}}`},
		{"document string", &kitchen{Doc: "hello"}, jsonutil.EncodeOptions{}, `{"Doc":"hello"}`},
		{"json name", &kitchen{Renamed: ptr("r")}, jsonutil.EncodeOptions{}, `{"json_name":"r"}`},
		{"located member in the body, by its locationName, without BodyOnly", &kitchen{Header: ptr("h")}, jsonutil.EncodeOptions{}, `{"X-Header":"h"}`},
		{"located member left out with BodyOnly", &kitchen{Header: ptr("h"), Str: ptr("s")}, jsonutil.EncodeOptions{BodyOnly: true}, `{"Str":"s"}`},
		{"token filled", &kitchen{}, jsonutil.EncodeOptions{IdempotencyToken: func() string { return "tok" }}, `{"Token":"tok"}`},
		{"token kept", &kitchen{Token: ptr("mine")}, jsonutil.EncodeOptions{IdempotencyToken: func() string { return "tok" }}, `{"Token":"mine"}`},
		{"token only at the top", &kitchen{Nested: &kitchen{}}, jsonutil.EncodeOptions{IdempotencyToken: func() string { return "tok" }}, `{"Nested":{},"Token":"tok"}`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var v any = tt.in
			if tt.in == nil {
				v = (*kitchen)(nil)
			}
			got := encode(t, v, tt.opts)
			if got != tt.want {
				t.Errorf("got %s, want %s", got, tt.want)
			}
			if !json.Valid([]byte(got)) {
				t.Errorf("got invalid JSON %s", got)
			}
		})
	}
}

func TestAppendStructureErrors(t *testing.T) {
	cyclic := &kitchen{}
	cyclic.Nested = cyclic
	tests := []struct {
		name string
		in   *kitchen
		want string
	}{
		{"union with two members", &kitchen{Choice: &choice{A: ptr("a"), B: []int32{1}}}, "has 2 members set"},
		{"big number that is not one", &kitchen{Big: ptr("12abc")}, "is not a number"},
		{"document of an unsupported type", &kitchen{Doc: struct{}{}}, "cannot hold a struct {}"},
		{"document NaN", &kitchen{Doc: math.NaN()}, "no JSON form"},
		{"document number that is not one", &kitchen{Doc: json.Number("1x")}, "not a JSON number"},
		{"cycle", cyclic, "nested more than"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := jsonutil.AppendStructure(nil, &shKitchen, reflect.ValueOf(tt.in), jsonutil.EncodeOptions{})
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Errorf("got error %v, want one containing %q", err, tt.want)
			}
		})
	}
}

func decode(t *testing.T, body string, opts jsonutil.DecodeOptions) (*kitchen, error) {
	t.Helper()
	var k kitchen
	err := jsonutil.Decode([]byte(body), &shKitchen, reflect.ValueOf(&k), opts)
	return &k, err
}

func TestDecode(t *testing.T) {
	when := time.Date(2014, 4, 29, 18, 30, 38, 123e6, time.UTC)
	tests := []struct {
		name string
		body string
		opts jsonutil.DecodeOptions
		want *kitchen
	}{
		{"empty body", "", jsonutil.DecodeOptions{}, &kitchen{}},
		{"whitespace body", " \n", jsonutil.DecodeOptions{}, &kitchen{}},
		{"null body", "null", jsonutil.DecodeOptions{}, &kitchen{}},
		{"empty object", "{}", jsonutil.DecodeOptions{}, &kitchen{}},
		{"scalars", `{"Str":"s","Int":-7,"Long":9223372036854775807,"Float":1.1,"Double":0.5,"Bool":true}`, jsonutil.DecodeOptions{},
			&kitchen{Str: ptr("s"), Int: ptr[int32](-7), Long: ptr[int64](math.MaxInt64), Float: ptr[float32](1.1), Double: ptr(0.5), Bool: ptr(true)}},
		{"integral floats as integers", `{"Int":1.0,"Long":1e3}`, jsonutil.DecodeOptions{}, &kitchen{Int: ptr[int32](1), Long: ptr[int64](1000)}},
		{"special floats", `{"Float":"Infinity","Double":"-Infinity"}`, jsonutil.DecodeOptions{}, &kitchen{Float: ptr(float32(math.Inf(1))), Double: ptr(math.Inf(-1))}},
		{"blob and timestamps", `{"Blob":"YmluYXJ5LXZhbHVl","When":1398796238.123,"WhenISO":"2014-04-29T18:30:38.123Z"}`, jsonutil.DecodeOptions{},
			&kitchen{Blob: []byte("binary-value"), When: &when, WhenISO: &when}},
		{"timestamp as an HTTP date", `{"When":"Tue, 29 Apr 2014 18:30:38 GMT"}`, jsonutil.DecodeOptions{}, &kitchen{When: ptr(when.Truncate(time.Second))}},
		{"big number keeps its digits", `{"Big":123456789012345678901234567890.123456789}`, jsonutil.DecodeOptions{}, &kitchen{Big: ptr("123456789012345678901234567890.123456789")}},
		{"big number from a string", `{"Big":"1.5"}`, jsonutil.DecodeOptions{}, &kitchen{Big: ptr("1.5")}},
		{"nulls leave members unset", `{"Str":null,"Nested":null,"Dense":null,"Doc":null}`, jsonutil.DecodeOptions{}, &kitchen{}},
		{"dense list skips nulls", `{"Dense":["a",null,"b"]}`, jsonutil.DecodeOptions{}, &kitchen{Dense: []string{"a", "b"}}},
		{"empty list is set", `{"Dense":[]}`, jsonutil.DecodeOptions{}, &kitchen{Dense: []string{}}},
		{"sparse list keeps nulls", `{"Sparse":["a",null]}`, jsonutil.DecodeOptions{}, &kitchen{Sparse: []*string{ptr("a"), nil}}},
		{"dense map skips nulls", `{"DenseMap":{"a":1,"b":null}}`, jsonutil.DecodeOptions{}, &kitchen{DenseMap: map[string]int64{"a": 1}}},
		{"sparse map keeps nulls", `{"SparseMap":{"x":"1","y":null}}`, jsonutil.DecodeOptions{}, &kitchen{SparseMap: map[string]*string{"x": ptr("1"), "y": nil}}},
		// A null document is a value (botocore returns None for it).
		{"list and map of documents keep nulls", `{"Docs":[null,false,null],"DocMap":{"a":null,"b":1}}`, jsonutil.DecodeOptions{},
			&kitchen{Docs: []any{nil, false, nil}, DocMap: map[string]any{"a": nil, "b": json.Number("1")}}},
		{"nested", `{"Nested":{"Nested":{"Str":"deep"}}}`, jsonutil.DecodeOptions{}, &kitchen{Nested: &kitchen{Nested: &kitchen{Str: ptr("deep")}}}},
		{"union ignores __type", `{"Choice":{"__type":"ns#Choice","B":[1,2]}}`, jsonutil.DecodeOptions{}, &kitchen{Choice: &choice{B: []int32{1, 2}}}},
		{"unknown members skipped", `{"Unknown":{"a":[1,{"b":null}]},"Str":"s","__type":"x"}`, jsonutil.DecodeOptions{}, &kitchen{Str: ptr("s")}},
		{"document", `{"Doc":{"n":1.50,"l":[true,null,"x"]}}`, jsonutil.DecodeOptions{}, &kitchen{Doc: map[string]any{"n": json.Number("1.50"), "l": []any{true, nil, "x"}}}},
		{"json name", `{"json_name":"r","Renamed":"not this"}`, jsonutil.DecodeOptions{}, &kitchen{Renamed: ptr("r")}},
		{"header member read from the body without BodyOnly", `{"X-Header":"h"}`, jsonutil.DecodeOptions{}, &kitchen{Header: ptr("h")}},
		{"header member not read from the body with BodyOnly", `{"X-Header":"h","Str":"s"}`, jsonutil.DecodeOptions{BodyOnly: true}, &kitchen{Str: ptr("s")}},
		{"BodyOnly applies at the top only", `{"Nested":{"X-Header":"h"}}`, jsonutil.DecodeOptions{BodyOnly: true}, &kitchen{Nested: &kitchen{Header: ptr("h")}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := decode(t, tt.body, tt.opts)
			if err != nil {
				t.Fatalf("Decode: %v", err)
			}
			if diff := cmp.Diff(tt.want, got, cmpopts.EquateNaNs()); diff != "" {
				t.Errorf("(-want +got):\n%s", diff)
			}
		})
	}
}

func TestDecodeErrors(t *testing.T) {
	tests := []struct{ name, body, want string }{
		{"string for an integer", `{"Int":"1"}`, "string value where shape Int (integer) wants a number"},
		{"number for a string", `{"Str":1}`, "number value where shape Str (string) wants a string"},
		{"object for a list", `{"Dense":{}}`, "wants an array"},
		{"int32 overflow", `{"Int":4294967296}`, "overflows int32"},
		{"int64 overflow", `{"Long":9223372036854775808}`, "is not a 64-bit integer"},
		{"fraction for an integer", `{"Long":1.5}`, "is not a 64-bit integer"},
		{"bad float string", `{"Double":"nan"}`, `string "nan" where shape Double wants a number`},
		{"bad base64", `{"Blob":"!!!"}`, "blob Blob"},
		{"bad timestamp", `{"When":"yesterday"}`, "shape Time"},
		{"syntax", `{"Str":"s",}`, "invalid JSON"},
		{"data after the value", `{} {}`, "after the top-level value"},
		{"array at the top", `[]`, "wants an object"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := decode(t, tt.body, jsonutil.DecodeOptions{})
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Errorf("got error %v, want one containing %q", err, tt.want)
			}
		})
	}
}

// TestRoundTrip: decoding what was encoded gives the value back (times at
// millisecond precision, which is what epoch seconds carry).
func TestRoundTrip(t *testing.T) {
	when := time.Date(2020, 2, 29, 23, 59, 59, 999e6, time.UTC)
	in := &kitchen{
		Str: ptr("héllo \"world\"\n"), Int: ptr[int32](math.MinInt32), Long: ptr[int64](math.MinInt64), Float: ptr[float32](3.4e38), Double: ptr(5e-324),
		Bool: ptr(true), Blob: []byte{0, 1, 2, 255}, When: &when, WhenISO: &when, Big: ptr("-1e400"),
		Dense: []string{"a"}, Sparse: []*string{nil, ptr("")}, DenseMap: map[string]int64{"": 0}, SparseMap: map[string]*string{"k": nil},
		Nested: &kitchen{Choice: &choice{A: ptr("x")}}, Doc: []any{map[string]any{"a": json.Number("1e400")}}, Header: ptr("h"), Token: ptr("t"), Renamed: ptr("r"),
	}
	b := encode(t, in, jsonutil.EncodeOptions{})
	got, err := decode(t, b, jsonutil.DecodeOptions{})
	if err != nil {
		t.Fatalf("Decode(%s): %v", b, err)
	}
	if diff := cmp.Diff(in, got); diff != "" {
		t.Errorf("round trip of %s (-in +out):\n%s", b, diff)
	}
}
