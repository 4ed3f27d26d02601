// Package resource is goto3's object-oriented S3 layer, the equivalent of
// boto3.resource("s3"): a Service that lists buckets and makes Bucket and
// Object values from names, with the actions and sub-resources boto3 users
// reach for (bucket.objects.filter(Prefix=...), bucket.upload_file,
// obj.load(), bucket.Cors(), ...).
//
// It adds no wire behaviour of its own: every method calls the generated
// *s3.Client or the transfer manager (package transfer), and every error
// those return reaches the caller unchanged, so errors.As finds the
// *goto3.OperationError, the *goto3.APIError and the modelled S3 errors.
//
//	boto3                                  goto3 resource
//	s3 = boto3.resource("s3")              svc, err := resource.FromSession(sess)
//	s3.buckets.all()                       svc.Buckets(ctx)
//	s3.Bucket("b")                         svc.Bucket("b")          (no request)
//	s3.Object("b", "k")                    svc.Object("b", "k")     (no request)
//	bucket.create(CreateBucketConfiguration=...)  bucket.Create(ctx)  (LocationConstraint from the region)
//	bucket.creation_date                   bucket.Load(ctx); bucket.CreationDate
//	bucket.wait_until_exists()             bucket.WaitUntilExists(ctx)
//	bucket.objects.filter(Prefix="p/")     bucket.Objects().Filter("p/").All(ctx)
//	bucket.objects.page_size(100).limit(5) bucket.Objects().PageSize(100).Limit(5)
//	bucket.objects.filter(...).delete()    bucket.Objects().Filter(...).Delete(ctx)
//	bucket.upload_file(path, key)          bucket.UploadFile(ctx, &transfer.UploadFileInput{Key: key, Path: path})
//	bucket.Cors().cors_rules               bucket.Cors().Rules(ctx)
//	obj.content_length, obj.e_tag          obj.Load(ctx); obj.ContentLength, obj.ETag
//	obj.get()["Body"]                      out, err := obj.Get(ctx); out.Body
//	obj.copy_from(CopySource=...)          obj.CopyFrom(ctx, &transfer.CopyInput{Source: transfer.Source{...}})
//	s3.meta.client.generate_presigned_url  obj.Presign(ctx, time.Hour)
//
// # Transfers
//
// UploadFile, DownloadFile (of a Bucket or an Object), Upload, DownloadTo
// and CopyFrom (of an Object) run the transfer manager, as boto3's
// resource methods run its TransferManager: they take the transfer's
// input, whose Bucket (and, for an Object, Key) the resource fills in
// (naming another is an error), and per-call changes to the manager's
// transfer.Options, such as another part size or checksum algorithm.
// Options.Transfer configures the manager itself.
//
// # Lazy loading
//
// Bucket and Object values are cheap: making one sends nothing. Their
// attributes (CreationDate; ContentLength, ETag, ...) are filled by Load,
// which boto3 calls implicitly on first attribute access; here it is
// explicit because it does I/O and can fail. Bucket.Load finds the bucket
// in ListBuckets, as boto3 does (the only API that reports a creation
// date); when the listing does not hold it, GetBucketLocation tells
// NoSuchBucket from a bucket owned by another account, and AccessDenied or
// NoSuchBucket reach the caller as *goto3.APIError values.
//
// # Contracts
//
// A *Service is safe for concurrent use; its zero value is not usable
// (make one with New or FromSession). Bucket and Object values may be used
// from several goroutines except that Load writes their attribute fields:
// do not call Load concurrently with itself or with reads of those fields.
// Collections are immutable values; each All call starts a new listing.
// A body returned by Object.Get is the caller's to close; the package never
// closes a caller's reader or writer.
package resource
