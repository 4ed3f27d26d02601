package restbind

import (
	"net/http"
	"sync"
	"time"

	"github.com/goto3/goto3/protocol"
)

// headerPlans caches, per output or error shape, how its members are bound
// from a response's headers: the canonical MIME form of each header
// member's wire name (http.CanonicalHeaderKey allocates for the lower-case
// names the models use, such as "x-amz-version-id") and an index from that
// name to the member. The schema is immutable generated data, so the cache
// only grows to the number of shapes decoded; it is a memo, not
// configuration, and safe for concurrent use.
var headerPlans sync.Map // *protocol.Shape -> *headerPlan

type headerPlan struct {
	names  []string       // per member: canonical header name, or ""
	header []int          // indexes of the LocationHeader members
	other  []int          // indexes of the status code and header map members
	maps   []int          // indexes of the header map members
	byName map[string]int // canonical name -> member; nil if two share a name
}

func headerPlanOf(sh *protocol.Shape) *headerPlan {
	if v, ok := headerPlans.Load(sh); ok {
		return v.(*headerPlan)
	}
	p := &headerPlan{names: make([]string, len(sh.Members)), byName: map[string]int{}}
	for i := range sh.Members {
		mem := &sh.Members[i]
		switch mem.Location {
		case protocol.LocationHeader:
			name := mem.LocationName
			if name == "" {
				name = mem.Name
			}
			name = http.CanonicalHeaderKey(name)
			p.names[i] = name
			p.header = append(p.header, i)
			if _, dup := p.byName[name]; dup || p.byName == nil {
				p.byName = nil
			} else {
				p.byName[name] = i
			}
		case protocol.LocationStatusCode:
			p.other = append(p.other, i)
		case protocol.LocationHeaders:
			p.other = append(p.other, i)
			p.maps = append(p.maps, i)
		}
	}
	v, _ := headerPlans.LoadOrStore(sh, p)
	return v.(*headerPlan)
}

// word3 packs three bytes for a switch.
func word3(s string) uint32 { return uint32(s[0])<<16 | uint32(s[1])<<8 | uint32(s[2]) }

const (
	wMon = 'M'<<16 | 'o'<<8 | 'n'
	wTue = 'T'<<16 | 'u'<<8 | 'e'
	wWed = 'W'<<16 | 'e'<<8 | 'd'
	wThu = 'T'<<16 | 'h'<<8 | 'u'
	wFri = 'F'<<16 | 'r'<<8 | 'i'
	wSat = 'S'<<16 | 'a'<<8 | 't'
	wSun = 'S'<<16 | 'u'<<8 | 'n'
)

// monthOf returns the month named by a three-letter English abbreviation,
// or 0.
func monthOf(w uint32) int {
	switch w {
	case 'J'<<16 | 'a'<<8 | 'n':
		return 1
	case 'F'<<16 | 'e'<<8 | 'b':
		return 2
	case 'M'<<16 | 'a'<<8 | 'r':
		return 3
	case 'A'<<16 | 'p'<<8 | 'r':
		return 4
	case 'M'<<16 | 'a'<<8 | 'y':
		return 5
	case 'J'<<16 | 'u'<<8 | 'n':
		return 6
	case 'J'<<16 | 'u'<<8 | 'l':
		return 7
	case 'A'<<16 | 'u'<<8 | 'g':
		return 8
	case 'S'<<16 | 'e'<<8 | 'p':
		return 9
	case 'O'<<16 | 'c'<<8 | 't':
		return 10
	case 'N'<<16 | 'o'<<8 | 'v':
		return 11
	case 'D'<<16 | 'e'<<8 | 'c':
		return 12
	}
	return 0
}

// ParseIMFFixdate parses the preferred HTTP date form of RFC 9110 section
// 5.6.7 ("Sun, 06 Nov 1994 08:49:37 GMT", the form S3 sends in
// Last-Modified and Expires) without allocating. It reports false for
// anything else (other forms, out-of-range fields), which the caller then
// hands to the general parser, so it accepts nothing the general parser
// would reject or read differently.
func ParseIMFFixdate(s string) (time.Time, bool) {
	if len(s) != 29 || s[3] != ',' || s[4] != ' ' || s[7] != ' ' || s[11] != ' ' || s[16] != ' ' ||
		s[19] != ':' || s[22] != ':' || s[25:] != " GMT" {
		return time.Time{}, false
	}
	switch word3(s) {
	case wMon, wTue, wWed, wThu, wFri, wSat, wSun:
	default:
		return time.Time{}, false
	}
	mon := monthOf(word3(s[8:]))
	if mon == 0 {
		return time.Time{}, false
	}
	d0, d1 := s[5]-'0', s[6]-'0'
	y0, y1, y2, y3 := s[12]-'0', s[13]-'0', s[14]-'0', s[15]-'0'
	h0, h1, mi0, mi1, s0, s1 := s[17]-'0', s[18]-'0', s[20]-'0', s[21]-'0', s[23]-'0', s[24]-'0'
	// A byte below '0' wraps past 9.
	if d0 > 9 || d1 > 9 || y0 > 9 || y1 > 9 || y2 > 9 || y3 > 9 || h0 > 9 || h1 > 9 || mi0 > 9 || mi1 > 9 || s0 > 9 || s1 > 9 {
		return time.Time{}, false
	}
	d := int(d0)*10 + int(d1)
	y := int(y0)*1000 + int(y1)*100 + int(y2)*10 + int(y3)
	h, mi, sec := int(h0)*10+int(h1), int(mi0)*10+int(mi1), int(s0)*10+int(s1)
	if d < 1 || h > 23 || mi > 59 || sec > 59 {
		return time.Time{}, false
	}
	if d > daysIn(mon, y) { // 31 Apr, 29 Feb of a common year
		return time.Time{}, false
	}
	return time.Unix(daysFromCivil(y, mon, d)*86400+int64(h*3600+mi*60+sec), 0).UTC(), true
}

func daysIn(mon, y int) int {
	switch mon {
	case 2:
		if y%4 == 0 && (y%100 != 0 || y%400 == 0) {
			return 29
		}
		return 28
	case 4, 6, 9, 11:
		return 30
	}
	return 31
}

// daysFromCivil returns the days from 1970-01-01 to the proleptic
// Gregorian date y-m-d (the well-known era-based computation: eras of
// 400 years, March-based years so that leap days come last).
func daysFromCivil(y, m, d int) int64 {
	if m <= 2 {
		y--
	}
	era := y / 400
	if y < 0 { // year 0000 in January or February
		era = (y - 399) / 400
	}
	yoe := y - era*400
	mp := (m + 9) % 12
	doy := (153*mp+2)/5 + d - 1
	doe := yoe*365 + yoe/4 - yoe/100 + doy
	return int64(era)*146097 + int64(doe) - 719468
}
