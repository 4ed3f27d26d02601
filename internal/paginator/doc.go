// Package paginator is the runtime of the generated paginators: Pages
// follows an operation's continuation tokens as a model's paginator
// (paginators-1.json) describes them and yields the pages as an
// iter.Seq2[*Output, error]; Items flattens the pages into their result
// items.
//
// Tokens are read from the output with the model's JMESPath expressions
// (internal/jmespath; S3's ListObjects uses "NextMarker ||
// Contents[-1].Key") and written into a copy of the input by member name;
// an operation may have several tokens (S3's ListObjectVersions:
// KeyMarker and VersionIdMarker), a token left null clears its member.
// The page size is the input's limit member (Spec.LimitKey), set by the
// caller and kept for every page.
//
// A Spec is safe for concurrent use once declared; the iterators Pages
// returns may be ranged over several times, each time from the first page,
// and are not safe for concurrent use of one range loop. The caller's input
// is never modified. Response bodies are the client's business: paginated
// operations have no streaming output.
package paginator
