package codegen

import (
	"bytes"
	"encoding/json"
	"fmt"
	"go/ast"
	"go/parser"
	"go/token"
	"maps"
	"sort"
	"strconv"
)

// suite is one suite of a botocore protocol-test file: shapes and cases,
// each case naming its operation in "given".
type suite struct {
	Description string            `json:"description"`
	Metadata    Metadata          `json:"metadata"`
	Shapes      map[string]*Shape `json:"shapes"`
	Cases       []struct {
		ID    string     `json:"id"`
		Given *Operation `json:"given"`
	} `json:"cases"`
}

// SuitePrefix is the prefix of the Go names generated for suite i of a
// protocol-test file: "S00", "S01", ...
func SuitePrefix(i int) string { return fmt.Sprintf("S%02d", i) }

// CaseID is the name of case n of a protocol-test file (its 0-based
// position among the file's cases, every suite's cases in order) whose
// own id is id: id itself, or, for the legacy files, whose cases have no
// id, n in decimal.
func CaseID(id string, n int) string {
	if id != "" {
		return id
	}
	return strconv.Itoa(n)
}

// suitePart is one generated API of a suite: a suite whose cases give the
// same operation name with different definitions (the legacy files call
// every operation OperationName) is split into parts, each with one
// definition per name; part j > 0 has the prefix SuitePrefix(i)+"P<j>".
type suitePart struct {
	api   *API
	cases []int // indexes into the suite's cases
}

// GenerateSuites generates the Go package for one protocol-test file
// (testdata/protocols/{input,output}/<protocol>.json, or a legacy file):
// for suite i, types and schema named with SuitePrefix(i), and a Lookup
// function from (suite index, case id) to the case's operation and a
// constructor of its input (input files) or output (output files). A case
// without an id is looked up by CaseID. It returns file name -> content.
func GenerateSuites(data []byte, pkg string, output bool) (map[string][]byte, error) {
	var suites []suite
	if err := json.Unmarshal(data, &suites); err != nil {
		return nil, fmt.Errorf("codegen: protocol tests: %w", err)
	}
	var types, schema, reg bytes.Buffer
	n := 0 // position of the case in the file
	for i, s := range suites {
		var parts []*suitePart
		for ci, c := range s.Cases {
			op := c.Given
			var part *suitePart
			for _, p := range parts {
				prev := p.api.Operations[op.Name]
				if prev == nil {
					part = p
					break
				}
				a, _ := json.Marshal(prev)
				b, _ := json.Marshal(op)
				if bytes.Equal(a, b) {
					part = p
					break
				}
			}
			if part == nil {
				if len(parts) > 0 && c.ID != "" {
					return nil, fmt.Errorf("codegen: suite %d: operation %s given twice differently", i, op.Name)
				}
				// Each part gets its own map: New may replace a shape by
				// a copy carrying its reference's payload trait.
				api := &API{Shapes: maps.Clone(s.Shapes), Operations: map[string]*Operation{}, Metadata: s.Metadata}
				if api.Shapes == nil {
					api.Shapes = map[string]*Shape{}
				}
				api.Metadata.ServiceID = "ProtocolTest" + SuitePrefix(i)
				part = &suitePart{api: api}
				parts = append(parts, part)
			}
			part.api.Operations[op.Name] = op
			part.cases = append(part.cases, ci)
		}
		ids := make([]string, len(s.Cases))
		for ci, c := range s.Cases {
			ids[ci] = CaseID(c.ID, n)
			n++
		}
		for j, p := range parts {
			prefix := SuitePrefix(i)
			if j > 0 {
				prefix += fmt.Sprintf("P%d", j)
			}
			if err := p.api.check(); err != nil {
				return nil, fmt.Errorf("codegen: suite %d: %w", i, err)
			}
			g, err := New(p.api, Config{Prefix: prefix})
			if err != nil {
				return nil, fmt.Errorf("codegen: suite %d: %w", i, err)
			}
			what := fmt.Sprintf("Suite %d", i)
			if len(parts) > 1 {
				what += fmt.Sprintf(", part %d", j)
			}
			fmt.Fprintf(&types, "// %s: %s.\n\n", what, s.Description)
			g.Types(&types)
			g.Enums(&types)
			fmt.Fprintf(&schema, "// %s: %s.\n\n", what, s.Description)
			g.Schema(&schema)
			byName := map[string]OperationTypes{}
			for _, o := range g.Operations() {
				byName[o.Name] = o
			}
			for _, ci := range p.cases {
				c := s.Cases[ci]
				o := byName[c.Given.Name]
				t := o.InputType
				if output {
					t = o.OutputType
				}
				newFn := "nil"
				switch {
				case t != "":
					newFn = "func() any { return new(" + t + ") }"
				case output:
					newFn = "func() any { return new(protocoltest.NoOutput) }"
				default:
					newFn = "func() any { return nil }"
				}
				fmt.Fprintf(&reg, "\t{Suite: %d, ID: %s}: {Operation: &%s, New: %s},\n", i, strconv.Quote(ids[ci]), o.Var, newFn)
			}
		}
	}
	kind := "input"
	if output {
		kind = "output"
	}
	files := map[string][]byte{}
	var err error
	add := func(name string, body []byte) {
		if err != nil {
			return
		}
		files[name], err = Format(name, body)
	}
	add("types.go", imports(types.Bytes(), "package "+pkg))
	var sb bytes.Buffer
	sb.Write(schema.Bytes())
	fmt.Fprintf(&sb, `var registry = map[protocoltest.Key]protocoltest.Entry{
%s}

// Lookup returns the operation of case id in suite (its index in the
// file) and a constructor of the case's %s value.
func Lookup(suite int, id string) (protocoltest.Entry, bool) {
	e, ok := registry[protocoltest.Key{Suite: suite, ID: id}]
	return e, ok
}
`, reg.String(), kind)
	add("schema.go", imports(sb.Bytes(), "package "+pkg))
	add("doc.go", []byte(fmt.Sprintf(`// Package %s holds the Go types and schema generated from the botocore
// protocol tests' %s suites of one protocol, so that the codecs'
// conformance runners exercise the generated code path users get.
//
// Suite i of the test file has its names prefixed with S<i> (two digits).
// Lookup maps (suite index, case id) to the case's operation and a
// constructor of its %s value. Everything here is read-only after package
// initialization and safe for concurrent use.
package %s
`, pkg, kind, kind, pkg)))
	if err != nil {
		return nil, err
	}
	return files, nil
}

// imports prefixes a generated body with its package clause and the
// imports it uses, found by parsing the body and looking for selector
// expressions on the known package names.
func imports(body []byte, pkgClause string) []byte {
	known := map[string]string{
		"io":           "io",
		"reflect":      "reflect",
		"time":         "time",
		"protocoltest": "github.com/goto3/goto3/internal/testing/protocoltest",
		"protocol":     "github.com/goto3/goto3/protocol",
	}
	used := map[string]bool{}
	src := append([]byte(pkgClause+"\n\n"), body...)
	if f, err := parser.ParseFile(token.NewFileSet(), "", src, parser.SkipObjectResolution); err == nil {
		ast.Inspect(f, func(n ast.Node) bool {
			if sel, ok := n.(*ast.SelectorExpr); ok {
				if id, ok := sel.X.(*ast.Ident); ok && known[id.Name] != "" {
					used[known[id.Name]] = true
				}
			}
			return true
		})
	}
	need := make([]string, 0, len(used))
	for p := range used {
		need = append(need, p)
	}
	sort.Strings(need)
	var b bytes.Buffer
	b.WriteString(pkgClause + "\n\n")
	if len(need) > 0 {
		b.WriteString("import (\n")
		for _, p := range need {
			fmt.Fprintf(&b, "\t%q\n", p)
		}
		b.WriteString(")\n\n")
	}
	b.Write(body)
	return b.Bytes()
}
