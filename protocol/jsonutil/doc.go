// Package jsonutil reads and writes the JSON bodies of the AWS JSON
// protocols (protocol/jsonrpc: AWS JSON 1.0 and 1.1; protocol/restjson:
// REST-JSON) from the schema in package protocol, as protocol/xmlutil does
// for XML: no per-shape code is generated.
//
// Plans: the first time a shape is read or written for a Go type, a plan
// is built from the schema and reflect.Type (plan.go): for a structure,
// each member's JSON name, field offset and the plan of its type; for a
// pointer, list or map, the plan of what it holds. It is data, built once
// and shared (recursive shapes such as DynamoDB's AttributeValue point
// back to their own plan). Reading and writing then go through the field
// offsets, without a reflect.Value per scalar; reflect remains for
// creating and iterating maps and for typed copies. Map entries are
// written from where the map holds them, not copied out (mapiter.go: the
// key and value pointers of reflect's map iterator), which rests on
// runtime details checked once at start-up, with reflect's copies as the
// fallback; they are filled through reflect (maptype.go says why not in
// place). Every access is to a field of the type its plan was built
// from: Decode and AppendStructure take the plan of the type of the value
// they are given.
//
// Reading: a Reader is a tokenizer over a document held in memory (a
// []byte); it hands out strings and numbers as slices of the document, so
// that Decode, walking the expected shape, converts each value straight
// into its Go field, without an intermediate tree of interface values.
// Map keys are interned (a DynamoDB Query answer repeats its attribute
// names in every item). Writing appends to a []byte (AppendStructure,
// AppendValue, AppendString, AppendDocument).
//
// Memory of decoded values: Decode keeps no reference to the document (a
// caller may reuse its buffer), and allocates few objects: the values
// decoded from one document share chunks of at most 16 KB. Strings
// (except map keys, interned, and strings over 1 KB) are cut from string
// chunks (strings.Builder, only ever appended to, so a string handed out
// is never written again); blobs from byte chunks; the targets of
// optional members (*string, *int64, *bool, ..., pointers to structures)
// from typed slabs; the backing arrays of lists from typed chunks, each
// list with its capacity equal to its length, so that appending to one
// reallocates rather than writes into its neighbour, and writing into one
// value never changes another. The trade-off: a value the caller keeps
// keeps its chunk alive, that is up to 16 KB of other values of the same
// answer (never more than the answer itself; aws-sdk-go-v2 allocates each
// value on its own, botocore keeps the whole parsed answer). Copy a value
// (strings.Clone, slices.Clone) to keep it alone for long.
//
// How values are written and read, per the Smithy protocol definitions
// (https://smithy.io/2.0/aws/protocols/aws-json-1_0-protocol.html,
// aws-restjson1-protocol.html) and botocore's JSONSerializer/JSONParser:
//   - structure members under their JSON name: the member's locationName
//     (where botocore's models carry Smithy's jsonName), else its name;
//     unset members (nil pointers, slices, maps, interfaces) are left out;
//     in responses unknown members, a union's "__type" among them, are
//     skipped, and null leaves a member unset;
//   - integers as JSON integers, exact to 64 bits (never through float64);
//     a response's integer may be written "1.0" or "1e3";
//   - float and double with the shortest decimal that reads back as the
//     same value, and NaN, Infinity and -Infinity as the strings "NaN",
//     "Infinity" and "-Infinity" (Smithy; botocore's _handle_float);
//   - bigInteger and bigDecimal (Go string) as bare JSON numbers with every
//     digit kept; a string that is not a JSON number is an error; read from
//     a number (or a string) as its exact text;
//   - timestamps, unless the member's or shape's timestampFormat says
//     otherwise, as epoch seconds: an integer, or a fraction of at most
//     millisecond precision (Smithy's epoch-seconds); read from a number
//     exactly to the nanosecond (no float rounding), or from a string in
//     any form botocore's parser takes (ISO 8601, HTTP date);
//     iso8601 and rfc822 formats are strings (xmlutil.FormatTimestamp);
//   - blobs as standard base64 strings (read with or without padding);
//   - lists and maps: the elements of a sparse list or map are pointers and
//     a nil one is null; a dense list or map has no nulls (a nil element is
//     left out, a null in a response skipped, as Smithy defines dense
//     collections); map keys are written sorted, so a body is the same
//     bytes every time (botocore writes a dict in insertion order, which a
//     Go map does not have; sorted keys keep bodies, signatures and tests
//     reproducible for a few comparisons of key prefixes per key);
//   - unions as objects with exactly one member set (more is an error when
//     writing);
//   - documents (Go any): nil, bool, string, float64, float32, Go integers,
//     json.Number (kept exact), []any and map[string]any are written; read
//     into map[string]any, []any, string, bool, json.Number and nil.
//
// Limits: a Reader nests at most MaxDepth (DefaultMaxDepth) objects and
// arrays; writing a value nested deeper than 1000 levels (a cycle of
// pointers) is an error. Invalid UTF-8 in strings is written and read as
// U+FFFD, as encoding/json does.
//
// The functions are safe for concurrent use; their shared state is the
// plans (built under a lock, then read only: the schema and Go types are
// immutable) and pools of decoder and encoder scratch state, which keep
// nothing of a call's values once it returns but the interned map keys
// (at most 512 per pooled decoder). A Reader is not safe for concurrent
// use.
package jsonutil
