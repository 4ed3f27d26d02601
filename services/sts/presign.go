package sts

import (
	"context"
	"net/http"
	"time"

	"github.com/goto3/goto3"
	"github.com/goto3/goto3/internal/pipeline"
	"github.com/goto3/goto3/protocol"
)

// DefaultPresignExpires is how long a presigned request stays valid when
// PresignOptions.Expires does not say (botocore's generate_presigned_url
// defaults to an hour; set Expires for that).
const DefaultPresignExpires = 15 * time.Minute

// PresignOptions configure a PresignClient and, through per-call option
// functions applied to a copy, one presigned request.
type PresignOptions struct {
	// Expires is how long a presigned request stays valid (boto3's
	// ExpiresIn); 0 means DefaultPresignExpires. The signer accepts 1
	// second to 7 days.
	Expires time.Duration

	// Header holds headers added to the request before it is signed: they
	// are signed, and whoever sends the URL must send them with these
	// values (the EKS token's x-k8s-aws-id names the cluster so; botocore
	// users add it in a before-sign handler).
	Header http.Header

	// ClientOptions change the client's options (region, endpoint URL,
	// credentials, clock, ...) for the presigned requests.
	ClientOptions []func(*Options)
}

// PresignedRequest is a request signed by its query string: anyone holding
// it can send it, with any HTTP client and without credentials, until it
// expires.
type PresignedRequest struct {
	// URL is the request URL: the operation's parameters (Action, Version,
	// the input's members) and then the signature's in its query string.
	URL string
	// Method is the HTTP method to send: GET.
	Method string
	// SignedHeader holds the headers that were signed, which the request
	// must carry with exactly these values: Host (which an HTTP client such
	// as net/http sets from the URL by itself) and PresignOptions.Header.
	SignedHeader http.Header
	// Expires is when the signature stops being accepted.
	Expires time.Time
}

// PresignClient presigns STS requests as botocore's generate_presigned_url
// does for a Query service: the input is validated, the endpoint resolved
// and the request serialized exactly as the Client does for a call, then
// the form body moves into the query string of a GET, which is signed by
// its query string instead of sent. It never sends the request (the
// credentials are retrieved, which may call a credential provider). A
// PresignClient is safe for concurrent use.
type PresignClient struct {
	client  *Client
	options PresignOptions
}

// NewPresignClient returns a presign client over c with optFns applied to
// its PresignOptions.
func NewPresignClient(c *Client, optFns ...func(*PresignOptions)) *PresignClient {
	p := &PresignClient{client: c}
	for _, f := range optFns {
		f(&p.options)
	}
	return p
}

// PresignGetCallerIdentity presigns a GetCallerIdentity request: whoever
// sends it learns the signer's identity from STS (the EKS authentication
// token is such a URL, see eks.TokenGenerator).
func (p *PresignClient) PresignGetCallerIdentity(ctx context.Context, in *GetCallerIdentityInput, optFns ...func(*PresignOptions)) (*PresignedRequest, error) {
	return p.presign(ctx, &opGetCallerIdentity, in, optFns)
}

// presign presigns op with input in, with the client's PresignOptions and
// then optFns.
func (p *PresignClient) presign(ctx context.Context, op *protocol.Operation, in any, optFns []func(*PresignOptions)) (*PresignedRequest, error) {
	o := p.options
	if len(optFns) > 0 {
		o.ClientOptions = append([]func(*Options){}, o.ClientOptions...)
		o.Header = o.Header.Clone()
		for _, f := range optFns {
			f(&o)
		}
	}
	expires := o.Expires
	if expires == 0 {
		expires = DefaultPresignExpires
	}
	c := p.client
	core := c.core
	if len(o.ClientOptions) > 0 {
		co := c.options
		for _, f := range o.ClientOptions {
			f(&co)
		}
		var err error
		if core, err = c.newCore(&co, core); err != nil {
			return nil, &goto3.OperationError{Service: ServiceID, Operation: op.Name, Err: err}
		}
	}
	if len(o.Header) > 0 {
		po := core.Options()
		prepare := po.Custom.PrepareRequest
		extra := o.Header.Clone()
		po.Custom.PrepareRequest = func(ctx context.Context, call *pipeline.Call, req *http.Request) error {
			if prepare != nil {
				if err := prepare(ctx, call, req); err != nil {
					return err
				}
			}
			for k, vs := range extra {
				req.Header[http.CanonicalHeaderKey(k)] = append([]string(nil), vs...)
			}
			return nil
		}
		var err error
		if core, err = core.With(po); err != nil {
			return nil, &goto3.OperationError{Service: ServiceID, Operation: op.Name, Err: err}
		}
	}
	pr, err := core.Presign(ctx, op, in, expires)
	if err != nil {
		return nil, err
	}
	return &PresignedRequest{URL: pr.URL, Method: pr.Method, SignedHeader: pr.Header, Expires: pr.Expires}, nil
}
