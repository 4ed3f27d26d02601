package resource

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"time"

	"github.com/goto3/goto3/services/s3"
	"github.com/goto3/goto3/transfer"
)

// Bucket is an S3 bucket by name (boto3's s3.Bucket(name)). Making one
// sends nothing; Load fills CreationDate and Region.
type Bucket struct {
	// Name is the bucket's name.
	Name string

	// CreationDate and Region are set by Load (and by Service.Buckets).
	// CreationDate is zero when the bucket belongs to another account
	// (ListBuckets does not show it); Region is "" when the listing did
	// not report it.
	CreationDate time.Time
	Region       string

	loaded bool
	svc    *Service
}

// Loaded reports whether Load (or Service.Buckets) filled the attributes.
func (b *Bucket) Loaded() bool { return b.loaded }

func (b *Bucket) fill(sb *s3.Bucket) {
	b.CreationDate = deref(sb.CreationDate)
	b.Region = deref(sb.BucketRegion)
	b.loaded = true
}

// Load fills CreationDate and Region as boto3's bucket.load does: it
// looks the bucket up in ListBuckets (with the bucket's name as Prefix).
// When the listing does not hold it, GetBucketLocation decides: its
// NoSuchBucket or AccessDenied error is returned as it came (an
// *goto3.APIError inside the *goto3.OperationError); when it succeeds the
// bucket exists but belongs to another account, and Load fills Region from
// the location (empty is us-east-1, the legacy "EU" is eu-west-1) with a
// zero CreationDate. An AccessDenied from ListBuckets is returned too
// (boto3 swallows it and leaves the attributes empty).
func (b *Bucket) Load(ctx context.Context) error {
	c := b.svc.client
	for sb, err := range c.ListBucketsItems(ctx, &s3.ListBucketsInput{Prefix: ptr(b.Name)}) {
		if err != nil {
			return err
		}
		if deref(sb.Name) == b.Name {
			b.fill(&sb)
			return nil
		}
	}
	loc, err := c.GetBucketLocation(ctx, &s3.GetBucketLocationInput{Bucket: b.Name})
	if err != nil {
		return err
	}
	switch region := string(deref(loc.LocationConstraint)); region {
	case "":
		b.Region = "us-east-1"
	case "EU":
		b.Region = "eu-west-1"
	default:
		b.Region = region
	}
	b.CreationDate = time.Time{}
	b.loaded = true
	return nil
}

// Create creates the bucket (boto3's bucket.create). Outside us-east-1,
// S3 requires CreateBucketConfiguration.LocationConstraint to name the
// client's region, which boto3 users pass by hand; Create sets it from the
// client's region unless an option function sets a configuration.
func (b *Bucket) Create(ctx context.Context, optFns ...func(*s3.CreateBucketInput)) error {
	in := &s3.CreateBucketInput{Bucket: b.Name}
	if r := b.svc.client.Options().Region; r != "" && r != "us-east-1" {
		in.CreateBucketConfiguration = &s3.CreateBucketConfiguration{LocationConstraint: ptr(s3.BucketLocationConstraint(r))}
	}
	for _, f := range optFns {
		f(in)
	}
	_, err := b.svc.client.CreateBucket(ctx, in)
	return err
}

// Delete deletes the bucket, which must be empty (boto3's bucket.delete;
// see ObjectCollection.Delete to empty it).
func (b *Bucket) Delete(ctx context.Context) error {
	_, err := b.svc.client.DeleteBucket(ctx, &s3.DeleteBucketInput{Bucket: b.Name})
	return err
}

// Exists sends one HeadBucket: true on success, false when S3 answers
// 404, and the error otherwise (a 403 is an error here: the bucket exists
// but the caller may not use it).
func (b *Bucket) Exists(ctx context.Context) (bool, error) {
	_, err := b.svc.client.HeadBucket(ctx, &s3.HeadBucketInput{Bucket: b.Name})
	return existence(err)
}

// WaitUntilExists polls HeadBucket until the bucket exists (boto3's
// bucket.wait_until_exists; the model's BucketExists waiter).
func (b *Bucket) WaitUntilExists(ctx context.Context, optFns ...func(*s3.Options)) error {
	return b.svc.client.WaitUntilBucketExists(ctx, &s3.HeadBucketInput{Bucket: b.Name}, optFns...)
}

// WaitUntilNotExists polls HeadBucket until the bucket is gone.
func (b *Bucket) WaitUntilNotExists(ctx context.Context, optFns ...func(*s3.Options)) error {
	return b.svc.client.WaitUntilBucketNotExists(ctx, &s3.HeadBucketInput{Bucket: b.Name}, optFns...)
}

// Object returns the object key of this bucket. It sends nothing.
func (b *Bucket) Object(key string) *Object { return b.svc.Object(b.Name, key) }

// Objects returns the collection of every object of the bucket (boto3's
// bucket.objects); narrow it with Filter, PageSize and Limit.
func (b *Bucket) Objects() ObjectCollection { return ObjectCollection{bucket: b.Name, svc: b.svc} }

// UploadFile uploads the file in.Path to in.Key of the bucket through the
// transfer manager (boto3's bucket.upload_file): the input is the
// transfer's (content type, metadata, encryption, progress, ...), with its
// Bucket set to the bucket's name (naming another bucket is an error).
// optFns change the manager's Options for this upload.
func (b *Bucket) UploadFile(ctx context.Context, in *transfer.UploadFileInput, optFns ...func(*transfer.Options)) (*transfer.UploadOutput, error) {
	if in != nil {
		cp := *in
		if err := b.own("UploadFile", &cp.Bucket); err != nil {
			return nil, err
		}
		in = &cp
	}
	return b.svc.transfer.UploadFile(ctx, in, optFns...)
}

// DownloadFile downloads in.Key of the bucket to the file in.Path through
// the transfer manager (boto3's bucket.download_file); the input's Bucket
// is set to the bucket's name (naming another bucket is an error).
func (b *Bucket) DownloadFile(ctx context.Context, in *transfer.DownloadFileInput, optFns ...func(*transfer.Options)) (*transfer.DownloadOutput, error) {
	if in != nil {
		cp := *in
		if err := b.own("DownloadFile", &cp.Bucket); err != nil {
			return nil, err
		}
		in = &cp
	}
	return b.svc.transfer.DownloadFile(ctx, in, optFns...)
}

// own sets a transfer input's bucket to b's, or reports that it names
// another.
func (b *Bucket) own(op string, bucket *string) error {
	if *bucket != "" && *bucket != b.Name {
		return fmt.Errorf("resource: Bucket.%s: the input names bucket %q, the bucket is %q", op, *bucket, b.Name)
	}
	*bucket = b.Name
	return nil
}

// existence maps a Head* error to (exists, err): a 404 is (false, nil).
func existence(err error) (bool, error) {
	if err == nil {
		return true, nil
	}
	var st interface{ HTTPStatusCode() int }
	if errors.As(err, &st) && st.HTTPStatusCode() == http.StatusNotFound {
		return false, nil
	}
	return false, err
}
