package endpoints_test

import (
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/goto3/goto3/endpoints"
)

const testdataDir = "../testdata/endpoints"

type testFile struct {
	TestCases []testCase `json:"testCases"`
}

type testCase struct {
	Documentation   string         `json:"documentation"`
	Params          map[string]any `json:"params"`
	Expect          expectation    `json:"expect"`
	OperationInputs []struct {
		OperationName   string         `json:"operationName"`
		OperationParams map[string]any `json:"operationParams"`
		BuiltInParams   map[string]any `json:"builtInParams"`
	} `json:"operationInputs"`
}

// expectation is a test case's expected endpoint or error.
type expectation struct {
	Error    *string `json:"error"`
	Endpoint *struct {
		URL        string              `json:"url"`
		Headers    map[string][]string `json:"headers"`
		Properties map[string]any      `json:"properties"`
	} `json:"endpoint"`
}

func readCases(t *testing.T, path string) []testCase {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	var f testFile
	if err := json.Unmarshal(data, &f); err != nil {
		t.Fatalf("%s: %v", path, err)
	}
	if len(f.TestCases) == 0 {
		t.Fatalf("%s: no test cases", path)
	}
	return f.TestCases
}

// check resolves p and compares with the case's expectation exactly, as
// botocore does (missing headers or properties mean empty).
func check(t *testing.T, rs *endpoints.RuleSet, p []endpoints.Value, tc testCase) {
	t.Helper()
	ep, err := rs.Resolve(p)
	if tc.Expect.Error != nil {
		var re *endpoints.RuleError
		if !errors.As(err, &re) {
			t.Fatalf("got endpoint %+v, error %v; want rule error %q (%s)", ep, err, *tc.Expect.Error, tc.Documentation)
		}
		if re.Message != *tc.Expect.Error {
			t.Errorf("got error %q, want %q", re.Message, *tc.Expect.Error)
		}
		if err.Error() != *tc.Expect.Error {
			t.Errorf("got Error() %q, want %q", err.Error(), *tc.Expect.Error)
		}
		return
	}
	if err != nil {
		t.Fatalf("got error %v, want endpoint %s (%s)", err, tc.Expect.Endpoint.URL, tc.Documentation)
	}
	want := tc.Expect.Endpoint
	if ep.URL != want.URL {
		t.Errorf("got URL %q, want %q", ep.URL, want.URL)
	}
	if diff := cmp.Diff(emptyIfNil(want.Headers), emptyIfNil(ep.Headers)); diff != "" {
		t.Errorf("headers (-want +got):\n%s", diff)
	}
	wantProps := want.Properties
	if wantProps == nil {
		wantProps = map[string]any{}
	}
	gotProps := ep.Properties
	if gotProps == nil {
		gotProps = map[string]any{}
	}
	if diff := cmp.Diff(wantProps, gotProps); diff != "" {
		t.Errorf("properties (-want +got):\n%s", diff)
	}
	checkAuthSchemes(t, wantProps, ep.AuthSchemes)
}

// checkAuthSchemes checks the typed AuthSchemes against the JSON property.
func checkAuthSchemes(t *testing.T, props map[string]any, got []endpoints.AuthScheme) {
	t.Helper()
	list, _ := props["authSchemes"].([]any)
	var want []endpoints.AuthScheme
	for _, x := range list {
		m := x.(map[string]any)
		a := endpoints.AuthScheme{}
		a.Name, _ = m["name"].(string)
		a.SigningName, _ = m["signingName"].(string)
		a.SigningRegion, _ = m["signingRegion"].(string)
		a.DisableDoubleEncoding, _ = m["disableDoubleEncoding"].(bool)
		if set, ok := m["signingRegionSet"].([]any); ok {
			a.SigningRegionSet = []string{}
			for _, r := range set {
				a.SigningRegionSet = append(a.SigningRegionSet, r.(string))
			}
		}
		want = append(want, a)
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("AuthSchemes (-want +got):\n%s", diff)
	}
}

func emptyIfNil(h map[string][]string) map[string][]string {
	if h == nil {
		return map[string][]string{}
	}
	return h
}

// TestServiceConformance runs botocore's endpoint tests of every service
// whose rule set is vendored (internal/codegen/models) against that rule
// set, each case as <service>/<index>.
func TestServiceConformance(t *testing.T) {
	drift := readDrift(t)
	dirs, err := os.ReadDir(filepath.Join(testdataDir, "tests"))
	if err != nil {
		t.Fatal(err)
	}
	n := 0
	for _, d := range dirs {
		svc := d.Name()
		if ruleSetPath(svc) == "" {
			t.Errorf("%s: endpoint tests without a vendored rule set", svc)
			continue
		}
		cases := readCases(t, filepath.Join(testdataDir, "tests", svc, "endpoint-tests-1.json"))
		rs := ruleSet(t, svc)
		for i, tc := range cases {
			n++
			t.Run(fmt.Sprintf("%s/%d", svc, i), func(t *testing.T) {
				if d, ok := drift.Cases[svc][strconv.Itoa(i)]; ok {
					// The case is from a newer botocore than the rule set
					// embedded; goto3 must answer as the installed botocore
					// does with that same rule set.
					tc.Expect = d
					t.Logf("checked against botocore %s's answer with the embedded rule set", drift.Botocore)
				}
				p := declared(rs, tc.Params)
				check(t, rs, values(t, rs, p), tc)
				// Resolve again: the second answer is stored in the
				// cache, the third comes from it.
				check(t, rs, values(t, rs, p), tc)
				check(t, rs, values(t, rs, p), tc)
			})
		}
	}
	if n < 490 {
		t.Errorf("ran %d cases, want at least S3's, SES's and EC2's 490", n)
	}
}

func TestEngineConformance(t *testing.T) {
	rulesDir := filepath.Join(testdataDir, "engine", "valid-rules")
	files, err := filepath.Glob(filepath.Join(rulesDir, "*.json"))
	if err != nil || len(files) == 0 {
		t.Fatalf("no rule sets in %s: %v", rulesDir, err)
	}
	for _, f := range files {
		name := strings.TrimSuffix(filepath.Base(f), ".json")
		data, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		rs, err := endpoints.Load(data)
		t.Run("engine/"+name+"/load", func(t *testing.T) {
			if err != nil {
				t.Fatalf("Load: %v", err)
			}
		})
		if err != nil {
			continue
		}
		casePath := filepath.Join(testdataDir, "engine", "test-cases", name+".json")
		if _, err := os.Stat(casePath); errors.Is(err, os.ErrNotExist) {
			switch name {
			case "deprecated-param", "minimal-ruleset", "get-attr-type-inference":
				continue // load-only rule sets
			}
			t.Errorf("rule set %s has no test cases", name)
			continue
		}
		for i, tc := range readCases(t, casePath) {
			t.Run(fmt.Sprintf("engine/%s/%d", name, i), func(t *testing.T) {
				check(t, rs, values(t, rs, tc.Params), tc)
			})
		}
	}
}

// versionDrift lists the endpoint test cases the installed botocore fails
// with its own rule set (testdata/endpoints/botocore-diff/version_drift.py):
// the tests come from botocore 1.43.67, the embedded rule sets from
// 1.43.11, and some services' rule sets changed in between. For those
// cases the installed botocore's answer is the oracle.
type versionDrift struct {
	Botocore string `json:"botocore"`
	// Cases maps service -> case index -> botocore's answer, in the form
	// of a test case's "expect".
	Cases map[string]map[string]expectation `json:"cases"`
}

func readDrift(t *testing.T) versionDrift {
	t.Helper()
	var d versionDrift
	b, err := os.ReadFile(filepath.Join(testdataDir, "botocore-diff", "version_drift.json"))
	if err != nil {
		t.Fatal(err)
	}
	if err := json.Unmarshal(b, &d); err != nil {
		t.Fatal(err)
	}
	return d
}

// declared returns the parameters of params that rs declares: botocore's
// EndpointProvider ignores the others, and newer test cases name
// parameters that an older rule set does not have (DynamoDB's
// IsSearchOperation).
func declared(rs *endpoints.RuleSet, params map[string]any) map[string]any {
	out := make(map[string]any, len(params))
	for k, v := range params {
		if rs.Index(k) >= 0 {
			out[k] = v
		}
	}
	return out
}
