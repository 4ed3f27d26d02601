// Package resource is goto3's object-oriented S3 layer, the equivalent of
// boto3.resource("s3"): a Service that lists buckets and makes Bucket and
// Object values from names, with the actions and sub-resources boto3 users
// reach for (bucket.objects.filter(Prefix=...), bucket.upload_file,
// obj.load(), bucket.Cors(), ...).
//
// It adds no wire behaviour of its own: every method calls the generated
// *s3.Client, its waiters and presigner, or the transfer manager (package
// transfer), and every error those return reaches the caller unchanged, so
// errors.As finds the *goto3.OperationError, the *goto3.APIError and the
// modelled S3 errors.
//
//	boto3                                  goto3 resource
//	s3 = session.resource("s3")            svc, err := resource.FromConfig(sess.Config())
//	s3.buckets.all()                       svc.Buckets(ctx)
//	s3.create_bucket(Bucket="b")           svc.CreateBucket(ctx, &s3.CreateBucketInput{Bucket: "b"})
//	s3.Bucket("b")                         svc.Bucket("b")          (no request)
//	s3.Object("b", "k")                    svc.Object("b", "k")     (no request)
//	bucket.create()                        bucket.Create(ctx, nil)  (LocationConstraint from the region)
//	bucket.delete()                        bucket.Delete(ctx, nil)
//	bucket.creation_date                   bucket.Load(ctx); bucket.CreationDate
//	bucket.wait_until_exists()             bucket.WaitUntilExists(ctx)
//	bucket.objects.filter(Prefix="p/")     bucket.Objects().Filter("p/").All(ctx)
//	bucket.objects.page_size(100).limit(5) bucket.Objects().PageSize(100).Limit(5)
//	bucket.objects.filter(...).delete()    bucket.Objects().Filter(...).Delete(ctx)
//	bucket.upload_file(path, key)          bucket.UploadFile(ctx, &transfer.UploadFileInput{Key: key, Path: path})
//	bucket.Cors().cors_rules               bucket.Cors().Rules(ctx)
//	bucket.Versioning().status             bucket.Versioning().Status(ctx)   (an s3.BucketVersioningStatus)
//	obj.content_length, obj.storage_class  obj.Load(ctx); obj.ContentLength, obj.StorageClass (an s3.StorageClass)
//	obj.get(Range="bytes=0-9")["Body"]     out, err := obj.Get(ctx, &s3.GetObjectInput{Range: goto3.Ptr("bytes=0-9")}); out.Body
//	obj.put(Body=b, ContentType=t)         obj.Put(ctx, &s3.PutObjectInput{Body: b, ContentType: goto3.Ptr(t)})
//	obj.delete()                           obj.Delete(ctx, nil)
//	obj.copy_from(CopySource=...)          obj.CopyFrom(ctx, &transfer.CopyInput{Source: transfer.Source{...}})
//	s3.meta.client.generate_presigned_url  obj.Presign(ctx, nil)     (expiry: Options.Presign.Expires)
//	s3.meta.client                         svc.Client()
//
// # One shape
//
// A Service is made with New(client, optFns...) or FromConfig(cfg,
// optFns...); optFns set its Options, the service's configuration: the
// client options of its calls (ClientOptions), its transfer manager's
// (Transfer, boto3's TransferConfig), its waiters' (Waiter) and its
// presigner's (Presign, whose Expires is the one place a presigned
// request's expiry is set). Making a Bucket or an Object sends nothing.
// Every method that sends a request takes optFns ...func(*Options) last;
// they change a copy of the service's Options for that call only:
//
//	obj.Get(ctx, nil, func(o *resource.Options) {
//		o.ClientOptions = append(o.ClientOptions, func(co *s3.Options) { co.Region = "eu-west-1" })
//	})
//	obj.UploadFile(ctx, in, func(o *resource.Options) { o.Transfer.PartSize = 64 << 20 })
//	obj.Presign(ctx, nil, func(o *resource.Options) { o.Presign.Expires = time.Hour })
//	bucket.WaitUntilExists(ctx, func(o *resource.Options) { o.Waiter.MaxWait = time.Minute })
//
// The arguments before them follow one rule:
//
//   - an action that is one S3 operation (Bucket.Create and Delete;
//     Object.Get, Put, Delete, Presign and PresignPut; Service.CreateBucket)
//     takes that operation's input, nil meaning an empty one, and returns
//     its output. The resource sends a copy whose Bucket (and Key) are its
//     own; an input naming another bucket or key is an error, before any
//     I/O. The caller's input is not changed.
//   - a transfer (UploadFile, DownloadFile, Upload, DownloadTo, CopyFrom)
//     takes the transfer's input struct, filled in the same way;
//   - Load, Exists, the WaitUntil methods, the collections' All and Delete
//     and the sub-resources (Cors, Versioning, Policy, Tagging) take only
//     the context, and for a sub-resource's Put the value it sets.
//
// Attributes the S3 model types as an enum have that type: Object's
// StorageClass, ServerSideEncryption, ChecksumType, ReplicationStatus,
// ArchiveStatus and Object Lock fields, ObjectSummary's StorageClass and
// ChecksumAlgorithm, BucketVersioning.Status. Bucket.Region is a plain
// region name (ListBuckets reports it as a string; a legacy "EU" location
// is reported as eu-west-1).
//
// # Transfers
//
// UploadFile, DownloadFile (of a Bucket or an Object), Upload, DownloadTo
// and CopyFrom (of an Object) run the transfer manager, as boto3's
// resource methods run its TransferManager, configured by Options.Transfer
// (a call's optFns may change it: another part size, concurrency or
// checksum algorithm for that transfer). Options.ClientOptions apply to
// the manager's client calls too, before Options.Transfer.ClientOptions.
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
// (make one with New or FromConfig). Bucket and Object values may be used
// from several goroutines except that Load writes their attribute fields:
// do not call Load concurrently with itself or with reads of those fields.
// Collections are immutable values; each All call starts a new listing.
// A body returned by Object.Get is the caller's to close; the package never
// closes a caller's reader or writer.
package resource
