package attributevalue_test

import (
	"bytes"
	"context"
	"math/rand/v2"
	"testing"

	"github.com/goto3/goto3"
	"github.com/goto3/goto3/protocol/jsonutil"
	"github.com/goto3/goto3/services/dynamodb"
	"github.com/goto3/goto3/services/dynamodb/attributevalue"
)

// AppendItemJSON is proven against the service's own path: MarshalMap,
// then the client's codec writing the item into a PutItem request, must
// give the same bytes (or both refuse).

// codecItem returns the JSON the client writes for item's attributes.
func codecItem(t testing.TB, item map[string]dynamodb.AttributeValue) ([]byte, error) {
	t.Helper()
	cp := &fakeDynamo{answer: []byte("{}")}
	if _, err := cp.client(t).PutItem(context.Background(), &dynamodb.PutItemInput{TableName: "t", Item: item}); err != nil {
		return nil, err
	}
	r := jsonutil.NewReader(cp.body)
	if err := r.BeginObject(); err != nil {
		t.Fatal(err)
	}
	for {
		key, ok, err := r.NextMember()
		if err != nil || !ok {
			t.Fatalf("no Item in %s: %v", cp.body, err)
		}
		if string(key) != "Item" {
			if err := r.Skip(); err != nil {
				t.Fatal(err)
			}
			continue
		}
		r.Peek()
		start := r.Offset()
		if err := r.Skip(); err != nil {
			t.Fatal(err)
		}
		return cp.body[start:r.Offset()], nil
	}
}

// sameBytes checks AppendItemJSON(v) against MarshalMap and the codec.
func sameBytes(t *testing.T, v any) {
	t.Helper()
	var want []byte
	av, merr := attributevalue.MarshalMap(v)
	if merr == nil {
		want, merr = codecItem(t, av)
	}
	got, err := attributevalue.AppendItemJSON([]byte("prefix"), v)
	if (merr == nil) != (err == nil) {
		t.Fatalf("%T %+v: MarshalMap and the codec: %v; AppendItemJSON: %v", v, v, merr, err)
	}
	if err != nil {
		if string(got) != "prefix" {
			t.Errorf("on an error AppendItemJSON returned %q, want dst as it was", got)
		}
		return
	}
	if !bytes.HasPrefix(got, []byte("prefix")) || !bytes.Equal(got[6:], want) {
		t.Fatalf("%T %+v:\ncodec %s\njson  %s", v, v, want, got)
	}
}

func TestAppendItemJSONCases(t *testing.T) {
	n := 5
	for _, v := range []any{
		&benchItem, benchItem, map[string]any{}, map[string]any{"a": nil, "b": []any{1, "x", nil, map[string]int{"z": 1, "a": 2}}},
		&Order{ID: "x", Tags: []string{"b", "a"}, Lines: []Line{{"s", 1.5}}, Ptr: &n, Audit: &Audit{CreatedBy: "me"}},
		Order{Tags: []string{}}, // an empty set without omitempty... with it: left out
		map[string]dynamodbAV{"a": str("x"), "b": m("c", l(num("1"), null()))},
		map[string]dynamodbAV{"a": {}}, // empty: refused by MarshalMap
		map[string]any{"u": upper("abc"), "up": (*upper)(nil)},
		nil, 42, (*Order)(nil), map[int]string{1: "a", 10: "b", 2: "c"},
		struct{ F float64 }{F: 1e400 / 1e390}, map[string]any{"nan": func() {}},
		struct {
			S  []string `dynamodb:",stringset"`
			S2 []string `dynamodb:",stringset"`
		}{S: []string{"a", "a"}},
		map[string]twoMembers{"x": {}},
	} {
		sameBytes(t, v)
	}
}

// twoMembers marshals to an attribute value with two members set, which
// MarshalMap and the codec let through (the model does not make
// AttributeValue a union; DynamoDB refuses it).
type twoMembers struct{}

func (twoMembers) MarshalAttributeValue() (dynamodbAV, error) {
	return dynamodbAV{S: goto3.Ptr("a"), N: goto3.Ptr("1")}, nil
}

// TestAppendItemJSONRandom writes the values random pages decode into.
func TestAppendItemJSONRandom(t *testing.T) {
	r := rand.New(rand.NewPCG(7, 8))
	n := 300
	if testing.Short() {
		n = 60
	}
	for range n {
		page := randomItems(r)
		sameBytesPage(t, page)
		var orders []Order
		if attributevalue.UnmarshalItemsJSON(page, &orders) == nil {
			for i := range orders {
				sameBytes(t, orders[i])
			}
		}
	}
}

// sameBytesPage checks the values page decodes into, as jsonTargets and
// as boto3's shapes.
func sameBytesPage(t *testing.T, page []byte) {
	t.Helper()
	var targets []jsonTarget
	if attributevalue.UnmarshalItemsJSON(page, &targets) == nil {
		for i := range targets {
			sameBytes(t, &targets[i])
		}
	}
	var anys []map[string]any
	if attributevalue.UnmarshalItemsJSON(page, &anys) == nil {
		for _, a := range anys {
			sameBytes(t, a)
		}
	}
}

// FuzzAppendItemJSON writes whatever values the fuzzer's pages decode
// into, as TestAppendItemJSONRandom does.
func FuzzAppendItemJSON(f *testing.F) {
	r := rand.New(rand.NewPCG(9, 10))
	for range 20 {
		f.Add(randomItems(r))
	}
	f.Fuzz(func(t *testing.T, page []byte) { sameBytesPage(t, page) })
}
