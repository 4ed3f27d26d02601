package resource

import (
	"context"
	"errors"
	"iter"
	"slices"

	"github.com/goto3/goto3"
	"github.com/goto3/goto3/services/s3"
	"github.com/goto3/goto3/transfer"
)

// Options configure a Service. Every method that sends a request takes
// optFns ...func(*Options) last, which change a copy of the service's
// Options for that call only: its ClientOptions go to the client calls,
// its Transfer to the transfer manager, its Waiter to the waiters and its
// Presign to the presigner.
type Options struct {
	// ClientOptions apply to every call the service makes to the client
	// (the optFns of each s3.Client method), including the transfer
	// manager's calls and presigning. FromConfig makes its client with
	// them instead (so they are applied once, when the client is made, and
	// a call's optFns start from an empty list); New, given a client,
	// applies them to every call.
	ClientOptions []func(*s3.Options)

	// Transfer configures the transfer manager behind UploadFile,
	// DownloadFile, CopyFrom and the other transfer methods (boto3's
	// TransferConfig); zero fields take the transfer package's defaults.
	// A call's optFns changing it (another PartSize, Concurrency,
	// ChecksumAlgorithm, ...) change that transfer only. Its ClientOptions
	// apply after the ones above, to the transfers' calls only.
	Transfer transfer.Options

	// Waiter configures the WaitUntil methods (delays, attempts, the
	// longest wait); zero fields take the model's values.
	Waiter goto3.WaiterConfig

	// Presign configures Object.Presign and Object.PresignPut: Expires is
	// how long a presigned request stays valid (0: s3.DefaultPresignExpires,
	// 15 minutes); its ClientOptions apply after the ones above, to
	// presigning only.
	Presign s3.PresignOptions
}

// Service is the S3 service resource, boto3.resource("s3").
type Service struct {
	client   *s3.Client
	opts     Options
	base     call // the configuration of a call without optFns
	transfer *transfer.Manager
	presign  *s3.PresignClient
}

// call is the configuration of one call, resolved from Options.
type call struct {
	// client are the optFns of every client call.
	client []func(*s3.Options)
	// transfer and presign are the per-call optFns of the transfer
	// manager and of the presigner: nil for the service's own.
	transfer []func(*transfer.Options)
	presign  []func(*s3.PresignOptions)
	waiter   goto3.WaiterConfig
}

// New returns the service resource over client; optFns set its Options.
// A nil client, or invalid transfer Options, is an error.
func New(client *s3.Client, optFns ...func(*Options)) (*Service, error) {
	if client == nil {
		return nil, errors.New("resource: New: nil client")
	}
	var o Options
	for _, f := range optFns {
		if f != nil {
			f(&o)
		}
	}
	return newService(client, o)
}

// FromConfig makes an S3 client from cfg (a session's Config) and
// Options.ClientOptions, and returns the service resource over it:
// boto3's session.resource("s3").
func FromConfig(cfg goto3.Config, optFns ...func(*Options)) (*Service, error) {
	var o Options
	for _, f := range optFns {
		if f != nil {
			f(&o)
		}
	}
	client, err := s3.New(cfg, o.ClientOptions...)
	if err != nil {
		return nil, err
	}
	o.ClientOptions = nil // they made the client
	return newService(client, o)
}

func newService(client *s3.Client, o Options) (*Service, error) {
	o.ClientOptions = slices.Clip(o.ClientOptions)
	o.Transfer.ClientOptions = slices.Clip(o.Transfer.ClientOptions)
	o.Presign.ClientOptions = slices.Clip(o.Presign.ClientOptions)
	m, err := transfer.New(client, func(t *transfer.Options) { *t = transferOptions(&o) })
	if err != nil {
		return nil, err
	}
	s := &Service{
		client:   client,
		opts:     o,
		transfer: m,
		presign:  s3.NewPresignClient(client, func(p *s3.PresignOptions) { *p = presignOptions(&o) }),
	}
	s.base = call{client: o.ClientOptions, waiter: o.Waiter}
	return s, nil
}

// transferOptions are the transfer manager's Options of o: o.Transfer,
// with o.ClientOptions before its own.
func transferOptions(o *Options) transfer.Options {
	t := o.Transfer
	t.ClientOptions = concat(o.ClientOptions, o.Transfer.ClientOptions)
	return t
}

// presignOptions are the presigner's options of o: o.Presign, with
// o.ClientOptions before its own.
func presignOptions(o *Options) s3.PresignOptions {
	p := o.Presign
	p.ClientOptions = concat(o.ClientOptions, o.Presign.ClientOptions)
	return p
}

func concat[T any](a, b []T) []T {
	if len(a) == 0 {
		return b
	}
	if len(b) == 0 {
		return a
	}
	return append(slices.Clip(a), b...)
}

// call resolves the configuration of one call: the service's, or a copy of
// its Options changed by optFns.
func (s *Service) call(optFns []func(*Options)) *call {
	if len(optFns) == 0 {
		return &s.base
	}
	o := s.opts // its slices are clipped: appending copies them
	for _, f := range optFns {
		if f != nil {
			f(&o)
		}
	}
	t, p := transferOptions(&o), presignOptions(&o)
	return &call{
		client:   o.ClientOptions,
		transfer: []func(*transfer.Options){func(to *transfer.Options) { *to = t }},
		presign:  []func(*s3.PresignOptions){func(po *s3.PresignOptions) { *po = p }},
		waiter:   o.Waiter,
	}
}

// clientOptions returns the client's options as a call with c sees them.
func (s *Service) clientOptions(c *call) s3.Options {
	co := s.client.Options()
	for _, f := range c.client {
		if f != nil {
			f(&co)
		}
	}
	return co
}

// Client returns the S3 client (boto3's resource.meta.client).
func (s *Service) Client() *s3.Client { return s.client }

// Transfer returns the transfer manager used by UploadFile, DownloadFile
// and the other transfer methods, configured by Options.Transfer.
func (s *Service) Transfer() *transfer.Manager { return s.transfer }

// Bucket returns the bucket named name. It sends nothing.
func (s *Service) Bucket(name string) *Bucket { return &Bucket{Name: name, svc: s} }

// Object returns the object bucket/key. It sends nothing.
func (s *Service) Object(bucket, key string) *Object {
	return &Object{BucketName: bucket, Key: key, svc: s}
}

// Buckets returns the buckets the caller owns (boto3's
// s3.buckets.all()), loaded with their creation date and region, page
// after page of ListBuckets. An error is yielded once, with a nil bucket,
// and ends the iteration.
func (s *Service) Buckets(ctx context.Context, optFns ...func(*Options)) iter.Seq2[*Bucket, error] {
	c := s.call(optFns)
	return func(yield func(*Bucket, error) bool) {
		for b, err := range s.client.ListBucketsItems(ctx, &s3.ListBucketsInput{}, c.client...) {
			if err != nil {
				yield(nil, err)
				return
			}
			bk := s.Bucket(deref(b.Name))
			bk.fill(&b)
			if !yield(bk, nil) {
				return
			}
		}
	}
}

// CreateBucket creates the bucket in.Bucket (boto3's s3.create_bucket; see
// Bucket.Create) and returns it. An input without a Bucket (or nil) fails
// as the client's validation does, before any I/O.
func (s *Service) CreateBucket(ctx context.Context, in *s3.CreateBucketInput, optFns ...func(*Options)) (*Bucket, error) {
	var name string
	if in != nil {
		name = in.Bucket
	}
	b := s.Bucket(name)
	if _, err := b.Create(ctx, in, optFns...); err != nil {
		return nil, err
	}
	return b, nil
}

// clone returns a copy of in, or a new empty input for nil: the resource
// fills in the copy's bucket and key, never the caller's input.
func clone[T any](in *T) *T {
	cp := new(T)
	if in != nil {
		*cp = *in
	}
	return cp
}

func ptr[T any](v T) *T { return &v }

func deref[T any](p *T) T {
	if p == nil {
		var z T
		return z
	}
	return *p
}
