// Package paginator is the runtime of the generated paginators: Fetch
// turns an operation and its model paginator (paginators-1.json) into the
// goto3.PageFunc behind a goto3.Paginator, which does the walking,
// MaxItems, PageSize and resume tokens.
//
// Tokens are read from the output with the model's JMESPath expressions
// (internal/jmespath; S3's ListObjects uses "NextMarker ||
// Contents[-1].Key") and written into a copy of the input by member name;
// an operation may have several tokens (S3's ListObjectVersions:
// KeyMarker and VersionIdMarker), a token left null clears its member.
// The page size goes into the input's limit member (Spec.LimitKey).
//
// A Spec is safe for concurrent use once declared. The caller's input is
// never modified. Response bodies are the client's business: paginated
// operations have no streaming output.
package paginator
