package restxml_test

import (
	"bytes"
	"net/http"
	"path/filepath"
	"reflect"
	"runtime"
	"testing"

	"github.com/goto3/goto3/internal/pipeline"
	legacyin "github.com/goto3/goto3/internal/testing/protocoltest/legacy/restxml/input"
	legacyout "github.com/goto3/goto3/internal/testing/protocoltest/legacy/restxml/output"
	ptinput "github.com/goto3/goto3/internal/testing/protocoltest/restxml/input"
	ptoutput "github.com/goto3/goto3/internal/testing/protocoltest/restxml/output"
	"github.com/goto3/goto3/protocol"
	"github.com/goto3/goto3/protocol/internal/conformance"
	"github.com/goto3/goto3/protocol/restxml"
	"github.com/goto3/goto3/protocol/xmlutil"
)

var codec = conformance.Codec{
	Protocol:          "rest-xml",
	MarshalRequest:    restxml.MarshalRequest,
	UnmarshalResponse: restxml.UnmarshalResponse,
	UnmarshalError:    restxml.UnmarshalError,
	// Request compression runs after serialization, as in the client.
	Build: func(req *http.Request, op *protocol.Operation) error {
		return pipeline.CompressRequest(req, op, pipeline.Compression{})
	},
	DecodeEventPayload: func(sh *protocol.Shape, payload []byte, v reflect.Value) error {
		return xmlutil.Decode(bytes.NewReader(payload), sh, v, xmlutil.DecodeOptions{})
	},
}

// The overrides: cases skipped or checked against something other than
// the file, each with its reason. Every other case, including those on
// botocore's ignore list, passes as written.
var inputOverrides = map[string]conformance.Override{
	"HttpPayloadWithXmlNamespace":          {Skip: true, Reason: reasonPayloadName},
	"HttpPayloadWithXmlNamespaceAndPrefix": {Skip: true, Reason: reasonPayloadName},
	"XmlAttributesOnPayload":               {Skip: true, Reason: reasonPayloadName},
	"RestXmlHttpPayloadWithUnion":          {Skip: true, Reason: reasonPayloadName},
	// botocore's ignore list: it deliberately sends something else.
	"NullAndEmptyHeaders": {
		Headers:       map[string]string{"X-B": ""},
		ForbidHeaders: []string{"X-A", "X-C"},
		Reason:        "botocore sends no header for an empty list (serialize.py _partition_parameters: \"Empty lists should not be set on the headers\"), and neither does goto3 (the legacy suite's \"List in header\" case asks for that too); the case wants X-C: \"\"",
	},
}

const reasonPayloadName = "the botocore-format model gives the payload member a locationName equal to its member name, and S3 relies on that name winning over the target shape's name (PutBucketLifecycleConfiguration's member LifecycleConfiguration targets BucketLifecycleConfiguration and must be sent as <LifecycleConfiguration>); this case expects the shape name instead, which the model cannot tell apart (botocore's ignore list skips it too)"

var legacyInputOverrides = map[string]conformance.Override{}

var legacyOutputOverrides = map[string]conformance.Override{
	"legacy/rest-xml/output/19": {NotModeled: true, Reason: "the code names OtherExceptionShape, which is not among the operation's errors: botocore's test runner looks the code up among all the model's shapes, goto3 fills Modeled only from the operation's modelled errors (code and message are still checked)"},
	"legacy/rest-xml/output/23": {
		Result: map[string]any{"UnionMember": map[string]any{}},
		Reason: "a union member this model does not know is skipped, as unknown members of structures are: goto3's union structs have no field for it, where botocore returns {\"SDK_UNKNOWN_MEMBER\": {\"name\": ...}}",
	},
}

func testdataPath(parts ...string) string {
	_, file, _, _ := runtime.Caller(0)
	return filepath.Join(append([]string{filepath.Dir(file), "..", "..", "testdata"}, parts...)...)
}

func TestConformance(t *testing.T) {
	files := []conformance.File{
		{Path: "input/rest-xml.json", Lookup: ptinput.Lookup, Overrides: inputOverrides},
		{Path: "output/rest-xml.json", Lookup: ptoutput.Lookup},
		{Path: "legacy/input/rest-xml.json", Lookup: legacyin.Lookup, Overrides: legacyInputOverrides},
		{Path: "legacy/output/rest-xml.json", Lookup: legacyout.Lookup, Overrides: legacyOutputOverrides},
	}
	for _, f := range files {
		conformance.Run(t, f, codec)
	}
}
