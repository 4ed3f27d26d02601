package s3

import (
	"container/list"
	"context"
	"errors"
	"fmt"

	"sync"
	"time"

	"github.com/goto3/goto3/credentials"
	"github.com/goto3/goto3/internal/pipeline"
	"github.com/goto3/goto3/sigv4"
)

// S3 Express One Zone session auth (directory buckets), as botocore's
// S3ExpressIdentityResolver / S3ExpressIdentityCache (utils.py) and
// S3ExpressAuth / S3ExpressQueryAuth (auth.py): when the endpoint rules
// pick the auth scheme sigv4-s3express, the request is signed with
// short-lived session credentials that S3's CreateSession returns for the
// bucket (called with the client's own credentials; its rules give plain
// sigv4 with signing name s3express through DisableS3ExpressSessionAuth),
// and the session token travels in x-amz-s3session-token (signed), or
// X-Amz-S3session-Token in a presigned URL, never as X-Amz-Security-Token.

// Header and query names of the S3 Express session token.
const (
	HeaderS3SessionToken = "X-Amz-S3session-Token"
	QueryS3SessionToken  = "X-Amz-S3session-Token"
)

// S3 Express cache settings: botocore keeps the sessions of 100 buckets
// (functools.lru_cache(maxsize=100)) and refreshes a session 45 seconds
// before it expires (advisory: a failed refresh keeps the old session) and
// must refresh it 10 seconds before (mandatory: a failed refresh is the
// call's error) (IdentityCache.get_credentials, advisory_timeout=45,
// mandatory_timeout=10).
const (
	expressCacheSize        = 100
	expressAdvisoryRefresh  = 45 * time.Second
	expressMandatoryRefresh = 10 * time.Second
)

// ExpressSessionError is a failure to obtain S3 Express session credentials
// for a directory bucket: Err is the CreateSession call's error (a
// *goto3.OperationError naming S3 CreateSession), or what was wrong with
// its answer.
type ExpressSessionError struct {
	Bucket string
	Err    error
}

func (e *ExpressSessionError) Error() string {
	return fmt.Sprintf("s3: S3 Express session credentials for bucket %q: %v", e.Bucket, e.Err)
}

// Unwrap returns Err.
func (e *ExpressSessionError) Unwrap() error { return e.Err }

// expressKey identifies a session: the bucket and the access key id of
// the credentials that created it.
type expressKey struct{ bucket, accessKeyID string }

// expressEntry is one bucket's session. Its fields are guarded by mu.
type expressEntry struct {
	key      expressKey
	mu       sync.Mutex
	creds    sigv4.Credentials
	expires  time.Time
	have     bool
	inflight chan struct{} // closed when the running CreateSession ends
	err      error         // the last CreateSession's error
	elem     *list.Element // in expressCache.lru, guarded by the cache's mu
}

// expressCache holds S3 Express sessions, the most recently used
// expressCacheSize of them. It is safe for concurrent use; concurrent
// callers for one session share one CreateSession.
type expressCache struct {
	mu  sync.Mutex
	m   map[expressKey]*expressEntry
	lru list.List // front: most recently used
	max int
}

func newExpressCache() *expressCache {
	return &expressCache{m: make(map[expressKey]*expressEntry), max: expressCacheSize}
}

// entry returns k's entry, creating it and evicting the least recently
// used one past the bound.
func (c *expressCache) entry(k expressKey) *expressEntry {
	c.mu.Lock()
	defer c.mu.Unlock()
	if e := c.m[k]; e != nil {
		c.lru.MoveToFront(e.elem)
		return e
	}
	e := &expressEntry{key: k}
	e.elem = c.lru.PushFront(e)
	c.m[k] = e
	for c.lru.Len() > c.max {
		old := c.lru.Back()
		c.lru.Remove(old)
		delete(c.m, old.Value.(*expressEntry).key)
	}
	return e
}

// invalidate forgets k's session (the server called its token expired).
func (c *expressCache) invalidate(k expressKey) {
	e := c.entry(k)
	e.mu.Lock()
	e.have = false
	e.mu.Unlock()
}

// len returns the number of cached sessions.
func (c *expressCache) len() int {
	c.mu.Lock()
	defer c.mu.Unlock()
	return len(c.m)
}

type fetchFunc func(ctx context.Context) (sigv4.Credentials, time.Time, error)

// get returns k's session credentials, calling fetch when there are none or
// they are within expressAdvisoryRefresh of expiring. Only one fetch per
// key runs at a time; the others wait for it (or, while the old session is
// still good beyond the mandatory margin, use that).
func (c *expressCache) get(ctx context.Context, k expressKey, now func() time.Time, fetch fetchFunc) (sigv4.Credentials, error) {
	for {
		e := c.entry(k)
		e.mu.Lock()
		t := now()
		usable := e.have && t.Before(e.expires.Add(-expressMandatoryRefresh))
		if e.have && t.Before(e.expires.Add(-expressAdvisoryRefresh)) {
			cr := e.creds
			e.mu.Unlock()
			return cr, nil
		}
		if ch := e.inflight; ch != nil {
			if usable {
				// Someone is refreshing; the old session still serves.
				cr := e.creds
				e.mu.Unlock()
				return cr, nil
			}
			e.mu.Unlock()
			select {
			case <-ch:
			case <-ctx.Done():
				return sigv4.Credentials{}, ctx.Err()
			}
			e.mu.Lock()
			if e.have && now().Before(e.expires.Add(-expressMandatoryRefresh)) {
				cr := e.creds
				e.mu.Unlock()
				return cr, nil
			}
			err := e.err
			e.mu.Unlock()
			if err != nil && !isContextErr(err) {
				return sigv4.Credentials{}, err
			}
			// The leader gave up (its context ended) or the session was
			// evicted: try again, perhaps as the leader.
			if err := ctx.Err(); err != nil {
				return sigv4.Credentials{}, err
			}
			continue
		}
		ch := make(chan struct{})
		e.inflight = ch
		e.mu.Unlock()

		cr, exp, err := fetch(ctx)

		e.mu.Lock()
		if err == nil {
			e.creds, e.expires, e.have, e.err = cr, exp, true, nil
		} else {
			e.err = err
		}
		e.inflight = nil
		close(ch)
		usable = e.have && now().Before(e.expires.Add(-expressMandatoryRefresh))
		old := e.creds
		e.mu.Unlock()
		if err != nil {
			if usable {
				// An advisory refresh that failed: the session is still
				// good for a while (botocore logs and carries on).
				return old, nil
			}
			return sigv4.Credentials{}, err
		}
		return cr, nil
	}
}

func isContextErr(err error) bool {
	return errors.Is(err, context.Canceled) || errors.Is(err, context.DeadlineExceeded)
}

// expressAuth is the auth func of sigv4-s3express: the request is signed
// with the session credentials of the call's bucket, created with the
// client's credentials by CreateSession and cached (shared with per-call
// clients), the token in x-amz-s3session-token (X-Amz-S3session-Token in a
// presigned URL), never X-Amz-Security-Token (botocore's S3ExpressAuth,
// S3ExpressQueryAuth).
func (c *Client) expressAuth(cache *expressCache, o *Options) pipeline.AuthFunc {
	return func(ctx context.Context, call *pipeline.Call, base sigv4.Credentials, expired bool) (pipeline.Identity, error) {
		bucket, _ := call.EndpointParams[endpointParamBucket].Str()
		if bucket == "" {
			return pipeline.Identity{}, errors.New("s3: the endpoint requires the auth scheme sigv4-s3express, which needs a bucket")
		}
		k := expressKey{bucket: bucket, accessKeyID: base.AccessKeyID}
		if expired {
			cache.invalidate(k)
		}
		cr, err := cache.get(ctx, k, call.Client.Now, func(ctx context.Context) (sigv4.Credentials, time.Time, error) {
			return c.createSession(ctx, bucket, base, o)
		})
		if err != nil {
			var se *ExpressSessionError
			if !errors.As(err, &se) {
				err = &ExpressSessionError{Bucket: bucket, Err: err}
			}
			return pipeline.Identity{}, err
		}
		return pipeline.Identity{Credentials: cr, TokenHeader: HeaderS3SessionToken, TokenQuery: QueryS3SessionToken}, nil
	}
}

// createSession calls CreateSession for bucket with the credentials base
// (its rules give plain sigv4 with signing name s3express) and the options
// of the call that needs the session.
func (c *Client) createSession(ctx context.Context, bucket string, base sigv4.Credentials, o *Options) (sigv4.Credentials, time.Time, error) {
	out, err := c.CreateSession(ctx, &CreateSessionInput{Bucket: bucket}, func(co *Options) {
		*co = *o
		co.Credentials = credentials.Static{Value: credentials.Credentials{AccessKeyID: base.AccessKeyID, SecretAccessKey: base.SecretAccessKey, SessionToken: base.SessionToken}}
	})
	if err != nil {
		return sigv4.Credentials{}, time.Time{}, &ExpressSessionError{Bucket: bucket, Err: err}
	}
	sc := out.Credentials
	if sc == nil {
		return sigv4.Credentials{}, time.Time{}, &ExpressSessionError{Bucket: bucket, Err: errors.New("CreateSession returned no credentials")}
	}
	cr := sigv4.Credentials{AccessKeyID: sc.AccessKeyId, SecretAccessKey: sc.SecretAccessKey, SessionToken: sc.SessionToken}
	if !cr.HasKeys() || cr.SessionToken == "" || sc.Expiration.IsZero() {
		return sigv4.Credentials{}, time.Time{}, &ExpressSessionError{Bucket: bucket, Err: errors.New("CreateSession returned incomplete credentials (want AccessKeyId, SecretAccessKey, SessionToken and Expiration)")}
	}
	return cr, sc.Expiration, nil
}
