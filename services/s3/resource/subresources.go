package resource

import (
	"context"

	"github.com/goto3/goto3"
	"github.com/goto3/goto3/services/s3"
)

// BucketCors is a bucket's CORS configuration (boto3's bucket.Cors()).
type BucketCors struct {
	bucket string
	svc    *Service
}

// Cors returns the bucket's CORS sub-resource. It sends nothing.
func (b *Bucket) Cors() BucketCors { return BucketCors{b.Name, b.svc} }

// Rules returns the bucket's CORS rules. A bucket without a CORS
// configuration (NoSuchCORSConfiguration) has no rules: Rules returns an
// empty slice and nil, which is what boto3 users write by hand around
// bucket.Cors().cors_rules; every other error is returned.
func (c BucketCors) Rules(ctx context.Context, optFns ...func(*Options)) ([]s3.CORSRule, error) {
	out, err := c.svc.client.GetBucketCors(ctx, &s3.GetBucketCorsInput{Bucket: c.bucket}, c.svc.call(optFns).client...)
	if err != nil {
		if goto3.ErrorCode(err) == "NoSuchCORSConfiguration" {
			return []s3.CORSRule{}, nil
		}
		return nil, err
	}
	return out.CORSRules, nil
}

// Put replaces the bucket's CORS configuration with rules.
func (c BucketCors) Put(ctx context.Context, rules []s3.CORSRule, optFns ...func(*Options)) error {
	_, err := c.svc.client.PutBucketCors(ctx, &s3.PutBucketCorsInput{Bucket: c.bucket, CORSConfiguration: &s3.CORSConfiguration{CORSRules: rules}}, c.svc.call(optFns).client...)
	return err
}

// Delete removes the bucket's CORS configuration.
func (c BucketCors) Delete(ctx context.Context, optFns ...func(*Options)) error {
	_, err := c.svc.client.DeleteBucketCors(ctx, &s3.DeleteBucketCorsInput{Bucket: c.bucket}, c.svc.call(optFns).client...)
	return err
}

// BucketVersioning is a bucket's versioning state (boto3's
// bucket.Versioning()).
type BucketVersioning struct {
	bucket string
	svc    *Service
}

// Versioning returns the bucket's versioning sub-resource. It sends
// nothing.
func (b *Bucket) Versioning() BucketVersioning { return BucketVersioning{b.Name, b.svc} }

// Status returns s3.BucketVersioningStatusEnabled,
// s3.BucketVersioningStatusSuspended, or "" for a bucket whose versioning
// was never set.
func (v BucketVersioning) Status(ctx context.Context, optFns ...func(*Options)) (s3.BucketVersioningStatus, error) {
	out, err := v.svc.client.GetBucketVersioning(ctx, &s3.GetBucketVersioningInput{Bucket: v.bucket}, v.svc.call(optFns).client...)
	if err != nil {
		return "", err
	}
	return deref(out.Status), nil
}

// Enable turns versioning on.
func (v BucketVersioning) Enable(ctx context.Context, optFns ...func(*Options)) error {
	return v.put(ctx, s3.BucketVersioningStatusEnabled, optFns)
}

// Suspend suspends versioning.
func (v BucketVersioning) Suspend(ctx context.Context, optFns ...func(*Options)) error {
	return v.put(ctx, s3.BucketVersioningStatusSuspended, optFns)
}

func (v BucketVersioning) put(ctx context.Context, st s3.BucketVersioningStatus, optFns []func(*Options)) error {
	_, err := v.svc.client.PutBucketVersioning(ctx, &s3.PutBucketVersioningInput{
		Bucket:                  v.bucket,
		VersioningConfiguration: &s3.VersioningConfiguration{Status: &st},
	}, v.svc.call(optFns).client...)
	return err
}

// BucketPolicy is a bucket's policy document (boto3's bucket.Policy()).
type BucketPolicy struct {
	bucket string
	svc    *Service
}

// Policy returns the bucket's policy sub-resource. It sends nothing.
func (b *Bucket) Policy() BucketPolicy { return BucketPolicy{b.Name, b.svc} }

// Get returns the policy JSON. A bucket without one fails with
// NoSuchBucketPolicy, as in boto3.
func (p BucketPolicy) Get(ctx context.Context, optFns ...func(*Options)) (string, error) {
	out, err := p.svc.client.GetBucketPolicy(ctx, &s3.GetBucketPolicyInput{Bucket: p.bucket}, p.svc.call(optFns).client...)
	if err != nil {
		return "", err
	}
	return deref(out.Policy), nil
}

// Put sets the policy JSON.
func (p BucketPolicy) Put(ctx context.Context, policy string, optFns ...func(*Options)) error {
	_, err := p.svc.client.PutBucketPolicy(ctx, &s3.PutBucketPolicyInput{Bucket: p.bucket, Policy: policy}, p.svc.call(optFns).client...)
	return err
}

// Delete removes the policy.
func (p BucketPolicy) Delete(ctx context.Context, optFns ...func(*Options)) error {
	_, err := p.svc.client.DeleteBucketPolicy(ctx, &s3.DeleteBucketPolicyInput{Bucket: p.bucket}, p.svc.call(optFns).client...)
	return err
}

// BucketTagging is a bucket's tag set (boto3's bucket.Tagging()).
type BucketTagging struct {
	bucket string
	svc    *Service
}

// Tagging returns the bucket's tagging sub-resource. It sends nothing.
func (b *Bucket) Tagging() BucketTagging { return BucketTagging{b.Name, b.svc} }

// Tags returns the bucket's tags. A bucket without tags (NoSuchTagSet)
// has an empty tag set: Tags returns an empty slice and nil.
func (t BucketTagging) Tags(ctx context.Context, optFns ...func(*Options)) ([]s3.Tag, error) {
	out, err := t.svc.client.GetBucketTagging(ctx, &s3.GetBucketTaggingInput{Bucket: t.bucket}, t.svc.call(optFns).client...)
	if err != nil {
		if goto3.ErrorCode(err) == "NoSuchTagSet" {
			return []s3.Tag{}, nil
		}
		return nil, err
	}
	return out.TagSet, nil
}

// Put replaces the bucket's tags.
func (t BucketTagging) Put(ctx context.Context, tags []s3.Tag, optFns ...func(*Options)) error {
	_, err := t.svc.client.PutBucketTagging(ctx, &s3.PutBucketTaggingInput{Bucket: t.bucket, Tagging: &s3.Tagging{TagSet: tags}}, t.svc.call(optFns).client...)
	return err
}

// Delete removes the bucket's tags.
func (t BucketTagging) Delete(ctx context.Context, optFns ...func(*Options)) error {
	_, err := t.svc.client.DeleteBucketTagging(ctx, &s3.DeleteBucketTaggingInput{Bucket: t.bucket}, t.svc.call(optFns).client...)
	return err
}
