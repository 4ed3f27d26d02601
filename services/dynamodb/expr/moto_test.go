package expr_test

import (
	"context"
	"encoding/json"
	"errors"
	"os"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/goto3/goto3"
	"github.com/goto3/goto3/internal/testing/testpeer"
	"github.com/goto3/goto3/services/dynamodb"
	"github.com/goto3/goto3/services/dynamodb/attributevalue"
	"github.com/goto3/goto3/services/dynamodb/expr"
)

func TestMain(m *testing.M) {
	code := m.Run()
	testpeer.StopShared()
	os.Exit(code)
}

// motoTable makes a table with a string partition key "pk" in moto.
func motoTable(t *testing.T, name string) *dynamodb.Client {
	t.Helper()
	srv := testpeer.Moto(t, testpeer.MotoOptions{})
	c, err := dynamodb.New(srv.Config())
	if err != nil {
		t.Fatal(err)
	}
	_, err = c.CreateTable(context.Background(), &dynamodb.CreateTableInput{
		TableName:            name,
		AttributeDefinitions: []dynamodb.AttributeDefinition{{AttributeName: "pk", AttributeType: dynamodb.ScalarAttributeTypeS}},
		KeySchema:            []dynamodb.KeySchemaElement{{AttributeName: "pk", KeyType: dynamodb.KeyTypeHash}},
		BillingMode:          goto3.Ptr(dynamodb.BillingModePayPerRequest),
	})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		_, _ = c.DeleteTable(context.Background(), &dynamodb.DeleteTableInput{TableName: name})
	})
	return c
}

// TestUpdatesAgainstMoto applies update expressions built here to items in
// moto's DynamoDB and reads the items back: the expressions do what they
// say, under a condition built with the same Builder.
func TestUpdatesAgainstMoto(t *testing.T) {
	ctx := context.Background()
	c := motoTable(t, "expr-updates")
	tests := []struct {
		name string
		item string // the item before, as wire JSON of its map
		u    expr.Update
		cond expr.Condition
		want string // the item after
	}{
		{
			name: "set_values_and_nested_paths",
			item: `{"pk":{"S":"a"},"name":{"S":"old"},"m":{"M":{"x":{"M":{"y":{"N":"1"}}}}},"l":{"L":[{"N":"1"},{"N":"2"}]}}`,
			u:    expr.Set("name", "new").Set("m.x.z", "deep").Set("l[1]", 20).Set("size", map[string]any{"k": []int{1}}),
			cond: expr.Attr("name").Eq("old").And(expr.Attr("m.x.y").Eq(1)),
			want: `{"pk":{"S":"a"},"name":{"S":"new"},"m":{"M":{"x":{"M":{"y":{"N":"1"},"z":{"S":"deep"}}}}},"l":{"L":[{"N":"1"},{"N":"20"}]},"size":{"M":{"k":{"L":[{"N":"1"}]}}}}`,
		},
		{
			name: "arithmetic",
			item: `{"pk":{"S":"b"},"n":{"N":"5"},"m":{"N":"1.5"}}`,
			u: expr.Set("n", expr.Plus(expr.Attr("n"), 2)).
				Set("m", expr.Minus(expr.Attr("m"), expr.Attr("n"))).
				Set("fresh", expr.Plus(expr.IfNotExists("fresh", 100), 1)).
				Set("kept", expr.IfNotExists("n", 0)),
			cond: expr.Attr("n").Between(1, 5),
			// Every operand reads the item as it was before the update.
			want: `{"pk":{"S":"b"},"n":{"N":"7"},"m":{"N":"-3.5"},"fresh":{"N":"101"},"kept":{"N":"5"}}`,
		},
		{
			name: "lists",
			item: `{"pk":{"S":"c"},"l":{"L":[{"S":"b"}]},"r":{"L":[{"S":"x"},{"S":"y"},{"S":"z"}]}}`,
			u: expr.Set("l", expr.ListAppend(expr.ListAppend([]string{"a"}, expr.Attr("l")), []string{"c"})).
				Set("h", expr.ListAppend(expr.IfNotExists("h", []string{}), []string{"first"})).
				Remove("r[1]"),
			cond: expr.Attr("l").Size().Eq(1).And(expr.Attr("l").AttributeType(expr.TypeList)),
			want: `{"pk":{"S":"c"},"l":{"L":[{"S":"a"},{"S":"b"},{"S":"c"}]},"h":{"L":[{"S":"first"}]},"r":{"L":[{"S":"x"},{"S":"z"}]}}`,
		},
		{
			name: "remove_add_delete",
			item: `{"pk":{"S":"d"},"draft":{"S":"x"},"status":{"S":"s"},"s":{"SS":["a","b"]},"ns":{"NS":["1","2","3"]},"cnt":{"N":"1"}}`,
			u: expr.Remove("draft", "status").
				Add("cnt", 4).Add("new", -2).Add("s", attributevalue.StringSet{"c"}).Add("tags", attributevalue.StringSet{"t"}).
				Delete("ns", attributevalue.NumberSet{"2", "9"}),
			cond: expr.Attr("draft").Exists().And(expr.Attr("nope").NotExists(), expr.Attr("s").Contains("a")),
			want: `{"pk":{"S":"d"},"s":{"SS":["a","b","c"]},"ns":{"NS":["1","3"]},"cnt":{"N":"5"},"new":{"N":"-2"},"tags":{"SS":["t"]}}`,
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			item := itemFromJSON(t, tt.item)
			if _, err := c.PutItem(ctx, &dynamodb.PutItemInput{TableName: "expr-updates", Item: item}); err != nil {
				t.Fatal(err)
			}
			var b expr.Builder
			update, err := b.Update(tt.u)
			if err != nil {
				t.Fatal(err)
			}
			cond, err := b.Condition(tt.cond)
			if err != nil {
				t.Fatal(err)
			}
			_, err = c.UpdateItem(ctx, &dynamodb.UpdateItemInput{
				TableName:                 "expr-updates",
				Key:                       map[string]dynamodb.AttributeValue{"pk": item["pk"]},
				UpdateExpression:          &update,
				ConditionExpression:       &cond,
				ExpressionAttributeNames:  b.Names(),
				ExpressionAttributeValues: b.Values(),
			})
			if err != nil {
				t.Fatalf("UpdateItem %q if %q: %v", update, cond, err)
			}
			out, err := c.GetItem(ctx, &dynamodb.GetItemInput{TableName: "expr-updates", Key: map[string]dynamodb.AttributeValue{"pk": item["pk"]}, ConsistentRead: goto3.Ptr(true)})
			if err != nil {
				t.Fatal(err)
			}
			got := canonJSON(t, wire(t, dynamodb.AttributeValue{M: out.Item}))
			want := canonJSON(t, wire(t, dynamodb.AttributeValue{M: itemFromJSON(t, tt.want)}))
			if diff := cmp.Diff(want, got); diff != "" {
				t.Errorf("item after %q (-want +got):\n%s", update, diff)
			}

			// The condition no longer holds, so the same update fails.
			_, err = c.UpdateItem(ctx, &dynamodb.UpdateItemInput{
				TableName: "expr-updates", Key: map[string]dynamodb.AttributeValue{"pk": item["pk"]},
				UpdateExpression: &update, ConditionExpression: &cond,
				ExpressionAttributeNames: b.Names(), ExpressionAttributeValues: b.Values(),
			})
			var ccf *dynamodb.ConditionalCheckFailedException
			if !errors.As(err, &ccf) {
				t.Errorf("second update: got %v, want a ConditionalCheckFailedException", err)
			}
		})
	}
}

// itemFromJSON reads an item from DynamoDB's wire JSON.
func itemFromJSON(t *testing.T, s string) map[string]dynamodb.AttributeValue {
	t.Helper()
	var raw map[string]json.RawMessage
	if err := json.Unmarshal([]byte(s), &raw); err != nil {
		t.Fatal(err)
	}
	item := map[string]dynamodb.AttributeValue{}
	for k, v := range raw {
		item[k] = avFromJSON(t, v)
	}
	return item
}

func avFromJSON(t *testing.T, raw json.RawMessage) dynamodb.AttributeValue {
	t.Helper()
	var w struct {
		S    *string
		N    *string
		B    []byte
		SS   []string
		NS   []string
		BS   [][]byte
		BOOL *bool
		NULL *bool
		L    []json.RawMessage
		M    map[string]json.RawMessage
	}
	if err := json.Unmarshal(raw, &w); err != nil {
		t.Fatal(err)
	}
	av := dynamodb.AttributeValue{S: w.S, N: w.N, B: w.B, SS: w.SS, NS: w.NS, BS: w.BS, BOOL: w.BOOL, NULL: w.NULL}
	if w.L != nil {
		av.L = []dynamodb.AttributeValue{}
		for _, e := range w.L {
			av.L = append(av.L, avFromJSON(t, e))
		}
	}
	if w.M != nil {
		av.M = map[string]dynamodb.AttributeValue{}
		for k, e := range w.M {
			av.M[k] = avFromJSON(t, e)
		}
	}
	return av
}
