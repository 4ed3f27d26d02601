package attributevalue

import (
	"math"
	"reflect"
	"testing"
)

// FuzzNumberFast checks numberFast against numberSlow: whenever the fast
// path takes a text, the slow one must accept it too and store the same
// value, into every integer and float type.
func FuzzNumberFast(f *testing.F) {
	for _, s := range []string{"0", "-0", "-0.0", "1", "-1", "007", "123456789012345678", "-923372036854775808",
		"19.99", "47.60001", "-122.30003", "0.1", "0.000000000000000000000000000000000001", "1234567.25", "123456789012345.6",
		"1.", ".5", "1e5", "+3", "12345678901234567", "127", "128", "-129", "255", "32767", "99999999999999999999999999999999.5", "3.4028235e38"} {
		f.Add(s)
	}
	targets := []any{new(int), new(int8), new(int16), new(int32), new(int64), new(float32), new(float64)}
	f.Fuzz(func(t *testing.T, s string) {
		for _, p := range targets {
			fast := reflect.New(reflect.TypeOf(p).Elem()).Elem()
			if !numberFast(s, fast) {
				continue
			}
			slow := reflect.New(fast.Type()).Elem()
			if err := numberSlow(s, slow); err != nil {
				t.Fatalf("%q into %s: the fast path stored %v, the slow one refused it: %v", s, fast.Type(), fast, err)
			}
			same := fast.Interface() == slow.Interface()
			if fast.Kind() == reflect.Float32 || fast.Kind() == reflect.Float64 {
				a, b := fast.Float(), slow.Float()
				same = a == b && math.Signbit(a) == math.Signbit(b)
			}
			if !same {
				t.Fatalf("%q into %s: fast %v, slow %v", s, fast.Type(), fast, slow)
			}
		}
	})
}

// TestNumberFastTakes: the texts DynamoDB answers most take the fast
// path (else it would be dead code that the fuzz target cannot fault).
func TestNumberFastTakes(t *testing.T) {
	for _, tc := range []struct {
		s    string
		into any
		want bool
	}{
		{"42", new(int), true}, {"-7", new(int8), true}, {"128", new(int8), false}, {"19.99", new(float64), true},
		{"-122.30003", new(float64), true}, {"1.5", new(float32), true}, {"1.2345678", new(float32), false},
		{"1E3", new(float64), false}, {"1234567890123456", new(float64), false}, {"3", new(Number), false}, {"1.5", new(int), false},
	} {
		v := reflect.ValueOf(tc.into).Elem()
		if got := numberFast(tc.s, v); got != tc.want {
			t.Errorf("numberFast(%q, %s) = %v, want %v", tc.s, v.Type(), got, tc.want)
		}
	}
}

// FuzzFloatText checks floatText against floatDecimal's text, for both
// float sizes.
func FuzzFloatText(f *testing.F) {
	for _, x := range []float64{0, math.Copysign(0, -1), 1, -1, 0.1, 10.5, 100, 1e-6, 9.999999e-7, 1e21, 999999999999999999999, 1e20, 47.60001, -122.30003, 5e-324, math.MaxFloat64, 123456789.125} {
		f.Add(x)
	}
	f.Fuzz(func(t *testing.T, x float64) {
		for _, bits := range []int{32, 64} {
			y := x
			if bits == 32 {
				y = float64(float32(x))
			}
			got, gerr := floatText(y, bits)
			d, werr := floatDecimal(y, bits)
			if (gerr != nil) != (werr != nil) {
				t.Fatalf("floatText(%v, %d): %q, %v; floatDecimal: %v", y, bits, got, gerr, werr)
			}
			if werr == nil && got != d.text() {
				t.Fatalf("floatText(%v, %d) = %q, want %q", y, bits, got, d.text())
			}
		}
	})
}
