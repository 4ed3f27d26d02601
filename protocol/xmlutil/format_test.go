package xmlutil_test

import (
	"testing"
	"time"

	"github.com/goto3/goto3/protocol/xmlutil"
)

// TestParseISO8601MatchesReference checks the fast timestamp parser against
// a plain digit-by-digit reference, with every position of a few valid
// timestamps replaced by bytes around and between the digits and
// separators.
func TestParseISO8601MatchesReference(t *testing.T) {
	bases := []string{"2024-05-01T10:11:12.345Z", "1999-12-31T23:59:60Z", "0001-01-01t00:00:00z", "2023-02-29T12:00:00.123456789123Z"}
	subst := []byte{'0', '1', '2', '3', '5', '6', '9', '/', ':', '-', 'T', 't', 'Z', '.', ' ', 0, 0xff, 'a'}
	n := 0
	for _, base := range bases {
		for i := 0; i <= len(base); i++ {
			for _, c := range subst {
				for _, s := range []string{base[:i] + string([]byte{c}) + base[min(i+1, len(base)):], base[:i]} {
					got, gotOK := xmlutil.ParseISO8601([]byte(s))
					want, wantOK := refISO8601([]byte(s))
					if gotOK != wantOK || got != want {
						t.Errorf("%q: got %v, %v; want %v, %v", s, got, gotOK, want, wantOK)
					}
					n++
				}
			}
		}
	}
	if n < 1000 {
		t.Fatalf("got %d cases, want many", n)
	}
}

// refISO8601 is the reference: the digit-by-digit parser the fast one
// replaced.
func refDigits(b []byte, n int) (int, bool) {
	if len(b) < n {
		return 0, false
	}
	v := 0
	for i := 0; i < n; i++ {
		c := b[i]
		if c < '0' || c > '9' {
			return 0, false
		}
		v = v*10 + int(c-'0')
	}
	return v, true
}

func refISO8601(b []byte) (time.Time, bool) {
	if len(b) < 20 || b[4] != '-' || b[7] != '-' || (b[10] != 'T' && b[10] != 't') || b[13] != ':' || b[16] != ':' {
		return time.Time{}, false
	}
	y, ok1 := refDigits(b, 4)
	mo, ok2 := refDigits(b[5:], 2)
	d, ok3 := refDigits(b[8:], 2)
	h, ok4 := refDigits(b[11:], 2)
	mi, ok5 := refDigits(b[14:], 2)
	s, ok6 := refDigits(b[17:], 2)
	if !(ok1 && ok2 && ok3 && ok4 && ok5 && ok6) || mo < 1 || mo > 12 || d < 1 || d > 31 || h > 23 || mi > 59 || s > 60 {
		return time.Time{}, false
	}
	rest := b[19:]
	ns := 0
	if len(rest) > 0 && rest[0] == '.' {
		i := 1
		for i < len(rest) && rest[i] >= '0' && rest[i] <= '9' {
			if i <= 9 {
				ns += int(rest[i]-'0') * refFracScale[i-1]
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

var refFracScale = [9]int{1e8, 1e7, 1e6, 1e5, 1e4, 1e3, 1e2, 1e1, 1}
