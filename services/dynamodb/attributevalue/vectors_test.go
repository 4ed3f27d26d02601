package attributevalue_test

import (
	"encoding/base64"
	"encoding/json"
	"math"
	"math/big"
	"os"
	"sort"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/goto3/goto3/services/dynamodb"
	"github.com/goto3/goto3/services/dynamodb/attributevalue"
)

// boto3Case is one case of testdata/boto3_types.json (boto3_types.py).
type boto3Case struct {
	Name      string          `json:"name"`
	Input     string          `json:"input"`
	AV        json.RawMessage `json:"av"`
	Back      json.RawMessage `json:"back"`
	BackError string          `json:"back_error"`
	Error     string          `json:"error"`
}

// goCase is the Go equivalent of a boto3 case's input, and where goto3's
// answer differs from boto3's on purpose.
type goCase struct {
	v any
	// numeric: goto3 sends the Number's text as written, boto3 the text of
	// Python's Decimal: compare numerically.
	numeric bool
	// want, when set, is goto3's own answer ("error" or an attribute
	// value's JSON) where it differs from boto3's, with why.
	want, why string
}

type vectorOrder struct {
	PK      string                 `dynamodb:"pk"`
	SK      string                 `dynamodb:"sk"`
	Total   attributevalue.Number  `dynamodb:"total"`
	Qty     int                    `dynamodb:"qty"`
	Paid    bool                   `dynamodb:"paid"`
	Note    *string                `dynamodb:"note"`
	Tags    []string               `dynamodb:"tags,stringset"`
	Lines   []vectorLine           `dynamodb:"lines"`
	Address map[string]any         `dynamodb:"address"`
	Raw     []byte                 `dynamodb:"raw"`
	Scores  []uint16               `dynamodb:"scores,numberset"`
	Ignored string                 `dynamodb:"-"`
	extra   int                    // unexported: never written
	Empty   attributevalue.Number  `dynamodb:"empty,omitempty"`
	Missing map[string]interface{} `dynamodb:"missing,omitempty"`
}

type vectorLine struct {
	SKU   string  `dynamodb:"sku"`
	Qty   int8    `dynamodb:"qty"`
	Price float64 `dynamodb:"price"`
}

var goCases = map[string]goCase{
	"null":                      {v: nil},
	"true":                      {v: true},
	"false":                     {v: false},
	"int_zero":                  {v: 0},
	"int_one":                   {v: int8(1)},
	"int_negative":              {v: int16(-42)},
	"int64_max":                 {v: int64(math.MaxInt64)},
	"int64_min":                 {v: int64(math.MinInt64)},
	"uint64_max":                {v: uint64(math.MaxUint64)},
	"int_38_digits":             {v: mustBig("10000000000000000000000000000000000001")},
	"int_1e38":                  {v: mustBig("100000000000000000000000000000000000000"), want: `{"N":"100000000000000000000000000000000000000"}`, why: "DynamoDB takes 1E+38 (one significant digit; trailing zeros do not count); boto3's Decimal context refuses 39 digits"},
	"decimal_price":             {v: attributevalue.Number("19.99")},
	"decimal_trailing_zero":     {v: attributevalue.Number("1.50")},
	"decimal_negative_zero":     {v: attributevalue.Number("-0")},
	"decimal_small":             {v: attributevalue.Number("0.000001")},
	"decimal_exponent":          {v: attributevalue.Number("1E+2")},
	"decimal_exponent_lower":    {v: attributevalue.Number("1e2"), numeric: true},
	"decimal_min_positive":      {v: attributevalue.Number("1E-130")},
	"decimal_max":               {v: attributevalue.Number("9.9999999999999999999999999999999999999E+125")},
	"decimal_38_digits":         {v: attributevalue.Number("12345678901234567890.123456789012345678")},
	"decimal_negative_exponent": {v: attributevalue.Number("-1.5E-7")},
	"decimal_leading_zeros":     {v: attributevalue.Number("007.25"), numeric: true},
	"string_empty":              {v: ""},
	"string":                    {v: "hello"},
	"string_unicode":            {v: "ünïcode ✓ 😀"},
	"bytes_empty":               {v: []byte{}},
	"bytes":                     {v: []byte{0, 1, 0xfe, 0xff}},
	"bytearray":                 {v: [3]byte{'a', 'b', 'c'}},
	"binary":                    {v: []byte("xyz")},
	"list_empty":                {v: []any{}},
	"list_mixed":                {v: []any{1, "a", nil, true, attributevalue.Number("2.5"), []byte{1}}},
	"tuple":                     {v: [2]int{1, 2}},
	"map_empty":                 {v: map[string]int{}},
	"map_nested":                {v: map[string]any{"a": map[string]any{"b": []any{1, map[string]bool{"c": true}}, "d": nil}, "e": "f"}},
	"string_set":                {v: attributevalue.StringSet{"red", "green", "blue"}},
	"number_set":                {v: attributevalue.NumberSet{"1", "2", "3"}},
	"number_set_decimal":        {v: attributevalue.NumberSet{"1.5", "-2"}},
	"binary_set":                {v: attributevalue.BinarySet{[]byte("a"), []byte("bc")}},
	"frozenset":                 {v: attributevalue.StringSet{"x"}},
	"item": {v: vectorOrder{
		PK: "customer#42", SK: "order#0001", Total: "129.95", Qty: 3, Paid: true,
		Tags:    []string{"gift", "express"},
		Lines:   []vectorLine{{"A-1", 2, 49.99}, {"B-7", 1, 29.97}},
		Address: map[string]any{"city": "Lyon", "zip": "69001", "geo": []float64{45.764, 4.8357}},
		Raw:     []byte("\x89PNG"), Scores: []uint16{10, 20}, Ignored: "x", extra: 1,
	}},
	"float":             {v: 1.5, want: `{"N":"1.5"}`, why: "goto3 writes a float as the shortest text that reads back as it; boto3 refuses floats"},
	"float_in_list":     {v: []float32{0.1}, want: `{"L":[{"N":"0.1"}]}`, why: "as float"},
	"decimal_nan":       {v: math.NaN()},
	"decimal_infinity":  {v: math.Inf(1)},
	"decimal_39_digits": {v: attributevalue.Number("1.23456789012345678901234567890123456789")},
	"decimal_1e126":     {v: attributevalue.Number("1E+126"), want: "error", why: "DynamoDB's largest number is below 1E+126; boto3's context (Emax 126) lets it through to the service"},
	"decimal_too_large": {v: attributevalue.Number("1E+127")},
	"decimal_too_small": {v: attributevalue.Number("1E-200")},
	"set_mixed":         {v: attributevalue.NumberSet{"1", "a"}},
	"set_empty":         {v: attributevalue.NumberSet{}, want: "error", why: "DynamoDB refuses empty sets; boto3 sends one and the service answers ValidationException"},
	"object":            {v: make(chan int)},
}

func mustBig(s string) *big.Int {
	b, ok := new(big.Int).SetString(s, 10)
	if !ok {
		panic(s)
	}
	return b
}

// TestBoto3TypeVectors runs testdata/boto3_types.json: each attribute
// value boto3's TypeSerializer made is unmarshalled into an any and must
// have the shape boto3's TypeDeserializer gave it, must marshal back to
// itself, and the Go equivalent of the Python input must marshal to it
// (or fail where boto3 failed), except where goCases says why goto3
// differs.
func TestBoto3TypeVectors(t *testing.T) {
	data, err := os.ReadFile("testdata/boto3_types.json")
	if err != nil {
		t.Fatal(err)
	}
	var file struct {
		Cases []boto3Case `json:"cases"`
	}
	if err := json.Unmarshal(data, &file); err != nil {
		t.Fatal(err)
	}
	seen := map[string]bool{}
	for _, c := range file.Cases {
		seen[c.Name] = true
		t.Run(c.Name, func(t *testing.T) {
			g, ok := goCases[c.Name]
			if !ok {
				t.Fatalf("no Go equivalent of %s", c.Input)
			}
			got, err := attributevalue.Marshal(g.v)
			switch {
			case g.want == "error":
				if err == nil {
					t.Errorf("Marshal(%#v) = %s, want an error (%s)", g.v, avJSON(got), g.why)
				}
			case g.want != "":
				if err != nil {
					t.Fatalf("Marshal(%#v): %v, want %s (%s)", g.v, err, g.want, g.why)
				}
				if d := cmp.Diff(canon(t, json.RawMessage(g.want), false), canon(t, []byte(avJSON(got)), false)); d != "" {
					t.Errorf("Marshal(%#v) (-want +got):\n%s", g.v, d)
				}
			case c.Error != "":
				if err == nil {
					t.Errorf("Marshal(%#v) = %s, want an error as boto3's %s", g.v, avJSON(got), c.Error)
				} else {
					t.Logf("boto3: %s; goto3: %v", c.Error, err)
				}
			default:
				if err != nil {
					t.Fatalf("Marshal(%#v): %v, want %s", g.v, err, c.AV)
				}
				if d := cmp.Diff(canon(t, c.AV, g.numeric), canon(t, []byte(avJSON(got)), g.numeric)); d != "" {
					t.Errorf("Marshal(%#v) (-boto3 +goto3):\n%s", g.v, d)
				}
			}
			if c.AV == nil {
				return
			}
			// boto3's attribute value: decoded into any, it has the shape
			// boto3's deserializer gives; marshalled again, it is itself.
			var av dynamodb.AttributeValue
			if err := json.Unmarshal(c.AV, &av); err != nil {
				t.Fatal(err)
			}
			var x any
			if err := attributevalue.Unmarshal(av, &x); err != nil {
				t.Fatalf("Unmarshal(%s): %v", c.AV, err)
			}
			if d := cmp.Diff(canon(t, c.Back, false), canon(t, shapeJSON(t, x), false)); d != "" {
				t.Errorf("Unmarshal(%s) into any (-boto3 +goto3):\n%s", c.AV, d)
			}
			again, err := attributevalue.Marshal(x)
			if g.want == "error" {
				if err == nil {
					t.Errorf("Marshal(%#v) = %s, want an error (%s)", x, avJSON(again), g.why)
				}
				return
			}
			if err != nil {
				t.Fatalf("Marshal(Unmarshal(%s)): %v", c.AV, err)
			}
			if d := cmp.Diff(canon(t, c.AV, false), canon(t, []byte(avJSON(again)), false)); d != "" {
				t.Errorf("round trip through any (-boto3 +goto3):\n%s", d)
			}
		})
	}
	for name := range goCases {
		if !seen[name] {
			t.Errorf("goCases[%q] has no boto3 case", name)
		}
	}
}

// avJSON is an attribute value in DynamoDB's JSON (the field names of
// dynamodb.AttributeValue are the wire names; encoding/json writes []byte
// in base64, leaves nil members out thanks to canon).
func avJSON(av dynamodb.AttributeValue) string {
	b, err := json.Marshal(wireOf(av))
	if err != nil {
		panic(err)
	}
	return string(b)
}

// wireOf is av as a JSON-ready value with only its set member.
func wireOf(av dynamodb.AttributeValue) any {
	switch {
	case av.S != nil:
		return map[string]any{"S": *av.S}
	case av.N != nil:
		return map[string]any{"N": *av.N}
	case av.B != nil:
		return map[string]any{"B": av.B}
	case av.SS != nil:
		return map[string]any{"SS": av.SS}
	case av.NS != nil:
		return map[string]any{"NS": av.NS}
	case av.BS != nil:
		return map[string]any{"BS": av.BS}
	case av.M != nil:
		m := map[string]any{}
		for k, v := range av.M {
			m[k] = wireOf(v)
		}
		return map[string]any{"M": m}
	case av.L != nil:
		l := make([]any, len(av.L))
		for i, v := range av.L {
			l[i] = wireOf(v)
		}
		return map[string]any{"L": l}
	case av.NULL != nil:
		return map[string]any{"NULL": *av.NULL}
	case av.BOOL != nil:
		return map[string]any{"BOOL": *av.BOOL}
	}
	return map[string]any{}
}

// canon parses JSON into a value in which the arrays of set members (SS,
// NS, BS, "set") are sorted, and, with numeric, every N text is replaced
// by a canonical form of its number.
func canon(t *testing.T, raw []byte, numeric bool) any {
	t.Helper()
	var v any
	if err := json.Unmarshal(raw, &v); err != nil {
		t.Fatalf("%s: %v", raw, err)
	}
	return canonValue(v, numeric)
}

func canonValue(v any, numeric bool) any {
	switch x := v.(type) {
	case map[string]any:
		out := map[string]any{}
		for k, e := range x {
			e = canonValue(e, numeric)
			switch k {
			case "SS", "NS", "BS", "set":
				l := e.([]any)
				if k == "NS" && numeric {
					for i := range l {
						l[i] = canonNumber(l[i].(string))
					}
				}
				sort.Slice(l, func(i, j int) bool {
					a, _ := json.Marshal(l[i])
					b, _ := json.Marshal(l[j])
					return string(a) < string(b)
				})
			case "N":
				if numeric {
					e = canonNumber(e.(string))
				}
			}
			out[k] = e
		}
		return out
	case []any:
		for i := range x {
			x[i] = canonValue(x[i], numeric)
		}
		return x
	}
	return v
}

func canonNumber(s string) string {
	r, err := attributevalue.Number(s).Rat()
	if err != nil {
		return "invalid " + s
	}
	return r.RatString()
}

// shapeJSON writes a value Unmarshal put in an any with boto3_types.py's
// shape(): Number {"decimal"}, []byte {"binary"}, sets {"set"}, maps
// {"map"}.
func shapeJSON(t *testing.T, x any) []byte {
	t.Helper()
	b, err := json.Marshal(shapeOf(t, x))
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func shapeOf(t *testing.T, x any) any {
	switch v := x.(type) {
	case nil, bool, string:
		return v
	case attributevalue.Number:
		return map[string]any{"decimal": string(v)}
	case []byte:
		return map[string]any{"binary": base64.StdEncoding.EncodeToString(v)}
	case attributevalue.StringSet:
		l := []any{}
		for _, s := range v {
			l = append(l, s)
		}
		return map[string]any{"set": l}
	case attributevalue.NumberSet:
		l := []any{}
		for _, n := range v {
			l = append(l, shapeOf(t, n))
		}
		return map[string]any{"set": l}
	case attributevalue.BinarySet:
		l := []any{}
		for _, b := range v {
			l = append(l, shapeOf(t, b))
		}
		return map[string]any{"set": l}
	case []any:
		l := make([]any, len(v))
		for i, e := range v {
			l[i] = shapeOf(t, e)
		}
		return l
	case map[string]any:
		m := map[string]any{}
		for k, e := range v {
			m[k] = shapeOf(t, e)
		}
		return map[string]any{"map": m}
	}
	t.Fatalf("Unmarshal into any gave a %T", x)
	return nil
}
