package jmespath_test

import (
	"encoding/json"
	"os"
	"path/filepath"
	"testing"

	"github.com/google/go-cmp/cmp"
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
	NextMarker     *string
	Contents       []object
	IsTruncated    *bool
	Reservations   []reservation
	Names          []string
	Attributes     map[string]verification
	Empty          []object
	PasswordData   *string
	Count          int32
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
		{"Contents[*].Size", []any{1.0, 20.0}},
		{"Reservations[].Instances[].State.Name", []any{"running", "pending", "running"}},
		{"Reservations[].Instances[].InstanceId | [0]", "i-1"},
		{"Reservations[0].Instances[1].State.Name", "pending"},
		{"Contents[?Size > `5`].Key", []any{"b"}},
		{"Contents[?Key == 'a'].Size", []any{1.0}},
		{"Contents[?Key != 'a'] | length(@)", 2.0},
		{"length(Contents[]) > `0`", true},
		{"length(Empty[]) == `0`", true},
		{"length(PasswordData) > `0`", nil},
		{"length(Names)", 2.0},
		{"contains(Names, 'y')", true},
		{"contains(Names, 'z')", false},
		{"contains(Contents[].Key, 'b')", true},
		{"Attributes.*.VerificationStatus", []any{"Success", "Pending"}},
		{`Attributes."a@example.com".VerificationStatus`, "Success"},
		{"!IsTruncated", false},
		{"IsTruncated && Count", 3.0},
		{"NextMarker && Count", nil},
		{"Count >= `3` && Count < `4`", true},
		{"Count <= `2`", false},
		{"Names[0] < `1`", nil},
		{"Names == ['x', 'y']", true},
		{"Names == ['y', 'x']", false},
		{"Names == `[\"x\", \"y\"]`", true},
		{"[Count, IsTruncated]", []any{3.0, true}},
		{"Contents[0]", map[string]any{"Key": "a", "Size": 1.0}},
		{"(NextMarker || Names)[1]", "y"},
		{"Missing.Deeper[0]", nil},
		{"lowercaseField", nil},
		{"names[1]", "y"},
		{"@.Count", 3.0},
		{"Reservations[].Instances[]", nil}, // checked below as a length
	}
	for _, tt := range tests {
		t.Run(tt.expr, func(t *testing.T) {
			e, err := jmespath.Compile(tt.expr)
			if err != nil {
				t.Fatalf("Compile: %v", err)
			}
			got := jmespath.Plain(e.Search(fixture()))
			if tt.expr == "Reservations[].Instances[]" {
				if l, ok := got.([]any); !ok || len(l) != 3 {
					t.Fatalf("got %v, want 3 instances", got)
				}
				return
			}
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("Search(%q) mismatch (-want +got):\n%s", tt.expr, diff)
			}
		})
	}
}

func TestSearchNil(t *testing.T) {
	for _, expr := range []string{"a", "a[0]", "a[]", "*", "[?a]", "length(@)", "NextMarker || Contents[-1].Key"} {
		if got := jmespath.MustCompile(expr).Search((*output)(nil)); got != nil {
			t.Errorf("Search(%q) on nil = %v, want nil", expr, got)
		}
	}
}

func TestSyntaxErrors(t *testing.T) {
	for _, expr := range []string{"", "a.", "a[", "a[0", "[?a", "a ||", "a = b", "foo(a)", "length(a, b)", "'abc", "`[1,`", "a[1:2]", "&a", "a]", "a..b", "-", "a.{b: c}", "length("} {
		t.Run(expr, func(t *testing.T) {
			if _, err := jmespath.Compile(expr); err == nil {
				t.Errorf("Compile(%q) succeeded, want a syntax error", expr)
			}
		})
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

func FuzzCompile(f *testing.F) {
	for _, s := range []string{"NextMarker || Contents[-1].Key", "length(Reservations[]) > `0`", "Reservations[].Instances[].State.Name", "VerificationAttributes.*.VerificationStatus", "a[?b == 'c'].d | [0]", "!(a && b) || contains(c, `1`)", "[a, b][-1]", `"quoted\"x".y`} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, expr string) {
		e, err := jmespath.Compile(expr)
		if err != nil {
			return
		}
		// A compiled expression evaluates without panicking.
		e.Search(fixture())
		e.Search(nil)
		if e.String() != expr {
			t.Fatalf("String() = %q, want %q", e.String(), expr)
		}
	})
}

func BenchmarkSearch(b *testing.B) {
	e := jmespath.MustCompile("NextMarker || Contents[-1].Key")
	out := fixture()
	b.ReportAllocs()
	for b.Loop() {
		if e.Search(out) != "c" {
			b.Fatal("wrong result")
		}
	}
}

// FuzzSearch evaluates fuzzed expressions over fuzzed JSON documents (maps,
// lists and scalars as encoding/json decodes them): no panic, and the
// result is plain data.
func FuzzSearch(f *testing.F) {
	f.Add("a.b[0].c", `{"a": {"b": [{"c": 1}]}}`)
	f.Add("a[?x > `1`].y | length(@)", `{"a": [{"x": 1, "y": "p"}, {"x": 2, "y": "q"}]}`)
	f.Add("*.s || `null`", `{"k": {"s": "v"}, "l": {"s": ""}}`)
	f.Add("contains(a, 'x') && !b", `{"a": "xyz", "b": false}`)
	f.Add("a[][].b[-1]", `{"a": [[{"b": [1, 2]}], [{"b": []}]]}`)
	f.Fuzz(func(t *testing.T, expr, doc string) {
		e, err := jmespath.Compile(expr)
		if err != nil {
			return
		}
		var data any
		if json.Unmarshal([]byte(doc), &data) != nil {
			return
		}
		got := jmespath.Plain(e.Search(data))
		if _, err := json.Marshal(got); err != nil {
			t.Fatalf("Search(%q) on %s = %#v, not plain data: %v", expr, doc, got, err)
		}
		if !jmespath.Equal(got, got) {
			t.Fatalf("result %#v is not equal to itself", got)
		}
	})
}
