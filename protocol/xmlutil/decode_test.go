package xmlutil_test

import (
	"errors"
	"fmt"
	"io"
	"math"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/goto3/goto3/protocol/xmlutil"
)

func ptr[T any](v T) *T { return &v }

func TestDecode(t *testing.T) {
	doc := `<?xml version="1.0" encoding="UTF-8"?>
<!-- a comment -->
<ListBucketResult xmlns="http://s3.amazonaws.com/doc/2006-03-01/">
  <Name>bucket</Name><Prefix/><KeyCount>2</KeyCount><MaxKeys>1000</MaxKeys>
  <IsTruncated>false</IsTruncated>
  <Unknown><Deep><Deeper>x</Deeper></Deep></Unknown>
  <Contents>
    <Key>a &amp; b&#x20;&lt;c&gt;&#65;</Key>
    <LastModified>2009-10-12T17:50:30.123Z</LastModified>
    <ETag>&quot;fba9dede5f27731c9771645a39863328&quot;</ETag>
    <Size>434234</Size>
    <StorageClass>STANDARD</StorageClass>
    <Owner><ID>id1</ID><DisplayName><![CDATA[<me>]]></DisplayName></Owner>
  </Contents>
  <Contents><Key>k2</Key><Size></Size><StorageClass>STANDARD</StorageClass></Contents>
  <CommonPrefixes><Prefix>p/</Prefix></CommonPrefixes>
  <Tags><entry><K>a</K><V>1</V></entry><entry><K>b</K><V/></entry></Tags>
  <Flat><key>x</key><value>y</value></Flat><Flat><key>z</key><value>w</value></Flat>
  <Wrapped><Item>one</Item><Item>two</Item></Wrapped>
  <Data>aGVsbG8=</Data>
  <Ratio>-Infinity</Ratio>
</ListBucketResult>trailing junk is never read`
	var got listOutput
	if err := xmlutil.Decode(strings.NewReader(doc), listOutputShape, reflect.ValueOf(&got), xmlutil.DecodeOptions{}); err != nil {
		t.Fatalf("Decode: %v", err)
	}
	std := storageClass("STANDARD")
	want := listOutput{
		IsTruncated: ptr(false),
		Name:        ptr("bucket"),
		Prefix:      ptr(""),
		KeyCount:    ptr(int32(2)),
		MaxKeys:     ptr(int32(1000)),
		Contents: []object{
			{
				Key:          ptr("a & b <c>A"),
				LastModified: ptr(time.Date(2009, 10, 12, 17, 50, 30, 123e6, time.UTC)),
				ETag:         ptr(`"fba9dede5f27731c9771645a39863328"`),
				Size:         ptr(int64(434234)),
				StorageClass: &std,
				Owner:        &owner{ID: ptr("id1"), DisplayName: ptr("<me>")},
			},
			{Key: ptr("k2"), StorageClass: &std},
		},
		CommonPrefixes: []commonPrefix{{Prefix: ptr("p/")}},
		Tags:           map[string]string{"a": "1", "b": ""},
		Flat:           map[string]string{"x": "y", "z": "w"},
		Wrapped:        []string{"one", "two"},
		Data:           []byte("hello"),
		Ratio:          ptr(math.Inf(-1)),
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("Decode mismatch (-want +got):\n%s", diff)
	}
}

func TestDecodeErrors(t *testing.T) {
	tests := []struct {
		name string
		doc  string
		opts xmlutil.DecodeOptions
		want string // substring of the error
		lim  bool
	}{
		{name: "empty", doc: "", want: "EOF"},
		{name: "mismatched", doc: "<a><b></a>", want: "does not match"},
		{name: "truncated", doc: "<a><Name>x</Name>", want: "unexpected end of input"},
		{name: "bad entity", doc: "<a><Name>&bogus;</Name></a>", want: "unknown entity"},
		{name: "bad int", doc: "<a><KeyCount>12x</KeyCount></a>", want: "invalid integer"},
		{name: "bad bool", doc: "<a><IsTruncated>yes</IsTruncated></a>", want: "invalid boolean"},
		{name: "text outside root", doc: "junk<a/>", want: "outside the root"},
		{name: "unterminated comment", doc: "<a><!-- x", want: "unterminated comment"},
		{name: "too deep", doc: strings.Repeat("<a>", 100), opts: xmlutil.DecodeOptions{MaxDepth: 10}, lim: true},
		{name: "token too big", doc: "<a><Name>" + strings.Repeat("x", 5000) + "</Name></a>", opts: xmlutil.DecodeOptions{MaxTokenSize: 1024}, lim: true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var got listOutput
			err := xmlutil.Decode(strings.NewReader(tt.doc), listOutputShape, reflect.ValueOf(&got), tt.opts)
			if err == nil {
				t.Fatalf("got nil error, want one")
			}
			if tt.lim {
				if !errors.Is(err, xmlutil.ErrLimit) {
					t.Errorf("got %v, want an error wrapping ErrLimit", err)
				}
				return
			}
			if !strings.Contains(err.Error(), tt.want) {
				t.Errorf("got %v, want it to contain %q", err, tt.want)
			}
		})
	}
}

// oneByteReader feeds the decoder one byte at a time to exercise refills.
type oneByteReader struct{ r io.Reader }

func (o oneByteReader) Read(p []byte) (int, error) {
	if len(p) > 1 {
		p = p[:1]
	}
	return o.r.Read(p)
}

func TestDecodeSmallReads(t *testing.T) {
	doc := listObjectsDoc(50)
	var a, b listOutput
	if err := xmlutil.Decode(strings.NewReader(doc), listOutputShape, reflect.ValueOf(&a), xmlutil.DecodeOptions{}); err != nil {
		t.Fatal(err)
	}
	if err := xmlutil.Decode(oneByteReader{strings.NewReader(doc)}, listOutputShape, reflect.ValueOf(&b), xmlutil.DecodeOptions{}); err != nil {
		t.Fatal(err)
	}
	if len(a.Contents) != 50 {
		t.Fatalf("got %d keys, want 50", len(a.Contents))
	}
	if diff := cmp.Diff(a, b); diff != "" {
		t.Errorf("byte-at-a-time decode differs (-whole +bytewise):\n%s", diff)
	}
}

func TestNavigate(t *testing.T) {
	doc := `<OpResponse xmlns="x"><OpResult a="1" p:b="2"><Name>n</Name></OpResult><ResponseMetadata><RequestId>rid</RequestId></ResponseMetadata></OpResponse>`
	d := xmlutil.NewDecoder(strings.NewReader(doc), xmlutil.DecodeOptions{})
	root, err := d.Root()
	if err != nil || root.Name != "OpResponse" {
		t.Fatalf("Root: got %v, %v; want OpResponse", root, err)
	}
	var out listOutput
	var rid string
	for {
		child, ok, err := d.NextChild()
		if err != nil {
			t.Fatal(err)
		}
		if !ok {
			break
		}
		switch child.Name {
		case "OpResult":
			wantAttr := []xmlutil.Attr{{Name: "a", Value: "1"}, {Prefix: "p", Name: "b", Value: "2"}}
			if diff := cmp.Diff(wantAttr, child.Attr); diff != "" {
				t.Errorf("attrs (-want +got):\n%s", diff)
			}
			if err := xmlutil.DecodeElement(d, child, listOutputShape, reflect.ValueOf(&out)); err != nil {
				t.Fatal(err)
			}
		case "ResponseMetadata":
			for {
				c, ok, err := d.NextChild()
				if err != nil || !ok {
					break
				}
				if c.Name == "RequestId" {
					rid, _ = d.Text()
				} else {
					_ = d.Skip()
				}
			}
		default:
			t.Fatalf("unexpected child %q", child.Name)
		}
	}
	if out.Name == nil || *out.Name != "n" || rid != "rid" {
		t.Errorf("got name %v, request id %q; want n, rid", out.Name, rid)
	}
}

func listObjectsDoc(n int) string {
	var b strings.Builder
	b.WriteString(`<?xml version="1.0" encoding="UTF-8"?>` + "\n" + `<ListBucketResult xmlns="http://s3.amazonaws.com/doc/2006-03-01/"><Name>example-bucket</Name><Prefix></Prefix><KeyCount>`)
	fmt.Fprintf(&b, "%d</KeyCount><MaxKeys>1000</MaxKeys><IsTruncated>false</IsTruncated>", n)
	for i := 0; i < n; i++ {
		fmt.Fprintf(&b, `<Contents><Key>photos/2024/%06d/IMG_%04d.jpg</Key><LastModified>2024-05-%02dT10:11:12.000Z</LastModified><ETag>&quot;%032x&quot;</ETag><Size>%d</Size><Owner><ID>75aa57f09aa0c8caeab4f8c24e99d10f8e7faeebf76c078efc7c6caea54ba06a</ID><DisplayName>owner</DisplayName></Owner><StorageClass>STANDARD</StorageClass></Contents>`,
			i, i%10000, i%28+1, i*7919, 1000+i*37)
	}
	b.WriteString(`</ListBucketResult>`)
	return b.String()
}

func TestDecodeSizeHint(t *testing.T) {
	doc := listObjectsDoc(300)
	var plain listOutput
	if err := xmlutil.Decode(strings.NewReader(doc), listOutputShape, reflect.ValueOf(&plain), xmlutil.DecodeOptions{}); err != nil {
		t.Fatal(err)
	}
	for _, hint := range []int64{int64(len(doc)), 10, 1 << 40} {
		var got listOutput
		err := xmlutil.Decode(strings.NewReader(doc), listOutputShape, reflect.ValueOf(&got), xmlutil.DecodeOptions{SizeHint: hint})
		if err != nil {
			t.Fatal(err)
		}
		if diff := cmp.Diff(plain, got); diff != "" {
			t.Errorf("SizeHint %d: result differs (-plain +hinted):\n%s", hint, diff)
		}
		if c := cap(got.Contents); c > 1<<14 {
			t.Errorf("SizeHint %d: got capacity %d, want at most %d", hint, c, 1<<14)
		}
		if hint == int64(len(doc)) && cap(got.Contents) > 310 {
			t.Errorf("exact hint: got capacity %d for 300 items, want about 300", cap(got.Contents))
		}
	}
}

// TestDecodeManyStrings checks every string of a long listing (they share
// backing arrays across many chunks), including one longer than a chunk's
// share and ones that need unescaping, against the values written.
func TestDecodeManyStrings(t *testing.T) {
	const n = 700
	long := strings.Repeat("k", 300)
	var b strings.Builder
	b.WriteString(`<ListBucketResult><Name>b</Name>`)
	for i := 0; i < n; i++ {
		key := fmt.Sprintf("photos/%06d/&lt;%d&gt;.jpg", i, i*i)
		if i == n/2 {
			key = long
		}
		fmt.Fprintf(&b, `<Contents><Key>%s</Key><ETag>&quot;%032x&quot;</ETag></Contents>`, key, i*7919)
	}
	b.WriteString(`</ListBucketResult>`)
	var got listOutput
	if err := xmlutil.Decode(strings.NewReader(b.String()), listOutputShape, reflect.ValueOf(&got), xmlutil.DecodeOptions{}); err != nil {
		t.Fatal(err)
	}
	if len(got.Contents) != n {
		t.Fatalf("got %d objects, want %d", len(got.Contents), n)
	}
	for i, o := range got.Contents {
		wantKey := fmt.Sprintf("photos/%06d/<%d>.jpg", i, i*i)
		if i == n/2 {
			wantKey = long
		}
		if o.Key == nil || *o.Key != wantKey {
			t.Errorf("object %d: got key %v, want %q", i, o.Key, wantKey)
		}
		if wantETag := fmt.Sprintf(`"%032x"`, i*7919); o.ETag == nil || *o.ETag != wantETag {
			t.Errorf("object %d: got ETag %v, want %q", i, o.ETag, wantETag)
		}
	}
}

// TestDecodeTimestampsOfOneDay decodes runs of timestamps that share their
// date and checks each against ParseTimestamp of the same text, including
// leap seconds, a day past the month's end, fractions, lower-case letters
// and spaces, and the same date in other forms (a guard for any caching of
// the date part).
func TestDecodeTimestampsOfOneDay(t *testing.T) {
	vals := []string{
		"2024-05-01T10:11:12.000Z", "2024-05-01T10:11:13Z", "2024-05-01T23:59:60Z", "2024-05-01t00:00:00.123456789z",
		" 2024-05-01T01:02:03.5Z ", "2024-05-01T10:11:12.000+00:00", "2024-05-01T10:11:12.1234567891Z",
		"2024-04-31T10:00:00Z", "2024-04-31T11:00:00.25Z", "2024-02-29T12:00:00Z", "2023-02-29T12:00:00Z", "2023-02-29T13:00:00Z",
		"2024-05-01T10:11:12.000Z", "1700000000", "2024-05-01T10:11:12Z",
	}
	var b strings.Builder
	b.WriteString(`<ListBucketResult>`)
	for i, v := range vals {
		fmt.Fprintf(&b, `<Contents><Key>k%d</Key><LastModified>%s</LastModified></Contents>`, i, v)
	}
	b.WriteString(`</ListBucketResult>`)
	var got listOutput
	if err := xmlutil.Decode(strings.NewReader(b.String()), listOutputShape, reflect.ValueOf(&got), xmlutil.DecodeOptions{}); err != nil {
		t.Fatal(err)
	}
	if len(got.Contents) != len(vals) {
		t.Fatalf("got %d objects, want %d", len(got.Contents), len(vals))
	}
	for i, v := range vals {
		want, err := xmlutil.ParseTimestamp([]byte(v))
		if err != nil {
			t.Fatalf("%q: %v", v, err)
		}
		if lm := got.Contents[i].LastModified; lm == nil || *lm != want {
			t.Errorf("%q: got %v, want %v", v, lm, want)
		}
	}

	// A malformed time after a good one of the same day is still an error.
	doc := `<ListBucketResult><Contents><LastModified>2024-05-01T10:11:12Z</LastModified></Contents><Contents><LastModified>2024-05-01T25:11:12Z</LastModified></Contents></ListBucketResult>`
	var out listOutput
	if err := xmlutil.Decode(strings.NewReader(doc), listOutputShape, reflect.ValueOf(&out), xmlutil.DecodeOptions{}); err == nil {
		t.Errorf("hour 25: got no error, want one")
	}
}

// TestDecodeOrderChanges decodes list items whose elements come in orders
// that change from item to item (the decoder guesses each next element
// from the order seen before) and checks every value.
func TestDecodeOrderChanges(t *testing.T) {
	parts := func(i int) []string {
		return []string{
			fmt.Sprintf(`<Key>k%d</Key>`, i),
			fmt.Sprintf(`<Size>%d</Size>`, i),
			fmt.Sprintf(`<ETag>e%d</ETag>`, i),
			`<StorageClass>GLACIER</StorageClass>`,
			fmt.Sprintf(`<Owner><ID>id%d</ID><DisplayName>d%d</DisplayName></Owner>`, i, i),
			fmt.Sprintf(`<LastModified>2024-05-%02dT10:11:12Z</LastModified>`, i%28+1),
			`<Unknown>x</Unknown>`,
		}
	}
	orders := [][]int{{0, 1, 2, 3, 4, 5, 6}, {0, 4, 3, 1, 2, 5, 6}, {6, 4, 3, 0, 5, 2, 1}, {0, 4, 3, 1, 2, 5, 6}, {5, 4, 3, 2, 1, 0, 6}, {0, 2, 4, 6, 1, 3, 5}}
	const n = 60
	var b strings.Builder
	b.WriteString(`<ListBucketResult>`)
	for i := 0; i < n; i++ {
		p := parts(i)
		b.WriteString(`<Contents>`)
		for _, j := range orders[i%len(orders)] {
			if i%7 == 3 && j == 2 {
				continue // an item without its ETag
			}
			b.WriteString(p[j])
		}
		b.WriteString(`</Contents>`)
	}
	b.WriteString(`</ListBucketResult>`)
	var got listOutput
	if err := xmlutil.Decode(strings.NewReader(b.String()), listOutputShape, reflect.ValueOf(&got), xmlutil.DecodeOptions{}); err != nil {
		t.Fatal(err)
	}
	want := make([]object, n)
	for i := range want {
		want[i] = object{
			Key:          ptr(fmt.Sprintf("k%d", i)),
			Size:         ptr(int64(i)),
			ETag:         ptr(fmt.Sprintf("e%d", i)),
			StorageClass: ptr(storageClass("GLACIER")),
			Owner:        &owner{ID: ptr(fmt.Sprintf("id%d", i)), DisplayName: ptr(fmt.Sprintf("d%d", i))},
			LastModified: ptr(time.Date(2024, 5, i%28+1, 10, 11, 12, 0, time.UTC)),
		}
		if i%7 == 3 {
			want[i].ETag = nil
		}
	}
	if diff := cmp.Diff(want, got.Contents); diff != "" {
		t.Errorf("objects (-want +got):\n%s", diff)
	}
}
