package codegen_test

import (
	"strings"
	"testing"

	"github.com/goto3/goto3/internal/codegen"
)

func TestResolveProtocol(t *testing.T) {
	tests := []struct {
		name      string
		protocol  string
		protocols []string
		want      string
		wantErr   bool
	}{
		{"legacy field only", "rest-xml", nil, "rest-xml", false},
		{"empty list falls back", "query", []string{}, "query", false},
		{"single", "json", []string{"json"}, "json", false},
		{"botocore's order, not the model's", "smithy-rpc-v2-cbor", []string{"smithy-rpc-v2-cbor", "json"}, "json", false},
		{"json before query", "query", []string{"query", "json"}, "json", false},
		{"rest-xml before query", "query", []string{"query", "rest-xml"}, "rest-xml", false},
		{"cbor before query", "query", []string{"query", "smithy-rpc-v2-cbor"}, "smithy-rpc-v2-cbor", false},
		{"list wins over the legacy field", "query", []string{"ec2"}, "ec2", false},
		{"none supported", "json", []string{"grpc"}, "", true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := codegen.ResolveProtocol(tt.protocol, tt.protocols)
			if (err != nil) != tt.wantErr {
				t.Fatalf("got error %v, want error %v", err, tt.wantErr)
			}
			if got != tt.want {
				t.Errorf("got %q, want %q", got, tt.want)
			}
		})
	}
}

const jsonModel = `{
  "version": "2.0",
  "metadata": {
    "apiVersion": "2024-01-01", "endpointPrefix": "jdemo", "protocol": "smithy-rpc-v2-cbor",
    "protocols": ["smithy-rpc-v2-cbor", "json"], "jsonVersion": "1.0",
    "targetPrefix": "JDemo_20240101", "serviceId": "JDemo", "awsQueryCompatible": {}
  },
  "operations": {
    "Put": {"name": "Put", "http": {"method": "POST", "requestUri": "/"},
      "input": {"shape": "PutRequest"}, "output": {"shape": "PutResponse"}}
  },
  "shapes": {
    "PutRequest": {"type": "structure", "members": {
      "Doc": {"shape": "Document"},
      "Sparse": {"shape": "SparseList"},
      "SparseMap": {"shape": "SparseMap"},
      "Dense": {"shape": "DenseList"},
      "Big": {"shape": "BigInt"},
      "Hdr": {"shape": "HeaderString"},
      "Named": {"shape": "HeaderString", "locationName": "X-Named"},
      "Char": {"shape": "Char"}
    }},
    "PutResponse": {"type": "structure", "members": {
      "Events": {"shape": "Stream"},
      "First": {"shape": "String"}
    }},
    "Stream": {"type": "structure", "eventstream": true, "members": {"Ev": {"shape": "Ev"}, "Oops": {"shape": "Oops"}}},
    "Oops": {"type": "structure", "exception": true, "members": {"message": {"shape": "String"}}},
    "Ev": {"type": "structure", "event": true, "members": {
      "Body": {"shape": "String", "eventpayload": true},
      "Flag": {"shape": "Boolean", "eventheader": true}
    }},
    "Document": {"type": "structure", "members": {}, "document": true},
    "SparseList": {"type": "list", "member": {"shape": "String"}, "sparse": true},
    "SparseMap": {"type": "map", "key": {"shape": "String"}, "value": {"shape": "Thing"}, "sparse": true},
    "DenseList": {"type": "list", "member": {"shape": "String"}},
    "Thing": {"type": "structure", "members": {"A": {"shape": "String"}}},
    "BigInt": {"type": "bigInteger"},
    "HeaderString": {"type": "string", "location": "header", "locationName": "X-Default"},
    "Char": {"type": "character"},
    "String": {"type": "string"},
    "Boolean": {"type": "boolean"}
  }
}`

// TestJSONModel checks what the JSON protocols need from the generator:
// the protocol resolved from "protocols", the JSON service traits,
// documents as any, sparse collections with pointer elements, an event
// stream output member that is not the payload, event headers, and
// shape-level locations.
func TestJSONModel(t *testing.T) {
	api, err := codegen.ParseAPI([]byte(jsonModel))
	if err != nil {
		t.Fatal(err)
	}
	files, _, err := codegen.GenerateService(api, "jdemo", codegen.Config{}, codegen.ServiceSpec{Package: "jdemo"}, demoRuleSet(t))
	if err != nil {
		t.Fatal(err)
	}
	raw := string(files["api_types.go"]) + string(files["api_schema.go"]) + string(files["doc.go"]) + string(files["api_events.go"])
	all := spaces.ReplaceAllString(raw, " ")
	tests := []struct{ name, want string }{
		{"service", `protocol.Service{ID: "JDemo", APIVersion: "2024-01-01", Protocol: "json", EndpointPrefix: "jdemo", SigningName: "jdemo", Errors: []*protocol.Shape{&shOops}, JSONVersion: "1.0", TargetPrefix: "JDemo_20240101", AWSQueryCompatible: true}`},
		{"package doc names the resolved protocol", "protocol json)"},
		{"document is any", "\tDoc any\n"},
		{"document shape", `protocol.Shape{Name: "Document", Type: protocol.TypeDocument}`},
		{"sparse list of pointers", "\tSparse []*string\n"},
		{"sparse map of pointers", "\tSparseMap map[string]*Thing\n"},
		{"dense list", "\tDense []string\n"},
		{"sparse shape", `Type: protocol.TypeList, Member: &protocol.Member{Field: -1, Shape: &shString}, Sparse: true}`},
		{"big integer is a string", "\tBig *string\n"},
		{"character is a string", "\tChar *string\n"},
		{"event stream member is the raw body", "\tEvents io.ReadCloser\n"},
		{"event header", `{Name: "Flag", Field: 1, Shape: &shBoolean, EventHeader: true}`},
		{"event stream exceptions have no field", "type Stream struct {\n\tEv *Ev\n}"},
		{"event stream exceptions", "EventStream: true, EventExceptions: []protocol.Member{\n\t{Name: \"Oops\", Field: -1, Shape: &shOops},\n}, NilPtr: (*Stream)(nil)}"},
		{"event reader", "func (o *PutOutput) ReadEvents() *PutEventReader {"},
		{"event reader's stream", "s *pipeline.EventStream[Stream]"},
		{"event reader's errors", "and, for the modelled one, *Oops."},
		{"shape-level location and name", `{Name: "Hdr", Field: 5, Shape: &shHeaderString, Location: protocol.LocationHeader, LocationName: "X-Default"}`},
		{"member name wins over the shape's", `{Name: "Named", Field: 6, Shape: &shHeaderString, Location: protocol.LocationHeader, LocationName: "X-Named"}`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if !strings.Contains(all, tt.want) && !strings.Contains(raw, tt.want) {
				t.Errorf("generated code lacks %q", tt.want)
			}
		})
	}
	if strings.Contains(raw, "type Document struct") {
		t.Errorf("got a struct type for the document shape, want none")
	}
}

func TestUnsupportedProtocols(t *testing.T) {
	model := strings.Replace(jsonModel, `"protocols": ["smithy-rpc-v2-cbor", "json"]`, `"protocols": ["smithy-rpc-v3"]`, 1)
	api, err := codegen.ParseAPI([]byte(model))
	if err != nil {
		t.Fatal(err)
	}
	if _, _, err := codegen.GenerateService(api, "jdemo", codegen.Config{}, codegen.ServiceSpec{Package: "jdemo"}, demoRuleSet(t)); err == nil || !strings.Contains(err.Error(), "smithy-rpc-v3") {
		t.Errorf("got error %v, want one naming the model's protocols", err)
	}
}

// TestLegacySuites: the legacy protocol-test files have no case ids and
// give one operation name several definitions in a suite. Cases are named
// by their position in the file, and a suite is split into parts.
func TestLegacySuites(t *testing.T) {
	const file = `[
 {"description": "first", "metadata": {"protocol": "json", "jsonVersion": "1.1", "targetPrefix": "Foo"},
  "shapes": {"A": {"type": "structure", "members": {"X": {"shape": "S"}}},
             "B": {"type": "structure", "members": {"Y": {"shape": "S"}}},
             "S": {"type": "string"}},
  "cases": [
   {"given": {"name": "OperationName", "input": {"shape": "A"}}, "params": {}},
   {"given": {"name": "OperationName", "input": {"shape": "B"}}, "params": {}},
   {"given": {"name": "OperationName", "input": {"shape": "A"}}, "params": {}}
  ]},
 {"description": "second", "metadata": {"protocol": "json"},
  "shapes": {"A": {"type": "structure", "members": {"X": {"shape": "S"}}}, "S": {"type": "string"}},
  "cases": [{"given": {"name": "OperationName", "input": {"shape": "A"}}, "params": {}}]}
]`
	files, err := codegen.GenerateSuites([]byte(file), "input", false)
	if err != nil {
		t.Fatal(err)
	}
	schema := spaces.ReplaceAllString(string(files["schema.go"]), " ")
	for _, want := range []string{
		`{Suite: 0, ID: "0"}: {Operation: &opS00OperationName,`,
		`{Suite: 0, ID: "1"}: {Operation: &opS00P1OperationName,`,
		`{Suite: 0, ID: "2"}: {Operation: &opS00OperationName,`,
		`{Suite: 1, ID: "3"}: {Operation: &opS01OperationName,`,
		`// Suite 0, part 1: first.`,
		`TargetPrefix: "Foo"`,
	} {
		if !strings.Contains(schema, want) {
			t.Errorf("schema.go lacks %q", want)
		}
	}
	if !strings.Contains(string(files["types.go"]), "type S00P1B struct") {
		t.Errorf("types.go lacks the second part's input type S00P1B")
	}
	// A current file (cases with ids) must not define an operation twice.
	dup := strings.ReplaceAll(file, `{"given"`, `{"id": "x", "given"`)
	if _, err := codegen.GenerateSuites([]byte(dup), "input", false); err == nil {
		t.Errorf("got no error for an operation given twice differently in a file with ids")
	}
}

func TestCaseID(t *testing.T) {
	tests := []struct {
		id   string
		n    int
		want string
	}{
		{"Foo", 3, "Foo"},
		{"", 0, "0"},
		{"", 17, "17"},
	}
	for _, tt := range tests {
		if got := codegen.CaseID(tt.id, tt.n); got != tt.want {
			t.Errorf("CaseID(%q, %d): got %q, want %q", tt.id, tt.n, got, tt.want)
		}
	}
}
