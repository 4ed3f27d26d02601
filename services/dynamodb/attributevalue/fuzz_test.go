package attributevalue_test

import (
	"math"
	"math/big"
	"strconv"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/goto3/goto3/services/dynamodb/attributevalue"
)

type fuzzItem struct {
	S    string                      `dynamodb:"s"`
	I    int64                       `dynamodb:"i"`
	I8   int8                        `dynamodb:"i8"`
	U    uint64                      `dynamodb:"u"`
	F    float64                     `dynamodb:"f"`
	F32  float32                     `dynamodb:"f32"`
	B    []byte                      `dynamodb:"b"`
	Ok   bool                        `dynamodb:"ok"`
	N    attributevalue.Number       `dynamodb:"n"`
	P    *string                     `dynamodb:"p,omitempty"`
	L    []any                       `dynamodb:"l"`
	M    map[string]fuzzLeaf         `dynamodb:"m"`
	SS   []string                    `dynamodb:"ss,stringset,omitempty"`
	NS   []int64                     `dynamodb:"ns,numberset,omitempty"`
	BS   [][]byte                    `dynamodb:"bs,binaryset,omitempty"`
	Any  any                         `dynamodb:"any"`
	Nest map[string]map[string][]int `dynamodb:"nest"`
	fuzzEmbedded
}

type fuzzLeaf struct {
	V string  `dynamodb:"v"`
	W *uint16 `dynamodb:"w"`
}

type fuzzEmbedded struct {
	E string `dynamodb:"e"`
}

// FuzzRoundTrip marshals a struct built from the fuzzer's values and
// unmarshals it into a new one: they must be equal, whenever Marshal
// accepts the value (it refuses NaN and infinities, floats beyond
// DynamoDB's range, invalid Numbers and duplicates in sets).
func FuzzRoundTrip(f *testing.F) {
	f.Add("hello", int64(-5), uint64(7), 1.5, []byte{1, 2}, true, "19.99")
	f.Add("", int64(math.MinInt64), uint64(math.MaxUint64), 0.1, []byte{}, false, "1E-130")
	f.Add("ü", int64(math.MaxInt64), uint64(0), -2.5e-7, []byte(nil), true, "-0")
	f.Fuzz(func(t *testing.T, s string, i int64, u uint64, fl float64, b []byte, ok bool, n string) {
		w := uint16(u)
		in := fuzzItem{
			S: s, I: i, I8: int8(i), U: u, F: fl, F32: float32(fl), B: b, Ok: ok, N: attributevalue.Number(n),
			L:            []any{s, attributevalue.Number(strconv.FormatInt(i, 10)), append([]byte{}, b...), ok, nil, []any{}, map[string]any{s: s}},
			M:            map[string]fuzzLeaf{s: {V: s, W: &w}, "x": {}},
			SS:           []string{s, s + "x"},
			NS:           []int64{i, int64(u >> 1)},
			BS:           [][]byte{b, append([]byte{1}, b...)},
			Any:          map[string]any{"n": attributevalue.Number("1")},
			Nest:         map[string]map[string][]int{s: {s: {int(i)}}},
			fuzzEmbedded: fuzzEmbedded{E: s},
		}
		if s != "" {
			in.P = &s
		}
		if b == nil {
			in.BS = nil // a nil element would be a duplicate of the empty one
		}
		av, err := attributevalue.MarshalMap(in)
		if err != nil {
			if _, perr := attributevalue.ParseNumber(n); perr == nil && n != "" && !math.IsNaN(fl) && !math.IsInf(fl, 0) && in.NS[0] != in.NS[1] {
				if _, ferr := attributevalue.Marshal(fl); ferr == nil {
					if _, ferr := attributevalue.Marshal(float32(fl)); ferr == nil {
						t.Fatalf("Marshal(%+v): %v", in, err)
					}
				}
			}
			return
		}
		var out fuzzItem
		if err := attributevalue.UnmarshalMap(av, &out); err != nil {
			t.Fatalf("UnmarshalMap(MarshalMap(%+v)): %v", in, err)
		}
		if in.N == "" {
			in.N = "0"
		}
		if d := cmp.Diff(in, out, cmp.AllowUnexported(fuzzItem{}), cmp.Comparer(func(a, b float64) bool {
			return a == b || (a == 0 && b == 0)
		})); d != "" {
			t.Fatalf("round trip (-in +out):\n%s", d)
		}
		// Through any, the attribute values come back unchanged.
		var x any
		if err := attributevalue.UnmarshalMap(av, &x); err != nil {
			t.Fatal(err)
		}
		again, err := attributevalue.MarshalMap(x)
		if err != nil {
			t.Fatalf("MarshalMap(%#v): %v", x, err)
		}
		if d := cmp.Diff(av, again); d != "" {
			t.Fatalf("round trip through any (-first +second):\n%s", d)
		}
	})
}

// FuzzNumber checks a text against DynamoDB's number rules: a valid one
// marshals as it is, unmarshals into a Number unchanged, and converts to
// an integer or a float only when that loses nothing.
func FuzzNumber(f *testing.F) {
	for _, s := range []string{"0", "-1.50", "1E+125", "1e-130", "12345678901234567890123456789012345678", ".5", "5.", "+3", "0.1", "9007199254740993"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		n, err := attributevalue.ParseNumber(s)
		if err != nil {
			if _, merr := attributevalue.Marshal(attributevalue.Number(s)); merr == nil && s != "" {
				t.Fatalf("ParseNumber(%q) failed (%v) but Marshal accepted it", s, err)
			}
			return
		}
		av, err := attributevalue.Marshal(n)
		if err != nil || *av.N != s {
			t.Fatalf("Marshal(%q) = %v, %v", s, av.N, err)
		}
		exact, err := n.Rat()
		if err != nil {
			t.Fatal(err)
		}
		if i, err := n.Int64(); err == nil {
			if big.NewRat(i, 1).Cmp(exact) != 0 {
				t.Fatalf("Int64(%q) = %d", s, i)
			}
			back, err := attributevalue.Marshal(i)
			if err != nil || !attributevalue.Number(*back.N).Equal(n) {
				t.Fatalf("Marshal(Int64(%q)) = %v, %v", s, back.N, err)
			}
		} else if exact.IsInt() && exact.Num().IsInt64() {
			t.Fatalf("Int64(%q): %v, but it is an int64", s, err)
		}
		if fl, err := n.Float64(); err == nil {
			// Marshal writes the float's shortest text, which may differ
			// from s (2^63 exactly), but it is the same float.
			back, err := attributevalue.Marshal(fl)
			if err != nil {
				t.Fatalf("Marshal(Float64(%q) = %v): %v", s, fl, err)
			}
			var again float64
			if err := attributevalue.Unmarshal(back, &again); err != nil || again != fl {
				t.Fatalf("float %v -> %s -> %v, %v", fl, *back.N, again, err)
			}
			if r, _ := new(big.Rat).SetString(strconv.FormatFloat(fl, 'g', -1, 64)); r.Cmp(exact) != 0 {
				if new(big.Rat).SetFloat64(fl).Cmp(exact) != 0 {
					t.Fatalf("Float64(%q) = %v, which is neither its shortest text nor its exact value", s, fl)
				}
			}
		}
	})
}
