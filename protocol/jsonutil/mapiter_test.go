package jsonutil_test

import (
	"fmt"
	"reflect"
	"runtime"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/goto3/goto3/protocol"
	"github.com/goto3/goto3/protocol/jsonutil"
)

// TestIterInPlaceLayout: on this toolchain the runtime's map iterator has
// the layout mapiter.go reads (when a Go release changes it, the encoder
// falls back to copying and this test says so).
func TestIterInPlaceLayout(t *testing.T) {
	if !jsonutil.IterInPlace() {
		t.Fatalf("%s: reflect.MapIter's layout changed; maps are copied out (slower): update mapiter.go", runtime.Version())
	}
}

// bigValue is larger than the 128 bytes a Go map stores in line.
type bigValue struct {
	S   *string
	Pad [20]*string
	L   []bigValue
	M   map[string]bigValue
}

var (
	shBig2   = protocol.Shape{Name: "BigValue", Type: protocol.TypeStructure, Payload: -1, GoType: reflect.TypeFor[bigValue]()}
	shBigMap = protocol.Shape{Name: "BigMap", Type: protocol.TypeMap, Key: &protocol.Member{Field: -1, Shape: &shStr}, Value: &protocol.Member{Field: -1, Shape: &shBig2}}
	shBigLst = protocol.Shape{Name: "BigList", Type: protocol.TypeList, Member: &protocol.Member{Field: -1, Shape: &shBig2}}
)

func init() {
	shBig2.Members = []protocol.Member{{Name: "S", Field: 0, Shape: &shStr}, {Name: "L", Field: 2, Shape: &shBigLst}, {Name: "M", Field: 3, Shape: &shBigMap}}
}

// TestEncodeMapsBothWays: maps of small values (stored in line), of large
// ones (stored out of line), nested in each other through lists and maps,
// sparse with nil values, empty, encode to the same bytes whether they are
// iterated in place or copied out, and those bytes are the expected ones.
func TestEncodeMapsBothWays(t *testing.T) {
	deep := map[string]bigValue{}
	var want strings.Builder
	want.WriteString("{")
	for i := range 40 {
		k := fmt.Sprintf("k%02d", i)
		inner := map[string]bigValue{"z": {S: ptr(k)}, "a": {L: []bigValue{{M: map[string]bigValue{"x": {S: ptr("y")}}}}}}
		deep[k] = bigValue{M: inner}
		if i > 0 {
			want.WriteString(",")
		}
		fmt.Fprintf(&want, `%q:{"M":{"a":{"L":[{"M":{"x":{"S":"y"}}}]},"z":{"S":%q}}}`, k, k)
	}
	want.WriteString("}")
	cases := []struct {
		name string
		sh   *protocol.Shape
		v    any
		want string
	}{
		{"small", &shDMap, map[string]int64{"b": 2, "a": 1, "": 0}, `{"":0,"a":1,"b":2}`},
		{"sparse", &shSMap, map[string]*string{"b": nil, "a": ptr("x")}, `{"a":"x","b":null}`},
		{"empty", &shBigMap, map[string]bigValue{}, `{}`},
		{"large", &shBigMap, map[string]bigValue{"b": {S: ptr("2")}, "a": {S: ptr("1")}}, `{"a":{"S":"1"},"b":{"S":"2"}}`},
		{"nested", &shBigMap, deep, want.String()},
	}
	for _, inPlace := range []bool{true, false} {
		old := jsonutil.SetIterInPlace(inPlace)
		for _, c := range cases {
			for range 2 { // the second time through the pooled encoder's scratch
				got, err := jsonutil.AppendValue(nil, c.sh, reflect.ValueOf(c.v))
				if err != nil {
					t.Fatalf("in place %v, %s: %v", inPlace, c.name, err)
				}
				if string(got) != c.want {
					t.Errorf("in place %v, %s:\ngot  %s\nwant %s", inPlace, c.name, got, c.want)
				}
			}
		}
		jsonutil.SetIterInPlace(old)
	}
}

// TestDecodeMaps: maps of small and large values, nested, sparse with
// nulls, dense with nulls skipped, a key given twice (the last value wins,
// whole); a map already set keeps its other entries.
func TestDecodeMaps(t *testing.T) {
	type holder struct {
		Small  map[string]int64
		Sparse map[string]*string
		Large  map[string]bigValue
	}
	sh := protocol.Shape{Name: "Holder", Type: protocol.TypeStructure, Payload: -1, GoType: reflect.TypeFor[holder](), Members: []protocol.Member{
		{Name: "Small", Field: 0, Shape: &shDMap}, {Name: "Sparse", Field: 1, Shape: &shSMap}, {Name: "Large", Field: 2, Shape: &shBigMap}}}
	body := `{"Small":{"b":2,"a":1,"n":null,"a":3},"Sparse":{"x":null,"y":"z"},` +
		`"Large":{"k":{"S":"1","M":{"in":{"L":[{"S":"2"},{"M":{"deep":{"S":"3"}}}]}}},"k":{"M":{"again":{"S":"4"}}},"e":{"M":{}},"n":null}}`
	want := holder{
		Small:  map[string]int64{"a": 3, "b": 2, "pre": 9},
		Sparse: map[string]*string{"x": nil, "y": ptr("z")},
		Large: map[string]bigValue{
			"k":   {M: map[string]bigValue{"again": {S: ptr("4")}}},
			"e":   {M: map[string]bigValue{}},
			"old": {S: ptr("kept")},
		},
	}
	for range 2 {
		got := holder{Small: map[string]int64{"pre": 9}, Large: map[string]bigValue{"old": {S: ptr("kept")}}}
		if err := jsonutil.Decode([]byte(body), &sh, reflect.ValueOf(&got), jsonutil.DecodeOptions{}); err != nil {
			t.Fatal(err)
		}
		if diff := cmp.Diff(want, got); diff != "" {
			t.Errorf("(-want +got):\n%s", diff)
		}
	}
}

// BenchmarkMapsInPlace compares, in one binary, writing a page of 300
// items (maps of unions of 128+ bytes, nested lists and maps) with map
// entries read in place (mapiter.go) and through reflect's copies, and
// reads the page back.
func BenchmarkMapsInPlace(b *testing.B) {
	body := pageBody(300)
	var pg page
	if err := jsonutil.Decode(body, &shPage, reflect.ValueOf(&pg), jsonutil.DecodeOptions{}); err != nil {
		b.Fatal(err)
	}
	b.Run("decode", func(b *testing.B) {
		b.SetBytes(int64(len(body)))
		b.ReportAllocs()
		for b.Loop() {
			var out page
			if err := jsonutil.Decode(body, &shPage, reflect.ValueOf(&out), jsonutil.DecodeOptions{}); err != nil {
				b.Fatal(err)
			}
		}
	})
	for _, inPlace := range []bool{true, false} {
		name := map[bool]string{true: "in-place", false: "reflect"}[inPlace]
		b.Run("encode/"+name, func(b *testing.B) {
			old := jsonutil.SetIterInPlace(inPlace)
			defer jsonutil.SetIterInPlace(old)
			buf, _ := jsonutil.AppendStructure(nil, &shPage, reflect.ValueOf(&pg), jsonutil.EncodeOptions{})
			b.SetBytes(int64(len(buf)))
			b.ReportAllocs()
			for b.Loop() {
				var err error
				if buf, err = jsonutil.AppendStructure(buf[:0], &shPage, reflect.ValueOf(&pg), jsonutil.EncodeOptions{}); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// TestMapsNamedTypes: a map of a named type keyed by a named string type
// (generated code has map[QueueAttributeName]string) is written and read
// in place like any other.
func TestMapsNamedTypes(t *testing.T) {
	type attrName string
	type attrs map[attrName]string
	sh := protocol.Shape{Name: "Attrs", Type: protocol.TypeMap, Key: &protocol.Member{Field: -1, Shape: &shStr}, Value: &protocol.Member{Field: -1, Shape: &shStr}}
	in := attrs{"VisibilityTimeout": "30", "DelaySeconds": "0", "Policy": `{"a":"b"}`}
	b, err := jsonutil.AppendValue(nil, &sh, reflect.ValueOf(in))
	if err != nil {
		t.Fatal(err)
	}
	if want := `{"DelaySeconds":"0","Policy":"{\"a\":\"b\"}","VisibilityTimeout":"30"}`; string(b) != want {
		t.Fatalf("wrote %s, want %s", b, want)
	}
	var out attrs
	if err := jsonutil.Decode(b, &sh, reflect.ValueOf(&out), jsonutil.DecodeOptions{}); err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(in, out); diff != "" {
		t.Errorf("(-in +out):\n%s", diff)
	}
	if out["Policy"] != `{"a":"b"}` {
		t.Errorf("look-up by the named key type: %q", out["Policy"])
	}
}
