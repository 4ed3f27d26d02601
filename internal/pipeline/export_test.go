package pipeline

import (
	"net/http"
	"time"

	"github.com/goto3/goto3/sigv4"
)

// ExpressSign signs req as an attempt to a directory bucket is signed:
// with the session credentials, the token in x-amz-s3session-token.
func ExpressSign(c *Client, req *http.Request, session sigv4.Credentials, p sigv4.Params) error {
	return c.signer.SignHTTP(req, setExpressToken(req, session), p)
}

// ExpressPresign presigns req as Presign does for a directory bucket.
func ExpressPresign(c *Client, req *http.Request, session sigv4.Credentials, p sigv4.Params, expires time.Duration) (string, http.Header, error) {
	return c.signer.PresignHTTP(req, setExpressQueryToken(req, session), p, expires)
}

// ExpressCacheLen returns the number of S3 Express sessions c caches.
func ExpressCacheLen(c *Client) int { return c.express.len() }
