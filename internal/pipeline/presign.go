package pipeline

import (
	"context"
	"errors"
	"io"
	"net/http"
	"net/url"
	"reflect"
	"strings"
	"time"

	"github.com/goto3/goto3"
	"github.com/goto3/goto3/protocol"
	"github.com/goto3/goto3/sigv4"
)

// PresignedRequest is a request signed by its query string: anyone holding
// it can send it until it expires, without credentials.
type PresignedRequest struct {
	// Method and URL of the request.
	Method string
	URL    string
	// Header holds the headers that were signed (Host among them, which an
	// HTTP client sets from the URL); they must be sent with exactly these
	// values.
	Header http.Header
	// Expires is when the signature stops being accepted.
	Expires time.Time
}

// Presign runs stages 1 to 3 of Invoke (validate, resolve the endpoint,
// serialize) for op with input in and signs the result by its query string
// for expires (1 second to 7 days), as botocore's generate_presigned_url:
// no checksum, user agent or invocation headers are added, and the payload
// hash is the one the service's signer uses for query signing. Nothing is
// sent. Errors are
// *goto3.OperationError.
func (c *Client) Presign(ctx context.Context, op *protocol.Operation, in any, expires time.Duration) (*PresignedRequest, error) {
	pr, err := c.presign(ctx, op, in, expires)
	if err != nil {
		return nil, &goto3.OperationError{Service: c.svc.ID, Operation: op.Name, Err: err}
	}
	return pr, nil
}

func (c *Client) presign(ctx context.Context, op *protocol.Operation, in any, expires time.Duration) (*PresignedRequest, error) {
	if ctx == nil {
		ctx = context.Background()
	}
	inV := structValue(in)
	if !inV.IsValid() && op.Input != nil && op.Input.ReflectType() != nil {
		if in != nil && reflect.ValueOf(in).Kind() == reflect.Pointer && reflect.ValueOf(in).IsNil() {
			return nil, errNilInput
		}
		p := reflect.New(op.Input.ReflectType())
		in, inV = p.Interface(), p.Elem()
	}
	call := &Call{Client: c, Operation: op, Input: in, Presign: true}
	if op.Input != nil && inV.IsValid() {
		if err := validateStruct(op.Input, inV, 0); err != nil {
			return nil, err
		}
	}
	if f := c.opts.Custom.Validate; f != nil {
		if err := f(call); err != nil {
			return nil, err
		}
	}
	if f := c.opts.Custom.PrepareInput; f != nil {
		if err := f(ctx, call); err != nil {
			return nil, err
		}
		if in = call.Input; in != nil {
			inV = structValue(in)
		}
	}
	if c.creds == nil {
		return nil, errNoCredentials
	}
	if c.anonymous || op.AuthType == "none" {
		return nil, errors.New("goto3: cannot presign an unsigned request (anonymous credentials, or an operation that takes no signature): its URL needs no signature")
	}
	var ep resolved
	var ps paramStore
	if err := c.resolveEndpoint(ctx, call, inV, &ep, &ps); err != nil {
		return nil, err
	}
	req := &http.Request{Method: http.MethodGet, URL: ep.url, Header: make(http.Header), Host: ep.url.Host}
	for k, vs := range ep.headers {
		req.Header[http.CanonicalHeaderKey(k)] = vs
	}
	if err := c.codec.marshal(req, op, in, c.mopts); err != nil {
		return nil, err
	}
	if rb, ok := req.Body.(protocol.ReleasableBody); ok {
		defer rb.Release()
	}
	if f := c.opts.Custom.PrepareRequest; f != nil {
		if err := f(ctx, call, req); err != nil {
			return nil, err
		}
	}
	// A form body (the Query and EC2 protocols) moves into the query
	// string of a GET, as botocore's SigV4QueryAuth does; any other body is
	// not part of a presigned URL: whoever sends it sends it.
	if err := formToQuery(req); err != nil {
		return nil, err
	}
	req.Body, req.GetBody, req.ContentLength = nil, nil, 0
	cr, err := c.creds.Retrieve(ctx)
	if err != nil {
		return nil, errors.Join(errors.New("goto3: retrieving credentials"), err)
	}
	creds := sigv4.Credentials{AccessKeyID: cr.AccessKeyID, SecretAccessKey: cr.SecretAccessKey, SessionToken: cr.SessionToken}
	if ep.auth != nil {
		// A customized identity: its keys sign, and its token travels as
		// the query parameter it names, never as X-Amz-Security-Token.
		id, err := ep.auth(ctx, call, creds, false)
		if err != nil {
			return nil, err
		}
		creds = id.Credentials
		if q := id.TokenQuery; q != "" {
			if creds.SessionToken != "" {
				tok := q + "=" + url.QueryEscape(creds.SessionToken)
				if req.URL.RawQuery == "" {
					req.URL.RawQuery = tok
				} else {
					req.URL.RawQuery += "&" + tok
				}
			}
			creds.SessionToken = ""
		}
	}
	now := c.Now()
	p := sigv4.Params{Service: ep.scheme.SigningName, Region: ep.scheme.SigningRegion, RegionSet: ep.scheme.SigningRegionSet, Time: now}
	var u string
	var h http.Header
	if ep.scheme.Name == "sigv4a" {
		u, h, err = c.signerFor(&ep).PresignHTTPV4a(req, creds, p, expires)
	} else {
		u, h, err = c.signerFor(&ep).PresignHTTP(req, creds, p, expires)
	}
	if err != nil {
		return nil, err
	}
	return &PresignedRequest{Method: req.Method, URL: u, Header: h, Expires: now.Add(expires)}, nil
}

// formToQuery moves an application/x-www-form-urlencoded body into the
// request's query string, spaces written %20, and makes the request a GET.
func formToQuery(req *http.Request) error {
	if !strings.HasPrefix(req.Header.Get("Content-Type"), "application/x-www-form-urlencoded") || req.GetBody == nil {
		return nil
	}
	rc, err := req.GetBody()
	if err != nil {
		return err
	}
	defer rc.Close()
	b, err := io.ReadAll(rc)
	if err != nil {
		return err
	}
	if len(b) > 0 {
		// A space is "+" in the form and %20 in botocore's query string
		// (percent_encode_sequence); the form's own "+" is %2B.
		q := strings.ReplaceAll(string(b), "+", "%20")
		if req.URL.RawQuery == "" {
			req.URL.RawQuery = q
		} else {
			req.URL.RawQuery += "&" + q
		}
	}
	req.Method = http.MethodGet
	req.Header.Del("Content-Type")
	return nil
}
