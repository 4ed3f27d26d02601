package credentials

import (
	"fmt"
	"time"
)

// parseTime parses the timestamps credential sources return: RFC 3339 with
// or without fractional seconds ("2026-11-24T15:04:05Z",
// "2026-11-24T15:04:05.123+00:00") and the SSO cache's "...UTC" form.
func parseTime(s string) (time.Time, error) {
	for _, layout := range []string{time.RFC3339Nano, "2006-01-02T15:04:05UTC", "2006-01-02T15:04:05Z0700"} {
		if t, err := time.Parse(layout, s); err == nil {
			return t.UTC(), nil
		}
	}
	return time.Time{}, fmt.Errorf("cannot parse time %q", s)
}
