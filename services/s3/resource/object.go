package resource

import (
	"cmp"
	"context"
	"fmt"
	"io"
	"time"

	"github.com/goto3/goto3/services/s3"
	"github.com/goto3/goto3/transfer"
)

// Object is an S3 object by bucket and key (boto3's s3.Object(bucket,
// key)). Making one sends nothing; Load fills the attributes from
// HeadObject.
type Object struct {
	BucketName string
	Key        string

	// Set by Load.
	ContentLength int64
	ETag          string
	LastModified  time.Time
	ContentType   string
	Metadata      map[string]string
	// StorageClass is "STANDARD" when S3 sends no x-amz-storage-class
	// header (it omits it for STANDARD objects; boto3 shows None).
	StorageClass string
	// VersionID is "" for an object of an unversioned bucket.
	VersionID string

	loaded bool
	svc    *Service
}

// Loaded reports whether Load filled the attributes.
func (o *Object) Loaded() bool { return o.loaded }

// Bucket returns the object's bucket. It sends nothing.
func (o *Object) Bucket() *Bucket { return o.svc.Bucket(o.BucketName) }

// Load sends HeadObject and fills the attributes (boto3's obj.load()). A
// missing object fails with an API error of code "404", as HeadObject has
// no body to name NoSuchKey (the same as boto3).
func (o *Object) Load(ctx context.Context) error {
	out, err := o.svc.client.HeadObject(ctx, &s3.HeadObjectInput{Bucket: o.BucketName, Key: o.Key})
	if err != nil {
		return err
	}
	o.ContentLength = deref(out.ContentLength)
	o.ETag = deref(out.ETag)
	o.LastModified = deref(out.LastModified)
	o.ContentType = deref(out.ContentType)
	o.Metadata = out.Metadata
	o.StorageClass = string(deref(out.StorageClass))
	if o.StorageClass == "" {
		o.StorageClass = string(s3.StorageClassStandard)
	}
	o.VersionID = deref(out.VersionId)
	o.loaded = true
	return nil
}

// Exists sends one HeadObject: true on success, false when S3 answers
// 404, and the error otherwise.
func (o *Object) Exists(ctx context.Context) (bool, error) {
	_, err := o.svc.client.HeadObject(ctx, &s3.HeadObjectInput{Bucket: o.BucketName, Key: o.Key})
	return existence(err)
}

// WaitUntilExists polls HeadObject until the object exists (boto3's
// obj.wait_until_exists).
func (o *Object) WaitUntilExists(ctx context.Context, optFns ...func(*s3.Options)) error {
	return o.svc.client.WaitUntilObjectExists(ctx, &s3.HeadObjectInput{Bucket: o.BucketName, Key: o.Key}, optFns...)
}

// WaitUntilNotExists polls HeadObject until the object is gone.
func (o *Object) WaitUntilNotExists(ctx context.Context, optFns ...func(*s3.Options)) error {
	return o.svc.client.WaitUntilObjectNotExists(ctx, &s3.HeadObjectInput{Bucket: o.BucketName, Key: o.Key}, optFns...)
}

// Get sends GetObject (boto3's obj.get()); optFns may set a Range, a
// VersionId, conditions. The caller closes the returned Body.
func (o *Object) Get(ctx context.Context, optFns ...func(*s3.GetObjectInput)) (*s3.GetObjectOutput, error) {
	in := &s3.GetObjectInput{Bucket: o.BucketName, Key: o.Key}
	for _, f := range optFns {
		f(in)
	}
	return o.svc.client.GetObject(ctx, in)
}

// Put sends PutObject with body (boto3's obj.put(Body=...)); optFns may
// set the content type, metadata and the rest. A body that is an
// io.ReadSeeker can be retried and signed without buffering; see
// UploadFile for large data.
func (o *Object) Put(ctx context.Context, body io.Reader, optFns ...func(*s3.PutObjectInput)) (*s3.PutObjectOutput, error) {
	in := &s3.PutObjectInput{Bucket: o.BucketName, Key: o.Key, Body: body}
	for _, f := range optFns {
		f(in)
	}
	return o.svc.client.PutObject(ctx, in)
}

// Delete sends DeleteObject (boto3's obj.delete()).
func (o *Object) Delete(ctx context.Context) error {
	_, err := o.svc.client.DeleteObject(ctx, &s3.DeleteObjectInput{Bucket: o.BucketName, Key: o.Key})
	return err
}

// The transfer methods of an Object take the transfer's input with its
// Bucket and Key set to the object's (an input naming another object is an
// error) and per-call changes to the manager's Options.

// CopyFrom copies in.Source into this object with the transfer manager's
// managed copy (boto3's obj.copy / copy_from with a managed transfer):
// CopyObject below the multipart threshold, UploadPartCopy ranges above.
func (o *Object) CopyFrom(ctx context.Context, in *transfer.CopyInput, optFns ...func(*transfer.Options)) (*transfer.CopyOutput, error) {
	if in != nil {
		cp := *in
		if err := o.own("CopyFrom", &cp.Bucket, &cp.Key); err != nil {
			return nil, err
		}
		in = &cp
	}
	return o.svc.transfer.Copy(ctx, in, optFns...)
}

// UploadFile uploads the file in.Path into this object (boto3's
// obj.upload_file).
func (o *Object) UploadFile(ctx context.Context, in *transfer.UploadFileInput, optFns ...func(*transfer.Options)) (*transfer.UploadOutput, error) {
	if in != nil {
		cp := *in
		if err := o.own("UploadFile", &cp.Bucket, &cp.Key); err != nil {
			return nil, err
		}
		in = &cp
	}
	return o.svc.transfer.UploadFile(ctx, in, optFns...)
}

// Upload uploads in.Body into this object (boto3's obj.upload_fileobj).
func (o *Object) Upload(ctx context.Context, in *transfer.UploadInput, optFns ...func(*transfer.Options)) (*transfer.UploadOutput, error) {
	if in != nil {
		cp := *in
		if err := o.own("Upload", &cp.Bucket, &cp.Key); err != nil {
			return nil, err
		}
		in = &cp
	}
	return o.svc.transfer.Upload(ctx, in, optFns...)
}

// DownloadFile downloads this object to the file in.Path (boto3's
// obj.download_file): ranges in parallel into a temporary file renamed
// into place when complete.
func (o *Object) DownloadFile(ctx context.Context, in *transfer.DownloadFileInput, optFns ...func(*transfer.Options)) (*transfer.DownloadOutput, error) {
	if in != nil {
		cp := *in
		if err := o.own("DownloadFile", &cp.Bucket, &cp.Key); err != nil {
			return nil, err
		}
		in = &cp
	}
	return o.svc.transfer.DownloadFile(ctx, in, optFns...)
}

// DownloadTo downloads this object into in.Writer in order (boto3's
// obj.download_fileobj): for a file opened for append, a pipe or any plain
// writer. The writer is not closed.
func (o *Object) DownloadTo(ctx context.Context, in *transfer.DownloadToInput, optFns ...func(*transfer.Options)) (*transfer.DownloadOutput, error) {
	if in != nil {
		cp := *in
		if err := o.own("DownloadTo", &cp.Bucket, &cp.Key); err != nil {
			return nil, err
		}
		in = &cp
	}
	return o.svc.transfer.DownloadTo(ctx, in, optFns...)
}

// own sets a transfer input's bucket and key to o's, or reports that it
// names another object.
func (o *Object) own(op string, bucket, key *string) error {
	if (*bucket != "" && *bucket != o.BucketName) || (*key != "" && *key != o.Key) {
		b, k := cmp.Or(*bucket, o.BucketName), cmp.Or(*key, o.Key)
		return fmt.Errorf("resource: Object.%s: the input names s3://%s/%s, the object is s3://%s/%s", op, b, k, o.BucketName, o.Key)
	}
	*bucket, *key = o.BucketName, o.Key
	return nil
}
