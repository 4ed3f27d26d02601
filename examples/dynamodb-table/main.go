// Command dynamodb-table works with a DynamoDB table the way boto3's
// dynamodb.Table(name) does, in plain Go values: create a table, put an
// order under a condition, see a second put refused, update it with an
// optimistic lock, write a batch of orders (with a duplicate key), query
// them page by page with a key condition and a filter, scan, read a few
// with BatchGet, delete one, and delete the table.
//
//	go run ./examples/dynamodb-table -endpoint-url http://127.0.0.1:5000 -region us-east-1
//
// Against AWS this creates (and then deletes) a real on-demand table named
// by -table; pass -keep to leave it.
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"os"
	"time"

	"github.com/goto3/goto3"
	"github.com/goto3/goto3/examples/internal/cli"
	"github.com/goto3/goto3/services/dynamodb"
	"github.com/goto3/goto3/services/dynamodb/attributevalue"
	"github.com/goto3/goto3/services/dynamodb/expr"
	"github.com/goto3/goto3/services/dynamodb/table"
)

// Order is one item: the customer is the partition key, the order id the
// sort key.
type Order struct {
	Customer string                `dynamodb:"pk"`
	ID       string                `dynamodb:"sk"`
	Status   string                `dynamodb:"status"`
	Total    attributevalue.Number `dynamodb:"total"`
	Lines    []Line                `dynamodb:"lines"`
	Tags     []string              `dynamodb:"tags,stringset,omitempty"`
	Version  int                   `dynamodb:"version"`
}

// Line is an order line.
type Line struct {
	SKU string `dynamodb:"sku"`
	Qty int    `dynamodb:"qty"`
}

// Key is an order's key.
type Key struct {
	Customer string `dynamodb:"pk"`
	ID       string `dynamodb:"sk"`
}

func main() {
	var common cli.Flags
	common.Register(flag.CommandLine)
	name := flag.String("table", "goto3-example-orders", "table to create, use and delete")
	keep := flag.Bool("keep", false, "leave the table at the end")
	flag.Parse()
	if err := run(context.Background(), common, *name, *keep); err != nil {
		fmt.Fprintln(os.Stderr, "error:", err)
		os.Exit(1)
	}
}

func run(ctx context.Context, common cli.Flags, name string, keep bool) (err error) {
	sess, err := common.Session()
	if err != nil {
		return err
	}
	client, err := dynamodb.New(sess.Config())
	if err != nil {
		return err
	}

	if err := createTable(ctx, client, name); err != nil {
		return err
	}
	fmt.Println("created table", name)
	if !keep {
		defer func() {
			_, derr := client.DeleteTable(ctx, &dynamodb.DeleteTableInput{TableName: name})
			if derr == nil {
				fmt.Println("deleted table", name)
			}
			err = errors.Join(err, derr)
		}()
	}
	orders := table.New(client, name)

	// put_item with ConditionExpression=Attr("pk").not_exists()
	first := Order{Customer: "customer#42", ID: "order#0001", Status: "OPEN", Total: "59.90",
		Lines: []Line{{SKU: "A-1", Qty: 2}}, Version: 1}
	create := &table.PutOptions{Condition: expr.Attr("pk").NotExists()}
	if _, err := orders.PutItem(ctx, first, create); err != nil {
		return err
	}
	fmt.Println("put", first.Customer, first.ID)
	_, err = orders.PutItem(ctx, first, create)
	var ccf *dynamodb.ConditionalCheckFailedException
	if !errors.As(err, &ccf) {
		return fmt.Errorf("second put: got %v, want a ConditionalCheckFailedException", err)
	}
	fmt.Println("second put refused:", goto3.ErrorCode(err))

	// update_item with an UpdateExpression and an optimistic lock.
	key := Key{first.Customer, first.ID}
	out, err := orders.UpdateItem(ctx, key,
		expr.Set("status", "PAID").
			Set("version", expr.Plus(expr.Attr("version"), 1)).
			Set("lines", expr.ListAppend(expr.Attr("lines"), []Line{{SKU: "B-7", Qty: 1}})).
			Add("tags", attributevalue.StringSet{"priority"}),
		&table.UpdateOptions{Condition: expr.Attr("version").Eq(first.Version), ReturnValues: dynamodb.ReturnValueAllNew})
	if err != nil {
		return err
	}
	var paid Order
	if err := attributevalue.UnmarshalMap(out.Attributes, &paid); err != nil {
		return err
	}
	fmt.Printf("updated %s: status %s, version %d, %d lines, tags %v\n", paid.ID, paid.Status, paid.Version, len(paid.Lines), paid.Tags)

	// get_item
	var got Order
	found, err := orders.GetItem(ctx, key, &got, &table.GetOptions{ConsistentRead: true})
	if err != nil {
		return err
	}
	fmt.Printf("got %s: found %v, total %s\n", got.ID, found, got.Total)

	// batch_writer(overwrite_by_pkeys=["pk", "sk"])
	w, err := orders.NewBatchWriter(ctx, &table.BatchWriterOptions{OverwriteByKeys: []string{"pk", "sk"}})
	if err != nil {
		return err
	}
	writes := 0
	for i := 2; i <= 61; i++ {
		o := Order{Customer: "customer#42", ID: fmt.Sprintf("order#%04d", i), Status: []string{"OPEN", "PAID", "SHIPPED"}[i%3],
			Total: attributevalue.Number(fmt.Sprintf("%d.50", i)), Lines: []Line{{SKU: "C-3", Qty: i % 5}}, Version: 1}
		if err := w.PutItem(o); err != nil {
			return err
		}
		writes++
		if i == 30 { // the same key again, in the same buffer: this one wins
			o.Status = "CANCELLED"
			if err := w.PutItem(o); err != nil {
				return err
			}
			writes++
		}
	}
	if err := w.Close(); err != nil {
		var u *table.UnwrittenError
		if errors.As(err, &u) {
			fmt.Println(len(u.Unwritten), "writes not written")
		}
		return err
	}
	fmt.Printf("batch writer sent %d writes\n", writes)

	// query(KeyConditionExpression=Key("pk").eq(...) & Key("sk").begins_with(...),
	//       FilterExpression=Attr("status").eq("SHIPPED"), Limit=10), page by page
	pages, shipped := 0, 0
	kc := expr.Key("pk").Eq("customer#42").And(expr.Key("sk").Between("order#0010", "order#0039"))
	qo := &table.QueryOptions{Filter: expr.Attr("status").Eq("SHIPPED"), PageSize: 10}
	for page, err := range orders.QueryPages(ctx, kc, qo) {
		if err != nil {
			return err
		}
		pages++
		shipped += int(*page.Count)
	}
	fmt.Printf("query: %d shipped orders between order#0010 and order#0039, in %d pages of 10\n", shipped, pages)
	for o, err := range table.Query[Order](ctx, orders, expr.Key("pk").Eq("customer#42"), &table.QueryOptions{Descending: true, PageSize: 2}) {
		if err != nil {
			return err
		}
		fmt.Println("latest order:", o.ID, o.Status)
		break
	}

	// scan(FilterExpression=Attr("status").eq("CANCELLED"))
	for o, err := range table.Scan[Order](ctx, orders, &table.ScanOptions{Filter: expr.Attr("status").Eq("CANCELLED")}) {
		if err != nil {
			return err
		}
		fmt.Println("scan: cancelled", o.ID)
	}

	// batch_get_item
	keys := []any{Key{"customer#42", "order#0002"}, Key{"customer#42", "order#0003"}, Key{"customer#42", "order#9999"}}
	some, err := table.BatchGet[Order](ctx, orders, keys, &table.BatchGetOptions{Projection: []string{"pk", "sk", "total"}})
	if err != nil {
		return err
	}
	fmt.Printf("batch get: %d of %d keys found\n", len(some), len(keys))

	// delete_item with ReturnValues="ALL_OLD"
	del, err := orders.DeleteItem(ctx, key, &table.DeleteOptions{ReturnValues: dynamodb.ReturnValueAllOld})
	if err != nil {
		return err
	}
	var gone Order
	if err := attributevalue.UnmarshalMap(del.Attributes, &gone); err != nil {
		return err
	}
	found, err = orders.GetItem(ctx, key, nil, nil)
	if err != nil {
		return err
	}
	fmt.Printf("deleted %s (status %s); found afterwards: %v\n", gone.ID, gone.Status, found)
	return nil
}

// createTable creates the orders table, on demand, and waits until it is
// active.
func createTable(ctx context.Context, client *dynamodb.Client, name string) error {
	_, err := client.CreateTable(ctx, &dynamodb.CreateTableInput{
		TableName: name,
		AttributeDefinitions: []dynamodb.AttributeDefinition{
			{AttributeName: "pk", AttributeType: dynamodb.ScalarAttributeTypeS},
			{AttributeName: "sk", AttributeType: dynamodb.ScalarAttributeTypeS},
		},
		KeySchema: []dynamodb.KeySchemaElement{
			{AttributeName: "pk", KeyType: dynamodb.KeyTypeHash},
			{AttributeName: "sk", KeyType: dynamodb.KeyTypeRange},
		},
		BillingMode: goto3.Ptr(dynamodb.BillingModePayPerRequest),
	})
	if err != nil {
		return err
	}
	waiter := client.TableExistsWaiter()
	waiter.MaxWait = 5 * time.Minute
	return waiter.Wait(ctx, &dynamodb.DescribeTableInput{TableName: name})
}
