package resource

import (
	"context"
	"errors"
	"iter"

	"github.com/goto3/goto3"
	"github.com/goto3/goto3/services/s3"
	"github.com/goto3/goto3/transfer"
)

// Options configure a Service.
type Options struct {
	// Transfer configures the transfer manager behind UploadFile,
	// DownloadFile, CopyFrom and the other transfer methods (boto3's
	// TransferConfig); zero fields take the transfer package's defaults.
	Transfer transfer.Options
	// ClientOptions apply to the client FromSession makes.
	ClientOptions []func(*s3.Options)
}

// Service is the S3 service resource, boto3.resource("s3").
type Service struct {
	client   *s3.Client
	transfer *transfer.Manager
	presign  *s3.PresignClient
}

// New returns the service resource over client.
func New(client *s3.Client, optFns ...func(*Options)) (*Service, error) {
	if client == nil {
		return nil, errors.New("resource: nil client")
	}
	var o Options
	for _, f := range optFns {
		f(&o)
	}
	m, err := transfer.New(client, func(t *transfer.Options) { *t = o.Transfer })
	if err != nil {
		return nil, err
	}
	return &Service{client: client, transfer: m, presign: s3.NewPresignClient(client)}, nil
}

// FromConfig makes an S3 client from cfg (s3.New; a session's Config) and
// returns the service resource over it: boto3's session.resource("s3").
func FromConfig(cfg goto3.Config, optFns ...func(*Options)) (*Service, error) {
	var o Options
	for _, f := range optFns {
		f(&o)
	}
	client, err := s3.New(cfg, o.ClientOptions...)
	if err != nil {
		return nil, err
	}
	return New(client, func(p *Options) { *p = o })
}

// Client returns the S3 client (boto3's resource.meta.client).
func (s *Service) Client() *s3.Client { return s.client }

// Transfer returns the transfer manager used by UploadFile, DownloadFile
// and CopyFrom.
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
func (s *Service) Buckets(ctx context.Context) iter.Seq2[*Bucket, error] {
	return func(yield func(*Bucket, error) bool) {
		for b, err := range s.client.ListBucketsItems(ctx, &s3.ListBucketsInput{}) {
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

// CreateBucket creates the bucket name (see Bucket.Create) and returns it.
func (s *Service) CreateBucket(ctx context.Context, name string, optFns ...func(*s3.CreateBucketInput)) (*Bucket, error) {
	b := s.Bucket(name)
	if err := b.Create(ctx, optFns...); err != nil {
		return nil, err
	}
	return b, nil
}

func ptr[T any](v T) *T { return &v }

func deref[T any](p *T) T {
	if p == nil {
		var z T
		return z
	}
	return *p
}
