package codegen

import (
	"bytes"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"sort"
)

// API is one botocore-format service model: service-2.json plus, when
// present, paginators-1.json and waiters-2.json.
type API struct {
	Metadata      Metadata              `json:"metadata"`
	Operations    map[string]*Operation `json:"operations"`
	Shapes        map[string]*Shape     `json:"shapes"`
	Documentation string                `json:"documentation"`

	// Paginators and Waiters are loaded for the client generator; they are
	// keyed by operation name and waiter name.
	Paginators map[string]*Paginator `json:"-"`
	Waiters    map[string]*Waiter    `json:"-"`
}

// Metadata is the model's "metadata" object.
type Metadata struct {
	APIVersion       string `json:"apiVersion"`
	EndpointPrefix   string `json:"endpointPrefix"`
	Protocol         string `json:"protocol"`
	ServiceID        string `json:"serviceId"`
	ServiceFullName  string `json:"serviceFullName"`
	SigningName      string `json:"signingName"`
	SignatureVersion string `json:"signatureVersion"`
	XMLNamespace     string `json:"xmlNamespace"`
	ChecksumFormat   string `json:"checksumFormat"`
	UID              string `json:"uid"`
	// Protocols is the model's priority list of protocols; ResolveProtocol
	// picks the one a client speaks.
	Protocols    []string `json:"protocols"`
	JSONVersion  string   `json:"jsonVersion"`
	TargetPrefix string   `json:"targetPrefix"`
	// AWSQueryCompatible is present (an empty object) on JSON services
	// migrated from the Query protocol.
	AWSQueryCompatible *struct{} `json:"awsQueryCompatible"`
}

// Operation is one entry of the model's "operations".
type Operation struct {
	Name string `json:"name"`
	HTTP struct {
		Method       string `json:"method"`
		RequestURI   string `json:"requestUri"`
		ResponseCode int    `json:"responseCode"`
	} `json:"http"`
	Input         *Ref   `json:"input"`
	Output        *Ref   `json:"output"`
	Errors        []*Ref `json:"errors"`
	Documentation string `json:"documentation"`
	Deprecated    bool   `json:"deprecated"`
	// EndpointOperation marks the endpoint-discovery operation.
	EndpointOperation bool `json:"endpointoperation"`
	Endpoint          *struct {
		HostPrefix string `json:"hostPrefix"`
	} `json:"endpoint"`
	HTTPChecksumRequired bool `json:"httpChecksumRequired"`
	HTTPChecksum         *struct {
		RequestAlgorithmMember      string   `json:"requestAlgorithmMember"`
		RequestValidationModeMember string   `json:"requestValidationModeMember"`
		ResponseAlgorithms          []string `json:"responseAlgorithms"`
		RequestChecksumRequired     bool     `json:"requestChecksumRequired"`
	} `json:"httpChecksum"`
	RequestCompression *struct {
		Encodings []string `json:"encodings"`
	} `json:"requestcompression"`
	AuthType            string `json:"authtype"`
	UnsignedPayload     bool   `json:"unsignedPayload"`
	StaticContextParams map[string]struct {
		Value any `json:"value"`
	} `json:"staticContextParams"`
	OperationContextParams map[string]struct {
		Path string `json:"path"`
	} `json:"operationContextParams"`
}

// Ref is a reference to a shape: an operation's input, output or error, or
// a structure member, list element or map key/value, with its traits.
type Ref struct {
	Shape            string        `json:"shape"`
	Documentation    string        `json:"documentation"`
	Location         string        `json:"location"`
	LocationName     string        `json:"locationName"`
	QueryName        string        `json:"queryName"`
	XMLNamespace     *XMLNamespace `json:"xmlNamespace"`
	XMLAttribute     bool          `json:"xmlAttribute"`
	Flattened        bool          `json:"flattened"`
	TimestampFormat  string        `json:"timestampFormat"`
	IdempotencyToken bool          `json:"idempotencyToken"`
	HostLabel        bool          `json:"hostLabel"`
	Streaming        bool          `json:"streaming"`
	JSONValue        bool          `json:"jsonvalue"`
	Sensitive        bool          `json:"sensitive"`
	Deprecated       bool          `json:"deprecated"`
	EventPayload     bool          `json:"eventpayload"`
	EventHeader      bool          `json:"eventheader"`
	ResultWrapper    string        `json:"resultWrapper"`
	// Payload on an operation's input or output reference names the
	// payload member, as on the shape (botocore merges a reference's
	// traits into the shape; only the legacy protocol tests do this).
	Payload      string `json:"payload"`
	ContextParam *struct {
		Name string `json:"name"`
	} `json:"contextParam"`
}

// XMLNamespace is the "xmlNamespace" trait. The model writes it either as
// an object {prefix, uri} or as a bare URI string.
type XMLNamespace struct {
	Prefix string `json:"prefix"`
	URI    string `json:"uri"`
}

// UnmarshalJSON accepts both forms of the trait.
func (n *XMLNamespace) UnmarshalJSON(b []byte) error {
	var s string
	if err := json.Unmarshal(b, &s); err == nil {
		*n = XMLNamespace{URI: s}
		return nil
	}
	type plain XMLNamespace
	return json.Unmarshal(b, (*plain)(n))
}

// Shape is one entry of the model's "shapes".
type Shape struct {
	Type            string          `json:"type"`
	Members         map[string]*Ref `json:"-"`
	MemberOrder     []string        `json:"-"`
	Member          *Ref            `json:"member"`
	Key             *Ref            `json:"key"`
	Value           *Ref            `json:"value"`
	Required        []string        `json:"required"`
	Payload         string          `json:"payload"`
	Enum            []string        `json:"enum"`
	Documentation   string          `json:"documentation"`
	Exception       bool            `json:"exception"`
	Fault           bool            `json:"fault"`
	Error           *ShapeError     `json:"error"`
	Union           bool            `json:"union"`
	Flattened       bool            `json:"flattened"`
	LocationName    string          `json:"locationName"`
	XMLNamespace    *XMLNamespace   `json:"xmlNamespace"`
	Streaming       bool            `json:"streaming"`
	TimestampFormat string          `json:"timestampFormat"`
	JSONValue       bool            `json:"jsonvalue"`
	Sensitive       bool            `json:"sensitive"`
	Deprecated      bool            `json:"deprecated"`
	EventStream     bool            `json:"eventstream"`
	Event           bool            `json:"event"`
	// Document marks a structure that is an untyped JSON document.
	Document bool `json:"document"`
	// Sparse marks a list or map whose elements may be null.
	Sparse bool `json:"sparse"`
	// Location and LocationName at shape level apply to every member
	// targeting the shape (botocore merges a shape's serialization traits
	// into its members'); only the protocol tests use this.
	Location string `json:"location"`
}

// ShapeError is an exception shape's "error" trait.
type ShapeError struct {
	Code           string `json:"code"`
	HTTPStatusCode int    `json:"httpStatusCode"`
	SenderFault    bool   `json:"senderFault"`
}

// UnmarshalJSON decodes a shape, keeping the order of its members as the
// model lists them (Go struct fields follow that order).
func (s *Shape) UnmarshalJSON(b []byte) error {
	type plain Shape
	if err := json.Unmarshal(b, (*plain)(s)); err != nil {
		return err
	}
	var raw struct {
		Members json.RawMessage `json:"members"`
	}
	if err := json.Unmarshal(b, &raw); err != nil {
		return err
	}
	if len(raw.Members) == 0 {
		return nil
	}
	order, err := objectKeys(raw.Members)
	if err != nil {
		return err
	}
	s.MemberOrder = order
	return json.Unmarshal(raw.Members, &s.Members)
}

// objectKeys returns the keys of a JSON object in document order.
func objectKeys(b []byte) ([]string, error) {
	var m map[string]json.RawMessage
	if err := json.Unmarshal(b, &m); err != nil {
		return nil, err
	}
	dec := json.NewDecoder(bytes.NewReader(b))
	if _, err := dec.Token(); err != nil { // {
		return nil, err
	}
	keys := make([]string, 0, len(m))
	for dec.More() {
		t, err := dec.Token()
		if err != nil {
			return nil, err
		}
		k, ok := t.(string)
		if !ok {
			return nil, fmt.Errorf("codegen: object key %v is not a string", t)
		}
		keys = append(keys, k)
		var skip json.RawMessage
		if err := dec.Decode(&skip); err != nil {
			return nil, err
		}
	}
	return keys, nil
}

// Paginator is one entry of paginators-1.json. Token and key fields may be a
// string or a list of strings in the model; both are kept as lists.
type Paginator struct {
	InputToken  StringList `json:"input_token"`
	OutputToken StringList `json:"output_token"`
	LimitKey    string     `json:"limit_key"`
	ResultKey   StringList `json:"result_key"`
	MoreResults string     `json:"more_results"`
}

// StringList is a JSON string or list of strings.
type StringList []string

// UnmarshalJSON accepts a string or a list of strings.
func (l *StringList) UnmarshalJSON(b []byte) error {
	var s string
	if err := json.Unmarshal(b, &s); err == nil {
		*l = StringList{s}
		return nil
	}
	return json.Unmarshal(b, (*[]string)(l))
}

// Waiter is one entry of waiters-2.json.
type Waiter struct {
	Operation   string     `json:"operation"`
	Delay       int        `json:"delay"`
	MaxAttempts int        `json:"maxAttempts"`
	Description string     `json:"description"`
	Acceptors   []Acceptor `json:"acceptors"`
}

// Acceptor is one waiter acceptor.
type Acceptor struct {
	Matcher  string `json:"matcher"`
	Expected any    `json:"expected"`
	Argument string `json:"argument"`
	State    string `json:"state"`
}

// LoadAPI reads service-2.json, and paginators-1.json and waiters-2.json when
// they exist, from dir.
func LoadAPI(dir string) (*API, error) {
	b, err := os.ReadFile(filepath.Join(dir, "service-2.json"))
	if err != nil {
		return nil, err
	}
	if extras, err := os.ReadFile(filepath.Join(dir, "service-2.sdk-extras.json")); err == nil {
		if b, err = MergeExtras(b, extras); err != nil {
			return nil, fmt.Errorf("codegen: %s: sdk-extras: %w", dir, err)
		}
	} else if !os.IsNotExist(err) {
		return nil, err
	}
	api, err := ParseAPI(b)
	if err != nil {
		return nil, fmt.Errorf("codegen: %s: %w", dir, err)
	}
	if b, err := os.ReadFile(filepath.Join(dir, "paginators-1.json")); err == nil {
		var p struct {
			Pagination map[string]*Paginator `json:"pagination"`
		}
		if err := json.Unmarshal(b, &p); err != nil {
			return nil, fmt.Errorf("codegen: %s paginators: %w", dir, err)
		}
		api.Paginators = p.Pagination
	} else if !os.IsNotExist(err) {
		return nil, err
	}
	if b, err := os.ReadFile(filepath.Join(dir, "waiters-2.json")); err == nil {
		var w struct {
			Waiters map[string]*Waiter `json:"waiters"`
		}
		if err := json.Unmarshal(b, &w); err != nil {
			return nil, fmt.Errorf("codegen: %s waiters: %w", dir, err)
		}
		api.Waiters = w.Waiters
	} else if !os.IsNotExist(err) {
		return nil, err
	}
	return api, nil
}

// ParseAPI decodes a service-2.json document and checks that every shape
// reference resolves.
func ParseAPI(b []byte) (*API, error) {
	var api API
	if err := json.Unmarshal(b, &api); err != nil {
		return nil, err
	}
	for name, op := range api.Operations {
		if op.Name == "" {
			op.Name = name
		}
	}
	if err := api.check(); err != nil {
		return nil, err
	}
	return &api, nil
}

func (a *API) check() error {
	var missing []string
	ref := func(where string, r *Ref) {
		if r != nil && a.Shapes[r.Shape] == nil {
			missing = append(missing, where+" -> "+r.Shape)
		}
	}
	for name, op := range a.Operations {
		ref(name+" input", op.Input)
		ref(name+" output", op.Output)
		for _, e := range op.Errors {
			ref(name+" error", e)
		}
	}
	for name, s := range a.Shapes {
		for mn, m := range s.Members {
			ref(name+"."+mn, m)
		}
		ref(name+" member", s.Member)
		ref(name+" key", s.Key)
		ref(name+" value", s.Value)
	}
	if len(missing) > 0 {
		sort.Strings(missing)
		return fmt.Errorf("codegen: unresolved shapes: %v", missing)
	}
	return nil
}

// OperationNames returns the model's operation names, sorted.
func (a *API) OperationNames() []string {
	names := make([]string, 0, len(a.Operations))
	for n := range a.Operations {
		names = append(names, n)
	}
	sort.Strings(names)
	return names
}
