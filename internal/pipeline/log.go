package pipeline

import (
	"context"
	"log/slog"
	"net/http"
	"time"

	"github.com/goto3/goto3"
	"github.com/goto3/goto3/protocol"
	"github.com/goto3/goto3/retry"
)

// logAttempt writes the debug line of one attempt: service, operation,
// method, host, path, status, duration, attempt and request id; with
// LogHeaders also the redacted request and response headers. The query
// string is not logged (presigned-style credentials never reach it here,
// but it may hold user data); the path is.
func (c *Client) logAttempt(ctx context.Context, op *protocol.Operation, req *http.Request, resp *http.Response, err error, n int, d time.Duration) {
	l := c.opts.Logger
	if !l.Enabled(ctx, slog.LevelDebug) {
		return
	}
	attrs := make([]slog.Attr, 0, 12)
	attrs = append(attrs,
		slog.String("service", c.svc.ID),
		slog.String("operation", op.Name),
		slog.String("method", req.Method),
		slog.String("host", req.Host),
		slog.String("path", req.URL.EscapedPath()),
		slog.Int("attempt", n),
		slog.Duration("duration", d),
	)
	if resp != nil {
		attrs = append(attrs,
			slog.Int("status", resp.StatusCode),
			slog.String("request_id", firstHeader(resp.Header, "X-Amz-Request-Id", "X-Amzn-Requestid")))
	}
	if err != nil {
		attrs = append(attrs, slog.String("error", err.Error()))
	}
	if c.opts.LogHeaders {
		attrs = append(attrs, slog.Any("request_headers", goto3.RedactHeader(req.Header)))
		if resp != nil {
			attrs = append(attrs, slog.Any("response_headers", goto3.RedactHeader(resp.Header)))
		}
	}
	l.LogAttrs(ctx, slog.LevelDebug, "goto3 request", attrs...)
}

// logRetry writes the debug line of one retry decision.
func (c *Client) logRetry(ctx context.Context, op *protocol.Operation, ev retry.Event) {
	l := c.opts.Logger
	if !l.Enabled(ctx, slog.LevelDebug) {
		return
	}
	attrs := []slog.Attr{
		slog.String("service", c.svc.ID),
		slog.String("operation", op.Name),
		slog.Int("attempt", ev.Attempt),
		slog.String("decision", ev.Decision.String()),
		slog.Bool("retrying", ev.Retrying),
	}
	if ev.Retrying {
		attrs = append(attrs, slog.Duration("delay", ev.Delay))
	} else if ev.Stop != "" {
		attrs = append(attrs, slog.String("stop", ev.Stop))
	}
	if ev.QuotaAvailable >= 0 {
		attrs = append(attrs, slog.Int("quota", ev.QuotaAvailable))
	}
	l.LogAttrs(ctx, slog.LevelDebug, "goto3 retry", attrs...)
}

// logRedirect writes the debug line of a call sent again to a re-resolved
// endpoint (Customizations.Redirect).
func (c *Client) logRedirect(ctx context.Context, op *protocol.Operation, host, region string, attempt int) {
	l := c.opts.Logger
	if !l.Enabled(ctx, slog.LevelDebug) {
		return
	}
	l.LogAttrs(ctx, slog.LevelDebug, "goto3 redirect",
		slog.String("service", c.svc.ID),
		slog.String("operation", op.Name),
		slog.String("host", host),
		slog.String("signing_region", region),
		slog.Int("attempt", attempt))
}
