package attributevalue_test

import (
	"errors"
	"fmt"
	"sort"

	"github.com/goto3/goto3/services/dynamodb/attributevalue"
)

func ExampleMarshalMap() {
	type Line struct {
		SKU string `dynamodb:"sku"`
		Qty int    `dynamodb:"qty"`
	}
	type Order struct {
		Customer string                `dynamodb:"pk"`
		ID       string                `dynamodb:"sk"`
		Total    attributevalue.Number `dynamodb:"total"` // exact: kept as written
		Tags     []string              `dynamodb:"tags,stringset,omitempty"`
		Lines    []Line                `dynamodb:"lines"`
		Note     string                `dynamodb:"note,omitempty"`
	}
	item, err := attributevalue.MarshalMap(Order{
		Customer: "customer#42", ID: "order#1", Total: "19.99",
		Tags:  []string{"gift"},
		Lines: []Line{{"A-1", 2}},
	})
	if err != nil {
		fmt.Println(err)
		return
	}
	names := make([]string, 0, len(item))
	for name := range item {
		names = append(names, name)
	}
	sort.Strings(names)
	for _, name := range names {
		av := item[name]
		switch {
		case av.S != nil:
			fmt.Printf("%s S %s\n", name, *av.S)
		case av.N != nil:
			fmt.Printf("%s N %s\n", name, *av.N)
		case av.SS != nil:
			fmt.Printf("%s SS %v\n", name, av.SS)
		case av.L != nil:
			fmt.Printf("%s L of %d, the first with qty N %s\n", name, len(av.L), *av.L[0].M["qty"].N)
		}
	}
	// Output:
	// lines L of 1, the first with qty N 2
	// pk S customer#42
	// sk S order#1
	// tags SS [gift]
	// total N 19.99
}

func ExampleUnmarshalMap() {
	item, _ := attributevalue.MarshalMap(map[string]any{
		"pk": "customer#42", "total": attributevalue.Number("19.99"), "qty": 300,
		"tags": attributevalue.StringSet{"gift"}, "raw": []byte{1, 2},
	})
	// Into any: boto3's shapes (Number for N, StringSet for SS, ...).
	var loose map[string]any
	if err := attributevalue.UnmarshalMap(item, &loose); err != nil {
		fmt.Println(err)
		return
	}
	fmt.Printf("%T %v, %T %v, %T %v\n", loose["total"], loose["total"], loose["tags"], loose["tags"], loose["raw"], loose["raw"])

	// Into a struct: exact conversions or an error naming the attribute.
	var order struct {
		Total float64 `dynamodb:"total"`
		Qty   int8    `dynamodb:"qty"`
	}
	err := attributevalue.UnmarshalMap(item, &order)
	var ae *attributevalue.Error
	if errors.As(err, &ae) {
		fmt.Println("path:", ae.Path)
		fmt.Println(err)
	}
	// Output:
	// attributevalue.Number 19.99, attributevalue.StringSet [gift], []uint8 [1 2]
	// path: qty
	// attributevalue: unmarshal qty: cannot unmarshal N 300 into int8: 300 overflows int8
}

func ExampleNumber() {
	// A Number keeps every digit, where a float64 would round.
	n := attributevalue.Number("3.14159265358979323846264338327950288")
	av, _ := attributevalue.Marshal(n)
	fmt.Println(*av.N)
	if _, err := n.Float64(); err != nil {
		fmt.Println(err)
	}
	f, _ := attributevalue.Number("19.99").Float64()
	fmt.Println(f)
	_, err := attributevalue.ParseNumber("1E+126")
	fmt.Println(err)
	// Output:
	// 3.14159265358979323846264338327950288
	// 3.14159265358979323846264338327950288 is not exact as a float64 (the nearest is 3.141592653589793); decode into attributevalue.Number to keep every digit
	// 19.99
	// number "1E+126": too large: DynamoDB's numbers are below 1E+126 in magnitude
}
