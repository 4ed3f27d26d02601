package codegen

import (
	"bytes"
	"fmt"
	"strings"
)

// clientOption is one field of a generated client's Options struct. The
// fields mirror internal/pipeline.Options; s3 marks the S3-only ones.
type clientOption struct {
	name, typ string
	doc       []string
	s3        bool
}

var clientOptions = []clientOption{
	{name: "Region", typ: "string", doc: []string{"Region is the AWS region, such as \"us-east-1\". Required."}},
	{name: "Credentials", typ: "credentials.Provider", doc: []string{"Credentials sign the requests; a provider that is not a", "*credentials.Cache is wrapped in one. Required."}},
	{name: "EndpointURL", typ: "string", doc: []string{"EndpointURL replaces the resolved endpoint (boto3's endpoint_url)."}},
	{name: "HTTPClient", typ: "*http.Client", doc: []string{"HTTPClient sends the requests, as it is. When nil, the client uses", "the SDK's shared transport with the settings below (see package", "transport for the defaults)."}},
	{name: "ConnectTimeout", typ: "time.Duration", doc: []string{"ConnectTimeout and ReadTimeout are boto3's connect_timeout and", "read_timeout: the TCP connect and TLS handshake, and every wait for", "the peer's next byte (not the whole call). 0 means 60 seconds,", "negative none. A timeout is retried as the retry mode allows."}},
	{name: "ReadTimeout", typ: "time.Duration"},
	{name: "MaxPoolConnections", typ: "int", doc: []string{"MaxPoolConnections is the number of idle connections kept per host", "(boto3's max_pool_connections; 0 means 10); MaxConnectionsPerHost", "caps open connections per host (0: no cap)."}},
	{name: "MaxConnectionsPerHost", typ: "int"},
	{name: "TCPKeepAlive", typ: "time.Duration", doc: []string{"TCPKeepAlive is the TCP keep-alive probe interval (0: 15 seconds;", "negative: off)."}},
	{name: "RootCAs", typ: "*x509.CertPool", doc: []string{"RootCAs replaces the system's certificate roots (a Session sets it", "from AWS_CA_BUNDLE or the profile's ca_bundle)."}},
	{name: "RetryMode", typ: "string", doc: []string{"RetryMode is \"standard\" (the default) or \"adaptive\"; RetryMaxAttempts", "is the number of attempts, the first included (0: 3). They configure", "the client's retryer when Retryer is nil."}},
	{name: "RetryMaxAttempts", typ: "int"},
	{name: "Retryer", typ: "*retry.Retryer", doc: []string{"Retryer, when set, is used as is (it holds the retry quota, clock", "offset and rate limiter, and may be shared by clients)."}},
	{name: "Logger", typ: "*slog.Logger", doc: []string{"Logger receives a debug line per attempt and per retry decision", "(see goto3.NewStreamLogger); nil logs nothing. LogHeaders adds the", "request and response headers, secrets redacted."}},
	{name: "LogHeaders", typ: "bool"},
	{name: "Hooks", typ: "goto3.Hooks", doc: []string{"Hooks run at named points of every attempt."}},
	{name: "UseFIPS", typ: "bool", doc: []string{"UseFIPS and UseDualStack select FIPS and dual-stack endpoints."}},
	{name: "UseDualStack", typ: "bool"},
	{name: "RequestChecksumCalculation", typ: "string", doc: []string{"RequestChecksumCalculation and ResponseChecksumValidation are", "\"when_supported\" (the default) or \"when_required\", as in botocore."}},
	{name: "ResponseChecksumValidation", typ: "string"},
	{name: "DisableRequestCompression", typ: "bool", doc: []string{"DisableRequestCompression and RequestMinCompressionSizeBytes are", "botocore's disable_request_compression and", "request_min_compression_size_bytes: operations with the", "requestcompression trait gzip bodies of at least the minimum size", "(0: 10240 bytes; valid 1 to 1048576)."}},
	{name: "RequestMinCompressionSizeBytes", typ: "int64"},
	{name: "Now", typ: "func() time.Time", doc: []string{"Now is the clock for signing and retries; nil means time.Now."}},
	{name: "Rand", typ: "io.Reader", doc: []string{"Rand is the source of invocation ids and idempotency tokens; nil", "means crypto/rand.Reader."}},
	{name: "UsePathStyle", typ: "bool", s3: true, doc: []string{"UsePathStyle puts the bucket in the path instead of the host name."}},
	{name: "UseAccelerate", typ: "bool", s3: true, doc: []string{"UseAccelerate uses S3 Transfer Acceleration endpoints."}},
	{name: "UseARNRegion", typ: "bool", s3: true, doc: []string{"UseARNRegion lets an access point ARN's region override Region."}},
	{name: "DisableMultiRegionAccessPoints", typ: "bool", s3: true, doc: []string{"DisableMultiRegionAccessPoints rejects multi-region access point", "ARNs."}},
	{name: "DisableS3ExpressSessionAuth", typ: "bool", s3: true, doc: []string{"DisableS3ExpressSessionAuth signs directory-bucket (S3 Express One", "Zone) requests with the client's credentials instead of CreateSession", "session credentials (botocore's disable_s3_express_session_auth)."}},
	{name: "UnsignedPayload", typ: "bool", s3: true, doc: []string{"UnsignedPayload sends streaming uploads (PutObject, UploadPart bodies)", "that carry a checksum with UNSIGNED-PAYLOAD over http too, as uploads", "over https always are: the checksum (a header, or an aws-chunked", "trailer) then guards the bytes instead of the signed SHA-256, which", "spares hashing every byte. For trusted networks; the headers are still", "signed."}},
	{name: "USEast1RegionalEndpoint", typ: "string", s3: true, doc: []string{"USEast1RegionalEndpoint is botocore's us_east_1_regional_endpoint:", "\"legacy\" (the default when empty: us-east-1 uses the global", "endpoint s3.amazonaws.com) or \"regional\" (s3.us-east-1.amazonaws.com)."}},
}

// Client writes the service client: Options, Client, New, NewFromOptions
// and one method per operation, each a single call into
// internal/pipeline (the generated methods stay tiny so that packages with
// many operations compile fast).
func (g *Generator) Client(pkg string) []byte {
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
	"github.com/goto3/goto3/endpoints"
	"github.com/goto3/goto3/internal/pipeline"
	"github.com/goto3/goto3/protocol"
	"github.com/goto3/goto3/retry"
)

`)
	md := g.api.Metadata
	s3 := md.ServiceID == "S3"
	svc := g.service
	name := md.ServiceFullName
	if name == "" {
		name = md.ServiceID
	}

	writeDoc(b, "", wrap("Options configure a Client. New fills them from a goto3.Session; NewFromOptions takes them as they are. Per-call option functions change a copy for one call.", docWidth, "", ""))
	b.WriteString("type Options struct {\n")
	for i, o := range clientOptions {
		if o.s3 && !s3 {
			continue
		}
		if len(o.doc) > 0 {
			if i > 0 {
				b.WriteString("\n")
			}
			for _, l := range o.doc {
				b.WriteString("\t// " + l + "\n")
			}
		}
		fmt.Fprintf(b, "\t%s %s\n", o.name, o.typ)
	}
	b.WriteString("}\n\n")

	b.WriteString("func (o *Options) core() pipeline.Options {\n\treturn pipeline.Options{\n")
	for _, o := range clientOptions {
		if o.s3 && !s3 {
			continue
		}
		fmt.Fprintf(b, "\t\t%s: o.%s,\n", o.name, o.name)
	}
	b.WriteString("\t}\n}\n\n")
	b.WriteString("func optionsFrom(p pipeline.Options) Options {\n\treturn Options{\n")
	for _, o := range clientOptions {
		if o.s3 && !s3 {
			continue
		}
		fmt.Fprintf(b, "\t\t%s: p.%s,\n", o.name, o.name)
	}
	b.WriteString("\t}\n}\n\n")

	writeDoc(b, "", wrap(fmt.Sprintf("Client calls %s. Every method validates its input, resolves the endpoint, signs, sends with retries and decodes the answer (see internal/pipeline); errors are *goto3.OperationError values wrapping a *goto3.APIError and the modelled error types of this package, matched with errors.As. A Client is safe for concurrent use.", name), docWidth, "", ""))
	fmt.Fprintf(b, "type Client struct {\n\toptions Options\n\tcore    *pipeline.Client\n}\n\n")

	writeDoc(b, "", wrap(fmt.Sprintf("New returns a client configured from sess (region, credentials, endpoint URL, HTTP client, retry%s and checksum settings) and then optFns. It fails with a *goto3.NoRegionError when no region is configured.", map[bool]string{true: ", S3", false: ""}[s3]), docWidth, "", ""))
	fmt.Fprintf(b, `func New(sess *goto3.Session, optFns ...func(*Options)) (*Client, error) {
	po, err := pipeline.SessionOptions(sess, %s.ID)
	if err != nil {
		return nil, err
	}
	o := optionsFrom(po)
	for _, f := range optFns {
		f(&o)
	}
	return NewFromOptions(o)
}

`, svc)
	writeDoc(b, "", wrap("NewFromOptions returns a client with options o, without a session. Region and Credentials are required.", docWidth, "", ""))
	fmt.Fprintf(b, `func NewFromOptions(o Options) (*Client, error) {
	core, err := pipeline.New(&%s, endpoints.Service(%q), o.core())
	if err != nil {
		return nil, err
	}
	return &Client{options: o, core: core}, nil
}

// Options returns a copy of the client's options.
func (c *Client) Options() Options { return c.options }

// invoke runs the operation op with input in, decoding into out and md (out's
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
		if core, err = c.core.With(o.core()); err != nil {
			return &goto3.OperationError{Service: %s.ID, Operation: op.Name, Err: err}
		}
	}
	return core.Invoke(ctx, op, in, out, md)
}

`, svc, pkg, svc)

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

// firstParagraph returns the lines of doc up to its first blank line.
func firstParagraph(doc []string) []string {
	for i, l := range doc {
		if strings.TrimSpace(l) == "" {
			return doc[:i]
		}
	}
	return doc
}
