package faultserver

import (
	"net/http"
	"time"
)

// Fault is one entry of the server's script: which requests it matches and
// what it does to them.
//
// A request matches when every set condition holds. Each fault counts the
// requests it matches, in arrival order; it fires on the matching requests
// numbered Skip+1 to Skip+Times (every one after Skip when Times is 0). When
// several faults fire on one request, the first in the script wins. Matching
// and counting happen under one lock, so a script is deterministic for any
// sequence of requests (concurrent requests are ordered by arrival).
type Fault struct {
	// Name labels the fault in Request.Fault; "" uses the action's kind.
	Name string

	// Op is the operation (OpUploadPart, ...); "" matches any.
	Op string
	// Method matches the HTTP method; "" matches any.
	Method string
	// Bucket and Key match exactly when not "".
	Bucket, Key string
	// PartNumber matches UploadPart/UploadPartCopy requests of that part
	// when not 0.
	PartNumber int
	// Attempt matches the request's Attempt number (1-based) when not 0.
	Attempt int
	// Match, when set, must also return true. It sees the request as
	// recorded so far (no status or body hash yet) and must not block.
	Match func(*Request) bool

	// Skip lets this many matching requests through before the fault
	// fires; Times is how many it then fires on, 0 meaning every one.
	Skip, Times int

	// Action is what the fault does.
	Action Action
}

type actionKind int

const (
	kindNone actionKind = iota
	kindError
	kindReset
	kindResetAfterBody
	kindTruncate
	kindSlowBody
	kindDelay
	kindSkew
	kindChangeObject
	kindHandler
	kindStall
)

var kindNames = [...]string{"none", "error", "reset", "reset-after-body", "truncate", "slow-body", "delay", "skewed-time", "change-object", "handler", "stall"}

// Action is what a Fault does to a request; make one with the functions
// below. The zero Action does nothing (the request is served normally but
// recorded with the fault's name).
type Action struct {
	kind    actionKind
	status  int
	code    string
	message string
	n       int64
	delay   time.Duration
	chunk   int
	shift   time.Duration
	data    []byte
	hasData bool
	handler http.HandlerFunc
}

// Kind names the action ("error", "reset", "truncate", ...).
func (a Action) Kind() string { return kindNames[a.kind] }

// Error answers status with an S3 XML error body of code and message, after
// reading the request body.
func Error(status int, code, message string) Action {
	return Action{kind: kindError, status: status, code: code, message: message}
}

// InternalError is Error(500, "InternalError", ...), as S3 sends it.
func InternalError() Action {
	return Error(http.StatusInternalServerError, "InternalError", "We encountered an internal error. Please try again.")
}

// ServiceUnavailable is Error(503, "ServiceUnavailable", ...).
func ServiceUnavailable() Action {
	return Error(http.StatusServiceUnavailable, "ServiceUnavailable", "Service is unable to handle request.")
}

// SlowDown is Error(503, "SlowDown", ...), S3's throttling answer.
func SlowDown() Action {
	return Error(http.StatusServiceUnavailable, "SlowDown", "Please reduce your request rate.")
}

// Throttle answers 400 with a throttling code such as "Throttling",
// "ThrottlingException" or "RequestLimitExceeded" (the Query protocols'
// form; S3 itself uses SlowDown).
func Throttle(code string) Action {
	return Error(http.StatusBadRequest, code, "Rate exceeded")
}

// ResetConnection hijacks the connection and closes it with a TCP reset
// before reading the request body or answering: the client sees "connection
// reset by peer" (or a broken pipe, or EOF before a response).
func ResetConnection() Action { return Action{kind: kindReset} }

// ResetAfterBody reads the whole request body and serves the request (the
// operation takes effect: an object is stored, a part uploaded), then resets
// the connection instead of sending the response: the client cannot know
// whether the request took effect and must retry it.
func ResetAfterBody() Action { return Action{kind: kindResetAfterBody} }

// Truncate serves the request normally but sends only the first n bytes of
// the response body (after headers announcing the full Content-Length) and
// then closes the connection: the client's read ends with an unexpected EOF.
// Only responses with a body (GetObject) are affected.
func Truncate(n int64) Action { return Action{kind: kindTruncate, n: n} }

// SlowBody serves the response body in pieces of chunk bytes with delay
// before each piece. The total delay is bounded by Options.MaxDelay, after
// which the rest is sent at once; it stops early when the client goes away.
func SlowBody(chunk int, delay time.Duration) Action {
	if chunk <= 0 {
		chunk = 1
	}
	return Action{kind: kindSlowBody, chunk: chunk, delay: delay}
}

// Delay waits d (bounded by Options.MaxDelay, ended early when the client
// goes away) before handling the request at all, so a client timeout fires
// before any response header.
func Delay(d time.Duration) Action { return Action{kind: kindDelay, delay: d} }

// SkewedTime models a server whose clock is shift ahead of Options.Now (behind
// when negative): from the request it fires on, the server's clock (Date
// headers, signature time checks, records) runs at Options.Now + shift, and
// that request is answered 403 RequestTimeTooSkewed with the shifted Date
// header and ServerTime element. A client that corrects its clock offset
// from the Date and signs again is then accepted; one that does not keeps
// failing verification when shift exceeds Options.MaxSkew. (A server whose
// Options.Now is itself far from the client's clock gives the same answer
// from verification alone, without a fault.)
func SkewedTime(shift time.Duration) Action { return Action{kind: kindSkew, shift: shift} }

// ChangeObject replaces the content of the request's object with data just
// before the request is served, giving it a new ETag (when data is nil the
// bytes stay the same and only the ETag changes, as after an overwrite with
// identical content under SSE-KMS). A download pinned to the old ETag with
// If-Match then gets 412 PreconditionFailed.
func ChangeObject(data []byte) Action {
	return Action{kind: kindChangeObject, data: data, hasData: data != nil}
}

// Stall stops answering and holds the connection open, without a byte
// more, until the client goes away or the server closes: before any
// response header when n is negative, else after n bytes of the response
// body of a GET (other requests stall before their headers). It models a
// peer that hangs, which only a client's read timeout or cancellation ends.
func Stall(n int64) Action { return Action{kind: kindStall, n: n} }

// Handler hands the request to h after signature verification, before the
// body is read. h writes the whole response.
func Handler(h http.HandlerFunc) Action { return Action{kind: kindHandler, handler: h} }

// faultState is a Fault with its match counter.
type faultState struct {
	Fault
	seen  int
	fired int
}

func (f *faultState) matches(rec *Request) bool {
	switch {
	case f.Op != "" && f.Op != rec.Op,
		f.Method != "" && f.Method != rec.Method,
		f.Bucket != "" && f.Bucket != rec.Bucket,
		f.Key != "" && f.Key != rec.Key,
		f.PartNumber != 0 && f.PartNumber != rec.PartNumber,
		f.Attempt != 0 && f.Attempt != rec.Attempt:
		return false
	}
	return f.Match == nil || f.Match(rec)
}

func (f *faultState) name() string {
	if f.Name != "" {
		return f.Name
	}
	return f.Action.Kind()
}
