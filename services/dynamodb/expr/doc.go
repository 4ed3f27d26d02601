// Package expr builds DynamoDB expressions, as boto3.dynamodb.conditions
// does: conditions and filters (Attr), key conditions (Key), projections
// and update expressions, written with #n and :v placeholders for every
// attribute name and value.
//
//	cond := expr.Attr("status").Eq("OPEN").And(expr.Attr("total").Gte(100))
//	key := expr.Key("pk").Eq("customer#42").And(expr.Key("sk").BeginsWith("order#"))
//	upd := expr.Set("status", "SHIPPED").Set("n", expr.Plus(expr.Attr("n"), 1)).Remove("draft")
//
//	var b expr.Builder
//	filter, err := b.Condition(cond)   // "(#n0 = :v0 AND #n1 >= :v1)"
//	keyCond, err := b.KeyCondition(key) // "(#n2 = :v2 AND begins_with(#n3, :v3))"
//	// b.Names() and b.Values() are the request's ExpressionAttributeNames
//	// and ExpressionAttributeValues.
//
// # Placeholders
//
// A Builder writes the expressions of one request. It names each
// attribute name it writes #n0, #n1, ... and each value :v0, :v1, ..., in
// the order it writes them, as boto3's ConditionExpressionBuilder does, so
// the same expressions built in the same order give the same text. Every
// name gets a placeholder, so reserved words ("name", "size", "status")
// and names with any characters need no care. A document path is names
// separated by dots, each followed by list indexes: "address.city",
// "lines[0].qty". A name that itself holds a dot or a bracket cannot be
// written in a path (boto3 has the same rule); for a key attribute, Key
// takes the name whole.
//
// Values are marshalled with attributevalue.Marshal, so any value it takes
// (numbers, strings, []byte, structs, maps, sets) goes where a value goes.
// An AttrName (or a KeyName, or an AttrSize) passed where a value goes
// stands for that attribute instead: Attr("a").Lt(Attr("b")).
//
// # Conditions
//
// The methods of AttrName make conditions with DynamoDB's comparators and
// functions: Eq, Ne, Lt, Lte, Gt, Gte, Between, In, BeginsWith, Contains,
// Exists, NotExists, AttributeType, and Size for size(path). They combine
// with And, Or and Not, grouped as written: a.And(b, c) is
// ((a AND b) AND c), boto3's a & b & c. The methods of KeyName make key
// conditions: the partition key's Eq, then the sort key's Eq, Lt, Lte, Gt,
// Gte, Between or BeginsWith joined with And.
//
// # Updates
//
// An Update holds SET, REMOVE, ADD and DELETE actions, written in that
// order of clauses. A SET's value may be computed by DynamoDB: an
// attribute, IfNotExists, ListAppend, and one Plus or Minus at its top.
// boto3 has no update builder; the text is DynamoDB's update expression
// grammar.
//
// # Errors
//
// Building checks what DynamoDB's grammar needs and fails with an *Error
// before anything is sent: an empty or malformed path, a value that does
// not marshal, a zero Condition, In without values, an unknown attribute
// type, a key condition comparing with an attribute, a function outside
// SET. A failed build takes back the placeholders it added, so the
// Builder stays usable.
//
// # Contracts
//
// Conditions, key conditions and updates are immutable values, safe to
// share and reuse. A Builder is not safe for concurrent use; its zero
// value is ready. Values are marshalled when written, not when the
// condition is made, so a condition holding a pointer or a map sees its
// later changes.
package expr
