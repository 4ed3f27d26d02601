package resource

import (
	"context"
	"fmt"
	"iter"
	"strings"
	"time"

	"github.com/goto3/goto3/services/s3"
)

// ObjectSummary is one entry of an object listing (boto3's
// s3.ObjectSummary): what ListObjectsV2 reports, without a HeadObject.
type ObjectSummary struct {
	BucketName        string
	Key               string
	Size              int64
	ETag              string
	LastModified      time.Time
	StorageClass      s3.ObjectStorageClass
	ChecksumAlgorithm []s3.ChecksumAlgorithm
	ChecksumType      s3.ChecksumType

	svc *Service
}

// Object returns the object this summary describes (not loaded).
func (o ObjectSummary) Object() *Object { return o.svc.Object(o.BucketName, o.Key) }

// ObjectCollection is a bucket's objects, optionally narrowed (boto3's
// bucket.objects.all() / filter(Prefix=...) / page_size(n) / limit(n)).
// It is an immutable value: each method returns a changed copy, and each
// All starts a new listing.
type ObjectCollection struct {
	bucket   string
	prefix   string
	pageSize int32
	limit    int
	svc      *Service
}

// Filter returns the collection of the objects whose key starts with
// prefix.
func (c ObjectCollection) Filter(prefix string) ObjectCollection { c.prefix = prefix; return c }

// PageSize returns the collection listed n keys per ListObjectsV2 call (S3
// caps it at 1000; 0 lets S3 choose).
func (c ObjectCollection) PageSize(n int32) ObjectCollection { c.pageSize = n; return c }

// Limit returns the collection cut after n objects (0: no limit).
func (c ObjectCollection) Limit(n int) ObjectCollection { c.limit = n; return c }

// All lists the collection, page after page of ListObjectsV2, stopping
// after Limit objects. An error is yielded once, with the zero summary, and
// ends the iteration.
func (c ObjectCollection) All(ctx context.Context, optFns ...func(*Options)) iter.Seq2[ObjectSummary, error] {
	return c.all(ctx, c.svc.call(optFns))
}

func (c ObjectCollection) all(ctx context.Context, cl *call) iter.Seq2[ObjectSummary, error] {
	return func(yield func(ObjectSummary, error) bool) {
		in := &s3.ListObjectsV2Input{Bucket: c.bucket}
		if c.prefix != "" {
			in.Prefix = ptr(c.prefix)
		}
		if c.pageSize > 0 {
			in.MaxKeys = ptr(c.pageSize)
		}
		n := 0
		for o, err := range c.svc.client.ListObjectsV2Items(ctx, in, cl.client...) {
			if err != nil {
				yield(ObjectSummary{}, err)
				return
			}
			if c.limit > 0 && n >= c.limit {
				return
			}
			n++
			s := ObjectSummary{
				BucketName: c.bucket, Key: deref(o.Key), Size: deref(o.Size), ETag: deref(o.ETag),
				LastModified: deref(o.LastModified), StorageClass: deref(o.StorageClass),
				ChecksumAlgorithm: o.ChecksumAlgorithm, ChecksumType: deref(o.ChecksumType), svc: c.svc,
			}
			if !yield(s, nil) {
				return
			}
		}
	}
}

// MaxDeleteBatch is the most keys one DeleteObjects call takes.
const MaxDeleteBatch = 1000

// DeleteResult reports a batch delete: the keys deleted and the keys S3
// refused, each with its code and message.
type DeleteResult struct {
	Deleted []string
	Errors  []DeleteError
	// Requests is the number of DeleteObjects calls made.
	Requests int
}

// DeleteError is one key a DeleteObjects call did not delete.
type DeleteError struct {
	Key       string
	VersionID string
	Code      string
	Message   string
}

// BatchDeleteError is returned by ObjectCollection.Delete when S3 refused
// some keys; Errors lists them (the same as DeleteResult.Errors).
type BatchDeleteError struct {
	Bucket string
	Errors []DeleteError
}

func (e *BatchDeleteError) Error() string {
	var b strings.Builder
	fmt.Fprintf(&b, "resource: %d key(s) of bucket %s not deleted", len(e.Errors), e.Bucket)
	for i, d := range e.Errors {
		if i == 3 {
			fmt.Fprintf(&b, "; and %d more", len(e.Errors)-3)
			break
		}
		fmt.Fprintf(&b, "; %s: %s: %s", d.Key, d.Code, d.Message)
	}
	return b.String()
}

// Delete deletes every object of the collection (boto3's
// collection.delete()): it lists the collection and sends DeleteObjects
// for each run of up to 1000 keys, as they are listed. A listing or
// DeleteObjects error stops it and is returned with the result so far;
// keys that S3 refused are in the result's Errors and, when there are
// any, the error is a *BatchDeleteError.
func (c ObjectCollection) Delete(ctx context.Context, optFns ...func(*Options)) (*DeleteResult, error) {
	cl := c.svc.call(optFns)
	res := &DeleteResult{}
	batch := make([]s3.ObjectIdentifier, 0, MaxDeleteBatch)
	flush := func() error {
		if len(batch) == 0 {
			return nil
		}
		res.Requests++
		out, err := c.svc.client.DeleteObjects(ctx, &s3.DeleteObjectsInput{
			Bucket: c.bucket,
			Delete: &s3.Delete{Objects: batch, Quiet: ptr(false)},
		}, cl.client...)
		batch = batch[:0]
		if err != nil {
			return err
		}
		for _, d := range out.Deleted {
			res.Deleted = append(res.Deleted, deref(d.Key))
		}
		for _, e := range out.Errors {
			res.Errors = append(res.Errors, DeleteError{Key: deref(e.Key), VersionID: deref(e.VersionId), Code: deref(e.Code), Message: deref(e.Message)})
		}
		return nil
	}
	for o, err := range c.all(ctx, cl) {
		if err != nil {
			return res, err
		}
		batch = append(batch, s3.ObjectIdentifier{Key: o.Key})
		if len(batch) == MaxDeleteBatch {
			if err := flush(); err != nil {
				return res, err
			}
		}
	}
	if err := flush(); err != nil {
		return res, err
	}
	if len(res.Errors) > 0 {
		return res, &BatchDeleteError{Bucket: c.bucket, Errors: res.Errors}
	}
	return res, nil
}
