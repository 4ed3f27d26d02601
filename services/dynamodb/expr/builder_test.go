package expr_test

import (
	"errors"
	"strconv"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/goto3/goto3/services/dynamodb/attributevalue"
	"github.com/goto3/goto3/services/dynamodb/expr"
)

func TestUpdateText(t *testing.T) {
	tests := []struct {
		name   string
		u      expr.Update
		want   string
		names  []string // #n0, #n1, ... in order
		values []string // :v0, :v1, ... as wire JSON
	}{
		{"set", expr.Set("a", 1), "SET #n0 = :v0", []string{"a"}, []string{`{"N":"1"}`}},
		{"set_two", expr.Set("a", "x").Set("b.c[1]", true), "SET #n0 = :v0, #n1.#n2[1] = :v1",
			[]string{"a", "b", "c"}, []string{`{"S":"x"}`, `{"BOOL":true}`}},
		{"set_attribute", expr.Set("a", expr.Attr("b")), "SET #n0 = #n1", []string{"a", "b"}, nil},
		{"plus", expr.Set("n", expr.Plus(expr.Attr("n"), 1)), "SET #n0 = #n1 + :v0", []string{"n", "n"}, []string{`{"N":"1"}`}},
		{"minus", expr.Set("n", expr.Minus(expr.Attr("n"), expr.Attr("m"))), "SET #n0 = #n1 - #n2", []string{"n", "n", "m"}, nil},
		{"plus_if_not_exists", expr.Set("n", expr.Plus(expr.IfNotExists("n", 0), 5)),
			"SET #n0 = if_not_exists(#n1, :v0) + :v1", []string{"n", "n"}, []string{`{"N":"0"}`, `{"N":"5"}`}},
		{"list_append", expr.Set("l", expr.ListAppend(expr.IfNotExists("l", []int{}), []string{"x"})),
			"SET #n0 = list_append(if_not_exists(#n1, :v0), :v1)", []string{"l", "l"}, []string{`{"L":[]}`, `{"L":[{"S":"x"}]}`}},
		{"list_prepend", expr.Set("l", expr.ListAppend([]int{0}, expr.Attr("l"))),
			"SET #n0 = list_append(:v0, #n1)", []string{"l", "l"}, []string{`{"L":[{"N":"0"}]}`}},
		{"remove", expr.Remove("a", "b[0]"), "REMOVE #n0, #n1[0]", []string{"a", "b"}, nil},
		{"add", expr.Add("n", 2).Add("tags", attributevalue.StringSet{"x"}), "ADD #n0 :v0, #n1 :v1",
			[]string{"n", "tags"}, []string{`{"N":"2"}`, `{"SS":["x"]}`}},
		{"delete", expr.Delete("tags", attributevalue.StringSet{"y"}), "DELETE #n0 :v0", []string{"tags"}, []string{`{"SS":["y"]}`}},
		{"clauses_in_order", expr.Delete("d", attributevalue.NumberSet{"1"}).Add("c", 1).Remove("b").Set("a", nil).Set("e", "E"),
			"SET #n0 = :v0, #n1 = :v1 REMOVE #n2 ADD #n3 :v2 DELETE #n4 :v3",
			[]string{"a", "e", "b", "c", "d"}, []string{`{"NULL":true}`, `{"S":"E"}`, `{"N":"1"}`, `{"NS":["1"]}`}},
		{"reserved_words", expr.Set("name", "n").Remove("size").Add("count", 1), "SET #n0 = :v0 REMOVE #n1 ADD #n2 :v1",
			[]string{"name", "size", "count"}, []string{`{"S":"n"}`, `{"N":"1"}`}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var b expr.Builder
			got, err := b.Update(tt.u)
			if err != nil {
				t.Fatal(err)
			}
			if got != tt.want {
				t.Errorf("got %q, want %q", got, tt.want)
			}
			checkPlaceholders(t, &b, tt.names, tt.values)
		})
	}
}

// checkPlaceholders checks b's names and values: #n0, #n1, ... and :v0,
// :v1, ... in order.
func checkPlaceholders(t *testing.T, b *expr.Builder, names, values []string) {
	t.Helper()
	var wantNames map[string]string
	for i, n := range names {
		if wantNames == nil {
			wantNames = map[string]string{}
		}
		wantNames["#n"+itoa(i)] = n
	}
	if diff := cmp.Diff(wantNames, b.Names()); diff != "" {
		t.Errorf("names (-want +got):\n%s", diff)
	}
	gotValues := map[string]string{}
	for p, v := range b.Values() {
		gotValues[p] = string(wire(t, v))
	}
	wantValues := map[string]string{}
	for i, v := range values {
		wantValues[":v"+itoa(i)] = v
	}
	if diff := cmp.Diff(wantValues, gotValues); diff != "" {
		t.Errorf("values (-want +got):\n%s", diff)
	}
	if len(values) == 0 && b.Values() != nil {
		t.Errorf("Values() = %v, want nil when there are none", b.Values())
	}
}

func itoa(i int) string { return string(rune('0' + i)) }

func TestProjection(t *testing.T) {
	var b expr.Builder
	got, err := b.Projection("pk", "address.city", "lines[0].qty", "name")
	if err != nil {
		t.Fatal(err)
	}
	if want := "#n0, #n1.#n2, #n3[0].#n4, #n5"; got != want {
		t.Errorf("got %q, want %q", got, want)
	}
	checkPlaceholders(t, &b, []string{"pk", "address", "city", "lines", "qty", "name"}, nil)
}

// TestBuilderSharesPlaceholders: one Builder numbers across the
// expressions of a request, and a failed build takes back what it added.
func TestBuilderSharesPlaceholders(t *testing.T) {
	var b expr.Builder
	k, err := b.KeyCondition(expr.Key("pk").Eq("p"))
	if err != nil {
		t.Fatal(err)
	}
	if _, err := b.Condition(expr.Attr("a").Eq(1).And(expr.Attr("b").Eq(make(chan int)))); err == nil {
		t.Fatal("a channel value built without error")
	}
	f, err := b.Condition(expr.Attr("c").Gt(2))
	if err != nil {
		t.Fatal(err)
	}
	p, err := b.Projection("d")
	if err != nil {
		t.Fatal(err)
	}
	u, err := b.Update(expr.Set("e", 3))
	if err != nil {
		t.Fatal(err)
	}
	got := []string{k, f, p, u}
	want := []string{"#n0 = :v0", "#n1 > :v1", "#n2", "SET #n3 = :v2"}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("expressions (-want +got):\n%s", diff)
	}
	checkPlaceholders(t, &b, []string{"pk", "c", "d", "e"}, []string{`{"S":"p"}`, `{"N":"2"}`, `{"N":"3"}`})

	// A failed first build leaves the maps nil.
	var b2 expr.Builder
	if _, err := b2.Condition(expr.Attr("a").Eq(1).And(expr.Attr("").Eq(2))); err == nil {
		t.Fatal("an empty path built without error")
	}
	if b2.Names() != nil || b2.Values() != nil {
		t.Errorf("after a failed build: names %v, values %v, want nil", b2.Names(), b2.Values())
	}
}

// TestDeterministic: the same conditions give the same text every time.
func TestDeterministic(t *testing.T) {
	build := func() string {
		var b expr.Builder
		c, err := b.Condition(expr.Attr("m").Eq(map[string]any{"z": 1, "a": 2, "m": 3}).And(expr.Attr("s").In("x", "y")))
		if err != nil {
			t.Fatal(err)
		}
		u, err := b.Update(expr.Set("a", 1).Remove("b").Set("c", 2))
		if err != nil {
			t.Fatal(err)
		}
		return c + " | " + u + " | " + string(wire(t, b.Values()[":v0"]))
	}
	first := build()
	for range 20 {
		if got := build(); got != first {
			t.Fatalf("got %q, then %q", first, got)
		}
	}
}

// TestImmutable: combining conditions or adding actions leaves the
// originals as they were.
func TestImmutable(t *testing.T) {
	base := expr.Set("a", 1)
	u1 := base.Set("b", 2)
	u2 := base.Remove("c")
	var b expr.Builder
	for _, tc := range []struct {
		u    expr.Update
		want string
	}{{base, "SET #n0 = :v0"}, {u1, "SET #n1 = :v1, #n2 = :v2"}, {u2, "SET #n3 = :v3 REMOVE #n4"}} {
		got, err := b.Update(tc.u)
		if err != nil {
			t.Fatal(err)
		}
		if got != tc.want {
			t.Errorf("got %q, want %q", got, tc.want)
		}
	}
	c := expr.Attr("a").Eq(1)
	_ = c.And(expr.Attr("b").Eq(2))
	var b2 expr.Builder
	if got, _ := b2.Condition(c); got != "#n0 = :v0" {
		t.Errorf("after And: got %q, want %q", got, "#n0 = :v0")
	}
}

func TestSizeIn(t *testing.T) {
	var b expr.Builder
	got, err := b.Condition(expr.Attr("s").Size().In(1, 2).And(expr.Attr("a").In(expr.Attr("b"), 3)))
	if err != nil {
		t.Fatal(err)
	}
	if want := "(size(#n0) IN (:v0, :v1) AND #n1 IN (#n2, :v2))"; got != want {
		t.Errorf("got %q, want %q", got, want)
	}
}

func TestErrors(t *testing.T) {
	A, K := expr.Attr, expr.Key
	build := func(x any) func(*expr.Builder) error {
		return func(b *expr.Builder) error {
			var err error
			switch x := x.(type) {
			case expr.Condition:
				_, err = b.Condition(x)
			case expr.KeyCondition:
				_, err = b.KeyCondition(x)
			case expr.Update:
				_, err = b.Update(x)
			case []string:
				_, err = b.Projection(x...)
			}
			return err
		}
	}
	tests := []struct {
		name  string
		build func(*expr.Builder) error
		want  string
	}{
		{"zero_condition", build(expr.Condition{}), "expr: condition: the zero Condition"},
		{"zero_key_condition", build(expr.KeyCondition{}), "expr: key condition: the zero KeyCondition"},
		{"zero_inside_and", build(A("a").Eq(1).And(expr.Condition{})), "a zero Condition inside And, Or or Not"},
		{"zero_inside_not", build(expr.Not(expr.Condition{})), "a zero Condition inside"},
		{"empty_path", build(A("").Eq(1)), "an empty attribute path"},
		{"double_dot", build(A("a..b").Eq(1)), `attribute path "a..b": a name is missing`},
		{"trailing_dot", build(A("a.").Exists()), `attribute path "a.": a name is missing`},
		{"leading_index", build(A("[0]").Exists()), `attribute path "[0]": a name is missing`},
		{"bad_index", build(A("a[x]").Exists()), `attribute path "a[x]": [x] is not a list index`},
		{"negative_index", build(A("a[-1]").Exists()), `[-1] is not a list index`},
		{"empty_index", build(A("a[]").Exists()), `[] is not a list index`},
		{"unclosed", build(A("a[1").Exists()), `attribute path "a[1": an unclosed [`},
		{"stray_bracket", build(A("a]b").Exists()), `attribute path "a]b": unexpected ']'`},
		{"after_index", build(A("a[1]b").Exists()), `attribute path "a[1]b": unexpected 'b'`},
		{"in_empty", build(A("a").In()), "In with no value"},
		{"bad_type", build(A("a").AttributeType("X")), `attribute type "X": want S, N, B`},
		{"bad_value", build(A("a").Eq(make(chan int))), "expr: condition: attributevalue: "},
		{"condition_as_value", build(A("a").Eq(A("b").Exists())), "a expr.Condition where a value goes"},
		{"update_as_value", build(expr.Set("a", expr.Set("b", 1))), "a expr.Update where a value goes"},
		{"function_in_condition", build(A("a").Eq(expr.Plus(A("b"), 1))), "Plus outside an Update's SET"},
		{"key_with_attribute", build(K("pk").Eq(A("x"))), "key pk compared with attribute x: key conditions take values"},
		{"key_three", build(K("a").Eq(1).And(K("b").Eq(2)).And(K("c").Eq(3))), "3 key comparisons joined"},
		{"key_zero_inside", build(K("a").Eq(1).And(expr.KeyCondition{})), "a zero Condition inside"},
		{"update_empty", build(expr.Update{}), "expr: update: an Update with no action"},
		{"update_bad_path", build(expr.Remove("a.")), `attribute path "a.": a name is missing`},
		{"nested_plus", build(expr.Set("a", expr.Plus(expr.Plus(1, 2), 3))), "SET a: a Plus or Minus inside another function"},
		{"plus_in_list_append", build(expr.Set("a", expr.ListAppend(expr.Minus(1, 2), []int{}))), "a Plus or Minus inside another function"},
		{"size_in_set", build(expr.Set("a", A("b").Size())), "SET a: size() is for conditions"},
		{"add_attribute", build(expr.Add("a", A("b"))), "ADD a: takes a value, not an attribute or function"},
		{"delete_function", build(expr.Delete("a", expr.IfNotExists("a", 1))), "DELETE a: takes a value"},
		{"add_bad_value", build(expr.Add("a", func() {})), "ADD a: attributevalue: "},
		{"if_not_exists_bad_path", build(expr.Set("a", expr.IfNotExists("b..c", 1))), `attribute path "b..c"`},
		{"projection_empty", build([]string(nil)), "expr: projection: no attribute to project"},
		{"projection_bad", build([]string{"a", "b["}), `attribute path "b["`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var b expr.Builder
			err := tt.build(&b)
			if err == nil {
				t.Fatalf("got no error, want one containing %q", tt.want)
			}
			if !strings.Contains(err.Error(), tt.want) {
				t.Errorf("got %q, want it to contain %q", err, tt.want)
			}
			var e *expr.Error
			if !errors.As(err, &e) {
				t.Errorf("%v is not an *expr.Error", err)
			}
			if b.Names() != nil || b.Values() != nil {
				t.Errorf("a failed build left placeholders: %v %v", b.Names(), b.Values())
			}
		})
	}
}

// TestManyPlaceholders crosses the placeholders made in advance.
func TestManyPlaceholders(t *testing.T) {
	var b expr.Builder
	var paths []string
	var values []any
	for i := range 70 {
		paths = append(paths, "a"+strconv.Itoa(i))
		values = append(values, i)
	}
	p, err := b.Projection(paths...)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.HasSuffix(p, ", #n63, #n64, #n65, #n66, #n67, #n68, #n69") {
		t.Errorf("projection ends %q", p[len(p)-40:])
	}
	c, err := b.Condition(expr.Attr("x").In(values...))
	if err != nil {
		t.Fatal(err)
	}
	if !strings.HasSuffix(c, ":v63, :v64, :v65, :v66, :v67, :v68, :v69)") {
		t.Errorf("condition ends %q", c[len(c)-40:])
	}
	if len(b.Names()) != 71 || len(b.Values()) != 70 || b.Names()["#n69"] != "a69" || b.Names()["#n70"] != "x" {
		t.Errorf("got %d names (#n69 %q, #n70 %q) and %d values", len(b.Names()), b.Names()["#n69"], b.Names()["#n70"], len(b.Values()))
	}
	if v := b.Values()[":v69"]; v.N == nil || *v.N != "69" {
		t.Errorf(":v69 = %v, want N 69", v)
	}
}
