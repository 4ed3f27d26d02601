package jmespath_test

import (
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/goto3/goto3/internal/jmespath"
)

type state struct{ Name *string }

type instance struct {
	InstanceId *string
	State      *state
}

type reservation struct{ Instances []instance }

type object struct {
	Key  *string
	Size *int64
}

type status string

type verification struct{ VerificationStatus status }

type output struct {
	NextMarker   *string
	Contents     []object
	IsTruncated  *bool
	Reservations []reservation
	Names        []string
	Attributes   map[string]verification
	Empty        []object
	PasswordData *string
	Count        int32
	Created      time.Time
	Data         []byte
	Big          int64
	//lint:ignore U1000 unexported, so that the test can check it is not found by name
	lowercaseField string
}

func ptr[T any](v T) *T { return &v }

func fixture() *output {
	return &output{
		Contents:    []object{{Key: ptr("a"), Size: ptr[int64](1)}, {Key: ptr("b"), Size: ptr[int64](20)}, {Key: ptr("c")}},
		IsTruncated: ptr(true),
		Reservations: []reservation{
			{Instances: []instance{{InstanceId: ptr("i-1"), State: &state{Name: ptr("running")}}, {InstanceId: ptr("i-2"), State: &state{Name: ptr("pending")}}}},
			{Instances: []instance{{InstanceId: ptr("i-3"), State: &state{Name: ptr("running")}}}},
		},
		Names:      []string{"x", "y"},
		Attributes: map[string]verification{"b@example.com": {VerificationStatus: "Pending"}, "a@example.com": {VerificationStatus: "Success"}},
		Count:      3,
		Created:    time.Date(2024, 5, 6, 7, 8, 9, 0, time.UTC),
		Data:       []byte("blob"),
		Big:        1<<53 + 1, // not a float64
	}
}

func TestSearch(t *testing.T) {
	tests := []struct {
		expr string
		want any
	}{
		{"NextMarker", nil},
		{"IsTruncated", true},
		{"Contents[0].Key", "a"},
		{"Contents[-1].Key", "c"},
		{"Contents[5].Key", nil},
		{"Contents[-4].Key", nil},
		{"NextMarker || Contents[-1].Key", "c"},
		{"Contents[].Key", []any{"a", "b", "c"}},
		{"Contents[*].Size", []any{1, 20}},
		{"Reservations[].Instances[].State.Name", []any{"running", "pending", "running"}},
		{"Reservations[].Instances[].InstanceId | [0]", "i-1"},
		{"Reservations[0].Instances[1].State.Name", "pending"},
		{"Reservations[*].Instances[*].InstanceId", []any{[]any{"i-1", "i-2"}, []any{"i-3"}}},
		{"Reservations[].Instances[?State.Name == 'running'][].InstanceId", []any{"i-1", "i-3"}},
		{"Contents[?Size > `5`].Key", []any{"b"}},
		{"Contents[?Key == 'a'].Size", []any{1}},
		{"Contents[?Key != 'a'] | length(@)", 2},
		{"length(Contents[]) > `0`", true},
		{"length(Empty[]) == `0`", true},
		{"length(Names)", 2},
		{"length(Contents[2])", 1}, // a struct's null fields are not members
		{"contains(Names, 'y')", true},
		{"contains(Names, 'z')", false},
		{"contains(Contents[].Key, 'b')", true},
		{"Attributes.*.VerificationStatus", []any{"Success", "Pending"}},
		{`Attributes."a@example.com".VerificationStatus`, "Success"},
		{"keys(Attributes)", []any{"a@example.com", "b@example.com"}},
		{"keys(Contents[0])", []any{"Key", "Size"}},
		{"values(Contents[1])", []any{"b", 20}},
		{"!IsTruncated", false},
		{"IsTruncated && Count", 3},
		{"NextMarker && Count", nil},
		{"Count >= `3` && Count < `4`", true},
		{"Count <= `2`", false},
		{"Count == `3.0`", true},
		{"Names[0] < `1`", nil},
		{"Names == ['x', 'y']", true},
		{"Names == ['y', 'x']", false},
		{"Names == `[\"x\", \"y\"]`", true},
		{"[Count, IsTruncated]", []any{3, true}},
		{"{c: Count, n: Names[0]}", map[string]any{"c": 3, "n": "x"}},
		{"Contents[0]", map[string]any{"Key": "a", "Size": 1}},
		{"Contents[0] == `{\"Key\": \"a\", \"Size\": 1}`", true},
		{"Contents[2] == `{\"Key\": \"c\"}`", true},
		{"merge(Contents[0], `{\"Size\": 2, \"New\": true}`)", map[string]any{"Key": "a", "Size": 2, "New": true}},
		{"(NextMarker || Names)[1]", "y"},
		{"Missing.Deeper[0]", nil},
		{"lowercaseField", nil},
		{"names[1]", "y"},
		{"@.Count", 3},
		{"Contents[:2].Key", []any{"a", "b"}},
		{"Contents[::-1].Key", []any{"c", "b", "a"}},
		{"Names[-1:]", []any{"y"}},
		{"sort_by(Contents, &Key)[].Key", []any{"a", "b", "c"}},
		{"reverse(sort(Names))", []any{"y", "x"}},
		{"max_by(Contents[?Size], &Size).Key", "b"},
		{"min_by(Reservations[].Instances[], &InstanceId).InstanceId", "i-1"},
		{"map(&Key, Contents)", []any{"a", "b", "c"}},
		{"map(&Size, Contents)", []any{1, 20, nil}},
		{"sum(Contents[].Size)", 21},
		{"avg(Contents[].Size)", 10.5},
		{"max(Contents[].Size)", 20},
		{"join(',', Names)", "x,y"},
		{"to_string(Count)", "3"},
		{"to_string(Contents[0])", `{"Key":"a","Size":1}`},
		{"to_number('12')", 12},
		{"not_null(NextMarker, PasswordData, Names[0])", "x"},
		{"type(Count)", "number"},
		{"type(Attributes)", "object"},
		{"type(Reservations[0])", "object"},
		{"type(Names)", "array"},
		{"Created == Created", true},
		{"Created == Data", false},
		{"Created && 'yes'", "yes"},
		{"Big", 1<<53 + 1},
		{"Big == `9007199254740993`", true},
		{"Big == `9007199254740992`", false},
		{"Big > `9007199254740992`", true},
		{"Reservations[].Instances[]", nil}, // checked below as a length
	}
	for _, tt := range tests {
		t.Run(tt.expr, func(t *testing.T) {
			e, err := jmespath.Compile(tt.expr)
			if err != nil {
				t.Fatalf("Compile: %v", err)
			}
			v, err := e.Search(fixture())
			if err != nil {
				t.Fatalf("Search: %v", err)
			}
			got := jmespath.Plain(v)
			if tt.expr == "Reservations[].Instances[]" {
				if l, ok := got.([]any); !ok || len(l) != 3 {
					t.Fatalf("got %v, want 3 instances", got)
				}
				return
			}
			if !sameJSON(got, tt.want) {
				t.Errorf("Search(%q) = %s, want %s", tt.expr, jsonText(got), jsonText(tt.want))
			}
		})
	}
}

func TestSearchNil(t *testing.T) {
	for _, expr := range []string{"a", "a[0]", "a[]", "*", "[?a]", "a[1:]", "{a: a}", "[a]", "NextMarker || Contents[-1].Key"} {
		if got, err := jmespath.MustCompile(expr).Search((*output)(nil)); got != nil || err != nil {
			t.Errorf("Search(%q) on nil = %v, %v, want nil, nil", expr, got, err)
		}
	}
}

// TestPassThrough checks that numbers the expression only selects keep
// their type and precision.
func TestPassThrough(t *testing.T) {
	doc := decodeJSON(t, []byte(`{"id": 12345678901234567891, "ids": [9007199254740993, 1.50]}`))
	tests := []struct {
		expr string
		data any
		want any
	}{
		{"Big", fixture(), int64(1<<53 + 1)},
		{"Contents[0].Size", fixture(), int64(1)},
		{"[Big][0]", fixture(), int64(1<<53 + 1)},
		{"Count", fixture(), int64(3)},
		{"id", doc, json.Number("12345678901234567891")},
		{"ids[?@ > `1`] | [0]", doc, json.Number("9007199254740993")},
		{"max(ids)", doc, json.Number("9007199254740993")},
		{"ids[1]", doc, json.Number("1.50")},
		{"`9007199254740993`", nil, int64(1<<53 + 1)},
		{"`1.5`", nil, 1.5},
		{"length('abc')", nil, int64(3)},
		{"sum(`[9007199254740992, 1]`)", nil, int64(1<<53 + 1)},
		{"abs(`-9007199254740993`)", nil, int64(1<<53 + 1)},
	}
	for _, tt := range tests {
		t.Run(tt.expr, func(t *testing.T) {
			got, err := jmespath.MustCompile(tt.expr).Search(tt.data)
			if err != nil {
				t.Fatal(err)
			}
			if got != tt.want {
				t.Errorf("got %T %v, want %T %v", got, got, tt.want, tt.want)
			}
		})
	}
}

func TestPlainOpaque(t *testing.T) {
	f := fixture()
	got, err := jmespath.MustCompile("[Created, Data]").Search(f)
	if err != nil {
		t.Fatal(err)
	}
	want := []any{f.Created, f.Data}
	if p := jmespath.Plain(got); !reflect.DeepEqual(p, want) {
		t.Errorf("got %#v, want %#v", p, want)
	}
}

func TestEqual(t *testing.T) {
	tests := []struct {
		a, b any
		want bool
	}{
		{1, 1.0, true},
		{int32(3), json.Number("3"), true},
		{ptr("x"), "x", true},
		{"1", 1, false},
		{true, 1, false},
		{nil, false, false},
		{[]string{"a"}, []any{"a"}, true},
		{map[string]int{"a": 1}, map[string]any{"a": 1.0}, true},
		{map[string]int{"a": 1}, map[string]any{"a": 1.0, "b": nil}, false},
		{fixture().Contents[2], map[string]any{"Key": "c"}, true},
		{int64(1<<53 + 1), float64(1 << 53), false},
		{int64(1<<53 + 1), int64(1 << 53), false},
	}
	for _, tt := range tests {
		if got := jmespath.Equal(tt.a, tt.b); got != tt.want {
			t.Errorf("Equal(%#v, %#v) = %v, want %v", tt.a, tt.b, got, tt.want)
		}
		if got := jmespath.Equal(tt.b, tt.a); got != tt.want {
			t.Errorf("Equal(%#v, %#v) = %v, want %v", tt.b, tt.a, got, tt.want)
		}
	}
}

func TestCompileErrors(t *testing.T) {
	tests := []struct {
		expr string
		want jmespath.Kind
	}{
		{"", jmespath.Syntax},
		{"a.", jmespath.Syntax},
		{"a[", jmespath.Syntax},
		{"a[0", jmespath.Syntax},
		{"[?a", jmespath.Syntax},
		{"a ||", jmespath.Syntax},
		{"a = b", jmespath.Syntax},
		{"'abc", jmespath.Syntax},
		{"`[1,`", jmespath.Syntax},
		{"`1` `2`", jmespath.Syntax},
		{"&", jmespath.Syntax},
		{"a]", jmespath.Syntax},
		{"a..b", jmespath.Syntax},
		{"-", jmespath.Syntax},
		{"a.{b}", jmespath.Syntax},
		{"a.{b: c,}", jmespath.Syntax},
		{"length(", jmespath.Syntax},
		{"length(a,)", jmespath.Syntax},
		{"length(a b)", jmespath.Syntax},
		{"a[1:2:3:4]", jmespath.Syntax},
		{"a[1 2]", jmespath.Syntax},
		{"é", jmespath.Syntax},
		{strings.Repeat("(", 2000) + "a" + strings.Repeat(")", 2000), jmespath.Syntax},
		{"foo(a)", jmespath.UnknownFunction},
		{"length(a, b)", jmespath.InvalidArity},
		{"merge()", jmespath.InvalidArity},
		{"a[::0]", jmespath.InvalidValue},
	}
	for _, tt := range tests {
		t.Run(tt.expr[:min(len(tt.expr), 40)], func(t *testing.T) {
			_, err := jmespath.Compile(tt.expr)
			var je *jmespath.Error
			if !errors.As(err, &je) || je.Kind != tt.want || !errors.Is(err, tt.want) {
				t.Errorf("Compile(%q): got %v, want a %s error", tt.expr, err, tt.want)
			}
		})
	}
}

func TestSearchErrors(t *testing.T) {
	tests := []struct {
		expr string
		want string // the whole message
	}{
		{"abs(Names)", `jmespath: invalid-type error at offset 0 of "abs(Names)": abs() argument 1: got array, want number`},
		{"length(Count)", `jmespath: invalid-type error at offset 0 of "length(Count)": length() argument 1: got number, want string or array or object`},
		{"length(PasswordData)", `jmespath: invalid-type error at offset 0 of "length(PasswordData)": length() argument 1: got null, want string or array or object`},
		{"sort_by(Contents, &Size)", `jmespath: invalid-type error at offset 0 of "sort_by(Contents, &Size)": sort_by(): the expression gives element 2 null, want a number or a string (as for every element)`},
		{"sort(Contents)", `jmespath: invalid-type error at offset 0 of "sort(Contents)": sort() argument 1: got array, want array[number] or array[string]`},
		{"map(Key, Contents)", `jmespath: invalid-type error at offset 0 of "map(Key, Contents)": map() argument 1: got null, want expref`},
		{"length(&Key)", `jmespath: invalid-type error at offset 0 of "length(&Key)": length() argument 1: got expref, want string or array or object`},
		{"type(Created)", `jmespath: invalid-type error at offset 0 of "type(Created)": type() argument 1: got a value of no JMESPath type, want null or boolean or number or string or array or object`},
		{"Contents[?abs(Key)]", `jmespath: invalid-type error at offset 10 of "Contents[?abs(Key)]": abs() argument 1: got string, want number`},
	}
	for _, tt := range tests {
		t.Run(tt.expr, func(t *testing.T) {
			got, err := jmespath.MustCompile(tt.expr).Search(fixture())
			if err == nil {
				t.Fatalf("got %v, want an error", jmespath.Plain(got))
			}
			if !errors.Is(err, jmespath.InvalidType) {
				t.Errorf("got %v, want an invalid-type error", err)
			}
			if err.Error() != tt.want {
				t.Errorf("got %q, want %q", err.Error(), tt.want)
			}
		})
	}
}

func TestSyntaxErrorMessage(t *testing.T) {
	_, err := jmespath.Compile("Contents[?Size >]")
	want := `jmespath: syntax error at offset 16 of "Contents[?Size >]": unexpected ']'`
	if err == nil || err.Error() != want {
		t.Errorf("got %v, want %s", err, want)
	}
}

// TestModelExpressions compiles every expression in the paginator and
// waiter models of the generated services.
func TestModelExpressions(t *testing.T) {
	root := filepath.Join("..", "codegen", "models")
	pags, _ := filepath.Glob(filepath.Join(root, "*", "*", "paginators-1.json"))
	waits, _ := filepath.Glob(filepath.Join(root, "*", "*", "waiters-2.json"))
	if len(pags) < 3 || len(waits) < 3 {
		t.Fatalf("got %d paginator and %d waiter models, want at least 3 each", len(pags), len(waits))
	}
	var exprs []string
	for _, f := range pags {
		var m struct {
			Pagination map[string]map[string]json.RawMessage `json:"pagination"`
		}
		readJSON(t, f, &m)
		for _, p := range m.Pagination {
			for _, k := range []string{"input_token", "output_token", "result_key", "more_results"} {
				exprs = append(exprs, stringList(t, p[k])...)
			}
		}
	}
	for _, f := range waits {
		var m struct {
			Waiters map[string]struct {
				Acceptors []struct{ Argument string } `json:"acceptors"`
			} `json:"waiters"`
		}
		readJSON(t, f, &m)
		for _, w := range m.Waiters {
			for _, a := range w.Acceptors {
				if a.Argument != "" {
					exprs = append(exprs, a.Argument)
				}
			}
		}
	}
	if len(exprs) < 100 {
		t.Fatalf("got %d expressions, want at least 100", len(exprs))
	}
	for _, e := range exprs {
		if _, err := jmespath.Compile(e); err != nil {
			t.Errorf("Compile(%q): %v", e, err)
		}
	}
}

func readJSON(t *testing.T, path string, v any) {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if err := json.Unmarshal(b, v); err != nil {
		t.Fatalf("%s: %v", path, err)
	}
}

func stringList(t *testing.T, raw json.RawMessage) []string {
	if raw == nil {
		return nil
	}
	var s string
	if json.Unmarshal(raw, &s) == nil {
		return []string{s}
	}
	var l []string
	if err := json.Unmarshal(raw, &l); err != nil {
		t.Fatalf("%s: %v", raw, err)
	}
	return l
}

// TestConcurrentSearch shares one Expr between goroutines that search
// values of different types (the field lookup cache changes type); run
// with -race.
func TestConcurrentSearch(t *testing.T) {
	type other struct {
		Pad      int
		Contents []struct{ Key string }
	}
	e := jmespath.MustCompile("Contents[-1].Key")
	data := []any{fixture(), &other{Contents: []struct{ Key string }{{"z"}}}, map[string]any{"Contents": []any{map[string]any{"Key": "m"}}}}
	want := []string{"c", "z", "m"}
	errs := make(chan error, 6)
	for g := range 6 {
		go func() {
			for i := range 200 {
				k := (g + i) % len(data)
				got, err := e.Search(data[k])
				if err == nil && got != want[k] {
					err = fmt.Errorf("got %v, want %s", got, want[k])
				}
				if err != nil {
					errs <- err
					return
				}
			}
			errs <- nil
		}()
	}
	for range 6 {
		if err := <-errs; err != nil {
			t.Error(err)
		}
	}
}
