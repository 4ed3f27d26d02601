// Package endpoints is an interpreter for the AWS endpoint rules language
// (rule set version 1.0): it decides, from a service's published rule set
// and a handful of parameters, which URL a request goes to and how it is
// signed.
//
// The official rule sets of S3, SES and EC2 and the partitions.json file
// (regions, DNS suffixes, FIPS and dual-stack support) are embedded, copied
// unchanged from botocore. S3, SES and EC2 return them; each is parsed and
// compiled once per process, on first use. Load compiles any other rule set.
//
// Compilation turns the JSON into an internal form: every parameter and
// assigned variable gets a fixed slot, templates such as
// "https://{Bucket}.s3.{Region}.{partitionResult#dnsSuffix}" are split into
// literal and variable parts ahead of time, function names are interned and
// getAttr paths ("resourceId[1]") pre-parsed. Resolve then walks the rules
// without maps or JSON.
//
// The language follows the Smithy rules-engine specification and botocore's
// reading of it (botocore/endpoint_provider.py): a condition holds unless
// its function returns false or an unset value, and a variable bound with
// assign is visible to the rest of its rule; a tree rule whose conditions
// hold is terminal. The functions are isSet, not, booleanEquals,
// stringEquals, getAttr, substring, parseURL, uriEncode, isValidHostLabel,
// aws.partition, aws.parseArn and aws.isVirtualHostableS3Bucket.
//
// Errors: when an error rule matches, Resolve returns a *RuleError whose
// message is the rule set's text verbatim ("Invalid region: region was not a
// valid DNS name."), for the caller to wrap with the operation name. Invalid
// parameter values (a bucket name with spaces, a malformed ARN) are rejected
// by the rules themselves; the engine never panics on any value.
//
// Zero values and concurrency: a *RuleSet is immutable and safe for
// concurrent use; its small result cache (a fixed number of entries keyed by
// parameter values) is lock-free. The zero Params is an empty parameter
// set. An Endpoint returned by Resolve may be shared with other callers
// through the cache, so its maps and slices are read-only. Nothing in this
// package performs I/O, so there are no bodies to close.
package endpoints
