// Package jmespath is JMESPath (https://jmespath.org/specification.html),
// the query language of the AWS paginator and waiter models, evaluated
// directly over generated Go values by reflection or over JSON decoded by
// encoding/json.
//
// The whole specification is supported, and the JMESPath compliance suite
// passes (testdata/compliance, run by TestCompliance): identifiers (raw and
// "quoted"), sub-expressions, indexes, slices [start:stop:step] (negative
// steps too), list and object projections ([*], .*), flatten [], filters
// [?...], multi-select lists [a, b] and hashes {k: a}, the pipe |, ||, &&,
// !, the comparators == != < <= > >=, JSON literals `...`, raw strings
// '...', the current node @, expression references &expr, and every
// built-in function (abs avg ceil contains ends_with floor join keys length
// map max max_by merge min min_by not_null reverse sort sort_by starts_with
// sum to_array to_number to_string type values). As in jmespath.py, a raw
// string's only escape is \', and the ordering comparators give null unless
// both sides are numbers.
//
// Errors are *Error, whose Kind is the specification's error name; a Kind
// is also an errors.Is target (errors.Is(err, jmespath.InvalidType)).
// Compile reports Syntax, UnknownFunction, InvalidArity and InvalidValue (a
// slice step of 0); Search reports InvalidType (a function argument of the
// wrong type, or sort_by, min_by and max_by keys that are not all numbers
// or all strings) and InvalidValue (to_string of an infinite number, which
// JSON cannot encode).
//
// Evaluation maps Go values onto JMESPath types: a nil pointer or interface
// is null; pointers are followed; strings (and string enum types) are
// strings; integer and float kinds and json.Number are numbers; bool is
// boolean; slices and arrays are arrays ([]byte is not; a nil slice or map
// is empty, not null, since generated lists and maps are plain values);
// structs and maps with string keys are objects. A struct's members are its
// exported fields that are not null, in field order, named by field name; a
// map's members are taken in key order (so keys(), values() and .* are
// deterministic). An identifier selects the struct field of that name, or
// of that name with its first letter upper-cased (generated field names
// are the model's member names made exported), or the map entry.
// time.Time and []byte have no JMESPath type: they pass through, are equal
// only to equal values, are truthy, and are refused by typed function
// parameters (type() too).
//
// Numbers compare by value (1 == 1.0) as the specification says, but
// exactly: an integer beyond 2^53 is not rounded to a float64 first. A
// number that an expression only selects keeps its precision: Go integer
// kinds become int64 (a uint64 beyond int64's range, float64), float kinds
// float64, and a json.Number stays as it was. Integer JSON literals are
// int64 (float64 beyond that range), other literals float64 (json.Number
// beyond float64's range). Functions return int64 for results computed
// exactly from integers (length, abs, ceil and floor of an integer, sum of
// integers that does not overflow, to_number of an integer string) and
// float64 otherwise; max, min, max_by, min_by, not_null and to_number of a
// number return the argument itself.
//
// An *Expr is immutable and safe for concurrent use; the zero Expr is not
// usable. Search never modifies the data it reads and never panics on a
// compiled expression; its results may share memory with the data (a
// selected list is the data's list), so treat them as read-only. Compile
// bounds expression nesting (1000 levels) so that hostile input cannot
// exhaust the stack.
package jmespath
