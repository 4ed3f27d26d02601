package xmlutil

// ParseISO8601 exposes the fast path of ParseTimestamp.
var ParseISO8601 = parseISO8601
