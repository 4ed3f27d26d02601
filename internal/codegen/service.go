package codegen

import (
	"bytes"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"github.com/goto3/goto3/endpoints"
)

// ServiceSpec describes one generated service package.
type ServiceSpec struct {
	Package  string // Go package name and folder under services/
	ModelDir string // folder of the botocore model, relative to the repo root
	// StripBucketFromURI and MalformedBodyIsServerError apply botocore's
	// S3 customizations of those names (see Config).
	StripBucketFromURI         bool
	MalformedBodyIsServerError bool
	// Customized says the package has a hand-written customizations file
	// (customizations.go) defining what the generated client calls:
	//
	//	type clientState struct{ ... }   // state shared with per-call clients
	//	func newClientState() clientState
	//	func (o *Options) fromConfig(cfg *goto3.Config) error
	//	func (c *Client) customize(o *Options, po *pipeline.Options, p *EndpointParameters) error
	//
	// fromConfig reads the service's own settings from the Config's Sources;
	// customize sets the service's endpoint built-ins in p and its
	// pipeline.Customizations in po.Custom.
	Customized bool
	// Options are the service's own client options, after the common ones.
	Options []ClientOption
	// DocAppendix names a hand-written text file in the package's folder
	// (Go doc comment syntax without the "//" markers, "# Heading" lines
	// included) appended to the generated package documentation, after
	// the model's description: the documentation of hand-written parts of
	// the package (CloudFront's URL signer), which could not have a
	// package comment of their own beside the generated doc.go.
	DocAppendix string
	// MemberDocs are paragraphs appended to the generated doc comments of
	// struct fields, keyed "<Go type>.<Go field>": what a customization
	// changes about a member ("UserData is base64-encoded for you"), said
	// where the caller reads about it, as botocore's docs handlers do.
	MemberDocs map[string]string
	// EmptyStrings are required string members, keyed "<Go type>.<Go
	// field>", that the service accepts empty (CloudFront's Comment,
	// "include an empty Comment element"): a required plain string that is
	// "" is otherwise refused as missing before anything is sent, where
	// botocore sends the "" its caller gave.
	EmptyStrings []string
}

// Services are the service packages this repository generates.
var Services = []ServiceSpec{
	{Package: "acm", ModelDir: "internal/codegen/models/acm/2015-12-08"},
	{Package: "apigateway", ModelDir: "internal/codegen/models/apigateway/2015-07-09", Customized: true},
	{Package: "athena", ModelDir: "internal/codegen/models/athena/2017-05-18"},
	{Package: "autoscaling", ModelDir: "internal/codegen/models/autoscaling/2011-01-01", Customized: true, MemberDocs: map[string]string{"CreateLaunchConfigurationInput.UserData": userDataDoc}},
	{Package: "bedrock", ModelDir: "internal/codegen/models/bedrock/2023-04-20", Customized: true, Options: bearerOptions},
	{Package: "bedrockruntime", ModelDir: "internal/codegen/models/bedrock-runtime/2023-09-30", Customized: true, Options: bearerOptions},
	{Package: "cloudformation", ModelDir: "internal/codegen/models/cloudformation/2010-05-15", MemberDocs: map[string]string{
		"GetTemplateOutput.TemplateBody": "It is the template's text, JSON or YAML, as CloudFormation returns it; boto3 returns a JSON template decoded into a dict (json_decode_template_body), goto3 the text: decode it with encoding/json.",
	}},
	{Package: "cloudfront", ModelDir: "internal/codegen/models/cloudfront/2020-05-31", DocAppendix: "signer_doc.txt", EmptyStrings: cloudfrontEmptyStrings},
	{Package: "cloudwatch", ModelDir: "internal/codegen/models/cloudwatch/2010-08-01"},
	{Package: "cognitoidp", ModelDir: "internal/codegen/models/cognito-idp/2016-04-18"},
	{Package: "dynamodb", ModelDir: "internal/codegen/models/dynamodb/2012-08-10", Customized: true},
	{Package: "ec2", ModelDir: "internal/codegen/models/ec2/2016-11-15", Customized: true, MemberDocs: map[string]string{"RunInstancesInput.UserData": userDataDoc}},
	{Package: "ecr", ModelDir: "internal/codegen/models/ecr/2015-09-21"},
	{Package: "ecs", ModelDir: "internal/codegen/models/ecs/2014-11-13"},
	{Package: "eks", ModelDir: "internal/codegen/models/eks/2017-11-01"},
	{Package: "elbv2", ModelDir: "internal/codegen/models/elbv2/2015-12-01"},
	{Package: "events", ModelDir: "internal/codegen/models/events/2015-10-07"},
	{Package: "firehose", ModelDir: "internal/codegen/models/firehose/2015-08-04"},
	{Package: "glue", ModelDir: "internal/codegen/models/glue/2017-03-31"},
	{Package: "iam", ModelDir: "internal/codegen/models/iam/2010-05-08", MemberDocs: iamMemberDocs},
	{Package: "kinesis", ModelDir: "internal/codegen/models/kinesis/2013-12-02", Customized: true},
	{Package: "kms", ModelDir: "internal/codegen/models/kms/2014-11-01"},
	{Package: "lambda", ModelDir: "internal/codegen/models/lambda/2015-03-31"},
	{Package: "logs", ModelDir: "internal/codegen/models/logs/2014-03-28"},
	{Package: "rds", ModelDir: "internal/codegen/models/rds/2014-10-31", Customized: true, MemberDocs: rdsMemberDocs},
	{Package: "route53", ModelDir: "internal/codegen/models/route53/2013-04-01", Customized: true},
	{Package: "s3", ModelDir: "internal/codegen/models/s3/2006-03-01", StripBucketFromURI: true, MalformedBodyIsServerError: true, Customized: true, Options: s3Options, MemberDocs: s3MemberDocs},
	{Package: "secretsmanager", ModelDir: "internal/codegen/models/secretsmanager/2017-10-17"},
	{Package: "ses", ModelDir: "internal/codegen/models/ses/2010-12-01"},
	{Package: "sesv2", ModelDir: "internal/codegen/models/sesv2/2019-09-27"},
	{Package: "sns", ModelDir: "internal/codegen/models/sns/2010-03-31"},
	{Package: "sqs", ModelDir: "internal/codegen/models/sqs/2012-11-05"},
	{Package: "ssm", ModelDir: "internal/codegen/models/ssm/2014-11-06"},
	{Package: "stepfunctions", ModelDir: "internal/codegen/models/stepfunctions/2016-11-23"},
	{Package: "sts", ModelDir: "internal/codegen/models/sts/2011-06-15", Customized: true, Options: stsOptions},
}

// userDataDoc ends the doc of the UserData members that the client
// base64-encodes (EC2 RunInstances, Auto Scaling CreateLaunchConfiguration,
// as botocore's base64_encode_user_data).
const userDataDoc = "The client base64-encodes UserData, as boto3 does: pass the raw text (a shell script, cloud-init YAML), not base64, which would be encoded twice. Outputs that return user data return it base64-encoded, as the service sends it."

// sourceRegionDoc ends the doc of RDS's SourceRegion members, which
// botocore's sdk-extras add and services/rds/customizations.go handles.
const sourceRegionDoc = "SourceRegion is not sent: when it is set and PreSignedUrl is not, the client presigns the operation for SourceRegion with its credentials and sends that URL as PreSignedUrl, as boto3 does."

// rdsMemberDocs document RDS's SourceRegion members.
var rdsMemberDocs = map[string]string{
	"CopyDBClusterSnapshotInput.SourceRegion":                      sourceRegionDoc,
	"CopyDBSnapshotInput.SourceRegion":                             sourceRegionDoc,
	"CreateDBClusterInput.SourceRegion":                            sourceRegionDoc,
	"CreateDBInstanceReadReplicaInput.SourceRegion":                sourceRegionDoc,
	"StartDBInstanceAutomatedBackupsReplicationInput.SourceRegion": sourceRegionDoc,
}

// policyDocumentDoc ends the doc of the IAM output members of shape
// policyDocumentType, which boto3 decodes (json_decode_policies).
const policyDocumentDoc = "IAM returns it URL-encoded (RFC 3986 percent-encoded JSON), and so does this field; boto3 returns it decoded into a dict: DecodePolicyDocument does that, UnquotePolicyDocument returns the JSON text."

// iamMemberDocs document the IAM output members of shape policyDocumentType.
var iamMemberDocs = map[string]string{
	"GetGroupPolicyOutput.PolicyDocument": policyDocumentDoc,
	"GetRolePolicyOutput.PolicyDocument":  policyDocumentDoc,
	"GetUserPolicyOutput.PolicyDocument":  policyDocumentDoc,
	"PolicyDetail.PolicyDocument":         policyDocumentDoc,
	"PolicyVersion.Document":              policyDocumentDoc,
	"Role.AssumeRolePolicyDocument":       policyDocumentDoc,
	"RoleDetail.AssumeRolePolicyDocument": policyDocumentDoc,
}

// cloudfrontEmptyStrings are CloudFront's required strings that its API
// Reference says to send empty: a Comment one does not want, the
// OriginAccessIdentity of an S3 origin without one (or with origin access
// control), a streaming log Prefix one does not want.
var cloudfrontEmptyStrings = []string{
	"CloudFrontOriginAccessIdentityConfig.Comment",
	"DistributionConfig.Comment",
	"S3Origin.OriginAccessIdentity",
	"S3OriginConfig.OriginAccessIdentity",
	"StreamingDistributionConfig.Comment",
	"StreamingLoggingConfig.Prefix",
}

// bearerOptions are the client options of the services botocore lets use
// a bearer token (Bedrock's; see their customizations.go).
var bearerOptions = []ClientOption{
	{Name: "BearerToken", Type: "string", Doc: []string{"BearerToken is sent as \"Authorization: Bearer <token>\" instead of a", "SigV4 signature (smithy.api#httpBearerAuth), as botocore does: New", "reads it from AWS_BEARER_TOKEN_BEDROCK. It is used unless", "AuthSchemePreference says otherwise; a client with a token needs no", "credentials."}},
	{Name: "AuthSchemePreference", Type: "[]string", Doc: []string{"AuthSchemePreference is botocore's auth_scheme_preference set in code:", "auth scheme names (\"sigv4\", \"httpBearerAuth\"), the first one the", "service supports wins. Set, it decides between the signature and", "BearerToken (httpBearerAuth without a token fails the calls); empty,", "a token is used when there is one."}},
}

// stsOptions are STS's own client options.
var stsOptions = []ClientOption{
	{Name: "RegionalEndpoints", Type: "string", Doc: []string{"RegionalEndpoints is botocore's sts_regional_endpoints (AWS_STS_REGIONAL_ENDPOINTS,", "the profile's sts_regional_endpoints): \"regional\" (the default when", "empty: sts.<region>.amazonaws.com) or \"legacy\" (the global", "sts.amazonaws.com for the regions that used it before regional", "endpoints)."}},
}

// S3's member docs: what services/s3's customizations change about a
// member, and S3's Expires, which goto3's model keeps a string.
const (
	s3ExpiresOutputDoc = "This is the raw Expires header as S3 sent it, which botocore returns as ExpiresString (botocore's sdk-extras model overlay makes Expires a timestamp, dropped when the header is no date; goto3's model keeps the string): parse it with net/http's ParseTime."
	s3ExpiresInputDoc  = "It is sent as given as the Expires header, an HTTP date such as t.UTC().Format(http.TimeFormat) (botocore takes a timestamp here through its sdk-extras model overlay; goto3's model keeps the raw header string)."
	s3CopySourceDoc    = "Give it unencoded: \"bucket/key\", with \"?versionId=<id>\" appended for a version. The client percent-encodes it (all but A-Z a-z 0-9 - . _ ~ /, the version suffix left as it is), as boto3 does: an encoded value would be encoded twice."
	s3SSEKeyDoc        = "Give the raw key (32 bytes for AES256) and leave SSECustomerKeyMD5 unset: the client sends the key base64-encoded with the base64 of its MD5, as boto3 does. When SSECustomerKeyMD5 is set the key is sent as given, base64-encoded by the caller."
	s3CopySSEKeyDoc    = "Give the raw key (32 bytes for AES256) and leave CopySourceSSECustomerKeyMD5 unset: the client sends the key base64-encoded with the base64 of its MD5, as boto3 does. When CopySourceSSECustomerKeyMD5 is set the key is sent as given, base64-encoded by the caller."
	s3EncodingTypeDoc  = "Left unset, the client asks for url itself and decodes the answer (the keys, and the prefixes, delimiter and markers that botocore decodes), so that keys XML cannot carry come back as stored, as boto3 does; when it is set, the answer's values stay as S3 encoded them."
	s3MetadataDoc      = "Keys and values must be ASCII (S3 stores metadata as US-ASCII over REST): the client refuses others before sending, as boto3 does."
)

// s3MemberDocs are the member docs of services/s3.
var s3MemberDocs = map[string]string{
	"GetObjectOutput.Expires":                      s3ExpiresOutputDoc,
	"HeadObjectOutput.Expires":                     s3ExpiresOutputDoc,
	"PutObjectInput.Expires":                       s3ExpiresInputDoc,
	"CopyObjectInput.Expires":                      s3ExpiresInputDoc,
	"CreateMultipartUploadInput.Expires":           s3ExpiresInputDoc,
	"CopyObjectInput.CopySource":                   s3CopySourceDoc,
	"UploadPartCopyInput.CopySource":               s3CopySourceDoc,
	"CopyObjectInput.SSECustomerKey":               s3SSEKeyDoc,
	"CreateMultipartUploadInput.SSECustomerKey":    s3SSEKeyDoc,
	"GetObjectInput.SSECustomerKey":                s3SSEKeyDoc,
	"HeadObjectInput.SSECustomerKey":               s3SSEKeyDoc,
	"PutObjectInput.SSECustomerKey":                s3SSEKeyDoc,
	"UploadPartInput.SSECustomerKey":               s3SSEKeyDoc,
	"UploadPartCopyInput.SSECustomerKey":           s3SSEKeyDoc,
	"CompleteMultipartUploadInput.SSECustomerKey":  s3SSEKeyDoc,
	"SelectObjectContentInput.SSECustomerKey":      s3SSEKeyDoc,
	"CopyObjectInput.CopySourceSSECustomerKey":     s3CopySSEKeyDoc,
	"UploadPartCopyInput.CopySourceSSECustomerKey": s3CopySSEKeyDoc,
	"ListObjectsInput.EncodingType":                s3EncodingTypeDoc,
	"ListObjectsV2Input.EncodingType":              s3EncodingTypeDoc,
	"ListObjectVersionsInput.EncodingType":         s3EncodingTypeDoc,
	"PutObjectInput.Metadata":                      s3MetadataDoc,
	"CopyObjectInput.Metadata":                     s3MetadataDoc,
	"CreateMultipartUploadInput.Metadata":          s3MetadataDoc,
}

// s3Options are S3's own client options, spelled as botocore's s3 config
// keys (services/s3/customizations.go reads them from the profile's "s3 ="
// section and the AWS_S3_* variables, and maps them to the rule set's
// built-ins).
var s3Options = []ClientOption{
	{Name: "AddressingStyle", Type: "AddressingStyle", Doc: []string{"AddressingStyle is botocore's s3 addressing_style: AddressingStyleAuto", "(\"\", the default: virtual-hosted unless the bucket name cannot be a", "host name, and path-style for a custom EndpointURL, as botocore),", "AddressingStyleVirtual or AddressingStylePath."}},
	{Name: "UseAccelerateEndpoint", Type: "bool", Doc: []string{"UseAccelerateEndpoint uses S3 Transfer Acceleration endpoints", "(use_accelerate_endpoint)."}},
	{Name: "UseARNRegion", Type: "*bool", Doc: []string{"UseARNRegion lets an access point ARN's region override Region", "(s3_use_arn_region, AWS_S3_USE_ARN_REGION); nil means true, as in", "botocore."}},
	{Name: "DisableMultiRegionAccessPoints", Type: "bool", Doc: []string{"DisableMultiRegionAccessPoints rejects multi-region access point ARNs", "(s3_disable_multiregion_access_points)."}},
	{Name: "DisableS3ExpressSessionAuth", Type: "bool", Doc: []string{"DisableS3ExpressSessionAuth signs directory-bucket (S3 Express One", "Zone) requests with the client's credentials instead of CreateSession", "session credentials (disable_s3_express_session_auth)."}},
	{Name: "USEast1RegionalEndpoint", Type: "string", Doc: []string{"USEast1RegionalEndpoint is botocore's us_east_1_regional_endpoint:", "\"legacy\" (the default when empty: us-east-1 uses the global endpoint", "s3.amazonaws.com) or \"regional\" (s3.us-east-1.amazonaws.com)."}},
	{Name: "UnsignedPayload", Type: "bool", Doc: []string{"UnsignedPayload sends streaming uploads (PutObject, UploadPart bodies)", "that carry a checksum with UNSIGNED-PAYLOAD over http too, as uploads", "over https always are: the checksum (a header, or an aws-chunked", "trailer) then guards the bytes instead of the signed SHA-256, which", "spares hashing every byte. For trusted networks; the headers are still", "signed."}},
}

// ProtocolSuite is one protocol-test file pair generated into
// internal/testing/protocoltest/<Dir>/{input,output} from
// testdata/protocols/{input,output}/<File>.json. Dir starts with "legacy/"
// for botocore's legacy files, testdata/protocols/legacy/{input,output}.
type ProtocolSuite struct{ Dir, File string }

// ProtocolSuites are the protocol-test files generated: the current
// (Smithy-derived) files of every protocol, then the legacy ones.
var ProtocolSuites = []ProtocolSuite{
	{"ec2", "ec2"},
	{"query", "query"},
	{"restxml", "rest-xml"},
	{"json", "json"},
	{"json10", "json_1_0"},
	{"json10querycompat", "json_1_0-query-compatible"},
	{"restjson", "rest-json"},
	{"legacy/ec2", "ec2"},
	{"legacy/query", "query"},
	{"legacy/restxml", "rest-xml"},
	{"legacy/json", "json"},
	{"legacy/restjson", "rest-json"},
}

// Path is the test file of the suite for kind ("input" or "output"),
// relative to the repository root, slash-separated.
func (ps ProtocolSuite) Path(kind string) string {
	if strings.HasPrefix(ps.Dir, "legacy/") {
		return "testdata/protocols/legacy/" + kind + "/" + ps.File + ".json"
	}
	return "testdata/protocols/" + kind + "/" + ps.File + ".json"
}

// GenerateService generates one service package from its model and its
// endpoint rule set (ruleSet, the rule set file's JSON): file name ->
// content.
func GenerateService(api *API, pkg string, cfg Config, spec ServiceSpec, ruleSet []byte) (map[string][]byte, *Generator, error) {
	cfg.IONames = true
	params, err := RuleSetParams(ruleSet)
	if err != nil {
		return nil, nil, err
	}
	cfg.EndpointParams = params
	g, err := New(api, cfg)
	if err != nil {
		return nil, nil, err
	}
	clause := "package " + pkg
	var types, enums, schema bytes.Buffer
	g.Types(&types)
	g.Enums(&enums)
	g.Schema(&schema)
	g.Tables(&schema)
	compiled, err := CompileRuleSet(ruleSet)
	if err != nil {
		return nil, nil, err
	}
	files := map[string][]byte{RuleSetFile: compiled}
	for _, f := range []struct {
		name string
		body []byte
	}{
		{"api_types.go", imports(types.Bytes(), clause)},
		{"api_enums.go", imports(enums.Bytes(), clause)},
		{"api_schema.go", imports(schema.Bytes(), clause)},
		{"api_endpoints.go", g.Endpoints(pkg)},
		{"doc.go", g.packageDoc(pkg)},
		{"api_client.go", g.Client(pkg, spec)},
		{"api_paginators.go", g.Paginators(pkg)},
		{"api_waiters.go", g.Waiters(pkg)},
		{"api_events.go", g.EventStreams(pkg)},
		{"api_export_test.go", g.ExportTest(pkg)},
	} {
		if f.body == nil {
			continue // no paginators, waiters or event streams in this package
		}
		out, err := Format(f.name, f.body)
		if err != nil {
			return nil, nil, err
		}
		files[f.name] = out
	}
	return files, g, nil
}

// RuleSetFile is the file of a service package that holds its endpoint
// rule set, compiled (endpoints.RuleSet.MarshalBinary), which
// api_endpoints.go embeds.
const RuleSetFile = "endpoint-rules.bin"

// CompileRuleSet compiles an endpoint rule set's JSON into the form a
// service package embeds: the engine's compiled rule set, which the
// package reads back with endpoints.EmbeddedCompiled without parsing JSON.
func CompileRuleSet(ruleSet []byte) ([]byte, error) {
	rs, err := endpoints.Load(ruleSet)
	if err != nil {
		return nil, fmt.Errorf("codegen: endpoint rule set: %w", err)
	}
	return rs.MarshalBinary()
}

// RuleSetParams returns the parameters an endpoint rule set declares,
// sorted by name.
func RuleSetParams(ruleSet []byte) ([]EndpointParam, error) {
	var rs struct {
		Parameters map[string]struct {
			Type          string `json:"type"`
			BuiltIn       string `json:"builtIn"`
			Required      bool   `json:"required"`
			Default       any    `json:"default"`
			Documentation string `json:"documentation"`
		} `json:"parameters"`
	}
	if err := json.Unmarshal(ruleSet, &rs); err != nil {
		return nil, fmt.Errorf("codegen: endpoint rule set: %w", err)
	}
	m := map[string]EndpointParam{}
	for n, p := range rs.Parameters {
		t := p.Type
		switch strings.ToLower(t) {
		case "string":
			t = "string"
		case "boolean":
			t = "boolean"
		case "stringarray":
			t = "stringArray"
		default:
			return nil, fmt.Errorf("codegen: endpoint rule set: parameter %s has the unknown type %q", n, p.Type)
		}
		m[n] = EndpointParam{Type: t, BuiltIn: p.BuiltIn, Required: p.Required, Default: p.Default, Documentation: p.Documentation}
	}
	return sortedParams(m), nil
}

// CompactJSON removes a JSON document's insignificant whitespace
// (json.Compact keeps strings, numbers and key order byte for byte).
func CompactJSON(data []byte) ([]byte, error) {
	var b bytes.Buffer
	if err := json.Compact(&b, data); err != nil {
		return nil, err
	}
	return b.Bytes(), nil
}

func (g *Generator) packageDoc(pkg string) []byte {
	md := g.api.Metadata
	var b bytes.Buffer
	name := md.ServiceFullName
	if name == "" {
		name = md.ServiceID
	}
	first := fmt.Sprintf("Package %s is the client of %s (%s), generated from botocore's model (API version %s, protocol %s).", pkg, name, md.ServiceID, md.APIVersion, g.api.protocol())
	if g.cfg.Operations != nil {
		first += fmt.Sprintf(" It has %d of the model's %d operations, the ones listed in internal/codegen.", len(g.ops), len(g.api.Operations))
	}
	lines := wrap(first, docWidth, "", "")
	if op := g.exampleOp(); op != nil {
		lines = append(lines, "", "\tsess, err := session.New() // region, credentials, settings as boto3 finds them",
			"\t...",
			fmt.Sprintf("\tclient, err := %s.New(sess.Config())", pkg),
			"\t...",
			fmt.Sprintf("\tout, err := client.%s(ctx, &%s.%s{})", op.name, pkg, op.inType), "")
	} else {
		lines = append(lines, "")
	}
	lines = append(lines, wrap("Each operation is a method taking a context, its input struct and per-call option funcs (func(*Options)) that change a copy of the client's Options for that call. Paginated operations have <Op>Paginator, <Op>Pages and <Op>Items; waiters are WaitUntil<Name> and <Name>Waiter; both exist only where the model defines them.", docWidth, "", "")...)
	lines = append(lines, "")
	lines = append(lines, wrap("A failed call returns an error that errors.As matches with *goto3.APIError (Code, Message, the HTTP status and request id) and, for an error the model defines, with its struct in this package, whichever operation returned it.", docWidth, "", "")...)
	lines = append(lines, "")
	lines = append(lines, wrap("Optional scalar members are pointers (goto3.Ptr makes one), so that unset and zero differ; required scalars, lists and maps are plain values; structure members are pointers. Every output struct carries ResultMetadata. Input and output structs are plain data, not synchronized; a Client is safe for concurrent use. A streaming output Body is the caller's to close.", docWidth, "", "")...)
	if d := DocText(g.api.Documentation, docWidth); len(d) > 0 {
		lines = append(append(lines, "", "The model describes the service as follows.", ""), d...)
	}
	if app := appendixLines(g.cfg.DocAppendix); len(app) > 0 {
		lines = append(append(lines, ""), app...)
	}
	writeDoc(&b, "", lines)
	b.WriteString("package " + pkg + "\n")
	return b.Bytes()
}

// exampleOp is the operation the package doc calls: the first List or
// Describe operation (then any other) whose input has no required member.
func (g *Generator) exampleOp() *opInfo {
	var best *opInfo
	rank := func(oi *opInfo) int {
		switch {
		case strings.HasPrefix(oi.name, "List"):
			return 0
		case strings.HasPrefix(oi.name, "Describe"), strings.HasPrefix(oi.name, "Get"):
			return 1
		}
		return 2
	}
	for _, oi := range g.ops {
		if oi.inType == "" || oi.input != nil && len(oi.input.shape.Required) > 0 {
			continue
		}
		if best == nil || rank(oi) < rank(best) {
			best = oi
		}
	}
	return best
}

// GenerateAll generates every service package and protocol-test package of
// the repository rooted at root. It returns the path of each file relative
// to root (slash-separated) and its content, and a summary line per
// package.
func GenerateAll(root string) (map[string][]byte, []string, error) {
	out := map[string][]byte{}
	var summary []string
	for _, spec := range Services {
		api, err := LoadAPI(filepath.Join(root, spec.ModelDir))
		if err != nil {
			return nil, nil, err
		}
		ruleSet, err := os.ReadFile(filepath.Join(root, spec.ModelDir, "endpoint-rule-set-1.json"))
		if err != nil {
			return nil, nil, fmt.Errorf("codegen: %s: %w", spec.Package, err)
		}
		cfg := Config{StripBucketFromURI: spec.StripBucketFromURI, MalformedBodyIsServerError: spec.MalformedBodyIsServerError, MemberDocs: spec.MemberDocs, EmptyStrings: spec.EmptyStrings}
		if spec.DocAppendix != "" {
			b, err := os.ReadFile(filepath.Join(root, "services", spec.Package, spec.DocAppendix))
			if err != nil {
				return nil, nil, fmt.Errorf("codegen: %s: %w", spec.Package, err)
			}
			cfg.DocAppendix = string(b)
		}
		files, g, err := GenerateService(api, spec.Package, cfg, spec, ruleSet)
		if err != nil {
			return nil, nil, fmt.Errorf("codegen: %s: %w", spec.Package, err)
		}
		for name, b := range files {
			out["services/"+spec.Package+"/"+name] = b
		}
		nops, nshapes := g.Counts()
		summary = append(summary, fmt.Sprintf("services/%s: %d operations, %d shapes", spec.Package, nops, nshapes))
	}
	for _, ps := range ProtocolSuites {
		for _, kind := range []string{"input", "output"} {
			data, err := os.ReadFile(filepath.Join(root, filepath.FromSlash(ps.Path(kind))))
			if err != nil {
				return nil, nil, err
			}
			files, err := GenerateSuites(data, kind, kind == "output")
			if err != nil {
				return nil, nil, fmt.Errorf("codegen: %s: %w", ps.Path(kind), err)
			}
			dir := "internal/testing/protocoltest/" + ps.Dir + "/" + kind
			for name, b := range files {
				out[dir+"/"+name] = b
			}
			summary = append(summary, dir)
		}
	}
	return out, summary, nil
}

// GeneratedDirs are the folders GenerateAll writes; Check looks in them for
// stale generated files.
func GeneratedDirs() []string {
	var dirs []string
	for _, s := range Services {
		dirs = append(dirs, "services/"+s.Package)
	}
	for _, ps := range ProtocolSuites {
		dirs = append(dirs, "internal/testing/protocoltest/"+ps.Dir+"/input", "internal/testing/protocoltest/"+ps.Dir+"/output")
	}
	return dirs
}

// Diff compares the generated files with the tree rooted at root. It
// returns the relative paths that differ, are missing, or are generated
// files (they start with Header) that a fresh generation no longer writes.
func Diff(root string, files map[string][]byte) ([]string, error) {
	var diffs []string
	for path, want := range files {
		got, err := os.ReadFile(filepath.Join(root, filepath.FromSlash(path)))
		if err != nil && !os.IsNotExist(err) {
			return nil, err
		}
		if !bytes.Equal(got, want) {
			diffs = append(diffs, path)
		}
	}
	for _, dir := range GeneratedDirs() {
		entries, err := os.ReadDir(filepath.Join(root, filepath.FromSlash(dir)))
		if err != nil {
			if os.IsNotExist(err) {
				continue
			}
			return nil, err
		}
		for _, e := range entries {
			path := dir + "/" + e.Name()
			if e.IsDir() || files[path] != nil {
				continue
			}
			if strings.HasPrefix(e.Name(), "endpoint-rules.") {
				diffs = append(diffs, path) // a rule set file no longer written (endpoint-rules.json[.gz] before the compiled form)
				continue
			}
			if !strings.HasSuffix(e.Name(), ".go") {
				continue
			}
			b, err := os.ReadFile(filepath.Join(root, filepath.FromSlash(path)))
			if err != nil {
				return nil, err
			}
			if bytes.HasPrefix(b, []byte(Header)) {
				diffs = append(diffs, path)
			}
		}
	}
	sortStrings(diffs)
	return diffs, nil
}

// Write writes the generated files under root and removes stale generated
// files, so that the tree equals a fresh generation.
func Write(root string, files map[string][]byte) error {
	stale, err := Diff(root, files)
	if err != nil {
		return err
	}
	for _, path := range stale {
		full := filepath.Join(root, filepath.FromSlash(path))
		b, ok := files[path]
		if !ok {
			if err := os.Remove(full); err != nil {
				return err
			}
			continue
		}
		if err := os.MkdirAll(filepath.Dir(full), 0o755); err != nil {
			return err
		}
		if err := os.WriteFile(full, b, 0o644); err != nil {
			return err
		}
	}
	return nil
}

// appendixLines splits a package documentation appendix (Config.DocAppendix)
// into comment lines: tabs and spaces ending a line and blank lines at
// either end dropped, carriage returns removed.
func appendixLines(text string) []string {
	var lines []string
	for _, l := range strings.Split(strings.ReplaceAll(text, "\r", ""), "\n") {
		lines = append(lines, strings.TrimRight(l, " \t"))
	}
	for len(lines) > 0 && lines[0] == "" {
		lines = lines[1:]
	}
	for len(lines) > 0 && lines[len(lines)-1] == "" {
		lines = lines[:len(lines)-1]
	}
	return lines
}
