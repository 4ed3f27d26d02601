package resource

import (
	"context"

	"github.com/goto3/goto3/services/s3"
)

// PresignedRequest is a request signed by its query string (boto3's
// generate_presigned_url): anyone holding it may send it, without
// credentials, until Expires. SignedHeader holds the headers that were
// signed (Host among them, which net/http sets from the URL); the others
// must be sent with exactly these values.
type PresignedRequest = s3.PresignedRequest

// Presign returns the GetObject request of in (nil is an empty input; it
// may set response header overrides or a VersionId) for this object,
// signed by its query string: boto3's generate_presigned_url("get_object",
// ...). It is valid for Options.Presign.Expires (1 second to 7 days; 0 is
// s3.DefaultPresignExpires), which optFns may change:
//
//	obj.Presign(ctx, nil, func(o *resource.Options) { o.Presign.Expires = time.Hour })
//
// Nothing is sent. An input naming another object is an error.
func (o *Object) Presign(ctx context.Context, in *s3.GetObjectInput, optFns ...func(*Options)) (*PresignedRequest, error) {
	cp := clone(in)
	if err := o.own("Presign", &cp.Bucket, &cp.Key); err != nil {
		return nil, err
	}
	return o.svc.presign.PresignGetObject(ctx, cp, o.svc.call(optFns).presign...)
}

// PresignPut returns the PutObject request of in (nil is an empty input;
// in.Body is ignored) for this object, signed by its query string for
// Options.Presign.Expires, as Presign; the holder sends the body with it,
// and the headers in SignedHeader.
func (o *Object) PresignPut(ctx context.Context, in *s3.PutObjectInput, optFns ...func(*Options)) (*PresignedRequest, error) {
	cp := clone(in)
	if err := o.own("PresignPut", &cp.Bucket, &cp.Key); err != nil {
		return nil, err
	}
	return o.svc.presign.PresignPutObject(ctx, cp, o.svc.call(optFns).presign...)
}
