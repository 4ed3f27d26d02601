package fuzz_test

import (
	"os"
	"path/filepath"
	"testing"
	"unicode/utf8"

	"github.com/goto3/goto3/endpoints"
)

// maxField bounds every fuzzed string so one iteration stays fast.
const maxField = 256

var regions = []string{"us-east-1", "us-west-2", "eu-central-1", "cn-north-1", "us-gov-west-1", "aws-global", "ap-southeast-2"}

// clip bounds s to maxField bytes, cutting at a rune start so that valid
// UTF-8 stays valid.
func clip(s string) string {
	if len(s) <= maxField {
		return s
	}
	n := maxField
	for n > 0 && !utf8.RuneStart(s[n]) {
		n--
	}
	return s[:n]
}

// validRegion is botocore's validate_region_name: boto3 refuses any other
// region name before endpoint resolution, because the S3 rules put the
// region into the host without checking it on some branches (path-style).
func validRegion(r string) bool {
	if r == "" || len(r) > 63 {
		return false
	}
	for i := 0; i < len(r); i++ {
		c := r[i]
		if !('a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9' || c == '-' && i > 0 && i < len(r)-1) {
			return false
		}
	}
	return true
}

// ruleSet loads the vendored endpoint rule set of a service (botocore's
// folder name, such as "s3"), the one internal/codegen embeds in the
// service package: this package imports no service.
func ruleSet(t testing.TB, svc string) *endpoints.RuleSet {
	t.Helper()
	m, _ := filepath.Glob(filepath.Join("..", "internal", "codegen", "models", svc, "*", "endpoint-rule-set-1.json"))
	if len(m) == 0 {
		t.Fatalf("no vendored rule set for %s", svc)
	}
	data, err := os.ReadFile(m[len(m)-1])
	if err != nil {
		t.Fatal(err)
	}
	rs, err := endpoints.Load(data)
	if err != nil {
		t.Fatalf("%s: %v", m[len(m)-1], err)
	}
	return rs
}
