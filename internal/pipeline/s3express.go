package pipeline

import (
	"container/list"
	"context"
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"reflect"
	"sync"
	"time"

	"github.com/goto3/goto3/protocol"
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

// createSessionOps maps a service schema to its CreateSession operation.
// It is written only by RegisterCreateSession from package initialization
// (services/s3) and read-only afterwards.
var createSessionOps sync.Map // *protocol.Service -> *protocol.Operation

// RegisterCreateSession tells the pipeline which operation of op.Service
// creates S3 Express sessions (S3's CreateSession). It is meant to be
// called from the service package's init; clients of that service then
// sign requests whose auth scheme is sigv4-s3express with session
// credentials from op. Its input must have a string member Bucket and its
// output a member Credentials with AccessKeyId, SecretAccessKey,
// SessionToken and Expiration.
func RegisterCreateSession(op *protocol.Operation) {
	if op != nil && op.Service != nil {
		createSessionOps.Store(op.Service, op)
	}
}

func createSessionOp(svc *protocol.Service) *protocol.Operation {
	if v, ok := createSessionOps.Load(svc); ok {
		return v.(*protocol.Operation)
	}
	return nil
}

// SessionError is a failure to obtain S3 Express session credentials for
// a directory bucket: Err is the CreateSession call's error (an
// *goto3.OperationError naming S3 CreateSession).
type SessionError struct {
	Bucket string
	Err    error
}

func (e *SessionError) Error() string {
	return fmt.Sprintf("goto3: S3 Express session credentials for bucket %q: %v", e.Bucket, e.Err)
}
func (e *SessionError) Unwrap() error { return e.Err }

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

// expressCredentials returns the session credentials (with the session
// token) for the directory bucket of ep, created with the base
// credentials base.
func (c *Client) expressCredentials(ctx context.Context, ep *resolved, base sigv4.Credentials) (sigv4.Credentials, error) {
	if c.createSession == nil {
		return sigv4.Credentials{}, fmt.Errorf("goto3: the endpoint requires the auth scheme sigv4-s3express, but service %s registered no CreateSession operation", c.svc.ID)
	}
	if ep.expressBucket == "" {
		return sigv4.Credentials{}, errors.New("goto3: the endpoint requires the auth scheme sigv4-s3express, which needs a bucket")
	}
	k := expressKey{bucket: ep.expressBucket, accessKeyID: base.AccessKeyID}
	cr, err := c.express.get(ctx, k, c.now, func(ctx context.Context) (sigv4.Credentials, time.Time, error) {
		return c.fetchSession(ctx, ep.expressBucket)
	})
	if err != nil {
		var se *SessionError
		if !errors.As(err, &se) {
			err = &SessionError{Bucket: ep.expressBucket, Err: err}
		}
		return sigv4.Credentials{}, err
	}
	return cr, nil
}

// now is the signing clock without the retryer's clock offset.
func (c *Client) now() time.Time { return c.retryer.Now().Add(c.retryer.ClockOffset()) }

// fetchSession calls CreateSession for bucket with the client's own
// credentials (its rules give plain sigv4, signing name s3express).
func (c *Client) fetchSession(ctx context.Context, bucket string) (sigv4.Credentials, time.Time, error) {
	op := c.createSession
	in := reflect.New(op.Input.ReflectType())
	f := in.Elem().FieldByName("Bucket")
	switch {
	case f.Kind() == reflect.String:
		f.SetString(bucket)
	case f.Kind() == reflect.Pointer && f.Type().Elem().Kind() == reflect.String:
		p := reflect.New(f.Type().Elem())
		p.Elem().SetString(bucket)
		f.Set(p)
	default:
		return sigv4.Credentials{}, time.Time{}, errors.New("goto3: CreateSession input has no Bucket member")
	}
	out := reflect.New(op.Output.ReflectType())
	var md *protocol.ResponseMetadata
	if m := out.Elem().FieldByName("ResultMetadata"); m.IsValid() && m.Type() == reflect.TypeFor[protocol.ResponseMetadata]() {
		md = m.Addr().Interface().(*protocol.ResponseMetadata)
	}
	if err := c.Invoke(ctx, op, in.Interface(), out.Interface(), md); err != nil {
		return sigv4.Credentials{}, time.Time{}, &SessionError{Bucket: bucket, Err: err}
	}
	cv := out.Elem().FieldByName("Credentials")
	if cv.Kind() == reflect.Pointer {
		if cv.IsNil() {
			return sigv4.Credentials{}, time.Time{}, &SessionError{Bucket: bucket, Err: errors.New("CreateSession returned no credentials")}
		}
		cv = cv.Elem()
	}
	if cv.Kind() != reflect.Struct {
		return sigv4.Credentials{}, time.Time{}, &SessionError{Bucket: bucket, Err: errors.New("CreateSession output has no Credentials member")}
	}
	str := func(name string) string {
		v := cv.FieldByName(name)
		if v.Kind() == reflect.Pointer && !v.IsNil() {
			v = v.Elem()
		}
		if v.Kind() == reflect.String {
			return v.String()
		}
		return ""
	}
	cr := sigv4.Credentials{AccessKeyID: str("AccessKeyId"), SecretAccessKey: str("SecretAccessKey"), SessionToken: str("SessionToken")}
	var exp time.Time
	if v := cv.FieldByName("Expiration"); v.IsValid() {
		if v.Kind() == reflect.Pointer && !v.IsNil() {
			v = v.Elem()
		}
		if t, ok := v.Interface().(time.Time); ok {
			exp = t
		}
	}
	if !cr.HasKeys() || cr.SessionToken == "" || exp.IsZero() {
		return sigv4.Credentials{}, time.Time{}, &SessionError{Bucket: bucket, Err: errors.New("CreateSession returned incomplete credentials (want AccessKeyId, SecretAccessKey, SessionToken and Expiration)")}
	}
	return cr, exp, nil
}

// setExpressToken moves the session token of cr out of the credentials
// into the x-amz-s3session-token header (signed) and drops any
// X-Amz-Security-Token, as botocore's S3ExpressAuth: the signer then sees
// credentials without a token.
func setExpressToken(req *http.Request, cr sigv4.Credentials) sigv4.Credentials {
	delete(req.Header, sigv4.HeaderSecurityToken)
	req.Header[HeaderS3SessionToken] = []string{cr.SessionToken}
	cr.SessionToken = ""
	return cr
}

// setExpressQueryToken is setExpressToken for a presigned URL: the token
// goes into the query as X-Amz-S3session-Token (botocore's
// S3ExpressQueryAuth), signed with the other query parameters.
func setExpressQueryToken(req *http.Request, cr sigv4.Credentials) sigv4.Credentials {
	tok := QueryS3SessionToken + "=" + url.QueryEscape(cr.SessionToken)
	if req.URL.RawQuery == "" {
		req.URL.RawQuery = tok
	} else {
		req.URL.RawQuery += "&" + tok
	}
	cr.SessionToken = ""
	return cr
}
