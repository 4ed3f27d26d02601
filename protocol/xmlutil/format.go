package xmlutil

import (
	"bytes"
	"fmt"
	"math"
	"strconv"
	"strings"
	"time"

	"github.com/goto3/goto3/protocol"
)

// FormatTimestamp formats t in the given format (TimestampDefault means
// ISO 8601). ISO 8601 is UTC with a fractional part only when t has one,
// six digits as botocore writes them ("2006-01-02T15:04:05.000123Z");
// RFC 822 is the HTTP date ("Mon, 02 Jan 2006 15:04:05 GMT"); Unix is
// seconds since the epoch, with a fraction when t has one.
func FormatTimestamp(t time.Time, f protocol.TimestampFormat) string {
	return string(AppendTimestamp(nil, t, f))
}

// AppendTimestamp is FormatTimestamp appending to dst.
func AppendTimestamp(dst []byte, t time.Time, f protocol.TimestampFormat) []byte {
	t = t.UTC()
	switch f {
	case protocol.TimestampRFC822:
		return t.AppendFormat(dst, "Mon, 02 Jan 2006 15:04:05 GMT")
	case protocol.TimestampUnix:
		sec := t.Unix()
		if ns := t.Nanosecond(); ns != 0 {
			f := float64(sec) + float64(ns/1000)/1e6
			return strconv.AppendFloat(dst, f, 'f', -1, 64)
		}
		return strconv.AppendInt(dst, sec, 10)
	default:
		if us := t.Nanosecond() / 1000; us != 0 {
			dst = t.AppendFormat(dst, "2006-01-02T15:04:05")
			dst = append(dst, '.')
			s := strconv.Itoa(us)
			for i := len(s); i < 6; i++ {
				dst = append(dst, '0')
			}
			dst = append(dst, s...)
			return append(dst, 'Z')
		}
		return t.AppendFormat(dst, "2006-01-02T15:04:05Z")
	}
}

var timestampLayouts = []string{
	time.RFC3339Nano,
	"2006-01-02T15:04:05.999999999",
	"2006-01-02T15:04:05",
	"Mon, 02 Jan 2006 15:04:05 GMT",
	"Mon, 2 Jan 2006 15:04:05 GMT",
	time.RFC1123Z,
	"Monday, 02-Jan-06 15:04:05 GMT", // RFC 850
	time.ANSIC,
	"2006-01-02T15:04:05.999999999Z0700",
	"2006-01-02",
	// A space for the T, as RFC 3339 allows and botocore's dateutil
	// parser takes (moto's Bedrock answers "2024-05-06 07:08:09").
	"2006-01-02 15:04:05.999999999Z07:00",
	"2006-01-02 15:04:05.999999999",
}

// ParseTimestamp parses a timestamp the way botocore's default parser does:
// whatever the declared format, it accepts epoch seconds (with fraction),
// ISO 8601 and HTTP dates. The result is in UTC.
func ParseTimestamp(b []byte) (time.Time, error) {
	b = bytes.TrimSpace(b)
	if t, ok := parseISO8601(b); ok {
		return t, nil
	}
	if len(b) == 0 || len(b) > 64 {
		return time.Time{}, fmt.Errorf("xmlutil: invalid timestamp %q", truncate(b))
	}
	if c := b[0]; c >= '0' && c <= '9' || c == '-' {
		if f, err := strconv.ParseFloat(string(b), 64); err == nil && !math.IsInf(f, 0) && !math.IsNaN(f) {
			if math.Abs(f) < 1e13 {
				sec, frac := math.Modf(f)
				us := math.Round(frac * 1e6)
				return time.Unix(int64(sec), int64(us)*1000).UTC(), nil
			}
		}
	}
	s := string(b)
	for _, layout := range timestampLayouts {
		if t, err := time.Parse(layout, s); err == nil {
			return t.UTC(), nil
		}
	}
	return time.Time{}, fmt.Errorf("xmlutil: invalid timestamp %q", truncate(b))
}

var fracScale = [9]int{1e8, 1e7, 1e6, 1e5, 1e4, 1e3, 1e2, 1e1, 1}

// parseISO8601 is an allocation-free parser for the common
// "2006-01-02T15:04:05[.fff]Z" form.
func parseISO8601(b []byte) (time.Time, bool) {
	if len(b) < 20 || b[4] != '-' || b[7] != '-' || (b[10] != 'T' && b[10] != 't') || b[13] != ':' || b[16] != ':' {
		return time.Time{}, false
	}
	// The fixed positions, unrolled: a byte below '0' wraps past 9.
	_ = b[19]
	y0, y1, y2, y3 := b[0]-'0', b[1]-'0', b[2]-'0', b[3]-'0'
	mo0, mo1, d0, d1 := b[5]-'0', b[6]-'0', b[8]-'0', b[9]-'0'
	h0, h1, mi0, mi1, s0, s1 := b[11]-'0', b[12]-'0', b[14]-'0', b[15]-'0', b[17]-'0', b[18]-'0'
	if y0 > 9 || y1 > 9 || y2 > 9 || y3 > 9 || mo0 > 9 || mo1 > 9 || d0 > 9 || d1 > 9 || h0 > 9 || h1 > 9 || mi0 > 9 || mi1 > 9 || s0 > 9 || s1 > 9 {
		return time.Time{}, false
	}
	y := int(y0)*1000 + int(y1)*100 + int(y2)*10 + int(y3)
	mo, d := int(mo0)*10+int(mo1), int(d0)*10+int(d1)
	h, mi, s := int(h0)*10+int(h1), int(mi0)*10+int(mi1), int(s0)*10+int(s1)
	if mo < 1 || mo > 12 || d < 1 || d > 31 || h > 23 || mi > 59 || s > 60 {
		return time.Time{}, false
	}
	rest := b[19:]
	ns := 0
	if len(rest) > 0 && rest[0] == '.' {
		i := 1
		for i < len(rest) && rest[i] >= '0' && rest[i] <= '9' {
			if i <= 9 {
				ns += int(rest[i]-'0') * fracScale[i-1]
			}
			i++
		}
		if i == 1 {
			return time.Time{}, false
		}
		rest = rest[i:]
	}
	if len(rest) != 1 || (rest[0] != 'Z' && rest[0] != 'z') {
		return time.Time{}, false
	}
	return time.Date(y, time.Month(mo), d, h, mi, s, ns, time.UTC), true
}

// FormatFloat formats f as botocore does (Python's str of a float): "NaN",
// "Infinity" and "-Infinity" for the special values; integral values keep a
// ".0"; exponent notation outside [1e-4, 1e16). bits is 32 for float
// members (so 1.1 stays "1.1") and 64 for doubles.
func FormatFloat(f float64, bits int) string {
	switch {
	case math.IsNaN(f):
		return "NaN"
	case math.IsInf(f, 1):
		return "Infinity"
	case math.IsInf(f, -1):
		return "-Infinity"
	}
	e := strconv.FormatFloat(f, 'e', -1, bits)
	i := strings.IndexByte(e, 'e')
	exp, _ := strconv.Atoi(e[i+1:])
	if exp >= -4 && exp < 16 {
		s := strconv.FormatFloat(f, 'f', -1, bits)
		if !strings.ContainsAny(s, ".") {
			s += ".0"
		}
		return s
	}
	mant := e[:i]
	sign := "+"
	if exp < 0 {
		sign = "-"
		exp = -exp
	}
	es := strconv.Itoa(exp)
	if len(es) < 2 {
		es = "0" + es
	}
	return mant + "e" + sign + es
}
