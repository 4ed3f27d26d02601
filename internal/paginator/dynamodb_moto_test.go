package paginator_test

import (
	"context"
	"encoding/base64"
	"strconv"
	"testing"

	"github.com/goto3/goto3"
	"github.com/goto3/goto3/internal/testing/testpeer"
	"github.com/goto3/goto3/services/dynamodb"
)

// TestMotoDynamoDBKeyTokens walks DynamoDB's Query and Scan paginators
// against moto: LastEvaluatedKey, a map of attribute values (a string
// partition key and a number sort key), goes back as ExclusiveStartKey page
// after page, through a resume token too, and the last page's absent key
// ends the walk.
func TestMotoDynamoDBKeyTokens(t *testing.T) {
	srv := testpeer.Moto(t, testpeer.MotoOptions{})
	db, err := dynamodb.New(srv.Config())
	if err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	table := testpeer.BucketName(t)
	_, err = db.CreateTable(ctx, &dynamodb.CreateTableInput{
		TableName: table,
		AttributeDefinitions: []dynamodb.AttributeDefinition{
			{AttributeName: "pk", AttributeType: dynamodb.ScalarAttributeTypeS},
			{AttributeName: "sk", AttributeType: dynamodb.ScalarAttributeTypeN},
		},
		KeySchema: []dynamodb.KeySchemaElement{
			{AttributeName: "pk", KeyType: dynamodb.KeyTypeHash},
			{AttributeName: "sk", KeyType: dynamodb.KeyTypeRange},
		},
		BillingMode: goto3.Ptr(dynamodb.BillingModePayPerRequest),
	})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.DeleteTable(context.Background(), &dynamodb.DeleteTableInput{TableName: table}) })
	const n = 5
	for i := range n {
		_, err := db.PutItem(ctx, &dynamodb.PutItemInput{TableName: table, Item: map[string]dynamodb.AttributeValue{
			"pk": {S: goto3.Ptr("c#1")}, "sk": {N: goto3.Ptr(strconv.Itoa(i))}, "blob": {B: []byte{byte(i), 0xff}},
		}})
		if err != nil {
			t.Fatal(err)
		}
	}
	query := &dynamodb.QueryInput{TableName: table, KeyConditionExpression: goto3.Ptr("pk = :pk"),
		ExpressionAttributeValues: map[string]dynamodb.AttributeValue{":pk": {S: goto3.Ptr("c#1")}}}

	sks := func(seq func(func(map[string]dynamodb.AttributeValue, error) bool)) []string {
		t.Helper()
		var got []string
		for item, err := range seq {
			if err != nil {
				t.Fatal(err)
			}
			got = append(got, *item["sk"].N)
		}
		return got
	}
	p := db.QueryPaginator(query)
	p.PageSize = 2
	if got := sks(p.Items(ctx)); len(got) != n || got[n-1] != "4" {
		t.Errorf("Query in pages of 2: got %q, want 0 to 4", got)
	}
	p = db.QueryPaginator(query)
	p.PageSize, p.MaxItems = 2, 3
	first := sks(p.Items(ctx))
	tok := p.ResumeToken()
	if len(first) != 3 || tok == "" {
		t.Fatalf("got %q and resume token %q, want 3 items and a token", first, tok)
	}
	// boto3's token for the same walk: its key as botocore parses it.
	if raw, err := base64.StdEncoding.DecodeString(tok); err != nil || string(raw) != `{"ExclusiveStartKey":{"pk":{"S":"c#1"},"sk":{"N":"1"}},"boto_truncate_amount":1}` {
		t.Errorf("resume token %q (%s, %v), want boto3's", tok, raw, err)
	}
	p = db.QueryPaginator(query)
	p.PageSize, p.StartingToken = 2, tok
	if rest := sks(p.Items(ctx)); len(rest) != 2 || rest[0] != "3" {
		t.Errorf("resumed from %s: got %q, want 3 and 4", tok, rest)
	}
	s := db.ScanPaginator(&dynamodb.ScanInput{TableName: table})
	s.PageSize = 2
	if got := sks(s.Items(ctx)); len(got) != n {
		t.Errorf("Scan in pages of 2: got %q, want %d items", got, n)
	}
}
