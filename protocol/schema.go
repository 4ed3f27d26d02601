package protocol

import "reflect"

// Type is the kind of a shape, as named by the model's "type" field.
type Type uint8

// The shape types of the botocore model format.
const (
	TypeInvalid Type = iota
	TypeStructure
	TypeList
	TypeMap
	TypeString
	TypeBlob
	TypeBoolean
	TypeByte
	TypeShort
	TypeInteger
	TypeLong
	TypeFloat
	TypeDouble
	TypeBigInteger
	TypeBigDecimal
	TypeTimestamp
	// TypeDocument is a "document" shape (a structure with "document":
	// true in the model): an untyped JSON value, Go type any.
	TypeDocument
)

// Location says where a structure member travels in an HTTP message.
type Location uint8

// Member locations. LocationBody is the zero value: the member is part of the
// body (or, for Query and EC2, of the form).
const (
	LocationBody       Location = iota
	LocationURI                 // a {label} in the request URI
	LocationQuery               // a query string parameter ("querystring")
	LocationHeader              // one HTTP header
	LocationHeaders             // a map of headers sharing a prefix (x-amz-meta-)
	LocationStatusCode          // the HTTP status code (output only)
)

// TimestampFormat is a member's or shape's "timestampFormat" trait. The zero
// value means "the protocol's default for the location".
type TimestampFormat uint8

// Timestamp formats.
const (
	TimestampDefault TimestampFormat = iota
	TimestampISO8601                 // 2006-01-02T15:04:05.999Z
	TimestampRFC822                  // Mon, 02 Jan 2006 15:04:05 GMT
	TimestampUnix                    // seconds since the epoch, fractional allowed
)

// XMLNamespace is the "xmlNamespace" trait: an xmlns attribute on an element.
type XMLNamespace struct {
	Prefix string // empty for a default namespace
	URI    string
}

// Shape describes one model shape. Shapes are created by generated code as
// package-level values and are never modified after package initialization:
// codecs may read them from any goroutine.
//
// The Go value a shape describes is:
//   - TypeStructure: a struct; Members[i].Field indexes its fields.
//   - TypeList: a slice of the element type.
//   - TypeMap: a map[string]V.
//   - TypeString: string or a string-kinded enum type; TypeBlob: []byte, or
//     io.Reader (input) / io.ReadCloser (output) when Streaming.
//   - TypeBoolean: bool; integer types: int32 (byte/short/integer) or int64
//     (long); TypeFloat: float32; TypeDouble: float64; TypeTimestamp: time.Time;
//     TypeBigInteger and TypeBigDecimal: string (the number's digits).
//   - TypeDocument: any, holding nil, bool, string, a number (float64,
//     json.Number or a Go integer), []any or map[string]any.
//
// An optional scalar member is a pointer to the type above; a required scalar,
// a list or a map member is the plain value; a structure member is a pointer.
// The elements of a Sparse list or map are pointers (nil is a JSON null);
// a document member is any.
type Shape struct {
	Name string // the model's shape name
	Type Type

	// Structure.
	Members []Member
	Payload int // index into Members of the "payload" member, or -1
	// Exception shapes ("exception": true) carry the error code and status.
	Exception  bool
	ErrorCode  string // "error.code" when the model gives one, else Name
	HTTPStatus int    // "error.httpStatusCode"
	Union      bool   // exactly one member is set
	// EventStream marks an "eventstream" structure: a union of event
	// shapes sent as binary event stream messages (protocol/eventstream),
	// one per event, named by the :event-type header. A payload member
	// targeting one is handed to the caller unread, as a streaming body.
	EventStream bool
	// EventExceptions are an event stream's members that target
	// exception shapes: a message of type "exception" names one by its
	// :exception-type header. They have no field in the stream's Go
	// struct (Field is -1): an exception ends the stream as an error
	// (protocol/eventstream's UnmarshalEvent).
	EventExceptions []Member
	// GoType is the Go type of a structure (not a pointer to it), for
	// schemas built at run time; generated schemas set NilPtr instead.
	// Codecs read either through ReflectType, to create modelled error
	// values and nested structures.
	GoType reflect.Type
	// NilPtr is a nil pointer to the Go type of a structure ((*T)(nil)).
	// An interface holding a typed nil is static data where a reflect.Type
	// needs init code, and unlike a function such as reflect.TypeFor[T] it
	// adds no code per type: a generated shape needing no init is linked
	// only into programs whose operations reach it (a program that uses a
	// few S3 operations does not carry all 693 of S3's shapes), and EC2's
	// 2,600 structures add no functions to compile.
	NilPtr any

	// List: the element. Map: the key and the value.
	Member     *Member
	Key, Value *Member

	// XML traits at shape level.
	Flattened    bool
	LocationName string // shape-level "locationName" (XML element name)
	XMLNamespace XMLNamespace

	// Blob.
	Streaming bool
	// Timestamp.
	TimestampFormat TimestampFormat
	// JSONValue marks a string whose header value is base64 JSON.
	JSONValue bool
	// Sparse marks a list or map whose elements may be null ("sparse"):
	// its elements are pointers, and a nil element is sent and received as
	// a JSON null. Elements of other lists and maps are never null (a null
	// in a response is skipped).
	Sparse bool
}

// ReflectType returns the Go type of a structure shape: GoType, else the
// type NilPtr points to, else nil.
func (s *Shape) ReflectType() reflect.Type {
	if s.GoType != nil || s.NilPtr == nil {
		return s.GoType
	}
	return reflect.TypeOf(s.NilPtr).Elem()
}

// Member is one member of a structure, or the element/key/value of a list or
// map. For list and map elements only Shape and the XML traits are used.
type Member struct {
	Name  string // the model's member name (and the Go field name)
	Field int    // index of the field in the Go struct; -1 for list/map elements
	Shape *Shape

	Location     Location
	LocationName string // wire name: header name, query key, label, XML element
	QueryName    string // EC2 "queryName"

	XMLNamespace XMLNamespace
	XMLAttribute bool
	Flattened    bool // member-level "flattened" (overrides the shape's)

	TimestampFormat  TimestampFormat // member-level override
	Required         bool
	IdempotencyToken bool
	HostLabel        bool
	Streaming        bool // the member's shape is a streaming blob
	JSONValue        bool
	Sensitive        bool // never log the value
	// EventPayload marks the member of an event shape that receives the
	// event message's payload ("eventpayload"); EventHeader marks one bound
	// to an event message header of its name ("eventheader").
	EventPayload bool
	EventHeader  bool
}

// ContextParam binds an input member to an endpoint rule-set parameter
// ("contextParam"). Param is the parameter's position in the service's
// rule set (its parameters sorted by name), fixed when the service package
// is generated.
type ContextParam struct {
	Name   string // the rule-set parameter
	Param  int    // its position in the rule set
	Member int    // the member's index in the input shape's Members
}

// StaticContextParam is an operation's fixed endpoint rule-set parameter
// ("staticContextParams").
type StaticContextParam struct {
	Name  string
	Param int // the parameter's position in the rule set
	Value any // bool, string or []string
}

// OperationContextParam is an endpoint rule-set parameter computed from
// the input with a JMESPath expression ("operationContextParams", such as
// DynamoDB's ResourceArnList from "keys(RequestItems)").
type OperationContextParam struct {
	Name  string
	Param int    // the parameter's position in the rule set
	Path  string // the JMESPath expression over the input
}

// Operation describes one API operation.
type Operation struct {
	Service      *Service
	Name         string
	Method       string // HTTP method
	RequestURI   string // the "requestUri" template, with {Label} and {Label+}
	ResponseCode int    // "http.responseCode", 0 when unset (200)

	Input  *Shape // nil when the operation takes no input
	Output *Shape // nil when the operation has no output
	// InputLocationName and InputXMLNamespace come from the operation's input
	// reference (REST-XML payload root element name and namespace).
	InputLocationName string
	InputXMLNamespace XMLNamespace
	// ResultWrapper is the Query protocol's output wrapper element
	// (<OperationNameResult>), empty for other protocols.
	ResultWrapper string

	Errors     []*Shape // modelled errors, in model order
	HostPrefix string   // "endpoint.hostPrefix", with {Label} placeholders

	// Checksums ("httpChecksum", "httpChecksumRequired").
	ChecksumRequired            bool
	RequestAlgorithmMember      string
	RequestValidationModeMember string
	ResponseAlgorithms          []string
	RequestCompression          []string // "requestcompression.encodings"

	AuthType        string // "authtype", e.g. "v4-unsigned-body", "none"
	UnsignedPayload bool
	// Endpoint rule-set parameters from the input and the model.
	ContextParams          []ContextParam
	StaticContextParams    []StaticContextParam
	OperationContextParams []OperationContextParam
	Deprecated             bool
	// EndpointOperation marks the service's endpoint-discovery operation
	// ("endpointoperation", DynamoDB's DescribeEndpoints): it is sent
	// x-amz-api-version with the service's API version, as botocore's
	// inject_api_version_header_if_needed does.
	EndpointOperation bool
}

// Service describes one service's metadata from the model.
type Service struct {
	ID         string // "serviceId", e.g. "S3"
	APIVersion string
	// Protocol is the protocol the client speaks: "rest-xml", "query",
	// "ec2", "json" or "rest-json", chosen from the model's "protocols" as
	// botocore does (the first of its supported protocols, in its order,
	// that the model lists), else the model's "protocol".
	Protocol       string
	EndpointPrefix string
	SigningName    string // "signingName", or EndpointPrefix
	XMLNamespace   string // "xmlNamespace" for Query/EC2 responses
	ChecksumFormat string
	// Errors are every modelled error of the service: an error answer
	// whose code names one becomes that error's type whatever the
	// operation (S3's NoSuchBucket from GetObject, say), as botocore's
	// client.exceptions match by code.
	Errors []*Shape
	// JSON protocols: JSONVersion ("1.0" or "1.1") names the
	// application/x-amz-json-<version> media type, TargetPrefix the
	// X-Amz-Target prefix ("DynamoDB_20120810"), and AWSQueryCompatible
	// marks a JSON service migrated from the Query protocol (SQS): it is
	// sent x-amzn-query-mode and answers with x-amzn-query-error codes.
	JSONVersion        string
	TargetPrefix       string
	AWSQueryCompatible bool
	// MalformedBodyIsServerError makes a 2xx answer whose body is not
	// well-formed XML a 500 error, retried, instead of a decoding error:
	// for S3 it is what a connection dropped mid-answer looks like
	// (botocore's _handle_200_error).
	MalformedBodyIsServerError bool
}

// MarshalOptions carries what a codec needs beyond the schema and the input.
// The zero value is ready to use.
type MarshalOptions struct {
	// NewIdempotencyToken fills idempotency-token members left unset. Nil
	// means a random version-4 UUID from crypto/rand.
	NewIdempotencyToken func() string
}

// ErrorShape returns the modelled error shape an error answer's code
// names: one of op's errors, else any of its service's (a code the model
// gives one operation may come back from another, as S3's NoSuchBucket from
// GetObject), matched by the error's code first and its shape name second;
// nil when none does. Among the service's errors, a code several share
// names the last of them in the model's order (its shapes are sorted by
// name), as botocore's client.exceptions table keeps it: CloudWatch's
// ResourceNotFound is ResourceNotFound, not DashboardNotFoundError, but
// for an operation that lists one of them.
func (op *Operation) ErrorShape(code string) *Shape {
	if op == nil || code == "" {
		return nil
	}
	if s := findError(op.Errors, code, false); s != nil {
		return s
	}
	if op.Service != nil {
		return findError(op.Service.Errors, code, true)
	}
	return nil
}

// findError finds the error of list with the code (the first, or the last
// when last), else the one named so.
func findError(list []*Shape, code string, last bool) *Shape {
	var byCode *Shape
	for _, e := range list {
		if e != nil && e.ErrorCode == code {
			if !last {
				return e
			}
			byCode = e
		}
	}
	if byCode != nil {
		return byCode
	}
	for _, e := range list {
		if e != nil && e.Name == code {
			return e
		}
	}
	return nil
}
