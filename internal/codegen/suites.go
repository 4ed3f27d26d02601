package codegen

import (
	"bytes"
	"encoding/json"
	"fmt"
	"go/ast"
	"go/parser"
	"go/token"
	"sort"
	"strconv"
)

// suite is one suite of a botocore protocol-test file: shapes and cases,
// each case naming its operation in "given".
type suite struct {
	Description string `json:"description"`
	Metadata    struct {
		Protocol   string `json:"protocol"`
		APIVersion string `json:"apiVersion"`
	} `json:"metadata"`
	Shapes map[string]*Shape `json:"shapes"`
	Cases  []struct {
		ID    string     `json:"id"`
		Given *Operation `json:"given"`
	} `json:"cases"`
}

// SuitePrefix is the prefix of the Go names generated for suite i of a
// protocol-test file: "S00", "S01", ...
func SuitePrefix(i int) string { return fmt.Sprintf("S%02d", i) }

// GenerateSuites generates the Go package for one protocol-test file
// (testdata/protocols/{input,output}/<protocol>.json): for suite i, types
// and schema named with SuitePrefix(i), and a Lookup function from (suite
// index, case id) to the case's operation and a constructor of its input
// (input files) or output (output files). It returns file name -> content.
func GenerateSuites(data []byte, pkg string, output bool) (map[string][]byte, error) {
	var suites []suite
	if err := json.Unmarshal(data, &suites); err != nil {
		return nil, fmt.Errorf("codegen: protocol tests: %w", err)
	}
	var types, schema, reg bytes.Buffer
	for i, s := range suites {
		api := &API{Shapes: s.Shapes, Operations: map[string]*Operation{}}
		if api.Shapes == nil {
			api.Shapes = map[string]*Shape{}
		}
		api.Metadata.Protocol = s.Metadata.Protocol
		api.Metadata.APIVersion = s.Metadata.APIVersion
		api.Metadata.ServiceID = "ProtocolTest" + SuitePrefix(i)
		for _, c := range s.Cases {
			op := c.Given
			if prev := api.Operations[op.Name]; prev != nil {
				a, _ := json.Marshal(prev)
				b, _ := json.Marshal(op)
				if !bytes.Equal(a, b) {
					return nil, fmt.Errorf("codegen: suite %d: operation %s given twice differently", i, op.Name)
				}
			}
			api.Operations[op.Name] = op
		}
		if err := api.check(); err != nil {
			return nil, fmt.Errorf("codegen: suite %d: %w", i, err)
		}
		g, err := New(api, Config{Prefix: SuitePrefix(i)})
		if err != nil {
			return nil, fmt.Errorf("codegen: suite %d: %w", i, err)
		}
		fmt.Fprintf(&types, "// Suite %d: %s.\n\n", i, s.Description)
		g.Types(&types)
		g.Enums(&types)
		fmt.Fprintf(&schema, "// Suite %d: %s.\n\n", i, s.Description)
		g.Schema(&schema)
		byName := map[string]OperationTypes{}
		for _, o := range g.Operations() {
			byName[o.Name] = o
		}
		for _, c := range s.Cases {
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
			fmt.Fprintf(&reg, "\t{Suite: %d, ID: %s}: {Operation: &%s, New: %s},\n", i, strconv.Quote(c.ID), o.Var, newFn)
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
		"protocoltest": "github.com/goto3/goto3/internal/protocoltest",
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
