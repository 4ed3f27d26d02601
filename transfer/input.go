package transfer

import (
	"crypto/md5"
	"encoding/base64"
	"fmt"
	"io"
	"maps"
	"mime"
	"path"

	"github.com/goto3/goto3"
	"github.com/goto3/goto3/services/s3"
)

// A transfer's own arguments are its input struct: where (Bucket, Key,
// then the path, body or writer, in that order everywhere), the new
// object's attributes for uploads and copies (boto3's ExtraArgs, as flat
// fields with the same names in every input that takes them), the request
// options S3 wants on every request of the transfer (SSE-C key, expected
// bucket owner, request payer), and the Progress callback. The manager's
// configuration (part size, concurrency, checksum, ...) is Options,
// changed per call with optFns.
//
// A nil input is an error ("nil input"), as is a missing Bucket, Key,
// Path, Body or writer (naming the field); both are reported before any
// I/O. The manager does not keep or modify an input.

// UploadFileInput is UploadFile's input (boto3's upload_file arguments).
type UploadFileInput struct {
	Bucket string
	Key    string
	// Path is the file to upload.
	Path string

	// ContentType is the object's Content-Type; "" guesses it from Path's
	// extension (mime.TypeByExtension), as boto3 does.
	ContentType        string
	CacheControl       string
	ContentDisposition string
	ContentEncoding    string
	ContentLanguage    string
	// Metadata is the user metadata (x-amz-meta-*).
	Metadata     map[string]string
	ACL          s3.ObjectCannedACL
	StorageClass s3.StorageClass
	// Tagging is the URL-encoded tag set, such as "a=1&b=2".
	Tagging string
	// ServerSideEncryption is s3.ServerSideEncryptionAes256 (SSE-S3) or
	// s3.ServerSideEncryptionAwsKms (SSE-KMS, with SSEKMSKeyID).
	ServerSideEncryption s3.ServerSideEncryption
	SSEKMSKeyID          string

	// SSECustomerKey is the raw 256-bit key of SSE-C, sent with every
	// request of the transfer.
	SSECustomerKey      []byte
	ExpectedBucketOwner string
	RequestPayer        s3.RequestPayer

	// Progress receives the bytes sent; see ProgressFunc.
	Progress ProgressFunc
}

// UploadInput is Upload's input (boto3's upload_fileobj arguments).
type UploadInput struct {
	Bucket string
	Key    string
	// Body is what to upload; it is not closed. An io.ReaderAt that is
	// also an io.Seeker (or has a Size method) is read in place from its
	// current offset, in parallel sections; any other reader sequentially
	// into at most Concurrency part buffers.
	Body io.Reader
	// Size is the size of a Body that is a plain io.Reader when the caller
	// knows it, so that parts grow to fit MaxParts and progress has a
	// size; 0 means unknown.
	Size int64

	ContentType          string
	CacheControl         string
	ContentDisposition   string
	ContentEncoding      string
	ContentLanguage      string
	Metadata             map[string]string
	ACL                  s3.ObjectCannedACL
	StorageClass         s3.StorageClass
	Tagging              string
	ServerSideEncryption s3.ServerSideEncryption
	SSEKMSKeyID          string

	SSECustomerKey      []byte
	ExpectedBucketOwner string
	RequestPayer        s3.RequestPayer

	Progress ProgressFunc
}

// CopyInput is Copy's input (boto3's copy arguments): the destination
// Bucket and Key, then the Source. The attributes replace the source's
// (S3's REPLACE directives) when any is set; otherwise the copy keeps the
// source's content headers and metadata.
type CopyInput struct {
	Bucket string
	Key    string
	// Source is the object copied; its Bucket and Key are required.
	Source Source

	ContentType          string
	CacheControl         string
	ContentDisposition   string
	ContentEncoding      string
	ContentLanguage      string
	Metadata             map[string]string
	ACL                  s3.ObjectCannedACL
	StorageClass         s3.StorageClass
	Tagging              string
	ServerSideEncryption s3.ServerSideEncryption
	SSEKMSKeyID          string

	// SSECustomerKey is the SSE-C key of the new object.
	SSECustomerKey      []byte
	ExpectedBucketOwner string
	RequestPayer        s3.RequestPayer

	// Progress receives the bytes copied (S3 moves them; a multipart copy
	// reports each part as it completes).
	Progress ProgressFunc
}

// UploadDirInput is UploadDir's input: every regular file under Dir that
// Filter selects goes to Bucket under KeyPrefix + its slash-separated path
// relative to Dir.
type UploadDirInput struct {
	Bucket string
	// KeyPrefix is prepended to each file's relative path ("" for none;
	// give the trailing "/" yourself).
	KeyPrefix string
	// Dir is the directory to upload.
	Dir string
	// Filter selects files by relative path; nil selects every file.
	Filter Filter

	// ContentType "" guesses each file's type from its extension.
	ContentType          string
	CacheControl         string
	ContentDisposition   string
	ContentEncoding      string
	ContentLanguage      string
	Metadata             map[string]string
	ACL                  s3.ObjectCannedACL
	StorageClass         s3.StorageClass
	Tagging              string
	ServerSideEncryption s3.ServerSideEncryption
	SSEKMSKeyID          string

	SSECustomerKey      []byte
	ExpectedBucketOwner string
	RequestPayer        s3.RequestPayer

	// Progress receives the bytes of all the files together, with their
	// total size.
	Progress ProgressFunc
}

// DownloadFileInput is DownloadFile's input (boto3's download_file
// arguments).
type DownloadFileInput struct {
	Bucket string
	Key    string
	// Path is the file written: a temporary file beside it is renamed to
	// it when every byte arrived.
	Path string
	// VersionID selects a version of the object ("" for the current one).
	VersionID string

	SSECustomerKey      []byte
	ExpectedBucketOwner string
	RequestPayer        s3.RequestPayer

	// Progress receives the bytes received; see ProgressFunc.
	Progress ProgressFunc
}

// DownloadInput is Download's input: the object is written to WriterAt,
// each range at its offset, in parallel.
type DownloadInput struct {
	Bucket    string
	Key       string
	WriterAt  io.WriterAt
	VersionID string

	SSECustomerKey      []byte
	ExpectedBucketOwner string
	RequestPayer        s3.RequestPayer

	Progress ProgressFunc
}

// DownloadToInput is DownloadTo's input (boto3's download_fileobj): the
// object is written to Writer in order. Writer is not closed.
type DownloadToInput struct {
	Bucket    string
	Key       string
	Writer    io.Writer
	VersionID string

	SSECustomerKey      []byte
	ExpectedBucketOwner string
	RequestPayer        s3.RequestPayer

	Progress ProgressFunc
}

// DownloadDirInput is DownloadDir's input: every object under KeyPrefix
// that Filter selects is written to Dir at its key without the prefix.
type DownloadDirInput struct {
	Bucket    string
	KeyPrefix string
	// Dir is the directory written to; it and its subdirectories are
	// created as needed.
	Dir string
	// Filter selects objects by key without the prefix; nil selects all.
	Filter Filter

	SSECustomerKey      []byte
	ExpectedBucketOwner string
	RequestPayer        s3.RequestPayer

	// Progress receives the bytes of all the objects together; the size
	// is -1 until the listing ended, then their total.
	Progress ProgressFunc
}

// UploadOutput describes a completed upload.
type UploadOutput struct {
	Bucket    string
	Key       string
	ETag      string
	VersionID string
	// UploadID is the multipart upload's id; "" for a single PutObject.
	UploadID string
	// Parts is the number of parts (0 for a single PutObject).
	Parts int
	// Size is the number of bytes sent.
	Size int64
	// ChecksumAlgorithm, ChecksumType and Checksum are the object's
	// checksum as S3 returned it (all "" when none was sent or returned):
	// the base64 value, "<base64>-N" for a COMPOSITE multipart checksum.
	ChecksumAlgorithm s3.ChecksumAlgorithm
	ChecksumType      s3.ChecksumType
	Checksum          string
}

// CopyOutput describes a completed copy.
type CopyOutput struct {
	Bucket    string
	Key       string
	ETag      string
	VersionID string
	// UploadID and Parts describe a multipart copy ("" and 0 for a single
	// CopyObject).
	UploadID string
	Parts    int
	// Size is the size of the object copied.
	Size int64
}

// DownloadOutput describes a completed download.
type DownloadOutput struct {
	Bucket string
	Key    string
	// Size is the number of bytes written: the object's size.
	Size int64
	// ETag and VersionID are the object's, as the first range's answer
	// gave them; every other range was pinned to that ETag.
	ETag      string
	VersionID string
}

// UploadDirOutput counts the files of an UploadDir.
type UploadDirOutput struct {
	Files int
	Bytes int64
}

// DownloadDirOutput counts the files of a DownloadDir.
type DownloadDirOutput struct {
	Files int
	Bytes int64
}

// errNilInput is the error of a transfer given a nil input.
func errNilInput(op string) error { return fmt.Errorf("transfer: %s: nil input", op) }

// errMissing is the error of a transfer whose input lacks a required
// field.
func errMissing(op, field string) error {
	return fmt.Errorf("transfer: %s: %w", op, &goto3.ValidationError{Member: field, Reason: "required"})
}

// attrs are the new object's attributes and the per-request options of a
// transfer, gathered from its input.
type attrs struct {
	contentType        string
	cacheControl       string
	contentDisposition string
	contentEncoding    string
	contentLanguage    string
	metadata           map[string]string
	acl                s3.ObjectCannedACL
	storageClass       s3.StorageClass
	tagging            string
	sse                s3.ServerSideEncryption
	sseKMSKeyID        string

	ssecKey             []byte
	expectedBucketOwner string
	requestPayer        s3.RequestPayer
}

func (in *UploadFileInput) attrs() *attrs {
	return &attrs{in.ContentType, in.CacheControl, in.ContentDisposition, in.ContentEncoding, in.ContentLanguage,
		maps.Clone(in.Metadata), in.ACL, in.StorageClass, in.Tagging, in.ServerSideEncryption, in.SSEKMSKeyID,
		clone(in.SSECustomerKey), in.ExpectedBucketOwner, in.RequestPayer}
}

func (in *UploadInput) attrs() *attrs {
	return &attrs{in.ContentType, in.CacheControl, in.ContentDisposition, in.ContentEncoding, in.ContentLanguage,
		maps.Clone(in.Metadata), in.ACL, in.StorageClass, in.Tagging, in.ServerSideEncryption, in.SSEKMSKeyID,
		clone(in.SSECustomerKey), in.ExpectedBucketOwner, in.RequestPayer}
}

func (in *CopyInput) attrs() *attrs {
	return &attrs{in.ContentType, in.CacheControl, in.ContentDisposition, in.ContentEncoding, in.ContentLanguage,
		maps.Clone(in.Metadata), in.ACL, in.StorageClass, in.Tagging, in.ServerSideEncryption, in.SSEKMSKeyID,
		clone(in.SSECustomerKey), in.ExpectedBucketOwner, in.RequestPayer}
}

// fileInput is the UploadFileInput of one file of an UploadDir.
func (in *UploadDirInput) fileInput(key, path string, prog ProgressFunc) *UploadFileInput {
	return &UploadFileInput{Bucket: in.Bucket, Key: key, Path: path,
		ContentType: in.ContentType, CacheControl: in.CacheControl, ContentDisposition: in.ContentDisposition,
		ContentEncoding: in.ContentEncoding, ContentLanguage: in.ContentLanguage, Metadata: in.Metadata,
		ACL: in.ACL, StorageClass: in.StorageClass, Tagging: in.Tagging,
		ServerSideEncryption: in.ServerSideEncryption, SSEKMSKeyID: in.SSEKMSKeyID,
		SSECustomerKey: in.SSECustomerKey, ExpectedBucketOwner: in.ExpectedBucketOwner, RequestPayer: in.RequestPayer,
		Progress: prog}
}

// requestAttrs are the per-request options of a download.
func requestAttrs(key []byte, owner string, payer s3.RequestPayer) *attrs {
	return &attrs{ssecKey: clone(key), expectedBucketOwner: owner, requestPayer: payer}
}

func clone(b []byte) []byte {
	if b == nil {
		return nil
	}
	return append([]byte(nil), b...)
}

// guessContentType sets contentType from name's extension when unset.
func (a *attrs) guessContentType(name string) {
	if a.contentType == "" {
		a.contentType = mime.TypeByExtension(path.Ext(name))
	}
}

// replacesMetadata reports whether a copy sets content headers or metadata
// of its own.
func (a *attrs) replacesMetadata() bool {
	return a.contentType != "" || a.cacheControl != "" || a.contentDisposition != "" || a.contentEncoding != "" || a.contentLanguage != "" || a.metadata != nil
}

// sse holds the computed SSE-C header values.
type sse struct {
	alg, key, keyMD5 *string
}

func (a *attrs) ssec() sse {
	if len(a.ssecKey) == 0 {
		return sse{}
	}
	sum := md5.Sum(a.ssecKey)
	alg := "AES256"
	k := base64.StdEncoding.EncodeToString(a.ssecKey)
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

func (a *attrs) payer() *s3.RequestPayer { return enump(a.requestPayer) }
func (a *attrs) owner() *string          { return strp(a.expectedBucketOwner) }

func (a *attrs) putInput(bucket, key string) *s3.PutObjectInput {
	c := a.ssec()
	return &s3.PutObjectInput{
		Bucket: bucket, Key: key,
		ContentType: strp(a.contentType), CacheControl: strp(a.cacheControl),
		ContentDisposition: strp(a.contentDisposition), ContentEncoding: strp(a.contentEncoding),
		ContentLanguage: strp(a.contentLanguage), Metadata: a.metadata,
		ACL: enump(a.acl), StorageClass: enump(a.storageClass), Tagging: strp(a.tagging),
		ServerSideEncryption: enump(a.sse), SSEKMSKeyId: strp(a.sseKMSKeyID),
		SSECustomerAlgorithm: c.alg, SSECustomerKey: c.key, SSECustomerKeyMD5: c.keyMD5,
		ExpectedBucketOwner: a.owner(), RequestPayer: a.payer(),
	}
}

func (a *attrs) createInput(bucket, key string) *s3.CreateMultipartUploadInput {
	c := a.ssec()
	return &s3.CreateMultipartUploadInput{
		Bucket: bucket, Key: key,
		ContentType: strp(a.contentType), CacheControl: strp(a.cacheControl),
		ContentDisposition: strp(a.contentDisposition), ContentEncoding: strp(a.contentEncoding),
		ContentLanguage: strp(a.contentLanguage), Metadata: a.metadata,
		ACL: enump(a.acl), StorageClass: enump(a.storageClass), Tagging: strp(a.tagging),
		ServerSideEncryption: enump(a.sse), SSEKMSKeyId: strp(a.sseKMSKeyID),
		SSECustomerAlgorithm: c.alg, SSECustomerKey: c.key, SSECustomerKeyMD5: c.keyMD5,
		ExpectedBucketOwner: a.owner(), RequestPayer: a.payer(),
	}
}

func (a *attrs) copyInput(bucket, key, source string) *s3.CopyObjectInput {
	c := a.ssec()
	in := &s3.CopyObjectInput{
		Bucket: bucket, Key: key, CopySource: source,
		ContentType: strp(a.contentType), CacheControl: strp(a.cacheControl),
		ContentDisposition: strp(a.contentDisposition), ContentEncoding: strp(a.contentEncoding),
		ContentLanguage: strp(a.contentLanguage), Metadata: a.metadata,
		ACL: enump(a.acl), StorageClass: enump(a.storageClass), Tagging: strp(a.tagging),
		ServerSideEncryption: enump(a.sse), SSEKMSKeyId: strp(a.sseKMSKeyID),
		SSECustomerAlgorithm: c.alg, SSECustomerKey: c.key, SSECustomerKeyMD5: c.keyMD5,
		ExpectedBucketOwner: a.owner(), RequestPayer: a.payer(),
	}
	if a.replacesMetadata() {
		d := s3.MetadataDirectiveReplace
		in.MetadataDirective = &d
	}
	if a.tagging != "" {
		d := s3.TaggingDirectiveReplace
		in.TaggingDirective = &d
	}
	return in
}
