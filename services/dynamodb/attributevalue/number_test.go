package attributevalue_test

import (
	"math"
	"strings"
	"testing"

	"github.com/goto3/goto3/services/dynamodb/attributevalue"
)

func TestParseNumber(t *testing.T) {
	for _, tc := range []struct {
		in, err string // err: a fragment of the error, "" for valid
	}{
		{"0", ""},
		{"-0", ""},
		{"+7", ""},
		{"19.99", ""},
		{".5", ""},
		{"5.", ""},
		{"1e2", ""},
		{"1E+2", ""},
		{"-1.5E-7", ""},
		{"0e999999999999", ""}, // zero, whatever the exponent
		{"000000000000000000000000000000000000000000001", ""},
		{"1.000000000000000000000000000000000000000000000", ""}, // trailing zeros are not significant
		{"12345678901234567890123456789012345678", ""},          // 38 digits
		{"1234567890123456789.0123456789012345678", ""},
		{"1E-130", ""},
		{"-1E-130", ""},
		{"9.9999999999999999999999999999999999999E+125", ""},
		{"100E-132", ""},
		{"", "no digits"}, // ParseNumber refuses the empty text; the zero Number marshals as 0
		{"-", "no digits"},
		{".", "no digits"},
		{"e5", "no digits"},
		{"1.2.3", "two decimal points"},
		{"1e", "no exponent digits"},
		{"1e+", "no exponent digits"},
		{"1e2.5", "in the exponent"},
		{" 1", "unexpected"},
		{"1 ", "unexpected"},
		{"0x10", "unexpected"},
		{"1_000", "unexpected"},
		{"NaN", "unexpected 'N'"},
		{"Infinity", "unexpected 'I'"},
		{"123456789012345678901234567890123456789", "39 significant digits"},
		{"1.23456789012345678901234567890123456789", "39 significant digits"},
		{"1E+126", "too large"},
		{"10E+125", "too large"},
		{"1E-131", "too small"},
		{"0.1E-130", "too small"},
		{"1e99999999999999999999", "too large"},
	} {
		_, err := attributevalue.ParseNumber(tc.in)
		switch {
		case tc.err == "" && err != nil:
			t.Errorf("ParseNumber(%q): %v, want it valid", tc.in, err)
		case tc.err != "" && (err == nil || !strings.Contains(err.Error(), tc.err)):
			t.Errorf("ParseNumber(%q): got %v, want an error containing %q", tc.in, err, tc.err)
		}
	}
}

func TestNumberConversions(t *testing.T) {
	for _, tc := range []struct {
		n       attributevalue.Number
		i       int64
		iErr    string
		u       uint64
		uErr    string
		f       float64
		fErr    string
		equalTo attributevalue.Number
	}{
		{n: "", equalTo: "0"},
		{n: "42", i: 42, u: 42, f: 42, equalTo: "4.2E1"},
		{n: "-42", i: -42, uErr: "negative", f: -42, equalTo: "-042.000"},
		{n: "1E+3", i: 1000, u: 1000, f: 1000, equalTo: "1000"},
		{n: "9223372036854775807", i: math.MaxInt64, u: math.MaxInt64, fErr: "not exact", equalTo: "9.223372036854775807E18"},
		{n: "9223372036854775808", iErr: "overflows int64", u: 1 << 63, f: 1 << 63, equalTo: "9223372036854775808.0"},
		{n: "-9223372036854775808", i: math.MinInt64, uErr: "negative", f: -(1 << 63), equalTo: "-9223372036854775808"},
		{n: "-9223372036854775809", iErr: "overflows", uErr: "negative", fErr: "not exact", equalTo: "-9223372036854775809"},
		{n: "18446744073709551615", iErr: "overflows", u: math.MaxUint64, fErr: "not exact", equalTo: "18446744073709551615"},
		{n: "18446744073709551616", iErr: "overflows", uErr: "overflows", f: 1 << 64, equalTo: "18446744073709551616"},
		{n: "1E+30", iErr: "overflows", uErr: "overflows", f: 1e30, equalTo: "1000000000000000000000000000000"},
		{n: "1.5", iErr: "not an integer", uErr: "not an integer", f: 1.5, equalTo: "1.50"},
		{n: "0.1", iErr: "not an integer", uErr: "not an integer", f: 0.1, equalTo: ".1"},
		{n: "0.10000000000000001", iErr: "not an integer", uErr: "not an integer", fErr: "not exact", equalTo: "0.10000000000000001"},
		{n: "19.99", iErr: "not an integer", uErr: "not an integer", f: 19.99, equalTo: "1999E-2"},
		{n: "1E-130", iErr: "not an integer", uErr: "not an integer", f: 1e-130, equalTo: "0.0000000001E-120"},
		{n: "x", iErr: "unexpected 'x'", uErr: "unexpected", fErr: "unexpected"},
		{n: "9007199254740993", iErr: "", i: 9007199254740993, u: 9007199254740993, fErr: "not exact", equalTo: "9007199254740993"},
	} {
		i, err := tc.n.Int64()
		check(t, "Int64", tc.n, i, tc.i, err, tc.iErr)
		u, err := tc.n.Uint64()
		check(t, "Uint64", tc.n, u, tc.u, err, tc.uErr)
		f, err := tc.n.Float64()
		check(t, "Float64", tc.n, f, tc.f, err, tc.fErr)
		if tc.equalTo != "" && !tc.n.Equal(tc.equalTo) {
			t.Errorf("Number(%q).Equal(%q) = false, want true", tc.n, tc.equalTo)
		}
		if tc.n.Equal(tc.n+"1") && tc.n != "" {
			t.Errorf("Number(%q).Equal(%q) = true", tc.n, tc.n+"1")
		}
	}
	if r, err := attributevalue.Number("-12.50E-1").Rat(); err != nil || r.RatString() != "-5/4" {
		t.Errorf("Rat(-12.50E-1) = %v, %v; want -5/4", r, err)
	}
	if s := attributevalue.Number("").String(); s != "0" {
		t.Errorf("Number(\"\").String() = %q, want 0", s)
	}
}

func check[T comparable](t *testing.T, op string, n attributevalue.Number, got, want T, err error, wantErr string) {
	t.Helper()
	if wantErr != "" {
		if err == nil || !strings.Contains(err.Error(), wantErr) {
			t.Errorf("Number(%q).%s() = %v, %v; want an error containing %q", n, op, got, err, wantErr)
		}
		return
	}
	if err != nil || got != want {
		t.Errorf("Number(%q).%s() = %v, %v; want %v", n, op, got, err, want)
	}
}

var tenth = 0.1 // a variable: 0.1 + 0.2 of constants is exactly 0.3

// Floats: the text written is the shortest that reads back as the float,
// and reading accepts exactly those texts.
func TestFloats(t *testing.T) {
	for _, tc := range []struct {
		f    float64
		bits int
		want string
	}{
		{0, 64, "0"},
		{math.Copysign(0, -1), 64, "0"},
		{0.1, 64, "0.1"},
		{19.99, 64, "19.99"},
		{100, 64, "100"},
		{1e20, 64, "100000000000000000000"},
		{1e21, 64, "1E+21"},
		{1.5e21, 64, "1.5E+21"},
		{0.000001, 64, "0.000001"},
		{1e-7, 64, "1E-7"},
		{-2.5e-7, 64, "-2.5E-7"},
		{tenth + 2*tenth, 64, "0.30000000000000004"},
		{math.MaxInt64, 64, "9223372036854776000"}, // 2^63: its shortest text
		{1e125, 64, "1E+125"},
		{1e-130, 64, "1E-130"},
		{float64(float32(0.1)), 32, "0.1"},
		{float64(float32(3.4e38)), 32, "3.4E+38"},
	} {
		var av any
		var err error
		if tc.bits == 32 {
			avv, e := attributevalue.Marshal(float32(tc.f))
			av, err = avv, e
			if err == nil && *avv.N != tc.want {
				t.Errorf("Marshal(float32(%v)) = N %s, want %s", tc.f, *avv.N, tc.want)
			}
			var back float32
			if err := attributevalue.Unmarshal(avv, &back); err != nil || back != float32(tc.f) {
				t.Errorf("Unmarshal(N %s) into float32 = %v, %v; want %v", tc.want, back, err, float32(tc.f))
			}
		} else {
			avv, e := attributevalue.Marshal(tc.f)
			av, err = avv, e
			if err == nil && *avv.N != tc.want {
				t.Errorf("Marshal(%v) = N %s, want %s", tc.f, *avv.N, tc.want)
			}
			var back float64
			if err := attributevalue.Unmarshal(avv, &back); err != nil || back != tc.f {
				t.Errorf("Unmarshal(N %s) into float64 = %v, %v; want %v", tc.want, back, err, tc.f)
			}
		}
		if err != nil {
			t.Errorf("Marshal(%v): %v (%v)", tc.f, err, av)
		}
	}
	for _, f := range []float64{math.NaN(), math.Inf(1), math.Inf(-1), 1e126, 1e300, 1e-131, 5e-324} {
		if av, err := attributevalue.Marshal(f); err == nil {
			t.Errorf("Marshal(%v) = N %s, want an error", f, *av.N)
		}
	}
	// Texts a float would round are refused, naming the attribute.
	for _, n := range []string{"0.10000000000000001", "3.14159265358979323846264338327950288", "1.00000001", "16777217"} {
		var v struct{ F float32 }
		err := attributevalue.UnmarshalMap(map[string]dynamodbAV{"F": num(n)}, &v)
		if n == "1.00000001" || n == "16777217" {
			if err == nil {
				t.Errorf("Unmarshal(N %s) into float32 = %v, want an error", n, v.F)
			}
		}
		var w struct{ F float64 }
		err64 := attributevalue.UnmarshalMap(map[string]dynamodbAV{"F": num(n)}, &w)
		if n == "0.10000000000000001" || strings.HasPrefix(n, "3.14") {
			if err64 == nil || !strings.Contains(err64.Error(), "unmarshal F: ") || !strings.Contains(err64.Error(), "not exact") {
				t.Errorf("Unmarshal(N %s) into float64: %v, want an error naming F", n, err64)
			}
		}
	}
}
