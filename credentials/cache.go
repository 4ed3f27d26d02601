package credentials

import (
	"context"
	"sync"
	"time"

	"golang.org/x/sync/singleflight"
)

// Refresh windows botocore uses for RefreshableCredentials: inside the
// advisory window a refresh is attempted but a failure keeps the current
// credentials; inside the mandatory window the refresh must succeed.
const (
	DefaultAdvisoryWindow  = 15 * time.Minute
	DefaultMandatoryWindow = 10 * time.Minute
)

// CacheOptions configure a Cache.
type CacheOptions struct {
	// Now is the clock; nil means time.Now.
	Now func() time.Time
	// AdvisoryWindow and MandatoryWindow default to the botocore values.
	AdvisoryWindow  time.Duration
	MandatoryWindow time.Duration
	// RefreshTimeout bounds one refresh, so that a hung provider cannot
	// block every later caller; it defaults to 5 minutes (long enough for
	// a credential_process that waits for a person).
	RefreshTimeout time.Duration
}

// Cache is a Provider that keeps the credentials of another provider and
// refreshes them ahead of expiry. However many goroutines ask at once, at
// most one call to the wrapped provider is in flight. Credentials without
// an expiry are fetched once and kept.
//
// A Cache is safe for concurrent use; make one with NewCache.
type Cache struct {
	p    Provider
	opts CacheOptions
	sf   singleflight.Group

	mu    sync.Mutex
	creds Credentials
	have  bool
}

// NewCache wraps p in a Cache.
func NewCache(p Provider, opts ...func(*CacheOptions)) *Cache {
	c := &Cache{p: p, opts: CacheOptions{
		AdvisoryWindow:  DefaultAdvisoryWindow,
		MandatoryWindow: DefaultMandatoryWindow,
		RefreshTimeout:  5 * time.Minute,
	}}
	for _, o := range opts {
		o(&c.opts)
	}
	if c.opts.Now == nil {
		c.opts.Now = time.Now
	}
	return c
}

// Provider returns the wrapped provider.
func (c *Cache) Provider() Provider { return c.p }

type refreshNeed int

const (
	fresh refreshNeed = iota
	advisory
	mandatory
)

func (c *Cache) need(now time.Time) (Credentials, refreshNeed) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if !c.have {
		return Credentials{}, mandatory
	}
	if !c.creds.CanExpire() {
		return c.creds, fresh
	}
	left := c.creds.Expires.Sub(now)
	switch {
	case left <= c.opts.MandatoryWindow:
		return c.creds, mandatory
	case left <= c.opts.AdvisoryWindow:
		return c.creds, advisory
	}
	return c.creds, fresh
}

// Retrieve returns the cached credentials, refreshing them first when they
// are inside the refresh windows.
func (c *Cache) Retrieve(ctx context.Context) (Credentials, error) {
	cur, n := c.need(c.opts.Now())
	if n == fresh {
		return cur, nil
	}
	ch := c.sf.DoChan("refresh", func() (any, error) {
		// Another caller may have refreshed between our check and now.
		if cur, n := c.need(c.opts.Now()); n == fresh {
			return cur, nil
		}
		// The refresh serves every waiting caller, so it does not stop
		// when the first caller's context is cancelled.
		rctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), c.opts.RefreshTimeout)
		defer cancel()
		creds, err := c.p.Retrieve(rctx)
		if err != nil {
			return Credentials{}, err
		}
		c.mu.Lock()
		c.creds, c.have = creds, true
		c.mu.Unlock()
		return creds, nil
	})
	select {
	case <-ctx.Done():
		if n == advisory {
			return cur, nil
		}
		return Credentials{}, ctx.Err()
	case r := <-ch:
		if r.Err != nil {
			if n == advisory {
				// botocore keeps using credentials that are still valid
				// for longer than the mandatory window.
				return cur, nil
			}
			return Credentials{}, r.Err
		}
		return r.Val.(Credentials), nil
	}
}

// Invalidate drops the cached credentials; the next Retrieve fetches anew
// (for example after a request failed with ExpiredToken).
func (c *Cache) Invalidate() {
	c.mu.Lock()
	c.creds, c.have = Credentials{}, false
	c.mu.Unlock()
}
