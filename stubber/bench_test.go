package stubber_test

import (
	"testing"

	"github.com/goto3/goto3"
	"github.com/goto3/goto3/services/dynamodb"
	"github.com/goto3/goto3/stubber"
)

// BenchmarkStubbedGetItem: one stubbed call, its input compared deeply with
// the expected one and its output checked against the shape.
func BenchmarkStubbedGetItem(b *testing.B) {
	b.ReportAllocs()
	st := stubber.New()
	db, err := dynamodb.New(st.Config())
	if err != nil {
		b.Fatal(err)
	}
	key := map[string]dynamodb.AttributeValue{"pk": {S: goto3.Ptr("user#1")}, "sk": {N: goto3.Ptr("42")}}
	in := &dynamodb.GetItemInput{TableName: "users", Key: key, ConsistentRead: goto3.Ptr(true)}
	out := &dynamodb.GetItemOutput{Item: map[string]dynamodb.AttributeValue{"pk": {S: goto3.Ptr("user#1")}, "name": {S: goto3.Ptr("Ann")}}}
	for b.Loop() {
		st.AddResponse("GetItem", in, out)
		if _, err := db.GetItem(ctx, in); err != nil {
			b.Fatal(err)
		}
	}
}
