// Package attributevalue converts Go values to and from DynamoDB attribute
// values (dynamodb.AttributeValue), as boto3's TypeSerializer and
// TypeDeserializer (boto3.dynamodb.types) convert Python values.
//
//	item, err := attributevalue.MarshalMap(order) // a struct or map -> map[string]dynamodb.AttributeValue
//	err = attributevalue.UnmarshalMap(out.Item, &order)
//	av, err := attributevalue.Marshal(42)          // one value -> {N: "42"}
//
// # Go to DynamoDB (Marshal)
//
//	Go                                       DynamoDB
//	nil, a nil pointer, map, slice or any    NULL
//	bool                                     BOOL
//	int, int8 ... int64, uint ... uint64     N, in decimal
//	float32, float64                         N (see Numbers)
//	Number, *big.Int                         N
//	string                                   S
//	[]byte, [N]byte                          B
//	StringSet, NumberSet, BinarySet          SS, NS, BS
//	a slice or array tagged as a set         SS, NS, BS (see Sets)
//	other slices and arrays                  L
//	struct                                   M of its fields (see Structs)
//	map with string, integer or              M
//	encoding.TextMarshaler keys
//	encoding.TextMarshaler (time.Time, ...)  S, its text
//	Marshaler                                what it returns
//	dynamodb.AttributeValue                  itself
//
// Pointers and interfaces are followed. Channels, functions and complex
// numbers are errors, as is nesting deeper than DynamoDB's 32 levels
// below an item (33 maps and lists in all; this also stops a cycle of
// pointers).
//
// # DynamoDB to Go (Unmarshal)
//
// Each attribute value goes into a Go value of a matching kind: S into a
// string (or an encoding.TextUnmarshaler), N into an integer, float, Number
// or big.Int, B into a []byte (a copy) or a byte array of its length, BOOL
// into a bool, L and the sets into slices and arrays (an array shorter than
// the list keeps the first elements, a longer one is zeroed past them), M
// into a struct or a map. NULL sets the zero value (a nil pointer, map or
// slice). Attributes without a struct field, and fields without an
// attribute, are left alone; pointers are allocated as needed; an
// Unmarshaler reads its value itself.
//
// Into an interface (any), the values take boto3's shapes: S string,
// N Number, B []byte, BOOL bool, NULL nil, L []any, M map[string]any,
// and SS, NS, BS a StringSet, NumberSet, BinarySet. These marshal back to
// the attribute value they came from, so a round trip through any loses
// nothing.
//
// # DynamoDB's JSON
//
// UnmarshalItemJSON reads an item written in DynamoDB's JSON wire form
// ({"pk":{"S":"a"}}, a stream record's NewImage in a Lambda event) into a
// Go value, and UnmarshalItemsJSON an array of them (a Query answer's
// Items), by the rules above and with the same results as UnmarshalMap on
// the attribute values the client would have decoded, without building
// them: a page of items into structs costs a fraction of the time and
// allocations. AppendItemJSON is the other way: an item's JSON, the bytes
// MarshalMap and the client would write. Package table's Query and Scan
// read their pages, and its BatchWriter writes its puts, this way.
//
// # Numbers
//
// DynamoDB numbers have up to 38 significant digits; boto3 reads them into
// Decimal and refuses Python floats. Here:
//
//   - A Number holds the decimal text as it is, so it keeps every digit
//     DynamoDB sent. Marshal checks it against DynamoDB's syntax and limits
//     (ParseNumber describes them) and sends it unchanged.
//   - Integers of every size convert exactly. A number that is not an
//     integer, or does not fit the Go type (300 into an int8, -1 into a
//     uint), is an error naming the attribute.
//   - A float32 or float64 is written as the fewest digits that read back as
//     the same float (strconv.FormatFloat's precision -1): 0.1 is "0.1",
//     1e21 is "1E+21". NaN, the infinities and values beyond DynamoDB's
//     range are errors. Unmarshal fills a float only when no digit is
//     lost: the number is that shortest text of a float, or a float's exact
//     value. "0.1", "19.99" and "9223372036854775808" (2^63) convert, while
//     "0.10000000000000001" or 38 digits of pi, which a float64 would
//     round, are errors. So no float rounds silently in either direction;
//     decode into a Number to keep every digit.
//
// # Sets
//
// A DynamoDB set is written from a StringSet, NumberSet or BinarySet, or
// from a struct field tagged with the set option: `dynamodb:",stringset"`
// on a slice or array of strings, `dynamodb:",numberset"` on one of
// numbers (integers, floats, Numbers, *big.Int, strings holding numbers),
// `dynamodb:",binaryset"` on one of byte slices. DynamoDB refuses an empty
// set and duplicates, so Marshal refuses them too, naming the field (add
// omitempty to leave out an empty one); a nil set is NULL. Sets decode
// into any slice or array of a matching element type.
//
// # Structs
//
// A struct becomes a map of its exported fields, named as in the tag
//
//	type Order struct {
//		ID       string           `dynamodb:"pk"`              // attribute "pk"
//		Total    attributevalue.Number                         // attribute "Total"
//		Tags     []string         `dynamodb:"tags,stringset,omitempty"`
//		Note     string           `dynamodb:",omitempty"`      // left out when ""
//		Shipped  time.Time        `dynamodb:"shipped,omitzero"` // left out when IsZero
//		Secret   string           `dynamodb:"-"`               // never written or read
//		Audit                                                  // embedded: its fields are Order's
//	}
//
// with encoding/json's rules: the tag's name (else the Go field name),
// omitempty (left out when false, 0, "", or a nil or empty pointer,
// interface, map or slice), omitzero (left out when zero or when its
// IsZero method says so), "-" to skip; unexported fields are skipped; the
// fields of embedded structs (or pointers to structs) are flattened into
// the outer one, the shallowest of several fields with one name winning,
// then a tagged one, others of the same depth cancelling out. Attribute
// names match exactly (DynamoDB's are case-sensitive).
//
// # Errors
//
// Marshal and Unmarshal return an *Error: Path names the attribute within
// the value (a document path such as items[3].qty) and Err says what is
// wrong, for example
//
//	attributevalue: unmarshal items[3].qty: cannot unmarshal N 300 into a int8: 300 overflows int8
//
// # Contracts
//
// The functions keep no state between calls (type information is cached
// per Go type) and are safe for concurrent use. The values returned are
// the caller's: byte slices are copied in both directions, and the
// attribute values returned share nothing with the Go value, except a
// dynamodb.AttributeValue passed in, which is returned as it is.
package attributevalue
