package jmespath_test

import (
	"bytes"
	"encoding/json"
	"errors"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/goto3/goto3/internal/jmespath"
)

// The JMESPath compliance suite (testdata/compliance, from jmespath.py's
// tests/compliance; see testdata/CONFORMANCE-README.md at the repository
// root). Each file is a list of suites {given, cases}; a case has an
// expression and either a result, an error kind or a bench kind.

const complianceCases = 908

type complianceCase struct {
	File       string // file stem
	Suite      int
	Case       int
	Given      any
	Expression string
	Result     any
	HasResult  bool
	Error      string
	Bench      string
	Comment    string
}

func (c complianceCase) name() string {
	return c.File + "/" + strconv.Itoa(c.Suite) + "/" + strconv.Itoa(c.Case)
}

// decodeJSON decodes with json.Number, so that the runner also checks that
// numbers from the data pass through unchanged.
func decodeJSON(t testing.TB, raw []byte) any {
	t.Helper()
	dec := json.NewDecoder(bytes.NewReader(raw))
	dec.UseNumber()
	var v any
	if err := dec.Decode(&v); err != nil {
		t.Fatalf("decode %s: %v", raw, err)
	}
	return v
}

func loadCompliance(t testing.TB) []complianceCase {
	t.Helper()
	files, err := filepath.Glob(filepath.Join("testdata", "compliance", "*.json"))
	if err != nil || len(files) != 16 {
		t.Fatalf("got %d compliance files (%v), want 16", len(files), err)
	}
	var all []complianceCase
	for _, f := range files {
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		var suites []struct {
			Given json.RawMessage              `json:"given"`
			Cases []map[string]json.RawMessage `json:"cases"`
		}
		if err := json.Unmarshal(b, &suites); err != nil {
			t.Fatalf("%s: %v", f, err)
		}
		stem := strings.TrimSuffix(filepath.Base(f), ".json")
		for i, s := range suites {
			given := decodeJSON(t, s.Given)
			for j, c := range s.Cases {
				cc := complianceCase{File: stem, Suite: i, Case: j, Given: given}
				for k, dst := range map[string]*string{"expression": &cc.Expression, "error": &cc.Error, "bench": &cc.Bench, "comment": &cc.Comment} {
					if raw, ok := c[k]; ok {
						if err := json.Unmarshal(raw, dst); err != nil {
							t.Fatalf("%s: %s: %v", cc.name(), k, err)
						}
					}
				}
				if raw, ok := c["result"]; ok {
					cc.Result, cc.HasResult = decodeJSON(t, raw), true
				}
				if !cc.HasResult && cc.Error == "" && cc.Bench == "" {
					t.Fatalf("%s: no result, error or bench", cc.name())
				}
				all = append(all, cc)
			}
		}
	}
	if len(all) != complianceCases {
		t.Fatalf("got %d compliance cases, want %d", len(all), complianceCases)
	}
	return all
}

func TestCompliance(t *testing.T) {
	cases := loadCompliance(t)
	// No case is skipped.
	for _, c := range cases {
		t.Run(c.name(), func(t *testing.T) {
			e, err := jmespath.Compile(c.Expression)
			if c.Error != "" {
				checkKind(t, c, err, "Compile")
				if err != nil {
					return
				}
				if c.Error == string(jmespath.Syntax) {
					t.Fatalf("Compile(%q) succeeded, want a syntax error", c.Expression)
				}
				got, err := e.Search(c.Given)
				if err == nil {
					t.Fatalf("Search(%q) = %v, want a %s error", c.Expression, jmespath.Plain(got), c.Error)
				}
				checkKind(t, c, err, "Search")
				return
			}
			if err != nil {
				t.Fatalf("Compile(%q): %v", c.Expression, err)
			}
			got, err := e.Search(c.Given)
			if err != nil {
				t.Fatalf("Search(%q): %v", c.Expression, err)
			}
			if c.HasResult && !sameJSON(jmespath.Plain(got), c.Result) {
				t.Errorf("Search(%q) = %s, want %s", c.Expression, jsonText(jmespath.Plain(got)), jsonText(c.Result))
			}
		})
	}
}

// checkKind checks that err, when not nil, is an *Error of the case's
// kind, found both by its Kind field and by errors.Is.
func checkKind(t *testing.T, c complianceCase, err error, op string) {
	t.Helper()
	if err == nil {
		return
	}
	var je *jmespath.Error
	if !errors.As(err, &je) {
		t.Fatalf("%s(%q): got %T %v, want a *jmespath.Error", op, c.Expression, err, err)
	}
	if string(je.Kind) != c.Error || !errors.Is(err, jmespath.Kind(c.Error)) {
		t.Fatalf("%s(%q): got %s error %v, want %s", op, c.Expression, je.Kind, err, c.Error)
	}
}

// sameJSON compares JSON values: numbers by value (1 == 1.0, whatever
// their Go type), objects without regard to order, everything else by
// type and value.
func sameJSON(got, want any) bool {
	if g, ok := number(got); ok {
		w, ok := number(want)
		return ok && g == w
	}
	switch w := want.(type) {
	case nil:
		return got == nil
	case bool, string:
		return got == want
	case []any:
		g, ok := got.([]any)
		if !ok || len(g) != len(w) {
			return false
		}
		for i := range w {
			if !sameJSON(g[i], w[i]) {
				return false
			}
		}
		return true
	case map[string]any:
		g, ok := got.(map[string]any)
		if !ok || len(g) != len(w) {
			return false
		}
		for k, wv := range w {
			gv, ok := g[k]
			if !ok || !sameJSON(gv, wv) {
				return false
			}
		}
		return true
	}
	return false
}

func number(v any) (float64, bool) {
	switch x := v.(type) {
	case float64:
		return x, true
	case int64:
		return float64(x), true
	case int:
		return float64(x), true
	case json.Number:
		f, err := strconv.ParseFloat(string(x), 64)
		return f, err == nil || errors.Is(err, strconv.ErrRange)
	}
	return 0, false
}

func jsonText(v any) string {
	b, err := json.Marshal(v)
	if err != nil {
		return err.Error()
	}
	return string(b)
}

// BenchmarkCompliance runs the suite's benchmarks (benchmarks.json):
// "parse" cases compile, "interpret" cases search with a compiled
// expression, "full" cases do both.
func BenchmarkCompliance(b *testing.B) {
	for _, c := range loadCompliance(b) {
		if c.Bench == "" {
			continue
		}
		name := c.Bench + "/" + strings.ReplaceAll(c.Comment, " ", "_")
		b.Run(name, func(b *testing.B) {
			e := jmespath.MustCompile(c.Expression)
			b.ReportAllocs()
			for b.Loop() {
				if c.Bench != "interpret" {
					var err error
					if e, err = jmespath.Compile(c.Expression); err != nil {
						b.Fatal(err)
					}
				}
				if c.Bench != "parse" {
					if _, err := e.Search(c.Given); err != nil {
						b.Fatal(err)
					}
				}
			}
		})
	}
}
