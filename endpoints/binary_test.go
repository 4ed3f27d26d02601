package endpoints_test

import (
	"bytes"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/goto3/goto3/endpoints"
)

// allRuleSets returns every rule set the repository holds: each vendored
// service's (internal/codegen/models) and the engine conformance suite's.
func allRuleSets(t testing.TB) map[string][]byte {
	t.Helper()
	svc, _ := filepath.Glob(filepath.Join(modelsDir, "*", "*", "endpoint-rule-set-1.json"))
	engine, _ := filepath.Glob(filepath.Join(testdataDir, "engine", "valid-rules", "*.json"))
	if len(svc) < 35 || len(engine) == 0 {
		t.Fatalf("found %d service and %d engine rule sets", len(svc), len(engine))
	}
	out := map[string][]byte{}
	for _, p := range append(svc, engine...) {
		data, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		out[p] = data
	}
	return out
}

// TestCompiledRoundTrip compiles every rule set from its JSON, writes the
// compiled form, reads it back and checks that the rule set read is deeply
// equal to the one compiled (every expression, endpoint and property, the
// cache key layout and the endpoint memos), and that writing it again
// gives the same bytes.
func TestCompiledRoundTrip(t *testing.T) {
	for path, data := range allRuleSets(t) {
		t.Run(strings.TrimPrefix(path, "../"), func(t *testing.T) {
			rs, err := endpoints.Load(data)
			if err != nil {
				if strings.Contains(path, "valid-rules") {
					t.Skipf("the engine suite's rule set does not load: %v", err)
				}
				t.Fatal(err)
			}
			b, err := rs.MarshalBinary()
			if err != nil {
				t.Fatal(err)
			}
			back, err := endpoints.LoadCompiled(string(b))
			if err != nil {
				t.Fatal(err)
			}
			if !endpoints.SameCompiled(rs, back) {
				t.Fatal("got a rule set that differs from the one compiled, want it deeply equal")
			}
			again, err := back.MarshalBinary()
			if err != nil {
				t.Fatal(err)
			}
			if !bytes.Equal(again, b) {
				t.Errorf("got %d bytes written again, want the same %d", len(again), len(b))
			}
			if len(b) >= len(data) {
				t.Errorf("got %d bytes compiled for %d of JSON, want fewer", len(b), len(data))
			}
		})
	}
}

// TestCompiledRefused checks that another format version, another magic,
// and every truncation are refused with an error.
func TestCompiledRefused(t *testing.T) {
	b, err := ruleSet(t, "s3").MarshalBinary()
	if err != nil {
		t.Fatal(err)
	}
	newer := bytes.Clone(b)
	newer[4]++
	if _, err := endpoints.LoadCompiled(string(newer)); err == nil || !strings.Contains(err.Error(), "format version") || !strings.Contains(err.Error(), "go generate") {
		t.Errorf("another version: got %v, want an error naming the version and go generate", err)
	}
	if _, err := endpoints.LoadCompiled(`{"version":"1.0"}`); err == nil {
		t.Error("JSON: got no error")
	}
	for n := 0; n < len(b); n++ {
		if _, err := endpoints.LoadCompiled(string(b[:n])); err == nil {
			t.Fatalf("cut to %d of %d bytes: got no error", n, len(b))
		}
	}
	if _, err := endpoints.LoadCompiled(string(b) + "x"); err == nil {
		t.Error("a trailing byte: got no error")
	}
}

// TestCompiledDeepSharing checks that a compiled form whose expressions
// refer twice to the one before (so that each doubles the work of the
// last) is refused instead of taking exponential time to resolve.
func TestCompiledDeepSharing(t *testing.T) {
	// chain writes n expressions, true and then booleanEquals(e[i-1],
	// e[i-1]), and one error rule whose condition is the last.
	chain := func(n byte) string {
		b := []byte("g3ep\x01")
		// strings, params, slots, exprs, exprRefs, parts, path, props,
		// propRefs, keys, eps, headers, deps, rules, conds, top, arrays
		b = append(b, 0, 0, 0, n, 2*(n-1), 0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 0)
		b = append(b, 0, 1, 1) // opLit, kindBool, true
		for i := byte(1); i < n; i++ {
			b = append(b, 3, 2, 2, i-1, i-1, 0) // opCall, booleanEquals, 2 arguments, no path
		}
		return string(append(b, 1, 1, n-1, 0, 0)) // error rule, 1 condition (e[n-1], no assign), message e[0]
	}
	rs, err := endpoints.LoadCompiled(chain(5))
	if err != nil {
		t.Fatal(err)
	}
	var re *endpoints.RuleError
	if _, err := rs.Resolve(nil); !errors.As(err, &re) {
		t.Errorf("5 expressions: got %v, want the rule error", err)
	}
	if _, err := endpoints.LoadCompiled(chain(40)); err == nil || !strings.Contains(err.Error(), "nodes") {
		t.Errorf("40 expressions: got %v, want the tree size refused", err)
	}
}

// FuzzLoadCompiled reads damaged compiled rule sets: LoadCompiled must
// refuse them or give a rule set that resolves without panicking.
func FuzzLoadCompiled(f *testing.F) {
	for _, svc := range []string{"s3", "ses", "dynamodb", "sts"} {
		b, err := ruleSet(f, svc).MarshalBinary()
		if err != nil {
			f.Fatal(err)
		}
		f.Add(b, "us-east-1")
	}
	files, _ := filepath.Glob(filepath.Join(testdataDir, "engine", "valid-rules", "*.json"))
	for _, name := range files {
		data, err := os.ReadFile(name)
		if err != nil {
			f.Fatal(err)
		}
		if rs, err := endpoints.Load(data); err == nil {
			b, err := rs.MarshalBinary()
			if err != nil {
				f.Fatal(err)
			}
			f.Add(b, "a")
		}
	}
	f.Fuzz(func(t *testing.T, data []byte, s string) {
		rs, err := endpoints.LoadCompiled(string(data))
		if err != nil {
			return
		}
		p := fuzzParams(rs, s)
		rs.Resolve(p)
		rs.ResolveUncached(p)
		rs.Resolve(p)
		if _, err := rs.MarshalBinary(); err != nil {
			t.Fatalf("a rule set read back does not write: %v", err)
		}
	})
}

// TestEmbeddedCompiled loads a compiled rule set once and binds its
// parameter names; another format version or other names panic, naming
// the reason.
func TestEmbeddedCompiled(t *testing.T) {
	rs := ruleSet(t, "ses")
	b, err := rs.MarshalBinary()
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, p := range rs.Parameters() {
		names = append(names, p.Name)
	}
	load := endpoints.EmbeddedCompiled(string(b), names)
	if first, again := load(), load(); first != again || first.NumParameters() != len(names) {
		t.Errorf("got %p then %p with %d parameters, want the same rule set with %d", first, again, first.NumParameters(), len(names))
	}
	older := bytes.Clone(b)
	older[4]--
	for _, tt := range []struct {
		name, data string
		names      []string
		want       string
	}{
		{"another version", string(older), names, "go generate"},
		{"other names", string(b), names[1:], "declares the parameters"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			defer func() {
				if r := recover(); r == nil || !strings.Contains(fmt.Sprint(r), tt.want) {
					t.Errorf("got panic %v, want one containing %q", r, tt.want)
				}
			}()
			endpoints.EmbeddedCompiled(tt.data, tt.names)()
		})
	}
}
