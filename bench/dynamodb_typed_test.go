package bench

import (
	"context"
	"fmt"
	"testing"

	v2av "github.com/aws/aws-sdk-go-v2/feature/dynamodb/attributevalue"
	v2types "github.com/aws/aws-sdk-go-v2/service/dynamodb/types"

	"github.com/goto3/goto3/services/dynamodb"
	"github.com/goto3/goto3/services/dynamodb/attributevalue"
	"github.com/goto3/goto3/services/dynamodb/expr"
	"github.com/goto3/goto3/services/dynamodb/table"
)

// order is one item of queryResponse as the application's Go type, with
// each SDK's tags.
type order struct {
	PK      string   `dynamodb:"pk" dynamodbav:"pk"`
	SK      string   `dynamodb:"sk" dynamodbav:"sk"`
	Status  string   `dynamodb:"status" dynamodbav:"status"`
	Total   float64  `dynamodb:"total" dynamodbav:"total"`
	Qty     int      `dynamodb:"qty" dynamodbav:"qty"`
	Paid    bool     `dynamodb:"paid" dynamodbav:"paid"`
	Blob    []byte   `dynamodb:"blob" dynamodbav:"blob"`
	Tags    []string `dynamodb:"tags,stringset" dynamodbav:"tags,stringset"`
	Lines   []line   `dynamodb:"lines" dynamodbav:"lines"`
	Address address  `dynamodb:"address" dynamodbav:"address"`
	History []any    `dynamodb:"history" dynamodbav:"history"`
	Version int      `dynamodb:"version" dynamodbav:"version"`
}

type line struct {
	SKU   string  `dynamodb:"sku" dynamodbav:"sku"`
	Price float64 `dynamodb:"price" dynamodbav:"price"`
	Count int     `dynamodb:"count" dynamodbav:"count"`
	Note  *string `dynamodb:"note" dynamodbav:"note"`
}

type address struct {
	Street string `dynamodb:"street" dynamodbav:"street"`
	City   string `dynamodb:"city" dynamodbav:"city"`
	Zip    string `dynamodb:"zip" dynamodbav:"zip"`
	Geo    struct {
		Lat float64 `dynamodb:"lat" dynamodbav:"lat"`
		Lon float64 `dynamodb:"lon" dynamodbav:"lon"`
	} `dynamodb:"geo" dynamodbav:"geo"`
}

// BenchmarkQuery1000Typed is BenchmarkQuery1000 with the items then
// unmarshalled into the application's struct by each SDK's attribute
// value package (goto3's attributevalue.UnmarshalMap per item, v2's
// attributevalue.UnmarshalListOfMaps): what a user reading typed items
// pays.
func BenchmarkQuery1000Typed(b *testing.B) {
	a := newAnswer(queryResponse(1000))
	b.Run("goto3", func(b *testing.B) {
		c, in := goto3Client(b, a), goto3Query()
		measure(b, len(a.body), func() {
			out, err := c.Query(context.Background(), in)
			if err != nil {
				b.Fatal(err)
			}
			orders := make([]order, len(out.Items))
			for i, it := range out.Items {
				if err := attributevalue.UnmarshalMap(it, &orders[i]); err != nil {
					b.Fatal(err)
				}
			}
			checkOrders(b, orders)
		})
	})
	b.Run("goto3-table", func(b *testing.B) {
		// table.Query reads the items straight from the answer into
		// order; the loop ends with the page (its LastEvaluatedKey would
		// start another request).
		tbl := table.New(goto3Client(b, a), "orders")
		key := expr.Key("pk").Eq("customer#000001")
		measure(b, len(a.body), func() {
			orders := make([]order, 0, 1000)
			for o, err := range table.Query[order](context.Background(), tbl, key, nil) {
				if err != nil {
					b.Fatal(err)
				}
				if orders = append(orders, o); len(orders) == 1000 {
					break
				}
			}
			checkOrders(b, orders)
		})
	})
	b.Run("aws-sdk-go-v2", func(b *testing.B) {
		c, in := v2Client(a), v2Query()
		measure(b, len(a.body), func() {
			out, err := c.Query(context.Background(), in)
			if err != nil {
				b.Fatal(err)
			}
			var orders []order
			if err := v2av.UnmarshalListOfMaps(out.Items, &orders); err != nil {
				b.Fatal(err)
			}
			checkOrders(b, orders)
		})
	})
}

func checkOrders(b *testing.B, orders []order) {
	if len(orders) != 1000 {
		b.Fatalf("got %d orders", len(orders))
	}
	o := orders[999]
	if o.SK != "order#2026-12-07T10:39:33Z#999" || o.Qty != 1 || len(o.Lines) != 3 || o.Lines[2].Count != 3 || o.Lines[2].Note != nil ||
		o.Address.Geo.Lon != -122.32997 || len(o.History) != 5 || len(o.Tags) != 3 || string(o.Blob) != "signature-0123456789-abcdef" {
		b.Fatalf("order 999 decoded as %+v", o)
	}
}

// typedOrders returns n orders: the items of queryResponse as Go values.
func typedOrders(n int) []order {
	var out []order
	for i := range n {
		o := order{PK: fmt.Sprintf("customer#%06d", i/7), SK: fmt.Sprintf("order#%d", i), Status: "SHIPPED",
			Total: float64(10+i%900) + float64(i%100)/100, Qty: 1 + i%9, Paid: i%3 != 0, Blob: []byte("signature-0123456789-abcdef"),
			Tags:    []string{"gift", "express", fmt.Sprintf("fragile-%d", i%5)},
			History: []any{"created", "paid", "packed", "shipped", 1700000000 + i}, Version: i % 4}
		for j := range 3 {
			o.Lines = append(o.Lines, line{SKU: fmt.Sprintf("SKU-%05d-%d", i, j), Price: float64(3+j*4) + 0.99, Count: 1 + j})
		}
		o.Address.Street, o.Address.City, o.Address.Zip = fmt.Sprintf("%d Example Street", 100+i), "Springfield", fmt.Sprintf("%05d", i*13%100000)
		o.Address.Geo.Lat, o.Address.Geo.Lon = 47.6+float64(i)/1e5, -122.3-float64(i*3)/1e5
		out = append(out, o)
	}
	return out
}

// BenchmarkBatchWriteItem25Typed is BenchmarkBatchWriteItem25 from the
// application's structs: each SDK's attribute value package marshals the
// 25 orders, then the call is sent.
func BenchmarkBatchWriteItem25Typed(b *testing.B) {
	a := newAnswer([]byte(`{"UnprocessedItems":{}}`))
	orders := typedOrders(25)
	b.Run("goto3", func(b *testing.B) {
		c := goto3Client(b, a)
		measure(b, 0, func() {
			in := goto3Batch(puts(b, len(orders), func(i int) (map[string]dynamodb.AttributeValue, error) {
				return attributevalue.MarshalMap(&orders[i])
			}))
			if _, err := c.BatchWriteItem(context.Background(), in); err != nil {
				b.Fatal(err)
			}
		})
	})
	b.Run("goto3-table", func(b *testing.B) {
		// table's BatchWriter writes each item straight to the request's
		// JSON; Close sends the 25.
		tbl := table.New(goto3Client(b, a), "orders")
		measure(b, 0, func() {
			w, err := tbl.NewBatchWriter(context.Background(), nil)
			if err != nil {
				b.Fatal(err)
			}
			for i := range orders {
				if err := w.PutItem(&orders[i]); err != nil {
					b.Fatal(err)
				}
			}
			if err := w.Close(); err != nil {
				b.Fatal(err)
			}
		})
	})
	b.Run("aws-sdk-go-v2", func(b *testing.B) {
		c := v2Client(a)
		measure(b, 0, func() {
			in := v2Batch(puts(b, len(orders), func(i int) (map[string]v2types.AttributeValue, error) {
				return v2av.MarshalMap(&orders[i])
			}))
			if _, err := c.BatchWriteItem(context.Background(), in); err != nil {
				b.Fatal(err)
			}
		})
	})
}
