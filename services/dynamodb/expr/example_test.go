package expr_test

import (
	"fmt"
	"sort"

	"github.com/goto3/goto3/services/dynamodb/attributevalue"
	"github.com/goto3/goto3/services/dynamodb/expr"
)

// A Query's key condition and filter, built with one Builder so that they
// share the request's placeholders, as boto3's Table.query does with
// Key("pk").eq(...) & Key("sk").begins_with(...) and Attr(...).
func ExampleBuilder() {
	var b expr.Builder
	filter, err := b.Condition(expr.Attr("total").Gte(100).And(expr.Not(expr.Attr("archived").Exists())))
	if err != nil {
		panic(err)
	}
	key, err := b.KeyCondition(expr.Key("pk").Eq("customer#42").And(expr.Key("sk").BeginsWith("order#")))
	if err != nil {
		panic(err)
	}
	fmt.Println("FilterExpression:      ", filter)
	fmt.Println("KeyConditionExpression:", key)
	printPlaceholders(&b)
	// Output:
	// FilterExpression:       (#n0 >= :v0 AND (NOT attribute_exists(#n1)))
	// KeyConditionExpression: (#n2 = :v1 AND begins_with(#n3, :v2))
	// #n0 = total
	// #n1 = archived
	// #n2 = pk
	// #n3 = sk
	// :v0 = N 100
	// :v1 = S customer#42
	// :v2 = S order#
}

// An update expression with arithmetic, list_append and if_not_exists,
// and a condition on the same request.
func ExampleUpdate() {
	u := expr.Set("status", "SHIPPED").
		Set("count", expr.Plus(expr.IfNotExists("count", 0), 1)).
		Set("history", expr.ListAppend(expr.IfNotExists("history", []string{}), []string{"shipped"})).
		Remove("draft").
		Add("tags", attributevalue.StringSet{"sent"})
	var b expr.Builder
	update, err := b.Update(u)
	if err != nil {
		panic(err)
	}
	cond, err := b.Condition(expr.Attr("status").In("PAID", "PACKED"))
	if err != nil {
		panic(err)
	}
	fmt.Println(update)
	fmt.Println(cond)
	// Output:
	// SET #n0 = :v0, #n1 = if_not_exists(#n2, :v1) + :v2, #n3 = list_append(if_not_exists(#n4, :v3), :v4) REMOVE #n5 ADD #n6 :v5
	// #n7 IN (:v6, :v7)
}

// Projections name document paths; every name gets a placeholder.
func ExampleBuilder_Projection() {
	var b expr.Builder
	p, err := b.Projection("pk", "address.city", "lines[0].sku")
	if err != nil {
		panic(err)
	}
	fmt.Println(p)
	printPlaceholders(&b)
	// Output:
	// #n0, #n1.#n2, #n3[0].#n4
	// #n0 = pk
	// #n1 = address
	// #n2 = city
	// #n3 = lines
	// #n4 = sku
}

// Bad input fails before anything is sent.
func ExampleError() {
	var b expr.Builder
	_, err := b.Condition(expr.Attr("lines[x].qty").Gt(1))
	fmt.Println(err)
	_, err = b.KeyCondition(expr.Key("pk").Eq(expr.Attr("other")))
	fmt.Println(err)
	// Output:
	// expr: condition: attribute path "lines[x].qty": [x] is not a list index
	// expr: key condition: key pk compared with attribute other: key conditions take values
}

func printPlaceholders(b *expr.Builder) {
	var names []string
	for p := range b.Names() {
		names = append(names, p)
	}
	sort.Strings(names)
	for _, p := range names {
		fmt.Println(p, "=", b.Names()[p])
	}
	var values []string
	for p := range b.Values() {
		values = append(values, p)
	}
	sort.Strings(values)
	for _, p := range values {
		v := b.Values()[p]
		switch {
		case v.S != nil:
			fmt.Println(p, "= S", *v.S)
		case v.N != nil:
			fmt.Println(p, "= N", *v.N)
		default:
			fmt.Println(p, "=", v)
		}
	}
}
