package pipeline

import (
	"context"
	"errors"
	"fmt"
	"net/url"
	"reflect"
	"strings"
	"sync"
	"sync/atomic"

	"github.com/goto3/goto3"
	"github.com/goto3/goto3/endpoints"
	"github.com/goto3/goto3/internal/jmespath"
	"github.com/goto3/goto3/protocol"
)

// resolved is the outcome of endpoint resolution for one call.
type resolved struct {
	url      *url.URL // a private copy (urlStore): the codec changes it
	urlStore url.URL
	headers  map[string][]string
	scheme   endpoints.AuthScheme // the auth scheme signed with
	// disableDoubleEncoding comes from the auth scheme.
	disableDoubleEncoding bool
	https                 bool
	// auth resolves the identity of a scheme the service customizes
	// (nil: the client's credentials).
	auth AuthFunc
}

// maxInlineParams is how many endpoint parameter values a call keeps
// without allocating (the largest rule sets have about 20).
const maxInlineParams = 32

// paramStore holds a call's copy of the endpoint parameter values.
type paramStore struct {
	inline [maxInlineParams]endpoints.Value
}

func (ps *paramStore) values(n int) []endpoints.Value {
	if n <= len(ps.inline) {
		return ps.inline[:n]
	}
	return make([]endpoints.Value, n)
}

// paramPool keeps paramStores between calls: a call's copy of the values
// is used only until Invoke returns (Call.EndpointParams is documented so),
// and a kilobyte of pointers per call is otherwise work for the garbage
// collector.
var paramPool = sync.Pool{New: func() any { return new(paramStore) }}

// release clears the values a call used (they hold strings) and returns
// the store to the pool.
func (ps *paramStore) release(call *Call) {
	clear(ps.inline[:])
	call.EndpointParams = nil
	paramPool.Put(ps)
}

// resolveEndpoint evaluates the service's rule set with the client's
// values, the operation's static and context parameters and the service's
// own (Customizations.EndpointParams), then picks the auth scheme.
func (c *Client) resolveEndpoint(ctx context.Context, call *Call, inV reflect.Value, r *resolved, ps *paramStore) error {
	op := call.Operation
	vals := ps.values(c.rules.NumParameters())
	copy(vals, c.opts.EndpointParams)
	for _, sp := range op.StaticContextParams {
		if sp.Param >= 0 && sp.Param < len(vals) {
			v, err := paramValue(sp.Value)
			if err != nil {
				return &goto3.EndpointError{Err: fmt.Errorf("static context parameter %s: %w", sp.Name, err)}
			}
			vals[sp.Param] = v
		}
	}
	if inV.IsValid() && op.Input != nil {
		for _, cp := range op.ContextParams {
			if cp.Param < 0 || cp.Param >= len(vals) || cp.Member < 0 || cp.Member >= len(op.Input.Members) {
				continue
			}
			f := inV.Field(op.Input.Members[cp.Member].Field)
			if f.Kind() == reflect.Pointer {
				if f.IsNil() {
					continue
				}
				f = f.Elem()
			}
			switch f.Kind() {
			case reflect.String:
				vals[cp.Param] = endpoints.String(f.String())
			case reflect.Bool:
				vals[cp.Param] = endpoints.Bool(f.Bool())
			case reflect.Slice:
				if f.Type().Elem().Kind() == reflect.String {
					vals[cp.Param] = endpoints.Strings(stringSlice(f))
				}
			}
		}
		for i := range op.OperationContextParams {
			ocp := &op.OperationContextParams[i]
			if ocp.Param < 0 || ocp.Param >= len(vals) {
				continue
			}
			v, err := operationContextParam(ocp, call.Input)
			if err != nil {
				return &goto3.EndpointError{Err: err}
			}
			if v.IsSet() {
				vals[ocp.Param] = v
			}
		}
	}
	if f := c.opts.Custom.EndpointParams; f != nil {
		if err := f(ctx, call, vals); err != nil {
			return err
		}
	}
	call.EndpointParams = vals
	ep, err := c.rules.Resolve(vals)
	if err != nil {
		return &goto3.EndpointError{Err: err}
	}
	u, err := parseEndpoint(ep.URL, &r.urlStore)
	if err != nil {
		return &goto3.EndpointError{Err: err}
	}
	r.url = u
	r.https = u.Scheme == "https"
	r.headers = ep.Headers
	r.scheme = endpoints.AuthScheme{Name: "sigv4", SigningName: c.svc.SigningName, SigningRegion: c.opts.Region}
	if r.scheme.SigningName == "" {
		r.scheme.SigningName = c.svc.EndpointPrefix
	}
	if len(ep.AuthSchemes) == 0 {
		call.AuthScheme = r.scheme
		return nil
	}
	for _, a := range ep.AuthSchemes {
		var auth AuthFunc
		switch a.Name {
		case "sigv4", "sigv4a":
			// Built in: SigV4, and SigV4a (multi-region endpoints) with the
			// scheme's region set.
		default:
			auth = c.opts.Custom.Auth[a.Name]
			if auth == nil {
				continue
			}
		}
		r.auth = auth
		if a.SigningName != "" {
			r.scheme.SigningName = a.SigningName
		}
		if a.SigningRegion != "" {
			r.scheme.SigningRegion = a.SigningRegion
		}
		r.scheme.Name = a.Name
		r.scheme.SigningRegionSet = a.SigningRegionSet
		r.scheme.DisableDoubleEncoding = a.DisableDoubleEncoding
		r.disableDoubleEncoding = a.DisableDoubleEncoding
		call.AuthScheme = r.scheme
		return nil
	}
	names := make([]string, len(ep.AuthSchemes))
	for i, a := range ep.AuthSchemes {
		names[i] = a.Name
	}
	return &goto3.EndpointError{Err: fmt.Errorf("the endpoint requires the auth scheme %s, which goto3 does not support for this service yet", strings.Join(names, " or "))}
}

// paramValue converts a static context parameter's value.
func paramValue(x any) (endpoints.Value, error) {
	switch v := x.(type) {
	case bool:
		return endpoints.Bool(v), nil
	case string:
		return endpoints.String(v), nil
	case []string:
		return endpoints.Strings(v), nil
	case nil:
		return endpoints.Value{}, nil
	}
	return endpoints.Value{}, fmt.Errorf("unsupported value type %T", x)
}

func stringSlice(f reflect.Value) []string {
	out := make([]string, f.Len())
	for i := range out {
		out[i] = f.Index(i).String()
	}
	return out
}

// compiled JMESPath expressions of operation context parameters, by path.
var contextPaths sync.Map // string -> *jmespath.Expr

// operationContextParam evaluates an operation context parameter over the
// input: a string, a boolean or a list of strings; anything else (null
// included) leaves the parameter unset.
func operationContextParam(p *protocol.OperationContextParam, in any) (endpoints.Value, error) {
	var e *jmespath.Expr
	if x, ok := contextPaths.Load(p.Path); ok {
		e = x.(*jmespath.Expr)
	} else {
		c, err := jmespath.Compile(p.Path)
		if err != nil {
			return endpoints.Value{}, fmt.Errorf("operation context parameter %s: %w", p.Name, err)
		}
		x, _ := contextPaths.LoadOrStore(p.Path, c)
		e = x.(*jmespath.Expr)
	}
	v, err := e.Search(in)
	if err != nil {
		return endpoints.Value{}, fmt.Errorf("operation context parameter %s: %w", p.Name, err)
	}
	switch x := jmespath.Plain(v).(type) {
	case string:
		return endpoints.String(x), nil
	case bool:
		return endpoints.Bool(x), nil
	case []any:
		ss := make([]string, 0, len(x))
		for _, el := range x {
			if s, ok := el.(string); ok {
				ss = append(ss, s)
			}
		}
		return endpoints.Strings(ss), nil
	}
	return endpoints.Value{}, nil
}

// URL cache: endpoint URLs repeat (one per resource and region), and parsing
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

var errNoCredentials = errors.New("goto3: no credentials: set Credentials in the Config or the client's Options (credentials.Anonymous for unsigned requests)")
