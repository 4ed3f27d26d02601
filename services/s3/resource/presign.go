package resource

import (
	"context"
	"errors"
	"net/http"
	"sync"
	"time"

	"github.com/goto3/goto3/endpoints"
	"github.com/goto3/goto3/internal/pipeline"
	"github.com/goto3/goto3/protocol"
	"github.com/goto3/goto3/services/s3"
)

// PresignedRequest is a request signed by its query string (boto3's
// generate_presigned_url): anyone holding it may send it, without
// credentials, until Expires.
type PresignedRequest struct {
	Method string
	URL    string
	// Header holds headers that were signed besides Host; they must be
	// sent with exactly these values.
	Header  http.Header
	Expires time.Time
}

// presigner signs with the same settings as the service's client (region,
// credentials, endpoint, clock) through the pipeline's Presign, which
// serializes the operation as the client would and signs by query string.
type presigner struct {
	client *pipeline.Client
	err    error
	once   sync.Once
	opts   s3.Options
}

func newPresigner(c *s3.Client) *presigner { return &presigner{opts: c.Options()} }

func (p *presigner) get() (*pipeline.Client, error) {
	p.once.Do(func() {
		o := p.opts
		p.client, p.err = pipeline.New(s3.ServiceSchema(), endpoints.Service("s3"), pipeline.Options{
			Region: o.Region, Credentials: o.Credentials, EndpointURL: o.EndpointURL, HTTPClient: o.HTTPClient,
			RetryMode: o.RetryMode, RetryMaxAttempts: o.RetryMaxAttempts, Retryer: o.Retryer,
			Logger: o.Logger, LogHeaders: o.LogHeaders, Hooks: o.Hooks,
			UseFIPS: o.UseFIPS, UseDualStack: o.UseDualStack,
			RequestChecksumCalculation: o.RequestChecksumCalculation, ResponseChecksumValidation: o.ResponseChecksumValidation,
			Now: o.Now, Rand: o.Rand,
			UsePathStyle: o.UsePathStyle, UseAccelerate: o.UseAccelerate, UseARNRegion: o.UseARNRegion,
			DisableMultiRegionAccessPoints: o.DisableMultiRegionAccessPoints,
		})
	})
	return p.client, p.err
}

func operation(name string) *protocol.Operation {
	for _, op := range s3.OperationSchemas() {
		if op.Name == name {
			return op
		}
	}
	return nil
}

func (p *presigner) presign(ctx context.Context, opName string, in any, expires time.Duration) (*PresignedRequest, error) {
	c, err := p.get()
	if err != nil {
		return nil, err
	}
	op := operation(opName)
	if op == nil {
		return nil, errors.New("resource: no operation " + opName)
	}
	pr, err := c.Presign(ctx, op, in, expires)
	if err != nil {
		return nil, err
	}
	return &PresignedRequest{Method: pr.Method, URL: pr.URL, Header: pr.Header, Expires: pr.Expires}, nil
}

// Presign returns a GetObject request for this object signed by its query
// string for expires (1 second to 7 days): boto3's
// generate_presigned_url("get_object", ...). Nothing is sent; optFns may
// set response header overrides or a VersionId.
func (o *Object) Presign(ctx context.Context, expires time.Duration, optFns ...func(*s3.GetObjectInput)) (*PresignedRequest, error) {
	in := &s3.GetObjectInput{Bucket: o.BucketName, Key: o.Key}
	for _, f := range optFns {
		f(in)
	}
	return o.svc.presign.presign(ctx, "GetObject", in, expires)
}

// PresignPut returns a PutObject request for this object signed by its
// query string for expires; the holder sends the body with it.
func (o *Object) PresignPut(ctx context.Context, expires time.Duration, optFns ...func(*s3.PutObjectInput)) (*PresignedRequest, error) {
	in := &s3.PutObjectInput{Bucket: o.BucketName, Key: o.Key}
	for _, f := range optFns {
		f(in)
	}
	return o.svc.presign.presign(ctx, "PutObject", in, expires)
}
