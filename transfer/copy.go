package transfer

import (
	"context"
	"errors"
	"fmt"
	"regexp"

	"golang.org/x/sync/errgroup"

	"github.com/goto3/goto3/services/s3"
)

// Source names the object a copy reads.
type Source struct {
	Bucket    string
	Key       string
	VersionID string
}

// copySource is the CopySource of a copy from s, as boto3 gives botocore
// the dict {Bucket, Key, VersionId}: "bucket/key" ("bucket/object/key" for
// an access point or Outposts ARN), then "?versionId=<id>". It is not
// percent-encoded: the S3 client encodes CopySource (all but the version
// id suffix), as botocore does. A key containing "?versionId=" followed by
// no white space up to the end is the one value the two forms send
// differently (the client takes that part for the version suffix).
func (s Source) copySource() string {
	src := s.Bucket + "/" + s.Key
	if accessPointARN.MatchString(s.Bucket) {
		src = s.Bucket + "/object/" + s.Key
	}
	if s.VersionID != "" {
		src += "?versionId=" + s.VersionID
	}
	return src
}

// accessPointARN matches the bucket ARNs whose copy sources name the key
// after "/object/" (botocore's VALID_S3_ARN: an access point or Outposts
// access point ARN).
var accessPointARN = regexp.MustCompile(`^arn:(aws).*:(s3|s3-object-lambda):[a-z\-0-9]*:[0-9]{12}:accesspoint[/:][a-zA-Z0-9\-.]{1,63}$|` +
	`^arn:(aws).*:s3-outposts:[a-z\-0-9]+:[0-9]{12}:outpost[/:][a-zA-Z0-9\-]{1,63}[/:]accesspoint[/:][a-zA-Z0-9\-]{1,63}$`)

// Copy copies in.Source to in.Bucket/in.Key (boto3's copy): one
// CopyObject below the multipart threshold, UploadPartCopy ranges in
// parallel from it, so objects over 5 GiB copy too. Every range is pinned
// to the source's ETag. The multipart path carries the source's content
// headers and metadata unless the input replaces them, as CopyObject
// does. optFns change the manager's Options for this copy.
func (m *Manager) Copy(ctx context.Context, in *CopyInput, optFns ...func(*Options)) (*CopyOutput, error) {
	const op = "Copy"
	switch {
	case in == nil:
		return nil, errNilInput(op)
	case in.Bucket == "":
		return nil, errMissing(op, "Bucket")
	case in.Key == "":
		return nil, errMissing(op, "Key")
	case in.Source.Bucket == "":
		return nil, errMissing(op, "Source.Bucket")
	case in.Source.Key == "":
		return nil, errMissing(op, "Source.Key")
	}
	c, err := m.config(optFns)
	if err != nil {
		return nil, err
	}
	bucket, key, src := in.Bucket, in.Key, in.Source
	a := in.attrs()
	fail := func(err error) (*CopyOutput, error) {
		return nil, &UploadFailedError{Bucket: bucket, Key: key, Err: err}
	}
	hin := &s3.HeadObjectInput{Bucket: src.Bucket, Key: src.Key, RequestPayer: a.payer(), VersionId: strp(src.VersionID)}
	head, err := m.api.HeadObject(ctx, hin, c.callOpts...)
	if err != nil {
		return fail(err)
	}
	size := int64(0)
	if head.ContentLength != nil {
		size = *head.ContentLength
	}
	etag := deref(head.ETag)
	cs := src.copySource()
	prog := newProgress(in.Progress, size)
	if size < c.MultipartThreshold {
		cin := a.copyInput(bucket, key, cs)
		cin.CopySourceIfMatch = strp(etag)
		out, err := m.api.CopyObject(ctx, cin, c.callOpts...)
		if err != nil {
			return fail(err)
		}
		res := &CopyOutput{Bucket: bucket, Key: key, VersionID: deref(out.VersionId), Size: size}
		if out.CopyObjectResult != nil {
			res.ETag = deref(out.CopyObjectResult.ETag)
		}
		prog.add(size)
		return res, nil
	}

	ps := partSizeFor(size, c.PartSize)
	if ps > MaxPartSize {
		return fail(fmt.Errorf("transfer: %d bytes need parts over S3's 5 GiB maximum", size))
	}
	cin := a.createInput(bucket, key)
	if !a.replacesMetadata() {
		cin.ContentType, cin.CacheControl, cin.ContentDisposition = head.ContentType, head.CacheControl, head.ContentDisposition
		cin.ContentEncoding, cin.ContentLanguage, cin.Metadata = head.ContentEncoding, head.ContentLanguage, head.Metadata
	}
	cout, err := m.api.CreateMultipartUpload(ctx, cin, c.callOpts...)
	if err != nil {
		return fail(err)
	}
	// No per-part checksums on copies (alg ""): S3 computes them from the
	// source.
	u := &mpu{m: m, cfg: c, bucket: bucket, key: key, id: deref(cout.UploadId), a: a, c: a.ssec()}
	if u.id == "" {
		return fail(errors.New("transfer: CreateMultipartUpload returned no upload id"))
	}
	n := numParts(size, ps)
	u.parts = make([]s3.CompletedPart, 0, n)
	u.sizes = make([]int64, 0, n)
	g, gctx := errgroup.WithContext(ctx)
	g.SetLimit(c.Concurrency)
	for i := int64(0); i < n; i++ {
		if gctx.Err() != nil {
			break
		}
		off := i * ps
		last := min(off+ps, size) - 1
		num := int32(i + 1)
		g.Go(func() error {
			// No bandwidth tokens: the bytes move inside S3.
			pin := &s3.UploadPartCopyInput{
				Bucket: bucket, Key: key, UploadId: u.id, PartNumber: num,
				CopySource: cs, CopySourceRange: strp(rangeHeader(off, last)), CopySourceIfMatch: strp(etag),
				SSECustomerAlgorithm: u.c.alg, SSECustomerKey: u.c.key, SSECustomerKeyMD5: u.c.keyMD5,
				ExpectedBucketOwner: a.owner(), RequestPayer: a.payer(),
			}
			out, err := m.api.UploadPartCopy(gctx, pin, c.callOpts...)
			if err != nil {
				return fmt.Errorf("part %d: %w", num, err)
			}
			cp := s3.CompletedPart{PartNumber: &num}
			if out.CopyPartResult != nil {
				cp.ETag = out.CopyPartResult.ETag
			}
			u.add(cp, last-off+1)
			prog.add(last - off + 1)
			return nil
		})
	}
	err = g.Wait()
	if err == nil {
		err = ctx.Err()
	}
	var res *UploadOutput
	if err == nil {
		res, err = u.complete(ctx)
	}
	if err != nil {
		return nil, u.fail(ctx, err)
	}
	return &CopyOutput{Bucket: bucket, Key: key, ETag: res.ETag, VersionID: res.VersionID, UploadID: res.UploadID, Parts: res.Parts, Size: res.Size}, nil
}
