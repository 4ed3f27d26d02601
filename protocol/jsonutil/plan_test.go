package jsonutil_test

import (
	"bytes"
	"encoding/json"
	"fmt"
	"reflect"
	"strings"
	"sync"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/goto3/goto3/protocol"
	"github.com/goto3/goto3/protocol/jsonutil"
)

// attr is DynamoDB's AttributeValue as internal/codegen generates it: a
// recursive union whose maps and lists hold values of its own type.
type attr struct {
	S    *string
	N    *string
	B    []byte
	SS   []string
	M    map[string]attr
	L    []attr
	NULL *bool
	BOOL *bool
}

type page struct {
	Items []map[string]attr
	Count *int32
	Next  *page
}

var (
	shAttr  = protocol.Shape{Name: "AttributeValue", Type: protocol.TypeStructure, Union: true, Payload: -1, GoType: reflect.TypeFor[attr]()}
	shAMap  = protocol.Shape{Name: "MapAttributeValue", Type: protocol.TypeMap, Key: &protocol.Member{Field: -1, Shape: &shStr}, Value: &protocol.Member{Field: -1, Shape: &shAttr}}
	shAList = protocol.Shape{Name: "ListAttributeValue", Type: protocol.TypeList, Member: &protocol.Member{Field: -1, Shape: &shAttr}}
	shItems = protocol.Shape{Name: "ItemList", Type: protocol.TypeList, Member: &protocol.Member{Field: -1, Shape: &shAMap}}
	shPage  = protocol.Shape{Name: "Page", Type: protocol.TypeStructure, Payload: -1, GoType: reflect.TypeFor[page]()}
)

func init() {
	shAttr.Members = []protocol.Member{
		{Name: "S", Field: 0, Shape: &shStr}, {Name: "N", Field: 1, Shape: &shStr}, {Name: "B", Field: 2, Shape: &shBlob},
		{Name: "SS", Field: 3, Shape: &shDense}, {Name: "M", Field: 4, Shape: &shAMap}, {Name: "L", Field: 5, Shape: &shAList},
		{Name: "NULL", Field: 6, Shape: &shBool}, {Name: "BOOL", Field: 7, Shape: &shBool},
	}
	shPage.Members = []protocol.Member{
		{Name: "Items", Field: 0, Shape: &shItems}, {Name: "Count", Field: 1, Shape: &shInt}, {Name: "Next", Field: 2, Shape: &shPage},
	}
}

// pageBody is an answer of n items, each with nested lists and maps of
// the same shapes (a list in a list in a map in a list).
func pageBody(n int) []byte {
	var b strings.Builder
	b.WriteString(`{"Count":` + fmt.Sprint(n) + `,"Items":[`)
	for i := range n {
		if i > 0 {
			b.WriteByte(',')
		}
		fmt.Fprintf(&b, `{"pk":{"S":"item-%d"},"n":{"N":"%d.5"},"b":{"B":"AAEC/w=="},"tags":{"SS":["a%d","b"]},`, i, i, i)
		fmt.Fprintf(&b, `"l":{"L":[{"S":"x"},{"L":[{"N":"%d"},{"L":[]},{"M":{"k":{"L":[{"BOOL":true},{"NULL":true}]}}}]},{"S":"y"}]},`, i)
		fmt.Fprintf(&b, `"m":{"M":{"a":{"S":"esc\"aped\u00e9"},"b":{"M":{"c":{"N":"%d"}}}}}}`, i)
	}
	b.WriteString(`],"Next":{"Count":1,"Next":{"Count":2}}}`)
	return []byte(b.String())
}

func ptr2[T any](v T) *T { return &v }

func wantItem(i int) map[string]attr {
	return map[string]attr{
		"pk": {S: ptr2(fmt.Sprintf("item-%d", i))}, "n": {N: ptr2(fmt.Sprintf("%d.5", i))}, "b": {B: []byte{0, 1, 2, 255}},
		"tags": {SS: []string{fmt.Sprintf("a%d", i), "b"}},
		"l": {L: []attr{{S: ptr2("x")}, {L: []attr{{N: ptr2(fmt.Sprint(i))}, {L: []attr{}},
			{M: map[string]attr{"k": {L: []attr{{BOOL: ptr2(true)}, {NULL: ptr2(true)}}}}}}}, {S: ptr2("y")}}},
		"m": {M: map[string]attr{"a": {S: ptr2("esc\"aped\u00e9")}, "b": {M: map[string]attr{"c": {N: ptr2(fmt.Sprint(i))}}}}},
	}
}

// TestDecodeSharedChunks: values decoded from one document share chunks
// (strings, blobs, list arrays, pointer targets), but nested lists of one
// shape, lists longer than a chunk and long documents come out right, no
// value aliases the document, and a caller appending to or writing into
// one value never changes another.
func TestDecodeSharedChunks(t *testing.T) {
	for _, n := range []int{1, 7, 300} {
		t.Run(fmt.Sprint(n), func(t *testing.T) {
			body := pageBody(n)
			var got page
			if err := jsonutil.Decode(body, &shPage, reflect.ValueOf(&got), jsonutil.DecodeOptions{}); err != nil {
				t.Fatal(err)
			}
			// The document belongs to the caller, who may reuse it.
			for i := range body {
				body[i] = 'X'
			}
			want := page{Count: ptr2(int32(n)), Next: &page{Count: ptr2(int32(1)), Next: &page{Count: ptr2(int32(2))}}}
			for i := range n {
				want.Items = append(want.Items, wantItem(i))
			}
			if diff := cmp.Diff(want, got); diff != "" {
				t.Fatalf("(-want +got):\n%s", diff)
			}
			// Appending to a list or blob leaves every other value
			// alone; so does writing through a pointer or into an
			// element.
			for _, it := range got.Items {
				_ = append(it["tags"].SS, "appended")
				_ = append(it["l"].L, attr{S: ptr2("appended")})
				_ = append(it["l"].L[1].L, attr{S: ptr2("appended")})
				_ = append(it["b"].B, 9)
			}
			if diff := cmp.Diff(want, got); diff != "" {
				t.Fatalf("after appending (-want +got):\n%s", diff)
			}
			for _, it := range got.Items {
				it["tags"].SS[1] = "changed"
				*it["l"].L[0].S = "changed"
				it["l"].L[1].L[0] = attr{}
				it["b"].B[0] = 7
				*it["pk"].S = "changed"
			}
			for i, it := range got.Items {
				w := wantItem(i)
				w["tags"].SS[1] = "changed"
				*w["l"].L[0].S = "changed"
				w["l"].L[1].L[0] = attr{}
				w["b"].B[0] = 7
				*w["pk"].S = "changed"
				if diff := cmp.Diff(w, it); diff != "" {
					t.Fatalf("item %d after writing (-want +got):\n%s", i, diff)
				}
			}
		})
	}
}

// TestDecodeEncodeConcurrent runs decoders and encoders of the same shapes
// in parallel (the plans are built once and shared; decoders and encoders
// are pooled); run with -race.
func TestDecodeEncodeConcurrent(t *testing.T) {
	body := pageBody(20)
	var ref page
	if err := jsonutil.Decode(body, &shPage, reflect.ValueOf(&ref), jsonutil.DecodeOptions{}); err != nil {
		t.Fatal(err)
	}
	want, err := jsonutil.AppendStructure(nil, &shPage, reflect.ValueOf(&ref), jsonutil.EncodeOptions{})
	if err != nil {
		t.Fatal(err)
	}
	var wg sync.WaitGroup
	for g := range 4 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for range 20 {
				var p page
				if err := jsonutil.Decode(body, &shPage, reflect.ValueOf(&p), jsonutil.DecodeOptions{}); err != nil {
					t.Errorf("goroutine %d: %v", g, err)
					return
				}
				b, err := jsonutil.AppendStructure(nil, &shPage, reflect.ValueOf(&p), jsonutil.EncodeOptions{})
				if err != nil || !bytes.Equal(b, want) {
					t.Errorf("goroutine %d: got %v\n%s\nwant\n%s", g, err, b, want)
					return
				}
			}
		}()
	}
	wg.Wait()
}

// TestEncodeSortedKeys: map keys are written in sorted order, whatever
// their length and however many there are.
func TestEncodeSortedKeys(t *testing.T) {
	for _, n := range []int{2, 16, 17, 100} {
		m := map[string]attr{}
		var keys []string
		for i := range n {
			k := fmt.Sprintf("key-with-a-long-common-prefix-%03d", n-i)
			if i%3 == 0 {
				k = fmt.Sprintf("k%d", i)
			}
			m[k] = attr{NULL: ptr2(true)}
			keys = append(keys, k)
		}
		b, err := jsonutil.AppendValue(nil, &shAMap, reflect.ValueOf(m))
		if err != nil {
			t.Fatal(err)
		}
		var got []string
		r := jsonutil.NewReader(b)
		if err := r.BeginObject(); err != nil {
			t.Fatal(err)
		}
		for {
			k, ok, err := r.NextMember()
			if err != nil {
				t.Fatal(err)
			}
			if !ok {
				break
			}
			got = append(got, string(k))
			if err := r.Skip(); err != nil {
				t.Fatal(err)
			}
		}
		sortStrings(keys)
		if diff := cmp.Diff(keys, got); diff != "" {
			t.Errorf("%d keys (-want +got):\n%s", n, diff)
		}
	}
}

func sortStrings(s []string) {
	for i := 1; i < len(s); i++ {
		for j := i; j > 0 && s[j] < s[j-1]; j-- {
			s[j], s[j-1] = s[j-1], s[j]
		}
	}
}

// TestAppendStringPositions: whatever byte needs escaping, wherever it
// sits in a string (inside or after the first 8-byte blocks scanned at
// once), the string reads back as itself (invalid UTF-8 as U+FFFD).
func TestAppendStringPositions(t *testing.T) {
	specials := []string{"\"", "\\", "\n", "\x00", "\x1f", "\x7f", "é", "\u2028", "\xff", "😀"}
	for n := 0; n <= 20; n++ {
		for pos := 0; pos <= n; pos++ {
			for _, sp := range specials {
				s := strings.Repeat("a", pos) + sp + strings.Repeat("b", n-pos)
				b := jsonutil.AppendString(nil, s)
				var got string
				if err := json.Unmarshal(b, &got); err != nil {
					t.Fatalf("%q: %s: %v", s, b, err)
				}
				if want := strings.ToValidUTF8(s, "\ufffd"); got != want {
					t.Fatalf("%q: wrote %s, read back %q", s, b, got)
				}
			}
		}
	}
}
