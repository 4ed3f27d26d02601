package expr_test

import (
	"encoding/json"
	"os"
	"regexp"
	"sort"
	"strconv"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/goto3/goto3/services/dynamodb"
	"github.com/goto3/goto3/services/dynamodb/attributevalue"
	"github.com/goto3/goto3/services/dynamodb/expr"
)

// boto3File is testdata/boto3_conditions.json, written by
// testdata/boto3_conditions.py with boto3's ConditionExpressionBuilder.
type boto3File struct {
	Boto3 string `json:"boto3"`
	Cases []struct {
		Name        string `json:"name"`
		Expressions []struct {
			Kind       string `json:"kind"`
			Expression string `json:"expression"`
		} `json:"expressions"`
		Names  map[string]string          `json:"names"`
		Values map[string]json.RawMessage `json:"values"`
	} `json:"cases"`
}

// built is one expression to build, as the Python script's (kind, cond).
type built struct {
	cond expr.Condition
	key  expr.KeyCondition
}

func c(x expr.Condition) built    { return built{cond: x} }
func k(x expr.KeyCondition) built { return built{key: x} }

var (
	A = expr.Attr
	K = expr.Key
)

type num = attributevalue.Number

// goConditions are the conditions of boto3_conditions.py, written with
// package expr, under the same names.
var goConditions = map[string][]built{
	"eq_string":            {c(A("name").Eq("Ana"))},
	"ne_number":            {c(A("n").Ne(5))},
	"lt":                   {c(A("n").Lt(num("1.5")))},
	"lte":                  {c(A("n").Lte(-3))},
	"gt":                   {c(A("n").Gt(0))},
	"gte":                  {c(A("n").Gte(uint64(100)))},
	"between":              {c(A("price").Between(num("9.99"), 100))},
	"begins_with":          {c(A("sk").BeginsWith("order#"))},
	"contains_string":      {c(A("title").Contains("go"))},
	"contains_set_element": {c(A("tags").Contains("gift"))},
	"in":                   {c(A("status").In("A", "B", "C"))},
	"in_one":               {c(A("status").In(7))},
	"exists":               {c(A("pk").Exists())},
	"not_exists":           {c(A("pk").NotExists())},
	"attribute_type":       {c(A("v").AttributeType(expr.TypeStringSet))},
	"size_eq":              {c(A("tags").Size().Eq(3))},
	"size_gt":              {c(A("body").Size().Gt(1024))},
	"size_lte":             {c(A("body").Size().Lte(10))},
	"size_between":         {c(A("s").Size().Between(1, 10))},
	"nested_path":          {c(A("address.city").Eq("Lyon"))},
	"list_index":           {c(A("lines[0].qty").Gt(1))},
	"deep_index":           {c(A("a[1][2].b.c[10]").Eq(true))},
	"reserved_words":       {c(A("name").Eq("x").And(A("size").Gt(1), A("status").Ne("y")))},
	"compare_attributes":   {c(A("a").Lt(A("b")))},
	"compare_with_key":     {c(A("a").Eq(K("b")))},
	"compare_with_size":    {c(A("a").Eq(A("b").Size()))},
	"between_attributes":   {c(A("x").Between(A("lo"), A("hi")))},
	"and":                  {c(expr.And(A("a").Eq(1), A("b").Eq(2)))},
	"and3":                 {c(expr.And(A("a").Eq(1), A("b").Eq(2), A("c").Eq(3)))},
	"or":                   {c(A("a").Eq(1).Or(A("b").Eq(2)))},
	"not":                  {c(expr.Not(A("a").Exists()))},
	"not_not":              {c(expr.Not(expr.Not(A("a").Eq(1))))},
	"grouped":              {c(expr.Or(A("a").Eq(1), A("b").Eq(2)).And(expr.Not(A("c").Exists())))},
	"right_grouped":        {c(A("a").Eq(1).And(A("b").Eq(2).Or(A("c").Eq(3))))},
	"complex": {c(expr.Or(
		A("status").Eq("OPEN").And(A("total").Gte(100)),
		A("priority").In(1, 2).And(expr.Not(A("archived").Exists())),
	))},
	"same_attribute_twice": {c(A("a").Gt(1).And(A("a").Lt(5)))},
	"value_null":           {c(A("x").Eq(nil))},
	"value_bool":           {c(A("x").Eq(false))},
	"value_binary":         {c(A("b").Eq([]byte{1, 2}))},
	"value_list":           {c(A("l").Eq([]any{1, "a", nil}))},
	"value_map":            {c(A("m").Eq(map[string]any{"k": "v", "n": 2}))},
	"value_string_set":     {c(A("ss").Eq(attributevalue.StringSet{"only"}))},
	"value_number_set":     {c(A("ns").Eq(attributevalue.NumberSet{"2.5"}))},
	"key_eq":               {k(K("pk").Eq("customer#42"))},
	"key_number":           {k(K("id").Eq(7))},
	"key_and_between":      {k(K("pk").Eq("x").And(K("sk").Between("a", "m")))},
	"key_and_begins_with":  {k(K("pk").Eq(1).And(K("sk").BeginsWith("order#")))},
	"key_and_lt":           {k(K("pk").Eq("p").And(K("sk").Lt(10)))},
	"key_and_lte":          {k(K("pk").Eq("p").And(K("sk").Lte(10)))},
	"key_and_gt":           {k(K("pk").Eq("p").And(K("sk").Gt(10)))},
	"key_and_gte":          {k(K("pk").Eq("p").And(K("sk").Gte(10)))},
	"key_sort_first":       {k(K("sk").BeginsWith("2026-").And(K("pk").Eq("p")))},
	"query_filter_then_key": {
		c(A("total").Gt(10).And(A("status").Ne("VOID"))),
		k(K("pk").Eq("customer#42").And(K("sk").BeginsWith("order#"))),
	},
	"names_needing_placeholders": {c(A("first-name").Eq("a").And(A("with space").Exists(), A("ünïcode").Ne(1), A("#hash:colon").Lt(2)))},
	"reserved_nested":            {c(A("data.size.count[3]").Gte(1).Or(A("key.value").Eq("v")))},
	"or_of_ands_deep": {c(expr.And(
		expr.Or(A("a").Eq(1).And(A("b").Eq(2)), A("c").Eq(3).And(A("d").Eq(4))),
		expr.Not(A("e").BeginsWith("x").Or(A("f").Contains(5))),
	))},
	"size_compared_to_attribute": {c(A("list").Size().Gt(A("max")))},
	"attribute_type_all": {c(A("a").AttributeType(expr.TypeString).Or(
		A("b").AttributeType(expr.TypeNumber), A("c").AttributeType(expr.TypeBinary),
		A("d").AttributeType(expr.TypeBool), A("e").AttributeType(expr.TypeNull),
		A("f").AttributeType(expr.TypeList), A("g").AttributeType(expr.TypeMap),
		A("h").AttributeType(expr.TypeNumberSet), A("i").AttributeType(expr.TypeBinarySet)))},
	"contains_binary":       {c(A("bs").Contains([]byte{0xff}))},
	"begins_with_binary":    {c(A("b").BeginsWith([]byte{0, 1}))},
	"key_between_numbers":   {k(K("pk").Eq("p").And(K("n").Between(num("-1.5"), num("1E+3"))))},
	"key_binary":            {k(K("pk").Eq([]byte{1}).And(K("sk").BeginsWith([]byte{2})))},
	"key_reserved":          {k(K("name").Eq("x").And(K("timestamp").Gt(0)))},
	"projection_like_paths": {c(A("a.b[2].c").Exists().And(A("x[0][1]").NotExists()))},
	"three_conditions":      {c(A("a").Exists()), c(A("b").Eq(1)), k(K("pk").Eq(2))},
	"two_conditions":        {c(A("a").Exists()), c(A("b").Eq("x"))},
}

// TestBoto3Conditions builds every condition of the boto3 vectors and
// checks that it means what boto3's expression means: the same text once
// placeholders are renamed in order of appearance, each placeholder
// naming the same attribute name or holding the same attribute value.
func TestBoto3Conditions(t *testing.T) {
	raw, err := os.ReadFile("testdata/boto3_conditions.json")
	if err != nil {
		t.Fatal(err)
	}
	var f boto3File
	if err := json.Unmarshal(raw, &f); err != nil {
		t.Fatal(err)
	}
	seen := map[string]bool{}
	for _, tc := range f.Cases {
		seen[tc.Name] = true
		t.Run(tc.Name, func(t *testing.T) {
			conds, ok := goConditions[tc.Name]
			if !ok {
				t.Fatalf("no Go condition for boto3 case %q", tc.Name)
			}
			if len(conds) != len(tc.Expressions) {
				t.Fatalf("got %d Go expressions, boto3 has %d", len(conds), len(tc.Expressions))
			}
			var b expr.Builder
			var got, want []string
			for i, x := range conds {
				var s string
				var err error
				if tc.Expressions[i].Kind == "key" {
					s, err = b.KeyCondition(x.key)
				} else {
					s, err = b.Condition(x.cond)
				}
				if err != nil {
					t.Fatalf("expression %d: %v", i, err)
				}
				got = append(got, s)
				want = append(want, tc.Expressions[i].Expression)
			}
			wantValues := map[string]any{}
			for p, v := range tc.Values {
				wantValues[p] = canonJSON(t, v)
			}
			gotValues := map[string]any{}
			for p, v := range b.Values() {
				gotValues[p] = canonJSON(t, wire(t, v))
			}
			gotC := canonicalize(got, b.Names(), gotValues)
			wantC := canonicalize(want, tc.Names, wantValues)
			if diff := cmp.Diff(wantC, gotC); diff != "" {
				t.Errorf("meaning differs from boto3's (-boto3 +goto3):\n%s\ngoto3: %q %v\nboto3: %q %v", diff, got, b.Names(), want, tc.Names)
			}
		})
	}
	for name := range goConditions {
		if !seen[name] {
			t.Errorf("Go condition %q has no boto3 case", name)
		}
	}
}

// canonical is expressions with their placeholders renamed #N0, :V0, ...
// in order of first appearance, with what each stands for.
type canonical struct {
	Exprs  []string
	Names  map[string]string
	Values map[string]any
}

var placeholder = regexp.MustCompile(`[#:][A-Za-z0-9_]+`)

// canonicalize renames the placeholders of exprs in order of appearance;
// every placeholder of names and values must appear, as DynamoDB requires.
func canonicalize(exprs []string, names map[string]string, values map[string]any) canonical {
	out := canonical{Names: map[string]string{}, Values: map[string]any{}}
	rename := map[string]string{}
	nn, nv := 0, 0
	for _, e := range exprs {
		out.Exprs = append(out.Exprs, placeholder.ReplaceAllStringFunc(e, func(p string) string {
			if r, ok := rename[p]; ok {
				return r
			}
			var r string
			if p[0] == '#' {
				r = "#N" + strconv.Itoa(nn)
				nn++
				n, ok := names[p]
				if !ok {
					n = "<missing>"
				}
				out.Names[r] = n
			} else {
				r = ":V" + strconv.Itoa(nv)
				nv++
				v, ok := values[p]
				if !ok {
					v = "<missing>"
				}
				out.Values[r] = v
			}
			rename[p] = r
			return r
		}))
	}
	for p := range names {
		if _, ok := rename[p]; !ok {
			out.Names["unused "+p] = names[p]
		}
	}
	for p := range values {
		if _, ok := rename[p]; !ok {
			out.Values["unused "+p] = values[p]
		}
	}
	return out
}

// wire is av in DynamoDB's JSON (bytes in base64, as encoding/json
// writes []byte).
func wire(t *testing.T, av dynamodb.AttributeValue) []byte {
	t.Helper()
	b, err := json.Marshal(wireOf(av))
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func wireOf(av dynamodb.AttributeValue) any {
	switch {
	case av.S != nil:
		return map[string]any{"S": *av.S}
	case av.N != nil:
		return map[string]any{"N": *av.N}
	case av.B != nil:
		return map[string]any{"B": av.B}
	case av.SS != nil:
		return map[string]any{"SS": av.SS}
	case av.NS != nil:
		return map[string]any{"NS": av.NS}
	case av.BS != nil:
		return map[string]any{"BS": av.BS}
	case av.M != nil:
		m := map[string]any{}
		for k, v := range av.M {
			m[k] = wireOf(v)
		}
		return map[string]any{"M": m}
	case av.L != nil:
		l := make([]any, len(av.L))
		for i, v := range av.L {
			l[i] = wireOf(v)
		}
		return map[string]any{"L": l}
	case av.NULL != nil:
		return map[string]any{"NULL": *av.NULL}
	case av.BOOL != nil:
		return map[string]any{"BOOL": *av.BOOL}
	}
	return map[string]any{}
}

// canonJSON parses an attribute value's JSON with its sets sorted.
func canonJSON(t *testing.T, raw []byte) any {
	t.Helper()
	var v any
	if err := json.Unmarshal(raw, &v); err != nil {
		t.Fatal(err)
	}
	return sortSets(v)
}

func sortSets(v any) any {
	switch x := v.(type) {
	case map[string]any:
		for k, e := range x {
			if (k == "SS" || k == "NS" || k == "BS") && len(x) == 1 {
				l := e.([]any)
				sort.Slice(l, func(i, j int) bool { return l[i].(string) < l[j].(string) })
				continue
			}
			x[k] = sortSets(e)
		}
	case []any:
		for i, e := range x {
			x[i] = sortSets(e)
		}
	}
	return v
}
