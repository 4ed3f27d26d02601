package codegen_test

import (
	"bytes"
	"os"
	"path/filepath"
	"reflect"
	"regexp"
	"strconv"
	"strings"
	"sync"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/goto3/goto3/endpoints"
	"github.com/goto3/goto3/internal/codegen"
)

// generatedAll is codegen.GenerateAll of the repository, run once.
var generatedAll = sync.OnceValues(func() (map[string][]byte, error) {
	files, _, err := codegen.GenerateAll(filepath.Join("..", ".."))
	return files, err
})

// TestRuleSetParams reads the demo rule set's parameters: sorted by name
// whatever the file's order, the types normalized ("String", "Boolean"),
// with their built-ins, required flags, defaults and documentation.
func TestRuleSetParams(t *testing.T) {
	got, err := codegen.RuleSetParams(demoRuleSet(t))
	if err != nil {
		t.Fatal(err)
	}
	want := []codegen.EndpointParam{
		{Name: "Bucket", Type: "string", Documentation: "The bucket of the request (a context parameter)."},
		{Name: "Endpoint", Type: "string", BuiltIn: "SDK::Endpoint", Documentation: "Override the endpoint used to send this request"},
		{Name: "Mode", Type: "string", Default: "slow"},
		{Name: "Region", Type: "string", BuiltIn: "AWS::Region", Documentation: "The AWS region used to dispatch the request."},
		{Name: "ThingKinds", Type: "stringArray", Documentation: "The kinds of PutThing (an operation context parameter)."},
		{Name: "UseDualStack", Type: "boolean", BuiltIn: "AWS::UseDualStack", Required: true, Default: false, Documentation: "When true, use the dual-stack endpoint."},
		{Name: "UseFIPS", Type: "boolean", BuiltIn: "AWS::UseFIPS", Required: true, Default: false, Documentation: "When true, send this request to the FIPS-compliant regional endpoint."},
		{Name: "UseGlobal", Type: "boolean", BuiltIn: "AWS::Demo::UseGlobal", Documentation: "A service built-in, which only a customized client fills."},
		{Name: "UseThing", Type: "boolean", Documentation: "Set by PutThing (a static context parameter)."},
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("RuleSetParams (-want +got):\n%s", diff)
	}

	for _, bad := range []string{
		`{"parameters": {"A": {"type": "integer"}}}`,
		`{"parameters": {"A": {}}}`,
		`{"parameters": [`,
	} {
		if _, err := codegen.RuleSetParams([]byte(bad)); err == nil {
			t.Errorf("RuleSetParams(%s): got no error, want one", bad)
		}
	}
}

// TestRuleSetParamsMatchEngine checks, for every vendored rule set, that
// the generator's parameter order and types are the ones the rules engine
// binds values by (endpoints.RuleSet.Parameters).
func TestRuleSetParamsMatchEngine(t *testing.T) {
	sets := map[string]string{"demo": filepath.Join("testdata", "endpoint-rule-set-1.json")}
	for _, spec := range codegen.Services {
		sets[spec.Package] = filepath.Join("..", "..", spec.ModelDir, "endpoint-rule-set-1.json")
	}
	for name, path := range sets {
		t.Run(name, func(t *testing.T) {
			data, err := os.ReadFile(path)
			if err != nil {
				t.Fatal(err)
			}
			got, err := codegen.RuleSetParams(data)
			if err != nil {
				t.Fatal(err)
			}
			rs, err := endpoints.Load(data)
			if err != nil {
				t.Fatal(err)
			}
			want := rs.Parameters()
			if len(got) != len(want) {
				t.Fatalf("got %d parameters, the engine has %d", len(got), len(want))
			}
			for i := range got {
				if got[i].Name != want[i].Name || got[i].Type != want[i].Type || got[i].BuiltIn != want[i].BuiltIn || got[i].Required != want[i].Required {
					t.Errorf("parameter %d: got %s %s (built-in %q, required %v), the engine has %s %s (built-in %q, required %v)",
						i, got[i].Name, got[i].Type, got[i].BuiltIn, got[i].Required, want[i].Name, want[i].Type, want[i].BuiltIn, want[i].Required)
				}
			}
		})
	}
}

var (
	namesRE  = regexp.MustCompile(`var endpointParameterNames = \[\]string\{(.*)\}`)
	constRE  = regexp.MustCompile(`(?m)^\tendpointParam(\w+) += (\d+)$`)
	valueRE  = regexp.MustCompile(`(?m)^\t\ta\[(\d+)\] = endpoints\.(\w+)\(\*?p\.(\w+)\)$`)
	fieldRE  = regexp.MustCompile(`(?m)^\t(\w+) (\*string|\*bool|\[\]string)$`)
	bindRE   = regexp.MustCompile(`\{Name: "(\w+)", Param: (\d+), (Member: (\d+)|Value: ([^}]*)|Path: "[^"]*")\}`)
	structRE = regexp.MustCompile(`(?s)type EndpointParameters struct \{(.*?)\n\}`)
)

// checkEndpointFiles checks a generated package's api_endpoints.go and
// api_schema.go against the parameters of its rule set: the struct
// fields, the names, the position constants and the values, all in the
// rule set's (sorted) order with the engine's value constructor of each
// type; every context, static context and operation context parameter of
// the schema bound to the position of its name, a static value of the
// parameter's type. It returns the number of bindings.
func checkEndpointFiles(t *testing.T, params []codegen.EndpointParam, endpointsGo, schemaGo string) int {
	t.Helper()
	var names []string
	for _, p := range params {
		names = append(names, strconv.Quote(p.Name))
	}
	if m := namesRE.FindStringSubmatch(endpointsGo); m == nil || m[1] != strings.Join(names, ", ") {
		t.Errorf("endpointParameterNames: got %v, want %s", m, strings.Join(names, ", "))
	}
	consts := constRE.FindAllStringSubmatch(endpointsGo, -1)
	values := valueRE.FindAllStringSubmatch(endpointsGo, -1)
	sm := structRE.FindStringSubmatch(endpointsGo)
	if sm == nil {
		t.Fatal("no EndpointParameters struct")
		return 0
	}
	fields := fieldRE.FindAllStringSubmatch(sm[1], -1)
	if len(consts) != len(params) || len(values) != len(params) || len(fields) != len(params) {
		t.Fatalf("got %d constants, %d values, %d fields for %d parameters", len(consts), len(values), len(fields), len(params))
		return 0
	}
	ctor := map[string]string{"string": "String", "boolean": "Bool", "stringArray": "Strings"}
	goType := map[string]string{"string": "*string", "boolean": "*bool", "stringArray": "[]string"}
	for i, p := range params {
		field := codegen.ExportedName(p.Name)
		if consts[i][1] != field || consts[i][2] != strconv.Itoa(i) {
			t.Errorf("constant %d: got endpointParam%s = %s, want endpointParam%s = %d", i, consts[i][1], consts[i][2], field, i)
		}
		if values[i][1] != strconv.Itoa(i) || values[i][2] != ctor[p.Type] || values[i][3] != field {
			t.Errorf("value %d: got a[%s] = endpoints.%s(p.%s), want a[%d] = endpoints.%s(p.%s)", i, values[i][1], values[i][2], values[i][3], i, ctor[p.Type], field)
		}
		if fields[i][1] != field || fields[i][2] != goType[p.Type] {
			t.Errorf("field %d: got %s %s, want %s %s", i, fields[i][1], fields[i][2], field, goType[p.Type])
		}
	}
	binds := bindRE.FindAllStringSubmatch(schemaGo, -1)
	for _, b := range binds {
		i, _ := strconv.Atoi(b[2])
		if i >= len(params) || params[i].Name != b[1] {
			t.Errorf("%s: parameter %s bound to position %d, which is not it", b[0], b[1], i)
			continue
		}
		if v := b[5]; v != "" {
			ok := false
			switch params[i].Type {
			case "boolean":
				ok = v == "true" || v == "false"
			case "string":
				ok = strings.HasPrefix(v, `"`)
			case "stringArray":
				ok = strings.HasPrefix(v, "[]string{")
			}
			if !ok {
				t.Errorf("%s: value %s does not fit the %s parameter", b[0], v, params[i].Type)
			}
		}
	}
	if strings.Contains(schemaGo, "ContextParam:") {
		t.Errorf("a member still carries ContextParam; operations bind context parameters")
	}
	return len(binds)
}

// TestEndpointParameters checks the generated endpoint parameters and
// parameter bindings of the demo package and of every service package.
func TestEndpointParameters(t *testing.T) {
	t.Run("demo", func(t *testing.T) {
		files := generateDemo(t)
		params, err := codegen.RuleSetParams(demoRuleSet(t))
		if err != nil {
			t.Fatal(err)
		}
		if n := checkEndpointFiles(t, params, string(files["api_endpoints.go"]), string(files["api_schema.go"])); n != 4 {
			t.Errorf("got %d parameter bindings, want 4", n)
		}
		schema := string(files["api_schema.go"])
		// Every kind of binding is there, at the rule set's positions
		// (Bucket 0, Mode 2, ThingKinds 4, UseThing 8); a static
		// parameter the rule set lacks is dropped.
		for _, want := range []string{
			`ContextParams: []protocol.ContextParam{{Name: "Bucket", Param: 0, Member: 0}}`,
			`StaticContextParams: []protocol.StaticContextParam{{Name: "Mode", Param: 2, Value: "fast"}, {Name: "UseThing", Param: 8, Value: true}}`,
			`OperationContextParams: []protocol.OperationContextParam{{Name: "ThingKinds", Param: 4, Path: "Kinds"}}`,
		} {
			if !strings.Contains(schema, want) {
				t.Errorf("api_schema.go lacks %s", want)
			}
		}
		if strings.Contains(schema, "NotAParam") {
			t.Errorf("api_schema.go binds NotAParam, which the rule set does not declare")
		}
	})
	all, err := generatedAll()
	if err != nil {
		t.Fatal(err)
	}
	for _, spec := range codegen.Services {
		t.Run(spec.Package, func(t *testing.T) {
			data, err := os.ReadFile(filepath.Join("..", "..", spec.ModelDir, "endpoint-rule-set-1.json"))
			if err != nil {
				t.Fatal(err)
			}
			params, err := codegen.RuleSetParams(data)
			if err != nil {
				t.Fatal(err)
			}
			dir := "services/" + spec.Package + "/"
			schema := string(all[dir+"api_schema.go"])
			n := checkEndpointFiles(t, params, string(all[dir+"api_endpoints.go"]), schema)
			t.Logf("%d parameter bindings", n)
			if spec.Package == "s3" {
				if n < 100 {
					t.Errorf("got %d parameter bindings, want one per S3 bucket operation at least", n)
				}
				// S3 binds Bucket and Key from the input, and its control
				// plane operations statically.
				for _, want := range []string{
					`var opGetObject = protocol.Operation{`,
					`ContextParams: []protocol.ContextParam{{Name: "Bucket", Param: 1, Member: 0}, {Name: "Key", Param: 8, Member: `,
					`StaticContextParams: []protocol.StaticContextParam{{Name: "UseS3ExpressControlEndpoint", Param: 16, Value: true}}`,
				} {
					if !strings.Contains(schema, want) {
						t.Errorf("api_schema.go lacks %s", want)
					}
				}
			}
		})
	}
}

// builtInsRE finds the body of the generated newCore up to the pipeline
// options.
var builtInsRE = regexp.MustCompile(`(?s)func \(c \*Client\) newCore\(o \*Options, base \*pipeline.Client\) \(\*pipeline.Client, error\) \{\n\tvar p EndpointParameters\n(.*?)\tpo := pipeline.Options\{`)

// TestGenericBuiltIns checks the endpoint built-ins a generated client
// fills from its Options: the region always; the custom endpoint when set;
// FIPS and dual-stack only without a custom endpoint (botocore's args.py
// leaves them false then, and the rule sets reject the combination); a
// service's own built-ins (AWS::Demo::UseGlobal) only in its customize
// function.
func TestGenericBuiltIns(t *testing.T) {
	files := generateDemo(t)
	m := builtInsRE.FindStringSubmatch(string(files["api_client.go"]))
	if m == nil {
		t.Fatal("api_client.go has no newCore")
	}
	want := "\tif o.EndpointURL != \"\" {\n\t\tp.Endpoint = &o.EndpointURL\n\t}\n" +
		"\tp.Region = &o.Region\n" +
		"\tif o.EndpointURL == \"\" {\n\t\tp.UseDualStack = &o.UseDualStackEndpoint\n\t}\n" +
		"\tif o.EndpointURL == \"\" {\n\t\tp.UseFIPS = &o.UseFIPSEndpoint\n\t}\n"
	if diff := cmp.Diff(want, m[1]); diff != "" {
		t.Errorf("built-ins (-want +got):\n%s", diff)
	}

	// The real services: every generic built-in of the rule set, in the
	// same forms.
	all, err := generatedAll()
	if err != nil {
		t.Fatal(err)
	}
	for _, spec := range codegen.Services {
		client := string(all["services/"+spec.Package+"/api_client.go"])
		for _, want := range []string{
			"p.Region = &o.Region\n",
			"\tif o.EndpointURL == \"\" {\n\t\tp.UseFIPS = &o.UseFIPSEndpoint\n\t}\n",
			"\tif o.EndpointURL == \"\" {\n\t\tp.UseDualStack = &o.UseDualStackEndpoint\n\t}\n",
			"\tif o.EndpointURL != \"\" {\n\t\tp.Endpoint = &o.EndpointURL\n\t}\n",
			"\tpo.EndpointParams = p.values()\n",
		} {
			if !strings.Contains(client, want) {
				t.Errorf("services/%s/api_client.go lacks %q", spec.Package, want)
			}
		}
	}
}

// TestCustomizedClient generates the demo client as a customized service
// with options of its own: New reads the service's settings (fromConfig)
// and makes its state, newCore lets customize set the service's built-ins
// after the generic ones, and the options follow the common ones.
func TestCustomizedClient(t *testing.T) {
	spec := codegen.ServiceSpec{Package: "demo", Customized: true, Options: []codegen.ClientOption{
		{Name: "UseGlobalEndpoint", Type: "bool", Doc: []string{"UseGlobalEndpoint fills AWS::Demo::UseGlobal."}},
	}}
	files, _, err := codegen.GenerateService(loadDemo(t), "demo", codegen.Config{}, spec, demoRuleSet(t))
	if err != nil {
		t.Fatal(err)
	}
	client := string(files["api_client.go"])
	for _, want := range []string{
		"\tstate   clientState // the service's own, shared with per-call clients\n",
		"\tif err := o.fromConfig(&cfg); err != nil {\n\t\treturn nil, err\n\t}\n\tfor _, f := range optFns {\n\t\tf(&o)\n\t}\n\tc := &Client{options: o}\n\tc.state = newClientState()\n",
		"\tif err := c.customize(o, &po, &p); err != nil {\n\t\treturn nil, err\n\t}\n\tpo.EndpointParams = p.values()\n",
		"\tRand io.Reader\n\n\t// UseGlobalEndpoint fills AWS::Demo::UseGlobal.\n\tUseGlobalEndpoint bool\n}",
	} {
		if !strings.Contains(client, want) {
			t.Errorf("api_client.go lacks %q", want)
		}
	}
	if strings.Contains(client, "p.UseGlobal =") {
		t.Errorf("the generated client sets the service built-in UseGlobal; customize does")
	}
	plain := string(generateDemo(t)["api_client.go"])
	for _, absent := range []string{"clientState", "fromConfig", "customize", "UseGlobalEndpoint"} {
		if strings.Contains(plain, absent) {
			t.Errorf("the uncustomized client mentions %s", absent)
		}
	}
}

// TestExportTest checks the generated api_export_test.go: the package's
// tables, unexported in the package, exported to its own tests only.
func TestExportTest(t *testing.T) {
	files := generateDemo(t)
	schema := string(files["api_schema.go"])
	for _, want := range []string{
		"var operations = [...]*protocol.Operation{",
		"func newOperationInput(name string) any {",
		"func newOperationOutput(name string) any {",
	} {
		if !strings.Contains(schema, want) {
			t.Errorf("api_schema.go lacks %q", want)
		}
	}
	for _, absent := range []string{"func ServiceSchema", "func OperationSchemas", "func NewOperationInput", "func NewOperationOutput"} {
		for name, b := range files {
			if name != "api_export_test.go" && strings.Contains(string(b), absent) {
				t.Errorf("%s declares %s: the tables are for the package's tests only", name, absent)
			}
		}
	}
	exp := string(files["api_export_test.go"])
	for _, want := range []string{
		"package demo\n",
		"\tServiceSchema      = &serviceSchema\n",
		"\tNewOperationInput  = newOperationInput\n",
		"\tNewOperationOutput = newOperationOutput\n",
		"\tService            = &service\n",
		"func OperationSchemas() []*protocol.Operation {\n\treturn append([]*protocol.Operation(nil), operations[:]...)\n}",
	} {
		if !strings.Contains(exp, want) {
			t.Errorf("api_export_test.go lacks %q", want)
		}
	}
	if !strings.HasPrefix(exp, codegen.Header) {
		t.Errorf("api_export_test.go does not start with the generated-code header")
	}
}

// TestEmbeddedRuleSet checks the rule set a package embeds: the compiled
// form of its rule set, which reads back into the rule set the JSON
// compiles to, and api_endpoints.go embedding it as a string.
func TestEmbeddedRuleSet(t *testing.T) {
	files := generateDemo(t)
	check := func(name string, ruleSet, got []byte, api string) {
		t.Helper()
		want, err := endpoints.Load(ruleSet)
		if err != nil {
			t.Fatal(err)
		}
		rs, err := endpoints.LoadCompiled(string(got))
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		if !reflect.DeepEqual(rs.Parameters(), want.Parameters()) {
			t.Errorf("%s: got parameters %v, want %v", name, rs.Parameters(), want.Parameters())
		}
		if b, err := want.MarshalBinary(); err != nil || !bytes.Equal(b, got) {
			t.Errorf("%s: got %d bytes, want the %d the rule set compiles to (%v)", name, len(got), len(b), err)
		}
		for _, want := range []string{"//go:embed " + codegen.RuleSetFile + "\nvar endpointRuleSet string\n", "endpoints.EmbeddedCompiled(endpointRuleSet, endpointParameterNames)"} {
			if !strings.Contains(api, want) {
				t.Errorf("%s: api_endpoints.go lacks %q", name, want)
			}
		}
	}
	check("demo", demoRuleSet(t), files[codegen.RuleSetFile], string(files["api_endpoints.go"]))
	all, err := generatedAll()
	if err != nil {
		t.Fatal(err)
	}
	for _, spec := range codegen.Services {
		data, err := os.ReadFile(filepath.Join("..", "..", spec.ModelDir, "endpoint-rule-set-1.json"))
		if err != nil {
			t.Fatal(err)
		}
		dir := "services/" + spec.Package + "/"
		check(spec.Package, data, all[dir+codegen.RuleSetFile], string(all[dir+"api_endpoints.go"]))
	}
}

// TestServiceErrors checks the service's error list: every exception shape
// the package reaches, so that a code matches on any operation.
func TestServiceErrors(t *testing.T) {
	schema := string(generateDemo(t)["api_schema.go"])
	if !strings.Contains(schema, `Errors: []*protocol.Shape{&shNoSuchThing}}`) {
		t.Errorf("the service lists no Errors")
	}
	// A package generated without the operation that names the error
	// does not reach it, and lists none.
	files, _, err := codegen.GenerateService(loadDemo(t), "demo", codegen.Config{Operations: []string{"GetNode"}}, codegen.ServiceSpec{Package: "demo"}, demoRuleSet(t))
	if err != nil {
		t.Fatal(err)
	}
	if s := string(files["api_schema.go"]); strings.Contains(s, "Errors:") {
		t.Errorf("GetNode alone: got an error list, want none")
	}
}

// TestPackageDocNamesNoHiddenAccessor checks that the generated package
// doc names only what the package exports: the schema accessors are
// unexported now, reachable from the package's own tests only.
func TestPackageDocNamesNoHiddenAccessor(t *testing.T) {
	doc := string(generateDemo(t)["doc.go"])
	for _, name := range []string{"ServiceSchema", "OperationSchemas", "NewOperationInput", "NewOperationOutput"} {
		if strings.Contains(doc, name) {
			t.Errorf("package doc names %q, which the package does not export", name)
		}
	}
}

// TestDocAppendix: a service's hand-written documentation appendix
// (ServiceSpec.DocAppendix, read by GenerateAll into Config.DocAppendix)
// ends the generated package comment, headings and code blocks kept, blank
// lines at its ends and trailing spaces dropped; without one the package
// comment ends with the model's description.
func TestDocAppendix(t *testing.T) {
	appendix := "\n# Signing things\r\n\nSign with Sign:   \n\n\tx := demo.Sign()\n\n"
	files, _, err := codegen.GenerateService(loadDemo(t), "demo", codegen.Config{DocAppendix: appendix}, codegen.ServiceSpec{Package: "demo"}, demoRuleSet(t))
	if err != nil {
		t.Fatal(err)
	}
	doc := string(files["doc.go"])
	want := "//\n// # Signing things\n//\n// Sign with Sign:\n//\n//\tx := demo.Sign()\npackage demo\n"
	if !strings.HasSuffix(doc, want) {
		t.Errorf("doc.go ends\n%s\nwant it to end\n%s", doc[max(0, len(doc)-len(want)-40):], want)
	}
	plain, _, err := codegen.GenerateService(loadDemo(t), "demo", codegen.Config{}, codegen.ServiceSpec{Package: "demo"}, demoRuleSet(t))
	if err != nil {
		t.Fatal(err)
	}
	if got := string(plain["doc.go"]); strings.Contains(got, "Signing things") || !strings.HasPrefix(doc, strings.TrimSuffix(got, "package demo\n")) {
		t.Errorf("without an appendix doc.go is\n%s\nwant the same text without the appendix", got)
	}
	all, err := generatedAll()
	if err != nil {
		t.Fatal(err)
	}
	for _, spec := range codegen.Services {
		if spec.DocAppendix == "" {
			continue
		}
		text, err := os.ReadFile(filepath.Join("..", "..", "services", spec.Package, spec.DocAppendix))
		if err != nil {
			t.Fatal(err)
		}
		first, _, _ := strings.Cut(strings.TrimSpace(string(text)), "\n")
		if !strings.Contains(string(all["services/"+spec.Package+"/doc.go"]), "// "+first+"\n") {
			t.Errorf("services/%s/doc.go lacks its appendix's first line %q", spec.Package, first)
		}
	}
}

// TestMemberDocs: ServiceSpec.MemberDocs paragraphs end the doc comments of
// the fields they name, after the model's text; a key naming no field is
// an error.
func TestMemberDocs(t *testing.T) {
	cfg := codegen.Config{MemberDocs: map[string]string{"GetNodeInput.Bucket": "The client shortens it for you."}}
	files, _, err := codegen.GenerateService(loadDemo(t), "demo", cfg, codegen.ServiceSpec{Package: "demo"}, demoRuleSet(t))
	if err != nil {
		t.Fatal(err)
	}
	types := string(files["api_types.go"])
	i := strings.Index(types, "type GetNodeInput struct {")
	j := strings.Index(types[i:], "\tBucket ")
	if i < 0 || j < 0 {
		t.Fatal("no GetNodeInput.Bucket in api_types.go")
	}
	if doc := types[i : i+j]; !strings.HasSuffix(doc, "\t// The client shortens it for you.\n") {
		t.Errorf("GetNodeInput.Bucket's doc:\n%s\nwant it to end with the added paragraph", doc)
	}
	cfg.MemberDocs["GetNodeInput.NoSuchField"] = "x"
	if _, _, err := codegen.GenerateService(loadDemo(t), "demo", cfg, codegen.ServiceSpec{Package: "demo"}, demoRuleSet(t)); err == nil || !strings.Contains(err.Error(), "GetNodeInput.NoSuchField") {
		t.Errorf("got %v, want an error naming GetNodeInput.NoSuchField", err)
	}
}

// TestEmptyStrings: a required string member listed in
// ServiceSpec.EmptyStrings stays a plain string but loses the schema's
// Required flag (so "" is sent, not refused) and says so in its doc; a key
// naming no required string field is an error.
func TestEmptyStrings(t *testing.T) {
	files, _, err := codegen.GenerateService(loadDemo(t), "demo", codegen.Config{EmptyStrings: []string{"GetNodeInput.Bucket"}}, codegen.ServiceSpec{Package: "demo"}, demoRuleSet(t))
	if err != nil {
		t.Fatal(err)
	}
	schema, types := string(files["api_schema.go"]), string(files["api_types.go"])
	if !strings.Contains(schema, `{Name: "Bucket", Field: 0, Shape: &shBucketName, Location: protocol.LocationURI, LocationName: "Bucket"}`) {
		t.Errorf("GetNodeInput.Bucket keeps its Required flag:\n%s", schema)
	}
	if !strings.Contains(types, "\t// Required, and the service accepts it empty: \"\" is sent as an empty\n\t// value, not refused as missing.\n\tBucket string\n") {
		t.Errorf("GetNodeInput.Bucket's doc lacks the note:\n%s", types)
	}
	for _, bad := range []string{"GetNodeInput.NoSuchField", "PutThingInput.Count"} {
		if _, _, err := codegen.GenerateService(loadDemo(t), "demo", codegen.Config{EmptyStrings: []string{bad}}, codegen.ServiceSpec{Package: "demo"}, demoRuleSet(t)); err == nil || !strings.Contains(err.Error(), bad) {
			t.Errorf("EmptyStrings %s: got %v, want an error naming it", bad, err)
		}
	}
}

// TestExportTestServiceName: a model type named Service (ECS's) keeps its
// name; the tests' export of the pipeline service becomes ServiceDef.
func TestExportTestServiceName(t *testing.T) {
	api := loadDemo(t)
	api.Shapes["Service"] = &codegen.Shape{Type: "structure", Members: map[string]*codegen.Ref{}}
	for _, name := range api.OperationNames() {
		if out := api.Operations[name].Output; out != nil {
			sh := api.Shapes[out.Shape]
			sh.Members["Svc"] = &codegen.Ref{Shape: "Service"}
			sh.MemberOrder = append(sh.MemberOrder, "Svc")
			break
		}
	}
	files, _, err := codegen.GenerateService(api, "demo", codegen.Config{}, codegen.ServiceSpec{Package: "demo"}, demoRuleSet(t))
	if err != nil {
		t.Fatal(err)
	}
	exp := string(files["api_export_test.go"])
	if !strings.Contains(exp, "\tServiceDef         = &service\n") || strings.Contains(exp, "\tService ") {
		t.Errorf("api_export_test.go: got\n%s\nwant ServiceDef = &service and no Service", exp)
	}
	if !strings.Contains(string(files["api_types.go"]), "type Service struct") {
		t.Errorf("api_types.go does not declare the model's Service")
	}
}
