package endpoints_test

import (
	"os"
	"path/filepath"
	"sync"
	"testing"

	"github.com/goto3/goto3/endpoints"
)

// modelsDir holds the vendored botocore models and endpoint rule sets that
// internal/codegen compiles into the service packages; the engine's tests
// read the rule sets from there.
const modelsDir = "../internal/codegen/models"

// ruleSetPath returns the vendored rule set of a service (the folder name
// botocore uses, such as "s3"), or "" when none is vendored.
func ruleSetPath(svc string) string {
	m, _ := filepath.Glob(filepath.Join(modelsDir, svc, "*", "endpoint-rule-set-1.json"))
	if len(m) == 0 {
		return ""
	}
	return m[len(m)-1]
}

func ruleSetData(t testing.TB, svc string) []byte {
	t.Helper()
	p := ruleSetPath(svc)
	if p == "" {
		t.Fatalf("no vendored rule set for %s under %s", svc, modelsDir)
	}
	data, err := os.ReadFile(p)
	if err != nil {
		t.Fatal(err)
	}
	return data
}

var loaded sync.Map // service -> *endpoints.RuleSet

// ruleSet loads (once per test binary) the vendored rule set of svc the
// way a service package does: compiled from the JSON, written in the
// compiled form and read back (TestCompiledRoundTrip checks that this
// gives the rule set Load does).
func ruleSet(t testing.TB, svc string) *endpoints.RuleSet {
	t.Helper()
	if rs, ok := loaded.Load(svc); ok {
		return rs.(*endpoints.RuleSet)
	}
	rs := compiled(t, ruleSetData(t, svc))
	v, _ := loaded.LoadOrStore(svc, rs)
	return v.(*endpoints.RuleSet)
}

// compiled loads a rule set's JSON through its compiled form.
func compiled(t testing.TB, data []byte) *endpoints.RuleSet {
	t.Helper()
	rs, err := endpoints.Load(data)
	if err != nil {
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
	return back
}

// values converts named parameters into the rule set's []Value.
func values(t testing.TB, rs *endpoints.RuleSet, m map[string]any) []endpoints.Value {
	t.Helper()
	v, err := rs.Values(m)
	if err != nil {
		t.Fatal(err)
	}
	return v
}
