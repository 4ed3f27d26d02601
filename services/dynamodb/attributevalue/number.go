package attributevalue

import (
	"fmt"
	"math"
	"math/big"
	"strconv"
)

// A Number is a DynamoDB number (an N attribute value) as decimal text,
// kept exactly as it was written or as DynamoDB sent it: "19.99",
// "-7", "1.5E+30". The zero Number ("") stands for 0.
//
// DynamoDB accepts a number of up to 38 significant digits (leading and
// trailing zeros do not count) whose magnitude is 0 or between 1E-130 and
// 9.9999999999999999999999999999999999999E+125, written as an optional sign,
// digits with an optional decimal point, and an optional exponent (e or E,
// an optional sign, digits). Marshal checks a Number against these rules
// (ParseNumber does it on its own); a Number decoded from DynamoDB is kept
// as the service sent it.
type Number string

// ParseNumber returns s as a Number when DynamoDB accepts it, else a
// *NumberError saying why. The empty text is an error here: the zero
// Number, which marshals as 0, is only the zero value of the type.
func ParseNumber(s string) (Number, error) {
	if s == "" {
		return "", numErr(s, "no digits")
	}
	if _, err := parseDecimal(s); err != nil {
		return "", err
	}
	return Number(s), nil
}

// String returns the number's text ("0" for the zero Number).
func (n Number) String() string {
	if n == "" {
		return "0"
	}
	return string(n)
}

// Int64 returns n as an int64 when it is an integer in int64's range
// ("1E+3" is 1000), else an error.
func (n Number) Int64() (int64, error) {
	d, err := parseDecimal(string(n))
	if err != nil {
		return 0, err
	}
	return d.int64(64)
}

// Uint64 returns n as a uint64 when it is a non-negative integer in
// uint64's range, else an error.
func (n Number) Uint64() (uint64, error) {
	d, err := parseDecimal(string(n))
	if err != nil {
		return 0, err
	}
	return d.uint64(64)
}

// Float64 returns n as a float64 when no digit is lost: n is the exact
// value of a float64, or the fewest digits that read back as one
// (strconv.FormatFloat with precision -1, what Marshal writes). "0.1",
// "19.99" and "9223372036854775808" (2^63) convert; "0.10000000000000001"
// (which a float64 cannot tell from 0.1) is an error. To round instead,
// use strconv.ParseFloat(string(n), 64).
func (n Number) Float64() (float64, error) {
	d, err := parseDecimal(string(n))
	if err != nil {
		return 0, err
	}
	return d.float(64)
}

// Rat returns n as an exact rational number.
func (n Number) Rat() (*big.Rat, error) {
	d, err := parseDecimal(string(n))
	if err != nil {
		return nil, err
	}
	r, ok := new(big.Rat).SetString(d.text())
	if !ok {
		return nil, fmt.Errorf("number %q: not a rational", string(n)) // unreachable: text() is a valid decimal
	}
	return r, nil
}

// Equal reports whether n and m are the same number ("1.50" and "15E-1"
// are); an invalid number equals nothing.
func (n Number) Equal(m Number) bool {
	a, err := parseDecimal(string(n))
	if err != nil {
		return false
	}
	b, err := parseDecimal(string(m))
	if err != nil {
		return false
	}
	return a == b
}

// decimal is a number in normal form: digits × 10^exp, with digits free of
// leading and trailing zeros ("" for zero, whose neg and exp are false and
// 0).
type decimal struct {
	neg    bool
	digits string
	exp    int
}

// DynamoDB's limits on numbers.
const (
	maxDigits      = 38
	minAdjustedExp = -130 // 1E-130
	maxAdjustedExp = 125  // 9.99...E+125
)

// NumberError is a text DynamoDB does not accept as a number.
type NumberError struct {
	Number string
	Reason string
}

func (e *NumberError) Error() string {
	return fmt.Sprintf("number %q: %s", e.Number, e.Reason)
}

func numErr(s, reason string) error { return &NumberError{Number: s, Reason: reason} }

// parseDecimal reads s with DynamoDB's syntax and limits. The empty string
// is 0 (the zero Number).
func parseDecimal(s string) (decimal, error) {
	if s == "" {
		return decimal{}, nil
	}
	i := 0
	var d decimal
	if s[0] == '+' || s[0] == '-' {
		d.neg = s[0] == '-'
		i++
	}
	// The coefficient: digits, an optional point, digits; at least one
	// digit in all.
	start := i
	intEnd, fracStart := -1, -1
	for ; i < len(s); i++ {
		c := s[i]
		if c == '.' {
			if intEnd >= 0 {
				return decimal{}, numErr(s, "two decimal points")
			}
			intEnd, fracStart = i, i+1
			continue
		}
		if c < '0' || c > '9' {
			break
		}
	}
	coefEnd := i
	if intEnd < 0 {
		intEnd, fracStart = coefEnd, coefEnd
	}
	if intEnd-start+coefEnd-fracStart == 0 {
		if i < len(s) && s[i] != 'e' && s[i] != 'E' {
			return decimal{}, numErr(s, fmt.Sprintf("unexpected %q", s[i]))
		}
		return decimal{}, numErr(s, "no digits")
	}
	exp := 0
	if i < len(s) {
		if s[i] != 'e' && s[i] != 'E' {
			return decimal{}, numErr(s, fmt.Sprintf("unexpected %q", s[i]))
		}
		i++
		eneg := false
		if i < len(s) && (s[i] == '+' || s[i] == '-') {
			eneg = s[i] == '-'
			i++
		}
		if i == len(s) {
			return decimal{}, numErr(s, "no exponent digits")
		}
		for ; i < len(s); i++ {
			c := s[i]
			if c < '0' || c > '9' {
				return decimal{}, numErr(s, fmt.Sprintf("unexpected %q in the exponent", c))
			}
			if exp < 1e8 { // beyond any limit; stop growing
				exp = exp*10 + int(c-'0')
			}
		}
		if eneg {
			exp = -exp
		}
	}
	// Collect the significant digits: from the first non-zero to the last
	// non-zero, skipping the point.
	intPart, fracPart := s[start:intEnd], s[fracStart:coefEnd]
	first, last := -1, -1 // positions in the concatenation intPart+fracPart
	n := len(intPart) + len(fracPart)
	at := func(k int) byte {
		if k < len(intPart) {
			return intPart[k]
		}
		return fracPart[k-len(intPart)]
	}
	for k := 0; k < n; k++ {
		if at(k) != '0' {
			if first < 0 {
				first = k
			}
			last = k
		}
	}
	if first < 0 {
		return decimal{}, nil // zero, whatever its sign and exponent
	}
	if last-first+1 > maxDigits {
		return decimal{}, numErr(s, fmt.Sprintf("%d significant digits, DynamoDB keeps at most %d", last-first+1, maxDigits))
	}
	switch {
	case last < len(intPart):
		d.digits = intPart[first : last+1]
	case first >= len(intPart):
		d.digits = fracPart[first-len(intPart) : last-len(intPart)+1]
	default:
		d.digits = intPart[first:] + fracPart[:last-len(intPart)+1]
	}
	// The last significant digit's place: 10^(len(intPart)-1-last).
	d.exp = exp + len(intPart) - 1 - last
	adj := d.exp + len(d.digits) - 1
	if adj > maxAdjustedExp {
		return decimal{}, numErr(s, "too large: DynamoDB's numbers are below 1E+126 in magnitude")
	}
	if adj < minAdjustedExp {
		return decimal{}, numErr(s, "too small: DynamoDB's non-zero numbers are at least 1E-130 in magnitude")
	}
	return d, nil
}

// text writes d plainly when its point falls within 20 places of its
// digits (as JavaScript writes numbers), else as d.dddE±x: 0, 19.99,
// 0.000001, 1.5E+21, 1E-7.
func (d decimal) text() string {
	if d.digits == "" {
		return "0"
	}
	var b []byte
	if d.neg {
		b = append(b, '-')
	}
	adj := d.exp + len(d.digits) - 1
	switch {
	case adj >= -6 && adj < 21 && d.exp >= 0:
		b = append(b, d.digits...)
		for range d.exp {
			b = append(b, '0')
		}
	case adj >= -6 && adj < 21 && adj >= 0:
		b = append(b, d.digits[:adj+1]...)
		b = append(b, '.')
		b = append(b, d.digits[adj+1:]...)
	case adj >= -6 && adj < 0:
		b = append(b, '0', '.')
		for range -adj - 1 {
			b = append(b, '0')
		}
		b = append(b, d.digits...)
	default:
		b = append(b, d.digits[0])
		if len(d.digits) > 1 {
			b = append(b, '.')
			b = append(b, d.digits[1:]...)
		}
		b = append(b, 'E')
		if adj >= 0 {
			b = append(b, '+')
		}
		b = strconv.AppendInt(b, int64(adj), 10)
	}
	return string(b)
}

// int64 returns d as a signed integer of bits bits.
func (d decimal) int64(bits int) (int64, error) {
	u, err := d.magnitude()
	if err != nil {
		return 0, err
	}
	limit := uint64(1) << (bits - 1) // |min|
	if d.neg {
		if u > limit {
			return 0, fmt.Errorf("%s overflows int%d", d.text(), bits)
		}
		return int64(-u), nil // -limit wraps to the minimum as intended
	}
	if u >= limit {
		return 0, fmt.Errorf("%s overflows int%d", d.text(), bits)
	}
	return int64(u), nil
}

// uint64 returns d as an unsigned integer of bits bits.
func (d decimal) uint64(bits int) (uint64, error) {
	if d.neg {
		return 0, fmt.Errorf("%s is negative: no uint%d holds it", d.text(), bits)
	}
	u, err := d.magnitude()
	if err != nil {
		return 0, err
	}
	if bits < 64 && u >= uint64(1)<<bits {
		return 0, fmt.Errorf("%s overflows uint%d", d.text(), bits)
	}
	return u, nil
}

// magnitude returns |d| when it is an integer below 2^64.
func (d decimal) magnitude() (uint64, error) {
	if d.digits == "" {
		return 0, nil
	}
	if d.exp < 0 {
		return 0, fmt.Errorf("%s is not an integer", d.text())
	}
	if len(d.digits)+d.exp > 20 {
		return 0, fmt.Errorf("%s overflows 64 bits", d.text())
	}
	var u uint64
	for i := 0; i < len(d.digits)+d.exp; i++ {
		c := uint64(0)
		if i < len(d.digits) {
			c = uint64(d.digits[i] - '0')
		}
		if u > (math.MaxUint64-c)/10 {
			return 0, fmt.Errorf("%s overflows 64 bits", d.text())
		}
		u = u*10 + c
	}
	return u, nil
}

// float returns d as a float of bits bits when it is exact in the sense
// of Number.Float64.
func (d decimal) float(bits int) (float64, error) {
	f, err := strconv.ParseFloat(d.text(), bits)
	if err != nil {
		return 0, fmt.Errorf("%s overflows float%d", d.text(), bits)
	}
	if back, _ := floatDecimal(f, bits); back != d && !exactFloat(f, d) {
		return 0, fmt.Errorf("%s is not exact as a float%d (the nearest is %s); decode into attributevalue.Number to keep every digit", d.text(), bits, strconv.FormatFloat(f, 'g', -1, bits))
	}
	return f, nil
}

// exactFloat reports whether d is exactly the value of f.
func exactFloat(f float64, d decimal) bool {
	r, ok := new(big.Rat).SetString(d.text())
	return ok && new(big.Rat).SetFloat64(f).Cmp(r) == 0
}

// floatText returns floatDecimal(f, bits).text(): for the usual
// magnitudes, those that text writes without an exponent (1e-6 to 1e21),
// it is the float's shortest text in plain notation, written directly.
func floatText(f float64, bits int) (string, error) {
	if a := math.Abs(f); a >= 1e-6 && a < 1e21 {
		return strconv.FormatFloat(f, 'f', -1, bits), nil
	}
	d, err := floatDecimal(f, bits)
	if err != nil {
		return "", err
	}
	return d.text(), nil
}

// floatDecimal returns the shortest decimal that reads back as f (a float
// of bits bits), checked against DynamoDB's limits.
func floatDecimal(f float64, bits int) (decimal, error) {
	if math.IsNaN(f) || math.IsInf(f, 0) {
		return decimal{}, fmt.Errorf("%v: DynamoDB has no NaN or infinity", f)
	}
	// 'e' with precision -1: d.ddde±xx with the fewest digits.
	s := strconv.FormatFloat(f, 'e', -1, bits)
	d, err := parseDecimal(s)
	if err != nil {
		return decimal{}, fmt.Errorf("float %s: %s", strconv.FormatFloat(f, 'g', -1, bits), err.(*NumberError).Reason)
	}
	return d, nil
}
