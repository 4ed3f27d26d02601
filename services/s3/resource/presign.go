package resource

import (
	"context"
	"time"

	"github.com/goto3/goto3/services/s3"
)

// PresignedRequest is a request signed by its query string (boto3's
// generate_presigned_url): anyone holding it may send it, without
// credentials, until Expires. SignedHeader holds the headers that were
// signed (Host among them, which net/http sets from the URL); the others
// must be sent with exactly these values.
type PresignedRequest = s3.PresignedRequest

// Presign returns a GetObject request for this object signed by its query
// string for expires (1 second to 7 days): boto3's
// generate_presigned_url("get_object", ...). Nothing is sent; optFns may
// set response header overrides or a VersionId.
func (o *Object) Presign(ctx context.Context, expires time.Duration, optFns ...func(*s3.GetObjectInput)) (*PresignedRequest, error) {
	in := &s3.GetObjectInput{Bucket: o.BucketName, Key: o.Key}
	for _, f := range optFns {
		f(in)
	}
	return o.svc.presign.PresignGetObject(ctx, in, func(po *s3.PresignOptions) { po.Expires = expires })
}

// PresignPut returns a PutObject request for this object signed by its
// query string for expires; the holder sends the body with it.
func (o *Object) PresignPut(ctx context.Context, expires time.Duration, optFns ...func(*s3.PutObjectInput)) (*PresignedRequest, error) {
	in := &s3.PutObjectInput{Bucket: o.BucketName, Key: o.Key}
	for _, f := range optFns {
		f(in)
	}
	return o.svc.presign.PresignPutObject(ctx, in, func(po *s3.PresignOptions) { po.Expires = expires })
}
