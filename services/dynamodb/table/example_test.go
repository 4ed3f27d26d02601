package table_test

import (
	"context"
	"errors"
	"fmt"
	"log"

	"github.com/goto3/goto3"
	"github.com/goto3/goto3/credentials"
	"github.com/goto3/goto3/services/dynamodb"
	"github.com/goto3/goto3/services/dynamodb/attributevalue"
	"github.com/goto3/goto3/services/dynamodb/expr"
	"github.com/goto3/goto3/services/dynamodb/table"
)

type exampleOrder struct {
	Customer string                `dynamodb:"pk"`
	ID       string                `dynamodb:"sk"`
	Status   string                `dynamodb:"status"`
	Total    attributevalue.Number `dynamodb:"total"`
	Version  int                   `dynamodb:"version"`
}

// boto3's
//
//	table = boto3.resource("dynamodb").Table("orders")
//	table.put_item(Item=order, ConditionExpression=Attr("pk").not_exists())
//	table.update_item(Key=key, UpdateExpression="SET #s = :s ...", ConditionExpression=...)
//	table.get_item(Key=key)["Item"]
func Example() {
	ctx := context.Background()
	client, err := dynamodb.New(goto3.Config{Region: "us-east-1"})
	if err != nil {
		log.Fatal(err)
	}
	orders := table.New(client, "orders")

	o := exampleOrder{Customer: "customer#42", ID: "order#0001", Status: "OPEN", Total: "59.90", Version: 1}
	_, err = orders.PutItem(ctx, o, &table.PutOptions{Condition: expr.Attr("pk").NotExists()})
	var ccf *dynamodb.ConditionalCheckFailedException
	if errors.As(err, &ccf) {
		fmt.Println("the order exists already")
	} else if err != nil {
		log.Fatal(err)
	}

	key := map[string]any{"pk": o.Customer, "sk": o.ID}
	_, err = orders.UpdateItem(ctx, key,
		expr.Set("status", "PAID").Set("version", expr.Plus(expr.Attr("version"), 1)),
		&table.UpdateOptions{Condition: expr.Attr("version").Eq(o.Version)})
	if err != nil {
		log.Fatal(err)
	}

	found, err := orders.GetItem(ctx, key, &o, &table.GetOptions{ConsistentRead: true})
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println(found, o.Status, o.Version)
}

// Query walks every page: the paid orders of a customer in 2026, newest
// first, read 50 a request.
func ExampleQuery() {
	ctx := context.Background()
	client, err := dynamodb.New(goto3.Config{Region: "us-east-1"})
	if err != nil {
		log.Fatal(err)
	}
	orders := table.New(client, "orders")
	key := expr.Key("pk").Eq("customer#42").And(expr.Key("sk").BeginsWith("order#2026-"))
	opts := &table.QueryOptions{Filter: expr.Attr("status").Eq("PAID"), Descending: true, PageSize: 50}
	for o, err := range table.Query[exampleOrder](ctx, orders, key, opts) {
		if err != nil {
			log.Fatal(err)
		}
		fmt.Println(o.ID, o.Total)
	}
}

// The batch writer, as boto3's
//
//	with table.batch_writer(overwrite_by_pkeys=["pk", "sk"]) as batch:
//	    for o in orders:
//	        batch.put_item(Item=o)
//
// Close sends what is left; its error names every write not written.
func ExampleTable_NewBatchWriter() {
	ctx := context.Background()
	client, err := dynamodb.New(goto3.Config{Region: "us-east-1"})
	if err != nil {
		log.Fatal(err)
	}
	orders := table.New(client, "orders")
	w, err := orders.NewBatchWriter(ctx, &table.BatchWriterOptions{OverwriteByKeys: []string{"pk", "sk"}})
	if err != nil {
		log.Fatal(err)
	}
	for i := range 1000 {
		if err := w.PutItem(exampleOrder{Customer: "customer#42", ID: fmt.Sprintf("order#%04d", i), Status: "OPEN"}); err != nil {
			break // the writer has failed; Close reports every write left
		}
	}
	if err := w.Close(); err != nil {
		var u *table.UnwrittenError
		if errors.As(err, &u) {
			for _, r := range u.Unwritten {
				_ = r // write them somewhere, or send them again later
			}
		}
		log.Fatal(err)
	}
}

// Input that cannot be sent fails before any request, naming what is
// wrong.
func ExampleError() {
	ctx := context.Background()
	client, err := dynamodb.New(goto3.Config{Region: "us-east-1", Credentials: credentials.Anonymous{}})
	if err != nil {
		log.Fatal(err)
	}
	orders := table.New(client, "orders")

	_, err = orders.PutItem(ctx, map[string]any{"pk": "a", "price": 0.1 + 0.2i}, nil)
	fmt.Println(err)
	_, err = orders.UpdateItem(ctx, map[string]any{"pk": "a"}, expr.Set("lines[x].qty", 1), nil)
	fmt.Println(err)
	for _, err := range table.Query[exampleOrder](ctx, orders, expr.Key("pk").Eq(expr.Attr("other")), nil) {
		fmt.Println(err)
	}
	w, err := orders.NewBatchWriter(ctx, &table.BatchWriterOptions{OverwriteByKeys: []string{"pk", "sk"}})
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println(w.PutItem(exampleOrder{Customer: "customer#42"}))
	// Output:
	// table: PutItem: item: attributevalue: marshal price: cannot marshal a complex128: DynamoDB has no such type
	// table: UpdateItem: expr: update: attribute path "lines[x].qty": [x] is not a list index
	// table: Query: expr: key condition: key pk compared with attribute other: key conditions take values
	// table: BatchWriter.PutItem: key attribute "sk" is empty: DynamoDB refuses empty string and binary keys
}
