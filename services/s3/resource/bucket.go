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
func (b *Bucket) Load(ctx context.Context, optFns ...func(*Options)) error {
	c, cl := b.svc.call(optFns), b.svc.client
	for sb, err := range cl.ListBucketsItems(ctx, &s3.ListBucketsInput{Prefix: ptr(b.Name)}, c.client...) {
		if err != nil {
			return err
		}
		if deref(sb.Name) == b.Name {
			b.fill(&sb)
			return nil
		}
	}
	loc, err := cl.GetBucketLocation(ctx, &s3.GetBucketLocationInput{Bucket: b.Name}, c.client...)
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

// Create sends CreateBucket with in (boto3's bucket.create; nil is an
// empty input), its Bucket set to the bucket's name. Outside us-east-1, S3
// requires CreateBucketConfiguration.LocationConstraint to name the
// client's region, which boto3 users pass by hand; Create sets it from the
// region of the call (the client's, or the one optFns' ClientOptions set)
// when in has no CreateBucketConfiguration.
func (b *Bucket) Create(ctx context.Context, in *s3.CreateBucketInput, optFns ...func(*Options)) (*s3.CreateBucketOutput, error) {
	cp := clone(in)
	if err := b.ownBucket("Create")(&cp.Bucket); err != nil {
		return nil, err
	}
	c := b.svc.call(optFns)
	if cp.CreateBucketConfiguration == nil {
		if r := b.svc.clientOptions(c).Region; r != "" && r != "us-east-1" {
			cp.CreateBucketConfiguration = &s3.CreateBucketConfiguration{LocationConstraint: ptr(s3.BucketLocationConstraint(r))}
		}
	}
	return b.svc.client.CreateBucket(ctx, cp, c.client...)
}

// Delete sends DeleteBucket with in (nil is an empty input), its Bucket
// set to the bucket's name: the bucket must be empty (boto3's
// bucket.delete; see ObjectCollection.Delete to empty it).
func (b *Bucket) Delete(ctx context.Context, in *s3.DeleteBucketInput, optFns ...func(*Options)) (*s3.DeleteBucketOutput, error) {
	cp := clone(in)
	if err := b.ownBucket("Delete")(&cp.Bucket); err != nil {
		return nil, err
	}
	return b.svc.client.DeleteBucket(ctx, cp, b.svc.call(optFns).client...)
}

// Exists sends one HeadBucket: true on success, false when S3 answers
// 404, and the error otherwise (a 403 is an error here: the bucket exists
// but the caller may not use it).
func (b *Bucket) Exists(ctx context.Context, optFns ...func(*Options)) (bool, error) {
	_, err := b.svc.client.HeadBucket(ctx, &s3.HeadBucketInput{Bucket: b.Name}, b.svc.call(optFns).client...)
	return existence(err)
}

// WaitUntilExists polls HeadBucket until the bucket exists (boto3's
// bucket.wait_until_exists; the model's BucketExists waiter), as
// Options.Waiter says.
func (b *Bucket) WaitUntilExists(ctx context.Context, optFns ...func(*Options)) error {
	c := b.svc.call(optFns)
	w := b.svc.client.BucketExistsWaiter(c.client...)
	w.WaiterConfig = c.waiter
	return w.Wait(ctx, &s3.HeadBucketInput{Bucket: b.Name})
}

// WaitUntilNotExists polls HeadBucket until the bucket is gone (the
// model's BucketNotExists waiter), as Options.Waiter says.
func (b *Bucket) WaitUntilNotExists(ctx context.Context, optFns ...func(*Options)) error {
	c := b.svc.call(optFns)
	w := b.svc.client.BucketNotExistsWaiter(c.client...)
	w.WaiterConfig = c.waiter
	return w.Wait(ctx, &s3.HeadBucketInput{Bucket: b.Name})
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
// Options.Transfer, as optFns change it, configures this upload.
func (b *Bucket) UploadFile(ctx context.Context, in *transfer.UploadFileInput, optFns ...func(*Options)) (*transfer.UploadOutput, error) {
	if in != nil {
		cp := *in
		if err := b.ownBucket("UploadFile")(&cp.Bucket); err != nil {
			return nil, err
		}
		in = &cp
	}
	return b.svc.transfer.UploadFile(ctx, in, b.svc.call(optFns).transfer...)
}

// DownloadFile downloads in.Key of the bucket to the file in.Path through
// the transfer manager (boto3's bucket.download_file); the input's Bucket
// is set to the bucket's name (naming another bucket is an error).
func (b *Bucket) DownloadFile(ctx context.Context, in *transfer.DownloadFileInput, optFns ...func(*Options)) (*transfer.DownloadOutput, error) {
	if in != nil {
		cp := *in
		if err := b.ownBucket("DownloadFile")(&cp.Bucket); err != nil {
			return nil, err
		}
		in = &cp
	}
	return b.svc.transfer.DownloadFile(ctx, in, b.svc.call(optFns).transfer...)
}

// ownBucket returns a function that sets an input's bucket to b's, or
// reports that it names another; op names the method.
func (b *Bucket) ownBucket(op string) func(bucket *string) error {
	return func(bucket *string) error {
		if *bucket != "" && *bucket != b.Name {
			return fmt.Errorf("resource: Bucket.%s: the input names bucket %q, the bucket is %q", op, *bucket, b.Name)
		}
		*bucket = b.Name
		return nil
	}
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
