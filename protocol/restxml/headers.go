package restxml

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

var monthNames = [12]string{"Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"}

var dayNames = [7]string{"Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"}

// parseIMFFixdate parses the preferred HTTP date form of RFC 9110 section
// 5.6.7 ("Sun, 06 Nov 1994 08:49:37 GMT", the form S3 sends in
// Last-Modified and Expires) without allocating. It reports false for
// anything else (other forms, out-of-range fields), which the caller then
// hands to the general parser, so it accepts nothing the general parser
// would reject or read differently.
func parseIMFFixdate(s string) (time.Time, bool) {
	if len(s) != 29 || s[3] != ',' || s[4] != ' ' || s[7] != ' ' || s[11] != ' ' || s[16] != ' ' ||
		s[19] != ':' || s[22] != ':' || s[25:] != " GMT" {
		return time.Time{}, false
	}
	day := false
	for _, n := range dayNames {
		if s[:3] == n {
			day = true
			break
		}
	}
	if !day {
		return time.Time{}, false
	}
	mon := 0
	for i, n := range monthNames {
		if s[8:11] == n {
			mon = i + 1
			break
		}
	}
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
	t := time.Date(y, time.Month(mon), d, h, mi, sec, 0, time.UTC)
	if t.Day() != d { // 31 Apr, 29 Feb of a common year
		return time.Time{}, false
	}
	return t, true
}
