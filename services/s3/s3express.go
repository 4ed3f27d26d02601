package s3

import "github.com/goto3/goto3/internal/pipeline"

// S3 Express One Zone (directory buckets such as
// "mybucket--use1-az4--x-s3"): the endpoint rules sign their requests with
// the auth scheme sigv4-s3express, for which the pipeline creates a session
// with CreateSession (with the client's credentials), caches it per bucket
// and access key id (100 buckets, refreshed 45 seconds before it expires)
// and signs with its credentials, the token in x-amz-s3session-token, as
// botocore's S3ExpressIdentityResolver and S3ExpressAuth do (see
// internal/pipeline/s3express.go). Options of the pipeline's
// DisableS3ExpressSessionAuth (botocore's s3 disable_s3_express_session_auth)
// sign them with plain SigV4 instead.
func init() { pipeline.RegisterCreateSession(&opCreateSession) }
