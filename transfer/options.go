package transfer

import (
	"crypto/md5"
	"encoding/base64"
	"maps"
	"mime"
	"path"

	"github.com/goto3/goto3/services/s3"
)

// Options are the per-transfer extra arguments (boto3's ExtraArgs), typed.
// Each Option sets one; the zero value sets nothing.
type Options struct {
	ContentType        string
	CacheControl       string
	ContentDisposition string
	ContentEncoding    string
	ContentLanguage    string
	Metadata           map[string]string
	ACL                s3.ObjectCannedACL
	StorageClass       s3.StorageClass
	// Tagging is the URL-encoded tag set, such as "a=1&b=2".
	Tagging string

	// ServerSideEncryption is s3.ServerSideEncryptionAes256 (SSE-S3) or
	// s3.ServerSideEncryptionAwsKms (SSE-KMS, with SSEKMSKeyID).
	ServerSideEncryption s3.ServerSideEncryption
	SSEKMSKeyID          string
	// SSECustomerKey is the raw 256-bit key of SSE-C; it is sent with
	// every request of the transfer (uploads, parts, downloads).
	SSECustomerKey []byte

	ExpectedBucketOwner string
	RequestPayer        s3.RequestPayer

	// Progress receives the bytes moved since its last call, the running
	// total and the object size (-1 when unknown); see ProgressFunc.
	Progress ProgressFunc
	// Size is the size of a plain io.Reader given to Upload when the
	// caller knows it, so that parts grow to fit 10,000; 0 means unknown.
	Size int64
}

// Option sets one of Options.
type Option func(*Options)

// WithContentType sets the Content-Type; unset, UploadFile guesses it from
// the file name's extension (mime.TypeByExtension).
func WithContentType(v string) Option { return func(o *Options) { o.ContentType = v } }

// WithCacheControl sets Cache-Control.
func WithCacheControl(v string) Option { return func(o *Options) { o.CacheControl = v } }

// WithContentDisposition sets Content-Disposition.
func WithContentDisposition(v string) Option {
	return func(o *Options) { o.ContentDisposition = v }
}

// WithMetadata sets the user metadata (x-amz-meta-*).
func WithMetadata(m map[string]string) Option { return func(o *Options) { o.Metadata = maps.Clone(m) } }

// WithACL sets the canned ACL.
func WithACL(v s3.ObjectCannedACL) Option { return func(o *Options) { o.ACL = v } }

// WithStorageClass sets the storage class.
func WithStorageClass(v s3.StorageClass) Option { return func(o *Options) { o.StorageClass = v } }

// WithTagging sets the URL-encoded tag set.
func WithTagging(v string) Option { return func(o *Options) { o.Tagging = v } }

// WithSSES3 asks for SSE-S3 (AES256).
func WithSSES3() Option {
	return func(o *Options) { o.ServerSideEncryption = s3.ServerSideEncryptionAes256 }
}

// WithSSEKMS asks for SSE-KMS with the given key id ("" for the AWS
// managed key).
func WithSSEKMS(keyID string) Option {
	return func(o *Options) { o.ServerSideEncryption, o.SSEKMSKeyID = s3.ServerSideEncryptionAwsKms, keyID }
}

// WithSSECustomerKey asks for SSE-C with a 256-bit key.
func WithSSECustomerKey(key []byte) Option {
	return func(o *Options) { o.SSECustomerKey = append([]byte(nil), key...) }
}

// WithExpectedBucketOwner sets the expected bucket owner's account id.
func WithExpectedBucketOwner(v string) Option {
	return func(o *Options) { o.ExpectedBucketOwner = v }
}

// WithRequestPayer sets x-amz-request-payer (s3.RequestPayerRequester).
func WithRequestPayer(v s3.RequestPayer) Option { return func(o *Options) { o.RequestPayer = v } }

// WithProgress sets the progress callback.
func WithProgress(f ProgressFunc) Option { return func(o *Options) { o.Progress = f } }

// WithSize tells Upload the size of a plain io.Reader.
func WithSize(n int64) Option { return func(o *Options) { o.Size = n } }

func applyOptions(opts []Option) *Options {
	o := &Options{}
	for _, f := range opts {
		if f != nil {
			f(o)
		}
	}
	return o
}

// guessContentType sets ContentType from name's extension when unset.
func (o *Options) guessContentType(name string) {
	if o.ContentType == "" {
		o.ContentType = mime.TypeByExtension(path.Ext(name))
	}
}

// sse holds the computed SSE-C header values.
type sse struct {
	alg, key, keyMD5 *string
}

func (o *Options) ssec() sse {
	if len(o.SSECustomerKey) == 0 {
		return sse{}
	}
	sum := md5.Sum(o.SSECustomerKey)
	alg := "AES256"
	k := base64.StdEncoding.EncodeToString(o.SSECustomerKey)
	m := base64.StdEncoding.EncodeToString(sum[:])
	return sse{&alg, &k, &m}
}

func strp(s string) *string {
	if s == "" {
		return nil
	}
	return &s
}

func enump[T ~string](v T) *T {
	if v == "" {
		return nil
	}
	return &v
}

func (o *Options) payer() *s3.RequestPayer { return enump(o.RequestPayer) }

func (o *Options) putInput(bucket, key string) *s3.PutObjectInput {
	c := o.ssec()
	return &s3.PutObjectInput{
		Bucket: bucket, Key: key,
		ContentType: strp(o.ContentType), CacheControl: strp(o.CacheControl),
		ContentDisposition: strp(o.ContentDisposition), ContentEncoding: strp(o.ContentEncoding),
		ContentLanguage: strp(o.ContentLanguage), Metadata: o.Metadata,
		ACL: enump(o.ACL), StorageClass: enump(o.StorageClass), Tagging: strp(o.Tagging),
		ServerSideEncryption: enump(o.ServerSideEncryption), SSEKMSKeyId: strp(o.SSEKMSKeyID),
		SSECustomerAlgorithm: c.alg, SSECustomerKey: c.key, SSECustomerKeyMD5: c.keyMD5,
		ExpectedBucketOwner: strp(o.ExpectedBucketOwner), RequestPayer: o.payer(),
	}
}

func (o *Options) createInput(bucket, key string) *s3.CreateMultipartUploadInput {
	c := o.ssec()
	return &s3.CreateMultipartUploadInput{
		Bucket: bucket, Key: key,
		ContentType: strp(o.ContentType), CacheControl: strp(o.CacheControl),
		ContentDisposition: strp(o.ContentDisposition), ContentEncoding: strp(o.ContentEncoding),
		ContentLanguage: strp(o.ContentLanguage), Metadata: o.Metadata,
		ACL: enump(o.ACL), StorageClass: enump(o.StorageClass), Tagging: strp(o.Tagging),
		ServerSideEncryption: enump(o.ServerSideEncryption), SSEKMSKeyId: strp(o.SSEKMSKeyID),
		SSECustomerAlgorithm: c.alg, SSECustomerKey: c.key, SSECustomerKeyMD5: c.keyMD5,
		ExpectedBucketOwner: strp(o.ExpectedBucketOwner), RequestPayer: o.payer(),
	}
}

func (o *Options) copyInput(bucket, key, source string) *s3.CopyObjectInput {
	c := o.ssec()
	in := &s3.CopyObjectInput{
		Bucket: bucket, Key: key, CopySource: source,
		ContentType: strp(o.ContentType), CacheControl: strp(o.CacheControl),
		ContentDisposition: strp(o.ContentDisposition), ContentEncoding: strp(o.ContentEncoding),
		ContentLanguage: strp(o.ContentLanguage), Metadata: o.Metadata,
		ACL: enump(o.ACL), StorageClass: enump(o.StorageClass), Tagging: strp(o.Tagging),
		ServerSideEncryption: enump(o.ServerSideEncryption), SSEKMSKeyId: strp(o.SSEKMSKeyID),
		SSECustomerAlgorithm: c.alg, SSECustomerKey: c.key, SSECustomerKeyMD5: c.keyMD5,
		ExpectedBucketOwner: strp(o.ExpectedBucketOwner), RequestPayer: o.payer(),
	}
	if o.ContentType != "" || o.CacheControl != "" || o.ContentDisposition != "" || o.ContentEncoding != "" || o.ContentLanguage != "" || o.Metadata != nil {
		d := s3.MetadataDirectiveReplace
		in.MetadataDirective = &d
	}
	if o.Tagging != "" {
		d := s3.TaggingDirectiveReplace
		in.TaggingDirective = &d
	}
	return in
}
