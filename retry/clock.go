package retry

import (
	"errors"
	"net/http"
	"time"
)

// ErrNoDate is returned by OffsetFromDate for an empty Date header.
var ErrNoDate = errors.New("retry: response has no Date header")

// OffsetFromDate returns the clock offset that a server's Date header
// (RFC 7231 IMF-fixdate, or the obsolete RFC 850 and asctime forms) implies:
// the server's time minus local, the local time at which the response was
// received. Adding the offset to the local clock gives the server's clock,
// which is the time to sign with. The Date header has a resolution of one
// second, so the offset is only as precise as that.
func OffsetFromDate(date string, local time.Time) (time.Duration, error) {
	if date == "" {
		return 0, ErrNoDate
	}
	server, err := http.ParseTime(date)
	if err != nil {
		return 0, errors.New("retry: unparsable Date header")
	}
	return server.Sub(local), nil
}

// ClockOffset returns the clock offset the Retryer currently holds: the
// amount to add to the local clock (Options.Now) to get the server's time.
// It is zero until a clock-skew error with a usable Date header is seen, and
// is updated by Do before the retry that follows such an error. The pipeline
// signs every attempt at Now().Add(ClockOffset()).
func (r *Retryer) ClockOffset() time.Duration { return time.Duration(r.offset.Load()) }

// SetClockOffset replaces the clock offset, for a pipeline that learns it
// otherwise.
func (r *Retryer) SetClockOffset(d time.Duration) { r.offset.Store(int64(d)) }

// updateOffset stores the offset implied by resp's Date header, if any.
func (r *Retryer) updateOffset(resp *http.Response) {
	if resp == nil {
		return
	}
	if off, err := OffsetFromDate(resp.Header.Get("Date"), r.now()); err == nil {
		r.offset.Store(int64(off))
	}
}
