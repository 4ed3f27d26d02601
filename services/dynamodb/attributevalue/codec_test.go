package attributevalue_test

import (
	"errors"
	"fmt"
	"math"
	"math/big"
	"net/netip"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/goto3/goto3"
	"github.com/goto3/goto3/services/dynamodb"
	"github.com/goto3/goto3/services/dynamodb/attributevalue"
)

type dynamodbAV = dynamodb.AttributeValue

func str(s string) dynamodbAV   { return dynamodbAV{S: goto3.Ptr(s)} }
func num(s string) dynamodbAV   { return dynamodbAV{N: goto3.Ptr(s)} }
func boolean(b bool) dynamodbAV { return dynamodbAV{BOOL: goto3.Ptr(b)} }
func null() dynamodbAV          { return dynamodbAV{NULL: goto3.Ptr(true)} }
func m(kv ...any) dynamodbAV {
	out := map[string]dynamodbAV{}
	for i := 0; i < len(kv); i += 2 {
		out[kv[i].(string)] = kv[i+1].(dynamodbAV)
	}
	return dynamodbAV{M: out}
}
func l(els ...dynamodbAV) dynamodbAV { return dynamodbAV{L: append([]dynamodbAV{}, els...)} }

type Audit struct {
	CreatedBy string `dynamodb:"created_by"`
	Version   int    `dynamodb:"version"`
}

type Meta struct {
	Version int    `dynamodb:"version"` // shadowed by Audit's? no: same depth, both tagged: cancelled
	Source  string `dynamodb:"source"`
}

type base struct {
	Kind string `dynamodb:"kind"`
}

type Order struct {
	ID       string                `dynamodb:"pk"`
	Total    attributevalue.Number `dynamodb:"total"`
	Qty      uint8                 `dynamodb:"qty"`
	Tags     []string              `dynamodb:"tags,stringset,omitempty"`
	Sizes    []int                 `dynamodb:"sizes,numberset,omitempty"`
	Blobs    [][]byte              `dynamodb:"blobs,binaryset,omitempty"`
	Note     string                `dynamodb:",omitempty"`
	Shipped  time.Time             `dynamodb:"shipped,omitzero"`
	Secret   string                `dynamodb:"-"`
	Dash     string                `dynamodb:"-,"`
	Lines    []Line                `dynamodb:"lines"`
	Extra    map[string]any        `dynamodb:"extra,omitempty"`
	Ptr      *int                  `dynamodb:"ptr"`
	internal string
	*Audit
	base
}

type Line struct {
	SKU   string
	Price float64
}

func TestStructs(t *testing.T) {
	shipped := time.Date(2026, 1, 2, 3, 4, 5, 0, time.UTC)
	o := Order{
		ID: "customer#42", Total: "129.95", Qty: 3,
		Tags: []string{"gift"}, Sizes: []int{38, 40}, Blobs: [][]byte{{1}, {2, 3}},
		Shipped: shipped, Secret: "s", Dash: "d",
		Lines:    []Line{{"A-1", 49.99}},
		internal: "i",
		Audit:    &Audit{CreatedBy: "ana", Version: 2},
		base:     base{Kind: "order"},
	}
	got, err := attributevalue.MarshalMap(o)
	if err != nil {
		t.Fatal(err)
	}
	want := map[string]dynamodbAV{
		"pk": str("customer#42"), "total": num("129.95"), "qty": num("3"),
		"tags": {SS: []string{"gift"}}, "sizes": {NS: []string{"38", "40"}}, "blobs": {BS: [][]byte{{1}, {2, 3}}},
		"shipped": str("2026-01-02T03:04:05Z"), "-": str("d"),
		"lines": l(m("SKU", str("A-1"), "Price", num("49.99"))),
		"ptr":   null(), "created_by": str("ana"), "version": num("2"), "kind": str("order"),
	}
	if d := cmp.Diff(want, got); d != "" {
		t.Fatalf("MarshalMap (-want +got):\n%s", d)
	}
	var back Order
	if err := attributevalue.UnmarshalMap(got, &back); err != nil {
		t.Fatal(err)
	}
	o.Secret, o.internal = "", ""
	if d := cmp.Diff(o, back, cmp.AllowUnexported(Order{})); d != "" {
		t.Errorf("UnmarshalMap (-want +got):\n%s", d)
	}

	// Left out: empty sets and strings with omitempty, a zero time with
	// omitzero, a nil embedded pointer's fields.
	got, err = attributevalue.MarshalMap(Order{ID: "x", Tags: []string{}})
	if err != nil {
		t.Fatal(err)
	}
	for _, k := range []string{"tags", "sizes", "Note", "shipped", "created_by", "extra"} {
		if _, ok := got[k]; ok {
			t.Errorf("MarshalMap wrote %s: %v", k, got[k])
		}
	}
}

// Two fields of one name at the same depth, both tagged, cancel out
// (encoding/json's rule); a shallower one wins.
func TestEmbeddedConflicts(t *testing.T) {
	type Both struct {
		Audit
		Meta
	}
	got, err := attributevalue.MarshalMap(Both{Audit{"ana", 1}, Meta{2, "web"}})
	if err != nil {
		t.Fatal(err)
	}
	want := map[string]dynamodbAV{"created_by": str("ana"), "source": str("web")}
	if d := cmp.Diff(want, got); d != "" {
		t.Errorf("(-want +got):\n%s", d)
	}
	type Shallow struct {
		Audit
		Version string `dynamodb:"version"`
	}
	got, err = attributevalue.MarshalMap(Shallow{Audit{"ana", 1}, "v9"})
	if err != nil {
		t.Fatal(err)
	}
	if got["version"].S == nil || *got["version"].S != "v9" {
		t.Errorf("version = %v, want the outer field's v9", got["version"])
	}
}

func TestMarshalKinds(t *testing.T) {
	n := 7
	var nilMap map[string]int
	var nilSlice []int
	var nilIface fmt.Stringer
	addr := netip.MustParseAddr("192.0.2.1")
	for _, tc := range []struct {
		name string
		v    any
		want dynamodbAV
	}{
		{"nil", nil, null()},
		{"nil pointer", (*int)(nil), null()},
		{"pointer", &n, num("7")},
		{"pointer to pointer", goto3.Ptr(&n), num("7")},
		{"nil map", nilMap, null()},
		{"nil slice", nilSlice, null()},
		{"nil interface", nilIface, null()},
		{"nil bytes", []byte(nil), null()},
		{"empty bytes", []byte{}, dynamodbAV{B: []byte{}}},
		{"byte array", [2]byte{1, 2}, dynamodbAV{B: []byte{1, 2}}},
		{"int8 min", int8(math.MinInt8), num("-128")},
		{"uint", uint(math.MaxUint64), num("18446744073709551615")},
		{"uintptr", uintptr(5), num("5")},
		{"zero Number", attributevalue.Number(""), num("0")},
		{"big.Int", *big.NewInt(-5), num("-5")},
		{"named string", myString("x"), str("x")},
		{"TextMarshaler", addr, str("192.0.2.1")},
		{"TextMarshaler pointer", &addr, str("192.0.2.1")},
		{"Marshaler", upper("abc"), str("ABC")},
		{"AttributeValue", num("1.0"), num("1.0")},
		{"AttributeValue map", map[string]dynamodbAV{"a": null()}, m("a", null())},
		{"int keys", map[int]bool{-1: true}, m("-1", boolean(true))},
		{"TextMarshaler keys", map[netip.Addr]int{addr: 1}, m("192.0.2.1", num("1"))},
		{"array", [2]string{"a", "b"}, l(str("a"), str("b"))},
		{"list of lists", [][]int{{1}, {}}, l(l(num("1")), l())},
		{"interface list", []any{nil, 1.5, []byte("x")}, l(null(), num("1.5"), dynamodbAV{B: []byte("x")})},
		{"number set of floats", struct {
			F []float64 `dynamodb:"f,numberset"`
		}{[]float64{0.5, 2}}, m("f", dynamodbAV{NS: []string{"0.5", "2"}})},
		{"number set of strings", struct {
			F []string `dynamodb:"f,numberset"`
		}{[]string{"1.5", "2"}}, m("f", dynamodbAV{NS: []string{"1.5", "2"}})},
		{"string set array pointer", struct {
			F *[2]string `dynamodb:"f,stringset"`
		}{&[2]string{"a", "b"}}, m("f", dynamodbAV{SS: []string{"a", "b"}})},
		{"nil set", struct {
			F []string `dynamodb:"f,stringset"`
		}{}, m("f", null())},
		{"binary set of arrays", struct {
			F [][2]byte `dynamodb:"f,binaryset"`
		}{[][2]byte{{1, 2}}}, m("f", dynamodbAV{BS: [][]byte{{1, 2}}})},
		{"omitempty pointer", struct {
			P *int `dynamodb:"p,omitempty"`
		}{}, m()},
		{"omitzero struct", struct {
			S Line `dynamodb:"s,omitzero"`
		}{}, m()},
		{"not omitted", struct {
			S Line `dynamodb:"s,omitempty"` // omitempty does not look into structs
		}{}, m("s", m("SKU", str(""), "Price", num("0")))},
	} {
		got, err := attributevalue.Marshal(tc.v)
		if err != nil {
			t.Errorf("%s: Marshal(%#v): %v", tc.name, tc.v, err)
			continue
		}
		if d := cmp.Diff(tc.want, got); d != "" {
			t.Errorf("%s: Marshal(%#v) (-want +got):\n%s", tc.name, tc.v, d)
		}
	}
}

type myString string

type upper string

func (u upper) MarshalAttributeValue() (dynamodbAV, error) {
	return str(strings.ToUpper(string(u))), nil
}

func (u *upper) UnmarshalAttributeValue(av dynamodbAV) error {
	if av.S == nil {
		return errors.New("want S")
	}
	*u = upper(strings.ToLower(*av.S))
	return nil
}

type cycle struct {
	Next *cycle
}

func TestMarshalErrors(t *testing.T) {
	c := &cycle{}
	c.Next = c
	deep := any(1)
	for range 34 {
		deep = []any{deep}
	}
	for _, tc := range []struct {
		name string
		v    any
		want string
	}{
		{"chan", make(chan int), "attributevalue: marshal: cannot marshal a chan int"},
		{"func field", struct{ F func() }{}, "attributevalue: marshal F: cannot marshal a func()"},
		{"complex", []complex64{1}, "attributevalue: marshal [0]: cannot marshal a complex64"},
		{"NaN deep", map[string]any{"a": []any{1, map[string]float64{"b": math.NaN()}}}, "attributevalue: marshal a[1].b: NaN: DynamoDB has no NaN or infinity"},
		{"bad Number", struct {
			N attributevalue.Number `dynamodb:"price"`
		}{"1,5"}, `attributevalue: marshal price: number "1,5": unexpected ','`},
		{"big.Int too long", mustBig("1234567890123456789012345678901234567890"), "39 significant digits"},
		{"empty set", struct {
			T []string `dynamodb:"tags,stringset"`
		}{[]string{}}, "attributevalue: marshal tags: an empty stringset: DynamoDB refuses empty sets (omitempty leaves it out)"},
		{"empty set type", attributevalue.BinarySet{}, "an empty binaryset"},
		{"duplicate", attributevalue.StringSet{"a", "b", "a"}, `attributevalue: marshal [2]: "a" is in the stringset twice`},
		{"duplicate in a large set", attributevalue.StringSet{"a", "b", "c", "d", "e", "f", "g", "h", "i", "b"}, `attributevalue: marshal [9]: "b" is in the stringset twice`},
		{"duplicate in a large numberset", struct {
			S []int `dynamodb:"s,numberset"`
		}{[]int{1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 3}}, "attributevalue: marshal s[10]: 3 is in the numberset twice"},
		{"duplicate number", struct {
			S []attributevalue.Number `dynamodb:"s,numberset"`
		}{[]attributevalue.Number{"1.0", "1"}}, "attributevalue: marshal s[1]: 1 is in the numberset twice"},
		{"duplicate binary", attributevalue.BinarySet{{1}, {1}}, "0001"[2:] + " is in the binaryset twice"},
		{"set of wrong type", struct {
			S []int `dynamodb:"s,stringset"`
		}{[]int{1}}, "attributevalue: marshal s: stringset: elements of type int, want strings"},
		{"set on a scalar", struct {
			S string `dynamodb:"s,binaryset"`
		}{"x"}, "binaryset: a string is not a slice or array"},
		{"number set of bools", struct {
			S []bool `dynamodb:"s,numberset"`
		}{[]bool{true}}, "numberset: an element of type bool, want numbers"},
		{"bad tag", struct {
			S string `dynamodb:"s,omitnothing"`
		}{}, `unknown option "omitnothing"`},
		{"two sets", struct {
			S []string `dynamodb:"s,stringset,numberset"`
		}{}, "names two set types"},
		{"map keys", map[float64]int{1: 1}, "cannot marshal a map with float64 keys"},
		{"cycle", c, "nested more than 32 levels"},
		{"deep", deep, "nested more than 32 levels"},
		{"empty AttributeValue", map[string]dynamodbAV{"x": {}}, "attributevalue: marshal x: an empty dynamodb.AttributeValue"},
		{"Marshaler error", failing{}, "attributevalue: marshal: attributevalue_test.failing.MarshalAttributeValue: no"},
	} {
		_, err := attributevalue.Marshal(tc.v)
		if err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("%s: Marshal: got %v, want an error containing %q", tc.name, err, tc.want)
			continue
		}
		var ae *attributevalue.Error
		if !errors.As(err, &ae) || ae.Op != "marshal" {
			t.Errorf("%s: %v is not an *attributevalue.Error", tc.name, err)
		}
	}
	// 33 nested lists (an item's map and 32 levels) are fine.
	ok := any(1)
	for range 33 {
		ok = []any{ok}
	}
	if _, err := attributevalue.Marshal(ok); err != nil {
		t.Errorf("32 nested lists: %v", err)
	}
	if _, err := attributevalue.MarshalMap([]int{1}); err == nil || !strings.Contains(err.Error(), "[]int is L, not a map") {
		t.Errorf("MarshalMap([]int): %v", err)
	}
	if _, err := attributevalue.MarshalMap(nil); err == nil {
		t.Errorf("MarshalMap(nil): no error")
	}
}

type failing struct{}

func (failing) MarshalAttributeValue() (dynamodbAV, error) { return dynamodbAV{}, errors.New("no") }

func TestUnmarshalKinds(t *testing.T) {
	// Into typed values.
	var (
		i8  int8
		u   uint
		f32 float32
		s   myString
		b   []byte
		arr [3]byte
		p   *int
		pp  **string
		bi  big.Int
		bip *big.Int
		n   attributevalue.Number
		tm  time.Time
		up  upper
		avv dynamodbAV
		ss  []string
		ns  []uint16
		bs  [][]byte
		sl  []any
		ar  [2]int
		mp  map[int]string
		ma  map[netip.Addr]bool
		ok  bool
	)
	for _, tc := range []struct {
		av   dynamodbAV
		into any
		want any
	}{
		{num("-128"), &i8, int8(-128)},
		{num("1E+3"), &u, uint(1000)},
		{num("0.5"), &f32, float32(0.5)},
		{str("x"), &s, myString("x")},
		{dynamodbAV{B: []byte{1, 2}}, &b, []byte{1, 2}},
		{dynamodbAV{B: []byte{1, 2, 3}}, &arr, [3]byte{1, 2, 3}},
		{num("5"), &p, goto3.Ptr(5)},
		{str("deep"), &pp, goto3.Ptr(goto3.Ptr("deep"))},
		{num("-1E+40"), &bi, *mustBig("-10000000000000000000000000000000000000000")},
		{num("123"), &bip, big.NewInt(123)},
		{num("1.50"), &n, attributevalue.Number("1.50")},
		{str("2026-01-02T03:04:05Z"), &tm, time.Date(2026, 1, 2, 3, 4, 5, 0, time.UTC)},
		{str("ABC"), &up, upper("abc")},
		{m("a", null()), &avv, m("a", null())},
		{dynamodbAV{SS: []string{"a", "b"}}, &ss, []string{"a", "b"}},
		{dynamodbAV{NS: []string{"1", "2"}}, &ns, []uint16{1, 2}},
		{dynamodbAV{BS: [][]byte{{1}}}, &bs, [][]byte{{1}}},
		{l(str("a"), num("1")), &sl, []any{"a", attributevalue.Number("1")}},
		{l(num("1"), num("2"), num("3")), &ar, [2]int{1, 2}},
		{m("7", str("x")), &mp, map[int]string{7: "x"}},
		{m("192.0.2.1", boolean(true)), &ma, map[netip.Addr]bool{netip.MustParseAddr("192.0.2.1"): true}},
		{boolean(true), &ok, true},
	} {
		if err := attributevalue.Unmarshal(tc.av, tc.into); err != nil {
			t.Errorf("Unmarshal(%v) into %T: %v", tc.av, tc.into, err)
			continue
		}
		got := derefAny(tc.into)
		if d := cmp.Diff(tc.want, got, cmp.Comparer(func(a, b big.Int) bool { return a.Cmp(&b) == 0 }),
			cmp.Comparer(func(a, b *big.Int) bool { return a.Cmp(b) == 0 })); d != "" {
			t.Errorf("Unmarshal(%v) into %T (-want +got):\n%s", tc.av, tc.into, d)
		}
	}

	// NULL sets the zero value; an array longer than the list is zeroed
	// past it; a struct keeps the fields the item does not have.
	p = goto3.Ptr(1)
	if err := attributevalue.Unmarshal(null(), &p); err != nil || p != nil {
		t.Errorf("NULL into *int: %v, %v", p, err)
	}
	i8 = 5
	if err := attributevalue.Unmarshal(null(), &i8); err != nil || i8 != 0 {
		t.Errorf("NULL into int8: %v, %v", i8, err)
	}
	ar = [2]int{7, 7}
	if err := attributevalue.Unmarshal(l(num("1")), &ar); err != nil || ar != [2]int{1, 0} {
		t.Errorf("L of 1 into [2]int: %v, %v", ar, err)
	}
	line := Line{SKU: "keep", Price: 1}
	if err := attributevalue.UnmarshalMap(map[string]dynamodbAV{"Price": num("2"), "other": str("x")}, &line); err != nil || line != (Line{"keep", 2}) {
		t.Errorf("UnmarshalMap into a Line: %+v, %v", line, err)
	}
	// An interface holding a pointer is decoded through it.
	var target Line
	var iface any = &target
	if err := attributevalue.UnmarshalMap(map[string]dynamodbAV{"SKU": str("x")}, &iface); err != nil || target.SKU != "x" {
		t.Errorf("into an any holding *Line: %+v, %v", target, err)
	}
	// A nil map is an empty item.
	if err := attributevalue.UnmarshalMap(nil, &line); err != nil {
		t.Errorf("UnmarshalMap(nil): %v", err)
	}
}

func derefAny(p any) any {
	switch v := p.(type) {
	case *int8:
		return *v
	case *uint:
		return *v
	case *float32:
		return *v
	case *myString:
		return *v
	case *[]byte:
		return *v
	case *[3]byte:
		return *v
	case **int:
		return *v
	case ***string:
		return *v
	case *big.Int:
		return *v
	case **big.Int:
		return *v
	case *attributevalue.Number:
		return *v
	case *time.Time:
		return *v
	case *upper:
		return *v
	case *dynamodbAV:
		return *v
	case *[]string:
		return *v
	case *[]uint16:
		return *v
	case *[][]byte:
		return *v
	case *[]any:
		return *v
	case *[2]int:
		return *v
	case *map[int]string:
		return *v
	case *map[netip.Addr]bool:
		return *v
	case *bool:
		return *v
	}
	panic(fmt.Sprintf("%T", p))
}

func TestUnmarshalErrors(t *testing.T) {
	item := map[string]dynamodbAV{
		"pk":    str("x"),
		"lines": l(m("SKU", str("a"), "Price", num("1")), m("SKU", num("2"))),
	}
	var o Order
	err := attributevalue.UnmarshalMap(item, &o)
	if err == nil || err.Error() != "attributevalue: unmarshal lines[1].SKU: cannot unmarshal N 2 into string" {
		t.Errorf("got %v", err)
	}
	var ae *attributevalue.Error
	if !errors.As(err, &ae) || ae.Path != "lines[1].SKU" || ae.Op != "unmarshal" {
		t.Errorf("got %#v", ae)
	}
	var small struct {
		Qty int8 `dynamodb:"qty"`
	}
	for _, tc := range []struct {
		av   dynamodbAV
		into any
		want string
	}{
		{m("qty", num("300")), &small, "attributevalue: unmarshal qty: cannot unmarshal N 300 into int8: 300 overflows int8"},
		{m("qty", num("-129")), &small, "-129 overflows int8"},
		{m("qty", num("1.5")), &small, "1.5 is not an integer"},
		{m("qty", str("1")), &small, "cannot unmarshal S into int8"},
		{num("-1"), new(uint64), "-1 is negative"},
		{num("256"), new(uint8), "256 overflows uint8"},
		{num("65536"), new(uint16), "overflows uint16"},
		{num("4294967296"), new(uint32), "overflows uint32"},
		{num("2147483648"), new(int32), "overflows int32"},
		{num("1e5000"), new(int), "too large"},
		{num("1.5"), new(big.Int), "not an integer"},
		{num("1"), new(string), "cannot unmarshal N 1 into string"},
		{str("1"), new(attributevalue.Number), "cannot unmarshal S into attributevalue.Number"},
		{dynamodbAV{B: []byte{1}}, new([2]byte), "cannot unmarshal 1 bytes into [2]uint8"},
		{dynamodbAV{B: []byte{1}}, new(string), "cannot unmarshal B into string"},
		{dynamodbAV{SS: []string{"a"}}, new([]int), "[0]: cannot unmarshal S into int"},
		{m("a", num("1")), new([]int), "cannot unmarshal M into []int"},
		{m("x", num("1")), new(map[int]int), `x: attribute name "x" does not parse as int`},
		{m("x", num("1")), new(map[float64]int), "cannot unmarshal a map into a map with float64 keys"},
		{str("x"), new(fmt.Stringer), "cannot unmarshal S into a nil fmt.Stringer"},
		{dynamodbAV{}, new(any), "an empty attribute value"},
		{l(dynamodbAV{}), new(any), "[0]: an empty attribute value"},
		{num("1"), new(upper), "want S"},
		{str("not a time"), new(time.Time), "UnmarshalText"},
		{m("a", num("1")), Order{}, "the target is attributevalue_test.Order, want a non-nil pointer"},
		{m("a", num("1")), (*Order)(nil), "want a non-nil pointer"},
	} {
		err := attributevalue.Unmarshal(tc.av, tc.into)
		if err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("Unmarshal(%v) into %T: got %v, want an error containing %q", tc.av, tc.into, err, tc.want)
		}
	}
	// A cycle of maps stops at DynamoDB's depth.
	loop := map[string]dynamodbAV{}
	loop["a"] = dynamodbAV{M: loop}
	var x any
	if err := attributevalue.UnmarshalMap(loop, &x); err == nil || !strings.Contains(err.Error(), "nested more than 32 levels") {
		t.Errorf("a cycle of maps: %v", err)
	}
	var y map[string]any
	if err := attributevalue.UnmarshalMap(loop, &y); err == nil || !strings.Contains(err.Error(), "nested more than 32 levels") {
		t.Errorf("a cycle of maps into a map: %v", err)
	}
	// An embedded pointer to an unexported struct cannot be allocated.
	type withHidden struct {
		*base
	}
	var h withHidden
	if err := attributevalue.UnmarshalMap(map[string]dynamodbAV{"kind": str("k")}, &h); err == nil || !strings.Contains(err.Error(), "kind: cannot set the nil embedded pointer") {
		t.Errorf("unexported embedded pointer: %v", err)
	}
}

// The returned values share no memory with the input.
func TestCopies(t *testing.T) {
	in := []byte{1, 2}
	av, err := attributevalue.Marshal(in)
	if err != nil {
		t.Fatal(err)
	}
	in[0] = 9
	if av.B[0] != 1 {
		t.Errorf("Marshal shares the byte slice")
	}
	var out []byte
	if err := attributevalue.Unmarshal(av, &out); err != nil {
		t.Fatal(err)
	}
	out[1] = 9
	if av.B[1] != 2 {
		t.Errorf("Unmarshal shares the byte slice")
	}
}
