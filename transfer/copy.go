package transfer

import (
	"context"
	"errors"
	"fmt"
	"strings"

	"golang.org/x/sync/errgroup"

	"github.com/goto3/goto3/services/s3"
)

// Source names the object a copy reads.
type Source struct {
	Bucket    string
	Key       string
	VersionID string
}

// copySource is the x-amz-copy-source value: bucket/key with the key
// percent-encoded except for '/' (botocore quotes it with safe='/~').
func (s Source) copySource() string {
	var b strings.Builder
	b.WriteString(s.Bucket)
	b.WriteByte('/')
	const hex = "0123456789ABCDEF"
	for i := 0; i < len(s.Key); i++ {
		c := s.Key[i]
		if 'A' <= c && c <= 'Z' || 'a' <= c && c <= 'z' || '0' <= c && c <= '9' || strings.IndexByte("-_.~/", c) >= 0 {
			b.WriteByte(c)
		} else {
			b.WriteByte('%')
			b.WriteByte(hex[c>>4])
			b.WriteByte(hex[c&15])
		}
	}
	if s.VersionID != "" {
		b.WriteString("?versionId=")
		b.WriteString(s.VersionID)
	}
	return b.String()
}

// Copy copies src to bucket/key (boto3's copy): one CopyObject below the
// multipart threshold, UploadPartCopy ranges in parallel from it, so
// objects over 5 GiB copy too. Every range is pinned to the source's ETag.
// The multipart path carries the source's content headers and metadata
// unless options replace them, as CopyObject does.
func (m *Manager) Copy(ctx context.Context, src Source, bucket, key string, opts ...Option) (*UploadResult, error) {
	o := applyOptions(opts)
	fail := func(err error) (*UploadResult, error) {
		return nil, &UploadFailedError{Bucket: bucket, Key: key, Err: err}
	}
	hin := &s3.HeadObjectInput{Bucket: src.Bucket, Key: src.Key, RequestPayer: o.payer()}
	if src.VersionID != "" {
		hin.VersionId = &src.VersionID
	}
	head, err := m.api.HeadObject(ctx, hin, m.callOpts...)
	if err != nil {
		return fail(err)
	}
	size := int64(0)
	if head.ContentLength != nil {
		size = *head.ContentLength
	}
	etag := deref(head.ETag)
	cs := src.copySource()
	if size < m.cfg.MultipartThreshold {
		in := o.copyInput(bucket, key, cs)
		in.CopySourceIfMatch = strp(etag)
		out, err := m.api.CopyObject(ctx, in, m.callOpts...)
		if err != nil {
			return fail(err)
		}
		res := &UploadResult{Bucket: bucket, Key: key, VersionID: deref(out.VersionId), Size: size}
		if out.CopyObjectResult != nil {
			res.ETag = deref(out.CopyObjectResult.ETag)
		}
		newProgress(o.Progress, size).add(size)
		return res, nil
	}

	ps := partSizeFor(size, m.cfg.PartSize)
	if ps > MaxPartSize {
		return fail(fmt.Errorf("transfer: %d bytes need parts over S3's 5 GiB maximum", size))
	}
	cin := o.createInput(bucket, key)
	if o.ContentType == "" && o.CacheControl == "" && o.ContentDisposition == "" && o.ContentEncoding == "" && o.ContentLanguage == "" && o.Metadata == nil {
		cin.ContentType, cin.CacheControl, cin.ContentDisposition = head.ContentType, head.CacheControl, head.ContentDisposition
		cin.ContentEncoding, cin.ContentLanguage, cin.Metadata = head.ContentEncoding, head.ContentLanguage, head.Metadata
	}
	cout, err := m.api.CreateMultipartUpload(ctx, cin, m.callOpts...)
	if err != nil {
		return fail(err)
	}
	u := &mpu{m: m, bucket: bucket, key: key, id: deref(cout.UploadId), o: o, c: o.ssec()}
	if u.id == "" {
		return fail(errors.New("transfer: CreateMultipartUpload returned no upload id"))
	}
	// No per-part checksums on copies: S3 computes them from the source.
	u.noChecksum = true
	prog := newProgress(o.Progress, size)
	n := numParts(size, ps)
	u.parts = make([]s3.CompletedPart, 0, n)
	u.sizes = make([]int64, 0, n)
	g, gctx := errgroup.WithContext(ctx)
	g.SetLimit(m.cfg.Concurrency)
	for i := int64(0); i < n; i++ {
		if gctx.Err() != nil {
			break
		}
		off := i * ps
		last := min(off+ps, size) - 1
		num := int32(i + 1)
		g.Go(func() error {
			// No bandwidth tokens: the bytes move inside S3.
			in := &s3.UploadPartCopyInput{
				Bucket: bucket, Key: key, UploadId: u.id, PartNumber: num,
				CopySource: cs, CopySourceRange: strp(rangeHeader(off, last)), CopySourceIfMatch: strp(etag),
				SSECustomerAlgorithm: u.c.alg, SSECustomerKey: u.c.key, SSECustomerKeyMD5: u.c.keyMD5,
				ExpectedBucketOwner: strp(o.ExpectedBucketOwner), RequestPayer: o.payer(),
			}
			out, err := m.api.UploadPartCopy(gctx, in, m.callOpts...)
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
	var res *UploadResult
	if err == nil {
		res, err = u.complete(ctx)
	}
	if err != nil {
		return nil, u.fail(ctx, err)
	}
	return res, nil
}
