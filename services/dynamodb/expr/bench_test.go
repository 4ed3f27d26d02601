package expr_test

import (
	"testing"

	"github.com/goto3/goto3/services/dynamodb/attributevalue"
	"github.com/goto3/goto3/services/dynamodb/expr"
)

// BenchmarkBuild builds what a conditional UpdateItem sends: a condition
// of 4 clauses and an update of 4 actions, with one Builder.
func BenchmarkBuild(b *testing.B) {
	b.ReportAllocs()
	for b.Loop() {
		cond := expr.Attr("status").Eq("OPEN").
			And(expr.Attr("total").Between(10, 1000), expr.Attr("lines").Size().Gt(0), expr.Not(expr.Attr("archived").Exists()))
		upd := expr.Set("status", "SHIPPED").
			Set("count", expr.Plus(expr.IfNotExists("count", 0), 1)).
			Remove("draft").
			Add("tags", attributevalue.StringSet{"sent"})
		var bld expr.Builder
		if _, err := bld.Condition(cond); err != nil {
			b.Fatal(err)
		}
		if _, err := bld.Update(upd); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkBuildPrepared builds the same expressions from conditions made
// once: the cost of writing them alone.
func BenchmarkBuildPrepared(b *testing.B) {
	cond := expr.Attr("status").Eq("OPEN").
		And(expr.Attr("total").Between(10, 1000), expr.Attr("lines").Size().Gt(0), expr.Not(expr.Attr("archived").Exists()))
	upd := expr.Set("status", "SHIPPED").
		Set("count", expr.Plus(expr.IfNotExists("count", 0), 1)).
		Remove("draft").
		Add("tags", attributevalue.StringSet{"sent"})
	b.ReportAllocs()
	for b.Loop() {
		var bld expr.Builder
		if _, err := bld.Condition(cond); err != nil {
			b.Fatal(err)
		}
		if _, err := bld.Update(upd); err != nil {
			b.Fatal(err)
		}
	}
}
