package table_test

import (
	"context"
	"errors"
	"fmt"
	"os"
	"slices"
	"sort"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/goto3/goto3"
	"github.com/goto3/goto3/internal/testing/testpeer"
	"github.com/goto3/goto3/services/dynamodb"
	"github.com/goto3/goto3/services/dynamodb/attributevalue"
	"github.com/goto3/goto3/services/dynamodb/expr"
	"github.com/goto3/goto3/services/dynamodb/table"
)

func TestMain(m *testing.M) {
	code := m.Run()
	testpeer.StopShared()
	os.Exit(code)
}

// Order is a typical item: a composite key, numbers, a set, a list of
// maps and a map.
type Order struct {
	Customer string                `dynamodb:"pk"`
	Number   int                   `dynamodb:"sk"`
	Status   string                `dynamodb:"status"`
	Total    attributevalue.Number `dynamodb:"total"`
	Tags     []string              `dynamodb:"tags,stringset,omitempty"`
	Lines    []Line                `dynamodb:"lines"`
	Address  map[string]string     `dynamodb:"address,omitempty"`
	Version  int                   `dynamodb:"version"`
	Region   string                `dynamodb:"region,omitempty"`
}

type Line struct {
	SKU string `dynamodb:"sku"`
	Qty int    `dynamodb:"qty"`
}

// motoOrders makes a table "pk" (S) + "sk" (N) with a global secondary
// index "by-status" on status (S) + sk, in moto.
func motoOrders(t *testing.T) *table.Table {
	t.Helper()
	srv := testpeer.Moto(t, testpeer.MotoOptions{})
	c, err := dynamodb.New(srv.Config())
	if err != nil {
		t.Fatal(err)
	}
	name := "orders-" + t.Name()
	_, err = c.CreateTable(context.Background(), &dynamodb.CreateTableInput{
		TableName: name,
		AttributeDefinitions: []dynamodb.AttributeDefinition{
			{AttributeName: "pk", AttributeType: dynamodb.ScalarAttributeTypeS},
			{AttributeName: "sk", AttributeType: dynamodb.ScalarAttributeTypeN},
			{AttributeName: "status", AttributeType: dynamodb.ScalarAttributeTypeS},
		},
		KeySchema: []dynamodb.KeySchemaElement{
			{AttributeName: "pk", KeyType: dynamodb.KeyTypeHash},
			{AttributeName: "sk", KeyType: dynamodb.KeyTypeRange},
		},
		GlobalSecondaryIndexes: []dynamodb.GlobalSecondaryIndex{{
			IndexName: "by-status",
			KeySchema: []dynamodb.KeySchemaElement{
				{AttributeName: "status", KeyType: dynamodb.KeyTypeHash},
				{AttributeName: "sk", KeyType: dynamodb.KeyTypeRange},
			},
			Projection: &dynamodb.Projection{ProjectionType: goto3.Ptr(dynamodb.ProjectionTypeAll)},
		}},
		BillingMode: goto3.Ptr(dynamodb.BillingModePayPerRequest),
	})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		_, _ = c.DeleteTable(context.Background(), &dynamodb.DeleteTableInput{TableName: name})
	})
	return table.New(c, name)
}

func order(customer string, n int) Order {
	status := []string{"OPEN", "PAID", "SHIPPED"}[n%3]
	return Order{
		Customer: customer, Number: n, Status: status,
		Total:   attributevalue.Number(fmt.Sprintf("%d.%02d", 10*n, n)),
		Tags:    []string{"t" + fmt.Sprint(n%4)},
		Lines:   []Line{{SKU: "sku-1", Qty: n}, {SKU: "sku-2", Qty: 1}},
		Address: map[string]string{"city": "Lyon"},
		Version: 1,
	}
}

type key struct {
	PK string `dynamodb:"pk"`
	SK int    `dynamodb:"sk"`
}

// TestItemsAgainstMoto: put, get, conditional put, update and delete with
// plain Go values.
func TestItemsAgainstMoto(t *testing.T) {
	ctx := context.Background()
	orders := motoOrders(t)
	o := order("c1", 1)
	if _, err := orders.PutItem(ctx, o, &table.PutOptions{Condition: expr.Attr("pk").NotExists()}); err != nil {
		t.Fatal(err)
	}

	var got Order
	found, err := orders.GetItem(ctx, key{"c1", 1}, &got, &table.GetOptions{ConsistentRead: true})
	if err != nil || !found {
		t.Fatalf("GetItem: found %v, err %v", found, err)
	}
	if diff := cmp.Diff(o, got); diff != "" {
		t.Errorf("item read back (-put +got):\n%s", diff)
	}

	// A projection of a nested path, with a map key. (moto's projection
	// parser takes "#n1[1]" for a name: no list index here.)
	var part map[string]any
	found, err = orders.GetItem(ctx, map[string]any{"pk": "c1", "sk": 1}, &part, &table.GetOptions{Projection: []string{"status", "lines", "address.city"}})
	if err != nil || !found {
		t.Fatalf("GetItem with projection: found %v, err %v", found, err)
	}
	wantPart := map[string]any{"status": "PAID", "address": map[string]any{"city": "Lyon"}, "lines": []any{
		map[string]any{"sku": "sku-1", "qty": attributevalue.Number("1")}, map[string]any{"sku": "sku-2", "qty": attributevalue.Number("1")},
	}}
	if diff := cmp.Diff(wantPart, part); diff != "" {
		t.Errorf("projected item (-want +got):\n%s", diff)
	}

	// The same put again fails its condition, and the modelled error
	// carries the item as it is.
	_, err = orders.PutItem(ctx, o, &table.PutOptions{
		Condition:                           expr.Attr("pk").NotExists(),
		ReturnValuesOnConditionCheckFailure: dynamodb.ReturnValuesOnConditionCheckFailureAllOld,
	})
	var ccf *dynamodb.ConditionalCheckFailedException
	if !errors.As(err, &ccf) {
		t.Fatalf("second conditional put: got %v, want a ConditionalCheckFailedException", err)
	}
	var apiErr *goto3.APIError
	if !errors.As(err, &apiErr) || apiErr.Code != "ConditionalCheckFailedException" || apiErr.StatusCode != 400 {
		t.Errorf("got %v, want an APIError ConditionalCheckFailedException 400", err)
	}
	var old Order
	if err := attributevalue.UnmarshalMap(ccf.Item, &old); err != nil || !cmp.Equal(old, o) {
		t.Errorf("the failure's item: %+v, %v; want %+v", old, err, o)
	}

	// An optimistic-locking update: version must be what we read.
	out, err := orders.UpdateItem(ctx, key{"c1", 1},
		expr.Set("status", "SHIPPED").Set("version", expr.Plus(expr.Attr("version"), 1)).
			Set("lines", expr.ListAppend(expr.Attr("lines"), []Line{{SKU: "sku-3", Qty: 2}})).
			Remove("address").Add("tags", attributevalue.StringSet{"gift"}),
		&table.UpdateOptions{Condition: expr.Attr("version").Eq(1), ReturnValues: dynamodb.ReturnValueAllNew})
	if err != nil {
		t.Fatal(err)
	}
	var updated Order
	if err := attributevalue.UnmarshalMap(out.Attributes, &updated); err != nil {
		t.Fatal(err)
	}
	want := o
	want.Status, want.Version, want.Address = "SHIPPED", 2, nil
	want.Lines = append(slices.Clone(o.Lines), Line{SKU: "sku-3", Qty: 2})
	want.Tags = []string{"gift", "t1"}
	sort.Strings(updated.Tags)
	if diff := cmp.Diff(want, updated); diff != "" {
		t.Errorf("ALL_NEW after the update (-want +got):\n%s", diff)
	}
	// The same update again: the version moved on.
	_, err = orders.UpdateItem(ctx, key{"c1", 1}, expr.Set("status", "LOST"), &table.UpdateOptions{Condition: expr.Attr("version").Eq(1)})
	if !errors.As(err, &ccf) {
		t.Fatalf("stale update: got %v, want a ConditionalCheckFailedException", err)
	}

	// Delete under a condition that fails, then one that holds.
	_, err = orders.DeleteItem(ctx, key{"c1", 1}, &table.DeleteOptions{Condition: expr.Attr("status").Eq("OPEN")})
	if !errors.As(err, &ccf) {
		t.Fatalf("conditional delete: got %v, want a ConditionalCheckFailedException", err)
	}
	del, err := orders.DeleteItem(ctx, key{"c1", 1}, &table.DeleteOptions{Condition: expr.Attr("status").Eq("SHIPPED"), ReturnValues: dynamodb.ReturnValueAllOld})
	if err != nil {
		t.Fatal(err)
	}
	if s := del.Attributes["status"].S; s == nil || *s != "SHIPPED" {
		t.Errorf("deleted item's status %v, want SHIPPED", del.Attributes["status"])
	}
	found, err = orders.GetItem(ctx, key{"c1", 1}, &got, nil)
	if err != nil || found {
		t.Errorf("GetItem after delete: found %v, err %v", found, err)
	}
	// Deleting what is not there is no error.
	if _, err := orders.DeleteItem(ctx, key{"c1", 1}, nil); err != nil {
		t.Errorf("delete of a missing item: %v", err)
	}
}

// TestQueryScanAgainstMoto: a query over several pages with a key
// condition, a filter and a projection; descending; on an index; a scan.
func TestQueryScanAgainstMoto(t *testing.T) {
	ctx := context.Background()
	orders := motoOrders(t)
	w, err := orders.NewBatchWriter(ctx, nil)
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range []string{"c1", "c2"} {
		for n := range 20 {
			if err := w.PutItem(order(c, n)); err != nil {
				t.Fatal(err)
			}
		}
	}
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}

	collect := func(seq func(func(Order, error) bool)) []int {
		t.Helper()
		var ns []int
		for o, err := range seq {
			if err != nil {
				t.Fatal(err)
			}
			ns = append(ns, o.Number)
		}
		return ns
	}

	// sk in [3, 15], status not OPEN, 4 items a page: several pages.
	q := &table.QueryOptions{Filter: expr.Attr("status").Ne("OPEN"), PageSize: 4, ConsistentRead: true}
	kc := expr.Key("pk").Eq("c1").And(expr.Key("sk").Between(3, 15))
	got := collect(table.Query[Order](ctx, orders, kc, q))
	want := []int{4, 5, 7, 8, 10, 11, 13, 14}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("query (-want +got):\n%s", diff)
	}
	pages, scanned := 0, 0
	for p, err := range orders.QueryPages(ctx, kc, q) {
		if err != nil {
			t.Fatal(err)
		}
		pages++
		scanned += int(*p.ScannedCount)
	}
	if pages < 4 || scanned != 13 {
		t.Errorf("got %d pages scanning %d items, want at least 4 pages of 4 scanning 13", pages, scanned)
	}

	// Descending, stopping after 3 items.
	var first3 []int
	for o, err := range table.Query[Order](ctx, orders, expr.Key("pk").Eq("c2"), &table.QueryOptions{Descending: true, PageSize: 2}) {
		if err != nil {
			t.Fatal(err)
		}
		if first3 = append(first3, o.Number); len(first3) == 3 {
			break
		}
	}
	if diff := cmp.Diff([]int{19, 18, 17}, first3); diff != "" {
		t.Errorf("descending (-want +got):\n%s", diff)
	}

	// A projection into map[string]any.
	var proj []map[string]any
	for m, err := range table.Query[map[string]any](ctx, orders, expr.Key("pk").Eq("c2").And(expr.Key("sk").Lt(2)), &table.QueryOptions{Projection: []string{"sk", "address.city"}}) {
		if err != nil {
			t.Fatal(err)
		}
		proj = append(proj, m)
	}
	wantProj := []map[string]any{
		{"sk": attributevalue.Number("0"), "address": map[string]any{"city": "Lyon"}},
		{"sk": attributevalue.Number("1"), "address": map[string]any{"city": "Lyon"}},
	}
	if diff := cmp.Diff(wantProj, proj); diff != "" {
		t.Errorf("projected query (-want +got):\n%s", diff)
	}

	// The index: SHIPPED orders of both customers with sk >= 15.
	var idx []string
	for o, err := range table.Query[Order](ctx, orders, expr.Key("status").Eq("SHIPPED").And(expr.Key("sk").Gte(15)), &table.QueryOptions{IndexName: "by-status", PageSize: 1}) {
		if err != nil {
			t.Fatal(err)
		}
		idx = append(idx, fmt.Sprint(o.Customer, "/", o.Number))
	}
	sort.Strings(idx)
	if diff := cmp.Diff([]string{"c1/17", "c2/17"}, idx); diff != "" {
		t.Errorf("index query (-want +got):\n%s", diff)
	}

	// A scan with a filter over pages of 7.
	var scan []string
	for o, err := range table.Scan[Order](ctx, orders, &table.ScanOptions{Filter: expr.Attr("lines[0].qty").Gte(18).Or(expr.Attr("tags").Contains("t0").And(expr.Attr("sk").Lt(5))), PageSize: 7}) {
		if err != nil {
			t.Fatal(err)
		}
		scan = append(scan, fmt.Sprint(o.Customer, "/", o.Number))
	}
	sort.Strings(scan)
	if diff := cmp.Diff([]string{"c1/0", "c1/18", "c1/19", "c1/4", "c2/0", "c2/18", "c2/19", "c2/4"}, scan); diff != "" {
		t.Errorf("scan (-want +got):\n%s", diff)
	}

	// A parallel scan's segments cover the table once.
	seen := map[string]int{}
	for seg := range int32(3) {
		for o, err := range table.Scan[key](ctx, orders, &table.ScanOptions{Segment: seg, TotalSegments: 3, Projection: []string{"pk", "sk"}}) {
			if err != nil {
				t.Fatal(err)
			}
			seen[fmt.Sprint(o.PK, "/", o.SK)]++
		}
	}
	if len(seen) != 40 {
		t.Errorf("segments saw %d items, want 40", len(seen))
	}
	for k, n := range seen {
		if n != 1 {
			t.Errorf("%s seen %d times", k, n)
		}
	}

	// An unknown index is the service's error (DynamoDB's
	// ValidationException, moto's ResourceNotFoundException), yielded
	// once.
	yields := 0
	for _, err := range table.Query[Order](ctx, orders, expr.Key("pk").Eq("c1"), &table.QueryOptions{IndexName: "nope"}) {
		yields++
		var apiErr *goto3.APIError
		if !errors.As(err, &apiErr) || apiErr.StatusCode != 400 {
			t.Errorf("query on a missing index: got %v, want a 400 APIError", err)
		}
	}
	if yields != 1 {
		t.Errorf("query on a missing index: %d yields, want 1", yields)
	}
}

// TestBatchAgainstMoto: a batch writer of more than 25 writes with
// duplicate keys and deletes, then BatchGet of more than 100 keys.
func TestBatchAgainstMoto(t *testing.T) {
	ctx := context.Background()
	orders := motoOrders(t)
	w, err := orders.NewBatchWriter(ctx, &table.BatchWriterOptions{OverwriteByKeys: []string{"pk", "sk"}})
	if err != nil {
		t.Fatal(err)
	}
	// 130 puts; every tenth is written again with version 2 (in the same
	// buffer: a duplicate key DynamoDB would refuse); then 10 deletes.
	for n := range 130 {
		o := order("b", n)
		if err := w.PutItem(o); err != nil {
			t.Fatal(err)
		}
		if n%10 == 0 {
			o.Version = 2
			if err := w.PutItem(o); err != nil {
				t.Fatal(err)
			}
		}
	}
	for n := 120; n < 130; n++ {
		if err := w.DeleteItem(key{"b", n}); err != nil {
			t.Fatal(err)
		}
	}
	// Written again after its delete, in the same buffer.
	if err := w.PutItem(order("b", 125)); err != nil {
		t.Fatal(err)
	}
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	if err := w.PutItem(order("b", 500)); !errors.Is(err, table.ErrClosed) {
		t.Errorf("put after Close: got %v, want ErrClosed", err)
	}

	versions := map[int]int{}
	for o, err := range table.Scan[Order](ctx, orders, &table.ScanOptions{PageSize: 50}) {
		if err != nil {
			t.Fatal(err)
		}
		versions[o.Number] = o.Version
	}
	if len(versions) != 121 {
		t.Errorf("scan found %d items, want 121", len(versions))
	}
	for n := range 130 {
		v, ok := versions[n]
		switch {
		case n >= 120 && n != 125:
			if ok {
				t.Errorf("item %d: deleted, found", n)
			}
		case n%10 == 0 && n != 120:
			if v != 2 {
				t.Errorf("item %d: version %d, want 2 (the later put)", n, v)
			}
		default:
			if !ok || v != 1 {
				t.Errorf("item %d: found %v, version %d, want 1", n, ok, v)
			}
		}
	}

	// BatchGet: 130 keys (over BatchGetItem's 100), some twice, some
	// missing.
	var keys []any
	for n := range 130 {
		keys = append(keys, key{"b", n})
	}
	keys = append(keys, key{"b", 3}, map[string]any{"pk": "b", "sk": attributevalue.Number("4.0")})
	got, err := table.BatchGet[Order](ctx, orders, keys, &table.BatchGetOptions{Projection: []string{"pk", "sk", "version"}})
	if err != nil {
		t.Fatal(err)
	}
	var ns []int
	for _, o := range got {
		ns = append(ns, o.Number)
		if o.Status != "" {
			t.Errorf("item %d has status %q past the projection", o.Number, o.Status)
		}
	}
	sort.Ints(ns)
	var wantNs []int
	for n := range 130 {
		if n < 120 || n == 125 {
			wantNs = append(wantNs, n)
		}
	}
	if diff := cmp.Diff(wantNs, ns); diff != "" {
		t.Errorf("BatchGet items (-want +got):\n%s", diff)
	}
}
