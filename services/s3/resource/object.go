package resource

import (
	"cmp"
	"context"
	"fmt"
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

	// Set by Load, from HeadObject; a header S3 did not send leaves its
	// field zero.
	ContentLength int64
	ETag          string
	LastModified  time.Time
	ContentType   string
	Metadata      map[string]string
	// StorageClass is s3.StorageClassStandard when S3 sends no
	// x-amz-storage-class header (it omits it for STANDARD objects; boto3
	// shows None).
	StorageClass s3.StorageClass
	// VersionID is "" for an object of an unversioned bucket.
	VersionID            string
	ServerSideEncryption s3.ServerSideEncryption
	SSEKMSKeyID          string
	ChecksumType         s3.ChecksumType
	ReplicationStatus    s3.ReplicationStatus
	ArchiveStatus        s3.ArchiveStatus
	// The object's Object Lock state, when its bucket has Object Lock.
	ObjectLockMode            s3.ObjectLockMode
	ObjectLockRetainUntilDate time.Time
	ObjectLockLegalHoldStatus s3.ObjectLockLegalHoldStatus

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
func (o *Object) Load(ctx context.Context, optFns ...func(*Options)) error {
	out, err := o.svc.client.HeadObject(ctx, o.head(), o.svc.call(optFns).client...)
	if err != nil {
		return err
	}
	o.ContentLength = deref(out.ContentLength)
	o.ETag = deref(out.ETag)
	o.LastModified = deref(out.LastModified)
	o.ContentType = deref(out.ContentType)
	o.Metadata = out.Metadata
	o.StorageClass = cmp.Or(deref(out.StorageClass), s3.StorageClassStandard)
	o.VersionID = deref(out.VersionId)
	o.ServerSideEncryption = deref(out.ServerSideEncryption)
	o.SSEKMSKeyID = deref(out.SSEKMSKeyId)
	o.ChecksumType = deref(out.ChecksumType)
	o.ReplicationStatus = deref(out.ReplicationStatus)
	o.ArchiveStatus = deref(out.ArchiveStatus)
	o.ObjectLockMode = deref(out.ObjectLockMode)
	o.ObjectLockRetainUntilDate = deref(out.ObjectLockRetainUntilDate)
	o.ObjectLockLegalHoldStatus = deref(out.ObjectLockLegalHoldStatus)
	o.loaded = true
	return nil
}

func (o *Object) head() *s3.HeadObjectInput {
	return &s3.HeadObjectInput{Bucket: o.BucketName, Key: o.Key}
}

// Exists sends one HeadObject: true on success, false when S3 answers
// 404, and the error otherwise.
func (o *Object) Exists(ctx context.Context, optFns ...func(*Options)) (bool, error) {
	_, err := o.svc.client.HeadObject(ctx, o.head(), o.svc.call(optFns).client...)
	return existence(err)
}

// WaitUntilExists polls HeadObject until the object exists (boto3's
// obj.wait_until_exists; the model's ObjectExists waiter), as
// Options.Waiter says.
func (o *Object) WaitUntilExists(ctx context.Context, optFns ...func(*Options)) error {
	c := o.svc.call(optFns)
	w := o.svc.client.ObjectExistsWaiter(c.client...)
	w.WaiterConfig = c.waiter
	return w.Wait(ctx, o.head())
}

// WaitUntilNotExists polls HeadObject until the object is gone (the
// model's ObjectNotExists waiter), as Options.Waiter says.
func (o *Object) WaitUntilNotExists(ctx context.Context, optFns ...func(*Options)) error {
	c := o.svc.call(optFns)
	w := o.svc.client.ObjectNotExistsWaiter(c.client...)
	w.WaiterConfig = c.waiter
	return w.Wait(ctx, o.head())
}

// The methods of an Object that wrap one S3 operation take its input (nil
// is an empty input) and send a copy whose Bucket and Key are the
// object's; an input naming another object is an error, before any I/O.

// Get sends GetObject with in (boto3's obj.get()): in may set a Range, a
// VersionId, conditions. The caller closes the returned Body.
func (o *Object) Get(ctx context.Context, in *s3.GetObjectInput, optFns ...func(*Options)) (*s3.GetObjectOutput, error) {
	cp := clone(in)
	if err := o.own("Get", &cp.Bucket, &cp.Key); err != nil {
		return nil, err
	}
	return o.svc.client.GetObject(ctx, cp, o.svc.call(optFns).client...)
}

// Put sends PutObject with in (boto3's obj.put(Body=...)): the body in
// in.Body, and the content type, metadata and the rest. A body that is an
// io.ReadSeeker can be retried and signed without buffering; see Upload
// and UploadFile for large data.
func (o *Object) Put(ctx context.Context, in *s3.PutObjectInput, optFns ...func(*Options)) (*s3.PutObjectOutput, error) {
	cp := clone(in)
	if err := o.own("Put", &cp.Bucket, &cp.Key); err != nil {
		return nil, err
	}
	return o.svc.client.PutObject(ctx, cp, o.svc.call(optFns).client...)
}

// Delete sends DeleteObject with in (boto3's obj.delete()); in may name a
// VersionId.
func (o *Object) Delete(ctx context.Context, in *s3.DeleteObjectInput, optFns ...func(*Options)) (*s3.DeleteObjectOutput, error) {
	cp := clone(in)
	if err := o.own("Delete", &cp.Bucket, &cp.Key); err != nil {
		return nil, err
	}
	return o.svc.client.DeleteObject(ctx, cp, o.svc.call(optFns).client...)
}

// The transfer methods of an Object take the transfer's input with its
// Bucket and Key set to the object's (an input naming another object is an
// error); Options.Transfer, as optFns change it, configures the transfer.

// CopyFrom copies in.Source into this object with the transfer manager's
// managed copy (boto3's obj.copy / copy_from with a managed transfer):
// CopyObject below the multipart threshold, UploadPartCopy ranges above.
func (o *Object) CopyFrom(ctx context.Context, in *transfer.CopyInput, optFns ...func(*Options)) (*transfer.CopyOutput, error) {
	if in != nil {
		cp := *in
		if err := o.own("CopyFrom", &cp.Bucket, &cp.Key); err != nil {
			return nil, err
		}
		in = &cp
	}
	return o.svc.transfer.Copy(ctx, in, o.svc.call(optFns).transfer...)
}

// UploadFile uploads the file in.Path into this object (boto3's
// obj.upload_file).
func (o *Object) UploadFile(ctx context.Context, in *transfer.UploadFileInput, optFns ...func(*Options)) (*transfer.UploadOutput, error) {
	if in != nil {
		cp := *in
		if err := o.own("UploadFile", &cp.Bucket, &cp.Key); err != nil {
			return nil, err
		}
		in = &cp
	}
	return o.svc.transfer.UploadFile(ctx, in, o.svc.call(optFns).transfer...)
}

// Upload uploads in.Body into this object (boto3's obj.upload_fileobj).
func (o *Object) Upload(ctx context.Context, in *transfer.UploadInput, optFns ...func(*Options)) (*transfer.UploadOutput, error) {
	if in != nil {
		cp := *in
		if err := o.own("Upload", &cp.Bucket, &cp.Key); err != nil {
			return nil, err
		}
		in = &cp
	}
	return o.svc.transfer.Upload(ctx, in, o.svc.call(optFns).transfer...)
}

// DownloadFile downloads this object to the file in.Path (boto3's
// obj.download_file): ranges in parallel into a temporary file renamed
// into place when complete.
func (o *Object) DownloadFile(ctx context.Context, in *transfer.DownloadFileInput, optFns ...func(*Options)) (*transfer.DownloadOutput, error) {
	if in != nil {
		cp := *in
		if err := o.own("DownloadFile", &cp.Bucket, &cp.Key); err != nil {
			return nil, err
		}
		in = &cp
	}
	return o.svc.transfer.DownloadFile(ctx, in, o.svc.call(optFns).transfer...)
}

// DownloadTo downloads this object into in.Writer in order (boto3's
// obj.download_fileobj): for a file opened for append, a pipe or any plain
// writer. The writer is not closed.
func (o *Object) DownloadTo(ctx context.Context, in *transfer.DownloadToInput, optFns ...func(*Options)) (*transfer.DownloadOutput, error) {
	if in != nil {
		cp := *in
		if err := o.own("DownloadTo", &cp.Bucket, &cp.Key); err != nil {
			return nil, err
		}
		in = &cp
	}
	return o.svc.transfer.DownloadTo(ctx, in, o.svc.call(optFns).transfer...)
}

// own sets an input's bucket and key to o's, or reports that it names
// another object; op names the method.
func (o *Object) own(op string, bucket, key *string) error {
	if (*bucket != "" && *bucket != o.BucketName) || (*key != "" && *key != o.Key) {
		b, k := cmp.Or(*bucket, o.BucketName), cmp.Or(*key, o.Key)
		return fmt.Errorf("resource: Object.%s: the input names s3://%s/%s, the object is s3://%s/%s", op, b, k, o.BucketName, o.Key)
	}
	*bucket, *key = o.BucketName, o.Key
	return nil
}
