// Package jsonutil reads and writes the JSON bodies of the AWS JSON
// protocols (protocol/jsonrpc: AWS JSON 1.0 and 1.1; protocol/restjson:
// REST-JSON) by walking the schema in package protocol with reflect, as
// protocol/xmlutil does for XML: no per-shape code is generated.
//
// Reading: a Reader is a tokenizer over a document held in memory (a
// []byte); it hands out strings and numbers as slices of the document, so
// that Decode, walking the expected shape, converts each value straight
// into its Go field, without an intermediate tree of interface values.
// Map keys are interned per document (a DynamoDB Query answer repeats its
// attribute names in every item). Writing appends to a []byte
// (AppendStructure, AppendValue, AppendString, AppendDocument).
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
//     bytes every time;
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
// The functions are safe for concurrent use; their only shared state is a
// memo of each decoded structure shape's member names (the schema is
// immutable). A Reader is not safe for concurrent use.
package jsonutil
