package attributevalue_test

import (
	"bytes"
	"context"
	"encoding/base64"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"math/big"
	"math/rand/v2"
	"net/http"
	"net/netip"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"
	"github.com/goto3/goto3"
	"github.com/goto3/goto3/credentials"
	"github.com/goto3/goto3/protocol/jsonutil"
	"github.com/goto3/goto3/services/dynamodb"
	"github.com/goto3/goto3/services/dynamodb/attributevalue"
)

// The JSON decoder is proven against the service's own path: the same
// bytes decoded by the client's codec into attribute values, then
// UnmarshalMap'd item by item, must give what UnmarshalItemsJSON gives.

// fakeDynamo is an HTTP transport keeping each request's body and
// answering every request with answer.
type fakeDynamo struct{ answer, body []byte }

func (f *fakeDynamo) RoundTrip(req *http.Request) (*http.Response, error) {
	f.body, _ = io.ReadAll(req.Body)
	req.Body.Close()
	h := http.Header{"Content-Type": {"application/x-amz-json-1.0"}}
	return &http.Response{StatusCode: 200, Header: h, Body: io.NopCloser(bytes.NewReader(f.answer)),
		ContentLength: int64(len(f.answer)), Request: req}, nil
}

// client returns a client sending through f, without retries.
func (f *fakeDynamo) client(t testing.TB) *dynamodb.Client {
	t.Helper()
	c, err := dynamodb.New(goto3.Config{Region: "us-east-1", Credentials: credentials.NewStatic("AKID", "SECRET", ""), RetryMaxAttempts: 1},
		func(o *dynamodb.Options) { o.HTTPClient = &http.Client{Transport: f} })
	if err != nil {
		t.Fatal(err)
	}
	return c
}

// viaCodec decodes items through a Query call.
func viaCodec(t testing.TB, items []byte) ([]map[string]dynamodb.AttributeValue, error) {
	t.Helper()
	f := &fakeDynamo{answer: append(append([]byte(`{"Count":1,"Items":`), items...), '}')}
	out, err := f.client(t).Query(context.Background(), &dynamodb.QueryInput{TableName: "t"})
	if err != nil {
		return nil, err
	}
	return out.Items, nil
}

// jsonTarget is a struct of every kind of target Unmarshal takes.
type jsonTarget struct {
	I8   int8                  `dynamodb:"i8"`
	U    uint                  `dynamodb:"u"`
	F32  float32               `dynamodb:"f32"`
	F    float64               `dynamodb:"f"`
	S    myString              `dynamodb:"s"`
	B    []byte                `dynamodb:"b"`
	Arr  [3]byte               `dynamodb:"arr"`
	P    *int                  `dynamodb:"p"`
	PP   **string              `dynamodb:"pp"`
	BI   big.Int               `dynamodb:"bi"`
	BIP  *big.Int              `dynamodb:"bip"`
	N    attributevalue.Number `dynamodb:"n"`
	T    time.Time             `dynamodb:"t"`
	Up   upper                 `dynamodb:"up"`
	UpP  *upper                `dynamodb:"upp"`
	AV   dynamodb.AttributeValue
	SS   []string             `dynamodb:"ss"`
	NS   []uint16             `dynamodb:"ns"`
	BS   [][]byte             `dynamodb:"bs"`
	L    []any                `dynamodb:"l"`
	Ar   [2]int               `dynamodb:"ar"`
	MI   map[int]string       `dynamodb:"mi"`
	MA   map[netip.Addr]bool  `dynamodb:"ma"`
	MS   map[string]*jsonLeaf `dynamodb:"ms"`
	OK   bool                 `dynamodb:"ok"`
	Any  any                  `dynamodb:"any"`
	Sets attributevalue.StringSet
	Leaf jsonLeaf    `dynamodb:"leaf"`
	LP   *jsonLeaf   `dynamodb:"lp"`
	LL   []jsonLeaf  `dynamodb:"ll"`
	LA   [1]jsonLeaf `dynamodb:"la"`
	*Audit
	base
}

type jsonLeaf struct {
	V string   `dynamodb:"v"`
	W *uint16  `dynamodb:"w"`
	X []string `dynamodb:"x"`
}

var jsonCmp = cmp.Options{
	cmp.Comparer(func(a, b big.Int) bool { return a.Cmp(&b) == 0 }),
	cmp.Comparer(func(a, b *big.Int) bool { return a == b || a != nil && b != nil && a.Cmp(b) == 0 }),
	cmpopts.EquateEmpty(),
	cmp.Comparer(func(a, b attributevalue.Number) bool { return a == b }), // not Equal: numerically
	cmp.AllowUnexported(jsonTarget{}, Order{}),
}

// sameAsCodec checks UnmarshalItemsJSON(items) into []T against the
// codec and UnmarshalMap. It reports whether both accepted the items.
func sameAsCodec[T any](t *testing.T, items []byte) bool {
	t.Helper()
	avs, cerr := viaCodec(t, items)
	var got []T
	derr := attributevalue.UnmarshalItemsJSON(items, &got)
	if cerr != nil {
		if derr == nil {
			t.Fatalf("%T: the codec refuses %s (%v); UnmarshalItemsJSON takes it", got, items, cerr)
		}
		return false
	}
	want := make([]T, 0, len(avs))
	var uerr error
	for i, it := range avs {
		var v T
		if uerr = attributevalue.UnmarshalMap(it, &v); uerr != nil {
			uerr = fmt.Errorf("[%d]: %w", i, uerr)
			break
		}
		want = append(want, v)
	}
	if (uerr == nil) != (derr == nil) {
		if derr != nil && strings.Contains(derr.Error(), "more than one member") {
			return false // refused on purpose
		}
		t.Fatalf("%T of %s: UnmarshalMap error %v, UnmarshalItemsJSON error %v", got, items, uerr, derr)
	}
	if d := cmp.Diff(want, got, jsonCmp); d != "" {
		t.Fatalf("%T of %s (-codec +json):\n%s", got, items, d)
	}
	return derr == nil
}

func TestItemsJSONCases(t *testing.T) {
	for _, items := range []string{
		`[]`, `null`, `[null]`, `[{}]`,
		`[{"i8":{"N":"-128"},"u":{"N":"1E+3"},"f32":{"N":"0.5"},"f":{"N":"1.25"},"s":{"S":"x"},"b":{"B":"AQI="},"arr":{"B":"AQID"}}]`,
		`[{"p":{"N":"5"},"pp":{"S":"deep"},"bi":{"N":"-1E+40"},"bip":{"N":"123"},"n":{"N":"1.50"},"t":{"S":"2026-01-02T03:04:05Z"}}]`,
		`[{"up":{"S":"ABC"},"upp":{"S":"DEF"},"AV":{"M":{"a":{"NULL":true}}},"ss":{"SS":["a","b"]},"ns":{"NS":["1","2"]},"bs":{"BS":["AQ=="]}}]`,
		`[{"l":{"L":[{"S":"a"},{"N":"1"},{"B":"AA=="},{"BOOL":false},{"NULL":true},{"SS":["x"]},{"NS":["2"]},{"BS":[""]},{"L":[]},{"M":{}}]}}]`,
		`[{"ar":{"L":[{"N":"1"},{"N":"2"},{"N":"3"}]},"mi":{"M":{"7":{"S":"x"}}},"ma":{"M":{"192.0.2.1":{"BOOL":true}}},"ok":{"BOOL":true}}]`,
		`[{"any":{"M":{"a":{"L":[{"S":"b"}]}}}},{"any":{"S":"s"}},{"any":{"NULL":true}},{"any":{"NS":["1","2.5"]}}]`,
		`[{"ms":{"M":{"a":{"M":{"v":{"S":"x"},"w":{"N":"3"},"x":{"SS":["p"]}}},"b":{"NULL":true}}}}]`,
		`[{"leaf":{"M":{"v":{"S":"y"}}},"lp":{"M":{"w":{"N":"65535"}}},"ll":{"L":[{"M":{"v":{"S":"1"}}},{"M":{}}]},"la":{"L":[{"M":{"v":{"S":"z"}}},{"M":{}}]}}]`,
		`[{"created_by":{"S":"me"},"kind":{"S":"k"},"Sets":{"SS":["q"]}}]`,
		`[{"p":{"NULL":true},"lp":{"NULL":true},"s":{"NULL":true},"ll":{"NULL":true}}]`,
		`[{"unknown":{"S":"x"},"s":{"X":"1","S":"y"}}]`,
		// Errors: a kind into the wrong type, numbers out of range, bad
		// base64, an empty value, a bad time.
		`[{"i8":{"N":"128"}}]`, `[{"s":{"N":"1"}}]`, `[{"b":{"B":"!!"}}]`, `[{"s":{}}]`, `[{"t":{"S":"x"}}]`,
		`[{"arr":{"B":"AQ=="}}]`, `[{"ok":{"S":"true"}}]`, `[{"mi":{"M":{"x":{"S":"x"}}}}]`, `[{"u":{"N":"-1"}}]`,
		`[{"leaf":{"L":[]}}]`, `[{"ns":{"SS":["a"]}}]`, `[{"s":{"S":"ok"}},{"s":{"BOOL":true}}]`,
		`[{"bip":{"N":"1.5"}}]`, `[{"s":{"S":null}}]`, `[{"s":null}]`, `[{"l":{"L":[null]}}]`,
	} {
		t.Run("", func(t *testing.T) {
			sameAsCodec[jsonTarget](t, []byte(items))
			sameAsCodec[map[string]any](t, []byte(items))
			sameAsCodec[map[string]dynamodb.AttributeValue](t, []byte(items))
			sameAsCodec[Order](t, []byte(items))
		})
	}
}

// A value written with two members is refused; a single item and its
// errors come with the attribute's path.
func TestItemJSON(t *testing.T) {
	var o jsonTarget
	err := attributevalue.UnmarshalItemJSON([]byte(`{"s":{"S":"a","N":"1"}}`), &o)
	if err == nil || !strings.Contains(err.Error(), "more than one member") {
		t.Errorf("two members: %v", err)
	}
	err = attributevalue.UnmarshalItemJSON([]byte(`{"ll":{"L":[{"M":{}},{"M":{"w":{"N":"-1"}}}]}}`), &o)
	var ae *attributevalue.Error
	if !errors.As(err, &ae) || ae.Path != "ll[1].w" {
		t.Errorf("error %v, want one at ll[1].w", err)
	}
	if err := attributevalue.UnmarshalItemJSON([]byte(`{} x`), &o); err == nil {
		t.Error("trailing data accepted")
	}
	if err := attributevalue.UnmarshalItemJSON([]byte(`{}`), o); err == nil {
		t.Error("a non-pointer target accepted")
	}
	if err := attributevalue.UnmarshalItemsJSON([]byte(`[]`), &o); err == nil {
		t.Error("a non-slice target accepted")
	}
	var lines []Line
	n, err := attributevalue.UnmarshalItemsJSONPrefix([]byte(` [{"SKU":{"S":"a"}}] ,"Count":1}`), &lines)
	if err != nil || n != 20 || len(lines) != 1 || lines[0].SKU != "a" {
		t.Errorf("UnmarshalItemsJSONPrefix: %d, %v, %v; want 20 bytes, one line", n, lines, err)
	}
	var partial []Line
	err = attributevalue.UnmarshalItemsJSON([]byte(`[{"SKU":{"S":"a"}},{"SKU":{"N":"1"}}]`), &partial)
	if !errors.As(err, &ae) || ae.Path != "[1].SKU" || len(partial) != 1 || partial[0].SKU != "a" {
		t.Errorf("got %v, %v; want the first item and an error at [1].SKU", partial, err)
	}
}

// TestItemsJSONRandom compares random items, of random kinds under the
// names of jsonTarget's fields, with the codec's path.
func TestItemsJSONRandom(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	n := 300
	if testing.Short() {
		n = 60
	}
	accepted := 0
	for range n {
		items := randomItems(r)
		ok := sameAsCodec[jsonTarget](t, items)
		sameAsCodec[map[string]any](t, items)
		sameAsCodec[map[string]dynamodb.AttributeValue](t, items)
		sameAsCodec[Order](t, items)
		if ok {
			accepted++
		}
	}
	if accepted < n/10 {
		t.Errorf("only %d of %d random pages decoded into jsonTarget: the generator is too wild", accepted, n)
	}
}

var jsonNames = []string{"i8", "u", "f32", "f", "s", "b", "arr", "p", "pp", "bi", "bip", "n", "t", "up", "upp",
	"AV", "ss", "ns", "bs", "l", "ar", "mi", "ma", "ms", "ok", "any", "Sets", "leaf", "lp", "ll", "la",
	"created_by", "kind", "v", "w", "x", "pk", "total", "qty", "lines", "SKU", "Price", "7", "192.0.2.1"}

func randomItems(r *rand.Rand) []byte {
	var b bytes.Buffer
	b.WriteByte('[')
	for i := range r.IntN(4) {
		if i > 0 {
			b.WriteByte(',')
		}
		randomMembers(r, &b, 0)
	}
	b.WriteByte(']')
	return b.Bytes()
}

func randomMembers(r *rand.Rand, b *bytes.Buffer, depth int) {
	b.WriteByte('{')
	for i := range r.IntN(5) {
		if i > 0 {
			b.WriteByte(',')
		}
		k, _ := json.Marshal(jsonNames[r.IntN(len(jsonNames))])
		b.Write(k)
		b.WriteByte(':')
		randomValue(r, b, depth+1)
	}
	b.WriteByte('}')
}

var jsonStrings = []string{"", "a", "2026-01-02T03:04:05Z", "192.0.2.1", "7", "ABC", "é\u2028", "x\"y"}
var jsonNumbers = []string{"0", "1", "-1", "255", "65535", "65536", "-128", "128", "1.5", "1E+3", "-1E+40", "0.1", "1e400", "12345678901234567890", "abc"}

func randomValue(r *rand.Rand, b *bytes.Buffer, depth int) {
	q := func(s string) { k, _ := json.Marshal(s); b.Write(k) }
	blob := func() { q(base64.StdEncoding.EncodeToString([]byte(jsonStrings[r.IntN(len(jsonStrings))]))) }
	list := func(el func()) {
		b.WriteByte('[')
		for i := range r.IntN(4) {
			if i > 0 {
				b.WriteByte(',')
			}
			el()
		}
		b.WriteByte(']')
	}
	k := r.IntN(10)
	if depth > 4 && k >= 6 {
		k = r.IntN(6)
	}
	switch k {
	case 0:
		b.WriteString(`{"S":`)
		q(jsonStrings[r.IntN(len(jsonStrings))])
	case 1:
		b.WriteString(`{"N":`)
		q(jsonNumbers[r.IntN(len(jsonNumbers))])
	case 2:
		b.WriteString(`{"B":`)
		blob()
	case 3:
		b.WriteString(`{"BOOL":` + strconv.FormatBool(r.IntN(2) == 0))
	case 4:
		b.WriteString(`{"NULL":true`)
	case 5:
		b.WriteString(`{"SS":`)
		list(func() { q(jsonStrings[r.IntN(len(jsonStrings))]) })
	case 6:
		b.WriteString(`{"NS":`)
		list(func() { q(jsonNumbers[r.IntN(len(jsonNumbers))]) })
	case 7:
		b.WriteString(`{"BS":`)
		list(blob)
	case 8:
		b.WriteString(`{"L":`)
		list(func() { randomValue(r, b, depth+1) })
	case 9:
		b.WriteString(`{"M":`)
		randomMembers(r, b, depth)
	}
	b.WriteByte('}')
}

// FuzzItemsJSON: whatever the bytes, UnmarshalItemsJSON agrees with the
// codec's path (or refuses a value of several members, or an object
// with a repeated name, on which the two may differ).
func FuzzItemsJSON(f *testing.F) {
	r := rand.New(rand.NewPCG(3, 4))
	for range 20 {
		f.Add(randomItems(r))
	}
	f.Add([]byte(`[{"s":{"S":"a"},"ll":{"L":[{"M":{"v":{"S":"1"}}}]}}]`))
	f.Fuzz(func(t *testing.T, items []byte) {
		if repeatedNames(items) {
			t.Skip("an object with a repeated name")
		}
		if r := jsonutil.NewReader(items); r.Skip() != nil || r.End() != nil {
			// Not one JSON value: within the answer it could add members
			// (`[],"x":0`) that the codec takes and the array does not.
			t.Skip("not one JSON value")
		}
		sameAsCodec[jsonTarget](t, items)
		sameAsCodec[map[string]any](t, items)
	})
}

// repeatedNames reports whether data (if JSON) has an object with a name
// twice.
func repeatedNames(data []byte) bool {
	dec := json.NewDecoder(bytes.NewReader(data))
	type frame struct {
		obj  bool
		key  bool // the next string token is a key
		seen map[string]bool
	}
	var stack []*frame
	for {
		tok, err := dec.Token()
		if err != nil {
			return false
		}
		var top *frame
		if len(stack) > 0 {
			top = stack[len(stack)-1]
		}
		switch v := tok.(type) {
		case json.Delim:
			switch v {
			case '{', '[':
				if top != nil && top.obj {
					top.key = true
				}
				stack = append(stack, &frame{obj: v == '{', key: v == '{', seen: map[string]bool{}})
			default:
				stack = stack[:len(stack)-1]
			}
			continue
		case string:
			if top != nil && top.obj && top.key {
				if top.seen[v] {
					return true
				}
				top.seen[v] = true
				top.key = false
				continue
			}
		}
		if top != nil && top.obj {
			top.key = true
		}
	}
}

// Decoders are pooled and the field order they learn is shared: pages
// read concurrently (run with -race) read as they do one at a time.
func TestItemsJSONConcurrent(t *testing.T) {
	r := rand.New(rand.NewPCG(5, 6))
	var pages [][]byte
	var want [][]jsonTarget
	for range 40 {
		p := randomItems(r)
		var v []jsonTarget
		if attributevalue.UnmarshalItemsJSON(p, &v) == nil {
			pages = append(pages, p)
			want = append(want, v)
		}
	}
	errs := make(chan error, 8)
	for g := range 8 {
		go func() {
			for i := range pages {
				i = (i + g*5) % len(pages)
				var got []jsonTarget
				if err := attributevalue.UnmarshalItemsJSON(pages[i], &got); err != nil {
					errs <- err
					return
				}
				if d := cmp.Diff(want[i], got, jsonCmp); d != "" {
					errs <- fmt.Errorf("page %d (-alone +concurrent):\n%s", i, d)
					return
				}
			}
			errs <- nil
		}()
	}
	for range 8 {
		if err := <-errs; err != nil {
			t.Error(err)
		}
	}
}
