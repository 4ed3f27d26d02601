// Package jmespath is the subset of JMESPath (https://jmespath.org/specification.html)
// that the AWS paginator and waiter models use, evaluated directly over
// generated Go values by reflection.
//
// Supported: identifiers (raw and "quoted"), sub-expressions a.b, indexes
// [0] and [-1], flatten [], list projections a[].b and a[*].b, object
// projections a.*.b, filter projections [?x == `v`], multi-select lists
// [a, b], the pipe |, ||, &&, !, the comparisons == != < <= > >=, JSON
// literals `...`, raw strings '...', @, parentheses, and the functions
// length() and contains(). Slices, multi-select hashes, expression
// references and the other functions are not supported and fail to
// compile.
//
// Evaluation maps Go values onto JMESPath types: a nil pointer, slice or
// map is null; pointers are followed; strings (and string enum types) are
// strings; integer and float kinds are numbers; bool is boolean; slices
// and arrays are arrays ([]byte is not; a nil slice or map is empty, not
// null, since generated lists and maps are plain values); structs and maps with string
// keys are objects. An identifier selects the struct field of that name,
// or of that name with its first letter upper-cased (generated field
// names are the model's member names made exported), or the map entry.
//
// An *Expr is immutable and safe for concurrent use; the zero Expr is not
// usable. Search never modifies the data it reads and never panics on a
// compiled expression.
package jmespath
