package codegen

import (
	"bytes"
	"fmt"
	"sort"
	"strconv"
	"strings"
)

var shapeTypes = map[string]string{
	"structure": "TypeStructure", "list": "TypeList", "map": "TypeMap",
	"string": "TypeString", "character": "TypeString", "blob": "TypeBlob", "boolean": "TypeBoolean",
	"byte": "TypeByte", "short": "TypeShort", "integer": "TypeInteger",
	"long": "TypeLong", "float": "TypeFloat", "double": "TypeDouble",
	"bigInteger": "TypeBigInteger", "bigDecimal": "TypeBigDecimal",
	"timestamp": "TypeTimestamp",
}

var locations = map[string]string{
	"uri": "LocationURI", "querystring": "LocationQuery", "header": "LocationHeader",
	"headers": "LocationHeaders", "statusCode": "LocationStatusCode",
}

var timestampFormats = map[string]string{
	"iso8601": "TimestampISO8601", "rfc822": "TimestampRFC822", "unixTimestamp": "TimestampUnix",
}

// lit builds the body of a composite literal, leaving out zero fields.
type lit struct{ parts []string }

func (l *lit) add(field, value string) { l.parts = append(l.parts, field+": "+value) }
func (l *lit) str(field, v string) {
	if v != "" {
		l.add(field, strconv.Quote(v))
	}
}
func (l *lit) flag(field string, v bool) {
	if v {
		l.add(field, "true")
	}
}
func (l *lit) String() string { return strings.Join(l.parts, ", ") }

// shapeVar is the schema variable of the model shape name.
func (g *Generator) shapeVar(name string) string {
	if si := g.nested[name]; si != nil {
		return si.varName
	}
	return g.vars[name]
}

// deps lists the schema variables a shape variable refers to, in order,
// with the Go expression (relative to the variable) that holds each.
type dep struct{ path, to string }

func (g *Generator) structDeps(si *structInfo) []dep {
	var out []dep
	for i, f := range si.fields {
		out = append(out, dep{fmt.Sprintf(".Members[%d].Shape", i), g.shapeVar(f.ref.Shape)})
	}
	return out
}

func (g *Generator) shapeDeps(name string) []dep {
	s := g.api.Shapes[name]
	var out []dep
	if s.Member != nil {
		out = append(out, dep{".Member.Shape", g.shapeVar(s.Member.Shape)})
	}
	if s.Key != nil {
		out = append(out, dep{".Key.Shape", g.shapeVar(s.Key.Shape)})
	}
	if s.Value != nil {
		out = append(out, dep{".Value.Shape", g.shapeVar(s.Value.Shape)})
	}
	return out
}

// backEdges finds, by a depth-first walk in a fixed order, the references
// that close cycles between schema variables.
func (g *Generator) backEdges() map[[2]string]bool {
	deps := map[string][]dep{}
	var nodes []string
	for _, si := range g.structs {
		deps[si.varName] = g.structDeps(si)
		nodes = append(nodes, si.varName)
	}
	for _, name := range g.shapes {
		v := g.vars[name]
		deps[v] = g.shapeDeps(name)
		nodes = append(nodes, v)
	}
	sort.Strings(nodes)
	const (
		white = iota
		grey
		black
	)
	color := map[string]int{}
	back := map[[2]string]bool{}
	var visit func(n string)
	visit = func(n string) {
		color[n] = grey
		for _, d := range deps[n] {
			switch color[d.to] {
			case grey:
				back[[2]string{n, d.path}] = true
			case white:
				visit(d.to)
			}
		}
		color[n] = black
	}
	for _, n := range nodes {
		if color[n] == white {
			visit(n)
		}
	}
	return back
}

// memberLit is the literal of a protocol.Member for ref. field is the Go
// struct field index, or -1 for list and map elements.
func (g *Generator) memberLit(name string, field int, ref *Ref, required, back bool) string {
	s := g.api.Shapes[ref.Shape]
	var l lit
	l.str("Name", name)
	l.add("Field", strconv.Itoa(field))
	if !back {
		l.add("Shape", "&"+g.shapeVar(ref.Shape))
	}
	location, locationName := ref.Location, ref.LocationName
	if location == "" && s.Location != "" {
		// A shape-level location applies to the members targeting
		// the shape, with the shape's locationName as the default
		// name (botocore merges the shape's serialization traits).
		location = s.Location
		if locationName == "" {
			locationName = s.LocationName
		}
	}
	if loc := locations[location]; loc != "" {
		l.add("Location", "protocol."+loc)
	}
	l.str("LocationName", locationName)
	l.str("QueryName", ref.QueryName)
	if ns := ref.XMLNamespace; ns != nil {
		l.add("XMLNamespace", fmt.Sprintf("protocol.XMLNamespace{Prefix: %q, URI: %q}", ns.Prefix, ns.URI))
	}
	l.flag("XMLAttribute", ref.XMLAttribute)
	l.flag("Flattened", ref.Flattened)
	if tf := timestampFormats[ref.TimestampFormat]; tf != "" {
		l.add("TimestampFormat", "protocol."+tf)
	}
	l.flag("Required", required)
	l.flag("IdempotencyToken", ref.IdempotencyToken)
	l.flag("HostLabel", ref.HostLabel)
	l.flag("Streaming", ref.Streaming || s.Streaming)
	l.flag("JSONValue", ref.JSONValue || s.JSONValue)
	l.flag("Sensitive", ref.Sensitive || s.Sensitive)
	l.flag("EventPayload", ref.EventPayload)
	l.flag("EventHeader", ref.EventHeader)
	return "{" + l.String() + "}"
}

func shapeCommon(l *lit, name string, s *Shape) {
	l.str("Name", name)
	t := shapeTypes[s.Type]
	if s.Type == "structure" && s.Document {
		t = "TypeDocument"
	}
	l.add("Type", "protocol."+t)
}

func shapeXML(l *lit, s *Shape) {
	l.flag("Flattened", s.Flattened)
	l.str("LocationName", s.LocationName)
	if ns := s.XMLNamespace; ns != nil {
		l.add("XMLNamespace", fmt.Sprintf("protocol.XMLNamespace{Prefix: %q, URI: %q}", ns.Prefix, ns.URI))
	}
}

// Schema writes the schema variables: one protocol.Shape per shape (a
// structure's with its Go type as NilPtr), one protocol.Operation per
// operation and the protocol.Service, and, when the model has recursive
// shapes, an init function that closes the reference cycles. Everything
// else is static data, so a program links only the shapes its operations
// reach.
func (g *Generator) Schema(b *bytes.Buffer) {
	back := g.backEdges()
	var inits []string
	md := g.api.Metadata
	var svc lit
	svc.str("ID", md.ServiceID)
	svc.str("APIVersion", md.APIVersion)
	svc.str("Protocol", g.api.protocol())
	svc.str("EndpointPrefix", md.EndpointPrefix)
	signing := md.SigningName
	if signing == "" {
		signing = md.EndpointPrefix
	}
	svc.str("SigningName", signing)
	svc.str("XMLNamespace", md.XMLNamespace)
	svc.str("ChecksumFormat", md.ChecksumFormat)
	var errs []string
	for _, si := range g.structs {
		if si.shape.Exception {
			errs = append(errs, "&"+si.varName)
		}
	}
	if len(errs) > 0 {
		svc.add("Errors", "[]*protocol.Shape{"+strings.Join(errs, ", ")+"}")
	}
	svc.str("JSONVersion", md.JSONVersion)
	svc.str("TargetPrefix", md.TargetPrefix)
	svc.flag("AWSQueryCompatible", md.AWSQueryCompatible != nil)
	svc.flag("MalformedBodyIsServerError", g.cfg.MalformedBodyIsServerError)
	fmt.Fprintf(b, "var %s = protocol.Service{%s}\n\n", g.service, svc.String())

	for _, oi := range g.ops {
		g.writeOperation(b, oi)
	}
	b.WriteString("\n")
	for _, si := range g.structs {
		var l lit
		shapeCommon(&l, si.shapeName, si.shape)
		if len(si.fields) > 0 {
			var ms []string
			for i, f := range si.fields {
				isBack := back[[2]string{si.varName, fmt.Sprintf(".Members[%d].Shape", i)}]
				if isBack {
					inits = append(inits, fmt.Sprintf("%s.Members[%d].Shape = &%s", si.varName, i, g.shapeVar(f.ref.Shape)))
				}
				ms = append(ms, "\n"+g.memberLit(f.member, i, f.ref, contains(si.shape.Required, f.member) && !g.emptyString(si.goName, f.name), isBack)+",")
			}
			l.add("Members", "[]protocol.Member{"+strings.Join(ms, "")+"\n}")
		}
		payload := -1
		for i, f := range si.fields {
			if f.member == si.shape.Payload && si.shape.Payload != "" {
				payload = i
			}
		}
		l.add("Payload", strconv.Itoa(payload))
		if si.shape.Exception {
			l.flag("Exception", true)
			l.str("ErrorCode", errorCode(si.shapeName, si.shape))
			if si.shape.Error != nil && si.shape.Error.HTTPStatusCode != 0 {
				l.add("HTTPStatus", strconv.Itoa(si.shape.Error.HTTPStatusCode))
			}
		}
		l.flag("Union", si.shape.Union)
		l.flag("EventStream", si.shape.EventStream)
		if si.shape.EventStream {
			var ms []string
			for _, m := range si.shape.MemberOrder {
				if ref := si.shape.Members[m]; g.api.Shapes[ref.Shape].Exception {
					ms = append(ms, "\n"+g.memberLit(m, -1, ref, false, false)+",")
				}
			}
			if len(ms) > 0 {
				l.add("EventExceptions", "[]protocol.Member{"+strings.Join(ms, "")+"\n}")
			}
		}
		shapeXML(&l, si.shape)
		// A function value, not a reflect.Type set in init: the shape stays
		// static data, linked only where an operation reaches it.
		l.add("NilPtr", "(*"+si.goName+")(nil)")
		fmt.Fprintf(b, "var %s = protocol.Shape{%s}\n\n", si.varName, l.String())
	}
	for _, name := range g.shapes {
		s := g.api.Shapes[name]
		v := g.vars[name]
		var l lit
		shapeCommon(&l, name, s)
		for _, e := range []struct {
			field string
			ref   *Ref
		}{{"Member", s.Member}, {"Key", s.Key}, {"Value", s.Value}} {
			if e.ref == nil {
				continue
			}
			isBack := back[[2]string{v, "." + e.field + ".Shape"}]
			if isBack {
				inits = append(inits, fmt.Sprintf("%s.%s.Shape = &%s", v, e.field, g.shapeVar(e.ref.Shape)))
			}
			l.add(e.field, "&protocol.Member"+g.memberLit("", -1, e.ref, false, isBack))
		}
		shapeXML(&l, s)
		l.flag("Streaming", s.Streaming)
		if tf := timestampFormats[s.TimestampFormat]; tf != "" {
			l.add("TimestampFormat", "protocol."+tf)
		}
		l.flag("JSONValue", s.JSONValue)
		l.flag("Sparse", s.Sparse)
		fmt.Fprintf(b, "var %s = protocol.Shape{%s}\n", v, l.String())
	}
	if len(inits) == 0 {
		b.WriteString("\n")
		return
	}
	b.WriteString("\nfunc init() {\n")
	for _, s := range inits {
		b.WriteString("\t" + s + "\n")
	}
	b.WriteString("}\n\n")
}

func (g *Generator) writeOperation(b *bytes.Buffer, oi *opInfo) {
	op := oi.op
	var l lit
	l.add("Service", "&"+g.service)
	l.str("Name", oi.name)
	l.str("Method", op.HTTP.Method)
	uri := op.HTTP.RequestURI
	if g.cfg.StripBucketFromURI {
		uri = stripBucket(uri)
	}
	l.str("RequestURI", uri)
	if op.HTTP.ResponseCode != 0 {
		l.add("ResponseCode", strconv.Itoa(op.HTTP.ResponseCode))
	}
	if oi.input != nil {
		l.add("Input", "&"+oi.input.varName)
		l.str("InputLocationName", op.Input.LocationName)
		if ns := op.Input.XMLNamespace; ns != nil {
			l.add("InputXMLNamespace", fmt.Sprintf("protocol.XMLNamespace{Prefix: %q, URI: %q}", ns.Prefix, ns.URI))
		}
	}
	if oi.output != nil {
		l.add("Output", "&"+oi.output.varName)
		if g.api.protocol() == "query" {
			rw := op.Output.ResultWrapper
			if rw == "" {
				rw = oi.name + "Result"
			}
			l.str("ResultWrapper", rw)
		}
	}
	if len(op.Errors) > 0 {
		var es []string
		for _, e := range op.Errors {
			es = append(es, "&"+g.shapeVar(e.Shape))
		}
		l.add("Errors", "[]*protocol.Shape{"+strings.Join(es, ", ")+"}")
	}
	if op.Endpoint != nil {
		l.str("HostPrefix", op.Endpoint.HostPrefix)
	}
	if c := op.HTTPChecksum; c != nil {
		l.flag("ChecksumRequired", op.HTTPChecksumRequired || c.RequestChecksumRequired)
		l.str("RequestAlgorithmMember", c.RequestAlgorithmMember)
		l.str("RequestValidationModeMember", c.RequestValidationModeMember)
		if len(c.ResponseAlgorithms) > 0 {
			l.add("ResponseAlgorithms", quoteList(c.ResponseAlgorithms))
		}
	} else {
		l.flag("ChecksumRequired", op.HTTPChecksumRequired)
	}
	if c := op.RequestCompression; c != nil && len(c.Encodings) > 0 {
		l.add("RequestCompression", quoteList(c.Encodings))
	}
	l.str("AuthType", op.AuthType)
	l.flag("UnsignedPayload", op.UnsignedPayload)
	if oi.input != nil {
		var cps []string
		for i, f := range oi.input.fields {
			if f.ref.ContextParam == nil {
				continue
			}
			if p := g.paramIndex(f.ref.ContextParam.Name); p >= 0 {
				cps = append(cps, fmt.Sprintf("{Name: %q, Param: %d, Member: %d}", f.ref.ContextParam.Name, p, i))
			}
		}
		if len(cps) > 0 {
			l.add("ContextParams", "[]protocol.ContextParam{"+strings.Join(cps, ", ")+"}")
		}
	}
	if len(op.StaticContextParams) > 0 {
		var names []string
		for n := range op.StaticContextParams {
			names = append(names, n)
		}
		sort.Strings(names)
		var ps []string
		for _, n := range names {
			p := g.paramIndex(n)
			if p < 0 {
				continue
			}
			var v string
			switch x := op.StaticContextParams[n].Value.(type) {
			case bool:
				v = strconv.FormatBool(x)
			case string:
				v = strconv.Quote(x)
			case []any:
				var q []string
				for _, e := range x {
					if s, ok := e.(string); ok {
						q = append(q, strconv.Quote(s))
					}
				}
				v = "[]string{" + strings.Join(q, ", ") + "}"
			default:
				v = "nil"
			}
			ps = append(ps, fmt.Sprintf("{Name: %q, Param: %d, Value: %s}", n, p, v))
		}
		if len(ps) > 0 {
			l.add("StaticContextParams", "[]protocol.StaticContextParam{"+strings.Join(ps, ", ")+"}")
		}
	}
	if len(op.OperationContextParams) > 0 {
		var names []string
		for n := range op.OperationContextParams {
			names = append(names, n)
		}
		sort.Strings(names)
		var ps []string
		for _, n := range names {
			if p := g.paramIndex(n); p >= 0 {
				ps = append(ps, fmt.Sprintf("{Name: %q, Param: %d, Path: %q}", n, p, op.OperationContextParams[n].Path))
			}
		}
		if len(ps) > 0 {
			l.add("OperationContextParams", "[]protocol.OperationContextParam{"+strings.Join(ps, ", ")+"}")
		}
	}
	l.flag("Deprecated", op.Deprecated)
	l.flag("EndpointOperation", op.EndpointOperation)
	fmt.Fprintf(b, "var %s = protocol.Operation{%s}\n", oi.varName, l.String())
}

func quoteList(xs []string) string {
	q := make([]string, len(xs))
	for i, x := range xs {
		q[i] = strconv.Quote(x)
	}
	return "[]string{" + strings.Join(q, ", ") + "}"
}

// stripBucket removes a leading "/{Bucket}" path segment from an S3
// request URI: "/{Bucket}/{Key+}" becomes "/{Key+}", "/{Bucket}?cors"
// becomes "/?cors" and "/{Bucket}" becomes "/".
func stripBucket(uri string) string {
	rest, ok := strings.CutPrefix(uri, "/{Bucket}")
	if !ok || (rest != "" && rest[0] != '/' && rest[0] != '?') {
		return uri
	}
	if rest == "" || rest[0] == '?' {
		return "/" + rest
	}
	return rest
}

// paramIndex returns the position of the endpoint rule-set parameter name,
// or -1.
func (g *Generator) paramIndex(name string) int {
	for i, p := range g.cfg.EndpointParams {
		if p.Name == name {
			return i
		}
	}
	return -1
}

// Tables writes the unexported accessors of a service package: its
// operation schemas, and constructors of each operation's input and output
// by operation name. Nothing in the package refers to them, so programs do
// not link them; the package's tests reach them through the generated
// export_test.go.
func (g *Generator) Tables(b *bytes.Buffer) {
	b.WriteString("// operations are the schemas of every operation of the package, sorted by\n// name.\n")
	b.WriteString("var operations = [...]*protocol.Operation{\n")
	for _, oi := range g.ops {
		fmt.Fprintf(b, "\t&%s,\n", oi.varName)
	}
	b.WriteString("}\n\n")
	for _, kind := range []string{"Input", "Output"} {
		fmt.Fprintf(b, "// newOperation%s returns a pointer to a new, empty %s struct of the\n", kind, strings.ToLower(kind))
		fmt.Fprintf(b, "// operation called name, or nil when the package has no such operation.\n")
		fmt.Fprintf(b, "func newOperation%s(name string) any {\n\tswitch name {\n", kind)
		for _, oi := range g.ops {
			t := oi.inType
			if kind == "Output" {
				t = oi.outType
			}
			if t != "" {
				fmt.Fprintf(b, "\tcase %q:\n\t\treturn new(%s)\n", oi.name, t)
			}
		}
		b.WriteString("\t}\n\treturn nil\n}\n\n")
	}
}
