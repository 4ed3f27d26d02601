package s3

import (
	"net/http"
	"net/url"
	"time"

	"github.com/goto3/goto3/internal/pipeline"
	"github.com/goto3/goto3/sigv4"
)

// Core returns the pipeline client behind c, for tests that call
// operations through the pipeline directly (with S3's customizations).
func Core(c *Client) *pipeline.Client { return c.core }

// ExpressSign signs req as an attempt to a directory bucket is signed:
// with the session credentials, the token in x-amz-s3session-token.
func ExpressSign(req *http.Request, session sigv4.Credentials, p sigv4.Params) error {
	delete(req.Header, sigv4.HeaderSecurityToken)
	req.Header[HeaderS3SessionToken] = []string{session.SessionToken}
	session.SessionToken = ""
	return s3Signer().SignHTTP(req, session, p)
}

// ExpressPresign presigns req as a presigned URL of a directory bucket is:
// the token in the query as X-Amz-S3session-Token.
func ExpressPresign(req *http.Request, session sigv4.Credentials, p sigv4.Params, expires time.Duration) (string, http.Header, error) {
	tok := QueryS3SessionToken + "=" + url.QueryEscape(session.SessionToken)
	if req.URL.RawQuery == "" {
		req.URL.RawQuery = tok
	} else {
		req.URL.RawQuery += "&" + tok
	}
	session.SessionToken = ""
	return s3Signer().PresignHTTP(req, session, p, expires)
}

// ExpressCacheLen returns the number of S3 Express sessions c caches.
func ExpressCacheLen(c *Client) int { return c.state.express.len() }

// QuoteCopySource is the CopySource the client sends for s.
func QuoteCopySource(s string) string { return quoteCopySource(s) }

// UnquotePlus is the URL-decoding of List* answers.
func UnquotePlus(s string) string { return unquotePlus(s) }

// CachedRegion returns the region c remembers for bucket after a redirect.
func CachedRegion(c *Client, bucket string) (string, bool) { return c.state.regions.get(bucket) }
