package s3

import (
	"context"
	"net/http"
	"time"

	"github.com/goto3/goto3"
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

	// ClientOptions change the client's options (region, endpoint URL,
	// path style, credentials, clock, ...) for the presigned requests.
	ClientOptions []func(*Options)
}

// PresignedRequest is a request signed by its query string (SigV4 with
// UNSIGNED-PAYLOAD): anyone holding it can send it, with any HTTP client
// and without credentials, until it expires.
type PresignedRequest struct {
	// URL is the request URL, the signature in its query string.
	URL string
	// Method is the HTTP method to send ("GET", "PUT", "HEAD", "DELETE").
	Method string
	// SignedHeader holds the headers that were signed, which the request
	// must carry with exactly these values: Host (which an HTTP client such
	// as net/http sets from the URL by itself) and the headers the input
	// set, such as Content-Type or the x-amz-server-side-encryption
	// headers of a PutObject.
	SignedHeader http.Header
	// Expires is when the signature stops being accepted.
	Expires time.Time
}

// PresignClient presigns S3 requests: it validates the input, resolves the
// endpoint and serializes the request exactly as the Client does for a
// call, then signs it by its query string instead of sending it. It never
// sends the presigned request (the credentials are retrieved, which may
// call a credential provider). For a directory bucket (S3 Express One
// Zone) the URL is signed with the bucket's session credentials and carries
// X-Amz-S3session-Token, as botocore's S3ExpressQueryAuth; the session comes
// from the client's session cache, which calls CreateSession when it has
// none (s3express.go). A PresignClient is safe for concurrent use.
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

// presign presigns op with input in, with the client's PresignOptions and
// then optFns.
func (p *PresignClient) presign(ctx context.Context, op *protocol.Operation, in any, optFns []func(*PresignOptions)) (*PresignedRequest, error) {
	o := p.options
	if len(optFns) > 0 {
		o.ClientOptions = append([]func(*Options){}, o.ClientOptions...)
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
	pr, err := core.Presign(ctx, op, in, expires)
	if err != nil {
		return nil, err
	}
	return &PresignedRequest{URL: pr.URL, Method: pr.Method, SignedHeader: pr.Header, Expires: pr.Expires}, nil
}

// PresignGetObject presigns a GetObject request. It is valid for
// PresignOptions.Expires (default 15 minutes). Members such as Range,
// IfMatch or ResponseContentType become signed headers or query
// parameters of the request.
func (p *PresignClient) PresignGetObject(ctx context.Context, in *GetObjectInput, optFns ...func(*PresignOptions)) (*PresignedRequest, error) {
	return p.presign(ctx, &opGetObject, in, optFns)
}

// PresignPutObject presigns a PutObject request; in.Body is ignored (the
// holder of the URL sends the body, unsigned). Headers the input sets, such
// as ContentType, are in SignedHeader and must be sent.
func (p *PresignClient) PresignPutObject(ctx context.Context, in *PutObjectInput, optFns ...func(*PresignOptions)) (*PresignedRequest, error) {
	return p.presign(ctx, &opPutObject, in, optFns)
}

// PresignUploadPart presigns an UploadPart request of a multipart upload
// created with CreateMultipartUpload; in.Body is ignored.
func (p *PresignClient) PresignUploadPart(ctx context.Context, in *UploadPartInput, optFns ...func(*PresignOptions)) (*PresignedRequest, error) {
	return p.presign(ctx, &opUploadPart, in, optFns)
}

// PresignHeadObject presigns a HeadObject request.
func (p *PresignClient) PresignHeadObject(ctx context.Context, in *HeadObjectInput, optFns ...func(*PresignOptions)) (*PresignedRequest, error) {
	return p.presign(ctx, &opHeadObject, in, optFns)
}

// PresignDeleteObject presigns a DeleteObject request.
func (p *PresignClient) PresignDeleteObject(ctx context.Context, in *DeleteObjectInput, optFns ...func(*PresignOptions)) (*PresignedRequest, error) {
	return p.presign(ctx, &opDeleteObject, in, optFns)
}
