package credentials

import (
	"context"
	"fmt"
	"io"
	"net/http"
	"strings"
	"time"
)

const maxBody = 1 << 20

// doRequest sends req with a per-attempt timeout and returns the status and
// body (at most 1 MiB). The body is always closed.
func doRequest(ctx context.Context, client *http.Client, method, url string, header http.Header, body string, timeout time.Duration) (int, []byte, error) {
	status, _, b, err := doRequestHeader(ctx, client, method, url, header, body, timeout)
	return status, b, err
}

// doRequestHeader is doRequest that also returns the response header.
func doRequestHeader(ctx context.Context, client *http.Client, method, url string, header http.Header, body string, timeout time.Duration) (int, http.Header, []byte, error) {
	if timeout > 0 {
		var cancel context.CancelFunc
		ctx, cancel = context.WithTimeout(ctx, timeout)
		defer cancel()
	}
	var rd io.Reader
	if body != "" {
		rd = strings.NewReader(body)
	}
	req, err := http.NewRequestWithContext(ctx, method, url, rd)
	if err != nil {
		return 0, nil, nil, err
	}
	for k, v := range header {
		req.Header[k] = v
	}
	resp, err := client.Do(req)
	if err != nil {
		return 0, nil, nil, err
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(io.LimitReader(resp.Body, maxBody))
	if err != nil {
		return resp.StatusCode, resp.Header, nil, fmt.Errorf("reading response: %w", err)
	}
	return resp.StatusCode, resp.Header, b, nil
}

// snippet returns a short, single-line excerpt of an error body.
func snippet(b []byte) string {
	s := strings.Join(strings.Fields(string(b)), " ")
	if len(s) > 200 {
		s = s[:200] + "..."
	}
	return s
}
