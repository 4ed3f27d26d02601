package pipeline

import (
	"fmt"
	"maps"
	"net/url"
	"reflect"
	"strings"
	"sync"
	"sync/atomic"

	"github.com/goto3/goto3/endpoints"
	"github.com/goto3/goto3/protocol"
)

// resolved is the outcome of endpoint resolution for one call.
type resolved struct {
	url           *url.URL // a private copy (urlStore): the codec changes it
	urlStore      url.URL
	headers       map[string][]string
	signingName   string
	signingRegion string
	// disableDoubleEncoding comes from the auth scheme (S3 sets it).
	disableDoubleEncoding bool
	https                 bool
	// express is set when the auth scheme is sigv4-s3express: the request
	// is signed with the S3 Express session credentials of expressBucket
	// (s3express.go).
	express       bool
	expressBucket string
}

// EndpointError is an endpoint that could not be resolved: an error rule
// of the service's rule set (its message verbatim, such as "Invalid region:
// region was not a valid DNS name."), a malformed endpoint URL, or an auth
// scheme goto3 does not implement.
type EndpointError struct{ Err error }

func (e *EndpointError) Error() string { return "goto3: resolving the endpoint: " + e.Err.Error() }
func (e *EndpointError) Unwrap() error { return e.Err }

var (
	boolTrue  = true
	boolFalse = false
)

func boolPtr(b bool) *bool {
	if b {
		return &boolTrue
	}
	return &boolFalse
}

// setParam sets the rule-set parameter name to v (string or bool) in p.
// The common parameters are set without going through Params.Set; others
// go into a copy of p.Other (p is a copy of the client's shared built-ins).
func setParam(p *endpoints.Params, name string, v any) error {
	switch x := v.(type) {
	case bool:
		switch name {
		case "UseS3ExpressControlEndpoint":
			p.UseS3ExpressControlEndpoint = boolPtr(x)
			return nil
		case "DisableS3ExpressSessionAuth":
			p.DisableS3ExpressSessionAuth = boolPtr(x)
			return nil
		case "DisableAccessPoints":
			p.DisableAccessPoints = boolPtr(x)
			return nil
		case "UseObjectLambdaEndpoint":
			p.UseObjectLambdaEndpoint = boolPtr(x)
			return nil
		}
	case string:
		switch name {
		case "Bucket":
			p.Bucket = &x
			return nil
		case "Key":
			p.Key = &x
			return nil
		case "Prefix":
			p.Prefix = &x
			return nil
		case "CopySource":
			p.CopySource = &x
			return nil
		}
	}
	switch name {
	case "Region", "UseFIPS", "UseDualStack", "Endpoint", "ForcePathStyle", "Accelerate",
		"UseGlobalEndpoint", "DisableMultiRegionAccessPoints", "UseArnRegion":
		return p.Set(name, v)
	}
	if _, known := knownField[name]; known {
		return p.Set(name, v)
	}
	other := make(map[string]any, len(p.Other)+1)
	maps.Copy(other, p.Other)
	p.Other = other
	return p.Set(name, v)
}

var knownField = map[string]struct{}{
	"Bucket": {}, "Key": {}, "Prefix": {}, "CopySource": {},
	"UseS3ExpressControlEndpoint": {}, "DisableS3ExpressSessionAuth": {},
	"DisableAccessPoints": {}, "UseObjectLambdaEndpoint": {},
}

// resolveEndpoint evaluates the service's rule set with the client's
// built-ins, op's static context parameters and the input members bound to
// context parameters, then picks the auth scheme.
// paramStore holds the string values of context parameters of one call,
// so that pointing Params at them allocates nothing more.
type paramStore struct {
	p    endpoints.Params
	strs [4]string
	n    int
}

func (ps *paramStore) ptr(s string) *string {
	if ps.n < len(ps.strs) {
		ps.strs[ps.n] = s
		ps.n++
		return &ps.strs[ps.n-1]
	}
	p := new(string)
	*p = s
	return p
}

func (c *Client) resolveEndpoint(op *protocol.Operation, inV reflect.Value, r *resolved, ps *paramStore) error {
	ps.p = c.params
	p := &ps.p
	for _, sp := range op.StaticContextParams {
		if err := setParam(p, sp.Name, sp.Value); err != nil {
			return &EndpointError{err}
		}
	}
	if inV.IsValid() && op.Input != nil {
		for i := range op.Input.Members {
			m := &op.Input.Members[i]
			if m.ContextParam == "" {
				continue
			}
			f := inV.Field(m.Field)
			if f.Kind() == reflect.Pointer {
				if f.IsNil() {
					continue
				}
				f = f.Elem()
			}
			var v any
			switch f.Kind() {
			case reflect.String:
				s := f.String()
				switch m.ContextParam {
				case "Bucket":
					p.Bucket = ps.ptr(s)
					continue
				case "Key":
					p.Key = ps.ptr(s)
					continue
				case "Prefix":
					p.Prefix = ps.ptr(s)
					continue
				case "CopySource":
					p.CopySource = ps.ptr(s)
					continue
				}
				v = s
			case reflect.Bool:
				v = f.Bool()
			default:
				continue
			}
			if err := setParam(p, m.ContextParam, v); err != nil {
				return &EndpointError{err}
			}
		}
	}
	ep, err := c.rules.Resolve(p)
	if err != nil {
		return &EndpointError{err}
	}
	u, err := parseEndpoint(ep.URL, &r.urlStore)
	if err != nil {
		return &EndpointError{err}
	}
	r.url = u
	r.https = u.Scheme == "https"
	r.headers = ep.Headers
	r.signingName = c.svc.SigningName
	if r.signingName == "" {
		r.signingName = c.svc.EndpointPrefix
	}
	r.signingRegion = c.opts.Region
	r.disableDoubleEncoding = c.s3
	if len(ep.AuthSchemes) == 0 {
		return nil
	}
	for _, a := range ep.AuthSchemes {
		switch a.Name {
		case "sigv4":
		case "sigv4-s3express":
			if c.createSession == nil {
				continue
			}
			r.express = true
			if p.Bucket != nil {
				r.expressBucket = *p.Bucket
			}
		default:
			continue
		}
		if a.SigningName != "" {
			r.signingName = a.SigningName
		}
		if a.SigningRegion != "" {
			r.signingRegion = a.SigningRegion
		}
		r.disableDoubleEncoding = a.DisableDoubleEncoding || c.s3
		return nil
	}
	names := make([]string, len(ep.AuthSchemes))
	for i, a := range ep.AuthSchemes {
		names[i] = a.Name
	}
	return &EndpointError{fmt.Errorf("the endpoint requires the auth scheme %s, which goto3 does not support yet (only sigv4 and, for S3, sigv4-s3express)", strings.Join(names, " or "))}
}

// URL cache: endpoint URLs repeat (one per bucket and region), and parsing
// is a visible part of a call's cost. Bounded; past the bound URLs are
// parsed every time.
var (
	urlCache     sync.Map // string -> *url.URL (never modified)
	urlCacheSize atomic.Int32
)

const urlCacheMax = 512

// parseEndpoint parses s into dst (a cached parse is copied there).
func parseEndpoint(s string, dst *url.URL) (*url.URL, error) {
	if v, ok := urlCache.Load(s); ok {
		*dst = *v.(*url.URL)
		return dst, nil
	}
	u, err := url.Parse(s)
	if err != nil {
		return nil, fmt.Errorf("invalid endpoint URL: %w", err)
	}
	if u.Scheme != "http" && u.Scheme != "https" || u.Host == "" {
		return nil, fmt.Errorf("invalid endpoint URL %q: want http(s)://host", s)
	}
	if urlCacheSize.Load() < urlCacheMax {
		if _, loaded := urlCache.LoadOrStore(s, u); !loaded {
			urlCacheSize.Add(1)
		}
	}
	*dst = *u
	return dst, nil
}
