package retry_test

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"syscall"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/goto3/goto3/retry"
)

// apiError is a stand-in for the SDK's API error: retry sees it only
// through its methods.
type apiError struct {
	code   string
	status int
}

func (e *apiError) Error() string       { return fmt.Sprintf("api error %s (status %d)", e.code, e.status) }
func (e *apiError) ErrorCode() string   { return e.code }
func (e *apiError) HTTPStatusCode() int { return e.status }

type modelledError struct {
	apiError
	throttling bool
}

func (e *modelledError) RetryableError() bool  { return true }
func (e *modelledError) ThrottlingError() bool { return e.throttling }

var t0 = time.Date(2026, 11, 24, 12, 0, 0, 0, time.UTC)

func newRetryer(t testing.TB, opts retry.Options) *retry.Retryer {
	t.Helper()
	if opts.Now == nil {
		opts.Now = func() time.Time { return t0 }
	}
	if opts.Rand == nil {
		opts.Rand = func() float64 { return 0.5 }
	}
	if opts.Sleep == nil {
		opts.Sleep = func(ctx context.Context, d time.Duration) error { return ctx.Err() }
	}
	r, err := retry.New(opts)
	if err != nil {
		t.Fatal(err)
	}
	return r
}

func respWith(status int, date time.Time) *http.Response {
	h := http.Header{}
	if !date.IsZero() {
		h.Set("Date", date.UTC().Format(http.TimeFormat))
	}
	return &http.Response{StatusCode: status, Header: h}
}

func TestClassifyCodes(t *testing.T) {
	throttle := []string{
		"Throttling", "ThrottlingException", "ThrottledException", "SlowDown", "RequestLimitExceeded",
		"RequestThrottled", "TooManyRequestsException", "ProvisionedThroughputExceededException",
		"TransactionInProgressException", "EC2ThrottledException", "PriorBatchRequestWasThrottled",
		"BandwidthLimitExceeded", "LimitExceededException", "RequestThrottledException", "PriorRequestNotComplete",
	}
	transient := []string{"RequestTimeout", "RequestTimeoutException", "InternalError", "IDPCommunicationError"}
	notRetried := []string{"NoSuchKey", "AccessDenied", "InvalidClientTokenId", "ValidationError", "NoSuchCORSConfiguration", ""}

	type tc struct {
		name string
		err  error
		want retry.Decision
	}
	var cases []tc
	for _, c := range throttle {
		cases = append(cases, tc{c, &apiError{c, 400}, retry.Decision{Retry: true, Kind: retry.KindThrottle, Reason: "throttling error code", Code: c, Status: 400}})
	}
	// 503 SlowDown is throttling, not a plain 503.
	cases = append(cases, tc{"SlowDown/503", &apiError{"SlowDown", 503}, retry.Decision{Retry: true, Kind: retry.KindThrottle, Reason: "throttling error code", Code: "SlowDown", Status: 503}})
	for _, c := range transient {
		cases = append(cases, tc{c, &apiError{c, 400}, retry.Decision{Retry: true, Kind: retry.KindTransient, Reason: "transient error code", Code: c, Status: 400}})
	}
	for _, c := range notRetried {
		cases = append(cases, tc{"not/" + c, &apiError{c, 400}, retry.Decision{Reason: "not retryable", Code: c, Status: 400}})
	}
	for _, c := range []string{"ExpiredToken", "ExpiredTokenException", "RequestExpired"} {
		cases = append(cases, tc{c, &apiError{c, 400}, retry.Decision{Retry: true, Kind: retry.KindExpiredToken, Reason: "expired credentials", Code: c, Status: 400}})
	}
	for _, s := range []int{500, 502, 503, 504} {
		cases = append(cases, tc{fmt.Sprintf("status/%d", s), &apiError{"", s}, retry.Decision{Retry: true, Kind: retry.KindTransient, Reason: "HTTP status", Status: s}})
		cases = append(cases, tc{fmt.Sprintf("status/%d/code", s), &apiError{"ServiceUnavailable", s}, retry.Decision{Retry: true, Kind: retry.KindTransient, Reason: "HTTP status", Code: "ServiceUnavailable", Status: s}})
	}
	for _, s := range []int{400, 403, 404, 409, 429, 501} {
		cases = append(cases, tc{fmt.Sprintf("status/%d", s), &apiError{"", s}, retry.Decision{Reason: "not retryable", Status: s}})
	}
	cases = append(cases,
		tc{"wrapped", fmt.Errorf("op: %w", &apiError{"Throttling", 400}), retry.Decision{Retry: true, Kind: retry.KindThrottle, Reason: "throttling error code", Code: "Throttling", Status: 400}},
		tc{"modelled", &modelledError{apiError: apiError{"ProvisionedThroughputIsLow", 400}}, retry.Decision{Retry: true, Kind: retry.KindTransient, Reason: "modelled retryable error", Status: 400}},
		tc{"modelled/throttling", &modelledError{apiError: apiError{"Busy", 400}, throttling: true}, retry.Decision{Retry: true, Kind: retry.KindThrottle, Reason: "modelled throttling error", Status: 400}},
		tc{"plain", errors.New("boom"), retry.Decision{Reason: "not retryable"}},
	)
	r := newRetryer(t, retry.Options{})
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			got := r.Classify(context.Background(), nil, c.err)
			if diff := cmp.Diff(c.want, got); diff != "" {
				t.Errorf("Classify(%v) mismatch (-want +got):\n%s", c.err, diff)
			}
		})
	}
}

func TestClassifyStatusFromResponse(t *testing.T) {
	r := newRetryer(t, retry.Options{})
	got := r.Classify(context.Background(), respWith(503, time.Time{}), errors.New("decoded error without methods"))
	want := retry.Decision{Retry: true, Kind: retry.KindTransient, Reason: "HTTP status", Status: 503}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("mismatch (-want +got):\n%s", diff)
	}
	if got := r.Classify(context.Background(), respWith(200, time.Time{}), nil); got.Retry {
		t.Errorf("success: got %+v, want no retry", got)
	}
	if got := r.Classify(context.Background(), respWith(503, time.Time{}), nil); !got.Retry {
		t.Errorf("503 with nil error: got %+v, want retry", got)
	}
}

func TestClassifyClockSkew(t *testing.T) {
	cases := []struct {
		code   string
		shift  time.Duration // server clock minus local
		noDate bool
		want   retry.Kind
	}{
		{"RequestTimeTooSkewed", 20 * time.Minute, false, retry.KindClockSkew},
		{"RequestTimeTooSkewed", -3 * time.Second, false, retry.KindClockSkew},
		{"RequestTimeTooSkewed", 0, false, retry.KindNone},
		{"RequestTimeTooSkewed", 20 * time.Minute, true, retry.KindNone},
		{"RequestInTheFuture", -10 * time.Minute, false, retry.KindClockSkew},
		{"SignatureDoesNotMatch", 5 * time.Minute, false, retry.KindClockSkew},
		{"SignatureDoesNotMatch", time.Minute, false, retry.KindNone},
		{"SignatureDoesNotMatch", 5 * time.Minute, true, retry.KindNone},
		{"InvalidSignatureException", -6 * time.Minute, false, retry.KindClockSkew},
		{"AuthFailure", 16 * time.Minute, false, retry.KindClockSkew},
		{"AuthFailure", 0, false, retry.KindNone},
		{"RequestExpired", 16 * time.Minute, false, retry.KindClockSkew},
		{"RequestExpired", 0, false, retry.KindExpiredToken},
	}
	r := newRetryer(t, retry.Options{})
	for _, c := range cases {
		t.Run(fmt.Sprintf("%s/%v/nodate=%v", c.code, c.shift, c.noDate), func(t *testing.T) {
			resp := respWith(403, t0.Add(c.shift))
			if c.noDate {
				resp.Header.Del("Date")
			}
			got := r.Classify(context.Background(), resp, &apiError{c.code, 403})
			if got.Kind != c.want || got.Retry != (c.want != retry.KindNone) {
				t.Errorf("got %+v, want kind %v", got, c.want)
			}
		})
	}
	// Once the offset is corrected, the same Date is no longer skew.
	r.SetClockOffset(20 * time.Minute)
	if got := r.Classify(context.Background(), respWith(403, t0.Add(20*time.Minute)), &apiError{"RequestTimeTooSkewed", 403}); got.Retry {
		t.Errorf("after correction: got %+v, want no retry", got)
	}
}

func TestOffsetFromDate(t *testing.T) {
	local := time.Date(2026, 11, 24, 12, 0, 0, 250e6, time.UTC)
	cases := []struct {
		date    string
		want    time.Duration
		wantErr bool
	}{
		{"Tue, 24 Nov 2026 12:15:00 GMT", 15*time.Minute - 250*time.Millisecond, false},
		{"Tuesday, 24-Nov-26 11:59:00 GMT", -time.Minute - 250*time.Millisecond, false},
		{"Tue Nov 24 12:00:01 2026", 750 * time.Millisecond, false},
		{"", 0, true},
		{"yesterday", 0, true},
	}
	for _, c := range cases {
		t.Run(c.date, func(t *testing.T) {
			got, err := retry.OffsetFromDate(c.date, local)
			if (err != nil) != c.wantErr || got != c.want {
				t.Errorf("got %v, %v; want %v, error %v", got, err, c.want, c.wantErr)
			}
		})
	}
}

func TestClassifyContext(t *testing.T) {
	r := newRetryer(t, retry.Options{})
	canceled, cancel := context.WithCancel(context.Background())
	cancel()
	expired, cancel2 := context.WithDeadline(context.Background(), time.Unix(0, 0))
	defer cancel2()
	cases := []struct {
		name string
		ctx  context.Context
		err  error
	}{
		{"canceled ctx, throttle error", canceled, &apiError{"Throttling", 400}},
		{"canceled ctx, reset", canceled, syscall.ECONNRESET},
		{"deadline ctx, deadline error", expired, &net.OpError{Op: "dial", Err: context.DeadlineExceeded}},
		{"deadline ctx, 503", expired, &apiError{"", 503}},
		{"context.Canceled error, live ctx", context.Background(), fmt.Errorf("send: %w", context.Canceled)},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			got := r.Classify(c.ctx, nil, c.err)
			if got.Retry || got.Kind != retry.KindCanceled {
				t.Errorf("got %+v, want no retry, kind canceled", got)
			}
		})
	}
}

// realNetErrors provokes real network failures through net/http.
func realNetErrors(t *testing.T) map[string]error {
	t.Helper()
	out := map[string]error{}

	// Refused: a listener closed before the dial.
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	addr := ln.Addr().String()
	ln.Close()
	client := &http.Client{Transport: &http.Transport{DisableKeepAlives: true}}
	_, out["refused"] = client.Get("http://" + addr + "/")

	serve := func(handle func(c net.Conn)) string {
		ln, err := net.Listen("tcp", "127.0.0.1:0")
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { ln.Close() })
		go func() {
			for {
				c, err := ln.Accept()
				if err != nil {
					return
				}
				go handle(c)
			}
		}()
		return "http://" + ln.Addr().String() + "/"
	}
	readReq := func(c net.Conn) {
		buf := make([]byte, 4096)
		c.SetReadDeadline(time.Now().Add(2 * time.Second))
		c.Read(buf)
	}
	// Reset: close with linger 0 after reading the request.
	url := serve(func(c net.Conn) {
		readReq(c)
		c.(*net.TCPConn).SetLinger(0)
		c.Close()
	})
	_, out["reset"] = client.Get(url)
	// EOF before a response: close cleanly after reading the request.
	url = serve(func(c net.Conn) {
		readReq(c)
		c.Close()
	})
	_, out["eof"] = client.Get(url)
	// Truncated body: Content-Length larger than what is sent.
	url = serve(func(c net.Conn) {
		readReq(c)
		io.WriteString(c, "HTTP/1.1 200 OK\r\nContent-Length: 100\r\n\r\nshort")
		c.Close()
	})
	if resp, err := client.Get(url); err != nil {
		out["truncated"] = err
	} else {
		_, out["truncated"] = io.ReadAll(resp.Body)
		resp.Body.Close()
	}
	// Timeout: the server never answers.
	block := make(chan struct{})
	t.Cleanup(func() { close(block) })
	url = serve(func(c net.Conn) {
		<-block
		c.Close()
	})
	_, out["client timeout"] = (&http.Client{Timeout: 50 * time.Millisecond, Transport: &http.Transport{DisableKeepAlives: true}}).Get(url)
	return out
}

func TestClassifyNetErrors(t *testing.T) {
	r := newRetryer(t, retry.Options{})
	real := realNetErrors(t)
	want := map[string]retry.Kind{
		"refused": retry.KindTransient, "reset": retry.KindTransient, "eof": retry.KindTransient,
		"truncated": retry.KindTransient, "client timeout": retry.KindTimeout,
	}
	for name, err := range real {
		t.Run("real/"+name, func(t *testing.T) {
			if err == nil {
				t.Fatal("got nil error, want a network error")
			}
			got := r.Classify(context.Background(), nil, err)
			t.Logf("%v -> %+v", err, got)
			if !got.Retry || got.Kind != want[name] {
				t.Errorf("Classify(%v) = %+v, want retry kind %v", err, got, want[name])
			}
		})
	}
	synthetic := []struct {
		name string
		err  error
		want retry.Decision
	}{
		{"ECONNREFUSED", &net.OpError{Op: "dial", Err: syscall.ECONNREFUSED}, retry.Decision{Retry: true, Kind: retry.KindTransient, Reason: "connection refused"}},
		{"ECONNRESET", fmt.Errorf("read: %w", syscall.ECONNRESET), retry.Decision{Retry: true, Kind: retry.KindTransient, Reason: "connection reset"}},
		{"EPIPE", syscall.EPIPE, retry.Decision{Retry: true, Kind: retry.KindTransient, Reason: "broken pipe"}},
		{"unexpected EOF", fmt.Errorf("decode: %w", io.ErrUnexpectedEOF), retry.Decision{Retry: true, Kind: retry.KindTransient, Reason: "unexpected EOF"}},
		{"ETIMEDOUT", syscall.ETIMEDOUT, retry.Decision{Retry: true, Kind: retry.KindTimeout, Reason: "timeout"}},
		{"DNS temporary", &net.DNSError{Err: "server misbehaving", IsTemporary: true}, retry.Decision{Retry: true, Kind: retry.KindTransient, Reason: "DNS error"}},
		{"DNS not found", &net.DNSError{Err: "no such host", IsNotFound: true}, retry.Decision{Reason: "host not found"}},
		{"other op error", &net.OpError{Op: "read", Err: errors.New("weird")}, retry.Decision{Retry: true, Kind: retry.KindTransient, Reason: "connection error"}},
	}
	for _, c := range synthetic {
		t.Run(c.name, func(t *testing.T) {
			if diff := cmp.Diff(c.want, r.Classify(context.Background(), nil, c.err)); diff != "" {
				t.Errorf("mismatch (-want +got):\n%s", diff)
			}
		})
	}
}

func TestKindString(t *testing.T) {
	for k, want := range map[retry.Kind]string{retry.KindNone: "none", retry.KindThrottle: "throttle", retry.KindClockSkew: "clockskew", retry.Kind(99): "unknown"} {
		if got := k.String(); got != want {
			t.Errorf("Kind(%d).String() = %q, want %q", k, got, want)
		}
	}
}

func TestDecisionString(t *testing.T) {
	cases := []struct {
		d    retry.Decision
		want string
	}{
		{retry.Decision{Retry: true, Kind: retry.KindThrottle, Reason: "throttling error code", Code: "SlowDown", Status: 503}, "retry throttle: throttling error code SlowDown (status 503)"},
		{retry.Decision{Retry: true, Kind: retry.KindTimeout, Reason: "timeout"}, "retry timeout: timeout"},
		{retry.Decision{Reason: "not retryable", Code: "NoSuchKey", Status: 404}, "no retry none: not retryable NoSuchKey (status 404)"},
	}
	for _, c := range cases {
		if got := c.d.String(); got != c.want {
			t.Errorf("got %q, want %q", got, c.want)
		}
	}
}
