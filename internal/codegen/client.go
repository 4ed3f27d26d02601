package codegen

import (
	"bytes"
	"fmt"
	"sort"
	"strings"
)

// ClientOption is one field of a generated client's Options struct.
type ClientOption struct {
	Name, Type string
	Doc        []string
	// Config is the goto3.Config expression New fills the field from
	// ("cfg.Region"), empty for none; Pipeline the pipeline.Options field
	// it maps to, empty for none.
	Config, Pipeline string
	// BuiltIn, when set, keeps the field to services whose endpoint rule
	// set has that built-in; the field then feeds it (a string).
	BuiltIn string
}

// clientOptions are the fields every generated Options has, spelled as in
// goto3.Config and session.Options.
var clientOptions = []ClientOption{
	{Name: "Region", Type: "string", Config: "cfg.Region", Pipeline: "Region", Doc: []string{"Region is the AWS region, such as \"us-east-1\". Required."}},
	{Name: "Credentials", Type: "credentials.Provider", Config: "cfg.Credentials", Pipeline: "Credentials", Doc: []string{"Credentials sign the requests; a provider that is not a", "*credentials.Cache is wrapped in one; credentials.Anonymous sends", "them unsigned. Required."}},
	{Name: "EndpointURL", Type: "string", Config: "cfg.ServiceEndpointURL(ServiceID)", Doc: []string{"EndpointURL replaces the resolved endpoint (boto3's endpoint_url)."}},
	{Name: "HTTPClient", Type: "*http.Client", Config: "cfg.HTTPClient", Pipeline: "HTTPClient", Doc: []string{"HTTPClient sends the requests, as it is. When nil, the client uses", "the SDK's shared transport with the settings below (see package", "transport for the defaults)."}},
	{Name: "ConnectTimeout", Type: "time.Duration", Config: "cfg.ConnectTimeout", Pipeline: "ConnectTimeout", Doc: []string{"ConnectTimeout and ReadTimeout are boto3's connect_timeout and", "read_timeout: the TCP connect and TLS handshake, and every wait for", "the peer's next byte (not the whole call). 0 means 60 seconds,", "negative none. A timeout is retried as the retry mode allows."}},
	{Name: "ReadTimeout", Type: "time.Duration", Config: "cfg.ReadTimeout", Pipeline: "ReadTimeout"},
	{Name: "MaxPoolConnections", Type: "int", Config: "cfg.MaxPoolConnections", Pipeline: "MaxPoolConnections", Doc: []string{"MaxPoolConnections is the number of idle connections kept per host", "(boto3's max_pool_connections; 0 means 10); MaxConnectionsPerHost", "caps open connections per host (0: no cap)."}},
	{Name: "MaxConnectionsPerHost", Type: "int", Config: "cfg.MaxConnectionsPerHost", Pipeline: "MaxConnectionsPerHost"},
	{Name: "TCPKeepAlive", Type: "time.Duration", Config: "cfg.TCPKeepAlive", Pipeline: "TCPKeepAlive", Doc: []string{"TCPKeepAlive is the TCP keep-alive probe interval (0: 15 seconds;", "negative: off)."}},
	{Name: "RootCAs", Type: "*x509.CertPool", Config: "cfg.RootCAs", Pipeline: "RootCAs", Doc: []string{"RootCAs replaces the system's certificate roots (a session sets it", "from AWS_CA_BUNDLE or the profile's ca_bundle)."}},
	{Name: "RetryMode", Type: "retry.Mode", Config: "cfg.RetryMode", Pipeline: "RetryMode", Doc: []string{"RetryMode is retry.Standard (the default) or retry.Adaptive;", "RetryMaxAttempts is the number of attempts, the first included (0:", "3). They configure the client's retryer when Retryer is nil."}},
	{Name: "RetryMaxAttempts", Type: "int", Config: "cfg.RetryMaxAttempts", Pipeline: "RetryMaxAttempts"},
	{Name: "Retryer", Type: "*retry.Retryer", Pipeline: "Retryer", Doc: []string{"Retryer, when set, is used as is (it holds the retry quota, clock", "offset and rate limiter, and may be shared by clients)."}},
	{Name: "Logger", Type: "*slog.Logger", Config: "cfg.Logger", Pipeline: "Logger", Doc: []string{"Logger receives a debug line per attempt and per retry decision", "(see goto3.NewStreamLogger); nil logs nothing. LogHeaders adds the", "request and response headers, secrets redacted."}},
	{Name: "LogHeaders", Type: "bool", Pipeline: "LogHeaders"},
	{Name: "Hooks", Type: "goto3.Hooks", Pipeline: "Hooks", Doc: []string{"Hooks run at named points of every attempt."}},
	{Name: "Stubber", Type: "goto3.Stubber", Config: "cfg.Stubber", Pipeline: "Stubber", Doc: []string{"Stubber, when set, answers every call in place of the service, for", "unit tests (a *stubber.Stubber, botocore's Stubber): inputs are", "validated as usual, then nothing is signed, sent or retried, and", "waiters do not sleep. Presigning is not stubbed."}},
	{Name: "UseFIPSEndpoint", Type: "bool", Config: "cfg.UseFIPSEndpoint", Doc: []string{"UseFIPSEndpoint and UseDualStackEndpoint select FIPS and dual-stack", "endpoints."}},
	{Name: "UseDualStackEndpoint", Type: "bool", Config: "cfg.UseDualStackEndpoint"},
	{Name: "RequestChecksumCalculation", Type: "goto3.RequestChecksumCalculation", Config: "cfg.RequestChecksumCalculation", Pipeline: "RequestChecksumCalculation", Doc: []string{"RequestChecksumCalculation and ResponseChecksumValidation are", "botocore's request_checksum_calculation and", "response_checksum_validation (\"\" means when_supported)."}},
	{Name: "ResponseChecksumValidation", Type: "goto3.ResponseChecksumValidation", Config: "cfg.ResponseChecksumValidation", Pipeline: "ResponseChecksumValidation"},
	{Name: "DisableRequestCompression", Type: "bool", Config: "cfg.DisableRequestCompression", Pipeline: "DisableRequestCompression", Doc: []string{"DisableRequestCompression and RequestMinCompressionSizeBytes are", "botocore's disable_request_compression and", "request_min_compression_size_bytes: operations with the", "requestcompression trait gzip bodies of at least the minimum size", "(0: 10240 bytes; valid 1 to 1048576)."}},
	{Name: "RequestMinCompressionSizeBytes", Type: "int64", Config: "cfg.RequestMinCompressionSizeBytes", Pipeline: "RequestMinCompressionSizeBytes"},
	{Name: "AccountIDEndpointMode", Type: "string", Config: "cfg.AccountIDEndpointMode", BuiltIn: "AWS::Auth::AccountIdEndpointMode", Doc: []string{"AccountIDEndpointMode is botocore's account_id_endpoint_mode: \"preferred\"", "(the default when empty: the endpoint of the credentials' account when", "they carry one), \"disabled\" or \"required\"."}},
	{Name: "Now", Type: "func() time.Time", Pipeline: "Now", Doc: []string{"Now is the clock for signing and retries; nil means time.Now."}},
	{Name: "Rand", Type: "io.Reader", Pipeline: "Rand", Doc: []string{"Rand is the source of invocation ids and idempotency tokens; nil", "means crypto/rand.Reader."}},
}

// genericBuiltIns maps the endpoint built-ins every client fills to Go
// expressions over o (*Options): the setter statement for the parameter
// field p.<Field>.
var genericBuiltIns = map[string]func(field string) string{
	"AWS::Region": func(f string) string { return "p." + f + " = &o.Region" },
	// FIPS and dual-stack do not combine with a custom endpoint: botocore
	// leaves them false then (args.py), and so do the clients here.
	"AWS::UseFIPS": func(f string) string { return "if o.EndpointURL == \"\" {\n\t\tp." + f + " = &o.UseFIPSEndpoint\n\t}" },
	"AWS::UseDualStack": func(f string) string {
		return "if o.EndpointURL == \"\" {\n\t\tp." + f + " = &o.UseDualStackEndpoint\n\t}"
	},
	"SDK::Endpoint": func(f string) string { return "if o.EndpointURL != \"\" {\n\t\tp." + f + " = &o.EndpointURL\n\t}" },
}

// Client writes the service client: Options, Client, New and one method
// per operation, each a single call into internal/pipeline (the generated
// methods stay tiny so that packages with many operations compile fast).
// A customized service (spec.Customized) also calls the functions of its
// hand-written customizations file (see ServiceSpec).
func (g *Generator) Client(pkg string, spec ServiceSpec) []byte {
	var buf bytes.Buffer
	b := &buf
	b.WriteString("package " + pkg + "\n\n")
	b.WriteString(`import (
	"context"
	"crypto/x509"
	"io"
	"log/slog"
	"net/http"
	"time"

	"github.com/goto3/goto3"
	"github.com/goto3/goto3/credentials"
	"github.com/goto3/goto3/internal/pipeline"
	"github.com/goto3/goto3/protocol"
	"github.com/goto3/goto3/retry"
)

`)
	md := g.api.Metadata
	name := md.ServiceFullName
	if name == "" {
		name = md.ServiceID
	}
	writeDoc(b, "", wrap(fmt.Sprintf("ServiceID is the service's model ID: the key of its endpoint settings (AWS_ENDPOINT_URL_%s, the [services] section) and its name in errors.", strings.ToUpper(serviceKey(md.ServiceID))), docWidth, "", ""))
	fmt.Fprintf(b, "const ServiceID = %q\n\n", md.ServiceID)

	writeDoc(b, "", wrap("Options configure a Client. New fills them from a goto3.Config, then applies its option functions; the option functions of a call change a copy for that call.", docWidth, "", ""))
	b.WriteString("type Options struct {\n")
	var opts []ClientOption
	for _, o := range append(append([]ClientOption(nil), clientOptions...), spec.Options...) {
		if o.BuiltIn == "" || g.hasBuiltIn(o.BuiltIn) {
			opts = append(opts, o)
		}
	}
	for i, o := range opts {
		if len(o.Doc) > 0 {
			if i > 0 {
				b.WriteString("\n")
			}
			for _, l := range o.Doc {
				b.WriteString("\t// " + l + "\n")
			}
		}
		fmt.Fprintf(b, "\t%s %s\n", o.Name, o.Type)
	}
	b.WriteString("}\n\n")

	writeDoc(b, "", wrap(fmt.Sprintf("Client calls %s. Every method validates its input, resolves the endpoint, signs, sends with retries and decodes the answer (see internal/pipeline); errors are *goto3.OperationError values wrapping a *goto3.APIError and the modelled error types of this package, matched with errors.As. A Client is safe for concurrent use.", name), docWidth, "", ""))
	b.WriteString("type Client struct {\n\toptions Options\n\tcore    *pipeline.Client\n")
	if spec.Customized {
		b.WriteString("\tstate   clientState // the service's own, shared with per-call clients\n")
	}
	b.WriteString("}\n\n")

	writeDoc(b, "", wrap("New returns a client configured from cfg (a session's Config, or one written by hand) and then optFns. It fails with a *goto3.NoRegionError when no region is configured, and with an error naming any invalid setting.", docWidth, "", ""))
	b.WriteString("func New(cfg goto3.Config, optFns ...func(*Options)) (*Client, error) {\n\to := Options{\n")
	for _, o := range opts {
		if o.Config != "" {
			fmt.Fprintf(b, "\t\t%s: %s,\n", o.Name, o.Config)
		}
	}
	b.WriteString("\t}\n")
	if spec.Customized {
		b.WriteString("\tif err := o.fromConfig(&cfg); err != nil {\n\t\treturn nil, err\n\t}\n")
	}
	b.WriteString("\tfor _, f := range optFns {\n\t\tf(&o)\n\t}\n\tc := &Client{options: o}\n")
	if spec.Customized {
		b.WriteString("\tc.state = newClientState()\n")
	}
	b.WriteString("\tcore, err := c.newCore(&o, nil)\n\tif err != nil {\n\t\treturn nil, err\n\t}\n\tc.core = core\n\treturn c, nil\n}\n\n")

	b.WriteString("// Options returns a copy of the client's options.\nfunc (c *Client) Options() Options { return c.options }\n\n")

	writeDoc(b, "", wrap("newCore makes the pipeline client of options o: the endpoint built-ins, the service's customizations, and a client of its own or one sharing base's retryer and credentials (per-call options).", docWidth, "", ""))
	b.WriteString("func (c *Client) newCore(o *Options, base *pipeline.Client) (*pipeline.Client, error) {\n\tvar p EndpointParameters\n")
	for _, ep := range g.cfg.EndpointParams {
		if f := genericBuiltIns[ep.BuiltIn]; f != nil {
			b.WriteString("\t" + f(exportedName(ep.Name)) + "\n")
		}
	}
	for _, o := range opts {
		if o.BuiltIn == "" {
			continue
		}
		for _, ep := range g.cfg.EndpointParams {
			if ep.BuiltIn == o.BuiltIn {
				fmt.Fprintf(b, "\tif o.%s != \"\" {\n\t\tp.%s = &o.%s\n\t}\n", o.Name, exportedName(ep.Name), o.Name)
			}
		}
	}
	b.WriteString("\tpo := pipeline.Options{\n")
	for _, o := range opts {
		if o.Pipeline != "" {
			fmt.Fprintf(b, "\t\t%s: o.%s,\n", o.Pipeline, o.Name)
		}
	}
	b.WriteString("\t}\n")
	if spec.Customized {
		b.WriteString("\tif err := c.customize(o, &po, &p); err != nil {\n\t\treturn nil, err\n\t}\n")
	}
	b.WriteString("\tpo.EndpointParams = p.values()\n\tif base != nil {\n\t\treturn base.With(po)\n\t}\n\treturn pipeline.New(&service, po)\n}\n\n")

	b.WriteString(`// invoke runs the operation op with input in, decoding into out and md (out's
// ResultMetadata), with per-call options: the one path every method,
// paginator and waiter takes.
func (c *Client) invoke(ctx context.Context, op *protocol.Operation, in, out any, md *protocol.ResponseMetadata, optFns []func(*Options)) error {
	core := c.core
	if len(optFns) > 0 {
		o := c.options
		for _, f := range optFns {
			f(&o)
		}
		var err error
		if core, err = c.newCore(&o, c.core); err != nil {
			return &goto3.OperationError{Service: ServiceID, Operation: op.Name, Err: err}
		}
	}
	return core.Invoke(ctx, op, in, out, md)
}

`)

	for _, oi := range g.ops {
		doc := firstParagraph(DocText(oi.op.Documentation, docWidth))
		lines := wrap(fmt.Sprintf("%s calls the %s operation %s.", oi.name, md.ServiceID, oi.name), docWidth, "", "")
		if len(doc) > 0 {
			lines = append(append(lines, ""), doc...)
		}
		if oi.op.Deprecated {
			lines = append(lines, "", "Deprecated: the service model marks this operation deprecated.")
		}
		writeDoc(b, "", lines)
		in := "nil"
		inParam := ""
		if oi.inType != "" {
			in = "in"
			inParam = ", in *" + oi.inType
		}
		fmt.Fprintf(b, `func (c *Client) %s(ctx context.Context%s, optFns ...func(*Options)) (*%s, error) {
	out := new(%s)
	if err := c.invoke(ctx, &%s, %s, out, &out.ResultMetadata, optFns); err != nil {
		return nil, err
	}
	return out, nil
}

`, oi.name, inParam, oi.outType, oi.outType, oi.varName, in)
	}
	return buf.Bytes()
}

// hasBuiltIn reports whether the service's rule set has a parameter bound
// to the built-in name.
func (g *Generator) hasBuiltIn(name string) bool {
	for _, ep := range g.cfg.EndpointParams {
		if ep.BuiltIn == name {
			return true
		}
	}
	return false
}

// serviceKey is goto3.ServiceKey: the service ID in lower case, spaces and
// hyphens as underscores.
func serviceKey(id string) string {
	return strings.ToLower(strings.NewReplacer(" ", "_", "-", "_").Replace(id))
}

// Endpoints writes api_endpoints.go: the typed EndpointParameters of the
// service's rule set (one field per parameter, in the rule set's order),
// their conversion to the engine's values, ResolveEndpoint, the embedded
// rule set (RuleSetFile, compiled) and the service definition the pipeline
// takes.
func (g *Generator) Endpoints(pkg string) []byte {
	var buf bytes.Buffer
	b := &buf
	fmt.Fprintf(b, "package %s\n\nimport (\n\t_ \"embed\"\n\n\t\"github.com/goto3/goto3/endpoints\"\n\t\"github.com/goto3/goto3/internal/pipeline\"\n)\n\n", pkg)
	writeDoc(b, "", wrap(fmt.Sprintf("EndpointParameters are the parameters of the %s endpoint rule set: a nil field is unset and takes the rule set's default. Clients fill the built-ins from their Options and the context parameters from each operation's input; ResolveEndpoint resolves a set directly.", g.api.Metadata.ServiceID), docWidth, "", ""))
	b.WriteString("type EndpointParameters struct {\n")
	var names []string
	for i, ep := range g.cfg.EndpointParams {
		var doc []string
		if d := strings.TrimSpace(ep.Documentation); d != "" {
			doc = append(doc, wrap(d, docWidth-4, "", "")...)
		}
		var facts []string
		if ep.BuiltIn != "" {
			facts = append(facts, "built-in "+ep.BuiltIn)
		}
		if ep.Required {
			facts = append(facts, "required")
		}
		if ep.Default != nil {
			facts = append(facts, fmt.Sprintf("default %v", ep.Default))
		}
		if len(facts) > 0 {
			doc = append(doc, wrap("("+strings.Join(facts, "; ")+")", docWidth-4, "", "")...)
		}
		if i > 0 && len(doc) > 0 {
			b.WriteString("\n")
		}
		for _, l := range doc {
			b.WriteString("\t// " + l + "\n")
		}
		fmt.Fprintf(b, "\t%s %s\n", exportedName(ep.Name), paramGoType(ep.Type))
		names = append(names, ep.Name)
	}
	b.WriteString("}\n\n")

	fmt.Fprintf(b, "// endpointParameterNames are the rule set's parameters, in its order.\nvar endpointParameterNames = %s\n\n", quoteStrings(names))
	b.WriteString("// Positions of the parameters in the values the rules engine takes.\nconst (\n")
	for i, ep := range g.cfg.EndpointParams {
		fmt.Fprintf(b, "\tendpointParam%s = %d\n", exportedName(ep.Name), i)
	}
	b.WriteString(")\n\n")

	n := len(g.cfg.EndpointParams)
	b.WriteString("// fill stores the parameters that are set in a, as the rules engine takes\n// them (a is zero: unset).\n")
	fmt.Fprintf(b, "func (p *EndpointParameters) fill(a *[%d]endpoints.Value) {\n", n)
	for i, ep := range g.cfg.EndpointParams {
		name := exportedName(ep.Name)
		switch ep.Type {
		case "string":
			fmt.Fprintf(b, "\tif p.%s != nil {\n\t\ta[%d] = endpoints.String(*p.%s)\n\t}\n", name, i, name)
		case "boolean":
			fmt.Fprintf(b, "\tif p.%s != nil {\n\t\ta[%d] = endpoints.Bool(*p.%s)\n\t}\n", name, i, name)
		default:
			fmt.Fprintf(b, "\tif p.%s != nil {\n\t\ta[%d] = endpoints.Strings(p.%s)\n\t}\n", name, i, name)
		}
	}
	b.WriteString("}\n\n")
	fmt.Fprintf(b, "// values returns the parameters as the rules engine takes them.\nfunc (p *EndpointParameters) values() []endpoints.Value {\n\tvar a [%d]endpoints.Value\n\tp.fill(&a)\n\treturn a[:]\n}\n\n", n)

	writeDoc(b, "", wrap("ResolveEndpoint resolves p with the service's endpoint rule set: the URL, headers and auth schemes a request with these parameters goes to, or the rule set's error (*endpoints.RuleError).", docWidth, "", ""))
	fmt.Fprintf(b, "func ResolveEndpoint(p EndpointParameters) (endpoints.Endpoint, error) {\n\tvar a [%d]endpoints.Value // on the stack\n\tp.fill(&a)\n\treturn endpointRules().Resolve(a[:])\n}\n\n", n)

	fmt.Fprintf(b, "// endpointRuleSet is the rule set compiled when the package was generated\n// (a string: what it holds stays in the binary's read-only data).\n//\n//go:embed %s\nvar endpointRuleSet string\n\n", RuleSetFile)
	b.WriteString("// endpointRules loads the embedded rule set on first use.\nvar endpointRules = endpoints.EmbeddedCompiled(endpointRuleSet, endpointParameterNames)\n\n")
	fmt.Fprintf(b, "// service is the service as the pipeline takes it.\nvar service = pipeline.Service{Schema: &%s, Rules: endpointRules}\n", g.service)
	return buf.Bytes()
}

func paramGoType(t string) string {
	switch t {
	case "boolean":
		return "*bool"
	case "stringArray":
		return "[]string"
	}
	return "*string"
}

// ExportTest writes export_test.go: the unexported tables of a service
// package, for its own tests.
//
// The pipeline service is exported as Service, or as ServiceDef when a
// model type of the package is named Service (ECS's): the model's types
// keep their names, which users see.
func (g *Generator) ExportTest(pkg string) []byte {
	var b bytes.Buffer
	svc := "Service"
	if g.declaresType("Service") {
		svc = "ServiceDef"
	}
	fmt.Fprintf(&b, "package %s\n\nimport \"github.com/goto3/goto3/protocol\"\n\n", pkg)
	fmt.Fprintf(&b, `// The package's schema and tables, for its tests.
var (
	ServiceSchema      = &%s
	NewOperationInput  = newOperationInput
	NewOperationOutput = newOperationOutput
	%s = &service
)

// OperationSchemas returns the schema of every operation, sorted by name.
func OperationSchemas() []*protocol.Operation {
	return append([]*protocol.Operation(nil), operations[:]...)
}
`, g.service, svc)
	return b.Bytes()
}

// declaresType reports whether the package declares a type named name (a
// structure or an enum of the model).
func (g *Generator) declaresType(name string) bool {
	if g.byGo[name] != nil {
		return true
	}
	for _, n := range g.enums {
		if n == name {
			return true
		}
	}
	return false
}

// sortedParams returns the parameters of a rule set's "parameters" object
// sorted by name.
func sortedParams(m map[string]EndpointParam) []EndpointParam {
	out := make([]EndpointParam, 0, len(m))
	for n, p := range m {
		p.Name = n
		out = append(out, p)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Name < out[j].Name })
	return out
}

// firstParagraph returns the lines of doc up to its first blank line.
func firstParagraph(doc []string) []string {
	for i, l := range doc {
		if strings.TrimSpace(l) == "" {
			return doc[:i]
		}
	}
	return doc
}
