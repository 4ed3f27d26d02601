package attributevalue_test

import (
	"encoding/json"
	"testing"
	"time"

	"github.com/goto3/goto3/services/dynamodb"
	"github.com/goto3/goto3/services/dynamodb/attributevalue"
)

// benchOrder is a typical item: a dozen attributes, among them a nested
// map, a list of maps and a string set.
type benchOrder struct {
	PK       string                `dynamodb:"pk"`
	SK       string                `dynamodb:"sk"`
	Customer string                `dynamodb:"customer"`
	Status   string                `dynamodb:"status"`
	Total    attributevalue.Number `dynamodb:"total"`
	Items    int                   `dynamodb:"items"`
	Paid     bool                  `dynamodb:"paid"`
	Created  time.Time             `dynamodb:"created"`
	Tags     []string              `dynamodb:"tags,stringset"`
	Address  benchAddress          `dynamodb:"address"`
	Lines    []benchLine           `dynamodb:"lines"`
	Note     *string               `dynamodb:"note,omitempty"`
}

type benchAddress struct {
	Street string  `dynamodb:"street"`
	City   string  `dynamodb:"city"`
	Zip    string  `dynamodb:"zip"`
	Lat    float64 `dynamodb:"lat"`
	Lon    float64 `dynamodb:"lon"`
}

type benchLine struct {
	SKU   string                `dynamodb:"sku"`
	Qty   int                   `dynamodb:"qty"`
	Price attributevalue.Number `dynamodb:"price"`
}

var benchItem = benchOrder{
	PK: "customer#42", SK: "order#2026-01-02#0001", Customer: "Ana Lima", Status: "SHIPPED",
	Total: "129.95", Items: 3, Paid: true, Created: time.Date(2026, 1, 2, 3, 4, 5, 0, time.UTC),
	Tags:    []string{"gift", "express"},
	Address: benchAddress{"12 rue de la République", "Lyon", "69001", 45.764, 4.8357},
	Lines:   []benchLine{{"A-1", 2, "49.99"}, {"B-7", 1, "29.97"}},
}

func BenchmarkMarshalItem(b *testing.B) {
	b.ReportAllocs()
	for b.Loop() {
		if _, err := attributevalue.MarshalMap(&benchItem); err != nil {
			b.Fatal(err)
		}
	}
}

// benchAV is benchItem's attributes.
func benchAV(b *testing.B) map[string]dynamodb.AttributeValue {
	av, err := attributevalue.MarshalMap(&benchItem)
	if err != nil {
		b.Fatal(err)
	}
	return av
}

func BenchmarkUnmarshalItem(b *testing.B) {
	av := benchAV(b)
	b.ReportAllocs()
	for b.Loop() {
		var o benchOrder
		if err := attributevalue.UnmarshalMap(av, &o); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkUnmarshalItemAny(b *testing.B) {
	av := benchAV(b)
	b.ReportAllocs()
	for b.Loop() {
		var m map[string]any
		if err := attributevalue.UnmarshalMap(av, &m); err != nil {
			b.Fatal(err)
		}
	}
}

// wireJSON writes an item in DynamoDB's JSON wire form.
func wireJSON(m map[string]dynamodb.AttributeValue) []byte {
	b, err := json.Marshal(wireOf(dynamodb.AttributeValue{M: m}).(map[string]any)["M"])
	if err != nil {
		panic(err)
	}
	return b
}

// BenchmarkUnmarshalItemJSON reads the item from its JSON straight into
// the struct (compare with BenchmarkUnmarshalItem, which starts from the
// attribute values the codec would have built).
func BenchmarkUnmarshalItemJSON(b *testing.B) {
	data := wireJSON(benchAV(b))
	b.SetBytes(int64(len(data)))
	b.ReportAllocs()
	for b.Loop() {
		var o benchOrder
		if err := attributevalue.UnmarshalItemJSON(data, &o); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkUnmarshalItemJSONAny(b *testing.B) {
	data := wireJSON(benchAV(b))
	b.SetBytes(int64(len(data)))
	b.ReportAllocs()
	for b.Loop() {
		var m map[string]any
		if err := attributevalue.UnmarshalItemJSON(data, &m); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkAppendItemJSON writes the item as its JSON straight from the
// struct (compare with BenchmarkMarshalItem, which builds the attribute
// values the codec would then write).
func BenchmarkAppendItemJSON(b *testing.B) {
	var buf []byte
	b.ReportAllocs()
	for b.Loop() {
		var err error
		if buf, err = attributevalue.AppendItemJSON(buf[:0], &benchItem); err != nil {
			b.Fatal(err)
		}
	}
	b.SetBytes(int64(len(buf)))
}
