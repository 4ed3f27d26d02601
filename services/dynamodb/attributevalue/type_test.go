package attributevalue_test

import (
	"testing"

	"github.com/goto3/goto3/services/dynamodb"
	"github.com/goto3/goto3/services/dynamodb/attributevalue"
)

func TestType(t *testing.T) {
	s, yes := "x", true
	for _, tc := range []struct {
		av   dynamodb.AttributeValue
		want string
	}{
		{dynamodb.AttributeValue{}, ""},
		{dynamodb.AttributeValue{S: &s}, "S"},
		{dynamodb.AttributeValue{N: &s}, "N"},
		{dynamodb.AttributeValue{B: []byte{}}, "B"},
		{dynamodb.AttributeValue{SS: []string{}}, "SS"},
		{dynamodb.AttributeValue{NS: []string{"1"}}, "NS"},
		{dynamodb.AttributeValue{BS: [][]byte{}}, "BS"},
		{dynamodb.AttributeValue{M: map[string]dynamodb.AttributeValue{}}, "M"},
		{dynamodb.AttributeValue{L: []dynamodb.AttributeValue{}}, "L"},
		{dynamodb.AttributeValue{NULL: &yes}, "NULL"},
		{dynamodb.AttributeValue{BOOL: &yes}, "BOOL"},
	} {
		if got := attributevalue.Type(tc.av); got != tc.want {
			t.Errorf("Type(%+v) = %q, want %q", tc.av, got, tc.want)
		}
	}
}
