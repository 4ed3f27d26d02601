// Package endpoints is an interpreter for the AWS endpoint rules language
// (rule set version 1.0): it decides, from a service's published rule set
// and a handful of parameters, which URL a request goes to and how it is
// signed.
//
// The engine knows no service. partitions.json (regions, DNS suffixes,
// FIPS and dual-stack support), vendored from botocore under rules/, is
// compiled in as Go data (partitions_gen.go, go generate): nothing is
// parsed at run time, and the region patterns are compiled the first time
// a region is not listed.
//
// Compilation turns a rule set's JSON into an internal form: every
// parameter and assigned variable gets a fixed slot, templates such as
// "https://{Bucket}.s3.{Region}.{partitionResult#dnsSuffix}" are split into
// literal and variable parts ahead of time, function and attribute names
// are interned and getAttr paths ("resourceId[1]") pre-parsed; identical
// expressions and endpoint properties are compiled once and shared (S3's
// 742 conditions are 105 distinct expressions). Resolve then walks the
// rules without maps or JSON. Load compiles any rule set; MarshalBinary
// writes the compiled form and LoadCompiled reads it back, with no JSON and
// a fixed number of allocations (one slice per kind of node; strings are
// substrings of the data). Each generated service package embeds its rule
// set in that form, written when the package is generated, and loads it
// with EmbeddedCompiled once per process, on first use: tens of
// microseconds where compiling the JSON took milliseconds.
//
// The language follows the Smithy rules-engine specification: a condition
// holds unless its function returns false or an unset value (an empty
// string holds), a variable bound with assign is visible to the rest of its
// rule, and a tree rule whose conditions hold is terminal: if none of its
// rules match, Resolve returns ErrNoRule. The functions are isSet, not,
// booleanEquals, stringEquals, getAttr, substring, parseURL, uriEncode,
// isValidHostLabel, aws.partition, aws.parseArn and
// aws.isVirtualHostableS3Bucket; the conformance cases are botocore's.
//
// Errors: when an error rule matches, Resolve returns a *RuleError whose
// message is the rule set's text verbatim ("Invalid region: region was not a
// valid DNS name."), for the caller to wrap with the operation name. Invalid
// parameter values (a bucket name with spaces, a malformed ARN) are rejected
// by the rules themselves; the engine never panics on any value.
//
// Parameters: a resolution takes a []Value, one per parameter the rule set
// declares, in the order of Parameters (sorted by name). A generated
// service package has a typed parameter struct whose fields it binds to
// those positions when it is generated (Bind checks the names once, when
// the rule set loads), so no parameter name is looked up per request.
// BuiltIn and Index give the position of a built-in ("AWS::Region",
// "SDK::Endpoint") or a named parameter; Values converts parameters given
// by name, for tools and tests.
//
// Cache: each rule set remembers its last results (a fixed number of
// entries, direct-mapped, lock-free) keyed by the parameter values after
// defaults; parameters that no rule reads, such as S3's Key, are left out
// of the key. A result is stored when its parameters come a second time,
// so parameters that never repeat (a new bucket or table per call) neither
// allocate an entry nor evict a repeated one. A repeated resolution costs
// a hash and a comparison and does not allocate. Below the cache, each
// endpoint rule keeps its headers and properties, and its URL, with the
// values they were built from (the properties of the last four sets of
// values; a URL built twice in a row for the same values): a new bucket in
// a known region builds only its URL, a new DynamoDB table nothing.
//
// Zero values and concurrency: a *RuleSet is immutable and safe for
// concurrent use; the zero RuleSet has no rules. The zero Value is unset.
// The maps and slices of an Endpoint returned by Resolve are shared with
// other results (through the cache, and through the headers and
// properties each endpoint rule keeps while the values they read stay the
// same, so that a new bucket in the same region builds only its URL), so
// they are read-only (Clone makes a copy to change). Nothing in this
// package performs I/O, so there are no bodies to close.
package endpoints
